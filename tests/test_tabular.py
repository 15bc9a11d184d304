"""Lists in four formats; spreadsheet cells can never run as formulas."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from keruen.exports.tabular import Column, Listing, to_csv, to_json, to_xlsx

pytestmark = pytest.mark.unit


def listing() -> Listing:
    out = Listing("Orgs", [Column("id", "id"), Column("name", "название")], sheet="Orgs")
    for k, value in enumerate(
        ['=HYPERLINK("x")', "+7 700", "-1", "@SUM(A1)", "\tTab", "\rCR", "ТОО «Жол»"]
    ):
        out.add(k, value)
    return out


def test_xlsx_neutralises_formula_cells_and_is_ready_to_print():
    ws = load_workbook(io.BytesIO(to_xlsx(listing()))).active
    values = [ws.cell(row=r, column=2).value for r in range(2, 9)]
    assert values[:5] == ['\'=HYPERLINK("x")', "'+7 700", "'-1", "'@SUM(A1)", "'\tTab"]
    assert values[5].startswith("'")  # the carriage return itself is kept as a line break
    assert values[6] == "ТОО «Жол»"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:B8"
    assert ws.column_dimensions["B"].width >= 10
    assert [c.data_type for c in ws[2]][1] == "s"  # a string, not a formula


def test_csv_is_excel_friendly_and_neutralised():
    data = to_csv(listing())
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["id", "название"]
    assert rows[1][1] == '\'=HYPERLINK("x")'


def test_json_keeps_keys_and_raw_values():
    records = json.loads(to_json(listing()))
    assert records[0] == {"id": 0, "name": '=HYPERLINK("x")'}
