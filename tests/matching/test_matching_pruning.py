"""Phase 1 leaves out the pairs whose upper bound cannot reach a reader's top k: the lists, scores
and reasons are those of scoring every pair (issue 14, round 6)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from keruen.matching import NgramTextSimilarity, PairRules, engine

from .test_matching_parallel import directory, flat

pytestmark = pytest.mark.unit


def test_left_out_pairs_change_no_list_and_their_bound_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    orgs = directory(300, seed=11)
    ids = [org.id for org in orgs]
    rules = PairRules(
        pinned=frozenset({(ids[1], ids[2])}),
        forbidden=frozenset({(ids[3], ids[4]), (ids[5], ids[8])}),
        boost={(ids[7], ids[10]): 0.2, (ids[9], ids[12]): -0.3},
    )
    model = NgramTextSimilarity()
    bounds: list[tuple[Any, ...]] = []
    upper_bound, score_pairs = engine._upper_bound, engine._score_pairs

    def recorded(run: Any, keys: Any, log_keep: Any, calibrated: Any, *rest: Any) -> Any:
        bound = upper_bound(run, keys, log_keep, calibrated, *rest)
        _, score = score_pairs(run, keys, log_keep, calibrated, *rest)
        bounds.append((bound, score))
        return bound

    scored = [0]

    def counted(run: Any, keys: Any, *rest: Any) -> Any:
        scored[0] += len(keys)
        return score_pairs(run, keys, *rest)

    monkeypatch.setattr(engine, "_upper_bound", recorded)
    monkeypatch.setattr(engine, "_score_pairs", counted)
    pruned = flat(engine.suggest(orgs, top_k=5, rules=rules, text_similarity=model))
    assert bounds and all(np.all(bound >= score) for bound, score in bounds)
    scored_pruned, scored[0] = scored[0], 0

    # every phase-1 pair scored
    monkeypatch.setattr(engine, "_upper_bound", lambda run, keys, *_: np.full(len(keys), 2.0))
    every = flat(engine.suggest(orgs, top_k=5, rules=rules, text_similarity=model))
    assert pruned == every
    assert scored_pruned < 0.7 * scored[0]  # pairs were left out
    assert pruned[ids[1]][0][0] == ids[2]  # the pinned pair leads
    assert all(partner != ids[4] for partner, *_ in pruned[ids[3]])
