"""Large-neighbourhood search on breaks, around a complete schedule of the exact engine.

Each round frees the meetings of a few linked participants (a neighbourhood) and keeps every
other meeting where it is. The freed part is a small `Problem` of its own — its participants,
their meetings (the others pinned to their start), and what the rest of the schedule leaves of
each shared resource (pool tables and interpreter groups per slot) — solved by CP-SAT with the
usual rules (`constraints.build_model`). The objective is lexicographic in one expression:
priority (in mode 'most' a meeting left out between two participants of the neighbourhood may
come in, never for less priority), then moved meetings (more only for more priority), then
breaks; the fairness limit is kept against the participants outside. A round's schedule is
kept when it is not worse on these levels, in this order.

A round is bounded by CP-SAT's deterministic time (`ROUND_WORK`), not the clock, so for a given
seed the rounds are the same whatever the machine's load; only how many fit before the
deadline varies (and the last one, cut by the wall clock). The neighbourhood grows while
rounds are proven optimal with work to spare and shrinks when they are not.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ortools.sat.python import cp_model

from .assign import assign_resources, breaks_of
from .constraints import Context, build_model
from .problem import Problem

__all__ = ["Incumbent", "complete", "improve_breaks"]

#: meetings freed in the first round, and the bounds of the adaptive size
START_SIZE, MIN_SIZE, MAX_SIZE = 24, 8, 400
#: work limit of one round (CP-SAT's deterministic time, so that rounds do not depend on the
#: machine's load), its wall-time cap, and the share of the time left a round may take at most
ROUND_WORK, ROUND_SECONDS, ROUND_SHARE = 1.0, 2.0, 0.5
#: rounds without improvement after which the search gives the rest of the time back
STALL_ROUNDS = 8
#: share of the neighbourhoods that free the meetings of one day only (several days)
DAY_SHARE = 0.5
#: without breaks and short of the priority goal, the share of rounds around a meeting left
#: out (the others start from a moved meeting)
FOCUS_SHARE = 0.75


@dataclass
class Incumbent:
    """A complete schedule: starts, host tables and interpreter groups of held meetings."""

    starts: dict[int, int]
    hosts: dict[int, int]
    groups: dict[int, int]


@dataclass
class _Sub:
    prob: Problem
    meetings: list[int]  # sub position -> full position
    free: set[int]  # full positions of the freed meetings
    group_of: list[int]  # sub interpreter group -> full group


def improve_breaks(
    prob: Problem,
    best: Incumbent,
    *,
    deadline: float,
    workers: int,
    seed: int,
    lower: int = 0,
    priority_goal: int | None = None,
    moved_goal: int = 0,
    on_improve: Callable[[int, int], None] | None = None,
    max_rounds: int | None = None,
    stall_rounds: int = STALL_ROUNDS,
    breaks: bool = True,
) -> Incumbent:
    """Improve `best` by LNS rounds until `deadline` (a `time.monotonic()` instant).

    Lexicographically: priority first (in mode 'most' a neighbourhood may hold other
    meetings, never for less priority), then moved meetings, then breaks. It stops early
    once breaks reach `lower`, priority `priority_goal` (when given) and moved `moved_goal`,
    after `max_rounds` rounds, or after `stall_rounds` rounds in a row without improvement.
    Without `breaks` the rounds start from priority and moved only, and fewer breaks alone
    do not keep the search going (they still decide between schedules equal on the others),
    and while priority is short `FOCUS_SHARE` of the rounds take the meetings left out in
    turn, their neighbourhood doubled after each pass over them without a gain.
    """
    done = complete(prob, best)
    if done is None:
        return best
    best = done
    rng = random.Random(seed)  # noqa: S311 (a search, not a secret)
    brk = breaks_of(prob, best.starts)
    total = sum(brk)
    prio = sum(prob.prio[m] for m in best.starts)
    mv = _moved(prob, best.starts)
    goal = prio if priority_goal is None else priority_goal
    size = float(START_SIZE)
    rounds = stall = 0
    # without breaks (a repair widened towards the priority bound): rounds around each meeting
    # left out in turn, their neighbourhood doubled after a pass over them without a gain
    queue: list[int] = []
    focus_size, gained = START_SIZE, True
    while ((breaks and total > lower) or prio < goal or mv > moved_goal) and stall < stall_rounds:
        if max_rounds is not None and rounds >= max_rounds:
            break
        rounds += 1
        stall += 1
        left = deadline - time.monotonic()
        limit = min(ROUND_SECONDS, left * ROUND_SHARE)
        if limit < 0.05:
            break
        t_round = time.monotonic()
        focus = None
        if not breaks and prio < goal and (mv <= moved_goal or rng.random() < FOCUS_SHARE):
            queue = [m for m in queue if m not in best.starts]
            if not queue:
                queue = [
                    m for m in range(prob.n_meetings) if m not in best.starts and prob.starts[m]
                ]
                rng.shuffle(queue)
                if not gained:
                    focus_size = min(MAX_SIZE, focus_size * 2)
                gained = False
            focus = queue.pop() if queue else None
        chosen, free = _neighbourhood(
            prob,
            best,
            brk,
            focus_size if focus is not None else int(size),
            rng,
            prio < goal,
            mv > moved_goal,
            breaks,
            focus,
        )
        if not chosen:
            break
        sub = _subproblem(prob, best, chosen, free)
        if sub is None:  # an 'after' order leaves a freed meeting no start: another one
            size = max(MIN_SIZE, size * 0.7)
            continue
        ctx = _round_model(prob, best, brk, sub)
        if ctx is None:
            size = max(MIN_SIZE, size * 0.7)
            continue
        status, solver = _search(ctx, max(0.01, limit - (time.monotonic() - t_round)), seed)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            size = max(MIN_SIZE, size * 0.7)
            continue
        cand = _apply(best, sub, ctx, solver)
        new_brk = breaks_of(prob, cand.starts)
        new_total, new_prio = sum(new_brk), sum(prob.prio[m] for m in cand.starts)
        new_mv = _moved(prob, cand.starts)
        if (new_prio, -new_mv, -new_total) >= (prio, -mv, -total):
            improved = (new_prio, -new_mv, -new_total if breaks else 0) > (
                prio,
                -mv,
                -total if breaks else 0,
            )
            best, brk, total, prio, mv = cand, new_brk, new_total, new_prio, new_mv
            if improved:
                stall = 0
                gained = True
                queue = []
                if on_improve is not None:
                    on_improve(prio, total)
        if status == cp_model.OPTIMAL and solver.deterministic_time < 0.5 * ROUND_WORK:
            size = min(MAX_SIZE, size * 1.15)
        elif status != cp_model.OPTIMAL:
            size = max(MIN_SIZE, size * 0.85)
    return best


def _round_model(prob: Problem, best: Incumbent, brk: list[int], sub: _Sub) -> Context | None:
    """The CP-SAT model of one round, hinted with the incumbent; None when it has no use."""
    ctx, terms = build_model(sub.prob, symmetry=False)
    model = ctx.model
    held_before = [m for m in sub.meetings if m in best.starts]
    moved = terms.get("moved")
    priority = terms.get("priority", 0)
    # moves may buy priority (it comes first); otherwise they never increase
    if moved is not None and not isinstance(moved, int) and isinstance(priority, int):
        model.add(
            moved
            <= sum(
                1
                for m in sub.meetings
                if m in prob.previous and best.starts.get(m) != prob.previous[m]
            )
        )
    if not _fair_outside(ctx, prob, sub, brk):
        return None
    breaks = terms.get("breaks", 0)
    if not isinstance(priority, int):
        model.add(priority >= sum(prob.prio[m] for m in held_before))
    if isinstance(priority, int) and (moved is None or isinstance(moved, int)):
        if isinstance(breaks, int):
            return None
        model.minimize(breaks)
    else:
        # lexicographic in one objective: a point of priority is worth more than every
        # move and break here, a move more than every break
        w_moved = len(sub.prob.part_ids) * (prob.n_slots // 2 + 1) + 1
        w_prio = (len(sub.prob.previous) + 1) * w_moved
        model.maximize(w_prio * priority - w_moved * (0 if moved is None else moved) - breaks)
    for i, m in enumerate(sub.meetings):
        k = best.starts.get(m)
        for j, v in ctx.x[i].items():
            model.add_hint(v, j == k)
    return ctx


def _search(ctx: Context, seconds: float, seed: int) -> tuple[Any, cp_model.CpSolver]:
    """One round's search."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.max_deterministic_time = ROUND_WORK
    # one worker: measured on the forums, rounds of one worker each improve faster than
    # rounds of two (a small model gains little from a portfolio, and loses under load)
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    # measured on the forums' neighbourhoods: without the LP relaxation a round takes
    # a half to a third of the time (the search is short, presolve and LP dominate)
    solver.parameters.linearization_level = 0
    return solver.solve(ctx.model), solver


