"""Two `keruen` commands at once on one database, as two organizers would run them (issue 10):
each ends with exit code 0 or 2 and one clear line, never a traceback or a raw driver error, and
the database ends as one of them alone (or both, one after the other) would have left it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from keruen.config import Settings
from keruen.events.models import Event
from keruen.meetings import schedule_service, service
from tests.concurrency.harness import (
    Forum,
    Ran,
    attempt,
    build_forum,
    cli_env,
    invariant_violations,
    plain_engine,
    run_together,
)
from tests.factories import make_bin, org_row, write_csv

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _answers_cleanly(*runs: Ran, allow: tuple[str, ...] = ()) -> None:
    for run in runs:
        assert run.code in (0, 2), (run.args, run.code, run.text[-2000:])
        assert run.raw_errors(allow) == [], (run.args, run.text[-2000:])
        if run.code == 2:
            assert "error" in run.err.lower(), run.text  # one line that says what happened


def _rows(url: str, query: str) -> list[tuple[object, ...]]:
    engine = plain_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(query))]
    finally:
        engine.dispose()


def _meetings(settings: Settings, forum: Forum, pairs: int = 3) -> None:
    people = forum.participants
    for i in range(pairs):
        outcome = attempt(
            settings,
            lambda s, i=i: (
                service.force_meeting(
                    s,
                    event=s.get(Event, forum.event_id),
                    first_id=people[2 * i],
                    second_id=people[2 * i + 1],
                ).id
            ),
        )
        assert outcome.ok, outcome


def test_two_plans_at_once_store_consecutive_versions_or_the_second_is_told_to_wait(
    settings: Settings, db_url: str, tmp_path: Path
) -> None:
    forum = build_forum(settings, slug="two-plans", people=8)
    _meetings(settings, forum)
    env = cli_env(db_url, tmp_path / "data")

    runs = run_together([["plan", "-e", forum.slug, "--seconds", "3"]] * 2, env)

    _answers_cleanly(*runs)
    done = [r for r in runs if r.code == 0]
    assert done, [r.text for r in runs]
    for refused in (r for r in runs if r.code == 2):
        assert "already running" in refused.err, refused.err
    versions = sorted(int(v) for (v,) in _rows(db_url, "SELECT version FROM schedule"))
    assert versions == list(range(1, len(done) + 1))
    assert invariant_violations(db_url) == []


def test_two_publishes_at_once_leave_one_published_version(
    settings: Settings, db_url: str, tmp_path: Path
) -> None:
    forum = build_forum(settings, slug="two-publishes", people=8)
    _meetings(settings, forum)
    for _ in range(2):
        planned = attempt(
            settings,
            lambda s: (
                schedule_service.plan_event(
                    s, event=s.get(Event, forum.event_id), seconds=1.0, workers=1
                ).version
            ),
        )
        assert planned.ok, planned
    env = cli_env(db_url, tmp_path / "data")

    runs = run_together(
        [["publish", "-e", forum.slug, "1"], ["publish", "-e", forum.slug, "2"]], env
    )

    _answers_cleanly(*runs)
    published = [
        int(v) for (v,) in _rows(db_url, "SELECT version FROM schedule WHERE status = 'published'")
    ]
    assert len(published) == 1
    for run, mine in zip(runs, (1, 2), strict=True):
        if run.code == 2:
            assert published == [3 - mine]
            assert str(3 - mine) in run.err, run.err  # told which version won
    assert invariant_violations(db_url) == []


def test_two_upgrades_of_an_empty_database_create_it_once(db_url: str, tmp_path: Path) -> None:
    env = cli_env(db_url, tmp_path / "data")

    runs = run_together([["db", "upgrade"], ["db", "upgrade"]], env)

    _answers_cleanly(*runs)
    assert any(r.code == 0 for r in runs)
    from keruen.db import migrate

    assert _rows(db_url, "SELECT version_num FROM alembic_version") == [(migrate.head(),)]
    regions = _rows(db_url, "SELECT code, COUNT(*) FROM region GROUP BY code HAVING COUNT(*) > 1")
    assert regions == []
    assert _rows(db_url, "SELECT COUNT(*) FROM region")[0][0] > 0


def test_two_demos_on_an_empty_database_load_the_forum_once(db_url: str, tmp_path: Path) -> None:
    env = cli_env(db_url, tmp_path / "data")

    runs = run_together([["demo"], ["demo"]], env)

    _answers_cleanly(*runs)
    assert any(r.code == 0 for r in runs)
    doubled = _rows(
        db_url, "SELECT ref, COUNT(*) FROM organization GROUP BY ref HAVING COUNT(*) > 1"
    )
    assert doubled == []
    # the coming forum and last year's, each once
    assert _rows(db_url, "SELECT slug, COUNT(*) FROM event GROUP BY slug HAVING COUNT(*) > 1") == []
    assert _rows(db_url, "SELECT COUNT(*) FROM event")[0][0] == 2
    assert _rows(db_url, "SELECT COUNT(*) FROM project")[0][0] == 7


def _organizations_file(path: Path, serials: range) -> Path:
    rows = [
        org_row(
            bin=make_bin(1000 + i * 7),
            name_ru=f"ТОО «Общий поставщик номер {i}»",
            name_en=f"Shared Supplier Number {i} LLP",
        )
        for i in serials
    ]
    return write_csv(path, "organizations", rows)


def test_two_imports_sharing_organizations_write_each_organization_once(
    settings: Settings, db_url: str, tmp_path: Path
) -> None:
    from keruen import boundary

    boundary.ensure_database(settings)
    env = cli_env(db_url, tmp_path / "data")
    first = _organizations_file(tmp_path / "first.csv", range(30))
    second = _organizations_file(tmp_path / "second.csv", range(20, 50))

    runs = run_together(
        [
            ["import", "organizations", str(first), "--allow-similar-names"],
            ["import", "organizations", str(second), "--allow-similar-names"],
        ],
        env,
    )

    # The import that loses the race runs again and finds the other's rows (or, refused,
    # says so in one line with nothing written): never the database's own words.
    _answers_cleanly(*runs)
    for run in runs:
        if run.code == 2:
            assert "nothing was written" in run.err, run.err
    assert any(r.code == 0 for r in runs), [r.text for r in runs]
    doubled = _rows(
        db_url, "SELECT bin, COUNT(*) FROM organization GROUP BY bin HAVING COUNT(*) > 1"
    )
    assert doubled == []
    stored = _rows(db_url, "SELECT COUNT(*) FROM organization")[0][0]
    expected = {(0, 0): 50, (0, 2): 30, (2, 0): 30}[(runs[0].code, runs[1].code)]
    assert stored == expected


def test_the_event_keeps_answering_while_a_long_import_runs(
    settings: Settings, db_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Issue 10: a long import held SQLite's lock and every other writer died with `database is
    locked`. Requests made and withdrawn during an import must all be answered, and the import
    must still get through."""
    import threading

    from tests.concurrency.harness import Outcome, spawn

    forum = build_forum(settings, slug="live-import", people=4)
    a, b = forum.participants[0], forum.participants[1]
    path = _organizations_file(tmp_path / "long.csv", range(400))
    env = cli_env(db_url, tmp_path / "data")
    importing = spawn(["import", "organizations", str(path), "--allow-similar-names"], env)
    answers: list[Outcome] = []

    def ask_and_withdraw() -> None:  # a busy event: one small write after another
        while importing.poll() is None:
            asked = attempt(
                settings,
                lambda s: (
                    service.request_meeting(
                        s, event=s.get(Event, forum.event_id), requester_id=a, target_id=b
                    ).id
                ),
            )
            answers.append(asked)
            if asked.ok:
                answers.append(
                    attempt(
                        settings,
                        lambda s, rid=asked.value: (
                            service.cancel_request(s, request_id=rid, actor_id=a).id
                        ),
                    )
                )

    live = threading.Thread(target=ask_and_withdraw, daemon=True)
    live.start()
    out, err = importing.communicate(timeout=600)
    live.join(120)

    assert importing.returncode == 0, (out + err)[-2000:]
    assert len(answers) >= 4, "the live writes never ran during the import"
    assert [str(o) for o in answers if not o.ok] == []
    assert _rows(db_url, "SELECT COUNT(*) FROM organization")[0][0] >= 400
    assert invariant_violations(db_url) == []
