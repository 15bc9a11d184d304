"""Import organizations, delegates and cooperation profiles, all or nothing.

Every row of every sheet is parsed and checked first — against the reference data, against the
other rows, and against what is stored — and the problems are collected. Only when there are
none is anything written, through the organizations and events services, in the caller's
transaction. Re-importing the same file finds every row unchanged and writes nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.orm import Session

from keruen.core.errors import Conflict, InputRejected, Problem
from keruen.core.i18n_markers import N_
from keruen.core.identifiers import is_valid_bin, normalize_bin, normalize_uscc
from keruen.core.names import name_key
from keruen.core.text import LocalizedText
from keruen.events import service as event_service
from keruen.events.enums import ParticipationRole
from keruen.events.models import Event, Participation, Unavailability
from keruen.events.schemas import ParticipationIn, UnavailableIn
from keruen.imports import dedupe
from keruen.imports.columns import SHEETS, Column, fold_header, sheet_key
from keruen.imports.reader import MAX_CELL_CHARS, Sheet, read_table
from keruen.imports.report import CHANGED, IGNORED, WARNING, ImportReport, Note, shown
from keruen.organizations import service as organization_service
from keruen.organizations.enums import OrganizationKind, OrganizationSize, ProfileKind
from keruen.organizations.models import (
    Delegate,
    Organization,
    OrganizationActivity,
    OrganizationProduct,
)
from keruen.organizations.schemas import CooperationProfileIn, DelegateIn, OrganizationIn
from keruen.reference.regions import load_regions

__all__ = ["ImportReport", "import_directory", "split_list"]

LANG_ORDER = ("zh", "kk", "ru", "en")  # a guess of the source language: English last

# Words people type instead of our codes, in ru / kk / zh / en.
KIND_WORDS: dict[str, OrganizationKind] = {
    **{k.value: k for k in OrganizationKind},
    "компания": OrganizationKind.COMPANY,
    "предприятие": OrganizationKind.COMPANY,
    "компания / company": OrganizationKind.COMPANY,
    "企业": OrganizationKind.COMPANY,
    "公司": OrganizationKind.COMPANY,
    "кәсіпорын": OrganizationKind.COMPANY,
    "госорган": OrganizationKind.GOVERNMENT,
    "государственный орган": OrganizationKind.GOVERNMENT,
    "мемлекеттік орган": OrganizationKind.GOVERNMENT,
    "政府机构": OrganizationKind.GOVERNMENT,
    "政府部门": OrganizationKind.GOVERNMENT,
    "ассоциация": OrganizationKind.ASSOCIATION,
    "қауымдастық": OrganizationKind.ASSOCIATION,
    "协会": OrganizationKind.ASSOCIATION,
    "商会": OrganizationKind.ASSOCIATION,
    "университет": OrganizationKind.UNIVERSITY,
    "вуз": OrganizationKind.UNIVERSITY,
    "大学": OrganizationKind.UNIVERSITY,
    "高校": OrganizationKind.UNIVERSITY,
    "учреждение культуры": OrganizationKind.CULTURAL,
    "文化机构": OrganizationKind.CULTURAL,
    "другое": OrganizationKind.OTHER,
    "басқа": OrganizationKind.OTHER,
    "其他": OrganizationKind.OTHER,
}
SIZE_WORDS: dict[str, OrganizationSize] = {
    **{s.value: s for s in OrganizationSize},
    "микро": OrganizationSize.MICRO,
    "малый": OrganizationSize.SMALL,
    "средний": OrganizationSize.MEDIUM,
    "крупный": OrganizationSize.LARGE,
    "шағын": OrganizationSize.SMALL,
    "орта": OrganizationSize.MEDIUM,
    "ірі": OrganizationSize.LARGE,
    "微型": OrganizationSize.MICRO,
    "小型": OrganizationSize.SMALL,
    "中型": OrganizationSize.MEDIUM,
    "大型": OrganizationSize.LARGE,
}
ROLE_WORDS: dict[str, ParticipationRole] = {
    **{r.value: r for r in ParticipationRole},
    "участник": ParticipationRole.PARTICIPANT,
    "қатысушы": ParticipationRole.PARTICIPANT,
    "参会者": ParticipationRole.PARTICIPANT,
    "официальное лицо": ParticipationRole.OFFICIAL,
    "лауазымды тұлға": ParticipationRole.OFFICIAL,
    "官员": ParticipationRole.OFFICIAL,
    "переводчик": ParticipationRole.INTERPRETER,
    "аудармашы": ParticipationRole.INTERPRETER,
    "翻译": ParticipationRole.INTERPRETER,
    "организатор": ParticipationRole.ORGANIZER,
    "ұйымдастырушы": ParticipationRole.ORGANIZER,
    "组织者": ParticipationRole.ORGANIZER,
}
PROFILE_WORDS: dict[str, ProfileKind] = {k.value: k for k in ProfileKind}
YES = {"yes", "y", "true", "1", "да", "иә", "ия", "是", "同意", "+", "x"}
NO = {"no", "n", "false", "0", "нет", "жоқ", "否", "不同意", "-", ""}

# What each schema field is called in the sheet, for naming the column of a problem.
FIELD_COLUMNS = {
    "names": "name",
    "description": "description",
    "position": "position",
    "text": "text",
    "hs": "hs",
    "isic": "isic",
    "hs_offers": "hs_offers",
    "hs_needs": "hs_needs",
    "region": "region",
    "bin": "bin",
    "uscc": "uscc",
    "ref": "ref",
    "kind": "kind",
    "size": "size",
    "website": "website",
    "email": "email",
    "phone": "phone",
    "languages": "languages",
    "locale": "locale",
}

# Stable messages for the validation error types raised by the schemas.
ERROR_MESSAGES = {
    "hs_unknown": N_("unknown HS code %(code)s"),
    "isic_unknown": N_("unknown ISIC Rev.4 code %(code)s"),
    "region_unknown": N_("unknown region %(code)s"),
    "language_unknown": N_("not a language code: %(code)s"),
    "bin_format": N_("a BIN has exactly 12 digits: %(value)s"),
    "bin_check": N_("the BIN's check digit (the 12th) is wrong: %(value)s"),
    "uscc_format": N_(
        "not a Unified Social Credit Code (18 characters, digits and capital "
        "letters except I, O, Z, S, V): %(value)s"
    ),
    "uscc_check": N_(
        "the Unified Social Credit Code's check character (the 18th) is wrong: %(value)s"
    ),
    "name_missing": N_("the name is empty in every language"),
    "identifier_missing": N_("an organization needs a BIN, a USCC or a reference code"),
    "email_invalid": N_("not an e-mail address: %(value)s"),
    "website_invalid": N_("not a web address: %(value)s"),
    "locale_unknown": N_("interface language must be ru, kk, zh or en, not %(value)s"),
    "string_too_long": N_("the text is too long (at most %(max_length)s characters)"),
    "enum": N_("%(value)s is not one of the accepted values: %(expected)s"),
    "missing": N_("this cell is required: fill it in"),
}


# Excel's and LibreOffice's error values: a formula that failed, never a name or a description.
EXCEL_ERRORS = {
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#UNKNOWN!",
    "#CONNECT!",
    "#BUSY!",
}
_LIBREOFFICE_ERROR = re.compile(r"^(?:Err:\d{3}|#NV)$")
# Terminal escape sequences, then single control and invisible formatting characters (bidi
# overrides, zero-width spaces); tab and line feed are handled apart.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?")
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# A `?` touching a letter in a legacy code page: a letter the code page could not hold.
_LOST_LETTER = re.compile(r"\?(?=[^\W\d_])|(?<=[^\W\d_])\?(?=[^\s.,;:!)\]»\"'])|\?{2,}")
_MULTILINE_PREFIXES = ("description_", "text_", "position_")


@dataclass
class _Row:
    sheet: str
    number: int
    cells: dict[str, str]


@dataclass
class _Context:
    problems: list[Problem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def add(
        self,
        row: _Row | None,
        message: str,
        *,
        column: str | None = None,
        columns: dict[str, str] | None = None,
        sheet: str | None = None,
        number: int | None = None,
        value: str | None = None,
        **params: Any,
    ) -> None:
        letter = (columns or {}).get(column or "", column)
        if value is not None:
            params.setdefault("value", value)
        self.problems.append(
            Problem(
                message,
                sheet=row.sheet if row else sheet,
                row=row.number if row else number,
                column=letter,
                value=shown(value) if value is not None else None,
                params={k: shown(v) if isinstance(v, str) else v for k, v in params.items()},
            )
        )

    def note(
        self,
        kind: str,
        message: str,
        *,
        row: _Row | None = None,
        sheet: str | None = None,
        number: int | None = None,
        column: str | None = None,
        columns: dict[str, str] | None = None,
        **params: Any,
    ) -> None:
        letter = (columns or {}).get(column or "", column)
        self.notes.append(
            Note(
                kind,
                message,
                sheet=row.sheet if row else sheet,
                row=row.number if row else number,
                column=letter,
                params={k: shown(v) if isinstance(v, str) else v for k, v in params.items()},
            )
        )


def split_list(text: str) -> list[str]:
    """'0116; 0163, 1311' → ['0116', '0163', '1311']; '520100 — Cotton' → ['520100'].

    Items made only of punctuation ('—', '.') are dropped: they hold no code."""
    items = [p.strip() for p in re.split(r"[;,\n]+", text or "") if p.strip()]
    out = []
    for item in items:
        head = re.split(r"\s+[—–-]\s+", item, maxsplit=1)[0].strip()
        if any(ch.isalnum() for ch in head):
            out.append(head)
    return out


def _first(text: str) -> str:
    items = split_list(text)
    return items[0] if items else text.strip()


def _localized(cells: dict[str, str], prefix: str, source: str | None) -> LocalizedText:
    values = {lang: cells.get(f"{prefix}_{lang}", "") for lang in ("ru", "kk", "zh", "en")}
    return LocalizedText.of(values, source=source)


def _guess_source(cells: dict[str, str]) -> str | None:
    explicit = cells.get("source_language", "").strip().lower()
    if explicit in ("ru", "kk", "zh", "en"):
        return explicit
    for prefix in ("description", "text", "name"):
        for lang in LANG_ORDER:
            if cells.get(f"{prefix}_{lang}", "").strip():
                return lang
    return None


def _region(value: str) -> str:
    code = _first(value)
    regions = load_regions()
    if code.upper() in regions:
        return code.upper()
    folded = value.strip().casefold()
    for record in regions.values():
        if any(folded == n.casefold() for n in record.names.values.values()):
            return record.code
    return code


def _word(table: dict[str, Any], value: str) -> Any:
    text = _first(value).casefold()
    return table.get(text, text)


def _header_parts(header: str) -> list[str]:
    """The whole cell, then its parts: ' / ' separates the template's languages, and a header
    saved in Windows-1251 has '?' in place of its Chinese part."""
    parts = [header, *re.split(r"\s+/\s+|\n", header), *re.split(r"\s*/\s*", header)]
    return [p for p in parts if any(ch.isalnum() for ch in p)]


def _map_headers(sheet: Sheet, columns: list[Column], ctx: _Context) -> dict[str, int] | None:
    lookup = {alias: col.key for col in columns for alias in col.aliases()}
    mapping: dict[str, int] = {}
    unknown: list[tuple[str, str]] = []
    ok = True
    for index, header in enumerate(sheet.header):
        if not header:
            continue
        folded = [fold_header(p) for p in _header_parts(header)]
        key = next((lookup[f] for f in folded if f in lookup), None)
        letter = get_column_letter(index + 1)
        if key is None:
            unknown.append((letter, header))
        elif key in mapping:
            ctx.add(
                None,
                N_(
                    "column %(letter)s repeats the header %(header)s of column %(first)s: "
                    "delete or rename one of them"
                ),
                sheet=sheet.name,
                number=1,
                column=letter,
                header=header,
                letter=letter,
                first=get_column_letter(mapping[key] + 1),
            )
            ok = False
        else:
            mapping[key] = index
    missing = [col for col in columns if col.required and col.key not in mapping]
    for col in missing:
        ctx.add(
            None,
            N_("the required column %(header)s is missing: add it, or fix its header"),
            sheet=sheet.name,
            number=1,
            header=col.header,
        )
        ok = False
    for letter, header in unknown:
        if missing:
            # With a required column missing, an unknown header is likely its misspelling.
            ctx.add(
                None,
                N_("unknown column header %(header)s in column %(letter)s"),
                sheet=sheet.name,
                number=1,
                column=letter,
                header=header,
                letter=letter,
            )
        else:
            ctx.note(
                IGNORED,
                N_("column %(letter)s (%(header)s) is not one the import reads: ignored"),
                sheet=sheet.name,
                number=1,
                column=letter,
                header=header,
                letter=letter,
            )
    return mapping if ok else None


def _merged_problems(sheet: Sheet, ctx: _Context) -> None:
    for ref in sheet.merged:
        first = ref.split(":")[0]
        match = re.match(r"([A-Z]+)(\d+)", first)
        ctx.add(
            None,
            N_(
                "cells %(range)s are merged: unmerge them and write the value in every "
                "row it belongs to"
            ),
            sheet=sheet.name,
            number=int(match.group(2)) if match else None,
            column=match.group(1) if match else None,
            range=ref,
        )


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _clean(
    sheet: Sheet, number: int, key: str, letter: str, value: Any, ctx: _Context
) -> str | None:
    """The cell's text as it will be stored, or None after adding its problem."""
    where: dict[str, Any] = {"sheet": sheet.name, "number": number, "column": letter}
    text = _plain(value).replace("\r\n", "\n")
    if text.strip() in EXCEL_ERRORS or _LIBREOFFICE_ERROR.match(text.strip()):
        ctx.add(
            None,
            N_(
                "this cell holds the spreadsheet error %(value)s instead of a value: fix the "
                "formula or type the value"
            ),
            value=text.strip(),
            **where,
        )
        return None
    if len(text) > MAX_CELL_CHARS:
        ctx.add(
            None,
            N_("this cell holds %(length)s characters; the most accepted is %(limit)s: shorten it"),
            length=len(text),
            limit=MAX_CELL_CHARS,
            **where,
        )
        return None
    cleaned = _ESCAPES.sub("", text)
    cleaned = _INVISIBLE.sub("", cleaned)
    if cleaned != text:
        ctx.note(
            CHANGED,
            N_("control or invisible characters removed: %(after)s"),
            after=cleaned.strip(),
            **where,
        )
    multiline = key.startswith(_MULTILINE_PREFIXES)
    if not multiline and ("\n" in cleaned.strip() or "\t" in cleaned):
        joined = re.sub(r"[ \t]*\n[ \t]*|\t", " ", cleaned.strip())
        ctx.note(
            CHANGED, N_("line breaks or tabs replaced by spaces: %(after)s"), after=joined, **where
        )
        cleaned = joined
    stripped = cleaned.strip()
    if stripped != cleaned and stripped:
        ctx.note(
            CHANGED, N_("spaces removed at the start or end: %(after)s"), after=stripped, **where
        )
    # A web address may hold a query ("?lang=ru"); nothing else here should.
    if sheet.legacy_encoding and key != "website" and _LOST_LETTER.search(stripped):
        ctx.add(
            None,
            N_(
                "%(value)s has a ? in place of a letter that the file's encoding "
                "(%(encoding)s) cannot hold, such as the Kazakh ә ғ қ ң ө ұ ү һ і: save the "
                "file as UTF-8 CSV or as .xlsx"
            ),
            value=stripped,
            encoding=sheet.legacy_encoding,
            **where,
        )
        return None
    return stripped


