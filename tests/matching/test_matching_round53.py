"""Round 53 (issue 14): the classes read on lobe and swash after their blind runs.

- A trader that also invests abroad still sells its goods: a chili market (4620, 0128) that would
  build a chili base in Central Asia offers its ground chili to a salad maker that buys it.
- Chili in oil and chili seasonings (油辣椒, 辣椒调味品) are sauces; «острые соусы» are sauces.
- Wool carding and combing machines (чесальные машины, 梳毛机); tanning chemicals (сульфат хрома,
  жирующие вещества, 铬鞣剂, 加脂剂) by name.
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
