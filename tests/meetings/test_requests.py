"""Meeting requests: ask, accept, decline, cancel, expire, quotas, organizer powers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from keruen.core.errors import Conflict, DomainError, PermissionDenied
from keruen.core.timeutil import utcnow
from keruen.meetings import service
from tests.factories import make_event

pytestmark = pytest.mark.integration


def test_request_accept_and_decline(session: Session):
    event, (a, b, c, d, *_rest) = make_event(session)
    first = service.request_meeting(
        session,
        event=event,
        requester_id=a.id,
        target_id=b.id,
        message="Cotton for your mill?",
        priority=2,
    )
    assert (first.status, first.kind) == ("pending", "b2b")
    with pytest.raises(PermissionDenied):
        service.accept_request(session, request_id=first.id, actor_id=a.id)
    assert service.accept_request(session, request_id=first.id, actor_id=b.id).status == "accepted"
    second = service.request_meeting(session, event=event, requester_id=c.id, target_id=d.id)
    assert (
        service.decline_request(session, request_id=second.id, actor_id=d.id).status == "declined"
    )
    with pytest.raises(Conflict, match="already declined"):
        service.accept_request(session, request_id=second.id, actor_id=d.id)


def test_request_to_an_official_is_g2b(session: Session):
    event, people = make_event(session)
    official = next(p for p in people if p.role == "official")
    request = service.request_meeting(
        session, event=event, requester_id=people[1].id, target_id=official.id, topic="agriculture"
    )
    assert request.kind == "g2b"
    with pytest.raises(DomainError, match="does not take talks on"):
        service.request_meeting(
            session, event=event, requester_id=people[3].id, target_id=official.id, topic="mining"
        )


def test_bad_requests_are_refused(session: Session):
    event, (a, _b, *_rest) = make_event(session)
    _other_event, (x, *_others) = make_event(session, slug="other-forum")
    interpreter = next(p for p in _rest if p.role == "interpreter")
    with pytest.raises(DomainError, match="yourself"):
        service.request_meeting(session, event=event, requester_id=a.id, target_id=a.id)
    with pytest.raises(DomainError, match="does not take part in this event"):
        service.request_meeting(session, event=event, requester_id=a.id, target_id=x.id)
    with pytest.raises(DomainError, match="do not hold meetings"):
        service.request_meeting(session, event=event, requester_id=a.id, target_id=interpreter.id)


def test_one_open_request_per_pair_whoever_asks(session: Session):
    event, (a, b, *_rest) = make_event(session)
    service.request_meeting(session, event=event, requester_id=a.id, target_id=b.id)
    with pytest.raises(Conflict, match="already an open request"):
        service.request_meeting(session, event=event, requester_id=b.id, target_id=a.id)


def test_quota_of_outgoing_requests(session: Session):
    event, (a, b, c, d, *_rest) = make_event(session)
    service.set_rules(session, event=event, request_quota=2)
    service.request_meeting(session, event=event, requester_id=a.id, target_id=b.id)
    service.request_meeting(session, event=event, requester_id=a.id, target_id=d.id)
    with pytest.raises(Conflict, match="all 2 of your requests"):
        service.request_meeting(session, event=event, requester_id=a.id, target_id=c.id)
    # Cancelling one frees a place in the quota.
    open_ids = [r.id for r in session.query(service.MeetingRequest).filter_by(requester_id=a.id)]
    service.cancel_request(session, request_id=open_ids[0], actor_id=b.id)
    assert (
        service.request_meeting(session, event=event, requester_id=a.id, target_id=c.id).status
        == "pending"
    )


def test_unanswered_requests_expire_and_stop_blocking(session: Session):
    event, (a, b, *_rest) = make_event(session)
    service.set_rules(session, event=event, request_ttl_hours=24)
    now = utcnow()
    request = service.request_meeting(
        session, event=event, requester_id=a.id, target_id=b.id, now=now
    )
    later = now + timedelta(hours=25)
    with pytest.raises(Conflict, match="expired"):
        service.accept_request(session, request_id=request.id, actor_id=b.id, now=later)
    assert request.status == "expired"
    # The pair is free again: b may now ask a.
    again = service.request_meeting(
        session, event=event, requester_id=b.id, target_id=a.id, now=later
    )
    assert again.status == "pending"


def test_no_common_free_time_is_refused(session: Session):
    from datetime import date

    from keruen.events import service as event_service
    from keruen.events.schemas import ParticipationIn, UnavailableIn

    event, (a, b, *_rest) = make_event(session)
    event_service.set_participation(
        session,
        event=event,
        delegate=a.delegate,
        data=ParticipationIn(unavailable=[UnavailableIn(day=date(2027, 4, 14))]),
    )
    event_service.set_participation(
        session,
        event=event,
        delegate=b.delegate,
        data=ParticipationIn(unavailable=[UnavailableIn(day=date(2027, 4, 15))]),
    )
    with pytest.raises(Conflict, match="no free time in common"):
        service.request_meeting(session, event=event, requester_id=a.id, target_id=b.id)


def test_organizer_forces_and_vetoes(session: Session):
    event, (a, b, c, *_rest) = make_event(session)
    pending = service.request_meeting(session, event=event, requester_id=a.id, target_id=b.id)
    forced = service.force_meeting(session, event=event, first_id=b.id, second_id=a.id)
    assert forced.id == pending.id and forced.status == "accepted" and forced.by_organizer
    new = service.force_meeting(session, event=event, first_id=a.id, second_id=c.id)
    assert new.status == "accepted"
    assert service.veto_request(session, request_id=new.id).status == "vetoed"
