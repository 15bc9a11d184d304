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
from benchmarks.scheduling.forums import EXTRA_DIR, FORUM_DIR
from sched_helpers import assert_valid_placed

from keruen.scheduling import check_solution, load_instance
from keruen.scheduling.assign import breaks_of
from keruen.scheduling.constraints import build_model
from keruen.scheduling.heuristic import solve_heuristic
from keruen.scheduling.lns import Incumbent, complete
from keruen.scheduling.problem import compile_problem
from keruen.scheduling.reanneal import Placed, reanneal
from keruen.scheduling.solution import Status
from keruen.scheduling.solver import (
    _anneal_hint,
    _complete_hint,
    _hint_positions,
    implied_bounds,
    solve_cpsat,
)

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
        prob, ctx, terms["breaks"], hint, ({}, {}), 0, seconds=40.0, seed=0, t0=time.monotonic()
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


# --- the ninth pass: forums never tuned on (benchmarks/scheduling/forums-extra/) -------------


def _extra(name: str):  # type: ignore[no-untyped-def]
    return compile_problem(load_instance(EXTRA_DIR / f"{name}.json"))


@pytest.mark.parametrize(("forum", "seed"), [("x040-all", 2), ("x018-all", 0), ("x016-all", 1)])
def test_the_first_schedule_holds_every_meeting_in_mode_all(forum: str, seed: int) -> None:
    # with these seeds the heuristic's first pass leaves one to three meetings out, which in
    # mode "all" is no schedule at all; it starts again with another order until it holds all
    prob = _extra(forum)
    first = solve_heuristic(prob, seconds=5, seed=seed, t0=time.monotonic(), lp_bound=False)
    assert first.status.has_schedule
    assert len(first.assignments) == prob.n_meetings
    assert check_solution(load_instance(EXTRA_DIR / f"{forum}.json"), first).ok


def test_the_breaks_stage_anneals_when_the_resource_matching_fails() -> None:
    # x040-all, the heuristic's schedule with seed 0: the model holds it, but the matching of
    # tables and interpreters (`lns.complete`) fails on it; the annealing then starts from the
    # host tables and interpreter groups of the model's complete hint
    prob = _extra("x040-all")
    first = solve_heuristic(prob, seconds=5, seed=0, t0=time.monotonic(), lp_bound=False)
    hint = _hint_positions(prob, first.start_of())
    assert complete(prob, Incumbent(hint, {}, {})) is None
    ctx, terms = build_model(prob, symmetry=False)
    assert _complete_hint(ctx, hint, terms["breaks"], 30.0)
    got = _anneal_hint(
        prob, ctx, terms["breaks"], hint, ({}, {}), 0, seconds=40.0, seed=0, t0=time.monotonic()
    )
    assert got is not None
    starts, hosts, groups = got
    assert set(starts) == set(hint)
    assert sum(breaks_of(prob, starts)) < sum(breaks_of(prob, hint))
    assert_valid_placed(
        load_instance(EXTRA_DIR / "x040-all.json"), prob, starts, hosts, groups, "anneal"
    )


def test_the_annealing_stops_when_it_stalls() -> None:
    # f010-all: its optimum is 1 break, so asking for 0 never stops the annealing by its
    # floor; with a patience it returns long before its (two-minute) deadline, with the same
    # meetings and no more breaks than it started from
    prob = compile_problem(load_instance(FORUM_DIR / "f010-all.json"))
    first = solve_heuristic(prob, seconds=5, seed=1, t0=time.monotonic(), lp_bound=False)
    start = complete(prob, Incumbent(_hint_positions(prob, first.start_of()), {}, {}))
    assert start is not None
    got = reanneal(
        prob,
        Placed(start.starts, start.hosts, start.groups),
        deadline=time.monotonic() + 120,
        seed=0,
        lower=0,
        patience=20_000,
    )
    assert got is not None
    assert set(got.starts) == set(start.starts)
    assert 1 <= sum(breaks_of(prob, got.starts)) <= sum(breaks_of(prob, start.starts))
