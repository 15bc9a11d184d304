"""Round 42 (issue 14): the classes read on corrie and nubbin after their blind runs.

- An oilfield service company that asks for a Chinese service company with a frac fleet asks
  for that specialty abroad, though it does well repair itself; 压裂 names fracturing, 油服企业
  oilfield service firms.
- Oil sludge treatment asked («переработка нефтешлама») is a waste firm's service; a technology
  that gives no code is of its organization's first activity: a sludge firm's request meets a
  sludge firm's offer, and not a CO2-flooding firm's.
- A terminal asked for («зерновой терминал на китайской стороне») is served by one that handles
  cargo, and not by a road carrier.
- A wish to distribute another's goods asks for them (希望代理…联合收割机, «стать дилером»).
- Providers sought as customers («Ищем заказчиков среди китайских сервисных компаний») are no
  service asked for.
"""

from __future__ import annotations

import pytest

from .helpers import CN, KZ, C, O, named, partners, reason_kinds

pytestmark = pytest.mark.unit

OILSERVICE = O(
    id="k-oilservice",
    side=KZ,
    isic=["0910"],
    languages=["ru"],
    texts={
        "ru": "Нефтесервисная компания: бурение скважин, КРС и ПРС, цементирование. Ищем "
        "китайскую сервисную компанию с флотом ГРП и колтюбингом для совместного участия в "
        "тендерах."
    },
)


def test_a_service_company_that_asks_for_a_chinese_frac_fleet_meets_a_frac_company() -> None:
    frac = O(
        id="c-frac",
        side=CN,
        isic=["0910"],
        languages=["zh", "ru"],
        texts={"zh": "压裂酸化服务公司：2500型压裂车组3套，水平井分段压裂、酸化。"},
    )
    assert "service_they_provide" in reason_kinds(OILSERVICE, frac)


def test_a_driller_that_asks_for_a_kazakh_oilfield_service_firm_meets_one() -> None:
    driller = O(
        id="c-drilling",
        side=CN,
        isic=["0910"],
        languages=["zh"],
        texts={
            "zh": "钻井公司：70部钻机，承揽直井、水平井、侧钻井。"
            "寻找哈方本地油服企业合作（分包、合资）。"
        },
    )
    assert "service_they_provide" in reason_kinds(driller, OILSERVICE)


def test_an_oil_producer_that_asks_for_sludge_treatment_meets_a_sludge_firm() -> None:
    producer = O(
        id="k-producer",
        side=KZ,
        isic=["0610"],
        languages=["ru"],
        profiles=[
            C(
                kind="technology_request",
                text={
                    "ru": "МУН для обводнённых месторождений; переработка нефтешлама из амбаров."
                },
            )
        ],
        texts={"ru": "Нефтедобывающая компания, зрелые месторождения Южно-Тургайского бассейна."},
    )
    sludge = O(
        id="c-sludge",
        side=CN,
        isic=["3822"],
        languages=["zh", "ru"],
        texts={"zh": "环保公司：含油污泥热脱附、热洗成套装备，可出售设备或承包处理项目。"},
    )
    assert "service_they_provide" in reason_kinds(producer, sludge)


SLUDGE_REQUEST = O(
    id="k-sludge",
    side=KZ,
    isic=["3822", "3900"],
    languages=["ru"],
    profiles=[
        C(
            kind="technology_request",
            text={
                "ru": "Мобильные установки термической десорбции нефтешлама, передача технологии."
            },
        )
    ],
    texts={"ru": "Экологическая компания: ликвидация амбаров нефтешлама на месторождениях."},
)


def test_a_sludge_technology_asked_meets_a_sludge_technology_offered_without_codes() -> None:
    offer = O(
        id="c-sludge",
        side=CN,
        isic=["3822"],
        languages=["zh", "ru"],
        profiles=[C(kind="technology_offer", text={"zh": "含油污泥热脱附成套装置、油泥资源化。"})],
        texts={"zh": "环保公司：油田含油污泥处理。"},
    )
    co2 = O(
        id="c-co2",
        side=CN,
        isic=["0910", "3900"],
        languages=["zh", "ru"],
        profiles=[C(kind="technology_offer", text={"zh": "CO2捕集、驱油与封存一体化服务。"})],
        texts={"zh": "CCUS企业：为油田提供CO2驱油和埋存服务。"},
    )
    assert "profile_they_offer" in reason_kinds(SLUDGE_REQUEST, offer)
    assert "profile_they_offer" not in reason_kinds(SLUDGE_REQUEST, co2)


