"""What the concurrency suite shares: a database of its own, a small committed forum, two units
of work forced into one interleaving, the CLI in a subprocess, a full dump of every table, and
the rule that decides whether the answers people were given agree with what was stored.

Used by `tests/concurrency` (short, both databases) and `benchmarks/concurrency` (longer).
SQLite by default; PostgreSQL when KERUEN_TEST_DATABASE_URL is set (a schema of its own per
database, dropped at the end), as in `tests/conftest.py`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from gettext import NullTranslations
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, event, select, text
from sqlalchemy.orm import Session

from keruen import boundary
from keruen.config import Settings
from keruen.core.errors import KeruenError

PG_BASE = os.environ.get("KERUEN_TEST_DATABASE_URL", "")
ROOT = Path(__file__).resolve().parents[2]

# What a user must never read, whichever command they ran.
RAW_ERRORS = (
    "Traceback",
    "failed unexpectedly",
    "UniqueViolation",
    "IntegrityError",
    "OperationalError",
    "duplicate key",
    "UNIQUE constraint failed",
    "uq_schedule",
    "database is locked",
)


def pg_url(base: str, schema: str) -> str:
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"


@contextmanager
def fresh_database(folder: Path, base: str = PG_BASE) -> Iterator[str]:
    """The URL of an empty database nobody else uses: a SQLite file in `folder`, or a new
    PostgreSQL schema (dropped afterwards) when `base` is a PostgreSQL URL."""
    folder.mkdir(parents=True, exist_ok=True)
    if not base:
        try:
            yield f"sqlite:///{folder / 'keruen.sqlite3'}"
        finally:
            boundary.dispose_engines()
        return
    schema = f"cc_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield pg_url(base, schema)
    finally:
        boundary.dispose_engines()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def settings_for(url: str, folder: Path) -> Settings:
    return Settings(database_url=url, data_dir=folder)


def plain_engine(url: str) -> Engine:
    """An engine for looking only: no BEGIN IMMEDIATE, so it never waits for a writer."""
    return create_engine(url)


# --- a small committed forum -----------------------------------------------------------------


@dataclass
class Forum:
    event_id: int
    slug: str
    participants: list[int]
    emails: dict[int, str]
    quota: int


def build_forum(
    settings: Settings, *, slug: str = "race-forum", people: int = 8, quota: int = 20
) -> Forum:
    """A two-sided event with `people` participants, committed through the boundary."""
    from keruen.meetings import service
    from tests.factories import make_event

    with boundary.unit_of_work(settings) as session:
        event, parts = make_event(session, slug=slug, people=people)
        service.set_rules(session, event=event, request_quota=quota, request_ttl_hours=72)
        people_ids = [p.id for p in parts if p.role == "participant"]
        emails = {p.id: f"p{i}.{slug}@kz.example" for i, p in enumerate(parts)}
        return Forum(event.id, slug, people_ids, emails, quota)


# --- one unit of work and its answer ----------------------------------------------------------


@dataclass
class Outcome:
    """What the caller was told: a value, a refusal (kind and message), or a defect."""

    ok: bool
    value: Any = None
    kind: str = ""
    message: str = ""
    defect: str = ""

    def __str__(self) -> str:
        if self.ok:
            return f"ok {self.value!r}"
        return f"refused {self.kind}: {self.message}" if not self.defect else self.defect


def attempt(settings: Settings, work: Callable[[Session], Any]) -> Outcome:
    """Run `work` in its own unit of work, as a command or a request would."""
    try:
        with boundary.unit_of_work(settings) as session:
            value = work(session)
        return Outcome(True, value)
    except KeruenError as error:
        refusal = boundary.refusal(error, NullTranslations())
        return Outcome(False, kind=refusal.kind, message=refusal.message)
    except Exception as error:  # a raw driver error or a defect: the suite reports it
        return Outcome(False, defect=f"{type(error).__name__}: {error}")


_WRITES = ("INSERT", "UPDATE", "DELETE")


@dataclass
class Interleaving:
    first: Outcome
    second: Outcome
    first_paused: bool
    second_finished_while_first_paused: bool


def interleave(
    settings: Settings,
    first: Callable[[Session], Any],
    second: Callable[[Session], Any],
    *,
    grace: float = 1.0,
) -> Interleaving:
    """Force the interleaving that breaks a check-then-write: `first` runs in its own unit of
    work until it is about to send its first write (its reads and checks done, its locks
    taken); there it stops. `second` then runs in another thread and unit of work, with
    `grace` seconds to finish (it does when nothing holds it back); then `first` goes on.
    Correct code makes `second` wait for `first` (or refuses one of them); broken code lets
    `second` commit in between and `first` write over it."""
    engine = boundary.ensure_database(settings)
    paused, release = threading.Event(), threading.Event()
    results: dict[str, Outcome] = {}
    holder: dict[str, threading.Thread] = {}

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if (
            threading.current_thread() is holder.get("first")
            and not paused.is_set()
            and statement.lstrip().upper().startswith(_WRITES)
        ):
            paused.set()
            release.wait(120)

    def run(name: str, work: Callable[[Session], Any]) -> None:
        results[name] = attempt(settings, work)

    event.listen(engine, "before_cursor_execute", before)
    try:
        a = threading.Thread(target=run, args=("first", first), daemon=True)
        holder["first"] = a
        a.start()
        while not paused.wait(0.05):
            if not a.is_alive():
                break
        b = threading.Thread(target=run, args=("second", second), daemon=True)
        b.start()
        b.join(grace)
        finished_early = not b.is_alive()
        release.set()
        a.join(180)
        b.join(180)
    finally:
        release.set()
        event.remove(engine, "before_cursor_execute", before)
    assert "first" in results and "second" in results, "a unit of work never returned"
    return Interleaving(results["first"], results["second"], paused.is_set(), finished_early)


# --- the answers people were given against what was stored --------------------------------

TERMINAL = {"decline": "declined", "cancel": "cancelled", "veto": "vetoed", "expire": "expired"}
ACCEPTING = {"accept", "force"}


def history_violations(final: dict[int, str], told: dict[int, list[str]]) -> list[str]:
    """Decisions reported to callers (successful actions per request id) that the stored
    status contradicts: a request reported both accepted and declined, closed twice, or ending
    in another state than the last decision anyone was told about. Expiry found by a request's
    own housekeeping is not reported to anyone, so an unreported `expired` is allowed only
    where nobody was told of an acceptance."""
    problems = []
    for rid, acts in sorted(told.items()):
        status = final.get(rid)
        if status is None:
            problems.append(f"request {rid}: reported {acts} but not stored")
            continue
        closed = [a for a in acts if a in TERMINAL]
        if "accept" in acts and "decline" in acts:
            problems.append(f"request {rid}: reported both accepted and declined ({acts})")
        if len(closed) > 1:
            problems.append(f"request {rid}: closed twice ({acts}), ends {status}")
        if closed:
            if "decline" in closed and ACCEPTING & set(acts):
                problems.append(f"request {rid}: declined and accepted ({acts})")
            if "expire" in closed and ACCEPTING & set(acts):
                problems.append(f"request {rid}: reported accepted, then expired ({acts})")
            if status != TERMINAL[closed[-1]] and len(closed) == 1:
                problems.append(f"request {rid}: reported {closed[0]} but ends {status}")
        elif ACCEPTING & set(acts):
            if status != "accepted":
                problems.append(f"request {rid}: reported accepted but ends {status}")
        elif status not in ("pending", "expired"):
            problems.append(f"request {rid}: ends {status} though nobody was told so ({acts})")
    return problems


def request_states(url: str, event_id: int | None = None) -> dict[int, str]:
    engine = plain_engine(url)
    try:
        with engine.connect() as conn:
            query = "SELECT id, status FROM meeting_request"
            if event_id is not None:
                query += f" WHERE event_id = {int(event_id)}"
            return {int(r[0]): str(r[1]) for r in conn.execute(text(query))}
    finally:
        engine.dispose()


# --- invariants in SQL ------------------------------------------------------------------------

INVARIANTS = {
    "more than one active request per pair": """
        SELECT event_id, pair_low, pair_high, COUNT(*) FROM meeting_request
        WHERE status IN ('pending', 'accepted')
        GROUP BY event_id, pair_low, pair_high HAVING COUNT(*) > 1""",
    "participant over quota with own requests": """
        SELECT r.requester_id, COUNT(*), MAX(COALESCE(q.request_quota, 20))
        FROM meeting_request r LEFT JOIN event_meeting_rules q ON q.event_id = r.event_id
        WHERE r.status IN ('pending', 'accepted') AND NOT r.by_organizer
        GROUP BY r.requester_id HAVING COUNT(*) > MAX(COALESCE(q.request_quota, 20))""",
    "someone seated twice in a slot": """
        SELECT a.schedule_id, p.pid, a.id, b.id FROM scheduled_meeting a
        JOIN scheduled_meeting b ON b.schedule_id = a.schedule_id AND a.id < b.id
          AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
        JOIN (SELECT id AS mid, first_id AS pid FROM scheduled_meeting
              UNION ALL SELECT id, second_id FROM scheduled_meeting) p ON p.mid = a.id
        WHERE p.pid IN (b.first_id, b.second_id)""",
    "more than one published schedule": """
        SELECT event_id, COUNT(*) FROM schedule WHERE status = 'published'
        GROUP BY event_id HAVING COUNT(*) > 1""",
    "schedule versions not 1..n": """
        SELECT event_id, COUNT(*), MAX(version) FROM schedule
        GROUP BY event_id HAVING COUNT(*) <> MAX(version)""",
}


def invariant_violations(url: str) -> list[str]:
    engine = plain_engine(url)
    try:
        with engine.connect() as conn:
            found = []
            for name, query in INVARIANTS.items():
                rows = conn.execute(text(query)).all()
                found.extend(f"{name}: {tuple(r)}" for r in rows)
            return found
    finally:
        engine.dispose()


# --- a full dump ----------------------------------------------------------------------------


def dump(url: str) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table (reflected, so nothing is left out), as text, in key order."""
    engine = plain_engine(url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        out: dict[str, list[tuple[str, ...]]] = {}
        with engine.connect() as conn:
            for table in metadata.sorted_tables:
                order = list(table.primary_key.columns) or list(table.columns)
                rows = conn.execute(select(table).order_by(*order)).all()
                out[table.name] = [tuple(repr(v) for v in row) for row in rows]
        return out
    finally:
        engine.dispose()


def changed_tables(before: dict[str, list[Any]], after: dict[str, list[Any]]) -> set[str]:
    return {t for t in set(before) | set(after) if before.get(t) != after.get(t)}


# --- the CLI in a process of its own ----------------------------------------------------------


def cli_env(url: str, folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KERUEN_")}
    env.update(
        {
            "KERUEN_DATA_DIR": str(folder),
            "KERUEN_DATABASE_URL": url,
            "COLUMNS": "200",
            "LANG": "C.UTF-8",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "keruen.cli.main", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@dataclass
class Ran:
    args: list[str]
    code: int
    out: str
    err: str = field(repr=False)

    @property
    def text(self) -> str:
        return self.out + self.err

    def raw_errors(self, allow: tuple[str, ...] = ()) -> list[str]:
        return [m for m in RAW_ERRORS if m in self.text and m not in allow]


def finish(process: subprocess.Popen[str], args: list[str], timeout: float = 300) -> Ran:
    out, err = process.communicate(timeout=timeout)
    return Ran(args, process.returncode, out, err)


def run_cli(args: list[str], env: dict[str, str], timeout: float = 300) -> Ran:
    return finish(spawn(args, env), args, timeout)


def run_together(commands: list[list[str]], env: dict[str, str]) -> list[Ran]:
    """Start every command at once and wait for all of them."""
    processes = [spawn(args, env) for args in commands]
    return [finish(p, args) for p, args in zip(processes, commands, strict=True)]
