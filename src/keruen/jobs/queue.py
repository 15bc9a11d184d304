"""The job queue (huey), built from settings, and the worker that runs it.

Storage:
- `settings.redis_url` empty (one machine): an SQLite file, `settings.data_dir / "jobs.sqlite3"`;
- `settings.redis_url` set (production, workers on other machines): Redis (`PriorityRedisHuey`);
- `settings.jobs_immediate` (tests): jobs run inline, at once, when they are enqueued.

The queue carries only a job's id: what to do, its progress and its result are in the `job`
table (`keruen.jobs.models.Job`), so any app process can show a job and ask to cancel it,
whichever worker runs it.

Worker: `run_worker(settings, workers=1)` runs the huey consumer in the current process (with
`workers` threads) until SIGINT or SIGTERM, then returns after the running jobs had their
chance to stop. The CLI's `keruen worker` and the demo call it; any number of worker processes,
on any machines that reach the same Redis and database, may run side by side.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from huey import PriorityRedisHuey, SqliteHuey
from huey.api import Huey

from keruen.config import Settings

log = logging.getLogger("keruen.jobs")

QUEUE_NAME = "keruen"
TASK_NAME = "keruen.run_job"

_hueys: dict[tuple[str, str, bool], Huey] = {}
_lock = threading.Lock()


def _key(settings: Settings) -> tuple[str, str, bool]:
    return (settings.redis_url, str(settings.data_dir), settings.jobs_immediate)


def huey_for(settings: Settings) -> Huey:
    """One huey instance per queue configuration, with the job task registered on it."""
    with _lock:
        found = _hueys.get(_key(settings))
        if found is None:
            found = _build(settings)
            _hueys[_key(settings)] = found
        return found


def _build(settings: Settings) -> Huey:
    huey: Huey
    if settings.redis_url:
        huey = PriorityRedisHuey(
            QUEUE_NAME, url=settings.redis_url, immediate=settings.jobs_immediate, results=False
        )
    else:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        huey = SqliteHuey(
            QUEUE_NAME,
            filename=str(settings.data_dir / "jobs.sqlite3"),
            immediate=settings.jobs_immediate,
            results=False,
        )

    def run_job(job_id: int) -> None:
        from keruen.jobs.runner import execute

        execute(settings, job_id)

    task: Any = huey.task(name=TASK_NAME)(run_job)
    huey.keruen_run_job = task
    return huey


def enqueue(settings: Settings, job_id: int) -> None:
    """Put a job (already committed to the database) on the queue; in immediate mode it runs
    now."""
    huey_for(settings).keruen_run_job(job_id)


def run_worker(settings: Settings, workers: int = 1) -> None:
    """Run jobs from the queue in this process until SIGINT or SIGTERM.

    `workers` threads take jobs side by side (a plan's solve runs in a child process of its
    own, so threads are enough). Returns when the consumer has stopped."""
    from huey.consumer import Consumer

    huey = huey_for(settings)
    consumer: Consumer = huey.create_consumer(
        workers=max(1, workers),
        worker_type="thread",
        periodic=False,
        initial_delay=0.1,
        max_delay=1.0,
        backoff=1.15,
        check_worker_health=True,
    )
    log.info(
        "worker started",
        extra={"workers": workers, "queue": "redis" if settings.redis_url else "sqlite"},
    )
    consumer.run()  # installs its own SIGINT/SIGTERM handlers and returns after a clean stop
    log.info("worker stopped")
