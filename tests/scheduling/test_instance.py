"""The instance format: loader errors name the field and the entity; schemas ship and match."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import keruen.scheduling as sched
from keruen.scheduling import (
    InstanceError,
    instance_json_schema,
    load_instance,
    solution_json_schema,
)

pytestmark = pytest.mark.unit

PKG = Path(sched.__file__).parent


def base(**over: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "format": "keruen-schedule-instance/1",
        "slots": [{"id": 1, "day": 1}, {"id": 2, "day": 1}, {"id": 3, "day": 2}],
        "tables": [{"id": "T1"}, {"id": "T2"}],
        "participants": [{"id": "a", "languages": ["ru"]}, {"id": "b", "languages": ["zh"]}],
        "meetings": [
            {"id": "m1", "participants": ["a", "b"]},
            {"id": "m2", "participants": ["a", "b"]},
        ],
    }
    raw.update(over)
    return raw


def error(raw: dict[str, Any]) -> str:
    with pytest.raises(InstanceError) as exc:
        load_instance(raw)
    return str(exc.value)


def test_valid_instance_loads_with_defaults() -> None:
    inst = load_instance(base())
    assert inst.meetings[0].priority == 1
    assert inst.meetings[0].length == 1
    assert inst.participants[0].capacity == 1
    assert inst.objective.schedule == "all"


def test_undeclared_participant_names_meeting_and_field() -> None:
    raw = base(
        meetings=[
            {"id": "m1", "participants": ["a", "b"]},
            {"id": "m13", "participants": ["a", "p99"]},
        ]
    )
    assert error(raw) == 'meetings[1] (id "m13").participants[1]: participant "p99" is not declared'


def test_structural_error_names_entity() -> None:
    raw = base(meetings=[{"id": "m1", "participants": ["a", "b"], "priority": "high"}])
    assert error(raw).startswith('meetings[0] (id "m1").priority:')


@pytest.mark.parametrize(
    ("meeting", "field"),
    [
        ({"fixed": True}, "fixed"),  # "fixed": true would have pinned it to slot 1
        ({"priority": "2"}, "priority"),
        ({"length": 1.0}, "length"),
    ],
)
def test_a_number_written_as_something_else_is_refused_not_guessed(
    meeting: dict[str, Any], field: str
) -> None:
    raw = base(meetings=[{"id": "m1", "participants": ["a", "b"], **meeting}])
    assert error(raw) == f'meetings[0] (id "m1").{field}: must be a whole number'


def test_wrong_format() -> None:
    assert error(base(format="other/1")).startswith("format:")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"participants": [{"id": "a"}, {"id": "a"}]}, 'participants[1]: duplicate id "a"'),
        (
            {
                "meetings": [
                    {"id": "m1", "participants": ["a", "b"], "after": ["m2"]},
                    {"id": "m2", "participants": ["a", "b"], "after": ["m1"]},
                ]
            },
            "cycle of 'after'",
        ),
        (
            {"participants": [{"id": "a", "table": "T9"}, {"id": "b"}]},
            'participants[0] (id "a").table: table "T9" is not declared',
        ),
        (
            {"meetings": [{"id": "m1", "participants": ["a", "b"], "slots": [7]}]},
            'meetings[0] (id "m1").slots[0]: slot 7 is not declared',
        ),
        ({"slots": [{"id": 1, "day": 2}, {"id": 2, "day": 1}]}, "list slots in time order"),
        ({"objective": {"previous": {"m1": 9}}}, "objective.previous.m1: slot 9 is not declared"),
        (
            {"meetings": [{"id": "m1", "participants": ["a", "b"], "table": "T7"}]},
            'meetings[0] (id "m1").table: table "T7" is not declared',
        ),
        (
            {"meetings": [{"id": "m1", "participants": ["a", "b"], "fixed": 8}]},
            'meetings[0] (id "m1").fixed: slot 8 is not declared',
        ),
    ],
)
def test_semantic_errors(change: dict[str, Any], expected: str) -> None:
    assert expected in error(base(**change))


def test_shipped_schemas_match_models() -> None:
    shipped = json.loads((PKG / "instance.schema.json").read_text())
    assert shipped == instance_json_schema()
    assert json.loads((PKG / "solution.schema.json").read_text()) == solution_json_schema()


def test_schema_accepts_valid_and_rejects_invalid() -> None:
    schema = instance_json_schema()
    jsonschema.validate(base(), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(base(tables="many"), schema)


def test_needs_interpreter_default() -> None:
    inst = load_instance(base())
    assert sched.instance.needs_interpreter(inst, inst.meetings[0])
    inst = load_instance(base(participants=[{"id": "a"}, {"id": "b", "languages": ["zh"]}]))
    assert not sched.instance.needs_interpreter(inst, inst.meetings[0])
