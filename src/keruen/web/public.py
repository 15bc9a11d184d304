"""What anyone may read: health, the events and their programme (pages and API)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from keruen.core.errors import KeruenError
from keruen.core.i18n_markers import N_
from keruen.core.timeutil import utc_to_local
from keruen.web.common import Reader, web_of

router = APIRouter()
# Words only the templates use (the others are shared with the command line).
TEMPLATE_WORDS = (N_("Time zone %(zone)s"),)


@router.get("/api/v1/health", tags=["operations"])
def health(request: Request) -> JSONResponse:
    """The database answers and, when the job queue is on Redis, Redis answers."""
    web = web_of(request)
    checks: dict[str, str] = {}
    try:
        with web.read() as session:
            session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except KeruenError as error:
        checks["database"] = str(error)
    if web.settings.redis_url:
        try:
            import redis

            redis.Redis.from_url(web.settings.redis_url, socket_timeout=2).ping()
            checks["redis"] = "ok"
        except Exception as error:  # any failure of the server is a failed check, not a 500
            checks["redis"] = type(error).__name__
    ok = all(v == "ok" for v in checks.values())
    return JSONResponse({"ok": ok, **checks}, status_code=200 if ok else 503)


@router.get("/api/v1/events", tags=["events"])
def api_events(request: Request) -> list[dict[str, Any]]:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        return [event_json(e, reader) for e in _events(session)]


@router.get("/api/v1/events/{slug}", tags=["events"])
def api_event(slug: str, request: Request) -> dict[str, Any]:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _event(session, slug)
        return {**event_json(event, reader), "sessions": sessions_json(event, reader)}


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(request: Request) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        events = [event_json(e, reader) for e in _events(session)]
    return web.page(request, "public/events.html", {"events": events})


@router.get("/e/{slug}", response_class=HTMLResponse, include_in_schema=False)
def event_page(slug: str, request: Request) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _event(session, slug)
        context = {"event": event_json(event, reader), "sessions": sessions_json(event, reader)}
    return web.page(request, "public/event.html", context)


def _events(session: Session) -> list[Any]:
    from keruen.events.models import Event

    return list(session.scalars(select(Event).order_by(Event.starts_on, Event.slug)))


def _event(session: Session, slug: str) -> Any:
    from keruen.events import service as event_service

    return event_service.get_event(session, slug)


def event_json(event: Any, reader: Reader) -> dict[str, Any]:
    return {
        "slug": event.slug,
        "name": reader.name(event.names),
        "venue": reader.name(event.venue),
        "timezone": event.timezone,
        "starts_on": event.starts_on.isoformat(),
        "ends_on": event.ends_on.isoformat(),
        "dates": f"{reader.date(event.starts_on)} – {reader.date(event.ends_on)}",
        "clock": reader.zone(
            event.timezone, datetime.combine(event.starts_on, datetime.min.time(), tzinfo=UTC)
        ),
        "sides": [{"code": s.code, "name": reader.name(s.names)} for s in event.sides],
    }


def other_zones(event: Any) -> list[str]:
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


def sessions_json(event: Any, reader: Reader) -> list[dict[str, Any]]:
    others = other_zones(event)
    out = []
    for s in event.sessions:
        start = utc_to_local(s.starts_at, event.timezone)
        out.append(
            {
                "code": s.code,
                "kind": s.kind,
                "name": reader.name(s.names),
                "day": reader.date(start.date(), "full"),
                "start": reader.time(s.starts_at, event.timezone),
                "end": reader.time(s.ends_at, event.timezone),
                "starts_at": s.starts_at.isoformat(),
                "ends_at": s.ends_at.isoformat(),
                "hall": s.hall.code if s.hall else None,
                "other_clocks": [
                    {
                        "zone": zone,
                        "clock": reader.zone(zone, s.starts_at),
                        "start": reader.time(s.starts_at, zone),
                        "end": reader.time(s.ends_at, zone),
                    }
                    for zone in others
                ],
            }
        )
    return out
