"""Start variables, held meetings, 'all' versus 'most', and the priority term."""

from __future__ import annotations

from ortools.sat.python import cp_model

from .base import Context, Terms


def add(ctx: Context) -> Terms:
    prob, model = ctx.prob, ctx.model
    ctx.cover = [{} for _ in range(prob.n_parts)]
    ctx.slot_cover = [[] for _ in range(prob.n_slots)]
    for m in range(prob.n_meetings):
        ctx.check(m)
        xs = {k: model.new_bool_var(f"x[{m},{k}]") for k in prob.starts[m]}
        ctx.x.append(xs)
        # a fixed meeting is held; one that cannot be (no start) is left out in mode 'most'
        must = prob.schedule_all or (prob.fixed[m] is not None and bool(xs))
        if must:
            model.add_exactly_one(xs.values())
            ctx.held.append(1)
        elif xs:
            model.add_at_most_one(xs.values())
            held = model.new_bool_var(f"held[{m}]")
            model.add(held == sum(xs.values()))
            ctx.held.append(held)
        else:
            ctx.held.append(0)
        for k, v in xs.items():
            for j in prob.cover(m, k):
                ctx.slot_cover[j].append((m, v))
                for p in prob.mparts[m]:
                    ctx.cover[p].setdefault(j, []).append(v)
    priority: cp_model.LinearExprT = sum(
        prob.prio[m] * h for m, h in enumerate(ctx.held) if not isinstance(h, int)
    ) + sum(prob.prio[m] * h for m, h in enumerate(ctx.held) if isinstance(h, int))
    return {"priority": priority}
