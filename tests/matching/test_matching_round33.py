"""Round 33 (issue 14): the classes read on maar, kopje and yardang after their blind run.

- Customs papers asked for (GACC registration, EAC declarations, veterinary and phytosanitary
  documents, «помощь с таможенным оформлением») ask for a customs broker; a broker's own
  imports and exports are its clients' cargo, not goods it buys.
- A hospital looks for its partner clinic abroad (the two work together, as law firms do).
- A theatre, a museum or a university buys what its own sentence asks for as goods.
- A carrier that runs only inside its country is no carrier across the border.
- Mills and brands named as customers (针织厂、服装厂客户, 供应国内服装品牌) are no goods.
- Service words name no goods («помощь», «представитель», «регистрация», «лет», a malt house).
"""

from __future__ import annotations

import pytest

from keruen.matching.features import extract
from keruen.matching.hs_text import default_heading_lexicon

from .helpers import CN, KZ, O, body, company, named, partners, reason_kinds

pytestmark = pytest.mark.unit


def _broker(id: str = "c-broker", side: str = CN) -> O:
    return company(
        id,
        side,
        "5229",
        "zh",
        "阿拉山口报关行：进出口报关报检，进境粮食、油籽、肉类检疫审批办理，协助哈萨克斯坦企业办理"
        "中国海关（GACC）境外生产企业注册，出口货物原产地证申领。",
    )


def test_a_customs_broker_buys_none_of_the_cargo_it_clears() -> None:
    broker = company(
        "k-broker",
        KZ,
        "5229",
        "ru",
        "Таможенный представитель: декларирование экспорта и импорта, фитосанитарные и "
        "ветеринарные сертификаты, помощь в регистрации казахстанских предприятий в реестре "
        "GACC (мясо, зерно, мёд, масло).",
    )
    features = extract(broker, default_heading_lexicon())
    assert features.inferred_needs == ()
    assert extract(_broker(), default_heading_lexicon()).inferred_needs == ()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # veterinary papers on the Chinese side
        (
            "ru",
            "Мясокомбинат: говядина и баранина замороженные, халал. Для поставок в Синьцзян нужна "
            "помощь с ветеринарными документами на китайской стороне.",
        ),
        # customs clearance in the instrumental case
        (
            "ru",
            "Текстильная фабрика: пряжа хлопковая. Первая отгрузка в Урумчи — нужна помощь с "
            "таможенным оформлением на китайской стороне.",
        ),
        # an EAC declaration of conformity
        ("zh", "精河枸杞干果，枸杞原浆。出口食品需要办理海关联盟EAC符合性声明，寻求合作。"),
        # GACC registration of an elevator
        (
            "ru",
            "Зерновая компания: ячмень и пшеница на экспорт. Нужна помощь с регистрацией "
            "элеватора в GACC.",
        ),
    ],
)
def test_customs_papers_asked_for_ask_for_a_customs_broker(language: str, text: str) -> None:
    shipper = company("k-shipper" if language == "ru" else "c-shipper", KZ, "1010", language, text)
    parcels = company(
        "c-parcels",
        CN,
        "5229",
        "zh",
        "国际快递、集运，乌鲁木齐发哈萨克斯坦全境，小包和整批都收，寻找哈方清关和落地派送合作伙伴。",
    )
    if language == "zh":
        shipper = shipper.model_copy(update={"side": CN})
        broker = _broker("k-broker", KZ)
        parcels = parcels.model_copy(update={"id": "k-parcels", "side": KZ})
    else:
        broker = _broker()
    assert "service_they_provide" in reason_kinds(shipper, broker)
    if "таможенным" not in text:  # clearance itself is asked of the whole class
        # a parcel consolidator of the same class arranges no papers
        assert "service_they_provide" not in reason_kinds(shipper, parcels)


