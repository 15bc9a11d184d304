"""Production past one machine, on this one: PostgreSQL and Redis, migrations run once, two app
processes and two job workers started as separate processes, each with a data folder of its own
(so nothing passes through files). A forum's journey goes through both apps in turn — signed in
on one, answered on the other, planned by whichever worker takes the job — and ends as it would
on one machine. Both health endpoints check both servers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import text

from keruen.db.session import make_engine
from tests.e2e.conftest import free_port, wait_until_up

pytestmark = [pytest.mark.integration, pytest.mark.postgres, pytest.mark.slow]
PG = os.environ.get("KERUEN_TEST_DATABASE_URL", "")
REDIS = os.environ.get("KERUEN_TEST_REDIS_URL", "redis://127.0.0.1:6379")
DEMO = "turkestan-bayingol-2027"
ORGANIZER = ("ops@keruen.test", "two machines, one forum")


@dataclass
class Cluster:
    env: dict[str, str]
    apps: list[str] = field(default_factory=list)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def cli(self, *args: str, data: Path) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "keruen", *args],
            env={**self.env, "KERUEN_DATA_DIR": str(data)},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr + done.stdout
        return done.stdout

    def start(self, args: list[str], data: Path, log: Path) -> subprocess.Popen[bytes]:
        with log.open("wb") as sink:  # the child keeps its own copy of the descriptor
            process = subprocess.Popen(
                [sys.executable, "-m", "keruen", *args],
                env={**self.env, "KERUEN_DATA_DIR": str(data)},
                stdout=subprocess.DEVNULL,
                stderr=sink,
            )
        self.processes.append(process)
        return process


def _redis_answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_timeout=2).ping())
    except Exception:
        return False


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    if not PG:
        pytest.skip("needs PostgreSQL (KERUEN_TEST_DATABASE_URL)")
    queue = f"{REDIS.rstrip('/')}/12"
    if not _redis_answers(queue):
        pytest.fail(f"Redis does not answer at {queue}: the production queue needs it")
    import redis

    redis.Redis.from_url(queue).flushdb()
    root = tmp_path_factory.mktemp("cluster")
    schema = f"deploy_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    env = {
        **os.environ,
        "KERUEN_DATABASE_URL": f"{PG}{'&' if '?' in PG else '?'}options=-csearch_path%3D{schema}",
        "KERUEN_REDIS_URL": queue,
        "KERUEN_SECURE_COOKIES": "false",
        "KERUEN_LOG_FORMAT": "json",
        "KERUEN_LOG_LEVEL": "INFO",
        "KERUEN_PASSWORD": ORGANIZER[1],
    }
    cluster = Cluster(env)
    release = root / "release"
    cluster.cli("db", "upgrade", data=release)  # migrations run once, before the apps start
    cluster.cli("demo", data=release)
    cluster.cli("account", "create", ORGANIZER[0], "--event", DEMO, data=release)
    try:
        for i in (1, 2):
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            app = cluster.start(
                ["serve", "--port", str(port)], root / f"app{i}", root / f"app{i}.log"
            )
            wait_until_up(url, app)
            cluster.apps.append(url)
        for i in (1, 2):
            cluster.start(["worker"], root / f"worker{i}", root / f"worker{i}.log")
        yield cluster
    finally:
        for process in cluster.processes:
            process.terminate()
        for process in cluster.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
        redis.Redis.from_url(queue).flushdb()


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


def _person(cluster: Cluster, client: object, who: str, app: str) -> str:
    """Sign `who` in on `app` by a personal link; returns the session's CSRF token."""
    token = cluster.cli("link", who, data=Path("/tmp")).strip().splitlines()[-1].rsplit("/", 1)[1]
    landing = client.get(f"{app}/s/{token}")  # type: ignore[attr-defined]
    used = client.post(f"{app}/s/{token}", data={"csrf_token": _csrf(landing.text)})  # type: ignore[attr-defined]
    assert used.status_code in (200, 303), used.text
    return _csrf(client.get(f"{app}/me").text)  # type: ignore[attr-defined]


