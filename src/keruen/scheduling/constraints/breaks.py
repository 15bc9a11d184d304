"""Breaks: maximal runs of free slots between two meetings of a participant on one day.

On each day, breaks = (number of busy blocks) - (1 if the participant meets that day). A block
starts at slot k when the participant is busy at k and not at k-1 (or k opens the day). The
block-start literals are fully reified so that the count is exact, which the fairness rule
needs (it bounds breaks from both sides). Fairness d: breaks(p) <= d + min_q breaks(q).
Per-participant floors (`floors.break_floors`) are added as implied lower bounds.
"""

from __future__ import annotations

from typing import Any

from ..floors import break_floors
from .base import Context, Terms


def _breaks_possible(ctx: Context, p: int) -> bool:
    prob = ctx.prob
    if len(prob.meetings_of[p]) < 2:
        return False
    return any(sum(1 for k in ks if k in ctx.busy[p]) >= 2 for ks in prob.days)


def add(ctx: Context) -> Terms:
    if ctx.prob.fairness is None:
        return _add_half(ctx)
    return _add_exact(ctx)


def _add_half(ctx: Context) -> Terms:
    """Breaks as a lower-bounded count, which minimisation makes exact (no fairness).

    A break ends at slot k (p busy at k, free at k-1, busy earlier that day): gap[p,k] >=
    busy[p,k] - busy[p,k-1] + earlier[p,k-1] - 1, with earlier[p,j] >= busy[p,i] for i <= j.
    Only lower bounds, so the linear relaxation is tight and propagation is cheap.
    """
    prob, model = ctx.prob, ctx.model
    ctx.breaks_of = []
    for p in range(prob.n_parts):
        ctx.check(p)
        busy = ctx.busy[p]
        if not _breaks_possible(ctx, p):
            ctx.breaks_of.append(0)
            continue
        gaps: list[Any] = []
        for ks in prob.days:
            lits = [k for k in ks if k in busy]
            if len(lits) < 2:
                continue
            earlier: Any = None  # some meeting of p before (and including) the slot
            for k in ks:
                b = busy.get(k)
                if earlier is not None and b is not None:
                    prev = busy.get(k - 1) if prob.consecutive(k) else None
                    g = model.new_bool_var(f"gap[{p},{k}]")
                    # b and not prev and earlier -> g
                    clause = [g, b.negated(), earlier.negated()]
                    if prev is not None:
                        clause.append(prev)
                    model.add_bool_or(clause)
                    gaps.append(g)
                if b is not None:
                    if earlier is None:
                        earlier = b
                    else:
                        e = model.new_bool_var(f"earlier[{p},{k}]")
                        model.add_implication(b, e)
                        model.add_implication(earlier, e)
                        earlier = e
        ctx.breaks_of.append(sum(gaps) if gaps else 0)
    for b, floor in zip(ctx.breaks_of, break_floors(prob), strict=True):
        if floor and not isinstance(b, int):
            model.add(b >= floor)
    return {"breaks": sum(b for b in ctx.breaks_of if not isinstance(b, int))}


def _add_exact(ctx: Context) -> Terms:
    prob, model = ctx.prob, ctx.model
    ctx.breaks_of = []
    for p in range(prob.n_parts):
        ctx.check(p)
        busy = ctx.busy[p]
        if not _breaks_possible(ctx, p):
            ctx.breaks_of.append(0)
            continue
        per_day: list[Any] = []
        for ks in prob.days:
            lits = [(k, busy[k]) for k in ks if k in busy]
            if len(lits) < 2:
                continue
            starts: list[Any] = []
            for k, b in lits:
                prev = busy.get(k - 1) if prob.consecutive(k) else None
                if prev is None:
                    starts.append(b)
                    continue
                st = model.new_bool_var(f"blockstart[{p},{k}]")
                model.add_implication(st, b)
                model.add_implication(st, prev.negated())
                model.add_bool_or([st, b.negated(), prev])
                starts.append(st)
            if _meets_that_day(ctx, p, ks):
                active: Any = 1
            else:
                active = model.new_bool_var(f"active[{p},{ks[0]}]")
                for _, b in lits:
                    model.add_implication(b, active)
                model.add_bool_or([b for _, b in lits] + [active.negated()])
            per_day.append(sum(starts) - active)
        if not per_day:
            ctx.breaks_of.append(0)
            continue
        ctx.breaks_of.append(sum(per_day))
    # implied: breaks no schedule can avoid, found one participant at a time
    for b, floor in zip(ctx.breaks_of, break_floors(prob), strict=True):
        if floor and not isinstance(b, int):
            model.add(b >= floor)
    fairness = prob.fairness
    if fairness is not None:
        if any(isinstance(b, int) for b in ctx.breaks_of):
            # someone never has a break, so the minimum is 0
            for b in ctx.breaks_of:
                if not isinstance(b, int):
                    model.add(b <= fairness)
        else:
            low = model.new_int_var(0, prob.n_slots // 2, "min_breaks")
            for b in ctx.breaks_of:
                model.add(low <= b)
                model.add(b <= low + fairness)
    return {"breaks": sum(b for b in ctx.breaks_of if not isinstance(b, int))}


def _meets_that_day(ctx: Context, p: int, ks: list[int]) -> bool:
    """True when p surely meets on this day (a held meeting that can only start that day)."""
    prob = ctx.prob
    day = set(ks)
    for m in prob.meetings_of[p]:
        held = isinstance(ctx.held[m], int) and ctx.held[m] == 1
        if held and prob.starts[m] and all(k in day for k in prob.starts[m]):
            return True
    return False