GRAIN = O(
    id="k-grain",
    side=KZ,
    isic=["0111"],
    hs_offers=["100119", "1003"],
    languages=["ru"],
    texts={
        "ru": "Агрохолдинг: пшеница твёрдая и ячмень. Отгружаем зерно в Китай вагонами через "
        "Алтынколь – Хоргос; ищем экспедитора и зерновой терминал на китайской стороне."
    },
)


def test_a_grain_exporter_that_asks_for_a_terminal_meets_the_dry_port_not_a_road_fleet() -> None:
    dryport = O(
        id="c-dryport",
        side=CN,
        isic=["5221", "5210"],
        languages=["zh", "ru"],
        profiles=[
            C(
                kind="logistics",
                isic=["5221"],
                text={"zh": "宽准轨换装、进口粮食散改集和粮食专用仓。"},
            )
        ],
        texts={
            "zh": "霍尔果斯国际陆港：宽准轨换装，进口粮食专用仓，欢迎哈萨克斯坦粮食出口企业合作。"
        },
    )
    road = O(
        id="c-road",
        side=CN,
        isic=["4923"],
        languages=["zh", "ru"],
        profiles=[C(kind="logistics", isic=["4923"], text={"zh": "公路运输：霍尔果斯—阿拉木图。"})],
        texts={"zh": "公路货运公司：篷布车30辆，霍尔果斯—阿拉木图—塔什干。"},
    )
    assert "transport_they_provide" in reason_kinds(GRAIN, dryport)
    assert "transport_they_provide" not in reason_kinds(GRAIN, road)


def test_a_wish_to_become_the_dealer_of_combines_asks_for_them() -> None:
    assert ("8433", "need") in named(
        "农机销售公司：拖拉机、播种机。也希望代理哈萨克斯坦产的大型谷物联合收割机在新疆销售。", "zh"
    )
    assert ("8433", "need") in named(
        "Сельхозтехника: тракторы, сеялки. Хотим стать дилером казахстанских комбайнов.", "ru"
    )


def test_providers_sought_as_customers_are_no_service_asked_for() -> None:
    camp = O(
        id="k-camp",
        side=KZ,
        isic=["5629", "5590"],
        languages=["ru", "zh"],
        texts={
            "ru": "Обслуживание вахтовых посёлков на месторождениях: питание, проживание. Ищем "
            "заказчиков среди китайских сервисных компаний.",
            "zh": "油田营地服务：餐饮、住宿。寻找来库姆科尔作业的中国油服企业客户。",
        },
    )
    workover = O(
        id="c-workover",
        side=CN,
        isic=["0910"],
        languages=["zh", "ru"],
        texts={"zh": "井下作业公司：修井、大修、试油。希望承揽哈萨克斯坦老油田的修井作业。"},
    )
    assert "service_they_provide" not in reason_kinds(camp, workover)
    assert partners(camp, workover) == []


def test_customers_sought_beside_certification_still_ask_for_the_certification() -> None:
    maker = O(
        id="c-pumps",
        side=CN,
        isic=["2813"],
        hs_offers=["841350"],
        languages=["zh"],
        texts={"zh": "石油机械公司：抽油泵、抽油杆。想在阿特劳找代理或直接客户，需要办理EAC认证。"},
    )
    broker = O(
        id="k-broker",
        side=KZ,
        isic=["5229"],
        languages=["ru", "zh"],
        texts={
            "ru": "Таможенный представитель: декларирование, сертификаты и декларации ТР ТС/EAC."
        },
    )
    assert "service_they_provide" in reason_kinds(maker, broker)
