"""Read an uploaded table (XLSX, or CSV in UTF-8, UTF-8 with BOM or Windows-1251) into sheets of
cells with their Excel row numbers. Never trusts the file name alone."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from keruen.core.errors import InputRejected, Problem
from keruen.core.i18n_markers import N_

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls


@dataclass
class Sheet:
    name: str
    header: list[str]
    # (Excel row number, cells) for every non-empty row below the header.
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


def _reject(message: str, **params: Any) -> InputRejected:
    return InputRejected([Problem(message, params=params)])


def read_table(path: Path, *, max_bytes: int, max_rows: int) -> list[Sheet]:
    """Sheets of an XLSX workbook, or the single sheet of a CSV file."""
    if not path.exists():
        raise _reject(N_("file not found: %(path)s"), path=str(path))
    size = path.stat().st_size
    if size > max_bytes:
        raise _reject(
            N_("the file is %(size)s bytes; the largest accepted is %(limit)s bytes"),
            size=size,
            limit=max_bytes,
        )
    if size == 0:
        raise _reject(N_("the file is empty"))
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if data.startswith(_OLE_MAGIC):
        raise _reject(N_("this is an old Excel 97–2003 (.xls) file: save it as .xlsx and retry"))
    if suffix in (".xlsx", ".xlsm") or data.startswith(_XLSX_MAGIC):
        return _read_xlsx(data, max_rows=max_rows)
    if suffix in (".csv", ".txt", ""):
        return [_read_csv(data, max_rows=max_rows, name=path.stem)]
    raise _reject(N_("unsupported file type %(suffix)s: use .xlsx or .csv"), suffix=suffix)


def _read_xlsx(data: bytes, *, max_rows: int) -> list[Sheet]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if not data.startswith(_XLSX_MAGIC):
        raise _reject(N_("the file is not a real Excel workbook (.xlsx), although it is named so"))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise _reject(
            N_("the file is not a real Excel workbook (.xlsx), although it is named so")
        ) from None
    sheets: list[Sheet] = []
    try:
        for ws in workbook.worksheets:
            if ws.sheet_state != "visible":
                continue
            rows = ws.iter_rows(values_only=True)
            header_cells = next(rows, None)
            if header_cells is None:
                continue
            sheet = Sheet(ws.title, [_text(c) for c in header_cells])
            for number, cells in enumerate(rows, start=2):
                values = list(cells)
                if all(_text(v) == "" for v in values):
                    continue
                if len(sheet.rows) >= max_rows:
                    raise _reject(
                        N_("sheet %(sheet)s has more than %(limit)s rows"),
                        sheet=ws.title,
                        limit=max_rows,
                    )
                sheet.rows.append((number, values))
            sheets.append(sheet)
    finally:
        workbook.close()
    return sheets


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1251 as a Russian Excel saves CSV."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251")


def _read_csv(data: bytes, *, max_rows: int, name: str) -> Sheet:
    text = decode_text(data)
    if "\x00" in text:
        raise _reject(N_("the file is not a text table (CSV)"))
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if header is None:
        raise _reject(N_("the file is empty"))
    sheet = Sheet(name, [_text(c) for c in header])
    for number, cells in enumerate(reader, start=2):
        if all(not c.strip() for c in cells):
            continue
        if len(sheet.rows) >= max_rows:
            raise _reject(
                N_("sheet %(sheet)s has more than %(limit)s rows"), sheet=name, limit=max_rows
            )
        sheet.rows.append((number, list(cells)))
    return sheet


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
