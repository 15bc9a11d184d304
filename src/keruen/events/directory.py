"""Read models of the directory (organizations and delegates, filtered, also by event and side)
and one organization's card. It lives with events because a side belongs to an event."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from keruen.core.errors import NotFound
from keruen.core.i18n_markers import N_
from keruen.core.names import display_name, name_key
from keruen.core.text import LocalizedText
from keruen.i18n import gettext as _
from keruen.organizations.enums import ProductDirection
from keruen.organizations.models import Delegate, Organization
from keruen.reference.regions import is_within


def _name(text: LocalizedText | None, locale: str) -> str:
    return display_name(dict(text.values), text.source, locale) if text else ""


@dataclass(frozen=True)
class DirectoryFilter:
    event: str | None = None
    side: str | None = None
    region: str | None = None
    kind: str | None = None
    hs: str | None = None
    isic: str | None = None


@dataclass(frozen=True)
class OrganizationRow:
    id: int
    ref: str | None
    identifier: str | None
    name: str
    kind: str
    region: str
    side: str | None
    isic: list[str]
    hs_offers: list[str]
    hs_needs: list[str]
    delegates: int


@dataclass(frozen=True)
class DelegateRow:
    id: int
    ref: str | None
    name: str
    organization_id: int | None
    organization: str
    email: str | None
    phone: str | None
    languages: list[str]
    role: str
    consent: bool


def directory_rows(
    session: Session, flt: DirectoryFilter, locale: str
) -> tuple[list[OrganizationRow], list[DelegateRow]]:
    from keruen.events import service as event_service
    from keruen.events.models import Participation
    from keruen.events.queries import side_of

    event = event_service.get_event(session, flt.event) if flt.event else None
    if event is not None and flt.side and flt.side not in {s.code for s in event.sides}:
        raise NotFound(
            N_("the event has no side %(side)s (its sides: %(sides)s)"),
            side=flt.side,
            sides=", ".join(s.code for s in event.sides),
        )
    roles: dict[int, str] = {}
    if event is not None:
        for p in session.scalars(select(Participation).where(Participation.event_id == event.id)):
            roles[p.delegate_id] = p.role
    orgs = list(
        session.scalars(
            select(Organization)
            .options(
                selectinload(Organization.activities),
                selectinload(Organization.products),
                selectinload(Organization.delegates),
            )
            .order_by(Organization.id)
        )
    )
    org_rows: list[OrganizationRow] = []
    kept: set[int] = set()
    for o in orgs:
        side = side_of(event, o.region_code) if event is not None else None
        if event is not None and not any(d.id in roles for d in o.delegates):
            continue
        if flt.side and side != flt.side:
            continue
        if flt.region and not is_within(o.region_code, flt.region):
            continue
        if flt.kind and o.kind != flt.kind:
            continue
        offers = o.hs_codes(ProductDirection.OFFERS)
        needs = o.hs_codes(ProductDirection.NEEDS)
        if flt.hs and not any(c.startswith(flt.hs.replace(".", "")) for c in offers + needs):
            continue
        if flt.isic and not any(c.startswith(flt.isic) for c in o.isic_codes):
            continue
        kept.add(o.id)
        org_rows.append(
            OrganizationRow(
                id=o.id,
                ref=o.ref,
                identifier=o.bin or o.uscc,
                name=_name(o.names, locale),
                kind=o.kind,
                region=o.region_code,
                side=side,
                isic=o.isic_codes,
                hs_offers=offers,
                hs_needs=needs,
                delegates=sum(1 for d in o.delegates if event is None or d.id in roles),
            )
        )
    filtered = any((flt.side, flt.region, flt.kind, flt.hs, flt.isic))
    people: list[DelegateRow] = []
    names = {o.id: _name(o.names, locale) for o in orgs}
    for d in session.scalars(select(Delegate).order_by(Delegate.id)):
        if event is not None and d.id not in roles:
            continue
        if filtered and d.organization_id not in kept:
            continue
        people.append(
            DelegateRow(
                id=d.id,
                ref=d.ref,
                name=_name(d.names, locale),
                organization_id=d.organization_id,
                organization=names.get(d.organization_id, "") if d.organization_id else "",
                email=d.email,
                phone=d.phone,
                languages=list(d.languages),
                role=roles.get(d.id, ""),
                consent=d.consent_share_contacts,
            )
        )
    return org_rows, people


def find_by_handle(session: Session, key: str) -> Organization:
    compact = key.strip().replace(" ", "")
    org = session.scalar(
        select(Organization).where(
            (Organization.ref == key.strip())
            | (Organization.bin == compact)
            | (Organization.uscc == compact.upper())
        )
    )
    if org is None:
        raise NotFound(N_("no organization %(key)s (use its BIN, USCC or reference)"), key=key)
    return org


def organization_card(session: Session, key: str, locale: str) -> list[tuple[str, str]]:
    org = find_by_handle(session, key)
    card = [
        (_("name"), _name(org.names, locale)),
        (_("reference"), org.ref or ""),
        (_("BIN / USCC"), org.bin or org.uscc or ""),
        (_("kind"), org.kind),
        (_("region"), org.region_code),
        ("ISIC", " ".join(org.isic_codes)),
        (_("offers (HS)"), " ".join(org.hs_codes(ProductDirection.OFFERS))),
        (_("needs (HS)"), " ".join(org.hs_codes(ProductDirection.NEEDS))),
        (_("website"), org.website or ""),
        (_("description"), (org.description.get(locale) or "") if org.description else ""),
    ]
    for d in org.delegates:
        contact = " ".join(x for x in (d.email, d.phone) if x)
        card.append((_("delegate"), f"{_name(d.names, locale)}  {contact}".strip()))
    return card


# ---------------------------------------------------------------- the participants' catalogue


def catalogue(
    session: Session,
    flt: DirectoryFilter,
    locale: str,
    *,
    text: str | None = None,
    language: str | None = None,
) -> list[OrganizationRow]:
    """The event's organizations as `directory_rows` filters them, narrowed by a search text
    (any of its names, in any script: the text is folded the way names are) and by a language
    one of its delegates at the event speaks. No person's contact is part of a row."""
    rows, people = directory_rows(session, flt, locale)
    if text and text.strip():
        wanted = name_key(text)
        raw = text.strip().casefold()
        found = {
            o.id
            for o in session.scalars(
                select(Organization).where(Organization.id.in_([r.id for r in rows]))
            )
            if wanted in (o.name_key or "")
            or any(raw in v.casefold() for v in o.names.values.values())
            or (o.description and any(raw in v.casefold() for v in o.description.values.values()))
        }
        rows = [r for r in rows if r.id in found]
    if language:
        speaking = {p.organization_id for p in people if language in p.languages}
        rows = [r for r in rows if r.id in speaking]
    return rows


