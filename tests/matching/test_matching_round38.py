"""Round 38 (issue 14): the classes read on hum and lunette after their blind run.

- What «также» adds to a need is asked too («нужны хлопкоуборочные машины …; также капельное
  орошение под плёнкой»).
- «сухое верблюжье молоко», «түйе сүтінен ұнтақ» are milk powder (0402), as 驼奶粉 is.
- An investor in 冷库 (cold stores) invests in warehousing (52): it meets a cold-store project.
- A Kazakh veterinary certificate asked for (哈方出口兽医证书办理) asks a customs broker.
- A PE project that seeks «Ищем: соинвесторов; EPC/субподрядчиков …» asks construction
  contractors (42): a list an asking word opens with a colon is one sentence; and a project that
  seeks capital sells nothing yet though it also asks for know-how (its resin is no offer).
- "ethane cracker" is no biscuit.
- A resin's grades (滴灌带级、薄膜级) and its customers (下游客户为滴灌带厂) are no goods it sells.
- What a refinery can do (可铁路罐车…发运) is no transport asked; 需要冷链 asks for it.
- A store of a capacity is one's own (冷库3万吨, «холодильники на 5000 т»), no equipment sold or
  asked; «нужен холодильник на 2 000 т» still asks.
- An investor buys what it asks for by an everyday name (本地化设备供应商（变压器、箱变）).
- «ГРП қызметі — тендер», «Годовой тендер …: + сервис ГРП» ask for oilfield services.
- One that does not use or buy what the other sells (不用聚丙烯, «Пряжу не покупаем») is no
  partner of that seller by writing alike.
"""

from __future__ import annotations

import pytest

from keruen.matching import NgramTextSimilarity

from .helpers import CN, KZ, O, named, reason_kinds, run, transport_partners

pytestmark = pytest.mark.unit


def test_what_also_adds_to_a_need_is_asked() -> None:
    text = (
        "Кооператив хлопкоробов. Нужны хлопкоуборочные машины, сервис и запчасти; также капельное "
        "орошение под плёнкой на 1000 га."
    )
    found = named(text, "ru")
    assert ("8424", "need") in found
    assert ("8424", "offer") not in found
    # the guard: «также» after an offer offers
    assert ("3305", "offer") in named("Производим мыло. Также шампуни.", "ru")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Верблюжья ферма: сухое верблюжье молоко (сублимированное), ищем покупателей.", "ru"),
        ("Түйе фермасы: түйе сүтінен ұнтақ, Қытайға экспорттағымыз келеді.", "kk"),
    ],
)
def test_dry_camel_milk_is_milk_powder(text: str, language: str) -> None:
    assert ("0402", "offer") in named(text, language)


def test_an_investor_in_cold_stores_meets_a_cold_store_project() -> None:
    project = O(
        id="k-cold",
        side=KZ,
        languages=["ru"],
        profiles=[
            {
                "kind": "investment_sought",
                "isic": ["5210"],
                "text": {"ru": "Оптово-распределительный центр с холодильником, ищем инвестора."},
            }
        ],
        texts={"ru": "ОРЦ для плодоовощной продукции: хранение, калибровка. Нужен инвестор."},
    )
    investor = O(
        id="c-invest",
        side=CN,
        isic=["6420"],
        languages=["zh"],
        profiles=[
            {"kind": "investment_offered", "text": {"zh": "投资中亚果蔬冷库、分选包装中心。"}}
        ],
        texts={"zh": "农业投资集团。计划在中亚投资果蔬冷库和分选中心，寻找当地合作项目。"},
    )
    assert [s.partner_id for s in run([project, investor])[project.id]] == [investor.id]


def test_a_veterinary_certificate_asked_for_asks_a_customs_broker() -> None:
    wholesaler = O(
        id="c-fish",
        side=CN,
        isic=["4630"],
        hs_needs=["0304"],
        languages=["zh"],
        texts={"zh": "冻品水产批发。想进口哈萨克斯坦冷冻梭鲈鱼。需要哈方出口兽医证书办理。"},
    )
    broker = O(
        id="k-broker",
        side=KZ,
        isic=["5229"],
        languages=["ru"],
        texts={"ru": "Таможенный представитель: декларирование, ветеринарные сертификаты, СВХ."},
    )
    kinds = reason_kinds(wholesaler, broker)
    assert "service_they_provide" in kinds


def test_a_project_that_seeks_epc_subcontractors_meets_a_construction_contractor() -> None:
    project = O(
        id="k-pe",
        side=KZ,
        isic=["2013"],
        languages=["ru"],
        profiles=[
            {
                "kind": "investment_sought",
                "isic": ["2013"],
                "text": {"ru": "Проект полиэтилена, ищем соинвесторов и EPC-субподрядчиков."},
            }
        ],
        texts={"ru": "Проект полиэтилена. Ищем EPC/субподрядчиков на резервуарные парки."},
    )
    builder = O(
        id="c-build",
        side=CN,
        isic=["4220", "4290"],
        languages=["zh"],
        texts={"zh": "油建公司：油气集输管道、储罐、站场安装，EPC总承包。寻找哈萨克斯坦项目。"},
    )
    kinds = reason_kinds(project, builder)
    assert "service_they_provide" in kinds


