"""Round 8 (issue 14, texts across scripts): goods that a Kazakh or Russian text names and a
Chinese text names differently still meet on one HS heading."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from keruen.matching import OrganizationProfile, suggest
from keruen.matching.hs_text import HeadingLexicon
from keruen.matching.text import E5TextSimilarity, Vectors
from tests.matching.helpers import CN, KZ, O, named, run

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        # a Chinese compound's head is its last character: 梭鲈鱼 and 鳊鱼 are fish
        ("水产批发商户，进口冷冻梭鲈鱼和鳊鱼。", "0303"),
        ("化工厂，长期采购湖盐。", "2501"),
        ("灌溉公司，采购离心泵。", "8413"),
    ],
)
def test_a_one_character_name_heads_a_chinese_compound(text: str, heading: str) -> None:
    assert (heading, "need") in named(text, "zh")


@pytest.mark.parametrize(
    "text",
    [
        "海鲜批发，进口鱿鱼和墨鱼。",  # squid and cuttlefish are no fish (0307)
        "建材市场，瓷砖批发。",  # ceramic tiles are no bricks
        "盐湖旅游开发。",  # 盐 heads nothing in a salt lake
        "饲料厂，生产鱼粉。",  # fish meal: 粉 is the head
    ],
)
def test_a_compound_headed_by_something_else_names_nothing(text: str) -> None:
    codes = {code for code, _ in named(text, "zh")}
    assert not codes & {"0302", "0303", "0304", "6904", "2501"}


def test_a_kazakh_fishery_and_a_chinese_fish_buyer_meet_without_codes() -> None:
    fishery = O(
        id="kz-fishery",
        side=KZ,
        languages=["kk"],
        texts={"kk": "Балқаш көлінен балық аулаймыз: көксерке мен сазан сатамыз."},
    )
    buyer = O(
        id="cn-fish-buyer",
        side=CN,
        languages=["zh"],
        texts={"zh": "水产公司，收购冷冻鲤鱼和梭鲈鱼。"},
    )
    dentist = O(id="cn-dentist", side=CN, languages=["zh"], texts={"zh": "牙科诊所。"})
    lists = run([fishery, buyer, dentist])
    (first,) = lists["kz-fishery"]
    assert first.partner_id == "cn-fish-buyer"
    reason = next(r for r in first.reasons if r.kind == "they_need_you_offer_text")
    assert reason.params == {"code": "0302", "found": "both"}  # fish, named on both ends


class PlantedTexts:
    """A text model whose vectors are planted: every text its own random direction, and the
    texts of `pair` sharing one more, so that the two are each other's nearest by a margin
    while their locally scaled value stays low (e5-small's cross-script pairs look like that).
    The calibration is e5's (`E5TextSimilarity`); `margin_weight` is the knob under test."""

    name = "planted"
    local_scaling = 5
    centre_by_script = True
    typical_cosine = 0.8
    typical_centred_cosine = 0.13
    uncentred_stretch = 6.0

    def __init__(self, pair: tuple[str, str], margin_weight: float) -> None:
        self.pair = pair
        self.margin_weight = margin_weight

    def vectors(self, documents: Sequence[Mapping[str, str]]) -> Vectors:
        rng = np.random.default_rng(8)
        out = rng.standard_normal((len(documents), 64)).astype(np.float32)
        shared = rng.standard_normal(64).astype(np.float32)
        for row, document in enumerate(documents):
            if "".join(document.values()) in self.pair:
                out[row] += 1.2 * shared
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out

    def calibrate(self, cosine: NDArray[np.float32]) -> NDArray[np.float32]:
        return E5TextSimilarity.calibrate(None, cosine)  # type: ignore[arg-type]


def _planted_directory() -> list[OrganizationProfile]:
    # 12 organizations a side (24 texts: enough to centre and to scale locally)
    fishery = O(
        id="kz-fishery",
        side=KZ,
        hs_offers=["0302"],
        languages=["kk"],
        texts={"kk": "Көксерке мен табан."},
    )
    buyer = O(id="cn-buyer", side=CN, languages=["zh"], texts={"zh": "梭鲈和鳊。"})
    others = [
        O(id=f"{side}-{i}", side=side, languages=[lang], texts={lang: f"{side} {i} {lang}"})
        for side, lang in ((KZ, "ru"), (CN, "zh"))
        for i in range(11)
    ]
    return [fishery, buyer, *others]


def test_a_mutual_nearest_pair_gains_its_margin_over_the_second_best() -> None:
    pair = ("Көксерке мен табан.", "梭鲈和鳊。")
    lists = {
        weight: suggest(
            _planted_directory(),
            text_similarity=PlantedTexts(pair, weight),
            interpreters=[("kk", "zh")],
            headings=HeadingLexicon.empty(),
            floor=0.0,
        )
        for weight in (0.0, 1.0)
    }
    without = next(s for s in lists[0.0]["kz-fishery"] if s.partner_id == "cn-buyer")
    with_margin = next(s for s in lists[1.0]["kz-fishery"] if s.partner_id == "cn-buyer")
    # each other's nearest by 0.14 of cosine: 0.62 → 0.91 (a 0.7 ramp step of 0.28)
    assert with_margin.parts["text"] > without.parts["text"] + 0.2
    assert lists[1.0]["kz-fishery"][0].partner_id == "cn-buyer"
    # pairs of organizations that name no goods gain nothing, nor pairs that are not mutual
    for reader in (f"{KZ}-0", f"{CN}-3"):
        for s in lists[1.0][reader]:
            other = next(t for t in lists[0.0][reader] if t.partner_id == s.partner_id)
            assert s.parts["text"] == other.parts["text"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Сауда компаниясы. Кез келген ұсынысты қарастырамыз.", "kk"),  # «кез келген»: any
        ("Балық мұздатылған күйінде.", "kk"),  # «күйінде»: in a state of (not 0711)
        ("Оптовая торговля, реализуем продукцию после сертификации.", "ru"),
        ("种植合作社，寻找运输合作伙伴。", "zh"),  # transport is no goods (not 3923, 8709)
    ],
)
def test_words_of_any_profile_name_no_heading(text: str, language: str) -> None:
    assert {code for code, _ in named(text, language)} <= {"0302", "0303", "0304"}


