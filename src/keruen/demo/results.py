"""What the demo shows beyond the forum being prepared: the forum held last autumn with its
meetings, marks, follow-ups and agreements; the investment projects and sites that came of it;
and the exhibition of regional products at the coming forum. `keruen demo` loads it after the
forum; tests that only need the forum leave it out (the past forum is planned by the solver)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from keruen.demo.exhibition import load_exhibition
from keruen.demo.outcomes import load_past_forum
from keruen.demo.pipeline import load_pipeline
from keruen.exhibition.storage import Storage

PAST_FORUM = "turkestan-bayingol-2026"


@dataclass(frozen=True)
class ResultsSummary:
    past_forum: str
    projects: int
    sites: int
    products: int
    created: int


def load_results(session: Session, *, storage: Storage | None = None) -> ResultsSummary:
    """The past forum first: the projects are promoted from its agreements."""
    past = load_past_forum(session)
    pipeline = load_pipeline(session)
    exhibition = load_exhibition(session, storage=storage)
    return ResultsSummary(
        past_forum=past.slug,
        projects=pipeline.projects,
        sites=pipeline.sites,
        products=exhibition.products,
        created=pipeline.created + exhibition.created,
    )
