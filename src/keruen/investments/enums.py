from __future__ import annotations

from enum import StrEnum

from keruen.core.i18n_markers import N_


class FollowUp(StrEnum):
    """How a held meeting went on, in order: each step is further than the one before."""

    NO_CONTACT = "no_contact"
    CONTACT = "contact"
    NEGOTIATION = "negotiation"
    LETTER_OF_INTENT = "letter_of_intent"
    MEMORANDUM = "memorandum"
    CONTRACT = "contract"
    JOINT_VENTURE = "joint_venture"


# The follow-ups that are an agreement on paper (they carry a kind, and may carry an amount).
AGREEMENT_LEVELS = (
    FollowUp.LETTER_OF_INTENT,
    FollowUp.MEMORANDUM,
    FollowUp.CONTRACT,
    FollowUp.JOINT_VENTURE,
)


class AgreementKind(StrEnum):
    SUPPLY = "supply"
    DISTRIBUTION = "distribution"
    TECHNOLOGY_TRANSFER = "technology_transfer"
    INVESTMENT = "investment"
    LOGISTICS = "logistics"


class Stage(StrEnum):
    IDEA = "idea"
    NEGOTIATION = "negotiation"
    AGREEMENT_SIGNED = "agreement_signed"
    CONSTRUCTION = "construction"
    OPERATING = "operating"
    SUSPENDED = "suspended"
    DROPPED = "dropped"


# The stages a project moves forward through; suspended and dropped stand aside.
STAGE_ORDER = (
    Stage.IDEA,
    Stage.NEGOTIATION,
    Stage.AGREEMENT_SIGNED,
    Stage.CONSTRUCTION,
    Stage.OPERATING,
)


class PartyRole(StrEnum):
    INVESTOR = "investor"
    LOCAL_PARTNER = "local_partner"


class Measure(StrEnum):
    """A project figure. Capital expenditure carries a currency; jobs are counts."""

    CAPEX_PLANNED = "capex_planned"
    CAPEX_SPENT = "capex_spent"
    JOBS_CONSTRUCTION_PLANNED = "jobs_construction_planned"
    JOBS_CONSTRUCTION_ACTUAL = "jobs_construction_actual"
    JOBS_PERMANENT_PLANNED = "jobs_permanent_planned"
    JOBS_PERMANENT_ACTUAL = "jobs_permanent_actual"


MONEY_MEASURES = (Measure.CAPEX_PLANNED, Measure.CAPEX_SPENT)


class SiteKind(StrEnum):
    INDUSTRIAL_ZONE = "industrial_zone"
    SPECIAL_ECONOMIC_ZONE = "special_economic_zone"


# What a reader sees for each stored value (stored values stay these keys), one table per kind:
# "negotiation" is a follow-up ("negotiation started") and a project stage ("negotiation").
FOLLOW_UP_LABELS: dict[str, str] = {
    "no_contact": N_("no further contact"),
    "contact": N_("contact kept"),
    "negotiation": N_("negotiation started"),
    "letter_of_intent": N_("letter of intent"),
    "memorandum": N_("memorandum"),
    "contract": N_("contract"),
    "joint_venture": N_("joint venture"),
}
AGREEMENT_KIND_LABELS: dict[str, str] = {
    "supply": N_("supply"),
    "distribution": N_("distribution"),
    "technology_transfer": N_("technology transfer"),
    "investment": N_("investment"),
    "logistics": N_("logistics"),
}
STAGE_LABELS: dict[str, str] = {
    "idea": N_("idea"),
    "negotiation": N_("negotiation"),
    "agreement_signed": N_("agreement signed"),
    "construction": N_("construction"),
    "operating": N_("operating"),
    "suspended": N_("suspended"),
    "dropped": N_("dropped"),
}
PARTY_ROLE_LABELS: dict[str, str] = {
    "investor": N_("investor"),
    "local_partner": N_("local partner"),
}
MEASURE_LABELS: dict[str, str] = {
    "capex_planned": N_("capital expenditure planned"),
    "capex_spent": N_("capital expenditure spent to date"),
    "jobs_construction_planned": N_("jobs during construction, planned"),
    "jobs_construction_actual": N_("jobs during construction, actual"),
    "jobs_permanent_planned": N_("permanent jobs, planned"),
    "jobs_permanent_actual": N_("permanent jobs, actual"),
}
SITE_KIND_LABELS: dict[str, str] = {
    "industrial_zone": N_("industrial zone"),
    "special_economic_zone": N_("special economic zone"),
}
