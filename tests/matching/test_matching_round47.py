"""Round 47 (issue 14): the classes read on hamada and tinaja after their blind runs, and two
of arroyo's (read in round 31) that a Kazakh verb and a Kazakh name left open.

- Kazakh in Latin letters: «ya» is я («ayaq kiim»), and an acronym stays as written («GPS»).
- What Chinese goods are used for (可用于…寻找走失牲畜) asks for nothing: a drone maker sells
  its drones.
- «алдырамыз» (we have it brought) asks; «қытай құрмасы» is the jujube (0813), not the date.
- Remote-control planes (遥控飞机) of a toy maker are toys (9503), not drones.
- «Хотим продавать мёд в Китай — нужна регистрация в GACC» sells the honey (beside a declared
  code that is off); «автомат для пакетированного чая» is a packing machine (8422).
"""

from __future__ import annotations

import pytest

from keruen.matching.hs_text import default_heading_lexicon

from .helpers import CN, KZ, O, named, partners

pytestmark = pytest.mark.unit


def test_latin_ya_and_acronyms() -> None:
    letters = default_heading_lexicon().kazakh_letters
    restored = letters.restore("Ayaq kiimdi fabrikadan alamyz, GPS-treker satyp alamyz.")
    assert "аяқ" in restored
    assert "gps" in restored


def test_a_purpose_that_names_finding_asks_for_nothing() -> None:
    text = "无人机企业：植保无人机、牧业巡检无人机，可用于草原放牧巡查、寻找走失牲畜。"
    assert ("8806", "offer") in named(text, "zh")
    assert ("8806", "need") not in named(text, "zh")


def test_goods_brought_in_are_asked_for_and_the_chinese_date_is_the_jujube() -> None:
    text = "Көтерме базар. Қытайдан Хами қауынын, жүзім, қытай құрмасын алдырамыз."
    found = named(text, "kk")
    assert ("0807", "need") in found
    assert ("0813", "need") in found
    assert ("0804", "need") not in found


def test_remote_control_planes_are_toys() -> None:
    found = named("玩具厂：塑料玩具、遥控车、遥控飞机、积木。", "zh")
    assert ("9503", "offer") in found
    assert "8806" not in {code for code, _ in found}


def test_goods_one_wants_to_sell_stay_offered_before_what_is_needed() -> None:
    text = "Пасека: горный мёд. Хотим продавать мёд в Китай — нужна регистрация в GACC."
    found = named(text, "ru")
    assert ("0409", "offer") in found
    assert ("0409", "need") not in found
    honey = O(
        id="k-apiary",
        side=KZ,
        isic=["0149"],
        hs_offers=["0410"],
        languages=["ru", "zh"],
        texts={"ru": text},
    )
    importer = O(
        id="c-halal",
        side=CN,
        isic=["4630"],
        languages=["zh"],
        texts={"zh": "清真食品进口商：希望从哈萨克斯坦直接进口蜂蜜、黄油。"},
    )
    assert "c-halal" in partners(honey, importer)


def test_a_tea_bag_machine_is_a_packing_machine() -> None:
    text = "Чаеразвесочная фабрика. Интересует также автомат для пакетированного чая."
    assert ("8422", "need") in named(text, "ru")


def test_a_parboiling_line_is_rice_machinery() -> None:
    """Round 48 (reg): a parboiled-rice project asks for its line (8437), not for rice."""
    found = named("Ищем поставщика линии пропаривания, сушки и шлифовки риса под ключ.", "ru")
    assert ("8437", "need") in found
