"""Round 28 (issue 14): the classes read on `cape` and `bluff` after round 27, each tested
with other wording.

Temperature-controlled transport is a mode of its own: a shipper that asks for a reefer
(«мұздатқыш көлік», «рефрижератор», 冷藏车) is served by a carrier whose texts name reefers, not
by a tent carrier nor a rail container forwarder; a carrier that names only reefers is no
carrier for a dry cargo asked to go by truck.
"""

from __future__ import annotations

import pytest

from keruen.matching import OrganizationProfile

from .helpers import CN, KZ, company, named, run, transport_partners

pytestmark = pytest.mark.unit


REEFERS = company("c-reefer", CN, "4923", "zh", "冷链运输公司，冷藏车，-18℃，阿勒泰—哈萨克斯坦。")
TENTS = company("c-tents", CN, "4923", "zh", "国际货运，篷布车整车，吉木乃—阿斯塔纳。")
RAIL = company("c-rail", CN, "4912", "zh", "铁路集装箱货代：阿拉山口—多斯特克，整箱整列。")
BOTH = company("k-both", KZ, "4923", "ru", "Автоперевозки в Китай: тенты 20 т и рефрижераторы.")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Құлпынай мұздатамыз, сатамыз. Корлаға дейін мұздатқыш көлік керек (-18).", "kk"),
        ("Вяленую и мороженую рыбу продаём. Нужен рефрижератор до Алтая.", "ru"),
        ("Frozen berries for export, looking for a carrier with reefers to Urumqi.", "en"),
    ],
)
def test_a_reefer_asked_for_is_served_by_a_reefer_fleet_only(text: str, language: str) -> None:
    shipper = company("k-ship", KZ, "0125", language, text, "zh")
    assert transport_partners(shipper, REEFERS, TENTS, RAIL) == {"c-reefer"}


def test_a_fleet_of_tents_and_reefers_serves_a_reefer_request_and_a_truck_request() -> None:
    frozen = company("c-ship", CN, "1020", "zh", "冷冻鱼出口哈萨克斯坦，需要冷藏车。", "ru")
    dry = company("c-dry", CN, "1622", "zh", "木屋出口哈萨克斯坦，需要卡车运输。", "ru")
    assert transport_partners(frozen, BOTH) == {"k-both"}
    assert transport_partners(dry, BOTH) == {"k-both"}


@pytest.mark.parametrize(
    "text",
    [
        "Қайың саңырауқұлағын кептіреміз. Қытайға жіберуге жүк көлігі керек.",
        "Борене үйлер жасаймыз. Қытайға жөнелтуге жүк көлігі керек, ашық платформа.",
    ],
)
def test_a_reefer_only_fleet_is_no_carrier_for_a_dry_cargo_asked_by_truck(text: str) -> None:
    shipper = company("k-ship", KZ, "0230", "kk", text, "zh")
    assert transport_partners(shipper, REEFERS, TENTS) == {"c-tents"}


def test_a_request_that_names_no_vehicle_is_served_by_every_fleet() -> None:
    text = "Экспортируем ягоды, ищем перевозчика в Китай."
    shipper = company("k-ship", KZ, "0125", "ru", text, "zh")
    assert transport_partners(shipper, REEFERS, TENTS) == {"c-reefer", "c-tents"}


AIR = company("c-air", CN, "5229", "zh", "机场航空货运代理：航空快件，鲜活、样品、小件急货。", "en")
TERMINAL = company(
    "k-term", KZ, "5224", "ru", "Терминал на станции Достык: перегрузка контейнеров, СВХ."
)


def test_an_air_cargo_agent_is_no_carrier_for_a_truck_or_rail_request() -> None:
    truck = company("k-ship", KZ, "0230", "kk", "Боярышник сатамыз. Жүк көлігі керек, 20 тонна.")
    rail = company("k-ore", KZ, "0729", "ru", "Медный концентрат. Нужны полувагоны до Алашанькоу.")
    air = company("k-fast", KZ, "0113", "kk", "Саңырауқұлақ өсіреміз. Тез жеткізу керек, ұшақпен.")
    assert transport_partners(truck, AIR, TENTS) == {"c-tents"}
    assert transport_partners(rail, AIR, RAIL) == {"c-rail"}
    assert transport_partners(air, AIR) == {"c-air"}


@pytest.mark.parametrize("carrier", [AIR, REEFERS], ids=["air agent", "reefer fleet"])
def test_an_air_agent_or_a_reefer_fleet_is_no_corridor_partner_of_a_rail_terminal(
    carrier: OrganizationProfile,
) -> None:
    listed = run([TERMINAL, carrier, RAIL])[TERMINAL.id]
    assert [s.partner_id for s in listed] == ["c-rail"]


def test_a_rail_container_forwarder_is_no_carrier_for_a_reefer_by_road() -> None:
    forwarder = company(
        "c-fwd", CN, "5229", "zh", "铁路集装箱货代：阿拉山口—多斯特克，订舱、换装。"
    )
    shipper = company(
        "k-fish", KZ, "1020", "ru", "Вяленая рыба. Нужен рефрижератор до Кокшетау.", "zh"
    )
    assert transport_partners(shipper, forwarder, REEFERS) == {"c-reefer"}


