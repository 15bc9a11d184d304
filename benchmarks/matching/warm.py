"""The 20,000-organization benchmark with e5 on a warm vector cache (what `keruen match` does once
the event's texts were embedded).

    .venv/bin/python -m benchmarks.matching.run --orgs 2000 --embed-cache /tmp/e5-2k.sqlite
    .venv/bin/python -m benchmarks.matching.warm --seed-cache /tmp/e5-2k.sqlite [--orgs 20000]

Embedding 20,000 texts cold takes minutes (see benchmarks/README.md), so this run reuses real
e5 vectors: the first run embeds the first 2,000 organizations of the seeded directory, and
organization i here gets the vector of organization i mod 2,000 (same side), stored under its
own text in a fresh SQLite cache. Then it times what a warm `keruen match` does: reading 20,000
vectors back from the file, and `suggest` (local scaling, floor, spread, top 20 with reasons).
The vectors repeat, so this measures time and memory, not quality.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sqlite3
import tempfile
import time
from pathlib import Path

import numpy as np
from benchmarks.matching.run import cpu_seconds, generate, peak_rss_mib

from keruen.matching import Suggestion, engine, suggest
from keruen.matching import text as text_module
from keruen.matching.features import document
from keruen.matching.text import E5TextSimilarity, _key, _write_vectors

RESULTS = Path(__file__).with_name("results-warm.json")

# `suggest`'s steps timed by `--phases`, in the process that runs them (this one or the helper)
PHASES = (
    "_features_and_text",
    "_helper_features",
    "_text_signal",
    "_channels",
    "_block",
    "_spread",
    "_make_suggestions",
    "_reasons_of",
    "_helper_reasons",
    "_decode_reasons",
)


def record_phases(path: Path) -> None:
    """Append (pid, step, CPU and wall start and end) of each step of `suggest` to `path`, one
    line per call, from whichever process runs it: where each process spends its CPU, to tell
    the wall time of an idle 2-core machine from the CPU of each part and how they overlap."""
    parent = os.getpid()

    def timed(name: str, function: object) -> object:
        @functools.wraps(function)  # type: ignore[arg-type]
        def wrapper(*args: object, **kwargs: object) -> object:
            c0, t0 = time.process_time(), time.perf_counter()
            try:
                return function(*args, **kwargs)  # type: ignore[operator]
            finally:
                c1, t1 = time.process_time(), time.perf_counter()
                who = "main" if os.getpid() == parent else "helper"
                with path.open("a", encoding="utf-8") as out:
                    out.write(f"{who}\t{name}\t{c0:.4f}\t{c1:.4f}\t{t0:.4f}\t{t1:.4f}\n")

        return wrapper

    for name in PHASES:
        if hasattr(engine, name):  # older code: the steps it has
            setattr(engine, name, timed(name, getattr(engine, name)))


def summarize_phases(path: Path, start: float, stop: float) -> dict[str, object]:
    """CPU seconds per process and step, and the CPU of each process outside the steps."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    steps: dict[str, float] = {}
    for who, name, c0, c1, _, _ in rows:
        key = f"{who} {name}"
        steps[key] = round(steps.get(key, 0.0) + float(c1) - float(c0), 2)
    main_steps = [(float(t0), float(t1)) for who, _, _, _, t0, t1 in rows if who == "main"]
    return {
        "cpu_by_step": dict(sorted(steps.items())),
        "main_wall_in_steps": round(sum(t1 - t0 for t0, t1 in main_steps), 2),
        "main_wall_outside_steps": round(stop - start - sum(t1 - t0 for t0, t1 in main_steps), 2),
    }


def write_dump(path: Path, result: dict[str, list[Suggestion]]) -> None:
    """One line per listed pair, in list order: what a change must keep."""
    with path.open("w", encoding="utf-8") as out:
        for reader, items in result.items():
            for rank, found in enumerate(items, 1):
                reasons = ";".join(
                    f"{r.kind}{json.dumps(dict(r.params), sort_keys=True, ensure_ascii=False)}"
                    f"{r.strength}:{r.weight:.6f}"
                    for r in found.reasons
                )
                parts = ",".join(f"{k}={v:.6f}" for k, v in sorted(found.parts.items()))
                out.write(
                    f"{reader}\t{found.partner_id}\t{rank}\t{found.score:.6f}\t"
                    f"{int(found.pinned)}\t{parts}\t{reasons}\n"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--seed-cache", type=Path, required=True)
    parser.add_argument(
        "--dump",
        type=Path,
        default=None,
        help="write every listed pair (reader, partner, rank, score and parts to 1e-6, "
        "reasons) to this file, to check that a change keeps the lists and reasons",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        default=None,
        help="run `suggest` under cProfile and write its statistics here (slower; one process)",
    )
    parser.add_argument(
        "--phases",
        type=Path,
        default=None,
        help="write the CPU of each step of `suggest` per process to this file (and a summary "
        "to the JSON)",
    )
    args = parser.parse_args()

    orgs = generate(args.orgs, args.seed)
    model = E5TextSimilarity()
    texts = ["\n".join(document(o).values())[:1500] for o in orgs]
    with sqlite3.connect(args.seed_cache) as connection:
        stored = dict(connection.execute("SELECT key, vector FROM e5"))
    seeded = [i for i in range(len(orgs)) if _key(texts[i]) in stored]
    if len(seeded) < 2 or seeded != list(range(len(seeded))):
        raise SystemExit(f"{args.seed_cache}: run benchmarks.matching.run with the same seed first")
    period = len(seeded) - len(seeded) % 2  # keep each organization's side
    vectors = {
        text: np.frombuffer(stored[_key(texts[i % period])], dtype=np.float32)
        for i, text in enumerate(texts)
    }
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "e5-vectors.sqlite"
        _write_vectors(cache, vectors)
        text_module._E5_CACHE.clear()
        del vectors, stored
        t0 = time.perf_counter()
        model = E5TextSimilarity(cache_path=cache)
        model.vectors([document(o) for o in orgs])
        if args.phases is not None:
            args.phases.unlink(missing_ok=True)
            record_phases(args.phases)
        t1, c1 = time.perf_counter(), cpu_seconds()
        own1 = time.process_time()
        if args.profile is not None:
            import cProfile

            engine.PARALLEL_MIN_ORGANIZATIONS = len(orgs) + 1  # the profile sees one process
            with cProfile.Profile() as profiler:
                result = suggest(orgs, top_k=20, interpreters=[("ru", "zh")], text_similarity=model)
            profiler.dump_stats(args.profile)
        else:
            result = suggest(orgs, top_k=20, interpreters=[("ru", "zh")], text_similarity=model)
        t2, c2 = time.perf_counter(), cpu_seconds()
        own2 = time.process_time()
    if args.dump is not None:
        write_dump(args.dump, result)
    listed = [len(v) for v in result.values()]
    figures = {
        "organizations": args.orgs,
        "seed": args.seed,
        "real_vectors": period,
        "read_vectors_seconds": round(t1 - t0, 2),
        "suggest_seconds": round(t2 - t1, 2),
        # CPU of this process and the forked helper: on a machine shared with other work the
        # wall time stretches, the CPU does not
        "suggest_cpu_seconds": round(c2 - c1, 2),
        "suggest_cpu_seconds_main": round(own2 - own1, 2),
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "suggestions": int(sum(listed)),
        "organizations_with_none": int(sum(1 for n in listed if n == 0)),
    }
    if args.phases is not None:
        figures["phases"] = summarize_phases(args.phases, t1, t2)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
