"""Two real sessions forced into the interleaving that breaks a check-then-write (issue 10).

The first unit of work stops just before its first write, its reads and checks done; the second
runs meanwhile in its own connection; then the first goes on. Whatever the database (SQLite or
PostgreSQL), the answers both callers got must agree with what is stored: nothing reported
twice, nothing overwritten, no raw driver error.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from keruen.config import Settings
from keruen.core.timeutil import utcnow
from keruen.events.models import Event
from keruen.meetings import schedule_service, service
from tests.concurrency.harness import (
    RAW_ERRORS,
    Forum,
    Interleaving,
    Outcome,
    attempt,
    history_violations,
    interleave,
    invariant_violations,
    request_states,
)

pytestmark = [pytest.mark.integration]

Work = Callable[[Session], Any]


def _event(session: Session, forum: Forum) -> Event:
    event = session.get(Event, forum.event_id)
    assert event is not None
    return event


def _ask(forum: Forum, requester: int, target: int) -> Work:
    def work(session: Session) -> int:
        return service.request_meeting(
            session, event=_event(session, forum), requester_id=requester, target_id=target
        ).id

    return work


def _pending(settings: Settings, forum: Forum, requester: int, target: int) -> int:
    outcome = attempt(settings, _ask(forum, requester, target))
    assert outcome.ok, outcome
    return int(outcome.value)


def _actions(forum: Forum, request_id: int, requester: int, target: int) -> dict[str, Work]:
    later = utcnow() + timedelta(hours=200)  # past the 72 h deadline: expiry finds the request

    def accept(session: Session) -> int:
        return service.accept_request(session, request_id=request_id, actor_id=target).id

    def decline(session: Session) -> int:
        return service.decline_request(session, request_id=request_id, actor_id=target).id

    def cancel(session: Session) -> int:
        return service.cancel_request(session, request_id=request_id, actor_id=requester).id

    def veto(session: Session) -> int:
        return service.veto_request(session, request_id=request_id).id

    def force(session: Session) -> int:
        return service.force_meeting(
            session, event=_event(session, forum), first_id=requester, second_id=target
        ).id

    def expire(session: Session) -> int:
        return service.expire_requests(session, event=_event(session, forum), now=later)

    return {
        "accept": accept,
        "decline": decline,
        "cancel": cancel,
        "veto": veto,
        "force": force,
        "expire": expire,
    }


def _told(request_id: int, answers: list[tuple[str, Outcome]]) -> dict[int, list[str]]:
    """Which decisions each request's callers were told about."""
    told: dict[int, list[str]] = {request_id: ["request"]}
    for name, outcome in answers:
        if not outcome.ok:
            continue
        if name == "expire":
            if outcome.value:
                told[request_id].append("expire")
        else:
            told.setdefault(int(outcome.value), ["request"] if name == "force" else []).append(name)
    return told


def _no_raw_errors(*outcomes: Outcome) -> None:
    for outcome in outcomes:
        assert not outcome.defect, outcome.defect
        shown = [m for m in RAW_ERRORS if m in outcome.message]
        assert not shown, f"a caller was shown {shown}: {outcome.message}"


PAIRS = [
    ("accept", "decline"),
    ("decline", "accept"),
    ("accept", "accept"),
    ("accept", "cancel"),
    ("cancel", "accept"),
    ("veto", "accept"),
    ("accept", "veto"),
    ("expire", "accept"),
    ("accept", "expire"),
    ("expire", "force"),
    ("force", "expire"),
    ("force", "decline"),
    ("decline", "force"),
]


@pytest.mark.parametrize(("first", "second"), PAIRS, ids=[f"{a}-vs-{b}" for a, b in PAIRS])
def test_two_decisions_on_one_request_agree_with_what_is_stored(
    settings: Settings, db_url: str, forum: Forum, first: str, second: str
) -> None:
    requester, target = forum.participants[0], forum.participants[1]
    request_id = _pending(settings, forum, requester, target)
    actions = _actions(forum, request_id, requester, target)

    run: Interleaving = interleave(settings, actions[first], actions[second])

    assert run.first_paused, "the first unit of work never reached a write"
    _no_raw_errors(run.first, run.second)
    told = _told(request_id, [(first, run.first), (second, run.second)])
    final = request_states(db_url, forum.event_id)
    assert history_violations(final, told) == [], (str(run.first), str(run.second), final)
    assert invariant_violations(db_url) == []


