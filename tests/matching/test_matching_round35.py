"""Round 35 (issue 14): the classes read on coulee and spit after their blind run.

- A museum meets a museum and a theatre a troupe, not each other; a forestry inspection that
  declares its forestry activity meets the other side's forestry bureau, not its commerce bureau.
- A goods firm that fills in a logistics item asks for transport, with a verb or without: it is
  no carrier. A project that only seeks capital ships nothing yet.
- What a buyer gets at home or makes itself, what one heard of, the crop a machine harvests,
  a fish a farm asks know-how about, and a «tracked» combine name no goods it asks for.
- Two firms that take anything and name nothing are no partners because they write alike.
"""

from __future__ import annotations

import pytest

from keruen.matching import NgramTextSimilarity

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
    run,
    transport_partners,
)

pytestmark = pytest.mark.unit


def _museum(id: str, side: str, language: str, text: str) -> O:
    return O(id=id, side=side, kind="museum", languages=[language], texts={language: text})


def _theatre(id: str, side: str, language: str, text: str) -> O:
    return O(id=id, side=side, kind="theatre", languages=[language], texts={language: text})


def test_a_museum_meets_a_museum_and_a_theatre_a_troupe_not_each_other() -> None:
    museum = _museum(
        "k-museum", KZ, "ru", "Областной краеведческий музей, Уральск: обменные выставки."
    )
    theatre = _theatre(
        "k-theatre", KZ, "kk", "Қазақ драма театры, Орал: гастрольдік алмасу, бірлескен қойылымдар."
    )
    their_museum = _museum("c-museum", CN, "zh", "克拉玛依博物馆：石油历史展览，希望交换展览。")
    troupe = _theatre("c-troupe", CN, "zh", "克拉玛依市歌舞团：希望赴哈萨克斯坦交流演出。")
    everyone = [museum, theatre, their_museum, troupe]
    found = run(everyone)
    assert [s.partner_id for s in found[museum.id]] == [their_museum.id]
    assert [s.partner_id for s in found[theatre.id]] == [troupe.id]
    assert "counterpart_body" in reason_kinds(theatre, troupe)
    # a cultural body whose field nothing names still meets the others
    centre = O(id="k-centre", side=KZ, kind="cultural", languages=["ru"], texts={"ru": "ГККП."})
    assert partners(centre, troupe) == [troupe.id]


def test_a_forestry_inspection_meets_the_forestry_bureau_not_the_commerce_bureau() -> None:
    inspection = O(
        id="k-forestry",
        side=KZ,
        kind="government",
        isic=["0210", "8413"],
        languages=["ru"],
        texts={
            "ru": "Территориальная инспекция Кызылординской области: посадки саксаула на дне "
            "Аральского моря, питомники, борьба с опустыниванием."
        },
    )
    forestry = body(
        "c-forestry",
        CN,
        "government",
        "8413",
        "zh",
        "和田地区林业和草原局：防风固沙、防护林建设，梭梭和红柳造林。",
    )
    commerce = body(
        "c-commerce",
        CN,
        "government",
        "8413",
        "zh",
        "和田地区商务局：推动特色产品出口中亚，欢迎中亚国家政府部门来和田考察、投资。",
    )
    found = run([inspection, forestry, commerce])
    assert [s.partner_id for s in found[inspection.id]] == [forestry.id]


def _reefer_carrier(side: str) -> O:
    if side == CN:
        return company(
            "c-reefer",
            CN,
            "4923",
            "zh",
            "塔城国际冷链运输公司：冷藏车往返塔城—巴克图—哈萨克斯坦（塞米伊、阿斯塔纳）。",
        )
    return company(
        "k-trucks",
        KZ,
        "4923",
        "ru",
        "Международные автоперевозки Уральск – Хоргос – Урумчи – Карамай, тенты и рефрижераторы.",
    )


@pytest.mark.parametrize(
    "shipper",
    [
        # a beef plant's logistics item names the transport it needs, with no verb
        O(
            id="k-beef",
            side=KZ,
            isic=["1010"],
            hs_offers=["0202"],
            languages=["ru"],
            texts={"ru": "Мясокомбинат в Кокшетау: замороженная говядина, халал."},
            profiles=[
                C(
                    kind="logistics",
                    text={
                        "ru": "Рефрижераторные перевозки замороженной говядины (−18 °C) "
                        "Кокшетау – Семей – Бахты – Тачэн."
                    },
                )
            ],
        ),
        # a refinery's item asks for a carrier with 求承运商
        O(
            id="c-asphalt",
            side=CN,
            isic=["1920"],
            hs_offers=["271320"],
            languages=["zh"],
            texts={"zh": "克拉玛依石化：道路沥青、变压器油。"},
            profiles=[
                C(
                    kind="logistics",
                    text={
                        "zh": "桶装、吨袋沥青运往哈萨克斯坦西部（乌拉尔斯克），汽运或铁路均可，"
                        "求承运商。"
                    },
                )
            ],
        ),
    ],
)
def test_a_goods_firms_logistics_item_asks_for_transport(shipper: O) -> None:
    carrier = _reefer_carrier(KZ if shipper.side == CN else CN)
    kinds = reason_kinds(shipper, carrier)
    assert "transport_they_provide" in kinds
    # it is no carrier: a goods firm of the other side is not told it carries their goods
    other = company(
        "x-goods",
        carrier.side,
        "1061",
        "ru",
        "Мукомольный завод: мука в мешках, отгружаем в Казахстан и Китай.",
    )
    assert not {"logistics_you_provide", "logistics_they_provide"} & set(
        reason_kinds(shipper, other)
    )


