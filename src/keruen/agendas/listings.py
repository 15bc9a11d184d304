"""The tables an organizer exports: the schedule, its grid, a table's sheet, an interpreter's
roster, a participant's agenda, the directory and the request statistics. The command line
(`--format xlsx|csv|json`) and the web application's downloads build them here, once; `_` is
the reader's gettext.

`organizer_workbook` puts them together in one Excel file: frozen headers, filters, widths and
print titles (`keruen.exports.tabular`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from keruen.events.directory import DirectoryFilter, directory_rows
from keruen.events.models import Event
from keruen.exports.tabular import Column, Listing, to_xlsx
from keruen.meetings import queries
from keruen.meetings.enums import label

Gettext = Callable[[str], str]


def meetings_listing(title: str, views: list[Any], sheet: str, _: Gettext) -> Listing:
    listing = Listing(
        title,
        [
            Column("start", _("start")),
            Column("end", _("end")),
            Column("table", _("table")),
            Column("kind", _("kind")),
            Column("first_organization", _("organization")),
            Column("first_person", _("person")),
            Column("second_organization", _("partner organization")),
            Column("second_person", _("partner")),
            Column("interpreter", _("interpreter")),
            Column("languages", _("languages")),
            Column("request_id", _("request")),
        ],
        sheet=sheet,
    )
    for v in views:
        listing.add(
            v.local_start.strftime("%Y-%m-%d %H:%M"),
            v.local_end.strftime("%H:%M"),
            v.table,
            v.kind,
            v.first_organization,
            v.first_person,
            v.second_organization,
            v.second_person,
            v.interpreter,
            v.languages,
            v.request_id,
        )
    return listing


def agenda_listing(title: str, who: str, other_zone: str, items: list[Any], _: Gettext) -> Listing:
    columns = [Column("start", _("start")), Column("end", _("end"))]
    if other_zone:
        columns.append(Column("own_start", _("your clock (%(zone)s)") % {"zone": other_zone}))
    columns += [
        Column("table", _("table")),
        Column("partner_organization", _("partner organization")),
        Column("partner", _("partner")),
        Column("interpreter", _("interpreter")),
        Column("kind", _("kind")),
    ]
    listing = Listing(
        title + " — " + _("agenda of %(name)s") % {"name": who}, columns, sheet="Agenda"
    )
    for item in items:
        v = item.meeting
        row: list[Any] = [v.local_start.strftime("%Y-%m-%d %H:%M"), v.local_end.strftime("%H:%M")]
        if other_zone:
            row.append(item.own_start.strftime("%Y-%m-%d %H:%M") if item.own_start else "")
        row += [v.table, item.partner_organization, item.partner_person, v.interpreter, v.kind]
        listing.add(*row)
    return listing


def grid_listing(title: str, views: list[Any], _: Gettext) -> Listing:
    tables = sorted({v.table for v in views}, key=lambda t: (t.rstrip("0123456789"), len(t), t))
    listing = Listing(
        title, [Column("slot", _("slot"))] + [Column(t, t) for t in tables], sheet="Grid"
    )
    by_slot: dict[str, dict[str, str]] = {}
    for v in views:
        slot = v.local_start.strftime("%Y-%m-%d %H:%M")
        text = f"{v.first_organization} × {v.second_organization}"
        if v.interpreter:
            text += f" [{v.interpreter}]"
        by_slot.setdefault(slot, {})[v.table] = text
    for slot in sorted(by_slot):
        listing.add(slot, *(by_slot[slot].get(t, "") for t in tables))
    return listing


def delegates_listing(people: list[Any], _: Gettext) -> Listing:
    listing = Listing(
        _("Delegates"),
        [
            Column("id", "id"),
            Column("ref", _("reference")),
            Column("name", _("name")),
            Column("organization_id", _("organization id")),
            Column("organization", _("organization")),
            Column("email", _("e-mail")),
            Column("phone", _("phone")),
            Column("languages", _("languages")),
            Column("role", _("role")),
            Column("consent", _("consent to share contacts")),
        ],
        sheet="Delegates",
    )
    for p in people:
        listing.add(
            p.id,
            p.ref,
            p.name,
            p.organization_id,
            p.organization,
            p.email,
            p.phone,
            p.languages,
            p.role,
            p.consent,
        )
    return listing


def organizations_listing(orgs: list[Any], _: Gettext) -> Listing:
    listing = Listing(
        _("Organizations"),
        [
            Column("id", "id"),
            Column("ref", _("reference")),
            Column("identifier", _("BIN / USCC")),
            Column("name", _("name")),
            Column("kind", _("kind")),
            Column("region", _("region")),
            Column("side", _("side")),
            Column("isic", "ISIC"),
            Column("hs_offers", _("offers (HS)")),
            Column("hs_needs", _("needs (HS)")),
            Column("delegates", _("delegates")),
        ],
        sheet="Organizations",
    )
    for o in orgs:
        listing.add(
            o.id,
            o.ref,
            o.identifier,
            o.name,
            o.kind,
            o.region,
            o.side,
            o.isic,
            o.hs_offers,
            o.hs_needs,
            o.delegates,
        )
    return listing


def request_statistics(session: Session, event: Event, locale: str, _: Gettext) -> Listing:
    """Per organization: requests sent and received, and how they ended."""
    statuses = ("pending", "accepted", "declined", "cancelled", "expired", "vetoed")
    listing = Listing(
        _("Request statistics"),
        [
            Column("organization", _("organization")),
            Column("sent", _("sent")),
            Column("received", _("received")),
        ]
        + [Column(s, label(s, _)) for s in statuses],
        sheet="Requests",
    )
    rows: dict[str, Counter[str]] = {}
    for r in queries.requests_of(session, event):
        for side, who in (("sent", r.requester), ("received", r.target)):
            name = queries.organization_name(who, locale) or queries.person_name(who, locale)
            counts = rows.setdefault(name, Counter())
            counts[side] += 1
            if side == "sent":
                counts[r.status] += 1
    for name in sorted(rows):
        counts = rows[name]
        listing.add(name, counts["sent"], counts["received"], *(counts[s] for s in statuses))
    return listing


def _sheet(name: str, used: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique in the file."""
    clean = "".join(" " if c in "[]:*?/\\" else c for c in name)[:31] or "Sheet"
    candidate, n = clean, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = clean[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def organizer_workbook(session: Session, event: Event, locale: str, _: Gettext) -> bytes:
    """One Excel file with everything an organizer prints or passes on."""
    schedule = queries.find_schedule(session, event)
    title = _("%(event)s, schedule version %(version)s (%(status)s), times in %(zone)s") % {
        "event": event.slug,
        "version": schedule.version,
        "status": label(schedule.status, _),
        "zone": event.timezone,
    }
    views = [
        replace(v, kind=label(v.kind, _)) for v in queries.meeting_views(schedule, event, locale)
    ]
    listings = [meetings_listing(title, views, _("Schedule"), _), grid_listing(title, views, _)]
    listings[1].sheet = _("Grid")
    for table in sorted({v.table for v in views if v.table}):
        listings.append(
            meetings_listing(
                title + " — " + _("table %(table)s") % {"table": table},
                [v for v in views if v.table == table],
                _("table %(table)s") % {"table": table},
                _,
            )
        )
    interpreters = sorted({(v.interpreter_id, v.interpreter) for v in views if v.interpreter_id})
    for interpreter_id, name in interpreters:
        listings.append(
            meetings_listing(
                title + " — " + _("roster of %(name)s") % {"name": name},
                [v for v in views if v.interpreter_id == interpreter_id],
                name,
                _,
            )
        )
    orgs, people = directory_rows(session, DirectoryFilter(event=event.slug), locale)
    listings += [
        organizations_listing(orgs, _),
        delegates_listing(people, _),
        request_statistics(session, event, locale, _),
    ]
    for listing in listings[-3:]:
        listing.sheet = listing.title  # in the reader's language
    used: set[str] = set()
    for listing in listings:
        listing.sheet = _sheet(listing.sheet, used)
    return to_xlsx(*listings)
