"""Jobs in immediate mode: a plan job runs, stores its progress and result; a queued job is
cancelled; a cancelled plan stores nothing; a failing job stores an error each reader reads in
their own language."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from keruen import boundary
from keruen.config import Settings
from keruen.core.errors import Conflict
from keruen.events import service as event_service
from keruen.i18n import get_translations
from keruen.jobs import planning, runner
from keruen.jobs import service as jobs
from keruen.jobs.models import Job, JobState
from keruen.meetings.models import Schedule
from tests.jobs.conftest import DEMO

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _job(settings: Settings, job_id: int) -> Job:
    with boundary.unit_of_work(settings, read_only=True) as session:
        job = session.get(Job, job_id)
        assert job is not None
        session.expunge(job)
        return job


def _versions(settings: Settings) -> int:
    with boundary.unit_of_work(settings, read_only=True) as session:
        event = event_service.get_event(session, DEMO)
        return session.scalar(select(func.count()).where(Schedule.event_id == event.id)) or 0


def test_a_plan_job_runs_and_stores_its_progress_and_result(demo_settings):
    before = _versions(demo_settings)
    with boundary.unit_of_work(demo_settings) as session:
        event = event_service.get_event(session, DEMO)
        job_id = jobs.submit(
            session, "plan", event, {"seconds": 4, "seed": 1}, settings=demo_settings
        ).id
    job = _job(demo_settings, job_id)  # immediate mode: it ran when the transaction committed
    assert job.state == JobState.DONE.value, job.error
    assert job.started_at is not None and job.finished_at is not None
    assert job.result is not None and job.result["version"] == before + 1
    assert job.result["held"] > 0 and job.result["status"] in ("optimal", "feasible")
    assert job.progress and all("stage" in p and "at" in p for p in job.progress)
    assert any(p.get("value") is not None for p in job.progress)
    assert _versions(demo_settings) == before + 1
    view = jobs.job_view(job, get_translations("en"))
    assert view.finished and not view.stale and view.best is not None


def test_a_queued_job_is_cancelled_and_never_runs(tmp_path: Path, demo_settings):
    # a queue nobody consumes: the job waits in an SQLite file
    waiting = Settings(
        data_dir=tmp_path, database_url=demo_settings.database_url, jobs_immediate=False
    )
    before = _versions(demo_settings)
    with boundary.unit_of_work(waiting) as session:
        event = event_service.get_event(session, DEMO)
        job_id = jobs.submit(session, "plan", event, {"seconds": 2}, settings=waiting).id
    assert (tmp_path / "jobs.sqlite3").exists()
    assert _job(waiting, job_id).state == JobState.QUEUED.value
    with boundary.unit_of_work(waiting) as session:
        event = event_service.get_event(session, DEMO)
        jobs.request_cancel(session, event, job_id)
    runner.execute(waiting, job_id)  # a worker takes it later: it stays cancelled
    job = _job(waiting, job_id)
    assert job.state == JobState.CANCELLED.value and job.started_at is None
    assert _versions(demo_settings) == before
    with boundary.unit_of_work(waiting) as session, pytest.raises(Conflict):
        jobs.request_cancel(session, event_service.get_event(session, DEMO), job_id)


def test_a_cancelled_plan_stops_its_solver_and_stores_nothing(demo_settings):
    before = _versions(demo_settings)
    seen: list[object] = []
    with pytest.raises(runner.JobCancelled):
        planning.plan(
            demo_settings,
            DEMO,
            seconds=60,
            progress=seen.append,
            cancelled=lambda: bool(seen),  # stop as soon as the solver reports anything
        )
    assert seen
    assert _versions(demo_settings) == before
    # the lock is free again: the next plan runs
    done = planning.plan(demo_settings, DEMO, seconds=3, workers=1)
    assert done.version == before + 1


def test_a_failing_job_stores_an_error_in_every_readers_language(tmp_path: Path):
    settings = Settings(data_dir=tmp_path, jobs_immediate=True)
    from keruen.demo.loader import load_demo

    with boundary.unit_of_work(settings) as session:
        load_demo(session)  # no accepted request: nothing to plan
        event = event_service.get_event(session, DEMO)
        job_id = jobs.submit(session, "plan", event, {"seconds": 2}, settings=settings).id
    job = _job(settings, job_id)
    assert job.state == JobState.FAILED.value
    english = jobs.job_view(job, get_translations("en")).error
    russian = jobs.job_view(job, get_translations("ru")).error
    chinese = jobs.job_view(job, get_translations("zh")).error
    assert "no accepted meeting requests" in english
    assert russian != english and chinese != english and chinese != russian
    assert not jobs.job_view(job, get_translations("en")).stale
    boundary.dispose_engines()


def test_a_running_job_without_news_is_shown_as_stalled(demo_settings):
    from datetime import timedelta

    from keruen.core.timeutil import utcnow

    with boundary.unit_of_work(demo_settings) as session:
        event = event_service.get_event(session, DEMO)
        job = Job(
            kind="plan",
            event_id=event.id,
            state=JobState.RUNNING.value,
            params={},
            progress=[
                {
                    "stage": "priority",
                    "seconds": 1.0,
                    "value": 3,
                    "bound": 9,
                    "at": (utcnow() - timedelta(minutes=30)).isoformat(),
                }
            ],
            started_at=utcnow() - timedelta(minutes=31),
        )
        session.add(job)
        session.flush()
        job_id = job.id
    assert jobs.job_view(_job(demo_settings, job_id), get_translations("en")).stale
    with boundary.unit_of_work(demo_settings) as session:
        event = event_service.get_event(session, DEMO)
        jobs.request_cancel(session, event, job_id)  # its worker is gone: cancelled at once
    assert _job(demo_settings, job_id).state == JobState.CANCELLED.value
