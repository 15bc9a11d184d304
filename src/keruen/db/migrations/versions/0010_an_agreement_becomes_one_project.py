"""an agreement becomes one project: the unique key of a project's origins is the agreement alone,
so two organizers promoting the same agreement at once cannot make two projects

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 08:21:17.438355
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("project_origin", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_project_origin_project_id_agreement_id"), type_="unique"
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_project_origin_agreement_id"), ["agreement_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("project_origin", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_project_origin_agreement_id"), type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_project_origin_project_id_agreement_id"), ["project_id", "agreement_id"]
        )
