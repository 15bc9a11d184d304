"""Round 40 (issue 14): the classes read on monadnock and coombe after their blind runs.

- A plant that offers its shops to assemble foreign makers' machines («Предлагаем иностранным
  производителям сборку их техники») meets a maker that asks for an assembly partner abroad
  (寻找…散件组装（SKD）合作伙伴): no activity code names the service (also ventifact's and
  caldera's plants).
- A maker that asks for an assembly line asks for goods, not for an assembly partner; a bus
  plant that assembles its own buses offers no assembly to others.
- A road builder is no EPC contractor for a plastics plant or a wind farm: EPC asks for builders
  of utility projects and industrial plants (4220, 4290) and for design institutes.
- Goods a buyer takes from no one are no need its other sentences name: 只收驼毛，不收羊毛 asks
  for no 原毛 (greasy wool) of a sheep's-wool trader.
- Turpan's 葡萄沟 (Grape Valley) is a place: a wedding studio that shoots there sells no grapes.
- «Ателье национальной одежды: нужна шёлковая ткань хан-атлас»: what stands before the colon is
  the organization, not goods it needs; хан-атлас is a silk fabric, not an atlas (4905).
- «сети 0,4-110 кВ» are a grid company's power lines, not nets.
"""

from __future__ import annotations

import pytest

from keruen.i18n import get_translations
from keruen.matching.explain import render_reason
from keruen.matching.features import assembly

from .helpers import CN, KZ, O, named, partners, reason_kinds, run

pytestmark = pytest.mark.unit

PLANT = O(
    id="k-metallist",
    side=KZ,
    isic=["2811", "2511"],
    hs_offers=["8419", "7308"],
    languages=["ru"],
    texts={
        "ru": "Машиностроительный завод в Уральске: теплообменники, сосуды под давлением, "
        "металлоконструкции. Цеха загружены на 50 %, есть 15 000 м² площадей и покрасочная "
        "камера. Предлагаем иностранным производителям сборку их техники в Казахстане."
    },
)
MAKER = O(
    id="c-agrimach",
    side=CN,
    isic=["2821"],
    hs_offers=["843359", "8432"],
    languages=["zh"],
    texts={
        "zh": "昌吉农牧机械制造企业：自走式青贮饲料收获机、打捆机、精量播种机。寻找哈萨克斯坦经销商"
        "和散件组装（SKD）合作伙伴，以进入当地农机补贴目录。"
    },
)


def test_a_plant_that_offers_assembly_meets_a_maker_that_asks_for_an_assembly_partner() -> None:
    assert "assembly_they_offer" in reason_kinds(MAKER, PLANT)
    assert "assembly_you_offer" in reason_kinds(PLANT, MAKER)


def test_an_assembly_partner_asked_in_russian_or_english_is_asked_too() -> None:
    for text in (
        "Производитель трансформаторов и кабеля. Ищем заказчиков в Казахстане и местного "
        "партнёра по сервису и сборке.",
        "Transformers and cables; seeking grid customers and a local service and assembly "
        "partner for local content.",
    ):
        maker = O(
            id="c-tbea",
            side=CN,
            isic=["2710"],
            languages=["ru", "en"],
            texts={"en" if text.startswith("T") else "ru": text},
        )
        assert "assembly_they_offer" in reason_kinds(maker, PLANT), text


def test_an_assembly_line_asked_for_is_goods_and_an_own_bus_plant_offers_no_assembly() -> None:
    line = "Завод бытовой техники. Ищем поставщика линии сборки холодильников."
    assert assembly([line], ["2750"]) == (None, False)
    buses = "Завод по сборке автобусов и микроавтобусов в Шымкенте, ищем поставщиков шин."
    assert assembly([buses], ["2910"]) == (None, False)
    # a plant that names assembly only as what it does not offer others is no provider either
    assert assembly(["Сборка тракторов на нашем заводе."], ["2821"]) == (None, False)


def test_a_trader_that_asks_for_an_assembly_partner_meets_no_plant_that_does_not_offer_it() -> None:
    plant = O(
        id="k-boiler",
        side=KZ,
        isic=["2511"],
        hs_offers=["7308"],
        languages=["ru"],
        texts={"ru": "Завод металлоконструкций: фермы, колонны, резервуары. Продаём по области."},
    )
    assert partners(MAKER, plant) == []


def test_the_assembly_reason_reads_in_every_language() -> None:
    reason = next(
        r for s in run([MAKER, PLANT])[MAKER.id] for r in s.reasons if r.kind.startswith("assembly")
    )
    texts = {
        locale: render_reason(
            reason, get_translations(locale, domain="matching"), lambda *_: None, locale=locale
        )
        for locale in ("ru", "kk", "zh", "en")
    }
    assert "сборк" in texts["ru"]
    assert "құрастыр" in texts["kk"]
    assert "组装" in texts["zh"]
    assert "assembl" in texts["en"]


