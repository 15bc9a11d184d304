"""Round 12 (issue 14): classes of wrong partners and misses seen on the `far` part.

Government bodies are counterparts in one field only (an energy department is no counterpart
of a tourism bureau); common trade words the lists lacked (goji, «рыбный», fish meal); a
Chinese form (颗粒, 粉末) names a heading only with its material; a Kazakh noun in the dative
(«түйелерге», for the camels) names no goods.
"""

from __future__ import annotations

import pytest

from keruen.matching import Suggestion

from .helpers import CN, KZ, O, named, run


def _kinds(result: dict[str, list[Suggestion]], reader: str, partner: str) -> list[str] | None:
    for s in result[reader]:
        if s.partner_id == partner:
            return [r.kind for r in s.reasons]
    return None


def _agency(id_: str, side: str, topics: list[str]) -> O:
    return O(id=id_, side=side, kind="government", languages=["ru"], topics=topics)


def test_agencies_of_different_fields_are_no_counterparts() -> None:
    energy = _agency("energy", KZ, ["energy"])
    tourism = _agency("tourism", CN, ["tourism", "culture"])
    assert run([energy, tourism]) == {"energy": [], "tourism": []}


def test_agencies_of_one_field_are_counterparts() -> None:
    energy = _agency("energy", KZ, ["energy"])
    their_energy = _agency("their-energy", CN, ["energy", "mining_metallurgy"])
    tourism = _agency("tourism", CN, ["tourism"])
    result = run([energy, their_energy, tourism])
    assert [s.partner_id for s in result["energy"]] == ["their-energy"]
    assert "counterpart_body" in (_kinds(result, "energy", "their-energy") or [])
    # one piece of body evidence per pair, as before: the score is that of two bodies of one
    # kind and one shared topic
    assert result["energy"][0].parts["topic"] == 1 - (1 - 0.6) * (1 - 0.6)


def test_an_agency_that_names_no_field_meets_every_agency() -> None:
    unknown = _agency("unknown", KZ, [])
    energy = _agency("energy", CN, ["energy"])
    tourism = _agency("tourism", CN, ["tourism"])
    result = run([unknown, energy, tourism])
    assert sorted(s.partner_id for s in result["unknown"]) == ["energy", "tourism"]
    assert _kinds(result, "energy", "unknown") == ["counterpart_body", "shared_language"]


# Common trade words the lists lacked: goji, the Russian adjective of fish, fish meal --------


@pytest.mark.parametrize(
    ("language", "text", "right"),
    [
        ("ru", "Закупаем сушёные ягоды годжи и травяные чаи.", ("0813", "need")),
        ("zh", "精河枸杞合作社，出售干枸杞。", ("0813", "offer")),
        ("kk", "Годжи жидегін сатып аламыз.", ("0813", "need")),
        ("en", "We sell dried goji berries.", ("0813", "offer")),
        ("ru", "Рыбный цех: килька, вяленая вобла, мороженая кефаль.", ("0303", "offer")),
        ("ru", "Продаём рыбную муку.", ("2301", "offer")),
        ("zh", "采购鱼粉。", ("2301", "need")),
    ],
)
def test_common_trade_words(language: str, text: str, right: tuple[str, str]) -> None:
    assert right in named(text, language)


def test_fish_meal_is_no_flour_and_no_fish() -> None:
    assert {code for code, _ in named("Продаём рыбную муку.", "ru")} == {"2301"}


def test_a_fish_plant_meets_the_fish_buyer_not_the_milk_powder_buyer() -> None:
    # the food -> wholesaler link is generic: once the plant's goods are read (рыбный), a
    # wholesaler that buys milk powder states goods that do not meet, and the link counts half
    fish = O(
        id="fish",
        side=KZ,
        isic=["1020"],
        languages=["ru"],
        texts={"ru": "Рыбный цех в Актау: килька, вяленая вобла, мороженая кефаль."},
    )
    seafood = O(
        id="seafood",
        side=CN,
        isic=["4630"],
        languages=["zh"],
        texts={"zh": "水产批发，采购冷冻海鱼和咸干鱼。"},
    )
    dairy = O(
        id="dairy",
        side=CN,
        isic=["4630"],
        languages=["zh"],
        texts={"zh": "乳制品贸易公司，进口驼奶粉。"},
    )
    result = run([fish, seafood, dairy], interpreters=[("ru", "zh")])
    assert [s.partner_id for s in result["fish"]] == ["seafood"]


def test_a_pharmacy_that_asks_for_goji_meets_the_goji_grower() -> None:
    pharmacy = O(
        id="pharmacy",
        side=KZ,
        isic=["4772"],
        languages=["ru"],
        texts={"ru": "Аптечная сеть в Актау. Закупаем сушёные ягоды годжи и травяные чаи."},
    )
    goji = O(
        id="goji",
        side=CN,
        isic=["0125"],
        languages=["zh"],
        texts={"zh": "精河枸杞种植加工合作社，出售干枸杞。"},
    )
    result = run([pharmacy, goji], interpreters=[("ru", "zh")])
    assert [s.partner_id for s in result["pharmacy"]] == ["goji"]
    assert result["pharmacy"][0].reasons[0].kind == "you_need_they_offer_text"


# Chinese forms (颗粒, 粉末, …) name a heading only with their material ------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("石化公司，生产聚乙烯颗粒和聚丙烯粒料。", {"3901", "3902"}),
        ("苜蓿合作社，出售苜蓿草颗粒。", {"1214"}),
        ("采购塑料颗粒。", set()),
        ("出售颗粒。", set()),
    ],
)
def test_a_chinese_form_alone_names_nothing(text: str, expected: set[str]) -> None:
    assert {code for code, _ in named(text, "zh")} == expected


def test_a_chinese_form_with_its_material_still_names_its_heading() -> None:
    assert ("7205", "offer") in named("出售钢铁颗粒。", "zh")
    assert ("1103", "need") in named("采购谷物粗粉。", "zh")


# A Kazakh noun in the dative says whom the goods are for --------------------------------------


def test_a_kazakh_dative_names_no_goods() -> None:
    # hay for the camels, feed for the horses: neither camels nor horses are asked for
    assert named("Түйелерге жоңышқа пішені керек.", "kk") == {("1214", "need")}
    assert named("Жылқыға жем керек.", "kk") == {("2309", "need")}


def test_a_kazakh_noun_in_other_cases_still_names_its_goods() -> None:
    assert ("0106", "offer") in named("Түйелерді сатамыз.", "kk")
    assert ("5101", "offer") in named("Қой жүнін сатамыз.", "kk")
