"""Load the demo forum (forum.yaml) through the same services as every other writer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from keruen.core.text import LocalizedText
from keruen.core.yamlfiles import load_yaml
from keruen.events import service as event_service
from keruen.events.files import parse_event_file
from keruen.events.models import Event, Participation
from keruen.events.schemas import ParticipationIn
from keruen.meetings import schedule_service
from keruen.organizations import service as organization_service
from keruen.organizations.models import Delegate, Organization
from keruen.organizations.schemas import CooperationProfileIn, DelegateIn, OrganizationIn
from keruen.reference import service as reference_service

DEMO_FILE = Path(__file__).parent / "forum.yaml"


@dataclass(frozen=True)
class DemoSummary:
    event_slug: str
    organizations: int
    delegates: int
    interpreters: int
    created: int


def _text(values: dict[str, str] | None, source: str | None) -> LocalizedText:
    return LocalizedText.of(values or {}, source=source)


def _delegate_in(item: dict[str, Any]) -> DelegateIn:
    source = item.get("source_language")
    return DelegateIn(
        ref=item.get("ref"),
        names=_text(item.get("names"), source),
        position=_text(item.get("position"), source),
        languages=item.get("languages", []),
        email=item.get("email"),
        phone=item.get("phone"),
        locale=item.get("locale", "en"),
        consent_share_contacts=bool(item.get("consent_share_contacts", False)),
    )


def load_demo(
    session: Session, *, path: Path = DEMO_FILE, progress: Callable[[int, int], None] | None = None
) -> DemoSummary:
    """Create or update the demo forum; loading it twice writes nothing the second time."""
    spec: dict[str, Any] = load_yaml(path.read_text(encoding="utf-8"))
    if session.get_bind().dialect.name == "postgresql":
        # Two `keruen demo` at once: the second waits, then finds everything loaded.
        session.execute(text("SELECT pg_advisory_xact_lock(727272)"))
    reference_service.sync_regions(session)
    _, event_in = parse_event_file({"event": spec["event"]})
    event = schedule_service.update_event(session, data=event_in).event

    organizations = spec.get("organizations", [])
    interpreters = spec.get("interpreters", [])
    total = len(organizations) + len(interpreters)
    created = 0
    for done, item in enumerate(organizations, start=1):
        source = item.get("source_language")
        data = OrganizationIn(
            ref=item["ref"],
            kind=item.get("kind", "company"),
            region=item["region"],
            names=_text(item["names"], source),
            bin=item.get("bin"),
            uscc=item.get("uscc"),
            website=item.get("website"),
            size=item.get("size"),
            isic=item.get("isic", []),
            hs_offers=item.get("hs_offers", []),
            hs_needs=item.get("hs_needs", []),
            description=_text(item.get("description"), source),
            profiles=[
                CooperationProfileIn(
                    kind=p["kind"],
                    hs=p.get("hs", []),
                    isic=p.get("isic", []),
                    text=_text(p.get("text"), source),
                )
                for p in item.get("profiles", [])
            ],
            fictional=bool(item.get("fictional", True)),
        )
        result = organization_service.upsert_organization(session, data=data)
        created += result.created
        for person in item.get("delegates", []):
            delegate = _register(session, event, result.id, person)
            created += delegate
        if progress:
            progress(done, total)
    for done, person in enumerate(interpreters, start=len(organizations) + 1):
        created += _register(session, event, None, {**person, "role": "interpreter"})
        if progress:
            progress(done, total)
    session.flush()
    return summarize(session, event.slug, created=created)


def _register(session: Session, event: Event, org_id: int | None, person: dict[str, Any]) -> int:
    result = organization_service.upsert_delegate(
        session, organization_id=org_id, data=_delegate_in(person)
    )
    delegate = session.get(Delegate, result.id)
    assert delegate is not None
    event_service.set_participation(
        session,
        event=event,
        delegate=delegate,
        data=ParticipationIn(
            role=person.get("role", "participant"),
            topics=person.get("topics", []),
            unavailable=person.get("unavailable", []),
        ),
    )
    return int(result.created)


def summarize(session: Session, slug: str, *, created: int = 0) -> DemoSummary:
    event = event_service.get_event(session, slug)
    roles = dict(
        session.execute(
            select(Participation.role, func.count())
            .where(Participation.event_id == event.id)
            .group_by(Participation.role)
        ).all()
    )
    orgs = (
        session.scalar(
            select(func.count(func.distinct(Delegate.organization_id)))
            .join(Participation, Participation.delegate_id == Delegate.id)
            .where(Participation.event_id == event.id, Delegate.organization_id.is_not(None))
        )
        or 0
    )
    return DemoSummary(
        event_slug=slug,
        organizations=int(orgs),
        delegates=int(sum(v for k, v in roles.items() if k != "interpreter")),
        interpreters=int(roles.get("interpreter", 0)),
        created=created,
    )


def organization_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Organization)) or 0)
