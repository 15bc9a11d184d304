"""Accepted requests on the demo forum (each organization asks its top suggestions), so that a
plan has something to schedule. Shared by the job, meeting and web tests."""

from __future__ import annotations

from sqlalchemy.orm import Session

from keruen.core.errors import Conflict
from keruen.events.models import Event
from keruen.meetings import service
from keruen.meetings import suggestions as suggestion_service


def accept_top_requests(session: Session, event: Event, top_k: int = 3) -> int:
    directory, ranked = suggestion_service.suggest_for_event(session, event, top_k=top_k)
    accepted = 0
    for key, items in ranked.items():
        for rank, suggestion in enumerate(items):
            a = directory.representatives[key][0]
            b = directory.representatives[suggestion.partner_id][0]
            try:
                request = service.request_meeting(
                    session, event=event, requester_id=a.id, target_id=b.id, priority=3 - rank
                )
            except Conflict:  # asked from the other side already
                continue
            service.accept_request(session, request_id=request.id, actor_id=b.id)
            accepted += 1
    return accepted
