"""Run the scheduling benchmarks: ``python -m benchmarks.scheduling.run [--only X] [--seconds N]``.

--only girona | synthetic | reschedule | forums | prove-forums | <a Girona instance name>
--repeat N solves each Girona instance (or forum, or with --only synthetic the synthetic
event, seeds 0..N-1, or with --only reschedule the reschedule after one publication, seeds
0..N-1, into reschedule-xN.*) N times (times vary from run to run).
--workers N (forums only; default 2), --max-per-side N (forums only: the smaller ones),
--only-forums f060-most,f300-most (forums only: these), --extra (forums and prove-forums: the
forums never tuned on, in forums-extra/), --no-lns (without the LNS on breaks,
the A/B baseline; results get a -nolns suffix). Every forum row records the 1-minute load.
Results go to benchmarks/scheduling/results/{girona,synthetic,reschedule,forums}.{csv,json}.
``prove-forums`` runs every stored forum long (--seconds, default 300) and stores what it
proved in benchmarks/scheduling/forums/optima.json, the reference of ``forums``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from keruen.scheduling import check_solution, load_instance, solve

from . import girona
from .forums import EXTRA_DIR, FORUM_DIR
from .synthetic import generate_event

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write(name: str, rows: list[dict[str, Any]], meta: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    with (RESULTS / f"{name}.csv").open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    (RESULTS / f"{name}.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=1) + "\n")


def run_girona(
    seconds: float, only: str | None, repeat: int = 1, workers: int = 2
) -> list[dict[str, Any]]:
    root = Path(os.environ.get("KERUEN_B2B_INSTANCES", girona.DEFAULT_DIR))
    ref = girona.reference_optima(root)
    rows = []
    for path in girona.instance_files(root):
        name = path.name.removesuffix(".original.dzn")
        if only not in (None, "girona", name):
            continue
        inst = load_instance(girona.to_instance(path))
        for run in range(1, repeat + 1):
            rows.append(
                _girona_row(name, inst, seconds, ref[name], run if repeat > 1 else None, workers)
            )
            print(json.dumps(rows[-1]), flush=True)
    return rows


def _girona_row(
    name: str, inst: Any, seconds: float, ref: tuple[int, float], run: int | None, workers: int
) -> dict[str, Any]:
    t0 = time.monotonic()
    sol = solve(inst, seconds=seconds, workers=workers, seed=0)
    wall = time.monotonic() - t0
    rep = check_solution(inst, sol)
    opt, published = ref
    return {
        **({"run": run} if run is not None else {}),
        "instance": name,
        "status": sol.status.value,
        "breaks": sol.objective.breaks if sol.status.has_schedule else "",
        "bound": sol.bound.breaks if sol.bound.breaks is not None else "",
        "reference_optimum": opt,
        "matches_reference": sol.status.value == "optimal" and sol.objective.breaks == opt,
        "seconds": sol.seconds,
        "wall_seconds": round(wall, 2),
        "over_optimum": sol.objective.breaks - opt if sol.status.has_schedule else "",
        "published_seconds": published,
        "engine": sol.engine,
        "valid": rep.ok,
        "load1": round(os.getloadavg()[0], 2),
    }


def run_synthetic(seconds: float, repeat: int = 1) -> list[dict[str, Any]]:
    raw = generate_event(seed=2024)
    inst = load_instance(raw)
    rows = []
    for run in range(1, repeat + 1):
        t0 = time.monotonic()
        sol = solve(inst, seconds=seconds, workers=2, seed=run - 1, engine="heuristic")
        total = time.monotonic() - t0
        rep = check_solution(inst, sol)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        bound = sol.bound.priority or 0
        row = {
            **({"run": run} if repeat > 1 else {}),
            "participants": len(inst.participants),
            "meetings": len(inst.meetings),
            "held": len(sol.assignments),
            "priority": sol.objective.priority,
            "priority_upper_bound": bound,
            "ratio": round(sol.objective.priority / bound, 4) if bound else "",
            "breaks": sol.objective.breaks,
            "table_changes": sol.objective.table_changes,
            "solve_seconds": sol.seconds,
            "total_seconds_with_load": round(total, 2),
            "peak_rss_mb": round(rss_mb),
            "valid": rep.ok,
            "load1": round(os.getloadavg()[0], 2),
        }
        print(json.dumps(row), flush=True)
        rows.append(row)
    return rows


def run_reschedule(seconds: float, repeat: int = 1) -> list[dict[str, Any]]:
    """Publish once, cancel, then re-solve `repeat` times (seeds 0..repeat-1)."""
    raw = generate_event(
        per_side=200,
        meetings=1200,
        days=2,
        slots_per_day=8,
        tables=130,
        interpreters=60,
        interpreted_share=0.3,
        g2b_share=0.0,
        seed=7,
        name="reschedule-400",
    )
    inst = load_instance(raw)
    published = solve(inst, seconds=30, workers=2, seed=0)
    assert check_solution(inst, published).ok
    starts = published.start_of()
    day_of = {s["id"]: s["day"] for s in raw["slots"]}
    # the participant with most meetings on day 1 cancels that day
    count: dict[str, int] = {}
    for m in raw["meetings"]:
        if m["id"] in starts and day_of[starts[m["id"]]] == 1:
            for p in m["participants"]:
                count[p] = count.get(p, 0) + 1
    who = max(count, key=lambda p: count[p])
    day1 = [s["id"] for s in raw["slots"] if s["day"] == 1]
    for p in raw["participants"]:
        if p["id"] == who:
            p["unavailable"] = sorted(set(p.get("unavailable", [])) | set(day1))
    raw["objective"] = {"schedule": "most", "previous": starts}
    inst2 = load_instance(raw)
    own = {m["id"] for m in raw["meetings"] if who in m["participants"]}
    rows = []
    for run in range(1, repeat + 1):
        rows.append(_reschedule_row(inst, inst2, published, who, count, own, seconds, run, repeat))
        print(json.dumps(rows[-1]), flush=True)
    return rows


def _reschedule_row(
    inst: Any,
    inst2: Any,
    published: Any,
    who: str,
    count: dict[str, int],
    own: set[str],
    seconds: float,
    run: int,
    repeat: int,
) -> dict[str, Any]:
    starts = published.start_of()
    t0 = time.monotonic()
    sol = solve(inst2, seconds=seconds, workers=2, seed=run - 1)
    wall = time.monotonic() - t0
    rep = check_solution(inst2, sol)
    new = sol.start_of()
    moved_other = sum(1 for mid, s in starts.items() if mid not in own and new.get(mid) != s)
    return {
        **({"run": run} if repeat > 1 else {}),
        "participants": len(inst.participants),
        "meetings": len(inst.meetings),
        "published_held": len(starts),
        "published_status": published.status.value,
        "cancelled": f"{who} day 1 ({count[who]} meetings)",
        "status": sol.status.value,
        "priority": sol.objective.priority,
        "priority_bound": sol.bound.priority,
        "moved": sol.objective.moved,
        "moved_bound": sol.bound.moved,
        "moved_proven": sol.bound.moved == sol.objective.moved,
        "moved_other_participants": moved_other,
        "seconds": round(wall, 2),
        "valid": rep.ok,
        "load1": round(os.getloadavg()[0], 2),
    }


def _forum_files(
    max_per_side: int | None, min_per_side: int = 0, folder: Path = FORUM_DIR
) -> list[Path]:
    paths = sorted(p for p in folder.glob("*.json") if p.stem != "optima")
    if max_per_side is not None:
        paths = [p for p in paths if int(p.name[1:4]) <= max_per_side]
    return [p for p in paths if int(p.name[1:4]) >= min_per_side]


def prove_forums(
    seconds: float,
    max_per_side: int | None,
    folder: Path = FORUM_DIR,
    names: set[str] | None = None,
) -> None:
    """Long runs, once: what they prove is stored as the reference of the forum benchmark."""
    out = folder / "optima.json"
    known: dict[str, Any] = json.loads(out.read_text()) if out.exists() else {}
    for path in _forum_files(max_per_side, folder=folder):
        if names is not None and path.stem not in names:
            continue
        inst = load_instance(path)
        sol = solve(inst, seconds=seconds, workers=2, seed=0)
        rep = check_solution(inst, sol)
        o, b = sol.objective, sol.bound
        known[path.stem] = {
            "status": sol.status.value,
            "priority": o.priority,
            "priority_bound": b.priority,
            "moved": o.moved,
            "moved_bound": b.moved,
            "breaks": o.breaks,
            "breaks_bound": b.breaks,
            "seconds": sol.seconds,
            "limit": seconds,
            "valid": rep.ok,
        }
        print(path.stem, json.dumps(known[path.stem]), flush=True)
        out.write_text(json.dumps(known, indent=1, sort_keys=True) + "\n")


def run_forums(
    seconds: float,
    workers: int,
    repeat: int,
    max_per_side: int | None,
    min_per_side: int = 0,
    names: set[str] | None = None,
    folder: Path = FORUM_DIR,
) -> list[dict[str, Any]]:
    ref_path = folder / "optima.json"
    ref: dict[str, Any] = json.loads(ref_path.read_text()) if ref_path.exists() else {}
    rows = []
    for path in _forum_files(max_per_side, min_per_side, folder):
        if names is not None and path.stem not in names:
            continue
        inst = load_instance(path)
        r = ref.get(path.stem, {})
        for run in range(1, repeat + 1):
            t0 = time.monotonic()
            sol = solve(inst, seconds=seconds, workers=workers, seed=run - 1)
            wall = time.monotonic() - t0
            rep = check_solution(inst, sol)
            o = sol.objective
            proven = r.get("status") == "optimal"
            rows.append(
                {
                    "instance": path.stem,
                    "run": run,
                    "participants": len(inst.participants),
                    "meetings": len(inst.meetings),
                    "status": sol.status.value,
                    "priority": o.priority,
                    "priority_ref": r.get("priority", ""),
                    "priority_bound": sol.bound.priority,
                    "priority_gap_pct": round(100 * (1 - o.priority / sol.bound.priority), 2)
                    if sol.bound.priority
                    else "",
                    "moved": o.moved,
                    "breaks": o.breaks,
                    "breaks_bound": sol.bound.breaks,
                    "breaks_ref": r.get("breaks", ""),
                    "ref_proven": proven,
                    "at_ref": bool(r)
                    and o.priority == r.get("priority")
                    and o.moved == r.get("moved")
                    and o.breaks == r.get("breaks"),
                    "seconds": round(wall, 2),
                    "engine": sol.engine,
                    "valid": rep.ok,
                    "load1": round(os.getloadavg()[0], 2),
                }
            )
            print(json.dumps(rows[-1]), flush=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--only", default=None)
    ap.add_argument("--seconds", type=float, default=None, help="time limit per solve")
    ap.add_argument("--repeat", type=int, default=1, help="solve each instance N times")
    ap.add_argument("--workers", type=int, default=2, help="solver workers (forums)")
    ap.add_argument("--max-per-side", type=int, default=None, help="forums up to this size")
    ap.add_argument("--min-per-side", type=int, default=0, help="forums from this size")
    ap.add_argument("--only-forums", default=None, help="forums: comma-separated names")
    ap.add_argument(
        "--extra",
        action="store_true",
        help="forums and prove-forums: the forums never tuned on (forums-extra/)",
    )
    ap.add_argument(
        "--no-lns", action="store_true", help="without the LNS on breaks (the A/B baseline)"
    )
    args = ap.parse_args()
    if args.no_lns:
        from keruen.scheduling import solver

        solver.LNS_SHARE = 0.0
    meta = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "load_before": os.getloadavg(),
        "lns": not args.no_lns,
    }
    only = args.only
    folder = EXTRA_DIR if args.extra else FORUM_DIR
    names = set(args.only_forums.split(",")) if args.only_forums else None
    if only == "prove-forums":
        prove_forums(args.seconds or 300.0, args.max_per_side, folder, names)
        return
    if only == "forums":
        meta["workers"] = args.workers
        meta["seconds"] = args.seconds or 10.0
        rows = run_forums(
            args.seconds or 10.0,
            args.workers,
            args.repeat,
            args.max_per_side,
            args.min_per_side,
            names,
            folder,
        )
        meta["load_after"] = os.getloadavg()
        suffix = f"{'-extra' if args.extra else ''}-{args.workers}w-{meta['seconds']:g}s"
        if args.min_per_side:
            suffix += f"-from{args.min_per_side}"
        if names:
            suffix += "-" + "-".join(sorted(names))
        if args.no_lns:
            suffix += "-nolns"
        write(f"forums{suffix}", rows, meta)
        return
    if only in (None, "synthetic"):
        rows = run_synthetic(args.seconds or 35.0, args.repeat if only == "synthetic" else 1)
        meta["load_after"] = os.getloadavg()
        name = "synthetic"
        if only == "synthetic" and (args.seconds not in (None, 35.0) or args.repeat > 1):
            name += f"-{args.seconds or 35:g}s-x{args.repeat}"
        write(name, rows, meta)
    if only in (None, "reschedule"):
        repeat = args.repeat if only == "reschedule" else 1
        name = "reschedule" if repeat == 1 else f"reschedule-x{repeat}"
        write(name, run_reschedule(args.seconds or 2.0, repeat), meta)
    if only not in ("synthetic", "reschedule"):
        rows = run_girona(args.seconds or 60.0, only, args.repeat, args.workers)
        if rows:
            name = "girona" if only in (None, "girona") else f"girona-{only}"
            if args.workers != 2 or (args.seconds and args.seconds != 60.0):
                name += f"-{args.workers}w-{args.seconds or 60:g}s"
            write(name, rows, meta)


if __name__ == "__main__":
    main()
