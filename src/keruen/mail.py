"""Sending e-mail: SMTP when `KERUEN_SMTP_HOST` is set, otherwise a file per message in
`data_dir/outbox` (the demo and a single machine without a mail server)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import make_msgid

from keruen.config import Settings
from keruen.core.timeutil import utcnow


def send(
    settings: Settings,
    *,
    to: str,
    subject: str,
    body: str,
    attachments: list[tuple[str, str, bytes]] | None = None,
    language: str | None = None,
) -> str:
    """Send one plain-text message (with attachments: filename, MIME type, bytes); returns its
    Message-ID."""
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="keruen")
    message.set_content(body)
    for filename, mime, data in attachments or []:
        main, _, sub = mime.partition("/")
        message.add_attachment(data, maintype=main, subtype=sub, filename=filename)
    if language:  # last: setting the content moves Content-* headers into the body part
        message["Content-Language"] = language
    if settings.smtp_host:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
            smtp.send_message(message)
    else:
        outbox = settings.data_dir / "outbox"
        outbox.mkdir(parents=True, exist_ok=True)
        stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
        (outbox / f"{stamp}.eml").write_bytes(bytes(message))
    return str(message["Message-ID"])
