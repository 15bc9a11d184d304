"""Implied constraints and symmetry breaking; they remove no optimal value.

- In mode 'all', a participant of capacity 1 is busy in exactly sum(length) slots: stated on
  the busy literals it propagates where the start variables alone do not.
- Slot reversal: when every rule reads the same backwards on a single day (symmetric start
  sets and availability, no order, no published schedule), reversing a schedule keeps every
  break; so one meeting may be required to start in the first half.
"""

from __future__ import annotations

from .base import Context, Terms


def add(ctx: Context) -> Terms:
    prob, model = ctx.prob, ctx.model
    if prob.schedule_all:
        for p in range(prob.n_parts):
            if prob.capacity[p] == 1 and ctx.busy[p]:
                need = sum(prob.length[m] for m in prob.meetings_of[p])
                model.add(sum(ctx.busy[p].values()) == need)
    if ctx.use_symmetry and _reversible(ctx):
        counts = [len(ms) for ms in prob.meetings_of]
        p = max(range(prob.n_parts), key=lambda q: counts[q])
        held = [m for m in prob.meetings_of[p] if ctx.x[m]]
        if held:
            m = held[0]
            S, L = prob.n_slots, prob.length[m]
            model.add(sum(k * v for k, v in ctx.x[m].items()) * 2 <= S - L)
    return {}


def _reversible(ctx: Context) -> bool:
    prob = ctx.prob
    if len(prob.days) != 1 or prob.previous or any(prob.after):
        return False
    S = prob.n_slots
    rows = prob.p_avail + prob.t_avail + prob.i_avail
    if any(row != row[::-1] for row in rows):
        return False
    for m in range(prob.n_meetings):
        starts = set(prob.starts[m])
        if {S - prob.length[m] - k for k in starts} != starts:
            return False
    return True
