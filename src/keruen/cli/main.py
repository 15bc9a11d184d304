"""keruen: cross-border business matchmaking. Run `keruen --help`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from keruen.cli.common import (
    console,
    db_session,
    default_locale,
    fail,
    report_domain_error,
    report_rejected,
)
from keruen.config import get_settings
from keruen.core.errors import DomainError, InputRejected

app = typer.Typer(
    name="keruen",
    help="keruen — cross-border business matchmaking: directory, matching, schedules, outcomes.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database: create and migrate the schema.", no_args_is_help=True)
template_app = typer.Typer(help="Download import templates.", no_args_is_help=True)
import_app = typer.Typer(
    help="Import organizations, delegates and profiles (XLSX or CSV).", no_args_is_help=True
)
reference_app = typer.Typer(help="Look up HS 2022 and ISIC Rev.4 codes.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(template_app, name="template")
app.add_typer(import_app, name="import")
app.add_typer(reference_app, name="reference")

from keruen.cli import meetings as meetings_cli  # noqa: E402

app.add_typer(meetings_cli.requests_app, name="requests")
app.add_typer(meetings_cli.match_app, name="match")
app.command("plan")(meetings_cli.plan)
app.command("publish")(meetings_cli.publish)

try:  # the scheduling CLI is its own module; the app works without it while it is built
    from keruen.cli.schedule import app as schedule_app

    app.add_typer(schedule_app, name="schedule")
except ImportError:  # pragma: no cover
    pass

LocaleOption = Annotated[
    str | None, typer.Option("--locale", "-l", help="ru, kk, zh or en (default: from LANG)")
]


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="Target revision")] = "head") -> None:
    """Create or migrate the database schema and load the reference regions."""
    from keruen.db import migrate
    from keruen.db.session import make_engine
    from keruen.reference import service as reference_service

    settings = get_settings()
    engine = make_engine(settings.database_url)
    migrate.upgrade(engine, revision)
    engine.dispose()
    if revision == "head":
        with db_session(settings) as session:
            changed = reference_service.sync_regions(session)
        console.print(f"Schema at head; regions updated: {changed}.")
    url = engine.url.render_as_string(hide_password=True)
    console.print(f"Database: {url}", highlight=False)


@db_app.command("downgrade")
def db_downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision, e.g. base")],
) -> None:
    """Migrate the schema down to a revision (`base` drops every table)."""
    from keruen.db import migrate
    from keruen.db.session import make_engine

    engine = make_engine(get_settings().database_url)
    migrate.downgrade(engine, revision)
    engine.dispose()
    console.print(f"Schema at {revision}.")


@db_app.command("current")
def db_current() -> None:
    """Print the schema revision of the database."""
    from keruen.db import migrate
    from keruen.db.session import make_engine

    engine = make_engine(get_settings().database_url)
    console.print(migrate.current(engine) or "empty (run `keruen db upgrade`)")
    engine.dispose()


@template_app.command("organizations")
def template_organizations(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the .xlsx")],
    locale: LocaleOption = None,
) -> None:
    """Write the XLSX template for organizations, delegates and profiles."""
    from keruen.imports.template import build_template

    if output.suffix.lower() != ".xlsx":
        raise fail(f"the template is an Excel workbook: name it *.xlsx, not {output.name}")
    output.write_bytes(build_template(locale or default_locale()))
    console.print(f"Template written to {output}", highlight=False)


def _import(
    kind: str, path: Path, event: str | None, locale: str | None, allow_similar_names: bool
) -> None:
    from keruen.imports.directory import import_directory

    settings = get_settings()
    loc = locale or default_locale(settings)
    try:
        with db_session(settings) as session:
            report = import_directory(
                session,
                path,
                csv_kind=kind,
                event_slug=event,
                allow_similar_names=allow_similar_names,
                max_bytes=settings.import_max_bytes,
                max_rows=settings.import_max_rows,
            )
    except InputRejected as error:
        raise report_rejected(error, loc) from None
    except DomainError as error:
        raise report_domain_error(error, loc) from None
    table = Table(title=f"Imported {path.name}", title_justify="left")
    for column in ("", "created", "updated", "unchanged"):
        table.add_column(column)
    o, d = report.organizations, report.delegates
    table.add_row("organizations", str(o.created), str(o.updated), str(o.unchanged))
    table.add_row("delegates", str(d.created), str(d.updated), str(d.unchanged))
    console.print(table)
    if report.profiles_replaced:
        console.print(
            f"cooperation profiles replaced for {report.profiles_replaced} organization(s)"
        )
    if event:
        console.print(f"{report.participations} participation(s) in {event}")
    if not report.changed_anything:
        console.print("Nothing changed: the directory already matched the file.")


def _import_command(kind: str) -> None:
    def command(
        file: Annotated[Path, typer.Argument(help=".xlsx or .csv (UTF-8 or Windows-1251)")],
        event: Annotated[str | None, typer.Option(help="Register delegates for this event")] = None,
        locale: LocaleOption = None,
        allow_similar_names: Annotated[
            bool,
            typer.Option(
                help="Import even when a new organization's name looks like an existing one"
            ),
        ] = False,
    ) -> None:
        _import(kind, file, event, locale, allow_similar_names)

    command.__doc__ = (
        f"Import {kind} from FILE; an XLSX workbook may hold all three sheets. "
        "All or nothing: any invalid row and nothing is written."
    )
    import_app.command(kind)(command)


for _kind in ("organizations", "delegates", "profiles"):
    _import_command(_kind)


@reference_app.command("hs")
def reference_hs(
    query: Annotated[str, typer.Argument(help="A code or words in any language")],
    locale: LocaleOption = None,
    limit: Annotated[int, typer.Option(help="At most this many")] = 20,
) -> None:
    """Find HS 2022 codes: `keruen reference hs 5201`, `… hs хлопок`, `… hs 棉花`."""
    _reference("hs", query, locale, limit)


@reference_app.command("isic")
def reference_isic(
    query: Annotated[str, typer.Argument(help="A code or words in any language")],
    locale: LocaleOption = None,
    limit: Annotated[int, typer.Option(help="At most this many")] = 20,
) -> None:
    """Find ISIC Rev.4 activities: `keruen reference isic 1311`, `… isic прядение`."""
    _reference("isic", query, locale, limit)


def _reference(system: str, query: str, locale: str | None, limit: int) -> None:
    from keruen.reference import taxonomy

    loc = locale or default_locale()
    hits = taxonomy.taxonomy(system).search(query, limit=limit)
    if not hits:
        raise fail(f"no {system.upper()} code matches {query!r}")
    table = Table(show_header=True, title_justify="left")
    table.add_column("code")
    table.add_column("level")
    table.add_column(f"title ({loc})", overflow="fold")
    if loc != "en":
        table.add_column("title (en)", overflow="fold")
    for entry in hits:
        row = [entry.display_code, entry.level, entry.title(loc)]
        if loc != "en":
            row.append(entry.title("en"))
        table.add_row(*row)
    console.print(table)


@app.command("demo")
def demo(locale: LocaleOption = None) -> None:
    """Create the database if needed, load the demo Turkestan–Bayingol forum and show it."""
    from keruen.db import migrate
    from keruen.db.session import make_engine
    from keruen.demo.loader import load_demo
    from keruen.events.queries import event_overview

    settings = get_settings()
    loc = locale or default_locale(settings)
    engine = make_engine(settings.database_url)
    migrate.upgrade(engine)
    engine.dispose()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("Loading the demo forum", total=None)

        def step(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        with db_session(settings) as session:
            summary = load_demo(session, progress=step)
            overview = event_overview(session, summary.event_slug, loc)
    _print_overview(overview, summary.created)


def _print_overview(o: object, created: int) -> None:
    from keruen.events.queries import EventOverview

    assert isinstance(o, EventOverview)
    console.print(f"[bold]{o.name}[/]  ({o.slug})", highlight=False)
    console.print(
        f"Time zone {o.timezone} ({o.utc_offset}); days: "
        + ", ".join(d.isoformat() for d in o.days),
        highlight=False,
    )
    console.print("Sides: " + "; ".join(f"{c} — {n}" for c, n in o.sides), highlight=False)
    console.print("Halls: " + ", ".join(f"{c} ({n} tables)" for c, n in o.halls), highlight=False)
    sessions = Table(title="Sessions (event time)", title_justify="left")
    for column in ("day", "kind", "from", "to", "slot", "slots", "hall"):
        sessions.add_column(column)
    for s in o.sessions:
        sessions.add_row(
            s.day.isoformat(),
            s.kind,
            s.local_start.strftime("%H:%M"),
            s.local_end.strftime("%H:%M"),
            f"{s.slot_minutes} min",
            str(s.slots),
            s.hall or "",
        )
    console.print(sessions)
    orgs = Table(title=f"Organizations ({len(o.organizations)})", title_justify="left")
    for column in ("side", "kind", "name", "identifier", "ISIC", "offers (HS)", "needs (HS)"):
        orgs.add_column(column, overflow="fold")
    for org in sorted(o.organizations, key=lambda x: (x.side or "", x.kind, x.name)):
        orgs.add_row(
            org.side or "",
            org.kind,
            org.name,
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
        "People: " + ", ".join(f"{n} {r}s" for r, n in sorted(roles.items())), highlight=False
    )
    interpreters = [p for p in o.people if p.role == "interpreter"]
    console.print(
        "Interpreters: " + "; ".join(f"{p.name} ({'–'.join(p.languages)})" for p in interpreters),
        highlight=False,
    )
    console.print(
        f"{created} new record(s) written this run (0 means the demo was already loaded).",
        highlight=False,
    )


if __name__ == "__main__":  # pragma: no cover
    app()
