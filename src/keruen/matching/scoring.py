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

import numpy as np
from numpy.typing import NDArray

PARTS: tuple[str, ...] = ("hs", "isic_chain", "profile", "topic", "text", "language", "boost")
HS, CHAIN, PROFILE, TOPIC, TEXT, LANGUAGE, BOOST = range(7)
EVIDENCE_PARTS: tuple[int, ...] = (HS, CHAIN, PROFILE, TOPIC)

# Strength of one piece of HS evidence by the level at which an offer meets a need. An exact
# 6-digit match also matches its heading and chapter, so it collects all three:
# chapter only → 0.20, heading → 0.50, exact subheading → 0.75.
HS_STRENGTH: dict[int, float] = {2: 0.20, 4: 0.375, 6: 0.50}
CHAIN_STRENGTH = 0.70  # times the link weight and both fits (see value_chains.csv)
LOGISTICS_STRENGTH = 0.55  # times provider and shipper weights
PEER_STRENGTH = 0.25  # same ISIC class on both sides: a peer, maybe a competitor
PROFILE_CODED_STRENGTH = 0.50  # an offer meets a request of its family with a shared chapter
PROFILE_GENERIC_STRENGTH = 0.30  # an offer meets a request of its family, no shared code
TOPIC_STRENGTH = 0.60  # per shared G2B topic

# Weights of the parts in the relevance.
WEIGHTS: dict[int, float] = {HS: 0.95, CHAIN: 0.80, PROFILE: 0.50, TOPIC: 0.85, TEXT: 0.45}
LANGUAGE_FLOOR = 0.70  # share of the relevance kept when nobody can talk without help
LANGUAGE_SHARED = 1.0
LANGUAGE_INTERPRETER = 0.6
LANGUAGE_UNKNOWN = 0.5  # one side declared no languages

MAX_PIECE = 0.95  # no single piece of evidence is certainty


def log_factor(strength: float) -> float:
    """log(1 - c) of one piece of evidence, c clipped to [0, MAX_PIECE]."""
    return math.log1p(-min(max(strength, 0.0), MAX_PIECE))


def combine(
    parts: dict[int, NDArray[np.float64]], boost: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Vectorized score from part arrays (HS, CHAIN, PROFILE, TOPIC, TEXT, LANGUAGE) and boost."""
    keep = np.ones_like(boost)
    for part, weight in WEIGHTS.items():
        keep *= 1.0 - weight * parts[part]
    relevance = 1.0 - keep
    score = relevance * (LANGUAGE_FLOOR + (1.0 - LANGUAGE_FLOOR) * parts[LANGUAGE]) + boost
    return np.clip(score, 0.0, 1.0)
