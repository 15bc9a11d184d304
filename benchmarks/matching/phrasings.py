"""Score the phrasings catalog (`phrasings.yaml`) against the heading reader.

    PYTHONPATH=src:. python -m benchmarks.matching.phrasings

Each text is read with `default_heading_lexicon().named({language: text})`. A text is fully
right when every expected heading is read in its direction, no `never` heading is read in any
direction, and no expected heading is read in the opposite direction. Prints counts per class
and per language, then every text that is not fully right with what was read.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from keruen.matching.hs_text import default_heading_lexicon

CATALOG = Path(__file__).with_name("phrasings.yaml")
DIRECTIONS = ("need", "offer")
OPPOSITE = {"need": "offer", "offer": "need"}


def judge(entry: dict, read: set[tuple[str, str]]) -> list[str]:
    """Why a text is not fully right (empty when it is)."""
    problems = []
    codes = {code for code, _ in read}
    for direction in DIRECTIONS:
        for code in entry["expect"][direction]:
            if (code, direction) not in read:
                problems.append(f"missing {direction} {code}")
            if (code, OPPOSITE[direction]) in read:
                problems.append(f"{code} read as {OPPOSITE[direction]}")
    problems.extend(f"never {code} read" for code in entry.get("never", []) if code in codes)
    return problems


def main() -> None:
    entries = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))
    lexicon = default_heading_lexicon()
    totals: dict[str, Counter] = {"class": Counter(), "language": Counter(), "hard": Counter()}
    right: dict[str, Counter] = {"class": Counter(), "language": Counter(), "hard": Counter()}
    wrong = []
    for entry in entries:
        named = lexicon.named({entry["language"]: entry["text"]})
        read = {(h.code, h.direction) for h in named}
        problems = judge(entry, read)
        keys = {
            "class": entry["class"],
            "language": entry["language"],
            "hard": "hard" if entry.get("hard") else "plain",
        }
        for axis, key in keys.items():
            totals[axis][key] += 1
            right[axis][key] += not problems
        if problems:
            wrong.append((entry, sorted(read), problems))
    n_right = sum(right["language"].values())
    print(f"fully right: {n_right}/{len(entries)}")
    for axis in ("class", "language", "hard"):
        print(f"\nper {axis}:")
        for key, total in sorted(totals[axis].items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {key:16} {right[axis][key]:3}/{total:<3}")
    print(f"\nnot fully right ({len(wrong)}):")
    for entry, read, problems in wrong:
        shown = ", ".join(f"{direction} {code}" for code, direction in read) or "nothing"
        print(f"  [{entry['language']} {entry['class']}] {entry['text']}")
        print(f"      read: {shown}; {'; '.join(problems)}")


if __name__ == "__main__":
    main()
