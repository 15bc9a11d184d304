"""Rounds 49–50 (issue 14): the classes read on oxbow, levee, shoal and hollow after their blind
runs.

- A body's field from its activity code: every topic's codes count (the International Financial
  Centre, 6611, is finance's), and its name's words: a financial authority (金融), a tech park
  (технопарк, 科学城), an expo bureau (博览, 会展), a fashion week (时装).
- A fund that gives only its own activity (6630) invests in the sectors its words name.
- A medical university that asks for internships for its doctors asks a hospital, not a dental
  clinic; a medical speciality (кардиохирургия) names no surgical instruments.
- Goods one has enough of at home are neither offered nor asked («Яблок своих хватает»).
- 沙棘油和沙棘汁 names the oil and the juice; notoginseng (三七, саньци) is a medicinal root.
- A grower that mills its own crop buys no other farm's grain.
- Boilers and steam turbines named in Russian; spare parts beside machines are theirs; a centre
  and medicine (a field) name no machines or instruments; the buyers sought for the first goods of a
  sentence are sought for the rest («…а на отруби — комбикормщиков»).
- A design institute's technology is of the field its words name (aluminium).
- An oversized load asked for is no job for a road fleet of reefers and tents; 急需 asks.
- A Kunming fleet that runs to Laos and Thailand carries nothing for Kazakhstan.
- Developers sought by an elevator maker are property developers, not a software house.
"""

from __future__ import annotations

import pytest

from keruen.matching import features
from keruen.matching.hs_text import default_heading_lexicon

from .helpers import CN, KZ, C, O, body, company, named, partners, run, transport_partners

pytestmark = pytest.mark.unit


def test_a_bodys_activity_code_gives_its_field_whatever_the_topic() -> None:
    aifc = body("k-aifc", KZ, "government", "6611", "en", "AIFC: own court, AIX exchange.")
    assert features.body_fields(aifc) == {"investment_support"}


def test_bodies_meet_their_counterparts_of_the_same_field_only() -> None:
    aifc = O(
        id="k-aifc",
        side=KZ,
        kind="government",
        isic=["6611"],
        languages=["en", "zh"],
        texts={"en": "Astana International Financial Centre: we invite Chinese banks to register."},
    )
    regulator = O(
        id="c-fin",
        side=CN,
        kind="government",
        isic=["8411"],
        languages=["zh"],
        texts={"zh": "上海市地方金融管理部门：愿与国际金融中心签署合作备忘录。"},
    )
    science_city = O(
        id="c-park",
        side=CN,
        kind="government",
        languages=["zh"],
        texts={"zh": "张江科学城管理部门：集成电路、生物医药产业集聚，欢迎境外科技园区合作。"},
    )
    tech_park = O(
        id="k-hub",
        side=KZ,
        kind="government",
        languages=["ru", "zh"],
        texts={
            "ru": "Международный технопарк IT-стартапов: ищем партнёрства с технопарками Китая."
        },
    )
    assert "c-fin" in partners(aifc, regulator)
    assert partners(aifc, science_city) == []
    assert "c-park" in partners(tech_park, science_city)
    expo = body(
        "c-expo", CN, "government", "8230", "zh", "中国国际进口博览局：招募哈萨克斯坦企业参展。"
    )
    fashion = O(
        id="c-fw",
        side=CN,
        kind="government",
        languages=["zh"],
        texts={"zh": "上海时装周组委会：设立国际设计师展示单元。"},
    )
    qaztrade = O(
        id="k-qt",
        side=KZ,
        kind="government",
        languages=["ru", "zh"],
        texts={"ru": "Центр развития торговой политики: продвижение казахстанского экспорта."},
    )
    assert "c-expo" in partners(qaztrade, expo)
    assert partners(qaztrade, fashion) == []


