"""Organizer commands for meeting requests and schedules: `keruen requests …`, `keruen plan`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from keruen.cli.common import console, db_session, default_locale, fail, report_domain_error
from keruen.core.errors import DomainError

requests_app = typer.Typer(
    help="Meeting requests: the organizer's bulk actions.", no_args_is_help=True
)
EventOption = Annotated[str, typer.Option("--event", "-e", help="Event slug")]


def _participant(session, event, key: str):  # type: ignore[no-untyped-def]
    from keruen.events.queries import find_participation

    found = find_participation(session, event, key)
    if found is None:
        raise fail(
            f"no participant {key!r} in {event.slug} (use a delegate reference, "
            "an e-mail or a participation id)"
        )
    return found


@requests_app.command("list")
def list_requests(
    event: EventOption, status: Annotated[str | None, typer.Option(help="Only this status")] = None
) -> None:
    """List the event's requests with their status."""
    from sqlalchemy import select

    from keruen.events import service as event_service
    from keruen.meetings.models import MeetingRequest

    loc = default_locale()
    with db_session() as session:
        ev = event_service.get_event(session, event)
        query = select(MeetingRequest).where(MeetingRequest.event_id == ev.id)
        if status:
            query = query.where(MeetingRequest.status == status)
        table = Table(title=f"Requests of {event}", title_justify="left")
        for column in ("id", "kind", "from", "to", "priority", "status", "expires (UTC)"):
            table.add_column(column)
        for r in session.scalars(query.order_by(MeetingRequest.id)):
            table.add_row(
                str(r.id),
                r.kind,
                r.requester.delegate.names.get(loc) or "",
                r.target.delegate.names.get(loc) or "",
                str(r.priority),
                r.status,
                r.expires_at.strftime("%Y-%m-%d %H:%M") if r.expires_at else "",
            )
        console.print(table)


@requests_app.command("rules")
def set_rules(
    event: EventOption,
    quota: Annotated[int | None, typer.Option(help="Outgoing requests per person")] = None,
    ttl_hours: Annotated[int | None, typer.Option(help="Hours before expiry")] = None,
    g2b_slots: Annotated[int | None, typer.Option(help="Slots per G2B talk")] = None,
) -> None:
    """Set the event's request quota, expiry and G2B talk length."""
    from keruen.events import service as event_service
    from keruen.meetings import service

    try:
        with db_session() as session:
            rules = service.set_rules(
                session,
                event=event_service.get_event(session, event),
                request_quota=quota,
                request_ttl_hours=ttl_hours,
                g2b_length_slots=g2b_slots,
            )
            console.print(
                f"quota {rules.request_quota}, expiry {rules.request_ttl_hours} h, "
                f"G2B talks {rules.g2b_length_slots} slot(s)"
            )
    except DomainError as error:
        raise report_domain_error(error, default_locale()) from None


@requests_app.command("expire")
def expire(event: EventOption) -> None:
    """Expire unanswered requests past their deadline, so they stop blocking anyone."""
    from keruen.events import service as event_service
    from keruen.meetings import service

    with db_session() as session:
        count = service.expire_requests(session, event=event_service.get_event(session, event))
    console.print(f"{count} request(s) expired")


@requests_app.command("force")
def force(
    event: EventOption,
    first: str,
    second: str,
    priority: Annotated[int, typer.Option(help="1 (low) to 5")] = 3,
) -> None:
    """Set up a meeting between FIRST and SECOND as organizer (accepted at once)."""
    from keruen.events import service as event_service
    from keruen.meetings import service

    try:
        with db_session() as session:
            ev = event_service.get_event(session, event)
            request = service.force_meeting(
                session,
                event=ev,
                first_id=_participant(session, ev, first).id,
                second_id=_participant(session, ev, second).id,
                priority=priority,
            )
            console.print(f"meeting request {request.id} accepted by the organizer")
    except DomainError as error:
        raise report_domain_error(error, default_locale()) from None


