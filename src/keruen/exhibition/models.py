"""The exhibition of an event: exhibitors (organizations at a stand), their products with an HS
code, names and descriptions per language, a producer, a volume and a price (on request unless
stated), photos kept in a `Storage` under content-addressed keys, and the interest visitors
mark on a product (each one a meeting request with the producer)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from keruen.core.text import LocalizedText
from keruen.core.timeutil import utcnow
from keruen.db.base import Base, Timestamped
from keruen.db.types import LocalizedTextType, UTCDateTime
from keruen.events.models import Event, Participation
from keruen.exhibition.enums import VolumePeriod, VolumeUnit
from keruen.meetings.models import MeetingRequest
from keruen.organizations.models import Delegate, Organization


def _in(column: str, values: type) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"  # type: ignore[attr-defined]


class Exhibitor(Timestamped, Base):
    """An organization showing products at an event, at a stand, with a contact person."""

    __tablename__ = "exhibitor"
    __table_args__ = (UniqueConstraint("event_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    stand: Mapped[str | None] = mapped_column(String(40))
    contact_delegate_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegate.id", ondelete="SET NULL")
    )

    event: Mapped[Event] = relationship()
    organization: Mapped[Organization] = relationship()
    contact: Mapped[Delegate | None] = relationship()
    products: Mapped[list[ExhibitProduct]] = relationship(
        back_populates="exhibitor",
        cascade="all, delete-orphan",
        order_by="(ExhibitProduct.position, ExhibitProduct.id)",
    )


class ExhibitProduct(Timestamped, Base):
    """A product on show: a 6-digit HS 2022 code, names per language, who makes it, how much
    (e.g. 1,200 t per year) and its price: on request unless a price text is given."""

    __tablename__ = "exhibit_product"
    __table_args__ = (
        CheckConstraint(f"volume_unit IS NULL OR {_in('volume_unit', VolumeUnit)}", name="unit"),
        CheckConstraint(
            f"volume_period IS NULL OR {_in('volume_period', VolumePeriod)}", name="period"
        ),
        CheckConstraint("(volume_amount IS NULL) = (volume_unit IS NULL)", name="volume_has_unit"),
        CheckConstraint("volume_amount IS NULL OR volume_amount > 0", name="volume_positive"),
        CheckConstraint("price_on_request OR price IS NOT NULL", name="price_stated"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    exhibitor_id: Mapped[int] = mapped_column(
        ForeignKey("exhibitor.id", ondelete="CASCADE"), index=True
    )
    hs_code: Mapped[str] = mapped_column(String(6), index=True)
    names: Mapped[LocalizedText] = mapped_column(LocalizedTextType())
    description: Mapped[LocalizedText | None] = mapped_column(LocalizedTextType())
    producer_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    volume_amount: Mapped[float | None] = mapped_column(Float)
    volume_unit: Mapped[str | None] = mapped_column(String(16))
    volume_period: Mapped[str | None] = mapped_column(String(16))
    price_on_request: Mapped[bool] = mapped_column(Boolean, default=True)
    price: Mapped[LocalizedText | None] = mapped_column(LocalizedTextType())
    position: Mapped[int] = mapped_column(Integer, default=0)

    exhibitor: Mapped[Exhibitor] = relationship(back_populates="products")
    producer: Mapped[Organization] = relationship()
    photos: Mapped[list[ProductPhoto]] = relationship(
        back_populates="product",
        cascade="all, delete-orphan",
        order_by="(ProductPhoto.position, ProductPhoto.id)",
    )


class ProductPhoto(Base):
    """A photo as stored: the resized image and its thumbnail, under content-addressed keys."""

    __tablename__ = "product_photo"
    __table_args__ = (UniqueConstraint("product_id", "storage_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("exhibit_product.id", ondelete="CASCADE"), index=True
    )
    storage_key: Mapped[str] = mapped_column(String(120), index=True)
    thumb_key: Mapped[str] = mapped_column(String(120), index=True)
    content_type: Mapped[str] = mapped_column(String(32))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    bytes: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)

    product: Mapped[ExhibitProduct] = relationship(back_populates="photos")


class ProductInterest(Base):
    """A visitor marked a product: the meeting request with its producer that it made (or the
    one already open between them, `request_existed`)."""

    __tablename__ = "product_interest"
    __table_args__ = (UniqueConstraint("product_id", "participation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("exhibit_product.id", ondelete="CASCADE"), index=True
    )
    participation_id: Mapped[int] = mapped_column(
        ForeignKey("participation.id", ondelete="CASCADE"), index=True
    )
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_request.id", ondelete="SET NULL"), index=True
    )
    request_existed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    product: Mapped[ExhibitProduct] = relationship()
    participation: Mapped[Participation] = relationship()
    request: Mapped[MeetingRequest | None] = relationship()
