"""Convert the University of Girona B2B instances (MiniZinc .dzn) to keruen instances.

Mapping: one day of nTotalSlots slots (a lunch pause does not split a day, so breaks are
counted across it, as in the paper); session 1 = morning slots 1..AM, 2 = afternoon, 3 = any;
`forbidden` slots become participant unavailability; `fixed` and `precedences` map directly;
tables are a number. Objective: schedule "all", fairness 2 (the published setting). Participants
with 0/1 meetings count 0 breaks in both definitions, so min_p breaks(p) = 0 and fairness
reduces to breaks(p) <= 2, as in the paper. Meetings and participants keep file order.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

DEFAULT_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "b2b-instances"


def _value(text: str, name: str) -> str:
    m = re.search(rf"\b{name}\s*=\s*(.*?);", text, re.S)
    if not m:
        raise ValueError(f"{name} missing")
    return m.group(1)


def _ints(s: str) -> list[int]:
    return [int(x) for x in re.findall(r"-?\d+", s)]


def _sets(s: str) -> list[list[int]]:
    return [_ints(g) for g in re.findall(r"\{([^}]*)\}", s)]


def parse_dzn(path: Path) -> dict[str, Any]:
    text = re.sub(r"%.*", "", path.read_text())
    rows = _ints(_value(text, "requested"))
    data: dict[str, Any] = {
        "P": int(_value(text, "nBusiness")),
        "M": int(_value(text, "nMeetings")),
        "L": int(_value(text, "nTables")),
        "T": int(_value(text, "nTotalSlots")),
        "AM": int(_value(text, "nMorningSlots")),
        "requested": [tuple(rows[i : i + 3]) for i in range(0, len(rows), 3)],
        "forbidden": _sets(_value(text, "forbidden")),
        "fixed": _ints(_value(text, "fixed")),
    }
    try:
        data["precedences"] = _sets(_value(text, "precedences"))
    except ValueError:
        data["precedences"] = [[] for _ in range(data["M"])]
    assert len(data["requested"]) == data["M"]
    return data


def to_instance(path: Path, *, fairness: int = 2) -> dict[str, Any]:
    d = parse_dzn(path)
    T, AM = d["T"], d["AM"]
    slots = [{"id": s, "day": 1} for s in range(1, T + 1)]
    participants = []
    for p in range(1, d["P"] + 1):
        forb = [s for s in d["forbidden"][p - 1] if s != 0] if d["forbidden"] else []
        entry: dict[str, Any] = {"id": f"b{p}"}
        if forb:
            entry["unavailable"] = sorted(forb)
        participants.append(entry)
    meetings = []
    for i, (a, b, session) in enumerate(d["requested"], start=1):
        m: dict[str, Any] = {"id": f"m{i}", "participants": [f"b{a}", f"b{b}"]}
        if session == 1 and AM < T:
            m["slots"] = list(range(1, AM + 1))
        elif session == 2 and AM < T:
            m["slots"] = list(range(AM + 1, T + 1))
        fixed = d["fixed"][i - 1] if d["fixed"] else 0
        if fixed:
            m["fixed"] = fixed
        prec = [x for x in d["precedences"][i - 1] if x != 0] if d["precedences"] else []
        if prec:
            m["after"] = [f"m{x}" for x in prec]
        meetings.append(m)
    return {
        "format": "keruen-schedule-instance/1",
        "name": path.name.removesuffix(".original.dzn"),
        "slots": slots,
        "tables": d["L"],
        "participants": participants,
        "meetings": meetings,
        "objective": {"schedule": "all", "fairness": fairness},
    }


def instance_files(root: Path = DEFAULT_DIR) -> list[Path]:
    return sorted((root / "dzn").glob("*.dzn"))


def reference_optima(root: Path = DEFAULT_DIR) -> dict[str, tuple[int, float]]:
    out = {}
    for line in (root / "reference_optima.csv").read_text().splitlines()[1:]:
        f, _d, opt, t, _tab = line.split(",")
        out[Path(f).name.removesuffix(".original.dzn")] = (int(opt), float(t))
    return out
