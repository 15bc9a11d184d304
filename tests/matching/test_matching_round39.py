"""Round 39 (issue 14): the classes read on arroyo after its blind run.

- A mill that seeks buyers for its flour and bran («ищем покупателей в Китае на муку и отруби»)
  sells the bran it did not code, and meets a feed mill that asks for 麸皮.
- 小麦不要 (no wheat) denies: the wheat is neither offered nor asked.
"""

from __future__ import annotations

import pytest

from .helpers import CN, KZ, O, named, reason_kinds

pytestmark = pytest.mark.unit


def test_a_mill_that_seeks_buyers_for_its_bran_meets_a_feed_mill_that_asks_for_it() -> None:
    mill = O(
        id="k-mill",
        side=KZ,
        isic=["1061"],
        hs_offers=["1101"],
        languages=["ru"],
        texts={
            "ru": "Мелькомбинат: мука пшеничная, отруби пшеничные гранулированные. Муку отгружаем "
            "в Узбекистан; ищем покупателей в Китае на муку и отруби."
        },
    )
    feed = O(
        id="c-feed",
        side=CN,
        isic=["1080"],
        hs_needs=["1003"],
        languages=["zh"],
        texts={"zh": "饲料厂和肉牛育肥场。需要大麦、燕麦、麸皮。小麦不要（不能作饲料用）。"},
    )
    kinds = reason_kinds(mill, feed)
    assert "they_need_you_offer_text" in kinds


def test_no_wheat_is_neither_offered_nor_asked() -> None:
    found = named("饲料厂。需要大麦、燕麦、麸皮。小麦不要（不能作饲料用）。", "zh")
    assert not any(code == "1001" for code, _ in found)
    assert ("1003", "need") in found
