"""Organizers' pages (/o) and API (/api/v1/o): their own events only."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from keruen.core.errors import PermissionDenied
from keruen.core.i18n_markers import N_
from keruen.events.models import Event
from keruen.web.common import web_of

router = APIRouter()


@router.get("/o", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request) -> Response:
    web = web_of(request)
    who = web.require(request)
    if not who.is_organizer:
        raise PermissionDenied(N_("only the event's organizers may do this"))
    reader = web.reader(request)
    with web.read() as session:
        query = select(Event).order_by(Event.starts_on, Event.slug)
        if not who.is_admin:
            query = query.where(Event.id.in_(who.staff_events or {-1}))
        events = [
            {"slug": e.slug, "name": reader.name(e.names), "dates": reader.date(e.starts_on)}
            for e in session.scalars(query)
        ]
    return web.page(request, "organizer/home.html", {"events": events})
