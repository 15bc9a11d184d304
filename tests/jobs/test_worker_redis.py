"""Once through a real worker: `run_worker` in another process, the queue on Redis (a database
number of its own, flushed first), a fresh SQLite database; a plan job submitted here is run
there and its schedule stored. Skipped only when Redis does not answer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from keruen import boundary
from keruen.config import Settings
from keruen.demo.loader import load_demo
from keruen.events import service as event_service
from keruen.jobs import service as jobs
from keruen.jobs.models import Job, JobState
from keruen.meetings import queries
from tests.jobs.conftest import DEMO
from tests.jobs.demo_requests import accept_top_requests

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# Database 7 for the SQLite run, 8 for the PostgreSQL run: `make test` runs both at once, and
# each empties its own.
REDIS = f"redis://127.0.0.1:6379/{8 if os.environ.get('KERUEN_TEST_DATABASE_URL') else 7}"
WORKER = (
    "from keruen.config import get_settings\nfrom keruen.jobs.queue import run_worker\n"
    "if __name__ == '__main__':\n    run_worker(get_settings(), workers=2)\n"
)


def _redis_or_skip() -> None:
    import redis

    try:
        client = redis.Redis.from_url(REDIS, socket_timeout=2)
        client.flushdb()
        client.close()
    except redis.RedisError:
        pytest.skip("Redis does not answer at 127.0.0.1:6379")


def test_a_plan_job_runs_in_a_worker_process_on_redis(tmp_path: Path):
    _redis_or_skip()
    database = f"sqlite:///{tmp_path / 'keruen.sqlite3'}"
    settings = Settings(data_dir=tmp_path, database_url=database, redis_url=REDIS)
    with boundary.unit_of_work(settings) as session:
        load_demo(session)
        accept_top_requests(session, event_service.get_event(session, DEMO))
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    env = {
        **os.environ,
        "KERUEN_DATA_DIR": str(tmp_path),
        "KERUEN_DATABASE_URL": database,
        "KERUEN_REDIS_URL": REDIS,
        "KERUEN_JOBS_IMMEDIATE": "false",
    }
    worker = subprocess.Popen(
        [sys.executable, str(script)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        with boundary.unit_of_work(settings) as session:
            event = event_service.get_event(session, DEMO)
            job_id = jobs.submit(session, "plan", event, {"seconds": 3}, settings=settings).id
        deadline = time.monotonic() + 180
        state = JobState.QUEUED.value
        while time.monotonic() < deadline and worker.poll() is None:
            with boundary.unit_of_work(settings, read_only=True) as session:
                job = session.get(Job, job_id)
                assert job is not None
                state = job.state
            if state in (JobState.DONE.value, JobState.FAILED.value):
                break
            time.sleep(0.5)
        assert state == JobState.DONE.value, (state, job.error)
        assert job.progress
        with boundary.unit_of_work(settings, read_only=True) as session:
            event = event_service.get_event(session, DEMO)
            stored = queries.find_schedule(session, event, job.result["version"])
            assert len(stored.meetings) == job.result["held"] > 0
    finally:
        worker.send_signal(signal.SIGINT)
        try:
            output, _ = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
        boundary.dispose_engines()
    assert worker.returncode is not None, output