def test_a_quota_of_one_lets_one_of_two_simultaneous_requests_through(
    settings: Settings, db_url: str, tmp_path: Any
) -> None:
    from tests.concurrency.harness import build_forum

    forum = build_forum(settings, slug="quota-one", people=6, quota=1)
    asker, x, y = forum.participants[0], forum.participants[1], forum.participants[2]

    run = interleave(settings, _ask(forum, asker, x), _ask(forum, asker, y))

    assert run.first_paused
    _no_raw_errors(run.first, run.second)
    assert sorted([run.first.ok, run.second.ok]) == [False, True], (
        str(run.first),
        str(run.second),
    )
    refused = run.second if run.first.ok else run.first
    assert refused.kind == "conflict" and "1" in refused.message
    assert invariant_violations(db_url) == []


def test_two_people_asking_each_other_at_once_make_one_request(
    settings: Settings, db_url: str, forum: Forum
) -> None:
    a, b = forum.participants[2], forum.participants[3]

    run = interleave(settings, _ask(forum, a, b), _ask(forum, b, a))

    assert run.first_paused
    _no_raw_errors(run.first, run.second)
    assert [run.first.ok, run.second.ok].count(True) == 1, (str(run.first), str(run.second))
    assert list(request_states(db_url, forum.event_id).values()) == ["pending"]


def test_a_request_whose_command_fails_later_leaves_nothing(
    settings: Settings, db_url: str, forum: Forum
) -> None:
    def request_then_fail(session: Session) -> None:
        _ask(forum, forum.participants[0], forum.participants[1])(session)
        raise RuntimeError("a later step of the same command failed")

    outcome = attempt(settings, request_then_fail)

    assert not outcome.ok and outcome.defect.startswith("RuntimeError")
    assert request_states(db_url, forum.event_id) == {}


def test_a_request_is_invisible_to_others_until_its_command_commits(
    settings: Settings, db_url: str, forum: Forum
) -> None:
    """The savepoint inside `request_meeting` must not commit on its own (issue 10: a request
    survived its command's rollback)."""
    written, release = threading.Event(), threading.Event()
    seen_meanwhile: dict[int, str] = {}

    def request_then_wait_then_fail(session: Session) -> None:
        _ask(forum, forum.participants[0], forum.participants[1])(session)
        written.set()
        release.wait(60)
        raise RuntimeError("the command fails after the request was written")

    outcomes: list[Outcome] = []
    worker = threading.Thread(
        target=lambda: outcomes.append(attempt(settings, request_then_wait_then_fail)),
        daemon=True,
    )
    worker.start()
    try:
        assert written.wait(60)
        seen_meanwhile = request_states(db_url, forum.event_id)
    finally:
        release.set()
        worker.join(60)

    assert seen_meanwhile == {}, "another connection saw an uncommitted request"
    assert outcomes and not outcomes[0].ok
    assert request_states(db_url, forum.event_id) == {}


def _with_accepted_meetings(settings: Settings, forum: Forum, pairs: int = 3) -> None:
    people = forum.participants
    for i in range(pairs):
        outcome = attempt(
            settings,
            lambda s, i=i: (
                service.force_meeting(
                    s, event=_event(s, forum), first_id=people[2 * i], second_id=people[2 * i + 1]
                ).id
            ),
        )
        assert outcome.ok, outcome


def _plan(forum: Forum) -> Work:
    def work(session: Session) -> int:
        return schedule_service.plan_event(
            session, event=_event(session, forum), seconds=1.0, workers=1
        ).version

    return work


def _publish(forum: Forum, version: int) -> Work:
    def work(session: Session) -> int:
        return schedule_service.publish_schedule(
            session, event=_event(session, forum), version=version
        ).version

    return work


