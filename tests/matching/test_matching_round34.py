"""Round 34 (issue 14): the classes read on cenote, tuya, flatiron and col after their blind run.

- A road or rail fleet whose routes stay at home or run to third countries (Kostanay – Moscow,
  准东 coal trains to Sichuan, Taraz – Bishkek) carries nothing for the other side.
- A government body's field is the one its name names: an agriculture department and a
  commerce bureau that backs investment in farming abroad are no counterparts.
- An organization with no activity code that opens with its name («Туроператор: …»,
  昌吉旅行社：…, «…кептірілген жемістер дүкені») is what that name says.
- An offer item that lists products beside a declared code offers each of them.
"""

from __future__ import annotations

import pytest

from keruen.matching.features import extract, route_countries
from keruen.matching.hs_text import default_heading_lexicon

from .helpers import (
    CN,
    KZ,
    C,
    O,
    body,
    company,
    named,
    partners,
    reason_kinds,
    transport_partners,
)

pytestmark = pytest.mark.unit


def _shipper() -> O:
    return company(
        "k-flour",
        KZ,
        "1061",
        "ru",
        "Мукомольный комбинат в Костанае: мука высшего сорта в мешках по 50 кг. Ищем "
        "перевозчика (вагоны или фуры) для отправки муки в Синьцзян.",
    )


@pytest.mark.parametrize(
    ("carrier", "carries"),
    [
        # a fleet that runs to Russia only, and says so
        (
            company(
                "k-russia",
                KZ,
                "4923",
                "ru",
                "Грузоперевозки по России: Костанай – Челябинск – Екатеринбург – Москва, "
                "тенты 20 т. Разрешений на Китай нет.",
            ),
            False,
        ),
        # coal trains from Zhundong to inner China
        (
            company(
                "c-coal",
                CN,
                "4912",
                "zh",
                "准东铁路物流公司：煤炭集运站，承运疆煤外运专列到甘肃、宁夏、四川、重庆，年发运1500万吨。",
            ),
            False,
        ),
        # a Kazakh fleet that runs to Bishkek and Tashkent, not to China
        (
            company(
                "k-south",
                KZ,
                "4923",
                "ru",
                "Автоперевозки Тараз – Бишкек, Тараз – Шымкент – Ташкент, тенты 20 т. В Китай не "
                "ездим.",
            ),
            False,
        ),
        # the guards: a fleet through a crossing, and one that names no place at all
        (
            company(
                "k-khorgos",
                KZ,
                "4923",
                "ru",
                "Международные автоперевозки Костанай – Алматы – Хоргос – Урумчи, тенты и "
                "рефрижераторы.",
            ),
            True,
        ),
        (company("k-fleet", KZ, "4923", "ru", "Автоперевозки, тенты 20 т, 40 тягачей."), True),
    ],
)
def test_a_fleet_whose_routes_miss_the_other_side_carries_nothing_for_it(
    carrier: O, carries: bool
) -> None:
    shipper = _shipper()
    if carrier.side == KZ:
        shipper = company(
            "c-tiles",
            CN,
            "2392",
            "zh",
            "霍尔果斯建筑陶瓷厂：瓷砖和卫生陶瓷，出口哈萨克斯坦。需要汽运把货运到科斯塔奈。",
        )
    assert (carrier.id in transport_partners(shipper, carrier)) is carries
    kinds = reason_kinds(carrier, shipper)
    assert ("transport_you_provide" in kinds) is carries
    assert not carries or "logistics_you_provide" not in kinds


def test_a_carrier_into_central_asia_from_kashgar_serves_southern_kazakhstan() -> None:
    shipper = company(
        "k-figs",
        KZ,
        "1030",
        "ru",
        "Фасовка сухофруктов в Туркестане. Ищем перевозчика для доставки инжира из Кашгара.",
    )
    carrier = company(
        "c-irkeshtam",
        CN,
        "4923",
        "zh",
        "喀什国际道路运输公司：喀什—伊尔克什坦—奥什—安集延—塔什干，冷藏车和厢式车。",
    )
    assert carrier.id in transport_partners(shipper, carrier)
    # a Kazakh fleet that runs the same countries does not reach China
    assert route_countries(["Шымкент – Ташкент – Андижан – Ош"], "KZ") == {"KZ", "UZ", "KG"}