def _rows(sheet: Sheet, mapping: dict[str, int], ctx: _Context) -> list[_Row]:
    out = []
    by_index = {index: key for key, index in mapping.items()}
    for number, values in sheet.rows:
        cells: dict[str, str] = {}
        for index, key in by_index.items():
            letter = get_column_letter(index + 1)
            if (number, index) in sheet.formulas_without_value:
                ctx.add(
                    None,
                    N_(
                        "this cell holds a formula with no computed value: open the file in "
                        "Excel or LibreOffice and save it, or type the value"
                    ),
                    sheet=sheet.name,
                    number=number,
                    column=letter,
                )
                continue
            value = values[index] if index < len(values) else None
            text = _clean(sheet, number, key, letter, value, ctx)
            if text is not None:
                cells[key] = text
        out.append(_Row(sheet.name, number, cells))
    return out


def _validation_problems(
    ctx: _Context, row: _Row, error: ValidationError, letters: dict[str, str]
) -> None:
    for item in error.errors():
        loc = [str(p) for p in item["loc"]]
        field_name = loc[0] if loc else ""
        column = FIELD_COLUMNS.get(field_name)
        if column in ("name", "description", "position", "text"):
            present = [k for k in letters if k.startswith(column + "_") and row.cells.get(k)]
            column = present[0] if present else f"{column}_en"
        params = dict(item.get("ctx") or {})
        message = ERROR_MESSAGES.get(item["type"])
        if item["type"] == "enum":
            params = {"value": str(item.get("input", "")), "expected": params.get("expected", "")}
        elif message is None:
            message, params = (
                N_("this value is not accepted here: %(value)s"),
                {"value": str(item.get("input", ""))},
            )
        ctx.add(row, message, column=column, columns=letters, **params)


