"""Round 37 (issue 14): the classes read on sastrugi and ventifact after their blind run.

- A shop that seeks suppliers of clothes and a cargo service in one part asks for the clothes.
- «Свои рефрижераторы есть, перевозчик не нужен» asks for no carrier.
- A medical college and an agricultural academy are no counterpart bodies; a university whose
  name names no field still meets both.
- Papers named as a barrier («нет фитосанитарного протокола», while buyers are sought at home)
  ask for no customs broker; papers missing where help is asked do.
- «авто через Кыргызстан» asks for road transport; the second item of a numbered list («ищем:
  1) покупателя…; 2) перевозчика – контейнеры…») asks too.
- A dealer that declared chapters 84 and 87 and names seven machines asks for all of them (the
  cap of names per direction is for goods beyond what it declared).
- A tender for «услуги КРС и ГРП» asks for an oilfield-services company.
- A wholesaler that declared chapters 61, 62 and 64 whole offers the clothes and shoes its text
  names, though it asks for nothing.
"""

from __future__ import annotations

import pytest

from .helpers import CN, KZ, O, named, reason_kinds, run, transport_partners

pytestmark = pytest.mark.unit


def test_a_shop_that_seeks_suppliers_and_a_cargo_service_asks_for_the_goods() -> None:
    text = (
        "Ищем постоянных оптовых поставщиков одежды и обуви в Урумчи и надёжное карго до "
        "Петропавловска."
    )
    found = named(text, "ru")
    assert ("6402", "need") in found
    # the guard: a part that asks only for a carrier names its cargo, not goods asked
    assert named("Нужен перевозчик для доставки цемента.", "ru") == set()


def _fruit_base(text: str) -> O:
    return O(id="k-fruit", side=KZ, isic=["4630"], languages=["ru"], texts={"ru": text})


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        (
            "Плодоовощная база. Завозим яблоки из Китая. Свои рефрижераторы есть, перевозчик "
            "не нужен.",
            False,
        ),
        ("Плодоовощная база. Завозим яблоки из Китая. Нужен перевозчик-рефрижератор.", True),
    ],
)
def test_a_base_that_needs_no_carrier_is_offered_none(text: str, asks: bool) -> None:
    carrier = O(
        id="c-road",
        side=CN,
        isic=["4923"],
        languages=["ru"],
        texts={"ru": "Международные автоперевозки Урумчи – Петропавловск, рефрижераторы, TIR."},
    )
    assert (transport_partners(_fruit_base(text), carrier) == {carrier.id}) is asks


def _academic(id: str, side: str, kind: str, language: str, text: str) -> O:
    return O(id=id, side=side, kind=kind, languages=[language], texts={language: text})


def test_a_medical_college_and_an_agricultural_academy_are_no_counterparts() -> None:
    medical = _academic(
        "k-med", KZ, "college", "ru", "Высший медицинский колледж: стажировки преподавателей."
    )
    farming = _academic(
        "c-agri", CN, "institute", "zh", "新疆农业科学院：春小麦、油菜育种，希望交换种质资源。"
    )
    their_medical = _academic(
        "c-med", CN, "university", "zh", "新疆医科大学：希望与哈萨克斯坦医学院校合作，教师进修。"
    )
    plain = _academic("k-uni", KZ, "university", "ru", "Университет: обмен студентами.")
    found = run([medical, farming, their_medical, plain])
    assert [s.partner_id for s in found[medical.id]] == [their_medical.id]
    assert medical.id not in [s.partner_id for s in found[farming.id]]
    # one whose name names no field meets both
    assert {s.partner_id for s in found[plain.id]} == {farming.id, their_medical.id}


