"""`create_app(settings)`: the one place that wires the web application.

Every route parses, calls one query or service through `keruen.boundary`, and renders; errors
of ours are mapped in one exception handler by `boundary.refusal` (the same mapping the CLI
uses), in the reader's language: JSON under /api/v1, a page elsewhere. This first part serves
what is public (health, the events and their programme); sign-in, roles and personal pages
come next and will use the same wiring.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_time
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from keruen import boundary
from keruen.config import Settings, get_settings
from keruen.core.errors import KeruenError
from keruen.core.i18n_markers import N_
from keruen.core.names import display_name
from keruen.core.text import LocalizedText
from keruen.core.timeutil import utc_to_local
from keruen.i18n import SUPPORTED_LOCALES, get_translations, normalize_locale

HERE = Path(__file__).parent
# Words only the templates use (the others are shared with the command line).
TEMPLATE_WORDS = (N_("Time zone %(zone)s"),)
BABEL_LOCALES = {"ru": "ru", "kk": "kk", "zh": "zh_Hans_CN", "en": "en"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def negotiate_locale(request: Request) -> str:
    """`?lang=` first, then the `lang` cookie, then the browser's Accept-Language."""
    for value in (request.query_params.get("lang"), request.cookies.get("lang")):
        if value and normalize_locale(value) == value.split("-")[0].lower():
            return normalize_locale(value)
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
    return max(weighted)[1] if weighted else "en"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="keruen",
        version="1",
        description="Cross-border business matchmaking: events, directory, schedules.",
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @contextmanager
    def read() -> Iterator[Session]:
        with boundary.unit_of_work(settings, read_only=True) as session:
            yield session

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.exception_handler(KeruenError)
    async def refused(request: Request, error: KeruenError) -> Response:
        locale = negotiate_locale(request)
        answer = boundary.refusal(error, get_translations(locale))
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"error": answer.kind, "message": answer.message}, status_code=answer.http_status
            )
        return templates.TemplateResponse(
            request,
            "public/error.html",
            {**_page(locale), "message": answer.message},
            status_code=answer.http_status,
        )

    @app.get("/api/v1/health", tags=["operations"])
    def health() -> JSONResponse:
        """The database answers (and, when configured, the job queue's Redis)."""
        checks: dict[str, str] = {}
        try:
            with read() as session:
                session.execute(text("SELECT 1"))
            checks["database"] = "ok"
        except KeruenError as error:
            checks["database"] = str(error)
        ok = all(v == "ok" for v in checks.values())
        return JSONResponse({"ok": ok, **checks}, status_code=200 if ok else 503)

    @app.get("/api/v1/events", tags=["events"])
    def api_events(request: Request) -> list[dict[str, Any]]:
        locale = negotiate_locale(request)
        with read() as session:
            return [_event_json(e, locale) for e in _events(session)]

    @app.get("/api/v1/events/{slug}", tags=["events"])
    def api_event(slug: str, request: Request) -> dict[str, Any]:
        locale = negotiate_locale(request)
        with read() as session:
            event = _event(session, slug)
            return {**_event_json(event, locale), "sessions": _sessions(event, locale)}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> Response:
        locale = negotiate_locale(request)
        with read() as session:
            events = [_event_json(e, locale) for e in _events(session)]
        return templates.TemplateResponse(
            request, "public/events.html", {**_page(locale), "events": events}
        )

    @app.get("/e/{slug}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(slug: str, request: Request) -> Response:
        locale = negotiate_locale(request)
        with read() as session:
            event = _event(session, slug)
            context = {
                **_page(locale),
                "event": _event_json(event, locale),
                "sessions": _sessions(event, locale),
            }
        return templates.TemplateResponse(request, "public/event.html", context)

    return app


def _page(locale: str) -> dict[str, Any]:
    t = get_translations(locale)
    return {"lang": locale, "_": t.gettext, "ngettext": t.ngettext, "locales": SUPPORTED_LOCALES}


def _shown(value: LocalizedText | None, locale: str) -> str:
    return display_name(dict(value.values), value.source, locale) if value else ""


def _events(session: Session) -> list[Any]:
    from keruen.events.models import Event

    return list(session.scalars(select(Event).order_by(Event.starts_on, Event.slug)))


def _event(session: Session, slug: str) -> Any:
    from keruen.events import service as event_service

    return event_service.get_event(session, slug)


def _event_json(event: Any, locale: str) -> dict[str, Any]:
    babel = BABEL_LOCALES[locale]
    return {
        "slug": event.slug,
        "name": _shown(event.names, locale),
        "venue": _shown(event.venue, locale),
        "timezone": event.timezone,
        "starts_on": event.starts_on.isoformat(),
        "ends_on": event.ends_on.isoformat(),
        "dates": f"{format_date(event.starts_on, 'long', locale=babel)} – "
        f"{format_date(event.ends_on, 'long', locale=babel)}",
        "sides": [{"code": s.code, "name": _shown(s.names, locale)} for s in event.sides],
    }


def _other_zones(event: Any) -> list[str]:
    """The sides' own clocks that differ from the event's (Bayingol keeps Beijing time)."""
    from keruen.reference.regions import timezone_of

    probe = datetime.combine(event.starts_on, datetime.min.time(), tzinfo=UTC)
    here = utc_to_local(probe, event.timezone).utcoffset()
    zones = []
    for side in event.sides:
        zone = timezone_of(side.region_code)
        if zone and zone not in zones and utc_to_local(probe, zone).utcoffset() != here:
            zones.append(zone)
    return zones


def _sessions(event: Any, locale: str) -> list[dict[str, Any]]:
    babel = BABEL_LOCALES[locale]
    others = _other_zones(event)
    out = []
    for s in event.sessions:
        start = utc_to_local(s.starts_at, event.timezone)
        end = utc_to_local(s.ends_at, event.timezone)
        out.append(
            {
                "code": s.code,
                "kind": s.kind,
                "name": _shown(s.names, locale),
                "day": format_date(start.date(), "full", locale=babel),
                "start": format_time(start, "short", locale=babel),
                "end": format_time(end, "short", locale=babel),
                "starts_at": s.starts_at.isoformat(),
                "ends_at": s.ends_at.isoformat(),
                "hall": s.hall.code if s.hall else None,
                "other_clocks": [
                    {
                        "zone": zone,
                        "start": format_time(
                            utc_to_local(s.starts_at, zone), "short", locale=babel
                        ),
                        "end": format_time(utc_to_local(s.ends_at, zone), "short", locale=babel),
                    }
                    for zone in others
                ],
            }
        )
    return out
