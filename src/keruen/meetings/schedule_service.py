"""The only writer of schedules: plan (solve and store a draft), publish, and event changes that
touch published meetings (refused, or rescheduled with the fewest moves).

The planning module maps rows to the engine's instance and back; this module decides what is
stored. Services flush; the boundary commits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from keruen import scheduling
from keruen.core.errors import Conflict, NotFound, said
from keruen.core.i18n_markers import N_
from keruen.core.timeutil import utc_to_local
from keruen.events import service as event_service
from keruen.events.models import Event
from keruen.events.schemas import EventIn
from keruen.meetings import planning
from keruen.meetings.enums import ScheduleStatus
from keruen.meetings.models import Schedule, ScheduledMeeting, ScheduledSeat


@dataclass(frozen=True)
class PlanResult:
    schedule_id: int
    version: int
    status: str
    held: int
    requested: int
    moved: int
    breaks: int
    unscheduled: list[dict[str, str]]
    seconds: float


def published_schedule(session: Session, event: Event) -> Schedule | None:
    return planning.published_schedule(session, event)


@dataclass
class PreparedPlan:
    """An instance built from the rows, ready to be solved outside any transaction."""

    event_id: int
    instance: scheduling.Instance
    mapping: planning.InstanceMap
    based_on_id: int | None


def prepare_plan(session: Session, *, event: Event, fill_from_suggestions: int = 0) -> PreparedPlan:
    """Read what the plan needs (a short read; nothing is written)."""
    document, mapping = planning.build_instance(
        session, event, fill_from_suggestions=fill_from_suggestions
    )
    current = published_schedule(session, event)
    return PreparedPlan(
        event_id=event.id,
        instance=scheduling.load_instance(document),
        mapping=mapping,
        based_on_id=current.id if current else None,
    )


def solve_plan(
    prepared: PreparedPlan,
    *,
    seconds: float = 20.0,
    seed: int = 0,
    workers: int = 2,
    progress: Callable[[Any], None] | None = None,
) -> scheduling.Solution:
    """Solve and check; runs outside any transaction (a solve can take minutes)."""
    solution = scheduling.solve(
        prepared.instance, seconds=seconds, seed=seed, workers=workers, progress=progress
    )
    report = scheduling.check_solution(prepared.instance, solution)
    if not report.ok:  # the validator is independent of the solver: never store a bad plan
        raise Conflict(
            N_("the solver produced an invalid schedule: %(problem)s"),
            problem=said(report.violations[0].template, dict(report.violations[0].params)),
        )
    return solution


def store_plan(
    session: Session, *, prepared: PreparedPlan, solution: scheduling.Solution
) -> PlanResult:
    """Store a solved plan as the event's next draft version.

    The event row is locked first (PostgreSQL; SQLite holds its write lock already), so two
    stores number their versions one after the other. Meetings whose request was cancelled,
    declined or vetoed while the plan was solved are not stored; they are listed as left out.
    """
    event = session.scalar(select(Event).where(Event.id == prepared.event_id).with_for_update())
    if event is None:
        raise NotFound(N_("the event was deleted while the plan was made"))
    version = (
        session.scalar(select(func.max(Schedule.version)).where(Schedule.event_id == event.id)) or 0
    ) + 1
    still = {
        r.id
        for r in planning.accepted_requests(session, event)
        if f"r{r.id}" in prepared.mapping.requests
    }
    rows = []
    dropped: list[dict[str, str]] = []
    for row in planning.meeting_rows(prepared.instance, solution, prepared.mapping):
        if row.request_id is not None and row.request_id not in still:
            dropped.append(
                {"meeting": f"r{row.request_id}", "reason": "withdrawn while the plan was made"}
            )
            continue
        rows.append(row)
    schedule = Schedule(
        event_id=event.id,
        version=version,
        status=ScheduleStatus.DRAFT.value,
        based_on_id=prepared.based_on_id,
        solver_status=solution.status.value,
        objective=solution.objective.model_dump(mode="json"),
        bound=solution.bound.model_dump(mode="json", exclude_none=True),
        seconds=round(solution.seconds, 3),
        unscheduled=[u.model_dump(mode="json") for u in solution.unscheduled] + dropped,
    )
    session.add(schedule)
    session.flush()
    for row in rows:
        row.schedule = schedule
        for seat in row.seats:
            seat.schedule_id = schedule.id
        session.add(row)
    session.flush()
    return PlanResult(
        schedule_id=schedule.id,
        version=version,
        status=solution.status.value,
        held=len(rows),
        requested=len(prepared.instance.meetings),
        moved=solution.objective.moved,
        breaks=solution.objective.breaks,
        unscheduled=schedule.unscheduled,
        seconds=schedule.seconds,
    )


def plan_event(
    session: Session,
    *,
    event: Event,
    seconds: float = 20.0,
    seed: int = 0,
    workers: int = 2,
    fill_from_suggestions: int = 0,
    progress: Callable[[Any], None] | None = None,
) -> PlanResult:
    """Prepare, solve and store in one session (tests, reschedules); the CLI splits the three so
    that no transaction stays open during the solve."""
    prepared = prepare_plan(session, event=event, fill_from_suggestions=fill_from_suggestions)
    solution = solve_plan(prepared, seconds=seconds, seed=seed, workers=workers, progress=progress)
    return store_plan(session, prepared=prepared, solution=solution)


def publish_schedule(session: Session, *, event: Event, version: int) -> Schedule:
    """Make a draft the event's current schedule; the previous one is superseded."""
    # Lock the event row: two publishes of one event run one after the other (PostgreSQL;
    # SQLite's write lock is taken when the transaction begins).
    session.scalar(select(Event.id).where(Event.id == event.id).with_for_update())
    schedule = session.scalar(
        select(Schedule)
        .where(Schedule.event_id == event.id, Schedule.version == version)
        .execution_options(populate_existing=True)
    )
    if schedule is None:
        raise NotFound(N_("no schedule version %(version)s"), version=version)
    if schedule.status == ScheduleStatus.PUBLISHED.value:
        raise Conflict(N_("schedule version %(version)s is already published"), version=version)
    if schedule.status != ScheduleStatus.DRAFT.value:
        raise Conflict(
            N_("schedule version %(version)s is %(status)s, not a draft"),
            version=version,
            status=schedule.status,
        )
    current = session.scalar(
        select(Schedule)
        .where(Schedule.event_id == event.id, Schedule.status == ScheduleStatus.PUBLISHED.value)
        .execution_options(populate_existing=True)
    )
    if current is not None:
        current.status = ScheduleStatus.SUPERSEDED.value
        session.flush()
    schedule.status = ScheduleStatus.PUBLISHED.value
    session.flush()
    return schedule