def test_a_fund_that_gives_its_own_activity_invests_in_what_its_words_name() -> None:
    fund = O(
        id="c-fund",
        side=CN,
        languages=["zh", "ru"],
        profiles=[
            C(
                kind="investment_offered",
                isic=["6630"],
                text={"zh": "投资中亚物流园区、仓储冷链和新能源（风电、光伏）项目。"},
            )
        ],
    )
    wind = O(
        id="k-wind",
        side=KZ,
        languages=["ru"],
        profiles=[
            C(
                kind="investment_sought",
                isic=["3511"],
                text={"ru": "Ветровая электростанция 150 МВт, ищем инвестора."},
            )
        ],
    )
    assert "k-wind" in partners(fund, wind)


def test_a_medical_university_asks_a_hospital_for_internships_not_a_dental_clinic() -> None:
    university = body(
        "k-meduni",
        KZ,
        "university",
        "8530",
        "ru",
        "Медицинский университет. Ищем клиники Китая для стажировки резидентов и врачей "
        "(кардиохирургия, онкология, малоинвазивная хирургия).",
        "zh",
    )
    hospital = body(
        "c-hospital",
        CN,
        "hospital",
        "8610",
        "zh",
        "上海某三甲医院：接收外国医生进修和住院医师培训。",
    )
    dental = company("c-dental", CN, "8620", "zh", "口腔诊所：种植牙、正畸、儿童牙科。")
    assert "c-hospital" in partners(university, hospital)
    assert partners(university, dental) == []
    assert not {code for code, _ in named(university.texts["ru"], "ru")} & {"9018", "9402"}


def test_goods_one_has_enough_of_are_neither_offered_nor_asked() -> None:
    text = "Оптовая база: завозим из Китая мандарины, апельсины, брокколи. Яблок своих хватает."
    found = named(text, "ru")
    assert ("0805", "need") in found
    assert "0808" not in {code for code, _ in found}
    assert "0808" in default_heading_lexicon().refused({"ru": text})


def test_an_oil_joined_to_a_juice_is_an_oil() -> None:
    found = named("想从哈萨克斯坦进货：蜂蜜、沙棘油和沙棘汁。", "zh")
    assert ("1515", "need") in found
    assert ("2009", "need") in found


def test_notoginseng_is_a_medicinal_root() -> None:
    assert ("1211", "need") in named("Аптечная сеть: ищем порошок саньци (нотогинсенг).", "ru")
    assert ("1211", "offer") in named("文山三七种植加工企业：三七主根、三七粉。", "zh")


def test_a_grower_that_mills_its_own_crop_buys_no_other_farms_grain() -> None:
    rice = O(
        id="c-rice",
        side=CN,
        isic=["0112", "1061"],
        hs_offers=["1006"],
        languages=["zh", "ru"],
        texts={"zh": "五常大米合作社：稻花香大米，寻找哈萨克斯坦的进口商。"},
    )
    wheat = company("k-wheat", KZ, "0111", "ru", "КХ: пшеница, ячмень, 5 тыс. га.", "zh")
    mill = company("c-mill", CN, "1061", "zh", "面粉厂：小麦粉。", "ru")
    assert partners(wheat, rice) == []
    assert "c-mill" in partners(wheat, mill)


def test_boilers_and_a_steam_turbine_are_named() -> None:
    text = "ТЭЦ: замена котлоагрегатов. Ищем производителя котлов и паровой турбины."
    codes = {code for code, _ in named(text, "ru")}
    assert {"8402", "8406"} <= codes
    plant = O(
        id="k-tets",
        side=KZ,
        isic=["3510"],
        languages=["ru", "zh"],
        texts={"ru": "ТЭЦ. Ищем производителя котлов, китайские предложения рассматриваем."},
    )
    boilers = O(
        id="c-boiler",
        side=CN,
        isic=["2811"],
        hs_offers=["8402"],
        languages=["zh"],
        texts={"zh": "电站锅炉公司：煤粉锅炉、循环流化床锅炉。"},
    )
    assert "c-boiler" in partners(plant, boilers)


def test_the_buyers_sought_for_one_good_are_sought_for_the_rest_of_the_sentence() -> None:
    text = (
        "Мелькомбинат: мука, отруби. Ищем новых покупателей — хлебозаводы Китая, "
        "а на отруби — комбикормщиков."
    )
    found = named(text, "ru")
    assert ("2302", "offer") in found
    assert ("2302", "need") not in found


