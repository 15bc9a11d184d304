"""The solution format, version 1."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .instance import FormatError, _pydantic_message, json_problem, unreadable

SOLUTION_FORMAT = "keruen-schedule-solution/1"

__all__ = [
    "SOLUTION_FORMAT",
    "Assignment",
    "Bound",
    "ObjectiveValue",
    "Solution",
    "SolutionError",
    "Status",
    "Unscheduled",
    "load_solution",
    "solution_json_schema",
]


class SolutionError(FormatError):
    """A solution file cannot be read or does not follow the format (see `FormatError`)."""


class Status(StrEnum):
    """Outcome of a solve. OPTIMAL: proven optimal for priority, moved and breaks."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"

    @property
    def has_schedule(self) -> bool:
        return self in (Status.OPTIMAL, Status.FEASIBLE)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ObjectiveValue(_Model):
    """Values of the lexicographic objective (priority is maximised, the rest minimised)."""

    priority: int = 0
    moved: int = 0
    breaks: int = 0
    table_changes: int = Field(
        default=0, description="Consecutive meetings of one participant at different tables."
    )


class Bound(_Model):
    """Best proven bounds: an upper bound on priority, lower bounds on moved and breaks."""

    priority: int | None = None
    moved: int | None = None
    breaks: int | None = None


class Assignment(_Model):
    meeting: str
    slot: int = Field(description="Start slot id.")
    table: str | None = None
    interpreter: str | None = None


class Unscheduled(_Model):
    meeting: str
    reason: str


class Solution(_Model):
    """A schedule (or the proof there is none), format ``keruen-schedule-solution/1``."""

    format: Literal["keruen-schedule-solution/1"] = "keruen-schedule-solution/1"
    status: Status
    objective: ObjectiveValue = Field(default_factory=ObjectiveValue)
    bound: Bound = Field(default_factory=Bound)
    assignments: list[Assignment] = Field(default_factory=list)
    unscheduled: list[Unscheduled] = Field(default_factory=list)
    seconds: float = 0.0
    engine: str | None = Field(default=None, description="Which engine produced it.")
    message: str | None = Field(default=None, description="Why, when infeasible or unknown.")

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1)

    def start_of(self) -> dict[str, int]:
        """{meeting id: start slot id} of the held meetings."""
        return {a.meeting: a.slot for a in self.assignments}


def solution_json_schema() -> dict[str, Any]:
    """The JSON Schema of the solution format (what ``solution.schema.json`` ships)."""
    schema = Solution.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://keruen.example/schemas/keruen-schedule-solution-1.json"
    return schema


def load_solution(source: str | Path | dict[str, Any]) -> Solution:
    """Read a solution from a path, a JSON string or a dict; raise `SolutionError`."""
    try:
        if isinstance(source, dict):
            raw: Any = source
        elif isinstance(source, Path) or not source.lstrip().startswith("{"):
            raw = json.loads(Path(source).read_text(encoding="utf-8"))
        else:
            raw = json.loads(source)
        return Solution.model_validate(raw)
    except OSError as exc:
        template, params = unreadable(str(source), exc)
        raise SolutionError("", template, **params) from exc
    except json.JSONDecodeError as exc:
        template, params = json_problem(exc)
        raise SolutionError("", template, **params) from exc
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        template, params = _pydantic_message(err)
        raise SolutionError(loc, template, **params) from None
