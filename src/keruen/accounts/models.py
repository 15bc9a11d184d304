"""Accounts, sign-in links, web sessions, consents and rate-limit marks.

Secrets are never stored: a link or session token is kept as its SHA-256, a password as its
argon2 hash. Consents are an append-only log (what was shown, in which language, when).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from keruen.core.timeutil import utcnow
from keruen.db.base import Base, Timestamped
from keruen.db.types import UTCDateTime
from keruen.events.models import Event
from keruen.organizations.models import Delegate


class Account(Timestamped, Base):
    """An organizer (or administrator) who signs in with e-mail and password."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    locale: Mapped[str] = mapped_column(String(8), default="en")

    events: Mapped[list[EventStaff]] = relationship(
        back_populates="account", cascade="all, delete-orphan"
    )


class EventStaff(Base):
    """An account organizes an event: it may act on that event and no other."""

    __tablename__ = "event_staff"
    __table_args__ = (UniqueConstraint("account_id", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)

    account: Mapped[Account] = relationship(back_populates="events")
    event: Mapped[Event] = relationship()


class SignInLink(Base):
    """A personal sign-in link: single use, expiring; only the token's hash is stored."""

    __tablename__ = "sign_in_link"
    __table_args__ = (
        CheckConstraint("(delegate_id IS NULL) <> (account_id IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    delegate_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegate.id", ondelete="CASCADE"), index=True
    )
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class WebSession(Base):
    """A signed-in browser: the cookie holds a random token, the table its hash."""

    __tablename__ = "web_session"
    __table_args__ = (
        CheckConstraint("(delegate_id IS NULL) <> (account_id IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    delegate_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegate.id", ondelete="CASCADE"), index=True
    )
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())

    delegate: Mapped[Delegate | None] = relationship()
    account: Mapped[Account | None] = relationship()


class Consent(Base):
    """One decision of a person on one purpose, with the exact wording shown (append-only)."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    delegate_id: Mapped[int] = mapped_column(
        ForeignKey("delegate.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(40))
    granted: Mapped[bool] = mapped_column(Boolean)
    wording: Mapped[str] = mapped_column(Text)
    locale: Mapped[str] = mapped_column(String(8))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Throttle(Base):
    """One attempt under a rate-limited key (sign-in by address, link requests by e-mail)."""

    __tablename__ = "throttle"
    __table_args__ = (Index("ix_throttle_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
