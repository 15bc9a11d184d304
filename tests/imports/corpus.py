"""The project's own corpus of import files, written as Excel, LibreOffice and a Russian or
Chinese Windows save them: code pages, dialects, quoting, merged cells, formulas without values,
error values, hostile content. Run `python -m tests.imports.corpus DIR` to write them all.

Each builder writes one file into a folder and returns its path; `tests/imports/test_corpus.py`
asserts what each must store or exactly where each must be refused.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from keruen.imports.columns import SHEETS, sheet_title
from tests.factories import cn_org_row, make_bin, make_uscc, org_row, write_xlsx

# A BIN whose first digit is 0: Excel drops it when the cell is a number.
ZERO_BIN = make_bin(11, yymm="0709")
JOL = 'ТОО "Жол, Сервис"'
KAZAKH_NAME = "ТОО «Қазақ Ұлттық Өнім»"


def _csv_bytes(
    key: str,
    rows: list[dict[str, str]],
    *,
    delimiter: str,
    header: str = "header",
    quoting: int = csv.QUOTE_MINIMAL,
) -> str:
    columns = SHEETS[key][1]
    used = [c for c in columns if any(c.key in r for r in rows)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    writer.writerow([getattr(c, header) for c in used])
    for row in rows:
        writer.writerow([row.get(c.key, "") for c in used])
    return buffer.getvalue()


def excel_utf8_bom(folder: Path) -> Path:
    """Excel's "CSV UTF-8": BOM, `;` in a Russian locale, doubled quotes, a newline in a field."""
    row = org_row(
        bin=make_bin(300),
        name_ru=JOL,
        name_en="Zhol Service LLP",
        description_ru="Перевозки.\nСклад в Шымкенте.",
    )
    text = _csv_bytes("organizations", [row], delimiter=";")
    path = folder / "excel-utf8-bom.csv"
    path.write_bytes(text.encode("utf-8-sig"))
    return path


def libreoffice_utf8_comma(folder: Path) -> Path:
    """LibreOffice's default: UTF-8 without BOM, `,`, every text quoted."""
    row = cn_org_row(
        uscc=make_uscc(301), name_zh="巴音郭楞物流有限公司", name_en='Bayingol "Silk" Logistics'
    )
    text = _csv_bytes("organizations", [row], delimiter=",", quoting=csv.QUOTE_NONNUMERIC)
    path = folder / "libreoffice-utf8.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


def windows_cp1251_delegates(folder: Path) -> Path:
    """A Russian Windows Excel "CSV (разделители — точки с запятой)": cp1251, `;`, the
    template's own three-language headers, whose Chinese parts turn into `?`."""
    rows = [
        {
            "organization": org_row()["bin"],
            "ref": "D-1",
            "name_ru": "Иванов Пётр",
            "position_ru": "Директор",
            "languages": "ru",
            "email": "p.ivanov@kz.example",
            "consent": "да",
        }
    ]
    text = _csv_bytes("delegates", rows, delimiter=";")
    path = folder / "windows-cp1251-delegates.csv"
    path.write_bytes(text.encode("cp1251", errors="replace"))
    return path


def windows_cp1251_lost_letters(folder: Path) -> Path:
    """Kazakh letters saved as cp1251: Excel writes `?` for each."""
    rows = [
        org_row(
            bin=make_bin(310),
            name_ru="ТОО «Южный хлопок»",
            name_en="South Cotton LLP",
            website="cotton.kz/?lang=ru",  # a query's ? is not a lost letter
        ),
        org_row(bin=make_bin(311), name_ru=KAZAKH_NAME, name_en="Kazakh National Product LLP"),
    ]
    text = _csv_bytes("organizations", rows, delimiter=";", header="ru")
    path = folder / "windows-cp1251-kazakh.csv"
    path.write_bytes(text.encode("cp1251", errors="replace"))
    return path


