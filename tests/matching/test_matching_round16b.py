"""Round 16b (issue 14): classes of misses and wrong partners read on the `canyon` part after its
blind run.

A project that seeks capital for a logistics park is no terminal and asks for no transport; a
request for transport names its mode, and a carrier of another mode is not what it asked for;
找 (the plain verb of 寻找) asks for a carrier; a shortage states a need (废钢长期不够, «не
хватает»); the goods that name a shop are no goods it asks for or sells («…киімдер дүкені»); a
word in the title of a declared heading means those goods («запорная арматура», declared 8481).
"""

from __future__ import annotations

from keruen.matching import OrganizationProfile
from keruen.matching.features import extract
from keruen.matching.hs_text import default_heading_lexicon

from .helpers import CN, KZ, C, O, named, run


def _partners(orgs: list[OrganizationProfile], reader: str) -> list[str]:
    return [s.partner_id for s in run(orgs)[reader]]


def _rail() -> OrganizationProfile:
    return O(
        id="rail",
        side=KZ,
        isic=["4912"],
        languages=["ru", "zh"],
        profiles=[
            C(
                kind="logistics",
                text={"ru": "Контейнерные перевозки по железной дороге Кашгар — Достык — Атырау"},
            )
        ],
        texts={"ru": "Железнодорожный экспедитор, Атырау.", "zh": "阿特劳铁路集装箱运输。"},
    )


def _road() -> OrganizationProfile:
    return O(
        id="road",
        side=KZ,
        isic=["4923"],
        languages=["kk", "ru", "zh"],
        profiles=[
            C(
                kind="logistics",
                text={"kk": "Атырау — Қорғас — Қашқар жүк тасымалы, рефрижераторлы көліктер"},
            )
        ],
        texts={"zh": "国际公路运输：阿特劳—霍尔果斯—喀什，有冷藏车。"},
    )


# A project that seeks capital for a logistics park runs no terminal yet ---------------------------


def _port_project() -> OrganizationProfile:
    return O(
        id="port-project",
        side=CN,
        isic=["5210"],
        languages=["zh"],
        profiles=[
            C(kind="investment_sought", isic=["5210"], text={"zh": "口岸仓储物流园项目寻求投资"})
        ],
        texts={"zh": "口岸物流园建设项目，乌恰县。"},
    )


def test_a_logistics_park_project_is_no_carrier_and_asks_for_no_transport() -> None:
    features = extract(_port_project(), default_heading_lexicon())
    assert features.investment_only
    assert features.provider[0] == 0
    assert not features.seeks_transport


def test_carriers_are_not_seated_with_a_logistics_park_that_seeks_capital() -> None:
    orgs = [_rail(), _road(), _port_project()]
    assert "port-project" not in _partners(orgs, "rail")
    assert "port-project" not in _partners(orgs, "road")
    assert _partners(orgs, "port-project") == []


# A request for transport names its mode; 找 asks ------------------------------------------------


def _figs() -> OrganizationProfile:
    return O(
        id="figs",
        side=CN,
        isic=["0122"],
        languages=["zh"],
        texts={"zh": "无花果种植合作社：鲜无花果、无花果干。找冷链物流公司，冷藏车发往阿特劳。"},
    )


def _tiles() -> OrganizationProfile:
    return O(
        id="tiles",
        side=CN,
        isic=["2392"],
        hs_offers=["6907"],
        languages=["zh"],
        texts={"zh": "陶瓷砖厂：抛釉砖、仿古砖。寻找发往阿特劳的铁路集装箱运输。"},
    )


def test_a_chinese_request_with_zhao_asks_for_transport_by_road() -> None:
    features = extract(_figs(), default_heading_lexicon())
    assert features.seeks_transport
    # 冷链, 冷藏车: a reefer, by road (round 28)
    assert features.seeks_modes == frozenset({"road", "cold"})


def test_a_shipper_that_asks_for_reefer_trucks_gets_the_road_carrier_first() -> None:
    assert _partners([_rail(), _road(), _figs()], "figs")[0] == "road"


