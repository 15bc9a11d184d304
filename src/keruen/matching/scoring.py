"""How signals become a score.

Each code signal is a *noisy-OR* of its pieces of evidence: a piece with strength c contributes a
factor (1 - c), and the signal is 1 - Π(1 - c). More evidence never lowers a signal, and a signal
never leaves [0, 1]. The parts then combine the same way, weighted, and the language part
modulates the result (a pair without a shared language or an interpreter is still worth meeting,
just less easily):

    relevance = 1 - Π_p (1 - W_p · part_p)      for p in hs, isic_chain, profile, topic, text
    score     = clip(relevance · (L0 + (1 - L0) · language) + boost, 0, 1)

Every part is symmetric in the pair, so the score is: score(a, b) == score(b, a).
The ranked lists are not symmetric (b can be in a's top 20 while a is not in b's), and the
reasons are written for the reader.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

PARTS: tuple[str, ...] = ("hs", "isic_chain", "profile", "topic", "text", "language", "boost")
# The spread factor (hub penalty) is applied after the parts combine; see `suggest`.
SPREAD = "spread"
HS, CHAIN, PROFILE, TOPIC, TEXT, LANGUAGE, BOOST = range(7)
EVIDENCE_PARTS: tuple[int, ...] = (HS, CHAIN, PROFILE, TOPIC)

# Strength of one piece of HS evidence by the level at which an offer meets a need. An exact
# 6-digit match also matches its heading and chapter, so it collects all three:
# chapter only → 0.20, heading → 0.50, exact subheading → 0.75.
HS_STRENGTH: dict[int, float] = {2: 0.20, 4: 0.375, 6: 0.50}
# A heading one organization's text names (no code declared for it; `hs_text`) meeting a heading
# of the other: INFERRED_HS_STRENGTH times each end's weight, 1 for a declared code and
# INFERRED_HS_WEIGHT for a heading found in a text. Declared ↔ text: 0.40, text ↔ text: 0.32;
# a declared heading ↔ declared heading collects 0.50 with its chapter. Either reaches the floor
# alone: the goods are named on both ends, in the right direction.
INFERRED_HS_STRENGTH = 0.50
INFERRED_HS_WEIGHT = 0.80
CHAIN_STRENGTH = 0.70  # times the link weight and both fits (see value_chains.csv)
# Logistics has a direction. A carrier meets a goods organization that *asks* for transport
# strongly; one that merely ships goods weakly (every carrier fits every shipper: alone, that is
# filler and stays under the floor). Two carriers meet as corridor partners: strongly when each
# brings a mode the other lacks (rail operator <-> terminal, road forwarder <-> rail), weakly when
# they run the same mode (partners or competitors).
LOGISTICS_SEEKER_STRENGTH = 0.75  # times the provider weight
LOGISTICS_SHIPPER_STRENGTH = 0.20  # times provider and shipper weights
CARRIER_COMPLEMENT_STRENGTH = 0.65  # times the smaller provider weight
CARRIER_SAME_MODE_STRENGTH = 0.30
PEER_STRENGTH = 0.15  # same ISIC class on both sides: a peer, maybe a competitor
PROFILE_CODED_STRENGTH = 0.50  # an offer meets a request of its family with a shared chapter
# Capital offered in a sector and a project of that sector that seeks it, where one of the two
# names its sector only as a whole (an ISIC division, or words: «инвестируем в логистику»): with
# the shared division (0.50) just over the floor (0.50 × (1 − 0.5 × 0.8) = 0.30). Two that both
# name classes, and different ones (a mill and a dairy investor), stay under it.
PROFILE_SECTOR_STRENGTH = 0.20
# Two profile types alone ("business offer" and "business request", no shared code) are not
# evidence: every offer would answer every request.
PROFILE_GENERIC_STRENGTH = 0.0
TOPIC_STRENGTH = 0.60  # per G2B topic that both hold explicitly (two officials)
TOPIC_DERIVED_STRENGTH = 0.35  # an official's topic and an organization's activity in it
# A value-chain link between two organizations that both declared HS codes, none of which meet,
# keeps this share of its log-evidence (1 − (1 − c) ** share).
CHAIN_UNCONFIRMED = 0.5
# ... and only this share when nothing else speaks for it: no text likeness at all, and neither
# end asks for goods it leaves unnamed (whose need might be the link's goods: «Закупаем гранулы
# ПЭ-100», 进口铝土矿). Growers ↔ an oat-flake mill, a gold mine ↔ an aluminium smelter.
CHAIN_UNCONFIRMED_SILENT = 0.25
RIVAL_TEXT_SHARE = 0.5  # text likeness of two sellers of one HS chapter with no heading match
# The text part of two organizations that are each other's nearest text (e5, centred) when one
# asks for goods and the other's goods no code or lexicon names (`engine._block`): just over the
# floor alone (0.55 × 0.55 = 0.30), under any pair whose goods are named on both ends.
MUTUAL_TEXT = 0.55
# A request that names a service by its provider («ищем юриста», 需要当地律师事务所) ↔ an
# organization whose activity provides it (`features.asked_services`): the profile part, as a
# request met by an offer; alone it clears the floor (0.50 × 0.95 = 0.475).
SERVICE_STRENGTH = 0.95
# Two providers of a service that providers on the two sides give together, each under its own
# country's rules (law firms, accountants, certification bodies, tour operators, exhibition
# organizers; `services.csv`, peers): just over the floor alone (0.50 × 0.70 = 0.35).
COUNTERPART_SERVICE_STRENGTH = 0.70
BODY_STRENGTH = 0.60  # counterpart bodies: association <-> association, university <-> university

# Weights of the parts in the relevance.
WEIGHTS: dict[int, float] = {HS: 0.95, CHAIN: 0.80, PROFILE: 0.50, TOPIC: 0.85, TEXT: 0.55}
LANGUAGE_FLOOR = 0.70  # share of the relevance kept when nobody can talk without help
LANGUAGE_SHARED = 1.0
LANGUAGE_INTERPRETER = 0.6
LANGUAGE_UNKNOWN = 0.5  # one side declared no languages

MAX_PIECE = 0.95  # no single piece of evidence is certainty

# Nothing is better than filler: pairs whose evidence (the relevance, before the language
# factor) is below this are not suggested. A shared language, a carrier for any shipper or a faint
# text likeness alone stay under it; one heading asked and offered, a value-chain link, an
# official's topic or a counterpart body reach it, with or without a shared language.
FLOOR = 0.28

# Spread: an organization that lands in far more readers' top lists than it could ever meet
# is everyone's filler. Its pairs' scores are multiplied by (HUB_CAPACITY / lists) ** HUB_EXPONENT
# when it is in more than HUB_CAPACITY top-`HUB_DEPTH` lists (both ends' factors multiply, so
# the score stays symmetric). The factor is the part "spread", and the reader is told.
HUB_DEPTH = 3
HUB_CAPACITY = 4
HUB_EXPONENT = 0.5
# A crowded partner in at most HUB_FAR × HUB_CAPACITY lists (both ends' lists, as the factors
# multiply) keeps the pairs whose goods meet by themselves; a hub in more is dropped from the
# lists it only fills (`engine._spread`).
HUB_FAR = 2.0


def log_factor(strength: float) -> float:
    """log(1 - c) of one piece of evidence, c clipped to [0, MAX_PIECE]."""
    return math.log1p(-min(max(strength, 0.0), MAX_PIECE))


def relevance(parts: dict[int, NDArray[np.float64]]) -> NDArray[np.float64]:
    """The evidence of a pair before the language factor and the organizers' boost."""
    keep = np.ones_like(parts[HS])
    for part, weight in WEIGHTS.items():
        keep *= 1.0 - weight * parts[part]
    result: NDArray[np.float64] = 1.0 - keep
    return result


def named_relevance(parts: Mapping[str, float]) -> float:
    """`relevance` of one suggestion's named parts (`Suggestion.parts`)."""
    keep = 1.0
    for part, weight in WEIGHTS.items():
        keep *= 1.0 - weight * parts[PARTS[part]]
    return 1.0 - keep


def combine(
    parts: dict[int, NDArray[np.float64]], boost: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Vectorized score from part arrays (HS, CHAIN, PROFILE, TOPIC, TEXT, LANGUAGE) and boost."""
    relevance_ = relevance(parts)
    score = relevance_ * (LANGUAGE_FLOOR + (1.0 - LANGUAGE_FLOOR) * parts[LANGUAGE]) + boost
    return np.clip(score, 0.0, 1.0)
