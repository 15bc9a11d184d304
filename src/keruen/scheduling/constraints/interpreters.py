"""Interpreters: per slot, Hall's condition over groups of meetings with the same candidates.

Meetings needing an interpreter are grouped by their set of suitable interpreters. In each slot,
every union of groups may hold at most as many meetings as there are suitable interpreters
available; for one-slot meetings this is exactly the condition for an assignment to exist.
With many groups only single groups and the whole set are constrained (a relaxation; the
assignment step then repairs).
"""

from __future__ import annotations

from itertools import combinations

from .base import Context, Terms

MAX_GROUPS_EXACT = 8


def add(ctx: Context) -> Terms:
    prob, model = ctx.prob, ctx.model
    groups: dict[frozenset[int], int] = {}
    for m in range(prob.n_meetings):
        if prob.needs_interp[m]:
            groups.setdefault(frozenset(prob.interp_cands[m]), len(groups))
    if not groups:
        return {}
    keys = list(groups)
    if len(keys) <= MAX_GROUPS_EXACT:
        unions = [c for r in range(1, len(keys) + 1) for c in combinations(range(len(keys)), r)]
    else:
        unions = [(g,) for g in range(len(keys))] + [tuple(range(len(keys)))]
    for k in range(prob.n_slots):
        per_group: dict[int, list[object]] = {}
        for m, v in ctx.slot_cover[k]:
            if prob.needs_interp[m]:
                per_group.setdefault(groups[frozenset(prob.interp_cands[m])], []).append(v)
        if not per_group:
            continue
        for union in unions:
            vs = [v for g in union for v in per_group.get(g, [])]
            if not vs:
                continue
            cands = frozenset().union(*(keys[g] for g in union))
            cap = sum(1 for i in cands if prob.i_avail[i][k])
            if len(vs) > cap:
                model.add(sum(vs) <= cap)  # type: ignore[arg-type]
    return {}