def excel_unicode_text(folder: Path) -> Path:
    """Excel's "Unicode text": UTF-16 LE with BOM, tab-separated, Kazakh letters intact."""
    row = org_row(bin=make_bin(320), name_ru=KAZAKH_NAME, name_en="Kazakh National Product LLP")
    text = _csv_bytes("organizations", [row], delimiter="\t")
    path = folder / "excel-unicode-text.txt"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    return path


def chinese_windows_gb18030(folder: Path) -> Path:
    """A Chinese Windows Excel saves CSV in GBK (GB18030 covers it)."""
    row = cn_org_row(
        uscc=make_uscc(330), name_zh="库尔勒香梨合作社", name_en="Korla Pear Cooperative"
    )
    text = _csv_bytes("organizations", [row], delimiter=",", header="zh")
    path = folder / "windows-gb18030.csv"
    path.write_bytes(text.encode("gb18030"))
    return path


def long_first_field(folder: Path) -> Path:
    """A 20 KB description in the first row: the dialect must still be found."""
    rows = [
        org_row(bin=make_bin(340), description_ru=("Хлопок; лён, шерсть. " * 1000).strip()),
        org_row(bin=make_bin(341), name_ru="ТОО «Второй»", name_en="Second LLP"),
    ]
    text = _csv_bytes("organizations", rows, delimiter=";")
    path = folder / "long-first-field.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


def oversized_field(folder: Path) -> Path:
    """A 200 KB cell: more than the csv module's 128 KB default and Excel's 32,767."""
    rows = [org_row(bin=make_bin(350), description_ru="x" * 200_000)]
    path = folder / "oversized-field.csv"
    path.write_bytes(_csv_bytes("organizations", rows, delimiter=",").encode("utf-8"))
    return path


def mixed_encodings(folder: Path) -> Path:
    """Rows pasted from two Excels: the header and row 2 in UTF-8, row 3 in cp1251."""
    rows = [
        org_row(bin=make_bin(360), name_ru="ТОО «Первый»", name_en="First LLP"),
        org_row(bin=make_bin(361), name_ru="ТОО «Второй»", name_en="Second LLP"),
    ]
    lines = _csv_bytes("organizations", rows, delimiter=";", header="ru").split("\r\n")
    data = "\r\n".join(lines[:2]).encode("utf-8") + b"\r\n" + lines[2].encode("cp1251")
    path = folder / "mixed-encodings.csv"
    path.write_bytes(data + b"\r\n")
    return path


def stray_quote(folder: Path) -> Path:
    """A quote closed in the middle of a field: not a table any reader agrees on."""
    text = _csv_bytes("organizations", [org_row(bin=make_bin(370))], delimiter=",")
    text += f'{make_bin(371)},company,KZ-61-MAK,"ТОО "Кривой" текст,,,,,,\r\n'
    path = folder / "stray-quote.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


def _workbook(folder: Path, name: str, sheets: dict[str, list[dict[str, str]]]) -> Path:
    return write_xlsx(folder / name, sheets)


def _edit(path: Path, change: Callable[..., None]) -> Path:
    workbook = load_workbook(path)
    change(workbook)
    workbook.save(path)
    return path


def _cell(workbook, key: str, row: int, column_key: str):
    ws = workbook[sheet_title(key)]
    column = [c.key for c in SHEETS[key][1]].index(column_key) + 1
    return ws.cell(row=row, column=column)


def formula_without_value(folder: Path) -> Path:
    """openpyxl, like a script or a web export, saves formulas without a computed value."""
    path = _workbook(
        folder, "formula.xlsx", {"organizations": [org_row(), org_row(bin=make_bin(380))]}
    )

    def change(workbook) -> None:
        _cell(workbook, "organizations", 3, "name_en").value = '=CONCATENATE("Cotton ", "LLP")'

    return _edit(path, change)


