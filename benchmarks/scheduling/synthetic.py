"""Seeded generators of large synthetic events (two sides, interpreters, G2B talks)."""

from __future__ import annotations

import random
from typing import Any


def generate_event(
    *,
    per_side: int = 1000,
    meetings: int = 20_000,
    days: int = 2,
    slots_per_day: int = 16,
    tables: int = 700,
    one_day_share: float = 0.10,
    interpreted_share: float = 0.40,
    interpreters: int = 120,
    g2b_share: float = 0.02,
    seed: int = 2024,
    name: str = "synthetic",
) -> dict[str, Any]:
    """A keruen instance: side A (kk/ru speakers), side B (zh, some also ru).

    A `interpreted_share` of the meetings pair an A participant with a zh-only B participant,
    so they need a ru–zh or kk–zh interpreter; the others share Russian. A `g2b_share` of
    meetings are two-slot talks. Priorities 1..5.
    """
    rng = random.Random(seed)
    slots = []
    sid = 1
    for d in range(1, days + 1):
        for j in range(slots_per_day):
            minute = 9 * 60 + j * 30 + (60 if j >= slots_per_day // 2 else 0)  # lunch pause
            slots.append(
                {
                    "id": sid,
                    "day": d,
                    "start": f"{minute // 60:02d}:{minute % 60:02d}",
                    "minutes": 25,
                }
            )
            sid += 1
    day_slots = {d: [s["id"] for s in slots if s["day"] == d] for d in range(1, days + 1)}
    side_a, side_b = [], []
    for i in range(per_side):
        langs = rng.choices([["ru"], ["kk", "ru"], ["kk"]], weights=[45, 35, 20])[0]
        side_a.append({"id": f"kz{i:04d}", "languages": langs})
    for i in range(per_side):
        langs = rng.choices([["zh"], ["zh", "ru"]], weights=[50, 50])[0]
        side_b.append({"id": f"cn{i:04d}", "languages": langs})
    participants = side_a + side_b
    for p in participants:
        if rng.random() < one_day_share:
            off = rng.randint(1, days)
            p["unavailable"] = [s for d, ids in day_slots.items() if d != off for s in ids]
    a_ru = [p for p in side_a if "ru" in p["languages"]]
    b_ru = [p for p in side_b if "ru" in p["languages"]]
    b_zh = [p for p in side_b if "ru" not in p["languages"]]
    seen: set[tuple[str, str]] = set()
    out = []
    while len(out) < meetings:
        if rng.random() < interpreted_share:
            a, b = rng.choice(side_a), rng.choice(b_zh)
        else:
            a, b = rng.choice(a_ru), rng.choice(b_ru)
        if (a["id"], b["id"]) in seen:
            continue
        seen.add((a["id"], b["id"]))
        m: dict[str, Any] = {
            "id": f"m{len(out) + 1:05d}",
            "participants": [a["id"], b["id"]],
            "priority": rng.choices([1, 2, 3, 4, 5], weights=[30, 25, 20, 15, 10])[0],
        }
        if rng.random() < g2b_share:
            m["length"] = 2
            m["priority"] = 5
        out.append(m)
    pool = []
    for i in range(interpreters):
        langs = rng.choices([["ru", "zh"], ["kk", "zh"], ["kk", "ru", "zh"]], weights=[60, 28, 12])[
            0
        ]
        pool.append({"id": f"int{i:03d}", "languages": langs})
    return {
        "format": "keruen-schedule-instance/1",
        "name": name,
        "slots": slots,
        "tables": [{"id": f"T{t + 1:03d}"} for t in range(tables)],
        "participants": participants,
        "interpreters": pool,
        "meetings": out,
        "objective": {"schedule": "most"},
    }
