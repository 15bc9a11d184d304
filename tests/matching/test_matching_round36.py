"""Round 36 (issue 14): classes read after round 35 and on graben and swale after their blind run.

- A bare Kazakh material noun before the goods made of it («жүн және жібек кілемдер», wool and
  silk carpets) asks for the carpets, not for wool or silk.
- A firm that takes anything stays vague when one loose word of a title («бағытта» of
  «бағытталған», OSB's Kazakh title) is all its texts name.
- A fleet that says it does not go abroad (不跑出境, 疆内线路) carries nothing for the other side.
- A bazaar that brings goods in («Қытайдан алма … алып келеміз») asks for them, and past the cap
  of names the goods named first stay (the apples of a list of five).
- A sugar plant that seeks a tank-wagon operator («ищем оператора цистерн») asks for transport.
- Bare «запчасти» beside a machine of chapter 84 are that machine's parts, not a car's.
- A buyer that says it wants goods from no one (不需要进口面粉; apples bought locally) is no
  value-chain partner of the other side's seller of them.
- The crops of the farms a dealer supplies («хозяйствам Жетысу (свёкла, соя…)») are no needs;
  a sentence about what was done once and is done no more (以前做过…进口，现在不做了) names none.
- One that asks for customs papers (GACC registration) asks a customs broker, not any transport
  agent of 5229.
"""

from __future__ import annotations

import pytest

from keruen.matching import NgramTextSimilarity

from .helpers import CN, KZ, O, company, named, run, transport_partners

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "not_asked"),
    [
        ("Қолдан тоқылған жүн және жібек кілемдер іздейміз.", "5101"),
        ("Қолдан тоқылған жүн және жібек кілемдер іздейміз.", "5007"),
        ("Жүн мен жібек кілемдер аламыз.", "5007"),
        ("Тері аяқ киім сатып аламыз.", "4101"),
    ],
)
def test_a_material_before_the_goods_made_of_it_is_not_asked(text: str, not_asked: str) -> None:
    found = named(text, "kk")
    assert (not_asked, "need") not in found
    # what is made of it is asked
    assert any(direction == "need" and code[:2] in {"57", "64"} for code, direction in found)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        # the guards: the materials themselves, alone or listed
        ("Жүн сатып аламыз.", "5101"),
        ("Жүн және тері сатып аламыз.", "4101"),
        ("Жүн және тері сатып аламыз.", "5101"),
    ],
)
def test_a_material_asked_for_itself_is_still_asked(text: str, asked: str) -> None:
    assert (asked, "need") in named(text, "kk")


def test_a_firm_that_takes_anything_stays_vague_beside_a_loose_word_of_a_title() -> None:
    ours = O(
        id="k-vague",
        side=KZ,
        languages=["kk"],
        texts={
            "kk": "«Нұр-Жол» ЖШС. Әртүрлі салада жұмыс істейміз. Қытай серіктестерімен кез "
            "келген бағытта ынтымақтастыққа дайынбыз."
        },
    )
    # a firm that names what it sells and writes the same words
    theirs = O(
        id="c-apricots",
        side=CN,
        languages=["kk"],
        texts={
            "kk": "Жеміс кептіру цехы, кептірілген өрік сатамыз. Қазақстан серіктестерімен кез "
            "келген бағытта ынтымақтастыққа дайынбыз."
        },
    )
    found = run([ours, theirs], text_similarity=NgramTextSimilarity())
    assert found[ours.id] == []
    assert found[theirs.id] == []


def test_a_fleet_that_does_not_go_abroad_carries_nothing_for_the_other_side() -> None:
    shipper = company(
        "k-bazaar",
        KZ,
        "4630",
        "ru",
        "Плодоовощная база в Жаркенте. Нужен рефрижератор Кульджа – Хоргос – Жаркент.",
    )
    home = company(
        "c-zhaosu",
        CN,
        "4923",
        "zh",
        "昭苏县运输车队：自卸车、半挂车18台，跑昭苏—特克斯—伊宁—奎屯疆内线路，不跑出境。",
    )
    across = company(
        "c-khorgos",
        CN,
        "4923",
        "zh",
        "霍尔果斯国际道路运输公司：冷藏车20台，伊宁—霍尔果斯—扎尔肯特—阿拉木图。",
    )
    assert transport_partners(shipper, home, across) == {across.id}


def test_a_bazaar_that_brings_goods_in_asks_for_the_goods_named_first() -> None:
    text = "Қытайдан алма, қызанақ, сарымсақ, мандарин, жүзім алып келеміз, айына 40-50 фура."
    found = named(text, "kk")
    assert ("0808", "need") in found  # the apples, named first, stay past the cap of four
    assert ("0808", "offer") not in found
    bazaar = O(id="k-bazaar", side=KZ, isic=["4630"], languages=["kk"], texts={"kk": text})
    apples = O(
        id="c-apples",
        side=CN,
        isic=["0124"],
        hs_offers=["080810"],
        languages=["zh"],
        texts={"zh": "伊宁县苹果专业合作社：红富士、嘎啦，想出口哈萨克斯坦。"},
    )
    assert [s.partner_id for s in run([bazaar, apples])[bazaar.id]] == [apples.id]


def test_a_plant_that_seeks_a_tank_wagon_operator_asks_for_transport() -> None:
    plant = O(
        id="k-sugar",
        side=KZ,
        isic=["1072"],
        hs_offers=["170390"],
        languages=["ru"],
        texts={
            "ru": "Сахарный завод. Мелассу готовы отгружать в Китай ж/д цистернами — ищем "
            "оператора цистерн через Алтынколь."
        },
    )
    rail = O(
        id="c-rail",
        side=CN,
        isic=["4912"],
        languages=["zh"],
        texts={"zh": "伊犁国际班列运营公司：中亚班列发往阿拉木图，回程组织哈萨克斯坦糖蜜罐车。"},
    )
    assert transport_partners(plant, rail) == {rail.id}


