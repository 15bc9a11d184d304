"""Load the demo pipeline (pipeline.yaml): sites, then projects with their stage history and
sourced figures, through the pipeline's service like every other writer.

Idempotent: sites are upserted by ref; a project that exists is left as it is (its figures are
never added twice), but is linked to its forum agreement when one appeared since (the outcomes'
demo creates agreements between the same two organizations).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from keruen.core.text import LocalizedText
from keruen.core.yamlfiles import load_yaml
from keruen.events.models import Event
from keruen.investments import service as pipeline
from keruen.investments.models import Agreement, Project
from keruen.investments.schemas import FigureIn, PartyIn, ProjectIn, SiteIn

PIPELINE_FILE = Path(__file__).parent / "pipeline.yaml"
BY = "demo"


@dataclass(frozen=True)
class PipelineSummary:
    sites: int
    projects: int
    created: int
    linked: int


def _text(values: dict[str, str] | None) -> LocalizedText | None:
    return LocalizedText.of(values, source="en") if values else None


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _agreement(session: Session, first: int, second: int) -> Agreement | None:
    """The agreement between two organizations, either way round: a forum's first."""
    return session.scalar(
        select(Agreement)
        .where(
            or_(
                and_(
                    Agreement.first_organization_id == first,
                    Agreement.second_organization_id == second,
                ),
                and_(
                    Agreement.first_organization_id == second,
                    Agreement.second_organization_id == first,
                ),
            )
        )
        .order_by(Agreement.event_id.is_(None), Agreement.signed_on, Agreement.id)
        .limit(1)
    )


def _link(session: Session, project: Project) -> bool:
    """Link the project to the agreement between its investor and local partner, once."""
    if any(o.agreement_id is not None for o in project.origins):
        return False
    ids = [p.organization_id for p in project.parties if p.organization_id is not None]
    if len(ids) != 2:
        return False
    found = _agreement(session, ids[0], ids[1])
    if found is None or pipeline.origin_of(session, found) is not None:
        return False
    pipeline.link_origin(session, project, agreement=found)
    return True


def _project(session: Session, item: dict[str, Any]) -> Project:
    first, *moves = item["stages"]
    event = item.get("event")
    if event and session.scalar(select(Event.id).where(Event.slug == event)) is None:
        event = None  # the past forum is loaded by the outcomes' demo; without it, no event
    data = ProjectIn(
        ref=item["ref"],
        names=_text(item["names"]),
        description=_text(item.get("description")),
        isic=item["isic"],
        hs=item.get("hs", []),
        region=item["region"],
        site=item.get("site"),
        event=event,
        parties=[PartyIn(**party) for party in item.get("parties", [])],
        stage=first["stage"],
        stage_on=_day(first["date"]),
        fictional=True,
    )
    project = pipeline.create_project(session, data, BY)
    project.stages[0].source = first.get("source")
    for move in moves:
        pipeline.move_stage(
            session,
            project,
            move["stage"],
            _day(move["date"]) or pipeline.today(),
            BY,
            note=move.get("note"),
            source=move.get("source"),
            started_on=_day(move.get("started_on")),
            operating_since=_day(move.get("operating_since")),
        )
    for figure in item.get("figures", []):
        pipeline.add_figure(session, project, FigureIn(**figure), BY)
    return project


def load_pipeline(session: Session, *, path: Path = PIPELINE_FILE) -> PipelineSummary:
    """Create the demo sites and projects; loading twice writes nothing new the second time."""
    spec: dict[str, Any] = load_yaml(path.read_text(encoding="utf-8"))
    for item in spec.get("sites", []):
        data = SiteIn(
            **{
                **item,
                "names": _text(item["names"]),
                "description": _text(item.get("description")),
                "incentives": _text(item.get("incentives")),
                "fictional": True,
            }
        )
        pipeline.upsert_site(session, data, BY)
    created = linked = 0
    for item in spec.get("projects", []):
        project = session.scalar(select(Project).where(Project.ref == item["ref"]))
        if project is None:
            project = _project(session, item)
            created += 1
        linked += _link(session, project)
    session.flush()
    return PipelineSummary(
        sites=len(spec.get("sites", [])),
        projects=len(spec.get("projects", [])),
        created=created,
        linked=linked,
    )
