"""What the dashboards and the leadership report show, as `Figure`s that carry the exact items
behind them, so a drill-down page is the same code as the total it explains, and "the items sum
to the figure" can be tested for every figure.

Rules that decide a number (the dashboards and the report say them too):
- A project's figure is the one in force (`figures.in_force`: the latest `as_of`, then the
  latest entered); money is summed in US dollars (`usd_value`, kept beside the reported amount
  with the rate used).
- The pipeline is every project that is not dropped. Dropped projects are excluded from the
  pipeline totals and the per-sector, per-country and per-year figures, but shown apart
  (`dropped`, `capex_planned.dropped`, and their stage in the per-stage figures).
- Over time: projects entering each stage per year come from the stage history
  (`ProjectStageChange.on`); capital expenditure planned is placed in the year the project
  entered the pipeline (its first stage change; `stage_since` when it has no history), a date
  every project has, unlike a signing date.
- A project's investor country is its first investor's (the lead investor, the lowest party
  id), so each project and its capex count under one country and the countries sum to the total.
- An agreement or project without an amount in US dollars (none stated, or no rate) is counted
  in the counts but not in the sums: it is listed in the figure's `uncounted` items.
- Held and no-show come from the on-site marks of the published meetings; a published meeting
  without a mark is "unmarked", so held + no-shows + unmarked = scheduled. The marks are passed
  in (`attendance`: meeting key → "held" / "no_show") because they belong to the agendas,
  a layer above this one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from babel import Locale
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from keruen.core.i18n_markers import N_
from keruen.core.names import display_name
from keruen.core.text import LocalizedText
from keruen.events.models import Event, Participation
from keruen.events.queries import side_of
from keruen.i18n import BABEL_LOCALES, get_translations, normalize_locale
from keruen.investments import outcomes
from keruen.investments.enums import (
    AGREEMENT_KIND_LABELS,
    AGREEMENT_LEVELS,
    FOLLOW_UP_LABELS,
    MEASURE_LABELS,
    STAGE_LABELS,
    AgreementKind,
    FollowUp,
    Measure,
    PartyRole,
    Stage,
)
from keruen.investments.figures import in_force
from keruen.investments.models import (
    Agreement,
    Project,
    ProjectFigure,
    ProjectParty,
)
from keruen.meetings.models import MeetingRequest, ScheduledMeeting
from keruen.meetings.planning import meeting_key, published_schedule
from keruen.organizations.models import Delegate, Organization
from keruen.reference.taxonomy import code_title

COUNT, USD, JOBS = "count", "USD", "jobs"
HELD, NO_SHOW = "held", "no_show"
JOB_MEASURES = (
    Measure.JOBS_CONSTRUCTION_PLANNED,
    Measure.JOBS_CONSTRUCTION_ACTUAL,
    Measure.JOBS_PERMANENT_PLANNED,
    Measure.JOBS_PERMANENT_ACTUAL,
)
PIPELINE_STAGES = tuple(s for s in Stage if s is not Stage.DROPPED)
NOTE_UNCOUNTED = N_("Counted but not summed (no amount in US dollars): %(count)s")


@dataclass(frozen=True)
class FigureRow:
    """One stored figure of a project (`ProjectFigure`) as it was used: what was reported,
    its conversion and its source."""

    id: int
    measure: str
    value: int
    currency: str | None
    usd_value: int | None
    usd_rate: str | None
    rate_date: date | None
    as_of: date
    source: str
    source_url: str | None


@dataclass(frozen=True)
class Item:
    """One thing behind a figure: a project (`ref`), a meeting (`meeting_key`), a meeting
    request, an agreement (id), an organization or a participant; `value` is what it adds."""

    kind: str
    ref: str
    label: str
    value: int
    detail: str = ""
    rows: tuple[FigureRow, ...] = ()
    when: date | None = None


@dataclass
class Figure:
    """A number shown somewhere, with the items it is the sum of (`value == sum(items)`).

    `label` is a msgid; `category_label` is already in the reader's language (an ISIC
    division's title, a country's name, a stage); `uncounted` lists what the figure leaves out
    of its sum and why (`note`)."""

    key: str
    label: str
    value: int
    unit: str
    items: list[Item]
    family: str = ""
    category: str = ""
    category_label: str = ""
    uncounted: list[Item] = field(default_factory=list)
    note: str = ""

    @property
    def summed(self) -> int:
        return sum(item.value for item in self.items)


@dataclass
class Board:
    """The figures of one dashboard by key, with the families (charts, tables) in order."""

    scope: str
    locale: str
    figures: dict[str, Figure] = field(default_factory=dict)
    families: dict[str, list[str]] = field(default_factory=dict)

    def add(self, figure: Figure) -> Figure:
        self.figures[figure.key] = figure
        if figure.family:
            self.families.setdefault(figure.family, []).append(figure.key)
        return figure

    def family(self, name: str) -> list[Figure]:
        return [self.figures[k] for k in self.families.get(name, [])]

    def __getitem__(self, key: str) -> Figure:
        return self.figures[key]


def _count(key: str, label: str, items: Iterable[Item], **extra: str) -> Figure:
    listed = [Item(i.kind, i.ref, i.label, 1, i.detail, i.rows, i.when) for i in items]
    return _figure(key, label, COUNT, listed, extra)


def _sum(key: str, label: str, unit: str, items: Iterable[Item], **extra: str) -> Figure:
    return _figure(key, label, unit, list(items), extra)


def _figure(key: str, label: str, unit: str, items: list[Item], extra: dict[str, str]) -> Figure:
    return Figure(
        key,
        label,
        sum(i.value for i in items),
        unit,
        items,
        family=extra.get("family", ""),
        category=extra.get("category", ""),
        category_label=extra.get("category_label", ""),
    )


def _name(text: LocalizedText | None, locale: str) -> str:
    return display_name(dict(text.values), text.source, locale) if text else ""


# ------------------------------------------------------------------ the event


def _usd_of(amount: int | None, currency: str | None, usd: int | None) -> int | None:
    if usd is not None:
        return usd
    if amount is not None and currency == "USD":
        return amount
    return None


def event_board(
    session: Session, event: Event, attendance: Mapping[str, str], locale: str = "en"
) -> Board:
    """The event's figures: participants and organizations per side, meeting requests,
    accepted, scheduled (published), held, no-shows and unmarked, follow-ups by stage,
    agreements by kind and level (count and US dollars), and who held meetings per side."""
    locale = normalize_locale(locale)
    t = get_translations(locale)
    board = Board("event", locale)
    sides = {s.code: _name(s.names, locale) or s.code for s in event.sides}
    other = t.gettext(N_("other"))

    people = list(
        session.scalars(
            select(Participation)
            .where(
                Participation.event_id == event.id,
                Participation.role.in_(("participant", "official")),
            )
            .options(selectinload(Participation.delegate).selectinload(Delegate.organization))
            .order_by(Participation.id)
        )
    )
    by_id = {p.id: p for p in people}

    def side(p: Participation) -> str:
        org = p.delegate.organization
        return (side_of(event, org.region_code) if org else None) or ""

    def org_item(org: Organization) -> Item:
        return Item("organization", str(org.id), _name(org.names, locale), 1)

    def who(participation_id: int) -> str:
        p = by_id.get(participation_id) or session.get(Participation, participation_id)
        if p is None:
            return "?"
        org = p.delegate.organization
        return _name(org.names, locale) if org else _name(p.delegate.names, locale)

    side_codes = [*sides, ""]
    for code in side_codes:
        label = sides.get(code, other)
        mine = [p for p in people if side(p) == code]
        if not mine and code == "":
            continue
        board.add(
            _count(
                f"participants.{code or 'other'}",
                N_("Participants"),
                (
                    Item("participant", str(p.id), _name(p.delegate.names, locale), 1, who(p.id))
                    for p in mine
                ),
                family="participants",
                category=code or "other",
                category_label=label,
            )
        )
        orgs = {
            p.delegate.organization.id: p.delegate.organization
            for p in mine
            if p.delegate.organization
        }
        board.add(
            _count(
                f"organizations.{code or 'other'}",
                N_("Organizations"),
                (org_item(orgs[k]) for k in sorted(orgs)),
                family="organizations",
                category=code or "other",
                category_label=label,
            )
        )

    def pair(first_id: int, second_id: int) -> str:
        return f"{who(first_id)} — {who(second_id)}"

    requests = list(
        session.scalars(
            select(MeetingRequest)
            .where(MeetingRequest.event_id == event.id)
            .order_by(MeetingRequest.id)
        )
    )
    request_items = [
        Item("request", f"r{r.id}", pair(r.requester_id, r.target_id), 1, r.status)
        for r in requests
    ]
    board.add(_count("requests", N_("Meetings requested"), request_items, family="meetings"))
    board.add(
        _count(
            "accepted",
            N_("Accepted"),
            (i for i, r in zip(request_items, requests, strict=True) if r.status == "accepted"),
            family="meetings",
        )
    )
    schedule = published_schedule(session, event)
    meetings: list[ScheduledMeeting] = list(schedule.meetings) if schedule else []
    meeting_items = [
        Item("meeting", meeting_key(m), pair(m.first_id, m.second_id), 1, m.kind) for m in meetings
    ]
    board.add(_count("scheduled", N_("Scheduled"), meeting_items, family="meetings"))
    marked = {i.ref: attendance.get(i.ref, "") for i in meeting_items}
    for status, label in (
        (HELD, N_("Meetings held")),
        (NO_SHOW, N_("No-shows")),
        ("", N_("Unmarked")),
    ):
        board.add(
            _count(
                status or "unmarked",
                label,
                (i for i in meeting_items if marked[i.ref] == status),
                family="meetings",
            )
        )

    # Who held meetings, per side: the organizations at the table of at least one held meeting.
    held_orgs: dict[str, dict[int, Organization]] = {}
    for m in meetings:
        if marked[meeting_key(m)] != HELD:
            continue
        for pid in (m.first_id, m.second_id):
            p = by_id.get(pid)
            if p is not None and p.delegate.organization is not None:
                held_orgs.setdefault(side(p), {})[p.delegate.organization.id] = (
                    p.delegate.organization
                )
    every: dict[int, Organization] = {}
    for code in side_codes:
        found = held_orgs.get(code, {})
        every.update(found)
        if code == "" and not found:
            continue
        board.add(
            _count(
                f"organizations_held.{code or 'other'}",
                N_("Organizations that held meetings"),
                (org_item(found[k]) for k in sorted(found)),
                family="organizations_held",
                category=code or "other",
                category_label=sides.get(code, other),
            )
        )
    board.add(
        _count(
            "organizations_held",
            N_("Organizations that held meetings"),
            (org_item(every[k]) for k in sorted(every)),
        )
    )

    # Follow-ups: the current one of each meeting.
    labels = {i.ref: i.label for i in meeting_items}
    current = outcomes.current_follow_ups(session, event)
    for stage in FollowUp:
        board.add(
            _count(
                f"follow_up.{stage.value}",
                N_("Follow-ups"),
                (
                    Item("meeting", k, labels.get(k, k), 1, t.gettext(FOLLOW_UP_LABELS[f.stage]))
                    for k, f in sorted(current.items())
                    if f.stage == stage.value
                ),
                family="follow_up",
                category=stage.value,
                category_label=t.gettext(FOLLOW_UP_LABELS[stage.value]),
            )
        )

    _agreements(session, event, board, locale)
    return board


def _agreements(session: Session, event: Event, board: Board, locale: str) -> None:
    t = get_translations(locale)
    rows = list(
        session.scalars(
            select(Agreement).where(Agreement.event_id == event.id).order_by(Agreement.id)
        )
    )
    org_ids = {r.first_organization_id for r in rows} | {r.second_organization_id for r in rows}
    orgs = {
        o.id: _name(o.names, locale)
        for o in session.scalars(select(Organization).where(Organization.id.in_(org_ids)))
    }
    items: list[tuple[Agreement, Item]] = []
    for a in rows:
        usd = _usd_of(a.amount, a.currency, a.usd_amount)
        label = (
            f"{orgs.get(a.first_organization_id, '?')} — {orgs.get(a.second_organization_id, '?')}"
        )
        detail = (
            f"{t.gettext(FOLLOW_UP_LABELS.get(a.level, a.level))}, "
            f"{t.gettext(AGREEMENT_KIND_LABELS.get(a.kind, a.kind))}"
        )
        money: tuple[FigureRow, ...] = ()
        if a.amount is not None:
            money = (
                FigureRow(
                    a.id,
                    "amount",
                    a.amount,
                    a.currency,
                    usd,
                    a.usd_rate,
                    a.rate_date,
                    a.signed_on or a.created_at.date(),
                    a.rate_source or "",
                    None,
                ),
            )
        items.append((a, Item("agreement", str(a.id), label, usd or 0, detail, money, a.signed_on)))

    def both(key: str, label: str, chosen: list[tuple[Agreement, Item]], **extra: str) -> None:
        board.add(_count(key, label, (i for _a, i in chosen), **extra))
        summed = [i for a, i in chosen if _usd_of(a.amount, a.currency, a.usd_amount) is not None]
        left = [i for a, i in chosen if _usd_of(a.amount, a.currency, a.usd_amount) is None]
        extra_usd = {**extra, "family": f"{extra['family']}.usd"} if "family" in extra else extra
        figure = board.add(_sum(f"{key}.usd", label, USD, summed, **extra_usd))
        figure.uncounted = left
        figure.note = NOTE_UNCOUNTED if left else ""

    both("agreements", N_("Agreements"), items)
    for kind in AgreementKind:
        both(
            f"agreements.kind.{kind.value}",
            N_("Agreements by kind"),
            [(a, i) for a, i in items if a.kind == kind.value],
            family="agreement_kind",
            category=kind.value,
            category_label=t.gettext(AGREEMENT_KIND_LABELS[kind.value]),
        )
    for level in AGREEMENT_LEVELS:
        both(
            f"agreements.level.{level.value}",
            N_("Agreements by level"),
            [(a, i) for a, i in items if a.level == level.value],
            family="agreement_level",
            category=level.value,
            category_label=t.gettext(FOLLOW_UP_LABELS[level.value]),
        )


# ------------------------------------------------------------------ the pipeline


def _row(figure: ProjectFigure) -> FigureRow:
    return FigureRow(
        figure.id,
        figure.measure,
        figure.value,
        figure.currency,
        figure.usd_value,
        figure.usd_rate,
        figure.rate_date,
        figure.as_of,
        figure.source,
        figure.source_url,
    )


def _figure_value(figure: ProjectFigure | None) -> int | None:
    """What a figure in force adds to a sum: US dollars for money, the count for jobs."""
    if figure is None:
        return None
    if figure.measure in (Measure.CAPEX_PLANNED.value, Measure.CAPEX_SPENT.value):
        return _usd_of(figure.value, figure.currency, figure.usd_value)
    return figure.value


def lead_investor(project: Project) -> ProjectParty | None:
    investors = [p for p in project.parties if p.role == PartyRole.INVESTOR.value]
    return min(investors, key=lambda p: p.id) if investors else None


def entered_pipeline(project: Project) -> date:
    """The date a project entered the pipeline: its first stage change, else `stage_since`."""
    dates = [c.on for c in project.stages]
    return min(dates) if dates else project.stage_since


def country_name(code: str, locale: str) -> str:
    babel = Locale.parse(BABEL_LOCALES[normalize_locale(locale)])
    return babel.territories.get(code, code) if code else ""


def pipeline_projects(session: Session, event: Event | None = None) -> list[Project]:
    query = (
        select(Project)
        .options(
            selectinload(Project.figures),
            selectinload(Project.parties),
            selectinload(Project.stages),
        )
        .order_by(Project.ref)
    )
    if event is not None:
        query = query.where(Project.event_id == event.id)
    return list(session.scalars(query))


def pipeline_board(session: Session, locale: str = "en", event: Event | None = None) -> Board:
    """The pipeline's figures: projects, capex planned and spent (US dollars) and jobs in
    total; projects and capex by stage, by sector (ISIC division), by investor country and
    over time; dropped projects apart. `event` limits it to the projects of one forum."""
    locale = normalize_locale(locale)
    t = get_translations(locale)
    board = Board("pipeline", locale)
    projects = pipeline_projects(session, event)
    active = [p for p in projects if p.stage != Stage.DROPPED.value]
    dropped = [p for p in projects if p.stage == Stage.DROPPED.value]

    def project_item(p: Project, measure: Measure | None = None) -> Item:
        detail = t.gettext(STAGE_LABELS.get(p.stage, p.stage))
        if measure is None:
            return Item("project", p.ref, _name(p.names, locale), 1, detail, (), p.stage_since)
        figure = in_force(p.figures, measure)
        value = _figure_value(figure)
        rows = (_row(figure),) if figure is not None else ()
        return Item(
            "project", p.ref, _name(p.names, locale), value or 0, detail, rows, p.stage_since
        )

    def projects_and_capex(key: str, chosen: list[Project], **extra: str) -> None:
        board.add(
            _count(f"projects{key}", N_("Projects"), (project_item(p) for p in chosen), **extra)
        )
        measured(
            f"capex_planned{key}",
            N_("Capital expenditure planned"),
            Measure.CAPEX_PLANNED,
            chosen,
            **{**extra, "family": extra["family"] + ".capex"} if "family" in extra else extra,
        )

    def measured(
        key: str, label: str, measure: Measure, chosen: list[Project], **extra: str
    ) -> Figure:
        unit = USD if measure in (Measure.CAPEX_PLANNED, Measure.CAPEX_SPENT) else JOBS
        items = [project_item(p, measure) for p in chosen]
        summed = [
            i
            for i, p in zip(items, chosen, strict=True)
            if _figure_value(in_force(p.figures, measure)) is not None
        ]
        left = [
            i
            for i, p in zip(items, chosen, strict=True)
            if _figure_value(in_force(p.figures, measure)) is None
        ]
        figure = board.add(_sum(key, label, unit, summed, **extra))
        figure.uncounted = left
        if left:
            figure.note = NOTE_UNCOUNTED if unit == USD else N_("No figure reported: %(count)s")
        return figure

    # Totals over the pipeline (dropped projects excluded).
    board.add(_count("projects", N_("Projects in the pipeline"), (project_item(p) for p in active)))
    measured("capex_planned", N_("Capital expenditure planned"), Measure.CAPEX_PLANNED, active)
    measured("capex_spent", N_("Capital expenditure spent to date"), Measure.CAPEX_SPENT, active)
    for measure in JOB_MEASURES:
        measured(
            f"jobs.{measure.value}",
            MEASURE_LABELS[measure.value],
            measure,
            active,
            family="jobs",
            category=measure.value,
            category_label=t.gettext(MEASURE_LABELS[measure.value]),
        )
    # Dropped, shown apart.
    board.add(
        _count(
            "dropped",
            N_("Dropped projects (not in the totals)"),
            (project_item(p) for p in dropped),
        )
    )
    measured(
        "capex_planned.dropped",
        N_("Capital expenditure planned of dropped projects"),
        Measure.CAPEX_PLANNED,
        dropped,
    )

    for stage in Stage:
        projects_and_capex(
            f".stage.{stage.value}",
            [p for p in projects if p.stage == stage.value],
            family="stage",
            category=stage.value,
            category_label=t.gettext(STAGE_LABELS[stage.value]),
        )

    divisions = sorted({p.isic_code[:2] for p in active})
    for division in divisions:
        title = code_title("isic", division, locale) or division
        projects_and_capex(
            f".sector.{division}",
            [p for p in active if p.isic_code[:2] == division],
            family="sector",
            category=division,
            category_label=f"{division} {title}",
        )

    def country(p: Project) -> str:
        lead = lead_investor(p)
        return lead.country.upper() if lead else ""

    for code in sorted({country(p) for p in active}, key=lambda c: (c == "", c)):
        projects_and_capex(
            f".country.{code or 'none'}",
            [p for p in active if country(p) == code],
            family="country",
            category=code or "none",
            category_label=country_name(code, locale) or t.gettext(N_("no investor named")),
        )

    # Over time: projects entering each stage per year (from the stage history).
    years = sorted(
        {c.on.year for p in active for c in p.stages} | {entered_pipeline(p).year for p in active}
    )
    for stage in PIPELINE_STAGES:
        for year in years:
            changes = [
                (p, c)
                for p in active
                for c in p.stages
                if c.stage == stage.value and c.on.year == year
            ]
            board.add(
                _count(
                    f"entered.{stage.value}.{year}",
                    N_("Projects entering a stage"),
                    (
                        Item("project", p.ref, _name(p.names, locale), 1, c.source or "", (), c.on)
                        for p, c in changes
                    ),
                    family=f"entered.{stage.value}",
                    category=str(year),
                    category_label=str(year),
                )
            )
    for year in years:
        measured(
            f"capex_planned.year.{year}",
            N_("Capital expenditure planned, by the year the project entered the pipeline"),
            Measure.CAPEX_PLANNED,
            [p for p in active if entered_pipeline(p).year == year],
            family="year",
            category=str(year),
            category_label=str(year),
        )
    return board


# ------------------------------------------------------------------ the headline


@dataclass(frozen=True)
class Headline:
    """The figures of the leadership's sentence, by their keys on the two boards."""

    organizations: Figure
    held: Figure
    agreements: Figure
    agreements_usd: Figure
    projects: Figure
    capex: Figure
    jobs: Figure


def headline(event_figures: Board, pipeline: Board) -> Headline:
    """ "N companies of both regions held M meetings; K agreements worth X; the pipeline holds P
    projects worth Y, Z jobs": the jobs are the permanent jobs planned (in force)."""
    return Headline(
        organizations=event_figures["organizations_held"],
        held=event_figures["held"],
        agreements=event_figures["agreements"],
        agreements_usd=event_figures["agreements.usd"],
        projects=pipeline["projects"],
        capex=pipeline["capex_planned"],
        jobs=pipeline[f"jobs.{Measure.JOBS_PERMANENT_PLANNED.value}"],
    )