def _shipper(text: str) -> O:
    return O(
        id="k-farm",
        side=KZ,
        isic=["0113"],
        hs_offers=["0701"],
        languages=["ru"],
        texts={"ru": text},
    )


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        (
            "Картофель, 40 тыс. т. В Китай картофель из РК не пускают (нет фитосанитарного "
            "протокола), поэтому ищем покупателей в Средней Азии.",
            False,
        ),
        (
            "Картофель, 40 тыс. т. Фитосанитарного сертификата пока нет, нужна помощь с "
            "оформлением.",
            True,
        ),
        ("Картофель, 40 тыс. т. Ищем покупателей в Китае, нужен фитосанитарный сертификат.", True),
    ],
)
def test_papers_named_as_a_barrier_ask_for_no_customs_broker(text: str, asks: bool) -> None:
    broker = O(
        id="c-broker",
        side=CN,
        isic=["5229"],
        languages=["zh"],
        texts={"zh": "报关公司：进出口报关报检，代办检疫证和海关总署（GACC）注册。"},
    )
    kinds = reason_kinds(_shipper(text), broker)
    assert ("service_they_provide" in kinds) is asks


def _road_carrier() -> O:
    return O(
        id="c-road",
        side=CN,
        isic=["4923"],
        languages=["zh"],
        texts={
            "zh": "喀什国际道路运输公司：喀什—伊尔克什坦—奥什；"
            "喀什—霍尔果斯—阿拉木图—阿克托别。篷布车。"
        },
    )


@pytest.mark.parametrize(
    "text",
    [
        "Мелькомбинат. Нужен перевозчик до Кашгара — авто через Кыргызстан (Иркештам) или ж/д.",
        "Экспорт муки. В этом сезоне ищем: 1) покупателя напрямую; 2) перевозчика до Кашгара, "
        "3 тыс. т в мес.",
    ],
)
def test_a_road_carrier_serves_one_who_asks_by_road_or_in_a_numbered_list(text: str) -> None:
    mill = O(
        id="k-mill",
        side=KZ,
        isic=["1061"],
        hs_offers=["1101"],
        languages=["ru"],
        texts={"ru": text},
    )
    carrier = _road_carrier()
    assert transport_partners(mill, carrier) == {carrier.id}


def test_a_dealer_of_declared_chapters_asks_for_every_machine_it_names() -> None:
    dealer = O(
        id="k-dealer",
        side=KZ,
        isic=["4659"],
        hs_needs=["87", "84"],
        languages=["ru"],
        texts={
            "ru": "Дилер грузовой и спецтехники (Петропавловск): тягачи, самосвалы, погрузчики, "
            "с/х техника. Ищем китайских производителей для дилерства в Северном Казахстане, "
            "есть СТО и склад запчастей. Интересны тягачи 6х4, самосвалы, кормоуборочные "
            "комбайны."
        },
    )
    harvesters = O(
        id="c-agri",
        side=CN,
        isic=["2821"],
        hs_offers=["843359"],
        languages=["zh"],
        texts={"zh": "新疆农机企业：自走式青贮饲料收获机，寻找哈萨克斯坦经销商。"},
    )
    assert [s.partner_id for s in run([dealer, harvesters])[dealer.id]] == [harvesters.id]


def test_a_tender_for_workover_and_fracturing_asks_an_oilfield_service_company() -> None:
    producer = O(
        id="k-oil",
        side=KZ,
        isic=["0610"],
        languages=["ru"],
        texts={"ru": "Нефтедобывающая компания. Объявляем тендеры: НКТ, а также услуги КРС и ГРП."},
    )
    service = O(
        id="c-service",
        side=CN,
        isic=["0910"],
        languages=["zh"],
        texts={"zh": "石油技术服务公司：修井、压裂、固井，想承接哈萨克斯坦油田项目。"},
    )
    kinds = reason_kinds(producer, service)
    assert "service_they_provide" in kinds


def test_a_wholesaler_of_whole_chapters_offers_the_goods_its_text_names() -> None:
    wholesaler = O(
        id="c-market",
        side=CN,
        isic=["4641"],
        hs_offers=["61", "62", "64", "4202"],
        languages=["zh"],
        texts={
            "zh": "边疆宾馆市场批发商户：男女服装、羽绒服、鞋、箱包。老客户是哈萨克斯坦批发商。"
        },
    )
    shop = O(
        id="k-shop",
        side=KZ,
        isic=["4771"],
        languages=["ru"],
        texts={"ru": "Бутики на рынке: одежда, обувь. Ищем оптовых поставщиков одежды и обуви."},
    )
    kinds = reason_kinds(shop, wholesaler)
    assert "you_need_they_offer_text" in kinds
