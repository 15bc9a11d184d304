"""Round 32 (issue 14): the strong pairs the read parts still missed, by class.

- An everyday name that holds words read as no goods (a material after «из», a Kazakh ablative,
  «…ға арналған», «тұздалған») was never met, because those words left the text before the
  names were read: «браслеты из натурального камня», «тастан жасалған білезіктер», «титан
  кені», «тұздалған балық» (120 forms of the lexicon).
- A name that holds «для» is met in its other case endings («автомат для чая в фильтр-пакетах»).
- «бір» (one) names no containers; hawthorn sweets are candied fruit or fruit paste.
"""

from __future__ import annotations

import pytest

from keruen.matching.features import extract
from keruen.matching.hs_text import default_heading_lexicon

from .helpers import CN, KZ, C, O, company, named, partners, reason_kinds

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("language", "text", "heading", "not_heading"),
    [
        # bracelets of stone are articles of semi-precious stones, not (only) jewellery
        ("kk", "Табиғи тастан жасалған білезіктер сатып аламыз.", "7116", "7113"),
        ("ru", "Закупаем браслеты из натурального камня оптом.", "7116", "7113"),
        # a Kazakh noun that ends as an ablative is no ablative: titanium ore, molybdenum
        ("kk", "Титан кені мен молибден концентратын сатамыз.", "2614", None),
        ("kk", "Титан кені мен молибден концентратын сатамыз.", "2613", None),
        # «тұздалған» (salted) is no land turned salty
        ("kk", "Тұздалған балық сатып аламыз.", "0305", None),
        ("ru", "Закупаем изделия из нефрита для сувенирного магазина.", "7116", None),
    ],
)
def test_names_that_hold_words_read_as_no_goods_are_met(
    language: str, text: str, heading: str, not_heading: str | None
) -> None:
    found = {code for code, _ in named(text, language)}
    assert heading in found
    if not_heading:
        assert not_heading not in found


def test_a_material_after_goods_still_names_no_goods() -> None:
    # the guard: «из местной шерсти производим войлок» sells felt, not wool
    found = named("Из местной шерсти производим войлок.", "ru")
    assert ("5602", "offer") in found
    assert not {code for code, _ in found} & {"5101", "5105"}


def test_a_name_with_для_is_met_in_other_case_endings() -> None:
    found = named(
        "Фасуем вручную, не успеваем — ищем автомат для чая в фильтр-пакетах с ниткой.", "ru"
    )
    assert ("8422", "need") in found


def test_one_names_no_containers() -> None:
    found = named("Кәдесый дүкені. Тас мүсіншелер аламыз, бір маусымға 2000 дана.", "kk")
    assert "8609" not in {code for code, _ in found}


def test_a_souvenir_shop_meets_the_stone_cutter_that_sells_bracelets() -> None:
    shop = company(
        "k-souvenir",
        KZ,
        "4773",
        "kk",
        "Бурабайдағы кәдесый дүкені. Табиғи тастан жасалған білезіктер, моншақтар аламыз, "
        "көтерме, бір маусымға 2000 дана.",
    )
    cutter = company(
        "c-gems", CN, "3211", "zh", "宝石加工厂：海蓝宝、碧玺原石切磨，裸石、手串批发，可出口。"
    )
    assert partners(shop, cutter) == ["c-gems"]


def test_a_tea_packer_meets_the_dealer_of_tea_bag_machines() -> None:
    tea = company(
        "k-phytotea",
        KZ,
        "1079",
        "ru",
        "Фиточаи: мята, чабрец. Фасуем вручную — ищем автомат для чая в фильтр-пакетах "
        "с ниткой и ярлычком, можно б/у.",
    )
    dealer = company("c-packmach", CN, "4659", "zh", "包装机械门市：袋泡茶包装机、颗粒包装机。")
    assert partners(tea, dealer) == ["c-packmach"]


def test_a_sweets_shop_meets_the_hawthorn_confectioner() -> None:
    shop = company(
        "k-sweets",
        KZ,
        "4721",
        "kk",
        "Тәттілер дүкені. Қытайдың долана пастиласы мен долана кәмпиттері жақсы өтеді, "
        "көтерме аламыз, айына 300 кг.",
    )
    maker = company("c-hawthorn", CN, "1030", "zh", "山楂制品厂：山楂片、山楂卷、山楂糕。")
    assert partners(shop, maker) == ["c-hawthorn"]


# ---- round 32b: the classes a blind oil-region sheet (Atyrau ↔ Karamay) showed


def _org(id: str, side: str, isic: list[str], texts: dict[str, str], **more: object) -> O:
    return O(id=id, side=side, isic=isic, languages=list(texts), texts=texts, **more)


