"""Where the MaxSAT climb's time goes on one Girona forum: each "breaks <= b" call, in CPU seconds.

``python -m benchmarks.scheduling.climb forum-13crafb [--solver cd19] [--seconds 120]
[--shuffle N] [--start B]``

The climb of the two-worker portfolio (`maxsat._ascend`) in this process: the formula built
once, then b = the break floors, floor + 1, ... on one incremental SAT solver, each call
printed with its answer (False: b refuted, the bound rises; True: a schedule with b breaks,
optimal) and its CPU seconds, so that a change to the formula or the solver can be compared
call by call rather than by a wall-clock time that the machine's load moves. It stops at the
first satisfiable call, or before a call when `--seconds` of CPU have gone (a call is not cut:
pysat cannot interrupt CaDiCaL, and a call cut into slices of conflicts would search
differently from the climb's). The instances are read as `run` reads them
(`$KERUEN_B2B_INSTANCES`). Measured in the twentieth pass (benchmarks/README.md).

One call's CPU time is one draw of a heavy-tailed variable: the same formula with its clauses
in another order took 35-139 s of CPU for forum-13crafb's climb (twenty-second pass). So
`--shuffle N` (N > 0) gives the solver the clauses (and the bound's first totalizer) in a
seeded random order, N = 0 the climb's own order; compare a change over several N, not on
one. `--start B` asks "breaks <= B" first (a probe: B is not a proven bound, and the first
satisfiable answer is then optimal only if B - 1 is refuted elsewhere).
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

from pysat.card import ITotalizer
from pysat.solvers import Solver

from keruen.scheduling import load_instance
from keruen.scheduling.floors import break_floors
from keruen.scheduling.maxsat import build_wcnf
from keruen.scheduling.problem import compile_problem

from . import girona


def climb(
    name: str,
    solver: str = "cd19",
    seconds: float = 120.0,
    shuffle: int = 0,
    start: int | None = None,
) -> list[tuple[int, bool, float]]:
    """[(b, answer, CPU seconds of the call)] of the climb, up to its first satisfiable call."""
    root = Path(os.environ.get("KERUEN_B2B_INSTANCES", girona.DEFAULT_DIR))
    path = next(p for p in girona.instance_files(root) if p.name == f"{name}.original.dzn")
    prob = compile_problem(load_instance(girona.to_instance(path)))
    c0 = time.process_time()
    wcnf, _ = build_wcnf(prob)
    gaps = [-cl[0] for cl in wcnf.soft]
    target = sum(break_floors(prob))
    floors = target
    print(
        f"{name}: {prob.n_parts} participants, {prob.n_meetings} meetings, {prob.n_slots} slots;"
        f" formula {wcnf.nv} variables, {len(wcnf.hard)} clauses, {len(gaps)} break literals,"
        f" built in {time.process_time() - c0:.2f} s; floors {floors}"
        + (f"; clauses shuffled, seed {shuffle}" if shuffle else ""),
        flush=True,
    )
    rows: list[tuple[int, bool, float]] = []
    if not gaps:
        return rows
    if start is not None:
        target = start
    top = min(len(gaps), target + 8)
    tot = ITotalizer(gaps, ubound=top, top_id=wcnf.nv)
    clauses = [*wcnf.hard, *tot.cnf.clauses]
    if shuffle:
        random.Random(shuffle).shuffle(clauses)
    began = time.process_time()
    with Solver(name=solver, bootstrap_with=clauses) as sat:
        while target < len(gaps) and time.process_time() - began < seconds:
            if target >= top:
                done = len(tot.cnf.clauses)
                top = min(len(gaps), target + 8)
                tot.increase(ubound=top, top_id=max(tot.top_id, sat.nof_vars()))
                sat.append_formula(tot.cnf.clauses[done:])
            c1 = time.process_time()
            answer = bool(sat.solve(assumptions=[-tot.rhs[target]]))
            rows.append((target, answer, round(time.process_time() - c1, 2)))
            total = time.process_time() - began
            print(
                f"  breaks <= {target}: {answer} in {rows[-1][2]} s of CPU ({total:.1f} s)",
                flush=True,
            )
            if answer:
                break
            target += 1
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("name", help="a Girona instance, e.g. forum-13crafb")
    ap.add_argument("--solver", default="cd19", help="a pysat solver name (cd19, g4, mcb, ...)")
    ap.add_argument("--seconds", type=float, default=120.0, help="CPU seconds for the climb")
    ap.add_argument("--shuffle", type=int, default=0, help="clause order seed (0: the climb's)")
    ap.add_argument("--start", type=int, default=None, help="the first b (default: the floors)")
    args = ap.parse_args()
    climb(args.name, args.solver, args.seconds, args.shuffle, args.start)


if __name__ == "__main__":
    main()
