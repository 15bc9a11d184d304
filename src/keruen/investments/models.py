"""Outcomes of meetings, agreements, investment projects, their sourced figures, and sites.

Amounts are whole units of their currency (investment figures are never quoted in cents), with
the currency beside them; a figure in another currency than US dollars keeps the rate used to
convert it and that rate's date and source, and the converted amount, so every total in dollars
can be traced back to what was reported.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from keruen.core.text import LocalizedText
from keruen.core.timeutil import utcnow
from keruen.db.base import Base, Timestamped
from keruen.db.types import JSONType, LocalizedTextType, UTCDateTime
from keruen.investments.enums import (
    AgreementKind,
    FollowUp,
    Measure,
    PartyRole,
    SiteKind,
    Stage,
)


def _in(column: str, values: type) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"  # type: ignore[attr-defined]


class MeetingFollowUp(Base):
    """One entry in the history of a meeting's follow-up: who said how it went on, and when.

    Rows are only ever added; the newest is the meeting's current follow-up. A meeting is named
    by its identity (`meeting_key`, as on-site marks are), so its history survives reschedules.
    """

    __tablename__ = "meeting_follow_up"
    __table_args__ = (CheckConstraint(_in("stage", FollowUp), name="stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    meeting_key: Mapped[str] = mapped_column(String(40), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    # Who entered it: a participant of the meeting (their participation) or an organizer.
    entered_by: Mapped[str] = mapped_column(String(254))
    participation_id: Mapped[int | None] = mapped_column(
        ForeignKey("participation.id", ondelete="SET NULL")
    )
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreement.id", ondelete="SET NULL")
    )
    # What this entry said of the agreement (level, kind, amount, currency, rate, dollars,
    # signing date): the agreement itself is updated in place, its history lives here.
    agreement_terms: Mapped[dict[str, object] | None] = mapped_column(JSONType)


class Agreement(Timestamped, Base):
    """An agreement on paper between two organizations: a letter of intent, a memorandum, a
    contract or a joint venture, of a kind, with an amount in a currency when one was named."""

    __tablename__ = "agreement"
    __table_args__ = (
        CheckConstraint(_in("kind", AgreementKind), name="kind"),
        CheckConstraint(
            "level IN ('letter_of_intent', 'memorandum', 'contract', 'joint_venture')",
            name="level",
        ),
        CheckConstraint("amount IS NULL OR amount >= 0", name="amount_not_negative"),
        CheckConstraint("amount IS NULL OR currency IS NOT NULL", name="amount_has_currency"),
        CheckConstraint("usd_amount IS NULL OR usd_amount >= 0", name="usd_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("event.id", ondelete="SET NULL"), index=True
    )
    meeting_key: Mapped[str | None] = mapped_column(String(40), index=True)
    first_organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    second_organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[LocalizedText | None] = mapped_column(LocalizedTextType())
    amount: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))
    # US dollars per one unit of `currency`, as decimal text, its date and where it was read.
    usd_rate: Mapped[str | None] = mapped_column(String(32))
    rate_date: Mapped[date | None] = mapped_column(Date)
    rate_source: Mapped[str | None] = mapped_column(String(300))
    usd_amount: Mapped[int | None] = mapped_column(BigInteger)
    signed_on: Mapped[date | None] = mapped_column(Date)
    entered_by: Mapped[str] = mapped_column(String(254))


class Site(Timestamped, Base):
    """An industrial zone or a special economic zone a project can be placed on."""

    __tablename__ = "site"
    __table_args__ = (
        CheckConstraint(_in("kind", SiteKind), name="kind"),
        CheckConstraint("land_available_ha IS NULL OR land_available_ha >= 0", name="land"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(24))
    names: Mapped[LocalizedText] = mapped_column(LocalizedTextType())
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    description: Mapped[LocalizedText | None] = mapped_column(LocalizedTextType())
    # Hectares free for new projects, with the date that was stated.
    land_available_ha: Mapped[float | None] = mapped_column()
    land_as_of: Mapped[date | None] = mapped_column(Date)
    # Utilities on site: keys of UTILITIES (electricity, gas, water, sewerage, rail, heat, ...).
    utilities: Mapped[list[str]] = mapped_column(JSONType, default=list)
    incentives: Mapped[LocalizedText | None] = mapped_column(LocalizedTextType())
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    website: Mapped[str | None] = mapped_column(String(300))
    fictional: Mapped[bool] = mapped_column(Boolean, default=False)


class Project(Timestamped, Base):
    """An investment project the region follows, from idea to operating (or dropped)."""

    __tablename__ = "project"
    __table_args__ = (
        CheckConstraint(_in("stage", Stage), name="stage"),
        CheckConstraint(
            "stage NOT IN ('construction', 'operating') OR construction_started_on IS NOT NULL",
            name="construction_has_start",
        ),
        CheckConstraint(
            "stage <> 'operating' OR operating_since IS NOT NULL", name="operating_has_start"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(80), unique=True)
    names: Mapped[LocalizedText] = mapped_column(LocalizedTextType())
    description: Mapped[LocalizedText | None] = mapped_column(LocalizedTextType())
    # The primary ISIC Rev.4 activity (class or division) and the HS products it makes.
    isic_code: Mapped[str] = mapped_column(String(8), index=True)
    hs_codes: Mapped[list[str]] = mapped_column(JSONType, default=list)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    site_id: Mapped[int | None] = mapped_column(
        ForeignKey("site.id", ondelete="SET NULL"), index=True
    )
    # The forum it came out of, if any.
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("event.id", ondelete="SET NULL"), index=True
    )
    stage: Mapped[str] = mapped_column(String(20), default=Stage.IDEA.value)
    stage_since: Mapped[date] = mapped_column(Date)
    construction_started_on: Mapped[date | None] = mapped_column(Date)
    operating_since: Mapped[date | None] = mapped_column(Date)
    fictional: Mapped[bool] = mapped_column(Boolean, default=False)

    site: Mapped[Site | None] = relationship()
    parties: Mapped[list[ProjectParty]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="ProjectParty.id"
    )
    figures: Mapped[list[ProjectFigure]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="ProjectFigure.id"
    )
    stages: Mapped[list[ProjectStageChange]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="ProjectStageChange.id"
    )
    origins: Mapped[list[ProjectOrigin]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="ProjectOrigin.id"
    )


class ProjectParty(Base):
    """An investor or a local partner: an organization of the directory, or a name alone
    (an investor that never registered), with its country (ISO 3166-1 alpha-2)."""

    __tablename__ = "project_party"
    __table_args__ = (
        CheckConstraint(_in("role", PartyRole), name="role"),
        CheckConstraint("organization_id IS NOT NULL OR names IS NOT NULL", name="named"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    names: Mapped[LocalizedText | None] = mapped_column(LocalizedTextType())
    country: Mapped[str] = mapped_column(String(2))

    project: Mapped[Project] = relationship(back_populates="parties")


class ProjectStageChange(Base):
    """The history of a project's stage: from, to, the date it happened, who recorded it."""

    __tablename__ = "project_stage_change"
    __table_args__ = (
        CheckConstraint(_in("stage", Stage), name="stage"),
        CheckConstraint(f"previous IS NULL OR {_in('previous', Stage)}", name="previous"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    previous: Mapped[str | None] = mapped_column(String(20))
    stage: Mapped[str] = mapped_column(String(20))
    on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(300))
    entered_by: Mapped[str] = mapped_column(String(254))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    project: Mapped[Project] = relationship(back_populates="stages")


class ProjectFigure(Base):
    """One reported figure of a project (capex planned, capex spent, jobs ...), as of a date,
    from a source. Reports disagree, so figures are never overwritten: each one is a row, and
    the one in force for a measure is the one with the latest `as_of` (then the latest entered)."""

    __tablename__ = "project_figure"
    __table_args__ = (
        CheckConstraint(_in("measure", Measure), name="measure"),
        CheckConstraint("value >= 0", name="not_negative"),
        CheckConstraint(
            "measure NOT IN ('capex_planned', 'capex_spent') OR currency IS NOT NULL",
            name="money_has_currency",
        ),
        CheckConstraint("usd_value IS NULL OR usd_value >= 0", name="usd_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    measure: Mapped[str] = mapped_column(String(32))
    value: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))
    usd_rate: Mapped[str | None] = mapped_column(String(32))
    rate_date: Mapped[date | None] = mapped_column(Date)
    rate_source: Mapped[str | None] = mapped_column(String(300))
    usd_value: Mapped[int | None] = mapped_column(BigInteger)
    as_of: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(300))
    source_url: Mapped[str | None] = mapped_column(String(500))
    entered_by: Mapped[str] = mapped_column(String(254))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    project: Mapped[Project] = relationship(back_populates="figures")


class ProjectOrigin(Base):
    """What a project came from: an agreement, or a meeting of a forum (by its identity)."""

    __tablename__ = "project_origin"
    __table_args__ = (
        CheckConstraint("agreement_id IS NOT NULL OR meeting_key IS NOT NULL", name="something"),
        # An agreement becomes one project: two organizers promoting it at once cannot make two.
        UniqueConstraint("agreement_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreement.id", ondelete="SET NULL"), index=True
    )
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"))
    meeting_key: Mapped[str | None] = mapped_column(String(40))

    project: Mapped[Project] = relationship(back_populates="origins")


class SurveyInvitation(Base):
    """A participant asked, by a personal link, how their meetings went on (after the event,
    and again later): the link is a keyed capability, stored only as a hash."""

    __tablename__ = "survey_invitation"
    # One invitation per person and round (migration 0007): a round is never sent twice.
    __table_args__ = (
        UniqueConstraint("token_hash"),
        UniqueConstraint("participation_id", "round"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    participation_id: Mapped[int] = mapped_column(
        ForeignKey("participation.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int] = mapped_column(Integer, default=1)
    token_hash: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
