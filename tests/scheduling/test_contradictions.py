"""One contradictory meeting never sinks a whole plan.

In mode "most" it is left out with a reason a person can read and the rest is planned; in
mode "all" the answer is "infeasible", naming it. Meetings between two hosts sit at one of
their tables (the instance may say which).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sched_helpers import make, solved
from typer.testing import CliRunner

from keruen.cli.schedule import app
from keruen.scheduling import Status, check_solution, load_instance, solve

pytestmark = pytest.mark.unit

ENGINES = ["cpsat", "heuristic", "auto"]


def hosts_instance(mode: str = "most", **meeting: Any) -> Any:
    """Two officials hosting at T1 and T2, a G2B talk between them, and other meetings."""
    return make(
        [
            {"id": "g2b", "participants": ["gov1", "gov2"], "length": 2, **meeting},
            {"id": "m1", "participants": ["gov1", "c1"]},
            {"id": "m2", "participants": ["gov2", "c2"]},
            {"id": "m3", "participants": ["c1", "c2"]},
        ],
        slots=4,
        tables=[{"id": "T1"}, {"id": "T2"}, {"id": "P1"}],
        participants=[
            {"id": "gov1", "table": "T1"},
            {"id": "gov2", "table": "T2"},
            {"id": "c1"},
            {"id": "c2"},
        ],
        objective={"schedule": mode},
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_meeting_between_two_hosts_sits_at_one_of_their_tables(engine: str) -> None:
    inst = hosts_instance(mode="all")
    sol = solved(inst, engine=engine)
    assert sol.status.has_schedule
    at = {a.meeting: a.table for a in sol.assignments}
    assert set(at) == {"g2b", "m1", "m2", "m3"}
    assert at["g2b"] in {"T1", "T2"}
    assert at["m1"] == "T1"
    assert at["m2"] == "T2"
    assert at["m3"] == "P1"


@pytest.mark.parametrize("engine", ENGINES)
def test_instance_may_say_which_host_table(engine: str) -> None:
    sol = solved(hosts_instance(mode="all", table="T2"), engine=engine)
    assert {a.meeting: a.table for a in sol.assignments}["g2b"] == "T2"


def test_validator_refuses_a_talk_between_hosts_at_a_pool_table() -> None:
    inst = hosts_instance(mode="all")
    sol = solved(inst)
    for a in sol.assignments:
        if a.meeting == "g2b":
            a.table = "P1"
    assert "host-table" in check_solution(inst, sol).kinds()


def test_a_table_reserved_for_another_host_leaves_the_meeting_out() -> None:
    inst = make(
        [
            {"id": "m1", "participants": ["a", "b"], "table": "T1"},
            {"id": "m2", "participants": ["a", "c"]},
        ],
        tables=[{"id": "T1"}, {"id": "P1"}],
        participants=[{"id": "host", "table": "T1"}, {"id": "a"}, {"id": "b"}, {"id": "c"}],
        objective={"schedule": "most"},
    )
    sol = solved(inst)
    assert [a.meeting for a in sol.assignments] == ["m2"]
    assert sol.unscheduled[0].meeting == "m1"
    assert sol.unscheduled[0].reason == "its table 'T1' is reserved for 'host'"


def fixed_where_unavailable(mode: str) -> Any:
    return make(
        [
            {"id": "fixed", "participants": ["a", "b"], "fixed": 2},
            {"id": "m2", "participants": ["a", "c"]},
            {"id": "m3", "participants": ["b", "c"]},
        ],
        participants=[{"id": "a", "unavailable": [2]}, {"id": "b"}, {"id": "c"}],
        objective={"schedule": mode},
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_fixed_meeting_where_a_participant_is_away_is_left_out_in_mode_most(engine: str) -> None:
    sol = solved(fixed_where_unavailable("most"), engine=engine)
    assert sol.status.has_schedule
    assert sorted(a.meeting for a in sol.assignments) == ["m2", "m3"]
    assert [(u.meeting, u.reason) for u in sol.unscheduled] == [
        ("fixed", "it is fixed at slot 2, where a is unavailable")
    ]


def test_fixed_meeting_where_a_participant_is_away_is_infeasible_in_mode_all() -> None:
    sol = solve(fixed_where_unavailable("all"), seconds=5, workers=1)
    assert sol.status == Status.INFEASIBLE
    assert sol.message == "meeting 'fixed': it is fixed at slot 2, where a is unavailable"
    assert [u.meeting for u in sol.unscheduled] == ["fixed"]


def test_two_fixed_meetings_of_one_person_in_one_slot_keep_the_higher_priority() -> None:
    inst = make(
        [
            {"id": "low", "participants": ["a", "b"], "fixed": 1},
            {"id": "high", "participants": ["a", "c"], "fixed": 1, "priority": 3},
            {"id": "m3", "participants": ["b", "c"]},
        ],
        objective={"schedule": "most"},
    )
    sol = solved(inst)
    assert sorted(a.meeting for a in sol.assignments) == ["high", "m3"]
    assert sol.unscheduled[0].meeting == "low"
    assert sol.unscheduled[0].reason == (
        "it is fixed at slot 1, where 'a' already has the fixed meeting 'high'"
    )


SPEAKERS = [
    {"id": "a", "languages": ["ru"]},
    {"id": "b", "languages": ["zh"]},
    {"id": "c", "languages": ["ru"]},
    {"id": "d", "languages": ["zh"]},
]
#: two fixed meetings the rules of one slot cannot both hold; "low" is the one to leave out
SHARED_RESOURCE_CLASHES: dict[str, tuple[dict[str, Any], str]] = {
    "tables": (
        {"tables": 1},
        "it is fixed at slot 1, where every free table is taken by the fixed meeting 'high'",
    ),
    "pool tables": (
        {"tables": [{"id": "P1"}, {"id": "P2", "unavailable": [1]}]},
        "it is fixed at slot 1, where every free table is taken by the fixed meeting 'high'",
    ),
    "interpreters": (
        {"participants": SPEAKERS, "interpreters": [{"id": "i1", "languages": ["ru", "zh"]}]},
        "it is fixed at slot 1, where every interpreter it could have is taken by the fixed "
        "meeting 'high'",
    ),
}


def fixed_pair(mode: str, **extra: Any) -> Any:
    return make(
        [
            {"id": "low", "participants": ["a", "b"], "fixed": 1},
            {"id": "high", "participants": ["c", "d"], "fixed": 1, "priority": 2},
            {"id": "m3", "participants": ["a", "c"]},
        ],
        objective={"schedule": mode},
        **extra,
    )


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("clash", sorted(SHARED_RESOURCE_CLASHES))
def test_fixed_meetings_over_a_slots_tables_or_interpreters_leave_one_out(
    clash: str, engine: str
) -> None:
    extra, reason = SHARED_RESOURCE_CLASHES[clash]
    sol = solved(fixed_pair("most", **extra), engine=engine)
    assert sorted(a.meeting for a in sol.assignments) == ["high", "m3"]
    assert [(u.meeting, u.reason) for u in sol.unscheduled] == [("low", reason)]


@pytest.mark.parametrize("clash", sorted(SHARED_RESOURCE_CLASHES))
def test_fixed_meetings_over_a_slots_tables_or_interpreters_name_one_in_mode_all(
    clash: str,
) -> None:
    extra, reason = SHARED_RESOURCE_CLASHES[clash]
    sol = solve(fixed_pair("all", **extra), seconds=5, workers=1)
    assert sol.status == Status.INFEASIBLE
    assert sol.message == f"meeting 'low': {reason}"


def fixed_out_of_order(mode: str) -> Any:
    return make(
        [
            {"id": "closing", "participants": ["a", "b"], "fixed": 3, "priority": 2},
            {"id": "follow-up", "participants": ["a", "c"], "fixed": 1, "after": ["closing"]},
            {"id": "m3", "participants": ["b", "c"]},
        ],
        objective={"schedule": mode},
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_fixed_meetings_in_the_wrong_order_leave_one_out(engine: str) -> None:
    sol = solved(fixed_out_of_order("most"), engine=engine)
    assert sorted(a.meeting for a in sol.assignments) == ["closing", "m3"]
    assert [(u.meeting, u.reason) for u in sol.unscheduled] == [
        (
            "follow-up",
            "it is fixed at slot 1, before the fixed meeting 'closing' it must follow has ended",
        )
    ]


def test_fixed_meetings_in_the_wrong_order_are_infeasible_in_mode_all(tmp_path: Path) -> None:
    path = write(tmp_path, fixed_out_of_order("all"))
    out = tmp_path / "solution.json"
    result = CliRunner().invoke(
        app, ["solve", str(path), "-o", str(out), "--seconds", "5", "--quiet"]
    )
    assert result.exit_code == 3, result.output
    assert "meeting follow-up: the required order of meetings cannot be kept" in result.output


def test_meeting_longer_than_any_day_is_left_out_in_mode_most() -> None:
    inst = make(
        [
            {"id": "long", "participants": ["a", "b"], "length": 5},
            {"id": "m2", "participants": ["a", "b"]},
        ],
        slots=4,
        objective={"schedule": "most"},
    )
    sol = solved(inst)
    assert [a.meeting for a in sol.assignments] == ["m2"]
    assert sol.unscheduled[0].reason == (
        "no allowed start slot where a 5-slot meeting fits in a day"
    )


def write(tmp_path: Path, inst: Any) -> Path:
    path = tmp_path / "instance.json"
    path.write_text(inst.model_dump_json(exclude_none=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("mode", "code"), [("most", 0), ("all", 3)])
def test_cli_plans_the_rest_or_names_the_meeting(tmp_path: Path, mode: str, code: int) -> None:
    path = write(tmp_path, fixed_where_unavailable(mode))
    out = tmp_path / "solution.json"
    result = CliRunner().invoke(
        app, ["solve", str(path), "-o", str(out), "--seconds", "5", "--quiet"]
    )
    assert result.exit_code == code, result.output
    assert "fixed" in out.read_text(encoding="utf-8")
    if mode == "all":
        assert "meeting fixed:" in result.output


def test_cli_solves_a_talk_between_hosts(tmp_path: Path) -> None:
    path = write(tmp_path, hosts_instance(mode="all"))
    out = tmp_path / "solution.json"
    result = CliRunner().invoke(
        app, ["solve", str(path), "-o", str(out), "--seconds", "5", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    check = CliRunner().invoke(app, ["check", str(path), str(out)])
    assert check.exit_code == 0, check.output
    assert load_instance(path).meetings[0].participants == ["gov1", "gov2"]


def test_every_reason_for_leaving_a_meeting_out_reads_as_a_sentence_in_the_readers_language() -> (
    None
):
    """The organizer's schedule page names why a meeting was left out in their language (the
    engine's reasons are English with instance ids): no reason of these cases falls through to
    the generic "it cannot be placed (…)" with the engine's words inside."""
    from keruen.i18n import get_translations
    from keruen.meetings.queries import _why

    ru = get_translations("ru").gettext
    instances = [
        fixed_where_unavailable("most"),
        fixed_out_of_order("most"),
        make(
            [
                {"id": "m1", "participants": ["a", "b"], "table": "T1"},
                {"id": "m2", "participants": ["a", "c"]},
            ],
            tables=[{"id": "T1"}, {"id": "P1"}],
            participants=[{"id": "host", "table": "T1"}, {"id": "a"}, {"id": "b"}, {"id": "c"}],
            objective={"schedule": "most"},
        ),
        make(
            [
                {"id": "long", "participants": ["a", "b"], "length": 5},
                {"id": "m2", "participants": ["a", "b"]},
            ],
            slots=4,
            objective={"schedule": "most"},
        ),
        *(fixed_pair("most", **extra) for extra, _ in SHARED_RESOURCE_CLASHES.values()),
    ]
    reasons = [u.reason for inst in instances for u in solved(inst).unscheduled]
    assert len(reasons) >= len(instances)
    generic = ru("it cannot be placed (%(detail)s)").split("(")[0]
    for reason in reasons:
        said = _why(reason, ru)
        assert not said.startswith(generic), reason
        assert not any("a" <= c <= "z" for c in said), (reason, said)  # Russian, no engine ids
