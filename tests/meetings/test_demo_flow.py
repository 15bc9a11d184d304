"""Issue 4's loop on the demo forum: suggestions with reasons in four languages → requests
accepted and declined → plan solved, stored, published → rescheduled after a cancellation."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen.core.errors import Conflict
from keruen.demo.loader import load_demo
from keruen.events import service as event_service
from keruen.events.schemas import ParticipationIn, UnavailableIn
from keruen.meetings import schedule_service, service
from keruen.meetings import suggestions as suggestion_service
from keruen.meetings.models import ScheduledMeeting, ScheduledSeat
from keruen.organizations.models import Organization

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _org(session: Session, ref: str) -> Organization:
    return session.scalar(select(Organization).where(Organization.ref == ref))


def test_suggestions_put_natural_partners_first_with_reasons_in_four_languages(session):
    summary = load_demo(session)
    event = event_service.get_event(session, summary.event_slug)
    directory, ranked = suggestion_service.suggest_for_event(session, event, top_k=5)
    grower = str(_org(session, "kz-cotton-maktaaral").id)
    mill = str(_org(session, "cn-spinning-korla").id)
    assert mill in [s.partner_id for s in ranked[grower][:2]]
    best = next(s for s in ranked[grower] if s.partner_id == mill)
    texts = {
        loc: suggestion_service.render(best, loc, limit=1)[0] for loc in ("ru", "kk", "zh", "en")
    }
    assert "5201" in texts["en"] and "cotton" in texts["en"].lower()
    assert "хлоп" in texts["ru"].lower() and "棉" in texts["zh"]
    assert "мақта" in texts["kk"].lower()
    assert len(set(texts.values())) == 4
    # The grower's reader speaks Russian: that is the default language of its list.
    assert suggestion_service.reader_locale(directory, grower) == "ru"


def test_organizer_rules_pin_and_forbid(session):
    summary = load_demo(session)
    event = event_service.get_event(session, summary.event_slug)
    grower = _org(session, "kz-cotton-maktaaral")
    mill = _org(session, "cn-spinning-korla")
    cement = _org(session, "kz-cement-sauran")
    pears = _org(session, "cn-pear-korla")
    suggestion_service.set_pair_rule(
        session, event=event, first=grower, second=mill, action="forbid"
    )
    suggestion_service.set_pair_rule(session, event=event, first=cement, second=pears, action="pin")
    _directory, ranked = suggestion_service.suggest_for_event(session, event, top_k=5)
    assert str(mill.id) not in [s.partner_id for s in ranked[str(grower.id)]]
    first = ranked[str(cement.id)][0]
    assert first.partner_id == str(pears.id) and first.pinned


def test_requests_to_plan_to_publish_to_reschedule(session):
    summary = load_demo(session)
    event = event_service.get_event(session, summary.event_slug)
    directory, ranked = suggestion_service.suggest_for_event(session, event, top_k=3)
    accepted, declined = [], []
    for key, items in ranked.items():
        for rank, suggestion in enumerate(items):
            a = directory.representatives[key][0]
            b = directory.representatives[suggestion.partner_id][0]
            try:
                request = service.request_meeting(
                    session, event=event, requester_id=a.id, target_id=b.id, priority=3 - rank
                )
            except Conflict:  # the pair was asked from the other side already
                continue
            if (request.id % 5) == 0:
                declined.append(
                    service.decline_request(session, request_id=request.id, actor_id=b.id)
                )
            else:
                accepted.append(
                    service.accept_request(session, request_id=request.id, actor_id=b.id)
                )
    assert len(accepted) >= 40 and declined

    first = schedule_service.plan_event(session, event=event, seconds=20)
    assert first.requested == len(accepted)
    assert first.status in ("optimal", "feasible") and first.held >= len(accepted) // 2
    # Whatever could not be held says why, in words an organizer can act on.
    assert first.held + len(first.unscheduled) == len(accepted)
    assert all(item["reason"] for item in first.unscheduled)
    schedule_service.publish_schedule(session, event=event, version=first.version)
    published = {
        m.request_id: m.starts_at
        for m in session.scalars(
            select(ScheduledMeeting).where(ScheduledMeeting.schedule_id == first.schedule_id)
        )
    }
    assert not {r.id for r in declined} & set(published)

    # A participant with meetings on day 1 cancels that day after publication.
    leaving = next(
        r.requester
        for r in accepted
        if r.id in published and published[r.id].date() == date(2027, 4, 14)
    )
    event_service.set_participation(
        session,
        event=event,
        delegate=leaving.delegate,
        data=ParticipationIn(
            role=leaving.role,
            topics=list(leaving.topics),
            unavailable=[UnavailableIn(day=date(2027, 4, 14))],
        ),
    )
    second = schedule_service.plan_event(session, event=event, seconds=20)
    schedule_service.publish_schedule(session, event=event, version=second.version)
    after = {
        m.request_id: m.starts_at
        for m in session.scalars(
            select(ScheduledMeeting).where(ScheduledMeeting.schedule_id == second.schedule_id)
        )
    }
    seats = session.scalars(
        select(ScheduledSeat).where(
            ScheduledSeat.schedule_id == second.schedule_id,
            ScheduledSeat.participation_id == leaving.id,
        )
    ).all()
    assert all(s.meeting.starts_at.date() != date(2027, 4, 14) for s in seats)
    # A meeting counts as disturbed when it moved or could no longer be held.
    moved = [rid for rid in published if after.get(rid) != published[rid]]
    assert second.moved == len(moved)
    # Few others are disturbed: far fewer moves than meetings.
    assert len(moved) < len(published) / 2


def test_organizer_fills_empty_slots_with_top_suggestions_at_lower_priority(session):
    summary = load_demo(session)
    event = event_service.get_event(session, summary.event_slug)
    grower = _org(session, "kz-cotton-maktaaral").delegates[0]
    mill = _org(session, "cn-spinning-korla").delegates[0]
    from keruen.events.queries import find_participation

    a = find_participation(session, event, grower.ref)
    b = find_participation(session, event, mill.ref)
    forced = service.force_meeting(session, event=event, first_id=a.id, second_id=b.id)
    result = schedule_service.plan_event(session, event=event, seconds=10, fill_from_suggestions=1)
    rows = session.scalars(
        select(ScheduledMeeting).where(ScheduledMeeting.schedule_id == result.schedule_id)
    ).all()
    assert forced.id in {m.request_id for m in rows}  # the requested meeting is always held
    filled = [m for m in rows if m.request_id is None]
    assert filled, "empty slots were filled from suggestions"
    assert all(m.first_id != m.second_id for m in filled)
