"""The large-neighbourhood search on breaks (`keruen.scheduling.lns`): outcomes, not timings.

The deadlines below are generous caps; the assertions hold whatever the machine's speed (a
slow machine only runs fewer rounds), except the two that say the search reaches the proven
optimum, which stop as soon as it does.
"""

from __future__ import annotations

import json
import time

import pytest
from benchmarks.scheduling.forums import FORUM_DIR, generate_forum
from sched_helpers import assert_valid_placed

from keruen.scheduling import Instance, Status, check_solution, load_instance
from keruen.scheduling import lns as lns_module
from keruen.scheduling.assign import breaks_of
from keruen.scheduling.heuristic import solve_heuristic
from keruen.scheduling.lns import Incumbent, improve_breaks
from keruen.scheduling.problem import Problem, compile_problem
from keruen.scheduling.solver import _hint_positions, solve_cpsat

pytestmark = pytest.mark.unit


def _first(prob: Problem, seed: int = 0) -> dict[int, int]:
    """The heuristic's schedule: a valid start with breaks left to remove (in mode 'all',
    when the heuristic leaves a meeting out, CP-SAT's first schedule)."""
    first = solve_heuristic(prob, seconds=0.5, seed=seed, t0=time.monotonic(), lp_bound=False)
    if not first.status.has_schedule or (prob.schedule_all and first.unscheduled):
        first = solve_cpsat(
            # it stops at its first schedule; the limit is a cap only (a busy machine needs more)
            prob,
            seconds=60,
            workers=1,
            seed=seed,
            params={"stop_after_first_solution": True},
        )
    assert first.status.has_schedule
    return _hint_positions(prob, first.start_of())


def _levels(prob: Problem, starts: dict[int, int]) -> tuple[int, int, int]:
    return (
        sum(prob.prio[m] for m in starts),
        sum(1 for m, k in prob.previous.items() if starts.get(m) != k),
        sum(breaks_of(prob, starts)),
    )


def _check(inst: Instance, prob: Problem, got: Incumbent) -> None:
    """The LNS schedule, with its table and interpreter choices, passes the validator whole."""
    assert_valid_placed(inst, prob, got.starts, got.hosts, got.groups, "lns")


def _forums() -> list[tuple[str, Instance]]:
    # stored forums of the benchmark: host tables, two-slot G2B talks, delegations,
    # interpreters by pair, partial days, a fixed opening talk; a reschedule; and one with a
    # fairness limit added
    out = [
        (name, load_instance(FORUM_DIR / f"{name}.json"))
        for name in ("f015-most", "f020-all", "f020-resched")
    ]
    raw = json.loads((FORUM_DIR / "f015-all.json").read_text())
    raw["objective"]["fairness"] = 1
    out.append(("f015-all-fair", load_instance(raw)))
    return out


@pytest.mark.parametrize(("name", "inst"), _forums(), ids=lambda v: v if isinstance(v, str) else "")
def test_the_lns_never_worsens_a_level_and_keeps_every_rule(name: str, inst: Instance) -> None:
    prob = compile_problem(inst)
    start = _first(prob)
    if prob.fairness is not None:
        brk = breaks_of(prob, start)
        if max(brk) - min(brk) > prob.fairness:
            pytest.skip("the heuristic's schedule breaks the fairness limit")
    before = _levels(prob, start)
    got = improve_breaks(
        prob,
        Incumbent(start, {}, {}),
        deadline=time.monotonic() + 60,
        workers=1,
        seed=0,
        max_rounds=12,
        stall_rounds=12,
    )
    after = _levels(prob, got.starts)
    # lexicographic, as the objective: priority never goes down; moved meetings go up only
    # for more priority; breaks go up only for more priority or fewer moves
    assert (after[0], -after[1], -after[2]) >= (before[0], -before[1], -before[2])
    _check(inst, prob, got)
    if prob.fairness is not None:
        brk = breaks_of(prob, got.starts)
        assert max(brk) - min(brk) <= prob.fairness


@pytest.mark.parametrize("forum", ["f015-all", "f025-all"])
def test_the_lns_reaches_the_proven_zero_from_a_schedule_with_breaks(forum: str) -> None:
    # the stored reference proves 0 breaks optimal for these forums (mode 'all')
    inst = load_instance(FORUM_DIR / f"{forum}.json")
    prob = compile_problem(inst)
    start = _first(prob)
    assert sum(breaks_of(prob, start)) > 0  # the premise: the first schedule has breaks
    got = improve_breaks(
        prob,
        Incumbent(start, {}, {}),
        deadline=time.monotonic() + 120,
        workers=1,
        seed=0,
        stall_rounds=400,
    )
    assert sum(breaks_of(prob, got.starts)) == 0
    _check(inst, prob, got)


def test_a_solve_closed_by_the_lns_is_proven_optimal() -> None:
    # the CP-SAT breaks stage gets no time at all (share 1): the LNS alone, from the first
    # schedule, reaches 0 breaks, the trivial bound, so the result is optimal
    inst = load_instance(FORUM_DIR / "f015-all.json")
    prob = compile_problem(inst)
    start = _first(prob)
    sol = solve_cpsat(
        prob, seconds=120, workers=1, seed=0, lns_share=1.0, lns_start=start, hint=start
    )
    assert (sol.status, sol.objective.breaks, sol.bound.breaks) == (Status.OPTIMAL, 0, 0)
    report = check_solution(inst, sol)
    assert report.ok, report.violations


def test_the_lns_gives_the_same_schedule_for_the_same_seed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # rounds are bounded by CP-SAT's deterministic time, not by the clock (the wall cap is
    # lifted here so that a loaded machine cannot cut a round short)
    monkeypatch.setattr(lns_module, "ROUND_SECONDS", 120.0)
    inst = load_instance(generate_forum(per_side=14, days=2, mode="most", seed=11))
    prob = compile_problem(inst)
    start = _first(prob)
    runs = [
        improve_breaks(
            prob,
            Incumbent(dict(start), {}, {}),
            deadline=time.monotonic() + 600,
            workers=1,
            seed=3,
            max_rounds=6,
            stall_rounds=6,
        ).starts
        for _ in range(2)
    ]
    assert runs[0] == runs[1]


def test_a_large_forum_goes_to_the_lns_from_its_first_schedule(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # above LNS_FIRST_STARTS start variables (here: any) the LNS starts from the first
    # schedule at once; the answer keeps every rule and states its proven bounds
    from keruen.scheduling import solve, solver

    monkeypatch.setattr(solver, "LNS_FIRST_STARTS", 0)
    inst = load_instance(FORUM_DIR / "f060-most.json")
    sol = solve(inst, seconds=5, workers=2, seed=0)
    assert sol.engine == "cpsat-lns"
    report = check_solution(inst, sol)
    assert report.ok, report.violations
    assert sol.bound.priority is not None and sol.objective.priority <= sol.bound.priority