def test_a_project_that_only_seeks_capital_ships_nothing_for_a_carrier() -> None:
    park = O(
        id="c-grainpark",
        side=CN,
        isic=["1061", "5210"],
        languages=["ru"],
        texts={
            "ru": "Проект у перехода Бахты: мукомольный завод и склад зерна в Тачэне, ищем "
            "инвестора."
        },
        profiles=[C(kind="investment_sought", isic=["1061", "5210"], text={"zh": "寻求投资。"})],
    )
    forwarder = company(
        "k-forwarder",
        KZ,
        "5229",
        "ru",
        "Экспедиторская компания: сборные грузы Тачэн – Кокшетау, склад консолидации.",
    )
    found = run([forwarder, park], text_similarity=NgramTextSimilarity())
    kinds = {r.kind for s in found[forwarder.id] for r in s.reasons}
    assert not {"logistics_you_provide", "logistics_they_provide"} & kinds
    # the guard: the flour mill the park will be, already milling, is the carrier's customer
    mill = company(
        "c-mill", CN, "1061", "ru", "Мукомольный завод в Тачэне: мука, склад, отгрузки в Кокшетау."
    )
    found = run([forwarder, mill], text_similarity=NgramTextSimilarity())
    assert "logistics_you_provide" in {r.kind for s in found[forwarder.id] for r in s.reasons}


@pytest.mark.parametrize(
    ("text", "language", "not_asked"),
    [
        # bought at home, with no need to import
        ("阀门等物资均在疆内采购，暂无进口需求。", "zh", "8481"),
        # made in-house
        ("Ищем заказчиков среди нефтяников, литьё и поковки делаем сами.", "ru", "7326"),
        # what one heard of
        ("Қытайдың шағын комбайндары батпақ алқапқа ыңғайлы деп естідік.", "kk", "8433"),
        # the crop a combine harvests, and a tracked combine that is no bream
        ("Шынжыр табанды күріш орағыш комбайн керек.", "kk", "1006"),
        ("Шынжыр табанды күріш орағыш комбайн керек.", "kk", "0302"),
        # the bakeries a wholesaler supplies (馕坑, a naan oven, names them)
        ("面粉批发，供应和田各县的馕坑、餐馆和学校食堂。", "zh", "8417"),
        # the fish a farm asks know-how about
        ("需要盐碱水养鱼的技术指导。", "zh", "0302"),
        ("Нужна технология выращивания хлопка.", "ru", "5201"),
        ("Балық өсіру технологиясы керек.", "kk", "0302"),
    ],
)
def test_goods_named_beside_a_need_that_is_not_theirs_are_not_asked(
    text: str, language: str, not_asked: str
) -> None:
    found = named(text, language)
    assert (not_asked, "need") not in found
    assert (not_asked, "offer") not in found


@pytest.mark.parametrize(
    ("text", "language", "asked"),
    [
        # the guards: the combine itself, the fingerlings, the tomatoes bought for processing,
        # the machines of a process, the cotton a mill buys for its yarn
        ("Шынжыр табанды күріш орағыш комбайн керек.", "kk", "8433"),
        ("需要适应咸水的优质鱼苗，也需要盐碱水养鱼的技术指导。", "zh", "0301"),
        ("Закупаем томаты для переработки.", "ru", "0702"),
        ("Нужна технология и оборудование для переработки томатов.", "ru", "8438"),
        ("Нужен хлопок для производства пряжи.", "ru", "5201"),
    ],
)
def test_the_goods_a_need_names_are_still_asked(text: str, language: str, asked: str) -> None:
    assert (asked, "need") in named(text, language)


def _writes_russian(id: str, side: str, text: str) -> O:
    """An organization with no code that writes one Russian text."""
    return O(id=id, side=side, languages=["ru"], texts={"ru": text})


def test_two_firms_that_take_anything_are_no_partners_for_writing_alike() -> None:
    ours = _writes_russian(
        "k-vague", KZ, "Рассмотрим любые предложения о сотрудничестве с китайскими партнёрами."
    )
    theirs = _writes_russian(
        "c-vague", CN, "Рассмотрим любые предложения о сотрудничестве с казахстанскими партнёрами."
    )
    found = run([ours, theirs], text_similarity=NgramTextSimilarity())
    assert found[ours.id] == []
    # the guard: a firm that names what it makes still meets one that writes alike
    felt = _writes_russian(
        "k-felt", KZ, "Мастерская: войлочные юрты и ковры ручной работы, ищем покупателей."
    )
    buyer = _writes_russian(
        "c-felt", CN, "Сувенирный магазин: ищем войлочные юрты и ковры ручной работы."
    )
    found = run([felt, buyer], text_similarity=NgramTextSimilarity())
    assert [s.partner_id for s in found[felt.id]] == [buyer.id]


