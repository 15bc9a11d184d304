"""An instance compiled to integer indices, shared by the engines (not by the validator).

Slots, participants, meetings, tables and interpreters become positions in lists; every
meeting gets the start positions where it could be held on its own (participants, host table,
some table and some interpreter available over all its slots, allowed and fixed slots, day
boundaries). A meeting with no such start gets a reason a person can read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .instance import Instance, needs_interpreter

__all__ = ["Problem", "compile_problem", "names", "overloaded"]


def names(ids: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(ids) <= 1:
        return "".join(ids)
    return ", ".join(ids[:-1]) + " and " + ids[-1]


@dataclass
class Problem:
    """Index form of an `Instance` (see the module docstring)."""

    instance: Instance
    slot_ids: list[int]
    day: list[int]
    days: list[list[int]]
    part_ids: list[str]
    capacity: list[int]
    p_avail: list[list[bool]]
    meet_ids: list[str]
    mparts: list[list[int]]
    prio: list[int]
    length: list[int]
    starts: list[list[int]]
    fixed: list[int | None]
    after: list[list[int]]
    needs_interp: list[bool]
    interp_cands: list[list[int]]
    interp_ids: list[str]
    i_avail: list[list[bool]]
    table_list: bool
    table_count: int
    table_ids: list[str]
    t_avail: list[list[bool]]
    pool: list[int]
    pool_avail: list[int]
    mhosts: list[tuple[int, ...]]
    previous: dict[int, int]
    meetings_of: list[list[int]]
    no_start_reason: dict[int, str] = field(default_factory=dict)
    schedule_all: bool = True
    fairness: int | None = None
    _types: tuple[list[list[int]], list[list[int]]] | None = None

    @property
    def n_slots(self) -> int:
        return len(self.slot_ids)

    @property
    def n_meetings(self) -> int:
        return len(self.meet_ids)

    @property
    def n_parts(self) -> int:
        return len(self.part_ids)

    def cover(self, m: int, k: int) -> range:
        return range(k, k + self.length[m])

    def consecutive(self, k: int) -> bool:
        """Whether slot position k follows k-1 on the same day."""
        return k > 0 and self.day[k] == self.day[k - 1]

    def host_table_ok(self, m: int, k: int, t: int) -> bool:
        """Whether host table position t is available over all slots of m started at k."""
        return all(self.t_avail[t][j] for j in self.cover(m, k))

    def interpreter_types(self) -> tuple[list[list[int]], list[list[int]]]:
        """Interpreters grouped by (languages, availability), and each meeting's usable groups.

        Interpreters of one group are interchangeable, so a group with c members can serve c
        meetings in a slot, and meetings placed in time order never run out of them (intervals
        on identical machines): a count per group and slot is an exact model.
        """
        if self._types is None:
            key_of: dict[tuple[frozenset[str], tuple[bool, ...]], int] = {}
            types: list[list[int]] = []
            for i, it in enumerate(self.instance.interpreters):
                key = (frozenset(it.languages), tuple(self.i_avail[i]))
                if key not in key_of:
                    key_of[key] = len(types)
                    types.append([])
                types[key_of[key]].append(i)
            of_interp = {i: t for t, members in enumerate(types) for i in members}
            mtypes = [
                sorted({of_interp[i] for i in self.interp_cands[m]}) for m in range(self.n_meetings)
            ]
            self._types = (types, mtypes)
        return self._types

    def tables_at(self, k: int) -> int:
        """How many meetings slot position k can hold (pool and host tables together)."""
        if not self.table_list:
            return self.table_count
        return sum(1 for t in range(len(self.table_ids)) if self.t_avail[t][k])


def _lang_label(inst: Instance, pids: list[str]) -> str:
    by_id = {p.id: p for p in inst.participants}
    return "–".join("/".join(by_id[p].languages) or "?" for p in pids)


def compile_problem(inst: Instance) -> Problem:
    """Compile a checked instance into index form."""
    slot_ids = [s.id for s in inst.slots]
    spos = {sid: k for k, sid in enumerate(slot_ids)}
    day_keys: dict[int, int] = {}
    day: list[int] = []
    for s in inst.slots:
        day.append(day_keys.setdefault(s.day, len(day_keys)))
    days: list[list[int]] = [[] for _ in day_keys]
    for k, d in enumerate(day):
        days[d].append(k)
    S = len(slot_ids)

    def avail(unavailable: list[int]) -> list[bool]:
        row = [True] * S
        for sid in unavailable:
            row[spos[sid]] = False
        return row

    part_ids = [p.id for p in inst.participants]
    ppos = {pid: k for k, pid in enumerate(part_ids)}
    p_avail = [avail(p.unavailable) for p in inst.participants]
    table_list = isinstance(inst.tables, list)
    tables = inst.tables if isinstance(inst.tables, list) else []
    table_ids = [t.id for t in tables]
    tpos = {tid: k for k, tid in enumerate(table_ids)}
    t_avail = [avail(t.unavailable) for t in tables]
    host_tables = {tpos[p.table] for p in inst.participants if p.table is not None}
    pool = [t for t in range(len(tables)) if t not in host_tables]
    pool_avail = [sum(1 for t in pool if t_avail[t][k]) for k in range(S)]
    interp_ids = [i.id for i in inst.interpreters]
    i_avail = [avail(i.unavailable) for i in inst.interpreters]
    langs = [set(p.languages) for p in inst.participants]
    mpos = {m.id: k for k, m in enumerate(inst.meetings)}

    prob = Problem(
        instance=inst,
        slot_ids=slot_ids,
        day=day,
        days=days,
        part_ids=part_ids,
        capacity=[p.capacity for p in inst.participants],
        p_avail=p_avail,
        meet_ids=[m.id for m in inst.meetings],
        mparts=[[ppos[pid] for pid in m.participants] for m in inst.meetings],
        prio=[m.priority for m in inst.meetings],
        length=[m.length for m in inst.meetings],
        starts=[],
        fixed=[spos[m.fixed] if m.fixed is not None else None for m in inst.meetings],
        after=[[mpos[a] for a in m.after] for m in inst.meetings],
        needs_interp=[needs_interpreter(inst, m) for m in inst.meetings],
        interp_cands=[],
        interp_ids=interp_ids,
        i_avail=i_avail,
        table_list=table_list,
        table_count=0 if table_list else int(inst.tables),  # type: ignore[arg-type]
        table_ids=table_ids,
        t_avail=t_avail,
        pool=pool,
        pool_avail=pool_avail,
        mhosts=[],
        previous={mpos[mid]: spos[sid] for mid, sid in (inst.objective.previous or {}).items()},
        meetings_of=[[] for _ in part_ids],
        schedule_all=inst.objective.schedule == "all",
        fairness=inst.objective.fairness,
    )
    for m, ps in enumerate(prob.mparts):
        for p in ps:
            prob.meetings_of[p].append(m)
    pool_span: dict[tuple[int, tuple[int, ...]], list[bool]] = {}
    interp_span: dict[tuple[int, tuple[int, ...]], list[bool]] = {}
    host_of = {tpos[p.table]: p.id for p in inst.participants if p.table is not None}
    for m, meeting in enumerate(inst.meetings):
        ps = prob.mparts[m]
        hosts = tuple(dict.fromkeys(tpos[t] for t in (inst.participants[p].table for p in ps) if t))
        table_conflict: str | None = None
        if meeting.table is not None:
            chosen = tpos[meeting.table]
            if chosen in hosts:
                hosts = (chosen,)
            else:
                table_conflict = (
                    f"its table {meeting.table!r} is not the host table of one of its participants"
                    if chosen not in host_of
                    else f"its table {meeting.table!r} is reserved for {host_of[chosen]!r}"
                )
        prob.mhosts.append(hosts)
        cands = (
            [
                i
                for i, it in enumerate(inst.interpreters)
                if all(langs[p] & set(it.languages) for p in ps)
            ]
            if prob.needs_interp[m]
            else []
        )
        prob.interp_cands.append(cands)
        L = meeting.length
        fixed_sid = meeting.fixed
        fixed = prob.fixed[m]
        base: list[int]
        if fixed is not None:
            base = [fixed]
        elif meeting.slots is not None:
            base = sorted({spos[s] for s in meeting.slots})
        else:
            base = list(range(S))
        fits = [k for k in base if k + L <= S and day[k + L - 1] == day[k]]
        free = [k for k in fits if all(p_avail[p][j] for p in ps for j in range(k, k + L))]
        if table_conflict is not None:
            tabled: list[int] = []
        elif hosts:
            tabled = [
                k for k in free if any(all(t_avail[h][j] for j in range(k, k + L)) for h in hosts)
            ]
        elif table_list:
            ok_span = _span_ok(pool_span, L, t_avail, pool, S)
            tabled = [k for k in free if ok_span[k]]
        else:
            tabled = free if prob.table_count > 0 else []
        if prob.needs_interp[m]:
            ok_i = _span_ok(interp_span, L, i_avail, cands, S)
            ok = [k for k in tabled if ok_i[k]]
        else:
            ok = tabled
        prob.starts.append(ok)
        if not ok:
            who = names([inst.participants[p].id for p in ps])
            if (
                fixed_sid is not None
                and meeting.slots is not None
                and fixed_sid not in meeting.slots
            ):
                reason = f"it is fixed at slot {fixed_sid}, which is not among its allowed slots"
            elif fixed_sid is not None and not fits:
                reason = f"it is fixed at slot {fixed_sid}, where {L} slots do not fit in the day"
            elif not fits:
                reason = f"no allowed start slot where a {L}-slot meeting fits in a day"
            elif fixed_sid is not None and not free:
                away = [
                    inst.participants[p].id
                    for p in ps
                    if not all(p_avail[p][j] for j in range(fits[0], fits[0] + L))
                ]
                reason = f"it is fixed at slot {fixed_sid}, where {names(away)} is unavailable"
            elif not free:
                reason = f"no common free slot for {who}"
            elif table_conflict is not None:
                reason = table_conflict
            elif not tabled:
                if hosts:
                    labels = " or ".join(repr(table_ids[h]) for h in hosts)
                    reason = f"host table {labels} is not free when {who} are"
                else:
                    reason = f"no table free when {who} are"
            elif not cands:
                reason = f"no interpreter speaks {_lang_label(inst, meeting.participants)}"
            else:
                reason = (
                    f"no {_lang_label(inst, meeting.participants)} interpreter free when {who} are"
                )
            prob.no_start_reason[m] = reason
    _fixed_clashes(prob)
    if prob.schedule_all:
        _propagate_precedence(prob)
    return prob


def _span_ok(
    cache: dict[tuple[int, tuple[int, ...]], list[bool]],
    length: int,
    avail: list[list[bool]],
    resources: list[int],
    n_slots: int,
) -> list[bool]:
    """For each start k: some resource is available over k .. k+length-1 (memoised)."""
    key = (length, tuple(resources))
    row = cache.get(key)
    if row is None:
        row = [False] * n_slots
        for r in resources:
            a = avail[r]
            for k in range(n_slots - length + 1):
                if not row[k] and all(a[k : k + length]):
                    row[k] = True
        cache[key] = row
    return row


def _propagate_precedence(prob: Problem) -> None:
    """Shrink start windows along 'after' chains (all meetings are held in mode 'all')."""
    if not any(prob.after):
        return
    M = prob.n_meetings
    succ: list[list[int]] = [[] for _ in range(M)]
    for m in range(M):
        for a in prob.after[m]:
            succ[a].append(m)
    changed = True
    while changed:
        changed = False
        for m in range(M):
            if not prob.starts[m]:
                continue
            est = max(
                (min(prob.starts[a]) + prob.length[a] for a in prob.after[m] if prob.starts[a]),
                default=0,
            )
            lst = min(
                (max(prob.starts[b]) - prob.length[m] for b in succ[m] if prob.starts[b]),
                default=prob.n_slots,
            )
            kept = [k for k in prob.starts[m] if est <= k <= lst]
            if len(kept) != len(prob.starts[m]):
                prob.starts[m] = kept
                changed = True
                if not kept:
                    linked = [prob.meet_ids[a] for a in prob.after[m]] + [
                        prob.meet_ids[b] for b in succ[m]
                    ]
                    prob.no_start_reason[m] = (
                        f"no start slot keeps the 'after' order with {names(linked)}"
                    )


def overloaded(prob: Problem) -> str | None:
    """Why mode 'all' cannot hold: a participant with more meeting slots than it can meet in,
    or more meetings than the tables can seat.

    Per participant, the slots its meetings need (lengths, over its capacity) against the
    slots any of them may cover, and for each set of slots that some one-slot meetings are
    confined to (a session, a partner's hours), those meetings against that set. A
    contradiction of one participant is named instead of "the hard constraints cannot all
    hold"; None when no participant is overloaded (the instance may still be infeasible).
    """
    for p, ms in enumerate(prob.meetings_of):
        if not ms:
            continue
        room = {j for m in ms for k in prob.starts[m] for j in prob.cover(m, k)}
        need = sum(prob.length[m] for m in ms)
        windows = {frozenset(prob.starts[m]) for m in ms if prob.length[m] == 1}
        confined = [
            (sum(1 for m in ms if prob.length[m] == 1 and w.issuperset(prob.starts[m])), w)
            for w in windows
        ]
        over = [(n, len(w)) for n, w in confined if n > prob.capacity[p] * len(w)]
        if need > prob.capacity[p] * len(room):
            over.insert(0, (need, len(room)))
        if over:
            need, slots = over[0]
            return (
                f"participant {prob.part_ids[p]!r} has {need} meeting slots to hold "
                f"in {slots} slots where it can meet"
            )
    usable = {j for m in range(prob.n_meetings) for k in prob.starts[m] for j in prob.cover(m, k)}
    need = sum(prob.length[m] for m in range(prob.n_meetings))
    seats = sum(prob.tables_at(j) for j in usable)
    if need > seats:
        return f"the meetings need {need} table slots and the tables have {seats}"
    return None


def _fixed_clashes(prob: Problem) -> None:
    """Fixed meetings that cannot all be held: the later ones (by priority) get no start.

    Checked one meeting at a time against the fixed meetings kept before it, rule by rule as
    the model states them: a participant over capacity, a host table taken twice (a meeting
    between hosts needs one of its tables free), more meetings than pool tables (or tables)
    in a slot, no interpreter group left for it, an 'after' order the two fixed starts break.
    A fixed meeting that loses is then treated like any meeting without a possible start
    (left out in mode 'most', infeasible in mode 'all'), so that no single contradictory
    meeting makes the whole instance infeasible.
    """
    order = sorted(
        (m for m in range(prob.n_meetings) if prob.fixed[m] is not None and prob.starts[m]),
        key=lambda m: (-prob.prio[m], m),
    )
    load: dict[tuple[int, int], list[int]] = {}
    table_use: dict[tuple[int, int], int] = {}
    pool_use: dict[int, list[int]] = {}
    interpreted: list[int] = []
    kept: set[int] = set()
    for m in order:
        k = prob.starts[m][0]
        span = prob.cover(m, k)
        clash = _fixed_clash(prob, m, k, load, table_use, pool_use, interpreted, kept)
        if clash is not None:
            prob.starts[m] = []
            prob.no_start_reason[m] = f"it is fixed at slot {prob.slot_ids[k]}, {clash}"
            continue
        kept.add(m)
        hosts = prob.mhosts[m]
        host = next(
            (t for t in hosts if all((t, j) not in table_use for j in span)),
            None,
        )
        for j in span:
            for p in prob.mparts[m]:
                load.setdefault((p, j), []).append(m)
            if host is not None:
                table_use[(host, j)] = m
            if not hosts or not prob.table_list:
                pool_use.setdefault(j, []).append(m)
        if prob.needs_interp[m]:
            interpreted.append(m)


def _fixed_clash(
    prob: Problem,
    m: int,
    k: int,
    load: dict[tuple[int, int], list[int]],
    table_use: dict[tuple[int, int], int],
    pool_use: dict[int, list[int]],
    interpreted: list[int],
    kept: set[int],
) -> str | None:
    """Why fixed meeting m at start k cannot join the fixed meetings kept so far, or None."""
    span = prob.cover(m, k)
    for j in span:
        for p in prob.mparts[m]:
            held = load.get((p, j), [])
            if len(held) >= prob.capacity[p]:
                return (
                    f"where {prob.part_ids[p]!r} already has the fixed meeting "
                    f"{prob.meet_ids[held[0]]!r}"
                )
    hosts = prob.mhosts[m]
    if hosts and prob.table_list:
        free = [t for t in hosts if all((t, j) not in table_use for j in span)]
        if not free:
            t = hosts[0]
            taken = next(table_use[(t, j)] for j in span if (t, j) in table_use)
            return (
                f"where table {prob.table_ids[t]!r} already has the fixed meeting "
                f"{prob.meet_ids[taken]!r}"
            )
    else:
        for j in span:
            cap = prob.pool_avail[j] if prob.table_list else prob.table_count
            others = pool_use.get(j, [])
            if len(others) >= cap:
                return f"where every free table is taken by {_fixed_names(prob, others)}"
    for a in prob.after[m]:
        if a in kept and k < prob.starts[a][0] + prob.length[a]:
            return f"before the fixed meeting {prob.meet_ids[a]!r} it must follow has ended"
    for b in kept:
        if m in prob.after[b] and k + prob.length[m] > prob.starts[b][0]:
            return f"where it would not end before the fixed meeting {prob.meet_ids[b]!r} starts"
    if prob.needs_interp[m]:
        # groups are counted per slot, so the fixed meetings of other days do not matter
        same_day = [o for o in interpreted if prob.day[prob.starts[o][0]] == prob.day[k]]
        if not _interpreters_suffice(prob, [*same_day, m]):
            during = [o for o in same_day if set(prob.cover(o, prob.starts[o][0])) & set(span)]
            return (
                "where every interpreter it could have is taken by "
                f"{_fixed_names(prob, during or same_day)}"
            )
    return None


def _fixed_names(prob: Problem, meetings: list[int]) -> str:
    quoted = [repr(prob.meet_ids[o]) for o in meetings]
    return ("the fixed meeting " if len(quoted) == 1 else "the fixed meetings ") + names(quoted)


def _interpreters_suffice(prob: Problem, fixed: list[int]) -> bool:
    """Whether fixed meetings (one start each) can all get an interpreter group at once.

    The rule of the model (a group serves at most as many meetings per slot as it has
    members), searched exactly by backtracking; the meetings are the fixed ones of one day,
    so few.
    """
    types, mtypes = prob.interpreter_types()
    options: list[list[int]] = []
    for m in fixed:
        span = prob.cover(m, prob.starts[m][0])
        options.append([t for t in mtypes[m] if all(prob.i_avail[types[t][0]][j] for j in span)])
    if any(not o for o in options):
        return False
    use: dict[tuple[int, int], int] = {}
    order = sorted(range(len(fixed)), key=lambda i: len(options[i]))
    steps = [0]

    def place(n: int) -> bool:
        if n == len(order):
            return True
        steps[0] += 1
        if steps[0] > 100_000:
            return True  # too many to settle here: the model decides
        i = order[n]
        span = prob.cover(fixed[i], prob.starts[fixed[i]][0])
        for t in options[i]:
            if all(use.get((t, j), 0) < len(types[t]) for j in span):
                for j in span:
                    use[(t, j)] = use.get((t, j), 0) + 1
                if place(n + 1):
                    return True
                for j in span:
                    use[(t, j)] -= 1
        return False

    return place(0)
