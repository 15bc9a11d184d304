"""E-mails in the recipient's language: a request received, accepted or declined; the agenda
published (PDF and .ics attached); the agenda changed (what changed, a new .ics); a reminder
before the first meeting. Each function composes; a job sends (after the commit that caused
it), through `keruen.mail`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from keruen.agendas import calendar
from keruen.core.i18n_markers import N_
from keruen.core.names import display_name
from keruen.core.timeutil import utc_to_local
from keruen.events.models import Event, MeetingTable, Participation
from keruen.i18n import get_translations, normalize_locale
from keruen.meetings.models import MeetingRequest


@dataclass(frozen=True)
class Attachment:
    filename: str
    mime: str
    data: bytes


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str
    locale: str
    attachments: list[Attachment] = field(default_factory=list)


SUBJECTS = {
    "received": N_("New meeting request: %(partner)s"),
    "accepted": N_("%(partner)s accepted your meeting request"),
    "declined": N_("%(partner)s declined your meeting request"),
    "published": N_("Your agenda for %(event)s"),
    "changed": N_("Your agenda for %(event)s has changed"),
    "reminder": N_("Tomorrow at %(event)s: your first meeting at %(time)s"),
}
BODIES = {
    "received": N_(
        "%(partner)s asks you for a meeting at %(event)s.\n\n%(message)s\n\nAnswer here: %(link)s"
    ),
    "accepted": N_(
        "%(partner)s accepted your request. The meeting will be in your agenda when the "
        "organizers publish the schedule.\n\n%(link)s"
    ),
    "declined": N_(
        "%(partner)s declined your request. Other partners are suggested here:\n\n%(link)s"
    ),
    "published": N_(
        "Your agenda for %(event)s is attached as a PDF to print and as a calendar file.\n"
        "Subscribe once and your calendar follows every change: %(feed)s\n\nOnline: %(link)s"
    ),
    "changed": N_(
        "Your agenda for %(event)s has changed:\n\n%(changes)s\n\n"
        "The attached calendar file updates your calendar. Online: %(link)s"
    ),
    "reminder": N_(
        "Your first meeting at %(event)s is at %(time)s (%(clock)s), table %(table)s.\n\n"
        "Your agenda: %(link)s"
    ),
}
CHANGE_WORDS = {
    "moved": N_("moved: %(what)s"),
    "cancelled": N_("cancelled: %(what)s"),
    "added": N_("new: %(what)s"),
}


def _who(p: Participation, locale: str) -> str:
    d = p.delegate
    org = d.organization
    if org is not None and org.names:
        return display_name(dict(org.names.values), org.names.source, locale)
    return display_name(dict(d.names.values), d.names.source, locale) if d.names else ""


def _locale(p: Participation) -> str:
    return normalize_locale(p.delegate.locale)


def request_message(request: MeetingRequest, what: str, public_url: str) -> Message | None:
    """`what`: received (to the target), accepted or declined (to the requester)."""
    to = request.target if what == "received" else request.requester
    other = request.requester if what == "received" else request.target
    if not to.delegate.email or to.delegate.erased_at is not None:
        return None
    locale = _locale(to)
    t = get_translations(locale)
    event = request.event
    values = {
        "partner": _who(other, locale),
        "event": display_name(dict(event.names.values), event.names.source, locale),
        "message": request.message or "",
        "link": f"{public_url.rstrip('/')}/me/{event.slug}/requests",
    }
    return Message(
        to=to.delegate.email,
        subject=t.gettext(SUBJECTS[what]) % values,
        body=t.gettext(BODIES[what]) % values,
        locale=locale,
    )


def agenda_message(
    session: Session,
    event: Event,
    person: Participation,
    public_url: str,
    *,
    changes: calendar.Changes | None = None,
) -> Message | None:
    """The agenda published (PDF and .ics) or changed (the changes, and the .ics)."""
    from keruen.agendas.documents import agenda_document

    if not person.delegate.email or person.delegate.erased_at is not None:
        return None
    locale = _locale(person)
    t = get_translations(locale)
    name = display_name(dict(event.names.values), event.names.source, locale)
    link = f"{public_url.rstrip('/')}/me/{event.slug}/agenda"
    ics = calendar.person_calendar(session, person.delegate_id, locale, event=event)
    attachments = [Attachment("agenda.ics", "text/calendar", ics)]
    if changes is None:
        feed = calendar.feed_token(session, person.delegate_id)
        pdf = agenda_document(session, event, person, locale, online_url=link).pdf()
        attachments.insert(0, Attachment("agenda.pdf", "application/pdf", pdf))
        values = {"event": name, "link": link, "feed": f"{public_url.rstrip('/')}/cal/{feed}.ics"}
        return Message(
            person.delegate.email,
            t.gettext(SUBJECTS["published"]) % values,
            t.gettext(BODIES["published"]) % values,
            locale,
            attachments,
        )
    lines = []
    for kind, entries in (
        ("moved", changes.moved),
        ("cancelled", changes.cancelled),
        ("added", changes.added),
    ):
        for entry in entries:
            if person.id not in (entry.first_id, entry.second_id, entry.interpreter_id):
                continue
            other_id = entry.second_id if entry.first_id == person.id else entry.first_id
            other = session.get(Participation, other_id)
            when = utc_to_local(entry.starts_at, event.timezone).strftime("%Y-%m-%d %H:%M")
            what = f"{when} — {_who(other, locale) if other else ''}"
            lines.append("• " + t.gettext(CHANGE_WORDS[kind]) % {"what": what})
    if not lines and person.id not in changes.previously:
        return None
    values = {"event": name, "link": link, "changes": "\n".join(lines)}
    return Message(
        person.delegate.email,
        t.gettext(SUBJECTS["changed"]) % values,
        t.gettext(BODIES["changed"]) % values,
        locale,
        attachments,
    )


def reminder_message(
    session: Session, event: Event, person: Participation, public_url: str, now: datetime
) -> Message | None:
    """The day before: the first meeting still to come, in the event's clock."""
    from keruen.agendas.models import CalendarEntry

    calendar.sync_entries(session, event)
    upcoming = [
        e
        for e in calendar.entries_of(session, person)
        if e.status == calendar.CONFIRMED and e.starts_at > now
    ]
    if not upcoming or not person.delegate.email:
        return None
    first: CalendarEntry = upcoming[0]
    locale = _locale(person)
    t = get_translations(locale)
    from keruen.agendas.documents import clock

    table = session.get(MeetingTable, first.table_id) if first.table_id else None
    values = {
        "event": display_name(dict(event.names.values), event.names.source, locale),
        "time": utc_to_local(first.starts_at, event.timezone).strftime("%H:%M"),
        "clock": clock(event.timezone, first.starts_at, locale),
        "table": table.label if table else "—",
        "link": f"{public_url.rstrip('/')}/me/{event.slug}/agenda",
    }
    return Message(
        person.delegate.email,
        t.gettext(SUBJECTS["reminder"]) % values,
        t.gettext(BODIES["reminder"]) % values,
        locale,
    )
