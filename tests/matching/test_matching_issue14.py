"""Issue 14: suggestions an organizer would sign. One test per class of wrong suggestion."""

from __future__ import annotations

import pytest

from keruen.i18n import get_translations
from keruen.matching import (
    CooperationItem,
    NgramTextSimilarity,
    NoTextSimilarity,
    OrganizationProfile,
    Reason,
    Suggestion,
    default_text_similarity,
    no_match_hints,
    render_no_match,
    render_reason_with_strength,
    suggest,
)
from tests.matching.conftest import code_title

pytestmark = pytest.mark.unit

KZ, CN = "KZ-61", "CN-XJ-BYG"
O, C = OrganizationProfile, CooperationItem  # noqa: E741


def kinds(suggestion: Suggestion) -> list[str]:
    return [r.kind for r in suggestion.reasons]


def partners(result: dict[str, list[Suggestion]], reader: str) -> list[str]:
    return [s.partner_id for s in result[reader]]


def view(result: dict[str, list[Suggestion]], reader: str, partner: str) -> Suggestion:
    return next(s for s in result[reader] if s.partner_id == partner)


def run(orgs: list[OrganizationProfile], **kwargs: object) -> dict[str, list[Suggestion]]:
    options: dict[str, object] = {
        "text_similarity": NoTextSimilarity(),
        "interpreters": [("ru", "zh")],
    }
    options.update(kwargs)
    return suggest(orgs, **options)  # type: ignore[arg-type]


GRAPES = O(
    id="grapes",
    side=KZ,
    isic=["0121"],
    hs_offers=["080610"],
    languages=["ru"],
    profiles=[C(kind="logistics", text={"ru": "Ищем перевозчика-рефрижератор до Корлы"})],
)
TRUCKS = O(
    id="trucks",
    side=CN,
    isic=["4923"],
    languages=["zh", "ru"],
    profiles=[C(kind="logistics", text={"zh": "冷藏车运输"})],
)


def test_a_shipper_looking_for_transport_is_told_who_carries_not_that_it_carries() -> None:
    importer = O(id="importer", side=CN, isic=["4630"], hs_needs=["0806"], languages=["ru", "zh"])
    result = run([GRAPES, TRUCKS, importer])
    shipper_view, carrier_view = view(result, "grapes", "trucks"), view(result, "trucks", "grapes")
    assert shipper_view.reasons[0] == Reason("transport_they_provide", {}, 0.8, "strong")
    assert carrier_view.reasons[0].kind == "transport_you_provide"
    # nobody is told that the grape farm provides logistics (it asked for them)
    buyer_view = view(result, "importer", "grapes")
    # (and, since round 3, that a grape grower supplies a fruit wholesaler: true, by activity)
    assert kinds(buyer_view) == ["you_need_they_offer", "chain_they_supply", "shared_language"]
    assert not {"logistics_they_provide", "transport_they_provide"} & set(kinds(carrier_view))


def test_a_request_for_transport_in_words_counts_too() -> None:
    farm = GRAPES.model_copy(
        update={
            "profiles": (C(kind="business_request", text={"zh": "寻找发往哈萨克斯坦的运输商"}),)
        }
    )
    result = run([farm, TRUCKS])
    assert kinds(view(result, "grapes", "trucks"))[0] == "transport_they_provide"


def test_carriers_of_complementary_modes_are_corridor_partners() -> None:
    rail = O(id="rail", side=CN, isic=["4912"], languages=["zh"])
    terminal = O(id="terminal", side=KZ, isic=["5221"], languages=["ru"])
    result = run([rail, terminal])
    reason = view(result, "terminal", "rail").reasons[0]
    assert reason == Reason(
        "corridor_partners",
        {"your_modes": ("terminal",), "their_modes": ("rail",)},
        0.75,
        "strong",
    )


def test_a_carrier_is_not_every_shippers_filler() -> None:
    # shippers that did not ask for transport: the carrier alone stays under the floor
    shippers = [
        O(id=f"s{i}", side=KZ, isic=["1030"], hs_offers=["200290"], languages=["ru"])
        for i in range(6)
    ]
    result = run([*shippers, TRUCKS])
    assert result["trucks"] == []
    assert all(result[s.id] == [] for s in shippers)


