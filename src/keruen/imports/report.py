"""What an import did, for the person who ran it: counts, every value changed on purpose (row by
row), every sheet and column it did not read, and warnings. `report_rows` renders it as plain
rows of (sheet, row, column, message) in the reader's language; the CLI and the web page only
lay those rows out (and escape them for their medium: console markup, HTML)."""

from __future__ import annotations

import gettext
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from keruen.core.errors import render_message
from keruen.core.i18n_markers import N_

CHANGED = "changed"
IGNORED = "ignored"
WARNING = "warning"

_SHOWN_MAX = 80


def shown(value: object) -> str:
    """A value as it may be echoed: control characters made visible, long text cut."""
    text = "" if value is None else str(value)
    out = []
    for char in text:
        if char in "\n\r\t":
            out.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co"):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    result = "".join(out)
    return result if len(result) <= _SHOWN_MAX else result[: _SHOWN_MAX - 1] + "…"


@dataclass(frozen=True)
class Note:
    """One thing the reader must see: `message` is a msgid with `%(name)s` placeholders."""

    kind: str  # CHANGED, IGNORED or WARNING
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, translations: gettext.NullTranslations | None = None) -> str:
        return render_message(self.message, self.params, translations)


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, created: bool, changed: bool) -> None:
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1


@dataclass
class ImportReport:
    organizations: Counts = field(default_factory=Counts)
    delegates: Counts = field(default_factory=Counts)
    profiles_replaced: int = 0
    participations: int = 0
    notes: list[Note] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.organizations.created
            or self.organizations.updated
            or self.delegates.created
            or self.delegates.updated
            or self.profiles_replaced
        )

    def of_kind(self, kind: str) -> list[Note]:
        return [n for n in self.notes if n.kind == kind]


@dataclass(frozen=True)
class ReportRow:
    sheet: str
    row: str
    column: str
    message: str


_KIND_ORDER = {WARNING: 0, IGNORED: 1, CHANGED: 2}


def report_rows(
    report: ImportReport, translations: gettext.NullTranslations | None = None
) -> list[ReportRow]:
    """Every note of the report as plain text rows, warnings first, then by sheet and row.

    Values inside messages have already passed through `shown`; the caller must still escape
    the text for its medium (console markup, HTML) — nothing here is markup.
    """

    def order(note: Note) -> tuple[int, str, int, str]:
        return (_KIND_ORDER.get(note.kind, 3), note.sheet or "", note.row or 0, note.column or "")

    rows = []
    for note in sorted(report.notes, key=order):
        rows.append(
            ReportRow(
                sheet=note.sheet or "",
                row=str(note.row) if note.row else "",
                column=note.column or "",
                message=note.render(translations),
            )
        )
    return rows


# Headings the CLI and the page put above the rows, in the catalogs.
REPORT_TITLE = N_("What the import changed or did not read:")
