"""The one boundary under every interface: CLI commands now, web requests and jobs later.

`unit_of_work(settings)` opens the database (creating and migrating it on first use), runs the
caller's work in one transaction, commits on success and rolls back on any error. Errors that a
user can cause or meet (a refused rule, a missing thing, a database that does not answer, a
busy or out-of-date database, a row changed meanwhile) come out as `KeruenError`s with a
translatable message; `refusal(error, translations)` turns any of them into what an interface
shows: a kind (for the exit code or the HTTP status) and a message in the reader's language.
Written once here, never per command (pretix maps its `OrderError` in one place).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from gettext import NullTranslations
from typing import TypeVar

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

import keruen.models  # noqa: F401  (every table known before the first query)
from keruen.config import Settings
from keruen.core.errors import Conflict, DomainError, InputRejected, KeruenError
from keruen.core.i18n_markers import N_
from keruen.db import locks, migrate
from keruen.db.session import make_engine, make_sessionmaker, transaction

T = TypeVar("T")


class DatabaseUnavailable(DomainError):
    """The database cannot be reached, opened or used right now."""

    code = "database_unavailable"


class DatabaseBusy(DomainError):
    """Another writer held the database longer than we wait."""

    code = "database_busy"


_engines: dict[str, Engine] = {}
_ready: set[str] = set()
_lock = threading.Lock()


def engine_for(settings: Settings) -> Engine:
    """One engine (and pool) per database URL for the whole process."""
    with _lock:
        engine = _engines.get(settings.database_url)
        if engine is None:
            engine = make_engine(settings.database_url, echo=settings.echo_sql)
            _engines[settings.database_url] = engine
        return engine


def dispose_engines() -> None:
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _ready.clear()


def database_error(error: DBAPIError, settings: Settings) -> DomainError:
    """A database driver's error as a message a user can act on (no password shown)."""
    text = str(getattr(error, "orig", error) or error).strip().splitlines()[0][:300]
    url = settings.safe_database_url
    if isinstance(error, IntegrityError):
        return Conflict(
            N_(
                "the change conflicts with data stored meanwhile, so nothing was written; "
                "try again (%(detail)s)"
            ),
            detail=text,
        )
    lowered = text.lower()
    if "nul (0x00)" in lowered or "null character" in lowered:
        # PostgreSQL refuses a NUL in text (SQLite stores it): the input is wrong, not the server
        return DomainError(N_("the text contains a NUL character; nothing was written"))
    if "out of range" in lowered:
        return DomainError(N_("a number is too large to store; nothing was written"))
    if "locked" in lowered or "busy" in lowered:
        return DatabaseBusy(
            N_("the database is busy with another writer; nothing was written, try again")
        )
    if isinstance(error, OperationalError) and (
        "unable to open" in lowered or "readonly" in lowered or "read-only" in lowered
    ):
        return DatabaseUnavailable(
            N_("cannot open the database %(url)s: %(reason)s"), url=url, reason=text
        )
    if isinstance(error, OperationalError):
        return DatabaseUnavailable(
            N_("the database %(url)s does not answer: %(reason)s"), url=url, reason=text
        )
    return DatabaseUnavailable(
        N_("the database %(url)s refused the command: %(reason)s"), url=url, reason=text
    )


def ensure_database(settings: Settings) -> Engine:
    """The engine, with the schema created on first use and checked to be at head."""
    engine = engine_for(settings)
    if settings.database_url in _ready:
        return engine
    try:
        current = migrate.current(engine)
        if current is None and not inspect(engine).has_table("organization"):
            create_database(engine)
        elif current != migrate.head():
            raise DatabaseUnavailable(
                N_(
                    "the database %(url)s is at schema %(current)s but this keruen needs "
                    "%(head)s: run `keruen db upgrade`"
                ),
                url=settings.safe_database_url,
                current=current or "?",
                head=migrate.head(),
            )
    except DBAPIError as error:
        raise database_error(error, settings) from error
    _ready.add(settings.database_url)
    return engine


