"""What calendars have been told: one row per meeting identity (its UID), with the SEQUENCE
last published and what it said, so a moved meeting keeps its UID with a higher SEQUENCE and a
meeting that disappears is sent as cancelled instead of vanishing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from keruen.core.timeutil import utcnow
from keruen.db.base import Base
from keruen.db.types import UTCDateTime


class CalendarEntry(Base):
    __tablename__ = "calendar_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    uid: Mapped[str] = mapped_column(String(200), unique=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(12), default="confirmed")  # or cancelled
    fingerprint: Mapped[str] = mapped_column(String(200))
    first_id: Mapped[int] = mapped_column(ForeignKey("participation.id", ondelete="CASCADE"))
    second_id: Mapped[int] = mapped_column(ForeignKey("participation.id", ondelete="CASCADE"))
    interpreter_id: Mapped[int | None] = mapped_column(
        ForeignKey("participation.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(8))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    table_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_table.id", ondelete="SET NULL")
    )
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CalendarFeed(Base):
    """A person's secret subscription address (a capability: it reads their agenda only)."""

    __tablename__ = "calendar_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    delegate_id: Mapped[int] = mapped_column(
        ForeignKey("delegate.id", ondelete="CASCADE"), unique=True
    )
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Attendance(Base):
    """On site: a meeting marked held or no-show (by its identity, so the mark survives a
    reschedule), by whom and when; and people checked in at the door."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("event_id", "meeting_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    meeting_key: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12))  # held | no_show
    absent_id: Mapped[int | None] = mapped_column(
        ForeignKey("participation.id", ondelete="SET NULL")
    )
    marked_by: Mapped[str] = mapped_column(String(254))
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CheckIn(Base):
    __tablename__ = "check_in"
    __table_args__ = (UniqueConstraint("participation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participation_id: Mapped[int] = mapped_column(
        ForeignKey("participation.id", ondelete="CASCADE")
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by: Mapped[str] = mapped_column(String(254))
