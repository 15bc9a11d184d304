"""One module per rule of the CP-SAT model.

Each module has ``add(ctx) -> dict[str, LinearExpr]``: it adds its hard constraints to
``ctx.model`` and returns named terms of the objective (empty when it has none).
"""

from __future__ import annotations

from typing import Any

from ortools.sat.python import cp_model

from ..problem import Problem
from . import breaks, implied, interpreters, meetings, participants, precedence, stability, tables
from .base import Context, OutOfTime

RULES = (meetings, participants, tables, interpreters, precedence, breaks, stability, implied)

__all__ = ["RULES", "Context", "OutOfTime", "build_model"]


def build_model(
    prob: Problem, *, symmetry: bool = True, deadline: float | None = None
) -> tuple[Context, dict[str, Any]]:
    """The CP-SAT model of `prob` and its named objective terms (shared by the engines).

    With `deadline` (a `time.monotonic()` instant), raises `OutOfTime` once it has passed:
    building the model of a large event takes seconds, and a time limit must hold.
    """
    ctx = Context(prob=prob, model=cp_model.CpModel(), use_symmetry=symmetry, deadline=deadline)
    terms: dict[str, Any] = {}
    for rule in RULES:
        ctx.check()
        terms.update(rule.add(ctx))
    ctx.check()
    return ctx, terms