def tables_in_use(session: Session, event: Event) -> set[int]:
    """Tables named by any stored schedule of the event (they are kept, never deleted)."""
    rows = session.scalars(
        select(ScheduledMeeting.table_id)
        .join(Schedule)
        .where(Schedule.event_id == event.id, ScheduledMeeting.table_id.is_not(None))
        .distinct()
    )
    return {int(t) for t in rows if t is not None}


@dataclass
class EventUpdate:
    event: Event
    created: bool
    displaced: list[ScheduledMeeting] = field(default_factory=list)
    plan: PlanResult | None = None


def _displaced(
    current: Schedule | None, removed_tables: set[int], data: EventIn
) -> list[ScheduledMeeting]:
    """Published meetings that the new layout has no room for: their table is removed, or their
    time is no longer inside a slot of a session of the same kind."""
    if current is None:
        return []
    windows: dict[str, list[tuple[Any, Any]]] = {}
    for t in event_service.session_times(data):
        windows.setdefault(t.kind, []).extend(t.slot_windows())
    out = []
    for m in current.meetings:
        starts = [w for ws in windows.values() for w in ws if w[0] == m.starts_at]
        ends = [w for ws in windows.values() for w in ws if w[1] == m.ends_at]
        if m.table_id in removed_tables or not starts or not ends:
            out.append(m)
    return out


