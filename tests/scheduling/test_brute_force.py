"""What the engines call optimal is optimal: checked against every possible schedule.

On tiny instances with every feature of the format (listed tables and a host's own table,
interpreters by language, two-slot talks, unavailability, an 'after' order, fixed meetings,
a fairness limit, a published schedule to keep), every timetable and every choice of table and
interpreter is tried, and each is judged by the independent validator alone. The engine's
"optimal" must reach the best (priority, moved, breaks) found that way; "infeasible" must mean
that no schedule passes. The break floors, the LP bound and the stop rule all take part in a
proof, so any of them cutting off a real optimum fails here.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keruen.scheduling import (
    Assignment,
    Instance,
    Solution,
    Status,
    check_solution,
    load_instance,
    solve,
)
from keruen.scheduling.instance import needs_interpreter
from keruen.scheduling.problem import compile_problem
from keruen.scheduling.validate import breaks_per_participant

pytestmark = pytest.mark.unit

LANGS = ["ru", "kk", "zh"]
#: what the validator says about a partial schedule that is not a broken rule
NOT_A_RULE = {"missing", "not-all", "objective"}


@st.composite
def tiny(draw: st.DrawFn) -> dict[str, Any]:
    days = draw(st.sampled_from([1, 1, 2]))
    per_day = draw(st.integers(3, 5) if days == 1 else st.integers(2, 3))
    slots = [{"id": d * 10 + j, "day": d} for d in range(1, days + 1) for j in range(per_day)]
    sids = [s["id"] for s in slots]
    n = draw(st.integers(3, 4))
    listed = draw(st.booleans())
    tables: Any
    if listed:
        tables = [
            {"id": f"T{t}", "unavailable": draw(st.lists(st.sampled_from(sids), max_size=1))}
            for t in range(draw(st.integers(1, 2)))
        ]
    else:
        tables = draw(st.integers(1, 2))
    participants: list[dict[str, Any]] = [
        {
            "id": f"p{i}",
            "languages": draw(
                st.lists(st.sampled_from(LANGS), min_size=1, max_size=2, unique=True)
            ),
            "unavailable": draw(st.lists(st.sampled_from(sids), max_size=2, unique=True)),
        }
        for i in range(n)
    ]
    if listed and draw(st.booleans()):
        participants[0]["table"] = tables[0]["id"]
        if len(tables) > 1 and draw(st.booleans()):
            participants[1]["table"] = tables[1]["id"]  # two hosts may meet (G2B talk)
    interpreters = [
        {
            "id": f"i{k}",
            "languages": draw(
                st.lists(st.sampled_from(LANGS), min_size=2, max_size=3, unique=True)
            ),
            "unavailable": draw(st.lists(st.sampled_from(sids), max_size=1)),
        }
        for k in range(draw(st.integers(0, 2)))
    ]
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=3, max_size=5, unique=True))
    meetings: list[dict[str, Any]] = []
    for k, (a, b) in enumerate(chosen):
        m: dict[str, Any] = {
            "id": f"m{k}",
            "participants": [f"p{a}", f"p{b}"],
            "priority": draw(st.integers(1, 3)),
            "length": draw(st.sampled_from([1, 1, 2])),
        }
        if k and draw(st.integers(0, 4)) == 0:
            m["after"] = [f"m{k - 1}"]
        if draw(st.integers(0, 5)) == 0:
            m["fixed"] = draw(st.sampled_from(sids))
        meetings.append(m)
    objective: dict[str, Any] = {"schedule": draw(st.sampled_from(["all", "most", "most"]))}
    if draw(st.integers(0, 3)) == 0:
        objective["fairness"] = draw(st.integers(0, 1))
    if draw(st.booleans()):
        objective["previous"] = {m["id"]: draw(st.sampled_from(sids)) for m in meetings[:2]}
    return {
        "format": "keruen-schedule-instance/1",
        "slots": slots,
        "tables": tables,
        "participants": participants,
        "interpreters": interpreters,
        "meetings": meetings,
        "objective": objective,
    }


def _broken(inst: Instance, assignments: list[Assignment], *, whole: bool = True) -> bool:
    """Whether the validator finds a broken rule (in part of a schedule: not fairness, which
    a part may break and the whole keep)."""
    sol = Solution(status=Status.FEASIBLE, assignments=assignments)
    skip = NOT_A_RULE if whole else NOT_A_RULE | {"fairness"}
    return any(v.kind not in skip for v in check_solution(inst, sol).violations)


def _placed(inst: Instance, starts: dict[str, int]) -> list[Assignment] | None:
    """Tables and interpreters for a timetable, tried one meeting at a time (None: none fit)."""
    tables = [t.id for t in inst.tables] if isinstance(inst.tables, list) else [None]
    helpers = [i.id for i in inst.interpreters]
    meetings = {m.id: m for m in inst.meetings}
    order = sorted(starts)

    def extend(done: list[Assignment], k: int) -> list[Assignment] | None:
        if k == len(order):
            return done
        mid = order[k]
        who = helpers if needs_interpreter(inst, meetings[mid]) else [None]
        for table, helper in itertools.product(tables, who):
            here = [
                *done,
                Assignment(meeting=mid, slot=starts[mid], table=table, interpreter=helper),
            ]
            if not _broken(inst, here, whole=False):
                found = extend(here, k + 1)
                if found is not None:
                    return found
        return None

    return extend([], 0)


def best_by_trying_everything(inst: Instance) -> tuple[int, int, int] | None:
    """The best (priority, -moved, -breaks) of all schedules the validator accepts."""
    sids = [s.id for s in inst.slots]
    mids = [m.id for m in inst.meetings]
    # a fixed meeting is held at its slot whenever it can be there (docs/scheduling-format.md);
    # whether it can is the engine's documented check of the meeting alone, before any search
    prob = compile_problem(inst)
    ruled_out = {prob.meet_ids[m] for m in prob.no_start_reason}
    fixed = {m.id: m.fixed for m in inst.meetings if m.fixed is not None}
    unheld: list[int | None] = [] if inst.objective.schedule == "all" else [None]
    choices: list[list[int | None]] = [
        unheld
        if mid in ruled_out and mid in fixed
        else [fixed[mid]]
        if mid in fixed
        else [*sids, *unheld]
        for mid in mids
    ]
    prev = inst.objective.previous or {}
    priority = {m.id: m.priority for m in inst.meetings}
    best: tuple[int, int, int] | None = None
    for pick in itertools.product(*choices):
        starts = {mid: k for mid, k in zip(mids, pick, strict=True) if k is not None}
        pri = sum(priority[mid] for mid in starts)
        moved = sum(1 for mid, sid in prev.items() if starts.get(mid) != sid)
        brk = sum(breaks_per_participant(inst, starts).values())
        key = (pri, -moved, -brk)
        if best is not None and key <= best:
            continue
        placed = _placed(inst, starts)
        if placed is not None and not _broken(inst, placed):
            best = key
    return best


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=tiny(), engine=st.sampled_from(["cpsat", "auto"]))
def test_what_the_engine_proves_optimal_no_schedule_beats(raw: dict[str, Any], engine: str) -> None:
    inst = load_instance(raw)
    sol = solve(inst, seconds=20, workers=1, seed=0, engine=engine)  # type: ignore[arg-type]
    assert check_solution(inst, sol).ok
    best = best_by_trying_everything(inst)
    if best is None:
        assert sol.status == Status.INFEASIBLE, (raw, sol.to_json())
        return
    said = (best, raw, sol.to_json())
    assert sol.status == Status.OPTIMAL, said  # tiny: always proven
    o = sol.objective
    assert (o.priority, -o.moved, -o.breaks) == best, said
