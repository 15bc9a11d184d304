"""The leadership report, as PDF (WeasyPrint, like the printed agendas) and as Excel.

The headline ("N organizations of both regions held M meetings; K agreements worth X; the
pipeline holds P projects worth Y, Z jobs") has a footnote on every figure; the PDF's annex lists,
per figure, the items it is the sum of with their values and sources, and the workbook has a
Summary sheet (the sentence and the figures) and one sheet per family of figures listing the
same items: every number can be traced to the rows and sources behind it."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from keruen.core.i18n_markers import N_
from keruen.core.names import display_name
from keruen.core.timeutil import utcnow
from keruen.events.models import Event
from keruen.i18n import BABEL_LOCALES, get_translations, normalize_locale
from keruen.investments import queries
from keruen.investments.enums import Measure
from keruen.investments.queries import Board, Figure
from keruen.reports import dashboards as views

if TYPE_CHECKING:
    from jinja2 import Environment

HERE = Path(__file__).parent / "templates"


@cache
def _env() -> Environment:
    """The report's templates (Jinja loads on the first report, not with every command)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(
        loader=FileSystemLoader(str(HERE)),
        autoescape=select_autoescape(["html"]),
        auto_reload=False,
    )


# The families of figures the report shows, in order: (board, family, title); each is a table
# in the PDF (its figures numbered into the annex) and a sheet of the workbook.
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("event", "meetings", N_("Meetings")),
    ("event", "organizations_held", N_("Organizations that held meetings")),
    ("event", "follow_up", N_("Follow-ups")),
    ("event", "agreement_kind", N_("Agreements by kind")),
    ("event", "agreement_level", N_("Agreements by level")),
    ("pipeline", "totals", N_("Pipeline")),
    ("pipeline", "jobs", N_("Jobs")),
    ("pipeline", "stage", N_("By stage")),
    ("pipeline", "sector", N_("By sector (ISIC division)")),
    ("pipeline", "country", N_("By investor country")),
    ("pipeline", "year", N_("By year")),
)
PIPELINE_TOTALS = ("projects", "capex_planned", "capex_spent", "dropped", "capex_planned.dropped")