def _letters(mapping: dict[str, int]) -> dict[str, str]:
    return {key: get_column_letter(index + 1) for key, index in mapping.items()}


def _normalized_bin(text: str) -> tuple[str, str | None]:
    """The BIN as stored, and what was changed in it (a msgid) or None."""
    value = normalize_bin(text)
    change = N_("spaces and dashes removed from the BIN: %(after)s") if value != text else None
    if value.isdigit() and len(value) == 11:
        padded = "0" + value
        if is_valid_bin(padded):
            return padded, N_(
                "a leading zero restored: %(after)s (the cell held %(before)s, as Excel "
                "writes a BIN stored as a number); check that this is the right BIN"
            )
    return value, change


def _normalized_uscc(text: str) -> tuple[str, str | None]:
    value = normalize_uscc(text)
    if value == text:
        return value, None
    return value, N_("the USCC written in capitals without spaces: %(after)s")


def _normalize_identifiers(rows: list[_Row], letters: dict[str, str], ctx: _Context) -> None:
    for row in rows:
        for key, normalize in (("bin", _normalized_bin), ("uscc", _normalized_uscc)):
            text = row.cells.get(key, "")
            if not text:
                continue
            value, change = normalize(text)
            if change:
                ctx.note(
                    CHANGED,
                    change,
                    row=row,
                    column=key,
                    columns=letters,
                    before=text,
                    after=value,
                )
            row.cells[key] = value


