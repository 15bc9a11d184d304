"""Round 31 (issue 14): the strong pairs the read parts still missed, by class.

- A request for rail containers or a flatcar («需要铁路集装箱发到克孜勒奥尔达»), for rail capacity
  (需要铁路运力), for a less-than-truckload shipment (需要零担发到希姆肯特) or for a dispatch
  («ищем ж/д отправку контейнеров») asks for transport, not for containers to buy; «фуры или
  вагоны» and 汽车或铁路 name road as well as rail.
- A rail operator that registers a terminal of its own still hands its trains to a terminal on
  the other side (Alashankou's gauge-change operator and Dostyk's terminal); an airport's cargo
  terminal handles what air-cargo agents fly and what a crab farm asks to send by air.
- A forwarder that asks for a customs broker meets one although both are ISIC 5229; a driller that
  asks for drilling-fluid service meets a mud company although both are 091.
- «清油» is vegetable oil; "we want …" asks; «везём из Польши» brings in.
"""

from __future__ import annotations

import pytest

from keruen.i18n import get_translations
from keruen.matching import render_reason
from keruen.matching.features import asked_services, extract
from keruen.matching.hs_text import default_heading_lexicon

from .helpers import CN, KZ, company, named, reason_kinds, run, transport_partners

pytestmark = pytest.mark.unit


TERMINAL = company(
    "k-terminal",
    KZ,
    "5224",
    "ru",
    "Контейнерный терминал станции Кызылорда: приём контейнеров из Китая, выгрузка, склад.",
    "zh",
)
RAIL = company(
    "k-rail",
    KZ,
    "4912",
    "ru",
    "Железнодорожный оператор: фитинговые платформы, перевозки от Достыка до Атырау.",
    "zh",
)
TRUCKS = company(
    "k-trucks",
    KZ,
    "4923",
    "ru",
    "Международные автоперевозки Шымкент – Хоргос – Корла, тенты 90 м3.",
    "zh",
)


@pytest.mark.parametrize(
    "text",
    [
        "纺纱厂，精梳棉纱，出口中亚。需要铁路集装箱发到克孜勒奥尔达。",
        "输变电铁塔厂，角钢塔。给哈萨克斯坦发货需要铁路平板车或集装箱到阿特劳。",
        "铜精矿贸易公司，货在多斯特克换装，需要铁路运力。",
        "节庆用品批发，货量大，想用铁路集装箱发到阿雷斯。",
    ],
)
def test_rail_containers_asked_for_are_transport_not_goods(text: str) -> None:
    shipper = company("c-shipper", CN, "1311", "zh", text, "ru")
    features = extract(shipper, default_heading_lexicon())
    assert features.seeks_transport
    assert "8609" not in features.inferred_needs  # no containers to buy
    assert "rail" in features.seeks_modes
    # a rail container goes by train and is handled at a terminal: both serve it
    assert transport_partners(shipper, TERMINAL, RAIL) == {"k-terminal", "k-rail"}


@pytest.mark.parametrize(
    "text",
    [
        "Мельница: мука высшего сорта. Ищем перевозчика в Кашгар, фуры 20 т или вагоны.",
        "番茄制品厂，大桶番茄酱。需要发往奇姆肯特的汽车或铁路集装箱运输。",
    ],
)
def test_trucks_or_wagons_asked_for_are_served_by_road_and_by_rail(text: str) -> None:
    language = "zh" if "番" in text else "ru"
    shipper = company("c-shipper", CN, "1061", language, text, "ru", "zh")
    assert transport_partners(shipper, TRUCKS, RAIL) == {"k-trucks", "k-rail"}


def test_a_less_than_truckload_dispatch_asks_for_a_road_carrier() -> None:
    soles = company(
        "c-soles", CN, "1520", "zh", "鞋底厂，男鞋大底。出口哈萨克斯坦需要零担发到希姆肯特。", "ru"
    )
    assert transport_partners(soles, TRUCKS) == {"k-trucks"}


def test_furniture_fittings_are_no_truck() -> None:
    # «фур» inside «фурнитура» names no road transport
    shop = company("k-shop", KZ, "4759", "ru", "Ищем поставщика мебельной фурнитуры, доставка ж/д.")
    assert "road" not in extract(shop, default_heading_lexicon()).seeks_modes


