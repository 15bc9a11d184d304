"""The organizer's schedule: plan in the background with live progress and cancel, the list of
versions, the slot × table grid with the unscheduled meetings and their reasons, moving a
meeting by hand, publishing, and who moves after a reschedule.

Pages under /o/{slug}/schedule, API under /api/v1/o/{slug}/schedule (tag "schedule"). Every
route lets in only the event's own organizers (`accounts.service.require_event_staff`); every
unsafe one checks CSRF first. The work is done by `keruen.jobs` and
`keruen.meetings.schedule_service`; this module parses, calls and renders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from keruen.accounts import service as accounts
from keruen.core.errors import Conflict, NotFound
from keruen.core.i18n_markers import N_
from keruen.events import service as event_service
from keruen.events.models import Event
from keruen.jobs import notify
from keruen.jobs import service as jobs
from keruen.jobs.models import Job
from keruen.meetings import queries, schedule_service
from keruen.meetings.enums import ScheduleStatus, label
from keruen.web.common import Reader, Web, web_of

router = APIRouter()

MAX_ID = 2**31 - 1
Slug = Annotated[str, Path(max_length=120)]
Version = Annotated[int, Path(ge=1, le=MAX_ID)]
JobId = Annotated[int, Path(ge=1, le=MAX_ID)]

JOB_STATES = {
    "queued": N_("queued"),
    "running": N_("running"),
    "done": N_("done"),
    "failed": N_("failed"),
    "cancelled": N_("cancelled"),
}
#: what each of the engine's stages improves (its progress reports name the stage)
STAGES = {
    "greedy": N_("first schedule"),
    "repair": N_("first schedule"),
    "priority": N_("meetings held (priority)"),
    "moved": N_("meetings moved"),
    "breaks": N_("breaks between meetings"),
    "maxsat": N_("breaks between meetings"),
}
# Words only the templates use.
TEMPLATE_WORDS = (
    N_("Schedule"),
    N_("Plan the schedule"),
    N_("Reschedule from the published version"),
    N_("Time limit, seconds"),
    N_("Seed"),
    N_("Start planning"),
    N_("Planning jobs"),
    N_("Versions"),
    N_("Version"),
    N_("Status"),
    N_("Based on"),
    N_("Held"),
    N_("Breaks"),
    N_("Moved"),
    N_("Publish"),
    N_("Cancel the plan"),
    N_("Best"),
    N_("Bound"),
    N_("Stage"),
    N_("Seconds"),
    N_("The planning job"),
    N_("Open the new version"),
    N_("Stop requested; the plan stops at its next check."),
    N_("No news from the worker for a while: it may have stopped. Cancel the job and plan again."),
    N_("Waiting for a worker to take the job…"),
    N_("Not scheduled"),
    N_("Move a meeting"),
    N_("Meeting"),
    N_("Time"),
    N_("Table"),
    N_("Move"),
    N_("Who moves"),
    N_("Compared with version %(version)s"),
    N_("Before"),
    N_("After"),
    N_("no longer held"),
    N_("Nobody moves."),
    N_("No version yet: plan the schedule first."),
    N_("Times are in the event's clock (%(zone)s)."),
    N_("Back to the schedule"),
    N_("move"),
    N_("The grid"),
    N_("The meeting was moved."),
    N_("Published."),
)


# ---------------------------------------------------------------- API models


class PlanIn(BaseModel):
    seconds: float = Field(default=20.0, ge=1, le=600, description="Solver time limit")
    seed: int = Field(default=0, ge=0, le=MAX_ID)
    publish: bool = Field(default=False, description="Publish the new draft at once")


class MoveIn(BaseModel):
    meeting_id: int = Field(ge=1, le=MAX_ID)
    slot: int = Field(ge=1, le=MAX_ID, description="Grid cell id (see `slots` of the version)")
    table: str | None = Field(default=None, max_length=40, description="Table label, e.g. A3")


class ProgressPoint(BaseModel):
    stage: str
    seconds: float
    value: float | None = None
    bound: float | None = None


class JobOut(BaseModel):
    id: int
    kind: str
    state: str
    state_label: str
    stale: bool
    cancel_requested: bool
    params: dict[str, Any]
    progress: list[ProgressPoint]
    best: float | None
    bound: float | None
    result: dict[str, Any] | None
    error: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class VersionOut(BaseModel):
    version: int
    status: str
    status_label: str
    based_on: int | None
    solver_status: str
    solver_status_label: str
    held: int
    requested: int
    breaks: int
    moved: int
    seconds: float


class SlotOut(BaseModel):
    id: int
    day: int
    starts_at: datetime
    ends_at: datetime
    local: str


class MeetingOut(BaseModel):
    id: int
    request_id: int | None
    kind: str
    starts_at: datetime
    ends_at: datetime
    slot: int | None
    table: str
    first_organization: str
    first_person: str
    second_organization: str
    second_person: str
    interpreter: str


class UnscheduledOut(BaseModel):
    request_id: int | None
    first_organization: str
    second_organization: str
    reason: str


class MoveOut(BaseModel):
    request_id: int | None
    first: str
    second: str
    old_start: datetime
    old_table: str
    new_start: datetime | None
    new_table: str


class ScheduleOut(VersionOut):
    timezone: str
    slots: list[SlotOut]
    tables: list[str]
    meetings: list[MeetingOut]
    unscheduled: list[UnscheduledOut]
    compared_with: int | None
    moves: list[MoveOut]


# ---------------------------------------------------------------- shared steps


def _staff_event(web: Web, request: Request, session: Session, slug: str) -> Event:
    """The event, if the signed-in organizer runs it (else 'sign in' or 'not found')."""
    who = web.require(request)
    try:
        event = event_service.get_event(session, slug)
    except NotFound:
        raise NotFound(N_("no event %(slug)s"), slug=slug) from None
    accounts.require_event_staff(who, event)
    return event


def _job_out(job: Job, reader: Reader) -> JobOut:
    view = jobs.job_view(job, reader.translations)
    return JobOut(
        id=view.id,
        kind=view.kind,
        state=view.state,
        state_label=reader._(JOB_STATES.get(view.state, view.state)),
        stale=view.stale,
        cancel_requested=view.cancel_requested,
        params=view.params,
        progress=[
            ProgressPoint(
                stage=str(p.get("stage", "")),
                seconds=float(p.get("seconds") or 0),
                value=p.get("value"),
                bound=p.get("bound"),
            )
            for p in view.progress
        ],
        best=view.best,
        bound=view.bound,
        result=view.result,
        error=view.error,
        created_at=view.created_at,
        started_at=view.started_at,
        finished_at=view.finished_at,
    )


def _version_out(v: schedule_service.VersionSummary, reader: Reader) -> VersionOut:
    return VersionOut(
        version=v.version,
        status=v.status,
        status_label=label(v.status, reader._),
        based_on=v.based_on,
        solver_status=v.solver_status,
        solver_status_label=label(v.solver_status, reader._),
        held=v.held,
        requested=v.requested,
        breaks=v.breaks,
        moved=v.moved,
        seconds=v.seconds,
    )


def _result_line(result: dict[str, Any] | None, reader: Reader) -> str:
    """A finished plan in one sentence (the same words as `keruen plan`)."""
    if not result or "version" not in result:
        return ""
    state = reader._("published") if result.get("published") else reader._("draft")
    return reader._(
        "Schedule version %(version)s (%(state)s): %(status)s, %(held)s of %(requested)s "
        "meetings held, %(breaks)s break(s), %(moved)s moved from the published schedule, "
        "%(seconds).1f s"
    ) % {
        "version": result["version"],
        "state": state,
        "status": label(str(result.get("status", "")), reader._),
        "held": result.get("held", 0),
        "requested": result.get("requested", 0),
        "breaks": result.get("breaks", 0),
        "moved": result.get("moved", 0),
        "seconds": float(result.get("seconds", 0.0)),
    }


@dataclass(frozen=True)
class Chart:
    """Best and bound of the current stage over time, as SVG polylines (no script, no style)."""

    stage: str
    stage_label: str
    best: str
    bound: str
    low: float
    high: float
    seconds: float


def _chart(progress: list[ProgressPoint], reader: Reader) -> Chart | None:
    if not progress:
        return None
    stage = progress[-1].stage
    points: list[ProgressPoint] = []  # the last run of reports of the current stage
    for p in reversed(progress):
        if p.stage != stage:
            break
        points.insert(0, p)
    values = [v for p in points for v in (p.value, p.bound) if v is not None]
    if not values:
        return None
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    t_end = max(p.seconds for p in points) or 1.0
    t_start = min(p.seconds for p in points)
    t_span = (t_end - t_start) or 1.0

    def line(attr: str) -> str:
        out = []
        for p in points:
            v = getattr(p, attr)
            if v is None:
                continue
            x = 5 + 290 * (p.seconds - t_start) / t_span
            y = 95 - 90 * (v - low) / span
            out.append(f"{x:.1f},{y:.1f}")
        if len(out) == 1:
            out.append(f"295.0,{out[0].split(',')[1]}")
        return " ".join(out)

    words = STAGES.get(stage)
    return Chart(
        stage, reader._(words) if words else stage, line("value"), line("bound"), low, high, t_end
    )


def _moves_out(
    session: Session, event: Event, version: int, reader: Reader
) -> tuple[int | None, list[MoveOut]]:
    base, moves = schedule_service.schedule_moves(session, event=event, version=version)
    out = []
    from keruen.events.models import Participation

    for m in moves:
        first = session.get(Participation, m.first_id)
        second = session.get(Participation, m.second_id)
        out.append(
            MoveOut(
                request_id=m.request_id,
                first=_who(first, reader),
                second=_who(second, reader),
                old_start=m.old_start,
                old_table=m.old_table,
                new_start=m.new_start,
                new_table=m.new_table,
            )
        )
    return base, out


def _who(p: Any, reader: Reader) -> str:
    person = queries.person_name(p, reader.locale)
    org = queries.organization_name(p, reader.locale)
    return f"{person} ({org})" if org and person else person or org


def _schedule_out(session: Session, event: Event, version: int, reader: Reader) -> ScheduleOut:
    stored = queries.find_schedule(session, event, version)
    summary = next(
        v for v in schedule_service.schedule_versions(session, event) if v.version == version
    )
    slots, tables = schedule_service.grid_axes(session, event)
    by_start = {s.starts_at: s.id for s in slots}
    base, moves = _moves_out(session, event, version, reader)
    return ScheduleOut(
        **_version_out(summary, reader).model_dump(),
        timezone=event.timezone,
        slots=[
            SlotOut(
                id=s.id,
                day=s.day,
                starts_at=s.starts_at,
                ends_at=s.ends_at,
                local=reader.datetime(s.starts_at, event.timezone, "short"),
            )
            for s in slots
        ],
        tables=tables,
        meetings=[
            MeetingOut(
                id=m.id,
                request_id=m.request_id,
                kind=m.kind,
                starts_at=m.starts_at,
                ends_at=m.ends_at,
                slot=by_start.get(m.starts_at),
                table=m.table,
                first_organization=m.first_organization,
                first_person=m.first_person,
                second_organization=m.second_organization,
                second_person=m.second_person,
                interpreter=m.interpreter,
            )
            for m in queries.meeting_views(stored, event, reader.locale)
        ],
        unscheduled=[
            UnscheduledOut(
                request_id=u.request_id,
                first_organization=u.first_organization,
                second_organization=u.second_organization,
                reason=u.reason,
            )
            for u in queries.unscheduled_views(session, stored, reader.locale, reader._)
        ],
        compared_with=base,
        moves=moves,
    )


def _is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def _see(url: str) -> Response:
    return RedirectResponse(url, status_code=303)


# ---------------------------------------------------------------- pages


@router.get("/o/{slug}/schedule", response_class=HTMLResponse, include_in_schema=False)
def overview(slug: Slug, request: Request) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        versions = [
            _version_out(v, reader) for v in schedule_service.schedule_versions(session, event)
        ]
        recent = [_job_out(j, reader) for j in jobs.jobs_of_event(session, event, "plan", 10)]
        name = reader.name(event.names)
    context = {
        "slug": slug,
        "event_name": name,
        "versions": versions,
        "jobs": recent,
        "has_published": any(v.status == ScheduleStatus.PUBLISHED.value for v in versions),
    }
    return web.page(request, "schedule/overview.html", context)


@router.post("/o/{slug}/schedule/plan", include_in_schema=False)
async def plan_page(
    slug: Slug,
    request: Request,
    seconds: Annotated[float, Form(ge=1, le=600)] = 20.0,
    seed: Annotated[int, Form(ge=0, le=MAX_ID)] = 0,
) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    job_id = _submit_plan(web, request, slug, PlanIn(seconds=seconds, seed=seed))
    return _see(f"/o/{slug}/schedule/jobs/{job_id}")


def _submit_plan(web: Web, request: Request, slug: str, data: PlanIn) -> int:
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        who = web.principal(request)
        job = jobs.submit(
            session,
            "plan",
            event,
            data.model_dump(),
            account=who.account_id if who else None,
            settings=web.settings,
        )
        return job.id


@router.get(
    "/o/{slug}/schedule/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False
)
def job_page(slug: Slug, job_id: JobId, request: Request) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        job = _job_out(jobs.get_job(session, event, job_id), reader)
    context = {
        "slug": slug,
        "job": job,
        "chart": _chart(job.progress, reader),
        "result_line": _result_line(job.result, reader),
    }
    template = "schedule/_job.html" if _is_htmx(request) else "schedule/job.html"
    return web.page(request, template, context)


@router.post("/o/{slug}/schedule/jobs/{job_id}/cancel", include_in_schema=False)
async def cancel_page(slug: Slug, job_id: JobId, request: Request) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        jobs.request_cancel(session, event, job_id)
    return _see(f"/o/{slug}/schedule/jobs/{job_id}")


@router.get("/o/{slug}/schedule/v/{version}", response_class=HTMLResponse, include_in_schema=False)
def version_page(
    slug: Slug,
    version: Version,
    request: Request,
    move: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    done: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    return _version_page(request, slug, version, move=move, done=done)


def _version_page(
    request: Request,
    slug: str,
    version: int,
    *,
    move: int | None = None,
    done: str | None = None,
    refusal: str = "",
    status: int = 200,
) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        data = _schedule_out(session, event, version, reader)
    cells: dict[tuple[int | None, str], MeetingOut] = {(m.slot, m.table): m for m in data.meetings}
    rows = []
    for s in data.slots:
        row = [cells.get((s.id, t)) for t in data.tables]
        untabled = [m for m in data.meetings if m.slot == s.id and m.table not in data.tables]
        rows.append({"slot": s, "cells": row, "extra": untabled})
    moving = next((m for m in data.meetings if m.id == move), None)
    context = {
        "slug": slug,
        "data": data,
        "rows": rows,
        "moving": moving,
        "refusal": refusal,
        "done": {
            "moved": reader._("The meeting was moved."),
            "published": reader._("Published."),
        }.get(done or "", ""),
        "is_draft": data.status == ScheduleStatus.DRAFT.value,
        "fmt": lambda moment: reader.datetime(moment, data.timezone, "short"),
    }
    if _is_htmx(request) and move is not None:
        return web.page(request, "schedule/_move.html", context, status)
    return web.page(request, "schedule/version.html", context, status)


@router.post("/o/{slug}/schedule/v/{version}/move", include_in_schema=False)
async def move_page(
    slug: Slug,
    version: Version,
    request: Request,
    meeting_id: Annotated[int, Form(ge=1, le=MAX_ID)],
    slot: Annotated[int, Form(ge=1, le=MAX_ID)],
    table: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    try:
        _move(
            web,
            request,
            slug,
            version,
            MoveIn(meeting_id=meeting_id, slot=slot, table=table or None),
        )
    except Conflict as refused:  # the validator's (or the draft's) refusal, shown by the form
        reader = web.reader(request)
        return _version_page(
            request,
            slug,
            version,
            move=meeting_id,
            refusal=refused.render(reader.translations),
            status=409,
        )
    return _see(f"/o/{slug}/schedule/v/{version}?done=moved")


def _move(web: Web, request: Request, slug: str, version: int, data: MoveIn) -> None:
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        schedule_service.move_meeting(
            session,
            event=event,
            version=version,
            meeting_id=data.meeting_id,
            slot=data.slot,
            table=data.table,
        )


@router.post("/o/{slug}/schedule/v/{version}/publish", include_in_schema=False)
async def publish_page(slug: Slug, version: Version, request: Request) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    _publish(web, request, slug, version)
    return _see(f"/o/{slug}/schedule/v/{version}?done=published")


def _publish(web: Web, request: Request, slug: str, version: int) -> None:
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        schedule_service.publish_schedule(session, event=event, version=version)
        notify.schedule_published(session, event, settings=web.settings)  # mails after commit


# ---------------------------------------------------------------- API

API = "/api/v1/o/{slug}/schedule"


@router.get(f"{API}/versions", tags=["schedule"])
def api_versions(slug: Slug, request: Request) -> list[VersionOut]:
    """The event's schedule versions, newest first."""
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        return [_version_out(v, reader) for v in schedule_service.schedule_versions(session, event)]


