"""A second exact engine: MaxSAT (core-guided RC2 from PySAT) for mode 'all' break minimisation.

Following Bofill et al. (JAIR 74, 2022), breaks are soft clauses over participant x slot busy
literals. Hard clauses: each meeting at exactly one allowed start; a participant of capacity 1 in
at most one meeting per slot; busy(p, k) <-> some meeting of p covers k; at most the free tables
per slot; fairness as a cardinality bound on break literals. A break literal g(p, k) is forced
when p is busy at k-1, free at k and busy later that day; each costs 1. Three searches over this
formula: core-guided RC2 (lower bounds from cores), a climb from a proven lower bound with
"breaks <= b" SAT calls on one incremental solver (`_ascend`, it reports each bound it proves),
and a descent from a first schedule (`_descend`, it reports each better schedule).

Implied constraints, each measured on the Girona set (see benchmarks/README.md): p busy in
exactly sum(length) slots; per participant, the meetings confined to a set of slots need that
many busy slots there (sessions); busy participants per slot <= 2 x tables; the total of free
table-slots when tables are tight; and per-participant break floors (`floors`).

Scope: mode 'all', no published schedule, fairness with a minimum of 0 (someone has <= 1
meeting) or none, capacities 1, no host tables, no order, no interpreters needed. `supports`
says whether a problem is in scope. The SAT solver is CaDiCaL 1.9.5.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import random
import time
from collections.abc import Callable
from typing import Any, Literal

from pysat.card import CardEnc, EncType, ITotalizer
from pysat.examples.rc2 import RC2
from pysat.formula import WCNF, IDPool
from pysat.solvers import Solver

from .assign import breaks_of
from .floors import break_floors
from .problem import Problem

__all__ = ["MaxSatRun", "supports"]


def supports(prob: Problem) -> bool:
    """Whether the MaxSAT engine handles this problem exactly."""
    if not prob.schedule_all or prob.previous or any(prob.needs_interp):
        return False
    if any(c != 1 for c in prob.capacity) or any(prob.mhosts):
        return False
    if any(prob.after):
        return False
    if prob.fairness is not None:
        return any(len(ms) <= 1 for ms in prob.meetings_of)
    return True


def build_wcnf(prob: Problem) -> tuple[WCNF, dict[tuple[int, int], int]]:
    pool = IDPool()
    wcnf = WCNF()

    def add_card(clauses: list[list[int]]) -> None:
        for cl in clauses:
            wcnf.append(cl)

    x: dict[tuple[int, int], int] = {}
    for m in range(prob.n_meetings):
        lits = [pool.id(("x", m, k)) for k in prob.starts[m]]
        for k, v in zip(prob.starts[m], lits, strict=True):
            x[(m, k)] = v
        wcnf.append(lits)
        add_card(CardEnc.atmost(lits, 1, vpool=pool, encoding=EncType.seqcounter).clauses)
    cover: list[dict[int, list[int]]] = [{} for _ in range(prob.n_parts)]
    slot_cover: list[list[int]] = [[] for _ in range(prob.n_slots)]
    for (m, k), v in x.items():
        for j in prob.cover(m, k):
            slot_cover[j].append(v)
            for p in prob.mparts[m]:
                cover[p].setdefault(j, []).append(v)
    caps = [
        prob.table_count if not prob.table_list else prob.pool_avail[k] for k in range(prob.n_slots)
    ]
    _tables(prob, wcnf, pool, slot_cover, caps)
    busy: list[dict[int, int]] = []
    for p in range(prob.n_parts):
        row: dict[int, int] = {}
        for j, vs in cover[p].items():
            b = pool.id(("b", p, j))
            row[j] = b
            wcnf.append([-b, *vs])
            for v in vs:
                wcnf.append([-v, b])
            if len(vs) > 1:
                add_card(CardEnc.atmost(vs, 1, vpool=pool, encoding=EncType.seqcounter).clauses)
        busy.append(row)
        need = sum(prob.length[m] for m in prob.meetings_of[p])
        if 0 < need < len(row):
            add_card(
                CardEnc.equals(
                    list(row.values()), need, vpool=pool, encoding=EncType.kmtotalizer
                ).clauses
            )
        _hall(prob, p, row, wcnf, pool)
    if all(len(ps) == 2 for ps in prob.mparts):
        # implied: every meeting seats two participants, so busy participants <= 2 x tables
        for k in range(prob.n_slots):
            bs = [busy[p][k] for p in range(prob.n_parts) if k in busy[p]]
            if len(bs) > 2 * caps[k]:
                add_card(
                    CardEnc.atmost(
                        bs, 2 * caps[k], vpool=pool, encoding=EncType.kmtotalizer
                    ).clauses
                )
    floors = break_floors(prob)
    for p in range(prob.n_parts):
        gaps = _gaps(prob, busy[p], p, wcnf, pool)
        for g in gaps:
            wcnf.append([-g], weight=1)
        if floors[p] > len(gaps):
            # fewer places for a break than breaks p must have: no schedule exists
            never = pool.id(("never", p))
            wcnf.append([never])
            wcnf.append([-never])
        elif floors[p] == len(gaps):
            for g in gaps:
                wcnf.append([g])
        elif floors[p]:
            add_card(
                CardEnc.atleast(gaps, floors[p], vpool=pool, encoding=EncType.seqcounter).clauses
            )
        if prob.fairness is not None and len(gaps) > prob.fairness:
            add_card(
                CardEnc.atmost(gaps, prob.fairness, vpool=pool, encoding=EncType.seqcounter).clauses
            )
    return wcnf, x


#: the total-slack constraint is added when at most this many table-slots stay free
MAX_SLACK = 20


def _tables(
    prob: Problem, wcnf: WCNF, pool: IDPool, slot_cover: list[list[int]], caps: list[int]
) -> None:
    """At most caps[k] meetings per slot; when tables are tight, also the total slack.

    In mode 'all' the free table-slots add up to sum(caps) - sum(lengths) exactly. Stated
    over the per-slot counters, this links the slots: a SAT solver otherwise only learns it
    by counting, which it is poor at (forumt-14crafe, 4 free table-slots: 138 s -> 15 s).
    """
    free_lits: list[int] = []
    fixed_free = 0
    for k, vs in enumerate(slot_cover):
        cap = caps[k]
        if len(vs) <= cap:
            fixed_free += cap - len(vs)
            top = min(len(vs), cap)
        else:
            top = cap
        if not vs:
            continue
        tot = ITotalizer(vs, ubound=top, top_id=pool.top)
        pool.occupy(pool.top + 1, tot.top_id)
        pool.top = tot.top_id
        for cl in tot.cnf.clauses:
            wcnf.append(cl)
        if len(vs) > cap:
            wcnf.append([-tot.rhs[cap]])
        free_lits.extend(-tot.rhs[j] for j in range(top))
    slack = sum(caps) - sum(prob.length) - fixed_free
    if 0 <= slack <= MAX_SLACK and slack < len(free_lits):
        for cl in CardEnc.atmost(free_lits, slack, vpool=pool, encoding=EncType.seqcounter).clauses:
            wcnf.append(cl)


def _hall(prob: Problem, p: int, row: dict[int, int], wcnf: WCNF, pool: IDPool) -> None:
    """Implied: the meetings that may only start within a set W of slots need |W| busy slots."""
    ms = [m for m in prob.meetings_of[p] if prob.length[m] == 1]
    for window in {frozenset(prob.starts[m]) for m in ms}:
        need = sum(1 for m in ms if window.issuperset(prob.starts[m]))
        lits = [row[k] for k in sorted(window) if k in row]
        if 0 < need < len(lits):
            for cl in CardEnc.atleast(lits, need, vpool=pool, encoding=EncType.kmtotalizer).clauses:
                wcnf.append(cl)


def _gaps(prob: Problem, row: dict[int, int], p: int, wcnf: WCNF, pool: IDPool) -> list[int]:
    """Break literals of p: g(k) when p is busy at k-1, free at k and busy later that day."""
    gaps: list[int] = []
    if len(prob.meetings_of[p]) < 2:
        return gaps
    for ks in prob.days:
        later: dict[int, int] = {}
        nxt: int | None = None
        for k in reversed(ks):
            if k not in row and nxt is None:
                continue
            lit = pool.id(("later", p, k))
            parts = ([row[k]] if k in row else []) + ([nxt] if nxt is not None else [])
            wcnf.append([-lit, *parts])
            for q in parts:
                wcnf.append([-q, lit])
            later[k] = lit
            nxt = lit
        for k in ks:
            if k - 1 not in row or not prob.consecutive(k) or k + 1 not in later:
                continue
            if prob.day[k + 1] != prob.day[k]:
                continue
            g = pool.id(("gap", p, k))
            wcnf.append([-row[k - 1], *([row[k]] if k in row else []), -later[k + 1], g])
            gaps.append(g)
    return gaps


def _run(prob: Problem, solver_name: str, out: Any) -> None:
    wcnf, x = build_wcnf(prob)
    with RC2(wcnf, solver=solver_name, adapt=True, exhaust=True, minz=True) as rc2:
        model = rc2.compute()
        if model is None:
            out.put(("infeasible", None, None))
            return
        out.put(("optimal", _starts(model, x), rc2.cost))


def _starts(model: list[int], x: dict[tuple[int, int], int]) -> dict[int, int]:
    """{meeting: start slot} read off a satisfying assignment."""
    true = {v for v in model if v > 0}
    return {m: k for (m, k), v in x.items() if v in true}


def _ascend(prob: Problem, solver_name: str, out: Any, lower: int) -> None:
    """Linear search from a proven lower bound: "breaks <= b" for b = lower, lower + 1, ...

    The first satisfiable b is optimal, because every b before it was refuted. One
    incremental SAT solver keeps what it learnt between the calls; the bound is a totalizer
    over the break literals, grown when needed. Each refuted b is reported as ("lower", b + 1).
    """
    wcnf, x = build_wcnf(prob)
    gaps = [-cl[0] for cl in wcnf.soft]
    target = max(lower, 0)
    top = min(len(gaps), target + 8)
    tot = ITotalizer(gaps, ubound=top, top_id=wcnf.nv) if gaps else None
    with Solver(name=solver_name, bootstrap_with=wcnf.hard) as sat:
        if tot is not None:
            sat.append_formula(tot.cnf.clauses)
        while True:
            if tot is not None and target < len(gaps) and target >= top:
                done = len(tot.cnf.clauses)
                top = min(len(gaps), target + 8)
                tot.increase(ubound=top, top_id=max(tot.top_id, sat.nof_vars()))
                sat.append_formula(tot.cnf.clauses[done:])
            bound = [-tot.rhs[target]] if tot is not None and target < len(gaps) else []
            if sat.solve(assumptions=bound):
                out.put(("optimal", _starts(sat.get_model() or [], x), target))
                return
            if not bound or not sat.get_core():
                out.put(("infeasible", None, None))
                return
            target += 1
            out.put(("lower", None, target))


def _descend(
    prob: Problem, solver_name: str, out: Any, start: dict[int, int] | None = None
) -> None:
    """Linear search from above: each schedule found is reported, then beaten or proven optimal.

    The first call has no bound; every later one asks for fewer breaks than the best so far
    (counted on the schedule: a break literal may be true without a break in a model),
    on one incremental solver whose saved phases stay near the last schedule. An unsatisfiable
    call proves the best optimal. Each schedule is reported as ("upper", starts, breaks), so
    that with a lower bound from the climb the parent can stop as soon as the two meet.
    Measured on the Girona set: it closes tic-13crafc in 12 s, where the climb takes minutes.
    A `start` schedule (the heuristic's) is taken first when the formula accepts it, so the
    descent begins from it rather than from an arbitrary first schedule.
    """
    wcnf, x = build_wcnf(prob)
    gaps = [-cl[0] for cl in wcnf.soft]
    with Solver(name=solver_name, bootstrap_with=wcnf.hard) as sat:
        given = [x[(m, k)] for m, k in (start or {}).items() if (m, k) in x]
        if given and sat.solve(assumptions=given):
            pass  # the start schedule; its model also sets the saved phases
        elif not sat.solve():
            out.put(("infeasible", None, None))
            return
        starts = _starts(sat.get_model() or [], x)
        cost = sum(breaks_of(prob, starts))
        tot = ITotalizer(gaps, ubound=cost, top_id=max(wcnf.nv, sat.nof_vars())) if cost else None
        if tot is not None:
            sat.append_formula(tot.cnf.clauses)
        while tot is not None and cost > 0:
            out.put(("upper", starts, cost))
            if not sat.solve(assumptions=[-tot.rhs[cost - 1]]):
                break
            starts = _starts(sat.get_model() or [], x)
            cost = sum(breaks_of(prob, starts))
        out.put(("optimal", starts, cost))


#: the window search's first width (slots), and the conflicts each of its SAT calls may use
WINDOW_START, WINDOW_CONFLICTS = 12, 10_000


def improve(
    prob: Problem,
    start: dict[int, int],
    *,
    deadline: float,
    target: int = 0,
    seed: int = 0,
    solver_name: str = "cd19",
    on_improve: Callable[[dict[int, int], int], None] | None = None,
    max_calls: int | None = None,
    stop: Callable[[], bool] | None = None,
) -> tuple[int, dict[int, int]]:
    """A large-neighbourhood search on breaks over the SAT formula, from a complete schedule.

    Each call keeps every meeting outside a window of consecutive slots of one day (around a
    hole of a participant with a break) at its place by assumptions, and asks for fewer
    breaks than the best, within `WINDOW_CONFLICTS` conflicts; the window widens after a
    refutation and narrows after a call out of conflicts. It ends at `deadline` (a
    `time.monotonic()` instant; a call may overrun it by its conflicts), after `max_calls`
    calls, when the best reaches `target`, or when `stop()` (asked before each call, after
    the formula is built) says so, and returns (breaks, starts) of the best.
    Measured on the Girona forums (benchmarks/README.md, thirteenth pass): from schedules
    annealed for 1.5 s of CPU, 10 s of it end within 0-3 breaks of the optimum where the
    annealing stalls 4-8 above it (forum-14 8 -> 5, ticf-13crafb 9 -> 4, forum-13crafb 11 -> 7).
    """
    rng = random.Random(seed)  # noqa: S311 (a search, not a secret)
    starts = dict(start)
    cost = sum(breaks_of(prob, starts))
    if cost <= target or time.monotonic() >= deadline:
        return cost, starts
    wcnf, x = build_wcnf(prob)
    gaps = [-cl[0] for cl in wcnf.soft]
    if not gaps:
        return cost, starts
    tot = ITotalizer(gaps, ubound=min(cost, len(gaps)), top_id=wcnf.nv)
    width = WINDOW_START
    with Solver(name=solver_name, bootstrap_with=wcnf.hard) as sat:
        sat.append_formula(tot.cnf.clauses)
        calls = 0
        while cost > target and time.monotonic() < deadline:
            if max_calls is not None and calls >= max_calls:
                break
            if stop is not None and stop():
                break
            calls += 1
            per = breaks_of(prob, starts)
            p = rng.choice([q for q, b in enumerate(per) if b])
            ks = sorted(starts[m] for m in prob.meetings_of[p])
            k = rng.choice([j for j in range(ks[0], ks[-1]) if j not in ks])
            day = next(d for d in prob.days if k in d)
            lo = max(day[0], k - rng.randrange(width))
            hi = min(day[-1], lo + width - 1)
            held = [x[(m, j)] for m, j in starts.items() if not lo <= j <= hi and (m, j) in x]
            sat.conf_budget(WINDOW_CONFLICTS)
            got = sat.solve_limited(assumptions=[*held, -tot.rhs[cost - 1]])
            if got:
                starts = _starts(sat.get_model() or [], x)
                cost = sum(breaks_of(prob, starts))
                if on_improve is not None:
                    on_improve(starts, cost)
            elif got is False:
                width = min(width + 1, len(day))
            else:
                width = max(3, width - 1)
    return cost, starts


def _window(
    prob: Problem, solver_name: str, out: Any, start: dict[int, int], target: int, stall: float
) -> None:
    """The window search (`improve`) in a child, so that it can be stopped at any time.

    Each better schedule is reported as ("upper", starts, breaks); it ends with ("done",
    starts, breaks) when the best reaches `target` or after `stall` seconds of this
    process's CPU time without a better schedule (a loaded machine does not cut it short).
    """
    last: float | None = None

    def better(starts: dict[int, int], cost: int) -> None:
        nonlocal last
        last = time.process_time()
        out.put(("upper", starts, cost))

    def stop() -> bool:
        nonlocal last
        last = time.process_time() if last is None else last  # from the first call
        return time.process_time() - last > stall

    cost, starts = improve(
        prob,
        start,
        deadline=float("inf"),
        target=target,
        solver_name=solver_name,
        on_improve=better,
        stop=stop,
    )
    out.put(("done", starts, cost))


def _first(prob: Problem, solver_name: str, out: Any) -> None:
    """One SAT call on the formula, for a first schedule: ("done", starts, breaks).

    Where the heuristic places no complete timetable, it is the fast way to one that the
    annealing can start from (tic-14crafd: the formula built and solved in 0.45 s of CPU, 37
    breaks, which the annealing takes to the optimum 0 in about 1 s; CP-SAT had no schedule
    after 2.5 s; benchmarks/README.md, nineteenth pass). ("infeasible", None, None) when the
    hard constraints cannot all hold.
    """
    wcnf, x = build_wcnf(prob)
    with Solver(name=solver_name, bootstrap_with=wcnf.hard) as sat:
        if not sat.solve():
            out.put(("infeasible", None, None))
            return
        starts = _starts(sat.get_model() or [], x)
    out.put(("done", starts, sum(breaks_of(prob, starts))))


class _Channel:
    """The child's end of the pipe to the parent: `put` writes each report at once.

    A `multiprocessing.Queue` hands a report to a feeder thread, and the child's next SAT
    call holds the GIL (pysat's CaDiCaL does not release it), so the report waited for the
    end of that call: the climb's bound reached the parent one call late (forum-13crafb: the
    refutation of 4 at 1 s was seen at 34 s, after the call that refuted 5), and the
    descent's and the window search's schedules likewise (benchmarks/README.md, twentieth
    pass). A pipe's `send` writes in the calling thread.
    """

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def put(self, item: Any) -> None:
        self._conn.send(item)


Result = tuple[str, dict[int, int] | None, int | None]
Search = Literal["rc2", "ascend", "descend", "window", "first"]


class MaxSatRun:
    """One exact search in a child process (so that a time limit or a rival engine can stop it).

    `search` is "rc2" (core-guided), "ascend" (the climb from `lower`), "descend" (from the
    first schedule down), "window" (the window search from `start` down to `lower`, ending
    after `stall` seconds of CPU without a better schedule) or "first" (one SAT call for any
    schedule). `poll` returns ("optimal", starts, cost) or ("infeasible", None, None) once
    the child has finished (the window search and "first": ("done", starts, cost)),
    ("unknown", None, None) if it died, and None while it is still working. Meanwhile it
    keeps the news: `lower` (a proven bound on the breaks) and `upper` (the best schedule so
    far, as (breaks, starts)).
    """

    def __init__(
        self,
        prob: Problem,
        *,
        search: Search = "rc2",
        lower: int = 0,
        solver_name: str = "cd19",
        start: dict[int, int] | None = None,
        stall: float = 0.0,
    ) -> None:
        ctx = mp.get_context("fork")
        self._recv, send = ctx.Pipe(duplex=False)
        target: Any = {
            "rc2": _run,
            "ascend": _ascend,
            "descend": _descend,
            "window": _window,
            "first": _first,
        }[search]
        extra: dict[str, tuple[Any, ...]] = {
            "ascend": (lower,),
            "descend": (start,),
            "window": (start, lower, stall),
        }
        args = (prob, solver_name, _Channel(send), *extra.get(search, ()))
        self._proc = ctx.Process(target=target, args=args, daemon=True)
        self._proc.start()
        send.close()  # the child's end: its exit is then seen as the end of the pipe
        self.result: Result | None = None
        self.lower: int | None = None
        self.upper: tuple[int, dict[int, int]] | None = None

    @property
    def pid(self) -> int | None:
        """The child's process id."""
        return self._proc.pid

    def cpu_seconds(self) -> float | None:
        """The child's CPU time so far (Linux `/proc`), None when it cannot be read."""
        try:
            with open(f"/proc/{self._proc.pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return None

    def renice(self, steps: int) -> None:
        """Lower the child's CPU priority by `steps` nice steps (any user may lower one)."""
        pid = self._proc.pid
        if pid is None or not self._proc.is_alive():
            return
        with contextlib.suppress(OSError):  # the child has just ended
            os.setpriority(os.PRIO_PROCESS, pid, os.getpriority(os.PRIO_PROCESS, pid) + steps)

    def poll(self, timeout: float = 0.0) -> Result | None:
        wait = max(timeout, 0.001)
        while self.result is None:
            try:
                if not self._recv.poll(wait):
                    break
                got = self._recv.recv()
            except (EOFError, OSError):  # the child has ended without its answer
                self.result = ("unknown", None, None)
                break
            wait = 0.001
            state, starts, cost = got
            if state == "lower" and cost is not None:
                self.lower = cost
            elif state == "upper" and starts is not None and cost is not None:
                self.upper = (cost, starts)
            else:
                self.result = got
        return self.result

    def stop(self) -> None:
        if self._proc.is_alive():
            self._proc.terminate()
        self._proc.join(timeout=1)
        self._recv.close()
