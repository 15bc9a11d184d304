"""'after': a meeting starts once its predecessors (when held) have ended."""

from __future__ import annotations

from .base import Context, Terms


def add(ctx: Context) -> Terms:
    prob, model = ctx.prob, ctx.model
    for m in range(prob.n_meetings):
        for a in prob.after[m]:
            if not ctx.x[m] or not ctx.x[a]:
                continue
            # m cannot start at k if a is held starting later than k - length(a)
            for k, v in ctx.x[m].items():
                late = [w for j, w in ctx.x[a].items() if j + prob.length[a] > k]
                for w in late:
                    model.add_bool_or([v.negated(), w.negated()])
    return {}
