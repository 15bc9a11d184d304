"""The XLSX template organizers fill in: three sheets with headers in Russian, Chinese and
English, drop-down lists for kinds, regions, sizes, roles and codes, and text-formatted code
columns so Excel keeps leading zeros."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from keruen.events.enums import ParticipationRole
from keruen.i18n import get_translations
from keruen.imports.columns import SHEETS, Column, sheet_title
from keruen.organizations.enums import OrganizationKind, OrganizationSize, ProfileKind
from keruen.reference import taxonomy
from keruen.reference.regions import load_regions

DATA_ROWS = 1000
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


def _lists(locale: str) -> dict[str, list[str]]:
    regions = [
        f"{r.code} — {r.names.get(locale)}"
        for r in load_regions().values()
        if r.level not in ("country",)
    ]
    hs_codes = [
        f"{e.display_code.replace('.', '')} — {e.title(locale)}"[:250]
        for e in taxonomy.hs().entries.values()
        if e.level in ("chapter", "heading", "subheading")
    ]
    isic_codes = [
        f"{e.code} — {e.title(locale)}"[:250]
        for e in taxonomy.isic().entries.values()
        if e.level in ("division", "class")
    ]
    return {
        "kind": [k.value for k in OrganizationKind],
        "size": [s.value for s in OrganizationSize],
        "region": regions,
        "profile_kind": [k.value for k in ProfileKind],
        "role": [r.value for r in ParticipationRole],
        "locale": ["ru", "kk", "zh", "en"],
        "yesno": ["yes", "no"],
        "hs": hs_codes,
        "isic": isic_codes,
    }


# Which list feeds which column, and whether Excel refuses other values. Code columns allow
# free typing (several codes separated by ;), so their list is a help, not a rule.
VALIDATION = {
    ("organizations", "kind"): ("kind", True),
    ("organizations", "size"): ("size", True),
    ("organizations", "region"): ("region", True),
    ("organizations", "source_language"): ("locale", True),
    ("organizations", "isic"): ("isic", False),
    ("organizations", "hs_offers"): ("hs", False),
    ("organizations", "hs_needs"): ("hs", False),
    ("delegates", "locale"): ("locale", True),
    ("delegates", "consent"): ("yesno", True),
    ("delegates", "role"): ("role", True),
    ("profiles", "kind"): ("profile_kind", True),
    ("profiles", "hs"): ("hs", False),
    ("profiles", "isic"): ("isic", False),
}


def build_template(locale: str = "ru") -> bytes:
    """The template as XLSX bytes; drop-down titles are in `locale`."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    lists = _lists(locale)
    lists_sheet = workbook.create_sheet("Lists")
    ranges: dict[str, str] = {}
    for col_index, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(col_index)
        lists_sheet.cell(row=1, column=col_index, value=name)
        for row_index, value in enumerate(values, start=2):
            lists_sheet.cell(row=row_index, column=col_index, value=value)
        ranges[name] = f"Lists!${letter}$2:${letter}${len(values) + 1}"
    lists_sheet.sheet_state = "hidden"

    for position, (key, (_titles, columns)) in enumerate(SHEETS.items()):
        ws = workbook.create_sheet(sheet_title(key, locale), position)
        _fill_sheet(ws, key, columns, ranges, locale)
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill_sheet(
    ws: Worksheet, key: str, columns: list[Column], ranges: dict[str, str], locale: str
) -> None:
    t = get_translations(locale)
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.header_for(locale))
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        note = (t.gettext(column.hint) if column.hint else "") + (
            " " + t.gettext("(required)") if column.required else ""
        )
        if note:
            cell.comment = Comment(note, "keruen")
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        if column.text_format:
            for row in range(2, DATA_ROWS + 2):
                ws.cell(row=row, column=index).number_format = "@"
        rule = VALIDATION.get((key, column.key))
        if rule is not None:
            list_name, strict = rule
            validation = DataValidation(
                type="list",
                formula1=f"={ranges[list_name]}",
                allow_blank=True,
                showErrorMessage=strict,
            )
            validation.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
            ws.add_data_validation(validation)
    ws.row_dimensions[1].height = 48
    ws.freeze_panes = "A2"