def test_a_forum_runs_across_two_apps_and_two_workers(cluster: Cluster) -> None:
    import httpx2

    app1, app2 = cluster.apps
    for app in (app1, app2):
        health = httpx2.get(f"{app}/api/v1/health").json()
        assert health == {"ok": True, "database": "ok", "redis": "ok"}

    with (
        httpx2.Client(follow_redirects=True, timeout=60) as kazakh,
        httpx2.Client(follow_redirects=True, timeout=60) as chinese,
        httpx2.Client(follow_redirects=True, timeout=60) as organizer,
    ):
        _journey(cluster, kazakh, chinese, organizer)
    # Every process is still up after the journey.
    assert all(p.poll() is None for p in cluster.processes)
    for app in (app1, app2):
        assert httpx2.get(f"{app}/api/v1/health").status_code == 200


def _journey(cluster: Cluster, kazakh: object, chinese: object, organizer: object) -> None:
    app1, app2 = cluster.apps
    k_token = _person(cluster, kazakh, "a.nurlanov@kz.example", app1)
    c_token = _person(cluster, chinese, "wang.jianguo@cn.example", app2)

    # Signed in on app 1, the Kazakh participant asks on app 2 (sessions live in PostgreSQL).
    assert kazakh.get(f"{app2}/api/v1/me/events/{DEMO}/catalogue").status_code == 200
    partner_id = _participation_id(cluster, "wang.jianguo@cn.example")
    sent = kazakh.post(
        f"{app2}/api/v1/me/events/{DEMO}/requests",
        json={"target": partner_id, "message": "两台机器"},
        headers={"X-CSRF-Token": k_token},
    )
    assert sent.status_code == 201, sent.text
    request_id = sent.json()["id"]
    accepted = chinese.post(
        f"{app1}/api/v1/me/events/{DEMO}/requests/{request_id}/accept",
        headers={"X-CSRF-Token": c_token},
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"

    # The organizer signs in on app 2 and plans from app 1; a worker (either) runs the job.
    page = organizer.get(f"{app2}/sign-in")
    organizer.post(
        f"{app2}/sign-in/password",
        data={"email": ORGANIZER[0], "password": ORGANIZER[1], "csrf_token": _csrf(page.text)},
    )
    o_token = _csrf(organizer.get(f"{app2}/o").text)
    job = organizer.post(
        f"{app1}/api/v1/o/{DEMO}/schedule/plan",
        json={"seconds": 5},
        headers={"X-CSRF-Token": o_token},
    )
    assert job.status_code == 202, job.text
    job_id = job.json()["id"]
    deadline = time.monotonic() + 240
    state = job.json()
    while state["state"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(1)
        state = organizer.get(f"{app2}/api/v1/o/{DEMO}/schedule/jobs/{job_id}").json()
    assert state["state"] == "done", state
    version = state["result"]["version"]
    published = organizer.post(
        f"{app1}/api/v1/o/{DEMO}/schedule/versions/{version}/publish",
        headers={"X-CSRF-Token": o_token},
    )
    assert published.status_code == 200, published.text

    # Both agendas, read on the other app each, hold the meeting; the Chinese one in both clocks.
    mine = kazakh.get(f"{app2}/api/v1/me/events/{DEMO}/agenda").json()
    theirs = chinese.get(f"{app1}/api/v1/me/events/{DEMO}/agenda").json()
    assert mine["published"] and theirs["published"]
    assert len(mine["items"]) == len(theirs["items"]) == 1
    assert mine["items"][0]["starts_at"] == theirs["items"][0]["starts_at"]
    assert theirs["own_clock"] and "UTC+8" in theirs["own_clock"]


def _participation_id(cluster: Cluster, email: str) -> int:
    engine = make_engine(cluster.env["KERUEN_DATABASE_URL"])
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(
                    text(
                        "SELECT p.id FROM participation p JOIN delegate d ON d.id = p.delegate_id"
                        " JOIN event e ON e.id = p.event_id WHERE d.email = :e AND e.slug = :s"
                    ),
                    {"e": email, "s": DEMO},
                ).scalar_one()
            )
    finally:
        engine.dispose()