@dataclass
class Report:
    """The report's content in one language: boards, the headline and the numbered figures."""

    locale: str
    event: Event | None
    event_board: Board | None
    pipeline_board: Board
    parts: list[views.Part]
    sentence: str
    numbered: dict[str, int] = field(default_factory=dict)  # "scope:key" → annex number

    # ------------------------------------------------------------ the sections

    def section(self, scope: str, family: str) -> list[Figure]:
        board = self.event_board if scope == "event" else self.pipeline_board
        if board is None:
            return []
        if family == "meetings":
            return [
                board[k]
                for k in ("requests", "accepted", "scheduled", "held", "no_show", "unmarked")
            ]
        if family == "totals":
            return [board[k] for k in PIPELINE_TOTALS]
        figures = board.family(family)
        paired = board.family(f"{family}.usd") or board.family(f"{family}.capex")
        if paired:
            return [f for pair in zip(figures, paired, strict=True) for f in pair]
        return figures

    def sections(self) -> list[tuple[str, str, str, list[Figure]]]:
        return [
            (scope, family, title, self.section(scope, family))
            for scope, family, title in SECTIONS
            if self.section(scope, family)
        ]

    def number(self, scope: str, figure: Figure) -> int:
        key = f"{scope}:{figure.key}"
        if key not in self.numbered:
            self.numbered[key] = len(self.numbered) + 1
        return self.numbered[key]

    def projects(self) -> list[dict[str, Any]]:
        """The pipeline's projects, largest first: name, stage and since when, capex planned and
        permanent jobs planned in force: the same items the totals are the sums of."""
        from babel.numbers import format_decimal

        board = self.pipeline_board
        capex = {i.ref: i for i in board["capex_planned"].items}
        jobs = {i.ref: i for i in board[f"jobs.{Measure.JOBS_PERMANENT_PLANNED.value}"].items}
        rows = []
        for item in board["projects"].items:
            usd = capex[item.ref].value if item.ref in capex else None
            people = jobs[item.ref].value if item.ref in jobs else None
            rows.append(
                {
                    "ref": item.ref,
                    "name": item.label,
                    "stage": item.detail,
                    "since": self._date(item.when) if item.when else "",
                    "capex": usd,
                    "capex_text": views.money(usd, self.locale) if usd is not None else "—",
                    "jobs": people,
                    "jobs_text": format_decimal(people, locale=BABEL_LOCALES[self.locale])
                    if people is not None
                    else "—",
                }
            )
        return sorted(rows, key=lambda r: (-(r["capex"] or 0), r["name"]))

    # ------------------------------------------------------------ PDF

    def html(self) -> str:
        t = get_translations(self.locale)
        _ = t.gettext
        self.numbered.clear()
        for part in self.parts:
            self.number(part.scope, part.figure)
        tables = []
        annex: list[dict[str, Any]] = []
        for scope, _family, title, figures in self.sections():
            rows = []
            for figure in figures:
                n = self.number(scope, figure)
                rows.append(self._row(figure, n))
            tables.append({"title": _(title), "rows": rows})
        lookup = {f"{s}:{f.key}": (s, f) for s, _fam, _t, fs in self.sections() for f in fs}
        for part in self.parts:
            lookup[f"{part.scope}:{part.figure.key}"] = (part.scope, part.figure)
        for key, n in sorted(self.numbered.items(), key=lambda kv: kv[1]):
            _scope, figure = lookup[key]
            if not figure.items and not figure.uncounted:
                continue
            annex.append(
                {
                    **self._row(figure, n),
                    "items": self._items(figure),
                    "uncounted": self._items(figure, uncounted=True),
                }
            )
        charts = []
        if self.event_board is not None and self.event is not None:
            charts += views.event_charts(self.event_board, self.event.slug, self.locale)
        charts += views.pipeline_charts(self.pipeline_board, self.locale)
        context = {
            "lang": self.locale,
            "_": _,
            "title": _(N_("Leadership report")),
            "event_name": self._event_name(),
            "today": self._date(utcnow().date()),
            "parts": [
                {"text": p.text, "note": self.numbered[f"{p.scope}:{p.figure.key}"]}
                for p in self.parts
            ],
            "separators": self._separators(),
            "tables": tables,
            "projects": self.projects(),
            "annex": annex,
            "charts": charts,
            "rules": [_(r) for r in RULES],
        }
        return _env().get_template("report.html").render(context)

    def pdf(self) -> bytes:
        from weasyprint import CSS, HTML

        stylesheet = CSS(filename=str(HERE / "report.css"))
        return HTML(string=self.html(), base_url=str(HERE)).write_pdf(stylesheets=[stylesheet])

    def _separators(self) -> list[str]:
        """What follows each clause of the headline in the sentence (its punctuation)."""
        if len(self.parts) != 5:
            return [", ", "."]
        t = get_translations(self.locale)
        filled = t.gettext("%(who)s %(meetings)s; %(agreements)s; %(pipeline)s, %(jobs)s.")
        marks = ["%(who)s", "%(meetings)s", "%(agreements)s", "%(pipeline)s", "%(jobs)s"]
        out = []
        for here, after in zip(marks, [*marks[1:], None], strict=True):
            start = filled.index(here) + len(here)
            end = filled.index(after) if after else len(filled)
            out.append(filled[start:end])
        return out

    def _event_name(self) -> str:
        if self.event is None:
            return ""
        names = self.event.names
        return display_name(dict(names.values), names.source, self.locale)

    def _date(self, value: date) -> str:
        from babel.dates import format_date

        return format_date(value, "long", locale=BABEL_LOCALES[self.locale])

    def _row(self, figure: Figure, n: int) -> dict[str, Any]:
        t = get_translations(self.locale)
        return {
            "n": n,
            "label": t.gettext(figure.label),
            "category": figure.category_label,
            "value": views.shown(figure, self.locale),
            "note": (t.gettext(figure.note) % {"count": len(figure.uncounted)})
            if figure.note
            else "",
        }

    def _items(self, figure: Figure, uncounted: bool = False) -> list[dict[str, Any]]:
        out = []
        for item in figure.uncounted if uncounted else figure.items:
            sources = "; ".join(
                " · ".join(
                    x
                    for x in (
                        views.amount(r.value, r.currency, self.locale),
                        f"{r.usd_rate} USD ({self._date(r.rate_date)})"
                        if r.usd_rate and r.rate_date
                        else (f"{r.usd_rate} USD" if r.usd_rate else ""),
                        self._date(r.as_of),
                        r.source,
                        r.source_url or "",
                    )
                    if x
                )
                for r in item.rows
            )
            out.append(
                {
                    "ref": item.ref,
                    "label": item.label,
                    "detail": item.detail,
                    "value": "" if uncounted else views.item_value(item, figure, self.locale),
                    "sources": sources,
                }
            )
        return out

    # ------------------------------------------------------------ Excel

    def xlsx(self) -> bytes:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        t = get_translations(self.locale)
        _ = t.gettext
        book = Workbook()
        summary = book.active
        assert summary is not None
        summary.title = _(N_("Summary"))[:31]
        summary.append([_(N_("Leadership report")), self._event_name()])
        summary["A1"].font = Font(bold=True, size=13)
        summary.append([self.sentence])
        summary.append([])
        summary.append(
            [
                _(N_("Figure")),
                _(N_("Category")),
                _(N_("Value")),
                _(N_("Unit")),
                _(N_("Traced in sheet")),
            ]
        )
        for cell in summary[4]:
            cell.font = Font(bold=True)
        used: set[str] = set()
        plan: list[tuple[str, str, list[Figure]]] = []
        for scope, _family, title, figures in self.sections():
            name = _(title)[:28]
            while name in used:
                name = name[:26] + f"{len(used)}"
            used.add(name)
            plan.append((name, scope, figures))
        headline_sheet = _(N_("Headline"))[:31]
        for part in self.parts:
            summary.append(
                [
                    part.text,
                    part.figure.category_label,
                    part.figure.value,
                    part.figure.unit,
                    headline_sheet,
                ]
            )
        for name, _scope, figures in plan:
            for figure in figures:
                summary.append(
                    [_(figure.label), figure.category_label, figure.value, figure.unit, name]
                )
        summary.column_dimensions["A"].width = 60
        summary.column_dimensions["B"].width = 30
        summary.column_dimensions["C"].width = 18
        self._sheet(book, headline_sheet, [p.figure for p in self.parts])
        projects = book.create_sheet(_(N_("Projects"))[:31])
        projects.append(
            [
                _(N_("Reference")),
                _(N_("Project")),
                _(N_("Stage")),
                _(N_("Capital expenditure planned, US$")),
                _(N_("Permanent jobs planned")),
            ]
        )
        for cell in projects[1]:
            cell.font = Font(bold=True)
        for row in self.projects():
            projects.append([row["ref"], row["name"], row["stage"], row["capex"], row["jobs"]])
        projects.column_dimensions["B"].width = 60
        for name, _scope, figures in plan:
            self._sheet(book, name, figures)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    def _sheet(self, book: Any, name: str, figures: list[Figure]) -> None:
        from openpyxl.styles import Font

        t = get_translations(self.locale)
        _ = t.gettext
        sheet = book.create_sheet(name)
        header = [
            _(N_("Figure")),
            _(N_("Category")),
            _(N_("Figure value")),
            _(N_("Kind")),
            _(N_("Reference")),
            _(N_("Name")),
            _(N_("Detail")),
            _(N_("Value")),
            _(N_("Reported")),
            _(N_("Currency")),
            _(N_("Rate (US$ per unit)")),
            _(N_("Rate date")),
            _(N_("US$")),
            _(N_("As of")),
            _(N_("Source")),
            _(N_("Link")),
            _(N_("Counted in the sum")),
        ]
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for figure in figures:
            for counted, items in ((True, figure.items), (False, figure.uncounted)):
                for item in items:
                    rows = item.rows or (None,)
                    for row in rows:
                        sheet.append(
                            [
                                _(figure.label),
                                figure.category_label,
                                figure.value,
                                item.kind,
                                item.ref,
                                item.label,
                                item.detail,
                                item.value if counted else None,
                                row.value if row else None,
                                row.currency if row else None,
                                row.usd_rate if row else None,
                                row.rate_date if row else None,
                                row.usd_value if row else None,
                                row.as_of if row else None,
                                row.source if row else None,
                                row.source_url if row else None,
                                _(N_("yes")) if counted else _(N_("no")),
                            ]
                        )
        for column, width in zip(
            "ABCDEFGHIJKLMNOPQ",
            (34, 26, 16, 11, 20, 40, 24, 16, 18, 9, 12, 12, 16, 12, 40, 30, 10),
            strict=True,
        ):
            sheet.column_dimensions[column].width = width


