"""What the dashboards and the leadership report share: the figures as a reader reads them
(numbers and money in their locale), the links from every number to the page that lists the
items behind it, the charts, and the headline sentence with its plurals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from babel.numbers import format_decimal

from keruen import i18n
from keruen.core.i18n_markers import N_
from keruen.i18n import BABEL_LOCALES, get_translations, normalize_locale
from keruen.investments.enums import MEASURE_LABELS, STAGE_LABELS
from keruen.investments.queries import (
    COUNT,
    PIPELINE_STAGES,
    USD,
    Board,
    Figure,
    Headline,
    Item,
)
from keruen.reports.charts import Bar, Series, bar_chart, line_chart

# Words only the pages and documents use.
WORDS = (
    N_("Dashboard"),
    N_("Pipeline dashboard"),
    N_("Leadership report"),
    N_("Items behind this figure"),
    N_("Total"),
    N_("Source"),
    N_("As of"),
    N_("Rate"),
    N_("Value"),
    N_("Reported"),
)


def money(value: int, locale: str, *, compact: bool = False) -> str:
    """US dollars in the reader's locale: exact, or compact where a sentence reads better."""
    return i18n.money(value, "USD", locale, compact=compact)


def amount(value: int, currency: str | None, locale: str) -> str:
    return i18n.money(value, currency, locale)


def shown(figure: Figure, locale: str, *, compact: bool = False) -> str:
    if figure.unit == USD:
        return money(figure.value, locale, compact=compact)
    return format_decimal(figure.value, locale=BABEL_LOCALES[normalize_locale(locale)])


def item_value(item: Item, figure: Figure, locale: str) -> str:
    if figure.unit == USD:
        return money(item.value, locale)
    return format_decimal(item.value, locale=BABEL_LOCALES[normalize_locale(locale)])


def figure_href(scope: str, key: str, event: str | None = None, lang: str | None = None) -> str:
    """The drill-down page of a figure: /o/dashboard/{event|pipeline}/{key}?event=slug."""
    query = {k: v for k, v in (("event", event), ("lang", lang)) if v}
    tail = f"?{urlencode(query)}" if query else ""
    return f"/o/dashboard/{scope}/{quote(key)}{tail}"


def item_href(item: Item, event: str | None) -> str | None:
    """Where an item is kept: a project's page, or the event's outcomes for a meeting or an
    agreement."""
    if item.kind == "project":
        return f"/o/pipeline/projects/{quote(item.ref)}"
    if item.kind in ("meeting", "request", "agreement") and event:
        return f"/o/{quote(event)}/outcomes"
    return None


@dataclass(frozen=True)
class Chart:
    ident: str
    title: str
    svg: str

    @property
    def data_uri(self) -> str:
        """The chart as an image source (WeasyPrint draws SVG given as an image, not inline)."""
        import base64

        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode("ascii")


def _series(
    name: str,
    figures: list[Figure],
    href: Callable[[Figure], str],
    locale: str,
    compact: bool = True,
) -> Series:
    return Series(
        name,
        tuple(
            Bar(f.category_label, f.value, href(f), shown(f, locale, compact=compact))
            for f in figures
        ),
    )


def _usd_tick(locale: str) -> Callable[[float], str]:
    return lambda v: money(int(v), locale, compact=True) if v else "0"


