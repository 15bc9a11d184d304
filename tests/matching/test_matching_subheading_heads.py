"""Round 16 (issue 14): the noun of a subheading's own title names its heading alone, as the noun
of a heading's title does, when no other heading has it: «нут» (0713.20 «Нут сушеный
лущеный»), «ноқат», «шприцы», «борона», «пісте», 人参; not a noun that subheadings of several
headings share («горох»: fresh, frozen, dried, prepared peas). Words that only qualify or frame
the goods do not: what a machine works on (肉类 of «肉类或家禽加工机器»), a Kazakh pair word
(«азық-түлік»), a generic word («оборудование»). The matcher's default lexicon keeps these heads
off (`SUBHEADING_HEAD_HEADINGS` = 0: they cost strong pairs on the blind part mesa, where the
everyday names already read the goods); the tests of the rule build a lexicon with it on.
"""

from __future__ import annotations

import csv

import pytest

from keruen.matching.hs_text import (
    REFERENCE_DATA_DIR,
    HeadingLexicon,
    _subheading_heads,
    default_heading_lexicon,
)

from .helpers import named

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def titles_only() -> HeadingLexicon:
    """The lexicon of the HS titles alone, without everyday names (which name «нут» already)."""
    with (REFERENCE_DATA_DIR / "hs_titles_i18n.csv").open(encoding="utf-8", newline="") as fh:
        rows = [
            (row["code"], language, row[language])
            for row in csv.DictReader(fh)
            for language in ("ru", "kk", "zh")
        ]
    return HeadingLexicon(rows, subheading_heads=1)


@pytest.mark.parametrize(
    ("text", "language"),
    [("Выращиваем нут", "ru"), ("Ноқат сатамыз", "kk"), ("新疆鹰嘴豆", "zh")],
)
def test_chickpeas_name_dried_pulses_by_the_subheadings_title(
    titles_only: HeadingLexicon, text: str, language: str
) -> None:
    assert set(titles_only.headings(text, language)) == {"0713"}


def test_a_kazakh_plural_of_a_subheadings_noun_names_its_heading(
    titles_only: HeadingLexicon,
) -> None:
    assert "8471" in titles_only.headings("Ноутбуктер сатамыз", "kk")


@pytest.mark.parametrize(
    ("text", "language", "heading"),
    [
        ("Закупаем одноразовые шприцы", "ru", "9018"),
        ("Шприцтер сатып аламыз", "kk", "9018"),
        ("Закупаем бороны", "ru", "8432"),
        ("Парафин сатып аламыз", "kk", "2712"),
        ("Пісте сатамыз", "kk", "0802"),
        ("出口人参", "zh", "1211"),
    ],
)
def test_the_noun_of_a_subheadings_title_names_its_heading(
    text: str, language: str, heading: str
) -> None:
    assert heading in {code for code, _ in named(text, language)}


def test_the_goods_a_machine_works_on_name_no_machine() -> None:
    # 8438.50 «肉类或家禽加工机器»: 肉类 says what the machine is for; a meat plant sells meat
    assert _subheading_heads("肉类或家禽加工机器", "zh") == set()
    assert named("牛羊屠宰和肉类加工厂。", "zh") == set()


def test_qualifiers_of_a_subheadings_title_are_no_heads() -> None:
    assert _subheading_heads("Нут сушеный лущеный", "ru") == {"нут"}
    assert _subheading_heads("Кептірілген аршылған ноқат", "kk") == {"ноқат"}
    assert _subheading_heads("Шприцы с иглами или без игл", "ru") == {"шприц"}
    assert _subheading_heads(
        "Құрылыс, тау-кен немесе өнеркәсіптік машиналарға арналған жаңа шиналар", "kk"
    ) == {"шиналар"}


def test_a_kazakh_modifier_listed_before_the_goods_is_no_goods() -> None:
    # 4301.30 «… үнді, қытай, моңғол немесе тибет қозыларының терілері»: Chinese lambskins
    assert "қытай" not in _subheading_heads(
        "Үнді, қытай, моңғол немесе тибет қозыларының терілері", "kk"
    )
    assert "4301" not in {code for code, _ in named("Қытайдан жеміс сатып аламыз.", "kk")}


def test_a_kazakh_pair_word_names_no_heading_alone() -> None:
    # «азық-түлік» is foodstuffs, not the animal feed («азық») of 2309.90
    assert named("Азық-түлік көтерме қоймасы.", "kk") == set()


def test_a_noun_of_subheadings_of_several_headings_names_none_alone(
    titles_only: HeadingLexicon,
) -> None:
    # «горох»: fresh (0708), frozen (0710), dried (0713) and prepared (2005) peas; by the titles
    # alone it names none (the everyday names read it as dried peas, 0713, as traders mean it)
    assert titles_only.headings("Продаём горох", "ru") == {}


def test_a_generic_word_of_a_subheadings_title_names_nothing_alone() -> None:
    # «Прочее оборудование для сельского, садового или лесного хозяйства» (8436.80)
    lexicon = default_heading_lexicon()
    assert lexicon.headings("оборудование", "ru") == {}
    assert lexicon.headings("жабдықтар", "kk") == {}