def test_every_row_of_the_matching_tables_fills_exactly_its_columns() -> None:
    """A comma inside a name («1,4-бутандиол», "engineering, procurement and construction")
    splits the row: the rest of the names is lost and a stray piece («1», «engineering»)
    becomes a name of its own. Such cells are quoted."""
    import csv

    from keruen.matching.features import DATA_DIR

    broken = []
    for path in sorted(DATA_DIR.glob("*.csv")):
        lines = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        for number, row in enumerate(csv.DictReader(lines), start=2):
            if None in row or None in row.values():
                broken.append(f"{path.name}: data row {number}")
    assert broken == []


def _pomegranates() -> O:
    return company(
        "c-pomegranate",
        CN,
        "0125",
        "zh",
        "皮山县石榴专业合作社：新鲜石榴，想出口中亚，需要冷链运输（冷藏车），寻找哈萨克斯坦的水果进口商。",
    )


def test_a_forwarder_that_finds_the_vehicle_for_each_load_carries_fruit_by_reefer() -> None:
    forwarder = company(
        "k-forwarder",
        KZ,
        "5229",
        "ru",
        "Экспедиторская компания (Кызылорда): Кашгар – Иркештам – Ош – Шымкент, ж/д контейнеры "
        "через Алтынколь, сборные грузы из Урумчи. Подбираем транспорт под груз, оформляем "
        "документы.",
    )
    # the guard: a road-and-rail operator of one line is no reefer carrier
    operator = company(
        "k-rail",
        KZ,
        "5229",
        "ru",
        "Мультимодальные перевозки Кашгар – Ош – Андижан (авто + ж/д), контейнерные поезда.",
    )
    assert forwarder.id in transport_partners(_pomegranates(), forwarder, operator)
    assert operator.id not in transport_partners(_pomegranates(), forwarder, operator)


def test_a_project_that_seeks_capital_and_a_contractor_meets_the_engineers() -> None:
    project = O(
        id="k-gpz",
        side=KZ,
        isic=["0620", "1920"],
        languages=["ru"],
        texts={
            "ru": "Проект газоперерабатывающего завода в Аксае: есть ТЭО и участок. Ищем инвестора "
            "в капитал и EPC-подрядчика с опытом установок сероочистки."
        },
        profiles=[C(kind="investment_sought", isic=["0620"], text={"ru": "Инвестор и EPC."})],
    )
    engineers = company(
        "c-design",
        CN,
        "7110",
        "zh",
        "石油工程设计公司（克拉玛依）：天然气处理厂设计与EPC总承包，寻找中亚天然气处理项目。",
    )
    assert "service_they_provide" in reason_kinds(project, engineers)
    # the guard: a cold-store project asks for no warehouse (it is one)
    cold = O(
        id="c-coldproj",
        side=CN,
        languages=["zh"],
        texts={"zh": "冷链物流仓储项目：冷库3万吨，寻求投资方或合资伙伴。"},
        profiles=[C(kind="investment_sought", isic=["5210"], text={"zh": "冷库项目，寻求投资。"})],
    )
    terminal = company(
        "k-terminal", KZ, "5210", "ru", "Склад и терминал в Алматы: ответственное хранение."
    )
    assert "service_you_provide" not in reason_kinds(terminal, cold)


def test_seeking_asks_and_a_project_buys_what_it_names_beside_its_declared_need() -> None:
    seeking = "Seeking an equity investor, EPC, PV modules, inverters."
    assert ("8504", "need") in named(seeking, "en")
    # the guard: one that seeks buyers still sells
    assert ("5201", "offer") in named("Seeking buyers for our cotton lint.", "en")
    project = O(
        id="k-solar",
        side=KZ,
        isic=["3510"],
        hs_needs=["854143"],
        languages=["ru"],
        texts={
            "ru": "Проект солнечной электростанции 100 МВт: аукцион выигран. Ищем инвестора, "
            "поставщиков панелей и инверторов, металлоконструкций для креплений панелей."
        },
        profiles=[C(kind="investment_sought", isic=["3510"], text={"ru": "СЭС: инвестор."})],
    )
    steel = company(
        "c-steel",
        CN,
        "2511",
        "zh",
        "和田钢结构公司：钢结构厂房、光伏支架的设计、加工和安装，可以出口到哈萨克斯坦。",
    )
    assert partners(project, steel) == [steel.id]


def test_takes_is_no_beret() -> None:
    found = named("Нужны инвестиции, часть берёт на себя местный фонд.", "ru")
    assert not {code for code, _ in found} & {"6505", "6506"}
    assert ("6505", "need") in named("Закупаем шапки и головные уборы.", "ru")


def test_a_naan_oven_maker_still_sells_ovens() -> None:
    assert ("8417", "offer") in named("生产馕坑，出口哈萨克斯坦。", "zh")
