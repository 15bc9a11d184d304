"""Concurrent writers on PostgreSQL: two people acting at the same moment never double-book."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from keruen.core.errors import Conflict
from keruen.events.models import Event
from keruen.meetings import service
from keruen.meetings.models import MeetingRequest
from keruen.organizations.models import Delegate, Organization
from tests.factories import make_event

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture
def committed_event(engine, is_postgres):
    if not is_postgres:
        pytest.skip("concurrent writers are tested on PostgreSQL (SQLite has one writer)")
    slug = f"race-{uuid.uuid4().hex[:8]}"
    with Session(engine) as session:
        event, people = make_event(session, slug=slug, people=8)
        ids = [p.id for p in people if p.role == "participant"]
        event_id = event.id
        session.commit()
    yield event_id, ids
    with Session(engine) as session:
        session.execute(delete(Event).where(Event.id == event_id))
        session.execute(delete(Delegate).where(Delegate.ref.like(f"{slug}-%")))
        session.execute(delete(Organization).where(Organization.ref.like(f"{slug}-%")))
        session.commit()


def _race(engine, jobs):
    """Run each job in its own thread and transaction, all released at the same moment."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list[str] = [""] * len(jobs)

    def run(index: int, job) -> None:
        with Session(engine) as session:
            barrier.wait()
            try:
                job(session)
                session.commit()
                outcomes[index] = "ok"
            except Conflict:
                session.rollback()
                outcomes[index] = "conflict"

    threads = [threading.Thread(target=run, args=(i, j)) for i, j in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def test_two_people_asking_each_other_at_once_make_one_request(engine, committed_event):
    event_id, (a, b, *_rest) = committed_event
    for _round in range(5):

        def ask(requester, target):
            def job(session):
                event = session.get(Event, event_id)
                service.request_meeting(
                    session, event=event, requester_id=requester, target_id=target
                )

            return job

        outcomes = _race(engine, [ask(a, b), ask(b, a)])
        assert sorted(outcomes) == ["conflict", "ok"]
        with Session(engine) as session:
            active = session.scalars(
                select(MeetingRequest).where(
                    MeetingRequest.event_id == event_id, MeetingRequest.status == "pending"
                )
            ).all()
            assert len(active) == 1
            service.cancel_request(session, request_id=active[0].id, actor_id=a)
            session.commit()


def test_quota_holds_under_concurrent_requests(engine, committed_event):
    event_id, (a, *others) = committed_event
    with Session(engine) as session:
        service.set_rules(session, event=session.get(Event, event_id), request_quota=2)
        session.commit()

    def ask(target):
        def job(session):
            event = session.get(Event, event_id)
            service.request_meeting(session, event=event, requester_id=a, target_id=target)

        return job

    outcomes = _race(engine, [ask(t) for t in others[:6]])
    assert outcomes.count("ok") == 2 and outcomes.count("conflict") == 4
    with Session(engine) as session:
        count = session.scalar(
            select(func.count())
            .select_from(MeetingRequest)
            .where(MeetingRequest.requester_id == a, MeetingRequest.status == "pending")
        )
        assert count == 2


def test_two_accepts_of_the_same_request_succeed_once(engine, committed_event):
    event_id, (a, b, *_rest) = committed_event
    with Session(engine) as session:
        request = service.request_meeting(
            session, event=session.get(Event, event_id), requester_id=a, target_id=b
        )
        session.commit()
        request_id = request.id

    def accept(session):
        service.accept_request(session, request_id=request_id, actor_id=b)

    def decline(session):
        service.decline_request(session, request_id=request_id, actor_id=b)

    outcomes = _race(engine, [accept, decline])
    assert sorted(outcomes) == ["conflict", "ok"]
