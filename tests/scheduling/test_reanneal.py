"""Annealing on breaks with the held meetings fixed (`keruen.scheduling.reanneal`).

The stored forums carry every rule of the exact engine: host tables (one or two per meeting),
two-slot G2B talks, delegations of two, interpreters by language pair, partial days and a
fixed opening talk. The move counts below bound the searches (the same moves for a seed on
any machine); the deadlines are generous caps only.
"""

from __future__ import annotations

import time

import pytest
from benchmarks.scheduling.forums import FORUM_DIR
from sched_helpers import assert_valid_placed

from keruen.scheduling import load_instance
from keruen.scheduling.assign import breaks_of
from keruen.scheduling.heuristic import solve_heuristic
from keruen.scheduling.lns import Incumbent, complete
from keruen.scheduling.problem import Problem, compile_problem
from keruen.scheduling.reanneal import Placed, reanneal
from keruen.scheduling.solver import _hint_positions, solve_cpsat

pytestmark = pytest.mark.unit


def _start(prob: Problem) -> Placed:
    """A first schedule with its host tables and interpreter groups: the heuristic's in mode
    'most' (its passes end, unimproved, long before the cap here), CP-SAT's first on one
    worker in mode 'all' (where the heuristic may leave a meeting out)."""
    if prob.schedule_all:
        first = solve_cpsat(
            prob, seconds=30, workers=1, seed=0, params={"stop_after_first_solution": True}
        )
    else:
        first = solve_heuristic(prob, seconds=5, seed=0, t0=time.monotonic(), lp_bound=False)
    assert first.status.has_schedule
    done = complete(prob, Incumbent(_hint_positions(prob, first.start_of()), {}, {}))
    assert done is not None
    return Placed(done.starts, done.hosts, done.groups)


def _valid(name: str, prob: Problem, got: Placed) -> None:
    """The schedule, with its table and interpreter choices, passes the validator whole."""
    inst = load_instance(FORUM_DIR / f"{name}.json")
    assert_valid_placed(inst, prob, got.starts, got.hosts, got.groups, "anneal")


@pytest.mark.parametrize(("forum", "moves"), [("f025-all", 30_000), ("f030-all", 120_000)])
def test_the_annealing_reaches_the_proven_zero_from_a_schedule_with_breaks(
    forum: str, moves: int
) -> None:
    # the stored reference (optima.json) proves 0 breaks optimal for these forums (mode 'all':
    # every meeting held, so the held set is the optimum's); two days, two-slot talks, host
    # tables, delegations, interpreters
    prob = compile_problem(load_instance(FORUM_DIR / f"{forum}.json"))
    start = _start(prob)
    assert sum(breaks_of(prob, start.starts)) > 0  # the premise: the first schedule has breaks
    got = reanneal(prob, start, deadline=time.monotonic() + 120, seed=0, max_moves=moves)
    assert got is not None
    assert sum(breaks_of(prob, got.starts)) == 0
    _valid(forum, prob, got)


def test_the_annealing_holds_the_same_meetings_and_keeps_every_rule() -> None:
    # mode 'most': the priority of the held set stays, breaks never go up
    prob = compile_problem(load_instance(FORUM_DIR / "f040-most.json"))
    start = _start(prob)
    got = reanneal(prob, start, deadline=time.monotonic() + 120, seed=1, max_moves=20_000)
    assert got is not None
    assert set(got.starts) == set(start.starts)
    assert sum(breaks_of(prob, got.starts)) < sum(breaks_of(prob, start.starts))
    moved = [m for m in got.starts if got.starts[m] != start.starts[m]]
    assert any(prob.length[m] == 2 for m in moved)  # two-slot talks move too
    _valid("f040-most", prob, got)


def test_the_annealing_gives_the_same_schedule_for_the_same_seed() -> None:
    prob = compile_problem(load_instance(FORUM_DIR / "f020-most.json"))
    start = _start(prob)
    runs = [
        reanneal(prob, start, deadline=time.monotonic() + 120, seed=3, max_moves=5_000)
        for _ in range(2)
    ]
    assert runs[0] is not None and runs[1] is not None
    assert runs[0].starts == runs[1].starts