def _normalized_reference(text: str) -> tuple[str, str | None]:
    """An organization named in Delegates or Profiles, normalised like its own columns."""
    as_bin, bin_change = _normalized_bin(text)
    if as_bin.isdigit() and len(as_bin) == 12:
        return as_bin, bin_change
    as_uscc = normalize_uscc(text)
    if len(as_uscc) == 18 and as_uscc.isalnum() and any(c.isdigit() for c in as_uscc):
        return as_uscc, (
            N_("the USCC written in capitals without spaces: %(after)s")
            if as_uscc != text
            else None
        )
    return text, None


def _parse_organizations(
    rows: list[_Row], letters: dict[str, str], ctx: _Context
) -> list[tuple[_Row, OrganizationIn]]:
    _normalize_identifiers(rows, letters, ctx)
    parsed: list[tuple[_Row, OrganizationIn]] = []
    for row in rows:
        c = row.cells
        source = _guess_source(c)
        kind = _word(KIND_WORDS, c.get("kind", ""))
        size = _word(SIZE_WORDS, c["size"]) if c.get("size") else None
        try:
            data = OrganizationIn(
                ref=c.get("ref") or None,
                kind=kind,
                region=_region(c.get("region", "")),
                names=_localized(c, "name", source),
                bin=c.get("bin") or None,
                uscc=c.get("uscc") or None,
                website=c.get("website") or None,
                size=size,
                isic=split_list(c.get("isic", "")),
                hs_offers=split_list(c.get("hs_offers", "")),
                hs_needs=split_list(c.get("hs_needs", "")),
                description=_localized(c, "description", source),
            )
        except ValidationError as error:
            _validation_problems(ctx, row, error, letters)
            continue
        if data.website and data.website != c.get("website"):
            ctx.note(
                CHANGED,
                N_("https:// added to the web address: %(after)s"),
                row=row,
                column="website",
                columns=letters,
                after=data.website,
            )
        parsed.append((row, data))
    # The same identifier twice in one file is a mistake, whatever the rest of the rows say.
    for attribute in ("bin", "uscc", "ref"):
        seen: dict[str, _Row] = {}
        for row, data in parsed:
            value = getattr(data, attribute)
            if not value:
                continue
            if value in seen:
                ctx.add(
                    row,
                    N_("%(value)s is repeated: row %(first)s has it already"),
                    column=attribute,
                    columns=letters,
                    value=value,
                    first=seen[value].number,
                )
            else:
                seen[value] = row
    return parsed


