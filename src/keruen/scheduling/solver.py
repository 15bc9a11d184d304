"""`solve`: the public entry point, choosing between the CP-SAT and the heuristic engine.

The exact engine optimises the lexicographic objective in stages on one CP-SAT model:
priority (mode 'most'), then moved meetings (with a published schedule), then breaks. Each
stage starts from the previous stage's schedule as a hint and freezes its proven value (or,
when time ran out, keeps it as a floor). Tables and interpreters are then assigned to the
timetable (see `assign`).
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any

from ortools.sat.python import cp_model

from .assign import breaks_of
from .constraints import Context, OutOfTime, build_model
from .instance import Instance
from .outcome import Engine, Progress, ProgressFn, make_solution, without_schedule
from .problem import Problem, compile_problem, overloaded
from .reanneal import supports as reanneal_supports
from .solution import Bound, Solution, Status, Unscheduled

if TYPE_CHECKING:
    from .maxsat import Result as MaxSatResult

__all__ = ["DEFAULT_SECONDS", "Engine", "Progress", "solve"]

DEFAULT_SECONDS = 60.0
#: above this many start variables `engine="auto"` uses the heuristic engine
AUTO_CPSAT_MAX_STARTS = 150_000
#: the SAT solver of the MaxSAT engine (CaDiCaL 1.9.5; Glucose 4 lost on 3 of 4 hard forums)
MAXSAT_SOLVER = "cd19"
CPSAT_FIRST_SECONDS = 8.0
MAXSAT_MAX_STARTS = 20_000


def solve(
    instance: Instance,
    *,
    seconds: float | None = None,
    workers: int | None = None,
    seed: int | None = None,
    engine: Engine = "auto",
    progress: ProgressFn | None = None,
    hint: dict[str, int] | None = None,
) -> Solution:
    """Schedule `instance`; infeasible or timed out are statuses of the returned `Solution`.

    `seconds`, `workers` and `seed` default to the instance's ``limits`` and then to 60 s,
    2 workers and seed 0. `hint` is an optional {meeting id: start slot id} to start from.
    """
    t0 = time.monotonic()
    limits = instance.limits
    seconds = (
        seconds
        if seconds is not None
        else (limits.seconds if limits and limits.seconds else DEFAULT_SECONDS)
    )
    workers = (
        workers if workers is not None else (limits.workers if limits and limits.workers else 2)
    )
    seed = seed if seed is not None else (limits.seed if limits and limits.seed is not None else 0)
    prob = compile_problem(instance)

    if prob.schedule_all:
        # in mode 'most' a meeting that cannot be held is left out with its reason
        dead = [m for m in range(prob.n_meetings) if not prob.starts[m]]
        if dead:
            return Solution(
                status=Status.INFEASIBLE,
                unscheduled=[
                    Unscheduled(meeting=prob.meet_ids[m], reason=prob.no_start_reason[m])
                    for m in dead
                ],
                seconds=round(time.monotonic() - t0, 3),
                engine="presolve",
                message=f"meeting {prob.meet_ids[dead[0]]!r}: {prob.no_start_reason[dead[0]]}",
            )
        crowded = overloaded(prob)
        if crowded is not None:
            return Solution(
                status=Status.INFEASIBLE,
                seconds=round(time.monotonic() - t0, 3),
                engine="presolve",
                message=crowded,
            )
    return _closed(prob, _dispatch(prob, engine, seconds, workers, seed, progress, t0, hint))


def _dispatch(
    prob: Problem,
    engine: Engine,
    seconds: float,
    workers: int,
    seed: int,
    progress: ProgressFn | None,
    t0: float,
    hint: dict[str, int] | None,
) -> Solution:
    """The engine the instance calls for (see `solve`)."""
    n_starts = sum(len(s) for s in prob.starts)
    hint_pos = _hint_positions(prob, hint)
    if engine == "auto" and n_starts > AUTO_CPSAT_MAX_STARTS:
        engine = "heuristic"
    if engine == "heuristic":
        from .heuristic import solve_heuristic

        return solve_heuristic(
            prob,
            seconds=seconds,
            seed=seed,
            workers=workers,
            progress=progress,
            t0=t0,
            hint=hint_pos,
        )
    if engine == "maxsat" or (engine == "auto" and not hint_pos and n_starts <= MAXSAT_MAX_STARTS):
        from . import maxsat

        if engine == "maxsat" and not maxsat.supports(prob):
            raise ValueError(
                "the maxsat engine handles mode 'all' without interpreters, host tables or order"
            )
        if engine == "maxsat" or maxsat.supports(prob):
            return _portfolio(prob, engine, seconds, workers, seed, progress, t0)
    if prob.previous and not hint_pos and engine in ("auto", "cpsat"):
        return _reschedule(prob, seconds, workers, seed, progress, t0)
    return _exact(prob, seconds, workers, seed, progress, t0, hint_pos)


def _meets(prob: Problem, values: dict[str, int], bound: Bound) -> bool:
    """Whether priority, moved and breaks of a schedule each meet their proven bound."""
    levels = [bound.breaks is not None and values["breaks"] <= bound.breaks]
    if not prob.schedule_all:
        levels.append(bound.priority is not None and values["priority"] >= bound.priority)
    if prob.previous:
        levels.append(bound.moved is not None and values["moved"] <= bound.moved)
    return all(levels)


def _closed(prob: Problem, sol: Solution) -> Solution:
    """The stop rule, at the end: a schedule meeting the proven bound of every level is optimal.

    Every engine reports bounds valid for the lexicographic optimum (priority: an upper bound
    of all schedules; moved and breaks: lower bounds proven among schedules holding at least the
    priority, and at most the moves, the optimum holds), so reaching all of them proves it.
    """
    o = sol.objective
    values = {"priority": o.priority, "moved": o.moved, "breaks": o.breaks}
    if sol.status == Status.FEASIBLE and _meets(prob, values, sol.bound):
        sol.status = Status.OPTIMAL
    return sol


#: share of the breaks stage's time given to the large-neighbourhood search (`lns`); CP-SAT
#: keeps improving past it until it stalls for STALL_SHARE of the stage's time, leaving the
#: LNS at least LNS_MIN_SHARE (f020-all, f040-all, f040-most at load 5-7: CP-SAT alone from
#: the first schedule reached their 0 breaks in 0.6-8.2 s; cut at 5 s it lost its state)
LNS_SHARE, LNS_MIN_SHARE, STALL_SHARE = 0.5, 0.2, 0.1
#: above this many start variables the LNS starts from the first schedule, before CP-SAT,
#: which gets the last LNS_FIRST_FINISH of the time, or what the LNS leaves when it stalls
LNS_FIRST_STARTS, LNS_FIRST_FINISH = 15_000, 0.0
#: CP-SAT resumes after a stalled LNS only with at least this many seconds left
FINISH_SECONDS = 1.0
#: a reschedule searches the full model only with this share of the limit left
FULL_SHARE = 0.2
#: share of the time limit (at most FIRST_SECONDS) for the fast first schedule; its greedy
#: pass may finish within GREEDY_SHARE of the limit (f300-most at 2 s: cut at 0.2 s it held
#: 1,529 of 1,687 meetings, priority 4,550 of a bound of 4,687, and at 1 s 1,025)
FIRST_SHARE, FIRST_SECONDS, GREEDY_SHARE = 0.1, 1.0, 0.5
#: share of the time limit for the LP bound on priority (else the trivial bound is stated)
LP_SHARE = 0.2
#: the model is not built when it would be ready less than this before the limit
BUILD_MARGIN = 0.1
#: the stages solved by a core-based worker beside an LP search (CP-SAT's default portfolio
#: otherwise; see `solve_cpsat`)
CORE_STAGES = ("priority", "breaks")


def _exact(
    prob: Problem,
    seconds: float,
    workers: int,
    seed: int,
    progress: ProgressFn | None,
    t0: float,
    hint: dict[int, int],
) -> Solution:
    """CP-SAT from a fast first schedule, with the proven bounds stated in the model.

    The heuristic engine gives a schedule in a fraction of a second; CP-SAT starts from it
    (so a schedule exists at any time limit) and keeps the better of the two. The priority
    upper bound (`bound.priority_upper_bound`) and the meetings that must move are added as
    implied constraints, so a stage stops, proven, as soon as its best reaches them.
    """
    from .heuristic import solve_heuristic

    first: Solution | None = None
    if not hint:
        first = solve_heuristic(
            prob,
            seconds=min(FIRST_SECONDS, seconds * FIRST_SHARE),
            seed=seed,
            progress=progress,
            t0=time.monotonic(),
            lp_bound=False,
            greedy_until=t0 + GREEDY_SHARE * seconds,
        )
        if first.status.has_schedule:
            hint = _hint_positions(prob, first.start_of())
    known = implied_bounds(prob, seconds=LP_SHARE * seconds)
    large = sum(len(ks) for ks in prob.starts) > LNS_FIRST_STARTS
    if large and first is not None and first.status.has_schedule and _fair(prob, first):
        start_pos = _hint_positions(prob, first.start_of())
        return _lns_first(prob, start_pos, known, seconds, workers, seed, progress, t0)
    # the LNS may start from the first schedule when it keeps every hard rule of the model
    start = (
        hint
        if first is not None
        and first.status.has_schedule
        and _fair(prob, first)
        and not (prob.schedule_all and first.unscheduled)
        else None
    )
    sol = solve_cpsat(
        prob,
        seconds=seconds,
        workers=workers,
        seed=seed,
        progress=progress,
        t0=t0,
        hint=hint or None,
        bounds=known,
        lns_share=LNS_SHARE,
        lns_start=start,
    )
    _keep_bounds(sol.bound, _proven_bounds(prob, known))
    better = sol.status == Status.UNKNOWN or (
        sol.status == Status.FEASIBLE and first is not None and _key(first) < _key(sol)
    )
    if first is not None and first.status.has_schedule and _fair(prob, first) and better:
        first.bound = sol.bound
        first.seconds = round(time.monotonic() - t0, 3)
        return first
    return sol


def _lns_first(
    prob: Problem,
    start: dict[int, int],
    bounds: dict[str, int],
    seconds: float,
    workers: int,
    seed: int,
    progress: ProgressFn | None,
    t0: float,
) -> Solution:
    """A large instance: annealing and the LNS from a first schedule at once, then CP-SAT.

    Measured on the forums of 200-300 per side (benchmarks/README.md): CP-SAT's stages on the
    full model took most of a minute to find their first schedules, so the first schedule
    (whose priority was within 0.1 % of its bound there) is improved at once. The annealing
    on breaks (`reanneal`, the same meetings held) gets `REANNEAL_SHARE` of the time; the LNS
    (which settles priority, moved and breaks in this order) the rest; CP-SAT then starts
    from its schedule for what the LNS leaves when it stalls, where it may prove a level or
    improve it.
    """
    from .lns import STALL_ROUNDS, Incumbent, improve_breaks

    known = _proven_bounds(prob, bounds)
    bound = _bound_of(known)

    def report(priority: int, breaks: int) -> None:
        if progress is not None:
            progress(Progress("lns", round(time.monotonic() - t0, 2), breaks, known["breaks"]))

    inc = _annealed(prob, Incumbent(start, {}, {}), known["breaks"], seconds, seed, progress, t0)
    left = seconds - (time.monotonic() - t0)
    got = improve_breaks(
        prob,
        inc,
        deadline=time.monotonic() + left * (1 - LNS_FIRST_FINISH),
        workers=workers,
        seed=seed,
        lower=known["breaks"],
        priority_goal=None if prob.schedule_all else known.get("priority"),
        moved_goal=known.get("moved", 0),
        on_improve=report,
        stall_rounds=4 * STALL_ROUNDS,
    )
    values = _values_of(prob, got.starts)
    if not _meets(prob, values, bound) and seconds - (time.monotonic() - t0) > FINISH_SECONDS:
        sol = solve_cpsat(
            prob,
            seconds=seconds,
            workers=workers,
            seed=seed,
            progress=progress,
            t0=t0,
            hint=got.starts,
            bounds=bounds,
        )
        _keep_bounds(sol.bound, known)
        if sol.status.has_schedule and _key(sol) <= (
            -values["priority"],
            values["moved"],
            values["breaks"],
        ):
            sol.engine = "cpsat-lns"
            return sol
        if sol.status.has_schedule or sol.status == Status.UNKNOWN:
            bound = sol.bound
    return make_solution(
        prob,
        got.starts,
        Status.OPTIMAL if _meets(prob, values, bound) else Status.FEASIBLE,
        bound,
        t0,
        engine="cpsat-lns",
        reported=values,
        host_table=got.hosts,
        interp_group=got.groups,
    )


#: share of the time left after the first schedule for the annealing on breaks (`reanneal`)
#: on a large instance; the LNS and CP-SAT get the rest
REANNEAL_SHARE = 0.8


def _annealed(
    prob: Problem,
    inc: Any,
    lower: int,
    seconds: float,
    seed: int,
    progress: ProgressFn | None,
    t0: float,
    share: float = 0.0,
    patience: int | None = None,
) -> Any:
    """`inc` (an `lns.Incumbent`) with fewer breaks by annealing, the same meetings held.

    It takes `share` of the time left (REANNEAL_SHARE when 0), or stops after `patience`
    moves without a better schedule.

    Measured on f300-most (benchmarks/README.md): from the first schedule's 220-250 breaks,
    the LNS alone reached 150 in 60 s, the annealing 1 in 50 s.
    """
    from .lns import Incumbent, complete
    from .reanneal import Placed, reanneal, supports

    if not supports(prob):
        return inc
    done = complete(prob, inc)
    if done is None:
        return inc

    def report(breaks: int) -> None:
        if progress is not None:
            progress(Progress("anneal", round(time.monotonic() - t0, 2), breaks, lower))

    left = seconds - (time.monotonic() - t0)
    got = reanneal(
        prob,
        Placed(done.starts, done.hosts, done.groups),
        deadline=time.monotonic() + left * (share or REANNEAL_SHARE),
        seed=seed,
        lower=lower,
        on_improve=report,
        patience=patience,
    )
    if got is None:
        return done
    return Incumbent(got.starts, got.hosts, got.groups)


def _bound_of(known: dict[str, int]) -> Bound:
    return Bound(
        priority=known.get("priority"), moved=known.get("moved"), breaks=known.get("breaks")
    )


def _keep_bounds(bound: Bound, known: dict[str, int]) -> None:
    """Fill the levels a solve stopped before with the proven bounds it was given.

    Each is the tighter of the two (a search may prove more than the implied bound)."""
    for name, value in known.items():
        have = getattr(bound, name, None)
        if have is None:
            setattr(bound, name, value)
        elif name == "priority":
            setattr(bound, name, min(have, value))
        else:
            setattr(bound, name, max(have, value))


def _fair(prob: Problem, sol: Solution) -> bool:
    """Whether a schedule keeps the fairness limit (the heuristic may not manage to)."""
    if prob.fairness is None:
        return True
    brk = breaks_of(prob, _hint_positions(prob, sol.start_of()))
    return max(brk, default=0) - min(brk, default=0) <= prob.fairness


def implied_bounds(prob: Problem, seconds: float | None = None) -> dict[str, int]:
    """Proven bounds to state in the model: priority (upper) and moved (lower).

    With `seconds`, the LP bound on priority gets that long (else the trivial bound)."""
    from .bound import priority_upper_bound

    out: dict[str, int] = {}
    if not prob.schedule_all:
        out["priority"] = priority_upper_bound(prob, seconds=seconds)
    if prob.previous:
        out["moved"] = sum(1 for m, k in prob.previous.items() if k not in prob.starts[m])
    return out


def _reschedule(
    prob: Problem,
    seconds: float,
    workers: int,
    seed: int,
    progress: ProgressFn | None,
    t0: float,
) -> Solution:
    """Repair a published schedule: first move only what must move, then widen if needed.

    Meetings whose published start is still possible are pinned there (or dropped) and the
    rest are free. Moved meetings can never be fewer than those whose published start became
    impossible, and priority never more than its upper bound: when the repair reaches both,
    priority and moved are proven optimal in a fraction of the full model's time. Otherwise
    the full model runs, starting from the repair.
    """
    from dataclasses import replace

    from .bound import priority_upper_bound

    forced = {m for m, k in prob.previous.items() if k not in prob.starts[m]}
    starts = [
        [prob.previous[m]] if m in prob.previous and m not in forced else prob.starts[m]
        for m in range(prob.n_meetings)
    ]
    pinned = replace(prob, starts=starts)
    ub = (
        sum(prob.prio)
        if prob.schedule_all
        else priority_upper_bound(prob, seconds=LP_SHARE * seconds)
    )
    # a first schedule at once: the heuristic places the published starts first
    from .heuristic import solve_heuristic

    quick = solve_heuristic(
        pinned,
        seconds=min(FIRST_SECONDS, seconds * FIRST_SHARE),
        seed=seed,
        t0=time.monotonic(),
        lp_bound=False,
    )
    quick_ok = quick.status.has_schedule and _fair(prob, quick)
    # the repair settles priority and moved only: breaks are the full model's work
    repair = solve_cpsat(
        pinned,
        seconds=seconds * 0.6,
        workers=workers,
        seed=seed,
        progress=progress,
        t0=t0,
        hint=_hint_positions(prob, quick.start_of()) if quick_ok else None,
        bounds={"priority": ub, "moved": len(forced)},
        levels=("priority", "moved"),
    )
    if quick_ok and (
        not repair.status.has_schedule
        or (repair.status != Status.OPTIMAL and _key(quick) < _key(repair))
    ):
        quick.bound = Bound(priority=ub, moved=len(forced), breaks=0)
        quick.status = Status.FEASIBLE
        repair = quick
    if repair.status == Status.OPTIMAL:
        repair.status = Status.FEASIBLE  # pinned, and its breaks were not minimised
    repaired = (
        repair.status.has_schedule
        and repair.objective.priority >= ub
        and repair.objective.moved <= len(forced)
    )
    if repaired:
        repair.bound = Bound(priority=ub, moved=len(forced), breaks=0)
        repair.status = Status.FEASIBLE
        repair.engine = "cpsat-repair"
    widened = (
        _widen(prob, repair, ub, len(forced), seconds, workers, seed, t0)
        if repair.status.has_schedule and not repaired and not prob.schedule_all
        else None
    )
    left = seconds - (time.monotonic() - t0)
    if (repaired and left < 0.2) or left < FULL_SHARE * seconds:
        # too little time left to build and search the full model: the limit comes first
        repair.seconds = round(time.monotonic() - t0, 3)
        if not repaired and repair.status.has_schedule:
            repair.bound = Bound(priority=ub, moved=len(forced), breaks=0)
        return repair
    mpos = {mid: m for m, mid in enumerate(prob.meet_ids)}
    spos = {sid: k for k, sid in enumerate(prob.slot_ids)}
    hint = (
        {mpos[a.meeting]: spos[a.slot] for a in repair.assignments}
        if repair.status.has_schedule
        else {}
    )
    if widened is not None and _lex(prob, widened) > _lex(prob, hint):
        hint = widened
    full = solve_cpsat(
        prob,
        # the limit counts from t0, which the full search shares (passing what is left here
        # counted the repair's time twice: large reschedules stopped at 30-45 s of 60)
        seconds=max(seconds, time.monotonic() - t0 + 0.1),
        workers=workers,
        seed=seed,
        progress=progress,
        t0=t0,
        hint=hint or None,
        bounds={"priority": ub, "moved": len(forced)},
        lns_share=LNS_SHARE,
        lns_start=hint or None,
    )
    if repair.status.has_schedule and (
        not full.status.has_schedule
        or (full.status != Status.OPTIMAL and _key(full) >= _key(repair))
    ):
        # the repair's own bounds hold for the pinned problem only
        full_ub = full.bound.priority if full.bound.priority is not None else ub
        repair.bound = Bound(priority=min(ub, full_ub), moved=len(forced), breaks=0)
        repair.status = Status.FEASIBLE
        repair.seconds = round(time.monotonic() - t0, 3)
        return repair
    full.bound.moved = max(full.bound.moved or 0, len(forced))
    return full


#: the widening LNS after a repair short of the priority bound (`_widen`) searches until
#: this share of the limit, and gives up after WIDEN_STALL rounds in a row without a gain
WIDEN_SHARE, WIDEN_STALL = 0.4, 12


def _widen(
    prob: Problem,
    repair: Solution,
    ub: int,
    forced: int,
    seconds: float,
    workers: int,
    seed: int,
    t0: float,
) -> dict[int, int] | None:
    """The repair's schedule widened towards the priority bound, moving few meetings.

    The repair pins every meeting whose published start still holds; when it falls short of
    the priority bound, the full model's priority stage finds the missing points from a
    schedule that moves hundreds of meetings, and its moved stage starts from there (f250-
    resched: 1,211 moved, 407 at its end). Here LNS rounds free the meetings of the
    participants of a meeting left out (and of the moved ones) and their partners, with the
    lexicographic objective priority, moved, breaks: a round never moves more for nothing.
    Short of priority, most rounds start from both participants of a meeting left out, each
    such meeting in turn, the neighbourhood doubled after a pass over them without a gain
    (f300-resched: the two missing points need two such rounds, of 6 meetings changed in all).
    None when it found nothing better than the repair.
    """
    from .lns import Incumbent, improve_breaks

    mpos = {mid: m for m, mid in enumerate(prob.meet_ids)}
    spos = {sid: k for k, sid in enumerate(prob.slot_ids)}
    start = {mpos[a.meeting]: spos[a.slot] for a in repair.assignments}
    deadline = t0 + WIDEN_SHARE * seconds
    if deadline - time.monotonic() < 0.5:
        return None
    got = improve_breaks(
        prob,
        Incumbent(start, {}, {}),
        deadline=deadline,
        workers=workers,
        seed=seed,
        priority_goal=ub,
        moved_goal=forced,
        stall_rounds=WIDEN_STALL,
        breaks=False,
    )
    return got.starts if _lex(prob, got.starts) > _lex(prob, start) else None


def _portfolio(
    prob: Problem,
    engine: str,
    seconds: float,
    workers: int,
    seed: int,
    progress: ProgressFn | None,
    t0: float,
) -> Solution:
    """SAT searches side by side, in child processes; they share bounds, and a proof stops all.

    Measured on the Girona set (benchmarks/README.md). One child climbs from the break floors
    with "breaks <= b" calls, b = floor, floor + 1, ... (`maxsat._ascend`): each refuted b
    raises the proven lower bound. The second descends from a first schedule with "fewer
    breaks than the best" calls (`maxsat._descend`). The schedule is optimal as soon as the
    descent's best meets the climb's bound, or when either child proves it alone; at the time
    limit the best schedule found is returned with the proven bound. A third worker runs
    core-guided RC2. With one worker (`auto`): when the heuristic places no complete
    timetable, CP-SAT for a few seconds (its schedule is the fallback), then the climb from
    its bound; otherwise the annealing starts from the heuristic's timetable at once, without
    CP-SAT (eighteenth pass); when neither the heuristic nor that CP-SAT run (with two
    workers: CP-SAT's first schedule) gave a schedule, one SAT call on the formula gives one
    (`_first_schedule`, nineteenth pass; with one worker it was CP-SAT's first schedule,
    with two the descent's), which is annealed before the climb, and only when it finds
    none either does the descent look for one.
    Before all of them the heuristic engine gives a first schedule in a fraction of a second
    (when it places every meeting), which the descent starts from.

    Before the descent (with one worker: before the climb), simulated annealing (`anneal`)
    improves the first schedule in this process, while the climb already runs in its child:
    a SAT call for a schedule with few breaks can take longer than the limit, and the best at
    the limit was then the first schedule (15 s, one worker: 12-118 breaks over the optimum
    on 11 of the 20 Girona forums). It stops when it stalls (`ANNEAL_PATIENCE` moves without
    a better schedule) or after `ANNEAL_SHARE` of the time left; the heuristic's timetable
    may break the fairness limit for it (`anneal` repairs that, and keeps fair ones only).
    With one worker it cools once over its whole share instead (`one_cooling`): the climb
    waits for it, and one cooling ended lower at 15 s than restarts (benchmarks/README.md,
    eighth pass). That cooling is short (counted in moves), and a window search on the SAT
    formula (`maxsat.improve`) then takes its schedule down until it is within WINDOW_GAP of
    the bound: from the annealing's minima, 4-8 breaks above the optimum on four Girona
    forums, it reaches 0-3 above in seconds of CPU (thirteenth pass). It runs in a child
    until then, or until it stalls, and the climb starts after it (seventeenth pass). At a
    short limit (5 s) one cooling of ONE_COOLING_MIN_MOVES takes most of the time, with one
    worker or two: the window search's first call alone takes 2-3 s of CPU (nineteenth
    pass). With two workers at a limit of at most WINDOW_BESIDE_CLIMB_SECONDS the same
    window search runs after the annealing in a child beside the climb, in the descent's
    place, when the annealed schedule is more than WINDOW_GAP + WINDOW_MIN_GAIN above the
    bound; the descent starts when it has ended (within WINDOW_GAP of the climb's bound, or
    stalled). At 15 s the annealing's minimum had been the answer on four forums, 6-7
    breaks over the optimum; a child, as a SAT call cannot be interrupted and the limit
    must stop it (sixteenth pass). The answer is optimal only when the best meets a proven bound.
    With two workers the descent (and RC2) shares the CPU equally with the climb for its first
    BESIDE_CLIMB_CPU seconds of CPU and then runs BESIDE_CLIMB_NICE nice steps behind it, so that
    on a busy machine the climb's late proofs get the larger share (twenty-first pass).
    """
    from dataclasses import replace

    from . import anneal, maxsat
    from .floors import break_floors
    from .heuristic import solve_heuristic

    lower = sum(break_floors(prob))
    first: Solution | None = None
    # a fast first schedule, so that one exists at any time limit and the descent starts low
    quick = solve_heuristic(
        prob,
        seconds=min(FIRST_SECONDS, seconds * FIRST_SHARE),
        seed=seed,
        t0=time.monotonic(),
        lp_bound=False,
    )
    start: dict[int, int] | None = None
    rough: dict[int, int] | None = None  # a complete timetable that may break fairness
    if quick.status.has_schedule and not quick.unscheduled and _fair(prob, quick):
        start = _hint_positions(prob, quick.start_of())
    elif prob.fairness is not None and anneal.supports(prob):
        loose = solve_heuristic(
            replace(prob, fairness=None),
            seconds=min(FIRST_SECONDS, seconds * FIRST_SHARE),
            seed=seed,
            t0=time.monotonic(),
            lp_bound=False,
        )
        if loose.status.has_schedule and not loose.unscheduled:
            rough = _hint_positions(prob, loose.start_of())
    # one worker: when the heuristic gave a complete timetable, the annealing starts from it at
    # once and CP-SAT's staged solve runs only if the annealing keeps no fair schedule. On the
    # Girona forums that have one (forum-1x, ticf-1x), CP-SAT's share (2.25 s at 15 s) gave a
    # schedule of 60-120 breaks and the floors' bound, and its schedule depended on the load;
    # the forums CP-SAT proves in that share have no such timetable (benchmarks/README.md,
    # eighteenth pass)
    cpsat_late = (
        engine == "auto"
        and workers < 2
        and (start is not None or rough is not None)
        and anneal.supports(prob)
    )

    def cpsat_first() -> Solution:
        nonlocal lower
        got = solve_cpsat(
            prob,
            seconds=min(CPSAT_FIRST_SECONDS, seconds * 0.15),
            workers=1,
            seed=seed,
            progress=progress,
            t0=t0,
            hint=start,
        )
        if got.bound.breaks is not None:
            lower = max(lower, got.bound.breaks)
        return got

    if engine == "auto" and workers < 2 and not cpsat_late:
        first = cpsat_first()
        if first.status in (Status.OPTIMAL, Status.INFEASIBLE):
            return first
    deadline = t0 + seconds
    best: tuple[int, dict[int, int]] | None = None
    if start is not None:
        best = (sum(breaks_of(prob, start)), start)
    if first is not None and first.status.has_schedule:
        starts = _hint_positions(prob, {a.meeting: a.slot for a in first.assignments})
        if best is None or first.objective.breaks < best[0]:
            best = (first.objective.breaks, starts)
    climb: maxsat.MaxSatRun | None = None
    # two workers at a short limit: after the annealing, the window search runs in a child
    # beside the climb, and the descent starts only when it has ended with time left
    short = workers >= 2 and seconds <= WINDOW_BESIDE_CLIMB_SECONDS
    if workers >= 2:
        # the climb proves while this process anneals
        climb = maxsat.MaxSatRun(prob, search="ascend", lower=lower, solver_name=MAXSAT_SOLVER)
    result: maxsat.Result | None = None
    if best is None and rough is None and anneal.supports(prob) and climb is not None:
        # two workers, no first schedule for the annealing: CP-SAT's first one, on this
        # process's worker
        once = solve_cpsat(
            prob,
            seconds=min(CPSAT_FIRST_SECONDS, seconds * 0.15),
            workers=1,
            seed=seed,
            t0=time.monotonic(),
            params={"stop_after_first_solution": True},
        )
        if once.status.has_schedule:
            best = (once.objective.breaks, _hint_positions(prob, once.start_of()))
    if best is None and rough is None and anneal.supports(prob):
        # still no first schedule for the annealing (with one worker CP-SAT's staged solve
        # found none in its share; with two, CP-SAT's first one did not come in its share):
        # one SAT call on the formula, in a child so that the limit stops it. On the 10-slot
        # tic-14crafd (every participant busy in most slots) CP-SAT's first schedule took
        # about 4 s and none came at 5 s (the descent then gave 35-37 breaks); the formula
        # gives one in about 0.5 s of CPU, which the annealing takes to the optimum 0 in
        # about 1 s (forumt-14crafd and -crafe at 5 s, two workers, under load: none from
        # CP-SAT in 0.75 s; benchmarks/README.md, nineteenth pass)
        got = _first_schedule(prob, deadline)
        if got is not None and got[0] == "infeasible":
            result = got
        elif got is not None and got[1] is not None:
            best = (sum(breaks_of(prob, got[1])), got[1])
    if best is not None:
        _report(progress, t0, best, lower)
    # the descent starts from the first schedule, not the annealed one: walking down from it,
    # the SAT solver learns what refutes the last step (tic-13crafc: from the first schedule,
    # 41 breaks, it proved 4 optimal in 37 s; from the annealed 4, it refuted nothing in 45 s)
    descent_start = best[1] if best is not None else None
    if (
        anneal.supports(prob)
        and (best is not None or rough is not None)
        and (best is None or best[0] > lower)
    ):

        def improved(starts: dict[int, int], cost: int) -> None:
            nonlocal best
            best = (cost, starts)
            _report(progress, t0, best, lower)

        def stop() -> bool:
            nonlocal lower, result
            if climb is None:
                return False
            got = climb.poll(0.0)
            if climb.lower is not None and climb.lower > lower:
                lower = climb.lower
                _report(progress, t0, best, lower)
            if got is not None and got[0] in ("optimal", "infeasible"):
                result = got
            return result is not None or (best is not None and best[0] <= lower)

        left = deadline - time.monotonic()
        # one worker: one cooling over the whole share (the climb waits for it anyway)
        share = left * ANNEAL_SHARE
        moves = int(left * ONE_COOLING_MOVES_PER_SECOND)
        one = climb is None
        if moves < ONE_COOLING_MIN_MOVES:
            # a short limit: the window search would not reach its first better schedule in
            # what the cooling leaves it, so one cooling takes most of the time (with two
            # workers too: restarts over half of 5 s ended 2-3 breaks higher)
            moves, share, one = ONE_COOLING_MIN_MOVES, left * ONE_SHORT_COOLING_SHARE, True
        if one:  # one cooling has no patience: a long limit must not wait on it
            share = min(share, ONE_COOLING_SECONDS)
        anneal.anneal(
            prob,
            best[1] if best is not None else rough or {},
            deadline=time.monotonic() + share,
            seed=seed,
            lower=lower,
            patience=None if one else ANNEAL_PATIENCE,
            on_improve=improved,
            stop=stop,
            one_cooling=one,
            max_moves=max(1_024, moves) if one else None,
        )
    if cpsat_late and best is None:
        first = cpsat_first()
        if first.status in (Status.OPTIMAL, Status.INFEASIBLE):
            return first
        if first.status.has_schedule:
            best = (first.objective.breaks, _hint_positions(prob, first.start_of()))
            descent_start = best[1]
    order: list[maxsat.Search] = ["descend", "rc2"] if climb is not None else ["ascend"]
    if workers < 2 and best is None:
        order = ["descend"]  # one worker and no schedule yet: find one before proving
    runs = [climb] if climb is not None else []
    window: maxsat.MaxSatRun | None = None
    window_until = deadline
    window_stall: float | None = None
    gap = ONE_WINDOW_GAP if climb is None else WINDOW_GAP
    if (
        climb is None
        and result is None
        and best is not None
        and best[0] > lower + gap
        and deadline - time.monotonic() > ONE_WINDOW_MIN_SECONDS
    ):
        # one worker: the window search on the SAT formula takes the annealing's schedule
        # further down before the climb, until it is within ONE_WINDOW_GAP of the proven bound
        # (thirteenth pass), after ONE_WINDOW_STALL seconds of its CPU without a better
        # schedule, or after WINDOW_SECONDS; in a child, so that it may run up to the limit
        # (a SAT call cannot be interrupted). With a share of the time left (before), it was
        # still finding better schedules when the climb took over, and the climb's last
        # seconds proved nothing on the forums it had not brought within WINDOW_GAP
        # (benchmarks/README.md, seventeenth pass)
        window_stall = ONE_WINDOW_STALL
    elif (
        short
        and result is None
        and best is not None
        and best[0] > lower + WINDOW_GAP + WINDOW_MIN_GAIN
        and deadline - time.monotonic() > DESCENT_MIN_SECONDS
    ):
        # two workers at a short limit: the window search, in a child beside the climb
        # instead of the descent (so that the limit can stop it: a SAT call cannot be
        # interrupted); the descent starts when it has ended. Where the annealing ended
        # close to the bound, the descent starts at once: it may prove the optimum there
        # (tic-13crafc at 11-12 s; benchmarks/README.md, sixteenth pass)
        window_stall = WINDOW_STALL
    if window_stall is not None and best is not None:
        window = maxsat.MaxSatRun(
            prob,
            search="window",
            lower=lower + gap,
            solver_name=MAXSAT_SOLVER,
            start=best[1],
            stall=window_stall,
        )
        runs.append(window)
        if climb is None:
            window_until = time.monotonic() + WINDOW_SECONDS
            if deadline - window_until < ONE_CLIMB_MIN_SECONDS:
                # the cap would leave the climb too little to prove anything: up to the
                # limit (at 15 s it ended the window search at 14.3 s, one better schedule
                # short)
                window_until = deadline

    def descend() -> None:
        if result is None and (best is None or best[0] > lower):
            runs.extend(
                maxsat.MaxSatRun(
                    prob,
                    search=plan,
                    lower=lower,
                    solver_name=MAXSAT_SOLVER,
                    start=descent_start,
                )
                for plan in order[: max(1, workers - len(runs))]
            )

    if window is None:
        descend()
    behind: set[int] = set()  # the children already put behind the climb
    look_cpu = time.monotonic()
    try:
        while result is None and time.monotonic() < deadline and runs:
            if climb is not None and time.monotonic() >= look_cpu:
                # the descent (and RC2) goes behind the climb once it has had its CPU budget
                look_cpu = time.monotonic() + 0.5
                for run in runs:
                    if run is climb or run is window or id(run) in behind:
                        continue
                    used = run.cpu_seconds()
                    if used is not None and used >= BESIDE_CLIMB_CPU:
                        run.renice(BESIDE_CLIMB_NICE)
                        behind.add(id(run))
            for run in list(runs):
                got = run.poll(0.02)
                if run.lower is not None and run.lower > lower:
                    lower = run.lower
                    _report(progress, t0, best, lower)
                if run.upper is not None and (best is None or run.upper[0] < best[0]):
                    best = run.upper
                    _report(progress, t0, best, lower)
                if got is None:
                    continue
                if got[0] in ("optimal", "infeasible"):
                    result = got
                    break
                run.stop()  # this child died (or the window search ended); the others go on
                runs.remove(run)
            if result is None and best is not None and best[0] <= lower:
                result = ("optimal", best[1], best[0])  # the descent met the climb's bound
            if window is not None and (
                window not in runs
                or (best is not None and best[0] <= lower + gap)
                or time.monotonic() >= window_until
            ):
                # the window search has ended, or is within WINDOW_GAP of the climb's bound
                # (with one worker: or has had WINDOW_SECONDS)
                window.stop()
                if window in runs:
                    runs.remove(window)
                window = None
                if deadline - time.monotonic() > (
                    DESCENT_MIN_SECONDS if climb is not None else ONE_WINDOW_MIN_SECONDS
                ):
                    descend()
    finally:
        for run in runs:
            run.stop()
    if result is not None:
        found = _maxsat_outcome(prob, result[0], result[1], result[2], t0, progress)
        if found is not None:
            return found
    if best is None:
        return without_schedule(prob, Status.UNKNOWN, t0, "no schedule found in the time limit")
    bound = Bound(priority=sum(prob.prio), moved=0, breaks=lower)
    if best[0] <= lower:
        return make_solution(prob, best[1], Status.OPTIMAL, bound, t0, engine="portfolio")
    if first is not None and first.status.has_schedule and first.objective.breaks <= best[0]:
        first.bound = bound
        first.engine = "portfolio"
        first.seconds = round(time.monotonic() - t0, 3)
        return first
    return make_solution(prob, best[1], Status.FEASIBLE, bound, t0, engine="portfolio")


#: the annealing before the descent: at most this share of the time left, and it stops after
#: this many moves without a better schedule (about 1-3 s on the Girona forums)
ANNEAL_SHARE, ANNEAL_PATIENCE = 0.5, 300_000
#: one cooling (one worker) lasts at most this long: its share at a 15 s limit is about 6 s,
#: where it was measured; with restarts, the patience ended the annealing after 5-8 s
ONE_COOLING_SECONDS = 8.0
#: one worker: the one cooling lasts this many moves per second of the time left (at 15 s
#: about 500,000, 1.5 s of a quiet core; so its outcome does not depend on the load) unless
#: its share ends first; then the window search on the SAT formula (`maxsat.improve`, in a
#: child) runs until its schedule is within ONE_WINDOW_GAP breaks of the proven bound, after
#: ONE_WINDOW_STALL seconds of its CPU without a better schedule, after WINDOW_SECONDS (unless
#: that leaves less than ONE_CLIMB_MIN_SECONDS), or at the limit; the climb has the rest (when
#: more than ONE_WINDOW_MIN_SECONDS are left). It starts when more than ONE_WINDOW_MIN_SECONDS
#: are left
ONE_COOLING_MOVES_PER_SECOND = 40_000
#: at a short limit (fewer than ONE_COOLING_MIN_MOVES moves by the rate above; with two workers
#: too, instead of the restarts): one cooling of ONE_COOLING_MIN_MOVES moves and up to
#: ONE_SHORT_COOLING_SHARE of the time left.
#: At 5 s it had about 180,000 moves (1 s), and the window search after it, whose first call
#: takes 2-3 s of CPU, rarely found a better schedule (forum-14 12 -> 10, ticf-14crafa 8);
#: 400,000-600,000 moves from the heuristic's timetable end lower on five of six forums
#: (forum-14 8-9, ticf-14crafa 5-6; benchmarks/README.md, nineteenth pass)
ONE_COOLING_MIN_MOVES, ONE_SHORT_COOLING_SHARE = 500_000, 0.75
WINDOW_SECONDS, WINDOW_GAP = 10.0, 3
ONE_WINDOW_STALL, ONE_WINDOW_MIN_SECONDS = 6.0, 1.0
#: one worker: when WINDOW_SECONDS would leave the climb less than this, the window search may
#: run to the limit. With the annealing at once (no CP-SAT first) it starts at about 2 s of
#: 15 and its cap left the climb 3 s, which only raised the bound (forum-13crafb 7 at 12.4 s
#: still improving, ticf-13crafb 4; eighteenth pass)
ONE_CLIMB_MIN_SECONDS = 5.0
#: one worker: the window search hands over to the climb within this many breaks of the bound
#: (WINDOW_GAP, 3, before): at 15 s it had stopped forum-14 at 5 (optimum and bound 2) and
#: ticf-14crafa at 3 (0) with 6-7 s left that the climb spent proving nothing; it now reaches
#: 4 and 2 (eighteenth pass)
ONE_WINDOW_GAP = 2
#: two workers at a limit of at most WINDOW_BESIDE_CLIMB_SECONDS: after the annealing, the
#: window search runs in a child beside the climb (the parent only polls) when more than
#: DESCENT_MIN_SECONDS are left and it can gain more than WINDOW_MIN_GAIN breaks before it is
#: within WINDOW_GAP of the bound; it ends there (the climb's bound taken in) or after
#: WINDOW_STALL seconds of its CPU without a better schedule; then the descent starts if more
#: than DESCENT_MIN_SECONDS are left
WINDOW_BESIDE_CLIMB_SECONDS, WINDOW_STALL, DESCENT_MIN_SECONDS = 30.0, 2.0, 2.0
WINDOW_MIN_GAIN = 2
#: two workers: once the descent (or RC2) beside the climb has had BESIDE_CLIMB_CPU seconds of
#: CPU, it runs BESIDE_CLIMB_NICE nice steps below the climb (and the parent), so that on a
#: machine whose other core is busy the climb, which carries the proof on most Girona forums,
#: gets the larger share of a core. The descent keeps an equal share for its first seconds of
#: CPU: it proves tic-13crafc in 8.7-10.9 s of it, and at nice 5 from the start it had 7-7.6 s
#: by the limit beside a busy loop and lost that proof in every pass, while the climb's proofs
#: came sooner (forum-14, tic-14crafc, ticf-13crafb; benchmarks/README.md, twenty-first pass)
BESIDE_CLIMB_CPU, BESIDE_CLIMB_NICE = 12.0, 5


def _first_schedule(prob: Problem, deadline: float) -> MaxSatResult | None:
    """One SAT call for any schedule (`maxsat._first`, in a child), stopped at `deadline`.

    ("done", starts, breaks), ("infeasible", None, None), or None when none came in time.
    """
    from . import maxsat

    run = maxsat.MaxSatRun(prob, search="first", solver_name=MAXSAT_SOLVER)
    try:
        while time.monotonic() < deadline:
            got = run.poll(min(0.02, max(0.001, deadline - time.monotonic())))
            if got is not None:
                return got if got[0] in ("done", "infeasible") else None
        return None
    finally:
        run.stop()


def _report(
    progress: ProgressFn | None, t0: float, best: tuple[int, Any] | None, lower: int
) -> None:
    if progress is not None:
        value = None if best is None else best[0]
        progress(Progress("maxsat", round(time.monotonic() - t0, 2), value, lower))


def _maxsat_outcome(
    prob: Problem,
    state: str,
    starts: dict[int, int] | None,
    cost: int | None,
    t0: float,
    progress: ProgressFn | None,
) -> Solution | None:
    """The solution for a finished MaxSAT run, or None when it found nothing."""
    if state == "optimal" and starts is not None and cost is not None:
        if progress is not None:
            progress(Progress("maxsat", round(time.monotonic() - t0, 2), cost, cost))
        return make_solution(
            prob,
            starts,
            Status.OPTIMAL,
            Bound(priority=sum(prob.prio), moved=0, breaks=cost),
            t0,
            engine="maxsat",
        )
    if state == "infeasible":
        return without_schedule(prob, Status.INFEASIBLE, t0, "the hard constraints cannot all hold")
    return None


def _hint_positions(prob: Problem, hint: dict[str, int] | None) -> dict[int, int]:
    if not hint:
        return {}
    mpos = {mid: m for m, mid in enumerate(prob.meet_ids)}
    spos = {sid: k for k, sid in enumerate(prob.slot_ids)}
    return {mpos[mid]: spos[s] for mid, s in hint.items() if mid in mpos and s in spos}


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, stage: str, t0: float, fn: ProgressFn | None) -> None:
        super().__init__()
        self.stage, self.t0, self.fn = stage, t0, fn
        self.last = time.monotonic()  # when the last schedule was found

    def on_solution_callback(self) -> None:
        self.last = time.monotonic()
        if self.fn is not None:
            self.fn(
                Progress(
                    self.stage,
                    round(time.monotonic() - self.t0, 2),
                    self.objective_value,
                    # breaks carry a constant offset; a count is never below 0
                    self.best_objective_bound
                    if self.stage == "priority"
                    else max(0.0, self.best_objective_bound),
                )
            )


class _Handover:
    """Stops a CP-SAT solve after `at` once it found nothing better for `stall` seconds."""

    def __init__(self, solver: cp_model.CpSolver, cb: _Callback, at: float, stall: float) -> None:
        self.done = threading.Event()
        self.solver, self.cb, self.at, self.stall = solver, cb, at, stall
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        while not self.done.wait(0.05):
            now = time.monotonic()
            if now >= self.at and now - self.cb.last >= self.stall:
                self.solver.stop_search()
                return


def solve_cpsat(
    prob: Problem,
    *,
    seconds: float,
    workers: int,
    seed: int,
    progress: ProgressFn | None = None,
    t0: float | None = None,
    hint: dict[int, int] | None = None,
    symmetry: bool = True,
    params: dict[str, Any] | None = None,
    bounds: dict[str, int] | None = None,
    levels: tuple[str, ...] = ("priority", "moved", "breaks"),
    lns_share: float = 0.0,
    lns_start: dict[int, int] | None = None,
) -> Solution:
    """The exact engine (see the module docstring).

    `bounds` are proven bounds ({"priority": upper, "moved": lower}) added to the model, so
    that a stage reaching one is proven optimal at once. `levels` leaves later levels out
    (their value is then whatever the schedule gives, and the status says only those levels).
    `lns_share` is the share of the breaks stage's time left to the large-neighbourhood
    search (`lns.improve_breaks`) when CP-SAT has not proven that stage by then; it starts
    from CP-SAT's schedule or from `lns_start` (a fast first schedule), whichever is better.
    """
    t0 = time.monotonic() if t0 is None else t0
    try:
        # a large event's model takes seconds to build: the time limit comes first
        ctx, terms = build_model(
            prob, symmetry=symmetry and not hint, deadline=t0 + seconds - BUILD_MARGIN
        )
    except OutOfTime:
        sol = without_schedule(prob, Status.UNKNOWN, t0, "no schedule found in the time limit")
        sol.bound = _bound_of(_proven_bounds(prob, bounds))
        return sol
    model = ctx.model
    for name, value in (bounds or {}).items():
        term = terms.get(name)
        if term is None or isinstance(term, int):
            continue
        model.add(term <= value if name == "priority" else term >= value)
    stages: list[tuple[str, bool]] = []
    if not prob.schedule_all:
        stages.append(("priority", True))
    if prob.previous:
        stages.append(("moved", False))
    stages.append(("breaks", False))
    stages = [st for st in stages if st[0] in levels]
    if hint is None or not hint:
        hint = {m: k for m, k in prob.previous.items() if k in ctx.x[m]}
    _add_hint(ctx, hint)
    left = seconds - (time.monotonic() - t0)
    feasible_hint = (
        bool(hint)
        and left > 0.2
        and _complete_hint(ctx, hint, terms.get("breaks", 0), min(2.0, max(0.1, 0.1 * left)))
    )

    best: dict[int, int] | None = None
    hosts: dict[int, int] = {}
    groups: dict[int, int] = {}
    values: dict[str, int] = {}
    bound = Bound()
    proven = True
    lns_ok = True  # the stages before breaks are proven, so an LNS reaching the bound proves
    searched = True  # False when CP-SAT found no schedule in time
    known = _proven_bounds(prob, bounds)
    # the stop rule trusts only a hint the model accepts (a published schedule may not be)
    hinted = _values_of(prob, hint) if feasible_hint else {}
    for idx, (name, maximize) in enumerate(stages):
        term = terms.get(name, 0)
        if isinstance(term, int):
            values[name] = term
            _set_bound(bound, name, term)
            continue
        look: tuple[cp_model.CpSolver, Any] | None = None
        if (
            name == "breaks"
            and lns_share > 0
            and hinted.get("breaks", 0) > known["breaks"]
            and reanneal_supports(prob)
        ):
            # CP-SAT first has a short look from the schedule in hand: it proves a small
            # forum's breaks in a fraction of a second, where the annealing before it took
            # most of a second or more (f010-f020: 0.1-0.3 s without it, 0.3-2 s with it);
            # not when the annealing does not run (a reschedule: nothing to spare)
            left = seconds - (time.monotonic() - t0)
            model.minimize(term)
            solver = _stage_solver(
                name, min(LOOK_SECONDS, LOOK_SHARE * left), workers, seed, params
            )
            status = solver.solve(model, _Callback(name, t0, progress))
            if status == cp_model.OPTIMAL:
                look = (solver, status)
        if (
            look is None
            and name == "breaks"
            and lns_share > 0
            and hinted.get("breaks", 0) > known["breaks"]
        ):
            # the breaks stage starts from the annealed schedule (the priority stage's one
            # may have hundreds of breaks); the same meetings are held
            got = _anneal_hint(
                prob,
                ctx,
                term,
                best or hint,
                (hosts, groups),
                known["breaks"],
                seconds,
                seed,
                t0,
                progress,
            )
            if got is not None:
                best, hosts, groups = got
                hinted = _values_of(prob, best)
        if name in hinted and hinted[name] == known.get(name):
            # the stop rule: the first schedule already meets this level's proven bound
            model.add(term == hinted[name] if name != "breaks" else term <= hinted[name])
            values[name] = hinted[name]
            _set_bound(bound, name, hinted[name])
            if best is None and lns_share > 0:
                best = dict(hint)  # the LNS may start from it if the next stage finds nothing
            if progress is not None:
                progress(Progress(name, round(time.monotonic() - t0, 2), hinted[name], known[name]))
            continue
        left = seconds - (time.monotonic() - t0)
        if left <= 0.01:
            proven = False
            lns_ok = lns_ok and name == "breaks"
            break
        budget = left if idx == len(stages) - 1 else max(left * 0.5, min(left, 1.0))
        handover = None
        if name == "breaks" and lns_share > 0:
            # CP-SAT keeps the stage past its share while it still improves (its search state
            # is lost when the LNS takes over), up to all but LNS_MIN_SHARE of the time
            budget = left * (1 - min(lns_share, LNS_MIN_SHARE))
            handover = (time.monotonic() + left * (1 - lns_share), max(0.5, STALL_SHARE * left))
        if maximize:
            model.maximize(term)
        else:
            model.minimize(term)
        if look is not None:
            solver, status = look  # the first look proved the stage
        else:
            solver = _stage_solver(name, budget, workers, seed, params)
            cb = _Callback(name, t0, progress)
            watch = _Handover(solver, cb, *handover) if handover else None
            try:
                status = solver.solve(model, cb)
            finally:
                if watch is not None:
                    watch.done.set()
        if status == cp_model.MODEL_INVALID:
            raise RuntimeError(f"internal error: invalid CP-SAT model ({model.validate()})")
        if status == cp_model.INFEASIBLE:
            return without_schedule(
                prob, Status.INFEASIBLE, t0, "the hard constraints cannot all hold"
            )
        if status == cp_model.UNKNOWN:
            proven = False
            lns_ok = lns_ok and name == "breaks"
            if best is None and lns_start and lns_share > 0:
                searched = False  # no schedule of CP-SAT: the LNS starts from the given one
                break
            if best is None:
                return without_schedule(
                    prob, Status.UNKNOWN, t0, "no schedule found in the time limit"
                )
            break
        value = round(solver.objective_value)
        best = {
            m: k for m, xs in enumerate(ctx.x) for k, v in xs.items() if solver.boolean_value(v)
        }
        hosts, groups = _choices(ctx, solver)
        for other, expr in terms.items():
            values[other] = int(solver.value(expr)) if not isinstance(expr, int) else expr
        raw_bound = round(solver.best_objective_bound)
        # breaks carry a constant offset in the model; a count is never below 0
        bound_value = raw_bound if maximize else max(0, raw_bound)
        # a stage stopped before presolve tightened its bound reports the trivial one: the
        # proven bounds given to the model still hold
        if name in known:
            bound_value = (
                min(bound_value, known[name]) if maximize else max(bound_value, known[name])
            )
        _set_bound(bound, name, bound_value)
        if status == cp_model.OPTIMAL:
            model.add(term == value)
        else:
            proven = False
            lns_ok = lns_ok and name == "breaks"
            model.add(term >= value if maximize else term <= value)
        if progress is not None:
            progress(Progress(name, round(time.monotonic() - t0, 2), value, bound_value))
        _hint_response(ctx, solver)
        hinted = _values_of(prob, best)  # the stop rule reads the schedule now hinted
    if best is None and not searched:
        best = dict(lns_start or {})
    elif best is None:
        # every objective term is constant: one feasibility solve decides
        model.clear_objective()  # type: ignore[no-untyped-call]
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(seconds - (time.monotonic() - t0), 0.05)
        solver.parameters.num_workers = workers
        solver.parameters.random_seed = seed
        status = solver.solve(model)
        if status == cp_model.INFEASIBLE:
            return without_schedule(
                prob, Status.INFEASIBLE, t0, "the hard constraints cannot all hold"
            )
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return without_schedule(prob, Status.UNKNOWN, t0, "no schedule found in the time limit")
        best = {
            m: k for m, xs in enumerate(ctx.x) for k, v in xs.items() if solver.boolean_value(v)
        }
        hosts, groups = _choices(ctx, solver)
        proven = True
    if not proven and lns_share > 0 and best and "breaks" in levels:
        if lns_start and _lex(prob, lns_start) > _lex(prob, best):
            best, hosts, groups = dict(lns_start), {}, {}
        proven_values = dict(values) if lns_ok else None
        best, hosts, groups = _lns(
            prob, best, hosts, groups, seconds, workers, seed, progress, t0, bound, values
        )
        proven = proven_values is not None and all(
            values[name] == proven_values.get(name) for name, _ in stages if name != "breaks"
        )
        proven = proven and values["breaks"] <= (bound.breaks or 0)
        # the stop rule: every level at its proven bound (the LNS may have closed a level
        # CP-SAT's stage had not proven)
        _keep_bounds(bound, known)
        proven = proven or _meets(prob, values, bound)
        left = seconds - (time.monotonic() - t0)
        term = terms.get("breaks", 0)
        if not proven and searched and not isinstance(term, int) and left > FINISH_SECONDS:
            # the LNS stalled: CP-SAT goes on from its schedule, and may prove it
            model.clear_hints()  # type: ignore[no-untyped-call]
            _add_hint(ctx, best)
            _complete_hint(ctx, best, term, min(1.0, 0.2 * left))
            solver = cp_model.CpSolver()
            solver.parameters.max_time_in_seconds = max(0.05, seconds - (time.monotonic() - t0))
            solver.parameters.num_workers = workers
            solver.parameters.random_seed = seed
            solver.parameters.subsolvers.extend(["core", "default_lp"])
            if workers == 1:
                solver.parameters.interleave_search = True
            status = solver.solve(model, _Callback("breaks", t0, progress))
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                found = {
                    m: k
                    for m, xs in enumerate(ctx.x)
                    for k, v in xs.items()
                    if solver.boolean_value(v)
                }
                taken = _lex(prob, found) >= _lex(prob, best)
                if taken:
                    best = found
                    hosts, groups = _choices(ctx, solver)
                    values.update(_values_of(prob, best))
                if status == cp_model.OPTIMAL and taken:
                    bound.breaks = values["breaks"]
                    proven = proven_values is not None
                else:
                    bound.breaks = max(bound.breaks or 0, round(solver.best_objective_bound))
    if prob.schedule_all:
        bound.priority = sum(prob.prio)
    return make_solution(
        prob,
        best,
        Status.OPTIMAL if proven else Status.FEASIBLE,
        bound,
        t0,
        engine="cpsat",
        reported=values,
        host_table=hosts,
        interp_group=groups,
    )


#: the annealing before CP-SAT's breaks stage (`solve_cpsat`): this share of the time left,
#: at most ANNEAL_HINT_SECONDS, and it stops after ANNEAL_HINT_PATIENCE moves per held
#: meeting without a better schedule (on f010-f040 it makes 60,000-180,000 moves a second,
#: and a better schedule came within 58,000 moves of the last in all but one of 20 runs;
#: without the rule it ran its whole budget where it stalls above the floor:
#: benchmarks/README.md, ninth pass)
ANNEAL_HINT_SHARE, ANNEAL_HINT_SECONDS, ANNEAL_HINT_PATIENCE = 0.15, 2.0, 250


def _stage_solver(
    name: str, budget: float, workers: int, seed: int, params: dict[str, Any] | None
) -> cp_model.CpSolver:
    """CP-SAT with the parameters of a stage of `solve_cpsat`."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = budget
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if name in CORE_STAGES and "subsolvers" not in (params or {}):
        # one worker proves lower bounds with cores, one searches with LP and LNS; with a
        # single worker the two are interleaved in one thread (measured on the forums of
        # benchmarks/scheduling/forums.py: without it 1 worker ended 11-30 breaks over;
        # on priority, f040-most from a first schedule 5-10 below its bound: CP-SAT's
        # default workers stayed below it for 8 s, these proved it in 1.7-2.1 s)
        solver.parameters.subsolvers.extend(["core", "default_lp"])
        if workers == 1:
            solver.parameters.interleave_search = True
    for key, val in (params or {}).items():
        if isinstance(val, list):
            getattr(solver.parameters, key).extend(val)
        else:
            setattr(solver.parameters, key, val)
    return solver


#: CP-SAT's first look at the breaks stage, before the annealing: this share of the time
#: left, at most LOOK_SECONDS
LOOK_SHARE, LOOK_SECONDS = 0.05, 0.5


def _anneal_hint(
    prob: Problem,
    ctx: Context,
    term: Any,
    starts: dict[int, int],
    choices: tuple[dict[int, int], dict[int, int]],
    lower: int,
    seconds: float,
    seed: int,
    t0: float,
    progress: ProgressFn | None = None,
) -> tuple[dict[int, int], dict[int, int], dict[int, int]] | None:
    """`starts` annealed on breaks and hinted to the model in full; None if no better."""
    from .lns import Incumbent
    from .reanneal import supports

    if not supports(prob) or not starts:
        return None
    if not choices[0] and not choices[1]:
        # the host tables and interpreter groups of the model's complete hint: the resource
        # matching (`lns.complete`) may fail where the model holds (x040-all of the extra
        # forums, the heuristic's schedule: no annealing, 1-12 breaks at 10 s on a busy
        # machine where the optimum is 0)
        choices = _hinted_choices(ctx)
    left = seconds - (time.monotonic() - t0)
    share = min(ANNEAL_HINT_SECONDS, ANNEAL_HINT_SHARE * left) / max(left, 1e-9)
    got = _annealed(
        prob,
        Incumbent(starts, *choices),
        lower,
        seconds,
        seed,
        progress,
        t0,
        share,
        ANNEAL_HINT_PATIENCE * len(starts),
    )
    if got is None or sum(breaks_of(prob, got.starts)) >= sum(breaks_of(prob, starts)):
        return None
    _add_hint(ctx, got.starts)
    left = seconds - (time.monotonic() - t0)
    if not _complete_hint(ctx, got.starts, term, min(1.0, max(0.1, 0.1 * left))):
        _add_hint(ctx, starts)
        return None
    return got.starts, got.hosts, got.groups


def _lns(
    prob: Problem,
    best: dict[int, int],
    hosts: dict[int, int],
    groups: dict[int, int],
    seconds: float,
    workers: int,
    seed: int,
    progress: ProgressFn | None,
    t0: float,
    bound: Bound,
    values: dict[str, int],
) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
    """Improve a schedule by LNS for the rest of the limit; `values` and `bound` follow it."""
    from .lns import Incumbent, improve_breaks

    lower = max(bound.breaks or 0, _proven_bounds(prob, None)["breaks"])
    bound.breaks = lower

    def report(priority: int, breaks: int) -> None:
        if progress is not None:
            progress(Progress("lns", round(time.monotonic() - t0, 2), breaks, lower))

    got = improve_breaks(
        prob,
        Incumbent(best, hosts, groups),
        deadline=t0 + seconds,
        workers=workers,
        seed=seed,
        lower=lower,
        priority_goal=None if prob.schedule_all else bound.priority,
        moved_goal=bound.moved or 0,
        on_improve=report,
    )
    values.update(_values_of(prob, got.starts))
    return got.starts, got.hosts, got.groups


def _lex(prob: Problem, starts: dict[int, int]) -> tuple[int, int, int]:
    """Priority, moved and breaks of a timetable as a tuple to maximise."""
    v = _values_of(prob, starts)
    return (v["priority"], -v["moved"], -v["breaks"])


def _choices(ctx: Context, solver: cp_model.CpSolver) -> tuple[dict[int, int], dict[int, int]]:
    """The host table and the interpreter group the model chose for each held meeting."""
    return (
        {m: t for (m, _, t), y in ctx.host_choice.items() if solver.boolean_value(y)},
        {m: g for (m, _, g), y in ctx.interp_choice.items() if solver.boolean_value(y)},
    )


def _hinted_choices(ctx: Context) -> tuple[dict[int, int], dict[int, int]]:
    """The host tables and interpreter groups that the model's (complete) hint names."""
    hint = ctx.model.proto.solution_hint
    value = dict(zip(hint.vars, hint.values, strict=True))
    return (
        {m: t for (m, _, t), y in ctx.host_choice.items() if value.get(y.index) == 1},
        {m: g for (m, _, g), y in ctx.interp_choice.items() if value.get(y.index) == 1},
    )


def _key(sol: Solution) -> tuple[int, int, int]:
    """Lexicographic objective as a tuple to minimise."""
    o = sol.objective
    return (-o.priority, o.moved, o.breaks)


def _set_bound(bound: Bound, name: str, value: int) -> None:
    if name in ("priority", "moved", "breaks"):
        setattr(bound, name, value)


def _proven_bounds(prob: Problem, bounds: dict[str, int] | None) -> dict[str, int]:
    """Proven bounds per level: the given ones, and the break floors."""
    from .floors import break_floors

    out = dict(bounds or {})
    if prob.schedule_all:
        out["priority"] = sum(prob.prio)
    out["breaks"] = sum(break_floors(prob))
    return out


def _values_of(prob: Problem, starts: dict[int, int]) -> dict[str, int]:
    """Priority, moved and breaks of a timetable."""
    return {
        "priority": sum(prob.prio[m] for m in starts),
        "moved": sum(1 for m, k in prob.previous.items() if starts.get(m) != k),
        "breaks": sum(breaks_of(prob, starts)),
    }


def _complete_hint(ctx: Context, starts: dict[int, int], breaks: Any, seconds: float) -> bool:
    """Hint every variable, not only the starts: CP-SAT follows a complete hint at once.

    The starts are fixed in a copy of the model, which is solved for its other variables
    (a fraction of a second: every constraint propagates from the starts), with the fewest
    break literals (the model only bounds them from below); when that fails (the timetable
    breaks a rule of the model) the partial hint stays and False is returned.
    """
    copy = ctx.model.clone()
    for m, xs in enumerate(ctx.x):
        k = starts.get(m)
        for j, v in xs.items():
            copy.add(copy.get_bool_var_from_proto_index(v.index) == int(j == k))
    if not isinstance(breaks, int):
        copy.minimize(breaks)  # the copy keeps the variable indices of the model
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 1
    if solver.solve(copy) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        _hint_response(ctx, solver)
        return True
    return False


def _hint_response(ctx: Context, solver: cp_model.CpSolver) -> None:
    """Hint the model with the complete solution `solver` just found."""
    values = list(solver.response_proto.solution)
    proto = ctx.model.proto
    n = len(proto.variables)
    if len(values) < n:
        return
    ctx.model.clear_hints()  # type: ignore[no-untyped-call]
    proto.solution_hint.vars.extend(range(n))
    proto.solution_hint.values.extend(values[:n])


def _add_hint(ctx: Context, starts: dict[int, int]) -> None:
    ctx.model.clear_hints()  # type: ignore[no-untyped-call]
    if not starts:
        return
    for m, xs in enumerate(ctx.x):
        k = starts.get(m)
        for j, v in xs.items():
            ctx.model.add_hint(v, j == k)
