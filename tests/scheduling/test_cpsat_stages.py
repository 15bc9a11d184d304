"""The stages of the exact engine on keruen's own forums (issue 13: up to 40 per side, every
one proven optimal within 10 s on 2 workers, also on a busy machine).

f040-most from the heuristic's first schedule with seed 3 (priority 591 of a bound of 601):
CP-SAT's default workers stayed at 596 for 8 s (at load 7; 601 after 7-13 s at load 5-6); a
core-based worker beside the LP search proves 601 in 1.5-2.1 s. Tests do not time things: the
priority test gives the stage 30 s (it stops once the bound is proven), so it asserts that the
stage reaches and proves the bound from such a start, not how fast (the benchmark measures
that: benchmarks/README.md, "Issue 13, seventh pass"); the annealing test is bounded by its 4 s
cap only.
"""

from __future__ import annotations

import time

import pytest
from benchmarks.scheduling.forums import FORUM_DIR

from keruen.scheduling import load_instance
from keruen.scheduling.assign import breaks_of
from keruen.scheduling.constraints import build_model
from keruen.scheduling.heuristic import solve_heuristic
from keruen.scheduling.problem import compile_problem
from keruen.scheduling.solution import Status
from keruen.scheduling.solver import _anneal_hint, _hint_positions, implied_bounds, solve_cpsat

pytestmark = pytest.mark.unit


def _forum(seed: int):  # type: ignore[no-untyped-def]
    prob = compile_problem(load_instance(FORUM_DIR / "f040-most.json"))
    first = solve_heuristic(prob, seconds=5, seed=seed, t0=time.monotonic(), lp_bound=False)
    return prob, _hint_positions(prob, first.start_of())


def test_priority_stage_proves_the_bound_from_a_poor_first_schedule() -> None:
    prob, hint = _forum(3)
    known = implied_bounds(prob, seconds=5)
    assert known["priority"] == 601
    assert sum(prob.prio[m] for m in hint) < 601
    sol = solve_cpsat(
        prob, seconds=30, workers=2, seed=3, hint=hint, bounds=known, levels=("priority",)
    )
    assert sol.status == Status.OPTIMAL
    assert sol.objective.priority == 601


def test_breaks_stage_starts_from_the_annealed_schedule() -> None:
    prob, hint = _forum(0)
    ctx, terms = build_model(prob, symmetry=False)
    got = _anneal_hint(
        prob, ctx, terms["breaks"], hint, ({}, {}), 0, seconds=4.0, seed=0, t0=time.monotonic()
    )
    assert got is not None
    starts, _, _ = got
    assert set(starts) == set(hint)  # the same meetings held
    assert sum(breaks_of(prob, starts)) < sum(breaks_of(prob, hint))
    # the model is hinted in full with it (every variable, not only the starts)
    h = ctx.model.proto.solution_hint
    hinted = dict(zip(h.vars, h.values, strict=True))
    assert len(hinted) == len(ctx.model.proto.variables)
    for m, xs in enumerate(ctx.x):
        for k, v in xs.items():
            assert hinted[v.index] == int(starts.get(m) == k)