def error_values(folder: Path) -> Path:
    """#N/A from a failed VLOOKUP in a name, #REF! in a description."""
    path = _workbook(
        folder,
        "errors.xlsx",
        {"organizations": [org_row(), org_row(bin=make_bin(390)), org_row(bin=make_bin(391))]},
    )

    def change(workbook) -> None:
        _cell(workbook, "organizations", 3, "name_ru").value = "#N/A"
        _cell(workbook, "organizations", 4, "description_ru").value = "#REF!"

    return _edit(path, change)


def merged_cells(folder: Path) -> Path:
    """Two delegates of one company with the Organization cell merged over both rows."""
    kz = org_row()
    path = _workbook(
        folder,
        "merged.xlsx",
        {
            "organizations": [kz],
            "delegates": [
                {"organization": kz["bin"], "name_ru": "Айдар Сеитов", "consent": "да"},
                {"name_ru": "Жанна Омарова", "consent": "да"},
            ],
        },
    )

    def change(workbook) -> None:
        workbook[sheet_title("delegates")].merge_cells("A2:A3")

    return _edit(path, change)


def unknown_sheet_and_column(folder: Path) -> Path:
    """A notes sheet and a private column the import does not read."""
    path = _workbook(folder, "extra.xlsx", {"organizations": [org_row()]})

    def change(workbook) -> None:
        notes = workbook.create_sheet("Заметки")
        notes.append(["Кому позвонить"])
        notes.append(["Айгуль, завтра"])
        ws = workbook[sheet_title("organizations")]
        column = ws.max_column + 1
        ws.cell(row=1, column=column, value="Комментарий")
        ws.cell(row=2, column=column, value="позвонить в пятницу")

    return _edit(path, change)


def numbers_cases_and_controls(folder: Path) -> Path:
    """What Excel and people do to values: a BIN typed as a number (leading zero lost), a USCC
    in small letters with spaces, a delegate naming it so, an escape sequence and a bell in a
    name, text that looks like console markup."""
    uscc = make_uscc(400)
    spaced = f"{uscc[:6].lower()} {uscc[6:12].lower()} {uscc[12:].lower()}"
    path = _workbook(
        folder,
        "values.xlsx",
        {
            "organizations": [
                org_row(bin=ZERO_BIN, name_en="Zero Leading LLP"),
                cn_org_row(uscc=spaced, name_en="Korla [/b] Textile [bold]Co."),
            ],
            "delegates": [
                {"organization": spaced, "ref": "P-1", "name_zh": "王芳", "consent": "是"},
            ],
        },
    )

    def change(workbook) -> None:
        _cell(workbook, "organizations", 2, "bin").value = int(ZERO_BIN)

    return _edit(path, change)


def control_characters(folder: Path) -> Path:
    """A terminal escape sequence, a bell and a zero-width space in names (CSV carries them;
    Excel's own .xlsx cannot)."""
    rows = [
        org_row(bin=make_bin(405), name_ru="ТОО \x1b[31mКрасный\x1b[0m\x07", name_en=""),
        org_row(bin=make_bin(406), name_ru="ТОО «Ақ\u200bЖол»", name_en="Ak Zhol LLP"),
    ]
    path = folder / "control-characters.csv"
    path.write_bytes(_csv_bytes("organizations", rows, delimiter=",").encode("utf-8"))
    return path


def punctuation_in_lists(folder: Path) -> Path:
    """A dash where a region is expected, and only separators where HS codes are."""
    path = _workbook(
        folder,
        "punctuation.xlsx",
        {
            "organizations": [
                org_row(hs_offers=";", hs_needs="—"),
                org_row(bin=make_bin(410), region="—"),
            ]
        },
    )
    return path


def repeated_delegate_reference(folder: Path) -> Path:
    kz = org_row()
    return _workbook(
        folder,
        "delegates-same-ref.xlsx",
        {
            "organizations": [kz],
            "delegates": [
                {"organization": kz["bin"], "ref": "D-7", "name_ru": "Айдар Сеитов"},
                {"organization": kz["bin"], "ref": "D-7", "name_ru": "Жанна Омарова"},
            ],
        },
    )


