"""Jobs as the interfaces see them: submit one, show it, ask to cancel it, list an event's.

`submit` writes the job's row and puts its id on the queue once the caller's transaction has
committed (a worker never looks for a row that is not there yet). A job's error is stored as a
msgid with its params (`{"msgid": ..., "params": ...}` in JSON), so a page shows it in the
reader's language.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from gettext import NullTranslations
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen.accounts.models import Account
from keruen.config import Settings, get_settings
from keruen.core.errors import Conflict, NotFound, render_message
from keruen.core.i18n_markers import N_
from keruen.core.timeutil import utcnow
from keruen.events.models import Event
from keruen.jobs.models import Job, JobState

log = logging.getLogger("keruen.jobs")

#: a running job with no news for this long is shown as stalled (its worker probably died)
STALE_AFTER = timedelta(minutes=5)
KINDS = ("plan", "import", "notify", "agendas", "remind", "survey")
FINISHED = (JobState.DONE.value, JobState.FAILED.value, JobState.CANCELLED.value)


def submit(
    session: Session,
    kind: str,
    event: Event | None,
    params: dict[str, Any],
    payload: bytes | None = None,
    account: Account | int | None = None,
    *,
    settings: Settings | None = None,
) -> Job:
    """Write a queued job and enqueue it after the caller's transaction commits.

    `settings` names the queue (the web passes `web.settings`; default: the environment's)."""
    if kind not in KINDS:
        raise NotFound(N_("no job of kind %(kind)s"), kind=kind)
    account_id = account.id if isinstance(account, Account) else account
    job = Job(
        kind=kind,
        event_id=event.id if event is not None else None,
        account_id=account_id,
        state=JobState.QUEUED.value,
        params=dict(params),
        payload=payload,
        progress=[],
    )
    session.add(job)
    session.flush()
    job_id = job.id
    queue_settings = settings or get_settings()

    def after_commit(_session: Session) -> None:
        from keruen.jobs import queue

        try:
            queue.enqueue(queue_settings, job_id)
        except Exception:  # the queue is down: the row stays queued, shown as such
            log.exception("could not enqueue job %s", job_id)

    sa_event.listen(session, "after_commit", after_commit, once=True)
    return job


def get_job(session: Session, event: Event, job_id: int) -> Job:
    """One job of this event (another event's job is not found)."""
    job = session.get(Job, job_id)
    if job is None or job.event_id != event.id:
        raise NotFound(N_("no job %(job)s"), job=job_id)
    return job


def request_cancel(session: Session, event: Event, job_id: int) -> Job:
    """Ask a job to stop: a queued (or stalled) one is cancelled at once, a running one at its
    worker's next check."""
    job = get_job(session, event, job_id)
    if job.state in FINISHED:
        raise Conflict(N_("job %(job)s has already finished"), job=job_id)
    job.cancel_requested = True
    if job.state == JobState.QUEUED.value or is_stale(job):
        # queued: no worker has it yet; stalled: its worker died and nobody will finish it
        job.state = JobState.CANCELLED.value
        job.finished_at = utcnow()
    session.flush()
    return job


def jobs_of_event(
    session: Session, event: Event, kind: str | None = None, limit: int = 20
) -> list[Job]:
    query = select(Job).where(Job.event_id == event.id).order_by(Job.id.desc()).limit(limit)
    if kind:
        query = query.where(Job.kind == kind)
    return list(session.scalars(query))


def error_of(message: str, params: dict[str, Any] | None = None) -> str:
    return json.dumps({"msgid": message, "params": params or {}}, ensure_ascii=False)


def render_error(stored: str | None, translations: NullTranslations) -> str:
    """A stored error in the reader's language."""
    if not stored:
        return ""
    try:
        data = json.loads(stored)
        return render_message(str(data["msgid"]), dict(data.get("params") or {}), translations)
    except (ValueError, KeyError, TypeError):
        return stored


@dataclass(frozen=True)
class JobView:
    id: int
    kind: str
    state: str
    stale: bool
    params: dict[str, Any]
    progress: list[dict[str, Any]]
    result: dict[str, Any] | None
    error: str
    cancel_requested: bool
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    last_news: datetime | None = None
    best: float | None = None
    bound: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        return self.state in FINISHED


def _moment(value: Any) -> datetime | None:
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def last_news(job: Job) -> datetime | None:
    """When the job last showed signs of life (its last progress report, else its start)."""
    points = job.progress or []
    last = _moment(points[-1].get("at")) if points else None
    return max((m for m in (last, job.started_at) if m is not None), default=None)


def is_stale(job: Job, now: datetime | None = None) -> bool:
    """A running job with no news for STALE_AFTER: its worker probably died."""
    news = last_news(job)
    return (
        job.state == JobState.RUNNING.value
        and news is not None
        and (now or utcnow()) - news > STALE_AFTER
    )


def job_view(job: Job, translations: NullTranslations, now: datetime | None = None) -> JobView:
    """A job as pages and the API show it: state, whether it is stalled, progress, the error in
    the reader's language."""
    points = list(job.progress or [])
    best = next((p.get("value") for p in reversed(points) if p.get("value") is not None), None)
    bound = next((p.get("bound") for p in reversed(points) if p.get("bound") is not None), None)
    return JobView(
        id=job.id,
        kind=job.kind,
        state=job.state,
        stale=is_stale(job, now),
        params=dict(job.params or {}),
        progress=points,
        result=job.result,
        error=render_error(job.error, translations),
        cancel_requested=job.cancel_requested,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        last_news=last_news(job),
        best=best,
        bound=bound,
    )