def _apply(best: Incumbent, sub: _Sub, ctx: Context, solver: cp_model.CpSolver) -> Incumbent:
    """The incumbent with the round's meetings where its search put them."""
    cand = Incumbent(dict(best.starts), dict(best.hosts), dict(best.groups))
    for i, m in enumerate(sub.meetings):
        cand.starts.pop(m, None)
        cand.hosts.pop(m, None)
        cand.groups.pop(m, None)
        for j, v in ctx.x[i].items():
            if solver.boolean_value(v):
                cand.starts[m] = j
    for (i, _, t), y in ctx.host_choice.items():
        if solver.boolean_value(y):
            cand.hosts[sub.meetings[i]] = t
    for (i, _, g), y in ctx.interp_choice.items():
        if solver.boolean_value(y):
            cand.groups[sub.meetings[i]] = sub.group_of[g]
    return cand


def _moved(prob: Problem, starts: dict[int, int]) -> int:
    return sum(1 for m, k in prob.previous.items() if starts.get(m) != k)


def complete(prob: Problem, inc: Incumbent) -> Incumbent | None:
    """The incumbent with a host table and an interpreter group for every meeting needing one.

    An engine may leave a choice open (a schedule from the stop rule, a hint); the resource
    assignment step then names them. None when it cannot (the schedule is not usable).
    """
    need_host = [m for m in inc.starts if len(prob.mhosts[m]) > 1 and m not in inc.hosts]
    need_group = [m for m in inc.starts if prob.needs_interp[m] and m not in inc.groups]
    if not need_host and not need_group:
        return inc
    res = assign_resources(prob, inc.starts, inc.hosts, inc.groups)
    if res.failed:
        return None
    types = prob.interpreter_types()[0]
    group_of = {i: g for g, members in enumerate(types) for i in members}
    hosts, groups = dict(inc.hosts), dict(inc.groups)
    for m in need_host:
        t = res.table.get(m)
        if t is None:
            return None
        hosts[m] = t
    for m in need_group:
        i = res.interpreter.get(m)
        if i is None:
            return None
        groups[m] = group_of[i]
    return Incumbent(dict(inc.starts), hosts, groups)


