"""An independent checker of solutions.

It recomputes everything from the instance and the solution with plain loops, and shares no
code with the engines (it must not import the solver modules), so a bug in a model does not
hide itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from keruen.core.i18n_markers import N_

from .instance import Instance, Meeting, needs_interpreter
from .solution import ObjectiveValue, Solution, Status

__all__ = ["Report", "Violation", "breaks_per_participant", "check_solution"]


@dataclass(frozen=True)
class Violation:
    """One broken rule: `kind` is a stable keyword; `template` % `params` says it for a person
    (`message` in English; a reader's `gettext(template) % params` in their language)."""

    kind: str
    template: str
    params: Mapping[str, object] = field(default_factory=dict)
    meeting: str | None = None

    @property
    def message(self) -> str:
        return self.template % dict(self.params)


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

    def bad(kind: str, template: str, meeting: str | None = None, **params: object) -> None:
        if meeting is not None:
            params["meeting"] = meeting
        rep.violations.append(Violation(kind, template, params, meeting))

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
                N_("status %(status)s but %(count)s assignments"),
                status=solution.status.value,
                count=len(solution.assignments),
            )
        return rep

    starts: dict[str, int] = {}
    covered: dict[str, list[int]] = {}
    for a in solution.assignments:
        m = meetings.get(a.meeting)
        if m is None:
            bad("unknown-meeting", N_("meeting %(meeting)s is not in the instance"), a.meeting)
            continue
        if a.meeting in starts:
            bad("duplicate", N_("meeting %(meeting)s is assigned twice"), a.meeting)
            continue
        if a.slot not in pos:
            bad(
                "unknown-slot",
                N_("meeting %(meeting)s: slot %(slot)s does not exist"),
                a.meeting,
                slot=a.slot,
            )
            continue
        k = pos[a.slot]
        ks = list(range(k, k + m.length))
        if ks[-1] >= len(slots) or any(slots[j].day != slots[k].day for j in ks):
            bad(
                "day",
                N_("meeting %(meeting)s at slot %(slot)s does not fit in its day"),
                m.id,
                slot=a.slot,
            )
            continue
        starts[m.id] = a.slot
        covered[m.id] = ks
    listed = [u.meeting for u in solution.unscheduled]
    for mid in listed:
        if mid not in meetings:
            bad(
                "unknown-meeting", N_("unscheduled meeting %(meeting)s is not in the instance"), mid
            )
        elif mid in starts:
            bad("duplicate", N_("meeting %(meeting)s is both assigned and unscheduled"), mid)
    if len(set(listed)) != len(listed):
        bad("duplicate", N_("a meeting is listed twice as unscheduled"))
    for mid in meetings:
        if mid not in starts and mid not in listed:
            bad("missing", N_("meeting %(meeting)s is neither assigned nor unscheduled"), mid)
    if instance.objective.schedule == "all" and len(starts) < len(meetings):
        bad(
            "not-all",
            N_("every meeting must be held, but %(count)s are not"),
            count=len(meetings) - len(starts),
        )

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
                "allowed-slots",
                N_("meeting %(meeting)s starts at slot %(slot)s, not an allowed one"),
                mid,
                slot=a.slot,
            )
        if m.fixed is not None and a.slot != m.fixed:
            bad(
                "fixed",
                N_("meeting %(meeting)s is fixed at slot %(fixed)s, not %(slot)s"),
                mid,
                fixed=m.fixed,
                slot=a.slot,
            )
        for pid in m.participants:
            hit = set(sids) & set(parts[pid].unavailable)
            if hit:
                bad(
                    "unavailable",
                    N_("meeting %(meeting)s: %(participant)s is unavailable in slot %(slot)s"),
                    mid,
                    participant=pid,
                    slot=min(hit),
                )
            for j in ks:
                load[(pid, j)].append(mid)
        for j in ks:
            per_slot[j] += 1
        # tables
        if table_list is None:
            if a.table is not None:
                bad(
                    "table",
                    N_("meeting %(meeting)s has table %(table)s but tables are a number"),
                    mid,
                    table=a.table,
                )
        elif a.table is None:
            bad("table", N_("meeting %(meeting)s has no table"), mid)
        elif a.table not in tables:
            bad(
                "table",
                N_("meeting %(meeting)s: table %(table)s does not exist"),
                mid,
                table=a.table,
            )
        else:
            hit = set(sids) & set(tables[a.table].unavailable)
            if hit:
                bad(
                    "table",
                    N_("meeting %(meeting)s: table %(table)s is unavailable in slot %(slot)s"),
                    mid,
                    table=a.table,
                    slot=min(hit),
                )
            hosts = {parts[pid].table for pid in m.participants} - {None}
            if hosts and a.table not in hosts:
                bad(
                    "host-table",
                    N_("meeting %(meeting)s must be at host table %(table)s"),
                    mid,
                    table=min(h for h in hosts if h),
                )
            host_of = {p.table for p in instance.participants if p.table is not None}
            if not hosts and a.table in host_of:
                bad(
                    "host-table",
                    N_("meeting %(meeting)s uses %(table)s, a host's table"),
                    mid,
                    table=a.table,
                )
            for j in ks:
                table_use[(a.table, j)].append(mid)
        # interpreters
        need = needs_interpreter(instance, m)
        if a.interpreter is None:
            if need:
                bad("interpreter", N_("meeting %(meeting)s needs an interpreter and has none"), mid)
        elif a.interpreter not in interps:
            bad(
                "interpreter",
                N_("meeting %(meeting)s: interpreter %(interpreter)s does not exist"),
                mid,
                interpreter=a.interpreter,
            )
        else:
            it = interps[a.interpreter]
            for pid in m.participants:
                if not set(it.languages) & set(parts[pid].languages):
                    bad(
                        "interpreter",
                        N_(
                            "meeting %(meeting)s: %(interpreter)s shares no language "
                            "with %(participant)s"
                        ),
                        mid,
                        interpreter=it.id,
                        participant=pid,
                    )
            hit = set(sids) & set(it.unavailable)
            if hit:
                bad(
                    "interpreter",
                    N_("meeting %(meeting)s: %(interpreter)s is unavailable in slot %(slot)s"),
                    mid,
                    interpreter=it.id,
                    slot=min(hit),
                )
            for j in ks:
                interp_use[(it.id, j)].append(mid)
    for (pid, j), mids in load.items():
        if len(mids) > parts[pid].capacity:
            bad(
                "overlap",
                N_("%(participant)s has %(count)s meetings in slot %(slot)s: %(meetings)s"),
                participant=pid,
                count=len(mids),
                slot=slots[j].id,
                meetings=", ".join(sorted(mids)),
            )
    for (tid, j), mids in table_use.items():
        if len(mids) > 1:
            bad(
                "table-double",
                N_("table %(table)s has %(count)s meetings in slot %(slot)s"),
                table=tid,
                count=len(mids),
                slot=slots[j].id,
            )
    for (iid, j), mids in interp_use.items():
        if len(mids) > 1:
            bad(
                "interpreter-double",
                N_("interpreter %(interpreter)s has %(count)s meetings in slot %(slot)s"),
                interpreter=iid,
                count=len(mids),
                slot=slots[j].id,
            )
    if table_list is None:
        for j, n in per_slot.items():
            if n > int(instance.tables):  # type: ignore[arg-type]
                bad(
                    "tables",
                    N_("slot %(slot)s has %(count)s meetings for %(tables)s tables"),
                    slot=slots[j].id,
                    count=n,
                    tables=instance.tables,
                )
    for mid, ks in covered.items():
        m = meetings[mid]
        for before in m.after:
            if before in covered and covered[before][-1] >= ks[0]:
                bad(
                    "after",
                    N_("meeting %(meeting)s starts before %(before)s ends"),
                    mid,
                    before=before,
                )

    # objective
    brk = breaks_per_participant(instance, starts)
    rep.breaks = brk
    fair = instance.objective.fairness
    if fair is not None and brk:
        lo = min(brk.values())
        for pid, b in brk.items():
            if b - lo > fair:
                bad(
                    "fairness",
                    N_(
                        "%(participant)s has %(breaks)s breaks, more than %(fairness)s "
                        "above the minimum %(minimum)s"
                    ),
                    participant=pid,
                    breaks=b,
                    fairness=fair,
                    minimum=lo,
                )
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
                N_("reported %(name)s %(reported)s, recomputed %(recomputed)s"),
                name=name,
                reported=getattr(got, name),
                recomputed=getattr(want, name),
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
