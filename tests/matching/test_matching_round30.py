"""Round 30 (issue 14): everyday names filed under the wrong HS heading.

Concrete-mixer lorries and breakdown lorries (tow trucks) are special-purpose vehicles (8705),
not lorries for goods (8704); felt rugs («текемет», «сырмақ») are carpets of felt (5704), not
felt (5602) nor other carpets (5705); dental implants are dental fittings (9021), not medical
instruments (9018); a truck crane is a crane lorry (8705) as well as a crane
(8426). Urea is a nitrogen fertilizer (3102), dried chilli a spice (0904), «қазы» a sausage (1601),
workwear («спецодежда») suits and work clothes (6203, 6211), not T-shirts. A buyer of one must meet
the seller who files it under the right heading. Scrap yards, «требуются» and renting in ask.
"""

from __future__ import annotations

import pytest

from .helpers import named

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "language", "heading", "not_heading"),
    [
        ("Закупаем эвакуаторы для городской службы, 5 единиц.", "ru", "8705", "8704"),
        ("Нужны бетоновозы 9 м3 под объект в Шымкенте.", "ru", "8705", "8704"),
        ("求购混凝土搅拌车10台。", "zh", "8705", "8704"),
        ("需要清障车两台。", "zh", "8705", "8704"),
        ("Қалалық қызметке эвакуатор керек.", "kk", "8705", "8704"),
        ("Текемет, сырмақ сатып аламыз, сувенир дүкеніне.", "kk", "5704", "5602"),
        ("Текеметтер мен сырмақтар аламыз.", "kk", "5704", "5705"),
        ("Закупаем имплантаты стоматологические, 500 шт. в месяц.", "ru", "9021", "9018"),
        ("We buy dental implants and abutments.", "en", "9021", "9018"),
        ("求购洒水车3台。", "zh", "8705", "8704"),
    ],
)
def test_a_good_is_named_under_its_own_heading(
    text: str, language: str, heading: str, not_heading: str
) -> None:
    found = named(text, language)
    assert (heading, "need") in found
    assert (not_heading, "need") not in found


def test_bulk_cement_lorries_stay_lorries_for_goods() -> None:
    # the cement tanker carries goods: 8704, as before
    assert ("8704", "offer") in named("出售粉罐车和油罐车。", "zh")


@pytest.mark.parametrize(
    ("text", "language"),
    [("Закупаем автокраны 25 т.", "ru"), ("求购汽车吊。", "zh"), ("We need truck cranes.", "en")],
)
def test_a_truck_crane_is_a_special_purpose_vehicle_and_a_crane(text: str, language: str) -> None:
    # a crane lorry (8705.10) meets the sellers of special vehicles and of cranes alike
    assert {("8705", "need"), ("8426", "need")} <= named(text, language)


@pytest.mark.parametrize(
    ("text", "language", "heading"),
    [
        ("Принимаем цветной металлолом: лом меди, лом алюминия.", "ru", "7404"),
        ("Требуются трансформаторы 10/0,4 кВ, 12 штук.", "ru", "8504"),
        ("长期回收废旧金属，价格面议。", "zh", "7602"),
        ("缺卡车配件，想找厂家直供。", "zh", "8708"),
    ],
)
def test_a_scrap_yard_and_a_shortage_ask_for_the_goods(
    text: str, language: str, heading: str
) -> None:
    found = named(text, language)
    assert (heading, "need") in found
    assert (heading, "offer") not in found


@pytest.mark.parametrize(
    ("text", "language", "heading"),
    [
        ("Принимаем заказы на пошив спецодежды.", "ru", "6203"),
        ("我厂生产卡车配件，缺点是运输远。", "zh", "8708"),
        ("Производим трансформаторы, которые требуются подстанциям.", "ru", "8504"),
    ],
)
def test_taking_orders_or_a_drawback_asks_for_nothing(
    text: str, language: str, heading: str
) -> None:
    assert (heading, "need") not in named(text, language)


@pytest.mark.parametrize(
    "text",
    [
        "Также покупаем или берём в аренду башенные краны грузоподъёмностью 8–10 т.",
        "Покупаем или арендуем башенные краны на два сезона.",
    ],
)
def test_goods_rented_in_are_asked_for(text: str) -> None:
    assert ("8426", "need") in named(text, "ru")


def test_goods_rented_out_are_a_service_not_goods_sold() -> None:
    assert named("Сдаём в аренду башенные краны и автокраны.", "ru") == set()


@pytest.mark.parametrize(
    ("text", "language", "headings", "not_heading"),
    [
        ("Закупаем спецодежду для 300 рабочих.", "ru", {"6203", "6211"}, "6109"),
        ("求购干辣椒、辣椒粉，年需200吨。", "zh", {"0904"}, "0709"),
        ("Қазы, қазы-қарта аламыз, той маусымына.", "kk", {"1601"}, "0205"),
        ("求购尿素5000吨。", "zh", {"3102"}, "3105"),
        ("Закупаем мелкую бытовую технику: чайники, утюги.", "ru", {"8516"}, ""),
    ],
)
def test_an_everyday_name_of_one_good_names_its_heading(
    text: str, language: str, headings: set[str], not_heading: str
) -> None:
    found = {code for code, direction in named(text, language) if direction == "need"}
    assert headings <= found
    assert not_heading not in found
