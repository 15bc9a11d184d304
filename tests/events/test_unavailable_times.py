"""Unavailable times are the event's local days: a day typed as 14 April is 14 April in the
event's zone, in what is stored and in every message, whether the event is in Almaty (UTC+5) or
Bayingol on Beijing time (UTC+8)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from keruen.core.errors import DomainError
from keruen.core.text import LocalizedText
from keruen.events import service as event_service
from keruen.events.schemas import EventIn, ParticipationIn
from keruen.i18n import get_translations
from keruen.organizations import service as organization_service
from keruen.organizations.models import Delegate
from keruen.organizations.schemas import DelegateIn

pytestmark = pytest.mark.integration


def _event(session, slug: str, zone: str):
    return event_service.upsert_event(
        session,
        data=EventIn(
            slug=slug,
            names=LocalizedText.of({"en": slug}),
            timezone=zone,
            days=[date(2027, 4, 14), date(2027, 4, 15)],
        ),
    )


def _person(session, ref: str) -> Delegate:
    found = organization_service.upsert_delegate(
        session,
        organization_id=None,
        data=DelegateIn(ref=ref, names=LocalizedText.of({"en": ref}), locale="en"),
    )
    delegate = session.get(Delegate, found.id)
    assert delegate is not None
    return delegate


def _refused(session, event, delegate, **unavailable) -> DomainError:
    with pytest.raises(DomainError) as caught:
        event_service.set_participation(
            session,
            event=event,
            delegate=delegate,
            data=ParticipationIn(unavailable=[unavailable]),
        )
    return caught.value


@pytest.mark.parametrize(
    ("zone", "first_utc"),
    [
        ("Asia/Almaty", datetime(2027, 4, 13, 19, tzinfo=UTC)),
        ("Asia/Shanghai", datetime(2027, 4, 13, 16, tzinfo=UTC)),
    ],
)
def test_a_day_outside_the_event_is_named_as_typed_in_the_events_zone(session, zone, first_utc):
    event = _event(session, f"days-{zone.split('/')[1].lower()}", zone)
    person = _person(session, f"guest-{zone}")
    # The first day of the event starts the evening before in UTC: it is accepted as typed.
    stored = event_service.set_participation(
        session,
        event=event,
        delegate=person,
        data=ParticipationIn(unavailable=[{"day": "2027-04-14"}]),
    )
    assert [u.starts_at for u in stored.unavailable] == [first_utc]

    before = _refused(session, event, person, day="2027-04-13")
    assert before.params["day"] == "2027-04-13"
    assert "2027-04-13" in before.render() and "2027-04-12" not in before.render()
    assert "2027-04-14" in before.render() and zone in before.render()
    after = _refused(session, event, person, day="2027-04-16")
    assert after.params["day"] == "2027-04-16"
    hours = _refused(session, event, person, day="2027-04-16", start="09:00", end="12:00")
    assert hours.params["day"] == "2027-04-16 09:00–12:00"
    ru = hours.render(get_translations("ru"))
    assert "2027-04-16 09:00–12:00" in ru and ru != hours.render()


def test_the_last_evening_of_an_event_on_beijing_time_is_within_it(session):
    # 15 April 23:00 in Shanghai is 15:00 UTC: within the event, whatever the UTC date says.
    event = _event(session, "late-evening", "Asia/Shanghai")
    person = _person(session, "late-guest")
    stored = event_service.set_participation(
        session,
        event=event,
        delegate=person,
        data=ParticipationIn(unavailable=[{"day": "2027-04-15", "start": "23:00", "end": "23:30"}]),
    )
    assert [(u.starts_at, u.ends_at) for u in stored.unavailable] == [
        (datetime(2027, 4, 15, 15, tzinfo=UTC), datetime(2027, 4, 15, 15, 30, tzinfo=UTC))
    ]
