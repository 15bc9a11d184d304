"""The pipeline's project list and the site catalogue, with their filters (read only).

Filters are those of the page's query string: stage, ISIC (a prefix: "13" finds 1311 and 1312),
investor country, site (ref), region (a region finds its districts too) and event (slug).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from keruen.events.models import Event
from keruen.investments.enums import PartyRole
from keruen.investments.models import Project, ProjectParty, Site


@dataclass(frozen=True)
class ProjectFilter:
    stage: str | None = None
    isic: str | None = None
    country: str | None = None
    site: str | None = None
    region: str | None = None
    event: str | None = None


def _within(column: InstrumentedAttribute[str], code: str) -> ColumnElement[bool]:
    return or_(column == code, column.startswith(f"{code}-", autoescape=True))


def projects(session: Session, flt: ProjectFilter | None = None) -> list[Project]:
    """Projects by the filter, with parties, figures, stages, origins and site loaded."""
    flt = flt or ProjectFilter()
    query = select(Project).options(
        selectinload(Project.parties),
        selectinload(Project.figures),
        selectinload(Project.stages),
        selectinload(Project.origins),
        selectinload(Project.site),
    )
    if flt.stage:
        query = query.where(Project.stage == flt.stage)
    if flt.isic:
        query = query.where(Project.isic_code.startswith(flt.isic.strip(), autoescape=True))
    if flt.country:
        query = query.where(
            exists().where(
                ProjectParty.project_id == Project.id,
                ProjectParty.role == PartyRole.INVESTOR.value,
                ProjectParty.country == flt.country.strip().upper(),
            )
        )
    if flt.site:
        query = query.join(Site, Site.id == Project.site_id).where(Site.ref == flt.site)
    if flt.region:
        query = query.where(_within(Project.region_code, flt.region.strip().upper()))
    if flt.event:
        query = query.join(Event, Event.id == Project.event_id).where(Event.slug == flt.event)
    return list(session.scalars(query.order_by(Project.stage_since.desc(), Project.id)))


def sites(
    session: Session,
    *,
    kind: str | None = None,
    region: str | None = None,
    utility: str | None = None,
) -> list[Site]:
    query = select(Site)
    if kind:
        query = query.where(Site.kind == kind)
    if region:
        query = query.where(_within(Site.region_code, region.strip().upper()))
    found = list(session.scalars(query.order_by(Site.kind.desc(), Site.ref)))
    if utility:  # a JSON list: filtered here, the catalogue is small
        found = [s for s in found if utility in (s.utilities or [])]
    return found


def projects_on(session: Session, site: Site) -> list[Project]:
    return list(
        session.scalars(select(Project).where(Project.site_id == site.id).order_by(Project.id))
    )
