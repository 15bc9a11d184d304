"""Structured, reader-oriented reasons for one suggested pair.

"you" is the reader, "they" the partner. Kinds and their parameters (rendered by `explain`):

| kind | params | reads |
| --- | --- | --- |
| they_need_you_offer | code | They need <product> (HS code), which you offer |
| you_need_they_offer | code | You need <product> (HS code), which they offer |
| they_need_related, you_need_related | their_code, your_code, level (4) | same heading |
| hs_more | count | … and N more matching products |
| they_need_you_offer_text, you_need_they_offer_text | code, found (their/your/both) | in a text |
| chain_they_buy | your_activity, their_activity | their activity uses what yours produces |
| chain_they_supply | your_activity, their_activity | their activity supplies yours |
| transport_you_provide, transport_they_provide | — | a carrier meets a request for transport |
| logistics_you_provide, logistics_they_provide | — | a carrier meets goods to ship (weak) |
| corridor_partners | your_modes, their_modes (tuples) | carriers whose modes complement |
| fleet_you_seek, fleet_they_seek | modes (tuple): the fleet's | a forwarder asked for fleets |
| corridor_peers | modes (tuple) | carriers of the same mode |
| counterpart_body | body: association, university, government, cultural | counterparts |
| same_industry | activity | same ISIC activity |
| profile_you_offer, profile_they_offer | family: business, technology, investment | coded match |
| topics | topics (tuple) | shared G2B topics |
| similar_descriptions | — | descriptions are similar |
| crowded | count | the partner heads many lists (the hub penalty; added by the engine) |
| shared_language | languages (tuple) | common language(s) |
| interpreter | your_language, their_language | an interpreter is available |
| no_shared_language | — | warning: an interpreter will be needed |
| pinned, boosted | — | organizers' decision |

Every reason carries its `strength` ("strong", "medium", "weak"; "" for information such as
languages): the strength of the evidence behind it. A reason is built only from data that
supports it: two HS codes that share a chapter and nothing else, or an offer and a request with
no code or text in common, give no reason at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from keruen.matching.features import (
    ASSEMBLY,
    HS_LEVELS,
    OrgFeatures,
    carrier_asked_for,
    corridor_carrier,
    counterpart_bodies,
    fleet_partners,
    handover_partners,
    reaches,
    value_chain,
)
from keruen.matching.scoring import (
    CHAIN_STRENGTH,
    CHAIN_UNCONFIRMED,
    CHAIN_UNCONFIRMED_SILENT,
    HS_STRENGTH,
    INFERRED_HS_STRENGTH,
    INFERRED_HS_WEIGHT,
)
from keruen.matching.types import Reason, ReasonParam

MAX_HS_REASONS_PER_DIRECTION = 2
TEXT_REASON_THRESHOLD = 0.3

STRONG, MEDIUM, WEAK = "strong", "medium", "weak"


def _hs_matches(needs: Iterable[str], offers: dict[str, str]) -> list[tuple[float, str, str, int]]:
    """(strength, need, offer, level) with the best offer for each need, strongest first.

    `offers` is the prefix index of the offering side (`features.prefix_index`).
    """
    found: list[tuple[float, str, str, int]] = []
    for need in needs:
        for level in HS_LEVELS:
            if len(need) < level or level == 2 < len(need):
                continue  # a shared chapter alone is no evidence
            offer = offers.get(need[:level])
            if offer is None:
                continue
            exact = level == min(len(need), len(offer))
            strength = _LEVEL_STRENGTH[level] + (0.01 if exact else 0.0)
            found.append((strength, need, offer, level))
            break
    if len(found) > 1:
        found.sort(key=_by_strength)
    return found


def _by_strength(match: tuple[float, str, str, int]) -> tuple[float, str]:
    return -match[0], match[1]


_LEVEL_STRENGTH = {
    level: sum(HS_STRENGTH[x] for x in HS_LEVELS if x <= level) for level in HS_LEVELS
}


def _hs_reasons(needs: Iterable[str], offers: dict[str, str], they_need: bool) -> list[Reason]:
    matches = _hs_matches(needs, offers)
    reasons: list[Reason] = []
    for strength, need, offer, level in matches[:MAX_HS_REASONS_PER_DIRECTION]:
        exact = level == min(len(need), len(offer))
        if exact:
            # name the more specific of the two codes: that is the product really traded
            code = need if len(need) >= len(offer) else offer
            kind = "they_need_you_offer" if they_need else "you_need_they_offer"
            grade = STRONG if level >= 4 else MEDIUM  # a chapter asked and offered as such
            reasons.append(Reason(kind, {"code": code}, 1.0 + strength, grade))
        else:
            kind = "they_need_related" if they_need else "you_need_related"
            their, your = (need, offer) if they_need else (offer, need)
            params: dict[str, ReasonParam] = {
                "their_code": their,
                "your_code": your,
                "level": level,
            }
            reasons.append(Reason(kind, params, 1.0 + strength, MEDIUM))
    extra = len(matches) - MAX_HS_REASONS_PER_DIRECTION
    if extra > 0:
        reasons.append(Reason("hs_more", {"count": extra}, 0.9, MEDIUM))
    return reasons


def _states_goods(org: OrgFeatures) -> bool:
    """HS codes declared, or headings named in a text (`engine._score_pairs`, unconfirmed)."""
    return bool(org.hs_offers or org.hs_needs or org.inferred_offers or org.inferred_needs)


def _asks_unnamed(org: OrgFeatures) -> bool:
    """Asks for goods and names none of them (`engine._score_pairs`, unconfirmed)."""
    return org.buys and not (org.hs_needs or org.inferred_needs)


def _text_hs_reasons(reader: OrgFeatures, partner: OrgFeatures) -> list[Reason]:
    """Headings that a description names (`OrgFeatures.inferred_*`) and the other end asks for
    or offers, declared or in its own description; "found" says whose description named it."""
    if not (
        reader.inferred_offers
        or reader.inferred_needs
        or partner.inferred_offers
        or partner.inferred_needs
    ):
        return []
    reasons: list[Reason] = []
    for they_need in (True, False):
        needer, offerer = (partner, reader) if they_need else (reader, partner)
        if not (needer.inferred_needs or offerer.inferred_offers):
            continue  # declared on both ends: `_hs_reasons` says so
        declared_needs, declared_offers = needer.need_headings, offerer.offer_headings
        matched = (declared_needs.union(needer.inferred_needs)) & (
            declared_offers.union(offerer.inferred_offers)
        )
        found: list[tuple[int, str, str]] = []
        for code in matched:
            need_in_text = code not in declared_needs
            offer_in_text = code not in declared_offers
            if not (need_in_text or offer_in_text):
                continue  # declared on both ends: `_hs_reasons` says so
            if need_in_text and offer_in_text:
                whose = "both"
            elif need_in_text:
                whose = "their" if they_need else "your"
            else:
                whose = "your" if they_need else "their"
            found.append((need_in_text + offer_in_text, code, whose))
        kind = "they_need_you_offer_text" if they_need else "you_need_they_offer_text"
        alike = needer.inferred_alike | offerer.inferred_alike
        shown: list[str] = []
        for count, code, whose in sorted(found):
            if len(shown) == MAX_HS_REASONS_PER_DIRECTION:
                break
            if any((code, other) in alike for other in shown):
                continue  # the same words named both (fish: fresh 0302, frozen 0303): one reason
            shown.append(code)
            strength = INFERRED_HS_STRENGTH * INFERRED_HS_WEIGHT**count
            reasons.append(
                Reason(kind, {"code": code, "found": whose}, 0.9 + strength, _grade(strength))
            )
    return reasons


def _turned_down(buyer: OrgFeatures, seller: OrgFeatures) -> bool:
    """The buyer says it wants from no one goods of a chapter the seller sells."""
    return bool(buyer.refused_chapters) and any(
        code[:2] in buyer.refused_chapters for code in (*seller.hs_offers, *seller.inferred_offers)
    )


def _chain_reasons(
    upstream: dict[int, tuple[float, str]],
    downstream: dict[int, tuple[float, str]],
    *,
    reader_is_upstream: bool,
    share: float,
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
    ranked = [min(best.items(), key=_by_value)] if best else []
    return [
        Reason(
            kind,
            {"your_activity": your, "their_activity": their},
            # after the goods that meet (a heading says more than an activity), before the rest
            0.89 + 0.1 * strength * share,
            _grade(1.0 - (1.0 - CHAIN_STRENGTH * strength) ** share),
        )
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
    texts_compared: bool = True,
) -> tuple[Reason, ...]:
    """All reasons for showing `partner` to `reader`, strongest first."""
    reasons: list[Reason] = []
    if pinned:
        reasons.append(Reason("pinned", {}, 10.0))
    elif boost > 0:
        reasons.append(Reason("boosted", {}, 9.0))

    # only the needs whose key the other's offers share can meet (a shared chapter alone gives
    # no reason: the keys skip such pairs without looking)
    shared = partner.need_keys & reader.offer_keys
    if shared:
        needs = [code for code, key in partner.keyed_needs if key in shared]
        reasons += _hs_reasons(needs, reader.offer_prefixes, they_need=True)
    shared = reader.need_keys & partner.offer_keys
    if shared:
        needs = [code for code, key in reader.keyed_needs if key in shared]
        reasons += _hs_reasons(needs, partner.offer_prefixes, they_need=False)
    reasons += _text_hs_reasons(reader, partner)
    share = 1.0
    if not reasons and _states_goods(reader) and _states_goods(partner):  # unconfirmed
        speaks = text > 0 or not texts_compared or _asks_unnamed(reader) or _asks_unnamed(partner)
        share = CHAIN_UNCONFIRMED if speaks else CHAIN_UNCONFIRMED_SILENT
    if not reasons and (_turned_down(reader, partner) or _turned_down(partner, reader)):
        share = 0.0  # the link is a supply one of them turned down (`engine._score_pairs`)
    if share and reader.chain_up and partner.chain_down:
        reasons += _chain_reasons(
            reader.chain_up, partner.chain_down, reader_is_upstream=True, share=share
        )
    if share and partner.chain_up and reader.chain_down:
        reasons += _chain_reasons(
            partner.chain_up, reader.chain_down, reader_is_upstream=False, share=share
        )
    reasons += _logistics_reasons(reader, partner)
    reasons += _service_reasons(reader, partner)
    if counterpart_bodies(reader, partner):
        reasons.append(Reason("counterpart_body", {"body": reader.body}, 0.85, STRONG))

    if reader.explicit_topics or partner.explicit_topics:
        topics = (reader.explicit_topics & partner.all_topics) | (
            partner.explicit_topics & reader.all_topics
        )
        if topics:
            both = reader.explicit_topics & partner.explicit_topics
            grade = STRONG if both else MEDIUM
            reasons.append(Reason("topics", {"topics": tuple(sorted(topics))}, 0.85, grade))
    # an offer answers a request only through a shared code (HS chapter or ISIC division)
    if reader.offer_profile_tokens and partner.request_profile_tokens:
        for family in _coded_families(reader.offer_profile_tokens, partner.request_profile_tokens):
            reasons.append(Reason("profile_you_offer", {"family": family}, 0.6, MEDIUM))
    if partner.offer_profile_tokens and reader.request_profile_tokens:
        for family in _coded_families(partner.offer_profile_tokens, reader.request_profile_tokens):
            reasons.append(Reason("profile_they_offer", {"family": family}, 0.6, MEDIUM))
    shared_activities = [code for code in reader.isic if code in partner.isic]
    if shared_activities and not (reader.provider[0] > 0 and partner.provider[0] > 0):
        reasons.append(Reason("same_industry", {"activity": shared_activities[0]}, 0.4, WEAK))
    if text >= TEXT_REASON_THRESHOLD:
        grade = STRONG if text >= 0.8 else MEDIUM if text >= 0.5 else WEAK
        reasons.append(Reason("similar_descriptions", {}, 0.3 + text / 10, grade))

    if len(reasons) > 1:
        reasons.sort(key=_by_weight)
    reasons.append(_language_reason(reader_languages, partner_languages, interpreters))
    return tuple(reasons)


def _by_value(item: tuple[tuple[str, str], float]) -> tuple[float, tuple[str, str]]:
    return -item[1], item[0]


def _by_weight(reason: Reason) -> float:
    return -reason.weight


def _grade(strength: float) -> str:
    """A piece of evidence of strength c in [0, 1] as a word."""
    return STRONG if strength >= 0.5 else MEDIUM if strength >= 0.3 else WEAK


def _coded_families(
    offers: frozenset[tuple[str, str, str]], requests: frozenset[tuple[str, str, str]]
) -> list[str]:
    return sorted({family for family, _, _ in offers & requests})


_MODE_ORDER = ("rail", "road", "terminal", "forwarding", "water", "air", "courier")


def _modes(modes: frozenset[str]) -> tuple[str, ...]:
    # a customs broker is told as "forwarding and customs"
    shown = modes | {"forwarding"} if "customs" in modes else modes
    return tuple(m for m in _MODE_ORDER if m in shown)


def _logistics_reasons(reader: OrgFeatures, partner: OrgFeatures) -> list[Reason]:
    """Logistics with its direction: who carries, who asked for transport, who merely ships.
    A provider whose routes do not reach the other's country carries nothing for it."""
    mine = reader.provider[0] if reaches(reader, partner) else 0.0
    theirs = partner.provider[0] if reaches(partner, reader) else 0.0
    if mine > 0 and theirs > 0:
        own, other = reader.modes - partner.modes, partner.modes - reader.modes
        if fleet_partners(reader, partner):
            # a forwarder that asked for partner fleets, and a carrier with vehicles of its own
            kind, fleet = (
                ("fleet_you_seek", partner) if reader.seeks_fleet else ("fleet_they_seek", reader)
            )
            return [Reason(kind, {"modes": _modes(fleet.modes)}, 0.75, STRONG)]
        if (own and other and corridor_carrier(reader) and corridor_carrier(partner)) or (
            handover_partners(reader, partner)
        ):
            params = {"your_modes": _modes(reader.modes), "their_modes": _modes(partner.modes)}
            return [Reason("corridor_partners", params, 0.75, STRONG)]
        if reader.investment_only or partner.investment_only:
            return []  # a project seeking capital runs no freight yet: not a peer
        if not reader.modes & partner.modes:
            return []  # an air-cargo agent and a rail terminal: no corridor, no shared mode
        return [
            Reason("corridor_peers", {"modes": _modes(reader.modes | partner.modes)}, 0.5, MEDIUM)
        ]
    if mine > 0 and carrier_asked_for(reader, partner):
        return [Reason("transport_you_provide", {}, 0.8, STRONG)]
    if theirs > 0 and carrier_asked_for(partner, reader):
        return [Reason("transport_they_provide", {}, 0.8, STRONG)]
    if mine > 0 and partner.shipper[0] > 0:
        return [Reason("logistics_you_provide", {}, 0.3, WEAK)]
    if theirs > 0 and reader.shipper[0] > 0:
        return [Reason("logistics_they_provide", {}, 0.3, WEAK)]
    return []


def _service_reasons(reader: OrgFeatures, partner: OrgFeatures) -> list[Reason]:
    """A service one asked for by its provider, which the other's activity provides (the
    activity that provides it is named)."""
    reasons: list[Reason] = []
    asked = sorted(reader.services_asked & partner.services_provided.keys())
    if asked == [ASSEMBLY]:
        reasons.append(Reason("assembly_they_offer", {}, 0.8, STRONG))
    elif asked:
        activity = partner.services_provided[asked[0]]
        reasons.append(Reason("service_they_provide", {"activity": activity}, 0.8, STRONG))
    offered = sorted(partner.services_asked & reader.services_provided.keys())
    if offered == [ASSEMBLY]:
        reasons.append(Reason("assembly_you_offer", {}, 0.8, STRONG))
    elif offered:
        activity = reader.services_provided[offered[0]]
        reasons.append(Reason("service_you_provide", {"activity": activity}, 0.8, STRONG))
    shared = sorted(reader.services_counterpart & partner.services_counterpart)
    if shared and not reasons:
        activity = reader.services_provided[shared[0]]
        reasons.append(Reason("counterpart_service", {"activity": activity}, 0.7, MEDIUM))
    return reasons


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
