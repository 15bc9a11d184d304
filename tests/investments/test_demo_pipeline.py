"""The demo pipeline: the four announced projects, about US$600 million in all, with their
history and sources; loading twice changes nothing; a forum agreement between the same two
organizations becomes the project's origin."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from keruen.demo.loader import load_demo
from keruen.demo.pipeline import load_pipeline
from keruen.investments import figures
from keruen.investments.models import Agreement, Project, ProjectFigure, Site
from keruen.organizations.models import Organization

pytestmark = pytest.mark.integration

ANNOUNCED = ("solar-sozak", "cotton-zhetisay", "aluminium-kentau", "textile-cluster-turkistan")


def test_the_demo_pipeline_holds_the_announced_projects(session: Session) -> None:
    load_demo(session)
    first = load_pipeline(session)
    assert (first.sites, first.projects, first.created) == (6, 7, 7)
    projects = {p.ref: p for p in session.scalars(select(Project))}
    capex = {
        ref: figures.figure_in_force(projects[ref], "capex_planned").usd_value for ref in ANNOUNCED
    }
    assert capex == {
        "solar-sozak": 250_000_000,
        "cotton-zhetisay": 100_000_000,  # the akimat's later statement, not the press's 120
        "aluminium-kentau": 50_004_000,  # CNY 360 million at 0.1389
        "textile-cluster-turkistan": 200_000_000,
    }
    cotton = [f.value for f in projects["cotton-zhetisay"].figures if f.measure == "capex_planned"]
    assert cotton == [120_000_000, 100_000_000]
    assert {p.stage for p in projects.values()} >= {"operating", "suspended", "dropped"}
    assert all(p.fictional for p in projects.values())
    assert all(s.fictional for s in session.scalars(select(Site)))
    count = session.scalar(select(func.count()).select_from(ProjectFigure))
    again = load_pipeline(session)
    assert (again.created, again.linked) == (0, 0)
    assert session.scalar(select(func.count()).select_from(ProjectFigure)) == count


def test_a_forum_agreement_becomes_the_origin(session: Session) -> None:
    load_demo(session)
    ids = dict(
        session.execute(
            select(Organization.ref, Organization.id).where(
                Organization.ref.in_(["cn-spinning-korla", "kz-ginnery-zhetisay"])
            )
        ).all()
    )
    signed = Agreement(
        first_organization_id=ids["kz-ginnery-zhetisay"],
        second_organization_id=ids["cn-spinning-korla"],
        level="contract",
        kind="investment",
        meeting_key="m-demo",
        entered_by="demo",
    )
    session.add(signed)
    session.flush()
    assert load_pipeline(session).linked == 1
    cotton = session.scalar(select(Project).where(Project.ref == "cotton-zhetisay"))
    assert [o.agreement_id for o in cotton.origins] == [signed.id]
    assert load_pipeline(session).linked == 0
