"""The two-process path of `suggest` gives exactly the one-process result."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path
from typing import Any

import pytest

from keruen.matching import CooperationItem, NgramTextSimilarity, OrganizationProfile, engine

pytestmark = pytest.mark.unit

HEADINGS = ["5201", "5205", "5208", "1211", "1302", "2002", "2523", "8424", "8433", "0808"]
ACTIVITIES = ["0116", "0163", "1311", "1312", "2100", "1030", "2394", "4100", "5229", "4923"]
WORDS = ["хлопок", "пряжа", "томатная паста", "棉花", "棉纱", "番茄酱", "logistics", "cement"]


def directory(count: int, seed: int = 5) -> list[OrganizationProfile]:
    rng = random.Random(seed)
    orgs = []
    for i in range(count):
        offers = [h + rng.choice(["", "00", "10", "90"]) for h in rng.sample(HEADINGS, 2)]
        needs = rng.sample(HEADINGS, rng.randint(0, 2))
        orgs.append(
            OrganizationProfile(
                id=f"org-{i}",
                side="KZ-61" if i % 2 else "CN-XJ-BYG",
                isic=rng.sample(ACTIVITIES, rng.randint(1, 2)),
                hs_offers=offers,
                hs_needs=needs,
                languages=rng.sample(["ru", "kk", "zh", "en"], rng.randint(1, 2)),
                texts={"ru": " ".join(rng.sample(WORDS, 3))},
                profiles=[CooperationItem(kind="logistics")] if i % 17 == 0 else [],
                topics=["logistics"] if i % 29 == 0 else [],
            )
        )
    return orgs


def flat(result: dict[str, list[Any]]) -> dict[str, list[tuple[Any, ...]]]:
    return {
        reader: [(s.partner_id, s.score, dict(s.parts), s.reasons, s.pinned) for s in items]
        for reader, items in result.items()
    }


@pytest.mark.skipif(
    "fork" not in __import__("multiprocessing").get_all_start_methods()
    or len(os.sched_getaffinity(0)) < 2,
    reason="the two-process path needs fork and two cores",
)
def test_two_processes_give_the_one_process_result(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    orgs = directory(400)
    # 16 blocks of 25 readers. Both runs use the same blocks: the text cosines come from BLAS
    # products whose last bits depend on the block's shape.
    monkeypatch.setattr(engine, "_BLOCK_CELLS", 25 * len(orgs))
    assert not engine._parallel_ok(len(orgs))
    one = flat(engine.suggest(orgs, top_k=10, text_similarity=NgramTextSimilarity()))

    # Lower the threshold instead of building a huge directory.
    monkeypatch.setattr(engine, "PARALLEL_MIN_ORGANIZATIONS", 100)
    assert engine._parallel_ok(len(orgs))
    parent, log = os.getpid(), tmp_path / "blocks.log"
    compute = engine._block

    def logged_block(run: Any, number: int) -> Any:
        # This process waits until the helper has claimed a block, so both really share them.
        if os.getpid() == parent and engine._SHARED is not None:
            bounds, deadline = engine._SHARED[1], time.monotonic() + 60
            while bounds[1] == len(run.blocks) and time.monotonic() < deadline:
                time.sleep(0.01)
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {number}\n")
        return compute(run, number)

    monkeypatch.setattr(engine, "_block", logged_block)
    two = flat(engine.suggest(orgs, top_k=10, text_similarity=NgramTextSimilarity()))

    lines = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    assert len({pid for pid, _ in lines}) == 2  # this process and the forked helper
    assert sorted(int(number) for _, number in lines) == list(range(16))  # each block once
    assert two == one
    assert sum(len(v) for v in one.values()) > 1000