def test_two_chambers_of_commerce_are_counterpart_bodies() -> None:
    chamber = _org(
        "k-chamber", KZ, [], {"ru": "Палата предпринимателей: бизнес-миссии, B2B."}, kind="chamber"
    )
    ccpit = _org("c-ccpit", CN, [], {"zh": "贸促会：组织企业出国参展、原产地证。"}, kind="chamber")
    assert chamber.kind == "association"
    assert "counterpart_body" in reason_kinds(chamber, ccpit)


def test_capital_offered_in_words_meets_a_project_of_its_sector() -> None:
    project = _org(
        "k-polyproj",
        KZ,
        ["2013"],
        {"ru": "Проект завода полиэтилена. Ищем стратегического инвестора."},
        profiles=[C(kind="investment_sought", isic=["2013"], text={"ru": "Завод полиэтилена."})],
    )
    fund = _org(
        "c-fund",
        CN,
        ["6430"],
        {"zh": "产业投资基金：投资炼化、化工新材料项目。"},
        profiles=[C(kind="investment_offered", text={"zh": "炼化、化工新材料项目投资。"})],
    )
    hotel_fund = _org(
        "c-hotelfund",
        CN,
        ["6430"],
        {"zh": "旅游投资基金。"},
        profiles=[C(kind="investment_offered", text={"zh": "投资酒店和度假村项目。"})],
    )
    assert partners(project, fund) == ["c-fund"]
    assert "profile_they_offer" in reason_kinds(project, fund)
    assert partners(project, hotel_fund) == []  # another sector: wrong


def test_a_project_that_names_its_sector_in_words_meets_the_investor_of_that_sector() -> None:
    project = _org(
        "c-bonded",
        CN,
        [],
        {"zh": "综合保税区冷链及保税仓储物流中心项目，寻求股权投资。"},
        profiles=[C(kind="investment_sought", text={"zh": "冷链及保税仓储物流中心。"})],
    )
    investor = _org(
        "k-investor",
        KZ,
        ["6499"],
        {"en": "Family office investing in logistics and warehousing."},
        profiles=[
            C(kind="investment_offered", text={"en": "Terminals, bonded and cold warehouses."})
        ],
    )
    assert partners(investor, project) == ["c-bonded"]


def test_an_operator_that_replaces_pumps_every_year_buys_them() -> None:
    operator = company(
        "k-mature",
        KZ,
        "0610",
        "ru",
        "Нефтедобывающая компания, 900 скважин. Ежегодно меняем станки-качалки, штанговые "
        "глубинные насосы и насосные штанги.",
    )
    assert ("8413", "need") in named(operator.texts["ru"], "ru")
    pumps = _org("c-pump", CN, ["2813"], {"zh": "游梁式抽油机、抽油泵。"}, hs_offers=["841350"])
    assert partners(operator, pumps) == ["c-pump"]


def test_a_tender_that_invites_drillers_asks_for_drilling_not_for_rigs() -> None:
    tender = _org(
        "k-tender",
        KZ,
        ["0610"],
        {
            "ru": "Объявляем тендер на бурение трёх разведочных скважин под ключ. Приглашаем "
            "буровых подрядчиков с опытом работы в Казахстане."
        },
    )
    assert not {code for code, _ in named(tender.texts["ru"], "ru")} & {"8430", "7228", "8431"}
    driller = _org("c-drilling", CN, ["0910"], {"zh": "钻井工程公司，8台钻机。承揽钻井总包。"})
    assert "service_they_provide" in reason_kinds(tender, driller)


def test_a_request_item_asks_for_the_specialty_it_names_without_a_verb() -> None:
    driller = _org(
        "c-drilling",
        CN,
        ["0910"],
        {"zh": "钻井工程公司，在哈萨克斯坦有8台钻机作业，承揽钻井总包。"},
        profiles=[
            C(
                kind="business_request",
                text={"ru": "Субподрядчики: цементирование, испытание скважин."},
            )
        ],
    )
    cementer = _org(
        "k-cement",
        KZ,
        ["0910"],
        {"ru": "Нефтесервис: цементирование, освоение и испытание скважин, 4 флота."},
    )
    assert "service_they_provide" in reason_kinds(driller, cementer)
    # a driller's own rigs are its equipment, no goods it sells
    features = extract(driller, default_heading_lexicon())
    assert "8430" not in features.inferred_offers


