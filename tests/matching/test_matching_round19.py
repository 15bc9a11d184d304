"""Round 19 (issue 14): ways of asking, offering and working read on the phrasings catalog.

`benchmarks/matching/phrasings.yaml` holds 240 short texts written by a helper who did not read
the matcher, each with the headings it offers or asks for and the ones a careless reader would
pick. The classes it showed, each tested here with other wording: goods before a verb of buying
whose own part names none; more verbs of buying; a sentence or part that only seeks a maker;
a denial followed by "only"; a decimal comma; inputs, materials, sources, customers, packaging,
shapes and facilities that name no goods sold.
"""

from __future__ import annotations

import pytest

from .helpers import named


def _codes(text: str, language: str) -> set[str]:
    return {code for code, _ in named(text, language)}


@pytest.mark.parametrize(
    ("text", "language", "heading"),
    [
        # goods first, the verb after, and nothing named after the verb
        ("Гречка ядрица, 20 тонн в месяц — купим.", "ru", "1008"),
        ("Walnut kernels we regularly import.", "en", "0802"),
        ("Sunflower oil — we buy year-round.", "en", "1512"),
        ("Cement M400: 10 wagons a month, buying.", "en", "2523"),
        # verbs of buying
        ("Интересует поставка стекла листового.", "ru", "7005"),
        ("Рассмотрим предложения по поставке сахара.", "ru", "1701"),
        ("Картофель семенной заказываем в Китае.", "ru", "0701"),
        ("Бидай аламыз, көтерме бағамен.", "kk", "1001"),
        ("Қытайдан шай әкелеміз.", "kk", "0902"),
        ("Мандарин мен лимонға тапсырыс береміз.", "kk", "0805"),
        ("We would like to buy copper cathodes.", "en", "7403"),
        ("Interested in frozen beef.", "en", "0202"),
        ("诚征铁矿石供应商。", "zh", "2601"),
        ("棉纱一直从外地订。", "zh", "5205"),
        ("饲料用玉米供应紧张。", "zh", "1005"),
        ("Onions are scarce here in spring.", "en", "0703"),
        ("Glass bottles are in short supply in our region.", "en", "7010"),
    ],
)
def test_ways_of_asking(text: str, language: str, heading: str) -> None:
    found = named(text, language)
    assert (heading, "need") in found and (heading, "offer") not in found


def test_we_can_deliver_is_no_request() -> None:
    # «жеткізе аламыз» is "we can deliver": the wheat is offered, not asked for
    found = named("Бидай сатамыз, Қытайға жеткізе аламыз.", "kk")
    assert ("1001", "offer") in found and ("1001", "need") not in found


@pytest.mark.parametrize(
    ("text", "language", "heading"),
    [
        ("Брусчатка. Ищем надёжного поставщика.", "ru", "6810"),
        ("Кабель ВВГ 3х1,5: ищем завод-изготовитель.", "ru", "8544"),
        ("铝合金门窗，寻找合作工厂。", "zh", "7610"),
        ("轴承，找源头厂家。", "zh", "8482"),
    ],
)
def test_a_maker_sought_asks_for_the_goods_named_before(
    text: str, language: str, heading: str
) -> None:
    assert (heading, "need") in named(text, language)


def test_only_after_a_denial_takes_the_direction_denied() -> None:
    asked = named("Пшеницу не закупаем, только ячмень.", "ru")
    assert ("1003", "need") in asked and "1001" not in {code for code, _ in asked}
    sold = named("We don't sell raw cotton, only yarn.", "en")
    assert ("5205", "offer") in sold and ("5205", "need") not in sold


@pytest.mark.parametrize(
    ("text", "language", "sold", "not_goods"),
    [
        ("Из местной шерсти валяем войлок, продаём.", "ru", "5602", "5101"),
        ("Сушим сливы и продаём чернослив.", "ru", "0813", "0809"),
        ("Жергілікті сүттен ірімшік шығарамыз.", "kk", "0406", "0401"),
        ("以甜菜为原料生产白砂糖。", "zh", "1701", "1212"),
        ("鲜奶加工成奶粉出售。", "zh", "0402", "0401"),
        ("用新疆葡萄酿造葡萄酒。", "zh", "2204", "0806"),
        ("Dairy: we process milk into butter.", "en", "0405", "0401"),
        ("Noodles made from local wheat flour.", "en", "1902", "1101"),
    ],
)
def test_an_input_is_no_goods_sold(text: str, language: str, sold: str, not_goods: str) -> None:
    found = _codes(text, language)
    assert sold in found and not_goods not in found


@pytest.mark.parametrize(
    ("text", "language", "goods", "not_goods"),
    [
        ("Поставляем минеральную воду в ПЭТ-бутылках.", "ru", "2201", "3923"),
        ("大米，50kg编织袋包装，批发。", "zh", "1006", "6305"),
        ("专供面包房用的高筋面粉。", "zh", "1101", "1905"),
        ("We mill flour for bakeries.", "en", "1101", "1905"),
        ("Our fleet of 20 trucks delivers the coal we sell.", "en", "2701", "8704"),
        ("Тоңазытқыш қоймамыз бар, алма сатамыз.", "kk", "0808", "8418"),
        ("Комбайндарға арналған шиналарды сатамыз.", "kk", "4011", "8433"),
        ("Саңырауқұлақ тәрізді попкорн жүгерісін сатамыз.", "kk", "1005", "0709"),
    ],
)
def test_packaging_purposes_facilities_and_shapes_name_no_goods(
    text: str, language: str, goods: str, not_goods: str
) -> None:
    found = _codes(text, language)
    assert goods in found and not_goods not in found