@dataclass(frozen=True)
class Representative:
    delegate_id: int
    participation_id: int
    role: str
    languages: list[str]


@dataclass(frozen=True)
class PublicProfile:
    """What the event's participants may read about an organization (no person's contact)."""

    id: int
    key: str
    name: str
    kind: str
    region: str
    side: str | None
    website: str | None
    isic: list[str]
    hs_offers: list[str]
    hs_needs: list[str]
    description: str
    description_language: str | None
    cooperation: list[tuple[str, str]]
    representatives: list[Representative]


def organization_key(org: Organization) -> str:
    return org.ref or org.bin or org.uscc or str(org.id)


def public_profile(session: Session, event_id: int, key: str, locale: str) -> PublicProfile:
    """One organization of the event, as its public profile (its reference, BIN, USCC or id)."""
    from keruen.events.models import Event, Participation
    from keruen.events.queries import side_of

    event = session.get(Event, event_id)
    org: Organization | None
    try:
        org = find_by_handle(session, key)
    except NotFound:
        org = session.get(Organization, int(key)) if key.isdigit() and len(key) < 10 else None
    missing = NotFound(N_("no organization %(key)s (use its BIN, USCC or reference)"), key=key)
    if org is None or event is None:
        raise missing
    reps = [
        Representative(d.id, p.id, p.role, list(d.languages))
        for d in org.delegates
        for p in session.scalars(
            select(Participation).where(
                Participation.event_id == event_id, Participation.delegate_id == d.id
            )
        )
        if d.erased_at is None
    ]
    if not reps:
        raise missing
    description = org.description
    shown = description.get(locale) if description else None
    shown_language = (
        next((t for t, v in description.values.items() if v == shown), None)
        if description and shown
        else None
    )
    return PublicProfile(
        id=org.id,
        key=organization_key(org),
        name=_name(org.names, locale),
        kind=org.kind,
        region=org.region_code,
        side=side_of(event, org.region_code),
        website=org.website,
        isic=org.isic_codes,
        hs_offers=org.hs_codes(ProductDirection.OFFERS),
        hs_needs=org.hs_codes(ProductDirection.NEEDS),
        description=shown or "",
        description_language=shown_language,
        cooperation=[(c.kind, (c.text.get(locale) or "") if c.text else "") for c in org.profiles],
        representatives=reps,
    )
