"""HS headings named in profile texts (issue 14, "product names"), and the classes of wrong
suggestions found on the tuning part of the judged set: competitors, projects as carriers."""

from __future__ import annotations

import pytest

from keruen.i18n import get_translations
from keruen.matching import (
    PairRules,
    render_reason_with_strength,
    scoring,
)
from keruen.matching.features import extract
from keruen.matching.hs_text import HeadingLexicon, default_heading_lexicon
from tests.matching.helpers import CN, KZ, C, O, named, run

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "language", "heading"),
    [
        ("Завод томатной пасты в Сарыагаше.", "ru", "2002"),
        ("Қызанақ пастасы зауыты.", "kk", "2002"),
        ("番茄酱生产出口企业。", "zh", "2002"),
        ("Заготовка корня солодки на экспорт.", "ru", "1211"),
        ("Tomato paste plant.", "en", "2002"),
        ("Пасека в горах: мёд оптом.", "ru", "0409"),
    ],
)
def test_a_text_names_its_heading(text: str, language: str, heading: str) -> None:
    assert (heading, "offer") in named(text, language)


def test_what_follows_a_word_of_buying_is_needed() -> None:
    found = named("Фармацевтическая фабрика. Закупаем экстракт солодки.", "ru")
    assert ("1302", "need") in found
    assert ("1302", "offer") not in found
    assert ("1302", "need") in named("甘草提取物企业，收购甘草根，采购甘草浸膏。", "zh")


def test_every_item_of_a_heading_name_is_its_noun() -> None:
    # 1006 is «稻谷、大米», 0808 «Яблоки, груши и айва»: not only the first item names it
    assert ("1006", "need") in named("粮食进口贸易，采购大米。", "zh")
    assert ("0808", "offer") in named("Продаём груши.", "ru")


def test_an_adjective_or_a_verb_alone_names_nothing() -> None:
    # «торговая» alone would be vending machines (8476), «открыты» postcards (4909)
    assert named("Торговая компания, открыты к любому сотрудничеству.", "ru") == set()
    # one shared Chinese character is not enough (乐 of 娱乐 is in musical instruments)
    assert named("KTV娱乐会所。", "zh") == set()


TOMATO_KZ = O(
    id="kz-tomato",
    side=KZ,
    languages=["ru"],
    texts={"ru": "Производим томатную пасту в Сарыагаше, продаём оптом."},
)
TOMATO_CN_BUYER = O(
    id="cn-sauce",
    side=CN,
    languages=["zh"],
    texts={"zh": "调味品生产企业，采购番茄酱。"},
)
TOMATO_CN_DECLARED = O(
    id="cn-sauce-declared", side=CN, languages=["zh"], hs_needs=["200290"], texts={}
)


def test_products_named_only_in_texts_meet_across_scripts() -> None:
    result = run([TOMATO_KZ, TOMATO_CN_BUYER])
    assert [s.partner_id for s in result["kz-tomato"]] == ["cn-sauce"]
    reason = result["kz-tomato"][0].reasons[0]
    assert (reason.kind, dict(reason.params)) == (
        "they_need_you_offer_text",
        {"code": "2002", "found": "both"},
    )
    # without the inference, nothing connects them
    assert run([TOMATO_KZ, TOMATO_CN_BUYER], headings=HeadingLexicon.empty())["kz-tomato"] == []


def test_a_heading_from_a_text_is_weaker_than_a_declared_one() -> None:
    declared_kz = TOMATO_KZ.model_copy(update={"id": "kz-declared", "hs_offers": ("200290",)})
    both_declared = run([declared_kz, TOMATO_CN_DECLARED])["kz-declared"][0]
    one_in_text = run([TOMATO_KZ, TOMATO_CN_DECLARED])["kz-tomato"][0]
    both_in_text = run([TOMATO_KZ, TOMATO_CN_BUYER])["kz-tomato"][0]
    assert both_declared.score > one_in_text.score > both_in_text.score > 0
    assert one_in_text.reasons[0].strength == "medium"
    assert dict(one_in_text.reasons[0].params) == {"code": "2002", "found": "your"}


def test_the_reason_says_whose_description_and_names_the_heading() -> None:
    result = run([TOMATO_KZ, TOMATO_CN_DECLARED])
    reason = result["cn-sauce-declared"][0].reasons[0]
    assert dict(reason.params) == {"code": "2002", "found": "their"}
    titles = {("hs", "2002", "ru"): "Томаты, приготовленные или консервированные"}

    def title(kind: str, code: str, locale: str) -> str | None:
        return titles.get((kind, code, locale))

    text = render_reason_with_strength(
        reason, get_translations("ru", "matching"), title, locale="ru"
    )
    assert text == (
        "Вам нужен товар «Томаты, приготовленные или консервированные» (ТН ВЭД 2002); "
        "в их описании он назван как то, что они предлагают. [средний довод]"
    )


