"""Per-participant floors on breaks, proven by looking at one participant at a time.

A participant's busy slots must hold all of their meetings, each in a slot where it may start
(both sides free, the session allows it, a table exists). If no contiguous block of slots can
hold them (a bipartite matching of meetings to the block's slots), the participant has at least
one break in every schedule; if no two blocks can, at least two. The floors are implied
constraints for both exact engines: they give the core-guided searches their first lower bound
for free, where otherwise a SAT solver must rediscover a pigeonhole argument (on the Girona
forum-14 that first proof took 43 s).

Scope, so that the floor stays sound: mode 'all', one day, capacity 1 and one-slot meetings.
Elsewhere the floor is 0.
"""

from __future__ import annotations

from collections.abc import Iterator

from .problem import Problem

__all__ = ["break_floors"]


def break_floors(prob: Problem, *, cap: int = 2) -> list[int]:
    """For each participant, a number of breaks (at most `cap`) every schedule gives them."""
    floors = [0] * prob.n_parts
    if not prob.schedule_all or len(prob.days) != 1:
        return floors
    for p in range(prob.n_parts):
        ms = prob.meetings_of[p]
        if len(ms) < 2 or prob.capacity[p] != 1 or any(prob.length[m] != 1 for m in ms):
            continue
        allowed = {m: prob.starts[m] for m in ms}
        floors[p] = cap
        for runs in range(1, cap + 1):
            if any(_fits(ms, allowed, b) for b in _blocks(prob.n_slots, len(ms), runs)):
                floors[p] = runs - 1
                break
    return floors


def _fits(ms: list[int], allowed: dict[int, list[int]], busy: frozenset[int]) -> bool:
    """Whether every meeting gets its own slot of `busy` (augmenting paths)."""
    owner: dict[int, int] = {}

    def place(m: int, seen: set[int]) -> bool:
        for k in allowed[m]:
            if k in busy and k not in seen:
                seen.add(k)
                if k not in owner or place(owner[k], seen):
                    owner[k] = m
                    return True
        return False

    return all(place(m, set()) for m in ms)


def _blocks(n_slots: int, size: int, runs: int) -> Iterator[frozenset[int]]:
    """Sets of `size` slots made of exactly `runs` (1 or 2) maximal runs."""
    if runs == 1:
        for s in range(n_slots - size + 1):
            yield frozenset(range(s, s + size))
        return
    for first in range(1, size):
        second = size - first
        for s1 in range(n_slots - size):
            for s2 in range(s1 + first + 1, n_slots - second + 1):
                yield frozenset(range(s1, s1 + first)) | frozenset(range(s2, s2 + second))
