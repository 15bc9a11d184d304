"""Calendar files that update instead of duplicating.

A meeting's UID is its identity across schedule versions (the request it comes from, or the
pair for a suggested meeting), so a calendar app replaces the event when it moves. What the
calendars were last told is kept in `calendar_entry`: each change of time, table or interpreter
raises SEQUENCE; a meeting that leaves the published schedule (or whose request was cancelled)
stays in the feed as STATUS:CANCELLED with a higher SEQUENCE, so clients remove it.

`sync_entries` brings the entries up to the published schedule; every reader (feed, .ics files,
e-mails) calls it first, whichever path published the schedule.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from keruen.agendas.models import CalendarEntry, CalendarFeed
from keruen.core.i18n_markers import N_
from keruen.core.names import display_name
from keruen.core.timeutil import utc_to_local, utcnow
from keruen.events.models import Event, MeetingTable, Participation
from keruen.i18n import get_translations
from keruen.meetings.enums import RequestStatus
from keruen.meetings.models import ScheduledMeeting
from keruen.meetings.planning import meeting_key, published_schedule

if TYPE_CHECKING:  # icalendar loads only when a calendar is written
    from icalendar import Event as VEvent

PRODID = "-//keruen//cross-border matchmaking//EN"
CONFIRMED, CANCELLED = "confirmed", "cancelled"
# Words of the calendar entries (rendered in the reader's language).
WORDS = {
    "summary": N_("Meeting: %(partner)s"),
    "g2b": N_("G2B talk: %(partner)s"),
    "with": N_("With: %(person)s, %(organization)s"),
    "interpreter": N_("Interpreter: %(name)s"),
    "table": N_("Table %(table)s"),
}


def uid_of(event: Event, key: str) -> str:
    return f"{key}.{event.slug}@keruen"


def _fingerprint(m: ScheduledMeeting) -> str:
    return "|".join(
        [m.starts_at.isoformat(), m.ends_at.isoformat(), str(m.table_id), str(m.interpreter_id)]
    )


@dataclass
class Changes:
    """What a sync told the calendars: entries added, moved (time, table or interpreter) and
    cancelled — the people to notify are the participants of these entries only."""

    added: list[CalendarEntry] = field(default_factory=list)
    moved: list[CalendarEntry] = field(default_factory=list)
    cancelled: list[CalendarEntry] = field(default_factory=list)
    # Who a moved entry named before the move (an interpreter replaced must hear of it too).
    previously: set[int] = field(default_factory=set)

    def people(self) -> set[int]:
        out: set[int] = set(self.previously)
        for entry in (*self.added, *self.moved, *self.cancelled):
            out.update(p for p in (entry.first_id, entry.second_id, entry.interpreter_id) if p)
        return out


def sync_entries(session: Session, event: Event) -> Changes:
    """Bring the event's calendar entries up to its published schedule."""
    changes = Changes()
    schedule = published_schedule(session, event)
    entries = {
        e.uid: e
        for e in session.scalars(select(CalendarEntry).where(CalendarEntry.event_id == event.id))
    }
    live: set[str] = set()
    now = utcnow()
    for m in schedule.meetings if schedule else []:
        if m.request is not None and m.request.status != RequestStatus.ACCEPTED.value:
            continue  # cancelled, declined or vetoed after the schedule was made
        uid = uid_of(event, meeting_key(m))
        live.add(uid)
        print_ = _fingerprint(m)
        entry = entries.get(uid)
        values: dict[str, Any] = {
            "first_id": m.first_id,
            "second_id": m.second_id,
            "interpreter_id": m.interpreter_id,
            "kind": m.kind,
            "starts_at": m.starts_at,
            "ends_at": m.ends_at,
            "table_id": m.table_id,
        }
        if entry is None:
            entry = CalendarEntry(
                event_id=event.id,
                uid=uid,
                sequence=0,
                status=CONFIRMED,
                fingerprint=print_,
                changed_at=now,
                **values,
            )
            session.add(entry)
            changes.added.append(entry)
        elif entry.fingerprint != print_ or entry.status != CONFIRMED:
            changes.previously.update(
                p for p in (entry.first_id, entry.second_id, entry.interpreter_id) if p
            )
            for key, value in values.items():
                setattr(entry, key, value)
            entry.sequence += 1
            entry.fingerprint = print_
            entry.status = CONFIRMED
            entry.changed_at = now
            changes.moved.append(entry)
    for uid, entry in entries.items():
        if uid not in live and entry.status != CANCELLED:
            entry.status = CANCELLED
            entry.sequence += 1
            entry.changed_at = now
            changes.cancelled.append(entry)
    session.flush()
    return changes


def entries_known(session: Session, event: Event) -> bool:
    """Whether calendars were ever told about this event's meetings."""
    return (
        session.scalar(select(CalendarEntry.id).where(CalendarEntry.event_id == event.id).limit(1))
        is not None
    )


