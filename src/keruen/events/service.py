"""The only writer of events and participations. Services flush; the boundary commits."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import cast

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import instance_state

from keruen.core.errors import DomainError, NotFound
from keruen.core.i18n_markers import N_
from keruen.core.timeutil import local_to_utc, parse_clock, utcnow
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

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{1,79}")


def get_event(session: Session, slug: str) -> Event:
    if not _SLUG.fullmatch(slug):  # no event is called so: the database need not be asked
        shown = "".join(c if c.isprintable() else "?" for c in slug[:80])
        raise NotFound(N_("no event with the slug %(slug)s"), slug=shown)
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


def unavailable_windows(
    event: Event, items: Sequence[UnavailableIn]
) -> list[tuple[datetime, datetime]]:
    """The unavailable times as UTC windows in start order; DomainError when one does not touch
    a day of the event. Days and hours are the event's local ones, in the message too: a day
    typed as 14 April in Almaty starts on 13 April in UTC, and must be named 14 April."""
    zone = event.timezone
    first = local_to_utc(event.starts_on, time(0, 0), zone)
    after_last = local_to_utc(event.ends_on + timedelta(days=1), time(0, 0), zone)
    windows = []
    for item in items:
        begin, end = _unavailable_utc(item, zone)
        if end <= first or begin >= after_last:
            typed = item.day.isoformat()
            if item.start or item.end:
                typed += f" {item.start or '00:00'}–{item.end or '24:00'}"
            raise DomainError(
                N_(
                    "unavailable time %(day)s is not within the event's days (%(first)s to "
                    "%(last)s, %(zone)s time): correct the date"
                ),
                day=typed,
                first=event.starts_on.isoformat(),
                last=event.ends_on.isoformat(),
                zone=zone,
            )
        windows.append((begin, end))
    return sorted(windows)


def set_participation(
    session: Session, *, event: Event, delegate: Delegate, data: ParticipationIn
) -> Participation:
    """Register the delegate for the event in a role, with topics and unavailable times."""
    wanted = unavailable_windows(event, data.unavailable)
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
    if [(u.starts_at, u.ends_at) for u in participation.unavailable] != wanted:
        participation.unavailable = [Unavailability(starts_at=b, ends_at=e) for b, e in wanted]
    session.flush()
    return participation


def set_participations(
    session: Session, *, event: Event, rows: Sequence[tuple[int, ParticipationIn]]
) -> list[bool]:
    """`set_participation` for many delegates (by id) at once, in a few statements: every row
    is checked before anything is written, a participation equal to the wanted one is not
    touched, new ones are inserted in batches. True for each row that created or changed one.

    Written with plain statements; participations already loaded in this session are expired
    at the end, so they are read again as stored."""
    wanted = [
        (delegate_id, data, unavailable_windows(event, data.unavailable))
        for delegate_id, data in rows
    ]
    stored: dict[int, tuple[int, str, list[str]]] = {}
    ids = sorted({delegate_id for delegate_id, _ in rows})
    for start in range(0, len(ids), 500):
        for participation_id, delegate_id, role, topics in session.execute(
            select(
                Participation.id,
                Participation.delegate_id,
                Participation.role,
                Participation.topics,
            ).where(
                Participation.event_id == event.id,
                Participation.delegate_id.in_(ids[start : start + 500]),
            )
        ):
            stored[delegate_id] = (participation_id, role, list(topics or []))
    windows: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    stored_ids = sorted(p for p, _, _ in stored.values())
    for start in range(0, len(stored_ids), 500):
        for participation_id, begin, end in session.execute(
            select(
                Unavailability.participation_id, Unavailability.starts_at, Unavailability.ends_at
            )
            .where(Unavailability.participation_id.in_(stored_ids[start : start + 500]))
            .order_by(Unavailability.starts_at)
        ):
            windows[participation_id].append((begin, end))

    now = utcnow()
    changed: list[bool] = []
    new: dict[int, tuple[ParticipationIn, list[tuple[datetime, datetime]]]] = {}
    updates: list[dict[str, object]] = []
    replaced: dict[int, list[tuple[datetime, datetime]]] = {}
    for delegate_id, data, times in wanted:
        found = stored.get(delegate_id)
        if found is None:
            new[delegate_id] = (data, times)
            changed.append(True)
            continue
        participation_id, role, topics = found
        values = {"role": data.role.value, "topics": list(data.topics)}
        row_changed = False
        if (role, topics) != (values["role"], values["topics"]):
            updates.append({"id": participation_id, **values, "updated_at": now})
            row_changed = True
        if windows.get(participation_id, []) != times:
            replaced[participation_id] = times
            row_changed = True
        changed.append(row_changed)

    session.flush()
    table = cast(Table, Participation.__table__)
    if updates:
        session.execute(update(Participation), updates)
    if new:
        session.execute(
            insert(table).returning(table.c.id),
            [
                {
                    "event_id": event.id,
                    "delegate_id": delegate_id,
                    "role": data.role.value,
                    "topics": list(data.topics),
                    "created_at": now,
                    "updated_at": now,
                }
                for delegate_id, (data, _times) in new.items()
            ],
        ).all()
        with_times = sorted(d for d, (_data, times) in new.items() if times)
        for start in range(0, len(with_times), 500):
            for participation_id, delegate_id in session.execute(
                select(Participation.id, Participation.delegate_id).where(
                    Participation.event_id == event.id,
                    Participation.delegate_id.in_(with_times[start : start + 500]),
                )
            ):
                replaced[participation_id] = new[delegate_id][1]
    if replaced:
        gone = sorted(replaced)
        for start in range(0, len(gone), 500):
            session.execute(
                delete(Unavailability).where(
                    Unavailability.participation_id.in_(gone[start : start + 500])
                )
            )
        unavailability = cast(Table, Unavailability.__table__)
        items = [
            {"participation_id": participation_id, "starts_at": begin, "ends_at": end}
            for participation_id, times in replaced.items()
            for begin, end in times
        ]
        if items:
            session.execute(insert(unavailability).returning(unavailability.c.id), items).all()
    for loaded in list(session.identity_map.values()):
        if isinstance(loaded, Participation | Unavailability) and instance_state(loaded).persistent:
            session.expire(loaded)
    return changed


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
