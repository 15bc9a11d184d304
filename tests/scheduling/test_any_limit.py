"""Exactness of the interpreter model for multi-slot meetings, and a schedule at any limit."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from benchmarks.scheduling.forums import generate_forum
from sched_helpers import make, solved

from keruen.scheduling import Status, check_solution, load_instance, solve
from keruen.scheduling.heuristic import solve_heuristic
from keruen.scheduling.problem import compile_problem

pytestmark = pytest.mark.unit


def test_a_two_slot_talk_takes_the_interpreter_the_next_meeting_does_not_need() -> None:
    # the trilingual interpreter is listed first; if the ru-zh talk took it, the kk-zh
    # meeting of slot 2 would find no interpreter (a count per slot does not see this)
    inst = make(
        [
            {"id": "talk", "participants": ["a", "b"], "length": 2, "fixed": 1},
            {"id": "kk", "participants": ["c", "d"], "fixed": 2},
        ],
        slots=2,
        participants=[
            {"id": "a", "languages": ["ru"]},
            {"id": "b", "languages": ["zh"]},
            {"id": "c", "languages": ["kk"]},
            {"id": "d", "languages": ["zh"]},
        ],
        interpreters=[
            {"id": "tri", "languages": ["kk", "ru", "zh"]},
            {"id": "ruzh", "languages": ["ru", "zh"]},
        ],
    )
    sol = solved(inst)
    assert sol.status == Status.OPTIMAL
    assert {a.meeting: a.interpreter for a in sol.assignments} == {"talk": "ruzh", "kk": "tri"}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_forum_gets_a_valid_schedule_even_with_a_very_short_limit(workers: int) -> None:
    inst = load_instance(generate_forum(per_side=40, days=2, mode="most", seed=6))
    sol = solve(inst, seconds=0.5, workers=workers, seed=0)
    assert sol.status.has_schedule
    assert check_solution(inst, sol).ok
    assert len(sol.assignments) > 0.9 * len(inst.meetings)


def test_generated_forums_hold_every_feature() -> None:
    raw = generate_forum(per_side=20, days=2, mode="most", seed=3)
    inst = load_instance(raw)
    hosts = {p.id for p in inst.participants if p.table}
    assert hosts
    assert any(p.capacity == 2 for p in inst.participants)
    assert any(m.length == 2 for m in inst.meetings)
    assert any(set(m.participants) <= hosts for m in inst.meetings)  # talks between hosts
    assert any(m.fixed is not None for m in inst.meetings)
    assert inst.interpreters
    assert any(p.unavailable for p in inst.participants)
    assert generate_forum(per_side=20, days=2, mode="most", seed=3) == raw  # seeded


@pytest.mark.parametrize("workers", [1, 2])
def test_a_large_forum_cut_short_still_states_its_proven_bounds(workers: int) -> None:
    # 150 per side: building the exact model alone takes about a second; with less time the
    # first schedule is returned, with the bounds proven before any search
    from benchmarks.scheduling.forums import FORUM_DIR

    inst = load_instance((FORUM_DIR / "f150-most.json").read_text(encoding="utf-8"))
    sol = solve(inst, seconds=0.5, workers=workers, seed=0)
    assert sol.status.has_schedule
    assert check_solution(inst, sol).ok
    assert sol.bound.priority is not None
    assert sol.objective.priority <= sol.bound.priority
    assert sol.bound.breaks is not None
    assert 0 <= sol.bound.breaks <= sol.objective.breaks


def test_the_fast_first_schedule_of_the_demo_forum_is_valid_for_every_seed() -> None:
    # The demo forum as `plan` sees it (data/demo-forum.json). When CP-SAT finds nothing
    # within a short limit (a busy server), the heuristic's schedule is what the organizer
    # gets. Its interpreters were once patched meeting by meeting after the slot-by-slot
    # matching failed: seeds 0 and 10 then held a meeting with no table and gave one
    # interpreter two meetings at once, and `plan` refused with "invalid schedule".
    inst = load_instance(json.loads((Path(__file__).parent / "data/demo-forum.json").read_text()))
    prob = compile_problem(inst)
    for seed in range(20):
        sol = solve_heuristic(prob, seconds=0.1, seed=seed, t0=time.monotonic(), lp_bound=False)
        report = check_solution(inst, sol)
        assert report.ok, (seed, [v.message for v in report.violations])
        assert len(sol.assignments) > 0.9 * len(inst.meetings), seed


def test_a_first_schedule_given_a_tiny_share_still_places_every_meeting_it_can() -> None:
    """The greedy pass of a first schedule may finish past its own share (`greedy_until`):
    cut at its share, a large forum's first schedule held a fraction of its meetings, which a
    short limit never won back (f300-most at 1 s: 1,025 of 1,687)."""
    from benchmarks.scheduling.forums import FORUM_DIR

    prob = compile_problem(load_instance(FORUM_DIR / "f100-most.json"))
    full = solve_heuristic(prob, seconds=30, seed=0, lp_bound=False)
    cut = solve_heuristic(prob, seconds=1e-4, seed=0, lp_bound=False)
    late = solve_heuristic(
        prob, seconds=1e-4, seed=0, lp_bound=False, greedy_until=time.monotonic() + 60
    )
    assert len(cut.assignments) < len(full.assignments)  # what the share alone gives
    assert len(late.assignments) >= 0.97 * len(full.assignments), (
        len(late.assignments),
        len(full.assignments),
    )
