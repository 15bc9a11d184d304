"""`keruen directory`: organizations and delegates, filtered, in four formats."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from keruen.cli.common import (
    Fmt,
    FormatOption,
    LocaleOption,
    OutputOption,
    _,
    console,
    emit,
    fail,
    unit,
    use_locale,
)

directory_app = typer.Typer(
    help=_("The directory: organizations and delegates, filtered and exported."),
    no_args_is_help=True,
)


@directory_app.command(
    "list",
    help=_("List organizations (or delegates), filtered by side, region, kind, code, event."),
)
def list_directory(
    delegates: Annotated[
        bool, typer.Option("--delegates", help=_("List delegates instead"))
    ] = False,
    event: Annotated[str | None, typer.Option("--event", "-e", help=_("Only this event's"))] = None,
    side: Annotated[
        str | None, typer.Option(help=_("Only this side of the event (e.g. KZ)"))
    ] = None,
    region: Annotated[str | None, typer.Option(help=_("Only this region and below"))] = None,
    kind: Annotated[
        str | None, typer.Option(help=_("Only this kind (company, government…)"))
    ] = None,
    hs: Annotated[
        str | None, typer.Option(help=_("Offers or needs this HS code (or below)"))
    ] = None,
    isic: Annotated[str | None, typer.Option(help=_("Has this ISIC activity (or below)"))] = None,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
    locale: LocaleOption = None,
) -> None:
    from keruen.events.directory import DirectoryFilter, directory_rows

    loc = use_locale(locale)
    if side and not event:
        raise fail(_("--side needs --event: sides belong to an event"))
    with unit(read_only=True) as session:
        orgs, people = directory_rows(
            session,
            DirectoryFilter(event=event, side=side, region=region, kind=kind, hs=hs, isic=isic),
            loc,
        )
    from keruen.agendas import listings

    if delegates:
        listing = listings.delegates_listing(people, _)
    else:
        listing = listings.organizations_listing(orgs, _)
    emit(listing, fmt, output)


@directory_app.command("show", help=_("Show one organization by its BIN, USCC or reference."))
def show(
    key: Annotated[
        str,
        typer.Argument(metavar=_("ORGANIZATION"), help=_("BIN, USCC or organization reference")),
    ],
    locale: LocaleOption = None,
) -> None:
    from keruen.events.directory import organization_card

    loc = use_locale(locale)
    with unit(read_only=True) as session:
        card = organization_card(session, key, loc)
    for label, value in card:
        if value:
            console.print(f"[bold]{escape(label)}:[/] {escape(value)}")
