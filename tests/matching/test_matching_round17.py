"""Round 17 (issue 14): classes of misses read on the `plain` part after its blind run.

A Kazakh text writes goods by their Russian names with Kazakh suffixes («аккумуляторларды»); the
vehicles goods are for are no carrier asked for when the goods follow them in the accusative; a
Chinese compound's head is its last name (货车电瓶 is a battery); English "for" after goods names
a purpose; a Russian need may stand after the goods («морковь нужна»); «本地基本没有» is a
shortage; place names hold no goods (哈萨克斯坦 holds 萨克斯, «Алматыдан» strips to «алма»);
«макароны из твердой пшеницы» are pasta; grinding balls are cast or forged; vehicles asked for
ask for transport; «полиэфир жібі» is polyester yarn.
"""

from __future__ import annotations

import pytest

from keruen.matching import OrganizationProfile
from keruen.matching.features import extract
from keruen.matching.hs_text import default_heading_lexicon

from .helpers import CN, KZ, C, O, named, run


def _partners(orgs: list[OrganizationProfile], reader: str) -> list[str]:
    return [s.partner_id for s in run(orgs)[reader]]


def test_a_kazakh_text_reads_russian_names_with_kazakh_suffixes() -> None:
    found = named("Аккумуляторларды Қытай зауыттарынан сатып аламыз.", "kk")
    # the name, not the words of the titles (8601: locomotives powered from accumulators)
    assert ("8507", "need") in found and ("8601", "need") not in found
    # a short Russian name is not met by a Kazakh suffix cut: «салоны» is a salon, not «сало»
    assert "0209" not in {code for code, _ in named("Сұлулық салоны, Көкшетау.", "kk")}


def test_vehicles_that_the_goods_are_for_are_no_carrier_asked_for() -> None:
    text = "Жүк көліктері мен жеңіл көліктерге аккумуляторларды Қытайдан сатып аламыз."
    assert ("8507", "need") in named(text, "kk")
    # a request for trucks themselves still asks for a carrier, and names no goods needed
    asked = named("Бидай өсіреміз. Достыққа дейін астық тасуға жүк көліктері керек.", "kk")
    assert not {code for code, direction in asked if direction == "need"}


@pytest.mark.parametrize(
    ("text", "head", "modifiers"),
    [
        ("蓄电池厂：汽车启动电瓶、货车电瓶，可贴牌出口。", "8507", {"8703", "8704"}),
        ("汽车零部件厂：重卡刹车片、刹车蹄，出口中亚。", "8708", {"8704"}),
    ],
)
def test_a_chinese_compound_names_its_last_name(text: str, head: str, modifiers: set[str]) -> None:
    found = {code for code, _ in named(text, "zh")}
    assert head in found and not found & modifiers


def test_english_for_after_goods_names_their_purpose() -> None:
    found = {code for code, _ in named("Brake pads and brake shoes for heavy trucks.", "en")}
    assert "8708" in found and "8704" not in found
    # buyers are no goods: what follows them is what is sold
    assert "5101" in {code for code, _ in named("Wool washing plant: buyers for our wool.", "en")}


def test_a_russian_need_may_follow_its_goods() -> None:
    found = named("Цех салатов. Морковь нужна круглый год, зимой местной не хватает.", "ru")
    assert ("0706", "need") in found and ("0706", "offer") not in found
    # a purpose before the predicate is no goods, and keeps the goods after it
    text = "Для линии отхаркивающих сиропов нужен густой экстракт солодкового корня."
    assert ("1302", "need") in named(text, "ru")


def test_none_here_is_a_shortage() -> None:
    text = "面制品厂：挂面。意面用的硬粒小麦本地基本没有，希望从哈萨克斯坦采购。"
    found = named(text, "zh")
    assert ("1001", "need") in found and ("1001", "offer") not in found


@pytest.mark.parametrize(
    ("text", "language", "not_named"),
    [
        ("蔬菜合作社：胡萝卜，想出口哈萨克斯坦。", "zh", "9205"),  # 萨克斯: a saxophone
        ("公司在伊犁，出口苹果。", "zh", "8432"),  # 犁: a plough
        ("Алматыдан Қорғасқа дейін жүк тасимыз.", "kk", "0808"),  # «алма»: apples
    ],
)
def test_place_names_name_no_goods(text: str, language: str, not_named: str) -> None:
    assert not_named not in {code for code, _ in named(text, language)}


@pytest.mark.parametrize(
    ("text", "named_code", "not_named"),
    [
        ("进口红扁豆和鹰嘴豆。", "0713", "3304"),  # lentils, no 口红 (lipstick)
        ("本地牛源不够，从哈萨克斯坦引进种牛。", "0102", "8427"),  # no 地牛 (a pallet truck)
    ],
)
def test_no_name_starts_inside_a_word_of_trade_or_place(
    text: str, named_code: str, not_named: str
) -> None:
    found = {code for code, _ in named(text, "zh")}
    assert named_code in found and not_named not in found


def test_goods_made_of_a_material_are_the_goods() -> None:
    found = {code for code, _ in named("Макаронная фабрика: макароны из твердой пшеницы.", "ru")}
    assert "1902" in found and "1001" not in found