def test_goods_named_in_the_chapter_of_a_declared_offer_are_offered() -> None:
    maker = _org(
        "c-wellhead",
        CN,
        ["2813"],
        {"zh": "井口装置、采油树、闸阀、节流压井管汇，API 6A认证。寻找哈萨克斯坦经销商。"},
        hs_offers=["8430"],
    )
    dealer = _org(
        "k-valves",
        KZ,
        ["4659"],
        {"ru": "Дистрибьютор. Ищем производителя фонтанной арматуры и колонных головок."},
        hs_needs=["848180"],
    )
    assert partners(dealer, maker) == ["c-wellhead"]
    # a plastics maker's polymer is its input, not an offer
    tape = _org(
        "c-driptape",
        CN,
        ["2220"],
        {"zh": "滴灌带、地膜生产企业，原料为聚乙烯。寻找哈萨克斯坦瓜菜种植户。"},
        hs_offers=["3917"],
        hs_needs=["3901"],
    )
    features = extract(tape, default_heading_lexicon())
    assert "3920" in features.inferred_offers
    assert "3901" not in features.inferred_offers


@pytest.mark.parametrize(
    ("need", "offer"),
    [
        (
            (
                "ru",
                "Геофизическая компания. Ищем поставщика скважинных и каротажных приборов.",
            ),
            ("zh", "测井仪器研发：阵列声波、补偿中子测井仪。"),
        ),
        (
            (
                "ru",
                "Ремонт скважин. Нужны подъёмные агрегаты на автошасси и ловильный инструмент.",
            ),
            ("zh", "车载修井机制造，打捞工具。"),
        ),
        (("kk", "Қауын егеміз. Тамшылатып суару лентасы керек."), ("zh", "滴灌带生产企业。")),
    ],
)
def test_oilfield_and_farm_goods_named_in_words_meet(
    need: tuple[str, str], offer: tuple[str, str]
) -> None:
    buyer = _org("k-buyer", KZ, ["0910"], {need[0]: need[1]})
    seller = _org("c-seller", CN, ["2824"], {offer[0]: offer[1]})
    assert partners(buyer, seller) == ["c-seller"]


# ---- round 32c: the classes a blind sheet of Zhetysu ↔ Ili showed


def test_agencies_that_name_their_field_in_words_meet_only_agencies_of_that_field() -> None:
    agri = _org(
        "k-agri",
        KZ,
        [],
        {"ru": "Управление сельского хозяйства области: субсидии, развитие садоводства."},
        kind="government",
    )
    agri_cn = _org(
        "c-agri", CN, [], {"zh": "伊犁州农业农村局：果业、畜牧、设施农业。"}, kind="government"
    )
    zone = _org(
        "c-ftz",
        CN,
        [],
        {"zh": "霍尔果斯国际边境合作中心管委会：招商引资，跨境贸易、仓储物流。"},
        kind="government",
    )
    zone_kz = _org(
        "k-sez",
        KZ,
        [],
        {"ru": "Управляющая компания СЭЗ: логистическая и индустриальная зоны."},
        kind="government",
    )
    assert "counterpart_body" in reason_kinds(agri, agri_cn)
    assert partners(agri, zone) == []  # agriculture's and a trade zone's: not one field
    assert "counterpart_body" in reason_kinds(zone_kz, zone)
    # an agency whose words name no field still meets every agency
    vague = _org("k-akimat", KZ, [], {"ru": "Акимат области."}, kind="government")
    assert "counterpart_body" in reason_kinds(vague, zone)


def test_a_shipper_asking_for_return_trucks_asks_for_transport() -> None:
    shipper = _org(
        "c-buildmat",
        CN,
        ["4663"],
        {"zh": "建材批发：瓷砖、木地板。常年发哈萨克斯坦，需要去阿拉木图的回程车，量大。"},
        hs_offers=["6907"],
    )
    trucks = _org("k-truck", KZ, ["4923"], {"ru": "Тягачи, тенты. Рейсы Хоргос – Алматы."})
    assert "transport_they_provide" in reason_kinds(shipper, trucks)


def test_drip_irrigation_asked_for_meets_the_drip_tape_maker() -> None:
    farm = _org(
        "k-beetfarm",
        KZ,
        ["0111"],
        {"kk": "Қант қызылшасын егеміз. Тамшылатып суару жүйесін сатып алғымыз келеді."},
    )
    tape = _org(
        "c-drip", CN, ["2220"], {"zh": "节水灌溉公司：滴灌带、PE管、过滤器。"}, hs_offers=["3917"]
    )
    assert partners(farm, tape) == ["c-drip"]


def test_honey_a_kazakh_sentence_wants_to_export_is_offered_not_asked_for() -> None:
    text = (
        "Таулы шөп балы, жылына 40 тонна. Қытайға бал экспорттағымыз келеді, бірақ тіркеу керек "
        "екен, көмектесетін серіктес іздейміз."
    )
    found = named(text, "kk")
    assert ("0409", "offer") in found
    assert ("0409", "need") not in found
    assert not {code for code, _ in found} & {"4820", "8430"}  # registration, mountains