RULES = (
    N_(
        "Each project counts with its figure in force: the latest reported (as of), then the "
        "latest entered. Amounts are summed in US dollars, converted at the rate kept with each "
        "figure."
    ),
    N_(
        "Dropped projects are not in the pipeline totals; they are shown apart. A project counts "
        "under its lead investor's country."
    ),
    N_(
        "Agreements and projects without an amount in US dollars are counted but not summed; the "
        "annex lists them."
    ),
    N_("Held and no-shows are the on-site marks of the published meetings."),
)


def leadership_report(
    session: Session, locale: str, event: Event | None, attendance: dict[str, str]
) -> Report:
    """The report in `locale`: the event's figures when an event is given (its on-site marks in
    `attendance`), and the whole pipeline."""
    locale = normalize_locale(locale)
    pipeline = queries.pipeline_board(session, locale)
    event_board = queries.event_board(session, event, attendance, locale) if event else None
    if event_board is not None:
        parts = views.headline_parts(
            queries.headline(event_board, pipeline),
            locale,
            two_sides=event is not None and len(event.sides) == 2,
        )
        sentence = views.headline_text(parts, locale)
    else:
        parts = views.pipeline_parts(pipeline, locale)
        sentence = f"{parts[0].text}, {parts[1].text}."
    return Report(locale, event, event_board, pipeline, parts, sentence)