def feed_token(session: Session, delegate_id: int, *, renew: bool = False) -> str:
    """The person's secret feed address token (made on first use; `renew` replaces it, and
    the old address stops working)."""
    feed = session.scalar(select(CalendarFeed).where(CalendarFeed.delegate_id == delegate_id))
    if feed is None:
        feed = CalendarFeed(delegate_id=delegate_id, token=secrets.token_urlsafe(32))
        session.add(feed)
    elif renew:
        feed.token = secrets.token_urlsafe(32)
    session.flush()
    return feed.token


def delegate_of_feed(session: Session, token: str) -> int | None:
    return session.scalar(select(CalendarFeed.delegate_id).where(CalendarFeed.token == token))


def _name(p: Participation | None, locale: str) -> tuple[str, str]:
    if p is None:
        return "", ""
    d = p.delegate
    person = display_name(dict(d.names.values), d.names.source, locale) if d.names else ""
    org = d.organization
    organization = (
        display_name(dict(org.names.values), org.names.source, locale) if org is not None else ""
    )
    return person, organization


def person_calendar(
    session: Session, delegate_id: int, locale: str, *, event: Event | None = None
) -> bytes:
    """Every meeting of one person (in every event, or one), as one iCalendar document with
    the zones' VTIMEZONE blocks; cancelled ones as STATUS:CANCELLED."""
    participations = list(
        session.scalars(
            select(Participation).where(
                Participation.delegate_id == delegate_id,
                *([Participation.event_id == event.id] if event is not None else []),
            )
        )
    )
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "keruen")
    for p in participations:
        sync_entries(session, p.event)
        for entry in entries_of(session, p):
            cal.add_component(vevent(entry, p, locale))
    cal.add_missing_timezones()
    return cal.to_ical()


def entries_of(session: Session, p: Participation) -> list[CalendarEntry]:
    return list(
        session.scalars(
            select(CalendarEntry)
            .where(
                CalendarEntry.event_id == p.event_id,
                or_(
                    CalendarEntry.first_id == p.id,
                    CalendarEntry.second_id == p.id,
                    CalendarEntry.interpreter_id == p.id,
                ),
            )
            .order_by(CalendarEntry.starts_at, CalendarEntry.uid)
        )
    )


def vevent(entry: CalendarEntry, reader: Participation, locale: str) -> VEvent:
    """One meeting as the reader sees it, in the event's zone (TZID), in their language."""
    t = get_translations(locale)
    event = reader.event
    session = Session.object_session(entry)
    assert session is not None
    first = session.get(Participation, entry.first_id)
    second = session.get(Participation, entry.second_id)
    interpreter = session.get(Participation, entry.interpreter_id) if entry.interpreter_id else None
    partner = second if reader.id == entry.first_id else first
    if reader.id == entry.interpreter_id:
        partner = None
    person, organization = _name(partner, locale)
    if partner is None:
        a, b = _name(first, locale)[1], _name(second, locale)[1]
        title = f"{a} — {b}"
    else:
        title = organization or person
    summary_word = WORDS["g2b"] if entry.kind == "g2b" else WORDS["summary"]
    table = session.get(MeetingTable, entry.table_id) if entry.table_id else None
    hall = (
        display_name(dict(table.hall.names.values), table.hall.names.source, locale)
        if (table is not None and table.hall.names)
        else ""
    )
    location = ", ".join(
        x for x in (hall, t.gettext(WORDS["table"]) % {"table": table.label} if table else "") if x
    )
    lines = []
    if partner is not None:
        lines.append(t.gettext(WORDS["with"]) % {"person": person, "organization": organization})
    if interpreter is not None and reader.id != entry.interpreter_id:
        lines.append(t.gettext(WORDS["interpreter"]) % {"name": _name(interpreter, locale)[0]})
    from icalendar import Event as VEvent

    ve = VEvent()
    ve.add("uid", entry.uid)
    ve.add("sequence", entry.sequence)
    ve.add("dtstamp", entry.changed_at)
    ve.add("last-modified", entry.changed_at)
    ve.add("dtstart", utc_to_local(entry.starts_at, event.timezone))
    ve.add("dtend", utc_to_local(entry.ends_at, event.timezone))
    ve.add("summary", t.gettext(summary_word) % {"partner": title})
    if location:
        ve.add("location", location)
    if lines:
        ve.add("description", "\n".join(lines))
    ve.add("status", "CANCELLED" if entry.status == CANCELLED else "CONFIRMED")
    ve.add("transp", "OPAQUE")
    return ve


def meeting_file(
    session: Session, entry: CalendarEntry, reader: Participation, locale: str
) -> bytes:
    """One meeting as an attachment: METHOD:REQUEST, or METHOD:CANCEL when cancelled."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if entry.status == CANCELLED else "REQUEST")
    cal.add_component(vevent(entry, reader, locale))
    cal.add_missing_timezones()
    return cal.to_ical()
