"""A proven upper bound on the total priority of held meetings (linear relaxation, GLOP).

Variables y(m, d) in [0, 1]: meeting m held on day d (only days where m has a possible start).
Constraints, all implied by any schedule:
- each meeting held at most once;
- per participant and day: slots used <= capacity x available slots that day;
- per day: pool-table slots used <= pool-table slots available; same per host table;
- per day and union of interpreter groups (Hall): interpreter slots used <= interpreter slots
  available among the union's interpreters.
The optimum of the relaxation, rounded down, bounds every schedule's priority.
"""

from __future__ import annotations

import math
from itertools import combinations

from ortools.linear_solver import pywraplp

from .problem import Problem

__all__ = ["priority_upper_bound"]

MAX_GROUPS_EXACT = 8


def priority_upper_bound(prob: Problem) -> int:
    """Upper bound on the priority any schedule of `prob` can hold."""
    trivial = sum(prob.prio[m] for m in range(prob.n_meetings) if prob.starts[m])
    lp = pywraplp.Solver.CreateSolver("GLOP")
    if lp is None:  # pragma: no cover - GLOP ships with OR-Tools
        return trivial
    n_days = len(prob.days)
    y: dict[tuple[int, int], pywraplp.Variable] = {}
    for m in range(prob.n_meetings):
        days = sorted({prob.day[k] for k in prob.starts[m]})
        for d in days:
            y[(m, d)] = lp.NumVar(0.0, 1.0, f"y{m}_{d}")
        if len(days) > 1:
            lp.Add(sum(y[(m, d)] for d in days) <= 1)
    by_pd: dict[tuple[int, int], list[tuple[int, pywraplp.Variable]]] = {}
    by_day_pool: dict[int, list[tuple[int, pywraplp.Variable]]] = {}
    by_day_host: dict[tuple[int, int], list[tuple[int, pywraplp.Variable]]] = {}
    for (m, d), v in y.items():
        for p in prob.mparts[m]:
            by_pd.setdefault((p, d), []).append((m, v))
        hosts = prob.mhosts[m]
        if not hosts:
            by_day_pool.setdefault(d, []).append((m, v))
        elif len(hosts) == 1:
            by_day_host.setdefault((hosts[0], d), []).append((m, v))
        # a meeting between hosts may use either table: left out of the table rows (a relaxation)
    for (p, d), items in by_pd.items():
        free = prob.capacity[p] * sum(1 for k in prob.days[d] if prob.p_avail[p][k])
        if sum(prob.length[m] for m, _ in items) > free:
            lp.Add(sum(prob.length[m] * v for m, v in items) <= free)
    for d, items in by_day_pool.items():
        cap = sum(prob.pool_avail[k] if prob.table_list else prob.table_count for k in prob.days[d])
        lp.Add(sum(prob.length[m] * v for m, v in items) <= cap)
    for (t, d), items in by_day_host.items():
        cap = sum(1 for k in prob.days[d] if prob.t_avail[t][k])
        lp.Add(sum(prob.length[m] * v for m, v in items) <= cap)
    groups: dict[frozenset[int], int] = {}
    for m in range(prob.n_meetings):
        if prob.needs_interp[m] and prob.starts[m]:
            groups.setdefault(frozenset(prob.interp_cands[m]), len(groups))
    keys = list(groups)
    if keys:
        if len(keys) <= MAX_GROUPS_EXACT:
            unions = [c for r in range(1, len(keys) + 1) for c in combinations(range(len(keys)), r)]
        else:
            unions = [(g,) for g in range(len(keys))]
        for d in range(n_days):
            items_by_group: dict[int, list[tuple[int, pywraplp.Variable]]] = {}
            for (m, dd), v in y.items():
                if dd == d and prob.needs_interp[m]:
                    items_by_group.setdefault(groups[frozenset(prob.interp_cands[m])], []).append(
                        (m, v)
                    )
            for union in unions:
                items = [it for g in union for it in items_by_group.get(g, [])]
                if not items:
                    continue
                cands = frozenset().union(*(keys[g] for g in union))
                cap = sum(1 for i in cands for k in prob.days[d] if prob.i_avail[i][k])
                lp.Add(sum(prob.length[m] * v for m, v in items) <= cap)
    lp.Maximize(sum(prob.prio[m] * v for (m, _), v in y.items()))
    status = lp.Solve()
    if status != pywraplp.Solver.OPTIMAL:
        return trivial
    # a small tolerance against floating point before rounding down
    value = float(lp.Objective().Value())
    return min(trivial, math.floor(value + 1e-6))
