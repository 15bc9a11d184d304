"""Where the MaxSAT climb's time goes on one Girona forum: each "breaks <= b" call, in CPU seconds.

``python -m benchmarks.scheduling.climb forum-13crafb [--solver cd19] [--seconds 120]``

The climb of the two-worker portfolio (`maxsat._ascend`, the same code) in this process: b =
the break floors, floor + 1, ... on an incremental SAT solver (a fresh one after a refutation
of more than `maxsat.FRESH_AFTER_CPU` seconds), each call printed with its answer (False: b
refuted, the bound rises; True: a schedule with b breaks, optimal) and its CPU seconds (the
first call's include building the formula, about 0.2 s; a call in a fresh solver, loading
it), so that a change to the formula or the solver can be compared call by call rather than
by a wall-clock time that the machine's load moves. It stops at the first satisfiable call,
or before a call when `--seconds` of CPU have gone (a call is not cut: pysat cannot interrupt
CaDiCaL, and a call cut into slices of conflicts would search differently from the climb's).
The instances are read as `run` reads them (`$KERUEN_B2B_INSTANCES`). Measured in the
twentieth and twenty-second passes (benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time
from pathlib import Path

from keruen.scheduling import load_instance, maxsat
from keruen.scheduling.floors import break_floors
from keruen.scheduling.maxsat import build_wcnf
from keruen.scheduling.problem import compile_problem

from . import girona


class _Stop(Exception):
    """Raised from the report after a refutation once the CPU budget is spent."""


class _Calls:
    """The climb's reports, each with the CPU seconds since the one before (or the start)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.start = self.last = time.process_time()
        self.rows: list[tuple[int, bool, float]] = []

    def put(self, item: tuple[str, object, int | None]) -> None:
        state, _, cost = item
        now = time.process_time()
        spent, self.last = now - self.last, now
        if state == "lower" and cost is not None:
            self.rows.append((cost - 1, False, round(spent, 2)))
        elif state == "optimal" and cost is not None:
            self.rows.append((cost, True, round(spent, 2)))
        else:
            print(f"  {state}", flush=True)
            return
        b, answer, cpu = self.rows[-1]
        print(f"  breaks <= {b}: {answer} in {cpu} s of CPU ({now - self.start:.1f} s)", flush=True)
        if now - self.start >= self.seconds:
            raise _Stop


def climb(name: str, solver: str = "cd19", seconds: float = 120.0) -> list[tuple[int, bool, float]]:
    """[(b, answer, CPU seconds of the call)] of the climb, up to its first satisfiable call."""
    root = Path(os.environ.get("KERUEN_B2B_INSTANCES", girona.DEFAULT_DIR))
    path = next(p for p in girona.instance_files(root) if p.name == f"{name}.original.dzn")
    prob = compile_problem(load_instance(girona.to_instance(path)))
    c0 = time.process_time()
    wcnf, _ = build_wcnf(prob)
    floors = sum(break_floors(prob))
    print(
        f"{name}: {prob.n_parts} participants, {prob.n_meetings} meetings, {prob.n_slots} slots;"
        f" formula {wcnf.nv} variables, {len(wcnf.hard)} clauses, {len(wcnf.soft)} break"
        f" literals, built in {time.process_time() - c0:.2f} s; floors {floors}",
        flush=True,
    )
    calls = _Calls(seconds)
    with contextlib.suppress(_Stop):
        maxsat._ascend(prob, solver, calls, floors)
    return calls.rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("name", help="a Girona instance, e.g. forum-13crafb")
    ap.add_argument("--solver", default="cd19", help="a pysat solver name (cd19, g4, mcb, ...)")
    ap.add_argument("--seconds", type=float, default=120.0, help="CPU seconds for the climb")
    args = ap.parse_args()
    climb(args.name, args.solver, args.seconds)


if __name__ == "__main__":
    main()