def test_a_shipper_that_asks_for_rail_gets_the_rail_carrier_first() -> None:
    kinds = {
        s.partner_id: {r.kind for r in s.reasons}
        for s in run([_rail(), _road(), _tiles()])["tiles"]
    }
    assert "transport_they_provide" in kinds["rail"]
    assert "transport_they_provide" not in kinds.get("road", set())


# A shortage states a need ---------------------------------------------------------------------


def test_a_shortage_names_a_need() -> None:
    assert ("7204", "need") in named("废钢长期不够，欢迎哈萨克斯坦废钢供应商。", "zh")
    assert ("7204", "need") in named("Металлолома не хватает.", "ru")
    assert ("7204", "need") in named("Не хватает металлолома.", "ru")
    assert ("7204", "offer") not in named("废钢长期不够。", "zh")


def test_a_steel_mill_short_of_scrap_meets_the_scrap_dealer() -> None:
    scrap = O(
        id="scrap",
        side=KZ,
        isic=["4669"],
        hs_offers=["7204"],
        languages=["ru"],
        texts={"ru": "Заготовка и переработка чёрного металлолома в Атырау."},
    )
    steel = O(
        id="steel",
        side=CN,
        isic=["2410"],
        hs_offers=["7214", "7213"],
        languages=["zh", "ru"],
        texts={"zh": "电炉炼钢厂：螺纹钢、盘条。废钢长期不够，欢迎哈萨克斯坦废钢供应商。"},
    )
    assert "7204" in extract(steel, default_heading_lexicon()).inferred_needs
    assert _partners([scrap, steel], "steel") == ["scrap"]


# The goods that name a shop are no goods it asks for --------------------------------------------


def _hat_shop() -> OrganizationProfile:
    return O(
        id="hat-shop",
        side=KZ,
        isic=["4771"],
        languages=["kk"],
        texts={
            "kk": "Ұлттық киімдер мен бас киімдер дүкені. "
            "Киізден жасалған ақ қалпақтар мен тақиялар сатып аламыз."
        },
    )


def test_the_goods_that_name_a_kazakh_shop_are_not_its_needs() -> None:
    features = extract(_hat_shop(), default_heading_lexicon())
    assert not {"6109", "6203", "6204"} & set(features.inferred_needs)
    assert "6505" in features.inferred_needs  # the hats it buys


def test_a_hat_shop_is_not_seated_with_a_uniform_maker() -> None:
    uniforms = O(
        id="uniforms",
        side=CN,
        isic=["1410"],
        hs_offers=["6203", "6204"],
        languages=["zh"],
        texts={"zh": "服装厂：校服、运动服、衬衫。"},
    )
    assert "uniforms" not in _partners([_hat_shop(), uniforms], "hat-shop")


def test_a_russian_shop_name_names_no_goods() -> None:
    assert ("8708", "offer") not in named("Магазин автозапчастей в Актобе, опт и розница.", "ru")


# A word in the title of a declared heading means those goods ------------------------------------


def test_valves_declared_are_not_read_as_rebar() -> None:
    pipeline = O(
        id="pipeline",
        side=KZ,
        isic=["4930"],
        hs_needs=["8481"],
        languages=["ru"],
        texts={
            "ru": "Оператор нефтепровода. Закупаем запорную арматуру: шаровые краны и клиновые "
            "задвижки DN 300–700."
        },
    )
    steel = O(
        id="steel",
        side=CN,
        isic=["2410"],
        hs_offers=["7214", "7213"],
        languages=["zh", "ru"],
        texts={
            "zh": "电炉炼钢厂：螺纹钢、盘条。",
            "ru": "Электросталеплавильный завод: арматура, катанка.",
        },
    )
    features = extract(pipeline, default_heading_lexicon())
    assert not {"7213", "7214", "8426"} & set(features.inferred_needs)
    assert "steel" not in _partners([pipeline, steel], "pipeline")
