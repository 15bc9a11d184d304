"""Writes reference rows (regions) into the database; idempotent."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen.reference.models import Region
from keruen.reference.regions import load_regions


def sync_regions(session: Session) -> int:
    """Insert or update every region of data/regions.yaml; returns how many rows changed."""
    existing = {r.code: r for r in session.scalars(select(Region))}
    changed = 0
    # Parents first, so the foreign key holds on every insert.
    records = sorted(load_regions().values(), key=lambda r: r.code.count("-"))
    for record in records:
        row = existing.get(record.code)
        if row is None:
            row = Region(code=record.code)
            session.add(row)
            changed += 1
        values = {
            "parent_code": record.parent,
            "level": record.level,
            "iso": record.iso,
            "timezone": record.timezone,
            "names": record.names,
        }
        for key, value in values.items():
            if getattr(row, key) != value:
                setattr(row, key, value)
                changed += row not in session.new
        session.flush()
    return changed
