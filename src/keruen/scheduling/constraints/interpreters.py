"""Interpreters: a count per group of interchangeable interpreters and slot (exact).

Interpreters with the same languages and the same free slots form a group
(`Problem.interpreter_types`). A held meeting that needs an interpreter takes one group that
speaks with all its participants and is free over all its slots (a choice literal per start
and group when there are several); per slot, a group serves at most as many meetings as it
has members. Since members of a group are interchangeable, the assignment step can always
name one interpreter per meeting, multi-slot meetings included.
"""

from __future__ import annotations

from typing import Any

from .base import Context, Terms


def add(ctx: Context) -> Terms:
    prob, model = ctx.prob, ctx.model
    if not any(prob.needs_interp):
        return {}
    types, mtypes = prob.interpreter_types()
    use: dict[tuple[int, int], list[Any]] = {}  # (group, slot) -> literals
    for m in range(prob.n_meetings):
        ctx.check(m)
        if not prob.needs_interp[m]:
            continue
        for k, v in ctx.x[m].items():
            span = prob.cover(m, k)
            ok = [t for t in mtypes[m] if all(prob.i_avail[types[t][0]][j] for j in span)]
            if not ok:
                model.add(v == 0)
                continue
            if len(ok) == 1:
                choice = {ok[0]: v}
            else:
                choice = {t: model.new_bool_var(f"interp[{m},{k},{t}]") for t in ok}
                model.add(sum(choice.values()) == v)
            for t, y in choice.items():
                ctx.interp_choice[(m, k, t)] = y
                for j in span:
                    use.setdefault((t, j), []).append(y)
    for (t, _), lits in use.items():
        if len(lits) > len(types[t]):
            if len(types[t]) == 1:
                model.add_at_most_one(lits)
            else:
                model.add(sum(lits) <= len(types[t]))
    return {}
