"""Round 43 (issue 14): the classes read on guyot and rognon after their blind runs.

- A request for transport that names a rail border crossing («через Достык — Алашанькоу»)
  asks for rail: a rail terminal serves it, a road fleet does not.
- 集装箱班列运营商 (a container-train operator) asked for is a carrier asked for.
- A government body that invites investors (招商引资) works for investment: a free-trade zone
  meets a city's investment department.
"""

from __future__ import annotations

import pytest

from .helpers import CN, KZ, C, O, reason_kinds

pytestmark = pytest.mark.unit

RAIL = O(
    id="c-rail",
    side=CN,
    isic=["5221", "5224"],
    languages=["zh", "ru"],
    profiles=[
        C(kind="logistics", isic=["5224"], text={"zh": "中欧班列集结、宽准轨换装、保税仓储。"})
    ],
    texts={
        "zh": "阿拉山口口岸铁路物流公司：班列集结与发运，准轨与宽轨换装，进口粮食、油脂的铁路接运。"
    },
)
ROAD = O(
    id="c-road",
    side=CN,
    isic=["4923"],
    languages=["zh", "ru"],
    profiles=[C(kind="logistics", isic=["4923"], text={"zh": "公路运输：霍尔果斯—阿拉木图。"})],
    texts={"zh": "公路货运公司：篷布车30辆，霍尔果斯—阿拉木图—塔什干。"},
)


def test_a_request_that_names_a_rail_crossing_asks_for_rail() -> None:
    mill = O(
        id="k-oilmill",
        side=KZ,
        isic=["1040"],
        hs_offers=["1512"],
        languages=["ru", "zh"],
        texts={
            "ru": "Маслозавод: подсолнечное масло. Ищем покупателей в Синьцзяне; нужна отгрузка "
            "масла наливом — флекси-танки в контейнерах или цистерны через Достык — Алашанькоу.",
            "zh": "油厂：未精炼葵花籽油。寻找新疆买家，需要经多斯特克—阿拉山口的散装油运输。",
        },
    )
    assert "transport_they_provide" in reason_kinds(mill, RAIL)
    assert "transport_they_provide" not in reason_kinds(mill, ROAD)


def test_a_container_train_operator_asked_for_is_a_carrier_asked_for() -> None:
    plant = O(
        id="k-bus",
        side=KZ,
        isic=["2910"],
        hs_offers=["8702"],
        languages=["zh"],
        texts={"zh": "客车组装厂：SKD组装城市客车。采购车身、车桥等零部件，寻找集装箱班列运营商。"},
    )
    assert "transport_they_provide" in reason_kinds(plant, RAIL)


def test_a_free_trade_zone_that_invites_investors_meets_an_investment_department() -> None:
    zone = O(
        id="c-ftz",
        side=CN,
        kind="government",
        languages=["zh"],
        texts={
            "zh": "自由贸易试验区霍尔果斯片区管委会：招商引资，跨境贸易、保税物流政策。"
            "欢迎哈萨克斯坦企业来片区设立企业。"
        },
    )
    department = O(
        id="k-invest",
        side=KZ,
        kind="government",
        languages=["ru", "zh"],
        texts={
            "ru": "Управление инвестиций и развития предпринимательства города: индустриальные "
            "зоны, сопровождение инвестора по принципу одного окна."
        },
    )
    assert "counterpart_body" in reason_kinds(department, zone)


def test_a_truck_asked_to_a_rail_crossing_asks_for_a_truck() -> None:
    picker = O(
        id="k-hawthorn",
        side=KZ,
        isic=["0230"],
        languages=["kk"],
        texts={
            "kk": "Жабайы жеміс жинаймыз: кептірілген долана. Алашанькоуға дейін жүк көлігі "
            "керек, 20 тонналық."
        },
    )
    assert "transport_they_provide" not in reason_kinds(picker, RAIL)
