"""Partner suggestions for an event: directory rows → keruen.matching → reasons in the reader's
language. Also the organizer's pair rules (pin, forbid, boost)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

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
from keruen.reference.taxonomy import code_title

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


def suggest_for_event(
    session: Session, event: Event, *, top_k: int = 10
) -> tuple[EventDirectory, dict[str, list[matching.Suggestion]]]:
    directory = event_directory(session, event)
    suggestions = matching.suggest(
        directory.profiles,
        top_k=top_k,
        rules=pair_rules(session, event),
        interpreters=directory.interpreter_pairs,
    )
    return directory, suggestions


def reader_locale(directory: EventDirectory, org_key: str) -> str:
    """The interface language of the organization's first representative."""
    people = directory.representatives.get(org_key, [])
    return people[0].delegate.locale if people else "en"


def render(suggestion: matching.Suggestion, locale: str, *, limit: int | None = 3) -> list[str]:
    translations = get_translations(locale, domain="matching")
    title: Callable[[str, str, str], str | None] = code_title
    return matching.render_reasons(suggestion, translations, title, locale=locale, limit=limit)
