"""Hand-made tiny instances, one per rule, with their exact optimum; every result validated."""

from __future__ import annotations

from typing import Any

import pytest
from sched_helpers import make, solved

from keruen.scheduling import Status, explain

pytestmark = pytest.mark.unit


def test_breaks_are_counted_and_minimised() -> None:
    forced = make(
        [
            {"id": "m1", "participants": ["a", "b"], "fixed": 1},
            {"id": "m2", "participants": ["a", "c"], "fixed": 3},
        ],
        slots=3,
    )
    sol = solved(forced)
    assert (sol.status, sol.objective.breaks) == (Status.OPTIMAL, 1)
    free = make(
        [
            {"id": "m1", "participants": ["a", "b"]},
            {"id": "m2", "participants": ["a", "c"]},
            {"id": "m3", "participants": ["a", "d"]},
        ],
        slots=5,
    )
    sol = solved(free)
    assert (sol.status, sol.objective.breaks) == (Status.OPTIMAL, 0)


def test_days_split_agendas_but_a_lunch_pause_does_not() -> None:
    slots = [
        {"id": 1, "day": 1, "start": "09:00"},
        {"id": 2, "day": 1, "start": "14:00"},
        {"id": 3, "day": 2, "start": "09:00"},
        {"id": 4, "day": 2, "start": "10:00"},
    ]
    inst = make(
        [
            {"id": "m1", "participants": ["a", "b"], "fixed": 2},
            {"id": "m2", "participants": ["a", "c"], "fixed": 3},
            {"id": "m3", "participants": ["a", "d"], "slots": [1, 4]},
        ],
        slots=slots,
    )
    sol = solved(inst)
    # m3 at slot 1 joins m1 across the lunch pause; slot 4 would also be gap-free (next to m2)
    assert sol.objective.breaks == 0


def test_capacity_lets_a_delegation_hold_two_meetings_at_once() -> None:
    inst = make(
        [{"id": "m1", "participants": ["d", "e"]}, {"id": "m2", "participants": ["d", "f"]}],
        slots=1,
        participants=[{"id": "d", "capacity": 2}, {"id": "e"}, {"id": "f"}],
    )
    assert solved(inst).status == Status.OPTIMAL


def test_table_count_limits_meetings_per_slot() -> None:
    inst = make(
        [
            {"id": "m1", "participants": ["a", "b"], "priority": 1},
            {"id": "m2", "participants": ["c", "d"], "priority": 2},
            {"id": "m3", "participants": ["e", "f"], "priority": 3},
        ],
        slots=1,
        tables=2,
        objective={"schedule": "most"},
    )
    sol = solved(inst)
    assert (sol.status, sol.objective.priority, sol.bound.priority) == (Status.OPTIMAL, 5, 5)
    assert [u.meeting for u in sol.unscheduled] == ["m1"]
    assert "no table free" in sol.unscheduled[0].reason


def test_listed_tables_unavailability_and_host_tables() -> None:
    inst = make(
        [
            {"id": "m1", "participants": ["h", "b"]},
            {"id": "m2", "participants": ["h", "c"]},
            {"id": "m3", "participants": ["b", "c"], "fixed": 1},
        ],
        slots=3,
        tables=[{"id": "T1", "unavailable": [2, 3]}, {"id": "H"}],
        participants=[{"id": "h", "table": "H"}, {"id": "b"}, {"id": "c"}],
    )
    sol = solved(inst)
    tables = {a.meeting: a.table for a in sol.assignments}
    assert tables == {"m1": "H", "m2": "H", "m3": "T1"}


def test_fixed_meeting_on_an_unavailable_table_is_infeasible() -> None:
    inst = make(
        [{"id": "m1", "participants": ["a", "b"], "fixed": 1}],
        slots=2,
        tables=[{"id": "T1", "unavailable": [1]}],
    )
    sol = solved(inst)
    assert sol.status == Status.INFEASIBLE
    assert sol.unscheduled[0].reason == "no table free when a and b are"


def test_interpreters_are_a_limited_resource() -> None:
    inst = make(
        [
            {"id": "m1", "participants": ["a", "b"], "priority": 2},
            {"id": "m2", "participants": ["c", "d"], "priority": 1},
        ],
        slots=1,
        participants=[
            {"id": "a", "languages": ["ru"]},
            {"id": "b", "languages": ["zh"]},
            {"id": "c", "languages": ["kk", "ru"]},
            {"id": "d", "languages": ["zh"]},
        ],
        interpreters=[{"id": "i1", "languages": ["ru", "zh"]}],
        objective={"schedule": "most"},
    )
    sol = solved(inst)
    assert sol.objective.priority == 2
    assert sol.assignments[0].interpreter == "i1"
    assert sol.unscheduled[0].reason == "no kk/ru–zh interpreter free when c and d are"


