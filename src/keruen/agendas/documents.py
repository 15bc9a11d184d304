"""Printed documents: a participant's agenda (more to come: table signs, the full grid,
interpreters' rosters, an official's G2B programme), rendered by WeasyPrint from Jinja
templates in the reader's language, with the event's clock and the reader's own.

Fonts come from the operating system (`make system` installs fonts-noto-cjk and DejaVu):
DejaVu Sans covers Cyrillic with the Kazakh letters, Noto Sans CJK SC covers Chinese; the page
margin boxes name the same families, and `lang` is set so Chinese gets Simplified glyph forms.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import segno
from babel.dates import format_date, format_time
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session

from keruen.core.i18n_markers import N_
from keruen.core.names import display_name
from keruen.core.text import LocalizedText
from keruen.core.timeutil import utc_to_local
from keruen.events.models import Event, Participation
from keruen.i18n import BABEL_LOCALES, clock_name, get_translations
from keruen.meetings import queries

HERE = Path(__file__).parent / "templates"
BABEL = BABEL_LOCALES
NOTES = {
    "agenda": N_(
        "Please come to your table five minutes early. If you cannot come, tell the organizers: "
        "your partner's time is planned around yours."
    ),
}
_env = Environment(
    loader=FileSystemLoader(str(HERE)), autoescape=select_autoescape(["html"]), auto_reload=False
)


def _name(value: LocalizedText | None, locale: str) -> str:
    return display_name(dict(value.values), value.source, locale) if value else ""


def clock(zone: str, moment: datetime, locale: str) -> str:
    """A clock as people say it: its city and UTC offset ("Алматы, UTC+5")."""
    return clock_name(zone, moment, locale)


def qr_data_uri(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=4, border=0)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@dataclass(frozen=True)
class Rendered:
    html: str
    lang: str

    def pdf(self) -> bytes:
        from weasyprint import CSS, HTML

        stylesheet = CSS(filename=str(HERE / "print.css"))
        return HTML(string=self.html, base_url=str(HERE)).write_pdf(stylesheets=[stylesheet])


def agenda_context(
    event: Event,
    schedule: Any,
    participation: Participation,
    locale: str,
    *,
    online_url: str | None = None,
    views: list[Any] | None = None,
) -> dict[str, Any]:
    """What one person's agenda shows: every meeting with time (event clock and own clock),
    table, partner (named by the one rule across scripts) and interpreter, and a QR code to
    the online agenda. An official's page is their G2B programme."""
    t = get_translations(locale)
    babel = BABEL[locale]
    other_zone, items = queries.agenda(schedule, event, participation, locale, views=views)
    probe = datetime.combine(event.starts_on, datetime.min.time(), tzinfo=UTC)
    rows = []
    for item in items:
        m = item.meeting
        own_start = utc_to_local(m.starts_at, other_zone) if other_zone else None
        own_end = utc_to_local(m.ends_at, other_zone) if other_zone else None
        rows.append(
            {
                "day": format_date(m.local_start.date(), "EEE d MMM", locale=babel),
                "start": format_time(m.local_start, "HH:mm", locale=babel),
                "end": format_time(m.local_end, "HH:mm", locale=babel),
                "own_day": format_date(own_start.date(), "EEE d MMM", locale=babel)
                if own_start
                else "",
                "own_start": format_time(own_start, "HH:mm", locale=babel) if own_start else "",
                "own_end": format_time(own_end, "HH:mm", locale=babel) if own_end else "",
                "table": m.table,
                "kind": m.kind,
                "partner_organization": item.partner_organization,
                "partner_person": item.partner_person,
                "interpreter": m.interpreter if m.interpreter_id != participation.id else "",
            }
        )
    delegate = participation.delegate
    heading = N_("My G2B programme") if participation.role == "official" else N_("My meetings")
    return {
        "lang": locale,
        "_": t.gettext,
        "heading": t.gettext(heading),
        "event_name": _name(event.names, locale),
        "venue": _name(event.venue, locale),
        "dates": f"{format_date(event.starts_on, 'long', locale=babel)} – "
        f"{format_date(event.ends_on, 'long', locale=babel)}",
        "person": _name(delegate.names, locale),
        "organization": _name(delegate.organization.names, locale) if delegate.organization else "",
        "event_clock": clock(event.timezone, probe, locale),
        "own_clock": clock(other_zone, probe, locale) if other_zone else "",
        "items": rows,
        "qr": qr_data_uri(online_url) if online_url else None,
        "note": t.gettext(NOTES["agenda"]),
    }