@pytest.mark.parametrize(
    ("text", "heading", "direction"),
    [
        # a metal's one-character name, which no pair of characters of its title shares
        ("钢结构厂，长期采购锌锭。", "7901", "need"),
        ("钛合金零部件加工，需要海绵钛原料。", "8108", "need"),
        ("电解镍出口。", "7502", "offer"),
        ("铝锭贸易。", "7601", "offer"),
    ],
)
def test_a_metal_named_by_its_one_character_name(text: str, heading: str, direction: str) -> None:
    assert (heading, direction) in named(text, "zh")


@pytest.mark.parametrize(
    "text",
    [
        "提供热镀锌服务。",  # galvanizing is a service
        "进口锌精矿。",  # zinc concentrate is an ore (2608): 矿 heads it
        "采购油桶。",  # casks: 桶 names aluminium casks (7611) in one heading only
        "硅锰合金出口。",  # a ferroalloy (7202), not manganese
    ],
)
def test_a_metal_that_only_qualifies_a_word_names_nothing(text: str) -> None:
    codes = {code for code, _ in named(text, "zh")}
    assert not codes & {"7901", "7601", "7611", "8111"}


def test_zinc_ingots_offered_with_a_code_meet_a_chinese_galvanizer_that_asks_in_words() -> None:
    zinc = O(id="kz-zinc", side=KZ, hs_offers=["7901"], languages=["ru"])
    galvanizer = O(
        id="cn-galvanizer",
        side=CN,
        languages=["zh"],
        texts={"zh": "钢结构热镀锌厂，长期采购锌锭。"},
    )
    lists = run([zinc, galvanizer], interpreters=[("ru", "zh")])
    (first,) = lists["kz-zinc"]
    assert first.partner_id == "cn-galvanizer"
    reason = first.reasons[0]
    assert (reason.kind, reason.params) == (
        "they_need_you_offer_text",
        {"code": "7901", "found": "their"},
    )