def test_a_terminal_at_home_is_still_where_the_other_sides_freight_arrives() -> None:
    terminal = O(
        id="k-terminal",
        side=KZ,
        isic=["5221"],
        languages=["ru"],
        texts={"ru": "Сухой порт в Караганде: контейнерный терминал, перевалка, СВХ."},
    )
    assert extract(terminal, default_heading_lexicon()).route == frozenset()


def _agency(id: str, side: str, language: str, text: str) -> O:
    return body(id, side, "government", "8413", language, text)


def test_a_government_body_is_the_counterpart_of_the_one_its_name_shares_a_field_with() -> None:
    agriculture = _agency(
        "k-agri",
        KZ,
        "ru",
        "Управление сельского хозяйства Павлодарской области: субсидирование, экспорт зерна и "
        "говядины в Китай, капельное орошение.",
    )
    investment = _agency(
        "k-invest",
        KZ,
        "ru",
        "Управление инвестиций и предпринимательства области: привлечение инвесторов в "
        "агропереработку, энергетику и логистику.",
    )
    commerce = _agency(
        "c-commerce",
        CN,
        "zh",
        "昌吉州商务局：外贸、对外投资合作、招商引资。支持州内企业到哈萨克斯坦投资农业、农产品加工和能源。",
    )
    bureau = _agency(
        "c-agri",
        CN,
        "zh",
        "昌吉州农业农村局：玉米制种基地，设施农业，节水灌溉，畜牧业。",
    )
    assert partners(agriculture, commerce) == []
    assert partners(agriculture, bureau) == ["c-agri"]
    assert partners(investment, commerce) == ["c-commerce"]
    assert partners(investment, bureau) == []


def test_a_tour_operator_without_a_code_meets_the_travel_agency_abroad() -> None:
    operator = O(
        id="k-tours",
        side=KZ,
        languages=["ru"],
        texts={
            "ru": "Туроператор: Баянаул, Жасыбай, Мойылды, приём групп из Китая, ищем партнёров"
        },
    )
    agency = O(
        id="c-travel",
        side=CN,
        languages=["zh"],
        texts={"zh": "昌吉旅行社：天池入境游接待；组织游客赴哈萨克斯坦旅游，寻找哈方地接社。"},
    )
    assert "service_they_provide" in reason_kinds(operator, agency)
    # the guard: one that names itself nothing provides nothing
    plain = O(
        id="k-plain",
        side=KZ,
        languages=["ru"],
        texts={"ru": "Баянаул, Жасыбай, Мойылды: приём групп из Китая, ищем партнёров."},
    )
    assert "service_you_provide" not in reason_kinds(agency, plain)


def test_a_dried_fruit_shop_without_a_code_buys_what_it_sells() -> None:
    shop = O(
        id="k-shop",
        side=KZ,
        languages=["kk"],
        texts={
            "kk": "Тараздағы көтерме базардағы кептірілген жемістер дүкені. Мейіз, кептірілген "
            "өрік (курага), жаңғақ сатамыз. Мейіз бен өрікті Тұрпаннан тікелей алғымыз келеді."
        },
    )
    apricots = company(
        "c-apricot",
        CN,
        "1030",
        "zh",
        "托克逊县杏干加工厂：托克逊杏干、包仁杏，年产800吨，希望找到哈萨克斯坦的干果批发商。",
    )
    apricots = apricots.model_copy(update={"hs_offers": ("081310",)})
    assert "0813" in extract(shop, default_heading_lexicon()).inferred_needs
    assert partners(shop, apricots) == ["c-apricot"]


