"""Searching the exhibition by HS code and by words in any language, answered in the reader's."""

from __future__ import annotations

import pytest

from keruen.exhibition import queries

pytestmark = pytest.mark.integration


def _codes(demo, locale="en", **query) -> list[str]:
    return [c.hs_code for c in queries.search(demo.session, demo.event, locale, **query)]


def test_by_hs_code_and_prefix(demo):
    assert _codes(demo, q="52") == ["520100"]
    assert _codes(demo, q="0808") == ["080830"]
    assert _codes(demo, q="5201.00") == ["520100"]
    assert _codes(demo, hs_code="08") == ["080719", "080830", "081340"]
    assert _codes(demo, hs_code="12") == ["121190"]
    assert _codes(demo, q="52", hs_code="08") == []


def test_by_chinese_words(demo):
    assert sorted(_codes(demo, q="甘草")) == ["121190", "130212"]
    assert _codes(demo, q="香梨") == ["080830"]


def test_by_kazakh_words_with_or_without_kazakh_letters(demo):
    assert _codes(demo, q="қауын") == ["080719"]
    assert _codes(demo, q="КАУЫН") == ["080719"]
    assert _codes(demo, q="шұбат") == ["040221"]
    assert _codes(demo, q="шубат") == ["040221"]


def test_by_russian_and_english_words_and_producer_names(demo):
    assert _codes(demo, q="томатная паста") == ["200290"]
    assert _codes(demo, q="дыни", locale="ru")[0] == "080719"
    assert _codes(demo, q="licorice") == ["121190", "130212"]
    assert _codes(demo, q="Bohu") == ["090421"]  # the producer's name
    assert _codes(demo, q="aluminium profiles") == ["760429"]


def test_results_are_in_the_readers_language(demo):
    cards = {c.hs_code: c for c in queries.search(demo.session, demo.event, "zh", q="080830")}
    pear = cards["080830"]
    assert pear.name == "库尔勒香梨"
    assert pear.producer == "库尔勒香梨果业有限公司（演示）"
    assert pear.exhibitor != pear.producer
    assert pear.price_on_request is True
    paste = queries.search(demo.session, demo.event, "kk", q="200290")[0]
    assert paste.price == "FOB Корла, тоннасы 950 АҚШ долларынан бастап"
