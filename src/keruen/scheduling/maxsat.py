"""A second exact engine: MaxSAT (core-guided RC2 from PySAT) for mode 'all' break minimisation.

Following Bofill et al. (JAIR 74, 2022), breaks are soft clauses over participant x slot busy
literals. Hard clauses: each meeting at exactly one allowed start; a participant of capacity 1 in
at most one meeting per slot; busy(p, k) <-> some meeting of p covers k; at most `tables`
meetings per slot; (implied) p busy in exactly sum(length) slots; fairness as a cardinality
bound on break literals. A break literal g(p, k) is forced when p is busy at k-1, free at k and
busy later that day; each costs 1. RC2 proves optimality itself (lower bounds from cores), so
the result is optimal or nothing.

Scope: mode 'all', no published schedule, fairness with a minimum of 0 (someone has <= 1
meeting) or none, capacities 1, tables as a number or without host tables and with constant
availability, no interpreters needed. `supports` says whether a problem is in scope.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from typing import Any

from pysat.card import CardEnc, EncType
from pysat.examples.rc2 import RC2
from pysat.formula import WCNF, IDPool

from .problem import Problem

__all__ = ["solve_maxsat_starts", "supports"]


def supports(prob: Problem) -> bool:
    """Whether the MaxSAT engine handles this problem exactly."""
    if not prob.schedule_all or prob.previous or any(prob.needs_interp):
        return False
    if any(c != 1 for c in prob.capacity) or any(h is not None for h in prob.mhost):
        return False
    if prob.table_list and len(set(prob.pool_avail)) > 1:
        return False
    if any(prob.after):
        return False
    if prob.fairness is not None:
        return any(len(ms) <= 1 for ms in prob.meetings_of)
    return True


def build_wcnf(prob: Problem) -> tuple[WCNF, dict[tuple[int, int], int]]:
    pool = IDPool()
    wcnf = WCNF()
    x: dict[tuple[int, int], int] = {}
    for m in range(prob.n_meetings):
        lits = [pool.id(("x", m, k)) for k in prob.starts[m]]
        for k, v in zip(prob.starts[m], lits, strict=True):
            x[(m, k)] = v
        wcnf.append(lits)
        for cl in CardEnc.atmost(lits, 1, vpool=pool, encoding=EncType.seqcounter).clauses:
            wcnf.append(cl)
    cover: list[dict[int, list[int]]] = [{} for _ in range(prob.n_parts)]
    slot_cover: list[list[int]] = [[] for _ in range(prob.n_slots)]
    for (m, k), v in x.items():
        for j in prob.cover(m, k):
            slot_cover[j].append(v)
            for p in prob.mparts[m]:
                cover[p].setdefault(j, []).append(v)
    tables = prob.table_count if not prob.table_list else prob.pool_avail[0]
    for vs in slot_cover:
        if len(vs) > tables:
            for cl in CardEnc.atmost(vs, tables, vpool=pool, encoding=EncType.kmtotalizer).clauses:
                wcnf.append(cl)
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
                for cl in CardEnc.atmost(vs, 1, vpool=pool, encoding=EncType.seqcounter).clauses:
                    wcnf.append(cl)
        busy.append(row)
        need = sum(prob.length[m] for m in prob.meetings_of[p])
        if 0 < need < len(row):
            for cl in CardEnc.equals(
                list(row.values()), need, vpool=pool, encoding=EncType.kmtotalizer
            ).clauses:
                wcnf.append(cl)
    for p in range(prob.n_parts):
        row = busy[p]
        gaps: list[int] = []
        if len(prob.meetings_of[p]) >= 2:
            for ks in prob.days:
                later: dict[int, int] = {}
                nxt = None
                for k in reversed(ks):
                    if k in row:
                        lit = pool.id(("later", p, k))
                        wcnf.append([-row[k], lit])
                        if nxt is not None:
                            wcnf.append([-nxt, lit])
                        later[k] = lit
                        nxt = lit
                    elif nxt is not None:
                        later[k] = nxt
                for k in ks:
                    if k - 1 not in row or not prob.consecutive(k) or k + 1 not in later:
                        continue
                    if prob.day[k + 1] != prob.day[k]:
                        continue
                    g = pool.id(("gap", p, k))
                    free_k = [row[k]] if k in row else []
                    # busy at k-1, free at k, busy later  ->  g
                    wcnf.append([-row[k - 1], *free_k, -later[k + 1], g])
                    wcnf.append([-g], weight=1)
                    gaps.append(g)
        if prob.fairness is not None and len(gaps) > prob.fairness:
            for cl in CardEnc.atmost(
                gaps, prob.fairness, vpool=pool, encoding=EncType.seqcounter
            ).clauses:
                wcnf.append(cl)
    return wcnf, x


def _run(prob: Problem, solver_name: str, out: Any) -> None:
    wcnf, x = build_wcnf(prob)
    with RC2(wcnf, solver=solver_name, adapt=True, exhaust=True, minz=True) as rc2:
        model = rc2.compute()
        if model is None:
            out.put(("infeasible", None, None))
            return
        true = {v for v in model if v > 0}
        starts = {m: k for (m, k), v in x.items() if v in true}
        out.put(("optimal", starts, rc2.cost))


def solve_maxsat_starts(
    prob: Problem, *, seconds: float, solver_name: str = "g4"
) -> tuple[str, dict[int, int] | None, int | None]:
    """Run RC2 in a child process (so the time limit can stop it).

    Returns ("optimal", starts, cost), ("infeasible", None, None) or ("unknown", None, None).
    """
    ctx = mp.get_context("fork")
    out: Any = ctx.Queue()
    proc = ctx.Process(target=_run, args=(prob, solver_name, out), daemon=True)
    proc.start()
    deadline = time.monotonic() + seconds
    result: tuple[str, dict[int, int] | None, int | None] = ("unknown", None, None)
    while time.monotonic() < deadline:
        try:
            result = out.get(timeout=min(0.05, max(0.0, deadline - time.monotonic())))
            break
        except Exception:
            if not proc.is_alive() and out.empty():
                break
    if proc.is_alive():
        proc.terminate()
    proc.join(timeout=1)
    return result
