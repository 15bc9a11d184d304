"""keruen.scheduling: optimal B2B and G2B meeting schedules (a pure library).

Load an instance (`load_instance`), solve it (`solve`), check any solution independently
(`check_solution`) and say why a meeting is unscheduled (`explain`). The file formats are
described in docs/scheduling-format.md and shipped as JSON Schemas next to this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .explain import Explanation, explain, explanation
from .instance import (
    INSTANCE_FORMAT,
    FormatError,
    Instance,
    InstanceError,
    Interpreter,
    Limits,
    Meeting,
    Objective,
    Participant,
    Slot,
    Table,
    instance_json_schema,
    load_instance,
)
from .outcome import Engine, Progress
from .solution import (
    SOLUTION_FORMAT,
    Assignment,
    Bound,
    ObjectiveValue,
    Solution,
    SolutionError,
    Status,
    Unscheduled,
    load_solution,
    solution_json_schema,
)
from .validate import Report, Violation, check_solution

if TYPE_CHECKING:
    from .solver import solve


def __getattr__(name: str) -> object:
    """`solve` loads the engines (OR-Tools, and with it pandas: seconds of start-up) on first
    use, so a command or a page that only reads, checks or explains schedules starts fast."""
    if name == "solve":
        from .solver import solve

        return solve
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "INSTANCE_FORMAT",
    "SOLUTION_FORMAT",
    "Assignment",
    "Bound",
    "Engine",
    "Explanation",
    "FormatError",
    "Instance",
    "InstanceError",
    "Interpreter",
    "Limits",
    "Meeting",
    "Objective",
    "ObjectiveValue",
    "Participant",
    "Progress",
    "Report",
    "Slot",
    "Solution",
    "SolutionError",
    "Status",
    "Table",
    "Unscheduled",
    "Violation",
    "check_solution",
    "explain",
    "explanation",
    "instance_json_schema",
    "load_instance",
    "load_solution",
    "solution_json_schema",
    "solve",
]
