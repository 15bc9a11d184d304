"""Simulated annealing on breaks with the held meetings fixed, on the full rule set.

`anneal` covers the MaxSAT engine's scope only (one-slot meetings, no interpreters or host
tables). This one runs on a timetable of the exact engine once priority is settled: it moves
held meetings between slots and never holds or drops one, so priority is unchanged. The rules
are those of the model:

- a participant holds at most `capacity` meetings at once, only at its meetings' allowed
  starts (which already carry unavailability, day boundaries and fixed slots), and a host
  table holds one meeting at a time: these hold at every step;
- per slot, pool meetings at most the pool tables (or the table count) and each interpreter
  group at most its members (`Problem.interpreter_types`): a meeting keeps its host table and
  interpreter group when they fit at its new slot, else takes the first that fits; meetings
  beyond a slot's count are a penalty during the search (the pool is full in most slots of a
  large forum), and only schedules without any are kept.

The moves: a Kempe chain between two slots for one-slot meetings (a meeting goes from its
slot a to k, and every meeting at a or k linked to it by a shared participant goes the other
way), and a plain move to another start for two-slot meetings. Half of the moves are aimed at
a break (a meeting of a participant with a break goes to one of its free slots between
meetings). Meetings bound by an 'after' order stay where they are; with a fairness limit or a
published schedule it does not run (`supports`).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from .anneal import breaks_of_mask, holes_of
from .problem import Problem

__all__ = ["Placed", "reanneal", "supports"]

#: the temperature falls from T_START to T_END once, over the moves or the time allowed
#: (measured on f300-most: restarting from the best every 100,000 moves ended at 60-70
#: breaks, one cooling over 50 s at 1)
T_START, T_END = 1.5, 0.05
#: a chain of more meetings than this is not tried
MAX_CHAIN = 40
#: share of the moves aimed at a break
AIMED_SHARE = 0.5
#: weight of a meeting beyond the pool tables or its interpreter group in a slot (a break: 1)
PENALTY = 4


@dataclass
class Placed:
    """A timetable with the host table and interpreter group of every meeting needing one."""

    starts: dict[int, int]
    hosts: dict[int, int]
    groups: dict[int, int]


def supports(prob: Problem) -> bool:
    """Whether `reanneal` runs on this problem (no fairness limit, no published schedule)."""
    return prob.fairness is None and not prob.previous


def reanneal(
    prob: Problem,
    start: Placed,
    *,
    deadline: float,
    seed: int = 0,
    lower: int = 0,
    on_improve: Callable[[int], None] | None = None,
    max_moves: int | None = None,
    patience: int | None = None,
) -> Placed | None:
    """The schedule with the fewest breaks found from `start`, the same meetings held.

    `start` must keep every rule and name a host table (for meetings between hosts) and an
    interpreter group (for meetings needing one) of each such held meeting. It stops at
    `deadline` (a `time.monotonic()` instant), when breaks reach `lower`, after `max_moves`
    moves, or after `patience` moves without a better schedule; the temperature falls over the
    moves allowed, or else over the time left. None
    when `start` does not keep the rules as counted here (nothing to improve from).
    """
    rng = random.Random(seed)  # noqa: S311 (a search, not a secret)
    S = prob.n_slots
    n_p = prob.n_parts
    days = [(ks[0], (1 << len(ks)) - 1) for ks in prob.days]
    length, mparts, cap = prob.length, prob.mparts, prob.capacity
    types, mtypes = prob.interpreter_types()
    g_cap = [
        [len(members) if prob.i_avail[members[0]][j] else 0 for j in range(S)] for members in types
    ]
    pool_cap = [prob.pool_avail[j] if prob.table_list else prob.table_count for j in range(S)]
    uses_pool = [not prob.table_list or not prob.mhosts[m] for m in range(prob.n_meetings)]
    host_ok = prob.t_avail
    ordered = {m for m in range(prob.n_meetings) if prob.after[m]}
    ordered |= {a for m in range(prob.n_meetings) for a in prob.after[m]}
    allowed = [set(ks) for ks in prob.starts]

    cur = dict(start.starts)
    host = dict(start.hosts)
    group = dict(start.groups)
    for m in cur:
        if prob.mhosts[m] and prob.table_list and m not in host:
            if len(prob.mhosts[m]) != 1:
                return None
            host[m] = prob.mhosts[m][0]
        if prob.needs_interp[m] and m not in group:
            return None
    cnt = [[0] * S for _ in range(n_p)]
    cov: list[list[list[int]]] = [[[] for _ in range(S)] for _ in range(n_p)]
    pool_use = [0] * S
    host_use = [[0] * S for _ in prob.table_ids]
    g_use = [[0] * S for _ in types]
    live = [0] * n_p  # busy slots of each participant as a bit mask

    def fits(m: int, k: int) -> tuple[int, int] | None:
        """Host table and group for m at start k (-1 when none is needed), or None."""
        span = range(k, k + length[m])
        for q in mparts[m]:
            row = cnt[q]
            for j in span:
                if row[j] >= cap[q]:
                    return None
        t = -1
        if prob.table_list and prob.mhosts[m]:
            opts = prob.mhosts[m]
            old = host.get(m)
            for t2 in ((old,) if old is not None else ()) + opts:
                ok_t, use_t = host_ok[t2], host_use[t2]
                for j in span:
                    if not ok_t[j] or use_t[j]:
                        break
                else:
                    t = t2
                    break
            else:
                return None
        g = -1
        if prob.needs_interp[m]:
            # a group with room over the span, else one free there (its excess is a penalty)
            old_g = group.get(m)
            for g2 in ([old_g] if old_g is not None else []) + mtypes[m]:
                cap_g, use_g = g_cap[g2], g_use[g2]
                for j in span:
                    if use_g[j] >= cap_g[j]:
                        break
                else:
                    g = g2
                    break
            else:
                for g2 in ([old_g] if old_g is not None else []) + mtypes[m]:
                    if all(g_cap[g2][j] for j in span):
                        g = g2
                        break
                else:
                    return None
        return t, g

    over = 0  # meetings beyond the pool tables or an interpreter group's members, per slot

    def put(m: int, k: int, t: int, g: int) -> None:
        nonlocal over
        cur[m] = k
        for j in range(k, k + length[m]):
            for q in mparts[m]:
                row = cnt[q]
                if not row[j]:
                    live[q] |= 1 << j
                row[j] += 1
                cov[q][j].append(m)
            if uses_pool[m]:
                pool_use[j] += 1
                if pool_use[j] > pool_cap[j]:
                    over += 1
            if t >= 0:
                host_use[t][j] += 1
            if g >= 0:
                g_use[g][j] += 1
                if g_use[g][j] > g_cap[g][j]:
                    over += 1
        if t >= 0:
            host[m] = t
        if g >= 0:
            group[m] = g

    def take(m: int) -> None:
        nonlocal over
        k = cur[m]
        t = host.get(m, -1) if prob.table_list and prob.mhosts[m] else -1
        g = group.get(m, -1) if prob.needs_interp[m] else -1
        for j in range(k, k + length[m]):
            for q in mparts[m]:
                row = cnt[q]
                row[j] -= 1
                if not row[j]:
                    live[q] &= ~(1 << j)
                cov[q][j].remove(m)
            if uses_pool[m]:
                if pool_use[j] > pool_cap[j]:
                    over -= 1
                pool_use[j] -= 1
            if t >= 0:
                host_use[t][j] -= 1
            if g >= 0:
                if g_use[g][j] > g_cap[g][j]:
                    over -= 1
                g_use[g][j] -= 1

    def load() -> None:
        """Count the resources of the timetable in `cur`, `host` and `group` from scratch."""
        nonlocal over
        over = 0
        for rows in (cnt, host_use, g_use):
            for row in rows:
                row[:] = [0] * S
        for rows3 in cov:
            for cell in rows3:
                cell.clear()
        pool_use[:] = [0] * S
        live[:] = [0] * n_p
        for m, k in sorted(cur.items()):
            t = host.get(m, -1) if prob.table_list and prob.mhosts[m] else -1
            g = group.get(m, -1) if prob.needs_interp[m] else -1
            put(m, k, t, g)

    load()
    broken = (
        over
        or any(cnt[q][j] > cap[q] for q in range(n_p) for j in range(S))
        or any(u > 1 for row in host_use for u in row)
    )
    if broken:
        return None

    def breaks(mask: int) -> int:
        return breaks_of_mask(mask, days)

    pm = list(live)  # the masks of the schedule taken (`live` also follows a tried move)
    pb = [breaks(x) for x in pm]
    total = sum(pb)
    best = Placed(dict(cur), dict(host), dict(group))
    best_total = total
    movable = [m for m in cur if len(prob.starts[m]) > 1 and m not in ordered]
    movable_set = set(movable)
    if not movable or total <= lower:
        return best

    def relocate(moves: dict[int, int]) -> bool:
        """Move each meeting of `moves` to its new start, if the rules and the annealing allow."""
        nonlocal total
        # the annealing's threshold first, and the breaks the move would give: most moves
        # are refused on breaks alone, before any table or interpreter is counted
        thr = -temp * math.log(1.0 - rng.random())
        change: dict[tuple[int, int], int] = {}
        for m, k in moves.items():
            a, n = cur[m], length[m]
            for q in mparts[m]:
                for j in range(a, a + n):
                    change[(q, j)] = change.get((q, j), 0) - 1
                for j in range(k, k + n):
                    change[(q, j)] = change.get((q, j), 0) + 1
        masks: dict[int, int] = {}
        for (q, j), c in change.items():
            if c:
                x = masks.get(q, live[q])
                masks[q] = x | (1 << j) if cnt[q][j] + c > 0 else x & ~(1 << j)
        guess = sum(breaks(x) - pb[q] for q, x in masks.items() if x != pm[q])
        if guess - PENALTY * over > thr:
            return False
        over_before = over
        old = {m: (cur[m], host.get(m, -1), group.get(m, -1)) for m in moves}
        for m in moves:
            take(m)
        placed: list[int] = []
        ok = True
        for m, k in moves.items():
            got = fits(m, k)
            if got is None:
                ok = False
                break
            put(m, k, *got)
            placed.append(m)
        touched = {q for m in moves for q in mparts[m]}
        news: list[tuple[int, int, int]] = []
        delta = 0
        if ok:
            delta = PENALTY * (over - over_before)
            for q in touched:
                x = live[q]
                if x != pm[q]:
                    b = breaks(x)
                    news.append((q, x, b))
                    delta += b - pb[q]
            ok = delta <= thr
        if not ok:
            for m in placed:
                take(m)
            for m, (k, t, g) in old.items():
                put(m, k, t if prob.table_list and prob.mhosts[m] else -1, g)
            return False
        for q, x, b in news:
            pm[q], pb[q] = x, b
        total += delta - PENALTY * (over - over_before)
        return True

    def chain(m: int, k: int) -> dict[int, int] | None:
        """The Kempe chain of one-slot meetings moving m from its slot to k, or None."""
        a = cur[m]
        side = {m: k}
        queue = [m]
        while queue:
            x = queue.pop()
            to = side[x]
            if length[x] != 1 or x not in movable_set or to not in allowed[x]:
                return None
            for q in mparts[x]:
                for y in cov[q][to]:
                    if y not in side:
                        side[y] = a if to == k else k
                        queue.append(y)
            if len(side) > MAX_CHAIN:
                return None
        return side

    def move(m: int, k: int) -> bool:
        if k == cur[m] or k not in allowed[m]:
            return False
        if length[m] == 1:
            side = chain(m, k)
            return side is not None and relocate(side)
        return relocate({m: k})

    # one cooling from T_START to T_END over the moves allowed, or else over the time left
    began = time.monotonic()
    span_s = max(deadline - began, 1e-3)
    log_ratio = math.log(T_END / T_START)
    temp, moves, last = T_START, 0, 0
    with_breaks = [q for q in range(n_p) if pb[q]]
    while True:
        moves += 1
        if moves & 255 == 0:
            now = time.monotonic()
            if now >= deadline or (max_moves is not None and moves >= max_moves):
                break
            if patience is not None and moves - last > patience:
                break
            frac = moves / max_moves if max_moves is not None else (now - began) / span_s
            temp = T_START * math.exp(log_ratio * min(1.0, frac))
            with_breaks = [q for q in range(n_p) if pb[q]]
        if with_breaks and rng.random() < AIMED_SHARE:
            p = with_breaks[rng.randrange(len(with_breaks))]
            if not pb[p]:
                continue
            holes = holes_of(pm[p], days)
            k = holes[rng.randrange(len(holes))]
            ms = [m for m in prob.meetings_of[p] if m in movable_set]
            if not ms:
                continue
            m = ms[rng.randrange(len(ms))]
            if not move(m, k):
                continue
        else:
            m = movable[rng.randrange(len(movable))]
            ks = prob.starts[m]
            if not move(m, ks[rng.randrange(len(ks))]):
                continue
        if total < best_total and not over:
            best = Placed(dict(cur), dict(host), dict(group))
            best_total = total
            last = moves
            if on_improve is not None:
                on_improve(best_total)
            if best_total <= lower:
                break
    return best