@requests_app.command("veto")
def veto(request_id: int) -> None:
    """Refuse a request or meeting as organizer."""
    from keruen.meetings import service

    try:
        with db_session() as session:
            service.veto_request(session, request_id=request_id)
        console.print(f"request {request_id} vetoed")
    except DomainError as error:
        raise report_domain_error(error, default_locale()) from None


def plan(
    event: EventOption,
    seconds: Annotated[float, typer.Option(help="Solver time limit")] = 20.0,
    seed: Annotated[int, typer.Option(help="Solver seed")] = 0,
    publish: Annotated[bool, typer.Option(help="Publish the new draft at once")] = False,
) -> None:
    """Build the event's instance from accepted requests, solve it, store a draft version."""
    from keruen.events import service as event_service
    from keruen.meetings import planning

    try:
        with db_session() as session:
            ev = event_service.get_event(session, event)
            with console.status("Solving…"):
                result = planning.plan_event(session, event=ev, seconds=seconds, seed=seed)
            if publish:
                planning.publish_schedule(session, event=ev, version=result.version)
    except DomainError as error:
        raise report_domain_error(error, default_locale()) from None
    console.print(
        f"Schedule version {result.version} ({'published' if publish else 'draft'}): "
        f"{result.status}, {result.held} of {result.requested} meetings held, "
        f"{result.breaks} break(s), {result.moved} moved from the published schedule, "
        f"{result.seconds:.1f} s"
    )
    if result.unscheduled:
        table = Table(title="Not scheduled", title_justify="left")
        table.add_column("request")
        table.add_column("why")
        for item in result.unscheduled:
            table.add_row(item["meeting"].lstrip("r"), item["reason"])
        console.print(table)


def publish(
    event: EventOption, version: Annotated[int, typer.Argument(help="Draft version")]
) -> None:
    """Make a draft schedule version the event's current one."""
    from keruen.events import service as event_service
    from keruen.meetings import planning

    try:
        with db_session() as session:
            planning.publish_schedule(
                session, event=event_service.get_event(session, event), version=version
            )
    except DomainError as error:
        raise report_domain_error(error, default_locale()) from None
    console.print(f"version {version} published")


match_app = typer.Typer(
    help="Partner suggestions with reasons, and the organizer's pair rules.",
    invoke_without_command=True,
)


def _organization(session, key: str):  # type: ignore[no-untyped-def]
    from keruen.organizations import service as organization_service

    found = organization_service.find_organization(
        session,
        bin=key if key.isdigit() else None,
        uscc=key.upper() if len(key) == 18 else None,
        ref=key,
    )
    if found is None:
        raise fail(f"no organization {key!r} (use its BIN, USCC or reference)")
    return found


@match_app.callback()
def match(
    ctx: typer.Context,
    event: Annotated[str | None, typer.Option("--event", "-e", help="Event slug")] = None,
    top: Annotated[int, typer.Option(help="Suggestions per organization")] = 5,
    org: Annotated[str | None, typer.Option(help="Only this organization (ref/BIN/USCC)")] = None,
    locale: Annotated[
        str | None,
        typer.Option(
            "--locale", "-l", help="Render every list in this language (default: each reader's)"
        ),
    ] = None,
    reasons: Annotated[int, typer.Option(help="Reasons shown per suggestion")] = 2,
) -> None:
    """Print each participant's top partner suggestions with reasons in the reader's language."""
    if ctx.invoked_subcommand is not None:
        return
    if event is None:
        raise fail("give the event: keruen match --event SLUG")
    from keruen.events import service as event_service
    from keruen.meetings import suggestions as suggestion_service

    with db_session() as session:
        ev = event_service.get_event(session, event)
        only = str(_organization(session, org).id) if org else None
        with console.status("Matching…"):
            directory, ranked = suggestion_service.suggest_for_event(session, ev, top_k=top)
        for key, items in ranked.items():
            if only is not None and key != only:
                continue
            loc = locale or suggestion_service.reader_locale(directory, key)
            reader = directory.organizations[key]
            console.print(f"\n[bold]{reader.names.get(loc)}[/] [dim]({loc})[/]", highlight=False)
            if not items:
                console.print("  —")
            for rank, suggestion in enumerate(items, start=1):
                partner = directory.organizations[suggestion.partner_id]
                pin = " 📌" if suggestion.pinned else ""
                console.print(
                    f"  {rank}. {partner.names.get(loc)}  [dim]{suggestion.score:.2f}[/]{pin}",
                    highlight=False,
                )
                for line in suggestion_service.render(suggestion, loc, limit=reasons):
                    console.print(f"     · {line}", highlight=False)


