"""Printed agendas as a reader holds them: every character drawn (Russian, the Kazakh letters
ә ғ қ ң ө ұ ү һ і, Chinese), no text running out of its box, the reader's language and both
clocks; the pages are rendered to PNG in artifacts/documents/ for a person to look at."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from keruen.agendas.documents import agenda_document, missing_glyphs, overflowing_text
from keruen.core.text import LocalizedText
from keruen.demo.loader import load_demo
from keruen.events import service as event_service
from keruen.events.queries import find_participation
from keruen.meetings import schedule_service, service

pytestmark = [pytest.mark.integration, pytest.mark.slow]
# One folder per database: `make test` runs the SQLite and PostgreSQL runs at once.
ARTIFACTS = (
    Path(__file__).resolve().parents[2]
    / "artifacts"
    / "documents"
    / ("postgresql" if os.environ.get("KERUEN_TEST_DATABASE_URL") else "sqlite")
)
KAZAKH_LETTERS = "әғқңөұүһі"


@pytest.fixture
def forum(session: Session):  # type: ignore[no-untyped-def]
    load_demo(session)
    event = event_service.get_event(session, "turkestan-bayingol-2027")
    kazakh = find_participation(session, event, "a.nurlanov@kz.example")
    chinese = find_participation(session, event, "wang.jianguo@cn.example")
    other = find_participation(session, event, "li.na@cn.example")
    # A name with every Kazakh letter, in both cases
    kazakh.delegate.names = LocalizedText.of(
        {"kk": "Әсет Ғалымұлы Қоңыров Өтеүлі Һидаятұлы Ің", "ru": "Асет Галымулы Коныров"},
        source="kk",
    )
    for a, b in ((kazakh, chinese), (kazakh, other)):
        r = service.request_meeting(session, event=event, requester_id=a.id, target_id=b.id)
        service.accept_request(session, request_id=r.id, actor_id=b.id)
    plan = schedule_service.plan_event(session, event=event, seconds=5)
    schedule_service.publish_schedule(session, event=event, version=plan.version)
    return event, kazakh, chinese


def _look(pdf: bytes, name: str) -> None:
    """Keep the PDF and its pages as PNG for review (when poppler's pdftoppm is installed)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(pdf)
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", str(path), str(ARTIFACTS / name)], check=True
        )


@pytest.mark.parametrize(
    ("who", "locale", "words"),
    [
        ("kazakh", "kk", ("Кездесулерім", "Үстел")),
        ("kazakh", "ru", ("Мои встречи", "Стол")),
        ("chinese", "zh", ("我的会谈", "桌")),
        ("chinese", "en", ("My meetings", "Table")),
    ],
)
def test_an_agenda_is_printable_in_the_readers_language(forum, who, locale, words) -> None:  # type: ignore[no-untyped-def]
    event, kazakh, chinese = forum
    person = kazakh if who == "kazakh" else chinese
    url = "https://forum.example.kz/me/turkestan-bayingol-2027/agenda"
    rendered = agenda_document(Session.object_session(event), event, person, locale, online_url=url)
    assert f'<html lang="{locale}">' in rendered.html
    assert all(word in rendered.html for word in words)
    assert missing_glyphs(rendered.html) == ""
    assert overflowing_text(rendered) == []
    if who == "kazakh" and locale == "kk":
        assert all(letter in rendered.html.lower() for letter in KAZAKH_LETTERS)
    if who == "chinese":  # their own clock (Beijing time) beside the event's
        assert "UTC+8" in rendered.html and "UTC+5" in rendered.html
    pdf = rendered.pdf()
    assert pdf.startswith(b"%PDF")
    _look(pdf, f"agenda-{who}-{locale}")


def test_the_checks_see_a_missing_glyph_and_an_overflow() -> None:
    from keruen.agendas.documents import Rendered

    assert missing_glyphs("Привет 你好 " + KAZAKH_LETTERS) == ""
    assert missing_glyphs("\U0001d11e") == "\U0001d11e"  # a musical G clef: in neither font
    wide = Rendered(
        '<html lang="en"><body><div style="width: 20mm; white-space: nowrap">'
        "a line far too long for its twenty millimetres</div></body></html>",
        "en",
    )
    assert overflowing_text(wide) != []


@pytest.mark.parametrize("locale", ["kk", "zh"])
def test_the_organizers_printed_kit(forum, locale) -> None:  # type: ignore[no-untyped-def]
    """Table signs, the full grid and each interpreter's roster: every glyph drawn, nothing
    overflowing, the meetings of the schedule on them."""
    from keruen.agendas.documents import grid_document, roster_document, table_signs_document
    from keruen.meetings import queries

    event, _kazakh, _chinese = forum
    session = Session.object_session(event)
    schedule = queries.find_schedule(session, event)
    meetings = queries.meeting_views(schedule, event, locale)
    interpreter = next(m.interpreter_id for m in meetings if m.interpreter_id)
    interpreting = [m for m in meetings if m.interpreter_id == interpreter]
    from keruen.events.models import Participation

    documents = {
        "signs": table_signs_document(session, event, locale),
        "grid": grid_document(session, event, locale),
        "roster": roster_document(session, event, session.get(Participation, interpreter), locale),
    }
    for name, rendered in documents.items():
        assert missing_glyphs(rendered.html) == "", name
        assert overflowing_text(rendered) == [], name
        for meeting in interpreting:  # every meeting is on the signs, the grid and the roster
            assert meeting.table in rendered.html, name
        _look(rendered.pdf(), f"{name}-{locale}")
    signs = documents["signs"].html
    assert signs.count('class="sign"') >= len({m.table for m in meetings})