def _schedules(db_url: str) -> dict[int, str]:
    from tests.concurrency.harness import plain_engine

    engine = plain_engine(db_url)
    try:
        with engine.connect() as conn:
            from sqlalchemy import text

            rows = conn.execute(text("SELECT version, status FROM schedule")).all()
            return {int(v): str(s) for v, s in rows}
    finally:
        engine.dispose()


def test_two_plans_at_once_both_store_a_version_or_one_is_told_a_plan_is_running(
    settings: Settings, db_url: str, forum: Forum
) -> None:
    _with_accepted_meetings(settings, forum)

    run = interleave(settings, _plan(forum), _plan(forum))

    assert run.first_paused
    _no_raw_errors(run.first, run.second)
    versions = sorted(o.value for o in (run.first, run.second) if o.ok)
    for refused in (o for o in (run.first, run.second) if not o.ok):
        assert "already running" in refused.message, refused.message
    assert versions == list(range(1, len(versions) + 1)) and versions
    assert sorted(_schedules(db_url)) == versions
    assert invariant_violations(db_url) == []


def test_two_publishes_at_once_leave_one_published_and_the_loser_is_told_which(
    settings: Settings, db_url: str, forum: Forum
) -> None:
    _with_accepted_meetings(settings, forum)
    for expected in (1, 2):
        outcome = attempt(settings, _plan(forum))
        assert outcome.ok and outcome.value == expected, outcome

    run = interleave(settings, _publish(forum, 1), _publish(forum, 2))

    assert run.first_paused
    _no_raw_errors(run.first, run.second)
    states = _schedules(db_url)
    published = [v for v, s in states.items() if s == "published"]
    assert len(published) == 1, states
    for refused, other in ((run.first, 2), (run.second, 1)):
        if not refused.ok:
            assert published == [other]
            assert str(other) in refused.message, refused.message
    assert invariant_violations(db_url) == []


def test_two_organizers_promoting_one_agreement_at_once_make_one_project(
    settings: Settings, db_url: str
) -> None:
    """Issue 16: an agreement becomes one investment project, even when two organizers press
    "promote" at the same moment (the second is told, nothing is doubled)."""
    from sqlalchemy import func, select

    from keruen import boundary
    from keruen.demo.outcomes import load_past_forum
    from keruen.investments import service as pipeline
    from keruen.investments.models import Agreement, ProjectOrigin
    from keruen.investments.schemas import PromoteIn

    with boundary.unit_of_work(settings) as session:
        load_past_forum(session)
        agreement_id = session.scalars(
            select(Agreement.id).where(Agreement.kind == "supply").order_by(Agreement.id)
        ).first()
    assert agreement_id is not None

    def promote(ref: str) -> Work:
        def work(session: Session) -> str:
            agreement = session.get(Agreement, agreement_id)
            assert agreement is not None
            data = PromoteIn(ref=ref, isic="0113", region="KZ-61-TUR")
            return pipeline.promote_agreement(session, agreement, data, "test").ref

        return work

    run = interleave(settings, promote("first-try"), promote("second-try"))

    assert run.first_paused
    _no_raw_errors(run.first, run.second)
    assert [run.first.ok, run.second.ok].count(True) == 1, (str(run.first), str(run.second))
    refused = run.second if run.first.ok else run.first
    winner = run.first if run.first.ok else run.second
    assert refused.kind == "conflict" and str(winner.value) in refused.message  # which project
    with boundary.unit_of_work(settings, read_only=True) as session:
        origins = session.scalar(
            select(func.count())
            .select_from(ProjectOrigin)
            .where(ProjectOrigin.agreement_id == agreement_id)
        )
    assert origins == 1


