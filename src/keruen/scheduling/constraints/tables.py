"""Tables: a number of meetings per slot, or pool tables plus host tables.

A meeting between participants who host at different tables sits at one of them: a choice
literal per (start, table) says which, and each host table holds one meeting per slot.
"""

from __future__ import annotations

from typing import Any

from .base import Context, Terms


def add(ctx: Context) -> Terms:
    prob, model = ctx.prob, ctx.model
    by_host: list[dict[int, list[Any]]] = [{} for _ in range(prob.n_slots)]
    for m in range(prob.n_meetings):
        hosts = prob.mhosts[m]
        if not hosts:
            continue
        for k, v in ctx.x[m].items():
            if len(hosts) == 1:
                for j in prob.cover(m, k):
                    by_host[j].setdefault(hosts[0], []).append(v)
                continue
            choice = []
            for t in hosts:
                if not prob.host_table_ok(m, k, t):
                    continue
                y = model.new_bool_var(f"at[{m},{k},{t}]")
                choice.append(y)
                ctx.host_choice[(m, k, t)] = y
                for j in prob.cover(m, k):
                    by_host[j].setdefault(t, []).append(y)
            model.add(sum(choice) == v)
    for k in range(prob.n_slots):
        cov = ctx.slot_cover[k]
        if not prob.table_list:
            if len(cov) > prob.table_count:
                model.add(sum(v for _, v in cov) <= prob.table_count)
            continue
        pool = [v for m, v in cov if not prob.mhosts[m]]
        if len(pool) > prob.pool_avail[k]:
            model.add(sum(pool) <= prob.pool_avail[k])
        for vs in by_host[k].values():
            if len(vs) > 1:
                model.add_at_most_one(vs)
    return {}
