"""A seeded generator of keruen-shaped two-sided forums, and the stored set of 30.

A forum of two partner regions: side A (Kazakh companies, kk/ru) and side B (Chinese companies,
zh, some also ru). It holds every feature of the instance format that keruen's own events use:

- priorities 1..5 from the requests; mode "most", or "all" over the meetings that a "most"
  schedule of the same forum holds (what an organizer would confirm);
- officials (government bodies) hosting at their own table, with two-slot G2B talks with
  companies and, sometimes, with an official of the other side (a talk between two hosts);
- delegations (capacity 2);
- interpreters by language pair (ru–zh, kk–zh, some trilingual), some on one day only;
- one-day participants and a lunch pause inside each day;
- a reschedule: a published schedule (`objective.previous`) after cancellations — a few
  participants withdraw and a few become unavailable in some slots.

``python -m benchmarks.scheduling.forums`` writes the 30 stored instances to
``benchmarks/scheduling/forums/`` (the published schedules of the reschedules, and the
meetings of the "all" forums, come from a short solve, so the stored files, not the generator,
are the reference; ``python -m benchmarks.scheduling.forums NAME ...`` rebuilds some).
``python -m benchmarks.scheduling.forums --extra`` writes the 12 forums never tuned on (new
seeds and shapes) to ``benchmarks/scheduling/forums-extra/``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

FORUM_DIR = Path(__file__).resolve().parent / "forums"
#: forums never tuned on (issue 13's ninth pass): new seeds and shapes, up to 40 per side
EXTRA_DIR = Path(__file__).resolve().parent / "forums-extra"

#: (name, per side, days, slots per day, mode, reschedule, seed)
SET: list[tuple[str, int, int, int, str, bool, int]] = [
    *(
        (f"f{n:03d}-{v}", n, 1 if n <= 20 else 2, 10 if n <= 20 else 8, mode, resched, seed)
        for n, seed0 in ((10, 1), (15, 2), (20, 3), (25, 4), (30, 5), (40, 6))
        for v, mode, resched, seed in (
            ("most", "most", False, seed0),
            ("all", "all", False, seed0 + 100),
            ("resched", "most", True, seed0 + 200),
        )
    ),
    *(
        (f"f{n:03d}-{v}", n, 2, 10, "most", resched, seed)
        for n, seed0 in ((60, 7), (100, 8), (150, 9), (200, 10), (250, 11), (300, 12))
        for v, resched, seed in (("most", False, seed0), ("resched", True, seed0 + 200))
    ),
]

#: the extra set: new seeds (1000 and up) and new shapes of days x slots (one day of 12,
#: two of 6 or 9, three of 6), "most", "all" and reschedules; same columns as SET
EXTRA: list[tuple[str, int, int, int, str, bool, int]] = [
    ("x012-most", 12, 1, 10, "most", False, 1001),
    ("x016-all", 16, 1, 8, "all", False, 1102),
    ("x018-all", 18, 1, 12, "all", False, 1103),
    ("x022-most", 22, 2, 6, "most", False, 1004),
    ("x024-resched", 24, 2, 8, "most", True, 1205),
    ("x028-all", 28, 2, 8, "all", False, 1106),
    ("x032-most", 32, 2, 8, "most", False, 1007),
    ("x035-all", 35, 2, 9, "all", False, 1108),
    ("x036-resched", 36, 2, 8, "most", True, 1209),
    ("x038-most", 38, 3, 6, "most", False, 1010),
    ("x040-most", 40, 2, 8, "most", False, 1011),
    ("x040-all", 40, 2, 9, "all", False, 1112),
]


def generate_forum(
    *,
    per_side: int,
    days: int = 2,
    slots_per_day: int = 8,
    mode: str = "most",
    seed: int = 0,
    name: str | None = None,
) -> dict[str, Any]:
    """A keruen instance of a two-sided forum with `per_side` participants on each side."""
    rng = random.Random(seed)
    slots = []
    for d in range(1, days + 1):
        for j in range(slots_per_day):
            minute = 9 * 60 + j * 30 + (60 if j >= slots_per_day // 2 else 0)  # lunch pause
            slots.append(
                {
                    "id": len(slots) + 1,
                    "day": d,
                    "start": f"{minute // 60:02d}:{minute % 60:02d}",
                    "minutes": 25,
                }
            )
    day_slots = {d: [s["id"] for s in slots if s["day"] == d] for d in range(1, days + 1)}
    n_officials = max(1, per_side // 10)
    side_a: list[dict[str, Any]] = []
    side_b: list[dict[str, Any]] = []
    for side, prefix, out in (("A", "kz", side_a), ("B", "cn", side_b)):
        for i in range(per_side):
            if side == "A":
                langs = rng.choices([["ru"], ["kk", "ru"], ["kk"]], weights=[45, 35, 20])[0]
            else:
                langs = rng.choices([["zh"], ["zh", "ru"]], weights=[55, 45])[0]
            official = i < n_officials
            p: dict[str, Any] = {"id": f"{prefix}{'gov' if official else ''}{i:03d}"}
            p["languages"] = langs
            if official:
                p["table"] = f"H-{p['id']}"
            elif rng.random() < 0.1:
                p["capacity"] = 2  # a delegation of two
            out.append(p)
    participants = side_a + side_b
    for p in participants:
        if "table" in p:
            continue
        r = rng.random()
        if days > 1 and r < 0.15:
            keep = rng.randint(1, days)
            p["unavailable"] = [s for d, ids in day_slots.items() if d != keep for s in ids]
        elif r < 0.25:
            # away for part of one day (a site visit, a flight)
            d = rng.randint(1, days)
            ids = day_slots[d]
            half = ids[: len(ids) // 2] if rng.random() < 0.5 else ids[len(ids) // 2 :]
            p["unavailable"] = half
    officials_a = [p for p in side_a if "table" in p]
    officials_b = [p for p in side_b if "table" in p]
    companies_a = [p for p in side_a if "table" not in p]
    companies_b = [p for p in side_b if "table" not in p]
    seen: set[tuple[str, str]] = set()
    meetings: list[dict[str, Any]] = []

    def add(a: dict[str, Any], b: dict[str, Any], **extra: Any) -> None:
        key = (a["id"], b["id"])
        if key in seen or a is b:
            return
        seen.add(key)
        meeting: dict[str, Any] = {
            "id": f"m{len(meetings) + 1:04d}",
            "participants": [a["id"], b["id"]],
            "priority": rng.choices([1, 2, 3, 4, 5], weights=[30, 25, 20, 15, 10])[0],
        }
        meeting.update(extra)
        meetings.append(meeting)

    slots_total = days * slots_per_day
    for a in companies_a:
        # requests: a company asks for 3..6 meetings, most with companies of the other side
        wanted = min(rng.randint(3, 6), slots_total - 2)
        for _ in range(wanted):
            add(a, rng.choice(companies_b))
    for b in companies_b:
        for _ in range(rng.randint(0, 2)):
            add(rng.choice(companies_a), b)
    for off, others in ((officials_a, companies_b), (officials_b, companies_a)):
        for o in off:
            for c in rng.sample(others, min(len(others), rng.randint(2, 4))):
                add(o, c, length=2, priority=5)  # G2B talk
    for oa in officials_a:
        if officials_b and rng.random() < 0.7:
            ob = rng.choice(officials_b)
            extra: dict[str, Any] = {"length": 2, "priority": 5}
            if rng.random() < 0.5:
                extra["table"] = oa["table"]  # the instance says whose table
            add(oa, ob, **extra)  # a talk between two hosts
    # one fixed opening talk between two officials, held at the start of day 1
    if officials_a and officials_b:
        ids = {o["id"] for o in officials_a + officials_b}
        opening = next((m for m in meetings if set(m["participants"]) <= ids), None)
        if opening is None:
            add(officials_a[0], officials_b[0], length=2, priority=5)
            opening = meetings[-1]
        opening["fixed"] = day_slots[1][0]
    # interpreters by pair: enough for about 1.3x the interpreted meetings per slot
    by_id = {p["id"]: p for p in participants}
    interpreted = sum(
        m.get("length", 1)
        for m in meetings
        if not set(by_id[m["participants"][0]]["languages"])
        & set(by_id[m["participants"][1]]["languages"])
    )
    n_interp = max(2, round(1.3 * interpreted / slots_total) + 1)
    interpreters = []
    for i in range(n_interp):
        langs = rng.choices([["ru", "zh"], ["kk", "zh"], ["kk", "ru", "zh"]], weights=[50, 30, 20])[
            0
        ]
        it: dict[str, Any] = {"id": f"i{i:03d}", "languages": langs}
        if days > 1 and rng.random() < 0.2:
            keep = rng.randint(1, days)
            it["unavailable"] = [s for d, ids in day_slots.items() if d != keep for s in ids]
        interpreters.append(it)
    need_tables = sum(m.get("length", 1) for m in meetings if not _hosted(m, by_id))
    n_pool = max(2, round(1.15 * need_tables / slots_total) + 1)
    tables = [{"id": f"T{t + 1:03d}"} for t in range(n_pool)]
    tables += [{"id": p["table"]} for p in participants if "table" in p]
    if n_pool > 4:
        tables[n_pool - 1]["unavailable"] = day_slots[days][-2:]  # a table cleared early
    return {
        "format": "keruen-schedule-instance/1",
        "name": name or f"forum-{per_side}-{seed}",
        "slots": slots,
        "tables": tables,
        "participants": participants,
        "interpreters": interpreters,
        "meetings": meetings,
        "objective": {"schedule": mode},
    }


def _hosted(m: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> bool:
    return any("table" in by_id[p] for p in m["participants"])


def cancel(instance: dict[str, Any], published: dict[str, int], seed: int) -> dict[str, Any]:
    """The forum after cancellations, with `published` as its previous schedule.

    About 4% of companies withdraw (their meetings go) and 5% become unavailable in two
    slots of the day they meet most; every other meeting keeps its published start.
    """
    rng = random.Random(seed)
    out = json.loads(json.dumps(instance))
    companies = [p for p in out["participants"] if "table" not in p]
    gone = {p["id"] for p in rng.sample(companies, max(1, len(companies) // 25))}
    out["participants"] = [p for p in out["participants"] if p["id"] not in gone]
    out["meetings"] = [m for m in out["meetings"] if not gone & set(m["participants"])]
    held: dict[str, list[int]] = {}
    for m in out["meetings"]:
        if m["id"] in published:
            for pid in m["participants"]:
                held.setdefault(pid, []).append(published[m["id"]])
    late = [p for p in out["participants"] if "table" not in p and held.get(p["id"])]
    for p in rng.sample(late, max(1, len(late) // 20)):
        away = rng.sample(held[p["id"]], min(2, len(held[p["id"]])))
        p["unavailable"] = sorted(set(p.get("unavailable", [])) | set(away))
    keep = {m["id"] for m in out["meetings"]}
    out["objective"]["previous"] = {mid: s for mid, s in published.items() if mid in keep}
    out["name"] = instance["name"] + "-resched"
    for m in out["meetings"]:
        if "fixed" in m:
            for p in out["participants"]:
                if p["id"] in m["participants"] and m["fixed"] in p.get("unavailable", []):
                    p["unavailable"].remove(m["fixed"])
    return out


def build_set(
    seconds: float = 10.0, only: set[str] | None = None, *, extra: bool = False
) -> list[Path]:
    """Generate the stored set (reschedules publish a `seconds` solve of their forum first).

    With `extra`, the set of forums never tuned on (`EXTRA`, into `EXTRA_DIR`).
    """
    from keruen.scheduling import load_instance, solve

    out_dir = EXTRA_DIR if extra else FORUM_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, n, days, spd, mode, resched, seed in EXTRA if extra else SET:
        if only is not None and name not in only:
            continue
        raw = generate_forum(
            per_side=n, days=days, slots_per_day=spd, mode=mode, seed=seed, name=name
        )
        if mode == "all":
            # an organizer asks for "all" among meetings known to fit together: those a
            # "most" schedule holds
            raw["objective"] = {"schedule": "most"}
            held = solve(load_instance(raw), seconds=seconds, workers=2, seed=0).start_of()
            raw["meetings"] = [m for m in raw["meetings"] if m["id"] in held]
            raw["objective"] = {"schedule": "all"}
        if resched:
            raw["name"] = name.removesuffix("-resched")
            sol = solve(load_instance(raw), seconds=seconds, workers=2, seed=0)
            raw = cancel(raw, sol.start_of(), seed)
            raw["name"] = name
        load_instance(raw)  # the stored files must load
        path = out_dir / f"{name}.json"
        path.write_text(json.dumps(raw, ensure_ascii=False, indent=None) + "\n", encoding="utf-8")
        paths.append(path)
        print(name, len(raw["participants"]), len(raw["meetings"]), flush=True)
    return paths


if __name__ == "__main__":
    import sys

    names = [a for a in sys.argv[1:] if a != "--extra"]
    build_set(only=set(names) or None, extra="--extra" in sys.argv[1:])
