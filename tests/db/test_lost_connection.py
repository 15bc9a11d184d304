"""A PostgreSQL connection lost in the middle of a command ends in one clear refusal (the URL
without its password), with nothing written; the next command works again."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from keruen import boundary
from keruen.config import Settings

pytestmark = pytest.mark.integration


def test_a_connection_killed_mid_command_is_one_clear_refusal(database_url: str, tmp_path):
    if not database_url.startswith("postgresql"):
        pytest.skip("a server connection is what is lost here")
    settings = Settings(database_url=database_url, data_dir=tmp_path)
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    insert = text(
        "INSERT INTO region (code, level, names) SELECT 'ZZ-LOST', level, names FROM region LIMIT 1"
    )
    with (
        pytest.raises(boundary.DatabaseUnavailable) as caught,
        boundary.unit_of_work(settings) as session,
    ):
        pid = session.execute(text("SELECT pg_backend_pid()")).scalar()
        session.execute(insert)
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        session.execute(text("SELECT 1"))
    assert "does not answer" in caught.value.render() or "refused" in caught.value.render()
    with boundary.unit_of_work(settings) as session:  # the pool recovers; nothing was written
        assert (
            session.execute(text("SELECT count(*) FROM region WHERE code = 'ZZ-LOST'")).scalar()
            == 0
        )
    admin.dispose()
