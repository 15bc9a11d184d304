"""Agendas people carry, from the browser: the PDF and calendar downloads, the personal feed a
calendar app polls (it follows a moved meeting), the organizer's kit and Excel file, and the
check-in page a scanned agenda QR code opens. Who may fetch what is checked for every route."""

from __future__ import annotations

import io
import re
from datetime import datetime

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from sqlalchemy import select

from keruen import boundary
from keruen.agendas import onsite
from keruen.events import service as event_service
from keruen.events.models import Participation
from keruen.events.queries import find_participation
from keruen.meetings import schedule_service, service

from .conftest import DEMO, ORGANIZER, STRANGER, WebSite, csrf_of

pytestmark = pytest.mark.integration
KAZAKH = "a.nurlanov@kz.example"
CHINESE = "wang.jianguo@cn.example"


@pytest.fixture(scope="module")
def published(site: WebSite) -> dict[str, object]:
    with boundary.unit_of_work(site.settings) as session:
        event = event_service.get_event(session, DEMO)
        a = find_participation(session, event, KAZAKH)
        b = find_participation(session, event, CHINESE)
        r = service.request_meeting(session, event=event, requester_id=a.id, target_id=b.id)
        service.accept_request(session, request_id=r.id, actor_id=b.id)
        plan = schedule_service.plan_event(session, event=event, seconds=5)
        schedule_service.publish_schedule(session, event=event, version=plan.version)
        code = onsite.checkin_code(session, a)
        interpreter = session.scalar(
            select(Participation.id).where(
                Participation.event_id == event.id, Participation.role == "interpreter"
            )
        )
        return {"request": r.id, "code": code, "kazakh": a.id, "interpreter": interpreter}


