"""Round 25 (issue 14): the classes of the blind parts `tundra` (Aktobe ↔ Kashgar), `karst`
(Astana ↔ Urumqi), `cirque` (Turkestan ↔ Bayingol, small firms) and `bayou` (North Kazakhstan ↔
Turpan), read after their blind runs, each tested with other wording.

A service asked for by its provider (a lawyer, a tour operator, an exhibition organizer) meets the
organization whose activity it is; an earth or an ore ground to powder (磷矿粉) is still that earth;
a point after an abbreviation («30 шт., а также…») ends no sentence; what is used every day or
month (每天用…, 每月用300吨) is asked for; «хотим» before goods asks for them; «карго» is a
carrier asked for; phosphate rock goes to fertilizer plants; names: aluminium paste, empty
capsules, horse fat, watermelon seeds, banquet chairs.
"""

from __future__ import annotations

import pytest

from keruen.i18n import get_translations
from keruen.matching import Reason, render_reason
from keruen.matching.features import extract
from keruen.matching.hs_text import default_heading_lexicon
from keruen.reference.taxonomy import code_title as taxonomy_title

from .helpers import CN, KZ, O, company, named, partners, run

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "language", "heading", "direction"),
    [
        ("Нужна алюминиевая паста для газобетона.", "ru", "7603", "need"),
        ("生产铝粉膏，出口中亚。", "zh", "7603", "offer"),
        ("Закупаем пустые желатиновые капсулы.", "ru", "9602", "need"),
        ("生产空心胶囊。", "zh", "9602", "offer"),
        ("马脂长期依赖进口。", "zh", "1506", "need"),
        ("Жылқы майын сатамыз.", "kk", "1506", "offer"),
        ("Ищем поставщика арбузных семечек.", "ru", "1207", "need"),
        ("生产五香西瓜子。", "zh", "1207", "offer"),
        ("批发宴会椅、竹节椅。", "zh", "9401", "offer"),
        ("Дастархан жабулары керек.", "kk", "6302", "need"),
        # ground earths and ores are the same goods: phosphate rock, chrome ore fines
        ("原料磷矿粉全部外购。", "zh", "2510", "need"),
        ("需要铬矿粉。", "zh", "2610", "need"),
        # what is used every day or month is asked for
        ("每天用新鲜鲫鱼30公斤，想长期订。", "zh", "0302", "need"),
        ("育肥用大麦，每月用200吨。", "zh", "1003", "need"),
        # bought ready-made: the goods of the parts before are asked for
        ("新开的店要三个馕坑，想直接买现成的。", "zh", "8417", "need"),
        # «хотим» before goods asks for them
        ("Хотим агродроны для опрыскивания.", "ru", "8806", "need"),
        # a purpose in brackets ends with the bracket: the goods after it are asked for
        ("Нужен тандыр (печь для лепёшек) и постоянный поставщик специй.", "ru", "0910", "need"),
        # chair covers in Kazakh: textile covers (a car's seat covers are in 8708 too)
        ("Орындық қаптары мен бантиктер аламыз.", "kk", "6304", "need"),
        # a point after «шт.» ends no sentence: the goods after it are asked for too
        (
            "Ищем производителя ветрогенераторов, партия 20 шт., а также инверторы.",
            "ru",
            "8504",
            "need",
        ),
    ],
)
def test_round25_goods(text: str, language: str, heading: str, direction: str) -> None:
    assert (heading, direction) in named(text, language)


@pytest.mark.parametrize(
    ("text", "language", "not_named"),
    [
        ("小麦粉批发。", "zh", {"1001"}),  # flour is no wheat: 粉 after other goods names another
        ("Хотим экспортировать мёд в Китай.", "ru", set()),  # a verb: nothing asked
        ("每天用心服务客户。", "zh", set()),
    ],
)
def test_round25_what_names_no_goods(text: str, language: str, not_named: set[str]) -> None:
    found = named(text, language)
    assert not {code for code, _ in found} & not_named
    assert not {code for code, direction in found if direction == "need"}


def test_cargo_asked_for_makes_a_shipper_seek_transport() -> None:
    lexicon = default_heading_lexicon()
    wholesaler = company(
        "w", CN, "4641", "ru", "Куртки оптом. Ищем карго до Караганды, отправка раз в неделю."
    )
    features = extract(wholesaler, lexicon)
    assert features.seeks_transport
    # its jackets stay on offer: the request for cargo asks for no goods
    assert "6201" in features.inferred_offers and "6201" not in features.inferred_needs


def test_phosphate_rock_mine_meets_the_fertilizer_plant() -> None:
    mine = company("mine", KZ, "0891", "ru", "Добыча фосфоритов.")
    plant = company("plant", CN, "2012", "zh", "磷肥厂。")
    assert partners(mine, plant) == ["plant"]
    assert partners(plant, mine) == ["mine"]


SERVICES = [
    # (asking org's text, its ISIC, the provider's ISIC or body, provider's text)
    (
        {"zh": "跨境电商，计划在阿拉木图注册公司，需要当地律师协助。"},
        "4791",
        "6910",
        {"ru": "Юридическая компания: регистрация фирм, договоры."},
    ),
    (
        {"ru": "Агентство: бизнес-миссии на выставки. Ищем организаторов выставок в Китае."},
        "8230",
        "8230",
        {"zh": "会展中心，举办博览会。"},
    ),
    (
        {"ru": "Санаторий на минеральных водах, ищем туроператоров в Синьцзяне для групп."},
        "5510",
        "7912",
        {"zh": "旅行社，组织出境游。"},
    ),
    (
        {"zh": "留学服务中心，寻找合作大学。"},
        "8550",
        "university",
        {"ru": "Университет: бакалавриат, магистратура, подготовительное отделение."},
    ),
]


