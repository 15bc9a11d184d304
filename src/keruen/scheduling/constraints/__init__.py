"""One module per rule of the CP-SAT model.

Each module has ``add(ctx) -> dict[str, LinearExpr]``: it adds its hard constraints to
``ctx.model`` and returns named terms of the objective (empty when it has none).
"""

from __future__ import annotations

from typing import Any

from ortools.sat.python import cp_model

from ..problem import Problem
from . import breaks, implied, interpreters, meetings, participants, precedence, stability, tables
from .base import Context

RULES = (meetings, participants, tables, interpreters, precedence, breaks, stability, implied)

__all__ = ["RULES", "Context", "build_model"]


def build_model(prob: Problem, *, symmetry: bool = True) -> tuple[Context, dict[str, Any]]:
    """The CP-SAT model of `prob` and its named objective terms (shared by the engines)."""
    ctx = Context(prob=prob, model=cp_model.CpModel(), use_symmetry=symmetry)
    terms: dict[str, Any] = {}
    for rule in RULES:
        terms.update(rule.add(ctx))
    return ctx, terms