def test_a_forwarder_that_clears_at_home_asks_for_a_broker_on_the_other_side() -> None:
    forwarder = _org(
        "c-forwarder",
        CN,
        ["5229"],
        {"zh": "霍尔果斯国际货代：铁路订舱，拼箱，出口报关。需要哈方报关行合作。"},
    )
    broker = _org(
        "k-broker", KZ, ["5229"], {"ru": "Таможенный представитель на Хоргосе: декларирование."}
    )
    assert "service_they_provide" in reason_kinds(forwarder, broker)
    # without the other side named, its own customs work asks nothing of the broker
    local = _org(
        "c-forwarder2", CN, ["5229"], {"zh": "国际货代：铁路订舱，出口报关。需要报关行合作。"}
    )
    assert "service_they_provide" not in reason_kinds(local, broker)


# ---- round 32d: the classes of a blind sheet of Karaganda ↔ Hami


def test_a_genitive_plural_with_a_fleeting_vowel_names_its_goods() -> None:
    # «поставщика ветроустановок»: ветроустановки, with the «о» of the genitive plural
    assert ("8502", "need") in named("Ищем поставщика ветроустановок 4–6 МВт.", "ru")


def test_a_wind_farm_project_meets_the_turbine_maker() -> None:
    project = _org(
        "k-windproj",
        KZ,
        ["3510"],
        {"ru": "Проект ВЭС 100 МВт. Ищем инвестора, а также поставщика ветроустановок 4–6 МВт."},
        profiles=[C(kind="investment_sought", isic=["3510"], text={"ru": "ВЭС 100 МВт."})],
    )
    maker = _org(
        "c-wind", CN, ["2811"], {"zh": "风机总装厂：4–6兆瓦风电机组。"}, hs_offers=["850231"]
    )
    assert partners(project, maker) == ["c-wind"]


@pytest.mark.parametrize(
    ("asker", "provider"),
    [
        # help with customs on the other side: a customs broker
        (
            (["1010"], "ru", "Мясокомбинат. Ищем импортёра и помощь с регистрацией и таможней."),
            (["5229"], "zh", "报关行：进出口报关、GACC境外生产企业注册代理。"),
        ),
        # partner hospitals for a medical university's residents
        (
            (
                [],
                "ru",
                "Медицинский университет. Ищем клинические базы и больницы-партнёры в Китае.",
            ),
            (["8610"], "zh", "哈密市中心医院（三级甲等），接诊中亚患者。"),
        ),
        # a dispatch system bought for a mine's trucks: software
        (
            (["0510"], "zh", "露天煤矿，扩能改造采购：输送带，以及卡车智能调度系统。"),
            (["6201"], "en", "Fleet management and dispatch software for open-pit mines."),
        ),
    ],
)
def test_services_named_as_a_sheet_names_them(
    asker: tuple[list[str], str, str], provider: tuple[list[str], str, str]
) -> None:
    kind = "university" if not asker[0] else "company"
    a = _org("a", KZ, asker[0], {asker[1]: asker[2]}, kind=kind)
    b = _org("b", CN, provider[0], {provider[1]: provider[2]})
    assert "service_they_provide" in reason_kinds(a, b)


def test_a_gassy_mine_meets_the_maker_of_methane_monitoring() -> None:
    mine = _org(
        "c-mine",
        CN,
        ["0510"],
        {"zh": "井工煤矿，高瓦斯矿井。"},
        profiles=[C(kind="technology_request", text={"zh": "瓦斯抽采、瓦斯监测监控"})],
    )
    maker = _org(
        "k-gas",
        KZ,
        ["2651"],
        {"ru": "Датчики метана, аэрогазовый контроль шахт."},
        hs_offers=["902710"],
    )
    assert partners(mine, maker) == ["k-gas"]


def test_a_need_coded_as_a_neighbour_heading_keeps_the_everyday_reading() -> None:
    road = _org(
        "k-road",
        KZ,
        ["4211"],
        {"kk": "Жол құрылысы. Жылына 6 мың тонна жол битумы керек."},
        hs_needs=["2715"],
    )
    refinery = _org("c-refinery", CN, ["1920"], {"zh": "炼油厂：道路沥青。"}, hs_offers=["271320"])
    assert partners(road, refinery) == ["c-refinery"]
    # another chapter's title still decides: valves declared, «арматура» is no rebar
    pipeline = _org(
        "k-pipe",
        KZ,
        ["4930"],
        {"ru": "Нефтепровод. Закупаем запорную арматуру."},
        hs_needs=["8481"],
    )
    assert "7214" not in extract(pipeline, default_heading_lexicon()).inferred_needs
