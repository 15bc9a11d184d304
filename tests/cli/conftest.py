"""The CLI as a newcomer runs it: real processes, a real database of their own, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from keruen.db.session import make_engine


def run(
    args: list[str], env: dict[str, str], cwd: Path, input: str = ""
) -> subprocess.CompletedProcess[str]:
    """`keruen ARGS` in a process of its own; `input` is what is typed (or piped) to it."""
    return subprocess.run(
        [sys.executable, "-m", "keruen", *args],
        env=env,
        cwd=cwd,
        input=input,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def cli_env(tmp_path: Path, database_url: str):
    """A process environment with a database of its own: the CLI commits, so it must not
    share the schema that the rolled-back tests use."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KERUEN_")}
    env.update({"KERUEN_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "200", "LANG": "C.UTF-8"})
    if not database_url.startswith("postgresql"):
        yield env
        return
    base = os.environ["KERUEN_TEST_DATABASE_URL"]
    schema = f"cli_{uuid.uuid4().hex[:10]}"
    admin = make_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    env["KERUEN_DATABASE_URL"] = (
        f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    )
    try:
        yield env
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
