"""Reschedules: count the meetings whose start differs from the published schedule."""

from __future__ import annotations

from typing import Any

from .base import Context, Terms


def add(ctx: Context) -> Terms:
    prob = ctx.prob
    if not prob.previous:
        return {}
    moved: list[Any] = []
    for m, k in prob.previous.items():
        v = ctx.x[m].get(k)
        moved.append(1 if v is None else 1 - v)
    return {"moved": sum(moved)}
