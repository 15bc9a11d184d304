"""The shared state of a CP-SAT model under construction."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from ..problem import Problem

Terms = dict[str, Any]


class OutOfTime(Exception):
    """Building the model passed its deadline (a large instance with a short time limit)."""


@dataclass
class Context:
    """The model, the problem, and the decision variables that rules share.

    ``x[m][k]`` is true when meeting m starts at slot position k; ``held[m]`` is 1 when it is
    held; ``cover[p][k]`` lists the start variables that make participant p busy in slot k;
    ``busy[p][k]`` (set by the participants rule) is the busy literal itself;
    ``host_choice[(m, k, t)]`` says that meeting m, started at k, sits at host table t (only
    for meetings between participants hosting at different tables); ``interp_choice[(m, k, g)]``
    that it takes an interpreter of group g (see `Problem.interpreter_types`). ``deadline``
    (a `time.monotonic()` instant) makes `check` raise `OutOfTime` once passed.
    """

    prob: Problem
    model: cp_model.CpModel
    x: list[dict[int, cp_model.IntVar]] = field(default_factory=list)
    held: list[Any] = field(default_factory=list)
    cover: list[dict[int, list[cp_model.IntVar]]] = field(default_factory=list)
    slot_cover: list[list[tuple[int, cp_model.IntVar]]] = field(default_factory=list)
    busy: list[dict[int, Any]] = field(default_factory=list)
    breaks_of: list[Any] = field(default_factory=list)
    host_choice: dict[tuple[int, int, int], Any] = field(default_factory=dict)
    interp_choice: dict[tuple[int, int, int], Any] = field(default_factory=dict)
    use_symmetry: bool = True
    deadline: float | None = None

    def check(self, n: int = 0) -> None:
        """Raise `OutOfTime` past the deadline (looked at every 128th call of a loop)."""
        if self.deadline is not None and n % 128 == 0 and time.monotonic() > self.deadline:
            raise OutOfTime
