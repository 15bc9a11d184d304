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
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from pydantic import ValidationError
from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen.core.errors import InputRejected, Problem
from keruen.core.i18n_markers import N_
from keruen.core.names import name_key, squashed
from keruen.core.text import LocalizedText
from keruen.events import service as event_service
from keruen.events.enums import ParticipationRole
from keruen.events.schemas import ParticipationIn, UnavailableIn
from keruen.imports.columns import SHEETS, Column, fold_header, sheet_key
from keruen.imports.reader import Sheet, read_table
from keruen.organizations import service as organization_service
from keruen.organizations.enums import OrganizationKind, OrganizationSize, ProfileKind
from keruen.organizations.models import Delegate, Organization
from keruen.organizations.schemas import CooperationProfileIn, DelegateIn, OrganizationIn
from keruen.reference.regions import load_regions

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
}


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, result: organization_service.Upserted) -> None:
        if result.created:
            self.created += 1
        elif result.changed:
            self.updated += 1
        else:
            self.unchanged += 1


@dataclass
class ImportReport:
    organizations: Counts = field(default_factory=Counts)
    delegates: Counts = field(default_factory=Counts)
    profiles_replaced: int = 0
    participations: int = 0

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.organizations.created
            or self.organizations.updated
            or self.delegates.created
            or self.delegates.updated
            or self.profiles_replaced
        )


@dataclass
class _Row:
    sheet: str
    number: int
    cells: dict[str, str]


@dataclass
class _Context:
    problems: list[Problem] = field(default_factory=list)

    def add(
        self,
        row: _Row | None,
        message: str,
        *,
        column: str | None = None,
        columns: dict[str, str] | None = None,
        sheet: str | None = None,
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
                row=row.number if row else None,
                column=letter,
                value=value,
                params=params,
            )
        )


def split_list(text: str) -> list[str]:
    """'0116; 0163, 1311' → ['0116', '0163', '1311']; '520100 — Cotton' → ['520100']."""
    items = [p.strip() for p in re.split(r"[;,\n]+", text or "") if p.strip()]
    return [re.split(r"\s+[—–-]\s+", item, maxsplit=1)[0].strip() for item in items]


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
    code = split_list(value)[0] if value.strip() else ""
    regions = load_regions()
    if code.upper() in regions:
        return code.upper()
    folded = value.strip().casefold()
    for record in regions.values():
        if any(folded == n.casefold() for n in record.names.values.values()):
            return record.code
    return code


def _word(table: dict[str, Any], value: str) -> Any:
    text = split_list(value)[0].casefold() if value.strip() else ""
    return table.get(text, text)


def _map_headers(sheet: Sheet, columns: list[Column], ctx: _Context) -> dict[str, int] | None:
    lookup = {alias: col.key for col in columns for alias in col.aliases()}
    mapping: dict[str, int] = {}
    ok = True
    for index, header in enumerate(sheet.header):
        if not header:
            continue
        parts = [header, *re.split(r"\s*/\s*|\n", header)]
        key = next((lookup[fold_header(p)] for p in parts if fold_header(p) in lookup), None)
        letter = get_column_letter(index + 1)
        if key is None:
            ctx.add(
                None,
                N_("unknown column header %(header)s in column %(letter)s"),
                sheet=sheet.name,
                column=letter,
                header=header,
                letter=letter,
            )
            ok = False
        elif key in mapping:
            ctx.add(
                None,
                N_("column %(letter)s repeats the header %(header)s"),
                sheet=sheet.name,
                column=letter,
                header=header,
                letter=letter,
            )
            ok = False
        else:
            mapping[key] = index
    for col in columns:
        if col.required and col.key not in mapping:
            ctx.add(
                None,
                N_("the required column %(header)s is missing"),
                sheet=sheet.name,
                header=col.header,
            )
            ok = False
    return mapping if ok else None


def _rows(sheet: Sheet, mapping: dict[str, int], columns: list[Column]) -> list[_Row]:
    text_keys = {c.key for c in columns if c.text_format}
    out = []
    for number, values in sheet.rows:
        cells: dict[str, str] = {}
        for key, index in mapping.items():
            value = values[index] if index < len(values) else None
            if value is None:
                text = ""
            elif isinstance(value, float) and value.is_integer():
                text = str(int(value))
            elif isinstance(value, date):
                text = value.isoformat()[:10]
            else:
                text = str(value).strip()
            if key == "bin" and text.isdigit() and len(text) == 11 and key in text_keys:
                text = "0" + text  # Excel stored the BIN as a number and dropped its leading 0
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
        if message is None:
            message, params = (
                N_("%(field)s: %(detail)s"),
                {"field": field_name or "row", "detail": item["msg"]},
            )
        ctx.add(row, message, column=column, columns=letters, **params)