ALASHANKOU = company(
    "c-alarail",
    CN,
    "4912",
    "zh",
    "阿拉山口铁路口岸运营公司：宽轨换装、中欧班列、敞车和漏斗车货物接卸，对接多斯特克。",
    "ru",
).model_copy(update={"isic": ("4912", "5224")})
DOSTYK = company(
    "k-dostyk",
    KZ,
    "5224",
    "ru",
    "Терминал на станции Достык: перегрузка с колеи 1520 на 1435, навалочные грузы и контейнеры.",
    "zh",
)


def test_a_rail_operator_with_a_terminal_of_its_own_hands_its_trains_to_a_terminal() -> None:
    assert "corridor_partners" in reason_kinds(ALASHANKOU, DOSTYK)
    assert "corridor_partners" in reason_kinds(DOSTYK, ALASHANKOU)


def test_two_terminals_stay_peers() -> None:
    # neither runs trains: same mode, partners on a route or competitors, not a handover
    other = DOSTYK.model_copy(update={"id": "c-terminal", "side": CN})
    assert "corridor_partners" not in reason_kinds(DOSTYK, other)


AIRPORT = company(
    "k-airport",
    KZ,
    "5223",
    "ru",
    "Грузовой терминал международного аэропорта Туркестан: скоропортящиеся грузы, живая рыба.",
    "zh",
)


def test_an_airports_cargo_terminal_serves_a_request_to_send_by_air() -> None:
    crab = company(
        "c-crab",
        CN,
        "0322",
        "zh",
        "博斯腾湖河蟹养殖合作社，活蟹必须空运，找能飞突厥斯坦、阿拉木图的航空货运。",
        "ru",
    )
    assert transport_partners(crab, AIRPORT, TRUCKS) == {"k-airport"}


def test_an_air_cargo_agent_and_an_airports_cargo_terminal_are_partners() -> None:
    agent = company(
        "c-airagent", CN, "5229", "zh", "库尔勒机场航空货运代理：活鲜空运，寻找中亚航线的合作方。"
    )
    assert "corridor_partners" in reason_kinds(agent, AIRPORT)
    assert "corridor_partners" in reason_kinds(AIRPORT, agent)


BROKER = company(
    "k-broker",
    KZ,
    "5229",
    "ru",
    "Таможенный представитель в Алматы: декларирование импорта и экспорта, сертификаты ЕАЭС.",
    "zh",
)
FORWARDER = company(
    "c-forwarder",
    CN,
    "5229",
    "zh",
    "国际货运代理，乌鲁木齐。中亚五国门到门，整车、零担都能安排。寻找阿拉木图的清关公司。",
    "ru",
)


def test_a_forwarder_that_asks_for_customs_clearance_meets_a_customs_broker() -> None:
    assert "service_they_provide" in reason_kinds(FORWARDER, BROKER)
    assert "service_you_provide" in reason_kinds(BROKER, FORWARDER)


def test_a_forwarder_that_clears_goods_itself_asks_for_no_broker() -> None:
    clears = FORWARDER.model_copy(
        update={"texts": {"zh": "国际货运代理，门到门，整车、零担，代理报关。寻找阿拉木图的客户。"}}
    )
    assert not extract(clears, default_heading_lexicon()).services_asked


def test_another_forwarder_is_no_customs_broker() -> None:
    # a 5229 forwarder whose texts name no customs clearance does not provide it
    other = FORWARDER.model_copy(
        update={
            "id": "k-fwd",
            "side": KZ,
            "texts": {"ru": "Экспедитор в Алматы: автоперевозки Китай – Казахстан, сборные грузы."},
        }
    )
    assert "service_they_provide" not in reason_kinds(FORWARDER, other)


def test_a_driller_that_asks_for_drilling_fluid_service_meets_a_mud_company() -> None:
    driller = company(
        "k-drill",
        KZ,
        "0910",
        "ru",
        "Буровая компания, Жанаозен: 9 станков, бурим эксплуатационные скважины. На новые "
        "контракты ищем сервис по буровым растворам.",
        "zh",
    )
    mud = company(
        "c-mud",
        CN,
        "0910",
        "zh",
        "钻井液技术服务公司：钻井液现场服务，处理剂供应，哈萨克斯坦有项目。",
        "ru",
    )
    assert "service_they_provide" in reason_kinds(driller, mud)
    # the mud company asked for nothing of the driller's
    assert not asked_services(["钻井液技术服务公司：钻井液现场服务。"], {"091": "0910"})


