"""Named locks across processes for work that must not run twice at once (a plan of one event,
a migration). PostgreSQL: a session-level advisory lock on a connection of its own; SQLite: an
exclusive `flock` on a file beside the database. Both are released by the operating system or
the server when the process dies, so a kill -9 never leaves a lock behind."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from sqlalchemy import Engine, text


class LockBusy(Exception):
    """Someone else holds the lock."""


def _key(name: str) -> int:
    # A signed 64-bit key for pg_try_advisory_lock; crc32 keeps it stable across processes.
    return zlib.crc32(name.encode()) - 2**31


def _lock_path(engine: Engine, name: str) -> Path:
    database = engine.url.database or ""
    base = Path(database) if database and database != ":memory:" else Path("/tmp/keruen")  # noqa: S108
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
    return base.with_name(f"{base.name}.{safe}.lock")


@contextmanager
def _held(engine: Engine, name: str, *, wait: bool) -> Iterator[None]:
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            key = {"k": _key(name)}
            if wait:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), key)
            elif not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), key).scalar():
                raise LockBusy(name)
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), key)
        return
    import fcntl

    path = _lock_path(engine, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise LockBusy(name) from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def exclusive(engine: Engine, name: str) -> AbstractContextManager[None]:
    """Hold the lock `name` for the block, or raise LockBusy at once if another process has it."""
    return _held(engine, name, wait=False)


def waiting(engine: Engine, name: str) -> AbstractContextManager[None]:
    """Hold the lock `name` for the block, waiting for another holder to finish first."""
    return _held(engine, name, wait=True)
