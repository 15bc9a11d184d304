"""Accepted requests → instance → solved, validated, stored draft → published → rescheduled."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen import scheduling
from keruen.core.errors import Conflict
from keruen.events import service as event_service
from keruen.events.schemas import ParticipationIn, UnavailableIn
from keruen.meetings import planning, schedule_service, service
from keruen.meetings.models import Schedule, ScheduledMeeting
from tests.factories import make_event

pytestmark = pytest.mark.integration


def _accepted_round_robin(session, event, people):
    """Every KZ participant meets every CN participant (even index = KZ side)."""
    kz = [p for i, p in enumerate(people) if i % 2 == 0]
    cn = [p for i, p in enumerate(people) if i % 2 == 1]
    requests = []
    for a in kz:
        for b in cn:
            r = service.request_meeting(session, event=event, requester_id=a.id, target_id=b.id)
            service.accept_request(session, request_id=r.id, actor_id=b.id)
            requests.append(r)
    return requests


def test_plan_publish_and_reschedule_after_a_cancelled_day(session: Session):
    event, people = make_event(session, people=6, officials=0, interpreters=2)
    participants = [p for p in people if p.role == "participant"]
    requests = _accepted_round_robin(session, event, participants)
    declined = service.request_meeting(
        session, event=event, requester_id=participants[0].id, target_id=participants[2].id
    )
    service.decline_request(session, request_id=declined.id, actor_id=participants[2].id)

    first = schedule_service.plan_event(session, event=event, seconds=10)
    assert first.status in ("optimal", "feasible")
    assert (first.held, first.requested) == (len(requests), len(requests))
    document, _ = planning.build_instance(session, event)
    stored = session.scalars(
        select(ScheduledMeeting).where(ScheduledMeeting.schedule_id == first.schedule_id)
    ).all()
    assert {m.request_id for m in stored} == {r.id for r in requests}  # declined one absent
    # Interpreters: every KZ–CN pair shares no language here (ru vs zh), so each has one.
    assert all(m.interpreter_id is not None for m in stored)
    solution = scheduling.Solution(
        status="feasible",
        assignments=[
            scheduling.Assignment(
                meeting=f"r{m.request_id}",
                slot=m.slot_index,
                table=f"{m.table.hall.code}{m.table.number}",
                interpreter=f"i{m.interpreter_id}",
            )
            for m in stored
        ],
    )
    report = scheduling.check_solution(scheduling.load_instance(document), solution)
    assert report.kinds() <= {"objective"}  # only the objective we left out differs
    assert report.objective.priority == len(requests)

    schedule_service.publish_schedule(session, event=event, version=first.version)
    with pytest.raises(Conflict, match="already published"):
        schedule_service.publish_schedule(session, event=event, version=first.version)

    # One participant cancels the first day after publication.
    leaving = participants[0]
    event_service.set_participation(
        session,
        event=event,
        delegate=leaving.delegate,
        data=ParticipationIn(unavailable=[UnavailableIn(day=date(2027, 4, 14))]),
    )
    before = {m.request_id: m.slot_index for m in stored}
    second = schedule_service.plan_event(session, event=event, seconds=10)
    assert second.version == first.version + 1 and second.held == len(requests)
    after = {
        m.request_id: (m.slot_index, m.starts_at)
        for m in session.scalars(
            select(ScheduledMeeting).where(ScheduledMeeting.schedule_id == second.schedule_id)
        )
    }
    moved = [rid for rid in before if before[rid] != after[rid][0]]
    assert second.moved == len(moved)
    leaving_requests = {r.id for r in requests if leaving.id in (r.requester_id, r.target_id)}
    on_day_one = {rid for rid, slot in before.items() if slot <= 6}
    # Only meetings of the leaving participant had to move, and only those on the lost day.
    assert set(moved) <= leaving_requests
    assert set(moved) >= leaving_requests & on_day_one
    for rid in leaving_requests:
        assert after[rid][1].date() == date(2027, 4, 15)
    schedule_service.publish_schedule(session, event=event, version=second.version)
    statuses = dict(
        session.execute(
            select(Schedule.version, Schedule.status).where(Schedule.event_id == event.id)
        ).all()
    )
    assert statuses == {first.version: "superseded", second.version: "published"}