def dates_and_a_hidden_sheet(folder: Path) -> Path:
    """An unavailable day typed into a date-formatted cell, a hidden sheet of old rows, and a
    kind typed in words the import does not know."""
    from datetime import datetime

    path = _workbook(
        folder,
        "dates.xlsx",
        {"delegates": [{"name_en": "Day Guest", "consent": "no", "email": "day@kz.example"}]},
    )

    def change(workbook) -> None:
        cell = _cell(workbook, "delegates", 2, "unavailable")
        cell.value = datetime(2027, 4, 14)  # noqa: DTZ001  (a spreadsheet date has no zone)
        cell.number_format = "DD.MM.YYYY"
        old = workbook.create_sheet("Старые")
        old.append(["Кто"])
        old.append(["Прошлогодний участник"])
        old.sheet_state = "hidden"

    return _edit(path, change)


def unknown_kind(folder: Path) -> Path:
    return _workbook(folder, "kind.xlsx", {"organizations": [org_row(kind="компания!!")]})


def zip_with_many_entries(folder: Path) -> Path:
    path = folder / "many-entries.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for index in range(10_001):
            archive.writestr(f"xl/media/{index}.bin", b"")
    return path


def zip_bomb(folder: Path) -> Path:
    """300 MB of zeros deflated to a few hundred KB, named like a worksheet."""
    path = folder / "bomb.xlsx"
    chunk = b"\0" * (1 << 20)
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry,
    ):
        for _ in range(300):
            entry.write(chunk)
    return path


def csv_named_xlsx(folder: Path) -> Path:
    """A web export that writes CSV text under an .xlsx name."""
    path = folder / "export.xlsx"
    path.write_bytes(_csv_bytes("organizations", [org_row()], delimiter=",").encode("utf-8"))
    return path


def binary_named_csv(folder: Path) -> Path:
    """A binary file saved as .csv: read as a legacy code page, it holds NUL characters."""
    row = org_row(bin=make_bin(420), name_ru="ТОО «Южный хлопок»")
    text = _csv_bytes("organizations", [row], delimiter=";", header="ru")
    path = folder / "binary.csv"
    path.write_bytes(text.encode("cp1251") + b"\x00\x01\x02\xff\x00\r\n")
    return path


def no_known_sheet(folder: Path) -> Path:
    """The template's rows pasted into a new workbook, on a sheet left with Excel's default
    name."""
    from openpyxl import Workbook

    row = org_row()
    columns = [c for c in SHEETS["organizations"][1] if c.key in row]
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Лист1"
    ws.append([c.header for c in columns])
    ws.append([row[c.key] for c in columns])
    path = folder / "sheet1.xlsx"
    workbook.save(path)
    return path


def empty_file(folder: Path) -> Path:
    path = folder / "empty.csv"
    path.write_bytes(b"")
    return path


def many_rows(folder: Path) -> Path:
    """Five organizations: over a limit of three rows (the test lowers the limit)."""
    rows = [org_row(bin=make_bin(430 + i), name_en=f"Row {i} LLP") for i in range(5)]
    return _workbook(folder, "many-rows.xlsx", {"organizations": rows})


def changes_reported(folder: Path) -> Path:
    """What the import changes on purpose, each to be listed: a web address without https://,
    spaces around a name, a line break inside a name, an e-mail in capitals."""
    kz = org_row(
        website="maktaaral.kz",
        name_ru="ТОО «Мактаарал\nМақта»",
        name_en="  Maktaaral Cotton LLP ",
    )
    person = {
        "organization": kz["bin"],
        "ref": "C-1",
        "name_en": "Aigul Saparova",
        "email": "A.Saparova@KZ.example",
        "consent": "yes",
    }
    return _workbook(folder, "changes.xlsx", {"organizations": [kz], "delegates": [person]})


