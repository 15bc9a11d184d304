"""One list, four formats: a terminal table, JSON, CSV and an Excel sheet.

Every list-like command builds a `Listing` (translated column titles, stable column keys, rows
of plain values) and renders it with `render(listing, fmt)`. JSON uses the keys and keeps
identifiers; CSV and XLSX use the titles. Spreadsheet cells that begin with `=`, `+`, `-`, `@`,
a tab or a carriage return are neutralised with a leading apostrophe (OWASP's CSV injection
advice), so a name like `=HYPERLINK(...)` is shown, never run.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # openpyxl (and numpy with it) loads only when a workbook is written
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FORMATS = ("table", "json", "csv", "xlsx")
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Column:
    key: str
    title: str


@dataclass
class Listing:
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    sheet: str = "List"

    def add(self, *values: Any) -> None:
        self.rows.append(list(values))

    def records(self) -> list[dict[str, Any]]:
        return [{c.key: v for c, v in zip(self.columns, row, strict=False)} for row in self.rows]


def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, made inert."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    return value


def to_json(listing: Listing) -> bytes:
    def default(value: Any) -> Any:
        if isinstance(value, datetime | date):
            return value.isoformat()
        return str(value)

    return json.dumps(listing.records(), ensure_ascii=False, indent=2, default=default).encode()


def to_csv(listing: Listing) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.title for c in listing.columns])
    for row in listing.rows:
        writer.writerow([neutralise(_plain(v)) if v is not None else "" for v in row])
    # UTF-8 with BOM: Excel on Windows opens it with Cyrillic and Hanzi intact.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def style_sheet(ws: Worksheet, *, widths: Sequence[int] | None = None) -> None:
    """Frozen header, a filter over the data, bold titles and column widths that fit."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    if ws.max_row < 1 or ws.max_column < 1:
        return
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    last = get_column_letter(ws.max_column)
    ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 1)}"
    for index in range(1, ws.max_column + 1):
        letter = get_column_letter(index)
        if widths is not None and index <= len(widths):
            width = widths[index - 1]
        else:
            longest = max((len(str(c.value)) for c in ws[letter] if c.value is not None), default=8)
            width = min(max(longest + 2, 8), 60)
        ws.column_dimensions[letter].width = width
    ws.print_title_rows = "1:1"


def add_sheet(wb: Workbook, listing: Listing, *, first: bool = False) -> Worksheet:
    if first:
        ws = wb.active
        assert ws is not None
        ws.title = listing.sheet[:31]
    else:
        ws = wb.create_sheet(listing.sheet[:31])
    ws.append([c.title for c in listing.columns])
    for row in listing.rows:
        ws.append([neutralise(_plain(v)) for v in row])
    style_sheet(ws)
    return ws


def to_xlsx(*listings: Listing) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for index, listing in enumerate(listings):
        add_sheet(wb, listing, first=index == 0)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def render_bytes(listing: Listing, fmt: str) -> bytes:
    if fmt == "json":
        return to_json(listing)
    if fmt == "csv":
        return to_csv(listing)
    if fmt == "xlsx":
        return to_xlsx(listing)
    raise ValueError(fmt)