def _neighbourhood(
    prob: Problem,
    best: Incumbent,
    brk: list[int],
    size: int,
    rng: random.Random,
    priority: bool,
    moved: bool,
    breaks: bool = True,
    focus: int | None = None,
) -> tuple[set[int], set[int]]:
    """A few linked participants, from one with breaks (or, for `priority`, a meeting left
    out; for `moved`, a meeting away from its published start), and their held meetings: the
    meetings to free.

    A meeting left out (`focus`, when given), or away from a published start that still
    holds, brings all its participants in at once: grown from one of them, a neighbourhood
    was often full with that one's own meetings before it reached the other, and the meeting
    could not come in (f300-resched: 12 rounds without a gain, 2 points short of the bound).

    With several days, a share of the neighbourhoods (`DAY_SHARE`) frees only the meetings of
    one day, a day of the first participant's breaks, and links participants through that
    day's meetings: about twice as many participants for the same number of freed meetings
    (breaks are counted per day).
    """
    pools = [[p for p, b in enumerate(brk) if b > 0] if breaks else []]
    left_out: list[int] = []
    if priority:
        left_out = [m for m in range(prob.n_meetings) if m not in best.starts and prob.starts[m]]
        pools.append(left_out)
    away: list[int] = []
    if moved:
        # a meeting away from a published start that still holds may go back there, with
        # both its participants in the neighbourhood; the others moved because they must
        away = [
            m
            for m, k in sorted(prob.previous.items())
            if best.starts.get(m) != k and k in prob.starts[m]
        ]
        pools.append(
            away
            or sorted(
                {
                    p
                    for m, k in prob.previous.items()
                    if best.starts.get(m) != k
                    for p in prob.mparts[m]
                }
            )
        )
    pools = [pool for pool in pools if pool]
    pool = rng.choice(pools) if pools else []
    if not pool:
        return set(), set()
    if focus is not None:
        pool = left_out
    seeds = [rng.choice(pool) if focus is None else focus]
    by_meeting = pool is left_out or pool is away
    if by_meeting:
        # a meeting left out comes in only with both its participants in the neighbourhood
        # (a round holds a meeting left out when all of them are): they are the seed
        seeds = list(prob.mparts[seeds[0]])
    seed_p = seeds[0]
    day: int | None = None
    if not by_meeting and len(prob.days) > 1 and rng.random() < DAY_SHARE:
        days = sorted(
            {prob.day[best.starts[m]] for m in prob.meetings_of[seed_p] if m in best.starts}
        )
        broken = [d for d in days if _breaks_on(prob, best, seed_p, d)]
        if broken or days:
            day = rng.choice(broken or days)

    def held(p: int) -> list[int]:
        return [
            m
            for m in prob.meetings_of[p]
            if m in best.starts and (day is None or prob.day[best.starts[m]] == day)
        ]

    def partners(p: int) -> list[int]:
        ms = held(p) if day is not None else prob.meetings_of[p]
        return [q for m in ms for q in prob.mparts[m] if q != p]

    chosen = set(seeds)
    free: set[int] = {m for p in seeds for m in held(p)}
    frontier = [q for p in seeds for q in partners(p)]
    while len(free) < size:
        cands = [q for q in dict.fromkeys(frontier) if q not in chosen]
        if not cands:
            # a participant with breaks elsewhere: neighbourhoods need not be connected
            people = [p for m in pool for p in prob.mparts[m]] if by_meeting else pool
            rest = [p for p in dict.fromkeys(people) if p not in chosen]
            if not rest:
                break
            cands = [rng.choice(rest)]
        # partners with breaks first, then at random
        rng.shuffle(cands)
        cands.sort(key=lambda q: -min(brk[q], 1))
        q = cands[0]
        chosen.add(q)
        free.update(held(q))
        frontier.extend(r for r in partners(q) if r not in chosen)
    return chosen, free