def libreoffice_error_values(folder: Path) -> Path:
    """LibreOffice writes its own error values into a CSV export as text: Err:502, and #NV
    (#N/A in a German-language LibreOffice)."""
    rows = [
        org_row(bin=make_bin(440), name_en="Err:502"),
        org_row(bin=make_bin(441), name_en="Second LLP", description_ru="#NV"),
    ]
    path = folder / "libreoffice-errors.csv"
    path.write_bytes(_csv_bytes("organizations", rows, delimiter=",").encode("utf-8"))
    return path


def utf16_big_endian(folder: Path) -> Path:
    """UTF-16 with a big-endian byte-order mark, tab-separated (some Mac and Java tools)."""
    row = org_row(bin=make_bin(450), name_ru=KAZAKH_NAME, name_en="Kazakh National Product LLP")
    text = _csv_bytes("organizations", [row], delimiter="\t")
    path = folder / "utf16-be.txt"
    path.write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    return path


def repeated_delegate_email_and_name(folder: Path) -> Path:
    """One person twice: the same e-mail in other capitals, the same name with two spaces."""
    kz = org_row()
    people = [
        {"organization": kz["bin"], "name_en": "Aidar Seitov", "email": "a.seitov@kz.example"},
        {"organization": kz["bin"], "name_en": "Aidar S.", "email": "A.Seitov@KZ.example"},
        {"organization": kz["bin"], "name_ru": "Жанна Омарова"},
        {"organization": kz["bin"], "name_ru": "Жанна  Омарова"},
    ]
    return _workbook(
        folder, "delegates-same-person.xlsx", {"organizations": [kz], "delegates": people}
    )


def two_organization_sheets(folder: Path) -> Path:
    """The same kind of rows on two sheets, one named in Russian and one in English."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, row in (("Организации", org_row()), ("Organizations", cn_org_row())):
        columns = [c for c in SHEETS["organizations"][1] if c.key in row]
        ws = workbook.create_sheet(title)
        ws.append([c.header for c in columns])
        ws.append([row[c.key] for c in columns])
    path = folder / "two-sheets.xlsx"
    workbook.save(path)
    return path


def repeated_header(folder: Path) -> Path:
    """A column copied next to itself, header and all."""
    header = ["BIN (Kazakhstan)", "Kind", "Region", "Name (English)", "Name (English)"]
    row = org_row()
    line = [row["bin"], row["kind"], row["region"], row["name_en"], "Maktaaral Cotton"]
    path = folder / "repeated-header.csv"
    path.write_bytes((";".join(header) + "\r\n" + ";".join(line) + "\r\n").encode("utf-8"))
    return path


BUILDERS: dict[str, Callable[[Path], Path]] = {
    f.__name__: f
    for f in (
        excel_utf8_bom,
        libreoffice_utf8_comma,
        windows_cp1251_delegates,
        windows_cp1251_lost_letters,
        excel_unicode_text,
        chinese_windows_gb18030,
        long_first_field,
        oversized_field,
        mixed_encodings,
        stray_quote,
        formula_without_value,
        error_values,
        merged_cells,
        unknown_sheet_and_column,
        numbers_cases_and_controls,
        control_characters,
        punctuation_in_lists,
        repeated_delegate_reference,
        dates_and_a_hidden_sheet,
        unknown_kind,
        zip_with_many_entries,
        zip_bomb,
        csv_named_xlsx,
        binary_named_csv,
        no_known_sheet,
        empty_file,
        many_rows,
        changes_reported,
        libreoffice_error_values,
        utf16_big_endian,
        repeated_delegate_email_and_name,
        two_organization_sheets,
        repeated_header,
    )
}


def main(argv: list[str]) -> None:
    folder = Path(argv[0] if argv else "import-corpus")
    folder.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        print(name, build(folder))


if __name__ == "__main__":
    main(sys.argv[1:])