def _match_stored(
    session: Session,
    parsed: list[tuple[_Row, OrganizationIn]],
    letters: dict[str, str],
    ctx: _Context,
) -> dict[int, organization_service.StoredOrganization]:
    """The stored organization each row updates (by row index); a row may not rebind one."""
    stored = organization_service.find_organizations_by_identifiers(
        session,
        bins={d.bin for _, d in parsed if d.bin},
        usccs={d.uscc for _, d in parsed if d.uscc},
        refs={d.ref for _, d in parsed if d.ref},
    )
    matched: dict[int, organization_service.StoredOrganization] = {}
    for index, (row, data) in enumerate(parsed):
        found = {
            org.id: (attribute, org)
            for attribute in ("bin", "uscc", "ref")
            if getattr(data, attribute)
            and (org := stored.get((attribute, getattr(data, attribute)))) is not None
        }
        if len(found) > 1:
            ctx.add(
                row,
                N_(
                    "the identifiers in this row belong to different organizations in the "
                    "directory: use the identifiers of one of them"
                ),
                column="bin" if data.bin else "uscc",
                columns=letters,
            )
            continue
        if not found:
            continue
        by_attribute, org = next(iter(found.values()))  # what found it
        for attribute in ("bin", "uscc", "ref"):
            given, kept = getattr(data, attribute), getattr(org, attribute)
            if given and kept and given != kept:
                ctx.add(
                    row,
                    N_(
                        "the organization found by %(key)s has %(stored)s in this column in "
                        "the directory, not %(value)s: an import never rebinds an identifier; "
                        "correct the file, or change it in the directory first"
                    ),
                    column=attribute,
                    columns=letters,
                    value=given,
                    key=getattr(data, by_attribute),
                    stored=kept,
                )
        matched[index] = org
    return matched


def _likely_duplicates(
    session: Session,
    parsed: list[tuple[_Row, OrganizationIn]],
    matched: dict[int, organization_service.StoredOrganization],
    letters: dict[str, str],
    ctx: _Context,
) -> None:
    """New organizations whose name, in any script, matches another new one or a stored one."""
    matched_ids = {org.id for org in matched.values()}
    new = [(row, data) for index, (row, data) in enumerate(parsed) if index not in matched]
    if not new:
        return
    stored = [
        (org_id, identifier, key_text.split(" | "))
        for org_id, key_text, identifier in organization_service.organization_name_keys(session)
        if org_id not in matched_ids
    ]
    items: list[tuple[object, list[str]]] = [
        (index, [name_key(v) for v in data.names.values.values()])
        for index, (_row, data) in enumerate(new)
    ]
    items += [(("stored", org_id), keys) for org_id, _identifier, keys in stored]
    found: dict[int, list[int]] = defaultdict(list)
    for i, j in dedupe.similar_pairs(items):
        if i < len(new):
            found[j if j < len(new) else i].append(i if j < len(new) else j)
    for position in sorted(found):
        row, data = new[position]
        name = data.names.get("en") or ""
        for other in sorted(found[position]):
            if other < len(new):
                if other >= position:
                    continue
                ctx.add(
                    row,
                    N_(
                        "%(name)s looks like the organization in row %(other)s, written "
                        "in another script; give both the same identifier or change "
                        "the name"
                    ),
                    column=_name_column(row, data.names),
                    columns=letters,
                    name=name,
                    other=new[other][0].number,
                )
            else:
                _org_id, identifier, _keys = stored[other - len(new)]
                ctx.add(
                    row,
                    N_(
                        "%(name)s looks like an organization already in the directory "
                        "(%(identifier)s); use its identifier to update it"
                    ),
                    column=_name_column(row, data.names),
                    columns=letters,
                    name=name,
                    identifier=identifier,
                )


