from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator

from keruen.core.text import LocalizedText


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes only, stored in UTC; SQLite (which has no zones) gives them back aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware datetime (UTC is stored)")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


JSONType = JSON().with_variant(JSONB(), "postgresql")


class LocalizedTextType(TypeDecorator[LocalizedText]):
    """A LocalizedText as JSON: {"values": {lang: text}, "source": lang}."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())

    def process_bind_param(self, value: LocalizedText | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return value.to_json()

    def process_result_value(self, value: Any, dialect: Dialect) -> LocalizedText | None:
        if value is None:
            return None
        return LocalizedText.from_json(value)