def _letters(mapping: dict[str, int]) -> dict[str, str]:
    return {key: get_column_letter(index + 1) for key, index in mapping.items()}


def _parse_organizations(
    rows: list[_Row], letters: dict[str, str], ctx: _Context
) -> list[tuple[_Row, OrganizationIn]]:
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


def _similar(a: str, b: str) -> bool:
    sa, sb = squashed(a), squashed(b)
    if not sa or not sb:
        return False
    return sa == sb or (min(len(sa), len(sb)) >= 5 and fuzz.ratio(sa, sb) >= 85)


def _likely_duplicates(
    session: Session,
    parsed: list[tuple[_Row, OrganizationIn]],
    letters: dict[str, str],
    ctx: _Context,
) -> None:
    """New organizations whose name, in any script, matches another new one or a stored one."""
    stored = list(
        session.execute(
            select(
                Organization.id,
                Organization.name_key,
                Organization.bin,
                Organization.uscc,
                Organization.ref,
            )
        )
    )
    matched_ids: set[int] = set()
    new: list[tuple[_Row, OrganizationIn, list[str]]] = []
    for row, data in parsed:
        existing = organization_service.find_organization(
            session, bin=data.bin, uscc=data.uscc, ref=data.ref
        )
        if existing is not None:
            matched_ids.add(existing.id)
            continue
        keys = [name_key(v) for v in data.names.values.values()]
        new.append((row, data, [k for k in keys if k]))
    for i, (row, data, keys) in enumerate(new):
        name = data.names.get("en") or ""
        for other_row, _other, other_keys in new[:i]:
            if any(_similar(a, b) for a in keys for b in other_keys):
                ctx.add(
                    row,
                    N_(
                        "%(name)s looks like the organization in row %(other)s, written "
                        "in another script; give both the same identifier or change "
                        "the name"
                    ),
                    column="name_en",
                    columns=letters,
                    name=name,
                    other=other_row.number,
                )
        for org_id, key_text, bin_, uscc, ref in stored:
            if org_id in matched_ids:
                continue
            if any(_similar(a, b) for a in keys for b in key_text.split(" | ")):
                ctx.add(
                    row,
                    N_(
                        "%(name)s looks like an organization already in the directory "
                        "(%(identifier)s); use its identifier to update it"
                    ),
                    column="name_en",
                    columns=letters,
                    name=name,
                    identifier=bin_ or uscc or ref or str(org_id),
                )


def _organization_keys(session: Session, parsed: list[tuple[_Row, OrganizationIn]]) -> set[str]:
    keys = {v for _, d in parsed for v in (d.bin, d.uscc, d.ref) if v}
    return keys


def _resolve_org(session: Session, value: str, in_file: set[str]) -> bool:
    return value in in_file or _find(session, value) is not None


@dataclass
class _DelegateRow:
    row: _Row
    organization: str | None
    data: DelegateIn
    participation: ParticipationIn