def agenda_document(
    session: Session,
    event: Event,
    participation: Participation,
    locale: str,
    *,
    online_url: str | None = None,
) -> Rendered:
    """One person's agenda in their language."""
    schedule = queries.find_schedule(session, event)
    one = agenda_context(event, schedule, participation, locale, online_url=online_url)
    context = {"lang": locale, "title": one["event_name"], "agendas": [one]}
    return Rendered(_env.get_template("agenda.html").render(context), locale)


def agendas_document(
    event: Event,
    schedule: Any,
    people: list[tuple[Participation, str, str | None]],
) -> Rendered:
    """Many agendas in one printable document, each person on their own pages in their own
    language: `people` is (participation, locale, online url)."""
    views: dict[str, list[Any]] = {}
    agendas = []
    for p, locale, url in people:
        if locale not in views:
            views[locale] = queries.meeting_views(schedule, event, locale)
        agendas.append(
            agenda_context(event, schedule, p, locale, online_url=url, views=views[locale])
        )
    context = {"lang": "en", "title": _name(event.names, "en"), "agendas": agendas}
    return Rendered(_env.get_template("agenda.html").render(context), "en")


def _common(event: Event, locale: str) -> dict[str, Any]:
    t = get_translations(locale)
    babel = BABEL[locale]
    probe = datetime.combine(event.starts_on, datetime.min.time(), tzinfo=UTC)
    return {
        "lang": locale,
        "_": t.gettext,
        "title": _name(event.names, locale),
        "event_name": _name(event.names, locale),
        "venue": _name(event.venue, locale),
        "dates": f"{format_date(event.starts_on, 'long', locale=babel)} – "
        f"{format_date(event.ends_on, 'long', locale=babel)}",
        "event_clock": clock(event.timezone, probe, locale),
    }


def _hm(moment: datetime, locale: str) -> str:
    return format_time(moment, "HH:mm", locale=BABEL[locale])


def _pair(view: Any) -> tuple[str, str]:
    first = view.first_organization or view.first_person
    second = view.second_organization or view.second_person
    if view.first_organization and view.first_person:
        first = f"{view.first_organization} ({view.first_person})"
    if view.second_organization and view.second_person:
        second = f"{view.second_organization} ({view.second_person})"
    return first, second


def roster_document(
    session: Session, event: Event, interpreter: Participation, locale: str
) -> Rendered:
    """An interpreter's roster: the meetings they interpret, with tables and languages."""
    schedule = queries.find_schedule(session, event)
    rows = []
    for view in queries.meeting_views(schedule, event, locale):
        if view.interpreter_id != interpreter.id:
            continue
        first, second = _pair(view)
        rows.append(
            {
                "day": format_date(view.local_start.date(), "EEE d MMM", locale=BABEL[locale]),
                "start": _hm(view.local_start, locale),
                "end": _hm(view.local_end, locale),
                "table": view.table,
                "first": first,
                "second": second,
                "languages": view.languages,
            }
        )
    context = {
        **_common(event, locale),
        "person": _name(interpreter.delegate.names, locale),
        "languages": " · ".join(interpreter.delegate.languages),
        "items": rows,
    }
    return Rendered(_env.get_template("roster.html").render(context), locale)