def test_no_suitable_interpreter_is_reported() -> None:
    inst = make(
        [{"id": "m1", "participants": ["a", "b"]}],
        participants=[{"id": "a", "languages": ["kk"]}, {"id": "b", "languages": ["zh"]}],
        interpreters=[{"id": "i1", "languages": ["ru", "zh"]}],
    )
    sol = solved(inst)
    assert sol.status == Status.INFEASIBLE
    assert sol.unscheduled[0].reason == "no interpreter speaks kk–zh"


def test_fairness_is_hard() -> None:
    meetings = [
        {"id": "m1", "participants": ["a", "b"], "fixed": 1},
        {"id": "m2", "participants": ["a", "c"], "fixed": 3},
        {"id": "m3", "participants": ["d", "e"]},
    ]
    assert solved(make(meetings, slots=3, objective={"fairness": 0})).status == Status.INFEASIBLE
    assert solved(make(meetings, slots=3, objective={"fairness": 1})).objective.breaks == 1


def test_fairness_relative_to_the_minimum() -> None:
    # everyone has two fixed meetings with a gap: min breaks is 1, so fairness 0 holds
    meetings = [
        {"id": "m1", "participants": ["a", "b"], "fixed": 1},
        {"id": "m2", "participants": ["a", "b"], "fixed": 3},
    ]
    sol = solved(make(meetings, slots=3, objective={"fairness": 0}))
    assert (sol.status, sol.objective.breaks) == (Status.OPTIMAL, 2)


def test_most_maximises_priority_before_breaks() -> None:
    inst = make(
        [
            {"id": "m1", "participants": ["a", "b"], "priority": 3},
            {"id": "m2", "participants": ["a", "c"], "priority": 1},
            {"id": "m3", "participants": ["a", "d"], "priority": 1},
        ],
        slots=2,
        objective={"schedule": "most"},
    )
    sol = solved(inst)
    assert (sol.objective.priority, sol.objective.breaks) == (4, 0)