def test_nothing_is_better_than_filler_and_the_reader_learns_what_would_help() -> None:
    # a trader with a vague offer: a carrier for any shipper and two requests with no code in
    # common used to fill its list
    vague = O(
        id="vague",
        side=KZ,
        isic=["4690"],
        languages=["ru"],
        profiles=[C(kind="business_offer", text={"ru": "Широкий ассортимент"})],
    )
    requests = [
        O(
            id=f"r{i}",
            side=CN,
            isic=["1311"],
            languages=["ru"],
            profiles=[C(kind="business_request")],
        )
        for i in range(2)
    ]
    assert run([vague, TRUCKS, *requests])["vague"] == []
    assert no_match_hints(vague) == ("hs",)
    lines = render_no_match(no_match_hints(vague), get_translations("ru", domain="matching"))
    assert lines == [
        "Подходящих партнёров пока нет.",
        "Что поможет: коды ТН ВЭД товаров, которые вы предлагаете и ищете.",
    ]
    body = O(id="assoc", side=KZ, kind="association", languages=["ru"])
    assert no_match_hints(body) == ("text",)  # no product codes asked of an association


@pytest.mark.parametrize("body", ["association", "university", "government", "cultural"])
def test_counterpart_bodies_meet(body: str) -> None:
    ours = O(id="ours", side=KZ, kind=body, languages=["ru"], texts={"ru": "Объединяем хозяйства"})
    theirs = O(id="theirs", side=CN, kind=body, languages=["zh"], texts={"zh": "协会"})
    company = O(id="firm", side=CN, isic=["1311"], languages=["zh"])
    result = run([ours, theirs, company])
    assert partners(result, "ours") == ["theirs"]
    reason = view(result, "ours", "theirs").reasons[0]
    assert (reason.kind, reason.params, reason.strength) == (
        "counterpart_body",
        {"body": body},
        "strong",
    )


def test_different_bodies_are_no_counterparts() -> None:
    association = O(id="assoc", side=KZ, kind="association", languages=["ru"])
    university = O(id="uni", side=CN, kind="university", languages=["ru"])
    assert run([association, university]) == {"assoc": [], "uni": []}


def test_texts_across_languages_connect_by_default() -> None:
    assert default_text_similarity().name == "e5"
    wool = O(
        id="wool",
        side=KZ,
        languages=["kk"],
        texts={"kk": "Қой жүнін жинап, жуып, тарап сатамыз. Жуылған жүнді экспортқа шығарамыз."},
    )
    buyer = O(
        id="wool-buyer",
        side=CN,
        languages=["zh"],
        texts={"zh": "羊毛收购和加工企业，采购洗净羊毛。"},
    )
    others = [
        O(id=f"cn-{i}", side=CN, languages=["zh"], texts={"zh": text})
        for i, text in enumerate(
            [
                "水泥生产企业，年产200万吨。",
                "钢铁厂：螺纹钢、线材。",
                "玉石雕刻工作室，和田玉摆件。",
                "番茄酱生产出口企业。",
                "铁路货运：集装箱班列。",
                "巴州商务局：招商引资、外贸促进。",
                "蜂蜜进口商，采购天然山花蜂蜜。",
                "纺织机械制造：细纱机、织布机。",
                "农业机械厂：谷物联合收割机。",
                "甘草提取物生产企业。",
                "食品机械：果汁生产线。",
            ]
        )
    ]
    # (a forum-sized other side: the text model ranks against each one's usual neighbours)
    result = suggest([wool, buyer, *others], interpreters=[("kk", "zh")])
    assert partners(result, "wool")[:1] == ["wool-buyer"]
    assert "similar_descriptions" in kinds(view(result, "wool", "wool-buyer"))


def test_an_investors_sectors_are_not_its_activities() -> None:
    gin = O(id="gin", side=KZ, isic=["0163"], hs_offers=["520100"], languages=["ru"])
    mill = O(id="mill", side=CN, isic=["1311"], hs_needs=["5201"], languages=["zh"])
    investor = O(
        id="investor",
        side=CN,
        isic=["6499"],
        languages=["zh"],
        profiles=[C(kind="investment_offered", isic=["13"])],
    )
    result = run([investor, gin, mill])
    assert partners(result, "gin")[0] == "mill"
    for suggestion in result["gin"]:
        if suggestion.partner_id == "investor":
            assert not {"chain_they_buy", "chain_they_supply"} & set(kinds(suggestion))


def test_profile_types_alone_are_no_reason() -> None:
    # listed for their similar descriptions; the two profile types prove nothing more
    offer = O(
        id="offer",
        side=KZ,
        languages=["ru"],
        profiles=[C(kind="business_offer")],
        texts={"ru": "Производим хлопковую пряжу и ткани для швейных фабрик"},
    )
    request = O(
        id="request",
        side=CN,
        languages=["ru"],
        profiles=[C(kind="business_request")],
        texts={"ru": "Швейная фабрика закупает хлопковую пряжу и ткани"},
    )
    result = run([offer, request], text_similarity=NgramTextSimilarity())
    # the yarn both texts name is a reason (everyday names, round 3); the profile types are not
    found = kinds(view(result, "request", "offer"))
    assert set(found) == {"you_need_they_offer_text", "similar_descriptions", "shared_language"}
    assert not {"profile_you_offer", "profile_they_offer"} & set(found)


