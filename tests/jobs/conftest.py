"""A database of its own for the job tests (a new SQLite file, or a new PostgreSQL schema when
KERUEN_TEST_DATABASE_URL is set), the demo forum loaded with accepted requests; jobs run inline
(`jobs_immediate`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from keruen import boundary
from keruen.config import Settings
from keruen.demo.loader import load_demo
from keruen.events import service as event_service
from tests.conftest import own_database
from tests.jobs.demo_requests import accept_top_requests

DEMO = "turkestan-bayingol-2027"


@pytest.fixture(scope="module")
def demo_settings(
    tmp_path_factory: pytest.TempPathFactory, database_url: str
) -> Iterator[Settings]:
    with own_database(tmp_path_factory.mktemp("jobs"), database_url, "jobs") as settings:
        with boundary.unit_of_work(settings) as session:
            load_demo(session)
            accept_top_requests(session, event_service.get_event(session, DEMO))
        yield settings
