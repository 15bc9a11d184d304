"""Properties of the score: bounded, symmetric, monotone in shared codes."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keruen.matching import NoTextSimilarity, OrganizationProfile, suggest

pytestmark = pytest.mark.unit

# Small code pools, so that random organizations often share something.
HS = st.sampled_from(
    [
        "520100",
        "520210",
        "5201",
        "5205",
        "52",
        "121190",
        "1302",
        "130212",
        "200290",
        "2002",
        "252329",
        "84",
        "847989",
    ]
)
ISIC = st.sampled_from(
    [
        "0116",
        "0163",
        "1311",
        "1312",
        "01",
        "13",
        "0128",
        "2100",
        "1079",
        "5229",
        "4923",
        "2394",
        "4100",
        "6201",
    ]
)
LANG = st.sampled_from(["ru", "kk", "zh", "en"])
TOPIC = st.sampled_from(["agriculture", "light_industry", "logistics", "pharmaceuticals"])
KIND = st.sampled_from(
    [
        "business_offer",
        "business_request",
        "technology_offer",
        "technology_request",
        "investment_offered",
        "investment_sought",
        "logistics",
    ]
)


@st.composite
def organization(draw: st.DrawFn, org_id: str, side: str) -> OrganizationProfile:
    return OrganizationProfile.model_validate(
        {
            "id": org_id,
            "side": side,
            "isic": draw(st.lists(ISIC, max_size=3)),
            "hs_offers": draw(st.lists(HS, max_size=3)),
            "hs_needs": draw(st.lists(HS, max_size=3)),
            "languages": draw(st.sets(LANG, max_size=2)),
            "topics": draw(st.lists(TOPIC, max_size=2)),
            "profiles": [
                {"kind": k, "hs": draw(st.lists(HS, max_size=1))}
                for k in draw(st.lists(KIND, max_size=2))
            ],
        }
    )


def pair_score(a: OrganizationProfile, b: OrganizationProfile) -> tuple[float, float]:
    result = suggest(
        [a, b],
        top_k=1,
        text_similarity=NoTextSimilarity(),
        interpreters=[("ru", "zh")],
        spread=False,
    )
    ab = result[a.id][0].score if result[a.id] else 0.0
    ba = result[b.id][0].score if result[b.id] else 0.0
    return ab, ba


@settings(max_examples=150, deadline=None)
@given(organization("a", "KZ"), organization("b", "CN"))
def test_score_is_bounded_and_symmetric(a: OrganizationProfile, b: OrganizationProfile) -> None:
    result = suggest([a, b], text_similarity=NoTextSimilarity(), interpreters=[("ru", "zh")])
    assert (len(result["a"]) == 0) == (len(result["b"]) == 0)
    if result["a"]:
        ab, ba = result["a"][0], result["b"][0]
        assert 0.0 < ab.score <= 1.0
        assert math.isclose(ab.score, ba.score, abs_tol=1e-12)
        for name, value in ab.parts.items():
            assert math.isclose(value, ba.parts[name], abs_tol=1e-12), name
            if name != "boost":
                assert 0.0 <= value <= 1.0


@settings(max_examples=150, deadline=None)
@given(organization("a", "KZ"), organization("b", "CN"), HS, st.booleans())
def test_adding_a_shared_code_never_lowers_the_score(
    a: OrganizationProfile, b: OrganizationProfile, code: str, a_offers: bool
) -> None:
    before = pair_score(a, b)[0]
    if a_offers:
        a2 = a.model_copy(update={"hs_offers": (*a.hs_offers, code)})
        b2 = b.model_copy(update={"hs_needs": (*b.hs_needs, code)})
    else:
        a2 = a.model_copy(update={"hs_needs": (*a.hs_needs, code)})
        b2 = b.model_copy(update={"hs_offers": (*b.hs_offers, code)})
    after = pair_score(a2, b2)[0]
    assert after >= before - 1e-12
    if len(code) >= 4:  # a shared chapter alone does not make a candidate (docs/matching.md)
        assert after > 0


@settings(max_examples=100, deadline=None)
@given(
    organization("a", "KZ"),
    organization("b", "CN"),
    # Not a transport mode: two carriers that come to share every mode are peers (maybe
    # competitors), no longer complementary partners on a route; see test_matching_issue14.
    ISIC.filter(lambda code: code not in ("5229", "4923")),
)
def test_adding_a_shared_activity_never_lowers_the_score(
    a: OrganizationProfile, b: OrganizationProfile, code: str
) -> None:
    before = pair_score(a, b)[0]
    a2 = a.model_copy(update={"isic": (*a.isic, code)})
    b2 = b.model_copy(update={"isic": (*b.isic, code)})
    assert pair_score(a2, b2)[0] >= before - 1e-12


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["KZ", "CN", "UZ"]), st.integers(0, 10**6)),
        min_size=2,
        max_size=12,
    )
)
def test_directory_scores_agree_with_pair_scores(entries: list[tuple[str, int]]) -> None:
    """A pair scores the same in a whole directory as alone (no text: IDF is directory-wide;
    no hub penalty: it counts the lists a partner heads in the directory)."""
    import random

    orgs = []
    for i, (side, seed) in enumerate(entries):
        rnd = random.Random(seed)
        orgs.append(
            OrganizationProfile(
                id=f"o{i}",
                side=side,
                isic=rnd.sample(["0116", "0163", "1311", "5229", "0128", "2100"], 1),
                hs_offers=rnd.sample(["520100", "5205", "121190", "130212"], 1),
                hs_needs=rnd.sample(["5201", "5205", "121190", "52"], 1),
                languages={rnd.choice(["ru", "zh"])},
            )
        )
    result = suggest(
        orgs,
        top_k=len(orgs),
        text_similarity=NoTextSimilarity(),
        interpreters=[("ru", "zh")],
        spread=False,
    )
    for org in orgs:
        for s in result[org.id]:
            partner = next(o for o in orgs if o.id == s.partner_id)
            assert math.isclose(s.score, pair_score(org, partner)[0], abs_tol=1e-12)
            assert org.side != partner.side
