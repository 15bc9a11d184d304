"""Event files: validated with messages that name the key (YAML) or the cell (Excel), the
Excel sheets and the YAML describe the same event, and the published JSON Schema is current."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from keruen.core.errors import InputRejected
from keruen.events.files import event_file_schema, parse_event_file, read_event_file, to_workbook
from tests.cli.test_organizer_journey import forum_document

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


def problems(error: InputRejected) -> list[tuple[str | None, int | None, str | None, str]]:
    return [(p.sheet, p.row, p.column, p.render()) for p in error.problems]


def test_yaml_and_excel_describe_the_same_event(tmp_path: Path) -> None:
    doc = forum_document()
    (tmp_path / "f.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    (tmp_path / "f.xlsx").write_bytes(to_workbook(doc))
    _, from_yaml = read_event_file(tmp_path / "f.yaml")
    parsed, from_xlsx = read_event_file(tmp_path / "f.xlsx")
    assert from_xlsx == from_yaml
    assert [p.languages for p in parsed.interpreters] == [["ru", "zh"], ["kk", "zh"]]
    assert from_xlsx.sessions[0].key == "d1"


def test_a_wrong_value_is_named_by_its_key() -> None:
    doc = forum_document()
    doc["event"]["timezone"] = "Asia/Almaty+5"
    doc["event"]["sessions"][1]["start"] = "25:00"
    with pytest.raises(InputRejected) as caught:
        parse_event_file(doc)
    keys = [column for _, _, column, _ in problems(caught.value)]
    assert "event.sessions[1].start" in keys
    assert (
        any("timezone" in text for *_, text in problems(caught.value)) or "event.timezone" in keys
    )


def test_a_slug_that_names_a_page_of_its_own_is_refused() -> None:
    """/o/pipeline is the investment pipeline: an event called "pipeline" could not be reached."""
    doc = forum_document()
    doc["event"]["slug"] = "pipeline"
    with pytest.raises(InputRejected) as caught:
        parse_event_file(doc)
    assert problems(caught.value) == [
        (
            None,
            None,
            "event.slug",
            "event.slug: pipeline names a page of its own; choose another slug",
        )
    ]


def test_an_unknown_key_is_named() -> None:
    doc = forum_document()
    doc["event"]["hals"] = []
    with pytest.raises(InputRejected) as caught:
        parse_event_file(doc)
    assert problems(caught.value)[0][2] == "event.hals"


def test_a_repeated_session_code_is_refused() -> None:
    doc = forum_document()
    doc["event"]["sessions"][1]["code"] = "d1"
    with pytest.raises(InputRejected) as caught:
        parse_event_file(doc)
    assert "d1" in problems(caught.value)[0][3]


def test_a_bad_cell_in_the_sessions_sheet_is_named_by_sheet_row_and_column(tmp_path: Path) -> None:
    wb = load_workbook(io.BytesIO(to_workbook(forum_document())))
    wb["Sessions"]["G3"] = "11.00 to 11.15"
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    with pytest.raises(InputRejected) as caught:
        read_event_file(path)
    sheet, row, column, text = problems(caught.value)[0]
    assert (sheet, row, column) == ("Sessions", 3, "pauses")
    assert "11:20-11:40" in text


def test_not_an_event_file(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(InputRejected):
        read_event_file(path)
    path = tmp_path / "x.yaml"
    path.write_text("organizations: []", encoding="utf-8")
    with pytest.raises(InputRejected) as caught:
        read_event_file(path)
    assert "event" in problems(caught.value)[0][3]


def test_the_published_schema_is_the_one_the_code_checks() -> None:
    stored = json.loads((ROOT / "docs" / "event-file.schema.json").read_text(encoding="utf-8"))
    assert stored == event_file_schema()


def test_the_demo_forum_is_a_valid_event_file() -> None:
    spec = yaml.safe_load((ROOT / "src/keruen/demo/forum.yaml").read_text(encoding="utf-8"))
    parsed, event = parse_event_file(spec)
    assert event.slug == "turkestan-bayingol-2027"
    assert len(parsed.interpreters) == 7


def _workbook_with(tmp_path: Path, change) -> Path:
    wb = load_workbook(io.BytesIO(to_workbook(forum_document())))
    change(wb)
    path = tmp_path / "event.xlsx"
    wb.save(path)
    return path


def test_an_interpreters_day_outside_the_event_is_named_by_sheet_row_and_column(
    tmp_path: Path,
) -> None:
    # Row 3 of Interpreters is the second interpreter; the event is 12–13 May in Almaty.
    path = _workbook_with(tmp_path, lambda wb: wb["Interpreters"].__setitem__("F3", "2027-05-14"))
    with pytest.raises(InputRejected) as caught:
        read_event_file(path)
    ((sheet, row, column, text),) = problems(caught.value)
    assert (sheet, row, column) == ("Interpreters", 3, "unavailable")
    assert "2027-05-14" in text and "2027-05-12" in text and "2027-05-13" in text
    # The same in YAML is named by its key.
    doc = forum_document()
    doc["interpreters"][1]["unavailable"] = [{"day": "2027-05-11"}]
    with pytest.raises(InputRejected) as caught:
        parse_event_file(doc)
    assert [p[2] for p in problems(caught.value)] == ["interpreters[1].unavailable[0]"]


def test_interpreters_hours_that_are_not_hours_are_refused_before_saving(tmp_path: Path) -> None:
    doc = forum_document()
    doc["interpreters"][0]["unavailable"] = [
        {"day": "2027-05-13", "start": "25:00", "end": "26:00"},
        {"day": "2027-05-13", "start": "11:00", "end": "10:00"},
    ]
    with pytest.raises(InputRejected) as caught:
        parse_event_file(doc)
    assert [(p[2], "HH:MM" in p[3], "ends before" in p[3]) for p in problems(caught.value)] == [
        ("interpreters[0].unavailable[0]", True, False),
        ("interpreters[0].unavailable[1]", False, True),
    ]


def test_a_bad_value_on_the_event_sheet_is_named_by_its_row(tmp_path: Path) -> None:
    def change(wb) -> None:
        for row in wb["Event"].iter_rows():
            if row[0].value == "timezone":
                row[1].value = "Asia/Almaty+5"
                expected.append(row[0].row)

    expected: list[int] = []
    path = _workbook_with(tmp_path, change)
    with pytest.raises(InputRejected) as caught:
        read_event_file(path)
    assert [p[:3] for p in problems(caught.value)] == [("Event", expected[0], "B")]
    assert "Asia/Almaty+5" in problems(caught.value)[0][3]


def test_a_bad_session_cell_from_pydantic_is_named_by_sheet_row_and_column(tmp_path: Path) -> None:
    path = _workbook_with(tmp_path, lambda wb: wb["Sessions"].__setitem__("D3", "25:00"))
    with pytest.raises(InputRejected) as caught:
        read_event_file(path)
    assert [p[:3] for p in problems(caught.value)] == [("Sessions", 3, "start")]


def test_unreadable_files_say_where_or_what_to_do(tmp_path: Path) -> None:
    broken = tmp_path / "e.yaml"
    broken.write_text("event:\n  slug: x\n   timezone: Asia/Almaty\n", encoding="utf-8")
    with pytest.raises(InputRejected) as caught:
        read_event_file(broken)
    ((sheet, row, column, text),) = problems(caught.value)
    assert (sheet, row, column) == (None, 3, None)
    assert "indentation" in text
    fake = tmp_path / "e.xlsx"
    fake.write_text("slug,timezone\n", encoding="utf-8")
    with pytest.raises(InputRejected) as caught:
        read_event_file(fake)
    assert "save it as an Excel workbook (.xlsx)" in problems(caught.value)[0][3]
