"""Simulated annealing on breaks, for a complete timetable in the MaxSAT engine's scope.

The SAT searches of `maxsat` prove; this finds good schedules fast, where a SAT call for a
schedule with few breaks can take longer than the whole time limit (measured on the Girona
forums, benchmarks/README.md). A participant's busy slots are a bit mask, so a break count
is a few integer operations, and a move is judged by the change in the breaks of the
participants it touches.

The move is a Kempe chain: a meeting goes from its slot a to another slot k, and every meeting
at a or k linked to it through shared participants goes the other way, so that no participant
ever has two meetings at once; it is taken when the tables of both slots suffice and every
meeting of the chain may start at its new slot. Half of the moves are aimed at a break (a
meeting of a participant with a break goes to one of its free slots between meetings), the
other half are at random. The fairness limit is a penalty, so that the search may start from,
and cross, schedules that break it; only schedules keeping it are returned.

Scope (`supports`): the MaxSAT engine's (mode 'all', capacities 1, no host tables, order or
interpreters) with one-slot meetings.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable

from .problem import Problem

__all__ = ["anneal", "supports"]

#: weight of a participant's break above the fairness limit, against 1 for a break
PENALTY = 4
#: weight of a meeting beyond the tables of its slot
TABLE_PENALTY = 4
#: the temperature falls from T_START to T_END over each stretch of STRETCH moves; the next
#: stretch starts again from the best schedule
T_START, T_END, STRETCH = 0.6, 0.05, 200_000
#: with `one_cooling`, the temperature falls from T_ONE to T_END over the whole run
T_ONE = 0.6
#: a chain of more meetings than this is not tried
MAX_CHAIN = 60
#: share of the moves aimed at a break
AIMED_SHARE = 0.5
#: share of the aimed moves taking the participant's first or last meeting into the hole
#: (the others take any of its meetings): measured with T_START 0.6 against 1.5 and only
#: random meetings, 8 s from the heuristic's timetable, three seeds each on forum-14,
#: ticf-14crafa and forum-13crafb, the nine runs ended 80 breaks in all against 97
EDGE_SHARE = 0.5


def supports(prob: Problem) -> bool:
    """Whether `anneal` handles this problem."""
    from .maxsat import supports as maxsat_supports

    return maxsat_supports(prob) and all(n == 1 for n in prob.length)


class _State:
    """A timetable with its participants' busy masks, who sits where, and tables in use."""

    def __init__(
        self,
        prob: Problem,
        starts: dict[int, int],
        breaks: Callable[[int], int],
        caps: list[int],
    ) -> None:
        self.cur = dict(starts)
        self.pm = [0] * prob.n_parts
        self.at = [[-1] * prob.n_slots for _ in range(prob.n_parts)]
        self.used = [0] * prob.n_slots
        for m, k in starts.items():
            for p in prob.mparts[m]:
                self.pm[p] |= 1 << k
                self.at[p][k] = m
            self.used[k] += 1

        self.pb = [breaks(mask) for mask in self.pm]
        #: meetings beyond the tables of their slot, summed over the slots
        self.over = sum(max(0, u - c) for u, c in zip(self.used, caps, strict=True))


