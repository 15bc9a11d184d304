"""The template speaks the organizer's language: headers, sheet names and notes; and whatever
language it was written in, the import reads it back."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from keruen.imports.columns import SHEETS, sheet_key
from keruen.imports.template import build_template

pytestmark = pytest.mark.unit


def test_a_kazakh_template_has_kazakh_headers_and_sheet_names() -> None:
    wb = load_workbook(io.BytesIO(build_template("kk")))
    assert wb.sheetnames[:3] == [
        "Ұйымдар·组织·Organizations",
        "Делегаттар·代表·Delegates",
        "Ұсыныстар·合作需求·Profiles",
    ]
    headers = [c.value for c in wb[wb.sheetnames[0]][1]]
    assert headers[0].startswith("БСН")
    assert any(h.startswith("Атауы (қаз.)") for h in headers)


def test_the_notes_are_translated() -> None:
    ru = load_workbook(io.BytesIO(build_template("ru")))
    note = ru[ru.sheetnames[0]]["A1"].comment.text
    assert "Казахстан" in note or "казахстан" in note


@pytest.mark.parametrize("locale", ["ru", "kk", "zh", "en"])
def test_every_sheet_name_of_every_template_is_read_back(locale: str) -> None:
    wb = load_workbook(io.BytesIO(build_template(locale)))
    assert [sheet_key(name) for name in wb.sheetnames[:3]] == list(SHEETS)
