"""From an event's accepted requests to a stored, versioned schedule, through keruen.scheduling.

The adapter maps rows to the solver's instance (integer slots, string ids `p<participation>`,
`i<interpreter participation>`, `r<request>`, table labels) and maps the solution back. Every
solution is checked by the scheduling library's independent validator before it is stored, and
the stored rows carry unique constraints that make a double booking impossible anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import reduce
from math import gcd
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from keruen import scheduling
from keruen.core.errors import DomainError
from keruen.core.i18n_markers import N_
from keruen.core.timeutil import utc_to_local
from keruen.events import service as event_service
from keruen.events.enums import ParticipationRole, SessionKind
from keruen.events.models import Event, EventSession, Hall, MeetingTable, Participation
from keruen.meetings import service as meeting_service
from keruen.meetings.enums import MeetingKind, RequestStatus, ScheduleStatus
from keruen.meetings.models import MeetingRequest, Schedule, ScheduledMeeting, ScheduledSeat


@dataclass
class SlotInfo:
    """One cell of the event's time grid. Parallel sessions (B2B in hall A while G2B talks run
    in hall B) share one grid whose step divides every session's slot length, so a person can
    never be in both at once."""

    id: int
    starts_at: datetime
    ends_at: datetime
    day: int
    sessions: set[int] = field(default_factory=set)  # sessions running during this cell
    session_starts: set[int] = field(default_factory=set)  # sessions whose slot starts here


@dataclass
class InstanceMap:
    """How the instance's ids map back to rows."""

    slots: dict[int, SlotInfo] = field(default_factory=dict)
    tables: dict[str, MeetingTable] = field(default_factory=dict)
    participants: dict[str, Participation] = field(default_factory=dict)
    interpreters: dict[str, Participation] = field(default_factory=dict)
    requests: dict[str, MeetingRequest] = field(default_factory=dict)
    pairs: dict[str, tuple[Participation, Participation, MeetingKind]] = field(default_factory=dict)


def _slots(event: Event) -> tuple[list[SlotInfo], dict[int, EventSession]]:
    sessions = {s.id: s for s in event.sessions}
    step = reduce(gcd, (s.slot_minutes for s in sessions.values()), 0)
    cells: dict[datetime, SlotInfo] = {}
    for event_session in sessions.values():
        per_slot = event_session.slot_minutes // step
        for start in event_service.slot_starts_utc(event_session):
            for k in range(per_slot):
                begin = start + timedelta(minutes=k * step)
                cell = cells.get(begin)
                if cell is None:
                    local_day = utc_to_local(begin, event.timezone).date()
                    cell = SlotInfo(
                        0,
                        begin,
                        begin + timedelta(minutes=step),
                        (local_day - event.starts_on).days + 1,
                    )
                    cells[begin] = cell
                cell.sessions.add(event_session.id)
                if k == 0:
                    cell.session_starts.add(event_session.id)
    ordered = [cells[t] for t in sorted(cells)]
    for number, cell in enumerate(ordered, start=1):
        cell.id = number
    return ordered, sessions


def _covers(cells: dict[int, SlotInfo], first: int, length: int, session_id: int) -> bool:
    """True when `length` grid cells from `first` run back to back inside one session."""
    previous = None
    for number in range(first, first + length):
        cell = cells.get(number)
        if cell is None or session_id not in cell.sessions:
            return False
        if previous is not None and previous.ends_at != cell.starts_at:
            return False
        previous = cell
    return True


def _blocked(slots: list[SlotInfo], participation: Participation) -> list[int]:
    return [
        s.id
        for s in slots
        if any(
            u.starts_at < s.ends_at and s.starts_at < u.ends_at for u in participation.unavailable
        )
    ]


def _host_table(p: Participation, hosts: dict[str, str]) -> str | None:
    """The table this participant hosts at: named by their delegate ref or e-mail, or by their
    organization's ref, BIN or USCC."""
    if not hosts:
        return None
    d = p.delegate
    handles = [d.ref, d.email]
    if d.organization is not None:
        handles += [d.organization.ref, d.organization.bin, d.organization.uscc]
    for handle in handles:
        if handle and handle.strip().lower() in hosts:
            return hosts[handle.strip().lower()]
    return None


