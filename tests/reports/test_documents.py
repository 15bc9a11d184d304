"""The leadership report: the headline numbers are in the PDF in Russian and Chinese, the
Summary sheet of the workbook holds the same figures as the queries, and each sheet lists the
items behind its figures (on SQLite and on PostgreSQL)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy.orm import Session

from keruen.demo.loader import load_demo
from keruen.events import service as event_service
from keruen.events.queries import find_participation
from keruen.investments import queries
from keruen.reports.documents import leadership_report
from tests.investments import builders as b

pytestmark = pytest.mark.integration
DEMO = "turkestan-bayingol-2027"
PEOPLE = ("a.nurlanov@kz.example", "g.seitkali@kz.example", "wang.jianguo@cn.example")


@pytest.fixture
def forum(session: Session):  # type: ignore[no-untyped-def]
    load_demo(session)
    event = event_service.get_event(session, DEMO)
    kz1, kz2, cn1 = (find_participation(session, event, key) for key in PEOPLE)
    keys = b.published_meetings(session, event, [(kz1, cn1), (kz2, cn1)])
    b.agreement(session, event, kz1, cn1, amount=20_000_000, currency="USD", meeting=keys[0])
    textile = b.project(session, "textile-cluster", names={"zh": "纺织产业集群", "ru": "Текстиль"})
    b.figure(session, textile, "capex_planned", 100_000_000_000, currency="KZT", rate="0.002")
    b.figure(session, textile, "jobs_permanent_planned", 1500)
    solar = b.project(session, "solar-kentau", isic="3510")
    b.figure(session, solar, "capex_planned", 230_000_000, currency="USD", as_of=date(2026, 1, 1))
    return event, {keys[0]: "held", keys[1]: "held"}


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_pdf_states_the_headline_in_russian_and_chinese(session: Session, forum) -> None:  # type: ignore[no-untyped-def]
    event, marks = forum
    russian = " ".join(text_of(leadership_report(session, "ru", event, marks).pdf()).split())
    assert "2 организации обеих сторон провели" in russian
    assert "2 встречи" in russian and "1 соглашение на сумму" in russian
    assert "в портфеле 2 проекта стоимостью 430 млн $" in russian
    assert "1 500 постоянных рабочих мест" in russian.replace("\u00a0", " ")
    chinese = "".join(text_of(leadership_report(session, "zh", event, marks).pdf()).split())
    assert "双方共2家机构举行了" in chinese and "2场会谈" in chinese
    assert "储备库中有2个项目" in chinese and "纺织产业集群" in chinese  # the annex names it


def test_the_workbook_summary_equals_the_queries(session: Session, forum) -> None:  # type: ignore[no-untyped-def]
    event, marks = forum
    report = leadership_report(session, "ru", event, marks)
    book = load_workbook(io.BytesIO(report.xlsx()))
    summary = book.worksheets[0]
    assert "провели" in summary["A2"].value
    values = {(row[0], row[1]): row[2] for row in summary.iter_rows(min_row=5, values_only=True)}
    pipeline = queries.pipeline_board(session, "ru")
    assert values[("Планируемые капиталовложения", None)] == pipeline["capex_planned"].value
    assert pipeline["capex_planned"].value == 430_000_000
    assert values[("Проведено встреч", None)] == 2
    # The sheet of a family lists the items behind each figure, with their sources.
    sheet = book["Портфель проектов"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    capex = [r for r in rows if r[0] == "Планируемые капиталовложения" and r[16] == "да"]
    assert sum(r[7] for r in capex) == 430_000_000
    assert {r[4] for r in capex} == {"textile-cluster", "solar-kentau"}
    assert any(r[9] == "KZT" and r[10] == "0.002" for r in capex)