def table_signs_document(session: Session, event: Event, locale: str) -> Rendered:
    """A sign for each table and session: the table in large type and its meetings."""
    schedule = queries.find_schedule(session, event)
    views = queries.meeting_views(schedule, event, locale)
    signs = []
    for block in sorted(event.sessions, key=lambda s: s.starts_at):
        if block.kind not in ("b2b", "g2b"):
            continue
        halls = [block.hall] if block.hall is not None else list(event.halls)
        for hall in halls:
            if not hall.active:
                continue
            for table in sorted(hall.tables, key=lambda t: t.number):
                if not table.active:
                    continue
                items = []
                for view in views:
                    if view.table != table.label:
                        continue
                    if not (block.starts_at <= view.starts_at < block.ends_at):
                        continue
                    first, second = _pair(view)
                    items.append(
                        {
                            "start": _hm(view.local_start, locale),
                            "end": _hm(view.local_end, locale),
                            "first": first,
                            "second": second,
                            "interpreter": view.interpreter,
                        }
                    )
                start = utc_to_local(block.starts_at, event.timezone)
                signs.append(
                    {
                        "table": table.label,
                        "hall": _name(hall.names, locale),
                        "session": f"{_name(block.names, locale)}, "
                        f"{format_date(start.date(), 'EEE d MMM', locale=BABEL[locale])} "
                        f"{_hm(start, locale)}",
                        "items": items,
                    }
                )
    context = {**_common(event, locale), "signs": signs}
    return Rendered(_env.get_template("signs.html").render(context), locale)


GRID_COLUMNS = 6


def grid_document(session: Session, event: Event, locale: str) -> Rendered:
    """The organizer's full schedule: per day and hall, slots down, tables across (at most
    six tables a block, so cells stay readable in print)."""
    schedule = queries.find_schedule(session, event)
    views = queries.meeting_views(schedule, event, locale)
    blocks = []
    for hall in event.halls:
        if not hall.active:
            continue
        labels = [t.label for t in sorted(hall.tables, key=lambda t: t.number) if t.active]
        in_hall = [v for v in views if v.table in labels]
        days = sorted({v.local_start.date() for v in in_hall})
        for day in days:
            todays = [v for v in in_hall if v.local_start.date() == day]
            starts = sorted({v.local_start for v in todays})
            for first in range(0, len(labels), GRID_COLUMNS):
                columns = labels[first : first + GRID_COLUMNS]
                rows = []
                for start in starts:
                    cells = []
                    for label in columns:
                        found = next(
                            (v for v in todays if v.table == label and v.local_start == start),
                            None,
                        )
                        cells.append(" — ".join(_pair(found)) if found else "")
                    if any(cells):
                        rows.append({"start": _hm(start, locale), "cells": cells})
                if rows:
                    blocks.append(
                        {
                            "day": format_date(day, "EEE d MMM", locale=BABEL[locale]),
                            "hall": _name(hall.names, locale),
                            "tables": columns,
                            "rows": rows,
                        }
                    )
    context = {**_common(event, locale), "blocks": blocks, "version": schedule.version}
    return Rendered(_env.get_template("grid.html").render(context), locale)


# ------------------------------------------------------------------ checks of a rendered page


def overflowing_text(rendered: Rendered) -> list[str]:
    """Text that runs past the right edge of the box that holds it (a cell, a block, a margin
    box), page by page: what a printed agenda must never have."""
    from weasyprint import CSS, HTML
    from weasyprint.formatting_structure import boxes

    document = HTML(string=rendered.html, base_url=str(HERE)).render(
        stylesheets=[CSS(filename=str(HERE / "print.css"))]
    )
    found: list[str] = []

    def walk(box: Any, holder: Any) -> None:
        if isinstance(box, boxes.BlockContainerBox | boxes.TableCellBox | boxes.MarginBox):
            holder = box
        if isinstance(box, boxes.TextBox) and holder is not None:
            right = holder.content_box_x() + holder.width
            if box.position_x + box.width > right + 0.5:  # half a CSS pixel of rounding
                found.append(box.text)
        for child in getattr(box, "children", ()):
            walk(child, holder)

    for page in document.pages:
        walk(page._page_box, None)
    return found


def missing_glyphs(
    text: str, families: tuple[str, ...] = ("DejaVu Sans", "Noto Sans CJK SC")
) -> str:
    """The characters of `text` that none of the document's font families can draw."""
    import subprocess

    from fontTools.ttLib import TTCollection, TTFont

    covered: set[int] = set()
    for family in families:
        path = subprocess.run(
            ["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True
        ).stdout
        fonts = TTCollection(path).fonts if path.endswith(".ttc") else [TTFont(path)]
        for font in fonts:
            covered.update(font.getBestCmap() or {})
    return "".join(sorted({c for c in text if not c.isspace() and ord(c) not in covered}))
