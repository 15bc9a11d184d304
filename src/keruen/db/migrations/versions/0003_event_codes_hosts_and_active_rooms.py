"""session codes, host tables, halls and tables kept inactive when removed

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 01:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("event_session", sa.Column("code", sa.String(length=40), nullable=True))
    op.create_index(
        "uq_event_session_event_id_code", "event_session", ["event_id", "code"], unique=True
    )
    op.add_column(
        "hall", sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False)
    )
    op.add_column(
        "meeting_table",
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
    )
    op.add_column("meeting_table", sa.Column("host", sa.String(length=254), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meeting_table") as batch:
        batch.drop_column("host")
        batch.drop_column("active")
    with op.batch_alter_table("hall") as batch:
        batch.drop_column("active")
    op.drop_index("uq_event_session_event_id_code", table_name="event_session")
    with op.batch_alter_table("event_session") as batch:
        batch.drop_column("code")
