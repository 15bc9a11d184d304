"""Round 21 (issue 14): the classes of the blind parts `lagoon` (Kyzylorda ↔ Alar) and `prairie`
(Turkestan ↔ Bayingol), read after their blind runs, each tested here with other wording than the
parts'.

Investment: a project that seeks capital and an investor in its very activity class meet on their
profiles alone, across languages, with no text likeness to help; what a project asks capital for
is no goods it buys («ищем инвестиции в цех переработки винограда», 寻求服装企业投资入驻).
"""

from __future__ import annotations

import pytest

from keruen.matching import OrganizationProfile

from .helpers import CN, KZ, C, O, named, partners, run


def _project(isic: str, text: dict[str, str]) -> OrganizationProfile:
    return O(
        id="project",
        side=KZ,
        languages=["ru"],
        texts=text,
        profiles=[C(kind="investment_sought", isic=[isic], text=text)],
    )


def _investor(isic: list[str]) -> OrganizationProfile:
    text = {"zh": "国有资本投资公司，可以到哈萨克斯坦合作。"}
    return O(
        id="investor",
        side=CN,
        languages=["zh"],
        texts=text,
        profiles=[C(kind="investment_offered", isic=isic, text=text)],
    )


def test_a_project_meets_an_investor_in_its_activity_class() -> None:
    project = _project("1061", {"ru": "Проект мельничного комплекса, ищем инвестора."})
    found = run([project, _investor(["1061", "1311"])])
    assert [s.partner_id for s in found["project"]] == ["investor"]
    assert [s.partner_id for s in found["investor"]] == ["project"]
    assert any(r.kind == "profile_they_offer" for r in found["project"][0].reasons)


def test_an_investor_of_the_same_division_only_is_no_match_alone() -> None:
    # grain milling (1061) and a dairy investor (1050): both food, not the same business
    project = _project("1061", {"ru": "Проект мельничного комплекса, ищем инвестора."})
    assert run([project, _investor(["1050"])])["project"] == []


@pytest.mark.parametrize(
    ("text", "language", "not_asked"),
    [
        ("Ищем инвестиции в цех переработки винограда и выдержки вина.", "ru", {"0806", "2204"}),
        ("寻求服装、针织企业投资入驻。", "zh", {"6109", "6203", "6204"}),
        ("We are seeking investment in a dairy plant for milk powder.", "en", {"0402"}),
    ],
)
def test_what_capital_is_asked_for_is_no_goods_asked_for(
    text: str, language: str, not_asked: set[str]
) -> None:
    asked = {code for code, direction in named(text, language) if direction == "need"}
    assert not asked & not_asked


def test_an_investor_and_a_supplier_asked_together_still_ask_for_the_goods() -> None:
    assert ("8541", "need") in named("Ищем инвестора и поставщика солнечных панелей.", "ru")


@pytest.mark.parametrize(
    ("text", "language", "heading", "direction"),
    [
        ("Планируем приобрести зерноуборочные комбайны, 3 единицы.", "ru", "8433", "need"),
        ("羊毛原料一直从哈萨克斯坦订。", "zh", "5101", "need"),
        ("肉牛育肥场，盐砖长期采购。", "zh", "2501", "need"),
        ("Тамшылатқыш таспа керек, 50 шақырым.", "kk", "3917", "need"),
        ("Ищем поставщика джиновых пил.", "ru", "8448", "need"),
        ("Гофроқағаз керек, айына 50 тонна.", "kk", "4805", "need"),
        ("想找毡房厂家，需要蒙古包二十顶。", "zh", "6306", "need"),
        ("Жеміс-көкөніс жәшіктерін шығарамыз.", "kk", "4819", "offer"),
        ("棉花脱叶剂、除草剂出口。", "zh", "3808", "offer"),
        ("油田服务公司采购工作服、防静电服。", "zh", "6211", "need"),
    ],
)
def test_round21_goods_and_ways_of_asking(
    text: str, language: str, heading: str, direction: str
) -> None:
    assert (heading, direction) in named(text, language)


@pytest.mark.parametrize(
    ("text", "language", "not_named"),
    [
        ("Жеміс-көкөніс жәшіктерін шығарамыз.", "kk", {"2006"}),  # boxes for fruit: no fruit
        ("棉花脱叶剂、除草剂出口。", "zh", {"5201"}),  # a cotton defoliant: no cotton
        ("Киіз үй жасаймыз, толық жабдығымен.", "kk", {"9108", "9109", "8427"}),
        ("Түйе жүнін жуамыз, сатамыз.", "kk", {"0703"}),  # we wash: no onions (жуа)
        ("Шаруа қожалығы, бидай сатамыз, жұмыс істейміз.", "kk", {"8201", "8436", "8207"}),
        ("Крестьянское хозяйство, продаём ячмень.", "ru", {"8201", "8436"}),
        ("油田服务公司采购工作服、防静电服。", "zh", {"6109", "8533"}),  # no T-shirts, resistors
        ("Тепличное хозяйство: огурцы, перец, томаты.", "ru", {"9406"}),  # its own greenhouses
        ("Жылыжай шаруашылығы: қияр сатамыз.", "kk", {"9406"}),
        ("Inbound tour operator: desert nights, looking for travel agencies.", "en", {"6207"}),
    ],
)
def test_round21_what_names_no_goods(text: str, language: str, not_named: set[str]) -> None:
    assert not {code for code, _ in named(text, language)} & not_named


def test_a_tour_operator_meets_the_travel_agencies_of_the_other_side() -> None:
    operator = O(
        id="operator", side=KZ, isic=["7912"], languages=["en"],
        texts={"en": "Inbound tours to Turkistan and Otrar, guides speaking Chinese."},
    )  # fmt: skip
    agency = O(
        id="agency", side=CN, isic=["7911"], languages=["ru"],
        texts={"ru": "Турагентство в Корле, отправляем группы в Казахстан."},
    )  # fmt: skip
    assert partners(operator, agency) == ["agency"]


def test_a_tourism_department_meets_hotels_not_restaurants() -> None:
    department = O(
        id="department", side=KZ, kind="government", topics=["tourism"], languages=["ru"],
        texts={"ru": "Управление туризма области."},
    )  # fmt: skip
    hotel = O(id="hotel", side=CN, isic=["5510"], languages=["zh"], texts={"zh": "酒店。"})
    cafe = O(id="cafe", side=CN, isic=["5610"], languages=["zh"], texts={"zh": "烤鱼餐厅。"})
    assert partners(department, hotel) == ["hotel"]
    assert partners(department, cafe) == []


def test_an_investment_agency_meets_investors_not_the_other_sides_projects() -> None:
    agency = O(
        id="agency", side=KZ, kind="government", topics=["investment_support"],
        languages=["ru"], texts={"ru": "Агентство по привлечению инвестиций области."},
    )  # fmt: skip
    project = _project("1061", {"ru": "Проект мельничного комплекса, ищем инвестора."})
    project = project.model_copy(update={"side": CN, "id": "project"})
    investor = _investor(["1061"])
    assert partners(agency, investor) == ["investor"]
    assert partners(agency, project) == []


def test_pesticides_go_to_farms_not_to_a_cotton_gin() -> None:
    maker = O(id="maker", side=CN, isic=["2021"], languages=["ru"], texts={})
    farm = O(id="farm", side=KZ, isic=["0116"], languages=["ru"], texts={})
    gin = O(id="gin", side=KZ, isic=["0163"], languages=["ru"], texts={})
    assert partners(maker, farm) == ["farm"]
    assert partners(maker, gin) == []
