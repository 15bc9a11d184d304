"""Hypothesis builds valid random instances; every schedule produced must pass the validator."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keruen.scheduling import Status, check_solution, load_instance, solve

LANGS = ["ru", "kk", "zh", "en"]


@st.composite
def instances(draw: st.DrawFn) -> dict[str, Any]:
    days = draw(st.integers(1, 2))
    per_day = draw(st.integers(2, 4))
    slots = [{"id": d * 10 + j, "day": d} for d in range(1, days + 1) for j in range(per_day)]
    sids = [s["id"] for s in slots]
    n = draw(st.integers(2, 6))
    listed = draw(st.booleans())
    tables: Any
    if listed:
        tables = [
            {
                "id": f"T{t}",
                "unavailable": draw(st.lists(st.sampled_from(sids), max_size=2, unique=True)),
            }
            for t in range(draw(st.integers(1, 3)))
        ]
    else:
        tables = draw(st.integers(1, 3))
    participants = []
    for i in range(n):
        p: dict[str, Any] = {
            "id": f"p{i}",
            "languages": draw(
                st.lists(st.sampled_from(LANGS), min_size=1, max_size=2, unique=True)
            ),
            "capacity": draw(st.sampled_from([1, 1, 1, 2])),
            "unavailable": draw(st.lists(st.sampled_from(sids), max_size=2, unique=True)),
        }
        participants.append(p)
    if listed and draw(st.booleans()):
        participants[0]["table"] = tables[0]["id"]
    interpreters = [
        {
            "id": f"i{k}",
            "languages": draw(
                st.lists(st.sampled_from(LANGS), min_size=2, max_size=3, unique=True)
            ),
        }
        for k in range(draw(st.integers(0, 2)))
    ]
    meetings = []
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    chosen = draw(
        st.lists(st.sampled_from(pairs), min_size=1, max_size=min(8, len(pairs)), unique=True)
    )
    for k, (a, b) in enumerate(chosen):
        m: dict[str, Any] = {
            "id": f"m{k}",
            "participants": [f"p{a}", f"p{b}"],
            "priority": draw(st.integers(1, 3)),
            "length": draw(st.sampled_from([1, 1, 1, 2])),
        }
        if k and draw(st.integers(0, 5)) == 0:
            m["after"] = [f"m{k - 1}"]
        meetings.append(m)
    objective: dict[str, Any] = {"schedule": draw(st.sampled_from(["all", "most", "most"]))}
    if draw(st.booleans()):
        objective["fairness"] = draw(st.integers(0, 2))
    if draw(st.booleans()):
        objective["previous"] = {m["id"]: draw(st.sampled_from(sids)) for m in meetings[:3]}
    return {
        "format": "keruen-schedule-instance/1",
        "slots": slots,
        "tables": tables,
        "participants": participants,
        "interpreters": interpreters,
        "meetings": meetings,
        "objective": objective,
    }


@pytest.mark.unit
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=instances(), engine=st.sampled_from(["cpsat", "heuristic", "auto"]))
def test_every_schedule_passes_the_validator(raw: dict[str, Any], engine: str) -> None:
    inst = load_instance(raw)
    sol = solve(inst, seconds=5, workers=1, seed=0, engine=engine)  # type: ignore[arg-type]
    rep = check_solution(inst, sol)
    assert rep.ok, (rep.violations, sol.to_json())
    assert sol.status != Status.UNKNOWN or engine == "heuristic"
    if sol.status == Status.INFEASIBLE:
        assert (
            inst.objective.schedule == "all"
            or any(m.fixed is not None for m in inst.meetings)
            or inst.objective.fairness is not None
        )


@pytest.mark.unit
@settings(max_examples=25, deadline=None)
@given(raw=instances())
def test_heuristic_never_beats_the_exact_optimum(raw: dict[str, Any]) -> None:
    raw["objective"]["schedule"] = "most"
    inst = load_instance(raw)
    exact = solve(inst, seconds=5, workers=1, seed=0, engine="cpsat")
    fast = solve(inst, seconds=2, workers=1, seed=0, engine="heuristic")
    if exact.status == Status.OPTIMAL and fast.status.has_schedule:
        assert fast.objective.priority <= exact.objective.priority
        assert fast.bound.priority is not None
        assert fast.bound.priority >= exact.objective.priority