@match_app.command("rule")
def match_rule(
    event: EventOption,
    first: str,
    second: str,
    action: Annotated[str, typer.Option(help="pin, forbid, boost or clear")] = "pin",
    boost: Annotated[float, typer.Option(help="Score added with --action boost")] = 0.2,
) -> None:
    """Pin, forbid, boost or clear a pair of organizations (by ref, BIN or USCC)."""
    from keruen.events import service as event_service
    from keruen.meetings import suggestions as suggestion_service

    try:
        with db_session() as session:
            ev = event_service.get_event(session, event)
            suggestion_service.set_pair_rule(
                session,
                event=ev,
                first=_organization(session, first),
                second=_organization(session, second),
                action=action,
                boost=boost,
            )
    except DomainError as error:
        raise report_domain_error(error, default_locale()) from None
    console.print(f"{action}: {first} ↔ {second}")


@requests_app.command("from-suggestions")
def from_suggestions(
    event: EventOption,
    top: Annotated[int, typer.Option(help="Requests per organization, best suggestions first")] = 3,
) -> None:
    """Send requests on behalf of each organization to its top suggested partners."""
    from sqlalchemy import select

    from keruen.events import service as event_service
    from keruen.meetings import service
    from keruen.meetings import suggestions as suggestion_service
    from keruen.meetings.models import MeetingRequest

    created = skipped = 0
    with db_session() as session:
        ev = event_service.get_event(session, event)
        directory, ranked = suggestion_service.suggest_for_event(session, ev, top_k=top)
        taken = {
            (r.pair_low, r.pair_high)
            for r in session.scalars(select(MeetingRequest).where(MeetingRequest.event_id == ev.id))
        }
        for key, items in ranked.items():
            for rank, suggestion in enumerate(items):
                first = directory.representatives[key][0]
                second = directory.representatives[suggestion.partner_id][0]
                pair = (min(first.id, second.id), max(first.id, second.id))
                if pair in taken:
                    skipped += 1
                    continue
                try:
                    service.request_meeting(
                        session,
                        event=ev,
                        requester_id=first.id,
                        target_id=second.id,
                        priority=max(1, 3 - rank),
                    )
                except DomainError:
                    skipped += 1
                    continue
                taken.add(pair)
                created += 1
    console.print(
        f"{created} request(s) sent, {skipped} skipped (already asked, quota or "
        "no common free time)"
    )


@requests_app.command("answer")
def answer(
    event: EventOption,
    request_id: int,
    decision: Annotated[str, typer.Argument(help="accept, decline or cancel")],
    person: Annotated[str, typer.Option("--as", help="Who answers: delegate ref or e-mail")],
) -> None:
    """Record a participant's answer to a request (e.g. given by phone to the organizer)."""
    from keruen.events import service as event_service
    from keruen.meetings import service

    actions = {
        "accept": service.accept_request,
        "decline": service.decline_request,
        "cancel": service.cancel_request,
    }
    if decision not in actions:
        raise fail("the decision is accept, decline or cancel")
    try:
        with db_session() as session:
            ev = event_service.get_event(session, event)
            who = _participant(session, ev, person)
            request = actions[decision](session, request_id=request_id, actor_id=who.id)
            console.print(f"request {request.id}: {request.status}")
    except DomainError as error:
        raise report_domain_error(error, default_locale()) from None