def event_charts(board: Board, slug: str, locale: str) -> list[Chart]:
    t = get_translations(locale)
    _ = t.gettext

    def href(f: Figure) -> str:
        return figure_href("event", f.key, slug)

    charts: list[Chart] = []
    funnel = [
        board[k] for k in ("requests", "accepted", "scheduled", "held", "no_show", "unmarked")
    ]
    labels = [_(f.label) for f in funnel]
    title = _(N_("Meetings: requested, accepted, scheduled, held"))
    series = Series(
        _(N_("Meetings")),
        tuple(
            Bar(label, f.value, href(f), shown(f, locale))
            for label, f in zip(labels, funnel, strict=True)
        ),
    )
    charts.append(
        Chart("meetings", title, bar_chart("meetings", title, title, [series], lang=locale))
    )
    follow = board.family("follow_up")
    title = _(N_("Follow-ups of the meetings (the current one of each meeting)"))
    series = _series(_(N_("Meetings")), follow, href, locale)
    charts.append(
        Chart(
            "follow-up",
            title,
            bar_chart("follow-up", title, title, [series], horizontal=True, lang=locale),
        )
    )
    levels = board.family("agreement_level")
    kinds = board.family("agreement_kind")
    title = _(N_("Agreements by kind"))
    charts.append(
        Chart(
            "agreement-kind",
            title,
            bar_chart(
                "agreement-kind",
                title,
                title,
                [_series(_(N_("Agreements")), kinds, href, locale)],
                horizontal=True,
                lang=locale,
            ),
        )
    )
    title = _(N_("Agreements by kind, in US dollars"))
    charts.append(
        Chart(
            "agreement-kind-usd",
            title,
            bar_chart(
                "agreement-kind-usd",
                title,
                title,
                [_series(_(N_("US dollars")), board.family("agreement_kind.usd"), href, locale)],
                horizontal=True,
                tick=_usd_tick(locale),
                lang=locale,
            ),
        )
    )
    title = _(N_("Agreements by level"))
    charts.append(
        Chart(
            "agreement-level",
            title,
            bar_chart(
                "agreement-level",
                title,
                title,
                [_series(_(N_("Agreements")), levels, href, locale)],
                horizontal=True,
                lang=locale,
            ),
        )
    )
    return charts


def pipeline_charts(board: Board, locale: str, event: str | None = None) -> list[Chart]:
    t = get_translations(locale)
    _ = t.gettext

    def href(f: Figure) -> str:
        return figure_href("pipeline", f.key, event)

    charts: list[Chart] = []

    def bars(
        ident: str, title: str, family: str, usd: bool, horizontal: bool | None = None
    ) -> None:
        figures = board.family(family)
        if not figures:
            return
        name = _(N_("US dollars")) if usd else _(N_("Projects"))
        svg = bar_chart(
            ident,
            title,
            title,
            [_series(name, figures, href, locale)],
            horizontal=horizontal,
            tick=_usd_tick(locale) if usd else None,
            lang=locale,
        )
        charts.append(Chart(ident, title, svg))

    bars("stage", _(N_("Projects by stage")), "stage", False, True)
    bars(
        "stage-capex",
        _(N_("Capital expenditure planned by stage, US dollars")),
        "stage.capex",
        True,
        True,
    )
    bars("sector", _(N_("Projects by sector (ISIC division)")), "sector", False, True)
    bars(
        "sector-capex",
        _(N_("Capital expenditure planned by sector, US dollars")),
        "sector.capex",
        True,
        True,
    )
    bars("country", _(N_("Projects by investor country")), "country", False, True)
    bars(
        "country-capex",
        _(N_("Capital expenditure planned by investor country, US dollars")),
        "country.capex",
        True,
        True,
    )
    bars(
        "year-capex",
        _(N_("Capital expenditure planned by the year the project entered the pipeline, US$")),
        "year",
        True,
        False,
    )
    lines = []
    for stage in PIPELINE_STAGES:
        figures = board.family(f"entered.{stage.value}")
        if figures:
            name = _(STAGE_LABELS[stage.value])
            lines.append(_series(name, figures, href, locale))
    if lines and len(lines[0].bars) > 0:
        title = _(N_("Projects entering each stage, per year"))
        charts.append(Chart("time", title, line_chart("time", title, title, lines, lang=locale)))
    jobs = board.family("jobs")
    if jobs:
        title = _(N_("Jobs, in force: during construction and permanent, planned and actual"))
        series = Series(
            _(N_("Jobs")),
            tuple(
                Bar(_(MEASURE_LABELS[f.category]), f.value, href(f), shown(f, locale)) for f in jobs
            ),
        )
        charts.append(
            Chart(
                "jobs",
                title,
                bar_chart("jobs", title, title, [series], horizontal=True, lang=locale),
            )
        )
    return charts