def test_two_people_telling_one_meetings_contract_at_once_make_one_agreement(
    settings: Settings, db_url: str
) -> None:
    """Both sides of a meeting record its contract at the same moment: both are kept in the
    history, and the meeting has one agreement (the second updated the first's)."""
    from sqlalchemy import func, select

    from keruen import boundary
    from keruen.demo.outcomes import load_past_forum
    from keruen.events import service as event_service
    from keruen.investments import outcomes
    from keruen.investments.models import Agreement, MeetingFollowUp

    with boundary.unit_of_work(settings) as session:
        event = load_past_forum(session)
        slug = event.slug
        rows = outcomes.outcome_rows(session, event, "en")
        key = next(r.key for r in rows if r.mark == "held" and r.agreement is None)

    def tell(amount: int) -> Work:
        def work(session: Session) -> int:
            event = event_service.get_event(session, slug)
            data = outcomes.AgreementIn(kind="supply", amount=amount, currency="USD")
            return outcomes.record_follow_up(
                session, event, key, "contract", by="test", agreement=data
            ).id

        return work

    run = interleave(settings, tell(1_000_000), tell(1_200_000))

    assert run.first_paused
    _no_raw_errors(run.first, run.second)
    assert run.first.ok and run.second.ok, (str(run.first), str(run.second))
    with boundary.unit_of_work(settings, read_only=True) as session:
        agreements = session.scalar(
            select(func.count()).select_from(Agreement).where(Agreement.meeting_key == key)
        )
        told = session.scalar(
            select(func.count())
            .select_from(MeetingFollowUp)
            .where(MeetingFollowUp.meeting_key == key, MeetingFollowUp.stage == "contract")
        )
    assert (agreements, told) == (1, 2)


def test_two_organizers_moving_one_project_at_once_are_judged_one_after_the_other(
    settings: Settings, db_url: str
) -> None:
    """Both press "construction" at once: one moves it, the other is told it is already there;
    the history has the move once."""
    from datetime import date

    from keruen import boundary
    from keruen.demo.loader import load_demo
    from keruen.demo.pipeline import load_pipeline
    from keruen.investments import service as pipeline

    with boundary.unit_of_work(settings) as session:
        load_demo(session)
        load_pipeline(session)

    def move(session: Session) -> str:
        project = pipeline.find_project(session, "solar-sozak")  # agreement signed
        pipeline.move_stage(
            session, project, "construction", date(2026, 9, 1), "test", started_on=date(2026, 8, 1)
        )
        return project.stage

    run = interleave(settings, move, move)

    assert run.first_paused
    _no_raw_errors(run.first, run.second)
    assert [run.first.ok, run.second.ok].count(True) == 1, (str(run.first), str(run.second))
    refused = run.second if run.first.ok else run.first
    assert "already" in refused.message
    with boundary.unit_of_work(settings, read_only=True) as session:
        stages = [c.stage for c in pipeline.find_project(session, "solar-sozak").stages]
    assert stages.count("construction") == 1


def test_a_double_tap_on_i_am_interested_makes_one_interest_and_one_request(
    settings: Settings, db_url: str
) -> None:
    """Issue 16's exhibition on a phone: two taps arrive at once; the visitor is told both
    times, and there is one interest and one meeting request to the producer."""
    from sqlalchemy import func, select

    from keruen import boundary
    from keruen.demo.exhibition import load_exhibition
    from keruen.demo.loader import load_demo
    from keruen.events import service as event_service
    from keruen.events.queries import find_participation
    from keruen.exhibition.models import ExhibitProduct, ProductInterest
    from keruen.exhibition.service import mark_interest
    from keruen.exhibition.storage import DiskStorage
    from keruen.meetings.models import MeetingRequest

    with boundary.unit_of_work(settings) as session:
        load_demo(session)
        load_exhibition(session, storage=DiskStorage(settings.data_dir / "media"))
        product_id = session.scalars(select(ExhibitProduct.id).order_by(ExhibitProduct.id)).first()

    def tap(session: Session) -> int:
        event = event_service.get_event(session, "turkestan-bayingol-2027")
        visitor = find_participation(session, event, "wang.jianguo@cn.example")
        product = session.get(ExhibitProduct, product_id)
        assert visitor is not None and product is not None
        return mark_interest(session, product, visitor).interest.id

    run = interleave(settings, tap, tap)

    assert run.first_paused
    _no_raw_errors(run.first, run.second)
    assert run.first.ok and run.second.ok and run.first.value == run.second.value
    with boundary.unit_of_work(settings, read_only=True) as session:
        interests = session.scalar(select(func.count()).select_from(ProductInterest))
        requests = session.scalar(select(func.count()).select_from(MeetingRequest))
    assert (interests, requests) == (1, 1)
