"""Issue 12's batch: every personal agenda of a 2,000-participant event as one PDF, on this
machine's cores, with progress. The first pages are rendered to PNG for review.

    .venv/bin/python -m benchmarks.agendas.run                      # builds the forum first
    .venv/bin/python -m benchmarks.agendas.run --data /tmp/k2k      # reuses a built forum

Results: benchmarks/agendas/results.json; pages: artifacts/benchmarks/agendas-*.png.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.web.forum import SLUG, build

from keruen.agendas.batch import print_all_agendas
from keruen.config import Settings

RESULTS = Path(__file__).with_name("results.json")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "benchmarks"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, help="a folder where benchmarks.web.forum built")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    built = None
    if args.data is None:
        args.data = Path(tempfile.mkdtemp(prefix="keruen-agendas-"))
        built = build(Settings(data_dir=args.data), seconds=90)
    settings = Settings(data_dir=args.data)
    marks: list[tuple[float, int]] = []
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        marks.append((round(time.perf_counter() - started, 1), done))
        print(f"{done}/{total} agendas, {marks[-1][0]} s", flush=True)

    pdf = print_all_agendas(settings, SLUG, workers=args.workers, progress=progress)
    seconds = time.perf_counter() - started
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = ARTIFACTS / "agendas-2000.pdf"
    out.write_bytes(pdf)
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-l", "2", str(out), str(ARTIFACTS / "agendas")],
            check=True,
        )
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}",
        "agendas": marks[-1][1] if marks else 0,
        "workers": args.workers,
        "seconds": round(seconds, 1),
        "megabytes": round(len(pdf) / 2**20, 1),
        "target_seconds": 600,
        "forum": built,
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
