from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from keruen.core.text import LocalizedText
from keruen.db.base import Base, Timestamped
from keruen.db.types import JSONType, LocalizedTextType, UTCDateTime
from keruen.events.enums import ParticipationRole, SessionKind
from keruen.organizations.models import Delegate


def _in(column: str, values: type) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"  # type: ignore[attr-defined]


class Event(Timestamped, Base):
    __tablename__ = "event"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="dates"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    names: Mapped[LocalizedText] = mapped_column(LocalizedTextType())
    venue: Mapped[LocalizedText | None] = mapped_column(LocalizedTextType())
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    timezone: Mapped[str] = mapped_column(String(64))
    languages: Mapped[list[str]] = mapped_column(JSONType, default=list)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)

    sides: Mapped[list[EventSide]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventSide.id"
    )
    sessions: Mapped[list[EventSession]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventSession.starts_at"
    )
    halls: Mapped[list[Hall]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Hall.code"
    )
    participations: Mapped[list[Participation]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Participation.id"
    )


class EventSide(Base):
    """One partner of the event (a region and everything below it); matching pairs sides."""

    __tablename__ = "event_side"
    __table_args__ = (UniqueConstraint("event_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    names: Mapped[LocalizedText] = mapped_column(LocalizedTextType())

    event: Mapped[Event] = relationship(back_populates="sides")


class Hall(Base):
    __tablename__ = "hall"
    __table_args__ = (UniqueConstraint("event_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    names: Mapped[LocalizedText] = mapped_column(LocalizedTextType())
    # A hall removed from the event while old schedules still point at its tables is kept,
    # inactive, so history stays readable; planning uses active halls only.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    event: Mapped[Event] = relationship(back_populates="halls")
    tables: Mapped[list[MeetingTable]] = relationship(
        back_populates="hall", cascade="all, delete-orphan", order_by="MeetingTable.number"
    )


class MeetingTable(Base):
    __tablename__ = "meeting_table"
    __table_args__ = (
        UniqueConstraint("hall_id", "number"),
        CheckConstraint("seats >= 2", name="seats"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    seats: Mapped[int] = mapped_column(Integer, default=4)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # Who hosts at this table (an official, an exhibitor): a delegate reference or e-mail, or
    # an organization's reference, BIN or USCC; their meetings are held here.
    host: Mapped[str | None] = mapped_column(String(254))

    hall: Mapped[Hall] = relationship(back_populates="tables")

    @property
    def label(self) -> str:
        return f"{self.hall.code}{self.number}"


class EventSession(Base):
    """A block of meetings: start and end in UTC, cut into slots of `slot_minutes`,
    except during its pauses."""

    __tablename__ = "event_session"
    __table_args__ = (
        Index("uq_event_session_event_id_code", "event_id", "code", unique=True),
        CheckConstraint(_in("kind", SessionKind), name="kind"),
        CheckConstraint("ends_at > starts_at", name="times"),
        CheckConstraint("slot_minutes > 0", name="slot_minutes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    # The organizer's handle for the session (e.g. `d1-am`); by default day, kind and start.
    code: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(16))
    names: Mapped[LocalizedText | None] = mapped_column(LocalizedTextType())
    hall_id: Mapped[int | None] = mapped_column(ForeignKey("hall.id", ondelete="SET NULL"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    slot_minutes: Mapped[int] = mapped_column(Integer)

    event: Mapped[Event] = relationship(back_populates="sessions")
    hall: Mapped[Hall | None] = relationship()
    pauses: Mapped[list[SessionPause]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SessionPause.starts_at"
    )


class SessionPause(Base):
    __tablename__ = "session_pause"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="times"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("event_session.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())

    session: Mapped[EventSession] = relationship(back_populates="pauses")


class Participation(Timestamped, Base):
    """A delegate takes part in an event in a role; interpreters are participations too."""

    __tablename__ = "participation"
    __table_args__ = (
        UniqueConstraint("event_id", "delegate_id"),
        CheckConstraint(_in("role", ParticipationRole), name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    delegate_id: Mapped[int] = mapped_column(
        ForeignKey("delegate.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16), default=ParticipationRole.PARTICIPANT.value)
    topics: Mapped[list[str]] = mapped_column(JSONType, default=list)

    event: Mapped[Event] = relationship(back_populates="participations")
    delegate: Mapped[Delegate] = relationship()
    unavailable: Mapped[list[Unavailability]] = relationship(
        back_populates="participation",
        cascade="all, delete-orphan",
        order_by="Unavailability.starts_at",
    )


class Unavailability(Base):
    """A stretch of time (UTC) when a participant or interpreter cannot meet."""

    __tablename__ = "unavailability"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="times"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participation_id: Mapped[int] = mapped_column(
        ForeignKey("participation.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())

    participation: Mapped[Participation] = relationship(back_populates="unavailable")
