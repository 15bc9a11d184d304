"""Each test of the concurrency suite gets a database of its own (a SQLite file, or a
PostgreSQL schema when KERUEN_TEST_DATABASE_URL is set): its writers commit for real."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from keruen.config import Settings
from tests.concurrency.harness import Forum, build_forum, fresh_database, settings_for


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    with fresh_database(tmp_path / "data") as url:
        yield url


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return settings_for(db_url, tmp_path / "data")


@pytest.fixture
def forum(settings: Settings) -> Forum:
    return build_forum(settings, people=8)
