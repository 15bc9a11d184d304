"""All agendas of an event in one printable PDF: one person after another, each in their own
language, from chunks rendered by a pool of processes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from keruen import boundary
from keruen.agendas import batch
from keruen.config import Settings
from keruen.demo.loader import load_demo
from keruen.events import service as event_service
from keruen.events.queries import find_participation
from keruen.meetings import schedule_service, service

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_every_agenda_in_one_pdf_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(data_dir=tmp_path)
    with boundary.unit_of_work(settings) as session:
        load_demo(session)
        event = event_service.get_event(session, "turkestan-bayingol-2027")
        a = find_participation(session, event, "a.nurlanov@kz.example")
        b = find_participation(session, event, "wang.jianguo@cn.example")
        r = service.request_meeting(session, event=event, requester_id=a.id, target_id=b.id)
        service.accept_request(session, request_id=r.id, actor_id=b.id)
        plan = schedule_service.plan_event(session, event=event, seconds=5)
        schedule_service.publish_schedule(session, event=event, version=plan.version)
    people = batch._people(settings, "turkestan-bayingol-2027", ("participant", "official"))
    monkeypatch.setattr(batch, "CHUNK", 7)  # several chunks, so the join and order are tested
    seen: list[tuple[int, int]] = []
    pdf = batch.print_all_agendas(
        settings, "turkestan-bayingol-2027", workers=2, progress=lambda d, t: seen.append((d, t))
    )
    reader = PdfReader(io.BytesIO(pdf))
    texts = [page.extract_text() for page in reader.pages]
    assert len(texts) >= len(people)
    assert seen[0] == (0, len(people)) and seen[-1] == (len(people), len(people))
    whole = "\n".join(texts)
    assert "Нурланов" in whole or "Нұрланов" in whole  # the Kazakh participant's own page …
    assert "王建国" in whole  # … and the Chinese participant's, in their languages
    assert whole.index("Нұрланов" if "Нұрланов" in whole else "Нурланов") < whole.index("王建国")