def _breaks_on(prob: Problem, best: Incumbent, p: int, day: int) -> bool:
    """Whether participant p has a free slot between two of its meetings on `day`."""
    busy = sorted(
        j
        for m in prob.meetings_of[p]
        if m in best.starts and prob.day[best.starts[m]] == day
        for j in prob.cover(m, best.starts[m])
    )
    return bool(busy) and busy[-1] - busy[0] + 1 > len(set(busy))


def _subproblem(
    prob: Problem,
    best: Incumbent,
    chosen: set[int],
    free: set[int],
) -> _Sub | None:
    """The neighbourhood as a `Problem`: its participants and meetings, the rest as capacity."""
    starts = best.starts
    parts = sorted(chosen | {p for m in free for p in prob.mparts[m]})
    ppos = {p: i for i, p in enumerate(parts)}
    held = {m for p in parts for m in prob.meetings_of[p] if m in starts}
    # in mode 'most', meetings left out between two participants of the neighbourhood may come in
    extra = set()
    if not prob.schedule_all:
        extra = {
            m
            for p in parts
            for m in prob.meetings_of[p]
            if m not in starts and prob.starts[m] and all(q in ppos for q in prob.mparts[m])
        }
    free = (free & held) | extra
    inside = sorted(held | extra)
    mpos = {m: i for i, m in enumerate(inside)}
    S = prob.n_slots
    # pool tables (or counted tables) left by the meetings outside
    pool_left = list(prob.pool_avail) if prob.table_list else [prob.table_count] * S
    types, mtypes = prob.interpreter_types()
    used = [[0] * S for _ in types]
    for m, k in starts.items():
        if m in mpos:
            continue
        if not prob.mhosts[m]:
            for j in prob.cover(m, k):
                pool_left[j] -= 1
        g = best.groups.get(m)
        if prob.needs_interp[m] and g is not None:
            for j in prob.cover(m, k):
                used[g][j] += 1
    if any(c < 0 for c in pool_left):
        return None
    # interpreters: in each group the first `used` members are taken by meetings outside
    i_avail = [list(row) for row in prob.i_avail]
    sub_types: list[list[int]] = []
    group_of: list[int] = []
    sub_of: dict[int, list[int]] = {}
    for g, members in enumerate(types):
        if max(used[g]) > len(members):
            return None
        pattern: dict[tuple[bool, ...], list[int]] = {}
        for r, i in enumerate(members):
            row = tuple(i_avail[i][j] and r >= used[g][j] for j in range(S))
            i_avail[i] = list(row)
            pattern.setdefault(row, []).append(i)
        for row_members in pattern.values():
            if not any(i_avail[row_members[0]]):
                continue
            sub_of.setdefault(g, []).append(len(sub_types))
            sub_types.append(row_members)
            group_of.append(g)
    after: list[list[int]] = []
    sub_starts: list[list[int]] = []
    mhosts: list[tuple[int, ...]] = []
    fixed: list[int | None] = []
    for m in inside:
        if m not in free:
            fixed.append(starts[m])
            sub_starts.append([starts[m]])
            hosts = prob.mhosts[m]
            if len(hosts) > 1 and m in best.hosts:
                hosts = (best.hosts[m],)
            mhosts.append(hosts)
            after.append([mpos[a] for a in prob.after[m] if a in mpos])
            continue
        lo, hi = 0, S
        for a in prob.after[m]:
            if a in starts and a not in mpos:
                lo = max(lo, starts[a] + prob.length[a])
        after.append([mpos[a] for a in prob.after[m] if a in mpos])
        fixed.append(prob.fixed[m])
        mhosts.append(prob.mhosts[m])
        sub_starts.append([k for k in prob.starts[m] if lo <= k <= hi])
    for b in range(prob.n_meetings):
        if b in mpos or b not in starts:
            continue
        for a in prob.after[b]:
            if a in mpos and a in free:
                i = mpos[a]
                sub_starts[i] = [k for k in sub_starts[i] if k + prob.length[a] <= starts[b]]
    if any(not ks for ks in sub_starts):
        return None
    mparts = [[ppos[p] for p in prob.mparts[m] if p in ppos] for m in inside]
    meetings_of: list[list[int]] = [[] for _ in parts]
    for i, ps in enumerate(mparts):
        for p in ps:
            meetings_of[p].append(i)
    sub = replace(
        prob,
        part_ids=[prob.part_ids[p] for p in parts],
        capacity=[prob.capacity[p] for p in parts],
        p_avail=[prob.p_avail[p] for p in parts],
        meet_ids=[prob.meet_ids[m] for m in inside],
        mparts=mparts,
        prio=[prob.prio[m] for m in inside],
        length=[prob.length[m] for m in inside],
        starts=sub_starts,
        fixed=fixed,
        after=after,
        needs_interp=[prob.needs_interp[m] for m in inside],
        interp_cands=[prob.interp_cands[m] for m in inside],
        i_avail=i_avail,
        table_list=True,
        table_count=0,
        table_ids=prob.table_ids,
        t_avail=prob.t_avail,
        pool=prob.pool,
        pool_avail=pool_left,
        mhosts=mhosts,
        previous={mpos[m]: k for m, k in prob.previous.items() if m in mpos},
        meetings_of=meetings_of,
        no_start_reason={},
        _types=None,
    )
    sub._types = (
        sub_types,
        [sorted(t for g in mtypes[m] for t in sub_of.get(g, [])) for m in inside],
    )
    return _Sub(prob=sub, meetings=inside, free=free, group_of=group_of)


def _fair_outside(ctx: Context, prob: Problem, sub: _Sub, brk: list[int]) -> bool:
    """Fairness against the participants outside the neighbourhood (their breaks stay).

    False when the neighbourhood cannot keep it (a participant without a possible break
    while someone outside has more than the limit).
    """
    d = prob.fairness
    if d is None:
        return True
    inside = set(sub.prob.part_ids)
    outside = [b for p, b in enumerate(brk) if prob.part_ids[p] not in inside]
    if not outside:
        return True
    lo, hi = max(outside) - d, min(outside) + d
    for b in ctx.breaks_of:
        if isinstance(b, int):
            if not lo <= b <= hi:
                return False
            continue
        ctx.model.add(b <= hi)
        ctx.model.add(b >= lo)
    return True
