"""calendar entries (UID, SEQUENCE, what calendars were told), personal feed addresses,
meetings marked held or no-show, check-ins

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 04:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keruen.db.types import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{target}.id", ondelete=ondelete, name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    op.create_table(
        "calendar_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "event_id",
            sa.Integer(),
            _fk("calendar_entry", "event_id", "event", "CASCADE"),
            nullable=False,
        ),
        sa.Column("uid", sa.String(200), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("fingerprint", sa.String(200), nullable=False),
        sa.Column(
            "first_id",
            sa.Integer(),
            _fk("calendar_entry", "first_id", "participation", "CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "second_id",
            sa.Integer(),
            _fk("calendar_entry", "second_id", "participation", "CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "interpreter_id",
            sa.Integer(),
            _fk("calendar_entry", "interpreter_id", "participation", "SET NULL"),
            nullable=True,
        ),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column(
            "table_id",
            sa.Integer(),
            _fk("calendar_entry", "table_id", "meeting_table", "SET NULL"),
            nullable=True,
        ),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("uid", name="uq_calendar_entry_uid"),
    )
    op.create_index("ix_calendar_entry_event_id", "calendar_entry", ["event_id"])
    op.create_table(
        "calendar_feed",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "delegate_id",
            sa.Integer(),
            _fk("calendar_feed", "delegate_id", "delegate", "CASCADE"),
            nullable=False,
        ),
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("delegate_id", name="uq_calendar_feed_delegate_id"),
        sa.UniqueConstraint("token", name="uq_calendar_feed_token"),
    )

    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "event_id",
            sa.Integer(),
            _fk("attendance", "event_id", "event", "CASCADE"),
            nullable=False,
        ),
        sa.Column("meeting_key", sa.String(40), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column(
            "absent_id",
            sa.Integer(),
            _fk("attendance", "absent_id", "participation", "SET NULL"),
            nullable=True,
        ),
        sa.Column("marked_by", sa.String(254), nullable=False),
        sa.Column("marked_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("event_id", "meeting_key", name="uq_attendance_event_id_meeting_key"),
    )
    op.create_index("ix_attendance_event_id", "attendance", ["event_id"])
    op.create_table(
        "check_in",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "participation_id",
            sa.Integer(),
            _fk("check_in", "participation_id", "participation", "CASCADE"),
            nullable=False,
        ),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("by", sa.String(254), nullable=False),
        sa.UniqueConstraint("participation_id", name="uq_check_in_participation_id"),
    )


def downgrade() -> None:
    op.drop_table("check_in")
    op.drop_table("attendance")
    op.drop_table("calendar_feed")
    op.drop_table("calendar_entry")
