"""A reschedule whose pinned repair falls short of the priority bound (`solver._widen`).

The repair pins every meeting whose published start still holds. Here a new meeting of
priority 5 fits only where a published one is: the pinned repair can only drop the published
one (priority 6 of 7, one moved), while moving it to the free slot holds all three (priority
7, the same one moved). The widening search must find that schedule without moving more.
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from sched_helpers import make, solved

from keruen.scheduling import Instance, Status
from keruen.scheduling.problem import compile_problem
from keruen.scheduling.solver import _widen, solve_cpsat

pytestmark = pytest.mark.unit


def _instance() -> Instance:
    meetings = [
        {"id": "old", "participants": ["a", "b"], "priority": 1},
        {"id": "new", "participants": ["a", "c"], "priority": 5},
        {"id": "kept", "participants": ["b", "d"], "priority": 1},
    ]
    return make(
        meetings,
        slots=3,
        # "new" can only be held in slot 1, where "old" was published
        participants=[
            {"id": "a"},
            {"id": "b"},
            {"id": "c", "unavailable": [2, 3]},
            {"id": "d"},
        ],
        objective={"schedule": "most", "previous": {"old": 1, "kept": 2}},
    )


def test_widening_reaches_the_priority_bound_without_more_moves() -> None:
    prob = compile_problem(_instance())
    pinned = replace(
        prob,
        starts=[[prob.previous[m]] if m in prob.previous else prob.starts[m] for m in range(3)],
    )
    repair = solve_cpsat(
        pinned,
        seconds=30,
        workers=1,
        seed=0,
        bounds={"priority": 7, "moved": 0},
        levels=("priority", "moved"),
    )
    assert (repair.status, repair.objective.priority, repair.objective.moved) == (
        Status.OPTIMAL,
        6,
        1,
    )
    # a generous cap: the search stops after a few rounds without a gain
    got = _widen(prob, repair, 7, 0, 600.0, 1, 0, time.monotonic())
    assert got is not None
    ids = {prob.meet_ids[m]: prob.slot_ids[k] for m, k in got.items()}
    assert ids == {"new": 1, "old": ids["old"], "kept": 2}
    assert ids["old"] != 1


def test_reschedule_holds_both_and_moves_one() -> None:
    sol = solved(_instance())
    assert (sol.status, sol.objective.priority, sol.objective.moved) == (Status.OPTIMAL, 7, 1)