def test_a_project_that_lists_what_it_seeks_asks_for_each_and_sells_nothing_yet() -> None:
    project = O(
        id="k-pe",
        side=KZ,
        isic=["2013"],
        languages=["ru", "en"],
        profiles=[
            {"kind": "investment_sought", "isic": ["2013"], "text": {"ru": "Ищем соинвесторов."}},
            {"kind": "technology_request", "text": {"ru": "Опыт эксплуатации пиролиза этана."}},
        ],
        texts={
            "ru": "Проект полиэтилена 1,25 млн т/год. Ищем: соинвесторов; EPC/субподрядчиков на "
            "резервуарные парки; партнёров с опытом эксплуатации.",
            "en": "PE project, ethane cracker. Seeking co-investors and EPC subcontractors.",
        },
    )
    builder = O(
        id="c-build",
        side=CN,
        isic=["4220", "4290"],
        languages=["zh"],
        texts={"zh": "油建公司：储罐、站场安装，总承包。寻找哈萨克斯坦项目。"},
    )
    drip = O(
        id="c-drip",
        side=CN,
        isic=["2220"],
        languages=["zh"],
        texts={"zh": "节水灌溉公司：滴灌带、PE管。需要聚乙烯原料。"},
    )
    found = run([project, builder, drip])
    kinds = {r.kind for s in found[project.id] if s.partner_id == builder.id for r in s.reasons}
    assert "service_they_provide" in kinds
    assert drip.id not in [s.partner_id for s in found[project.id]]
    assert ("1905", "need") not in named("PE project, ethane cracker.", "en")
    assert ("1905", "offer") not in named("PE project, ethane cracker.", "en")


def test_a_resins_grades_and_customers_are_no_goods_it_sells() -> None:
    text = "聚乙烯销售：高密度聚乙烯HDPE（滴灌带级、管材级、薄膜级），下游客户为滴灌带厂。"
    assert named(text, "zh") == {("3901", "offer")}


def _road_carrier() -> O:
    return O(
        id="k-road",
        side=KZ,
        isic=["4923"],
        languages=["zh", "ru"],
        texts={"ru": "Международные автоперевозки Аксу – Туркестан, рефрижераторы и тенты."},
    )


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("炼化企业：道路沥青。寻找中亚公路建设沥青客户，可铁路罐车或沥青集装箱发运。", False),
        ("中亚进口商品馆：想进哈萨克斯坦驼奶粉、蜂蜜。需要冷链和清关服务。", True),
    ],
)
def test_what_one_can_do_is_no_transport_asked_and_a_cold_chain_asked_is(
    text: str, asks: bool
) -> None:
    shipper = O(id="c-shipper", side=CN, isic=["4630"], languages=["zh"], texts={"zh": text})
    carrier = _road_carrier()
    assert (carrier.id in transport_partners(shipper, carrier)) is asks


def test_one_that_does_not_buy_what_the_other_sells_meets_it_not_for_writing_alike() -> None:
    sewing = O(
        id="k-workwear",
        side=KZ,
        isic=["1412"],
        languages=["ru"],
        texts={"ru": "Пошив спецодежды из хлопковой ткани для нефтяников. Пряжу не покупаем."},
    )
    spinning = O(
        id="c-yarn",
        side=CN,
        isic=["1311"],
        hs_offers=["5205"],
        languages=["ru"],
        texts={"ru": "Прядильная фабрика: хлопковая пряжа для ткани и спецодежды."},
    )
    found = run([sewing, spinning], text_similarity=NgramTextSimilarity())
    assert found[sewing.id] == []
    assert found[spinning.id] == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Мұнай өндіруші, Құлсары. ШГН сорғылары, штангалар, ГРП қызметі — тендер.", "kk"),
        (
            "Нефтедобыча. Годовой тендер 2027: штанговые насосы, НКТ, сервис ГРП на 40 скважин.",
            "ru",
        ),
    ],
)
def test_a_tender_for_fracturing_asks_an_oilfield_service_company(text: str, language: str) -> None:
    producer = O(id="k-oil", side=KZ, isic=["0610"], languages=[language], texts={language: text})
    service = O(
        id="c-frac",
        side=CN,
        isic=["0910"],
        languages=["zh"],
        texts={"zh": "油田技术服务（库尔勒）：压裂、连续油管、修井，计划进入哈萨克斯坦市场。"},
    )
    kinds = reason_kinds(producer, service)
    assert "service_they_provide" in kinds


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("阿克苏红富士苹果，合作社+冷库3万吨，10月到次年5月供货。", "zh"),
        ("Оптовая плодоовощная база, холодильники на 5000 т. Завозим яблоки из Китая.", "ru"),
    ],
)
def test_a_store_of_a_capacity_is_ones_own(text: str, language: str) -> None:
    assert not any(code == "8418" for code, _ in named(text, language))
    assert ("8418", "need") in named("Нужен холодильник на 2 000 т для винограда.", "ru")


def test_an_investor_buys_the_equipment_it_asks_for() -> None:
    investor = O(
        id="c-pv",
        side=CN,
        isic=["3510"],
        languages=["zh"],
        profiles=[
            {
                "kind": "investment_offered",
                "isic": ["3510"],
                "text": {"zh": "计划投资中亚光伏电站。"},
            }
        ],
        texts={"zh": "新能源公司，运营光伏电站。寻找本地化设备供应商（变压器、箱变）。"},
    )
    transformers = O(
        id="k-transformers",
        side=KZ,
        isic=["2711"],
        hs_offers=["8504"],
        languages=["ru"],
        texts={"ru": "Трансформаторный завод: силовые масляные трансформаторы, КТП для СЭС."},
    )
    kinds = reason_kinds(investor, transformers)
    assert "you_need_they_offer_text" in kinds
