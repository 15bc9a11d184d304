"""meeting requests, schedules and match rules

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 19:14:41.053822
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import keruen.db.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "event_meeting_rules",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("request_quota", sa.Integer(), nullable=False),
        sa.Column("request_ttl_hours", sa.Integer(), nullable=False),
        sa.Column("g2b_length_slots", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_meeting_rules_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_event_meeting_rules")),
    )
    op.create_table(
        "match_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("first_organization_id", sa.Integer(), nullable=False),
        sa.Column("second_organization_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("boost", sa.Double(), nullable=False),
        sa.CheckConstraint(
            "action IN ('pin', 'forbid', 'boost')", name=op.f("ck_match_rule_action")
        ),
        sa.CheckConstraint(
            "first_organization_id < second_organization_id", name=op.f("ck_match_rule_pair_order")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_match_rule_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["first_organization_id"],
            ["organization.id"],
            name=op.f("fk_match_rule_first_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["second_organization_id"],
            ["organization.id"],
            name=op.f("fk_match_rule_second_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_rule")),
        sa.UniqueConstraint(
            "event_id",
            "first_organization_id",
            "second_organization_id",
            name=op.f("uq_match_rule_event_id_first_organization_id_second_organization_id"),
        ),
    )
    with op.batch_alter_table("match_rule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_rule_event_id"), ["event_id"], unique=False)

    op.create_table(
        "schedule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("based_on_id", sa.Integer(), nullable=True),
        sa.Column("solver_status", sa.String(length=16), nullable=False),
        sa.Column(
            "objective", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column(
            "bound", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("seconds", sa.Double(), nullable=False),
        sa.Column(
            "unscheduled", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("created_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'published', 'superseded')", name=op.f("ck_schedule_status")
        ),
        sa.ForeignKeyConstraint(
            ["based_on_id"], ["schedule.id"], name=op.f("fk_schedule_based_on_id_schedule")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_schedule_event_id_event"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule")),
        sa.UniqueConstraint("event_id", "version", name=op.f("uq_schedule_event_id_version")),
    )
    with op.batch_alter_table("schedule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_schedule_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            "uq_schedule_one_published",
            ["event_id"],
            unique=True,
            sqlite_where=sa.text("status = 'published'"),
            postgresql_where=sa.text("status = 'published'"),
        )

    op.create_table(
        "meeting_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("pair_low", sa.Integer(), nullable=False),
        sa.Column("pair_high", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("topic", sa.String(length=40), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("expires_at", keruen.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("responded_at", keruen.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("by_organizer", sa.Boolean(), nullable=False),
        sa.Column("created_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('b2b', 'g2b')", name=op.f("ck_meeting_request_kind")),
        sa.CheckConstraint(
            "status IN ('pending', 'accepted', 'declined', 'cancelled', 'expired', 'vetoed')",
            name=op.f("ck_meeting_request_status"),
        ),
        sa.CheckConstraint("pair_low < pair_high", name=op.f("ck_meeting_request_pair_order")),
        sa.CheckConstraint("priority BETWEEN 1 AND 5", name=op.f("ck_meeting_request_priority")),
        sa.CheckConstraint("requester_id <> target_id", name=op.f("ck_meeting_request_not_self")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_meeting_request_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"],
            ["participation.id"],
            name=op.f("fk_meeting_request_requester_id_participation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["participation.id"],
            name=op.f("fk_meeting_request_target_id_participation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_request")),
    )
    with op.batch_alter_table("meeting_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_request_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_meeting_request_requester_id"), ["requester_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meeting_request_target_id"), ["target_id"], unique=False
        )
        batch_op.create_index(
            "uq_meeting_request_active_pair",
            ["event_id", "pair_low", "pair_high"],
            unique=True,
            sqlite_where=sa.text("status IN ('pending', 'accepted')"),
            postgresql_where=sa.text("status IN ('pending', 'accepted')"),
        )

    op.create_table(
        "scheduled_meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("starts_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("slot_index", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=True),
        sa.Column("interpreter_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["first_id"],
            ["participation.id"],
            name=op.f("fk_scheduled_meeting_first_id_participation"),
        ),
        sa.ForeignKeyConstraint(
            ["interpreter_id"],
            ["participation.id"],
            name=op.f("fk_scheduled_meeting_interpreter_id_participation"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["meeting_request.id"],
            name=op.f("fk_scheduled_meeting_request_id_meeting_request"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["schedule_id"],
            ["schedule.id"],
            name=op.f("fk_scheduled_meeting_schedule_id_schedule"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["second_id"],
            ["participation.id"],
            name=op.f("fk_scheduled_meeting_second_id_participation"),
        ),
        sa.ForeignKeyConstraint(
            ["table_id"],
            ["meeting_table.id"],
            name=op.f("fk_scheduled_meeting_table_id_meeting_table"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduled_meeting")),
        sa.UniqueConstraint(
            "schedule_id",
            "first_id",
            "second_id",
            name=op.f("uq_scheduled_meeting_schedule_id_first_id_second_id"),
        ),
        sa.UniqueConstraint(
            "schedule_id",
            "table_id",
            "starts_at",
            name=op.f("uq_scheduled_meeting_schedule_id_table_id_starts_at"),
        ),
    )
    with op.batch_alter_table("scheduled_meeting", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_scheduled_meeting_request_id"), ["request_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_scheduled_meeting_schedule_id"), ["schedule_id"], unique=False
        )

    op.create_table(
        "scheduled_seat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("participation_id", sa.Integer(), nullable=False),
        sa.Column("slot_index", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["scheduled_meeting.id"],
            name=op.f("fk_scheduled_seat_meeting_id_scheduled_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participation_id"],
            ["participation.id"],
            name=op.f("fk_scheduled_seat_participation_id_participation"),
        ),
        sa.ForeignKeyConstraint(
            ["schedule_id"],
            ["schedule.id"],
            name=op.f("fk_scheduled_seat_schedule_id_schedule"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduled_seat")),
        sa.UniqueConstraint(
            "schedule_id",
            "participation_id",
            "slot_index",
            name=op.f("uq_scheduled_seat_schedule_id_participation_id_slot_index"),
        ),
    )
    with op.batch_alter_table("scheduled_seat", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_scheduled_seat_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_scheduled_seat_participation_id"), ["participation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_scheduled_seat_schedule_id"), ["schedule_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("scheduled_seat", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scheduled_seat_schedule_id"))
        batch_op.drop_index(batch_op.f("ix_scheduled_seat_participation_id"))
        batch_op.drop_index(batch_op.f("ix_scheduled_seat_meeting_id"))

    op.drop_table("scheduled_seat")
    with op.batch_alter_table("scheduled_meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scheduled_meeting_schedule_id"))
        batch_op.drop_index(batch_op.f("ix_scheduled_meeting_request_id"))

    op.drop_table("scheduled_meeting")
    with op.batch_alter_table("meeting_request", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_meeting_request_active_pair",
            sqlite_where=sa.text("status IN ('pending', 'accepted')"),
            postgresql_where=sa.text("status IN ('pending', 'accepted')"),
        )
        batch_op.drop_index(batch_op.f("ix_meeting_request_target_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_request_requester_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_request_event_id"))

    op.drop_table("meeting_request")
    with op.batch_alter_table("schedule", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_schedule_one_published",
            sqlite_where=sa.text("status = 'published'"),
            postgresql_where=sa.text("status = 'published'"),
        )
        batch_op.drop_index(batch_op.f("ix_schedule_event_id"))

    op.drop_table("schedule")
    with op.batch_alter_table("match_rule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_match_rule_event_id"))

    op.drop_table("match_rule")
    op.drop_table("event_meeting_rules")
