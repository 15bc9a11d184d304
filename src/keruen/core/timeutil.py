"""Time: UTC in storage, the event's IANA zone on screen.

Kazakhstan has been on one zone, UTC+5, since 1 March 2024 (`Asia/Almaty` in tzdata 2024a and
later). keruen depends on the `tzdata` package and loads zones from it first, so every machine
agrees whatever its system zone database says.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


def utcnow() -> datetime:
    return datetime.now(UTC)


@lru_cache(maxsize=128)
def zone(name: str) -> ZoneInfo:
    """An IANA zone; raises ValueError naming the zone when it does not exist."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


def is_zone(name: str) -> bool:
    return name in _zones()


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def local_to_utc(day: date, clock: time, zone_name: str) -> datetime:
    """A wall-clock time on a day in a zone, as an aware UTC datetime."""
    return datetime.combine(day, clock, tzinfo=zone(zone_name)).astimezone(UTC)


def utc_to_local(moment: datetime, zone_name: str) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: keruen stores aware UTC datetimes only")
    return moment.astimezone(zone(zone_name))


def utc_offset(zone_name: str, at: datetime) -> timedelta:
    offset = utc_to_local(at, zone_name).utcoffset()
    assert offset is not None
    return offset


def parse_clock(value: str) -> time:
    """'09:30' → time(9, 30); raises ValueError with the text on anything else."""
    try:
        hours, minutes = value.strip().split(":")
        return time(int(hours), int(minutes))
    except (ValueError, AttributeError) as exc:
        raise ValueError(f"not a time of day HH:MM: {value!r}") from exc
