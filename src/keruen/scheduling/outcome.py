"""Turning an engine's timetable into a `Solution`, and progress reports (shared by engines).

Every engine (`solver`, `heuristic`, `maxsat` through the portfolio) ends here, so that this
module imports no engine and the engines do not import each other.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .assign import Resources, assign_resources, breaks_of
from .explain import Explainer
from .problem import Problem
from .solution import Assignment, Bound, ObjectiveValue, Solution, Status, Unscheduled

__all__ = ["Progress", "ProgressFn", "make_solution", "without_schedule"]

#: the reason of an unscheduled meeting when the time limit left no time to analyse it
NOT_PLACED = "not placed within the time limit (`keruen schedule explain` analyses it)"


@dataclass(frozen=True)
class Progress:
    """A progress report: in `stage`, after `seconds`, the best `value` and proven `bound`."""

    stage: str
    seconds: float
    value: float | None
    bound: float | None


ProgressFn = Callable[[Progress], None]
#: which engine `solve` runs ("auto": chosen by what the instance holds)
Engine = Literal["auto", "cpsat", "maxsat", "heuristic"]


def without_schedule(prob: Problem, status: Status, t0: float, message: str) -> Solution:
    """A solution without a schedule (infeasible or unknown), with the known reasons."""
    return Solution(
        status=status,
        seconds=round(time.monotonic() - t0, 3),
        engine="cpsat",
        message=message,
        unscheduled=[
            Unscheduled(meeting=prob.meet_ids[m], reason=prob.no_start_reason[m])
            for m in range(prob.n_meetings)
            if m in prob.no_start_reason
        ],
    )


def make_solution(
    prob: Problem,
    starts: dict[int, int],
    status: Status,
    bound: Bound,
    t0: float,
    *,
    engine: str,
    reported: dict[str, int] | None = None,
    resources: Resources | None = None,
    host_table: dict[int, int] | None = None,
    interp_group: dict[int, int] | None = None,
    reasons_until: float | None = None,
) -> Solution:
    """Assign tables and interpreters to a timetable and wrap everything as a `Solution`.

    `host_table` and `interp_group` are an exact engine's choices (see `assign_resources`).
    After `reasons_until` (a `time.monotonic()` instant) an unscheduled meeting gets a short
    reason instead of an analysis, so that the time limit holds on large events.
    """
    res = (
        resources
        if resources is not None
        else assign_resources(prob, starts, host_table, interp_group)
    )
    starts = dict(starts)
    reasons: dict[int, str] = {}
    for m, why in res.failed.items():
        starts.pop(m, None)
        reasons[m] = why
        status = Status.FEASIBLE
    explainer = Explainer(prob, starts, exact=prob.n_meetings <= 2000)
    for n, m in enumerate(range(prob.n_meetings)):
        if m not in starts and m not in reasons:
            late = reasons_until is not None and n % 64 == 0 and time.monotonic() > reasons_until
            if late:
                break
            reasons[m] = explainer.reason(m)
    for m in range(prob.n_meetings):
        if m not in starts and m not in reasons:
            reasons[m] = prob.no_start_reason.get(m, NOT_PLACED)
    priority = sum(prob.prio[m] for m in starts)
    moved = sum(1 for m, k in prob.previous.items() if starts.get(m) != k)
    brk = sum(breaks_of(prob, starts))
    if reported and not res.failed:
        # the model's own values: a mismatch with the validator exposes a modelling bug
        # (breaks are counted on the schedule: the model only bounds them from below, so
        # its count is exact at the optimum only)
        priority = reported.get("priority", priority)
        moved = reported.get("moved", moved)
    return Solution(
        status=status,
        objective=ObjectiveValue(
            priority=priority, moved=moved, breaks=brk, table_changes=res.table_changes
        ),
        bound=bound,
        assignments=[
            Assignment(
                meeting=prob.meet_ids[m],
                slot=prob.slot_ids[k],
                table=None if res.table.get(m) is None else prob.table_ids[res.table[m]],  # type: ignore[index]
                interpreter=None
                if res.interpreter.get(m) is None
                else prob.interp_ids[res.interpreter[m]],  # type: ignore[index]
            )
            for m, k in sorted(starts.items(), key=lambda mk: (mk[1], mk[0]))
        ],
        unscheduled=[
            Unscheduled(meeting=prob.meet_ids[m], reason=r) for m, r in sorted(reasons.items())
        ],
        seconds=round(time.monotonic() - t0, 3),
        engine=engine,
    )
