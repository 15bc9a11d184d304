"""Migrations go up, down and up again on a fresh database, and end where the models are."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

import keruen.models  # noqa: F401
from keruen.db import migrate
from keruen.db.base import Base
from keruen.db.session import make_engine

pytestmark = pytest.mark.integration


@pytest.fixture
def fresh_engine(tmp_path: Path, database_url: str):
    pg = os.environ.get("KERUEN_TEST_DATABASE_URL", "")
    if database_url.startswith("postgresql"):
        schema = f"m_{uuid.uuid4().hex[:10]}"
        admin = make_engine(pg)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine = create_engine(pg, connect_args={"options": f"-csearch_path={schema}"})
        yield engine
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    else:
        engine = make_engine(f"sqlite:///{tmp_path / 'migrations.sqlite3'}")
        yield engine
        engine.dispose()


def test_upgrade_downgrade_upgrade(fresh_engine):
    migrate.upgrade(fresh_engine)
    tables = set(inspect(fresh_engine).get_table_names())
    assert {"organization", "delegate", "event", "participation", "region"} <= tables
    migrate.downgrade(fresh_engine, "base")
    assert set(inspect(fresh_engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(fresh_engine)
    assert migrate.current(fresh_engine) is not None
    assert set(inspect(fresh_engine).get_table_names()) == tables


def test_migrations_match_the_models(fresh_engine):
    migrate.upgrade(fresh_engine)
    with fresh_engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
