"""A participant holds at most `capacity` meetings at once; defines the busy literals."""

from __future__ import annotations

from .base import Context, Terms


def add(ctx: Context) -> Terms:
    prob, model = ctx.prob, ctx.model
    for p in range(prob.n_parts):
        ctx.check(p)
        row = {}
        cap = prob.capacity[p]
        for k, vs in sorted(ctx.cover[p].items()):
            b = model.new_bool_var(f"busy[{p},{k}]")
            if cap == 1:
                model.add(sum(vs) == b)
            else:
                model.add(sum(vs) <= cap)
                model.add(sum(vs) >= b)
                for v in vs:
                    model.add_implication(v, b)
            row[k] = b
        ctx.busy.append(row)
    return {}
