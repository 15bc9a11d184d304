"""SQLite as a real concurrent default: writers take the lock when they begin, readers do not,
and a long optimistic unit that read before someone else wrote is run again, never half-applied
on stale data."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from keruen import boundary
from keruen.config import Settings

pytestmark = pytest.mark.integration


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    if database_url.startswith("postgresql"):
        pytest.skip("SQLite's own locking is what is tested here")
    return Settings(data_dir=tmp_path)


def _touch(session) -> None:  # type: ignore[no-untyped-def]
    session.execute(text("UPDATE region SET parent_code = parent_code WHERE code = 'KZ-61'"))


def test_a_unit_that_read_before_another_writer_committed_cannot_write(settings: Settings):
    boundary.ensure_database(settings)
    with (
        pytest.raises(boundary.DatabaseBusy),
        boundary.unit_of_work(settings, read_only=True) as slow,
    ):
        slow.execute(text("SELECT count(*) FROM region")).scalar()
        with boundary.unit_of_work(settings) as fast:
            _touch(fast)
        _touch(slow)


def test_retrying_runs_the_work_again_on_fresh_data(settings: Settings):
    boundary.ensure_database(settings)
    runs: list[int] = []

    def work(session) -> int:  # type: ignore[no-untyped-def]
        runs.append(len(runs))
        session.execute(text("SELECT count(*) FROM region")).scalar()
        if len(runs) == 1:  # someone else writes while the first run is checking
            with boundary.unit_of_work(settings) as other:
                _touch(other)
        _touch(session)
        return len(runs)

    assert boundary.retrying(settings, work, optimistic=True) == 2
    assert runs == [0, 1]


def test_a_reader_does_not_wait_for_a_writer(settings: Settings):
    boundary.ensure_database(settings)
    with boundary.unit_of_work(settings) as writer:
        _touch(writer)
        with boundary.unit_of_work(settings, read_only=True) as reader:
            assert reader.execute(text("SELECT count(*) FROM region")).scalar() > 0
