"""What a worker does with a job's id: load the row, mark it running, run the handler of its
kind, store progress as it comes, and the result, the error or the cancellation at the end.

Handlers: `handler(settings, context) -> result dict`. They report progress through
`context.progress(point)` and call `context.cancelled()` often; a handler that sees a cancel
raises `JobCancelled` and stores nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from keruen import boundary
from keruen.config import Settings
from keruen.core.errors import DomainError, InputRejected, KeruenError
from keruen.core.i18n_markers import N_
from keruen.core.timeutil import utcnow
from keruen.events.models import Event
from keruen.jobs.models import Job, JobState
from keruen.jobs.service import error_of

log = logging.getLogger("keruen.jobs")

#: at most this many progress writes per second, and reads of the cancel flag
WRITE_EVERY = 0.5
READ_CANCEL_EVERY = 1.0
#: progress points kept per job (older ones are thinned)
MAX_POINTS = 240


class JobCancelled(Exception):
    """The job was asked to stop; nothing was stored."""


@dataclass
class JobContext:
    job_id: int
    event_slug: str | None
    params: dict[str, Any]
    payload: bytes | None
    progress: Callable[[dict[str, Any]], None]
    cancelled: Callable[[], bool]


Handler = Callable[[Settings, JobContext], dict[str, Any]]


class Reporter:
    """Progress into the job's row (throttled) and the cancel flag out of it (throttled)."""

    def __init__(self, settings: Settings, job_id: int) -> None:
        self.settings, self.job_id = settings, job_id
        self.pending: list[dict[str, Any]] = []
        self.last_write = 0.0
        self.last_read = 0.0
        self.cancel = False

    def progress(self, point: dict[str, Any]) -> None:
        self.pending.append({**point, "at": utcnow().isoformat()})
        if time.monotonic() - self.last_write >= WRITE_EVERY:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        with boundary.unit_of_work(self.settings) as session:
            job = session.get(Job, self.job_id)
            if job is None:
                return
            points = list(job.progress or []) + self.pending
            if len(points) > MAX_POINTS:
                points = points[:1] + points[-(MAX_POINTS - 1) :]
            job.progress = points
            self.cancel = self.cancel or job.cancel_requested
        self.pending = []
        self.last_write = self.last_read = time.monotonic()

    def cancelled(self) -> bool:
        if not self.cancel and time.monotonic() - self.last_read >= READ_CANCEL_EVERY:
            with boundary.unit_of_work(self.settings, read_only=True) as session:
                job = session.get(Job, self.job_id)
                self.cancel = job is None or job.cancel_requested
            self.last_read = time.monotonic()
        return self.cancel


def _plan(settings: Settings, context: JobContext) -> dict[str, Any]:
    from keruen.jobs import planning

    if context.event_slug is None:
        raise DomainError(N_("the job names no event"))
    params = context.params
    result = planning.plan(
        settings,
        context.event_slug,
        seconds=float(params.get("seconds", 20.0)),
        seed=int(params.get("seed", 0)),
        publish=bool(params.get("publish", False)),
        workers=int(params.get("workers", 2)),
        progress=lambda p: context.progress(
            {"stage": p.stage, "seconds": p.seconds, "value": p.value, "bound": p.bound}
        ),
        cancelled=context.cancelled,
    )
    return {
        "version": result.version,
        "schedule_id": result.schedule_id,
        "status": result.status,
        "held": result.held,
        "requested": result.requested,
        "moved": result.moved,
        "breaks": result.breaks,
        "seconds": result.seconds,
        "published": bool(params.get("publish", False)),
    }


def _import(settings: Settings, context: JobContext) -> dict[str, Any]:
    from keruen.jobs.imports import import_job

    if context.event_slug is None:
        raise DomainError(N_("the job names no event"))
    return import_job(settings, context.event_slug, context.params, context.payload or b"")


