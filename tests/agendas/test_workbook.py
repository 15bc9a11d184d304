"""The organizer's Excel file: every sheet an organizer prints or passes on, in their language,
with frozen headers, filters and print titles."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from keruen.agendas.listings import organizer_workbook
from keruen.demo.loader import load_demo
from keruen.events import service as event_service
from keruen.events.queries import find_participation
from keruen.i18n import get_translations
from keruen.meetings import queries, schedule_service, service

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_the_organizer_workbook_has_every_sheet_ready_to_print(session: Session) -> None:
    load_demo(session)
    event = event_service.get_event(session, "turkestan-bayingol-2027")
    kazakh = find_participation(session, event, "a.nurlanov@kz.example")
    chinese = find_participation(session, event, "wang.jianguo@cn.example")
    request = service.request_meeting(
        session, event=event, requester_id=kazakh.id, target_id=chinese.id
    )
    service.accept_request(session, request_id=request.id, actor_id=chinese.id)
    declined = service.request_meeting(
        session,
        event=event,
        requester_id=kazakh.id,
        target_id=find_participation(session, event, "li.na@cn.example").id,
    )
    service.decline_request(session, request_id=declined.id, actor_id=declined.target_id)
    plan = schedule_service.plan_event(session, event=event, seconds=5)
    schedule_service.publish_schedule(session, event=event, version=plan.version)

    data = organizer_workbook(session, event, "ru", get_translations("ru").gettext)
    book = load_workbook(io.BytesIO(data))
    names = book.sheetnames
    assert names[:2] == ["Расписание", "Сетка"]
    meeting = queries.meeting_views(queries.find_schedule(session, event), event, "ru")[0]
    assert f"стол {meeting.table}" in names  # the table's own sheet
    assert any(n.startswith("Алина") or "Ким" in n for n in names)  # the interpreter's roster
    assert names[-3:] == ["Организации", "Делегаты", "Статистика запросов"]
    for ws in book.worksheets:
        assert ws.freeze_panes is not None, ws.title  # headers stay on screen
        assert ws.auto_filter.ref, ws.title  # filters on every column
        assert ws.print_title_rows, ws.title  # headers on every printed page
    schedule = book["Расписание"]
    cells = [str(c.value) for row in schedule.iter_rows() for c in row if c.value is not None]
    assert meeting.first_organization in cells and meeting.table in cells
    stats = book.worksheets[-1]
    header = [c.value for c in next(stats.iter_rows(min_row=1, max_row=1))]
    rows = {r[0]: r for r in stats.iter_rows(min_row=2, values_only=True)}
    kazakh_org = queries.organization_name(kazakh, "ru")
    assert rows[kazakh_org][header.index("отправлено")] == 2
