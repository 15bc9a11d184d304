"""E-mails reach a real local SMTP server (aiosmtpd) in the recipient's language, with the PDF
and the calendar file attached where the agenda is concerned."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from email.message import Message as EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from icalendar import Calendar
from sqlalchemy.orm import Session

from keruen import mail
from keruen.agendas import calendar, notifications
from keruen.config import Settings
from keruen.demo.loader import load_demo
from keruen.events import service as event_service
from keruen.events.queries import find_participation
from keruen.meetings import schedule_service, service

pytestmark = [pytest.mark.integration, pytest.mark.slow]
URL = "https://forum.example.kz"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def _send(settings: Settings, message: notifications.Message) -> None:
    mail.send(
        settings,
        to=message.to,
        subject=message.subject,
        body=message.body,
        attachments=[(a.filename, a.mime, a.data) for a in message.attachments],
        language=message.locale,
    )


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",)) if hasattr(message, "get_body") else None
    if part is None:
        for piece in message.walk():
            if piece.get_content_type() == "text/plain":
                part = piece
                break
    assert part is not None
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


def test_request_and_agenda_mails_reach_smtp_in_each_readers_language(
    session: Session, smtp: tuple[Inbox, int], tmp_path: Path
) -> None:
    inbox, port = smtp
    settings = Settings(data_dir=tmp_path, smtp_host="127.0.0.1", smtp_port=port)
    load_demo(session)
    event = event_service.get_event(session, "turkestan-bayingol-2027")
    kazakh = find_participation(session, event, "a.nurlanov@kz.example")
    chinese = find_participation(session, event, "wang.jianguo@cn.example")
    request = service.request_meeting(
        session, event=event, requester_id=kazakh.id, target_id=chinese.id, message="Привет!"
    )
    _send(settings, notifications.request_message(request, "received", URL))
    service.accept_request(session, request_id=request.id, actor_id=chinese.id)
    _send(settings, notifications.request_message(request, "accepted", URL))
    plan = schedule_service.plan_event(session, event=event, seconds=5)
    schedule_service.publish_schedule(session, event=event, version=plan.version)
    _send(settings, notifications.agenda_message(session, event, chinese, URL))

    received, accepted, agenda = inbox.messages
    assert received["To"] == "wang.jianguo@cn.example" and received["Content-Language"] == "zh"
    assert "会谈请求" in received["Subject"]
    assert "Привет!" in _body(received) and f"{URL}/me/" in _body(received)
    assert accepted["To"] == "a.nurlanov@kz.example" and accepted["Content-Language"] == "ru"
    assert "принял" in _body(accepted) or "приняла" in _body(accepted)
    files = {
        p.get_filename(): p.get_payload(decode=True) for p in agenda.walk() if p.get_filename()
    }
    assert set(files) == {"agenda.pdf", "agenda.ics"}
    assert files["agenda.pdf"].startswith(b"%PDF")
    parsed = Calendar.from_ical(files["agenda.ics"])
    uids = {str(e["UID"]) for e in parsed.walk("VEVENT")}
    assert calendar.uid_of(event, f"r{request.id}") in uids
    assert "/cal/" in _body(agenda)  # the subscription address


def test_without_smtp_mail_goes_to_the_outbox(session: Session, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    mail.send(settings, to="x@example.org", subject="s", body="b", language="kk")
    files = list((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 1 and b"Content-Language: kk" in files[0].read_bytes()