@pytest.mark.parametrize(
    ("text", "kept", "not_kept"),
    [
        ("Нужны свеклоуборочные комбайны и запчасти.", "8433", "8708"),
        ("Нужны экскаваторы и запчасти.", "8431", "8708"),
        # the guards: a tractor's parts and parts alone are a vehicle's
        ("Нужны тракторы и запчасти к ним.", "8708", "8431"),
        ("Нужны запчасти.", "8708", "8431"),
    ],
)
def test_bare_spare_parts_beside_a_machine_are_that_machines(
    text: str, kept: str, not_kept: str
) -> None:
    found = named(text, "ru")
    assert (kept, "need") in found
    assert (not_kept, "need") not in found


def _flour_mill() -> O:
    return O(
        id="k-mill",
        side=KZ,
        isic=["1061"],
        hs_offers=["1101"],
        languages=["ru"],
        texts={"ru": "Мельница в Таразе: мука высшего сорта, ищем покупателей в Синьцзяне."},
    )


@pytest.mark.parametrize(
    ("text", "meets"),
    [
        (
            "馕产业园企业：芝麻馕、窝窝馕。面粉本地有稳定供应，不需要进口面粉。寻找哈萨克斯坦超市。",
            False,
        ),
        ("馕产业园企业：芝麻馕、窝窝馕。寻找哈萨克斯坦超市。", True),  # the guard: it says nothing
    ],
)
def test_a_bakery_that_needs_no_imported_flour_meets_no_flour_mill(text: str, meets: bool) -> None:
    bakery = O(id="c-naan", side=CN, isic=["1071"], languages=["zh"], texts={"zh": text})
    mill = _flour_mill()
    assert (mill.id in [s.partner_id for s in run([bakery, mill])[bakery.id]]) is meets
    assert (bakery.id in [s.partner_id for s in run([bakery, mill])[mill.id]]) is meets


def test_a_juice_plant_that_buys_local_apples_is_no_orchards_partner() -> None:
    juice = O(
        id="c-juice",
        side=CN,
        isic=["1030"],
        hs_offers=["200979"],
        languages=["zh"],
        texts={"zh": "霍城县果汁厂：浓缩苹果汁。原料收购伊犁本地苹果。寻找哈萨克斯坦饮料厂客户。"},
    )
    orchard = O(
        id="k-orchard",
        side=KZ,
        isic=["0124"],
        hs_offers=["080810"],
        languages=["ru"],
        texts={"ru": "Яблоневый сад 120 га, яблоки Голден и Апорт, ищем покупателей."},
    )
    assert run([juice, orchard])[orchard.id] == []
    assert ("0808", "need") not in named("原料收购伊犁本地苹果。", "zh")


@pytest.mark.parametrize(
    ("text", "language", "not_named"),
    [
        (
            "Поставка удобрений хозяйствам Жетысу (свёкла, соя, кукуруза, сады). "
            "Ищем производителя карбамида.",
            "ru",
            "1201",
        ),
        (
            "葡萄干加工厂：无核白葡萄干。以前做过哈萨克斯坦蜂蜜进口，现在不做了。",
            "zh",
            "0409",
        ),
        (
            "Сахарный завод, меласса. (До 2015 г. перерабатывали тростниковый сахар-сырец, "
            "сейчас нет.)",
            "ru",
            "5002",
        ),
    ],
)
def test_customers_crops_and_what_was_done_once_name_nothing(
    text: str, language: str, not_named: str
) -> None:
    assert not any(code == not_named for code, _ in named(text, language))


@pytest.mark.parametrize(
    ("text", "language", "asked"),
    [
        # the guards: the dealer's own need, a need after what was bought once
        (
            "Поставка удобрений хозяйствам Жетысу (свёкла, соя). Ищем производителя карбамида.",
            "ru",
            "3102",
        ),
        ("Раньше закупали цемент в Шымкенте. Ищем поставщика цемента из Китая.", "ru", "2523"),
        ("Закупаем сою (5 тыс. т).", "ru", "1201"),
    ],
)
def test_a_need_beside_them_is_still_asked(text: str, language: str, asked: str) -> None:
    assert (asked, "need") in named(text, language)


def test_registration_with_gacc_is_asked_of_a_customs_broker_not_a_train_operator() -> None:
    honey = O(
        id="k-honey",
        side=KZ,
        isic=["0149"],
        languages=["ru"],
        texts={
            "ru": "Горный мёд, 50 т в год. Хотим продавать в Китай. Регистрации в GACC пока нет, "
            "нужна помощь с оформлением."
        },
    )
    trains = O(
        id="c-trains",
        side=CN,
        isic=["4912", "5229"],
        languages=["zh"],
        texts={"zh": "伊犁国际班列运营公司：中亚班列发往阿拉木图。寻找哈方货代。"},
    )
    broker = O(
        id="c-broker",
        side=CN,
        isic=["5229"],
        languages=["zh"],
        texts={"zh": "霍尔果斯报关公司：清关、报关、海关总署注册（GACC注册）代理。"},
    )
    found = run([honey, trains, broker])
    services = {
        s.partner_id
        for s in found[honey.id]
        if any(r.kind == "service_they_provide" for r in s.reasons)
    }
    assert services == {broker.id}
