"""Round 8's work in the forked helpers (a fifth of the features and the text signal while this
process extracts the other features; 60 % of the reasons, sent back encoded) and the text
cosines that the local-scaling pass stores for the blocks: the lists and reasons stay those of
one process computing everything itself."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

import pytest

from keruen.matching import NgramTextSimilarity, PairRules, engine
from keruen.matching.types import Reason

from .test_matching_parallel import directory, flat

pytestmark = pytest.mark.unit

TWO_PROCESSES = pytest.mark.skipif(
    "fork" not in __import__("multiprocessing").get_all_start_methods()
    or len(os.sched_getaffinity(0)) < 2,
    reason="the two-process path needs fork and two cores",
)


class ScaledNgram(NgramTextSimilarity):
    """The n-gram model with e5's local scaling switched on, so that the local-scaling pass
    (and the cosines it stores for the blocks) runs without embedding texts with e5."""

    local_scaling = 5
    typical_cosine = 0.3


def rules() -> PairRules:
    return PairRules(
        pinned=frozenset({("org-1", "org-2"), ("org-7", "org-9")}),
        forbidden=frozenset({("org-3", "org-4")}),
        boost={("org-5", "org-6"): 0.3, ("org-11", "org-12"): -0.2},
    )


def logged_call(name: str, function: Any, log: Path, parent: int) -> Any:
    """`function`, writing to `log` in which process it ran (and for a block whether it read
    stored cosines)."""

    # named as the function it wraps: the pool sends it to the helper by that name
    @functools.wraps(function)
    def call(*args: Any) -> Any:
        found = function(*args)
        stored = bool(args[0].cosines) if name == "_block" else ""
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid() != parent} {name} {stored}\n")
        return found

    return call


def test_encoded_reasons_come_back_equal_with_their_types() -> None:
    shared = Reason("shared_language", {"languages": ("ru", "zh")}, 0.1)
    whys = [
        (Reason("crowded", {"count": 1}, 0.05), shared),
        (Reason("crowded", {"count": 1.0}, 0.05), shared),  # equal to the first, not the same
        (Reason("hs_more", {"count": True}, 0.9, "medium"), shared),
        (Reason("pinned", {}, 10), Reason("pinned", {}, 10.0)),
        (Reason("crowded", {"count": 1}, 0.05), shared),
        (),
    ]
    back = engine._decode_reasons(engine._encode_reasons(whys))

    def written(items: list[tuple[Reason, ...]]) -> list[str]:  # as the warm benchmark's dump
        return [
            ";".join(
                f"{r.kind}{json.dumps(dict(r.params), sort_keys=True)}{r.strength}:{r.weight!r}"
                for r in why
            )
            for why in items
        ]

    assert back == whys
    assert written(back) == written(whys)
    table, _, rows = engine._encode_reasons(whys)
    assert len(table) == 6 and rows[0] == rows[4]  # equal reasons and tuples are sent once


@TWO_PROCESSES
def test_helper_gives_the_one_process_result(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    orgs = directory(400)
    # 16 blocks of 25 readers, in both runs (the BLAS products keep their shapes)
    monkeypatch.setattr(engine, "_BLOCK_CELLS", 25 * len(orgs))
    options: dict[str, Any] = {"top_k": 10, "rules": rules(), "interpreters": [("ru", "zh")]}
    for model in (NgramTextSimilarity(), ScaledNgram()):
        # one process, and the blocks computing their own products
        monkeypatch.setattr(engine, "COSINE_STORE_MAX_BYTES", 0)
        one = flat(engine.suggest(orgs, text_similarity=model, **options))

        monkeypatch.setattr(engine, "COSINE_STORE_MAX_BYTES", 1_500_000_000)
        monkeypatch.setattr(engine, "PARALLEL_MIN_ORGANIZATIONS", 100)
        parent, log = os.getpid(), tmp_path / f"{type(model).__name__}.log"
        logged = {
            name: getattr(engine, name)
            for name in ("_helper_features", "_helper_reasons", "_block")
        }

        for name in logged:
            monkeypatch.setattr(engine, name, logged_call(name, logged[name], log, parent))
        two = flat(engine.suggest(orgs, text_similarity=model, **options))
        for name, function in logged.items():
            monkeypatch.setattr(engine, name, function)
        monkeypatch.setattr(engine, "PARALLEL_MIN_ORGANIZATIONS", 4_000)

        calls = log.read_text(encoding="utf-8").splitlines()
        assert "True _helper_features " in calls  # the helper extracted features
        assert "True _helper_reasons " in calls  # and built reasons
        blocks = [line for line in calls if "_block" in line]
        # the n-gram model has no local scaling: nothing stored; otherwise every block reads
        # the stored cosines
        assert {line.split()[-1] for line in blocks} == {str(isinstance(model, ScaledNgram))}
        assert two == one
        assert sum(len(v) for v in one.values()) > 1000
        assert any(len(s[3]) > 1 for items in one.values() for s in items)  # with reasons


def test_stored_cosines_give_the_computed_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    """In one process too: the blocks read the local-scaling pass's products."""
    orgs = directory(300, seed=8)
    monkeypatch.setattr(engine, "_BLOCK_CELLS", 30 * len(orgs))
    model = ScaledNgram()
    monkeypatch.setattr(engine, "COSINE_STORE_MAX_BYTES", 0)
    computed = flat(engine.suggest(orgs, top_k=10, text_similarity=model, rules=rules()))
    monkeypatch.setattr(engine, "COSINE_STORE_MAX_BYTES", 1_500_000_000)
    seen: list[bool] = []
    block = engine._block

    def logged(run: Any, number: int) -> Any:
        seen.append(bool(run.cosines))
        return block(run, number)

    monkeypatch.setattr(engine, "_block", logged)
    stored = flat(engine.suggest(orgs, top_k=10, text_similarity=model, rules=rules()))
    assert seen and all(seen)
    assert stored == computed
    assert any(s[2]["text"] > 0 for items in stored.values() for s in items)
