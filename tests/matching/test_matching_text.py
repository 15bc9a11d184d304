"""Text similarity: the n-gram fallback within a script, the glossary across, e5 if installed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from keruen.matching.text import (
    NgramTextSimilarity,
    TextSimilarity,
    concepts,
    embeddings_available,
)

pytestmark = pytest.mark.unit

COTTON_RU = {"ru": "Выращиваем и очищаем хлопок, продаём хлопковое волокно."}
COTTON_RU_2 = {"ru": "Закупаем хлопковое волокно для прядения хлопчатобумажной пряжи."}
CEMENT_RU = {"ru": "Производим цемент и бетонные изделия для строительства."}
COTTON_ZH = {"zh": "棉纺织厂，采购皮棉，生产棉纱。"}
CEMENT_ZH = {"zh": "水泥和混凝土制品生产。"}


def cosines(model: TextSimilarity, docs: list[dict[str, str]]) -> np.ndarray:
    vectors = model.vectors(docs)
    return vectors @ vectors.T


def test_ngram_fallback_within_a_script() -> None:
    model = NgramTextSimilarity()
    sims = cosines(model, [COTTON_RU, COTTON_RU_2, CEMENT_RU, {}])
    assert sims[0, 1] > sims[0, 2]
    assert np.allclose(sims[3], 0.0)  # no text, no similarity
    calibrated = model.calibrate(sims.astype(np.float32))
    assert calibrated.min() >= 0.0 and calibrated.max() <= 1.0


def test_glossary_bridges_scripts_for_known_terms() -> None:
    assert concepts(COTTON_RU["ru"]) & concepts(COTTON_ZH["zh"]) == {"cotton"}
    sims = cosines(NgramTextSimilarity(), [COTTON_RU, COTTON_ZH, CEMENT_ZH])
    assert sims[0, 1] > sims[0, 2]


def test_fallback_does_not_depend_on_document_order() -> None:
    docs = [COTTON_RU, COTTON_RU_2, CEMENT_RU, COTTON_ZH]
    forward = cosines(NgramTextSimilarity(), docs)
    backward = cosines(NgramTextSimilarity(), docs[::-1])[::-1, ::-1]
    assert np.allclose(forward, backward, atol=1e-5)


def test_e5_is_a_dependency_and_cross_lingual() -> None:
    assert embeddings_available()
    from keruen.matching.text import E5TextSimilarity

    sims = cosines(E5TextSimilarity(), [COTTON_RU, COTTON_ZH, CEMENT_ZH])
    assert sims[0, 1] > sims[0, 2]


def test_e5_vectors_are_read_back_from_the_cache_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keruen.matching import text as text_module
    from keruen.matching.text import E5TextSimilarity

    cache = tmp_path / "cache" / "e5.sqlite"
    docs = [COTTON_RU, COTTON_ZH, {}]
    first = E5TextSimilarity(cache_path=cache).vectors(docs)
    assert cache.exists()
    # a new process: nothing in memory, and the model must not be asked again
    monkeypatch.setattr(text_module, "_E5_CACHE", {})
    second_model = E5TextSimilarity(cache_path=cache)

    def no_embedding(texts: list[str]) -> None:
        raise AssertionError(f"embedded again: {texts}")

    monkeypatch.setattr(second_model._model, "query", no_embedding)
    assert np.array_equal(second_model.vectors(docs), first)
    assert np.allclose(first[2], 0.0)  # no text, no vector
