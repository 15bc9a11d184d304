"""meeting follow-ups, agreements, investment projects (parties, stage history, sourced figures,
origins), sites, survey invitations

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 07:39:49.923248
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keruen.db.types import JSONType, LocalizedTextType, UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "site",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("names", LocalizedTextType(), nullable=False),
        sa.Column("region_code", sa.String(length=32), nullable=False),
        sa.Column("description", LocalizedTextType(), nullable=True),
        sa.Column("land_available_ha", sa.Double(), nullable=True),
        sa.Column("land_as_of", sa.Date(), nullable=True),
        sa.Column("utilities", JSONType, nullable=False),
        sa.Column("incentives", LocalizedTextType(), nullable=True),
        sa.Column("contact_name", sa.String(length=200), nullable=True),
        sa.Column("contact_email", sa.String(length=254), nullable=True),
        sa.Column("contact_phone", sa.String(length=40), nullable=True),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("fictional", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('industrial_zone', 'special_economic_zone')", name=op.f("ck_site_kind")
        ),
        sa.CheckConstraint(
            "land_available_ha IS NULL OR land_available_ha >= 0", name=op.f("ck_site_land")
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_site_region_code_region")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site")),
        sa.UniqueConstraint("ref", name=op.f("uq_site_ref")),
    )
    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_site_region_code"), ["region_code"], unique=False)

    op.create_table(
        "agreement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("meeting_key", sa.String(length=40), nullable=True),
        sa.Column("first_organization_id", sa.Integer(), nullable=False),
        sa.Column("second_organization_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("title", LocalizedTextType(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("usd_rate", sa.String(length=32), nullable=True),
        sa.Column("rate_date", sa.Date(), nullable=True),
        sa.Column("rate_source", sa.String(length=300), nullable=True),
        sa.Column("usd_amount", sa.BigInteger(), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("entered_by", sa.String(length=254), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('supply', 'distribution', 'technology_transfer', 'investment', 'logistics')",
            name=op.f("ck_agreement_kind"),
        ),
        sa.CheckConstraint(
            "level IN ('letter_of_intent', 'memorandum', 'contract', 'joint_venture')",
            name=op.f("ck_agreement_level"),
        ),
        sa.CheckConstraint(
            "amount IS NULL OR amount >= 0", name=op.f("ck_agreement_amount_not_negative")
        ),
        sa.CheckConstraint(
            "amount IS NULL OR currency IS NOT NULL", name=op.f("ck_agreement_amount_has_currency")
        ),
        sa.CheckConstraint(
            "usd_amount IS NULL OR usd_amount >= 0", name=op.f("ck_agreement_usd_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_agreement_event_id_event"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["first_organization_id"],
            ["organization.id"],
            name=op.f("fk_agreement_first_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["second_organization_id"],
            ["organization.id"],
            name=op.f("fk_agreement_second_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement")),
    )
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_agreement_first_organization_id"),
            ["first_organization_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_agreement_meeting_key"), ["meeting_key"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_agreement_second_organization_id"),
            ["second_organization_id"],
            unique=False,
        )

    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=80), nullable=False),
        sa.Column("names", LocalizedTextType(), nullable=False),
        sa.Column("description", LocalizedTextType(), nullable=True),
        sa.Column("isic_code", sa.String(length=8), nullable=False),
        sa.Column("hs_codes", JSONType, nullable=False),
        sa.Column("region_code", sa.String(length=32), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("stage_since", sa.Date(), nullable=False),
        sa.Column("construction_started_on", sa.Date(), nullable=True),
        sa.Column("operating_since", sa.Date(), nullable=True),
        sa.Column("fictional", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "stage <> 'operating' OR operating_since IS NOT NULL",
            name=op.f("ck_project_operating_has_start"),
        ),
        sa.CheckConstraint(
            "stage IN ('idea', 'negotiation', 'agreement_signed', 'construction', 'operating', 'suspended', 'dropped')",
            name=op.f("ck_project_stage"),
        ),
        sa.CheckConstraint(
            "stage NOT IN ('construction', 'operating') OR construction_started_on IS NOT NULL",
            name=op.f("ck_project_construction_has_start"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_project_event_id_event"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_project_region_code_region")
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_project_site_id_site"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
        sa.UniqueConstraint("ref", name=op.f("uq_project_ref")),
    )
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_isic_code"), ["isic_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_region_code"), ["region_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_site_id"), ["site_id"], unique=False)

    op.create_table(
        "project_figure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("usd_rate", sa.String(length=32), nullable=True),
        sa.Column("rate_date", sa.Date(), nullable=True),
        sa.Column("rate_source", sa.String(length=300), nullable=True),
        sa.Column("usd_value", sa.BigInteger(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("entered_by", sa.String(length=254), nullable=False),
        sa.Column("entered_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "measure IN ('capex_planned', 'capex_spent', 'jobs_construction_planned', 'jobs_construction_actual', 'jobs_permanent_planned', 'jobs_permanent_actual')",
            name=op.f("ck_project_figure_measure"),
        ),
        sa.CheckConstraint(
            "measure NOT IN ('capex_planned', 'capex_spent') OR currency IS NOT NULL",
            name=op.f("ck_project_figure_money_has_currency"),
        ),
        sa.CheckConstraint(
            "usd_value IS NULL OR usd_value >= 0", name=op.f("ck_project_figure_usd_not_negative")
        ),
        sa.CheckConstraint("value >= 0", name=op.f("ck_project_figure_not_negative")),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_figure_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_figure")),
    )
    with op.batch_alter_table("project_figure", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_figure_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "project_origin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("meeting_key", sa.String(length=40), nullable=True),
        sa.CheckConstraint(
            "agreement_id IS NOT NULL OR meeting_key IS NOT NULL",
            name=op.f("ck_project_origin_something"),
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_project_origin_agreement_id_agreement"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_project_origin_event_id_event"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_origin_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_origin")),
        sa.UniqueConstraint(
            "project_id", "agreement_id", name=op.f("uq_project_origin_project_id_agreement_id")
        ),
    )
    with op.batch_alter_table("project_origin", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_origin_agreement_id"), ["agreement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_project_origin_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "project_party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("names", LocalizedTextType(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.CheckConstraint(
            "role IN ('investor', 'local_partner')", name=op.f("ck_project_party_role")
        ),
        sa.CheckConstraint(
            "organization_id IS NOT NULL OR names IS NOT NULL", name=op.f("ck_project_party_named")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_project_party_organization_id_organization"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_party_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_party")),
    )
    with op.batch_alter_table("project_party", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_party_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_project_party_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "project_stage_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("previous", sa.String(length=20), nullable=True),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.Column("entered_by", sa.String(length=254), nullable=False),
        sa.Column("entered_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "previous IS NULL OR previous IN ('idea', 'negotiation', 'agreement_signed', 'construction', 'operating', 'suspended', 'dropped')",
            name=op.f("ck_project_stage_change_previous"),
        ),
        sa.CheckConstraint(
            "stage IN ('idea', 'negotiation', 'agreement_signed', 'construction', 'operating', 'suspended', 'dropped')",
            name=op.f("ck_project_stage_change_stage"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_stage_change_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_stage_change")),
    )
    with op.batch_alter_table("project_stage_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_stage_change_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "meeting_follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("meeting_key", sa.String(length=40), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("entered_by", sa.String(length=254), nullable=False),
        sa.Column("participation_id", sa.Integer(), nullable=True),
        sa.Column("entered_at", UTCDateTime(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "stage IN ('no_contact', 'contact', 'negotiation', 'letter_of_intent', 'memorandum', 'contract', 'joint_venture')",
            name=op.f("ck_meeting_follow_up_stage"),
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_meeting_follow_up_agreement_id_agreement"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_meeting_follow_up_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participation_id"],
            ["participation.id"],
            name=op.f("fk_meeting_follow_up_participation_id_participation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_follow_up")),
    )
    with op.batch_alter_table("meeting_follow_up", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_follow_up_event_id"), ["event_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meeting_follow_up_meeting_key"), ["meeting_key"], unique=False
        )

    op.create_table(
        "survey_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("participation_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=False),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_survey_invitation_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participation_id"],
            ["participation.id"],
            name=op.f("fk_survey_invitation_participation_id_participation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_invitation")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_survey_invitation_token_hash")),
    )
    with op.batch_alter_table("survey_invitation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_invitation_event_id"), ["event_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_survey_invitation_participation_id"), ["participation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("survey_invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_invitation_participation_id"))
        batch_op.drop_index(batch_op.f("ix_survey_invitation_event_id"))

    op.drop_table("survey_invitation")
    with op.batch_alter_table("meeting_follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_follow_up_meeting_key"))
        batch_op.drop_index(batch_op.f("ix_meeting_follow_up_event_id"))

    op.drop_table("meeting_follow_up")
    with op.batch_alter_table("project_stage_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_stage_change_project_id"))

    op.drop_table("project_stage_change")
    with op.batch_alter_table("project_party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_party_project_id"))
        batch_op.drop_index(batch_op.f("ix_project_party_organization_id"))

    op.drop_table("project_party")
    with op.batch_alter_table("project_origin", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_origin_project_id"))
        batch_op.drop_index(batch_op.f("ix_project_origin_agreement_id"))

    op.drop_table("project_origin")
    with op.batch_alter_table("project_figure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_figure_project_id"))

    op.drop_table("project_figure")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_site_id"))
        batch_op.drop_index(batch_op.f("ix_project_region_code"))
        batch_op.drop_index(batch_op.f("ix_project_isic_code"))
        batch_op.drop_index(batch_op.f("ix_project_event_id"))

    op.drop_table("project")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_second_organization_id"))
        batch_op.drop_index(batch_op.f("ix_agreement_meeting_key"))
        batch_op.drop_index(batch_op.f("ix_agreement_first_organization_id"))
        batch_op.drop_index(batch_op.f("ix_agreement_event_id"))

    op.drop_table("agreement")
    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_site_region_code"))

    op.drop_table("site")