def test_an_offer_item_lists_the_goods_offered_beside_the_declared_code() -> None:
    carbon = O(
        id="c-carbon",
        side=CN,
        isic=["2399"],
        hs_offers=["854511"],
        languages=["zh", "ru"],
        profiles=[
            C(
                kind="business_offer",
                hs=["854511"],
                text={"zh": "预焙阳极、煅后石油焦、阴极炭块、电极糊"},
            )
        ],
        texts={"zh": "准东炭素企业：铝用预焙阳极，供应新疆电解铝厂，希望开拓哈萨克斯坦客户。"},
    )
    ferroalloys = O(
        id="k-ferro",
        side=KZ,
        isic=["2410"],
        hs_offers=["720241"],
        languages=["ru"],
        texts={"ru": "Завод ферросплавов: феррохром. Закупаем электродную массу, 3 тыс. т."},
    )
    found = extract(carbon, default_heading_lexicon())
    assert {"2713", "3801"} <= set(found.inferred_offers)
    assert partners(ferroalloys, carbon) == ["c-carbon"]
    # the guard: an item that names its customers' crop offers no crop
    drip = O(
        id="c-drip",
        side=CN,
        isic=["2220"],
        hs_offers=["3917"],
        languages=["zh"],
        profiles=[
            C(
                kind="business_offer",
                hs=["3917"],
                text={"zh": "滴灌带、PE管，棉花和果园滴灌设计安装。"},
            )
        ],
        texts={"zh": "节水灌溉设备公司：滴灌带和PE管材。"},
    )
    assert "5201" not in extract(drip, default_heading_lexicon()).inferred_offers


def test_a_service_company_that_supplies_belts_offers_them() -> None:
    text = "矿山设备服务公司：带式输送机、输送带、托辊的供货与安装，斗轮挖掘机维修。"
    assert ("4010", "offer") in named(text, "zh")
    # the guard: what a firm serves is its customers (服务…果园 sells no fruit)
    orchards = named("服务和田红枣、核桃园节水灌溉。", "zh")
    assert not any(code.startswith("08") for code, _ in orchards)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Тамшылатып суару таспасын сатып аламыз, 1 800 га мақтаға, монтажымен бірге.", "kk"),
        ("Мақта алқабына тамшылатып суару жүйесін сатып аламыз: тамшылатқыш таспа, сүзгі.", "kk"),
        ("Закупаем капельную ленту для 500 га хлопчатника.", "ru"),
        ("需要为1800亩棉花采购滴灌带。", "zh"),
    ],
)
def test_drip_tape_for_cotton_fields_asks_for_tape_not_for_cotton(text: str, language: str) -> None:
    found = named(text, language)
    assert ("3917", "need") in found
    assert not any(code in ("5201", "1207") for code, _ in found)


def test_a_crop_sown_is_still_grown_and_cotton_seed_asked_for_still_asked() -> None:
    assert ("5201", "offer") in named("1 800 гектар мақта, 250 гектар бидай егеміз.", "kk")
    assert ("1207", "need") in named("Закупаем семена хлопчатника, 500 тонн.", "ru")


@pytest.mark.parametrize(
    ("text", "language", "gone"),
    [
        (
            "Нужны гранитные плиты и бордюр. Цемент и арматуру берём у местных заводов, а "
            "облицовочный камень везём из Турции.",
            "ru",
            "2523",
        ),
        ("需要花岗岩板材，水泥从本地厂家采购。", "zh", "2523"),
    ],
)
def test_goods_a_buyer_gets_at_home_are_no_need(text: str, language: str, gone: str) -> None:
    found = named(text, language)
    assert ("6802", "need") in found
    assert (gone, "need") not in found


def test_a_logistics_item_that_asks_only_for_clearance_asks_for_a_broker_not_a_carrier() -> None:
    maker = O(
        id="c-seeders",
        side=CN,
        isic=["2821"],
        hs_offers=["843231"],
        languages=["zh"],
        profiles=[C(kind="logistics", text={"zh": "出口哈萨克斯坦需要EAC认证和清关服务。"})],
        texts={"zh": "农业机械制造企业：免耕播种机，寻找哈萨克斯坦经销商。"},
    )
    trucks = company(
        "k-trucks", KZ, "4923", "ru", "Международные автоперевозки Хоргос – Астана, тенты."
    )
    broker = company(
        "k-broker",
        KZ,
        "5229",
        "ru",
        "Таможенный представитель: декларирование импорта, сертификаты EAC, посты Хоргос.",
    )
    assert "transport_they_provide" not in reason_kinds(maker, trucks)
    assert "service_they_provide" in reason_kinds(maker, broker)
