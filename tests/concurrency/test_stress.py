"""Four processes of random request/accept/decline/cancel/force/veto/expire (and a few plans and
publishes) on one event for ~10 s, then the invariants checked in SQL and every answer checked
against the stored rows (issue 10). The benchmark runs the same with 8 processes for 30 s."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from keruen.config import Settings
from tests.concurrency.harness import ROOT, build_forum, cli_env
from tests.concurrency.workload import judge

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def run_workload(
    url: str, folder: Path, event_id: int, *, processes: int, seconds: float, seed: int = 0
) -> list[dict[str, object]]:
    """Start the worker processes together and collect their reports."""
    env = cli_env(url, folder)
    outs = [folder / f"worker-{i}.json" for i in range(processes)]
    running = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.concurrency.workload",
                "--url",
                url,
                "--data-dir",
                str(folder),
                "--event-id",
                str(event_id),
                "--seconds",
                str(seconds),
                "--seed",
                str(seed * 100 + i),
                "--out",
                str(out),
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, out in enumerate(outs)
    ]
    for process in running:
        _, err = process.communicate(timeout=seconds + 240)
        assert process.returncode == 0, err[-3000:]
    return [json.loads(out.read_text(encoding="utf-8")) for out in outs]


def test_four_random_writers_keep_every_invariant_and_every_answer(
    settings: Settings, db_url: str, tmp_path: Path
) -> None:
    forum = build_forum(settings, slug="stress", people=10, quota=3)

    reports = run_workload(
        db_url, tmp_path / "data", forum.event_id, processes=4, seconds=10.0, seed=1
    )
    verdict = judge(db_url, forum.event_id, reports)

    assert verdict.actions > 40, verdict.counts  # the workers really worked
    assert verdict.counts["ok"] > 10, verdict.counts
    assert verdict.defects == []
    assert verdict.shown_raw == []
    assert verdict.violations == []