def _parse_delegates(
    session: Session,
    rows: list[_Row],
    letters: dict[str, str],
    in_file: set[str],
    ctx: _Context,
    has_event: bool,
) -> list[_DelegateRow]:
    out: list[_DelegateRow] = []
    emails: dict[str, int] = {}
    for row in rows:
        c = row.cells
        org = c.get("organization", "").strip() or None
        if org and not _resolve_org(session, org, in_file):
            ctx.add(
                row,
                N_("no organization with the identifier %(value)s in this file or the directory"),
                column="organization",
                columns=letters,
                value=org,
            )
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
                unavailable.append(UnavailableIn(day=date.fromisoformat(item)))
        except ValueError:
            ctx.add(
                row,
                N_("dates must be written YYYY-MM-DD: %(value)s"),
                column="unavailable",
                columns=letters,
                value=c.get("unavailable", ""),
            )
            continue
        if unavailable and not has_event:
            ctx.add(
                row,
                N_("unavailable dates need an event: import with --event"),
                column="unavailable",
                columns=letters,
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
        if data.email:
            if data.email in emails:
                ctx.add(
                    row,
                    N_("%(value)s is repeated: row %(first)s has it already"),
                    column="email",
                    columns=letters,
                    value=data.email,
                    first=emails[data.email],
                )
                continue
            emails[data.email] = row.number
        out.append(_DelegateRow(row, org, data, participation))
    return out


def _parse_profiles(
    session: Session, rows: list[_Row], letters: dict[str, str], in_file: set[str], ctx: _Context
) -> dict[str, list[CooperationProfileIn]]:
    out: dict[str, list[CooperationProfileIn]] = defaultdict(list)
    for row in rows:
        c = row.cells
        org = c.get("organization", "").strip()
        if not _resolve_org(session, org, in_file):
            ctx.add(
                row,
                N_("no organization with the identifier %(value)s in this file or the directory"),
                column="organization",
                columns=letters,
                value=org,
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
    """Check the whole file, then write it; raise InputRejected (nothing written) on a problem."""
    ctx = _Context()
    event = event_service.get_event(session, event_slug) if event_slug else None
    sheets = read_table(path, max_bytes=max_bytes, max_rows=max_rows)
    by_key: dict[str, Sheet] = {}
    is_csv = path.suffix.lower() in (".csv", ".txt")
    for sheet in sheets:
        key = csv_kind if is_csv else sheet_key(sheet.name)
        if key is not None and key not in by_key:
            by_key[key] = sheet
    if not by_key:
        raise InputRejected(
            [
                Problem(
                    N_(
                        "no sheet named Organizations, Delegates or Profiles "
                        "(Организации, Делегаты, Предложения)"
                    )
                )
            ]
        )

    parsed_rows: dict[str, tuple[list[_Row], dict[str, str]]] = {}
    for key, sheet in by_key.items():
        columns = SHEETS[key][1]
        mapping = _map_headers(sheet, columns, ctx)
        if mapping is None:
            continue
        if key == "organizations" and not any(k in mapping for k in ("bin", "uscc", "ref")):
            ctx.add(
                None, N_("the sheet needs a BIN, a USCC or a reference column"), sheet=sheet.name
            )
            continue
        parsed_rows[key] = (_rows(sheet, mapping, columns), _letters(mapping))
    if ctx.problems:
        raise InputRejected(ctx.problems)

    organizations: list[tuple[_Row, OrganizationIn]] = []
    if "organizations" in parsed_rows:
        rows, letters = parsed_rows["organizations"]
        organizations = _parse_organizations(rows, letters, ctx)
        if not ctx.problems and not allow_similar_names:
            _likely_duplicates(session, organizations, letters, ctx)
    in_file = _organization_keys(session, organizations)
    delegates: list[_DelegateRow] = []
    if "delegates" in parsed_rows:
        rows, letters = parsed_rows["delegates"]
        delegates = _parse_delegates(session, rows, letters, in_file, ctx, event is not None)
    profiles: dict[str, list[CooperationProfileIn]] = {}
    if "profiles" in parsed_rows:
        rows, letters = parsed_rows["profiles"]
        profiles = _parse_profiles(session, rows, letters, in_file, ctx)
    if ctx.problems:
        raise InputRejected(ctx.problems)

    # Everything checked: write.
    report = ImportReport()
    org_ids: dict[str, int] = {}
    for _row, data in organizations:
        result = organization_service.upsert_organization(session, data=data)
        report.organizations.add(result)
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
    for item in delegates:
        org_id = None
        if item.organization:
            org_id = org_ids.get(item.organization)
            if org_id is None:
                found = _find(session, item.organization)
                assert found is not None
                org_id = found.id
        result = organization_service.upsert_delegate(
            session, organization_id=org_id, data=item.data
        )
        report.delegates.add(result)
        if event is not None:
            delegate = session.get(Delegate, result.id)
            assert delegate is not None
            event_service.set_participation(
                session, event=event, delegate=delegate, data=item.participation
            )
            report.participations += 1
    session.flush()
    return report


def _find(session: Session, value: str) -> Organization | None:
    return organization_service.find_organization(
        session,
        bin=value if value.isdigit() else None,
        uscc=value.upper() if len(value) == 18 else None,
        ref=value,
    )