def update_event(
    session: Session,
    *,
    data: EventIn,
    reschedule: bool = False,
    seconds: float = 20.0,
    seed: int = 0,
) -> EventUpdate:
    """Create or change an event. A change that takes away a table or slot that a published
    meeting uses is refused, naming those meetings, unless `reschedule`: then a new version is
    planned from the published one (the engine moves as few meetings as possible) and
    published."""
    event = event_service.find_event(session, data.slug)
    created = event is None
    current = published_schedule(session, event) if event is not None else None
    plan = event_service.layout_plan(event, data)
    displaced = _displaced(current, set(plan.removed_tables), data)
    if displaced and not reschedule:
        raise Conflict(
            N_(
                "this change removes tables or times that %(count)s published meeting(s) use: "
                "%(meetings)s. Keep them, or run the update with --reschedule to move those "
                "meetings (as few others as possible move with them)."
            ),
            count=len(displaced),
            meetings=", ".join(
                f"{utc_to_local(m.starts_at, data.timezone):%Y-%m-%d %H:%M} "
                f"{m.table.label if m.table else ''} (#{m.request_id or m.id})"
                for m in displaced[:10]
            )
            + (" …" if len(displaced) > 10 else ""),
        )
    in_use = tables_in_use(session, event) if event is not None else set()
    event = event_service.upsert_event(session, data=data, tables_in_use=in_use)
    result = EventUpdate(event=event, created=created, displaced=displaced)
    if displaced and reschedule:
        result.plan = plan_event(session, event=event, seconds=seconds, seed=seed)
        publish_schedule(session, event=event, version=result.plan.version)
    return result


# ---------------------------------------------------------------- by hand: the grid, a move, a diff


@dataclass(frozen=True)
class GridSlot:
    """One cell row of the slot × table grid."""

    id: int
    starts_at: Any
    ends_at: Any
    day: int


def grid_axes(session: Session, event: Event) -> tuple[list[GridSlot], list[str]]:
    """The event's slots (grid cells, in order) and its active tables' labels."""
    slots, _sessions = planning._slots(event)
    labels: list[str] = []
    for hall in sorted(event.halls, key=lambda h: h.code):
        if not hall.active:
            continue
        for table in sorted(hall.tables, key=lambda t: t.number):
            if table.active:
                labels.append(f"{hall.code}{table.number}")
    return [GridSlot(s.id, s.starts_at, s.ends_at, s.day) for s in slots], labels


def _draft(session: Session, event: Event, version: int) -> Schedule:
    schedule = session.scalar(
        select(Schedule).where(Schedule.event_id == event.id, Schedule.version == version)
    )
    if schedule is None:
        raise NotFound(N_("no schedule version %(version)s"), version=version)
    if schedule.status != ScheduleStatus.DRAFT.value:
        raise Conflict(
            N_("only a draft can be changed by hand; version %(version)s is %(status)s"),
            version=version,
            status=schedule.status,
        )
    return schedule


MOVE_REFUSED = N_("the move breaks a rule of the schedule (%(detail)s)")
#: the validator's kinds of violation, as an organizer reads them (its own text is the detail)
MOVE_REFUSALS = {
    "overlap": N_("someone in this meeting already has another meeting then (%(detail)s)"),
    "table-double": N_("that table is taken by another meeting then (%(detail)s)"),
    "unavailable": N_("someone in this meeting is not available then (%(detail)s)"),
    "allowed-slots": N_("this meeting cannot start then: no session of its kind (%(detail)s)"),
    "day": N_("the meeting would run past the end of the day (%(detail)s)"),
    "interpreter": N_("its interpreter cannot work then (%(detail)s)"),
    "interpreter-double": N_("its interpreter has another meeting then (%(detail)s)"),
    "host-table": N_("that table is a host's own table (%(detail)s)"),
    "table": N_("that table cannot be used then (%(detail)s)"),
    "fairness": N_("the move gives someone too many breaks (%(detail)s)"),
}


