"""The only writer of events and participations. Services flush; the boundary commits."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen.core.errors import DomainError, NotFound
from keruen.core.i18n_markers import N_
from keruen.core.timeutil import local_to_utc, parse_clock
from keruen.db.base import assign_changed
from keruen.events.models import (
    Event,
    EventSession,
    EventSide,
    Hall,
    MeetingTable,
    Participation,
    SessionPause,
    Unavailability,
)
from keruen.events.schemas import EventIn, ParticipationIn, UnavailableIn
from keruen.organizations.models import Delegate


def get_event(session: Session, slug: str) -> Event:
    event = session.scalar(select(Event).where(Event.slug == slug))
    if event is None:
        raise NotFound(N_("no event with the slug %(slug)s"), slug=slug)
    return event


@dataclass(frozen=True)
class SessionTimes:
    """A session as the event file wants it, in UTC (before anything is written)."""

    code: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    slot_minutes: int
    pauses: tuple[tuple[datetime, datetime], ...]

    def slot_windows(self) -> list[tuple[datetime, datetime]]:
        step = timedelta(minutes=self.slot_minutes)
        out: list[tuple[datetime, datetime]] = []
        moment = self.starts_at
        while moment + step <= self.ends_at:
            clash = next((p for p in self.pauses if moment < p[1] and p[0] < moment + step), None)
            if clash is not None:
                moment = clash[1]
                continue
            out.append((moment, moment + step))
            moment += step
        return out


def session_times(data: EventIn) -> list[SessionTimes]:
    zone = data.timezone
    return [
        SessionTimes(
            code=s.key,
            kind=s.kind.value,
            starts_at=local_to_utc(s.day, parse_clock(s.start), zone),
            ends_at=local_to_utc(s.day, parse_clock(s.end), zone),
            slot_minutes=s.slot_minutes,
            pauses=tuple(
                (
                    local_to_utc(s.day, parse_clock(p.start), zone),
                    local_to_utc(s.day, parse_clock(p.end), zone),
                )
                for p in s.pauses
            ),
        )
        for s in data.sessions
    ]


@dataclass
class LayoutPlan:
    """What an update would remove: tables by id (hall code, number) and sessions by code."""

    removed_tables: dict[int, str] = field(default_factory=dict)
    removed_sessions: list[str] = field(default_factory=list)


def layout_plan(event: Event | None, data: EventIn) -> LayoutPlan:
    plan = LayoutPlan()
    if event is None:
        return plan
    wanted_halls = {h.code: h for h in data.halls}
    for hall in event.halls:
        keep = wanted_halls.get(hall.code)
        for table in hall.tables:
            if table.active and (keep is None or table.number > keep.tables):
                plan.removed_tables[table.id] = table.label
    codes = {s.key for s in data.sessions}
    plan.removed_sessions = [s.code or "" for s in event.sessions if s.code not in codes]
    return plan


def find_event(session: Session, slug: str) -> Event | None:
    return session.scalar(select(Event).where(Event.slug == slug))


def upsert_event(session: Session, *, data: EventIn, tables_in_use: Collection[int] = ()) -> Event:
    """Create the event or bring the one with this slug in line with `data`.

    Sides, halls, tables and sessions are matched by their code (tables by hall and number) and
    updated in place, never deleted and recreated, so schedules keep pointing at them. A hall or
    table that is removed but still named by a stored schedule (`tables_in_use`) is kept
    inactive; planning uses active ones only. Loading the same description twice writes
    nothing.
    """
    event = find_event(session, data.slug)
    if event is None:
        event = Event(slug=data.slug)
        session.add(event)
    assign_changed(
        event,
        {
            "names": data.names,
            "venue": data.venue if data.venue else None,
            "region_code": data.region,
            "timezone": data.timezone,
            "languages": list(data.languages),
            "starts_on": min(data.days),
            "ends_on": max(data.days),
        },
    )

    sides = {s.code: s for s in event.sides}
    for side_in in data.sides:
        side = sides.pop(side_in.code, None)
        if side is None:
            event.sides.append(
                EventSide(code=side_in.code, region_code=side_in.region, names=side_in.names)
            )
        else:
            assign_changed(side, {"region_code": side_in.region, "names": side_in.names})
    for side in sides.values():
        event.sides.remove(side)

    in_use = set(tables_in_use)
    halls = {h.code: h for h in event.halls}
    by_code: dict[str, Hall] = {}
    for item in data.halls:
        hall = halls.pop(item.code, None)
        if hall is None:
            hall = Hall(code=item.code, names=item.names, active=True)
            event.halls.append(hall)
        else:
            assign_changed(hall, {"names": item.names, "active": True})
        by_code[item.code] = hall
        tables = {t.number: t for t in hall.tables}
        for number in range(1, item.tables + 1):
            values = {"seats": item.seats, "host": item.hosts.get(number), "active": True}
            table = tables.pop(number, None)
            if table is None:
                hall.tables.append(MeetingTable(number=number, **values))
            else:
                assign_changed(table, values)
        for table in tables.values():
            if table.id in in_use:
                assign_changed(table, {"active": False})
            else:
                hall.tables.remove(table)
    for hall in halls.values():
        if any(t.id in in_use for t in hall.tables):
            assign_changed(hall, {"active": False})
            for table in list(hall.tables):
                if table.id in in_use:
                    assign_changed(table, {"active": False})
                else:
                    hall.tables.remove(table)
        else:
            event.halls.remove(hall)

    sessions = {s.code: s for s in event.sessions}
    times = {t.code: t for t in session_times(data)}
    for session_in in data.sessions:
        t = times[session_in.key]
        columns: dict[str, object] = {
            "kind": t.kind,
            "names": session_in.names if session_in.names else None,
            "hall": by_code[session_in.hall] if session_in.hall else None,
            "starts_at": t.starts_at,
            "ends_at": t.ends_at,
            "slot_minutes": t.slot_minutes,
        }
        row = sessions.pop(session_in.key, None)
        if row is None:
            row = EventSession(code=session_in.key, **columns)
            event.sessions.append(row)
        else:
            assign_changed(row, columns)
        if [(p.starts_at, p.ends_at) for p in row.pauses] != list(t.pauses):
            row.pauses = [SessionPause(starts_at=a, ends_at=b) for a, b in t.pauses]
    for row in sessions.values():
        event.sessions.remove(row)
    session.flush()
    return event


def _unavailable_utc(item: UnavailableIn, zone: str) -> tuple[datetime, datetime]:
    start = parse_clock(item.start) if item.start else time(0, 0)
    if item.end:
        end = local_to_utc(item.day, parse_clock(item.end), zone)
    else:
        end = local_to_utc(item.day + timedelta(days=1), time(0, 0), zone)
    begin = local_to_utc(item.day, start, zone)
    if end <= begin:
        raise DomainError(
            N_("unavailable time on %(day)s ends before it starts"), day=item.day.isoformat()
        )
    return begin.astimezone(UTC), end.astimezone(UTC)


def set_participation(
    session: Session, *, event: Event, delegate: Delegate, data: ParticipationIn
) -> Participation:
    """Register the delegate for the event in a role, with topics and unavailable times."""
    participation = session.scalar(
        select(Participation).where(
            Participation.event_id == event.id, Participation.delegate_id == delegate.id
        )
    )
    if participation is None:
        participation = Participation(event=event, delegate=delegate)
        session.add(participation)
    if participation.role != data.role.value:
        participation.role = data.role.value
    if participation.topics != list(data.topics):
        participation.topics = list(data.topics)
    wanted = [_unavailable_utc(u, event.timezone) for u in data.unavailable]
    for begin, end in wanted:
        if end.date() < event.starts_on - timedelta(days=1) or begin.date() > event.ends_on:
            raise DomainError(
                N_("unavailable time %(day)s is outside the event"), day=begin.date().isoformat()
            )
    if [(u.starts_at, u.ends_at) for u in participation.unavailable] != wanted:
        participation.unavailable = [Unavailability(starts_at=b, ends_at=e) for b, e in wanted]
    session.flush()
    return participation


def slot_starts_utc(event_session: EventSession) -> list[datetime]:
    """Start times of the session's slots: whole slots only, none overlapping a pause."""
    step = timedelta(minutes=event_session.slot_minutes)
    out: list[datetime] = []
    moment = event_session.starts_at
    while moment + step <= event_session.ends_at:
        clash = next(
            (p for p in event_session.pauses if moment < p.ends_at and p.starts_at < moment + step),
            None,
        )
        if clash is not None:
            moment = clash.ends_at
            continue
        out.append(moment)
        moment += step
    return out
