"""Regions of the partner countries (data/regions.yaml), names in ru, kk, zh, en."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from keruen.core.text import LocalizedText
from keruen.core.yamlfiles import load_yaml

DATA_FILE = Path(__file__).parent / "data" / "regions.yaml"


@dataclass(frozen=True)
class RegionRecord:
    code: str
    parent: str | None
    level: str
    iso: str | None
    timezone: str | None
    names: LocalizedText
    note: str | None = None


@lru_cache(maxsize=1)
def load_regions() -> dict[str, RegionRecord]:
    raw: list[dict[str, Any]] = load_yaml(DATA_FILE.read_text(encoding="utf-8"))
    out: dict[str, RegionRecord] = {}
    for item in raw:
        out[item["code"]] = RegionRecord(
            code=item["code"],
            parent=item.get("parent"),
            level=item["level"],
            iso=item.get("iso"),
            timezone=item.get("timezone"),
            names=LocalizedText.of(item["names"], source="en"),
            note=item.get("note"),
        )
    return out


def is_within(code: str, ancestor: str) -> bool:
    """True when region `code` is `ancestor` or lies below it."""
    regions = load_regions()
    current: str | None = code
    while current is not None:
        if current == ancestor:
            return True
        record = regions.get(current)
        current = record.parent if record else None
    return False


def timezone_of(code: str) -> str | None:
    regions = load_regions()
    current: str | None = code
    while current is not None:
        record = regions.get(current)
        if record is None:
            return None
        if record.timezone:
            return record.timezone
        current = record.parent
    return None
