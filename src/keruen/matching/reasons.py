"""Structured, reader-oriented reasons for one suggested pair.

"you" is the reader, "they" the partner. Kinds and their parameters (rendered by `explain`):

| kind | params | reads |
| --- | --- | --- |
| they_need_you_offer | code | They need <product> (HS code), which you offer |
| you_need_they_offer | code | You need <product> (HS code), which they offer |
| they_need_related, you_need_related | their_code, your_code, level (4 or 2) | same heading |
| hs_more | count | … and N more matching products |
| chain_they_buy | your_activity, their_activity | their activity uses what yours produces |
| chain_they_supply | your_activity, their_activity | their activity supplies yours |
| logistics_you_provide, logistics_they_provide | — | logistics meets goods to ship |
| same_industry | activity | same ISIC activity |
| profile_you_offer, profile_they_offer | family: business, technology, investment | offer/request |
| topics | topics (tuple) | shared G2B topics |
| similar_descriptions | — | descriptions are similar |
| shared_language | languages (tuple) | common language(s) |
| interpreter | your_language, their_language | an interpreter is available |
| no_shared_language | — | warning: an interpreter will be needed |
| pinned, boosted | — | organizers' decision |
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from keruen.matching.features import HS_LEVELS, OrgFeatures, value_chain
from keruen.matching.scoring import HS_STRENGTH
from keruen.matching.types import Reason, ReasonParam

MAX_HS_REASONS_PER_DIRECTION = 2
TEXT_REASON_THRESHOLD = 0.3


def _hs_matches(needs: Iterable[str], offers: dict[str, str]) -> list[tuple[float, str, str, int]]:
    """(strength, need, offer, level) with the best offer for each need, strongest first.

    `offers` is the prefix index of the offering side (`features.prefix_index`).
    """
    found: list[tuple[float, str, str, int]] = []
    for need in needs:
        for level in HS_LEVELS:
            if len(need) < level:
                continue
            offer = offers.get(need[:level])
            if offer is None:
                continue
            exact = level == min(len(need), len(offer))
            strength = _LEVEL_STRENGTH[level] + (0.01 if exact else 0.0)
            found.append((strength, need, offer, level))
            break
    found.sort(key=lambda m: (-m[0], m[1]))
    return found


_LEVEL_STRENGTH = {
    level: sum(HS_STRENGTH[x] for x in HS_LEVELS if x <= level) for level in HS_LEVELS
}


def _hs_reasons(needs: tuple[str, ...], offers: dict[str, str], they_need: bool) -> list[Reason]:
    matches = _hs_matches(needs, offers)
    reasons: list[Reason] = []
    for strength, need, offer, level in matches[:MAX_HS_REASONS_PER_DIRECTION]:
        exact = level == min(len(need), len(offer))
        if exact:
            # name the more specific of the two codes: that is the product really traded
            code = need if len(need) >= len(offer) else offer
            kind = "they_need_you_offer" if they_need else "you_need_they_offer"
            reasons.append(Reason(kind, {"code": code}, 1.0 + strength))
        else:
            kind = "they_need_related" if they_need else "you_need_related"
            their, your = (need, offer) if they_need else (offer, need)
            params: dict[str, ReasonParam] = {
                "their_code": their,
                "your_code": your,
                "level": level,
            }
            reasons.append(Reason(kind, params, 1.0 + strength))
    extra = len(matches) - MAX_HS_REASONS_PER_DIRECTION
    if extra > 0:
        reasons.append(Reason("hs_more", {"count": extra}, 0.9))
    return reasons


def _chain_reasons(
    upstream: dict[int, tuple[float, str]],
    downstream: dict[int, tuple[float, str]],
    *,
    reader_is_upstream: bool,
) -> list[Reason]:
    links = value_chain()
    kind = "chain_they_buy" if reader_is_upstream else "chain_they_supply"
    best: dict[tuple[str, str], float] = {}
    for index in upstream.keys() & downstream.keys():
        up_fit, up_code = upstream[index]
        down_fit, down_code = downstream[index]
        strength = links[index].weight * up_fit * down_fit
        key = (up_code, down_code) if reader_is_upstream else (down_code, up_code)
        best[key] = max(best.get(key, 0.0), strength)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:1]
    return [
        Reason(kind, {"your_activity": your, "their_activity": their}, 0.8 + strength)
        for (your, their), strength in ranked
    ]


def build_reasons(
    reader: OrgFeatures,
    partner: OrgFeatures,
    *,
    reader_languages: frozenset[str],
    partner_languages: frozenset[str],
    interpreters: frozenset[frozenset[str]],
    text: float,
    pinned: bool,
    boost: float,
) -> tuple[Reason, ...]:
    """All reasons for showing `partner` to `reader`, strongest first."""
    reasons: list[Reason] = []
    if pinned:
        reasons.append(Reason("pinned", {}, 10.0))
    elif boost > 0:
        reasons.append(Reason("boosted", {}, 9.0))

    if not partner.need_chapters.isdisjoint(reader.offer_chapters):
        reasons += _hs_reasons(partner.hs_needs, reader.offer_prefixes, they_need=True)
    if not reader.need_chapters.isdisjoint(partner.offer_chapters):
        reasons += _hs_reasons(reader.hs_needs, partner.offer_prefixes, they_need=False)
    if reader.chain_up and partner.chain_down:
        reasons += _chain_reasons(reader.chain_up, partner.chain_down, reader_is_upstream=True)
    if partner.chain_up and reader.chain_down:
        reasons += _chain_reasons(partner.chain_up, reader.chain_down, reader_is_upstream=False)
    if reader.provider[0] > 0 and partner.shipper[0] > 0:
        reasons.append(Reason("logistics_you_provide", {}, 0.7 + reader.provider[0] / 10))
    if partner.provider[0] > 0 and reader.shipper[0] > 0:
        reasons.append(Reason("logistics_they_provide", {}, 0.7 + partner.provider[0] / 10))

    if reader.explicit_topics or partner.explicit_topics:
        topics = (reader.explicit_topics & partner.all_topics) | (
            partner.explicit_topics & reader.all_topics
        )
        if topics:
            reasons.append(Reason("topics", {"topics": tuple(sorted(topics))}, 0.85))
    if reader.offer_families and partner.request_families:
        for family in sorted(reader.offer_families & partner.request_families):
            reasons.append(Reason("profile_you_offer", {"family": family}, 0.6))
    if partner.offer_families and reader.request_families:
        for family in sorted(partner.offer_families & reader.request_families):
            reasons.append(Reason("profile_they_offer", {"family": family}, 0.6))
    shared_activities = [code for code in reader.isic if code in partner.isic]
    if shared_activities:
        reasons.append(Reason("same_industry", {"activity": shared_activities[0]}, 0.4))
    if text >= TEXT_REASON_THRESHOLD:
        reasons.append(Reason("similar_descriptions", {}, 0.3 + text / 10))

    if len(reasons) > 1:
        reasons.sort(key=_by_weight)
    reasons.append(_language_reason(reader_languages, partner_languages, interpreters))
    return tuple(reasons)


def _by_weight(reason: Reason) -> float:
    return -reason.weight


@lru_cache(maxsize=4096)
def _language_reason(
    mine: frozenset[str], theirs: frozenset[str], interpreters: frozenset[frozenset[str]]
) -> Reason:
    shared = mine & theirs
    if shared:
        return Reason("shared_language", {"languages": tuple(sorted(shared))}, 0.1)
    for your_language in sorted(mine):
        for their_language in sorted(theirs):
            if frozenset((your_language, their_language)) in interpreters:
                params = {"your_language": your_language, "their_language": their_language}
                return Reason("interpreter", params, 0.1)
    if not mine or not theirs:
        return Reason("languages_unknown", {}, 0.0)
    return Reason("no_shared_language", {}, 0.0)
