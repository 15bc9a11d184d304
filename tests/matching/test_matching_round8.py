"""Round 8 (issue 14, texts across scripts): goods that a Kazakh or Russian text names and a
Chinese text names differently still meet on one HS heading."""

from __future__ import annotations

import pytest

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