def test_a_participant_downloads_the_agenda_and_subscribes_to_the_calendar(
    site: WebSite, published: dict[str, object]
) -> None:
    browser = site.client()
    site.sign_in_person(browser, CHINESE)
    # the agenda page leads to the PDF, the calendar file and the calendar subscription
    agenda = browser.get(f"/me/{DEMO}/agenda", headers={"Accept-Language": "zh"})
    for link in (f"/me/{DEMO}/agenda.pdf", f"/me/{DEMO}/agenda.ics", "/me/calendar"):
        assert f'href="{link}"' in agenda.text
    assert "我的日程（PDF）" in agenda.text
    pdf = browser.get(f"/me/{DEMO}/agenda.pdf", headers={"Accept-Language": "zh"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    ics = browser.get(f"/me/{DEMO}/agenda.ics")
    events = list(Calendar.from_ical(ics.content).walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [f"r{published['request']}.{DEMO}@keruen"]

    page = browser.get("/me/calendar")
    feed = re.search(r"https?://[^<\"]+/cal/[^<\"]+\.ics", page.text).group(0)
    path = feed.split("://", 1)[1].split("/", 1)[1]
    anonymous = site.client().get("/" + path)  # a calendar app has no session: the token is all
    assert anonymous.status_code == 200 and b"BEGIN:VEVENT" in anonymous.content
    assert "webcal://" in page.text

    renew = browser.post("/me/calendar/renew", data={"csrf_token": csrf_of(page.text)})
    assert renew.status_code == 200
    assert site.client().get("/" + path).status_code == 404  # the old address stops working


def test_the_organizers_kit(site: WebSite, published: dict[str, object]) -> None:
    browser = site.client()
    site.sign_in_organizer(browser, *ORGANIZER)
    page = browser.get(f"/o/{DEMO}/documents", headers={"Accept-Language": "ru"})
    assert page.status_code == 200 and "workbook.xlsx" in page.text
    book = load_workbook(io.BytesIO(browser.get(f"/o/{DEMO}/documents/workbook.xlsx").content))
    assert len(book.sheetnames) >= 5
    for name in ("signs", "grid", f"roster-{published['interpreter']}"):
        answer = browser.get(f"/o/{DEMO}/documents/{name}.pdf")
        assert answer.status_code == 200 and answer.content.startswith(b"%PDF"), name
    assert browser.get(f"/o/{DEMO}/documents/nothing.pdf").status_code == 404


def test_check_in_by_the_agenda_qr_code(site: WebSite, published: dict[str, object]) -> None:
    url = f"/checkin/{DEMO}/{published['code']}"
    person = site.client()
    site.sign_in_person(person, KAZAKH)
    own = person.get(url, follow_redirects=False)
    assert own.status_code == 303 and own.headers["location"].endswith("/agenda")

    organizer = site.client()
    site.sign_in_organizer(organizer, *ORGANIZER)
    page = organizer.get(url, headers={"Accept-Language": "kk"})
    assert page.status_code == 200
    token = csrf_of(page.text)
    organizer.post(url, data={"csrf_token": token})
    key = f"r{published['request']}"
    organizer.post(url + "/mark", data={"csrf_token": token, "key": key, "status": "held"})
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        event = event_service.get_event(session, DEMO)
        assert onsite.checked_in(session, int(published["kazakh"])) is not None  # type: ignore[call-overload]
        assert onsite.marks(session, event)[key].status == "held"
    forged = organizer.get(f"/checkin/{DEMO}/{published['kazakh']}-000000000000")
    assert forged.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        f"/o/{DEMO}/documents",
        f"/o/{DEMO}/documents/workbook.xlsx",
        f"/o/{DEMO}/documents/signs.pdf",
        f"/o/{DEMO}/documents/grid.pdf",
    ],
)
def test_only_the_events_organizers_get_the_kit(
    site: WebSite, published: dict[str, object], path: str
) -> None:
    assert site.client().get(path, follow_redirects=False).status_code in (303, 401)
    stranger = site.client()
    site.sign_in_organizer(stranger, *STRANGER)
    refused = stranger.get(path)
    assert refused.status_code == 404 and b"PDF" not in refused.content[:10]
    participant = site.client()
    site.sign_in_person(participant, KAZAKH)
    assert participant.get(path).status_code in (403, 404)


def test_nobody_else_gets_a_persons_agenda(site: WebSite, published: dict[str, object]) -> None:
    assert site.client().get(f"/me/{DEMO}/agenda.pdf", follow_redirects=False).status_code in (
        303,
        401,
    )
    organizer = site.client()
    site.sign_in_organizer(organizer, *ORGANIZER)
    assert organizer.get(f"/me/{DEMO}/agenda.ics").status_code in (403, 404)
    assert site.client().get("/cal/not-a-token.ics").status_code == 404
    checkin = f"/checkin/{DEMO}/{published['code']}"
    other = site.client()
    site.sign_in_person(other, CHINESE)  # another participant scanning someone's code
    answer = other.get(checkin, follow_redirects=False)
    assert answer.status_code == 303 and "/sign-in" in answer.headers["location"]
    assert other.post(checkin, data={"csrf_token": site.csrf(other)}).status_code in (403, 404)


def test_a_subscribed_calendar_follows_a_meeting_the_organizer_moves(
    site: WebSite, published: dict[str, object]
) -> None:
    """The journey of issue 12's done-when: subscribed once, the calendar shows the meeting
    where the organizer moved it — the same UID, a higher SEQUENCE — and nothing twice."""
    person = site.client()
    site.sign_in_person(person, KAZAKH)
    page = person.get("/me/calendar")
    feed = "/" + re.search(r"/cal/[^<\"]+\.ics", page.text).group(0).lstrip("/")
    uid = f"r{published['request']}.{DEMO}@keruen"

    def seen() -> dict[str, object]:
        events = list(Calendar.from_ical(site.client().get(feed).content).walk("VEVENT"))
        mine = [e for e in events if str(e["UID"]) == uid]
        assert len(mine) == 1  # never a duplicate
        return {"start": mine[0].decoded("DTSTART"), "sequence": int(mine[0]["SEQUENCE"])}

    before = seen()
    organizer = site.client()
    site.sign_in_organizer(organizer, *ORGANIZER)
    token = site.csrf(organizer, "/o")
    with boundary.unit_of_work(site.settings) as session:
        draft = schedule_service.plan_event(
            session, event=event_service.get_event(session, DEMO), seconds=5
        )
    version = organizer.get(f"/api/v1/o/{DEMO}/schedule/versions/{draft.version}").json()
    meeting = next(m for m in version["meetings"] if m["request_id"] == published["request"])
    taken = {(m["slot"], m["table"]) for m in version["meetings"]}
    moved = None
    for slot in version["slots"]:
        if slot["id"] == meeting["slot"] or (slot["id"], meeting["table"]) in taken:
            continue
        answer = organizer.post(
            f"/api/v1/o/{DEMO}/schedule/versions/{draft.version}/move",
            json={"meeting_id": meeting["id"], "slot": slot["id"], "table": meeting["table"]},
            headers={"X-CSRF-Token": token},
        )
        if answer.status_code == 200:
            moved = slot
            break
    assert moved is not None, "no free slot to move the meeting to"
    published_now = organizer.post(
        f"/api/v1/o/{DEMO}/schedule/versions/{draft.version}/publish",
        headers={"X-CSRF-Token": token},
    )
    assert published_now.status_code == 200
    after = seen()
    assert after["sequence"] == before["sequence"] + 1
    assert after["start"] != before["start"]
    moved_to = datetime.fromisoformat(str(moved["starts_at"]))
    assert after["start"].timestamp() == moved_to.timestamp()  # type: ignore[attr-defined]