@dataclass
class _DelegateRow:
    row: _Row
    organization: str | None
    data: DelegateIn
    participation: ParticipationIn


class _Organizations:
    """Identifiers of the file's organizations, and lookups of stored ones, cached."""

    def __init__(self, session: Session, in_file: set[str]) -> None:
        self.session = session
        self.in_file = in_file
        self._stored: dict[str, int | None] = {}

    def known(self, value: str) -> bool:
        if value in self.in_file:
            return True
        if value not in self._stored:
            found = _find(self.session, value)
            self._stored[value] = found.id if found is not None else None
        return self._stored[value] is not None


def _organization_cell(
    row: _Row, letters: dict[str, str], organizations: _Organizations, ctx: _Context
) -> tuple[bool, str | None]:
    text = row.cells.get("organization", "")
    if not text:
        return True, None
    value, change = _normalized_reference(text)
    if change:
        ctx.note(
            CHANGED,
            change,
            row=row,
            column="organization",
            columns=letters,
            before=text,
            after=value,
        )
    if not organizations.known(value):
        ctx.add(
            row,
            N_(
                "no organization with the identifier %(value)s in this file or the directory: "
                "check it against the Organizations sheet"
            ),
            column="organization",
            columns=letters,
            value=value,
        )
        return False, None
    return True, value


def _parse_delegates(
    rows: list[_Row],
    letters: dict[str, str],
    organizations: _Organizations,
    ctx: _Context,
    event: Event | None,
) -> list[_DelegateRow]:
    out: list[_DelegateRow] = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        c = row.cells
        ok, org = _organization_cell(row, letters, organizations, ctx)
        if not ok:
            continue
        consent_text = c.get("consent", "").strip().casefold()
        if consent_text not in YES | NO:
            ctx.add(
                row,
                N_("write yes or no, not %(value)s"),
                column="consent",
                columns=letters,
                value=consent_text,
            )
            continue
        role = _word(ROLE_WORDS, c.get("role", "") or "participant")
        unavailable: list[UnavailableIn] = []
        try:
            for item in split_list(c.get("unavailable", "")):
                unavailable.append(UnavailableIn(day=date.fromisoformat(item[:10])))
        except ValueError:
            ctx.add(
                row,
                N_("dates must be written YYYY-MM-DD: %(value)s"),
                column="unavailable",
                columns=letters,
                value=c.get("unavailable", ""),
            )
            continue
        if unavailable and event is None:
            ctx.add(
                row,
                N_("unavailable dates need an event: import with --event"),
                column="unavailable",
                columns=letters,
            )
            continue
        if event is not None:
            outside = [u.day for u in unavailable if not event.starts_on <= u.day <= event.ends_on]
            if outside:
                # The day as typed, in the event's own calendar: never a UTC date.
                ctx.add(
                    row,
                    N_(
                        "%(day)s is not a day of the event (%(first)s to %(last)s): "
                        "correct the date"
                    ),
                    column="unavailable",
                    columns=letters,
                    day=outside[0].isoformat(),
                    first=event.starts_on.isoformat(),
                    last=event.ends_on.isoformat(),
                )
                continue
        source = _guess_source(c)
        try:
            data = DelegateIn(
                ref=c.get("ref") or None,
                names=_localized(c, "name", source),
                position=_localized(c, "position", source),
                languages=[x.lower() for x in split_list(c.get("languages", ""))],
                email=c.get("email") or None,
                phone=c.get("phone") or None,
                locale=c.get("locale") or source or "en",
                consent_share_contacts=consent_text in YES - {""},
            )
            participation = ParticipationIn(
                role=role, topics=split_list(c.get("topics", "")), unavailable=unavailable
            )
        except ValidationError as error:
            _validation_problems(ctx, row, error, letters)
            continue
        if data.email and data.email != c.get("email"):
            ctx.note(
                CHANGED,
                N_("the e-mail address written in small letters: %(after)s"),
                row=row,
                column="email",
                columns=letters,
                after=data.email,
            )
        repeated = False
        for what, value in (
            ("ref", data.ref),
            ("email", data.email),
            ("name", None if (data.ref or data.email) else _person_key(org, data)),
        ):
            if not value:
                continue
            if (what, value) in seen:
                ctx.add(
                    row,
                    N_(
                        "%(value)s is repeated: row %(first)s has it already; two people "
                        "need two different references, e-mails or names"
                    ),
                    column=_name_column(row, data.names) if what == "name" else what,
                    columns=letters,
                    value=value if what != "name" else (data.names.get("en") or ""),
                    first=seen[(what, value)],
                )
                repeated = True
                break
            seen[(what, value)] = row.number
        if not repeated:
            out.append(_DelegateRow(row, org, data, participation))
    return out