def test_reschedule_moves_the_fewest_meetings() -> None:
    meetings = [
        {"id": "m1", "participants": ["a", "b"]},
        {"id": "m2", "participants": ["c", "d"]},
        {"id": "m3", "participants": ["b", "c"]},
    ]
    previous = {"m1": 1, "m2": 1, "m3": 2}
    inst = make(
        meetings,
        slots=3,
        participants=[{"id": "a", "unavailable": [1]}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
        objective={"schedule": "all", "previous": previous},
    )
    sol = solved(inst)
    assert (sol.status, sol.objective.moved, sol.bound.moved) == (Status.OPTIMAL, 1, 1)
    assert sol.start_of()["m2"] == 1


def test_two_slot_talk_and_order() -> None:
    inst = make(
        [
            {"id": "g2b", "participants": ["gov", "b"], "length": 2},
            {"id": "m2", "participants": ["b", "c"], "after": ["g2b"]},
            {"id": "m3", "participants": ["gov", "c"]},
        ],
        slots=4,
    )
    sol = solved(inst)
    start = sol.start_of()
    assert start["m2"] >= start["g2b"] + 2
    # whichever order, someone waits once: gov, b and c form a triangle around a 2-slot talk
    assert (sol.status, sol.objective.breaks) == (Status.OPTIMAL, 1)


def test_infeasible_all_is_a_result_with_a_reason() -> None:
    inst = make(
        [{"id": "m1", "participants": ["a", "b"]}, {"id": "m2", "participants": ["a", "c"]}],
        slots=1,
    )
    sol = solved(inst)
    assert sol.status == Status.INFEASIBLE
    assert sol.assignments == []


def test_unscheduled_reason_when_participants_are_busy() -> None:
    inst = make(
        [
            {"id": "m1", "participants": ["a", "b"], "priority": 5},
            {"id": "m2", "participants": ["a", "c"], "priority": 1},
        ],
        slots=1,
        objective={"schedule": "most"},
    )
    sol = solved(inst)
    assert (
        sol.unscheduled[0].reason
        == "every common free slot of a and c is taken by their other meetings (a: m1)"
    )
    assert explain(inst, sol, "m2").startswith("m2 is unscheduled: every common free slot")
    assert explain(inst, sol, "m1") == "m1 is scheduled at slot 1"


def test_no_common_free_slot() -> None:
    inst = make(
        [{"id": "m1", "participants": ["a", "b"]}],
        slots=2,
        participants=[{"id": "a", "unavailable": [1]}, {"id": "b", "unavailable": [2]}],
        objective={"schedule": "most"},
    )
    sol = solved(inst)
    assert sol.unscheduled[0].reason == "no common free slot for a and b"


def test_tables_keep_people_in_place() -> None:
    inst = make(
        [
            {"id": "m1", "participants": ["a", "b"], "fixed": 1},
            {"id": "m2", "participants": ["a", "c"], "fixed": 2},
            {"id": "m3", "participants": ["d", "e"], "fixed": 2},
        ],
        slots=2,
        tables=[{"id": "T1"}, {"id": "T2"}],
    )
    sol = solved(inst)
    tables = {a.meeting: a.table for a in sol.assignments}
    assert tables["m1"] == tables["m2"]
    assert sol.objective.table_changes == 0


@pytest.mark.parametrize("engine", ["heuristic", "maxsat"])
def test_other_engines_agree_on_small_instances(engine: str) -> None:
    inst = make(
        [
            {"id": "m1", "participants": ["a", "b"]},
            {"id": "m2", "participants": ["a", "c"]},
            {"id": "m3", "participants": ["b", "c"]},
            {"id": "m4", "participants": ["a", "d"]},
        ],
        slots=4,
        tables=2,
        objective={"fairness": 1},
    )
    exact = solved(inst, "cpsat")
    other = solved(inst, engine)
    assert other.objective.priority == exact.objective.priority
    if engine == "maxsat":
        assert (other.status, other.objective.breaks) == (Status.OPTIMAL, exact.objective.breaks)


def test_heuristic_reports_gap_to_a_proven_bound() -> None:
    inst = make(
        [
            {"id": "m1", "participants": ["a", "b"], "priority": 3},
            {"id": "m2", "participants": ["a", "c"], "priority": 2},
            {"id": "m3", "participants": ["b", "c"], "priority": 1},
        ],
        slots=1,
        objective={"schedule": "most"},
    )
    sol = solved(inst, "heuristic")
    assert sol.objective.priority == 3
    assert sol.bound.priority is not None
    assert 3 <= sol.bound.priority <= 6


def test_a_left_out_meeting_is_not_blamed_on_interpreters_a_swap_would_free() -> None:
    """i1 (kk, ru, zh) sits with m1 (ru-zh) while i2 (ru, zh) is free: m2 (kk-zh) could have
    i1 if m1 took i2, so interpreters are not why m2 is out; with i2 gone they are."""
    from keruen.scheduling.explain import reason_unscheduled
    from keruen.scheduling.problem import compile_problem

    def reason(interpreters: list[dict[str, Any]]) -> str:
        inst = make(
            [
                {"id": "m1", "participants": ["a", "b"]},
                {"id": "m2", "participants": ["c", "d"]},
            ],
            slots=1,
            participants=[
                {"id": "a", "languages": ["ru"]},
                {"id": "b", "languages": ["zh"]},
                {"id": "c", "languages": ["kk"]},
                {"id": "d", "languages": ["zh"]},
            ],
            interpreters=interpreters,
            objective={"schedule": "most"},
        )
        return reason_unscheduled(compile_problem(inst), {0: 0}, 1)

    both = [{"id": "i1", "languages": ["kk", "ru", "zh"]}, {"id": "i2", "languages": ["ru", "zh"]}]
    assert reason(both).startswith("could be held at slot 1")
    assert reason(both[:1]) == "no kk–zh interpreter free when c and d are"


def test_an_overloaded_participant_is_named_when_every_meeting_must_be_held() -> None:
    """Mode 'all' with one participant holding more meetings than it has slots: the answer is
    "infeasible" naming that participant, in the reader's language, not "the hard constraints
    cannot all hold" (and in mode 'most' the rest is planned)."""
    from keruen.i18n import get_translations
    from keruen.scheduling import words

    crowded = [{"id": f"m{i}", "participants": ["a", f"b{i}"]} for i in range(3)]
    sol = solved(make(crowded, slots=2))
    assert sol.status == Status.INFEASIBLE
    assert sol.message == "participant 'a' has 3 meeting slots to hold in 2 slots where it can meet"
    said = words.message(sol.message, get_translations("ru").gettext)
    assert said == "у a встречи занимают слотов: 3, а слотов, где он может встречаться: 2"
    # confined: three one-slot meetings of c with partners who are there in slots 1-2 only
    confined = [{"id": f"n{i}", "participants": ["c", f"d{i}"]} for i in range(3)] + [
        {"id": "n9", "participants": ["c", "e"]}
    ]
    people = [{"id": "c"}, {"id": "e"}] + [
        {"id": f"d{i}", "unavailable": [3, 4, 5]} for i in range(3)
    ]
    sol = solved(make(confined, slots=5, participants=people))
    assert sol.status == Status.INFEASIBLE
    assert sol.message is not None and sol.message.startswith("participant 'c' has 3 meeting")
    seated = [{"id": f"t{i}", "participants": [f"x{i}", f"y{i}"]} for i in range(5)]
    sol = solved(make(seated, slots=2, tables=2))
    assert sol.status == Status.INFEASIBLE
    assert sol.message == "the meetings need 5 table slots and the tables have 4"
    said = words.message(sol.message, get_translations("zh").gettext)
    assert "5" in said and "4" in said and "table" not in said
    most = solved(make(crowded, slots=2, objective={"schedule": "most"}))
    assert len(most.assignments) == 2 and len(most.unscheduled) == 1
