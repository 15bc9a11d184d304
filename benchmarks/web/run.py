"""Issue 11's load benchmark: a 2,000-participant event; 100 concurrent participants reading
their agenda and their requests inbox on loopback, on SQLite and on PostgreSQL; latency
percentiles per page.

Each simulated participant signs in (a session of their own), then loops: agenda page, a pause,
inbox page, a pause. Three passes: pauses of 2–8 s (a person reading a phone), of 0.5–1.5 s
(someone clicking through), and none (the most the server gives: throughput at saturation).

    .venv/bin/python -m benchmarks.web.run                              # SQLite, builds the forum
    .venv/bin/python -m benchmarks.web.run --data /tmp/k2k              # reuse a built forum
    .venv/bin/python -m benchmarks.web.run --pg-url postgresql+psycopg://postgres@127.0.0.1:5432/test

Results: benchmarks/web/results.json (merged per database).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.web.forum import SLUG, build

from keruen import boundary
from keruen.config import Settings

RESULTS = Path(__file__).with_name("results.json")
CLIENTS = 100


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sessions(settings: Settings, count: int) -> list[str]:
    """Session tokens of `count` participants (as if each had used their sign-in link)."""
    from sqlalchemy import select

    from keruen.accounts import service as accounts
    from keruen.events import service as event_service
    from keruen.events.models import Participation

    with boundary.unit_of_work(settings) as session:
        event = event_service.get_event(session, SLUG)
        people = session.scalars(
            select(Participation.delegate_id)
            .where(Participation.event_id == event.id, Participation.role == "participant")
            .order_by(Participation.id)
            .limit(count)
        ).all()
        return [accounts.open_session(session, delegate_id=d) for d in people]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


async def load(
    url: str, tokens: list[str], seconds: float, think: tuple[float, float]
) -> dict[str, Any]:
    import httpx2

    times: dict[str, list[float]] = {"agenda": [], "inbox": []}
    errors: list[int] = []
    dropped: list[str] = []
    deadline = time.monotonic() + seconds
    limits = httpx2.Limits(max_connections=len(tokens) + 10)

    async def person(client: Any, token: str, seed: int) -> None:
        rng = random.Random(seed)
        cookies = {"keruen_session": token}
        await asyncio.sleep(rng.uniform(0, think[1]))  # not all at the same instant
        while time.monotonic() < deadline:
            for page, path in (("agenda", f"/me/{SLUG}/agenda"), ("inbox", f"/me/{SLUG}/requests")):
                started = time.perf_counter()
                try:
                    answer = await client.get(url + path, cookies=cookies)
                except httpx2.TransportError:
                    # A keep-alive connection the server closed as it was reused: a browser
                    # retries such a GET on a new connection, and so does this client.
                    dropped.append(path)
                    started = time.perf_counter()
                    answer = await client.get(url + path, cookies=cookies)
                elapsed = (time.perf_counter() - started) * 1000
                if answer.status_code != 200:
                    errors.append(answer.status_code)
                else:
                    times[page].append(elapsed)
                if think[1]:
                    await asyncio.sleep(rng.uniform(*think))

    async with httpx2.AsyncClient(limits=limits, timeout=60) as client:
        await asyncio.gather(*(person(client, t, i) for i, t in enumerate(tokens)))
    out: dict[str, Any] = {
        "errors": len(errors),
        "error_codes": sorted(set(errors)),
        "connections_retried": len(dropped),
    }
    for page, values in times.items():
        if values:
            out[page] = {
                "requests": len(values),
                "p50_ms": round(statistics.median(values), 1),
                "p95_ms": round(percentile(values, 95), 1),
                "p99_ms": round(percentile(values, 99), 1),
            }
    total = sum(len(v) for v in times.values())
    out["requests_per_second"] = round(total / seconds, 1)
    return out


def serve(settings: Settings, data: Path, processes: int) -> tuple[str, subprocess.Popen[bytes]]:
    port = _port()
    env = {
        **os.environ,
        "KERUEN_DATA_DIR": str(data),
        "KERUEN_DATABASE_URL": settings.database_url,
        "KERUEN_SECURE_COOKIES": "false",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "keruen",
            "serve",
            "--port",
            str(port),
            "--processes",
            str(processes),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(url + "/api/v1/health", timeout=2):
                return url, process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path)
    parser.add_argument("--pg-url", default="")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    schema = None
    if args.pg_url:
        from sqlalchemy import text

        from keruen.db.session import make_engine

        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = make_engine(args.pg_url)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{args.pg_url}{'&' if '?' in args.pg_url else '?'}options=-csearch_path%3D{schema}"
        data = Path(tempfile.mkdtemp(prefix="keruen-web-pg-"))
        settings = Settings(data_dir=data, database_url=url)
    else:
        data = args.data or Path(tempfile.mkdtemp(prefix="keruen-web-"))
        settings = Settings(data_dir=data)
    try:
        forum = None
        if args.pg_url or args.data is None:
            forum = build(settings, seconds=90)
        tokens = sessions(settings, CLIENTS)
        url, process = serve(settings, data, args.processes)
        try:
            reading = asyncio.run(load(url, tokens, args.seconds, (2.0, 8.0)))
            clicking = asyncio.run(load(url, tokens, args.seconds, (0.5, 1.5)))
            saturated = asyncio.run(load(url, tokens, min(args.seconds, 30), (0.0, 0.0)))
        finally:
            process.terminate()
            process.wait(timeout=30)
    finally:
        if schema is not None:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    kind = "postgresql" if args.pg_url else "sqlite"
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}",
        "participants": 2000,
        "clients": CLIENTS,
        "app_processes": args.processes,
        "reading_pauses_2_to_8_s": reading,
        "clicking_pauses_0.5_to_1.5_s": clicking,
        "no_pauses": saturated,
        "forum": forum,
    }
    merged = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    merged[kind] = result
    RESULTS.write_text(json.dumps(merged, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