def anneal(
    prob: Problem,
    start: dict[int, int],
    *,
    deadline: float,
    seed: int = 0,
    lower: int = 0,
    patience: int | None = None,
    on_improve: Callable[[dict[int, int], int], None] | None = None,
    max_moves: int | None = None,
    stop: Callable[[], bool] | None = None,
    one_cooling: bool = False,
) -> dict[int, int] | None:
    """The best schedule keeping the fairness limit found from `start` (a complete timetable).

    It stops at `deadline` (a `time.monotonic()` instant), when the best reaches `lower`,
    after `max_moves` moves, after `patience` moves without a better schedule, or when
    `stop()` (asked every 1,024 moves) says so. None when no schedule keeping the fairness
    limit was found. With `one_cooling` the temperature falls from `T_ONE` to `T_END` once,
    over the `max_moves` moves or the time until `deadline`, whichever ends first; otherwise it
    falls from `T_START` over each stretch of `STRETCH` moves, each from the best schedule.
    """
    rng = random.Random(seed)  # noqa: S311 (a search, not a secret)
    n_s, n_p = prob.n_slots, prob.n_parts
    days = [(ks[0], (1 << len(ks)) - 1) for ks in prob.days]
    day_of = {k: day for ks, day in zip(prob.days, days, strict=True) for k in ks}
    cap = prob.fairness if prob.fairness is not None else n_s

    def breaks(mask: int) -> int:
        return breaks_of_mask(mask, days)

    def cost(b: int) -> int:
        return b + PENALTY * (b - cap) if b > cap else b

    caps = [prob.table_count if not prob.table_list else prob.pool_avail[k] for k in range(n_s)]
    starts, mparts, meetings_of = prob.starts, prob.mparts, prob.meetings_of
    allowed = [set(ks) for ks in starts]
    movable = [m for m in range(prob.n_meetings) if len(starts[m]) > 1 and m in start]
    st = _State(prob, start, breaks, caps)
    pc = [cost(b) for b in st.pb]
    total = sum(pc) + TABLE_PENALTY * st.over
    fair = max(st.pb, default=0) <= cap and not st.over
    best: dict[int, int] | None = dict(start) if fair else None
    best_total = sum(st.pb) if fair else math.inf
    if not movable or best_total <= lower:
        return best

    def kempe(m: int, k: int) -> bool:
        """Move m to slot k with its Kempe chain, if the annealing takes it."""
        nonlocal total
        pm, at, used, pb, cur = st.pm, st.at, st.used, st.pb, st.cur
        a = cur[m]
        if k == a:
            return False
        side = {m: a}
        queue = [m]
        while queue:
            x = queue.pop()
            other = k if side[x] == a else a
            if other not in allowed[x]:
                return False
            for q in mparts[x]:
                y = at[q][other]
                if y >= 0 and y not in side:
                    side[y] = other
                    queue.append(y)
            if len(side) > MAX_CHAIN:
                return False
        n_a = sum(1 for s in side.values() if s == a)
        n_k = len(side) - n_a
        # tables beyond a slot's count are a penalty, as is unfairness
        extra = (
            max(0, used[a] - n_a + n_k - caps[a])
            + max(0, used[k] - n_k + n_a - caps[k])
            - max(0, used[a] - caps[a])
            - max(0, used[k] - caps[k])
        )
        flip = (1 << a) | (1 << k)
        delta = TABLE_PENALTY * extra
        news = []
        for q in {q for x in side for q in mparts[x]}:
            mask = pm[q]
            if ((mask >> a) ^ (mask >> k)) & 1:
                mask ^= flip
                b = breaks(mask)
                news.append((q, mask, b))
                delta += cost(b) - pc[q]
        if delta > 0 and rng.random() >= math.exp(-delta / temp):
            return False
        for q, mask, b in news:
            pm[q], pb[q], pc[q] = mask, b, cost(b)
        for x, s in side.items():
            for q in mparts[x]:
                if at[q][s] == x:
                    at[q][s] = -1
        for x, s in side.items():
            t = k if s == a else a
            cur[x] = t
            for q in mparts[x]:
                at[q][t] = x
        used[a] += n_k - n_a
        used[k] += n_a - n_k
        total += delta
        st.over += extra
        return True

    temp, moves, stretch, since = T_START, 0, 0, 0
    decay = (T_END / T_START) ** (1 / STRETCH)
    began = time.monotonic()
    if one_cooling:
        temp, decay = T_ONE, 1.0
    while True:
        moves += 1
        stretch += 1
        since += 1
        if moves & 1023 == 0 and (
            time.monotonic() >= deadline
            or (max_moves is not None and moves >= max_moves)
            or (patience is not None and since >= patience)
            or (stop is not None and stop())
        ):
            break
        temp *= decay
        if one_cooling:
            if moves & 1023 == 0:
                # over the moves or the time until the deadline, whichever ends first
                done = (time.monotonic() - began) / max(1e-9, deadline - began)
                if max_moves is not None:
                    done = max(done, moves / max_moves)
                temp = T_ONE * (T_END / T_ONE) ** min(1.0, done)
        elif stretch >= STRETCH:
            stretch, temp = 0, T_START
            if best is not None:
                st = _State(prob, best, breaks, caps)
                pc = [cost(b) for b in st.pb]
                total = sum(pc)
        if rng.random() < AIMED_SHARE:
            p = rng.randrange(n_p)
            if not st.pb[p]:
                continue
            holes = holes_of(st.pm[p], days)
            k = holes[rng.randrange(len(holes))]
            if rng.random() < EDGE_SHARE:
                # a meeting at either end of the participant's busy slots, into the hole
                lo, full = day_of[k]
                d = (st.pm[p] >> lo) & full
                m = st.at[p][
                    lo + ((d & -d).bit_length() - 1 if rng.random() < 0.5 else d.bit_length() - 1)
                ]
            else:
                ms = meetings_of[p]
                m = ms[rng.randrange(len(ms))]
            if m not in st.cur or k not in allowed[m] or not kempe(m, k):
                continue
        else:
            m = movable[rng.randrange(len(movable))]
            if not kempe(m, starts[m][rng.randrange(len(starts[m]))]):
                continue
        if total < best_total and not st.over and max(st.pb) <= cap:
            best, best_total, since = dict(st.cur), total, 0
            if on_improve is not None:
                on_improve(best, best_total)
            if best_total <= lower:
                break
    return best


def breaks_of_mask(mask: int, days: list[tuple[int, int]]) -> int:
    """The breaks of a busy mask: per day, the runs of busy slots less one."""
    total = 0
    for lo, full in days:
        d = (mask >> lo) & full
        if d:
            total += (d & ~(d << 1)).bit_count() - 1
    return total


def holes_of(mask: int, days: list[tuple[int, int]]) -> list[int]:
    """The free slots of a busy mask between two busy slots of the same day."""
    out: list[int] = []
    for lo, full in days:
        d = (mask >> lo) & full
        if d:
            first, last = (d & -d).bit_length() - 1, d.bit_length() - 1
            out.extend(lo + j for j in range(first + 1, last) if not (d >> j) & 1)
    return out
