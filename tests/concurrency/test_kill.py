"""kill -9 at random points of the commands that write much at once (issue 10): a full dump of
every table before and after must show either no change or the whole change, never a part.

Each test first runs the command to the end once (the whole change, and how long it takes),
then kills it a few times after a random delay within that time. The benchmark kills more.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from keruen import boundary
from keruen.config import Settings
from keruen.events.models import Event
from keruen.meetings import schedule_service, service
from tests.concurrency.harness import (
    build_forum,
    changed_tables,
    cli_env,
    dump,
    invariant_violations,
    plain_engine,
    run_cli,
    spawn,
)
from tests.factories import make_bin, org_row, write_csv

pytestmark = [pytest.mark.integration, pytest.mark.slow]

KILLS = int(os.environ.get("KERUEN_STRESS_KILLS", "2"))
Dump = dict[str, list[tuple[str, ...]]]


@dataclass
class KillReport:
    command: str
    kills: int = 0  # killed while running
    finished: int = 0  # ended before the kill came
    unchanged: int = 0
    whole: int = 0
    partial: list[str] = field(default_factory=list)


def kill_after(args: list[str], env: dict[str, str], delay: float) -> bool:
    """Run the command and SIGKILL it after `delay` s; True when it was still running."""
    process = spawn(args, env)
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        return True
    finally:
        process.communicate(timeout=60)


def trials(
    command: str,
    make_args: Callable[[int], list[str]],
    env: dict[str, str],
    url: str,
    *,
    seconds: float,
    whole: Callable[[Dump, Dump], str | None],
    restore: Callable[[], None] | None = None,
    kills: int = KILLS,
    seed: int = 0,
) -> KillReport:
    """`kills` runs of the command, each killed after a random delay in (0.3, 1.1) x `seconds`;
    `whole(before, after)` says what is wrong with a changed database (None: the whole change)."""
    rng = random.Random(seed)
    report = KillReport(command)
    for trial in range(kills):
        before = dump(url)
        killed = kill_after(make_args(trial), env, rng.uniform(0.3, 1.1) * seconds)
        after = dump(url)
        report.kills += killed
        report.finished += not killed
        if not changed_tables(before, after):
            report.unchanged += 1
        else:
            problem = whole(before, after)
            if problem is None:
                report.whole += 1
            else:
                report.partial.append(f"trial {trial} (killed={killed}): {problem}")
        report.partial += [f"trial {trial}: {v}" for v in invariant_violations(url)]
        if restore is not None:
            restore()
    return report


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.monotonic()
    ran = run_cli(args, env)
    assert ran.code == 0, ran.text[-2000:]
    return time.monotonic() - start


def _only(changed: set[str], allowed: set[str]) -> str | None:
    extra = changed - allowed
    return f"tables changed that this command does not write: {sorted(extra)}" if extra else None


def _column(dumped: Dump, url: str, table: str, column: str) -> list[str]:
    """One column of a dumped table, by name."""
    names = _columns(url, table)
    index = names.index(column)
    return [row[index] for row in dumped.get(table, [])]


_COLUMNS: dict[tuple[str, str], list[str]] = {}


def _columns(url: str, table: str) -> list[str]:
    key = (url, table)
    if key not in _COLUMNS:
        from sqlalchemy import MetaData

        engine = plain_engine(url)
        try:
            metadata = MetaData()
            metadata.reflect(engine, only=[table])
            _COLUMNS[key] = [c.name for c in metadata.tables[table].columns]
        finally:
            engine.dispose()
    return _COLUMNS[key]


def _last_unscheduled(url: str) -> list[Any]:
    engine = plain_engine(url)
    try:
        with engine.connect() as conn:
            value = conn.execute(
                text("SELECT unscheduled FROM schedule ORDER BY id DESC LIMIT 1")
            ).scalar()
    finally:
        engine.dispose()
    return list(json.loads(value) if isinstance(value, str) else value or [])


def _execute(url: str, *statements: str) -> None:
    engine = plain_engine(url)
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


# --- import organizations ---------------------------------------------------------------------

ROWS = 300


def _import_file(folder: Path, batch: int) -> Path:
    rows = [
        org_row(
            bin=make_bin(1_000 + batch * 1_000 + i * 3),
            name_ru=f"ТОО «Партия {batch}, поставщик {i}»",
            name_en=f"Batch {batch} Supplier {i} LLP",
        )
        for i in range(ROWS)
    ]
    return write_csv(folder / f"organizations-{batch}.csv", "organizations", rows)


def import_kills(settings: Settings, db_url: str, tmp_path: Path, kills: int) -> KillReport:
    boundary.ensure_database(settings)
    env = cli_env(db_url, tmp_path / "data")

    def args(batch: int) -> list[str]:
        path = _import_file(tmp_path, batch)
        return ["import", "organizations", str(path), "--allow-similar-names"]

    seconds = timed(args(kills), env)  # the whole change, once, with a batch of its own

    def whole(before: Dump, after: Dump) -> str | None:
        added = len(after["organization"]) - len(before["organization"])
        if added != ROWS:
            return f"{added} of {ROWS} organizations written"
        return _only(
            changed_tables(before, after),
            {"organization", "organization_activity", "organization_product"},
        )

    return trials(
        "import organizations", args, env, db_url, seconds=seconds, whole=whole, kills=kills
    )


def test_a_killed_import_writes_all_of_its_organizations_or_none(
    settings: Settings, db_url: str, tmp_path: Path
) -> None:
    report = import_kills(settings, db_url, tmp_path, KILLS)

    assert report.partial == [], report
    assert report.kills + report.finished == KILLS


# --- plan -------------------------------------------------------------------------------------


def _meetings(settings: Settings, event_id: int, people: list[int], pairs: int) -> int:
    with boundary.unit_of_work(settings) as session:
        event = session.get(Event, event_id)
        assert event is not None
        for i in range(pairs):
            service.force_meeting(
                session, event=event, first_id=people[2 * i], second_id=people[2 * i + 1]
            )
    return pairs


def plan_kills(settings: Settings, db_url: str, tmp_path: Path, kills: int) -> KillReport:
    forum = build_forum(settings, slug="killed-plan", people=10)
    accepted = _meetings(settings, forum.event_id, forum.participants, 5)
    env = cli_env(db_url, tmp_path / "data")
    args = ["plan", "-e", forum.slug, "--seconds", "2"]
    seconds = timed(args, env)
    reference = dump(db_url)
    seats_per_version = len(reference["scheduled_seat"])

    def whole(before: Dump, after: Dump) -> str | None:
        new = len(after["schedule"]) - len(before["schedule"])
        if new != 1:
            return f"{new} schedule rows added"
        unscheduled = _last_unscheduled(db_url)
        meetings = len(after["scheduled_meeting"]) - len(before["scheduled_meeting"])
        seats = len(after["scheduled_seat"]) - len(before["scheduled_seat"])
        if meetings + len(unscheduled) != accepted:
            return f"{meetings} meetings + {len(unscheduled)} unscheduled of {accepted}"
        if meetings == accepted and seats != seats_per_version:
            return f"{seats} seats stored, a whole version has {seats_per_version}"
        return _only(
            changed_tables(before, after), {"schedule", "scheduled_meeting", "scheduled_seat"}
        )

    return trials(
        "plan", lambda _t: args, env, db_url, seconds=seconds, whole=whole, seed=1, kills=kills
    )


def test_a_killed_plan_stores_a_whole_version_or_nothing(
    settings: Settings, db_url: str, tmp_path: Path
) -> None:
    report = plan_kills(settings, db_url, tmp_path, KILLS)

    assert report.partial == [], report


# --- publish ----------------------------------------------------------------------------------


def publish_kills(settings: Settings, db_url: str, tmp_path: Path, kills: int) -> KillReport:
    forum = build_forum(settings, slug="killed-publish", people=8)
    _meetings(settings, forum.event_id, forum.participants, 3)
    for _ in range(kills + 1):
        with boundary.unit_of_work(settings) as session:
            event = session.get(Event, forum.event_id)
            assert event is not None
            schedule_service.plan_event(session, event=event, seconds=0.5, workers=1)
    env = cli_env(db_url, tmp_path / "data")
    seconds = timed(["publish", "-e", forum.slug, "1"], env)

    def states(dumped: Dump) -> dict[str, str]:
        return dict(
            zip(
                _column(dumped, db_url, "schedule", "version"),
                _column(dumped, db_url, "schedule", "status"),
                strict=True,
            )
        )

    def whole(before: Dump, after: Dump) -> str | None:
        old, new = states(before), states(after)
        flipped = {v for v in old if old[v] != new.get(v)}
        published = [v for v, s in new.items() if "published" in s]
        was = [v for v, s in old.items() if "published" in s]
        if len(published) != 1 or flipped != {published[0], *was}:
            return f"published before {was}, after {published}, changed {sorted(flipped)}"
        return _only(changed_tables(before, after), {"schedule"})

    return trials(
        "publish",
        lambda trial: ["publish", "-e", forum.slug, str(trial + 2)],
        env,
        db_url,
        seconds=seconds,
        whole=whole,
        seed=2,
        kills=kills,
    )


def test_a_killed_publish_switches_the_published_version_wholly_or_not_at_all(
    settings: Settings, db_url: str, tmp_path: Path
) -> None:
    report = publish_kills(settings, db_url, tmp_path, KILLS)

    assert report.partial == [], report


# --- requests from-suggestions ----------------------------------------------------------------


def suggestion_kills(settings: Settings, db_url: str, tmp_path: Path, kills: int) -> KillReport:
    from keruen.demo.loader import load_demo

    with boundary.unit_of_work(settings) as session:
        slug = load_demo(session).event_slug
    env = cli_env(db_url, tmp_path / "data")
    args = ["requests", "from-suggestions", "-e", slug, "--top", "3"]
    first = dump(db_url)
    seconds = timed(args, env)
    sent = len(dump(db_url)["meeting_request"]) - len(first["meeting_request"])
    assert sent > 10
    last_id = max((int(r[0]) for r in first["meeting_request"]), default=0)

    def restore() -> None:
        _execute(db_url, f"DELETE FROM meeting_request WHERE id > {last_id}")

    restore()

    def whole(before: Dump, after: Dump) -> str | None:
        added = len(after["meeting_request"]) - len(before["meeting_request"])
        if added != sent:
            return f"{added} of {sent} requests written"
        return _only(changed_tables(before, after), {"meeting_request"})

    return trials(
        "requests from-suggestions",
        lambda _t: args,
        env,
        db_url,
        seconds=seconds,
        whole=whole,
        restore=restore,
        seed=3,
        kills=kills,
    )


def test_killed_bulk_requests_from_suggestions_are_all_sent_or_none(
    settings: Settings, db_url: str, tmp_path: Path
) -> None:
    report = suggestion_kills(settings, db_url, tmp_path, KILLS)

    assert report.partial == [], report


ALL_KILLS = {
    "import organizations": import_kills,
    "plan": plan_kills,
    "publish": publish_kills,
    "requests from-suggestions": suggestion_kills,
}