def create_database(engine: Engine, revision: str = "head") -> None:
    """Migrate and load the regions, one process at a time: a second one waits, then finds the
    work done."""
    from keruen.reference import service as reference_service

    with locks.waiting(engine, "keruen-migrate"):
        migrate.upgrade(engine, revision)
        if revision == "head":
            with transaction(make_sessionmaker(engine)) as session:
                reference_service.sync_regions(session)


@contextmanager
def unit_of_work(settings: Settings, *, read_only: bool = False) -> Iterator[Session]:
    """One transaction for one command, request or job: commit on success, else roll back.

    Writers take SQLite's write lock when they begin; `read_only` work does not, so listing and
    showing never wait for (or hold up) a writer. On PostgreSQL both are plain transactions."""
    engine = ensure_database(settings)
    if read_only:
        engine = engine.execution_options(sqlite_read_only=True)  # type: ignore[assignment]
    try:
        with transaction(make_sessionmaker(engine)) as session:
            yield session
    except DBAPIError as error:
        raise database_error(error, settings) from error


@contextmanager
def exclusive(settings: Settings, name: str, busy: DomainError) -> Iterator[None]:
    """Run the block while holding the named cross-process lock; `busy` is raised at once when
    another process holds it (a second plan of the same event, say)."""
    engine = ensure_database(settings)
    with ExitStack() as stack:
        try:
            stack.enter_context(locks.exclusive(engine, name))
        except locks.LockBusy:
            raise busy from None
        except DBAPIError as error:
            raise database_error(error, settings) from error
        yield


def check_connection(settings: Settings) -> None:
    """Fail now, not after a long solve, when the database has gone away."""
    engine = ensure_database(settings)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except DBAPIError as error:
        raise database_error(error, settings) from error


def retrying(
    settings: Settings,
    work: Callable[[Session], T],
    *,
    attempts: int = 3,
    optimistic: bool = False,
) -> T:
    """Run idempotent `work` in a unit of work, again from the start when a concurrent writer
    stored a conflicting row first (an import that finds, on its second run, the organizations
    the other import created, and updates or leaves them).

    `optimistic` (long work that reads much before it writes, like an import): on SQLite the
    transaction begins without the write lock, so other writers go on while the rows are
    checked; the lock is taken at the first write, and if someone wrote meanwhile SQLite refuses
    the upgrade at once and the work runs again on fresh data. The last attempt takes the lock
    from the start, so steady small writes cannot starve the work. PostgreSQL is unchanged."""
    for attempt in range(1, attempts + 1):
        try:
            deferred = optimistic and attempt < attempts
            with unit_of_work(settings, read_only=deferred) as session:
                return work(session)
        except (Conflict, DatabaseBusy) as error:
            lost_race = isinstance(error, DatabaseBusy) or isinstance(
                error.__cause__, IntegrityError
            )
            if attempt == attempts or not lost_race:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class Refusal:
    """What an interface shows for a refused action."""

    kind: str  # not_found, conflict, permission_denied, rejected, unavailable, busy, domain_error
    message: str
    http_status: int


_HTTP = {
    "not_found": 404,
    "conflict": 409,
    "permission_denied": 403,
    "rejected": 422,
    "database_unavailable": 503,
    "database_busy": 503,
    "domain_error": 422,
}


def refusal(error: KeruenError, translations: NullTranslations) -> Refusal:
    """Any error of ours as a kind, an HTTP status and a message in the reader's language."""
    if isinstance(error, InputRejected):
        first = error.problems[0].render(translations) if error.problems else ""
        return Refusal("rejected", first, 422)
    if isinstance(error, DomainError):
        kind = error.code
        return Refusal(kind, error.render(translations), _HTTP.get(kind, 422))
    return Refusal("domain_error", str(error), 422)
