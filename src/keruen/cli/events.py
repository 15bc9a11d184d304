"""`keruen event`: the organizer's own events as files (YAML or the Event sheets of a workbook)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from keruen.cli.common import (
    Fmt,
    FormatOption,
    LocaleOption,
    OutputOption,
    _,
    console,
    emit,
    fail,
    ngettext,
    unit,
    use_locale,
    write_file,
)
from keruen.config import get_settings
from keruen.exports.tabular import Column, Listing

event_app = typer.Typer(
    help=_("Events: create, update, list, show and export the organizer's own forums."),
    no_args_is_help=True,
)
FileArgument = Annotated[
    Path,
    typer.Argument(
        metavar=_("FILE"), help=_("Event file: .yaml/.yml/.json or an .xlsx with the Event sheets")
    ),
]


def _save(path: Path, *, must_exist: bool | None, reschedule: bool, seconds: float) -> None:
    from keruen.events import service as event_service
    from keruen.events.files import read_event_file
    from keruen.meetings import service as meeting_service

    settings = get_settings()
    parsed, data = read_event_file(path, max_bytes=settings.import_max_bytes)
    with unit(settings) as session:
        existing = event_service.find_event(session, data.slug)
        if must_exist is True and existing is None:
            raise fail(
                _("no event with the slug %(slug)s: create it with `keruen event create`")
                % {"slug": data.slug}
            )
        if must_exist is False and existing is not None:
            raise fail(
                _("the event %(slug)s exists already: change it with `keruen event update`")
                % {"slug": data.slug}
            )
        result = meeting_service.save_event_file(
            session,
            parsed=parsed,
            data=data,
            must_exist=must_exist,
            reschedule=reschedule,
            seconds=seconds,
        )
        event = result.event
        halls = len([h for h in event.halls if h.active])
        tables = sum(1 for h in event.halls for t in h.tables if t.active)
        sessions = len(event.sessions)
    message = (_("event %(slug)s created") if result.created else _("event %(slug)s updated")) % {
        "slug": data.slug
    }
    console.print(escape(message))
    console.print(
        _(
            "sessions: %(sessions)s, halls: %(halls)s, tables: %(tables)s, "
            "interpreters: %(interpreters)s"
        )
        % {
            "sessions": sessions,
            "halls": halls,
            "tables": tables,
            "interpreters": len(parsed.interpreters),
        }
    )
    if parsed.organizations:
        console.print(
            _(
                "organizations in the file that were not read here: %(count)s; import them "
                "with `keruen import organizations FILE --event %(slug)s`"
            )
            % {"count": len(parsed.organizations), "slug": data.slug}
        )
    if result.plan is not None:
        console.print(
            ngettext(
                "%(count)s published meeting lost its table or time and was placed again: "
                "version %(version)s is published (%(moved)s meeting(s) changed time)",
                "%(count)s published meetings lost their table or time and were placed again: "
                "version %(version)s is published (%(moved)s meeting(s) changed time)",
                len(result.displaced),
            )
            % {
                "count": len(result.displaced),
                "version": result.plan.version,
                "moved": result.plan.moved,
            }
        )


@event_app.command("create", help=_("Create an event from a file (YAML or Excel Event sheets)."))
def create(file: FileArgument, locale: LocaleOption = None) -> None:
    use_locale(locale)
    _save(file, must_exist=False, reschedule=False, seconds=20.0)


@event_app.command(
    "update",
    help=_(
        "Change an event from a file. Halls, tables and sessions are matched by code and kept; "
        "removing a table or time that a published meeting uses is refused unless --reschedule."
    ),
)
def update(
    file: FileArgument,
    reschedule: Annotated[
        bool,
        typer.Option(help=_("Move the published meetings that lose their table or time")),
    ] = False,
    seconds: Annotated[float, typer.Option(help=_("Solver time limit for --reschedule"))] = 20.0,
    locale: LocaleOption = None,
) -> None:
    use_locale(locale)
    _save(file, must_exist=True, reschedule=reschedule, seconds=seconds)


@event_app.command("list", help=_("List the events."))
def list_events(
    fmt: FormatOption = Fmt.table, output: OutputOption = None, locale: LocaleOption = None
) -> None:
    from sqlalchemy import func, select

    from keruen.core.names import display_name
    from keruen.events.models import Event, Participation

    loc = use_locale(locale)
    listing = Listing(
        _("Events"),
        [
            Column("slug", _("slug")),
            Column("name", _("name")),
            Column("starts_on", _("from")),
            Column("ends_on", _("to")),
            Column("timezone", _("time zone")),
            Column("participants", _("participants")),
        ],
        sheet="Events",
    )
    with unit(read_only=True) as session:
        counts = dict(
            session.execute(
                select(Participation.event_id, func.count()).group_by(Participation.event_id)
            ).all()
        )
        for ev in session.scalars(select(Event).order_by(Event.starts_on, Event.slug)):
            listing.add(
                ev.slug,
                display_name(dict(ev.names.values), ev.names.source, loc),
                ev.starts_on,
                ev.ends_on,
                ev.timezone,
                counts.get(ev.id, 0),
            )
    if not listing.rows and fmt == Fmt.table and output is None:
        console.print(_("No events yet: create one with `keruen event create FILE`."))
        return
    emit(listing, fmt, output)


@event_app.command("show", help=_("Show an event: sides, halls, sessions, people."))
def show(
    slug: Annotated[str, typer.Argument(metavar=_("EVENT"), help=_("Event slug"))],
    locale: LocaleOption = None,
) -> None:
    from keruen.events.queries import event_overview

    loc = use_locale(locale)
    with unit(read_only=True) as session:
        overview = event_overview(session, slug, loc)
    print_overview(overview)


@event_app.command(
    "export", help=_("Write the event as a file that `event create` reads back (.yaml or .xlsx).")
)
def export(
    slug: Annotated[str, typer.Argument(metavar=_("EVENT"), help=_("Event slug"))],
    output: Annotated[Path, typer.Option("--output", "-o", help=_(".yaml, .yml or .xlsx"))],
    locale: LocaleOption = None,
) -> None:
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from keruen.events import service as event_service
    from keruen.events.files import event_document, to_workbook, to_yaml
    from keruen.events.models import Participation

    use_locale(locale)
    suffix = output.suffix.lower()
    if suffix not in (".yaml", ".yml", ".xlsx"):
        raise fail(_("an event file is .yaml, .yml or .xlsx, not %(name)s") % {"name": output.name})
    with unit(read_only=True) as session:
        event = event_service.get_event(session, slug)
        interpreters = list(
            session.scalars(
                select(Participation)
                .where(Participation.event_id == event.id, Participation.role == "interpreter")
                .options(
                    selectinload(Participation.delegate), selectinload(Participation.unavailable)
                )
                .order_by(Participation.id)
            )
        )
        document = event_document(event, interpreters)
    write_file(output, to_workbook(document) if suffix == ".xlsx" else to_yaml(document))


def print_overview(o: object) -> None:
    from keruen.events.queries import EventOverview

    assert isinstance(o, EventOverview)
    console.print(f"[bold]{escape(o.name)}[/]  ({escape(o.slug)})")
    console.print(
        _("Time zone %(zone)s (%(offset)s); days: %(days)s")
        % {
            "zone": o.timezone,
            "offset": o.utc_offset,
            "days": ", ".join(d.isoformat() for d in o.days),
        }
    )
    console.print(
        escape(_("Sides: %(sides)s") % {"sides": "; ".join(f"{c} — {n}" for c, n in o.sides)})
    )
    console.print(
        _("Halls: %(halls)s")
        % {
            "halls": ", ".join(
                ngettext("%(code)s (%(count)s table)", "%(code)s (%(count)s tables)", n)
                % {"code": c, "count": n}
                for c, n in o.halls
            )
        }
    )
    sessions = Table(title=_("Sessions (event time)"), title_justify="left")
    for column in (_("day"), _("kind"), _("from"), _("to"), _("slot"), _("slots"), _("hall")):
        sessions.add_column(column)
    for s in o.sessions:
        sessions.add_row(
            s.day.isoformat(),
            s.kind,
            s.local_start.strftime("%H:%M"),
            s.local_end.strftime("%H:%M"),
            _("%(minutes)s min") % {"minutes": s.slot_minutes},
            str(s.slots),
            s.hall or "",
        )
    console.print(sessions)
    orgs = Table(
        title=_("Organizations (%(count)s)") % {"count": len(o.organizations)}, title_justify="left"
    )
    for column in (
        _("side"),
        _("kind"),
        _("name"),
        _("identifier"),
        "ISIC",
        _("offers (HS)"),
        _("needs (HS)"),
    ):
        orgs.add_column(column, overflow="fold")
    for org in sorted(o.organizations, key=lambda x: (x.side or "", x.kind, x.name)):
        orgs.add_row(
            org.side or "",
            org.kind,
            escape(org.name),
            org.identifier or "",
            " ".join(org.isic),
            " ".join(org.hs_offers),
            " ".join(org.hs_needs),
        )
    console.print(orgs)
    roles: dict[str, int] = {}
    for person in o.people:
        roles[person.role] = roles.get(person.role, 0) + 1
    console.print(
        _("People: %(roles)s")
        % {"roles": ", ".join(f"{r}: {n}" for r, n in sorted(roles.items())) or "—"}
    )
    interpreters = [p for p in o.people if p.role == "interpreter"]
    if interpreters:
        console.print(
            escape(
                _("Interpreters: %(people)s")
                % {"people": "; ".join(f"{p.name} ({'–'.join(p.languages)})" for p in interpreters)}
            )
        )
