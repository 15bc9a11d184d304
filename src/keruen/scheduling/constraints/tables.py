"""Tables: a number of meetings per slot, or pool tables plus host tables."""

from __future__ import annotations

from .base import Context, Terms


def add(ctx: Context) -> Terms:
    prob, model = ctx.prob, ctx.model
    for k in range(prob.n_slots):
        cov = ctx.slot_cover[k]
        if not prob.table_list:
            if len(cov) > prob.table_count:
                model.add(sum(v for _, v in cov) <= prob.table_count)
            continue
        pool = [v for m, v in cov if prob.mhost[m] is None]
        if len(pool) > prob.pool_avail[k]:
            model.add(sum(pool) <= prob.pool_avail[k])
        by_host: dict[int, list[object]] = {}
        for m, v in cov:
            host = prob.mhost[m]
            if host is not None:
                by_host.setdefault(host, []).append(v)
        for vs in by_host.values():
            if len(vs) > 1:
                model.add_at_most_one(vs)  # type: ignore[arg-type]
    return {}
