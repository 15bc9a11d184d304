"""The independent validator catches each kind of violation and recomputes the objective."""

from __future__ import annotations

from typing import Any

import pytest
from sched_helpers import make

from keruen.scheduling import Solution, Status, check_solution

pytestmark = pytest.mark.unit

INST = make(
    [
        {"id": "m1", "participants": ["a", "b"], "slots": [1, 2, 3]},
        {"id": "m2", "participants": ["a", "c"], "after": ["m1"]},
        {"id": "m3", "participants": ["b", "c"], "interpreter": True},
        {"id": "m4", "participants": ["h", "c"], "length": 2},
    ],
    slots=[{"id": i, "day": 1 if i <= 3 else 2} for i in range(1, 7)],
    tables=[{"id": "T1", "unavailable": [6]}, {"id": "T2"}, {"id": "H"}],
    participants=[
        {"id": "a", "languages": ["ru"], "unavailable": [5]},
        {"id": "b", "languages": ["zh"]},
        {"id": "c", "languages": ["ru", "kk"]},
        {"id": "h", "languages": ["ru"], "table": "H"},
    ],
    interpreters=[
        {"id": "i1", "languages": ["ru", "zh"], "unavailable": [1]},
        {"id": "i2", "languages": ["kk"]},
    ],
    objective={"schedule": "all", "fairness": 0},
)

GOOD = [
    {"meeting": "m1", "slot": 1, "table": "T1", "interpreter": "i1"},
    {"meeting": "m2", "slot": 2, "table": "T1", "interpreter": None},
    {"meeting": "m3", "slot": 3, "table": "T2", "interpreter": "i1"},
    {"meeting": "m4", "slot": 4, "table": "H", "interpreter": None},
]


def sol(assignments: list[dict[str, Any]], **over: Any) -> Solution:
    data: dict[str, Any] = {"status": "feasible", "assignments": assignments, "unscheduled": []}
    data.update(over)
    return Solution.model_validate(data)


def valid_base() -> list[dict[str, Any]]:
    base = [
        {"meeting": "m1", "slot": 2, "table": "T1", "interpreter": "i1"},
        {"meeting": "m2", "slot": 3, "table": "T1", "interpreter": None},
        {"meeting": "m3", "slot": 4, "table": "T2", "interpreter": "i1"},
        {"meeting": "m4", "slot": 5, "table": "H", "interpreter": None},
    ]
    return base


def test_valid_base_is_valid() -> None:
    rep = check_solution(INST, sol(valid_base(), objective={"priority": 4, "breaks": 0}))
    assert rep.ok, rep.violations
    assert rep.objective.priority == 4


@pytest.mark.parametrize(
    ("index", "update", "kind"),
    [
        (0, {"slot": 4}, "allowed-slots"),
        (1, {"slot": 2, "table": "T2"}, "overlap"),
        (1, {"slot": 1}, "after"),
        (0, {"table": "T9"}, "table"),
        (0, {"table": None}, "table"),
        (2, {"slot": 3, "table": "T1"}, "table-double"),
        (3, {"table": "T2"}, "host-table"),
        (0, {"table": "H"}, "host-table"),
        (2, {"interpreter": None}, "interpreter"),
        (2, {"interpreter": "i2"}, "interpreter"),
        (2, {"interpreter": "i9"}, "interpreter"),
        (3, {"slot": 6}, "day"),
        (1, {"slot": 99}, "unknown-slot"),
    ],
)
def test_each_violation_is_caught(index: int, update: dict[str, Any], kind: str) -> None:
    assignments = valid_base()
    assignments[index].update(update)
    rep = check_solution(INST, sol(assignments, objective={"priority": 4, "breaks": 0}))
    assert kind in rep.kinds(), rep.violations


def test_unavailable_participant_and_table() -> None:
    a = valid_base()
    a[1].update({"slot": 5, "table": "T2"})  # a is unavailable in slot 5
    assert "unavailable" in check_solution(INST, sol(a)).kinds()
    b = valid_base()
    b[2].update({"slot": 6, "table": "T1"})  # T1 unavailable in 6
    assert "table" in check_solution(INST, sol(b)).kinds()


def test_missing_duplicate_and_not_all() -> None:
    a = valid_base()[:3]
    kinds = check_solution(INST, sol(a)).kinds()
    assert {"missing", "not-all"} <= kinds
    dup = [*valid_base(), valid_base()[0]]
    assert "duplicate" in check_solution(INST, sol(dup)).kinds()


def test_interpreter_double_booked_and_table_count() -> None:
    inst = make(
        [{"id": "m1", "participants": ["a", "b"]}, {"id": "m2", "participants": ["c", "d"]}],
        slots=1,
        tables=1,
        objective={"schedule": "most"},
    )
    both = [{"meeting": "m1", "slot": 1}, {"meeting": "m2", "slot": 1}]
    assert "tables" in check_solution(inst, sol(both)).kinds()
    inst2 = make(
        [{"id": "m1", "participants": ["a", "b"]}, {"id": "m2", "participants": ["c", "d"]}],
        slots=1,
        participants=[
            {"id": p, "languages": [lang]}
            for p, lang in zip("abcd", ["ru", "zh", "ru", "zh"], strict=True)
        ],
        interpreters=[{"id": "i1", "languages": ["ru", "zh"]}],
    )
    both = [
        {"meeting": "m1", "slot": 1, "interpreter": "i1"},
        {"meeting": "m2", "slot": 1, "interpreter": "i1"},
    ]
    assert (
        "interpreter-double" in check_solution(inst2, sol(both, objective={"priority": 2})).kinds()
    )


def test_fairness_and_breaks() -> None:
    a = valid_base()
    a[1].update({"slot": 1, "table": "T2"})  # m2 before m1 breaks 'after'; and c waits
    rep = check_solution(INST, sol(a, objective={"priority": 4, "breaks": 0}))
    assert "after" in rep.kinds()
    inst = make(
        [
            {"id": "m1", "participants": ["a", "b"]},
            {"id": "m2", "participants": ["a", "c"]},
            {"id": "m3", "participants": ["d", "e"]},
        ],
        slots=3,
        objective={"fairness": 0},
    )
    gap = [{"meeting": "m1", "slot": 1}, {"meeting": "m2", "slot": 3}, {"meeting": "m3", "slot": 1}]
    rep = check_solution(inst, sol(gap, objective={"priority": 3, "breaks": 1}))
    assert rep.kinds() == {"fairness"}
    assert rep.breaks["a"] == 1


def test_reported_objective_must_match() -> None:
    rep = check_solution(INST, sol(valid_base(), objective={"priority": 3, "breaks": 0}))
    assert rep.kinds() == {"objective"}


def test_infeasible_with_assignments_is_flagged() -> None:
    rep = check_solution(INST, sol(valid_base(), status=Status.INFEASIBLE.value))
    assert rep.kinds() == {"status"}


def test_moved_counts_changed_and_dropped_meetings() -> None:
    inst = make(
        [{"id": "m1", "participants": ["a", "b"]}, {"id": "m2", "participants": ["c", "d"]}],
        slots=2,
        objective={"schedule": "most", "previous": {"m1": 1, "m2": 1}},
    )
    s = sol([{"meeting": "m1", "slot": 2}], unscheduled=[{"meeting": "m2", "reason": "x"}])
    assert check_solution(inst, s).objective.moved == 2
