"""Fixtures for scheduling tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the benchmarks package holds the Girona converter
    sys.path.insert(0, str(ROOT))


@pytest.fixture
def girona_dir() -> Path:
    from benchmarks.scheduling.girona import DEFAULT_DIR

    if not (DEFAULT_DIR / "dzn").is_dir():
        pytest.skip("Girona instances not available")
    return DEFAULT_DIR
