"""keruen: cross-border business matchmaking. Run `keruen --help`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

# keruen.cli.common sets the reader's language when it is imported, before any help text below
from keruen.cli.common import (
    Fmt,
    FormatOption,
    LocaleOption,
    OutputOption,
    _,
    console,
    emit,
    err_console,
    fail,
    guarded,
    ngettext,
    report,
    unit,
    use_locale,
)
from keruen.config import get_settings
from keruen.core.errors import KeruenError
from keruen.core.i18n_markers import N_
from keruen.exports.tabular import Column, Listing

app = typer.Typer(
    name="keruen",
    help=_(
        "keruen — cross-border business matchmaking: events, directory, matching, requests, "
        "schedules and agendas."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,  # its two options speak English only (typer writes them)
)


@app.callback()
def _everywhere(locale: LocaleOption = None) -> None:
    """`keruen --locale ru event list` as well as `keruen event list --locale ru`."""
    if locale:
        use_locale(locale)


db_app = typer.Typer(help=_("Database: create and migrate the schema."), no_args_is_help=True)
template_app = typer.Typer(help=_("Download import templates."), no_args_is_help=True)
import_app = typer.Typer(
    help=_("Import organizations, delegates and profiles (XLSX or CSV)."), no_args_is_help=True
)
reference_app = typer.Typer(help=_("Look up HS 2022 and ISIC Rev.4 codes."), no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(template_app, name="template")
app.add_typer(import_app, name="import")
app.add_typer(reference_app, name="reference")

from keruen.cli import accounts as accounts_cli  # noqa: E402

app.add_typer(accounts_cli.account_app, name="account")
app.command("link", help=_("Print a personal sign-in link for a person or an account."))(
    accounts_cli.link
)

from keruen.cli import directory as directory_cli  # noqa: E402
from keruen.cli import events as events_cli  # noqa: E402
from keruen.cli import meetings as meetings_cli  # noqa: E402
from keruen.cli.schedule import app as schedule_app  # noqa: E402

app.add_typer(events_cli.event_app, name="event")
app.add_typer(directory_cli.directory_app, name="directory")
app.add_typer(meetings_cli.requests_app, name="requests")
app.add_typer(meetings_cli.match_app, name="match")
app.command("plan", help=_("Plan the event's accepted meetings into a new draft schedule."))(
    meetings_cli.plan
)
app.command("publish", help=_("Make a draft schedule version the event's current one."))(
    meetings_cli.publish
)
schedule_app.command(
    "show",
    help=_(
        "Show a schedule version: every meeting, the slot × table grid, one participant's "
        "agenda, one interpreter's roster or one table's sheet."
    ),
)(meetings_cli.show_schedule)
app.add_typer(schedule_app, name="schedule")
from keruen.cli import outcomes as outcomes_cli  # noqa: E402

app.command("survey", help=_("Send the outcome survey: a personal link to each participant."))(
    outcomes_cli.survey
)
from keruen.cli import reports as reports_cli  # noqa: E402

app.command("report", help=_("Write the leadership report (PDF or Excel)."))(reports_cli.report)


@app.command("serve", help=_("Serve the web application (pages and the REST API)."))
def serve(
    host: Annotated[str, typer.Option(help=_("Address to listen on"))] = "127.0.0.1",
    port: Annotated[int, typer.Option(help=_("Port to listen on"))] = 8000,
    worker: Annotated[
        bool, typer.Option("--worker/--no-worker", help=_("Also run a job worker beside it"))
    ] = False,
    processes: Annotated[
        int, typer.Option("--processes", help=_("App processes (production: one per core)"))
    ] = 1,
) -> None:
    import uvicorn

    from keruen import boundary
    from keruen.logs import configure_logging

    configure_logging()
    settings = get_settings()
    boundary.ensure_database(settings)
    child = None
    if worker:
        child = subprocess.Popen(
            [sys.executable, "-m", "keruen", "worker"], preexec_fn=_die_with_parent
        )
    console.print(
        _("keruen is at http://%(host)s:%(port)s (Ctrl-C stops it)") % {"host": host, "port": port}
    )
    try:
        uvicorn.run(
            "keruen.web.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=processes,
            proxy_headers=True,
            log_config=None,
            access_log=False,
        )
    finally:
        if child is not None:
            _stop(child)
    console.print(_("stopped"))


def _die_with_parent() -> None:
    """In the worker child (Linux): stop when the app process dies, however it dies (uvicorn
    re-raises SIGTERM after its shutdown, so the app's own clean-up may never run)."""
    import contextlib
    import ctypes
    import signal

    # Not Linux (no libc.so.6): the app's clean-up below still stops the worker on Ctrl-C.
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGINT)  # PR_SET_PDEATHSIG