ROAD_BUILDER = O(
    id="c-roads",
    side=CN,
    isic=["4210"],
    languages=["zh", "ru"],
    texts={
        "zh": "吐鲁番路桥公司：公路、桥梁施工，沥青混凝土拌合站。想承接哈萨克斯坦公路项目分包。",
        "ru": "Дорожное строительство, ищем субподряд в Казахстане.",
    },
)
WIND = O(
    id="k-wind",
    side=KZ,
    isic=["3510"],
    languages=["ru", "en"],
    texts={
        "ru": "ВЭС 150 МВт, Тупкараганский район. Земля и ТУ на подключение есть. Ищем "
        "инвестора и EPC, поставщиков ветроустановок.",
        "en": "150 MW wind farm in Mangystau; seeking investor / EPC.",
    },
)


def test_a_road_builder_is_no_epc_contractor_for_a_wind_farm() -> None:
    assert "service_they_provide" not in reason_kinds(WIND, ROAD_BUILDER)


def test_a_builder_of_power_plants_is_the_epc_contractor_a_wind_farm_asks_for() -> None:
    builder = O(
        id="c-power",
        side=CN,
        isic=["4220"],
        languages=["zh", "ru"],
        texts={"zh": "新疆电力工程公司：风电场、光伏电站、输变电工程施工，EPC总承包。"},
    )
    assert "service_they_provide" in reason_kinds(WIND, builder)


def test_a_quilt_workshop_that_takes_no_sheeps_wool_meets_no_wool_trader() -> None:
    quilt = O(
        id="c-quilt",
        side=CN,
        isic=["1392"],
        hs_needs=["510219"],
        languages=["zh"],
        texts={
            "zh": "鄯善手工驼毛被作坊：驼毛被、驼绒被、褥子。"
            "想从哈萨克斯坦进口驼毛（原毛或洗净毛），每年约20吨。只收驼毛，不收羊毛。"
        },
    )
    wool = O(
        id="k-wool",
        side=KZ,
        isic=["4620"],
        hs_offers=["510111", "4102"],
        languages=["ru"],
        texts={"ru": "Заготовка шерсти и шкур: грубая овечья шерсть немытая, овчины, в Китай."},
    )
    camel = O(
        id="k-camel",
        side=KZ,
        isic=["4620"],
        hs_offers=["510219"],
        languages=["ru"],
        texts={"ru": "Заготовка верблюжьей шерсти в Мангистау, продаём в Китай."},
    )
    assert partners(quilt, wool) == []
    assert partners(quilt, camel) == ["k-camel"]


def test_a_wedding_studio_that_shoots_at_grape_valley_sells_no_grapes() -> None:
    studio = "吐鲁番婚纱摄影工作室：婚纱照、旅拍（火焰山、葡萄沟外景），欢迎合作。"
    assert named(studio, "zh") == set()
    assert ("0806", "offer") in named("葡萄沟的无核白葡萄干，寻找哈萨克斯坦批发商。", "zh")


def test_a_heading_refused_in_one_kind_and_asked_in_another_stays_asked() -> None:
    # no codes declared: 食用小麦不要 refuses food wheat, and feed wheat is still asked
    feed = O(
        id="c-feed",
        side=CN,
        isic=["1080"],
        languages=["zh"],
        texts={"zh": "饲料厂。需要饲料小麦，每月500吨。食用小麦不要。"},
    )
    grain = O(
        id="k-grain",
        side=KZ,
        isic=["0111"],
        hs_offers=["1001"],
        languages=["ru"],
        texts={"ru": "Зерновое хозяйство: пшеница фуражная и продовольственная."},
    )
    assert "you_need_they_offer_text" in reason_kinds(feed, grain)


def test_a_grid_company_whose_power_lines_are_no_nets_meets_the_epc_builder_it_asks_for() -> None:
    # «сети 0,4-110 кВ» are power lines, not nets (5608) it would sell; a seller of goods that
    # asks for builders asks for customers, so the nets had hidden its EPC request
    grid = O(
        id="k-grid",
        side=KZ,
        isic=["3510"],
        hs_needs=["8504"],
        languages=["ru"],
        texts={
            "ru": "Региональная электросетевая компания, сети 0,4-110 кВ. Программа реконструкции "
            "ПС 110/35/10 кВ на 2026-2028: закупаем силовые трансформаторы, ищем подрядчиков на "
            "строительство ВЛ 110 кВ (EPC)."
        },
    )
    builder = O(
        id="c-powerbuild",
        side=CN,
        isic=["4220"],
        languages=["zh"],
        texts={"zh": "电力工程公司：750千伏线路施工。承接境外输变电EPC：变电站、110-500千伏线路。"},
    )
    assert named("Электросетевая компания, сети 0,4-110 кВ.", "ru") == set()
    assert ("5608", "offer") in named("Продаём рыболовные сети.", "ru")
    assert "service_they_provide" in reason_kinds(grid, builder)


def test_a_need_after_a_colon_is_not_the_organization_before_it() -> None:
    found = named("Ателье национальной одежды: нужна шёлковая ткань хан-атлас и адрас.", "ru")
    assert ("5007", "need") in found
    assert not any(direction == "need" and code[:2] in ("61", "62") for code, direction in found)
    assert not any(code == "4905" for code, _ in found)
    # goods before a predicate with no colon are still needed
    assert ("0706", "need") in named("Морковь нужна круглый год.", "ru")
