"""Round 53 (issue 14): the classes read on lobe and swash after their blind runs.

- A trader that also invests abroad still sells its goods: a chili market (4620, 0128) that would
  build a chili base in Central Asia offers its ground chili to a salad maker that buys it.
- Chili in oil and chili seasonings (油辣椒, 辣椒调味品) are sauces; «острые соусы» are sauces.
- Wool carding and combing machines (чесальные машины, 梳毛机); tanning chemicals (сульфат хрома,
  жирующие вещества, 铬鞣剂, 加脂剂) by name.
- Read again on chott (round 48): an industry department that invites investors works for
  investment (it meets a commerce bureau); a technology of an organization that gives no activity
  (a university) is of the field its words name, and meets a technology asked in that division.
"""

from __future__ import annotations

import pytest

from .helpers import CN, KZ, C, O, company, named, partners

pytestmark = pytest.mark.unit


def test_a_trader_that_also_invests_abroad_still_sells_its_goods() -> None:
    chili = O(
        id="c-chili",
        side=CN,
        isic=["4620", "0128"],
        languages=["zh"],
        profiles=[
            C(
                kind="investment_offered",
                isic=["0128"],
                text={"zh": "在中亚投资建设辣椒种植和加工基地。"},
            )
        ],
        texts={
            "zh": "辣椒市场经营企业：干辣椒、辣椒面，年交易量10万吨。也愿意在中亚投资辣椒基地。"
        },
    )
    salads = company(
        "k-salads",
        KZ,
        "1030",
        "ru",
        "Цех корейских салатов: закупаем молотый красный перец, около 8 т в месяц.",
        "zh",
    )
    assert "c-chili" in partners(salads, chili)


def test_chili_in_oil_and_hot_sauces_are_sauces() -> None:
    found = named("辣椒调味品企业：油辣椒、风味豆豉、火锅底料。", "zh")
    assert {code for code, _ in found} == {"2103"}
    assert ("2103", "need") in named("Для магазинов берём также китайские острые соусы.", "ru")


def test_wool_machines_and_tanning_chemicals_by_name() -> None:
    text = "Нужен комплект оборудования (мойка, чесальные и гребнечесальные машины)."
    assert ("8445", "need") in named(text, "ru")
    assert ("8445", "offer") in named("纺机企业：洗毛联合机、梳毛机、精梳机。", "zh")
    tanning = "Закупаем хромовый дубитель (основной сульфат хрома), жирующие вещества."
    assert {("2833", "need"), ("3403", "need")} <= named(tanning, "ru")


def test_an_industry_department_that_invites_investors_meets_a_commerce_bureau() -> None:
    industry = O(
        id="k-industry",
        side=KZ,
        kind="government",
        languages=["ru", "zh"],
        texts={
            "ru": "Управление промышленности акимата области: автомобилестроение, "
            "сельхозмашиностроение. Приглашаем инвесторов: участки, меры поддержки."
        },
    )
    commerce = O(
        id="c-commerce",
        side=CN,
        kind="government",
        languages=["zh"],
        texts={"zh": "湖北省商务厅：推动对中亚贸易和境外投资，支持企业在哈萨克斯坦设立工厂。"},
    )
    assert "c-commerce" in partners(industry, commerce)


def test_a_universitys_technology_is_of_the_field_its_words_name() -> None:
    university = O(
        id="c-agri-uni",
        side=CN,
        kind="university",
        languages=["zh", "ru"],
        profiles=[
            C(kind="technology_offer", text={"zh": "牛胚胎移植和基因组选择；水产养殖技术。"})
        ],
    )
    breeder = O(
        id="k-breeder",
        side=KZ,
        isic=["0141"],
        languages=["ru", "zh"],
        profiles=[C(kind="technology_request", text={"ru": "Трансплантация эмбрионов."})],
    )
    assert "c-agri-uni" in partners(breeder, university)
