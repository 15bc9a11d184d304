"""What the organizer's web pages share with the CLI: saving an event file (create must not
overwrite, update must exist), phone answers on someone's behalf, requests from suggestions,
and an event's own requests and organizations (another event's are 'not found')."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from keruen.core.errors import Conflict, NotFound, PermissionDenied
from keruen.demo.loader import load_demo
from keruen.events import editing
from keruen.events import service as event_service
from keruen.events.files import parse_event_file
from keruen.meetings import service
from keruen.meetings.suggestions import requests_from_suggestions
from tests.cli.test_organizer_journey import forum_document
from tests.factories import make_event

pytestmark = pytest.mark.integration


def test_an_event_file_is_created_once_and_updated_after(session: Session) -> None:
    document = forum_document()
    parsed, data = parse_event_file(document)
    with pytest.raises(NotFound):
        service.save_event_file(session, parsed=parsed, data=data, must_exist=True)
    created = service.save_event_file(session, parsed=parsed, data=data, must_exist=False)
    assert created.created
    with pytest.raises(Conflict, match="exists already"):
        service.save_event_file(session, parsed=parsed, data=data, must_exist=False)
    again = service.save_event_file(session, parsed=parsed, data=data, must_exist=True)
    assert not again.created
    exported = editing.event_file_document(session, created.event)
    assert [p["ref"] for p in exported["interpreters"]] == [
        p["ref"] for p in document["interpreters"]
    ]
    assert parse_event_file(exported)[1] == data  # export → the same event


def test_a_phone_answer_is_checked_as_if_the_person_gave_it(session: Session) -> None:
    event, (a, b, *_rest) = make_event(session)
    other, (c, d, *_more) = make_event(session, "other-forum")
    request = service.request_meeting(session, event=event, requester_id=a.id, target_id=b.id)
    with pytest.raises(NotFound):  # a request of another event
        service.answer_for(
            session, event=other, request_id=request.id, decision="accept", on_behalf_of="target"
        )
    with pytest.raises(PermissionDenied):  # the one who asked cannot accept
        service.answer_for(
            session, event=event, request_id=request.id, decision="accept", on_behalf_of="requester"
        )
    done = service.answer_for(
        session, event=event, request_id=request.id, decision="accept", on_behalf_of="target"
    )
    assert done.status == "accepted"
    cancelled = service.answer_for(
        session, event=event, request_id=request.id, decision="cancel", on_behalf_of="requester"
    )
    assert cancelled.status == "cancelled"
    assert c.event_id == d.event_id == other.id


def test_requests_from_suggestions_skip_pairs_already_asked(session: Session) -> None:
    load_demo(session)
    event = event_service.get_event(session, "turkestan-bayingol-2027")
    sent, _skipped = requests_from_suggestions(session, event, top=2)
    assert sent > 0
    again_sent, again_skipped = requests_from_suggestions(session, event, top=2)
    assert again_sent == 0
    assert again_skipped >= sent


def test_an_organization_of_another_event_is_not_found(session: Session) -> None:
    event, (a, *_rest) = make_event(session)
    _other, (c, *_more) = make_event(session, "other-forum")
    org = a.delegate.organization
    assert editing.event_organization(session, event, org.id) is org
    with pytest.raises(NotFound):
        editing.event_organization(session, event, c.delegate.organization.id)