def test_a_hospital_meets_the_hospital_abroad_it_seeks_as_a_partner_clinic() -> None:
    ours = body(
        "k-hospital",
        KZ,
        "hospital",
        "8610",
        "ru",
        "Городская многопрофильная больница, 800 коек: кардиохирургия, онкология. Ищем "
        "клинику-партнёра в Урумчи для стажировок врачей и телеконсультаций.",
    )
    theirs = body(
        "c-hospital",
        CN,
        "hospital",
        "8610",
        "zh",
        "医科大学附属医院：心脏外科、器官移植、肿瘤。设有国际医疗部，可提供远程会诊。",
        "ru",
    )
    assert partners(ours, theirs) == ["c-hospital"]
    assert partners(theirs, ours) == ["k-hospital"]


def test_a_theatre_that_buys_instruments_meets_their_maker() -> None:
    theatre = body(
        "k-theatre",
        KZ,
        "theatre",
        "9000",
        "ru",
        "Уйгурский театр музыкальной комедии: спектакли, концерты. Закупаем "
        "национальные инструменты — дутар, раваб, сатар, гиджак, дап.",
    )
    maker = company(
        "c-instruments",
        CN,
        "3220",
        "zh",
        "民族乐器制作专业合作社：都塔尔、热瓦甫、萨塔尔、艾捷克、手鼓，演奏级乐器。寻找中亚的文艺团体客户。",
    )
    assert partners(theatre, maker) == ["c-instruments"]


def test_a_university_that_seeks_partners_buys_nothing() -> None:
    university = body(
        "k-uni",
        KZ,
        "university",
        "8530",
        "ru",
        "Аграрный университет. Ищем вузы-партнёры в Синьцзяне для совместных "
        "исследований хлопка и обмена студентами.",
    )
    features = extract(university, default_heading_lexicon())
    assert features.inferred_needs == ()
    assert not features.buys


def test_a_carrier_that_runs_only_at_home_is_no_carrier_across_the_border() -> None:
    shipper = company(
        "k-licorice",
        KZ,
        "0230",
        "ru",
        "Заготовка солодкового корня, 2–3 тыс. т в год. Нужен перевозчик (фуры) Шымкент – Урумчи.",
    )
    home = company(
        "c-inland",
        CN,
        "4923",
        "zh",
        "乌鲁木齐至郑州、西安、兰州零担专线，每天发车，厢式车和高栏车，只做国内线路。寻找本地货主。",
    )
    abroad = company(
        "c-trucks",
        CN,
        "4923",
        "zh",
        "国际道路运输公司：乌鲁木齐—霍尔果斯—阿拉木图—奇姆肯特，厢式车和高栏车，TIR。",
    )
    assert "transport_they_provide" not in reason_kinds(shipper, home)
    assert "transport_they_provide" in reason_kinds(shipper, abroad)
    features = extract(home, default_heading_lexicon())
    assert features.inferred_offers == ()  # its trucks are its fleet, no goods for sale


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("寻找哈萨克斯坦针织厂、服装厂和工装厂客户。精梳纯棉纱。", "5205", "6109"),
        ("精纺毛纱、羊绒衫和毛衫，供应国内服装品牌。", "6110", "6203"),
        # the guard: goods sold to a mill stay offered
        ("销售棉纱给针织厂客户。", "5205", "6109"),
    ],
)
def test_mills_and_brands_named_as_customers_are_no_goods(text: str, kept: str, gone: str) -> None:
    found = {code for code, _ in named(text, "zh")}
    assert kept in found
    assert gone not in found


@pytest.mark.parametrize(
    ("language", "text", "heading", "not_heading"),
    [
        ("ru", "Нужна помощь с регистрацией в GACC.", None, "2006"),
        ("ru", "Нужна помощь с регистрацией в GACC.", None, "4820"),
        ("ru", "Таможенный представитель ищет клиентов.", None, "3808"),
        ("ru", "Пивоваренный завод, 30 лет на рынке: пиво и квас.", "2203", "9706"),
        ("ru", "Солод берём у казахстанских солодовен, ищем хмель.", "1210", "1901"),
        ("ru", "Нужны базовые масла и пакеты присадок.", "3811", "6305"),
        ("zh", "代办进口食品境外生产企业注册（海关总署注册）、动植物检疫审批。", None, "1522"),
        ("zh", "大桶番茄酱（36–38%白利度，220升无菌袋），出口中亚。", "2002", "4416"),
    ],
)
def test_service_and_packing_words_name_no_goods(
    language: str, text: str, heading: str | None, not_heading: str
) -> None:
    found = {code for code, _ in named(text, language)}
    if heading:
        assert heading in found
    assert not_heading not in found