def _name_column(row: _Row, names: LocalizedText) -> str:
    """The name column a problem about the name points at: the one whose text it shows."""
    for lang in ("en", names.source, *LANG_ORDER):
        if lang and row.cells.get(f"name_{lang}"):
            return f"name_{lang}"
    return "name_en"


def _person_key(organization: str | None, data: DelegateIn) -> str:
    return f"{organization or ''}|{organization_service.organization_name_key(data.names)}"


def _parse_profiles(
    rows: list[_Row], letters: dict[str, str], organizations: _Organizations, ctx: _Context
) -> dict[str, list[CooperationProfileIn]]:
    out: dict[str, list[CooperationProfileIn]] = defaultdict(list)
    for row in rows:
        c = row.cells
        ok, org = _organization_cell(row, letters, organizations, ctx)
        if not ok:
            continue
        if org is None:
            ctx.add(
                row, N_("this cell is required: fill it in"), column="organization", columns=letters
            )
            continue
        try:
            profile = CooperationProfileIn(
                kind=_word(PROFILE_WORDS, c.get("kind", "")),
                hs=split_list(c.get("hs", "")),
                isic=split_list(c.get("isic", "")),
                text=_localized(c, "text", _guess_source(c)),
            )
        except ValidationError as error:
            _validation_problems(ctx, row, error, letters)
            continue
        out[org].append(profile)
    return out


def _select_sheets(
    sheets: list[Sheet], *, csv_kind: str, is_csv: bool, ctx: _Context
) -> dict[str, Sheet]:
    by_key: dict[str, Sheet] = {}
    for sheet in sheets:
        if sheet.hidden:
            if sheet.name != "Lists":  # the template's own hidden drop-down lists
                ctx.note(
                    IGNORED,
                    N_("sheet %(title)s is hidden: ignored; unhide it to import it"),
                    sheet=sheet.name,
                    title=sheet.name,
                )
            continue
        key = csv_kind if is_csv else sheet_key(sheet.name)
        if key is None:
            if sheet.rows or any(sheet.header):
                ctx.note(
                    IGNORED,
                    N_(
                        "sheet %(title)s is not Organizations, Delegates or Profiles: ignored "
                        "with its rows (%(count)s); rename it to import it"
                    ),
                    sheet=sheet.name,
                    title=sheet.name,
                    count=len(sheet.rows),
                )
            continue
        if key in by_key:
            ctx.add(
                None,
                N_(
                    "sheets %(first)s and %(title)s hold the same kind of rows: merge them "
                    "into one sheet"
                ),
                sheet=sheet.name,
                title=sheet.name,
                first=by_key[key].name,
            )
            continue
        by_key[key] = sheet
        if sheet.legacy_encoding:
            ctx.note(
                WARNING,
                N_(
                    "the file was read as %(encoding)s text, which cannot hold every Kazakh, "
                    "Russian and Chinese letter; save it as UTF-8 CSV or .xlsx when it needs them"
                ),
                sheet=sheet.name,
                encoding=sheet.legacy_encoding,
            )
    return by_key


