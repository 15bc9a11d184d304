"""Where the MaxSAT climb's time goes on one Girona forum: each "breaks <= b" call, in CPU seconds.

``python -m benchmarks.scheduling.climb forum-13crafb [--solver cd19] [--seconds 120]``

The climb of the two-worker portfolio (`maxsat._ascend`) in this process: the formula built
once, then b = the break floors, floor + 1, ... on one incremental SAT solver, each call
printed with its answer (False: b refuted, the bound rises; True: a schedule with b breaks,
optimal) and its CPU seconds, so that a change to the formula or the solver can be compared
call by call rather than by a wall-clock time that the machine's load moves. It stops at the
first satisfiable call, or before a call when `--seconds` of CPU have gone (a call is not cut:
pysat cannot interrupt CaDiCaL, and a call cut into slices of conflicts would search
differently from the climb's). The instances are read as `run` reads them
(`$KERUEN_B2B_INSTANCES`). Measured in the twentieth pass (benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from pysat.card import ITotalizer
from pysat.solvers import Solver

from keruen.scheduling import load_instance
from keruen.scheduling.floors import break_floors
from keruen.scheduling.maxsat import build_wcnf
from keruen.scheduling.problem import compile_problem

from . import girona


def climb(name: str, solver: str = "cd19", seconds: float = 120.0) -> list[tuple[int, bool, float]]:
    """[(b, answer, CPU seconds of the call)] of the climb, up to its first satisfiable call."""
    root = Path(os.environ.get("KERUEN_B2B_INSTANCES", girona.DEFAULT_DIR))
    path = next(p for p in girona.instance_files(root) if p.name == f"{name}.original.dzn")
    prob = compile_problem(load_instance(girona.to_instance(path)))
    c0 = time.process_time()
    wcnf, _ = build_wcnf(prob)
    gaps = [-cl[0] for cl in wcnf.soft]
    target = sum(break_floors(prob))
    print(
        f"{name}: {prob.n_parts} participants, {prob.n_meetings} meetings, {prob.n_slots} slots;"
        f" formula {wcnf.nv} variables, {len(wcnf.hard)} clauses, {len(gaps)} break literals,"
        f" built in {time.process_time() - c0:.2f} s; floors {target}",
        flush=True,
    )
    rows: list[tuple[int, bool, float]] = []
    if not gaps:
        return rows
    top = min(len(gaps), target + 8)
    tot = ITotalizer(gaps, ubound=top, top_id=wcnf.nv)
    start = time.process_time()
    with Solver(name=solver, bootstrap_with=wcnf.hard) as sat:
        sat.append_formula(tot.cnf.clauses)
        while target < len(gaps) and time.process_time() - start < seconds:
            if target >= top:
                done = len(tot.cnf.clauses)
                top = min(len(gaps), target + 8)
                tot.increase(ubound=top, top_id=max(tot.top_id, sat.nof_vars()))
                sat.append_formula(tot.cnf.clauses[done:])
            c1 = time.process_time()
            answer = bool(sat.solve(assumptions=[-tot.rhs[target]]))
            rows.append((target, answer, round(time.process_time() - c1, 2)))
            total = time.process_time() - start
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
    args = ap.parse_args()
    climb(args.name, args.solver, args.seconds)


if __name__ == "__main__":
    main()
