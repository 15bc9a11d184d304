"""A database of its own for the job tests (a new SQLite file, or a new PostgreSQL schema when
KERUEN_TEST_DATABASE_URL is set), the demo forum loaded with accepted requests; jobs run inline
(`jobs_immediate`)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from keruen import boundary
from keruen.config import Settings
from keruen.db.session import make_engine
from keruen.demo.loader import load_demo
from keruen.events import service as event_service
from tests.jobs.demo_requests import accept_top_requests

DEMO = "turkestan-bayingol-2027"


@pytest.fixture(scope="module")
def demo_settings(
    tmp_path_factory: pytest.TempPathFactory, database_url: str
) -> Iterator[Settings]:
    data = tmp_path_factory.mktemp("jobs")
    schema = None
    if database_url.startswith("postgresql"):
        base = os.environ["KERUEN_TEST_DATABASE_URL"]
        schema = f"jobs_{uuid.uuid4().hex[:10]}"
        admin = make_engine(base)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
        settings = Settings(data_dir=Path(data), database_url=url, jobs_immediate=True)
    else:
        settings = Settings(data_dir=Path(data), jobs_immediate=True)
    with boundary.unit_of_work(settings) as session:
        load_demo(session)
        accept_top_requests(session, event_service.get_event(session, DEMO))
    yield settings
    boundary.dispose_engines()
    if schema is not None:
        admin = make_engine(os.environ["KERUEN_TEST_DATABASE_URL"])
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
