"""Organizer commands for matching, meeting requests and schedules: `keruen match`, `keruen
requests …`, `keruen plan`, `keruen publish`, `keruen schedule show`. People are named by the
handles organizers use: a delegate's e-mail or reference, an organization's BIN, USCC or
reference."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from keruen.agendas import listings
from keruen.cli.common import (
    Fmt,
    FormatOption,
    LocaleOption,
    OutputOption,
    _,
    chosen_on_command_line,
    console,
    emit,
    fail,
    ngettext,
    report,
    unit,
    use_locale,
)
from keruen.core.errors import KeruenError
from keruen.exports.tabular import Column, Listing
from keruen.i18n import current_locale
from keruen.meetings.enums import label

requests_app = typer.Typer(
    help=_("Meeting requests: lists, phone answers and the organizer's bulk actions."),
    no_args_is_help=True,
)
EventOption = Annotated[str, typer.Option("--event", "-e", help=_("Event slug"))]
Handle = Annotated[
    str,
    typer.Argument(
        metavar=_("PARTICIPANT"),
        help=_("Delegate e-mail or reference, or organization BIN, USCC or reference"),
    ),
]


def _participant(session: Any, event: Any, key: str) -> Any:
    from keruen.core.errors import NotFound
    from keruen.core.i18n_markers import N_
    from keruen.events.queries import find_participation

    found = find_participation(session, event, key)
    if found is None:
        raise NotFound(
            N_(
                "no participant %(key)s in %(event)s (use a delegate e-mail or reference, or an "
                "organization's BIN, USCC or reference)"
            ),
            key=key,
            event=event.slug,
        )
    return found


def _organization(session: Any, key: str) -> Any:
    from keruen.events.directory import find_by_handle

    return find_by_handle(session, key)


@requests_app.command("list", help=_("List the event's requests with organizations and people."))
def list_requests(
    event: EventOption,
    status: Annotated[str | None, typer.Option(help=_("Only this status"))] = None,
    person: Annotated[
        str | None, typer.Option("--person", help=_("Only this participant's (any handle)"))
    ] = None,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
    locale: LocaleOption = None,
) -> None:
    from keruen.events import service as event_service
    from keruen.meetings import queries

    loc = use_locale(locale)
    listing = Listing(
        _("Requests of %(event)s") % {"event": event},
        [
            Column("id", "id"),
            Column("kind", _("kind")),
            Column("requester_organization", _("from (organization)")),
            Column("requester", _("from (person)")),
            Column("requester_email", _("from (e-mail)")),
            Column("target_organization", _("to (organization)")),
            Column("target", _("to (person)")),
            Column("target_email", _("to (e-mail)")),
            Column("priority", _("priority")),
            Column("status", _("status")),
            Column("expires_at", _("expires (UTC)")),
        ],
        sheet="Requests",
    )
    with unit(read_only=True) as session:
        ev = event_service.get_event(session, event)
        only = _participant(session, ev, person).id if person else None
        for r in queries.requests_of(session, ev, status=status):
            if only is not None and only not in (r.requester_id, r.target_id):
                continue
            listing.add(
                r.id,
                r.kind,
                queries.organization_name(r.requester, loc),
                queries.person_name(r.requester, loc),
                r.requester.delegate.email,
                queries.organization_name(r.target, loc),
                queries.person_name(r.target, loc),
                r.target.delegate.email,
                r.priority,
                r.status if fmt == Fmt.json else label(r.status, _),
                r.expires_at.strftime("%Y-%m-%d %H:%M") if r.expires_at else "",
            )
    emit(listing, fmt, output)


@requests_app.command("rules", help=_("Set the event's request quota, expiry and G2B talk length."))
def set_rules(
    event: EventOption,
    quota: Annotated[int | None, typer.Option(help=_("Outgoing requests per person"))] = None,
    ttl_hours: Annotated[int | None, typer.Option(help=_("Hours before expiry"))] = None,
    g2b_slots: Annotated[int | None, typer.Option(help=_("Slots per G2B talk"))] = None,
    locale: LocaleOption = None,
) -> None:
    from keruen.events import service as event_service
    from keruen.meetings import service

    use_locale(locale)
    with unit() as session:
        rules = service.set_rules(
            session,
            event=event_service.get_event(session, event),
            request_quota=quota,
            request_ttl_hours=ttl_hours,
            g2b_length_slots=g2b_slots,
        )
        values = {
            "quota": rules.request_quota,
            "hours": rules.request_ttl_hours,
            "slots": rules.g2b_length_slots,
        }
    console.print(_("quota %(quota)s, expiry %(hours)s h, G2B talks %(slots)s slot(s)") % values)


@requests_app.command("expire", help=_("Expire unanswered requests past their deadline."))
def expire(event: EventOption, locale: LocaleOption = None) -> None:
    from keruen.events import service as event_service
    from keruen.meetings import service

    use_locale(locale)
    with unit() as session:
        count = service.expire_requests(session, event=event_service.get_event(session, event))
    console.print(
        ngettext("%(count)s request expired", "%(count)s requests expired", count)
        % {"count": count}
    )


@requests_app.command(
    "force",
    help=_(
        "Set up a meeting between FIRST and SECOND as organizer (accepted at once; no "
        "participant quota applies)."
    ),
)
def force(
    event: EventOption,
    first: Handle,
    second: Handle,
    priority: Annotated[int, typer.Option(help=_("1 (low) to 5"))] = 3,
    locale: LocaleOption = None,
) -> None:
    from keruen.events import service as event_service
    from keruen.meetings import service

    use_locale(locale)
    with unit() as session:
        ev = event_service.get_event(session, event)
        request = service.force_meeting(
            session,
            event=ev,
            first_id=_participant(session, ev, first).id,
            second_id=_participant(session, ev, second).id,
            priority=priority,
        )
        request_id = request.id
    console.print(_("meeting request %(id)s accepted by the organizer") % {"id": request_id})


@requests_app.command("veto", help=_("Refuse a request or meeting as organizer."))
def veto(
    event: EventOption,
    first: Handle,
    second: Annotated[
        str | None, typer.Argument(metavar=_("OTHER"), help=_("The other participant"))
    ] = None,
    locale: LocaleOption = None,
) -> None:
    """FIRST may be a request id; or FIRST and SECOND name the pair."""
    from keruen.events import service as event_service
    from keruen.meetings import service

    use_locale(locale)
    with unit() as session:
        ev = event_service.get_event(session, event)
        request_id = _request_between(session, ev, first, second)
        service.veto_request(session, request_id=request_id)
    console.print(_("request %(id)s vetoed") % {"id": request_id})


def _request_between(session: Any, event: Any, first: str, second: str | None) -> int:
    """A request id given as such, or the open request between two people."""
    from sqlalchemy import select

    from keruen.core.errors import NotFound
    from keruen.core.i18n_markers import N_
    from keruen.meetings.enums import ACTIVE_STATUSES
    from keruen.meetings.models import MeetingRequest

    if second is None:
        if first.isdigit() and len(first) < 9:
            return int(first)
        raise NotFound(N_("name the other participant, or give the request id"))
    a = _participant(session, event, first)
    b = _participant(session, event, second)
    low, high = sorted((a.id, b.id))
    found = session.scalar(
        select(MeetingRequest).where(
            MeetingRequest.event_id == event.id,
            MeetingRequest.pair_low == low,
            MeetingRequest.pair_high == high,
            MeetingRequest.status.in_([s.value for s in ACTIVE_STATUSES]),
        )
    )
    if found is None:
        raise NotFound(
            N_("there is no open request between %(first)s and %(second)s"),
            first=first,
            second=second,
        )
    return int(found.id)


@requests_app.command(
    "answer",
    help=_(
        "Record a participant's answer given by phone: `requests answer -e EVENT accept --as "
        "WHO --with OTHER` (handles: e-mail, reference, BIN, USCC; or --id N)."
    ),
)
def answer(
    event: EventOption,
    decision: Annotated[
        str, typer.Argument(metavar=_("DECISION"), help=_("accept, decline or cancel"))
    ],
    person: Annotated[str, typer.Option("--as", help=_("Who answers (any handle)"))],
    other: Annotated[
        str | None, typer.Option("--with", help=_("The other side of the request (any handle)"))
    ] = None,
    request_id: Annotated[int | None, typer.Option("--id", help=_("The request id"))] = None,
    locale: LocaleOption = None,
) -> None:
    from keruen.events import service as event_service
    from keruen.meetings import service

    use_locale(locale)
    actions = {
        "accept": service.accept_request,
        "decline": service.decline_request,
        "cancel": service.cancel_request,
    }
    if decision not in actions:
        raise fail(_("the decision is accept, decline or cancel"))
    if request_id is None and other is None:
        raise fail(_("say whose request it is with --with OTHER (or give --id N)"))
    with unit() as session:
        ev = event_service.get_event(session, event)
        who = _participant(session, ev, person)
        rid = request_id if request_id is not None else _request_between(session, ev, person, other)
        request = actions[decision](session, request_id=rid, actor_id=who.id)
        values = {"id": request.id, "status": request.status}
    console.print(
        _("request %(id)s: %(status)s") % {**values, "status": label(values["status"], _)}
    )


@requests_app.command(
    "from-suggestions", help=_("Send requests for each organization to its top suggested partners.")
)
def from_suggestions(
    event: EventOption,
    top: Annotated[int, typer.Option(help=_("Requests per organization, best first"))] = 3,
    locale: LocaleOption = None,
) -> None:
    from keruen.events import service as event_service
    from keruen.meetings import suggestions as suggestion_service

    use_locale(locale)
    _at_least("--top", top, 1)
    with unit() as session:
        ev = event_service.get_event(session, event)
        created, skipped = suggestion_service.requests_from_suggestions(session, ev, top=top)
    console.print(
        _(
            "%(created)s request(s) sent, %(skipped)s skipped (already asked, quota or no "
            "common free time)"
        )
        % {"created": created, "skipped": skipped}
    )


def _at_least(option: str, value: int, least: int) -> None:
    """Refuse a count below what makes sense («--top 0» would show every list empty)."""
    if value < least:
        raise fail(_("%(key)s: must be at least %(ge)s") % {"key": option, "ge": least})


def plan(
    event: EventOption,
    seconds: Annotated[float, typer.Option(help=_("Solver time limit"))] = 20.0,
    seed: Annotated[int, typer.Option(help=_("Solver seed"))] = 0,
    publish: Annotated[bool, typer.Option(help=_("Publish the new draft at once"))] = False,
    locale: LocaleOption = None,
) -> None:
    from keruen.config import get_settings
    from keruen.events import service as event_service
    from keruen.jobs import planning
    from keruen.meetings import queries

    use_locale(locale)
    settings = get_settings()
    try:
        with console.status(_("Solving…")):
            result = planning.plan(settings, event, seconds=seconds, seed=seed, publish=publish)
        with unit(settings, read_only=True) as session:
            ev = event_service.get_event(session, event)
            stored = queries.find_schedule(session, ev, result.version)
            unscheduled = queries.unscheduled_views(session, stored, current_locale(), _)
    except KeruenError as error:
        raise report(error) from None
    state = _("published") if publish else _("draft")
    console.print(
        _(
            "Schedule version %(version)s (%(state)s): %(status)s, %(held)s of %(requested)s "
            "meetings held, %(breaks)s break(s), %(moved)s moved from the published schedule, "
            "%(seconds).1f s"
        )
        % {
            "version": result.version,
            "state": state,
            "status": label(result.status, _),
            "held": result.held,
            "requested": result.requested,
            "breaks": result.breaks,
            "moved": result.moved,
            "seconds": result.seconds,
        }
    )
    if unscheduled:
        table = Table(title=_("Not scheduled"), title_justify="left")
        for column in (_("request"), _("organization"), _("partner organization"), _("why")):
            table.add_column(column, overflow="fold")
        for item in unscheduled:
            table.add_row(
                str(item.request_id or ""),
                escape(item.first_organization),
                escape(item.second_organization),
                escape(item.reason),
            )
        console.print(table)


def publish(
    event: EventOption,
    version: Annotated[int, typer.Argument(metavar=_("VERSION"), help=_("Draft version"))],
    locale: LocaleOption = None,
) -> None:
    from keruen.events import service as event_service
    from keruen.meetings import schedule_service

    use_locale(locale)
    from keruen.jobs import notify

    with unit() as session:
        ev = event_service.get_event(session, event)
        schedule_service.publish_schedule(session, event=ev, version=version)
        notify.schedule_published(session, ev)  # the mails go out from a worker, after commit
    console.print(_("version %(version)s published") % {"version": version})


def show_schedule(
    event: EventOption,
    version: Annotated[
        int | None, typer.Option(help=_("Version (default: the published one, else the newest)"))
    ] = None,
    grid: Annotated[bool, typer.Option("--grid", help=_("The slot × table grid"))] = False,
    participant: Annotated[
        str | None,
        typer.Option("--participant", "-p", help=_("One participant's agenda (any handle)")),
    ] = None,
    interpreter: Annotated[
        str | None,
        typer.Option(
            "--interpreter", "-i", help=_("One interpreter's roster (e-mail or reference)")
        ),
    ] = None,
    table: Annotated[
        str | None, typer.Option("--table", "-t", help=_("One table's sheet, e.g. A3"))
    ] = None,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
    locale: LocaleOption = None,
) -> None:
    from keruen.events import service as event_service
    from keruen.meetings import queries

    loc = use_locale(locale)
    with unit(read_only=True) as session:
        ev = event_service.get_event(session, event)
        schedule = queries.find_schedule(session, ev, version)
        title = _("%(event)s, schedule version %(version)s (%(status)s), times in %(zone)s") % {
            "event": ev.slug,
            "version": schedule.version,
            "status": label(schedule.status, _),
            "zone": ev.timezone,
        }
        views = queries.meeting_views(schedule, ev, loc)
        if fmt != Fmt.json:  # JSON keeps the stable values; people read the words
            views = [replace(v, kind=label(v.kind, _)) for v in views]
        if participant:
            who = _participant(session, ev, participant)
            other_zone, items = queries.agenda(schedule, ev, who, loc)
            if fmt != Fmt.json:
                items = [
                    replace(i, meeting=replace(i.meeting, kind=label(i.meeting.kind, _)))
                    for i in items
                ]
            listing = listings.agenda_listing(
                title, queries.person_name(who, loc), other_zone, items, _
            )
        elif interpreter:
            who = _participant(session, ev, interpreter)
            listing = listings.meetings_listing(
                title + " — " + _("roster of %(name)s") % {"name": queries.person_name(who, loc)},
                [v for v in views if v.interpreter_id == who.id],
                "Roster",
                _,
            )
        elif table:
            labels = {v.table for v in views} | {
                t.label for h in ev.halls for t in h.tables if t.active
            }
            if table not in labels:
                raise fail(
                    _("no table %(table)s (tables: %(tables)s)")
                    % {"table": table, "tables": ", ".join(sorted(labels))}
                )
            listing = listings.meetings_listing(
                title + " — " + _("table %(table)s") % {"table": table},
                [v for v in views if v.table == table],
                "Table " + table,
                _,
            )
        elif grid:
            listing = listings.grid_listing(title, views, _)
        else:
            listing = listings.meetings_listing(title, views, "Schedule", _)
    if not listing.rows and fmt == Fmt.table and output is None:
        console.print(escape(listing.title))
        console.print(_("No meetings."))
        return
    emit(listing, fmt, output)


match_app = typer.Typer(
    help=_("Partner suggestions with reasons, and the organizer's pair rules."),
    invoke_without_command=True,
)


@match_app.callback()
def match(
    ctx: typer.Context,
    event: Annotated[str | None, typer.Option("--event", "-e", help=_("Event slug"))] = None,
    top: Annotated[int, typer.Option(help=_("Suggestions per organization"))] = 5,
    org: Annotated[
        str | None, typer.Option(help=_("Only this organization (reference, BIN or USCC)"))
    ] = None,
    locale: Annotated[
        str | None,
        typer.Option(
            "--locale", "-l", help=_("Render every list in this language (default: each reader's)")
        ),
    ] = None,
    reasons: Annotated[int, typer.Option(help=_("Reasons shown per suggestion"))] = 2,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
) -> None:
    """Print each participant's top partner suggestions with reasons in the reader's language."""
    if ctx.invoked_subcommand is not None:
        return
    locale = locale or chosen_on_command_line()  # `keruen -l zh match …` chooses it too
    if locale:
        use_locale(locale)
    if event is None:
        raise fail(_("give the event: keruen match --event SLUG"))
    _at_least("--top", top, 1)
    _at_least("--reasons", reasons, 0)
    from keruen.core.names import display_name
    from keruen.events import service as event_service
    from keruen.meetings import suggestions as suggestion_service

    listing = Listing(
        _("Partner suggestions for %(event)s") % {"event": event},
        [
            Column("organization_id", _("organization id")),
            Column("organization_ref", _("reference")),
            Column("organization", _("organization")),
            Column("rank", _("rank")),
            Column("partner_id", _("partner id")),
            Column("partner_ref", _("partner reference")),
            Column("partner", _("partner")),
            Column("score", _("score")),
            Column("pinned", _("pinned")),
            Column("reasons", _("reasons")),
        ],
        sheet="Suggestions",
    )
    blocks: list[tuple[str, str, list[tuple[str, float, bool, list[str]]]]] = []
    with unit(read_only=True) as session:
        ev = event_service.get_event(session, event)
        only = str(_organization(session, org).id) if org else None
        with console.status(_("Matching…")):
            directory, ranked = suggestion_service.suggest_for_event(session, ev, top_k=top)
        for key, items in ranked.items():
            if only is not None and key != only:
                continue
            loc = locale or suggestion_service.reader_locale(directory, key)
            reader = directory.organizations[key]
            reader_name = display_name(dict(reader.names.values), reader.names.source, loc)
            lines = []
            for rank, suggestion in enumerate(items, start=1):
                partner = directory.organizations[suggestion.partner_id]
                partner_name = display_name(dict(partner.names.values), partner.names.source, loc)
                said = suggestion_service.render(suggestion, loc, limit=reasons)
                lines.append((partner_name, suggestion.score, suggestion.pinned, said))
                listing.add(
                    key,
                    getattr(reader, "ref", None),
                    reader_name,
                    rank,
                    suggestion.partner_id,
                    getattr(partner, "ref", None),
                    partner_name,
                    round(suggestion.score, 4),
                    suggestion.pinned,
                    " | ".join(said),
                )
            if not lines:
                lines_none = suggestion_service.render_no_match(directory, key, loc)
                listing.add(
                    key,
                    reader.ref,
                    reader_name,
                    0,
                    None,
                    None,
                    "",
                    0.0,
                    False,
                    " | ".join(lines_none),
                )
                blocks.append((reader_name, loc, [("", 0.0, False, lines_none)]))
                continue
            blocks.append((reader_name, loc, lines))
    if fmt != Fmt.table or output is not None:
        emit(listing, fmt, output)
        return
    for reader_name, loc, lines in blocks:
        console.print(f"\n[bold]{escape(reader_name)}[/] [dim]({loc})[/]")
        if len(lines) == 1 and not lines[0][0]:  # no good match yet, and what would help
            for line in lines[0][3]:
                console.print(f"  {escape(line)}")
            continue
        for rank, (partner_name, score, pinned, said) in enumerate(lines, start=1):
            pin = " 📌" if pinned else ""
            console.print(f"  {rank}. {escape(partner_name)}  [dim]{score:.2f}[/]{pin}")
            if said:
                console.print(_bullets(said))


def _bullets(lines: list[str]) -> Table:
    """Reasons under a suggestion, each behind its bullet: a grid, so that a long line without
    spaces (Chinese) folds within its column instead of leaving the bullet alone on its line."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=6, justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for line in lines:
        grid.add_row("·", Text(line))
    return grid


@match_app.command(
    "rule", help=_("Pin, forbid, boost or clear a pair of organizations (reference, BIN or USCC).")
)
def match_rule(
    event: EventOption,
    first: Handle,
    second: Handle,
    action: Annotated[str, typer.Option(help=_("pin, forbid, boost or clear"))] = "pin",
    boost: Annotated[float, typer.Option(help=_("Score added with --action boost"))] = 0.2,
    locale: LocaleOption = None,
) -> None:
    from keruen.events import service as event_service
    from keruen.meetings import suggestions as suggestion_service

    use_locale(locale)
    with unit() as session:
        ev = event_service.get_event(session, event)
        suggestion_service.set_pair_rule(
            session,
            event=ev,
            first=_org_of(session, ev, first),
            second=_org_of(session, ev, second),
            action=action,
            boost=boost,
        )
    console.print(escape(f"{action}: {first} ↔ {second}"))


def _org_of(session: Any, event: Any, key: str) -> Any:
    """An organization by its own handles, or the organization of a delegate handle."""
    from keruen.core.errors import NotFound

    try:
        return _organization(session, key)
    except NotFound:
        person = _participant(session, event, key)
        if person.delegate.organization is None:
            raise
        return person.delegate.organization
