from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from keruen.db.base import Base, Timestamped
from keruen.db.types import JSONType, UTCDateTime
from keruen.events.models import Event, MeetingTable, Participation
from keruen.meetings.enums import MeetingKind, RequestStatus, ScheduleStatus


def _in(column: str, values: type) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"  # type: ignore[attr-defined]


_ACTIVE = "status IN ('pending', 'accepted')"


class EventMeetingRules(Base):
    """An organizer's rules for requests at one event."""

    __tablename__ = "event_meeting_rules"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    request_quota: Mapped[int] = mapped_column(Integer, default=20)
    request_ttl_hours: Mapped[int] = mapped_column(Integer, default=72)
    g2b_length_slots: Mapped[int] = mapped_column(Integer, default=1)


class MeetingRequest(Timestamped, Base):
    """A participant asks another for a meeting; the other accepts or declines.

    At most one active (pending or accepted) request exists per pair of participants per
    event, whoever asked: a partial unique index on the ordered pair enforces it, so two
    people asking each other at the same moment cannot both succeed.
    """

    __tablename__ = "meeting_request"
    __table_args__ = (
        CheckConstraint(_in("status", RequestStatus), name="status"),
        CheckConstraint(_in("kind", MeetingKind), name="kind"),
        CheckConstraint("requester_id <> target_id", name="not_self"),
        CheckConstraint("pair_low < pair_high", name="pair_order"),
        CheckConstraint("priority BETWEEN 1 AND 5", name="priority"),
        Index(
            "uq_meeting_request_active_pair",
            "event_id",
            "pair_low",
            "pair_high",
            unique=True,
            sqlite_where=text(_ACTIVE),
            postgresql_where=text(_ACTIVE),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    requester_id: Mapped[int] = mapped_column(
        ForeignKey("participation.id", ondelete="CASCADE"), index=True
    )
    target_id: Mapped[int] = mapped_column(
        ForeignKey("participation.id", ondelete="CASCADE"), index=True
    )
    pair_low: Mapped[int] = mapped_column(Integer)
    pair_high: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8), default=MeetingKind.B2B.value)
    topic: Mapped[str | None] = mapped_column(String(40))
    message: Mapped[str | None] = mapped_column(Text)
    priority: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default=RequestStatus.PENDING.value)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    by_organizer: Mapped[bool] = mapped_column(Boolean, default=False)

    event: Mapped[Event] = relationship()
    requester: Mapped[Participation] = relationship(foreign_keys=[requester_id])
    target: Mapped[Participation] = relationship(foreign_keys=[target_id])


class Schedule(Timestamped, Base):
    """One version of an event's schedule: a draft, the published one, or a superseded one."""

    __tablename__ = "schedule"
    __table_args__ = (
        UniqueConstraint("event_id", "version"),
        CheckConstraint(_in("status", ScheduleStatus), name="status"),
        Index(
            "uq_schedule_one_published",
            "event_id",
            unique=True,
            sqlite_where=text("status = 'published'"),
            postgresql_where=text("status = 'published'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=ScheduleStatus.DRAFT.value)
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("schedule.id"))
    solver_status: Mapped[str] = mapped_column(String(16))
    objective: Mapped[dict[str, int]] = mapped_column(JSONType, default=dict)
    bound: Mapped[dict[str, int]] = mapped_column(JSONType, default=dict)
    seconds: Mapped[float] = mapped_column(default=0.0)
    unscheduled: Mapped[list[dict[str, str]]] = mapped_column(JSONType, default=list)

    meetings: Mapped[list[ScheduledMeeting]] = relationship(
        back_populates="schedule",
        cascade="all, delete-orphan",
        order_by="ScheduledMeeting.starts_at",
    )


class ScheduledMeeting(Base):
    """A meeting placed in a schedule: when, at which table, with which interpreter."""

    __tablename__ = "scheduled_meeting"
    __table_args__ = (
        UniqueConstraint("schedule_id", "first_id", "second_id"),
        # A table holds one meeting at a time; checked again per slot by ScheduledSeat.
        UniqueConstraint("schedule_id", "table_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(
        ForeignKey("schedule.id", ondelete="CASCADE"), index=True
    )
    # The accepted request it comes from; None when the organizer let the planner fill empty
    # slots with top partner suggestions.
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_request.id", ondelete="CASCADE"), index=True
    )
    first_id: Mapped[int] = mapped_column(ForeignKey("participation.id"))
    second_id: Mapped[int] = mapped_column(ForeignKey("participation.id"))
    kind: Mapped[str] = mapped_column(String(8), default=MeetingKind.B2B.value)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    slot_index: Mapped[int] = mapped_column(Integer)
    table_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_table.id"))
    interpreter_id: Mapped[int | None] = mapped_column(ForeignKey("participation.id"))

    schedule: Mapped[Schedule] = relationship(back_populates="meetings")
    request: Mapped[MeetingRequest | None] = relationship()
    first: Mapped[Participation] = relationship(foreign_keys=[first_id])
    second: Mapped[Participation] = relationship(foreign_keys=[second_id])
    table: Mapped[MeetingTable | None] = relationship()
    interpreter: Mapped[Participation | None] = relationship(foreign_keys=[interpreter_id])
    seats: Mapped[list[ScheduledSeat]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )


class ScheduledSeat(Base):
    """One person busy in one slot of a schedule. The unique constraint makes a double
    booking of a participant or an interpreter impossible, whatever the code above does."""

    __tablename__ = "scheduled_seat"
    __table_args__ = (UniqueConstraint("schedule_id", "participation_id", "slot_index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(
        ForeignKey("schedule.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("scheduled_meeting.id", ondelete="CASCADE"), index=True
    )
    participation_id: Mapped[int] = mapped_column(ForeignKey("participation.id"), index=True)
    slot_index: Mapped[int] = mapped_column(Integer)

    meeting: Mapped[ScheduledMeeting] = relationship(back_populates="seats")


class MatchRule(Base):
    """An organizer's word on a pair of organizations: always suggest, never, or boost."""

    __tablename__ = "match_rule"
    __table_args__ = (
        UniqueConstraint("event_id", "first_organization_id", "second_organization_id"),
        CheckConstraint("action IN ('pin', 'forbid', 'boost')", name="action"),
        CheckConstraint("first_organization_id < second_organization_id", name="pair_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    first_organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE")
    )
    second_organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE")
    )
    action: Mapped[str] = mapped_column(String(8))
    boost: Mapped[float] = mapped_column(default=0.0)
