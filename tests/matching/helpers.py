"""What the matching tests share: a run without text similarity, and the HS headings a text
names (code and direction)."""

from __future__ import annotations

from keruen.matching import (
    CooperationItem,
    NoTextSimilarity,
    OrganizationProfile,
    Suggestion,
    suggest,
)
from keruen.matching.hs_text import default_heading_lexicon

KZ, CN = "KZ-61", "CN-XJ-BYG"
O, C = OrganizationProfile, CooperationItem  # noqa: E741


def run(orgs: list[OrganizationProfile], **kwargs: object) -> dict[str, list[Suggestion]]:
    options: dict[str, object] = {"text_similarity": NoTextSimilarity(), "interpreters": []}
    options.update(kwargs)
    return suggest(orgs, **options)  # type: ignore[arg-type]


def named(text: str, language: str) -> set[tuple[str, str]]:
    return {(h.code, h.direction) for h in default_heading_lexicon().named({language: text})}


def reason_kinds(a: OrganizationProfile, b: OrganizationProfile) -> list[str]:
    """The reasons `b` is suggested to `a` for, when the directory holds only the two."""
    return [r.kind for s in run([a, b])[a.id] if s.partner_id == b.id for r in s.reasons]


def partners(a: OrganizationProfile, b: OrganizationProfile) -> list[str]:
    """Whom `a` is suggested when the directory holds only the two."""
    return [s.partner_id for s in run([a, b])[a.id]]


def company(
    id: str, side: str, isic: str, language: str, text: str, *also: str
) -> OrganizationProfile:
    """A company of one activity that writes one text in one language (and speaks `also`)."""
    return O(id=id, side=side, isic=[isic], languages=[language, *also], texts={language: text})


def body(
    id: str, side: str, kind: str, isic: str, language: str, text: str, *also: str
) -> OrganizationProfile:
    """An organization of a kind (a hospital, a theatre, a university) that writes one text."""
    return O(
        id=id,
        side=side,
        kind=kind,
        isic=[isic],
        languages=[language, *also],
        texts={language: text},
    )


def transport_partners(shipper: OrganizationProfile, *carriers: OrganizationProfile) -> set[str]:
    """The carriers the shipper is told provide the transport it asked for."""
    return {
        s.partner_id
        for s in run([shipper, *carriers])[shipper.id]
        if any(r.kind == "transport_they_provide" for r in s.reasons)
    }
