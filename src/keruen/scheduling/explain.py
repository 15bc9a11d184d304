"""Readable reasons why a meeting is not in a schedule."""

from __future__ import annotations

from dataclasses import dataclass

from .assign import match
from .instance import Instance
from .problem import Problem, _lang_label, compile_problem, names
from .solution import Solution

__all__ = ["Explanation", "explain", "explanation", "reason_unscheduled"]


class Explainer:
    """Reasons for many unscheduled meetings of one timetable (indexes built once)."""

    def __init__(self, prob: Problem, starts: dict[int, int], *, exact: bool = True) -> None:
        self.prob, self.starts, self.exact = prob, starts, exact
        self.load: dict[tuple[int, int], list[int]] = {}
        self.per_slot: dict[int, list[int]] = {}
        # per slot, counted once (a large event asks these for thousands of meetings)
        self.pool_used: dict[int, int] = {}
        self.host_taken: dict[int, set[int]] = {}
        self.interp_need: dict[int, list[int]] = {}
        self._usable: dict[tuple[int, int], list[int]] = {}
        self._owners: dict[int, dict[int, int]] = {}  # per slot: interpreter -> its meeting
        for o, k in starts.items():
            hosts = prob.mhosts[o]
            for j in prob.cover(o, k):
                self.per_slot.setdefault(j, []).append(o)
                for p in prob.mparts[o]:
                    self.load.setdefault((p, j), []).append(o)
                if not hosts:
                    self.pool_used[j] = self.pool_used.get(j, 0) + 1
                elif len(hosts) == 1:
                    self.host_taken.setdefault(j, set()).add(hosts[0])
                if prob.needs_interp[o]:
                    self.interp_need.setdefault(j, []).append(o)

    def reason(self, m: int) -> str:
        return _reason(self, m)

    def usable(self, o: int, j: int) -> list[int]:
        """Interpreters meeting `o` could have in slot `j` (counted once per pair)."""
        key = (o, j)
        found = self._usable.get(key)
        if found is None:
            prob = self.prob
            found = self._usable[key] = [i for i in prob.interp_cands[o] if prob.i_avail[i][j]]
        return found

    def interpreter_fits(self, m: int, j: int) -> bool:
        """Whether meeting `m` could get an interpreter in slot `j` beside the meetings that
        have theirs there: one augmenting path from the slot's matching, found once."""
        held = self.interp_need.get(j, [])
        owner = self._owners.get(j)
        if owner is None:
            got = match(held, lambda o: self.usable(o, j))
            owner = self._owners[j] = {i: o for o, i in got.items()}
        if len(owner) < len(held):  # not a schedule the matching can hold: ask it whole
            return len(match([*held, m], lambda o: self.usable(o, j))) == len(held) + 1
        seen: set[int] = set()

        def augment(u: int) -> bool:
            for i in self.usable(u, j):
                if i not in seen:
                    seen.add(i)
                    if i not in owner or augment(owner[i]):
                        return True
            return False

        return augment(m)


def reason_unscheduled(prob: Problem, starts: dict[int, int], m: int) -> str:
    """Why meeting position `m` is not held in the timetable `starts` {meeting: start}."""
    return Explainer(prob, starts).reason(m)


