"""Likely duplicate names by blocking, not by comparing every name with every other.

A name arrives as its transliterated key without legal forms (`keruen.core.names.name_key`:
"ТОО «Оңтүстік Мақта»" → "ontustik makta"). Two keys are *similar* when their squashed forms
(spaces removed) are equal, or both have at least 5 characters and rapidfuzz's `ratio` is at
least 85. Only keys that share a block are compared: each word of 3 letters or more, and the
first and last 4 characters of the squashed key, also one character in (these catch a typo
in a one-word name, even in its first or last letter), and the first and last 4 characters of
each word of 5 letters or more.
Within a block the comparison runs in rapidfuzz's C++ `cdist`. A block shared by more than
`MAX_BLOCK` keys (a word like "agro" in thousands of names) is skipped: the other blocks of
the same two names still meet when the names are alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

MIN_FUZZY_LENGTH = 5
THRESHOLD = 85
MAX_BLOCK = 5_000
_EDGE = 4


def squashed(key: str) -> str:
    return key.replace(" ", "")


def similar(a: str, b: str) -> bool:
    """The pairwise rule the blocks approximate: equal, or close enough when long enough."""
    sa, sb = squashed(a), squashed(b)
    if not sa or not sb:
        return False
    return sa == sb or (
        min(len(sa), len(sb)) >= MIN_FUZZY_LENGTH and fuzz.ratio(sa, sb) >= THRESHOLD
    )


def _blocks(key: str) -> set[str]:
    flat = squashed(key)
    found = {f"w:{word}" for word in key.split() if len(word) >= 3}
    if len(flat) >= MIN_FUZZY_LENGTH:
        # At offsets 0 and 1 in one namespace: a first (or last) letter mistyped, added or
        # dropped still leaves a shared block.
        found.update({f"p:{flat[:_EDGE]}", f"p:{flat[1 : _EDGE + 1]}"})
        found.update({f"s:{flat[-_EDGE:]}", f"s:{flat[-_EDGE - 1 : -1]}"})
    for word in key.split():
        # Each long word's ends too: a number or a second word added after a one-word name.
        if len(word) >= MIN_FUZZY_LENGTH:
            found.update({f"p:{word[:_EDGE]}", f"s:{word[-_EDGE:]}"})
    found.add(f"=:{flat}")
    return found


def similar_pairs(
    items: Iterable[tuple[Hashable, Iterable[str]]],
) -> set[tuple[int, int]]:
    """Index pairs (i, j), i < j, of items (owner, name keys) with a similar key.

    Items are compared by position; two keys of the same item never make a pair.
    """
    flat_keys: list[str] = []
    key_item: list[int] = []
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, (_owner, names) in enumerate(items):
        for name in dict.fromkeys(n for n in names if squashed(n)):
            position = len(flat_keys)
            flat_keys.append(squashed(name))
            key_item.append(index)
            for block in _blocks(name):
                blocks[block].append(position)
    pairs: set[tuple[int, int]] = set()
    for block, members in blocks.items():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        if block.startswith("=:"):
            owners = sorted({key_item[m] for m in members})
            for x, i in enumerate(owners):
                for j in owners[x + 1 :]:
                    pairs.add((i, j))
            continue
        strings = [flat_keys[m] for m in members]
        scores = cdist(
            strings, strings, scorer=fuzz.ratio, score_cutoff=THRESHOLD, dtype=np.uint8, workers=1
        )
        rows, cols = np.nonzero(np.triu(scores, k=1))
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            a, b = members[r], members[c]
            i, j = key_item[a], key_item[b]
            if i != j and min(len(flat_keys[a]), len(flat_keys[b])) >= MIN_FUZZY_LENGTH:
                pairs.add((min(i, j), max(i, j)))
    return pairs