def move_meeting(
    session: Session,
    *,
    event: Event,
    version: int,
    meeting_id: int,
    slot: int,
    table: str | None,
) -> Schedule:
    """Move one meeting of a draft to another slot (grid cell id) and table (label).

    The whole changed schedule is checked by the independent validator
    (`keruen.scheduling.check_solution`) before anything is written; a move that breaks a rule
    is refused with the validator's reason."""
    schedule = _draft(session, event, version)
    moving = next((m for m in schedule.meetings if m.id == meeting_id), None)
    if moving is None:
        raise NotFound(N_("no meeting %(meeting)s in this version"), meeting=meeting_id)
    document, mapping = planning.build_instance(session, event)
    instance = scheduling.load_instance(document)
    if slot not in mapping.slots:
        raise NotFound(N_("no slot %(slot)s in this event"), slot=slot)
    if table is not None and table not in mapping.tables:
        raise NotFound(N_("no table %(table)s in this event"), table=table)
    by_start = {cell.starts_at: cell.id for cell in mapping.slots.values()}
    label_of = {t.id: label for label, t in mapping.tables.items()}
    moving_key = planning.meeting_key(moving)
    if moving_key not in mapping.pairs:
        raise Conflict(
            N_("this meeting's request is no longer accepted; plan again instead of moving it")
        )
    assignments = []
    for m in schedule.meetings:
        key = planning.meeting_key(m)
        if key not in mapping.pairs or m.starts_at not in by_start:
            continue  # withdrawn since the plan: not checked (its seats still hold)
        target = m.id == meeting_id
        kept = label_of.get(m.table_id) if m.table_id is not None else None
        assignments.append(
            scheduling.Assignment(
                meeting=key,
                slot=slot if target else by_start[m.starts_at],
                table=table if target else kept,
                interpreter=f"i{m.interpreter_id}" if m.interpreter_id is not None else None,
            )
        )
    held = {a.meeting for a in assignments}
    reasons = {u.get("meeting", ""): u.get("reason", "") for u in schedule.unscheduled}
    solution = scheduling.Solution(
        status=scheduling.Status.FEASIBLE,
        assignments=assignments,
        unscheduled=[
            scheduling.Unscheduled(meeting=m.id, reason=reasons.get(m.id) or "not in this draft")
            for m in instance.meetings
            if m.id not in held
        ],
    )
    report = scheduling.check_solution(instance, solution)
    problems = [v for v in report.violations if v.kind != "objective"]
    interpreter_id = moving.interpreter_id
    if (
        problems
        and interpreter_id is not None
        and all(v.kind in ("interpreter", "interpreter-double") for v in problems)
    ):
        # its interpreter is busy or away then: another one who is free takes it (the
        # validator judges each), as an organizer moving a meeting would expect
        index = next(i for i, a in enumerate(assignments) if a.meeting == moving_key)
        for other in instance.interpreters:
            if other.id == assignments[index].interpreter:
                continue
            assignments[index] = assignments[index].model_copy(update={"interpreter": other.id})
            trial = solution.model_copy(update={"assignments": assignments})
            report = scheduling.check_solution(instance, trial)
            if not [v for v in report.violations if v.kind != "objective"]:
                problems, interpreter_id = [], int(other.id.removeprefix("i"))
                break
    if problems:
        # the most direct rule first (a double booking before the breaks it would cause), in
        # the order of `MOVE_REFUSALS`: the organizer reads one reason, the one to act on
        order = list(MOVE_REFUSALS)
        problems.sort(key=lambda v: order.index(v.kind) if v.kind in order else len(order))
        first_problem = problems[0]
        raise Conflict(
            MOVE_REFUSALS.get(first_problem.kind, MOVE_REFUSED),
            detail=said(first_problem.template, dict(first_problem.params)),
        )
    length = next(m.length for m in instance.meetings if m.id == moving_key)
    first, last = mapping.slots[slot], mapping.slots[slot + length - 1]
    moving.starts_at, moving.ends_at, moving.slot_index = first.starts_at, last.ends_at, slot
    moving.table_id = mapping.tables[table].id if table is not None else None
    people = {seat.participation_id for seat in moving.seats}
    if interpreter_id != moving.interpreter_id:  # the interpreter sits with them too
        people.discard(moving.interpreter_id)
        people.add(interpreter_id)
        moving.interpreter_id = interpreter_id
    moving.seats.clear()
    session.flush()
    for pid in sorted(people):
        for k in range(slot, slot + length):
            moving.seats.append(
                ScheduledSeat(schedule_id=schedule.id, participation_id=pid, slot_index=k)
            )
    schedule.objective = {
        **dict(schedule.objective or {}),
        **report.objective.model_dump(mode="json"),
    }
    session.flush()
    return schedule


