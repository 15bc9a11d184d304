from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from keruen.core.text import LocalizedText
from keruen.db.base import Base, Timestamped
from keruen.db.types import JSONType, LocalizedTextType, UTCDateTime
from keruen.organizations.enums import (
    OrganizationKind,
    OrganizationSize,
    ProductDirection,
    ProfileKind,
)


def _in(column: str, values: type) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"  # type: ignore[attr-defined]


class Organization(Timestamped, Base):
    __tablename__ = "organization"
    __table_args__ = (
        CheckConstraint(_in("kind", OrganizationKind), name="kind"),
        CheckConstraint(f"size IS NULL OR {_in('size', OrganizationSize)}", name="size"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str | None] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    names: Mapped[LocalizedText] = mapped_column(LocalizedTextType())
    # Every name transliterated to Latin and folded ("tulpan tekstil"), for search and duplicates.
    name_key: Mapped[str] = mapped_column(Text, default="")
    bin: Mapped[str | None] = mapped_column(String(12), unique=True)
    uscc: Mapped[str | None] = mapped_column(String(18), unique=True)
    website: Mapped[str | None] = mapped_column(String(300))
    size: Mapped[str | None] = mapped_column(String(8))
    description: Mapped[LocalizedText | None] = mapped_column(LocalizedTextType())
    fictional: Mapped[bool] = mapped_column(Boolean, default=False)

    activities: Mapped[list[OrganizationActivity]] = relationship(
        back_populates="organization",
        cascade="all, delete-orphan",
        order_by="OrganizationActivity.position",
    )
    products: Mapped[list[OrganizationProduct]] = relationship(
        back_populates="organization",
        cascade="all, delete-orphan",
        order_by="OrganizationProduct.position",
    )
    profiles: Mapped[list[CooperationProfile]] = relationship(
        back_populates="organization",
        cascade="all, delete-orphan",
        order_by="CooperationProfile.position",
    )
    delegates: Mapped[list[Delegate]] = relationship(
        back_populates="organization", order_by="Delegate.id"
    )

    @property
    def isic_codes(self) -> list[str]:
        return [a.isic_code for a in self.activities]

    def hs_codes(self, direction: ProductDirection) -> list[str]:
        return [p.hs_code for p in self.products if p.direction == direction.value]

    @property
    def identifier(self) -> str | None:
        return self.bin or self.uscc or self.ref


class OrganizationActivity(Base):
    """An ISIC Rev.4 activity; position 0 is the primary one."""

    __tablename__ = "organization_activity"
    __table_args__ = (UniqueConstraint("organization_id", "isic_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    isic_code: Mapped[str] = mapped_column(String(4), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    organization: Mapped[Organization] = relationship(back_populates="activities")


class OrganizationProduct(Base):
    """An HS 2022 code (2, 4 or 6 digits) that the organization offers or needs."""

    __tablename__ = "organization_product"
    __table_args__ = (
        UniqueConstraint("organization_id", "direction", "hs_code"),
        CheckConstraint(_in("direction", ProductDirection), name="direction"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    direction: Mapped[str] = mapped_column(String(8))
    hs_code: Mapped[str] = mapped_column(String(6), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    organization: Mapped[Organization] = relationship(back_populates="products")


class CooperationProfile(Timestamped, Base):
    """What an organization offers or seeks, with codes and free text per language."""

    __tablename__ = "cooperation_profile"
    __table_args__ = (CheckConstraint(_in("kind", ProfileKind), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(24))
    hs_codes: Mapped[list[str]] = mapped_column(JSONType, default=list)
    isic_codes: Mapped[list[str]] = mapped_column(JSONType, default=list)
    text: Mapped[LocalizedText | None] = mapped_column(LocalizedTextType())
    position: Mapped[int] = mapped_column(Integer, default=0)

    organization: Mapped[Organization] = relationship(back_populates="profiles")


class Delegate(Timestamped, Base):
    """A person: a company's delegate, an official, an interpreter (organization optional)."""

    __tablename__ = "delegate"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str | None] = mapped_column(String(80), unique=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    names: Mapped[LocalizedText] = mapped_column(LocalizedTextType())
    position: Mapped[LocalizedText | None] = mapped_column(LocalizedTextType())
    languages: Mapped[list[str]] = mapped_column(JSONType, default=list)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    locale: Mapped[str] = mapped_column(String(8), default="en")
    consent_share_contacts: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set when the person asked to be erased: names, contacts and links are gone, meetings stay.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    organization: Mapped[Organization | None] = relationship(back_populates="delegates")
