"""The stress and crash suite of issue 10, longer than the tests: 8 writer processes for 30 s of
random request/accept/decline/cancel/force/veto/expire (and a few plans and publishes) on one
event, then the invariants in SQL and every answer checked against the stored rows; then kill -9
at random points of import, plan, publish and from-suggestions, each compared by full dumps.

    .venv/bin/python -m benchmarks.concurrency.run                       # SQLite (+ PostgreSQL
    .venv/bin/python -m benchmarks.concurrency.run --repeat 3            #  when the URL is set)
    .venv/bin/python -m benchmarks.concurrency.run --pg-url postgresql+psycopg://postgres@127.0.0.1:5432/test
    .venv/bin/python -m benchmarks.concurrency.run --only stress --seconds 10 --processes 4

Results go to benchmarks/concurrency/results.json (with the date and the machine).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.concurrency.harness import build_forum, fresh_database, settings_for
from tests.concurrency.test_kill import ALL_KILLS
from tests.concurrency.test_stress import run_workload
from tests.concurrency.workload import judge

RESULTS = Path(__file__).with_name("results.json")


def stress(base: str, processes: int, seconds: float, seed: int) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="keruen-stress-"))
    with fresh_database(folder / "data", base) as url:
        settings = settings_for(url, folder / "data")
        forum = build_forum(settings, slug="stress", people=16, quota=3)
        reports = run_workload(
            url, folder / "data", forum.event_id, processes=processes, seconds=seconds, seed=seed
        )
        verdict = judge(url, forum.event_id, reports)
    return {
        "processes": processes,
        "seconds": round(verdict.seconds, 1),
        "actions": verdict.actions,
        "actions_per_second": round(verdict.per_second, 1),
        "answered_ok": verdict.counts["ok"],
        "refused": verdict.actions - verdict.counts["ok"],
        "counts": dict(verdict.counts),
        "violations": verdict.violations,
        "defects": verdict.defects,
        "raw_errors_shown": verdict.shown_raw,
    }


def kills(base: str, count: int) -> dict[str, Any]:
    out = {}
    for command, run in ALL_KILLS.items():
        folder = Path(tempfile.mkdtemp(prefix="keruen-kill-"))
        with fresh_database(folder / "data", base) as url:
            settings = settings_for(url, folder / "data")
            report = run(settings, url, folder, count)
        out[command] = {
            "runs": count,
            "killed_while_running": report.kills,
            "finished_before_the_kill": report.finished,
            "no_change": report.unchanged,
            "whole_change": report.whole,
            "partial": report.partial,
        }
        print(f"  kill -9 {command}: {out[command]}", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--kills", type=int, default=8, help="kill -9 runs per command")
    parser.add_argument("--only", choices=["stress", "kills"], default=None)
    parser.add_argument("--pg-url", default=os.environ.get("KERUEN_TEST_DATABASE_URL", ""))
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()

    databases = ([] if args.no_sqlite else [("sqlite", "")]) + (
        [("postgresql", args.pg_url)] if args.pg_url else []
    )
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, shared with other engineers' processes",
        "databases": {},
    }
    for name, base in databases:
        entry: dict[str, Any] = {}
        if args.only in (None, "stress"):
            entry["stress"] = []
            for run in range(args.repeat):
                started = time.monotonic()
                figures = stress(base, args.processes, args.seconds, seed=run)
                figures["wall_seconds"] = round(time.monotonic() - started, 1)
                entry["stress"].append(figures)
                print(
                    f"{name} stress run {run + 1}: {figures['processes']} writers, "
                    f"{figures['actions']} actions in {figures['seconds']} s = "
                    f"{figures['actions_per_second']} actions/s; "
                    f"violations {len(figures['violations'])}, defects {len(figures['defects'])}, "
                    f"raw errors shown {len(figures['raw_errors_shown'])}",
                    flush=True,
                )
                for problem in figures["violations"] + figures["defects"]:
                    print(f"    {problem}")
        if args.only in (None, "kills"):
            print(f"{name} kill -9, {args.kills} per command:", flush=True)
            entry["kills"] = kills(base, args.kills)
        results["databases"][name] = entry
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
