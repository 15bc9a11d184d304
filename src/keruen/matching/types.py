"""Input and output types of the matching library.

Inputs are validated Pydantic models (they come from imports, the database or tests); outputs are
light frozen dataclasses because a 20,000-organization run produces hundreds of thousands of them.
Reasons are structured (`Reason(kind, params)`), never pre-rendered: `explain.render_reason`
turns one into text in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from keruen.core.codes import normalize_hs

ProfileKind = Literal[
    "business_offer",
    "business_request",
    "technology_offer",
    "technology_request",
    "investment_offered",
    "investment_sought",
    "logistics",
]

# Kinds of organization the directory does not know, read as the body they are: a research
# institute or an agricultural experiment station meets its counterparts as a university does; a
# chamber of commerce (a CCPIT branch, a chamber of entrepreneurs) is an association of firms, a
# ministry or an agency a government body, a college a university, a museum or a theatre a
# cultural body.
KIND_ALIASES: dict[str, str] = {
    "research": "university",
    "institute": "university",
    "college": "university",
    "chamber": "association",
    "ministry": "government",
    "agency": "government",
    "museum": "cultural",
    "theatre": "cultural",
    "theater": "cultural",
}
_NON_DIGITS = re.compile(r"[^0-9]")


def normalize_isic(code: str) -> str:
    """'13.11', 'C1311', '1311' → '1311'; '13' stays a division. 3-digit groups are kept."""
    digits = _NON_DIGITS.sub("", code)
    if len(digits) < 2:
        raise ValueError(f"ISIC code {code!r} needs at least 2 digits")
    return digits[:4]


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


class CooperationItem(BaseModel):
    """One thing an organization offers or asks for, with optional codes and text per language."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: ProfileKind
    hs: tuple[str, ...] = ()
    isic: tuple[str, ...] = ()
    text: dict[str, str] = Field(default_factory=dict)

    @field_validator("hs", mode="before")
    @classmethod
    def _hs(cls, value: Iterable[str]) -> tuple[str, ...]:
        return _unique(normalize_hs(str(v)) for v in value)

    @field_validator("isic", mode="before")
    @classmethod
    def _isic(cls, value: Iterable[str]) -> tuple[str, ...]:
        return _unique(normalize_isic(str(v)) for v in value)


class OrganizationProfile(BaseModel):
    """A participant as matching sees it.

    `side` is the delegation (usually the region); partners are only suggested across sides.
    `isic` holds ISIC Rev.4 classes (4 digits) or divisions (2 digits); `hs_offers` / `hs_needs`
    hold HS chapters (2), headings (4) or subheadings (6). `languages` are the languages the
    delegates speak (ISO 639-1 codes such as "ru", "kk", "zh", "en", "ug"). `texts` are free-text
    descriptions keyed by language. `topics` are G2B topics (see `topics.csv`), set for officials.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    side: str
    kind: str = "company"
    isic: tuple[str, ...] = ()
    hs_offers: tuple[str, ...] = ()
    hs_needs: tuple[str, ...] = ()
    profiles: tuple[CooperationItem, ...] = ()
    languages: frozenset[str] = frozenset()
    texts: dict[str, str] = Field(default_factory=dict)
    topics: tuple[str, ...] = ()

    @field_validator("hs_offers", "hs_needs", mode="before")
    @classmethod
    def _hs(cls, value: Iterable[str]) -> tuple[str, ...]:
        return _unique(normalize_hs(str(v)) for v in value)

    @field_validator("isic", mode="before")
    @classmethod
    def _isic(cls, value: Iterable[str]) -> tuple[str, ...]:
        return _unique(normalize_isic(str(v)) for v in value)

    @field_validator("languages", mode="before")
    @classmethod
    def _languages(cls, value: Iterable[str]) -> frozenset[str]:
        return frozenset(str(v).strip().lower().replace("_", "-").split("-")[0] for v in value)

    @field_validator("topics", mode="before")
    @classmethod
    def _topics(cls, value: Iterable[str]) -> tuple[str, ...]:
        return _unique(str(v).strip().lower() for v in value)

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: object) -> str:
        kind = str(value).strip().lower()
        return KIND_ALIASES.get(kind, kind)


PairKey = tuple[str, str]


def pair_key(a: str, b: str) -> frozenset[str]:
    """Pairs are unordered: (a, b) and (b, a) name the same meeting."""
    return frozenset((a, b))


class PairRules(BaseModel):
    """What organizers decide by hand. Pairs are unordered.

    - `pinned`: always listed, first, for both organizations (even across the side rule).
    - `forbidden`: never listed.
    - `boost`: added to the pair's score (may be negative), then the score is clipped to [0, 1].
    """

    model_config = ConfigDict(frozen=True)

    pinned: frozenset[tuple[str, str]] = frozenset()
    forbidden: frozenset[tuple[str, str]] = frozenset()
    boost: dict[tuple[str, str], float] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _no_conflict(self) -> PairRules:
        clash = {pair_key(*p) for p in self.pinned} & {pair_key(*p) for p in self.forbidden}
        if clash:
            names = sorted("/".join(sorted(p)) for p in clash)
            raise ValueError(f"pairs both pinned and forbidden: {', '.join(names)}")
        for a, b in (*self.pinned, *self.forbidden, *self.boost):
            if a == b:
                raise ValueError(f"a pair needs two different organizations, got {a!r} twice")
        return self

    def pinned_keys(self) -> set[frozenset[str]]:
        return {pair_key(*p) for p in self.pinned}

    def forbidden_keys(self) -> set[frozenset[str]]:
        return {pair_key(*p) for p in self.forbidden}

    def boost_by_key(self) -> dict[frozenset[str], float]:
        result: dict[frozenset[str], float] = {}
        for (a, b), value in self.boost.items():
            key = pair_key(a, b)
            result[key] = result.get(key, 0.0) + float(value)
        return result


ReasonParam = str | int | float | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reason:
    """A structured, reader-oriented reason: "they" is the partner, "you" the reader.

    `kind` names a message (see `explain.MESSAGES`); `params` holds codes and counts, never
    rendered text; `weight` orders reasons, strongest first; `strength` grades the evidence
    behind the reason: "strong", "medium" or "weak" ("" for information such as languages).
    """

    kind: str
    params: Mapping[str, ReasonParam] = field(default_factory=dict)
    weight: float = 0.0
    strength: str = ""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One partner suggested to one reader.

    `score` is in [0, 1] and symmetric (the reader's score for the partner equals the partner's for
    the reader). `parts` holds each signal in [0, 1] (hs, isic_chain, profile, topic, text,
    language) and the organizers' additive `boost`; `scoring.combine` is the formula.
    """

    partner_id: str
    score: float
    parts: Mapping[str, float]
    reasons: tuple[Reason, ...] = ()
    pinned: bool = False
