"""On site: check-in, held / no-show marks that survive a reschedule, and a late cancellation
that moves as few meetings as possible and tells only the people it changes."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from keruen.agendas import calendar, onsite
from keruen.core.errors import Conflict, NotFound
from keruen.demo.loader import load_demo
from keruen.events import service as event_service
from keruen.events.queries import find_participation
from keruen.meetings import schedule_service, service
from keruen.meetings.planning import meeting_key, published_schedule

pytestmark = [pytest.mark.integration, pytest.mark.slow]
PEOPLE = (
    "a.nurlanov@kz.example",
    "g.seitkali@kz.example",
    "wang.jianguo@cn.example",
    "li.na@cn.example",
)


@pytest.fixture
def forum(session: Session):  # type: ignore[no-untyped-def]
    load_demo(session)
    event = event_service.get_event(session, "turkestan-bayingol-2027")
    kz1, kz2, cn1, cn2 = (find_participation(session, event, key) for key in PEOPLE)
    accepted = []
    for a, b in ((kz1, cn1), (kz1, cn2), (kz2, cn1), (kz2, cn2)):
        r = service.request_meeting(session, event=event, requester_id=a.id, target_id=b.id)
        accepted.append(service.accept_request(session, request_id=r.id, actor_id=b.id))
    plan = schedule_service.plan_event(session, event=event, seconds=5)
    schedule_service.publish_schedule(session, event=event, version=plan.version)
    calendar.sync_entries(session, event)
    return event, (kz1, kz2, cn1, cn2), accepted


def test_check_in_and_marks(forum, session: Session) -> None:  # type: ignore[no-untyped-def]
    event, (kz1, _kz2, cn1, _cn2), accepted = forum
    first = onsite.check_in(session, kz1, by="desk")
    assert onsite.check_in(session, kz1, by="desk again").at == first.at  # once
    key = f"r{accepted[0].id}"
    onsite.mark_meeting(session, event, key, onsite.NO_SHOW, by="host", absent_id=cn1.id)
    onsite.mark_meeting(session, event, key, onsite.HELD, by="host")  # corrected
    mark = onsite.marks(session, event)[key]
    assert mark.status == "held" and mark.absent_id is None
    with pytest.raises(NotFound):
        onsite.mark_meeting(session, event, "r999999", onsite.HELD, by="host")
    with pytest.raises(Conflict):
        onsite.mark_meeting(session, event, key, onsite.NO_SHOW, by="host", absent_id=-1)


def test_a_late_cancellation_moves_few_and_tells_only_those_it_changes(  # type: ignore[no-untyped-def]
    forum, session: Session
) -> None:
    event, (kz1, _kz2, cn1, _cn2), accepted = forum

    def seen() -> dict[str, tuple[object, ...]]:
        """What each person's calendar shows of a meeting: time, table, interpreter."""
        return {
            meeting_key(m): (m.starts_at, m.table_id, m.interpreter_id, m.first_id, m.second_id)
            for m in published_schedule(session, event).meetings
        }

    before = seen()
    done = onsite.late_cancellation(
        session, event, request_id=accepted[0].id, actor_id=kz1.id, seconds=5
    )
    after = seen()
    cancelled = f"r{accepted[0].id}"
    assert cancelled not in after
    assert done.moved <= 1  # the fewest moves: at most one other meeting changes its time
    changed = {k for k in after if before.get(k)[:3] != after[k][:3]}  # type: ignore[index]
    assert {e.uid for e in done.changes.moved} == {calendar.uid_of(event, k) for k in changed}
    assert [e.uid for e in done.changes.cancelled] == [calendar.uid_of(event, cancelled)]
    # Told: the two sides of the cancelled meeting, and the people of each changed meeting
    # (sides and interpreters, before and after); nobody else.
    expected = {kz1.id, cn1.id, before[cancelled][2]}
    for k in changed:
        expected |= {after[k][3], after[k][4], after[k][2], before[k][2]}
    assert done.notify == {p for p in expected if p}