def test_a_shared_hs_chapter_alone_is_no_reason() -> None:
    # spinning machines (8445) and harvesters (8433) share chapter 84 and nothing else
    looms = O(
        id="looms",
        side=CN,
        isic=["2826"],
        hs_offers=["844520"],
        languages=["ru"],
        texts={"ru": "Производим оборудование: прядильные машины и станки"},
    )
    farm = O(
        id="farm",
        side=KZ,
        isic=["0111"],
        hs_needs=["843351"],
        languages=["ru"],
        texts={"ru": "Покупаем оборудование: комбайны и машины"},
    )
    result = run([looms, farm], text_similarity=NgramTextSimilarity())
    assert kinds(view(result, "farm", "looms")) == ["similar_descriptions", "shared_language"]
    assert view(result, "farm", "looms").parts["hs"] == 0.0


def test_a_broad_trader_is_penalized_for_heading_every_list() -> None:
    headings = ["2523", "7214", "3202", "8433", "8438", "5205", "8445"]
    trader = O(id="trader", side=CN, isic=["4690"], hs_offers=headings, languages=["ru"])
    makers = [
        O(id=f"maker-{h}", side=CN, isic=["2394"], hs_offers=[h], languages=["zh"])
        for h in headings
    ]
    buyers = [
        O(id=f"buyer-{h}", side=KZ, isic=["4100"], hs_needs=[h], languages=["ru"]) for h in headings
    ]
    result = run([trader, *makers, *buyers])
    for h in headings:
        ranked = result[f"buyer-{h}"]
        # the trader shares the language and would come first; the maker of that product does
        assert [s.partner_id for s in ranked] == [f"maker-{h}", "trader"]
        penalized = ranked[1]
        assert penalized.parts["spread"] < 1.0
        crowded = next(r for r in penalized.reasons if r.kind == "crowded")
        assert crowded.params == {"count": len(headings)}
    english = get_translations("en", domain="matching")
    assert "7 organizations" in render_reason_with_strength(
        crowded, english, code_title, locale="en"
    )


def test_every_evidence_reason_carries_its_strength(
    organizations: list[OrganizationProfile],
) -> None:
    result = suggest(organizations, interpreters=[("ru", "zh")])
    information = {"shared_language", "interpreter", "no_shared_language", "languages_unknown"}
    information |= {"pinned", "boosted", "crowded"}
    seen = 0
    for items in result.values():
        for suggestion in items:
            for reason in suggestion.reasons:
                expected = {""} if reason.kind in information else {"strong", "medium", "weak"}
                assert reason.strength in expected, reason
                seen += reason.kind not in information
    assert seen > 10
    english = get_translations("en", domain="matching")
    reason = Reason("they_need_you_offer", {"code": "5201"}, 1.0, "strong")
    assert render_reason_with_strength(reason, english, code_title, locale="en") == (
        "They need raw cotton (HS 5201), which you offer. [strong]"
    )
    russian = get_translations("ru", domain="matching")
    assert render_reason_with_strength(reason, russian, code_title, locale="ru").endswith(
        "[сильный довод]"
    )


def test_reasons_name_the_heading_never_the_chapter_of_a_subheading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from keruen.meetings.suggestions import reason_code_title
    from keruen.reference.taxonomy import hs

    tax = hs()
    subheadings = [e for e in tax.entries.values() if e.level == "subheading"]

    def heading_of(code: str):  # type: ignore[no-untyped-def]
        return tax.get(code[:4])

    # A subheading with no Russian title of its own whose heading has one: named by the heading
    # (every HS 2022 subheading has its own since round 16: this one's is taken away here)
    own_less = tax.get("843880")
    assert own_less is not None and heading_of(own_less.code).translated("ru")
    monkeypatch.delitem(own_less.titles, "ru")
    assert reason_code_title("hs", own_less.code, "ru") == heading_of(own_less.code).titles["ru"]
    # A subheading with its own title is named by it
    own = next(e for e in subheadings if e.translated("ru"))
    assert reason_code_title("hs", own.code, "ru") == own.titles["ru"]
    # Never a chapter's title («Реакторы ядерные, котлы…» for a tomato line): every subheading
    # is named by its own title or its heading's
    for entry in subheadings[::25]:
        chapter = tax.get(entry.code[:2]).titles.get("ru")  # type: ignore[union-attr]
        named = reason_code_title("hs", entry.code, "ru")
        allowed = {entry.titles.get("ru"), heading_of(entry.code).titles.get("ru"), None}
        assert named in allowed, entry.code
        assert named != chapter or chapter in allowed - {None}, entry.code
    assert reason_code_title("hs", own_less.code, "en") is not None
