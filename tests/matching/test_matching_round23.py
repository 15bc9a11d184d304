"""Round 23 (issue 14): the classes of the blind part `bog` (Pavlodar ↔ Kizilsu), read after its
blind run, each tested with other wording than the part's.

How a seller ships is no goods («отгрузка в вагоны-цементовозы»); the orchards and vineyards a
service serves sell it no fruit (服务无花果园、葡萄园); a Kazakh «X жеткізу керек» asks for
delivery, not for X; «Орталық базар» names no boilers and a kiosk is the shop itself; fly ash,
figs in Chinese; boots are no slippers.
"""

from __future__ import annotations

import pytest

from .helpers import named


@pytest.mark.parametrize(
    ("text", "language", "heading", "direction"),
    [
        ("ТЭЦ реализует золу-унос, отгрузка в вагоны-хопперы.", "ru", "2621", "offer"),
        ("阿图什无花果干、杏干，出口中亚。", "zh", "0804", "offer"),
        ("Базардағы дүңгіршек. Қытайдан мейіз алғымыз келеді.", "kk", "0806", "need"),
    ],
)
def test_round23_goods(text: str, language: str, heading: str, direction: str) -> None:
    assert (heading, direction) in named(text, language)


@pytest.mark.parametrize(
    ("text", "language", "not_named"),
    [
        ("ТЭЦ реализует золу-унос, отгрузка в вагоны-хопперы.", "ru", {"8606", "8704"}),
        ("Щебень, грузим в полувагоны.", "ru", {"8606"}),
        ("滴灌工程公司，服务苹果园、葡萄园，需要水泵。", "zh", {"0808", "0806"}),
        ("Ұн, Қытайға жеткізу керек.", "kk", {"1101"}),  # delivery asked, not flour
        ("Орталық базардағы кептірілген жемістер дүңгіршегі.", "kk", {"8403", "8457", "9406"}),
        ("Тапочки и валенки закупаем.", "ru", {"6403"}),
    ],
)
def test_round23_what_names_no_goods(text: str, language: str, not_named: set[str]) -> None:
    assert not {code for code, _ in named(text, language)} & not_named


def test_a_supplier_is_asked_for_in_kazakh_whatever_the_delivery_words() -> None:
    # «жеткізуші» (a supplier) is no delivery: the cement is asked for
    assert ("2523", "need") in named("Жеткізуші іздейміз: цемент керек.", "kk")
