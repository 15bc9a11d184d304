"""Test database: SQLite in a temporary file always; PostgreSQL when KERUEN_TEST_DATABASE_URL is
set. On PostgreSQL every run gets its own schema, dropped at the end, so runs never collide.
The schema is built by the real Alembic migrations; each test runs in a transaction that is
rolled back."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from keruen.config import Settings
from keruen.db import migrate
from keruen.db.session import make_engine
from keruen.reference import service as reference_service

PG_URL = os.environ.get("KERUEN_TEST_DATABASE_URL", "")


def pytest_configure(config: pytest.Config) -> None:
    """Caches (matching's text vectors) go to a folder of the run, not the user's ~/.cache;
    XDG_CACHE_HOME reaches the CLI's subprocesses too."""
    import tempfile

    folder = tempfile.mkdtemp(prefix="keruen-test-cache-")
    os.environ.setdefault("KERUEN_CACHE_DIR", folder)
    os.environ.setdefault("XDG_CACHE_HOME", folder)


#: the pure libraries: their tests need no database, so the PostgreSQL pass has nothing to add
PURE_LIBRARIES = ("tests/scheduling/", "tests/matching/")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test of a pure library that asks for no database is a unit test even when its module
    forgot the marker (it ran, unchanged, a second time in the PostgreSQL pass)."""
    for item in items:
        path = item.nodeid.replace("\\", "/")
        if (
            path.startswith(PURE_LIBRARIES)
            and "database_url" not in getattr(item, "fixturenames", ())
            and item.get_closest_marker("unit") is None
        ):
            item.add_marker(pytest.mark.unit)


def _engine_for(url: str, schema: str | None) -> Engine:
    if schema is None:
        return make_engine(url)
    from sqlalchemy import create_engine

    return create_engine(
        url, connect_args={"options": f"-csearch_path={schema}"}, pool_pre_ping=True
    )


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL tests (and the CLI in subprocesses) should use; schema already migrated."""
    if PG_URL:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        admin = make_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
        try:
            yield url
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    else:
        path: Path = tmp_path_factory.mktemp("db") / "keruen-test.sqlite3"
        yield f"sqlite:///{path}"


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    with Session(engine) as session:
        reference_service.sync_regions(session)
        session.commit()
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session whose every commit is a savepoint inside one transaction rolled back at the end."""
    connection = engine.connect()
    outer = connection.begin()
    session = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def is_postgres(database_url: str) -> bool:
    return database_url.startswith("postgresql")


@contextmanager
def own_database(data: Path, database_url: str, prefix: str) -> Iterator[Settings]:
    """Settings for an app (or worker) with a database of its own: a new SQLite file in `data`,
    or a new PostgreSQL schema (dropped afterwards) that the app migrates on first use, as in
    production. Jobs run at once."""
    from keruen import boundary

    schema = None
    if database_url.startswith("postgresql"):
        schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
        admin = make_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
        settings = Settings(data_dir=data, database_url=url, jobs_immediate=True)
    else:
        settings = Settings(data_dir=data, jobs_immediate=True)
    try:
        yield settings
    finally:
        boundary.dispose_engines()
        if schema is not None:
            admin = make_engine(PG_URL)
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
