"""Calendars as clients see them: the feed parsed by a real iCalendar parser before and after a
meeting moves and after one is cancelled. The moved meeting keeps its UID with a higher SEQUENCE,
the cancelled one is STATUS:CANCELLED, and its start is one instant in Asia/Almaty (the event's
zone) and Asia/Shanghai (the Bayingol participant's own clock)."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen.agendas import calendar
from keruen.demo.loader import load_demo
from keruen.events import service as event_service
from keruen.events.queries import find_participation
from keruen.events.schemas import ParticipationIn, UnavailableIn
from keruen.meetings import schedule_service, service
from keruen.meetings.models import ScheduledMeeting

pytestmark = [pytest.mark.integration, pytest.mark.slow]
KAZAKH = "a.nurlanov@kz.example"
CHINESE = "wang.jianguo@cn.example"


def _feed(session: Session, delegate_id: int, locale: str) -> dict[str, dict[str, object]]:
    parsed = Calendar.from_ical(calendar.person_calendar(session, delegate_id, locale))
    zones = {str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")}
    out = {}
    for ve in parsed.walk("VEVENT"):
        start = ve.decoded("DTSTART")
        assert str(ve["DTSTART"].params["TZID"]) in zones  # every TZID has its VTIMEZONE
        out[str(ve["UID"])] = {
            "start": start,
            "sequence": int(ve.get("SEQUENCE", 0)),
            "status": str(ve.get("STATUS")),
            "summary": str(ve.get("SUMMARY")),
            "location": str(ve.get("LOCATION", "")),
            "tzid": str(ve["DTSTART"].params["TZID"]),
        }
    return out


def test_a_feed_updates_in_place_when_meetings_move_or_are_cancelled(session: Session) -> None:
    load_demo(session)
    event = event_service.get_event(session, "turkestan-bayingol-2027")
    kazakh = find_participation(session, event, KAZAKH)
    chinese = find_participation(session, event, CHINESE)
    others = [
        find_participation(session, event, key)
        for key in ("li.na@cn.example", "g.seitkali@kz.example")
    ]
    pairs = [(kazakh, chinese), (kazakh, others[0]), (others[1], chinese)]
    requests = []
    for a, b in pairs:
        r = service.request_meeting(session, event=event, requester_id=a.id, target_id=b.id)
        requests.append(service.accept_request(session, request_id=r.id, actor_id=b.id))
    first = schedule_service.plan_event(session, event=event, seconds=5)
    schedule_service.publish_schedule(session, event=event, version=first.version)

    before = _feed(session, chinese.delegate_id, "zh")
    uid = calendar.uid_of(event, f"r{requests[0].id}")
    assert uid in before and before[uid]["sequence"] == 0 and before[uid]["status"] == "CONFIRMED"
    assert before[uid]["tzid"] == "Asia/Almaty"
    meeting = session.scalar(
        select(ScheduledMeeting).where(
            ScheduledMeeting.schedule_id == first.schedule_id,
            ScheduledMeeting.request_id == requests[0].id,
        )
    )
    start = before[uid]["start"]
    assert start == meeting.starts_at  # the same instant …
    beijing = start.astimezone(ZoneInfo("Asia/Shanghai"))  # type: ignore[attr-defined]
    almaty = start.astimezone(ZoneInfo("Asia/Almaty"))  # type: ignore[attr-defined]
    assert beijing - almaty == timedelta(0) and beijing.hour - almaty.hour == 3  # … on 2 clocks
    assert str(before[uid]["summary"]).startswith("会谈：")  # in the reader's language
    assert _feed(session, chinese.delegate_id, "zh") == before  # reading twice changes nothing

    # The Kazakh participant cannot come on the day of that meeting: it moves.
    day = meeting.starts_at.astimezone(ZoneInfo(event.timezone)).date()
    event_service.set_participation(
        session,
        event=event,
        delegate=kazakh.delegate,
        data=ParticipationIn(
            role=kazakh.role, topics=list(kazakh.topics), unavailable=[UnavailableIn(day=day)]
        ),
    )
    # … and the third request is cancelled.
    service.cancel_request(session, request_id=requests[2].id, actor_id=others[1].id)
    second = schedule_service.plan_event(session, event=event, seconds=5)
    schedule_service.publish_schedule(session, event=event, version=second.version)

    after = _feed(session, chinese.delegate_id, "zh")
    assert set(before) <= set(after)  # nothing vanished: a calendar never keeps a ghost
    assert after[uid]["sequence"] == 1 and after[uid]["status"] == "CONFIRMED"
    assert after[uid]["start"] != before[uid]["start"]
    assert after[uid]["start"].date() != day  # type: ignore[attr-defined]
    gone = calendar.uid_of(event, f"r{requests[2].id}")
    assert after[gone]["status"] == "CANCELLED" and after[gone]["sequence"] == 1
    assert isinstance(day, date)


def test_the_feed_token_is_stable_until_renewed(session: Session) -> None:
    load_demo(session)
    event = event_service.get_event(session, "turkestan-bayingol-2027")
    person = find_participation(session, event, KAZAKH).delegate_id
    token = calendar.feed_token(session, person)
    assert calendar.feed_token(session, person) == token
    renewed = calendar.feed_token(session, person, renew=True)
    assert renewed != token
    assert calendar.delegate_of_feed(session, token) is None
    assert calendar.delegate_of_feed(session, renewed) == person