def test_a_durum_farm_meets_the_noodle_maker_that_lacks_durum() -> None:
    farm = O(
        id="durum",
        side=KZ,
        isic=["0111"],
        languages=["kk"],
        texts={"kk": "Шаруа қожалығы: қатты бидай (дурум) өсіреміз, Қытайға сатамыз."},
    )
    pasta = O(
        id="pasta",
        side=KZ,
        isic=["1074"],
        languages=["ru"],
        texts={"ru": "Макаронная фабрика: макароны из твердой пшеницы. Ищем оптовиков."},
    )
    noodles = O(
        id="noodles",
        side=CN,
        isic=["1074"],
        languages=["zh"],
        texts={"zh": "面制品厂：挂面。意面用的硬粒小麦本地基本没有，希望从哈萨克斯坦采购。"},
    )
    assert _partners([farm, pasta, noodles], "noodles")[:1] == ["durum"]


def test_grinding_balls_cast_or_forged_meet_across_languages() -> None:
    mine = O(
        id="mine",
        side=KZ,
        isic=["0990"],
        languages=["en"],
        texts={"en": "Mining contractor at gold mines. We buy forged steel grinding balls."},
    )
    balls = O(
        id="balls",
        side=CN,
        isic=["2591"],
        languages=["zh"],
        texts={"zh": "耐磨钢球厂：锻造钢球、铸造磨球，用于矿山球磨机，出口中亚。"},
    )
    assert "balls" in _partners([mine, balls], "mine")[:3]


def _rail() -> OrganizationProfile:
    return O(
        id="rail",
        side=CN,
        isic=["4912"],
        languages=["zh"],
        profiles=[C(kind="logistics", text={"zh": "乌鲁木齐—阿拉山口—阿斯塔纳 集装箱和散粮车皮"})],
        texts={"zh": "铁路货运代理。"},
    )


def test_wagons_asked_for_ask_for_transport() -> None:
    farm = O(
        id="camelina",
        side=KZ,
        isic=["0111"],
        languages=["ru"],
        texts={"ru": "Выращиваем рыжик. Нужны зерновозные вагоны до Достыка."},
    )
    features = extract(farm, default_heading_lexicon())
    assert features.seeks_transport and features.seeks_modes == frozenset({"rail"})
    assert "rail" in _partners([farm, _rail()], "camelina")


def test_a_wagon_maker_looking_for_buyers_asks_for_no_transport() -> None:
    maker = O(
        id="wagons",
        side=KZ,
        isic=["3020"],
        languages=["ru"],
        texts={"ru": "Вагоностроительный завод. Ищем покупателей вагонов в Китае."},
    )
    assert not extract(maker, default_heading_lexicon()).seeks_transport


def test_polyester_yarn_in_kazakh() -> None:
    found = named("Трикотаж фабрикасы. Полиэфир жібін сатып аламыз.", "kk")
    assert ("5402", "need") in found


def test_an_english_adjective_is_no_plural_name() -> None:
    assert "1704" not in {code for code, _ in named("We grow sweet cherries.", "en")}
    assert "2208" not in {code for code, _ in named("Bitter almonds, kernels.", "en")}
    assert "1704" in {code for code, _ in named("Confectionery: we sell sweets.", "en")}


@pytest.mark.parametrize(
    ("text", "language", "serviced"),
    [
        ("СТО: ремонт легковых автомобилей, шиномонтаж.", "ru", "8703"),
        ("Tractor repair and maintenance of combines.", "en", "8701"),
        ("Тракторларды жөндеу қызметі.", "kk", "8701"),
        ("拖拉机维修服务站。", "zh", "8701"),
    ],
)
def test_the_goods_a_service_works_on_are_not_offered(
    text: str, language: str, serviced: str
) -> None:
    assert (serviced, "offer") not in named(text, language)
    # selling them still offers them
    sold = {"ru": "Продаем тракторы.", "en": "We sell tractors.", "kk": "Трактор сатамыз."}
    if language in sold:
        assert ("8701", "offer") in named(sold[language], language)


def test_beef_and_mutton_are_meat_not_cattle() -> None:
    found = {code for code, _ in named("清真牛羊肉批发。", "zh")}
    assert {"0201", "0204"} <= found and "0102" not in found


@pytest.mark.parametrize(
    ("text", "head", "modifier"),
    [
        ("We sell melon seeds of our own breeding.", "1209", "0807"),
        ("Tractor parts and filters, wholesale.", "8708", "8701"),
    ],
)
def test_an_english_compound_names_its_last_word(text: str, head: str, modifier: str) -> None:
    found = {code for code, _ in named(text, "en")}
    assert head in found and modifier not in found


def test_a_large_demand_after_the_goods_is_a_need() -> None:
    found = named("食品厂：鹰嘴豆罐头，原料鹰嘴豆需求大，寻找哈萨克斯坦种植户。", "zh")
    assert ("0713", "need") in found


@pytest.mark.parametrize(
    ("text", "language", "heading"),
    [
        ("Закупаем керамический проппант фракций 20/40.", "ru", "6909"),
        ("陶粒支撑剂生产厂，用于油气井压裂。", "zh", "6909"),
        ("土工格栅生产企业。", "zh", "3926"),
        ("Закупаем георешётку для укрепления земляного полотна.", "ru", "3926"),
        ("保健食品企业，需要冻干马奶粉原料。", "zh", "0402"),
    ],
)
def test_goods_of_the_ridge_misses_are_named(text: str, language: str, heading: str) -> None:
    assert heading in {code for code, _ in named(text, language)}
