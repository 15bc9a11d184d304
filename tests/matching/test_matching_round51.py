"""Rounds 51–52 (issue 14): the classes read on sill, dyke, bar and spur after their blind runs.

- Reefer containers asked for («нужны рефконтейнеры по ж/д») ask for transport, and by rail.
- A shipping line and a port's terminal hand freight over; a forwarder books a reefer fleet.
- A Kazakh sentence that seeks buyers of what it names offers it («…сатып алушылар іздейміз»).
- Desalination plants and shrimp post-larvae by name; «на морской воде» names no vegetables.
- A grower that mills its own crop buys no other farm's crop (a millet co-op, a wheat farm).
- Road tankers asked for ask for a road carrier; a forwarder's containers «через Достык» go by
  rail (it is no reefer fleet).
- Two zones' administrations (a textile SEZ, a free-trade zone) are counterparts.
- Battery storage by name; «Хотим стать официальным дилером завода» asks for the maker's cars.
"""

from __future__ import annotations

import pytest

from keruen.matching import features

from .helpers import CN, KZ, C, O, company, named, partners, reason_kinds, transport_partners

pytestmark = pytest.mark.unit


def test_reefer_containers_asked_for_ask_for_transport_by_rail() -> None:
    fish = company(
        "k-fish",
        KZ,
        "1020",
        "ru",
        "Рыбозавод: судак, сазан. Хотим экспортировать в Китай — нужны рефконтейнеры по ж/д.",
        "zh",
    )
    rail = company("c-rail", CN, "4912", "zh", "班列公司：冷藏集装箱铁路运输，发往阿拉木图。", "ru")
    assert transport_partners(fish, rail) == {"c-rail"}


def test_a_shipping_line_and_a_port_hand_freight_over() -> None:
    line = company(
        "c-line",
        CN,
        "5012",
        "zh",
        "海南航运公司：洋浦至连云港集装箱航线，海铁联运到阿克套，可跨里海到巴库。",
        "ru",
    )
    port = company(
        "k-port", KZ, "5222", "ru", "Морской порт Актау: контейнерный терминал, паромы.", "zh"
    )
    assert "corridor_partners" in reason_kinds(line, port)


def test_a_forwarder_books_a_reefer_fleet() -> None:
    reefers = company(
        "c-cold",
        CN,
        "4923",
        "zh",
        "冷链物流公司：冷藏车120台，想开拓中亚线路，寻找哈萨克斯坦的冷链回程货。",
        "ru",
    )
    forwarder = company(
        "k-fwd",
        KZ,
        "5229",
        "ru",
        "Экспедитор: контейнеры из Китая по ж/д через Хоргос, рефконтейнеры, паром на Баку.",
        "zh",
    )
    assert "corridor_partners" in reason_kinds(forwarder, reefers)


def test_a_kazakh_sentence_that_seeks_buyers_offers_what_it_names() -> None:
    text = "Уылдырық пен бекіре етін сатып алушылар іздейміз."
    found = named(text, "kk")
    assert ("1604", "offer") in found
    assert ("1604", "need") not in found
    assert ("2309", "need") in named("Жем керек, сатып алушылар да іздейміз.", "kk")


def test_desalination_plants_and_shrimp_seed_by_name() -> None:
    text = "Переходим на обратный осмос — ищем поставщика опреснительных установок и мембран."
    assert ("8421", "need") in named(text, "ru")
    assert ("0306", "need") in named("Ищем поставщика постличинок (наупли) и кормов.", "ru")
    assert named("Нужен опыт работы на морской воде.", "ru") == set()


def test_a_grower_with_its_own_mill_buys_no_other_farms_grain() -> None:
    millet = O(
        id="c-millet",
        side=CN,
        isic=["0111", "1061"],
        hs_offers=["100829"],
        languages=["zh", "ru"],
        texts={"zh": "杂粮合作社：小米、荞麦。寻找中亚进口商。"},
    )
    wheat = company("k-farm", KZ, "0111", "ru", "Зерновое хозяйство: пшеница 3 класса.", "zh")
    assert partners(wheat, millet) == []


def test_road_tankers_asked_for_ask_for_a_road_carrier() -> None:
    oil = company(
        "k-oil",
        KZ,
        "1040",
        "ru",
        "Маслозавод: подсолнечное масло. Ищем перевозчика: флекситанки по железной дороге "
        "или автоцистерны до Китая.",
        "zh",
    )
    trucks = company(
        "c-road", CN, "4923", "zh", "公路物流公司：80辆半挂车，山西到霍尔果斯专线。", "ru"
    )
    assert transport_partners(oil, trucks) == {"c-road"}


def test_a_forwarders_containers_through_dostyk_go_by_rail() -> None:
    forwarder = O(
        id="k-fwd",
        side=KZ,
        isic=["5229"],
        languages=["ru", "zh"],
        texts={
            "ru": "Экспедиторская компания: контейнеры из Тяньцзиня через Достык, сборные "
            "грузы, рефконтейнеры."
        },
    )
    found = features.extract(forwarder)
    assert "rail" in found.modes
    assert not found.cold_only
    shop = company(
        "c-shop",
        CN,
        "4711",
        "zh",
        "进口商品中心：想进口哈萨克斯坦的糖果、蜂蜜。需要物流伙伴，用铁路集装箱把货运到天津。",
        "ru",
    )
    assert transport_partners(shop, forwarder) == {"k-fwd"}


def test_two_zones_administrations_are_counterparts() -> None:
    sez = O(
        id="k-sez",
        side=KZ,
        kind="government",
        languages=["ru", "zh"],
        texts={
            "ru": "Управляющая компания СЭЗ «Оңтүстік»: зона для текстильной промышленности, "
            "приглашаем инвесторов."
        },
    )
    fta = O(
        id="c-fta",
        side=CN,
        kind="government",
        languages=["zh"],
        texts={"zh": "中国（天津）自由贸易试验区管理委员会：希望与哈萨克斯坦的经济特区合作。"},
    )
    assert "counterpart_body" in reason_kinds(sez, fta)


def test_battery_storage_and_a_dealer_that_wants_a_makers_cars() -> None:
    solar = O(
        id="k-solar",
        side=KZ,
        languages=["ru"],
        profiles=[
            C(
                kind="investment_sought",
                isic=["3510"],
                text={"ru": "СЭС 100 МВт, ищем поставщиков аккумуляторных систем хранения."},
            )
        ],
    )
    assert ("8507", "need") in named(solar.profiles[0].text["ru"], "ru")
    dealer = company(
        "k-dealer",
        KZ,
        "4510",
        "ru",
        "Автосалон: продаём китайские автомобили (кроссоверы, лёгкие грузовики). Хотим стать "
        "официальным дилером завода из Аньхоя.",
        "zh",
    )
    maker = O(
        id="c-cars",
        side=CN,
        isic=["2910"],
        hs_offers=["8703", "8704"],
        languages=["zh", "ru"],
        texts={"zh": "汽车企业：SUV、轻型卡车，寻找哈萨克斯坦经销商。"},
    )
    assert "c-cars" in partners(dealer, maker)
