"""What every command shares: settings, a database session per command, error output."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

import keruen.models  # noqa: F401  (every table known before the first query)
from keruen.config import Settings, get_settings
from keruen.core.errors import DomainError, InputRejected
from keruen.db.session import make_engine, make_sessionmaker, transaction
from keruen.i18n import get_translations, normalize_locale

console = Console()
err_console = Console(stderr=True)

EXIT_BAD_INPUT = 2


def default_locale(settings: Settings | None = None) -> str:
    import os

    for name in ("KERUEN_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value and not value.startswith(("C", "POSIX")):
            return normalize_locale(value)
    return normalize_locale((settings or get_settings()).default_locale)


@contextmanager
def db_session(settings: Settings | None = None) -> Iterator[Session]:
    """One transaction for the command: committed at the end, rolled back on any error."""
    settings = settings or get_settings()
    engine = make_engine(settings.database_url, echo=settings.echo_sql)
    try:
        with transaction(make_sessionmaker(engine)) as session:
            yield session
    finally:
        engine.dispose()


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def report_rejected(error: InputRejected, locale: str) -> typer.Exit:
    t = get_translations(locale)
    table = Table(
        title=t.gettext("Nothing was written. Problems found:"),
        title_justify="left",
        show_lines=False,
    )
    for column in (t.gettext("sheet"), t.gettext("row"), t.gettext("column"), t.gettext("problem")):
        table.add_column(column, overflow="fold")
    for problem in error.problems:
        table.add_row(
            problem.sheet or "", str(problem.row or ""), problem.column or "", problem.render(t)
        )
    err_console.print(table)
    return typer.Exit(EXIT_BAD_INPUT)


def report_domain_error(error: DomainError, locale: str) -> typer.Exit:
    return fail(error.render(get_translations(locale)))


def is_tty() -> bool:
    return sys.stderr.isatty()