def import_directory(
    session: Session,
    path: Path,
    *,
    csv_kind: str = "organizations",
    event_slug: str | None = None,
    allow_similar_names: bool = False,
    max_bytes: int = 10 * 1024 * 1024,
    max_rows: int = 20_000,
) -> ImportReport:
    """Check the whole file, then write it; raise InputRejected (nothing written) on a problem.

    The report lists every value changed on purpose and every sheet or column not read;
    `keruen.imports.report.report_rows` renders it."""
    ctx = _Context()
    event = event_service.get_event(session, event_slug) if event_slug else None
    sheets = read_table(path, max_bytes=max_bytes, max_rows=max_rows)
    is_csv = path.suffix.lower() in (".csv", ".txt", ".tsv")
    by_key = _select_sheets(sheets, csv_kind=csv_kind, is_csv=is_csv, ctx=ctx)
    if ctx.problems:
        raise InputRejected(ctx.problems)
    if not by_key:
        raise InputRejected(
            [
                Problem(
                    N_(
                        "no sheet named Organizations, Delegates or Profiles "
                        "(Организации, Делегаты, Предложения); the file has %(sheets)s: "
                        "rename the sheet that holds the rows, or start from the template"
                    ),
                    params={"sheets": ", ".join(shown(s.name) for s in sheets) or "—"},
                )
            ]
        )

    parsed_rows: dict[str, tuple[list[_Row], dict[str, str]]] = {}
    for key, sheet in by_key.items():
        columns = SHEETS[key][1]
        _merged_problems(sheet, ctx)
        mapping = _map_headers(sheet, columns, ctx)
        if mapping is None:
            continue
        if key == "organizations" and not any(k in mapping for k in ("bin", "uscc", "ref")):
            ctx.add(
                None,
                N_("the sheet needs a BIN, a USCC or a reference column"),
                sheet=sheet.name,
                number=1,
            )
            continue
        parsed_rows[key] = (_rows(sheet, mapping, ctx), _letters(mapping))
    if ctx.problems:
        raise InputRejected(ctx.problems)

    organizations: list[tuple[_Row, OrganizationIn]] = []
    matched: dict[int, organization_service.StoredOrganization] = {}
    if "organizations" in parsed_rows:
        rows, letters = parsed_rows["organizations"]
        organizations = _parse_organizations(rows, letters, ctx)
        matched = _match_stored(session, organizations, letters, ctx)
        if not ctx.problems and not allow_similar_names:
            _likely_duplicates(session, organizations, matched, letters, ctx)
    in_file = {v for _, d in organizations for v in (d.bin, d.uscc, d.ref) if v}
    lookups = _Organizations(session, in_file)
    delegates: list[_DelegateRow] = []
    if "delegates" in parsed_rows:
        rows, letters = parsed_rows["delegates"]
        delegates = _parse_delegates(rows, letters, lookups, ctx, event)
    profiles: dict[str, list[CooperationProfileIn]] = {}
    if "profiles" in parsed_rows:
        rows, letters = parsed_rows["profiles"]
        profiles = _parse_profiles(rows, letters, lookups, ctx)
    if ctx.problems:
        raise InputRejected(ctx.problems)

    # Everything checked: write.
    report = ImportReport(notes=ctx.notes)
    org_ids: dict[str, int] = {}
    try:
        results = organization_service.upsert_organizations(
            session,
            rows=[(data, matched.get(index)) for index, (_row, data) in enumerate(organizations)],
        )
    except Conflict as error:  # checked above; a concurrent writer may still get here
        raise InputRejected([Problem(error.message, params=error.params)]) from None
    for (_row, data), result in zip(organizations, results, strict=True):
        report.organizations.add(result.created, result.changed)
        for value in (data.bin, data.uscc, data.ref):
            if value:
                org_ids[value] = result.id
    for org_key, items in profiles.items():
        org_id = org_ids.get(org_key)
        organization = session.get(Organization, org_id) if org_id else _find(session, org_key)
        assert organization is not None
        if organization_service.replace_profiles(
            session, organization=organization, profiles=items
        ):
            report.profiles_replaced += 1
    delegate_orgs: list[int | None] = []
    for item in delegates:
        org_id = None
        if item.organization:
            org_id = org_ids.get(item.organization)
            if org_id is None:
                found = _find(session, item.organization)
                assert found is not None
                org_id = found.id
        delegate_orgs.append(org_id)
    written = organization_service.upsert_delegates(
        session,
        rows=[(org_id, item.data) for org_id, item in zip(delegate_orgs, delegates, strict=True)],
    )
    for result in written:
        report.delegates.add(result.created, result.changed)
    if event is not None and delegates:
        event_service.set_participations(
            session,
            event=event,
            rows=[
                (result.id, item.participation)
                for item, result in zip(delegates, written, strict=True)
            ],
        )
        report.participations += len(delegates)
    session.flush()
    if report.organizations.created + report.delegates.created >= _ANALYZE_AFTER:
        _refresh_statistics(session)
    return report


# PostgreSQL keeps a statement's plan per connection; one prepared while these tables were nearly
# empty scans them whole for every look-up afterwards (a pooled web connection keeps it until
# autovacuum's next ANALYZE): the re-import of 20,000 delegates took three times as long.
_ANALYZE_AFTER = 1_000
_FILLED_TABLES = (
    Organization,
    OrganizationActivity,
    OrganizationProduct,
    Delegate,
    Participation,
    Unavailability,
)


def _refresh_statistics(session: Session) -> None:
    """Fresh planner statistics after a large import on PostgreSQL (ANALYZE also drops the
    cached plans that name these tables); nothing to do on SQLite."""
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return
    quote = bind.dialect.identifier_preparer.format_table
    names = ", ".join(quote(model.__table__) for model in _FILLED_TABLES)
    session.execute(text(f"ANALYZE {names}"))


def _find(session: Session, value: str) -> Organization | None:
    try:
        return organization_service.find_organization(
            session,
            bin=value if value.isdigit() else None,
            uscc=value.upper() if len(value) == 18 else None,
            ref=value,
        )
    except Conflict:
        return None