@router.get(f"{API}/versions/{{version}}", tags=["schedule"])
def api_version(slug: Slug, version: Version, request: Request) -> ScheduleOut:
    """One version: its slots, tables, meetings, unscheduled meetings with their reasons, and the
    meetings it moves compared with the version it was planned from."""
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        return _schedule_out(session, event, version, reader)


@router.post(f"{API}/plan", tags=["schedule"], status_code=202)
async def api_plan(slug: Slug, data: PlanIn, request: Request) -> JobOut:
    """Plan the schedule as a background job (from the published version, if there is one)."""
    web = web_of(request)
    await web.check_csrf(request)
    job_id = _submit_plan(web, request, slug, data)
    return _api_job(web, request, slug, job_id)


def _api_job(web: Web, request: Request, slug: str, job_id: int) -> JobOut:
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        return _job_out(jobs.get_job(session, event, job_id), reader)


@router.get(f"{API}/jobs", tags=["schedule"])
def api_jobs(slug: Slug, request: Request) -> list[JobOut]:
    """The event's recent planning jobs, newest first."""
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        return [_job_out(j, reader) for j in jobs.jobs_of_event(session, event, "plan")]


@router.get(f"{API}/jobs/{{job_id}}", tags=["schedule"])
def api_job(slug: Slug, job_id: JobId, request: Request) -> JobOut:
    """One planning job: state, progress (best and bound over time), result or error."""
    return _api_job(web_of(request), request, slug, job_id)


@router.post(f"{API}/jobs/{{job_id}}/cancel", tags=["schedule"])
async def api_cancel(slug: Slug, job_id: JobId, request: Request) -> JobOut:
    """Ask a job to stop; a cancelled plan stores nothing."""
    web = web_of(request)
    await web.check_csrf(request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        jobs.request_cancel(session, event, job_id)
    return _api_job(web, request, slug, job_id)


@router.post(f"{API}/versions/{{version}}/move", tags=["schedule"])
async def api_move(slug: Slug, version: Version, data: MoveIn, request: Request) -> ScheduleOut:
    """Move one meeting of a draft; refused (409) with the validator's reason if it breaks a
    rule."""
    web = web_of(request)
    await web.check_csrf(request)
    _move(web, request, slug, version, data)
    return api_version(slug, version, request)


@router.post(f"{API}/versions/{{version}}/publish", tags=["schedule"])
async def api_publish(slug: Slug, version: Version, request: Request) -> VersionOut:
    """Publish a draft; the previously published version is superseded."""
    web = web_of(request)
    await web.check_csrf(request)
    _publish(web, request, slug, version)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        found = next(
            v for v in schedule_service.schedule_versions(session, event) if v.version == version
        )
        return _version_out(found, reader)
