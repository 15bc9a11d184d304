"""Partner suggestions for an event: directory rows → keruen.matching → reasons in the reader's
language. Also the organizer's pair rules (pin, forbid, boost)."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from keruen import matching
from keruen.core.errors import DomainError
from keruen.core.i18n_markers import N_
from keruen.events.enums import ParticipationRole
from keruen.events.models import Event, Participation
from keruen.events.queries import side_of
from keruen.i18n import get_translations
from keruen.meetings.models import MatchRule
from keruen.organizations.enums import ProductDirection
from keruen.organizations.models import Delegate, Organization
from keruen.reference.taxonomy import code_title, taxonomy

_MEETS = (ParticipationRole.PARTICIPANT.value, ParticipationRole.OFFICIAL.value)


@dataclass
class EventDirectory:
    """The event's organizations as matching profiles, and who represents each."""

    profiles: list[matching.OrganizationProfile]
    organizations: dict[str, Organization]
    representatives: dict[str, list[Participation]]
    interpreter_pairs: list[tuple[str, str]]


def event_directory(session: Session, event: Event) -> EventDirectory:
    participations = list(
        session.scalars(
            select(Participation)
            .where(Participation.event_id == event.id)
            .options(
                selectinload(Participation.delegate)
                .selectinload(Delegate.organization)
                .selectinload(Organization.profiles)
            )
            .order_by(Participation.id)
        )
    )
    reps: dict[str, list[Participation]] = defaultdict(list)
    orgs: dict[str, Organization] = {}
    pairs: set[tuple[str, str]] = set()
    for p in participations:
        if p.role == ParticipationRole.INTERPRETER.value:
            langs = sorted(set(p.delegate.languages))
            pairs.update(combinations(langs, 2))
            continue
        org = p.delegate.organization
        if p.role not in _MEETS or org is None:
            continue
        key = str(org.id)
        orgs[key] = org
        reps[key].append(p)
    profiles = []
    for key, org in orgs.items():
        side = side_of(event, org.region_code)
        if side is None:
            continue
        people = reps[key]
        profiles.append(
            matching.OrganizationProfile(
                id=key,
                side=side,
                kind=org.kind,
                isic=tuple(org.isic_codes),
                hs_offers=tuple(org.hs_codes(ProductDirection.OFFERS)),
                hs_needs=tuple(org.hs_codes(ProductDirection.NEEDS)),
                profiles=tuple(
                    matching.CooperationItem(
                        kind=c.kind,
                        hs=tuple(c.hs_codes),
                        isic=tuple(c.isic_codes),
                        text=dict(c.text.values) if c.text else {},
                    )
                    for c in org.profiles
                ),
                languages=frozenset(lang for p in people for lang in p.delegate.languages),
                texts=dict(org.description.values) if org.description else {},
                topics=tuple(sorted({t for p in people for t in p.topics})),
            )
        )
    return EventDirectory(profiles, orgs, dict(reps), sorted(pairs))


def pair_rules(session: Session, event: Event) -> matching.PairRules:
    pinned: set[tuple[str, str]] = set()
    forbidden: set[tuple[str, str]] = set()
    boost: dict[tuple[str, str], float] = {}
    for rule in session.scalars(select(MatchRule).where(MatchRule.event_id == event.id)):
        pair = (str(rule.first_organization_id), str(rule.second_organization_id))
        if rule.action == "pin":
            pinned.add(pair)
        elif rule.action == "forbid":
            forbidden.add(pair)
        else:
            boost[pair] = rule.boost
    return matching.PairRules(pinned=frozenset(pinned), forbidden=frozenset(forbidden), boost=boost)


def set_pair_rule(
    session: Session,
    *,
    event: Event,
    first: Organization,
    second: Organization,
    action: str,
    boost: float = 0.0,
) -> MatchRule | None:
    """Pin, forbid or boost a pair for this event; action 'clear' removes the rule."""
    if first.id == second.id:
        raise DomainError(N_("an organization cannot be paired with itself"))
    low, high = sorted((first.id, second.id))
    rule = session.scalar(
        select(MatchRule).where(
            MatchRule.event_id == event.id,
            MatchRule.first_organization_id == low,
            MatchRule.second_organization_id == high,
        )
    )
    if action == "clear":
        if rule is not None:
            session.delete(rule)
            session.flush()
        return None
    if action not in ("pin", "forbid", "boost"):
        raise DomainError(
            N_("unknown rule %(action)s: use pin, forbid, boost or clear"), action=action
        )
    if rule is None:
        rule = MatchRule(event_id=event.id, first_organization_id=low, second_organization_id=high)
        session.add(rule)
    rule.action = action
    rule.boost = boost
    session.flush()
    return rule