def test_a_commerce_bureau_is_not_seated_with_a_shop_by_its_topic_alone() -> None:
    bureau = OrganizationProfile(
        id="c-commerce",
        side=CN,
        kind="government",
        topics=["trade"],
        languages=["zh"],
        texts={"zh": "商务局：对外贸易、招商引资。"},
    )
    shop = company("k-shop", KZ, "4771", "ru", "Магазин резиновых сапог в Туркестане.", "zh")
    wholesaler = company("k-whole", KZ, "4641", "ru", "Оптом продаём резиновую обувь.", "zh")
    assert run([bureau, shop])[bureau.id] == []
    assert [s.partner_id for s in run([bureau, wholesaler])[bureau.id]] == ["k-whole"]


@pytest.mark.parametrize(
    ("text", "language", "heading", "direction"),
    [
        ("Алтын тамырды (родиола) өсіреміз, сатамыз.", "kk", "1211", "offer"),
        ("Закупаем корень девясила.", "ru", "1211", "need"),
        ("苦豆子原料不够，想从哈萨克斯坦进。", "zh", "1211", "need"),
        ("阿魏常年要用，找哈萨克斯坦的货源。", "zh", "1301", "need"),
        ("Нужна оцинкованная сетка для ограждения, 12 км.", "ru", "7314", "need"),
        ("生产鹿场围栏网。", "zh", "7314", "offer"),
        ("Компьютерлік кесте машинасы керек.", "kk", "8452", "need"),
        ("想从哈萨克斯坦进带胶底的毡靴。", "zh", "6405", "need"),
        ("Жем майдалайтын машина керек, Қытайдан аламыз.", "kk", "8436", "need"),
        ("Продаём берёзовый сок.", "ru", "2009", "offer"),
        ("Ищем автомат для чая в фильтр-пакеты.", "ru", "8422", "need"),
        ("Ленталы ара станогына ара таспалары керек.", "kk", "8202", "need"),
        ("Нужен ротационный таблеточный пресс.", "ru", "8479", "need"),
        ("Ищем производителя алюминиевых туб для мазей.", "ru", "7612", "need"),
        ("想进哈萨克斯坦的花草茶。", "zh", "2106", "need"),
    ],
)
def test_round28_goods(text: str, language: str, heading: str, direction: str) -> None:
    assert (heading, direction) in named(text, language)


def test_a_saw_in_kazakh_is_no_bee() -> None:
    assert not {"0409", "1521"} & {c for c, _ in named("Ара таспалары керек.", "kk")}


def test_an_insulated_van_is_asked_of_a_fleet_that_names_one() -> None:
    warm = company("c-warm", CN, "4923", "zh", "国际汽车运输：厢式保温车，冬季可保温运输。", "ru")
    shipper = company(
        "k-sap", KZ, "1104", "ru", "Берёзовый сок. Нужен утеплённый фургон до Тачэна."
    )
    assert transport_partners(shipper, warm, TENTS) == {"c-warm"}


BROKER_CN = company(
    "c-broker", CN, "5229", "zh", "阿拉山口报关行：进出口报关、报检、转关，代办原产地证。", "ru"
)
BROKER_KZ = company(
    "k-broker", KZ, "5229", "ru", "Таможенный представитель на Достыке: декларирование экспорта."
)


def test_a_customs_broker_is_no_carrier_but_meets_the_broker_across_the_border() -> None:
    shipper = company(
        "k-ship", KZ, "0230", "kk", "Долана сатамыз. Жүк көлігі керек, 20 тонна.", "zh"
    )
    assert transport_partners(shipper, BROKER_CN, TENTS) == {"c-tents"}
    assert [s.partner_id for s in run([BROKER_KZ, BROKER_CN])[BROKER_KZ.id]] == ["c-broker"]


def test_a_college_that_teaches_customs_clearance_asks_for_colleges_not_for_a_broker() -> None:
    college = OrganizationProfile(
        id="c-college",
        side=CN,
        kind="university",
        languages=["zh", "ru"],
        texts={
            "zh": "职业技术学院：物流管理、报关与国际货运专业，寻找哈萨克斯坦合作院校，交换学生。"
        },
    )
    lawyers = company("k-law", KZ, "6910", "ru", "Юридическая фирма: регистрация компаний.", "zh")
    listed = run([college, BROKER_KZ, lawyers])[college.id]
    assert "k-broker" not in [s.partner_id for s in listed]


def test_a_chinese_request_names_the_services_after_its_verb() -> None:
    brand = company(
        "c-brand",
        CN,
        "2023",
        "zh",
        "洗衣粉生产厂家。准备进入哈萨克斯坦市场，寻找经销商；需要办理认证，包装要翻译成俄语。",
        "ru",
    )
    bureau = company(
        "k-tr", KZ, "7490", "ru", "Бюро переводов: китайский, русский, казахский.", "zh"
    )
    assert [s.partner_id for s in run([brand, bureau])[brand.id]] == ["k-tr"]


def test_directly_from_names_no_direct_reduced_iron() -> None:
    assert "7203" not in {c for c, _ in named("桦树汁卖得好，想直接从哈萨克斯坦进。", "zh")}
    assert ("7203", "offer") in named("出售直接还原铁。", "zh")


def test_a_trader_that_takes_goods_out_sells_them() -> None:
    trader = company(
        "k-td",
        KZ,
        "4690",
        "ru",
        "Торговый дом: вывозим в Китай смолу ферулы; ввозим колготки и трикотаж.",
        "zh",
    )
    pharma = company(
        "c-ph", CN, "2100", "zh", "维药厂，希望从哈萨克斯坦进口阿魏树脂，每年1吨。", "ru"
    )
    reasons = {r.kind for s in run([trader, pharma])[trader.id] for r in s.reasons}
    assert "they_need_you_offer_text" in reasons
    assert "you_need_they_offer_text" not in reasons