def accepted_requests(session: Session, event: Event) -> list[MeetingRequest]:
    return list(
        session.scalars(
            select(MeetingRequest)
            .where(
                MeetingRequest.event_id == event.id,
                MeetingRequest.status == RequestStatus.ACCEPTED.value,
            )
            .options(
                selectinload(MeetingRequest.requester).selectinload(Participation.delegate),
                selectinload(MeetingRequest.target).selectinload(Participation.delegate),
            )
            .order_by(MeetingRequest.id)
        )
    )


def published_schedule(session: Session, event: Event) -> Schedule | None:
    return session.scalar(
        select(Schedule).where(
            Schedule.event_id == event.id, Schedule.status == ScheduleStatus.PUBLISHED.value
        )
    )


def meeting_key(meeting: ScheduledMeeting) -> str:
    """The instance id of a stored meeting: r<request> or s<first>-<second> for suggestions."""
    if meeting.request_id is not None:
        return f"r{meeting.request_id}"
    return f"s{meeting.first_id}-{meeting.second_id}"


def build_instance(
    session: Session, event: Event, *, schedule_all: bool = False, fill_from_suggestions: int = 0
) -> tuple[dict[str, Any], InstanceMap]:
    """The event's accepted requests as a `keruen-schedule-instance/1` document.

    With `fill_from_suggestions=k`, each organization's top-k partner suggestions that nobody
    requested (or declined) join as optional meetings at the lowest priority, to fill empty
    slots; requested meetings then weigh ten times as much, so one never gives way to them.
    """
    rules = meeting_service.get_rules(session, event=event)
    slots, sessions = _slots(event)
    if not slots:
        raise DomainError(N_("the event has no meeting sessions to schedule into"))
    mapping = InstanceMap(slots={s.id: s for s in slots})
    halls = list(
        session.scalars(
            select(Hall)
            .where(Hall.event_id == event.id, Hall.active.is_(True))
            .options(selectinload(Hall.tables))
        )
    )
    tables_doc = []
    hosts: dict[str, str] = {}  # host handle → table label
    for hall in halls:
        for table in hall.tables:
            if not table.active:
                continue
            label = f"{hall.code}{table.number}"
            mapping.tables[label] = table
            if table.host:
                hosts[table.host.strip().lower()] = label
            # A session held in another hall makes this table unavailable in its slots.
            elsewhere = [
                s.id
                for s in slots
                if not any(sessions[k].hall_id in (None, hall.id) for k in s.sessions)
            ]
            tables_doc.append({"id": label, "unavailable": elsewhere})

    g2b_sessions = {k for k, v in sessions.items() if v.kind == SessionKind.G2B.value}
    requests = accepted_requests(session, event)
    participants_doc: dict[str, dict[str, Any]] = {}
    meetings_doc: list[dict[str, Any]] = []
    weight = 10 if fill_from_suggestions else 1
    all_sessions = set(sessions)
    step = int((slots[0].ends_at - slots[0].starts_at).total_seconds()) // 60

    def add_meeting(
        mid: str, people: tuple[Participation, Participation], g2b: bool, priority: int
    ) -> None:
        ids = []
        for p in people:
            pid = f"p{p.id}"
            ids.append(pid)
            if pid not in participants_doc:
                mapping.participants[pid] = p
                participants_doc[pid] = {
                    "id": pid,
                    "languages": list(p.delegate.languages),
                    "unavailable": _blocked(slots, p),
                }
                table_label = _host_table(p, hosts)
                if table_label is not None:
                    participants_doc[pid]["table"] = table_label
        # G2B talks go to G2B sessions when the event has them; B2B meetings to the others.
        if g2b and g2b_sessions:
            wanted = g2b_sessions
        else:
            wanted = (all_sessions - g2b_sessions) or all_sessions
        session_slots = rules.g2b_length_slots if g2b else 1
        length = session_slots * max(sessions[k].slot_minutes for k in wanted) // step
        allowed = [
            cell.id
            for cell in slots
            for k in cell.session_starts & wanted
            if _covers(mapping.slots, cell.id, length, k)
        ]
        mapping.pairs[mid] = (people[0], people[1], MeetingKind.G2B if g2b else MeetingKind.B2B)
        meetings_doc.append(
            {
                "id": mid,
                "participants": ids,
                "priority": priority,
                "length": length,
                "slots": allowed,
            }
        )

    for request in requests:
        rid = f"r{request.id}"
        mapping.requests[rid] = request
        add_meeting(
            rid,
            (request.requester, request.target),
            request.kind == MeetingKind.G2B.value,
            request.priority * weight,
        )
    if fill_from_suggestions:
        _add_suggested(session, event, fill_from_suggestions, add_meeting)
    if not meetings_doc:
        raise DomainError(N_("there are no accepted meeting requests to schedule yet"))

    interpreters_doc = []
    for p in session.scalars(
        select(Participation)
        .where(
            Participation.event_id == event.id,
            Participation.role == ParticipationRole.INTERPRETER.value,
        )
        .options(selectinload(Participation.delegate), selectinload(Participation.unavailable))
    ):
        if not p.delegate.languages:
            continue
        iid = f"i{p.id}"
        mapping.interpreters[iid] = p
        interpreters_doc.append(
            {"id": iid, "languages": list(p.delegate.languages), "unavailable": _blocked(slots, p)}
        )

    objective: dict[str, Any] = {"schedule": "all" if schedule_all else "most"}
    current = published_schedule(session, event)
    if current is not None:
        # By time, not by grid number: a changed timetable renumbers the grid.
        by_start = {cell.starts_at: cell.id for cell in slots}
        objective["previous"] = {
            meeting_key(m): by_start[m.starts_at]
            for m in current.meetings
            if meeting_key(m) in mapping.pairs and m.starts_at in by_start
        }
    document = {
        "format": "keruen-schedule-instance/1",
        "name": event.slug,
        "slots": [
            {
                "id": s.id,
                "day": s.day,
                "start": utc_to_local(s.starts_at, event.timezone).strftime("%H:%M"),
                "minutes": step,
            }
            for s in slots
        ],
        "tables": tables_doc if tables_doc else max(1, len(participants_doc) // 2),
        "participants": list(participants_doc.values()),
        "interpreters": interpreters_doc,
        "meetings": meetings_doc,
        "objective": objective,
    }
    return document, mapping


def _add_suggested(
    session: Session, event: Event, top_k: int, add_meeting: Callable[..., None]
) -> None:
    from keruen.meetings import suggestions as suggestion_service

    taken = {
        (r.pair_low, r.pair_high)
        for r in session.scalars(select(MeetingRequest).where(MeetingRequest.event_id == event.id))
    }
    directory, ranked = suggestion_service.suggest_for_event(session, event, top_k=top_k)
    seen: set[tuple[str, str]] = set()
    for org_key, items in ranked.items():
        for suggestion in items:
            pair = (min(org_key, suggestion.partner_id), max(org_key, suggestion.partner_id))
            if pair in seen:
                continue
            seen.add(pair)
            first = directory.representatives[pair[0]][0]
            second = directory.representatives[pair[1]][0]
            if tuple(sorted((first.id, second.id))) in taken:
                continue  # already requested, declined or vetoed: people have spoken
            g2b = ParticipationRole.OFFICIAL.value in (first.role, second.role)
            add_meeting(f"s{first.id}-{second.id}", (first, second), g2b, 1)


def meeting_rows(
    instance: scheduling.Instance, solution: scheduling.Solution, mapping: InstanceMap
) -> list[ScheduledMeeting]:
    """The solution's assignments as meeting rows (with their seats), not yet added anywhere."""
    meetings = {m.id: m for m in instance.meetings}
    rows = []
    for assignment in solution.assignments:
        request = mapping.requests.get(assignment.meeting)
        first_p, second_p, kind = mapping.pairs[assignment.meeting]
        length = meetings[assignment.meeting].length
        first = mapping.slots[assignment.slot]
        last = mapping.slots[assignment.slot + length - 1]
        table = mapping.tables.get(assignment.table) if assignment.table else None
        interpreter = (
            mapping.interpreters.get(assignment.interpreter) if assignment.interpreter else None
        )
        row = ScheduledMeeting(
            request_id=request.id if request else None,
            first_id=first_p.id,
            second_id=second_p.id,
            kind=kind.value,
            starts_at=first.starts_at,
            ends_at=last.ends_at,
            slot_index=assignment.slot,
            table_id=table.id if table else None,
            interpreter_id=interpreter.id if interpreter else None,
        )
        people = [first_p.id, second_p.id]
        if interpreter is not None:
            people.append(interpreter.id)
        row.seats = [
            ScheduledSeat(participation_id=pid, slot_index=slot)
            for pid in people
            for slot in range(assignment.slot, assignment.slot + length)
        ]
        rows.append(row)
    return rows
