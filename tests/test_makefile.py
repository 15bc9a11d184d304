"""`make bench` runs modules that exist (it once named one that did not)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[1]


def test_make_bench_names_only_benchmark_modules_that_exist() -> None:
    dry = subprocess.run(
        ["make", "-n", "bench", "-W", ".venv/.installed", "PYTHON=" + sys.executable],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    areas = sorted(p.parent.name for p in (ROOT / "benchmarks").glob("*/run.py"))
    assert areas, "no benchmark found"
    assert all(f"benchmarks/{a}" in dry.stdout for a in areas), dry.stdout
    sys.path.insert(0, str(ROOT))
    try:
        for area in areas:
            assert importlib.util.find_spec(f"benchmarks.{area}.run") is not None, area
    finally:
        sys.path.remove(str(ROOT))
    assert not re.search(r"-m benchmarks\.run\b", dry.stdout)
