"""A reschedule whose missing priority point needs both participants of a meeting left out.

"a" and "z" each hold 25 published meetings with people who have no other meeting, "a" in
slots 1-25 and "z" in slots 2-26; their own new meeting "az" fits only once "a"'s meeting of
slot 1 moves to slot 26. The pinned repair leaves "az" out (priority one short, nothing
moved); one move holds it. A neighbourhood grown from "a" alone (or "z" alone) is full with
its own 25 meetings before it reaches the other, so "az" never comes into such a round: the
rounds short of priority start from both participants of a meeting left out.
"""

from __future__ import annotations

import random
import time
from dataclasses import replace

import pytest
from sched_helpers import make, solved

from keruen.scheduling import Instance, Solution, Status
from keruen.scheduling.assign import breaks_of
from keruen.scheduling.lns import Incumbent, _neighbourhood
from keruen.scheduling.problem import Problem, compile_problem
from keruen.scheduling.solver import _widen, solve_cpsat

pytestmark = pytest.mark.unit

N = 25


def _instance() -> Instance:
    meetings = [{"id": f"a{i}", "participants": ["a", f"pa{i}"], "priority": 1} for i in range(N)]
    meetings += [{"id": f"z{i}", "participants": ["z", f"pz{i}"], "priority": 1} for i in range(N)]
    meetings.append({"id": "az", "participants": ["a", "z"], "priority": 1})
    previous = {f"a{i}": i + 1 for i in range(N)} | {f"z{i}": i + 2 for i in range(N)}
    return make(
        meetings,
        slots=N + 1,
        objective={"schedule": "most", "previous": previous},
    )


def _repair() -> tuple[Problem, Solution]:
    prob = compile_problem(_instance())
    pinned = replace(
        prob,
        starts=[
            [prob.previous[m]] if m in prob.previous else prob.starts[m]
            for m in range(prob.n_meetings)
        ],
    )
    repair = solve_cpsat(
        pinned,
        seconds=30,
        workers=1,
        seed=0,
        bounds={"priority": 2 * N + 1, "moved": 0},
        levels=("priority", "moved"),
    )
    return prob, repair


def test_a_round_short_of_priority_holds_both_participants_of_a_meeting_left_out() -> None:
    prob, repair = _repair()
    assert (repair.status, repair.objective.priority, repair.objective.moved) == (
        Status.OPTIMAL,
        2 * N,
        0,
    )
    mpos = {mid: m for m, mid in enumerate(prob.meet_ids)}
    spos = {sid: k for k, sid in enumerate(prob.slot_ids)}
    starts = {mpos[a.meeting]: spos[a.slot] for a in repair.assignments}
    assert mpos["az"] not in starts
    best = Incumbent(starts, {}, {})
    pa, pz = prob.part_ids.index("a"), prob.part_ids.index("z")
    for seed in range(10):
        chosen, _ = _neighbourhood(
            prob, best, breaks_of(prob, starts), 24, random.Random(seed), True, False, False
        )
        assert {pa, pz} <= chosen


def test_widening_holds_the_meeting_left_out_with_one_move() -> None:
    prob, repair = _repair()
    got = _widen(prob, repair, 2 * N + 1, 0, 600.0, 1, 0, time.monotonic())
    assert got is not None
    ids = {prob.meet_ids[m]: prob.slot_ids[k] for m, k in got.items()}
    assert len(ids) == 2 * N + 1
    assert sum(1 for m, k in prob.previous.items() if got.get(m) != k) == 1


def test_reschedule_holds_every_meeting_and_moves_one() -> None:
    sol = solved(_instance())
    assert (sol.objective.priority, sol.objective.moved) == (2 * N + 1, 1)