def _notify(settings: Settings, context: JobContext) -> dict[str, Any]:
    from keruen.jobs import notify

    if context.event_slug is None:
        raise DomainError(N_("the job names no event"))
    return notify.run(settings, context.event_slug, context.params)


def _agendas(settings: Settings, context: JobContext) -> dict[str, Any]:
    """Every agenda of the event in one PDF, kept in the job's row for the organizer."""
    from keruen.jobs.agendas import print_all_agendas

    if context.event_slug is None:
        raise DomainError(N_("the job names no event"))

    def progress(done: int, total: int) -> None:
        context.progress({"stage": "agendas", "done": done, "total": total})
        if context.cancelled():
            raise JobCancelled

    pdf = print_all_agendas(settings, context.event_slug, progress=progress)
    with boundary.unit_of_work(settings) as session:
        job = session.get(Job, context.job_id)
        if job is not None:
            job.payload = pdf
    return {"bytes": len(pdf)}


def _remind(settings: Settings, context: JobContext) -> dict[str, Any]:
    from keruen.jobs import notify

    if context.event_slug is None:
        raise DomainError(N_("the job names no event"))
    return notify.remind(settings, context.event_slug)


def _survey(settings: Settings, context: JobContext) -> dict[str, Any]:
    from keruen.jobs import survey

    if context.event_slug is None:
        raise DomainError(N_("the job names no event"))
    return survey.run(settings, context.event_slug, context.params)


HANDLERS: dict[str, Handler] = {
    "plan": _plan,
    "import": _import,
    "notify": _notify,
    "agendas": _agendas,
    "remind": _remind,
    "survey": _survey,
}


def _error_text(error: KeruenError) -> str:
    if isinstance(error, DomainError):
        return error_of(error.message, error.params)
    if isinstance(error, InputRejected) and error.problems:
        first = error.problems[0]
        return error_of(first.message, first.params)
    return error_of(N_("the job failed: %(detail)s"), {"detail": str(error)})


def _finish(settings: Settings, job_id: int, state: JobState, **values: Any) -> None:
    with boundary.unit_of_work(settings) as session:
        job = session.get(Job, job_id)
        if job is None:
            return
        job.state = state.value
        job.finished_at = utcnow()
        for key, value in values.items():
            setattr(job, key, value)


def execute(settings: Settings, job_id: int) -> None:
    """Run one job to its end; never raises (the outcome is in the row)."""
    with boundary.unit_of_work(settings) as session:
        job = session.get(Job, job_id)
        if job is None or job.state != JobState.QUEUED.value:
            return  # cancelled while queued, or run already by another worker
        if job.cancel_requested:
            job.state = JobState.CANCELLED.value
            job.finished_at = utcnow()
            return
        job.state = JobState.RUNNING.value
        job.started_at = utcnow()
        kind = job.kind
        event = session.get(Event, job.event_id) if job.event_id is not None else None
        slug = event.slug if event is not None else None
        context_data = (dict(job.params or {}), job.payload)
    reporter = Reporter(settings, job_id)
    context = JobContext(
        job_id=job_id,
        event_slug=slug,
        params=context_data[0],
        payload=context_data[1],
        progress=reporter.progress,
        cancelled=reporter.cancelled,
    )
    handler = HANDLERS.get(kind)
    try:
        if handler is None:
            raise DomainError(N_("no job of kind %(kind)s"), kind=kind)
        result = handler(settings, context)
    except JobCancelled:
        reporter.flush()
        _finish(settings, job_id, JobState.CANCELLED)
    except KeruenError as error:
        reporter.flush()
        _finish(settings, job_id, JobState.FAILED, error=_error_text(error))
    except Exception as error:  # a defect: logged in full, shown as one line
        log.exception("job %s (%s) failed", job_id, kind)
        reporter.pending = []
        _finish(
            settings,
            job_id,
            JobState.FAILED,
            error=error_of(N_("the job failed unexpectedly: %(detail)s"), {"detail": repr(error)}),
        )
    else:
        reporter.flush()
        _finish(settings, job_id, JobState.DONE, result=result)