def test_a_design_institutes_technology_is_of_the_field_its_words_name() -> None:
    institute = O(
        id="c-sami",
        side=CN,
        isic=["7112"],
        languages=["zh", "ru"],
        profiles=[
            C(
                kind="technology_offer",
                isic=["7112"],
                text={"zh": "氧化铝和电解铝厂设计、电解槽大型化改造、赤泥综合利用技术。"},
            )
        ],
    )
    refinery = O(
        id="k-alumina",
        side=KZ,
        isic=["2420"],
        languages=["ru"],
        profiles=[
            C(kind="technology_request", text={"ru": "Технологии переработки красного шлама."})
        ],
    )
    assert "k-alumina" in [
        s.partner_id
        for s in run([institute, refinery], floor=0.0)[institute.id]
        if any(r.kind == "profile_you_offer" for r in s.reasons)
    ]


def test_an_oversized_load_is_no_job_for_a_fleet_of_reefers_and_tents() -> None:
    transformers = O(
        id="c-transformer",
        side=CN,
        isic=["2710"],
        hs_offers=["850423"],
        languages=["zh", "ru"],
        texts={
            "zh": "变压器厂：产品属超限大件，需要大件运输合作伙伴（铁路加公路，到哈萨克斯坦）。"
        },
    )
    tents = company(
        "k-trucks",
        KZ,
        "4923",
        "ru",
        "Автоперевозки: 35 тягачей (рефрижераторы и тенты), рейсы Павлодар – Хоргос – Урумчи.",
        "zh",
    )
    forwarder = company(
        "k-fwd",
        KZ,
        "5229",
        "ru",
        "Экспедитор: ж/д вагоны через Достык, негабарит и проектные грузы.",
        "zh",
    )
    assert transport_partners(transformers, tents, forwarder) == {"k-fwd"}


def test_an_urgent_need_for_reefers_asks_for_transport() -> None:
    orchard = company(
        "c-orchard",
        CN,
        "0124",
        "zh",
        "果业合作社：红富士苹果。想出口到哈萨克斯坦，急需冷藏集装箱或冷藏车运输合作伙伴。",
        "ru",
    )
    reefers = company(
        "k-reefer", KZ, "4923", "ru", "Рефрижераторы: рейсы Алматы – Хоргос – Урумчи.", "zh"
    )
    assert transport_partners(orchard, reefers) == {"k-reefer"}


def test_a_fleet_that_runs_to_laos_and_thailand_carries_nothing_for_kazakhstan() -> None:
    laos = company(
        "c-laos",
        CN,
        "4923",
        "zh",
        "昆明国际道路运输公司：昆明—磨憨—万象—曼谷跨境公路运输，寻找老挝和泰国的货主。",
        "ru",
    )
    sugar = company(
        "k-sugar",
        KZ,
        "1072",
        "ru",
        "Сахарный завод: жом продаём в Китай, ищем перевозчика до Китая.",
        "zh",
    )
    assert transport_partners(sugar, laos) == set()
    assert features.route_countries(laos.texts.values(), "CN") >= {"LA", "TH", "CN"}


def test_spare_parts_beside_machines_are_theirs() -> None:
    text = "Закупаем щековую и конусную дробилки, грохоты, желательно с запчастями на складе."
    codes = {code for code, _ in named(text, "ru")}
    assert "8474" in codes
    assert "8708" not in codes
    assert ("8708", "need") in named("Закупаем запчасти.", "ru")


def test_a_centre_and_medicine_name_no_machines_or_instruments() -> None:
    text = "Выставочный центр: проводим выставки (стройка, агро, медицина), сервисный центр."
    assert named(text, "ru") == set()
    assert ("8457", "need") in named("Закупаем обрабатывающие центры.", "ru")


def test_property_developers_sought_are_no_software_house() -> None:
    elevators = company(
        "c-lift",
        CN,
        "2816",
        "en",
        "Elevator maker; looking for developers and installation partners in Kazakhstan.",
        "ru",
    )
    software = company(
        "k-it", KZ, "6201", "en", "Software house: marketplace and payment integration.", "ru"
    )
    assert partners(elevators, software) == []
