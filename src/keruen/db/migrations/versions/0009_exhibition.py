"""the exhibition: exhibitors, their HS-coded products, photos, and visitors' interest (each
linked to the meeting request it made)

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-02 07:45:08.185895
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keruen.db.types import LocalizedTextType, UTCDateTime

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exhibitor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("stand", sa.String(length=40), nullable=True),
        sa.Column("contact_delegate_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_delegate_id"],
            ["delegate.id"],
            name=op.f("fk_exhibitor_contact_delegate_id_delegate"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_exhibitor_event_id_event"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_exhibitor_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exhibitor")),
        sa.UniqueConstraint(
            "event_id", "organization_id", name=op.f("uq_exhibitor_event_id_organization_id")
        ),
    )
    with op.batch_alter_table("exhibitor", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exhibitor_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_exhibitor_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "exhibit_product",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exhibitor_id", sa.Integer(), nullable=False),
        sa.Column("hs_code", sa.String(length=6), nullable=False),
        sa.Column("names", LocalizedTextType(), nullable=False),
        sa.Column("description", LocalizedTextType(), nullable=True),
        sa.Column("producer_id", sa.Integer(), nullable=False),
        sa.Column("volume_amount", sa.Float(), nullable=True),
        sa.Column("volume_unit", sa.String(length=16), nullable=True),
        sa.Column("volume_period", sa.String(length=16), nullable=True),
        sa.Column("price_on_request", sa.Boolean(), nullable=False),
        sa.Column("price", LocalizedTextType(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "volume_period IS NULL OR volume_period IN ('year', 'season', 'month', 'week')",
            name=op.f("ck_exhibit_product_period"),
        ),
        sa.CheckConstraint(
            "volume_unit IS NULL OR volume_unit IN ('t', 'kg', 'l', 'pcs', 'm', 'm2', 'container')",
            name=op.f("ck_exhibit_product_unit"),
        ),
        sa.CheckConstraint(
            "(volume_amount IS NULL) = (volume_unit IS NULL)",
            name=op.f("ck_exhibit_product_volume_has_unit"),
        ),
        sa.CheckConstraint(
            "price_on_request OR price IS NOT NULL", name=op.f("ck_exhibit_product_price_stated")
        ),
        sa.CheckConstraint(
            "volume_amount IS NULL OR volume_amount > 0",
            name=op.f("ck_exhibit_product_volume_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["exhibitor_id"],
            ["exhibitor.id"],
            name=op.f("fk_exhibit_product_exhibitor_id_exhibitor"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["producer_id"],
            ["organization.id"],
            name=op.f("fk_exhibit_product_producer_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exhibit_product")),
    )
    with op.batch_alter_table("exhibit_product", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exhibit_product_exhibitor_id"), ["exhibitor_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_exhibit_product_hs_code"), ["hs_code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_exhibit_product_producer_id"), ["producer_id"], unique=False
        )

    op.create_table(
        "product_interest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("participation_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("request_existed", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participation_id"],
            ["participation.id"],
            name=op.f("fk_product_interest_participation_id_participation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["exhibit_product.id"],
            name=op.f("fk_product_interest_product_id_exhibit_product"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["meeting_request.id"],
            name=op.f("fk_product_interest_request_id_meeting_request"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_interest")),
        sa.UniqueConstraint(
            "product_id",
            "participation_id",
            name=op.f("uq_product_interest_product_id_participation_id"),
        ),
    )
    with op.batch_alter_table("product_interest", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_product_interest_participation_id"), ["participation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_product_interest_product_id"), ["product_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_product_interest_request_id"), ["request_id"], unique=False
        )

    op.create_table(
        "product_photo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("storage_key", sa.String(length=120), nullable=False),
        sa.Column("thumb_key", sa.String(length=120), nullable=False),
        sa.Column("content_type", sa.String(length=32), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["exhibit_product.id"],
            name=op.f("fk_product_photo_product_id_exhibit_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_photo")),
        sa.UniqueConstraint(
            "product_id", "storage_key", name=op.f("uq_product_photo_product_id_storage_key")
        ),
    )
    with op.batch_alter_table("product_photo", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_product_photo_product_id"), ["product_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_product_photo_storage_key"), ["storage_key"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_product_photo_thumb_key"), ["thumb_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("product_photo", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_photo_thumb_key"))
        batch_op.drop_index(batch_op.f("ix_product_photo_storage_key"))
        batch_op.drop_index(batch_op.f("ix_product_photo_product_id"))

    op.drop_table("product_photo")
    with op.batch_alter_table("product_interest", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_interest_request_id"))
        batch_op.drop_index(batch_op.f("ix_product_interest_product_id"))
        batch_op.drop_index(batch_op.f("ix_product_interest_participation_id"))

    op.drop_table("product_interest")
    with op.batch_alter_table("exhibit_product", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exhibit_product_producer_id"))
        batch_op.drop_index(batch_op.f("ix_exhibit_product_hs_code"))
        batch_op.drop_index(batch_op.f("ix_exhibit_product_exhibitor_id"))

    op.drop_table("exhibit_product")
    with op.batch_alter_table("exhibitor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exhibitor_organization_id"))
        batch_op.drop_index(batch_op.f("ix_exhibitor_event_id"))

    op.drop_table("exhibitor")