def _stop(child: subprocess.Popen[bytes]) -> None:
    """Ask the worker to finish its job (SIGINT), then stop it."""
    import signal

    if child.poll() is None:
        child.send_signal(signal.SIGINT)
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


@app.command("worker", help=_("Run a job worker: plans, large imports, documents, e-mail."))
def worker_cmd(
    workers: Annotated[int, typer.Option(help=_("Jobs run at the same time"))] = 1,
) -> None:
    from keruen import boundary
    from keruen.jobs.queue import run_worker
    from keruen.logs import configure_logging

    configure_logging()
    settings = get_settings()
    boundary.ensure_database(settings)
    run_worker(settings, workers=workers)


@app.command(
    "remind",
    help=_(
        "Mail tomorrow's reminders: everyone whose next meeting starts within 24 hours; after "
        "the event, the outcome survey round that is due (run it once a day, e.g. from cron)."
    ),
)
def remind(
    event: Annotated[str, typer.Option("--event", "-e", help=_("Event slug"))],
    locale: LocaleOption = None,
) -> None:
    from keruen.jobs import notify

    use_locale(locale)
    try:
        done = notify.remind(get_settings(), event)
    except KeruenError as error:
        raise report(error) from None
    console.print(_("reminders sent: %(count)s") % {"count": done["sent"]})
    if done["survey_round"]:
        console.print(
            _("outcome survey, round %(round)s: %(count)s sent")
            % {"round": done["survey_round"], "count": done["surveys"]}
        )


@app.command("info", help=_("Show which database and data directory keruen uses."))
def info() -> None:
    from keruen import boundary
    from keruen.db import migrate

    settings = get_settings()
    console.print(_("data directory: %(path)s") % {"path": settings.data_dir})
    console.print(_("database: %(url)s") % {"url": settings.safe_database_url})
    try:
        engine = boundary.engine_for(settings)
        revision = migrate.current(engine)
    except Exception as error:
        from sqlalchemy.exc import DBAPIError

        if isinstance(error, DBAPIError):
            raise report(boundary.database_error(error, settings)) from None
        raise
    console.print(
        _("schema: %(revision)s (this keruen needs %(head)s)")
        % {"revision": revision or _("empty, created on first use"), "head": migrate.head()}
    )


@db_app.command("upgrade", help=_("Create or migrate the database schema and load the regions."))
def db_upgrade(
    revision: Annotated[
        str, typer.Argument(metavar=_("REVISION"), help=_("Target revision"))
    ] = "head",
) -> None:
    from alembic.util import CommandError
    from sqlalchemy.exc import DBAPIError

    from keruen import boundary
    from keruen.db import migrate

    settings = get_settings()
    try:
        engine = boundary.engine_for(settings)
        boundary.create_database(engine, revision)
        now = migrate.current(engine)  # "upgrade base" on a newer schema leaves it as it is
    except DBAPIError as error:
        raise report(boundary.database_error(error, settings)) from None
    except CommandError:
        raise _unknown_revision(revision) from None
    console.print(
        _("schema: %(revision)s (this keruen needs %(head)s)")
        % {"revision": now or _("empty, created on first use"), "head": migrate.head()}
    )
    console.print(_("database: %(url)s") % {"url": settings.safe_database_url})


@db_app.command("downgrade", help=_("Migrate the schema down to a revision (`base` drops all)."))
def db_downgrade(
    revision: Annotated[
        str, typer.Argument(metavar=_("REVISION"), help=_("Target revision, e.g. base"))
    ],
) -> None:
    from alembic.util import CommandError
    from sqlalchemy.exc import DBAPIError

    from keruen import boundary
    from keruen.db import migrate

    settings = get_settings()
    try:
        migrate.downgrade(boundary.engine_for(settings), revision)
    except DBAPIError as error:
        raise report(boundary.database_error(error, settings)) from None
    except CommandError:
        raise _unknown_revision(revision) from None
    console.print(_("Schema at %(revision)s.") % {"revision": revision})


