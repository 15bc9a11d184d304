"""follow-ups keep the agreement terms: each entry stores what it said of the agreement (level,
kind, amount, currency, rate, dollars, signing date), so the history shows earlier amounts

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 09:08:36.990302
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keruen.db.types import JSONType

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting_follow_up", schema=None) as batch_op:
        batch_op.add_column(sa.Column("agreement_terms", JSONType, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meeting_follow_up", schema=None) as batch_op:
        batch_op.drop_column("agreement_terms")
