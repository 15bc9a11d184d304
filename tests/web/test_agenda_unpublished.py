"""A participant's agenda before the schedule is published: a draft is the organizers' to
change, so the PDF is refused with a sentence in the reader's language (no command to run)."""

from __future__ import annotations

import pytest

from keruen import boundary
from keruen.events import service as event_service
from keruen.events.queries import find_participation
from keruen.meetings import schedule_service, service

from .conftest import DEMO, WebSite

pytestmark = pytest.mark.integration


def test_no_agenda_from_a_draft_schedule(site: WebSite) -> None:
    with boundary.unit_of_work(site.settings) as session:
        event = event_service.get_event(session, DEMO)
        a = find_participation(session, event, "a.nurlanov@kz.example")
        b = find_participation(session, event, "wang.jianguo@cn.example")
        r = service.request_meeting(session, event=event, requester_id=a.id, target_id=b.id)
        service.accept_request(session, request_id=r.id, actor_id=b.id)
        draft = schedule_service.plan_event(session, event=event, seconds=2)
    assert draft.version >= 1  # a draft exists, not published
    browser = site.client()
    site.sign_in_person(browser, "wang.jianguo@cn.example")
    answer = browser.get(f"/me/{DEMO}/agenda.pdf", headers={"Accept-Language": "zh"})
    assert answer.status_code == 404
    assert "暂无会谈：日程尚未发布。" in answer.text and "keruen plan" not in answer.text
    assert not answer.content.startswith(b"%PDF")