def embedding_cache_path() -> Path:
    """Where e5 vectors are kept between runs: $KERUEN_CACHE_DIR, else the user's cache folder
    ($XDG_CACHE_HOME or ~/.cache) under keruen/. A text is embedded once, ever: the first
    `keruen match` of a large event pays for it (about 15 ms a text on two cores), later runs
    read the vectors back."""
    base = os.environ.get("KERUEN_CACHE_DIR")
    if base:
        return Path(base) / "e5-vectors.sqlite"
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "keruen" / "e5-vectors.sqlite"


def suggest_for_event(
    session: Session, event: Event, *, top_k: int = 10
) -> tuple[EventDirectory, dict[str, list[matching.Suggestion]]]:
    """Suggestions for every participant of the event, with the multilingual e5 text model
    (the n-gram model when e5 cannot be loaded)."""
    directory = event_directory(session, event)
    suggestions = matching.suggest(
        directory.profiles,
        top_k=top_k,
        rules=pair_rules(session, event),
        interpreters=directory.interpreter_pairs,
        text_similarity=matching.default_text_similarity(cache_path=embedding_cache_path()),
    )
    return directory, suggestions


def reader_locale(directory: EventDirectory, org_key: str) -> str:
    """The interface language of the organization's first representative."""
    people = directory.representatives.get(org_key, [])
    return people[0].delegate.locale if people else "en"


def reason_code_title(system: str, code: str, locale: str) -> str | None:
    """The title a reason names a code by: the most specific title that exists in the reader's
    language at the code's own level or its heading. Never a chapter's for a heading or a
    subheading: «Реакторы ядерные, котлы…» says nothing about a tomato-processing line, and
    the reason then names the code alone ("goods under HS 843880")."""
    if system != "hs" or len(code) <= 2:
        return code_title(system, code, locale)
    hs = taxonomy("hs")
    entry = hs.get(code)
    if entry is None:
        return None
    if locale == "en":
        return entry.title("en")
    for candidate in (entry, *hs.ancestors(entry.code)):
        if candidate.level in ("subheading", "heading") and candidate.translated(locale):
            return candidate.title(locale)
    return None


def render(
    suggestion: matching.Suggestion,
    locale: str,
    *,
    limit: int | None = 3,
    with_strength: bool = True,
) -> list[str]:
    """The reasons of a suggestion in `locale`, strongest first, each with the strength of its
    evidence ("… [strong]") unless `with_strength=False`."""
    translations = get_translations(locale, domain="matching")
    title: Callable[[str, str, str], str | None] = reason_code_title
    return matching.render_reasons(
        suggestion, translations, title, locale=locale, limit=limit, with_strength=with_strength
    )


def render_no_match(directory: EventDirectory, org_key: str, locale: str) -> list[str]:
    """For an organization with no suggestion: "No good match yet." and what would help (the
    data its profile lacks: product codes, a description, activity codes, an offer or request).
    """
    translations = get_translations(locale, domain="matching")
    profile = next((p for p in directory.profiles if p.id == org_key), None)
    hints = matching.no_match_hints(profile) if profile is not None else ("text",)
    return matching.render_no_match(hints, translations)


def requests_from_suggestions(session: Session, event: Event, *, top: int = 3) -> tuple[int, int]:
    """Send requests for each organization to its `top` suggested partners, best first
    (`keruen requests from-suggestions`): (sent, skipped: already asked, over the quota or no
    common free time)."""
    from keruen.meetings import service
    from keruen.meetings.models import MeetingRequest

    created = skipped = 0
    directory, ranked = suggest_for_event(session, event, top_k=top)
    taken = {
        (r.pair_low, r.pair_high)
        for r in session.scalars(select(MeetingRequest).where(MeetingRequest.event_id == event.id))
    }
    for key, items in ranked.items():
        for rank, suggestion in enumerate(items):
            first = directory.representatives[key][0]
            second = directory.representatives[suggestion.partner_id][0]
            pair = (min(first.id, second.id), max(first.id, second.id))
            if pair in taken:
                skipped += 1
                continue
            try:
                with session.begin_nested():
                    service.request_meeting(
                        session,
                        event=event,
                        requester_id=first.id,
                        target_id=second.id,
                        priority=max(1, 3 - rank),
                    )
            except DomainError:
                skipped += 1
                continue
            taken.add(pair)
            created += 1
    return created, skipped