def _unknown_revision(revision: str) -> typer.Exit:
    """A revision alembic does not know (a typo, or one from a newer keruen): nothing was
    migrated; the newest this keruen knows, and `base`, are named."""
    from keruen.db import migrate

    return fail(
        _("no schema revision %(revision)s: this keruen knows up to %(head)s (and base, empty)")
        % {"revision": revision, "head": migrate.head()}
    )


@db_app.command("current", help=_("Print the schema revision of the database."))
def db_current() -> None:
    info()


@template_app.command(
    "organizations", help=_("Write the XLSX template for organizations, delegates and profiles.")
)
def template_organizations(
    output: Annotated[Path, typer.Option("--output", "-o", help=_("Where to write the .xlsx"))],
    locale: LocaleOption = None,
) -> None:
    from keruen.cli.common import write_file
    from keruen.imports.template import build_template

    loc = use_locale(locale)
    if output.suffix.lower() != ".xlsx":
        raise fail(
            _("the template is an Excel workbook: name it *.xlsx, not %(name)s")
            % {"name": output.name}
        )
    write_file(output, build_template(loc))


def _import(kind: str, path: Path, event: str | None, allow_similar_names: bool) -> None:
    from keruen import boundary
    from keruen.imports.directory import import_directory

    settings = get_settings()
    try:
        result = boundary.retrying(
            settings,
            lambda session: import_directory(
                session,
                path,
                csv_kind=kind,
                event_slug=event,
                allow_similar_names=allow_similar_names,
                max_bytes=settings.import_max_bytes,
                max_rows=settings.import_max_rows,
            ),
            optimistic=True,
        )
    except KeruenError as error:
        raise report(error) from None
    table = Table(title=escape(_("Imported %(name)s") % {"name": path.name}), title_justify="left")
    for column in ("", _("created"), _("updated"), _("unchanged")):
        table.add_column(column)
    o, d = result.organizations, result.delegates
    table.add_row(_("organizations"), str(o.created), str(o.updated), str(o.unchanged))
    table.add_row(_("delegates"), str(d.created), str(d.updated), str(d.unchanged))
    console.print(table)
    if result.profiles_replaced:
        console.print(
            ngettext(
                "cooperation profiles replaced for %(count)s organization",
                "cooperation profiles replaced for %(count)s organizations",
                result.profiles_replaced,
            )
            % {"count": result.profiles_replaced}
        )
    if event:
        console.print(
            ngettext(
                "%(count)s participation in %(event)s",
                "%(count)s participations in %(event)s",
                result.participations,
            )
            % {"count": result.participations, "event": event}
        )
    from keruen.i18n import current_locale, get_translations
    from keruen.imports.report import REPORT_TITLE, report_rows

    rows = report_rows(result, get_translations(current_locale()))
    if rows:
        notes = Table(title=escape(_(REPORT_TITLE)), title_justify="left")
        for column in (_("sheet"), _("row"), _("column"), _("what")):
            notes.add_column(column, overflow="fold")
        for row in rows:
            notes.add_row(escape(row.sheet), row.row, escape(row.column), escape(row.message))
        console.print(notes)
    if not result.changed_anything:
        console.print(_("Nothing changed: the directory already matched the file."))


def _import_command(kind: str, help_text: str) -> None:
    def command(
        file: Annotated[
            Path, typer.Argument(metavar=_("FILE"), help=_(".xlsx or .csv (UTF-8 or Windows-1251)"))
        ],
        event: Annotated[
            str | None, typer.Option(help=_("Register delegates for this event"))
        ] = None,
        locale: LocaleOption = None,
        allow_similar_names: Annotated[
            bool,
            typer.Option(
                help=_("Import even when a new organization's name looks like an existing one")
            ),
        ] = False,
    ) -> None:
        use_locale(locale)
        _import(kind, file, event, allow_similar_names)

    import_app.command(kind, help=help_text)(command)


_import_command(
    "organizations",
    _(
        "Import organizations from FILE; an XLSX workbook may hold all three sheets. All or "
        "nothing: any invalid row and nothing is written."
    ),
)
_import_command("delegates", _("Import delegates from FILE (all or nothing)."))
_import_command("profiles", _("Import cooperation profiles from FILE (all or nothing)."))


@reference_app.command("hs", help=_("Find HS 2022 codes by code or words in any language."))
def reference_hs(
    query: Annotated[
        str, typer.Argument(metavar=_("QUERY"), help=_("A code or words in any language"))
    ],
    locale: LocaleOption = None,
    limit: Annotated[int, typer.Option(help=_("At most this many"))] = 20,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
) -> None:
    _reference("hs", query, locale, limit, fmt, output)


