"""accounts, sign-in links, web sessions, consents, rate-limit marks; erased delegates

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keruen.db.types import JSONType, UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("locale", sa.String(8), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("email", name="uq_account_email"),
    )
    op.create_table(
        "event_staff",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "account_id",
            sa.Integer(),
            sa.ForeignKey(
                "account.id", ondelete="CASCADE", name="fk_event_staff_account_id_account"
            ),
            nullable=False,
        ),
        sa.Column(
            "event_id",
            sa.Integer(),
            sa.ForeignKey("event.id", ondelete="CASCADE", name="fk_event_staff_event_id_event"),
            nullable=False,
        ),
        sa.UniqueConstraint("account_id", "event_id", name="uq_event_staff_account_id_event_id"),
    )
    op.create_index("ix_event_staff_account_id", "event_staff", ["account_id"])
    op.create_index("ix_event_staff_event_id", "event_staff", ["event_id"])
    for table in ("sign_in_link", "web_session"):
        columns = [
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("token_hash", sa.String(64), nullable=False),
        ]
        if table == "web_session":
            columns.append(sa.Column("csrf_token", sa.String(64), nullable=False))
        op.create_table(
            table,
            *columns,
            sa.Column(
                "delegate_id",
                sa.Integer(),
                sa.ForeignKey(
                    "delegate.id", ondelete="CASCADE", name=f"fk_{table}_delegate_id_delegate"
                ),
                nullable=True,
            ),
            sa.Column(
                "account_id",
                sa.Integer(),
                sa.ForeignKey(
                    "account.id", ondelete="CASCADE", name=f"fk_{table}_account_id_account"
                ),
                nullable=True,
            ),
            sa.Column("created_at", UTCDateTime(), nullable=False),
            sa.Column("expires_at", UTCDateTime(), nullable=False),
            *(
                [sa.Column("used_at", UTCDateTime(), nullable=True)]
                if table == "sign_in_link"
                else []
            ),
            sa.UniqueConstraint("token_hash", name=f"uq_{table}_token_hash"),
            sa.CheckConstraint(
                "(delegate_id IS NULL) <> (account_id IS NULL)", name=f"ck_{table}_one_owner"
            ),
        )
        op.create_index(f"ix_{table}_delegate_id", table, ["delegate_id"])
        op.create_index(f"ix_{table}_account_id", table, ["account_id"])
    op.create_table(
        "consent",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "delegate_id",
            sa.Integer(),
            sa.ForeignKey(
                "delegate.id", ondelete="CASCADE", name="fk_consent_delegate_id_delegate"
            ),
            nullable=False,
        ),
        sa.Column("purpose", sa.String(40), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("wording", sa.Text(), nullable=False),
        sa.Column("locale", sa.String(8), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_consent_delegate_id", "consent", ["delegate_id"])
    op.create_table(
        "throttle",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_throttle_key_at", "throttle", ["key", "at"])
    op.add_column("delegate", sa.Column("erased_at", UTCDateTime(), nullable=True))
    op.create_table(
        "job",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column(
            "event_id",
            sa.Integer(),
            sa.ForeignKey("event.id", ondelete="CASCADE", name="fk_job_event_id_event"),
            nullable=True,
        ),
        sa.Column(
            "account_id",
            sa.Integer(),
            sa.ForeignKey("account.id", ondelete="SET NULL", name="fk_job_account_id_account"),
            nullable=True,
        ),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("params", JSONType, nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=True),
        sa.Column("progress", JSONType, nullable=False),
        sa.Column("result", JSONType, nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("cancel_requested", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "state IN ('queued', 'running', 'done', 'failed', 'cancelled')", name="ck_job_state"
        ),
    )
    op.create_index("ix_job_event_id", "job", ["event_id"])


def downgrade() -> None:
    with op.batch_alter_table("delegate") as batch:
        batch.drop_column("erased_at")
    for table in (
        "job",
        "throttle",
        "consent",
        "web_session",
        "sign_in_link",
        "event_staff",
        "account",
    ):
        op.drop_table(table)
