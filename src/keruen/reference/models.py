from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from keruen.core.text import LocalizedText
from keruen.db.base import Base
from keruen.db.types import LocalizedTextType


class Region(Base):
    """A country, region, prefecture, district or city. `code` is ISO 3166-2 where one exists
    (KZ-61) and the project's own code below it (KZ-61-MAK, CN-XJ-BYG-KRL)."""

    __tablename__ = "region"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"), index=True)
    level: Mapped[str] = mapped_column(String(16))
    iso: Mapped[str | None] = mapped_column(String(8))
    timezone: Mapped[str | None] = mapped_column(String(64))
    names: Mapped[LocalizedText] = mapped_column(LocalizedTextType())

    parent: Mapped[Region | None] = relationship(remote_side=[code])

    def country_code(self) -> str:
        return self.code.split("-")[0]