@reference_app.command("isic", help=_("Find ISIC Rev.4 activities by code or words."))
def reference_isic(
    query: Annotated[
        str, typer.Argument(metavar=_("QUERY"), help=_("A code or words in any language"))
    ],
    locale: LocaleOption = None,
    limit: Annotated[int, typer.Option(help=_("At most this many"))] = 20,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
) -> None:
    _reference("isic", query, locale, limit, fmt, output)


_LEVELS = {
    "section": N_("section"),
    "chapter": N_("chapter"),
    "heading": N_("heading"),
    "subheading": N_("subheading"),
    "division": N_("division"),
    "group": N_("group"),
    "class": N_("class"),
}


def _reference(
    system: str, query: str, locale: str | None, limit: int, fmt: Fmt, output: Path | None
) -> None:
    from keruen.reference import taxonomy

    loc = use_locale(locale)
    hits = taxonomy.taxonomy(system).search(query, limit=limit)
    if not hits:
        raise fail(
            _("no %(system)s code matches %(query)s")
            % {"system": system.upper(), "query": repr(query)}
        )
    columns = [
        Column("code", _("code")),
        Column("level", _("level")),
        Column("title", _("title (%(language)s)") % {"language": loc}),
    ]
    if loc != "en":
        columns.append(Column("title_en", _("title (%(language)s)") % {"language": "en"}))
    listing = Listing(query, columns, sheet=system.upper())
    for entry in hits:
        level = entry.level if fmt == Fmt.json else _(_LEVELS.get(entry.level, entry.level))
        row = [entry.display_code, level, entry.title(loc)]
        if loc != "en":
            row.append(entry.title("en"))
        listing.add(*row)
    emit(listing, fmt, output)


@app.command("demo", help=_("Create the database if needed, load the demo forum and show it."))
def demo(
    serve_too: Annotated[
        bool,
        typer.Option(
            "--serve/--no-serve",
            help=_("Then start the web application and a job worker, and print sign-in links"),
        ),
    ] = False,
    host: Annotated[str, typer.Option(help=_("Address to listen on"))] = "127.0.0.1",
    port: Annotated[int, typer.Option(help=_("Port to listen on"))] = 8000,
    locale: LocaleOption = None,
) -> None:
    from keruen.demo.loader import load_demo
    from keruen.demo.results import load_results
    from keruen.events.queries import event_overview

    loc = use_locale(locale)
    settings = get_settings()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task(_("Loading the demo forum"), total=None)

        def step(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        with unit(settings) as session:
            summary = load_demo(session, progress=step)
            progress.update(
                task,
                description=_("Loading last year's forum, its outcomes, projects and exhibition"),
                completed=0,
                total=None,
            )
            results = load_results(session)
            overview = event_overview(session, summary.event_slug, loc)
    events_cli.print_overview(overview)
    console.print(
        ngettext(
            "%(count)s new record written this run (0 means the demo was already loaded).",
            "%(count)s new records written this run (0 means the demo was already loaded).",
            summary.created,
        )
        % {"count": summary.created}
    )
    console.print(
        _(
            "Also loaded: the past forum %(slug)s with its meetings and outcomes, "
            "%(projects)s investment projects on %(sites)s sites, %(products)s exhibited products."
        )
        % {
            "slug": results.past_forum,
            "projects": results.projects,
            "sites": results.sites,
            "products": results.products,
        }
    )
    console.print(_("database: %(url)s") % {"url": settings.safe_database_url})
    if serve_too:
        _serve_demo(summary.event_slug, host, port)


def _serve_demo(slug: str, host: str, port: int) -> None:
    """The main job: the demo forum in a browser, with a worker for long jobs, until Ctrl-C."""
    import os

    from keruen.cli.accounts import demo_sign_ins

    public = f"http://{host}:{port}"
    os.environ["KERUEN_PUBLIC_URL"] = public
    get_settings.cache_clear()
    console.print()
    console.print(_("Sign in (each link works once):"), style="bold")
    for who, role, url in demo_sign_ins(slug, public):
        console.print(f"  {escape(role)}: {escape(who)}")
        console.print(f"    {url}", soft_wrap=True, highlight=False)
    serve(host=host, port=port, worker=True)


def main() -> None:
    """The `keruen` command: whatever goes wrong that a user can cause ends in one line."""
    guarded(lambda: app(prog_name="keruen", standalone_mode=False))


if __name__ == "__main__":  # pragma: no cover
    main()
