"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-27 18:43:31.508965
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import keruen.db.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "region",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("parent_code", sa.String(length=32), nullable=True),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("iso", sa.String(length=8), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=True),
        sa.Column("names", keruen.db.types.LocalizedTextType(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_code"], ["region.code"], name=op.f("fk_region_parent_code_region")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_region")),
    )
    with op.batch_alter_table("region", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_region_parent_code"), ["parent_code"], unique=False)

    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("names", keruen.db.types.LocalizedTextType(), nullable=False),
        sa.Column("venue", keruen.db.types.LocalizedTextType(), nullable=True),
        sa.Column("region_code", sa.String(length=32), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column(
            "languages", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("created_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("ends_on >= starts_on", name=op.f("ck_event_dates")),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_event_region_code_region")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("slug", name=op.f("uq_event_slug")),
    )
    op.create_table(
        "organization",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=80), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("region_code", sa.String(length=32), nullable=False),
        sa.Column("names", keruen.db.types.LocalizedTextType(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("bin", sa.String(length=12), nullable=True),
        sa.Column("uscc", sa.String(length=18), nullable=True),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("size", sa.String(length=8), nullable=True),
        sa.Column("description", keruen.db.types.LocalizedTextType(), nullable=True),
        sa.Column("fictional", sa.Boolean(), nullable=False),
        sa.Column("created_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('company', 'government', 'association', 'university', 'cultural', 'other')",
            name=op.f("ck_organization_kind"),
        ),
        sa.CheckConstraint(
            "size IS NULL OR size IN ('micro', 'small', 'medium', 'large')",
            name=op.f("ck_organization_size"),
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_organization_region_code_region")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization")),
        sa.UniqueConstraint("bin", name=op.f("uq_organization_bin")),
        sa.UniqueConstraint("ref", name=op.f("uq_organization_ref")),
        sa.UniqueConstraint("uscc", name=op.f("uq_organization_uscc")),
    )
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organization_region_code"), ["region_code"], unique=False
        )

    op.create_table(
        "cooperation_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column(
            "hs_codes", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column(
            "isic_codes", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("text", keruen.db.types.LocalizedTextType(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('business_offer', 'business_request', 'technology_offer', 'technology_request', 'investment_offered', 'investment_sought', 'logistics')",
            name=op.f("ck_cooperation_profile_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_cooperation_profile_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cooperation_profile")),
    )
    with op.batch_alter_table("cooperation_profile", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cooperation_profile_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "delegate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=80), nullable=True),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("names", keruen.db.types.LocalizedTextType(), nullable=False),
        sa.Column("position", keruen.db.types.LocalizedTextType(), nullable=True),
        sa.Column(
            "languages", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("consent_share_contacts", sa.Boolean(), nullable=False),
        sa.Column("created_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_delegate_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegate")),
        sa.UniqueConstraint("email", name=op.f("uq_delegate_email")),
        sa.UniqueConstraint("ref", name=op.f("uq_delegate_ref")),
    )
    with op.batch_alter_table("delegate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_delegate_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "event_side",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("region_code", sa.String(length=32), nullable=False),
        sa.Column("names", keruen.db.types.LocalizedTextType(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_side_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_event_side_region_code_region")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_side")),
        sa.UniqueConstraint("event_id", "code", name=op.f("uq_event_side_event_id_code")),
    )
    with op.batch_alter_table("event_side", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_side_event_id"), ["event_id"], unique=False)

    op.create_table(
        "hall",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("names", keruen.db.types.LocalizedTextType(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_hall_event_id_event"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hall")),
        sa.UniqueConstraint("event_id", "code", name=op.f("uq_hall_event_id_code")),
    )
    with op.batch_alter_table("hall", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hall_event_id"), ["event_id"], unique=False)

    op.create_table(
        "organization_activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("isic_code", sa.String(length=4), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_organization_activity_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization_activity")),
        sa.UniqueConstraint(
            "organization_id",
            "isic_code",
            name=op.f("uq_organization_activity_organization_id_isic_code"),
        ),
    )
    with op.batch_alter_table("organization_activity", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organization_activity_isic_code"), ["isic_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_organization_activity_organization_id"),
            ["organization_id"],
            unique=False,
        )

    op.create_table(
        "organization_product",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("hs_code", sa.String(length=6), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "direction IN ('offers', 'needs')", name=op.f("ck_organization_product_direction")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_organization_product_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization_product")),
        sa.UniqueConstraint(
            "organization_id",
            "direction",
            "hs_code",
            name=op.f("uq_organization_product_organization_id_direction_hs_code"),
        ),
    )
    with op.batch_alter_table("organization_product", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organization_product_hs_code"), ["hs_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_organization_product_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "event_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("names", keruen.db.types.LocalizedTextType(), nullable=True),
        sa.Column("hall_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('b2b', 'g2b', 'plenary', 'other')", name=op.f("ck_event_session_kind")
        ),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_event_session_times")),
        sa.CheckConstraint("slot_minutes > 0", name=op.f("ck_event_session_slot_minutes")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_session_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["hall_id"],
            ["hall.id"],
            name=op.f("fk_event_session_hall_id_hall"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_session")),
    )
    with op.batch_alter_table("event_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_session_event_id"), ["event_id"], unique=False)

    op.create_table(
        "meeting_table",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.CheckConstraint("seats >= 2", name=op.f("ck_meeting_table_seats")),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["hall.id"], name=op.f("fk_meeting_table_hall_id_hall"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_table")),
        sa.UniqueConstraint("hall_id", "number", name=op.f("uq_meeting_table_hall_id_number")),
    )
    with op.batch_alter_table("meeting_table", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_table_hall_id"), ["hall_id"], unique=False)

    op.create_table(
        "participation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("delegate_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column(
            "topics", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("created_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('participant', 'official', 'interpreter', 'organizer')",
            name=op.f("ck_participation_role"),
        ),
        sa.ForeignKeyConstraint(
            ["delegate_id"],
            ["delegate.id"],
            name=op.f("fk_participation_delegate_id_delegate"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_participation_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participation")),
        sa.UniqueConstraint(
            "event_id", "delegate_id", name=op.f("uq_participation_event_id_delegate_id")
        ),
    )
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participation_delegate_id"), ["delegate_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_participation_event_id"), ["event_id"], unique=False)

    op.create_table(
        "session_pause",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_session_pause_times")),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["event_session.id"],
            name=op.f("fk_session_pause_session_id_event_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_pause")),
    )
    with op.batch_alter_table("session_pause", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_pause_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "unavailability",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participation_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", keruen.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_unavailability_times")),
        sa.ForeignKeyConstraint(
            ["participation_id"],
            ["participation.id"],
            name=op.f("fk_unavailability_participation_id_participation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unavailability")),
    )
    with op.batch_alter_table("unavailability", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unavailability_participation_id"), ["participation_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("unavailability", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unavailability_participation_id"))

    op.drop_table("unavailability")
    with op.batch_alter_table("session_pause", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_pause_session_id"))

    op.drop_table("session_pause")
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participation_event_id"))
        batch_op.drop_index(batch_op.f("ix_participation_delegate_id"))

    op.drop_table("participation")
    with op.batch_alter_table("meeting_table", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_table_hall_id"))

    op.drop_table("meeting_table")
    with op.batch_alter_table("event_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_session_event_id"))

    op.drop_table("event_session")
    with op.batch_alter_table("organization_product", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organization_product_organization_id"))
        batch_op.drop_index(batch_op.f("ix_organization_product_hs_code"))

    op.drop_table("organization_product")
    with op.batch_alter_table("organization_activity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organization_activity_organization_id"))
        batch_op.drop_index(batch_op.f("ix_organization_activity_isic_code"))

    op.drop_table("organization_activity")
    with op.batch_alter_table("hall", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hall_event_id"))

    op.drop_table("hall")
    with op.batch_alter_table("event_side", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_side_event_id"))

    op.drop_table("event_side")
    with op.batch_alter_table("delegate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegate_organization_id"))

    op.drop_table("delegate")
    with op.batch_alter_table("cooperation_profile", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cooperation_profile_organization_id"))

    op.drop_table("cooperation_profile")
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organization_region_code"))

    op.drop_table("organization")
    op.drop_table("event")
    with op.batch_alter_table("region", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_region_parent_code"))

    op.drop_table("region")
