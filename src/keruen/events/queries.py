"""Read models of an event, for the CLI, pages and exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from keruen.core.names import display_name
from keruen.core.text import LocalizedText
from keruen.core.timeutil import utc_offset, utc_to_local
from keruen.events import service as event_service
from keruen.events.models import Event, EventSession, Participation
from keruen.organizations.enums import ProductDirection
from keruen.organizations.models import Delegate, Organization
from keruen.reference.regions import is_within


@dataclass
class SessionView:
    day: date
    kind: str
    local_start: datetime
    local_end: datetime
    slot_minutes: int
    slots: int
    hall: str | None


@dataclass
class OrganizationView:
    id: int
    name: str
    kind: str
    region: str
    side: str | None
    identifier: str | None
    isic: list[str]
    hs_offers: list[str]
    hs_needs: list[str]
    delegates: int
    fictional: bool


@dataclass
class PersonView:
    name: str
    role: str
    languages: list[str]
    topics: list[str]
    organization: str | None


@dataclass
class EventOverview:
    slug: str
    name: str
    timezone: str
    utc_offset: str
    days: list[date]
    sessions: list[SessionView]
    halls: list[tuple[str, int]]
    sides: list[tuple[str, str]]
    organizations: list[OrganizationView] = field(default_factory=list)
    people: list[PersonView] = field(default_factory=list)


def _shown(text: LocalizedText | None, locale: str) -> str:
    """A name by the one rule for names across scripts."""
    return display_name(dict(text.values), text.source, locale) if text else ""


def side_of(event: Event, region_code: str) -> str | None:
    for side in event.sides:
        if is_within(region_code, side.region_code):
            return side.code
    return None


def event_overview(session: Session, slug: str, locale: str = "en") -> EventOverview:
    event = event_service.get_event(session, slug)
    sessions = [
        SessionView(
            day=utc_to_local(s.starts_at, event.timezone).date(),
            kind=s.kind,
            local_start=utc_to_local(s.starts_at, event.timezone),
            local_end=utc_to_local(s.ends_at, event.timezone),
            slot_minutes=s.slot_minutes,
            slots=len(event_service.slot_starts_utc(s)),
            hall=s.hall.code if s.hall else None,
        )
        for s in session.scalars(
            select(EventSession)
            .where(EventSession.event_id == event.id)
            .options(selectinload(EventSession.pauses))
            .order_by(EventSession.starts_at)
        )
    ]
    offset = utc_offset(event.timezone, datetime.combine(event.starts_on, time(12), tzinfo=UTC))
    hours, rest = divmod(int(offset.total_seconds()) // 60, 60)
    participations = list(
        session.scalars(
            select(Participation)
            .where(Participation.event_id == event.id)
            .options(selectinload(Participation.delegate).selectinload(Delegate.organization))
        )
    )
    per_org: dict[int, int] = {}
    people: list[PersonView] = []
    for p in participations:
        org = p.delegate.organization
        if org is not None:
            per_org[org.id] = per_org.get(org.id, 0) + 1
        people.append(
            PersonView(
                name=_shown(p.delegate.names, locale),
                role=p.role,
                languages=list(p.delegate.languages),
                topics=list(p.topics),
                organization=_shown(org.names, locale) if org else None,
            )
        )
    orgs = session.scalars(
        select(Organization)
        .where(Organization.id.in_(per_org))
        .options(selectinload(Organization.activities), selectinload(Organization.products))
        .order_by(Organization.id)
    )
    return EventOverview(
        slug=event.slug,
        name=_shown(event.names, locale) or event.slug,
        timezone=event.timezone,
        utc_offset=f"UTC{hours:+03d}:{rest:02d}",
        days=sorted({s.day for s in sessions}),
        sessions=sessions,
        halls=[(h.code, len(h.tables)) for h in event.halls],
        sides=[(s.code, _shown(s.names, locale) or s.code) for s in event.sides],
        organizations=[
            OrganizationView(
                id=o.id,
                name=_shown(o.names, locale),
                kind=o.kind,
                region=o.region_code,
                side=side_of(event, o.region_code),
                identifier=o.bin or o.uscc or o.ref,
                isic=o.isic_codes,
                hs_offers=o.hs_codes(ProductDirection.OFFERS),
                hs_needs=o.hs_codes(ProductDirection.NEEDS),
                delegates=per_org.get(o.id, 0),
                fictional=o.fictional,
            )
            for o in orgs
        ],
        people=people,
    )


def find_participation(session: Session, event: Event, key: str) -> Participation | None:
    """A participant of the event by the handles organizers use: delegate e-mail or reference,
    the organization's BIN, USCC or reference (its first meeting participant), or the
    participation id."""
    key = key.strip()
    if not key:
        return None
    query = (
        select(Participation)
        .join(Delegate, Participation.delegate_id == Delegate.id)
        .where(Participation.event_id == event.id)
    )
    if key.isdigit() and len(key) < 9:
        return session.scalar(query.where(Participation.id == int(key)))
    found = session.scalar(query.where((Delegate.ref == key) | (Delegate.email == key.lower())))
    if found is not None:
        return found
    compact = key.replace(" ", "")
    org = session.scalar(
        select(Organization).where(
            (Organization.ref == key)
            | (Organization.bin == compact)
            | (Organization.uscc == compact.upper())
        )
    )
    if org is None:
        return None
    candidates = list(session.scalars(query.where(Delegate.organization_id == org.id)))
    meeting_roles = ("participant", "official")
    candidates.sort(key=lambda p: (p.role not in meeting_roles, p.id))
    return candidates[0] if candidates else None
