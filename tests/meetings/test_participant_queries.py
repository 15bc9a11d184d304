"""One person's view of the requests: their quota, their own requests only, whether a pair has
an accepted meeting, an interpreter's roster."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen.core.errors import NotFound
from keruen.demo.loader import load_demo
from keruen.events import service as event_service
from keruen.events.models import Event, Participation
from keruen.meetings import queries, service
from keruen.organizations.models import Delegate

pytestmark = pytest.mark.integration


def _pid(session: Session, email: str) -> int:
    found = session.scalar(
        select(Participation.id)
        .join(Delegate, Delegate.id == Participation.delegate_id)
        .where(Delegate.email == email)
    )
    assert found is not None
    return found


def _demo(session: Session) -> Event:
    summary = load_demo(session)
    return event_service.get_event(session, summary.event_slug)


def test_quota_own_requests_and_accepted_pairs(session: Session) -> None:
    event = _demo(session)
    service.set_rules(session, event=event, request_quota=3)
    kz = _pid(session, "a.nurlanov@kz.example")
    cn = _pid(session, "wang.jianguo@cn.example")
    other = _pid(session, "li.na@cn.example")
    outsider = _pid(session, "y.toleuov@kz.example")

    assert queries.quota_of(session, event, kz).left == 3
    first = service.request_meeting(session, event=event, requester_id=kz, target_id=cn)
    second = service.request_meeting(session, event=event, requester_id=kz, target_id=other)
    quota = queries.quota_of(session, event, kz)
    assert (quota.used, quota.quota, quota.left) == (2, 3, 1)

    assert {r.id for r in queries.requests_of_participant(session, event, kz)} == {
        first.id,
        second.id,
    }
    assert [r.id for r in queries.requests_of_participant(session, event, cn)] == [first.id]
    assert queries.request_of_participant(session, event, cn, first.id).id == first.id
    for who, request_id in ((outsider, first.id), (cn, second.id), (kz, 10**9), (kz, -1)):
        with pytest.raises(NotFound):
            queries.request_of_participant(session, event, who, request_id)

    assert not queries.accepted_between(session, event, kz, cn)
    service.accept_request(session, request_id=first.id, actor_id=cn)
    assert queries.accepted_between(session, event, cn, kz)
    assert not queries.accepted_between(session, event, kz, other)
    service.decline_request(session, request_id=second.id, actor_id=other)
    assert queries.quota_of(session, event, kz).used == 1