def _reason(ex: Explainer, m: int) -> str:
    prob, starts = ex.prob, ex.starts
    if m in prob.no_start_reason or not prob.starts[m]:
        return prob.no_start_reason.get(m, "no possible start slot")
    inst = prob.instance
    who_ids = [prob.part_ids[p] for p in prob.mparts[m]]
    who = names(who_ids)
    load, per_slot = ex.load, ex.per_slot
    kinds: dict[int, set[str]] = {}
    busy_with: dict[str, set[str]] = {}
    for k in prob.starts[m]:
        why: set[str] = set()
        for j in prob.cover(m, k):
            for p in prob.mparts[m]:
                others = load.get((p, j), [])
                if len(others) >= prob.capacity[p]:
                    why.add("busy")
                    busy_with.setdefault(prob.part_ids[p], set()).update(
                        prob.meet_ids[o] for o in others
                    )
            here = per_slot.get(j, [])
            hosts = prob.mhosts[m]
            if hosts:
                taken = ex.host_taken.get(j, set())
                if all(t in taken or not prob.t_avail[t][j] for t in hosts):
                    why.add("table")
            elif prob.table_list:
                if ex.pool_used.get(j, 0) >= prob.pool_avail[j]:
                    why.add("table")
            elif len(here) >= prob.table_count:
                why.add("table")
            if prob.needs_interp[m]:
                need = [*ex.interp_need.get(j, []), m]
                free = ex.usable(m, j)
                if (
                    len(need) > len(prob.interp_ids)
                    or not free
                    or (ex.exact and not ex.interpreter_fits(m, j))
                ):
                    why.add("interpreter")
        for a in prob.after[m]:
            if a in starts and starts[a] + prob.length[a] > k:
                why.add("order")
        kinds[k] = why
    free = [k for k, w in kinds.items() if not w]
    if free:
        return (
            f"could be held at slot {prob.slot_ids[free[0]]}, but adding it breaks the fairness "
            "limit or the solver ran out of time"
        )
    only = {frozenset(w) for w in kinds.values()}
    if only == {frozenset({"busy"})}:
        detail = "; ".join(f"{p}: {', '.join(sorted(ms))}" for p, ms in sorted(busy_with.items()))
        return f"every common free slot of {who} is taken by their other meetings ({detail})"
    if any(w == {"interpreter"} for w in kinds.values()):
        return f"no {_lang_label(inst, who_ids)} interpreter free when {who} are"
    if any(w == {"table"} for w in kinds.values()):
        return f"no table free when {who} are"
    if any(w == {"order"} for w in kinds.values()):
        return "its 'after' order cannot be kept in the remaining common free slots"
    return (
        f"in every common free slot of {who}, one of them is busy "
        "or no table or interpreter is free"
    )


@dataclass(frozen=True)
class Explanation:
    """Where a meeting is held, or why it is not (`reason`: the engine's English sentence)."""

    meeting: str
    participants: tuple[str, ...]
    slot: int | None = None
    table: str | None = None
    interpreter: str | None = None
    reason: str | None = None

    @property
    def scheduled(self) -> bool:
        return self.slot is not None

    def __str__(self) -> str:
        if self.slot is None:
            return f"{self.meeting} is unscheduled: {self.reason}"
        extra = "".join(
            [
                f", table {self.table}" if self.table else "",
                f", interpreter {self.interpreter}" if self.interpreter else "",
            ]
        )
        return f"{self.meeting} is scheduled at slot {self.slot}{extra}"


def explanation(instance: Instance, solution: Solution, meeting: str) -> Explanation:
    """Where `meeting` is held in `solution`, or why it is not (KeyError: not in the instance)."""
    prob = compile_problem(instance)
    if meeting not in prob.meet_ids:
        raise KeyError(f"meeting {meeting!r} is not in the instance")
    spos = {sid: k for k, sid in enumerate(prob.slot_ids)}
    mpos = {mid: k for k, mid in enumerate(prob.meet_ids)}
    starts = {mpos[a.meeting]: spos[a.slot] for a in solution.assignments if a.meeting in mpos}
    m = mpos[meeting]
    who = tuple(prob.part_ids[p] for p in prob.mparts[m])
    if m in starts:
        a = next(a for a in solution.assignments if a.meeting == meeting)
        return Explanation(meeting, who, a.slot, a.table, a.interpreter)
    return Explanation(meeting, who, reason=reason_unscheduled(prob, starts, m))


def explain(instance: Instance, solution: Solution, meeting: str) -> str:
    """Why `meeting` is (or is not) in `solution`, in a sentence (English)."""
    return str(explanation(instance, solution, meeting))