def test_declared_codes_close_their_direction() -> None:
    org = O(
        id="paste",
        side=KZ,
        hs_offers=["4105"],
        texts={"ru": "Кожевенный завод: выделка овчины. Закупаем дубильные вещества."},
    )
    features = extract(org, default_heading_lexicon())
    assert features.inferred_offers == ()  # the declared 4105 says it
    assert features.inferred_needs == ("3202",)  # the tanning agents are only in the text


def test_a_chapter_keeps_inference_inside_it() -> None:
    org = O(
        id="juice",
        side=KZ,
        hs_offers=["20"],
        texts={"ru": "Производим томатную пасту и соки, а также упаковку из картона."},
    )
    features = extract(org, default_heading_lexicon())
    assert features.inferred_offers
    assert all(code.startswith("20") for code in features.inferred_offers)


def test_a_carrier_text_names_no_goods() -> None:
    reefer = O(
        id="reefer",
        side=KZ,
        isic=["4923"],
        languages=["ru"],
        profiles=[C(kind="logistics", text={"ru": "Рефрижераторные перевозки в Китай"})],
        texts={"ru": "Автопарк рефрижераторов и холодильное оборудование в каждом прицепе."},
    )
    assert extract(reefer, default_heading_lexicon()).inferred_offers == ()


def test_competitors_get_no_same_activity_evidence() -> None:
    a = O(id="paste-kz", side=KZ, isic=["1030"], hs_offers=["200290"])
    b = O(id="paste-cn", side=CN, isic=["1030"], hs_offers=["200290"])
    c = O(id="fruit-cn", side=CN, isic=["1030"], hs_needs=["080610"])
    # pinned, so that both pairs are scored whatever their evidence
    rules = PairRules(pinned=frozenset({("paste-kz", "paste-cn"), ("paste-kz", "fruit-cn")}))
    result = run([a, b, c], rules=rules)
    rivals = next(s for s in result["paste-kz"] if s.partner_id == "paste-cn")
    peers = next(s for s in result["paste-kz"] if s.partner_id == "fruit-cn")
    assert rivals.parts["isic_chain"] == 0.0
    assert peers.parts["isic_chain"] > 0.0


def test_a_project_seeking_capital_is_no_carrier_peer() -> None:
    port = O(
        id="dry-port",
        side=KZ,
        isic=["5210"],
        profiles=[C(kind="logistics", text={"ru": "Склад и терминал"})],
    )
    project = O(
        id="cold-store-project",
        side=CN,
        isic=["5210"],
        profiles=[C(kind="investment_sought", text={"zh": "寻求投资建设冷库"})],
    )
    result = run(
        [port, project], rules=PairRules(pinned=frozenset({("dry-port", "cold-store-project")}))
    )
    (found,) = result["dry-port"]
    # the same activity counts (a peer), the same transport mode does not: it runs none yet
    assert found.parts["isic_chain"] == pytest.approx(scoring.PEER_STRENGTH)
    assert all(r.kind != "corridor_peers" for r in found.reasons)


def test_goods_named_in_texts_that_do_not_meet_weaken_an_activity_link() -> None:
    # food products go to food wholesalers (value_chains.csv: 10 -> 4630), but this wholesaler
    # buys horse meat and beef, and the plant makes juice
    juice = O(id="juice", side=KZ, isic=["1030"], texts={"ru": "Производим яблочный сок."})
    meat_buyer = O(
        id="meat-buyer", side=CN, isic=["4630"], texts={"zh": "清真食品批发，采购马肉和牛肉。"}
    )
    juice_buyer = O(id="juice-buyer", side=CN, isic=["4630"], texts={"zh": "饮料批发，采购果汁。"})
    rules = PairRules(pinned=frozenset({("juice", "meat-buyer"), ("juice", "juice-buyer")}))
    result = run([juice, meat_buyer, juice_buyer], rules=rules)
    apart = next(s for s in result["juice"] if s.partner_id == "meat-buyer")
    meeting = next(s for s in result["juice"] if s.partner_id == "juice-buyer")
    assert apart.parts["isic_chain"] < meeting.parts["isic_chain"]
    assert (
        scoring.named_relevance(apart.parts)
        < scoring.FLOOR
        <= scoring.named_relevance(meeting.parts)
    )
