"""The only writer of projects, their parties, stage history, figures and origins, and of sites.

Rules, decided here once for the pages, the API and the demo loader:

- Stages move forward along STAGE_ORDER (idea → negotiation → agreement signed → construction →
  operating) and may skip steps, except that construction needs the date construction started
  (given now or stored before), and operating needs that date and the date operation began, not
  before it: a project never jumps into "operating" without a construction start. Moving back
  between active stages needs a note. Suspended and dropped are reachable from any active stage
  (and dropped from suspended); a suspended project resumes at any active stage. Dropped is
  final, except that a project can be *reopened* as an idea or in negotiation, with a note
  saying why (a dropped deal that comes back starts again from talks, never from a later stage).
  A stage's date is never after today nor before the previous change.
- Figures are never overwritten or withdrawn: reports disagree, and each is kept with its source
  and date. The one in force (`figures.in_force`) is the latest `as_of`, then the latest entered;
  a correction is a new figure with the same or a later `as_of`.
- An agreement becomes a project once (`promote_agreement`): a letter of intent or memorandum
  starts the project in negotiation, a contract or joint venture at "agreement signed", on the
  day it was signed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from anyascii import anyascii
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from keruen.core.errors import Conflict, DomainError, NotFound
from keruen.core.i18n_markers import N_
from keruen.core.names import display_name
from keruen.core.text import LocalizedText
from keruen.core.timeutil import utcnow
from keruen.events.models import Event
from keruen.investments.enums import (
    MONEY_MEASURES,
    STAGE_ORDER,
    Measure,
    PartyRole,
    Stage,
)
from keruen.investments.figures import parse_rate, to_usd
from keruen.investments.models import (
    Agreement,
    Project,
    ProjectFigure,
    ProjectOrigin,
    ProjectParty,
    ProjectStageChange,
    Site,
)
from keruen.investments.schemas import FigureIn, PartyIn, ProjectIn, PromoteIn, SiteIn
from keruen.organizations.models import Organization
from keruen.reference.models import Region

LANGUAGES = ("ru", "kk", "zh", "en")
ACTIVE = frozenset(STAGE_ORDER)
# Where a promoted agreement starts: talks go on after a letter of intent or a memorandum;
# a contract or a joint venture is an agreement signed.
PROMOTED_STAGE = {
    "letter_of_intent": Stage.NEGOTIATION,
    "memorandum": Stage.NEGOTIATION,
    "contract": Stage.AGREEMENT_SIGNED,
    "joint_venture": Stage.AGREEMENT_SIGNED,
}
REOPEN_STAGES = (Stage.IDEA, Stage.NEGOTIATION)


def today() -> date:
    return utcnow().date()


# ---------------------------------------------------------------------------- look-ups


def find_project(session: Session, ref: str) -> Project:
    project = session.scalar(select(Project).where(Project.ref == ref))
    if project is None:
        raise NotFound(N_("no project %(ref)s"), ref=ref)
    return project


def find_site(session: Session, ref: str) -> Site:
    site = session.scalar(select(Site).where(Site.ref == ref))
    if site is None:
        raise NotFound(N_("no site %(ref)s"), ref=ref)
    return site


def find_organization(session: Session, handle: str) -> Organization | None:
    """An organization by its ref, BIN or USCC."""
    key = handle.strip()
    return session.scalar(
        select(Organization).where(
            or_(Organization.ref == key, Organization.bin == key, Organization.uscc == key.upper())
        )
    )


def _region(session: Session, code: str, field: str = "region") -> Region:
    region = session.get(Region, code)
    if region is None:
        raise DomainError(N_("%(field)s: unknown region %(code)s"), field=field, code=code)
    return region


def _event(session: Session, slug: str | None) -> Event | None:
    if not slug:
        return None
    event = session.scalar(select(Event).where(Event.slug == slug))
    if event is None:
        raise DomainError(N_("%(field)s: no event %(slug)s"), field="event", slug=slug)
    return event


def _site(session: Session, ref: str | None) -> Site | None:
    if not ref:
        return None
    site = session.scalar(select(Site).where(Site.ref == ref))
    if site is None:
        raise DomainError(N_("%(field)s: no site %(ref)s"), field="site", ref=ref)
    return site


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")
    return slug[:60].strip("-") or "item"


def _new_ref(session: Session, model: Any, names: LocalizedText) -> str:
    base = _slug(names.get("en") or "")
    ref, n = base, 1
    while session.scalar(select(model.id).where(model.ref == ref)) is not None:
        n += 1
        ref = f"{base}-{n}"
    return ref


def _free_ref(session: Session, model: Any, ref: str, own_id: int | None = None) -> None:
    taken = session.scalar(select(model.id).where(model.ref == ref))
    if taken is not None and taken != own_id:
        raise Conflict(N_("%(field)s: %(ref)s is already used"), field="ref", ref=ref)


# ---------------------------------------------------------------------------- parties


def _parties(session: Session, parties: Sequence[PartyIn]) -> list[ProjectParty]:
    """The rows for `parties`, checked before anything is written."""
    rows: list[ProjectParty] = []
    for index, party in enumerate(parties):
        field = f"parties.{index}"
        org: Organization | None = None
        if party.organization_id is not None:
            org = session.get(Organization, party.organization_id)
            if org is None:
                raise DomainError(
                    N_("%(field)s: no organization %(handle)s in the directory"),
                    field=f"{field}.organization",
                    handle=str(party.organization_id),
                )
        elif party.organization:
            org = find_organization(session, party.organization)
            if org is None:
                raise DomainError(
                    N_("%(field)s: no organization %(handle)s in the directory"),
                    field=f"{field}.organization",
                    handle=party.organization,
                )
        if org is None and not party.names:
            raise DomainError(
                N_("%(field)s: an organization of the directory or a name"),
                field=f"{field}.names",
            )
        country = party.country or (org.region_code.split("-")[0] if org is not None else None)
        if country is None:
            raise DomainError(N_("%(field)s: required"), field=f"{field}.country")
        rows.append(
            ProjectParty(
                role=party.role.value,
                organization_id=org.id if org is not None else None,
                names=party.names if party.names else None,
                country=country,
            )
        )
    return rows


# ---------------------------------------------------------------------------- stage rules


def _check_move(
    project: Project | None,
    target: Stage,
    on: date,
    note: str | None,
    started_on: date | None,
    operating_since: date | None,
) -> tuple[date | None, date | None]:
    """Refuse a move that breaks a rule (see the module's docstring); the construction start
    and operation dates the project will hold after it."""
    now = today()
    if on > now:
        raise DomainError(N_("%(field)s: a date in the future: %(value)s"), field="on", value=on)
    current = Stage(project.stage) if project is not None else None
    if project is not None and current is not None:
        if target == current:
            raise DomainError(N_("%(field)s: the project is already at this stage"), field="stage")
        last = max((change.on for change in project.stages), default=None)
        if last is not None and on < last:
            raise DomainError(
                N_("%(field)s: %(value)s is before the last change of stage, on %(last)s"),
                field="on",
                value=on,
                last=last,
            )
        if current == Stage.DROPPED:
            if target not in REOPEN_STAGES:
                raise DomainError(
                    N_(
                        "%(field)s: a dropped project is final; it can only be reopened as an "
                        "idea or in negotiation, with a note saying why"
                    ),
                    field="stage",
                )
            if not note:
                raise DomainError(
                    N_("%(field)s: reopening a dropped project needs a note saying why"),
                    field="note",
                )
        elif (
            current in ACTIVE
            and target in ACTIVE
            and STAGE_ORDER.index(target) < STAGE_ORDER.index(current)
            and not note
        ):
            raise DomainError(
                N_("%(field)s: moving a project back to an earlier stage needs a note saying why"),
                field="note",
            )
    if (started_on or operating_since) and target not in (Stage.CONSTRUCTION, Stage.OPERATING):
        raise DomainError(
            N_("%(field)s: dates of construction and operation go with those stages only"),
            field="started_on" if started_on else "operating_since",
        )
    start = started_on or (project.construction_started_on if project is not None else None)
    operating = operating_since or (project.operating_since if project is not None else None)
    if target in (Stage.CONSTRUCTION, Stage.OPERATING) and start is None:
        raise DomainError(
            N_(
                "%(field)s: a project enters construction or operation only with the date its "
                "construction started"
            ),
            field="started_on",
        )
    if target == Stage.OPERATING and operating is None:
        raise DomainError(
            N_("%(field)s: a project is operating only with the date its operation began"),
            field="operating_since",
        )
    for field, value in (("started_on", started_on), ("operating_since", operating_since)):
        if value is not None and value > now:
            raise DomainError(
                N_("%(field)s: a date in the future: %(value)s"), field=field, value=value
            )
    if start is not None and operating is not None and operating < start:
        raise DomainError(
            N_(
                "%(field)s: operation cannot begin (%(value)s) before construction "
                "started (%(start)s)"
            ),
            field="operating_since",
            value=operating,
            start=start,
        )
    return start, operating


def _stage(value: Stage | str) -> Stage:
    try:
        return Stage(value)
    except ValueError:
        raise DomainError(
            N_("%(field)s: must be one of %(expected)s"),
            field="stage",
            expected=", ".join(s.value for s in Stage),
        ) from None


def move_stage(
    session: Session,
    project: Project,
    stage: Stage | str,
    on: date,
    by: str,
    note: str | None = None,
    source: str | None = None,
    started_on: date | None = None,
    operating_since: date | None = None,
) -> ProjectStageChange:
    """Move `project` to `stage` on a date, by the rules above; the history keeps the move."""
    # Two organizers moving it at once: the second waits for the first and is judged against
    # the stage the first left (PostgreSQL's row lock; SQLite serialises writers anyway).
    session.refresh(project, with_for_update=True)
    target = _stage(stage)
    note = (note or "").strip() or None
    source = (source or "").strip()[:300] or None
    start, operating = _check_move(project, target, on, note, started_on, operating_since)
    change = ProjectStageChange(
        previous=project.stage,
        stage=target.value,
        on=on,
        note=note,
        source=source,
        entered_by=by,
    )
    project.stages.append(change)
    project.stage = target.value
    project.stage_since = on
    project.construction_started_on = start
    project.operating_since = operating
    session.flush()
    return change


# ---------------------------------------------------------------------------- projects


def create_project(
    session: Session, data: ProjectIn, by: str, *, origin: ProjectOrigin | None = None
) -> Project:
    """A new project at `data.stage` (idea unless said otherwise) since `data.stage_on` (today)."""
    on = data.stage_on or today()
    if data.ref:
        _free_ref(session, Project, data.ref)
    _region(session, data.region)
    site = _site(session, data.site)
    event = _event(session, data.event)
    parties = _parties(session, data.parties)
    start, operating = _check_move(
        None, data.stage, on, None, data.started_on, data.operating_since
    )
    project = Project(
        ref=data.ref or _new_ref(session, Project, data.names),
        names=data.names,
        description=data.description if data.description else None,
        isic_code=data.isic,
        hs_codes=list(data.hs),
        region_code=data.region,
        site=site,
        event_id=event.id if event is not None else None,
        stage=data.stage.value,
        stage_since=on,
        construction_started_on=start,
        operating_since=operating,
        fictional=data.fictional,
    )
    project.parties = parties
    project.stages = [
        ProjectStageChange(previous=None, stage=data.stage.value, on=on, entered_by=by)
    ]
    if origin is not None:
        project.origins = [origin]
    session.add(project)
    session.flush()
    return project


def update_project(session: Session, project: Project, data: ProjectIn, by: str) -> Project:
    """Names, description, codes, region, site, event and parties; the stage moves only through
    `move_stage`, figures only through `add_figure`."""
    if data.ref and data.ref != project.ref:
        _free_ref(session, Project, data.ref, project.id)
    _region(session, data.region)
    site = _site(session, data.site)
    event = _event(session, data.event)
    parties = _parties(session, data.parties)
    if data.ref:
        project.ref = data.ref
    project.names = data.names
    project.description = data.description if data.description else None
    project.isic_code = data.isic
    project.hs_codes = list(data.hs)
    project.region_code = data.region
    project.site = site
    project.event_id = event.id if event is not None else None
    project.parties = parties
    project.fictional = data.fictional
    session.flush()
    return project


def place_project(session: Session, project: Project, site: Site | None) -> Project:
    """Put a project on a site (or take it off, with None)."""
    project.site = site
    session.flush()
    return project


# ---------------------------------------------------------------------------- figures


def add_figure(session: Session, project: Project, data: FigureIn, by: str) -> ProjectFigure:
    """Record one reported figure as a new row, whatever was reported before."""
    measure = Measure(data.measure)
    if data.value < 0:
        raise DomainError(N_("%(field)s: must be at least %(ge)s"), field="value", ge=0)
    rate_fields = (
        ("usd_rate", data.usd_rate),
        ("rate_date", data.rate_date),
        ("rate_source", data.rate_source),
    )
    usd_value: int | None = None
    if measure in MONEY_MEASURES:
        if not data.currency:
            raise DomainError(
                N_("%(field)s: required for capital expenditure (ISO 4217, e.g. USD)"),
                field="currency",
            )
        if data.currency == "USD":
            for field, value in rate_fields:
                if value:
                    raise DomainError(
                        N_("%(field)s: an amount in US dollars needs no rate"), field=field
                    )
            usd_value = data.value
        else:
            for field, value in rate_fields:
                if not value:
                    raise DomainError(
                        N_(
                            "%(field)s: an amount in %(currency)s needs the rate used to convert "
                            "it to US dollars, its date and its source"
                        ),
                        field=field,
                        currency=data.currency,
                    )
            parse_rate(data.usd_rate)
            usd_value = to_usd(data.value, data.currency, data.usd_rate)
    else:
        if data.currency:
            raise DomainError(
                N_("%(field)s: jobs are a count, without a currency"), field="currency"
            )
        for field, value in rate_fields:
            if value:
                raise DomainError(N_("%(field)s: jobs are a count, without a rate"), field=field)
    figure = ProjectFigure(
        measure=measure.value,
        value=data.value,
        currency=data.currency,
        usd_rate=(data.usd_rate or "").strip().replace(",", ".") or None,
        rate_date=data.rate_date,
        rate_source=data.rate_source,
        usd_value=usd_value,
        as_of=data.as_of,
        source=data.source.strip(),
        source_url=data.source_url,
        entered_by=by,
    )
    project.figures.append(figure)
    session.flush()
    return figure


# ---------------------------------------------------------------------------- agreements


def origin_of(session: Session, agreement: Agreement) -> Project | None:
    """The project an agreement was promoted into, if any."""
    return session.scalar(
        select(Project)
        .join(ProjectOrigin, ProjectOrigin.project_id == Project.id)
        .where(ProjectOrigin.agreement_id == agreement.id)
    )


def _composed_names(first: Organization, second: Organization) -> LocalizedText:
    values = {
        lang: (
            f"{display_name(dict(first.names.values), first.names.source, lang)} — "
            f"{display_name(dict(second.names.values), second.names.source, lang)}"
        )
        for lang in LANGUAGES
    }
    return LocalizedText.of(values, source="en")


@dataclass(frozen=True)
class Promotion:
    """What promoting an agreement would take when the organizer says nothing more: the form
    shows it, and `promote_agreement` uses it."""

    investor: Organization
    local: Organization
    region: str
    isic: str


def promotion_defaults(session: Session, agreement: Agreement) -> Promotion | None:
    """The investor, local partner, region and sector a promotion would take, or None when the
    organizer has to say more (which side invests, the region or the sector)."""
    try:
        investor, local, region, isic = _promotion(session, agreement, PromoteIn())
    except DomainError:
        return None
    return Promotion(investor, local, region, isic)


def _promotion(
    session: Session, agreement: Agreement, data: PromoteIn
) -> tuple[Organization, Organization, str, str]:
    first = session.get(Organization, agreement.first_organization_id)
    second = session.get(Organization, agreement.second_organization_id)
    if first is None or second is None:
        raise NotFound(N_("no organization of this agreement in the directory"))
    event = session.get(Event, agreement.event_id) if agreement.event_id else None
    region_code = data.region or (event.region_code if event is not None else None)
    if region_code is None:
        raise DomainError(N_("%(field)s: required"), field="region")
    country = _region(session, region_code).country_code()
    orgs = {first.id: first, second.id: second}
    if data.investor_organization_id is not None:
        if data.investor_organization_id not in orgs:
            raise DomainError(
                N_("%(field)s: the investor is one of the agreement's two organizations"),
                field="investor_organization_id",
            )
        investor = orgs[data.investor_organization_id]
    else:
        outside = [o for o in (first, second) if o.region_code.split("-")[0] != country]
        if len(outside) != 1:
            raise DomainError(
                N_("%(field)s: say which of the two organizations invests"),
                field="investor_organization_id",
            )
        investor = outside[0]
    local = second if investor is first else first
    if data.region is None and local.region_code.split("-")[0] == country:
        region_code = local.region_code  # the local partner's district, finer than the forum's
    isic = data.isic or next(iter(local.isic_codes), None) or next(iter(investor.isic_codes), None)
    if isic is None:
        raise DomainError(N_("%(field)s: required"), field="isic")
    return investor, local, region_code, isic


def promote_agreement(
    session: Session, agreement: Agreement, data: PromoteIn | None, by: str
) -> Project:
    """A project from an agreement: its two organizations as investor and local partner (the
    investor is the one outside the project's country), its forum and meeting as origin, a
    stage from its level on the day it was signed. An agreement is promoted once."""
    data = data or PromoteIn()
    # Two organizers promoting it at once: the second waits for the first here (PostgreSQL's
    # row lock; SQLite's write transaction holds the whole database) and is then told which
    # project it became. The unique origin per agreement stays the last guard.
    session.execute(select(Agreement.id).where(Agreement.id == agreement.id).with_for_update())
    existing = origin_of(session, agreement)
    if existing is not None:
        raise Conflict(
            N_("this agreement is already the origin of project %(ref)s"), ref=existing.ref
        )
    event = session.get(Event, agreement.event_id) if agreement.event_id else None
    investor, local, region_code, isic = _promotion(session, agreement, data)
    stage = PROMOTED_STAGE.get(agreement.level, Stage.NEGOTIATION)
    on = min(agreement.signed_on or today(), today())
    names = data.names or agreement.title or _composed_names(local, investor)
    project_in = ProjectIn(
        ref=data.ref,
        names=names,
        isic=isic,
        hs=data.hs,
        region=region_code,
        site=data.site,
        event=event.slug if event is not None else None,
        parties=[
            PartyIn(role=PartyRole.INVESTOR, organization_id=investor.id),
            PartyIn(role=PartyRole.LOCAL_PARTNER, organization_id=local.id),
        ],
        stage=stage,
        stage_on=on,
        fictional=data.fictional,
    )
    origin = ProjectOrigin(
        agreement_id=agreement.id, event_id=agreement.event_id, meeting_key=agreement.meeting_key
    )
    project = create_project(session, project_in, by, origin=origin)
    project.stages[0].source = f"agreement #{agreement.id}"
    session.flush()
    return project


def link_origin(
    session: Session,
    project: Project,
    *,
    agreement: Agreement | None = None,
    event: Event | None = None,
    meeting_key: str | None = None,
) -> ProjectOrigin:
    """Record that an existing project came from an agreement or a meeting (once per agreement)."""
    if agreement is not None:
        existing = origin_of(session, agreement)
        if existing is not None:
            if existing.id == project.id:
                return next(o for o in project.origins if o.agreement_id == agreement.id)
            raise Conflict(
                N_("this agreement is already the origin of project %(ref)s"), ref=existing.ref
            )
    if agreement is None and not meeting_key:
        raise DomainError(N_("%(field)s: an agreement or a meeting"), field="origin")
    origin = ProjectOrigin(
        agreement_id=agreement.id if agreement is not None else None,
        event_id=(event.id if event is not None else agreement.event_id if agreement else None),
        meeting_key=meeting_key or (agreement.meeting_key if agreement is not None else None),
    )
    project.origins.append(origin)
    session.flush()
    return origin


# ---------------------------------------------------------------------------- sites


def upsert_site(session: Session, data: SiteIn, by: str) -> Site:
    """Create the site, or update the one with `data.ref`. `by` is kept for symmetry with the
    other writers (a site has no history of its own)."""
    region = _region(session, data.region)
    site = session.scalar(select(Site).where(Site.ref == data.ref)) if data.ref else None
    if site is None:
        site = Site(ref=data.ref or _new_ref(session, Site, data.names))
        session.add(site)
    site.kind = data.kind.value
    site.names = data.names
    site.region_code = region.code
    site.description = data.description if data.description else None
    site.land_available_ha = data.land_available_ha
    site.land_as_of = data.land_as_of
    site.utilities = list(data.utilities)
    site.incentives = data.incentives if data.incentives else None
    site.contact_name = data.contact_name
    site.contact_email = data.contact_email
    site.contact_phone = data.contact_phone
    site.website = data.website
    site.fictional = data.fictional
    session.flush()
    return site
