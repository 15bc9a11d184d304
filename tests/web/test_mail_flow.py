"""Mail follows what people do, after it is committed, in each recipient's language: a request
sent and answered in the browser, an answer taken by phone, the schedule published (PDF and
calendar attached) and changed (only the people it concerns)."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select

from keruen import boundary
from keruen.events import service as event_service
from keruen.events.queries import find_participation
from keruen.jobs.models import Job
from keruen.meetings import schedule_service

from .conftest import DEMO, ORGANIZER, WebSite

pytestmark = [pytest.mark.integration, pytest.mark.slow]
KAZAKH = "g.seitkali@kz.example"
CHINESE = "li.na@cn.example"


def _mails(site: WebSite) -> list[EmailMessage]:
    out = []
    for path in sorted((site.settings.data_dir / "outbox").glob("*.eml")):
        out.append(email.message_from_bytes(path.read_bytes(), policy=email.policy.default))
    return out


def _pid(site: WebSite, who: str) -> int:
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        event = event_service.get_event(session, DEMO)
        return find_participation(session, event, who).id


def test_mail_follows_requests_answers_and_the_schedule(site: WebSite) -> None:
    outbox: Path = site.settings.data_dir / "outbox"
    before = len(list(outbox.glob("*.eml"))) if outbox.exists() else 0
    kazakh, chinese = site.client(), site.client()
    site.sign_in_person(kazakh, KAZAKH)
    site.sign_in_person(chinese, CHINESE)
    k_token = site.csrf(kazakh)
    sent = kazakh.post(
        f"/api/v1/me/events/{DEMO}/requests",
        json={"target": _pid(site, CHINESE), "message": "Добрый день"},
        headers={"X-CSRF-Token": k_token},
    )
    assert sent.status_code == 201, sent.text
    mails = _mails(site)[before:]
    assert [m["To"] for m in mails] == [CHINESE]
    assert mails[0]["Content-Language"] == "zh" and "会谈请求" in mails[0]["Subject"]

    # A refused action sends nothing: the job is queued only when the change commits.
    again = kazakh.post(
        f"/api/v1/me/events/{DEMO}/requests",
        json={"target": _pid(site, CHINESE)},
        headers={"X-CSRF-Token": k_token},
    )
    assert again.status_code == 409
    assert len(_mails(site)) == before + 1

    accepted = chinese.post(
        f"/api/v1/me/events/{DEMO}/requests/{sent.json()['id']}/accept",
        headers={"X-CSRF-Token": site.csrf(chinese)},
    )
    assert accepted.status_code == 200
    answer = _mails(site)[-1]
    assert answer["To"] == KAZAKH and answer["Content-Language"] == "ru"

    # The organizer publishes: everyone with a meeting gets the agenda (PDF and .ics).
    organizer = site.client()
    site.sign_in_organizer(organizer, *ORGANIZER)
    with boundary.unit_of_work(site.settings) as session:
        plan = schedule_service.plan_event(
            session, event=event_service.get_event(session, DEMO), seconds=5
        )
    published = organizer.post(
        f"/api/v1/o/{DEMO}/schedule/versions/{plan.version}/publish",
        headers={"X-CSRF-Token": site.csrf(organizer, "/o")},
    )
    assert published.status_code == 200, published.text
    agendas = {
        m["To"]: m for m in _mails(site) if any(p.get_filename() == "agenda.pdf" for p in m.walk())
    }
    assert {KAZAKH, CHINESE} <= set(agendas)
    files = {p.get_filename() for p in agendas[CHINESE].walk() if p.get_filename()}
    assert files == {"agenda.pdf", "agenda.ics"}
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        jobs = session.scalars(select(Job).where(Job.kind == "notify")).all()
        assert jobs and all(j.state == "done" for j in jobs)


def test_a_late_cancellation_is_rescheduled_and_told_to_those_it_concerns(
    site: WebSite,
) -> None:
    """After the test above published a schedule: the Kazakh participant cancels the meeting;
    a new version is planned from the published one and published, and only the people whose
    agenda changed are mailed; the cancelled meeting leaves both calendars."""
    from keruen.agendas import calendar
    from keruen.meetings.planning import published_schedule

    with boundary.unit_of_work(site.settings, read_only=True) as session:
        event = event_service.get_event(session, DEMO)
        before = published_schedule(session, event).version
        mine = find_participation(session, event, KAZAKH).id
        request_id = next(
            m.request_id
            for m in published_schedule(session, event).meetings
            if mine in (m.first_id, m.second_id) and m.request_id
        )
    with boundary.unit_of_work(site.settings) as session:  # the forum has other meetings too
        from keruen.meetings import service

        event = event_service.get_event(session, DEMO)
        a = find_participation(session, event, "a.nurlanov@kz.example")
        b = find_participation(session, event, "wang.jianguo@cn.example")
        other = service.request_meeting(session, event=event, requester_id=a.id, target_id=b.id)
        service.accept_request(session, request_id=other.id, actor_id=b.id)
    count = len(_mails(site))
    kazakh = site.client()
    site.sign_in_person(kazakh, KAZAKH)
    cancelled = kazakh.post(
        f"/api/v1/me/events/{DEMO}/requests/{request_id}/cancel",
        headers={"X-CSRF-Token": site.csrf(kazakh)},
    )
    assert cancelled.status_code == 200, cancelled.text
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        event = event_service.get_event(session, DEMO)
        now = published_schedule(session, event)
        jobs = session.scalars(select(Job).where(Job.kind == "plan")).all()
        assert now.version > before, [(j.state, j.error, j.params) for j in jobs]
        assert all(m.request_id != request_id for m in now.meetings)
        entry = session.scalar(
            select(calendar.CalendarEntry).where(
                calendar.CalendarEntry.uid == calendar.uid_of(event, f"r{request_id}")
            )
        )
        assert entry.status == calendar.CANCELLED
    told = {m["To"] for m in _mails(site)[count:]}
    assert {KAZAKH, CHINESE} <= told
    assert len(told) < 10  # not the whole forum


def test_reminders_go_the_day_before(site: WebSite) -> None:
    from datetime import timedelta

    from keruen.jobs import notify
    from keruen.meetings.planning import published_schedule

    with boundary.unit_of_work(site.settings, read_only=True) as session:
        event = event_service.get_event(session, DEMO)
        first = min(m.starts_at for m in published_schedule(session, event).meetings)
    count = len(_mails(site))
    done = notify.remind(site.settings, DEMO, now=first - timedelta(hours=20))
    new = _mails(site)[count:]
    assert done["sent"] == len(new) > 0
    assert all(m["Content-Language"] in ("ru", "kk", "zh", "en") for m in new)
    assert notify.remind(site.settings, DEMO, now=first - timedelta(days=3))["sent"] == 0


def test_every_agenda_printed_as_a_job(site: WebSite) -> None:
    organizer = site.client()
    site.sign_in_organizer(organizer, *ORGANIZER)
    token = site.csrf(organizer, "/o")
    started = organizer.post(f"/o/{DEMO}/documents/agendas", data={"csrf_token": token})
    assert started.status_code == 200
    link = __import__("re").search(rf"/o/{DEMO}/documents/agendas/\d+\.pdf", started.text)
    assert link, "the finished job offers its PDF"
    pdf = organizer.get(link.group(0))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    stranger = site.client()
    from .conftest import STRANGER

    site.sign_in_organizer(stranger, *STRANGER)
    assert stranger.get(link.group(0)).status_code == 404
