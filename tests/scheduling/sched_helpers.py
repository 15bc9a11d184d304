"""Helpers for scheduling tests: tiny instance builders and a solve-and-validate wrapper."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from keruen.scheduling import Instance, Solution, check_solution, load_instance, solve

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the benchmarks package holds the Girona converter
    sys.path.insert(0, str(ROOT))


def assert_valid_placed(
    inst: Instance, prob: Any, starts: Any, hosts: Any, groups: Any, engine: str
) -> None:
    """A schedule of an engine's own form (starts, host tables, interpreter groups) passes the
    validator whole, and the resource step loses no meeting."""
    import time

    from keruen.scheduling.outcome import make_solution
    from keruen.scheduling.solution import Bound, Status

    sol = make_solution(
        prob,
        starts,
        Status.FEASIBLE,
        Bound(),
        time.monotonic(),
        engine=engine,
        host_table=hosts,
        interp_group=groups,
    )
    report = check_solution(inst, sol)
    assert report.ok, report.violations
    assert len(sol.assignments) == len(starts)  # no meeting lost to the resource step


def make(
    meetings: list[dict[str, Any]],
    *,
    slots: int | list[dict[str, Any]] = 4,
    tables: Any = 10,
    participants: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> Instance:
    """A small instance; participants default to every id mentioned in `meetings`."""
    slot_list = (
        slots if isinstance(slots, list) else [{"id": i, "day": 1} for i in range(1, slots + 1)]
    )
    if participants is None:
        ids = sorted({p for m in meetings for p in m["participants"]})
        participants = [{"id": p} for p in ids]
    raw = {
        "format": "keruen-schedule-instance/1",
        "slots": slot_list,
        "tables": tables,
        "participants": participants,
        "meetings": meetings,
        **extra,
    }
    return load_instance(raw)


def solved(instance: Instance, engine: str = "cpsat", seconds: float = 10.0) -> Solution:
    """Solve and require the independent validator to accept the result."""
    sol = solve(instance, seconds=seconds, workers=2, seed=0, engine=engine)  # type: ignore[arg-type]
    report = check_solution(instance, sol)
    assert report.ok, report.violations
    return sol
