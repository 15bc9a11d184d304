"""The only writer of events and participations. Services flush; the boundary commits."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen.core.errors import DomainError, NotFound
from keruen.core.i18n_markers import N_
from keruen.core.timeutil import local_to_utc, parse_clock
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


def _layout(
    sides: list[EventSide], halls: list[Hall], sessions: list[EventSession]
) -> tuple[object, ...]:
    """What decides whether an event's rooms and timetable changed."""
    return (
        [(s.code, s.region_code, s.names) for s in sides],
        [
            (h.code, h.names, len(h.tables), h.tables[0].seats if h.tables else None)
            for h in sorted(halls, key=lambda h: h.code)
        ],
        [
            (
                s.kind,
                s.starts_at,
                s.ends_at,
                s.slot_minutes,
                s.names,
                s.hall.code if s.hall else None,
                [(p.starts_at, p.ends_at) for p in s.pauses],
            )
            for s in sessions
        ],
    )


def upsert_event(session: Session, *, data: EventIn) -> Event:
    """Create the event or bring the one with this slug in line with `data`.

    Halls, sides and sessions are rebuilt only when they differ, so loading the same
    description twice writes nothing.
    """
    event = session.scalar(select(Event).where(Event.slug == data.slug))
    if event is None:
        event = Event(slug=data.slug)
        session.add(event)
    values = {
        "names": data.names,
        "venue": data.venue if data.venue else None,
        "region_code": data.region,
        "timezone": data.timezone,
        "languages": list(data.languages),
        "starts_on": min(data.days),
        "ends_on": max(data.days),
    }
    for key, value in values.items():
        if getattr(event, key) != value:
            setattr(event, key, value)

    zone = data.timezone
    sides = [EventSide(code=s.code, region_code=s.region, names=s.names) for s in data.sides]
    halls = {
        h.code: Hall(
            code=h.code,
            names=h.names,
            tables=[MeetingTable(number=n, seats=h.seats) for n in range(1, h.tables + 1)],
        )
        for h in data.halls
    }
    sessions = [
        EventSession(
            kind=s.kind.value,
            names=s.names if s.names else None,
            hall=halls[s.hall] if s.hall else None,
            starts_at=local_to_utc(s.day, parse_clock(s.start), zone),
            ends_at=local_to_utc(s.day, parse_clock(s.end), zone),
            slot_minutes=s.slot_minutes,
            pauses=[
                SessionPause(
                    starts_at=local_to_utc(s.day, parse_clock(p.start), zone),
                    ends_at=local_to_utc(s.day, parse_clock(p.end), zone),
                )
                for p in s.pauses
            ],
        )
        for s in sorted(data.sessions, key=lambda s: (s.day, parse_clock(s.start)))
    ]
    wanted = _layout(sides, list(halls.values()), sessions)
    if event.id is None or _layout(event.sides, event.halls, event.sessions) != wanted:
        event.sessions = []
        event.halls = []
        event.sides = []
        session.flush()
        event.sides = sides
        event.halls = list(halls.values())
        event.sessions = sessions
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
