"""What every route shares: the reader's language, who is signed in, CSRF, one unit of work and
rendering. A route parses its input, calls a service through these, and renders; it holds no
business rule.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from babel.dates import (
    format_date,
    format_datetime,
    format_time,
)
from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from keruen import boundary
from keruen.accounts import service as accounts
from keruen.accounts.service import Principal
from keruen.config import Settings
from keruen.core.errors import PermissionDenied
from keruen.core.i18n_markers import N_
from keruen.core.names import display_name
from keruen.core.text import LocalizedText
from keruen.core.timeutil import utc_to_local
from keruen.i18n import (
    BABEL_LOCALES,
    SUPPORTED_LOCALES,
    clock_name,
    get_translations,
    normalize_locale,
)

HERE = Path(__file__).parent
SESSION_COOKIE = "keruen_session"
ANON_CSRF_COOKIE = "keruen_csrf"
LANG_COOKIE = "lang"
LANGUAGE_NAMES = {"ru": "Русский", "kk": "Қазақша", "zh": "中文", "en": "English"}


def explicit_locale(value: str | None) -> str | None:
    """A supported language code, or None."""
    if value and normalize_locale(value) == value.split("-")[0].split("_")[0].lower():
        return normalize_locale(value)
    return None


def browser_locale(request: Request) -> str | None:
    header = request.headers.get("accept-language", "")
    weighted = []
    for part in header.split(","):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        base = tag.split("-")[0].lower()
        if base in SUPPORTED_LOCALES:
            weighted.append((weight, base))
    return max(weighted)[1] if weighted else None


def negotiate_locale(request: Request, user_setting: str | None = None, default: str = "en") -> str:
    """`?lang=` first, then the `lang` cookie (the language switcher), then the user's own
    setting, then the browser's Accept-Language, then the deployment's default
    (`KERUEN_DEFAULT_LOCALE`, English unless set)."""
    for value in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        found = explicit_locale(value)
        if found:
            return found
    return (
        explicit_locale(user_setting) or browser_locale(request) or explicit_locale(default) or "en"
    )


@dataclass
class Reader:
    """One request's reader: language, translations and Babel formatting in their clock."""

    locale: str
    who: Principal | None

    def __post_init__(self) -> None:
        self.translations = get_translations(self.locale)
        self.babel = BABEL_LOCALES[self.locale]

    def _(self, message: str) -> str:
        return self.translations.gettext(message)

    def n_(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def name(self, value: LocalizedText | None) -> str:
        return display_name(dict(value.values), value.source, self.locale) if value else ""

    def date(self, value: Any, form: str = "long") -> str:
        return format_date(value, form, locale=self.babel)

    def time(self, moment: Any, zone: str) -> str:
        return format_time(utc_to_local(moment, zone), "short", locale=self.babel)

    def datetime(self, moment: Any, zone: str, form: str = "medium") -> str:
        return format_datetime(utc_to_local(moment, zone), form, locale=self.babel)

    def zone(self, zone: str, moment: Any) -> str:
        """The clock `zone` as the reader names it ("Шанхай, UTC+8")."""
        return clock_name(zone, moment, self.locale)


class Web:
    """The app's wiring, shared by every router (`request.app.state.web`)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.secure_cookies = settings.secure_cookies

    @contextmanager
    def read(self) -> Iterator[Session]:
        with boundary.unit_of_work(self.settings, read_only=True) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with boundary.unit_of_work(self.settings) as session:
            yield session

    # ------------------------------------------------------------ who and in which language

    def principal(self, request: Request) -> Principal | None:
        """Who is signed in (read once per request)."""
        if "principal" not in request.state._state:
            token = request.cookies.get(SESSION_COOKIE)
            found = None
            if token:
                with self.read() as session:
                    found = accounts.principal(session, token)
                    if found is not None:
                        request.state.user_locale = _user_locale(session, found)
            request.state.principal = found
        who: Principal | None = request.state.principal
        return who

    def reader(self, request: Request) -> Reader:
        who = self.principal(request)
        locale = negotiate_locale(
            request, getattr(request.state, "user_locale", None), self.settings.default_locale
        )
        return Reader(locale, who)

    def require(self, request: Request) -> Principal:
        who = self.principal(request)
        if who is None:
            raise PermissionDenied(N_("sign in first"))
        return who

    # ------------------------------------------------------------ CSRF

    def csrf_token(self, request: Request) -> str:
        """The token a form must send back: the session's, or (signed out) a cookie's."""
        who = self.principal(request)
        if who is not None:
            return who.csrf_token
        token = request.cookies.get(ANON_CSRF_COOKIE) or getattr(
            request.state, "new_anon_csrf", None
        )
        if not token:
            token = secrets.token_urlsafe(24)
            request.state.new_anon_csrf = token
        return token

    async def check_csrf(self, request: Request) -> None:
        """Every unsafe request carries the token in the form or in the X-CSRF-Token header."""
        sent = request.headers.get("x-csrf-token")
        if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            form = await request.form()
            value = form.get("csrf_token")
            sent = value if isinstance(value, str) else None
        who = self.principal(request)
        expected = who.csrf_token if who else request.cookies.get(ANON_CSRF_COOKIE)
        if not sent or not expected or not hmac.compare_digest(sent, expected):
            raise PermissionDenied(
                N_("the form has expired or did not come from this site; reload the page")
            )

    # ------------------------------------------------------------ rendering

    def page(
        self, request: Request, template: str, context: dict[str, Any], status: int = 200
    ) -> Response:
        reader = self.reader(request)
        response = self.templates.TemplateResponse(
            request,
            template,
            {**self.context(request, reader), **context},
            status_code=status,
        )
        self.finish(request, response)
        return response

    def context(self, request: Request, reader: Reader) -> dict[str, Any]:
        return {
            "lang": reader.locale,
            "_": reader._,
            "ngettext": reader.n_,
            "r": reader,
            "who": reader.who,
            "locales": SUPPORTED_LOCALES,
            "language_names": LANGUAGE_NAMES,
            "csrf_token": self.csrf_token(request),
            "path": request.url.path,
        }

    def finish(self, request: Request, response: Response) -> None:
        """Cookies the request decided on: the language switch and a new anonymous CSRF token."""
        lang = explicit_locale(request.query_params.get("lang"))
        if lang and request.cookies.get(LANG_COOKIE) != lang:
            response.set_cookie(
                LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax", secure=self.secure_cookies
            )
        token = getattr(request.state, "new_anon_csrf", None)
        if token:
            self.set_cookie(response, ANON_CSRF_COOKIE, token, max_age=3600 * 12)

    def set_cookie(self, response: Response, name: str, value: str, max_age: int) -> None:
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            httponly=True,
            samesite="lax",
            secure=self.secure_cookies,
            path="/",
        )


def _user_locale(session: Session, who: Principal) -> str | None:
    from keruen.accounts.models import Account
    from keruen.organizations.models import Delegate

    if who.account_id is not None:
        account = session.get(Account, who.account_id)
        return account.locale if account else None
    delegate = session.get(Delegate, who.delegate_id)
    return delegate.locale if delegate else None


def web_of(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


PDF, ICS = "application/pdf", "text/calendar; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(data: bytes, media: str, name: str) -> Response:
    """A file the browser saves under `name` (any script), never cached on the way."""
    return Response(
        data,
        media_type=media,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
            "Cache-Control": "no-store",
        },
    )
