"""Browser journeys: the real app (`keruen serve --worker` in a subprocess, on SQLite with the
SQLite job queue, or on PostgreSQL with the queue on Redis) driven by Playwright in Debian's
chromium (/usr/bin/chromium, installed by `make system`; never a downloaded browser build).
Screenshots of the main pages at phone and laptop width go to `artifacts/screenshots/`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from keruen.db.session import make_engine

ROOT = Path(__file__).resolve().parents[2]
# One folder per database: `make test` runs the SQLite and PostgreSQL runs at once.
SHOTS = (
    ROOT
    / "artifacts"
    / "screenshots"
    / ("postgresql" if os.environ.get("KERUEN_TEST_DATABASE_URL") else "sqlite")
)
CHROMIUM = os.environ.get("KERUEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1366, "height": 850}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    env: dict[str, str]

    def cli(self, *args: str) -> str:
        """Run `keruen ARGS` against the same database (as the organizer's terminal would)."""
        done = subprocess.run(
            [sys.executable, "-m", "keruen", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr + done.stdout
        return done.stdout


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/api/v1/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise RuntimeError("the server did not answer in time")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A fresh database with the demo forum; the app and a worker serving it on a free port."""
    data = tmp_path_factory.mktemp("e2e")
    port = free_port()
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(data),
        "KERUEN_DATA_DIR": str(data / "keruen"),
        "KERUEN_PUBLIC_URL": f"http://127.0.0.1:{port}",
    }
    env.pop("KERUEN_DATABASE_URL", None)
    schema = None
    base = os.environ.get("KERUEN_TEST_DATABASE_URL", "")
    redis_db = None
    if base:
        schema = f"e2e_{uuid.uuid4().hex[:10]}"
        admin = make_engine(base)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        env["KERUEN_DATABASE_URL"] = (
            f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
        )
        redis_db = 9
        env["KERUEN_REDIS_URL"] = f"redis://127.0.0.1:6379/{redis_db}"
    server = Server(f"http://127.0.0.1:{port}", env)
    server.cli("demo")
    process = subprocess.Popen(
        [sys.executable, "-m", "keruen", "serve", "--port", str(port), "--worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(server.url, process)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        if schema is not None:
            admin = make_engine(base)
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system` (Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def shoot(page: object, name: str) -> None:
    """Save the page at phone and at laptop width (artifacts/screenshots/NAME-phone.png …)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("phone", PHONE), ("laptop", LAPTOP)):
        page.set_viewport_size(size)  # type: ignore[attr-defined]
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)  # type: ignore[attr-defined]
