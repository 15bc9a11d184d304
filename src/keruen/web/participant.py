"""Participants', officials' and interpreters' own pages (/me) and API (/api/v1/me)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from keruen.events.models import Participation
from keruen.web.common import web_of

router = APIRouter()


@router.get("/me", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request) -> Response:
    """The events the signed-in person takes part in."""
    web = web_of(request)
    who = web.require(request)
    reader = web.reader(request)
    with web.read() as session:
        rows = session.scalars(
            select(Participation).where(Participation.delegate_id == who.delegate_id)
        ).all()
        events = [
            {"slug": p.event.slug, "name": reader.name(p.event.names), "role": p.role} for p in rows
        ]
    return web.page(request, "participant/home.html", {"events": events})