def test_hospitals_that_offer_tele_consultation_and_internships_meet() -> None:
    ours = body(
        "k-hospital",
        KZ,
        "hospital",
        "8610",
        "ru",
        "Областная многопрофильная больница (600 коек). Предлагаем сотрудничество "
        "больницам Синьцзяна: стажировки врачей, телеконсультации, обмен опытом.",
    )
    theirs = body(
        "c-hospital",
        CN,
        "hospital",
        "8610",
        "zh",
        "地区第一人民医院：心血管、神经外科。欢迎哈萨克斯坦医院开展医生进修和远程会诊。",
    )
    dentist = body("c-dental", CN, "company", "8623", "zh", "口腔诊所：种植牙、正畸，价格优惠。")
    assert partners(ours, theirs) == ["c-hospital"]
    # a clinic that seeks nothing of a hospital abroad is no partner
    assert partners(ours, dentist) == []


def test_every_item_of_a_numbered_list_after_a_verb_of_asking_is_asked_for() -> None:
    found = named(
        "Нам нужны: 1) спецодежда для 900 работников, каждый год; 2) запчасти к подъёмникам XJ "
        "(лебёдки, тормозные колодки, талевые блоки).",
        "ru",
    )
    assert ("8431", "need") in found
    assert ("8431", "offer") not in found


def test_grey_gauze_asked_for_meets_the_mill_that_weaves_medical_gauze_cloth() -> None:
    assert ("5803", "need") in named("Нужна марля суровая хлопчатобумажная для бинтов.", "ru")
    assert ("5803", "offer") in named("坯布、斜纹布，医用纱布坯布。", "zh")


def test_a_chapter_declared_as_a_need_is_the_headings_the_text_names() -> None:
    base = O(
        id="k-fruit",
        side=KZ,
        isic=["4630"],
        hs_needs=["08"],
        languages=["ru"],
        texts={"ru": "Плодоовощная база. Ищем поставщиков: поздние дыни, гранаты, виноград."},
    )
    almonds = O(
        id="c-almond",
        side=CN,
        isic=["0125"],
        hs_offers=["0802"],
        languages=["zh"],
        texts={"zh": "莎车巴旦木（扁桃仁）和核桃，出口中亚。"},
    )
    melons = O(
        id="c-melon",
        side=CN,
        isic=["0122"],
        hs_offers=["0807"],
        languages=["zh"],
        texts={"zh": "伽师瓜种植合作社，晚熟甜瓜，出口哈萨克斯坦。"},
    )
    assert "you_need_they_offer" not in reason_kinds(base, almonds)
    assert "you_need_they_offer_text" in reason_kinds(base, melons)


def test_wagons_a_lot_and_reefer_containers_a_month_are_a_volume_not_a_request() -> None:
    rice = company(
        "c-grain",
        CN,
        "4630",
        "zh",
        "粮油进口贸易公司：想试销哈萨克斯坦大米，求购克孜勒奥尔达大米，第一批2-3个车皮。",
    )
    terminal = company(
        "k-terminal", KZ, "5221", "ru", "Контейнерный терминал у станции Кызылорда: приём поездов."
    )
    assert "transport_you_provide" not in reason_kinds(terminal, rice)
    # asking for wagons to a place still asks for transport
    asks = company("c-asks", CN, "4630", "zh", "需要2个车皮发往阿拉木图，寻找铁路货代。")
    assert "transport_you_provide" in reason_kinds(terminal, asks)