@dataclass(frozen=True)
class Move:
    """A meeting that a new version places elsewhere than the version it is based on."""

    request_id: int | None
    first_id: int
    second_id: int
    old_start: Any
    old_table: str
    new_start: Any | None  # None: no longer held
    new_table: str


def schedule_moves(
    session: Session, *, event: Event, version: int
) -> tuple[int | None, list[Move]]:
    """The meetings `version` moves compared with the version it was planned from (the
    published one at the time): (that version's number, moves)."""
    schedule = session.scalar(
        select(Schedule).where(Schedule.event_id == event.id, Schedule.version == version)
    )
    if schedule is None:
        raise NotFound(N_("no schedule version %(version)s"), version=version)
    if schedule.based_on_id is None:
        return None, []
    base = session.get(Schedule, schedule.based_on_id)
    if base is None:
        return None, []
    now = {planning.meeting_key(m): m for m in schedule.meetings}
    moves = []
    for old in sorted(base.meetings, key=lambda m: (m.starts_at, m.id)):
        new = now.get(planning.meeting_key(old))
        if new is not None and new.starts_at == old.starts_at and new.table_id == old.table_id:
            continue
        moves.append(
            Move(
                request_id=old.request_id,
                first_id=old.first_id,
                second_id=old.second_id,
                old_start=old.starts_at,
                old_table=old.table.label if old.table else "",
                new_start=new.starts_at if new is not None else None,
                new_table=new.table.label if new is not None and new.table else "",
            )
        )
    return base.version, moves


@dataclass(frozen=True)
class VersionSummary:
    """One stored version as the list of versions shows it."""

    version: int
    status: str
    based_on: int | None
    solver_status: str
    held: int
    requested: int
    breaks: int
    moved: int
    seconds: float
    created_at: Any


def schedule_versions(session: Session, event: Event) -> list[VersionSummary]:
    """The event's versions, newest first, with what they hold."""
    schedules = list(
        session.scalars(
            select(Schedule).where(Schedule.event_id == event.id).order_by(Schedule.version.desc())
        )
    )
    held = dict(
        session.execute(
            select(ScheduledMeeting.schedule_id, func.count())
            .join(Schedule)
            .where(Schedule.event_id == event.id)
            .group_by(ScheduledMeeting.schedule_id)
        ).all()
    )
    numbers = {s.id: s.version for s in schedules}
    return [
        VersionSummary(
            version=s.version,
            status=s.status,
            based_on=numbers.get(s.based_on_id) if s.based_on_id else None,
            solver_status=s.solver_status,
            held=int(held.get(s.id, 0)),
            requested=int(held.get(s.id, 0)) + len(s.unscheduled or []),
            breaks=int((s.objective or {}).get("breaks", 0)),
            moved=int((s.objective or {}).get("moved", 0)),
            seconds=s.seconds,
            created_at=s.created_at,
        )
        for s in schedules
    ]
