"""Tables and interpreters for a fixed timetable, and engine-side objective evaluation.

Slots are processed in time order. Meetings starting in a slot are matched to resources that
are free and available over all their slots (augmenting paths, so a one-slot meeting is never
refused while some assignment exists). For tables, a meeting first tries a table one of its
participants sat at in the slot just before, which keeps people at one table when it can.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from .problem import Problem

__all__ = ["Resources", "assign_resources", "breaks_of", "match"]


def match(
    left: Sequence[int],
    cands: Callable[[int], Sequence[int]],
    preferred: Callable[[int], Sequence[int]] | None = None,
) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn); preferred candidates are tried first."""
    owner: dict[int, int] = {}
    got: dict[int, int] = {}

    def options(u: int) -> list[int]:
        opts = list(cands(u))
        if preferred is None:
            return opts
        allowed = set(opts)
        pref = list(dict.fromkeys(r for r in preferred(u) if r in allowed))
        chosen = set(pref)
        return pref + [r for r in opts if r not in chosen]

    # a greedy pass first (keeps preferences), then augment for the rest
    for u in left:
        if preferred is not None:
            allowed = cands(u)
            for r in preferred(u):
                if r not in owner and r in allowed:
                    owner[r] = u
                    got[u] = r
                    break
            if u in got:
                continue
        for r in cands(u):
            if r not in owner:
                owner[r] = u
                got[u] = r
                break
    if len(got) == len(left):
        return got
    opt_cache = {u: options(u) for u in left if u not in got}
    for u in left:
        if u not in opt_cache:
            opt_cache[u] = options(u)
    for u in left:
        if u in got:
            continue
        seen: set[int] = set()

        def augment(v: int, seen: set[int] = seen) -> bool:
            for r in opt_cache[v]:
                if r in seen:
                    continue
                seen.add(r)
                if r not in owner or augment(owner[r], seen):
                    owner[r] = v
                    got[v] = r
                    return True
            return False

        augment(u)
    return got


@dataclass
class Resources:
    """Tables and interpreters per meeting (positions, or None), and what could not be placed."""

    table: dict[int, int | None] = field(default_factory=dict)
    interpreter: dict[int, int | None] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)
    table_changes: int = 0


def assign_resources(
    prob: Problem,
    starts: dict[int, int],
    host_table: dict[int, int] | None = None,
    interp_group: dict[int, int] | None = None,
    interpreter_of: dict[int, int] | None = None,
) -> Resources:
    """Give every held meeting a table (when tables have ids) and an interpreter if needed.

    `host_table` optionally names the host table of meetings between hosts (position);
    `interp_group` the group of interchangeable interpreters an exact engine chose for a
    meeting (`Problem.interpreter_types`): within a group, placing meetings in time order
    never fails when the engine kept each group's count per slot. `interpreter_of` is an
    engine's own interpreter for each meeting that needs one (the heuristic's, which it kept
    free of overlaps): taken as it is, so only the tables are matched.
    """
    groups = prob.interpreter_types()[0] if interp_group else []
    res = Resources()
    by_start: dict[int, list[int]] = {}
    for m, k in starts.items():
        by_start.setdefault(k, []).append(m)
    S = prob.n_slots
    t_free_from = [0] * len(prob.table_ids)
    i_free_from = [0] * len(prob.interp_ids)
    at_table: dict[tuple[int, int], set[int]] = {}  # (participant, slot) -> tables
    uniform_tables = all(all(prob.t_avail[t]) for t in prob.pool)
    for k in range(S):
        ms = sorted(by_start.get(k, []), key=lambda m: (-prob.length[m], m))
        if not ms:
            continue
        # interpreters
        need = [m for m in ms if prob.needs_interp[m]]
        if need:

            def icands(m: int, k: int = k) -> list[int]:
                span = prob.cover(m, k)
                group = (interp_group or {}).get(m)
                cands = prob.interp_cands[m] if group is None else groups[group]
                return [
                    i
                    for i in cands
                    if i_free_from[i] <= k and all(prob.i_avail[i][j] for j in span)
                ]

            got = (
                {m: interpreter_of[m] for m in need if m in interpreter_of}
                if interpreter_of is not None
                else match(need, icands)
            )
            for m in need:
                if m in got:
                    res.interpreter[m] = got[m]
                    i_free_from[got[m]] = k + prob.length[m]
                else:
                    res.failed[m] = "no interpreter left to assign in its slot"
        for m in ms:
            res.interpreter.setdefault(m, None)
        # tables
        if not prob.table_list:
            for m in ms:
                res.table[m] = None
            continue
        # host tables: a meeting between hosts takes one of theirs (the exact engine's
        # choice when given), so one matching over host and pool tables together
        pool_ms = [m for m in ms if m not in res.failed]

        free_now = {t for t in range(len(prob.table_ids)) if t_free_from[t] <= k}
        free_pool = [t for t in prob.pool if t_free_from[t] <= k]

        def tcands(
            m: int, k: int = k, free_now: set[int] = free_now, free_pool: list[int] = free_pool
        ) -> list[int]:
            hosts = prob.mhosts[m]
            if hosts:
                chosen = (host_table or {}).get(m)
                wanted = (chosen,) if chosen is not None else hosts
                return [t for t in wanted if t in free_now and prob.host_table_ok(m, k, t)]
            if uniform_tables:
                return free_pool
            span = prob.cover(m, k)
            return [t for t in free_pool if all(prob.t_avail[t][j] for j in span)]

        def tpref(m: int, k: int = k) -> list[int]:
            if not prob.consecutive(k):
                return []
            return [t for p in prob.mparts[m] for t in sorted(at_table.get((p, k - 1), ()))]

        pool_ms.sort(key=lambda m: (not prob.mhosts[m], len(prob.mhosts[m])))
        got = match(pool_ms, tcands, tpref)
        for m in pool_ms:
            if m in got:
                res.table[m] = got[m]
                t_free_from[got[m]] = k + prob.length[m]
            else:
                res.failed[m] = "no table left to assign in its slot"
        for m in ms:
            t = res.table.get(m)
            if t is None:
                continue
            for j in prob.cover(m, k):
                for p in prob.mparts[m]:
                    at_table.setdefault((p, j), set()).add(t)
            if prob.consecutive(k):
                for p in prob.mparts[m]:
                    before = at_table.get((p, k - 1))
                    if before and t not in before:
                        res.table_changes += 1
    return res


def breaks_of(prob: Problem, starts: dict[int, int]) -> list[int]:
    """Breaks of every participant for a timetable {meeting: start position}."""
    busy: list[set[int]] = [set() for _ in range(prob.n_parts)]
    for m, k in starts.items():
        for p in prob.mparts[m]:
            busy[p].update(prob.cover(m, k))
    out = []
    for p in range(prob.n_parts):
        total = 0
        for ks in prob.days:
            marks = [k for k in ks if k in busy[p]]
            if len(marks) >= 2:
                # runs of free slots between the first and last busy slot
                inside = [k in busy[p] for k in range(marks[0], marks[-1] + 1)]
                total += sum(1 for a, b in pairwise(inside) if a and not b)
        out.append(total)
    return out
