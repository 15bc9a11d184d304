"""One module per rule of the CP-SAT model.

Each module has ``add(ctx) -> dict[str, LinearExpr]``: it adds its hard constraints to
``ctx.model`` and returns named terms of the objective (empty when it has none).
"""

from __future__ import annotations

from . import breaks, implied, interpreters, meetings, participants, precedence, stability, tables
from .base import Context

RULES = (meetings, participants, tables, interpreters, precedence, breaks, stability, implied)

__all__ = ["RULES", "Context"]