@pytest.mark.parametrize(
    ("text", "language", "heading"),
    [
        ("馕坑作坊，每天用面粉3吨、清油200公斤，一直从外地进。", "zh", "1512"),
        ("We want automatic waterless cleaning robots for our solar plant.", "en", "8479"),
        ("Мицелий шампиньона везём из Польши, дорого и долго.", "ru", "0602"),
        ("本地做不出正宗的哈萨克族演出服，想找哈萨克斯坦的厂家定做60套。", "zh", "9505"),
        ("Закупаем сушёный боярышник, 20 т.", "ru", "0813"),
    ],
)
def test_goods_asked_for_in_words_read_this_round(text: str, language: str, heading: str) -> None:
    assert (heading, "need") in named(text, language)


def test_we_want_to_sell_asks_for_nothing() -> None:
    assert ("5101", "need") not in named("We want to export wool to China.", "en")


def test_the_mushrooms_named_with_their_mycelium_are_not_asked_for() -> None:
    assert ("0709", "need") not in named("Мицелий шампиньона везём из Польши.", "ru")


def test_a_nursery_offers_its_saplings() -> None:
    assert ("0602", "offer") in named("林业苗圃：新疆杨、白榆大苗，供城市绿化。", "zh")


def test_an_airports_cargo_terminal_is_no_carrier_for_a_load_that_names_no_air() -> None:
    jerky = company(
        "c-jerky", CN, "1010", "ru", "Вяленая говядина, халал. Ищем перевозчика до Алматы.", "zh"
    )
    assert transport_partners(jerky, AIRPORT, TRUCKS) == {"k-trucks"}


FLEET_FORWARDER = company(
    "c-fwd",
    CN,
    "5229",
    "zh",
    "国际货运代理，乌鲁木齐，中亚五国门到门，整车、零担都能安排。寻找阿拉木图的合作车队。",
)


@pytest.mark.parametrize(
    ("locale", "seeker_reads", "fleet_reads"),
    [
        ("zh", "贵方在寻找合作车队", "对方在寻找合作车队"),
        ("ru", "Вы ищете перевозчиков-партнёров", "Они ищут перевозчиков-партнёров"),
        ("kk", "Сіз серіктес тасымалдаушыларды іздейсіз", "Олар серіктес тасымалдаушыларды"),
        ("en", "You are looking for partner fleets", "They are looking for partner fleets"),
    ],
)
def test_a_fleet_reason_says_who_asked_for_a_fleet(
    locale: str, seeker_reads: str, fleet_reads: str
) -> None:
    found = run([FLEET_FORWARDER, TRUCKS])
    translations = get_translations(locale, domain="matching")

    def text(reader: str) -> str:
        (suggestion,) = found[reader]
        return " ".join(
            render_reason(r, translations, lambda code, loc: code, locale=locale)
            for r in suggestion.reasons
        )

    assert seeker_reads in text("c-fwd")
    assert fleet_reads in text("k-trucks")


def test_a_kazakh_name_that_begins_with_by_itself_is_read_whole() -> None:
    # «өздігінен» (by itself) is an adverb, not a source in the ablative: self-heating rice is
    # no rice
    found = named("Латяо және өздігінен қызатын күріш керек.", "kk")
    assert ("1904", "need") in found
    assert ("1006", "need") not in found


def test_a_batch_of_what_the_clause_before_named_is_asked_for() -> None:
    text = "连锁药店。顾客常问哈萨克斯坦的草本药膏、香膏，想进一批试试。"
    assert ("3004", "need") in named(text, "zh")
    assert ("3004", "offer") not in named(text, "zh")


def test_a_maker_that_wants_to_try_a_batch_still_offers_what_it_makes() -> None:
    assert ("2002", "offer") in named("我们生产番茄酱，想进一批试试。", "zh")
