"""The organizer's event as a document and back: what `keruen event export/create/update` and the
web editor share (the stored event as an event-file document, its interpreters saved as people
with an interpreter's participation, and the organizations that take part in it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from keruen.core.errors import NotFound
from keruen.core.i18n_markers import N_
from keruen.core.text import LocalizedText
from keruen.events import service as event_service
from keruen.events.files import EventFile, event_document
from keruen.events.models import Event, Participation
from keruen.events.schemas import ParticipationIn
from keruen.organizations import service as organization_service
from keruen.organizations.models import Delegate, Organization
from keruen.organizations.schemas import DelegateIn


def interpreters_of(session: Session, event: Event) -> list[Participation]:
    return list(
        session.scalars(
            select(Participation)
            .where(Participation.event_id == event.id, Participation.role == "interpreter")
            .options(selectinload(Participation.delegate), selectinload(Participation.unavailable))
            .order_by(Participation.id)
        )
    )


def event_file_document(session: Session, event: Event) -> dict[str, Any]:
    """The stored event and its interpreters as an event-file document (what export writes)."""
    return event_document(event, interpreters_of(session, event))


def save_interpreters(session: Session, event: Event, parsed: EventFile) -> int:
    """The file's interpreters as delegates with an interpreter's participation."""
    for person in parsed.interpreters:
        upserted = organization_service.upsert_delegate(
            session,
            organization_id=None,
            data=DelegateIn(
                ref=person.ref,
                names=LocalizedText.of(person.names, source=person.source_language),
                languages=person.languages,
                email=person.email,
                phone=person.phone,
                locale=person.locale,
            ),
        )
        delegate = session.get(Delegate, upserted.id)
        assert delegate is not None
        event_service.set_participation(
            session,
            event=event,
            delegate=delegate,
            data=ParticipationIn(role="interpreter", unavailable=person.unavailable),
        )
    return len(parsed.interpreters)


def event_organization(session: Session, event: Event, organization_id: int) -> Organization:
    """An organization that takes part in the event (one of its people has a participation);
    any other is 'not found', so an event's staff see nothing of other events' guests."""
    found = session.scalar(
        select(Organization)
        .join(Delegate, Delegate.organization_id == Organization.id)
        .join(Participation, Participation.delegate_id == Delegate.id)
        .where(Organization.id == organization_id, Participation.event_id == event.id)
        .limit(1)
    )
    if found is None:
        raise NotFound(N_("no organization %(key)s in this event"), key=organization_id)
    return found
