"""An independent checker of solutions.

It recomputes everything from the instance and the solution with plain loops, and shares no
code with the engines (it must not import the solver modules), so a bug in a model does not
hide itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from .instance import Instance, Meeting, needs_interpreter
from .solution import ObjectiveValue, Solution, Status

__all__ = ["Report", "Violation", "breaks_per_participant", "check_solution"]


@dataclass(frozen=True)
class Violation:
    """One broken rule: `kind` is a stable keyword, `message` says it for a person."""

    kind: str
    message: str
    meeting: str | None = None


@dataclass
class Report:
    """What `check_solution` found: violations and the recomputed objective."""

    violations: list[Violation] = field(default_factory=list)
    objective: ObjectiveValue = field(default_factory=ObjectiveValue)
    breaks: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.violations

    def kinds(self) -> set[str]:
        return {v.kind for v in self.violations}


def breaks_per_participant(instance: Instance, starts: dict[str, int]) -> dict[str, int]:
    """Breaks of every participant: maximal runs of free slots between two meetings of a day."""
    pos = {s.id: k for k, s in enumerate(instance.slots)}
    busy: dict[str, set[int]] = defaultdict(set)
    for m in instance.meetings:
        if m.id in starts:
            k = pos[starts[m.id]]
            for j in range(k, min(k + m.length, len(instance.slots))):
                for pid in m.participants:
                    busy[pid].add(j)
    days: dict[int, list[int]] = defaultdict(list)
    for k, s in enumerate(instance.slots):
        days[s.day].append(k)
    out: dict[str, int] = {}
    for p in instance.participants:
        total = 0
        for ks in days.values():
            pattern = [k in busy[p.id] for k in ks]
            seen_busy = False
            in_gap = False
            for b in pattern:
                if b:
                    if in_gap:
                        total += 1
                    seen_busy = True
                    in_gap = False
                elif seen_busy:
                    in_gap = True
        out[p.id] = total
    return out


def check_solution(instance: Instance, solution: Solution) -> Report:
    """Check every hard rule and recompute the objective of `solution` for `instance`."""
    rep = Report()

    def bad(kind: str, message: str, meeting: str | None = None) -> None:
        rep.violations.append(Violation(kind, message, meeting))

    meetings = {m.id: m for m in instance.meetings}
    parts = {p.id: p for p in instance.participants}
    pos = {s.id: k for k, s in enumerate(instance.slots)}
    slots = instance.slots
    interps = {i.id: i for i in instance.interpreters}
    table_list = instance.tables if isinstance(instance.tables, list) else None
    tables = {t.id: t for t in table_list} if table_list is not None else {}

    if solution.status in (Status.INFEASIBLE, Status.UNKNOWN):
        if solution.assignments:
            bad(
                "status",
                f"status {solution.status.value} but {len(solution.assignments)} assignments",
            )
        return rep

    starts: dict[str, int] = {}
    covered: dict[str, list[int]] = {}
    for a in solution.assignments:
        m = meetings.get(a.meeting)
        if m is None:
            bad("unknown-meeting", f"meeting {a.meeting!r} is not in the instance", a.meeting)
            continue
        if a.meeting in starts:
            bad("duplicate", f"meeting {a.meeting!r} is assigned twice", a.meeting)
            continue
        if a.slot not in pos:
            bad("unknown-slot", f"meeting {a.meeting!r}: slot {a.slot} does not exist", a.meeting)
            continue
        k = pos[a.slot]
        ks = list(range(k, k + m.length))
        if ks[-1] >= len(slots) or any(slots[j].day != slots[k].day for j in ks):
            bad("day", f"meeting {m.id!r} at slot {a.slot} does not fit in its day", m.id)
            continue
        starts[m.id] = a.slot
        covered[m.id] = ks
    listed = [u.meeting for u in solution.unscheduled]
    for mid in listed:
        if mid not in meetings:
            bad("unknown-meeting", f"unscheduled meeting {mid!r} is not in the instance", mid)
        elif mid in starts:
            bad("duplicate", f"meeting {mid!r} is both assigned and unscheduled", mid)
    if len(set(listed)) != len(listed):
        bad("duplicate", "a meeting is listed twice as unscheduled")
    for mid in meetings:
        if mid not in starts and mid not in listed:
            bad("missing", f"meeting {mid!r} is neither assigned nor unscheduled", mid)
    if instance.objective.schedule == "all" and len(starts) < len(meetings):
        bad("not-all", f"schedule 'all' but {len(meetings) - len(starts)} meetings are not held")

    by_meeting = {a.meeting: a for a in solution.assignments}
    load: dict[tuple[str, int], list[str]] = defaultdict(list)
    table_use: dict[tuple[str, int], list[str]] = defaultdict(list)
    interp_use: dict[tuple[str, int], list[str]] = defaultdict(list)
    per_slot: dict[int, int] = defaultdict(int)
    for mid, ks in covered.items():
        m = meetings[mid]
        a = by_meeting[mid]
        sids = [slots[j].id for j in ks]
        if m.slots is not None and a.slot not in m.slots:
            bad(
                "allowed-slots", f"meeting {mid!r} starts at slot {a.slot}, not an allowed one", mid
            )
        if m.fixed is not None and a.slot != m.fixed:
            bad("fixed", f"meeting {mid!r} is fixed at slot {m.fixed}, not {a.slot}", mid)
        for pid in m.participants:
            hit = set(sids) & set(parts[pid].unavailable)
            if hit:
                bad(
                    "unavailable",
                    f"meeting {mid!r}: {pid!r} is unavailable in slot {min(hit)}",
                    mid,
                )
            for j in ks:
                load[(pid, j)].append(mid)
        for j in ks:
            per_slot[j] += 1
        # tables
        if table_list is None:
            if a.table is not None:
                bad("table", f"meeting {mid!r} has table {a.table!r} but tables are a number", mid)
        elif a.table is None:
            bad("table", f"meeting {mid!r} has no table", mid)
        elif a.table not in tables:
            bad("table", f"meeting {mid!r}: table {a.table!r} does not exist", mid)
        else:
            hit = set(sids) & set(tables[a.table].unavailable)
            if hit:
                bad(
                    "table",
                    f"meeting {mid!r}: table {a.table!r} is unavailable in slot {min(hit)}",
                    mid,
                )
            hosts = {parts[pid].table for pid in m.participants} - {None}
            if hosts and a.table not in hosts:
                bad(
                    "host-table",
                    f"meeting {mid!r} must be at host table {min(h for h in hosts if h)!r}",
                    mid,
                )
            host_of = {p.table for p in instance.participants if p.table is not None}
            if not hosts and a.table in host_of:
                bad("host-table", f"meeting {mid!r} uses {a.table!r}, a host's table", mid)
            for j in ks:
                table_use[(a.table, j)].append(mid)
        # interpreters
        need = needs_interpreter(instance, m)
        if a.interpreter is None:
            if need:
                bad("interpreter", f"meeting {mid!r} needs an interpreter and has none", mid)
        elif a.interpreter not in interps:
            bad(
                "interpreter", f"meeting {mid!r}: interpreter {a.interpreter!r} does not exist", mid
            )
        else:
            it = interps[a.interpreter]
            for pid in m.participants:
                if not set(it.languages) & set(parts[pid].languages):
                    bad(
                        "interpreter",
                        f"meeting {mid!r}: {it.id!r} shares no language with {pid!r}",
                        mid,
                    )
            hit = set(sids) & set(it.unavailable)
            if hit:
                bad(
                    "interpreter",
                    f"meeting {mid!r}: {it.id!r} is unavailable in slot {min(hit)}",
                    mid,
                )
            for j in ks:
                interp_use[(it.id, j)].append(mid)
    for (pid, j), mids in load.items():
        if len(mids) > parts[pid].capacity:
            bad(
                "overlap",
                f"{pid!r} has {len(mids)} meetings in slot {slots[j].id}: "
                + ", ".join(sorted(mids)),
            )
    for (tid, j), mids in table_use.items():
        if len(mids) > 1:
            bad("table-double", f"table {tid!r} has {len(mids)} meetings in slot {slots[j].id}")
    for (iid, j), mids in interp_use.items():
        if len(mids) > 1:
            bad(
                "interpreter-double",
                f"interpreter {iid!r} has {len(mids)} meetings in slot {slots[j].id}",
            )
    if table_list is None:
        for j, n in per_slot.items():
            if n > int(instance.tables):  # type: ignore[arg-type]
                bad("tables", f"slot {slots[j].id} has {n} meetings for {instance.tables} tables")
    for mid, ks in covered.items():
        m = meetings[mid]
        for before in m.after:
            if before in covered and covered[before][-1] >= ks[0]:
                bad("after", f"meeting {mid!r} starts before {before!r} ends", mid)

    # objective
    brk = breaks_per_participant(instance, starts)
    rep.breaks = brk
    fair = instance.objective.fairness
    if fair is not None and brk:
        lo = min(brk.values())
        for pid, b in brk.items():
            if b - lo > fair:
                bad("fairness", f"{pid!r} has {b} breaks, more than {fair} above the minimum {lo}")
    prev = instance.objective.previous or {}
    moved = sum(1 for mid, sid in prev.items() if starts.get(mid) != sid)
    rep.objective = ObjectiveValue(
        priority=sum(meetings[mid].priority for mid in starts),
        moved=moved,
        breaks=sum(brk.values()),
        table_changes=_table_changes(instance, covered, by_meeting),
    )
    got, want = solution.objective, rep.objective
    for name in ("priority", "moved", "breaks"):
        if getattr(got, name) != getattr(want, name):
            bad(
                "objective",
                f"reported {name} {getattr(got, name)}, recomputed {getattr(want, name)}",
            )
    return rep


def _table_changes(
    instance: Instance, covered: dict[str, list[int]], by_meeting: Mapping[str, object]
) -> int:
    """Meetings that start right after another meeting of a participant, at another table."""
    if not isinstance(instance.tables, list):
        return 0
    meetings: dict[str, Meeting] = {m.id: m for m in instance.meetings}
    tables_at: dict[tuple[str, int], set[str]] = defaultdict(set)
    for mid, ks in covered.items():
        t = getattr(by_meeting[mid], "table", None)
        if t is None:
            continue
        for pid in meetings[mid].participants:
            for j in ks:
                tables_at[(pid, j)].add(t)
    changes = 0
    slots = instance.slots
    for mid, ks in covered.items():
        t = getattr(by_meeting[mid], "table", None)
        k = ks[0]
        if t is None or k == 0 or slots[k - 1].day != slots[k].day:
            continue
        for pid in meetings[mid].participants:
            before = tables_at.get((pid, k - 1))
            if before and t not in before:
                changes += 1
    return changes
