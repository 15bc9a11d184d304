"""All personal agendas of an event as one printable PDF, rendered in chunks by a pool of
processes (one per core) and joined with pypdf, with progress reported per chunk."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed

from sqlalchemy import select

from keruen import boundary
from keruen.config import Settings
from keruen.events import service as event_service
from keruen.events.models import Participation
from keruen.meetings import queries

CHUNK = 100


def _people(settings: Settings, slug: str, roles: tuple[str, ...]) -> list[int]:
    with boundary.unit_of_work(settings, read_only=True) as session:
        event = event_service.get_event(session, slug)
        queries.find_schedule(session, event)  # refuse early when there is no schedule
        return list(
            session.scalars(
                select(Participation.id)
                .where(Participation.event_id == event.id, Participation.role.in_(roles))
                .order_by(Participation.id)
            )
        )


def render_chunk(settings: Settings, slug: str, ids: list[int], base_url: str) -> bytes:
    """One chunk of agendas, each in its reader's language (runs in a pool process)."""
    from keruen.agendas.documents import agendas_document
    from keruen.i18n import normalize_locale

    with boundary.unit_of_work(settings, read_only=True) as session:
        event = event_service.get_event(session, slug)
        schedule = queries.find_schedule(session, event)
        people = [session.get(Participation, pid) for pid in ids]
        rows = [
            (p, normalize_locale(p.delegate.locale), f"{base_url}/me/{slug}/agenda")
            for p in people
            if p is not None
        ]
        return agendas_document(event, schedule, rows).pdf()


def print_all_agendas(
    settings: Settings,
    slug: str,
    *,
    roles: tuple[str, ...] = ("participant", "official"),
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """Every participant's (and official's) agenda in one PDF, in the order people were
    registered; `progress(done, total)` after each chunk."""
    from pypdf import PdfWriter

    ids = _people(settings, slug, roles)
    chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
    workers = workers or max(1, min(len(chunks), os.cpu_count() or 1))
    parts: dict[int, bytes] = {}
    done = 0
    if progress:
        progress(0, len(ids))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {
            pool.submit(render_chunk, settings, slug, chunk, settings.public_url): index
            for index, chunk in enumerate(chunks)
        }
        for future in as_completed(futures):
            index = futures[future]
            parts[index] = future.result()
            done += len(chunks[index])
            if progress:
                progress(done, len(ids))
    writer = PdfWriter()
    for index in range(len(chunks)):
        writer.append(io.BytesIO(parts[index]))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
