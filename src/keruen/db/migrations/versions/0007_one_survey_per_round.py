"""One survey invitation per participant and round: the same person is never asked twice

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 09:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("survey_invitation") as batch:
        batch.create_unique_constraint(
            "uq_survey_invitation_participation_id_round", ["participation_id", "round"]
        )


def downgrade() -> None:
    with op.batch_alter_table("survey_invitation") as batch:
        batch.drop_constraint("uq_survey_invitation_participation_id_round", type_="unique")
