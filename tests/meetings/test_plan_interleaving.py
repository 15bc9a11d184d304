"""Two plans of one event at once, and a request withdrawn while a plan is solved: the steps of
each interleaving are run in the order that used to break (prepare, prepare, store, store)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from keruen.db import locks
from keruen.meetings import schedule_service, service
from tests.factories import make_event
from tests.meetings.test_planning import _accepted_round_robin

pytestmark = pytest.mark.integration


def test_two_plans_prepared_together_are_stored_as_two_versions(session: Session):
    event, people = make_event(session, people=4, officials=0, interpreters=2)
    participants = [p for p in people if p.role == "participant"]
    _accepted_round_robin(session, event, participants)
    first = schedule_service.prepare_plan(session, event=event)
    second = schedule_service.prepare_plan(session, event=event)
    solved_first = schedule_service.solve_plan(first, seconds=5)
    solved_second = schedule_service.solve_plan(second, seconds=5)
    a = schedule_service.store_plan(session, prepared=first, solution=solved_first)
    b = schedule_service.store_plan(session, prepared=second, solution=solved_second)
    assert (a.version, b.version) == (1, 2)


def test_a_request_cancelled_during_the_solve_is_not_stored(session: Session):
    event, people = make_event(session, people=4, officials=0, interpreters=2)
    participants = [p for p in people if p.role == "participant"]
    requests = _accepted_round_robin(session, event, participants)
    prepared = schedule_service.prepare_plan(session, event=event)
    solution = schedule_service.solve_plan(prepared, seconds=5)
    gone = requests[0]
    service.cancel_request(session, request_id=gone.id, actor_id=gone.requester_id)
    result = schedule_service.store_plan(session, prepared=prepared, solution=solution)
    assert result.held == len(requests) - 1
    assert {"meeting": f"r{gone.id}", "reason": "withdrawn while the plan was made"} in (
        result.unscheduled
    )


def test_publishing_the_same_version_twice_says_it_is_published(session: Session):
    from keruen.core.errors import Conflict

    event, people = make_event(session, people=4, officials=0, interpreters=2)
    _accepted_round_robin(session, event, [p for p in people if p.role == "participant"])
    result = schedule_service.plan_event(session, event=event, seconds=5)
    schedule_service.publish_schedule(session, event=event, version=result.version)
    with pytest.raises(Conflict) as caught:
        schedule_service.publish_schedule(session, event=event, version=result.version)
    assert "already published" in caught.value.render()


def test_a_second_holder_of_the_plan_lock_is_refused_at_once(engine):
    with (
        locks.exclusive(engine, "plan-x"),
        pytest.raises(locks.LockBusy),
        locks.exclusive(engine, "plan-x"),
    ):
        pass
    with locks.exclusive(engine, "plan-x"):  # released after the first block
        pass
