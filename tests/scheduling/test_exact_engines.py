"""The two exact engines must agree, and the implied constraints must never cut an optimum.

MaxSAT carries implied constraints that CP-SAT does not share in the same form (session
windows, busy participants per slot, total free tables, break floors). On random instances
in MaxSAT's scope both engines must prove the same optimum, or both infeasibility.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sched_helpers import make, solved

from keruen.scheduling import Status, check_solution, load_instance, solve
from keruen.scheduling.floors import break_floors
from keruen.scheduling.maxsat import MaxSatRun, supports
from keruen.scheduling.problem import compile_problem

pytestmark = pytest.mark.unit


def test_a_participant_whose_partners_are_free_at_both_ends_has_a_break_floor() -> None:
    # b is free only in slot 1 and c only in slot 5: a has a break whatever the schedule
    inst = make(
        [
            {"id": "m1", "participants": ["a", "b"]},
            {"id": "m2", "participants": ["a", "c"]},
            {"id": "m3", "participants": ["d", "e"]},
        ],
        slots=5,
        participants=[
            {"id": "a"},
            {"id": "b", "unavailable": [2, 3, 4, 5]},
            {"id": "c", "unavailable": [1, 2, 3, 4]},
            {"id": "d"},
            {"id": "e"},
        ],
        objective={"schedule": "all", "fairness": 2},
    )
    assert break_floors(compile_problem(inst)) == [1, 0, 0, 0, 0]
    # "auto" runs CP-SAT beside the MaxSAT climb (two workers): whoever proves it first
    for engine in ("cpsat", "maxsat", "auto"):
        sol = solved(inst, engine)
        assert (sol.status, sol.objective.breaks, sol.bound.breaks) == (Status.OPTIMAL, 1, 1)


def test_a_floor_above_the_fairness_limit_is_infeasible() -> None:
    inst = make(
        [
            {"id": "m1", "participants": ["a", "b"], "fixed": 1},
            {"id": "m2", "participants": ["a", "c"], "fixed": 3},
            {"id": "m3", "participants": ["d", "e"]},
        ],
        slots=3,
        objective={"schedule": "all", "fairness": 0},
    )
    for engine in ("cpsat", "maxsat"):
        assert solve(inst, seconds=10, engine=engine).status == Status.INFEASIBLE  # type: ignore[arg-type]


@st.composite
def tight_forums(draw: st.DrawFn) -> dict[str, Any]:
    """Girona-like: one day, two sessions, few tables, busy participants, absences."""
    n_slots = draw(st.integers(3, 6))
    morning = draw(st.integers(1, n_slots))
    n = draw(st.integers(3, 7))
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=2, max_size=10, unique=True))
    meetings = []
    for k, (a, b) in enumerate(chosen):
        m: dict[str, Any] = {"id": f"m{k}", "participants": [f"p{a}", f"p{b}"]}
        session = draw(st.sampled_from(["any", "any", "am", "pm"]))
        if session == "am":
            m["slots"] = list(range(1, morning + 1))
        elif session == "pm" and morning < n_slots:
            m["slots"] = list(range(morning + 1, n_slots + 1))
        meetings.append(m)
    participants = [
        {
            "id": f"p{i}",
            "unavailable": draw(
                st.lists(st.integers(1, n_slots), max_size=2, unique=True).map(sorted)
            ),
        }
        for i in range(n)
    ]
    # someone without meetings keeps the fairness minimum at 0 (MaxSAT's scope)
    participants.append({"id": "idle"})
    per_slot = -(-len(meetings) // n_slots)
    objective: dict[str, Any] = {"schedule": "all"}
    if draw(st.booleans()):
        objective["fairness"] = draw(st.integers(0, 2))
    return {
        "format": "keruen-schedule-instance/1",
        "slots": [{"id": s, "day": 1} for s in range(1, n_slots + 1)],
        "tables": draw(st.integers(max(1, per_slot), per_slot + 1)),
        "participants": participants,
        "meetings": meetings,
        "objective": objective,
    }


def _finish(run: MaxSatRun, seconds: float = 20.0) -> tuple[str, int | None]:
    deadline = time.monotonic() + seconds
    result = None
    while result is None and time.monotonic() < deadline:
        result = run.poll(0.05)
    run.stop()
    assert result is not None, "the MaxSAT child did not finish in time"
    return result[0], result[2]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=tight_forums())
def test_maxsat_searches_and_cpsat_prove_the_same_optimum(raw: dict[str, Any]) -> None:
    inst = load_instance(raw)
    prob = compile_problem(inst)
    assert supports(prob)
    exact = solve(inst, seconds=20, workers=1, seed=0, engine="cpsat")
    assert exact.status in (Status.OPTIMAL, Status.INFEASIBLE)
    want = (
        ("optimal", exact.objective.breaks)
        if exact.status == Status.OPTIMAL
        else ("infeasible", None)
    )
    # core-guided RC2, the climb from the break floors, and the descent from a first schedule
    assert _finish(MaxSatRun(prob, search="rc2")) == want
    assert _finish(MaxSatRun(prob, search="ascend", lower=sum(break_floors(prob)))) == want
    assert _finish(MaxSatRun(prob, search="descend")) == want
    # through the public entry point, with the validator: the climb alone, then the climb and
    # the descent side by side, sharing their bounds
    for workers in (1, 2):
        other = solve(inst, seconds=20, workers=workers, seed=0, engine="maxsat")
        assert other.status == exact.status
        if exact.status == Status.OPTIMAL:
            assert other.objective.breaks == exact.objective.breaks
            assert check_solution(inst, other).ok


@pytest.mark.parametrize("engine", ["heuristic", "cpsat", "auto"])
def test_a_schedule_at_every_proven_bound_is_declared_optimal(engine: str) -> None:
    # b is free only in slot 1 and c only in slot 3: a has a break in every schedule (its
    # floor), so the first schedule with one break is optimal and must be declared so
    inst = make(
        [
            {"id": "ab", "participants": ["a", "b"]},
            {"id": "ac", "participants": ["a", "c"]},
            {"id": "de", "participants": ["d", "e"]},
        ],
        slots=3,
        participants=[
            {"id": "a"},
            {"id": "b", "unavailable": [2, 3]},
            {"id": "c", "unavailable": [1, 2]},
            {"id": "d"},
            {"id": "e"},
        ],
    )
    sol = solved(inst, engine=engine)
    assert (sol.status, sol.objective.breaks, sol.bound.breaks) == (Status.OPTIMAL, 1, 1)


def _report_then_hold_the_gil(prob: Any, solver_name: str, out: Any, *extra: Any) -> None:
    # a search that reports a schedule, then starts a long SAT call (pysat keeps the GIL)
    from pysat.examples.genhard import PHP
    from pysat.solvers import Solver

    out.put(("upper", {0: 0}, 7))
    with Solver(name=solver_name, bootstrap_with=PHP(12).clauses) as sat:
        sat.solve()


def test_a_childs_report_reaches_the_parent_before_its_next_sat_call_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # through a multiprocessing.Queue the report waited in the child's feeder thread until the
    # SAT call after it had ended: the climb's bound and the descent's schedules came one
    # call late
    from keruen.scheduling import maxsat

    inst = make([{"id": "ab", "participants": ["a", "b"]}], slots=2)
    monkeypatch.setattr(maxsat, "_descend", _report_then_hold_the_gil)
    run = MaxSatRun(compile_problem(inst), search="descend")
    try:
        deadline = time.monotonic() + 10
        while run.upper is None and time.monotonic() < deadline:
            assert run.poll(0.05) is None  # the child is still in its SAT call
        assert run.upper == (7, {0: 0})
    finally:
        run.stop()
    assert run.poll(0.0) == ("unknown", None, None)  # stopped without an answer


def test_a_child_reniced_runs_that_many_steps_below_and_its_cpu_time_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the portfolio puts the descent behind the climb after its CPU budget: by the child's CPU
    # time, and by a nice on the child only
    import os

    from keruen.scheduling import maxsat

    inst = make([{"id": "ab", "participants": ["a", "b"]}], slots=2)
    monkeypatch.setattr(maxsat, "_descend", _report_then_hold_the_gil)
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    run = MaxSatRun(compile_problem(inst), search="descend")
    try:
        deadline = time.monotonic() + 10
        while run.upper is None and time.monotonic() < deadline:
            run.poll(0.05)
        assert run.upper == (7, {0: 0})  # the child is in its long SAT call
        assert run.pid is not None
        assert os.getpriority(os.PRIO_PROCESS, run.pid) == mine
        run.renice(3)
        assert os.getpriority(os.PRIO_PROCESS, run.pid) == min(mine + 3, 19)
        used = run.cpu_seconds()
        assert used is not None and used >= 0
    finally:
        run.stop()
    assert os.getpriority(os.PRIO_PROCESS, 0) == mine  # the parent's priority is untouched
    run.renice(3)  # an ended child: nothing happens