@pytest.mark.parametrize(("asked_text", "asked_isic", "provider", "provider_text"), SERVICES)
def test_a_service_asked_for_meets_its_provider(
    asked_text: dict[str, str], asked_isic: str, provider: str, provider_text: dict[str, str]
) -> None:
    asking = O(id="asking", side=CN, isic=[asked_isic], languages=["ru", "zh"], texts=asked_text)
    if provider == "university":
        other = O(
            id="other", side=KZ, kind="university", languages=["ru", "zh"], texts=provider_text
        )
    else:
        other = O(id="other", side=KZ, isic=[provider], languages=["ru", "zh"], texts=provider_text)
    found = run([asking, other])
    assert [s.partner_id for s in found["asking"]] == ["other"]
    kinds = [r.kind for r in found["asking"][0].reasons]
    assert "service_they_provide" in kinds
    assert "service_you_provide" in [r.kind for r in found["other"][0].reasons]


def test_no_service_is_asked_without_a_request_or_by_its_own_provider() -> None:
    lexicon = default_heading_lexicon()
    # names lawyers, asks for nothing
    plain = company("p", KZ, "4791", "ru", "Интернет-магазин, у нас работают свои юристы.")
    assert not extract(plain, lexicon).services_asked
    # a translation bureau looking for clients of translation asks for no translator (its
    # rivals; law firms of the two sides are counterparts, round 26)
    firm = company(
        "f", KZ, "7490", "ru", "Бюро переводов, ищем клиентов: письменный перевод, переводчики."
    )
    assert not extract(firm, lexicon).services_asked
    # a service asked for meets no organization of another activity
    shop = company("s", CN, "4711", "ru", "Супермаркет.")
    asking = company("a", KZ, "4791", "ru", "Ищем юриста для регистрации компании.")
    assert partners(asking, shop) == []


@pytest.mark.parametrize("locale", ["ru", "kk", "zh", "en"])
def test_service_reasons_name_the_activity_in_every_locale(locale: str) -> None:
    translations = get_translations(locale, domain="matching")
    title = taxonomy_title("isic", "6910", locale)
    assert title
    for kind in ("service_they_provide", "service_you_provide"):
        text = render_reason(
            Reason(kind, {"activity": "6910"}), translations, taxonomy_title, locale=locale
        )
        assert title in text
        assert "%(" not in text
    they = render_reason(
        Reason("service_they_provide", {"activity": "6910"}),
        translations,
        taxonomy_title,
        locale=locale,
    )
    you = render_reason(
        Reason("service_you_provide", {"activity": "6910"}),
        translations,
        taxonomy_title,
        locale=locale,
    )
    assert they != you


def test_a_crowded_partner_whose_goods_meet_stays_in_the_list() -> None:
    # six feedlots each ask for barley and bran in words; the barley farm and the bran mill
    # head all six lists (crowded), yet each feedlot's list keeps both: their goods meet
    barley = company("barley", KZ, "0111", "kk", "Жемдік арпа сатамыз, 3000 тонна.")
    bran = company("bran", KZ, "1061", "ru", "Продаём отруби пшеничные гранулированные.")
    feedlots = [
        company(f"feedlot{i}", CN, "0144", "zh", f"第{i}育肥场，需要大麦和麸皮。") for i in range(6)
    ]
    found = run([barley, bran, *feedlots], interpreters=[("kk", "zh"), ("ru", "zh")])
    for feedlot in feedlots:
        assert {s.partner_id for s in found[feedlot.id]} >= {"barley", "bran"}, feedlot.id
    assert any(r.kind == "crowded" for r in found["feedlot0"][0].reasons)


def test_a_shipper_asking_for_rail_containers_meets_the_container_terminal() -> None:
    shipper = company(
        "shipper", CN, "2790", "zh", "生产光伏逆变器，发往阿斯塔纳需要铁路集装箱运输。", "ru"
    )
    terminal = company(
        "terminal", KZ, "5221", "ru", "Контейнерный терминал: приём контейнеров из Китая."
    )
    warehouse = company("warehouse", KZ, "5210", "ru", "Холодильный склад, хранение овощей.")
    found = run([shipper, terminal, warehouse])["shipper"]
    assert [s.partner_id for s in found][:1] == ["terminal"]
    assert "transport_they_provide" in [r.kind for r in found[0].reasons]
    scores = {s.partner_id: s.score for s in found}
    assert scores["terminal"] > scores.get("warehouse", 0.0)
    # a request for trucks is not served by a terminal that moves nothing
    trucker = shipper.model_copy(
        update={"id": "trucker", "texts": {"zh": "生产光伏逆变器，发往阿斯塔纳需要卡车运输。"}}
    )
    found = run([trucker, terminal])["trucker"]
    assert all("transport_they_provide" not in [r.kind for r in s.reasons] for s in found)


def test_a_forwarder_that_names_one_mode_serves_requests_of_that_mode() -> None:
    air = company("air", CN, "5229", "zh", "机场航空货运代理，航班舱位，药品、急件。", "ru")
    rail = company("rail", CN, "4912", "zh", "集装箱班列，发往阿拉木图。", "ru")
    miner = company(
        "miner", KZ, "0810", "ru", "Кварцит кусковой. Ищем железнодорожного оператора до Урумчи."
    )
    pharma = company(
        "pharma", KZ, "4649", "ru", "Фармдистрибьютор. Поставка авиа из Урумчи, нужен экспедитор."
    )
    found = run([air, rail, miner, pharma])
    asked = {
        reader: {
            s.partner_id for s in items if "transport_they_provide" in [r.kind for r in s.reasons]
        }
        for reader, items in found.items()
    }
    assert asked["miner"] == {"rail"}
    assert asked["pharma"] == {"air"}
