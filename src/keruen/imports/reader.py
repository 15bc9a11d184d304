"""Read an uploaded table (XLSX, or CSV as Excel, LibreOffice and a Russian or Chinese Windows
save it) into sheets of cells with their Excel row numbers. Never trusts the file name alone.

Encodings: a byte-order mark decides first (UTF-8, UTF-16 LE/BE as Excel's "Unicode text"
writes it); then strict UTF-8; then charset-normalizer chooses among the legacy code pages an
organizer's Excel writes (Windows-1251, GB18030, KOI8-R). A file whose lines mix UTF-8 and a
legacy code page is refused with the first line of each.

Dialects: `csv.Sniffer` looks at whole lines only (the header and the next few), never at a
cut-off sample, and only its delimiter is kept; quoting is always RFC 4180 (doubled quotes,
newlines inside quoted fields), which is what every spreadsheet writes.

XLSX: the zip's declared unpacked sizes and entry count are checked before openpyxl reads a
byte (zipfile never inflates an entry past its declared size). Formula cells without a
computed value and merged ranges are found by scanning the sheet XML, since openpyxl's
read-only mode hides both.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

from keruen.core.errors import InputRejected, Problem
from keruen.core.i18n_markers import N_

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Code pages an organizer's spreadsheet program writes CSV in, besides Unicode.
LEGACY_ENCODINGS = ("cp1251", "gb18030", "koi8_r")

MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
# Excel's own limit for one cell; a longer field is not a value anyone typed.
MAX_CELL_CHARS = 32_767

_SNIFF_LINES = 5
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


@dataclass
class Sheet:
    name: str
    header: list[str]
    # (Excel row number, cells) for every non-empty row below the header.
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    # (row, column index from 0) of formula cells saved without a computed value.
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)
    # Merged ranges as written in the file ("A2:B3").
    merged: list[str] = field(default_factory=list)
    # The code page of a legacy-encoded CSV ("cp1251"); None for Unicode and XLSX.
    legacy_encoding: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    hidden: bool = False


def _reject(message: str, **params: Any) -> InputRejected:
    return InputRejected([Problem(message, params=params)])


def read_table(
    path: Path,
    *,
    max_bytes: int,
    max_rows: int,
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES,
    max_entries: int = MAX_ZIP_ENTRIES,
) -> list[Sheet]:
    """Sheets of an XLSX workbook, or the single sheet of a CSV file."""
    if not path.exists():
        raise _reject(N_("file not found: %(path)s"), path=str(path))
    size = path.stat().st_size
    if size > max_bytes:
        raise _reject(
            N_(
                "the file is %(size)s bytes; the largest accepted is %(limit)s bytes: split "
                "it into smaller files"
            ),
            size=size,
            limit=max_bytes,
        )
    if size == 0:
        raise _reject(_EMPTY)
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if data.startswith(_OLE_MAGIC):
        raise _reject(N_("this is an old Excel 97–2003 (.xls) file: save it as .xlsx and retry"))
    if suffix in (".xlsx", ".xlsm") or data.startswith(_XLSX_MAGIC):
        return _read_xlsx(
            data, max_rows=max_rows, max_unpacked_bytes=max_unpacked_bytes, max_entries=max_entries
        )
    if suffix in (".csv", ".txt", ".tsv", ""):
        return [_read_csv(data, max_rows=max_rows, name=path.stem)]
    raise _reject(N_("unsupported file type %(suffix)s: use .xlsx or .csv"), suffix=suffix)


_EMPTY = N_("the file is empty: choose the file that holds the rows")


def _not_xlsx() -> InputRejected:
    return _reject(
        N_(
            "the file is not a real Excel workbook (.xlsx): open it in Excel or LibreOffice "
            "and save it as an Excel workbook (.xlsx)"
        )
    )


def _too_many_rows(sheet: str, number: int, limit: int) -> InputRejected:
    return InputRejected(
        [
            Problem(
                N_(
                    "sheet %(sheet)s has more than %(limit)s rows: split it into files of at "
                    "most %(limit)s rows each"
                ),
                sheet=sheet,
                row=number,
                params={"sheet": sheet, "limit": limit},
            )
        ]
    )


def check_zip_limits(data: bytes, *, max_unpacked_bytes: int, max_entries: int) -> None:
    """Refuse a zip bomb from its directory, before anything is inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_xlsx() from None
    if len(entries) > max_entries:
        raise _reject(
            N_(
                "the workbook holds %(count)s parts; the most accepted is %(limit)s: "
                "save it again as a plain .xlsx"
            ),
            count=len(entries),
            limit=max_entries,
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > max_unpacked_bytes:
        raise _reject(
            N_(
                "the workbook unpacks to %(size)s bytes; the largest accepted is %(limit)s "
                "bytes: split it into smaller files"
            ),
            size=unpacked,
            limit=max_unpacked_bytes,
        )


def _read_xlsx(
    data: bytes, *, max_rows: int, max_unpacked_bytes: int, max_entries: int
) -> list[Sheet]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if not data.startswith(_XLSX_MAGIC):
        raise _not_xlsx()
    check_zip_limits(data, max_unpacked_bytes=max_unpacked_bytes, max_entries=max_entries)
    with warnings.catch_warnings():
        # openpyxl warns about parts it does not read (data validation extensions, dates out of
        # range, which it turns into #VALUE! that the import then refuses with its cell).
        warnings.simplefilter("ignore")
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
            raise _not_xlsx() from None
        sheets: list[Sheet] = []
        try:
            for ws in workbook.worksheets:
                if ws.sheet_state != "visible":
                    sheets.append(Sheet(ws.title, [], hidden=True))
                    continue
                sheet = _read_worksheet(ws, max_rows=max_rows)
                if sheet is not None:
                    _scan_sheet_xml(workbook, ws, sheet)
                    sheets.append(sheet)
        except (KeyError, ValueError, TypeError, zipfile.BadZipFile, OSError):
            raise _not_xlsx() from None
        finally:
            workbook.close()
    return sheets


def _read_worksheet(ws: Any, *, max_rows: int) -> Sheet | None:
    rows = ws.iter_rows(values_only=True)
    header_cells = next(rows, None)
    if header_cells is None:
        return Sheet(ws.title, [])
    sheet = Sheet(ws.title, [_text(c) for c in header_cells])
    for number, cells in enumerate(rows, start=2):
        values = list(cells)
        if all(_text(v) == "" for v in values):
            continue
        if len(sheet.rows) >= max_rows:
            raise _too_many_rows(ws.title, number, max_rows)
        sheet.rows.append((number, values))
    return sheet


def column_index(letters: str) -> int:
    """'A' → 0, 'AB' → 27."""
    index = 0
    for char in letters:
        index = index * 26 + (ord(char) - 64)
    return index - 1


def _scan_sheet_xml(workbook: Any, ws: Any, sheet: Sheet) -> None:
    """Formula cells with no cached value, and merged ranges, from the sheet's XML."""
    path = getattr(ws, "_worksheet_path", None)
    archive = getattr(workbook, "_archive", None)
    if path is None or archive is None:
        return
    with archive.open(path) as source:
        raw = source.read()
    # Most sheets have neither: a plain search is a hundred times cheaper than parsing again.
    if b"mergeCell" not in raw and not _FORMULA_TAG.search(raw):
        return
    # The same part openpyxl has just parsed with the same expat, which (2.4.1 and later)
    # refuses entity amplification; its size is bounded by check_zip_limits.
    with io.BytesIO(raw) as source:
        for _event, element in iterparse(source):  # noqa: S314
            tag = element.tag
            if tag == f"{_NS_MAIN}c":
                if element.find(f"{_NS_MAIN}f") is not None:
                    value = element.findtext(f"{_NS_MAIN}v")
                    match = _CELL_REF.match(element.get("r", ""))
                    if (value is None or value == "") and match:
                        sheet.formulas_without_value.add(
                            (int(match.group(2)), column_index(match.group(1)))
                        )
                element.clear()
            elif tag == f"{_NS_MAIN}row":
                element.clear()
            elif tag == f"{_NS_MAIN}mergeCell":
                ref = element.get("ref")
                if ref:
                    sheet.merged.append(ref)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    legacy: bool


def _line_number(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_text(data: bytes) -> Decoded:
    """The text of a CSV file and the encoding it was read in; InputRejected when unsure."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding, legacy=False)
            except UnicodeDecodeError as error:
                raise _bad_bytes(data, error.start, encoding) from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8", legacy=False)
    except UnicodeDecodeError as error:
        bad_offset = error.start
    _refuse_mixed(data, bad_offset)
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise _reject(
            N_("cannot tell the text encoding of this file: save it as UTF-8 CSV or as .xlsx")
        )
    encoding = str(best.encoding)
    try:
        return Decoded(data.decode(encoding), encoding, legacy=True)
    except UnicodeDecodeError as error:
        raise _bad_bytes(data, error.start, encoding) from None


def _bad_bytes(data: bytes, offset: int, encoding: str) -> InputRejected:
    line = _line_number(data, offset)
    return InputRejected(
        [
            Problem(
                N_(
                    "line %(line)s holds bytes that are not %(encoding)s text: save the file "
                    "as UTF-8 CSV or as .xlsx"
                ),
                row=line,
                params={"line": line, "encoding": encoding},
            )
        ]
    )


def _refuse_mixed(data: bytes, bad_offset: int) -> None:
    """Copy-paste between two Excels leaves UTF-8 lines next to Windows-1251 ones."""
    first_utf8: int | None = None
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        first_utf8 = number
        break
    if first_utf8 is None:
        return
    bad_line = _line_number(data, bad_offset)
    raise InputRejected(
        [
            Problem(
                N_(
                    "the file mixes encodings: line %(utf8_line)s is UTF-8 but line %(line)s "
                    "is not; save the whole file as UTF-8 CSV or as .xlsx"
                ),
                row=bad_line,
                params={"utf8_line": first_utf8, "line": bad_line},
            )
        ]
    )


def sniff_delimiter(text: str) -> str:
    """The delimiter among `,` `;` and tab, judged on whole lines only."""
    lines = text.splitlines()[:_SNIFF_LINES]
    header = lines[0] if lines else ""
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t").delimiter
    except csv.Error:
        pass
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        pass
    counts = {d: header.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


class _Dialect(csv.Dialect):
    """RFC 4180 as spreadsheets write it: doubled quotes, newlines inside quoted fields."""

    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL
    strict = True


def _read_csv(data: bytes, *, max_rows: int, name: str) -> Sheet:
    try:
        decoded = decode_text(data)
    except InputRejected as error:
        raise InputRejected([replace(p, sheet=p.sheet or name) for p in error.problems]) from None
    text = decoded.text
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputRejected(
            [
                Problem(
                    N_(
                        "line %(line)s holds a NUL character, which a text table (CSV) never "
                        "has: save the file as UTF-8 CSV or as .xlsx"
                    ),
                    sheet=name,
                    row=line,
                    params={"line": line},
                )
            ]
        )
    delimiter = sniff_delimiter(text)
    dialect = type("Sniffed", (_Dialect,), {"delimiter": delimiter})
    # Our own limit on a cell is checked per cell with its row and column; the csv module's
    # (128 KiB by default) would stop the file with a bare error instead.
    csv.field_size_limit(max(len(text), 131_072))
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    sheet = Sheet(
        name,
        [],
        legacy_encoding=decoded.encoding if decoded.legacy else None,
        encoding=decoded.encoding,
        delimiter=delimiter,
    )
    number = 0
    try:
        header = next(reader, None)
        if header is None:
            raise _reject(_EMPTY)
        number = 1
        sheet.header = [_text(c) for c in header]
        for number, cells in enumerate(reader, start=2):
            if all(not c.strip() for c in cells):
                continue
            if len(sheet.rows) >= max_rows:
                raise _too_many_rows(name, number, max_rows)
            sheet.rows.append((number, list(cells)))
    except csv.Error:
        raise InputRejected(
            [
                Problem(
                    N_(
                        "row %(row)s has a quotation mark that is never closed or stray text "
                        "after a closing one: check that row, or save the file as .xlsx"
                    ),
                    sheet=name,
                    row=number + 1,
                    params={"row": number + 1},
                )
            ]
        ) from None
    return sheet


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
