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