# ------------------------------------------------------------------ the headline


@dataclass(frozen=True)
class Part:
    """One clause of the headline, the figure it states and its footnote number."""

    text: str
    figure: Figure
    scope: str
    note: int


def headline_parts(headline: Headline, locale: str, *, two_sides: bool = True) -> list[Part]:
    """ "N organizations of both regions held M meetings; K agreements worth X; the pipeline
    holds P projects worth Y, Z permanent jobs planned", clause by clause, each with its
    figure (a footnote says where it is traced)."""
    t = get_translations(locale)
    babel = BABEL_LOCALES[normalize_locale(locale)]

    def n(value: int) -> str:
        return format_decimal(value, locale=babel)

    orgs = headline.organizations.value
    if two_sides:
        who = t.ngettext(
            "%(n)s organization of both regions held",
            "%(n)s organizations of both regions held",
            orgs,
        )
    else:
        who = t.ngettext(
            "%(n)s organization of the partner regions held",
            "%(n)s organizations of the partner regions held",
            orgs,
        )
    held = headline.held.value
    meetings = t.ngettext("%(n)s meeting", "%(n)s meetings", held)
    count = headline.agreements.value
    agreements = t.ngettext(
        "%(n)s agreement worth %(amount)s", "%(n)s agreements worth %(amount)s", count
    )
    projects = headline.projects.value
    pipeline = t.ngettext(
        "the pipeline holds %(n)s project worth %(amount)s",
        "the pipeline holds %(n)s projects worth %(amount)s",
        projects,
    )
    jobs = headline.jobs.value
    job_words = t.ngettext("%(n)s permanent job planned", "%(n)s permanent jobs planned", jobs)
    return [
        Part(who % {"n": n(orgs)}, headline.organizations, "event", 1),
        Part(meetings % {"n": n(held)}, headline.held, "event", 2),
        Part(
            agreements
            % {"n": n(count), "amount": money(headline.agreements_usd.value, locale, compact=True)},
            headline.agreements_usd,
            "event",
            3,
        ),
        Part(
            pipeline
            % {"n": n(projects), "amount": money(headline.capex.value, locale, compact=True)},
            headline.capex,
            "pipeline",
            4,
        ),
        Part(job_words % {"n": n(jobs)}, headline.jobs, "pipeline", 5),
    ]


def pipeline_parts(pipeline: Board, locale: str) -> list[Part]:
    """The pipeline's clauses alone (a report without an event): projects and worth, jobs."""
    t = get_translations(locale)
    babel = BABEL_LOCALES[normalize_locale(locale)]
    projects, capex = pipeline["projects"], pipeline["capex_planned"]
    jobs = pipeline["jobs.jobs_permanent_planned"]
    clause = t.ngettext(
        "the pipeline holds %(n)s project worth %(amount)s",
        "the pipeline holds %(n)s projects worth %(amount)s",
        projects.value,
    ) % {
        "n": format_decimal(projects.value, locale=babel),
        "amount": money(capex.value, locale, compact=True),
    }
    job_words = t.ngettext(
        "%(n)s permanent job planned", "%(n)s permanent jobs planned", jobs.value
    ) % {"n": format_decimal(jobs.value, locale=babel)}
    return [
        Part(clause[:1].upper() + clause[1:], capex, "pipeline", 1),
        Part(job_words, jobs, "pipeline", 2),
    ]


def headline_text(parts: list[Part], locale: str) -> str:
    """The sentence as plain text ("…held 12 meetings; 3 agreements worth …; …, 1,620 …")."""
    t = get_translations(locale)
    sentence = t.gettext("%(who)s %(meetings)s; %(agreements)s; %(pipeline)s, %(jobs)s.")
    return sentence % {
        "who": parts[0].text,
        "meetings": parts[1].text,
        "agreements": parts[2].text,
        "pipeline": parts[3].text,
        "jobs": parts[4].text,
    }


__all__ = ["COUNT", "USD", "Chart", "Part", "money"]
