"""The pipeline's rules, as an organizer meets them: stage moves (no jump into "operating"
without a construction start, no step back without a note, dropped is final but for a reopening),
figures (never negative, a currency for money and none for jobs, a rate for anything but dollars,
the figure in force when two sources disagree), an agreement promoted once, and sites."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen.core.errors import Conflict, DomainError
from keruen.core.text import LocalizedText
from keruen.investments import figures
from keruen.investments import service as pipeline
from keruen.investments.models import Agreement, ProjectOrigin
from keruen.investments.schemas import FigureIn, PartyIn, ProjectIn, SiteIn, problems
from keruen.organizations import service as organization_service
from keruen.organizations.schemas import OrganizationIn
from tests.factories import make_bin, make_uscc

pytestmark = pytest.mark.integration

BY = "organizer@keruen.test"
TODAY = pipeline.today()


def t(en: str, **more: str) -> LocalizedText:
    return LocalizedText.of({"en": en, **more}, source="en")


SERIALS = {"cn-test-spinning": 71, "kz-test-ginnery": 72, "cn-test-spinner": 73}


def org(session: Session, ref: str, region: str, isic: str = "1311") -> int:
    kz = region.startswith("KZ")
    serial = SERIALS[ref]
    data = OrganizationIn(
        ref=ref,
        region=region,
        names=t(f"{ref} (test)"),
        bin=make_bin(serial) if kz else None,
        uscc=None if kz else make_uscc(serial),
        isic=[isic],
    )
    return organization_service.upsert_organization(session, data=data).id


def project(session: Session, **changes: object) -> pipeline.Project:
    data = {
        "names": t("Cotton yarn plant", ru="Прядильная фабрика"),
        "isic": "1311",
        "hs": ["520512"],
        "region": "KZ-61-MAK",
        "parties": [
            PartyIn(role="investor", names=t("Korla Spinning (test)"), country="CN"),
            PartyIn(role="local_partner", names=t("Maktaaral Cotton (test)"), country="KZ"),
        ],
        "stage_on": TODAY - timedelta(days=400),
    }
    data.update(changes)
    return pipeline.create_project(session, ProjectIn(**data), BY)


def day(n: int) -> date:
    """`n` days after the project's first stage date (400 days ago)."""
    return TODAY - timedelta(days=400 - n)


# ---------------------------------------------------------------------------- projects


def test_a_project_is_created_with_its_parties_and_first_stage(session: Session) -> None:
    created = project(session)
    assert created.ref == "cotton-yarn-plant"
    assert [(p.role, p.country) for p in created.parties] == [
        ("investor", "CN"),
        ("local_partner", "KZ"),
    ]
    assert [(c.previous, c.stage, c.on) for c in created.stages] == [(None, "idea", day(0))]


def test_codes_countries_and_regions_are_checked_and_named(session: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        ProjectIn(
            names=t("x"),
            isic="9999",
            hs=["999999"],
            region="KZ-99",
            parties=[{"role": "investor", "names": t("y"), "country": "QQ"}],
        )
    fields = {p.column for p in problems(caught.value)}
    assert fields == {"isic", "hs.0", "region", "parties.0.country"}


def test_a_party_from_the_directory_takes_its_country(session: Session) -> None:
    cn = org(session, "cn-test-spinning", "CN-XJ-BYG-KRL")
    created = project(session, parties=[PartyIn(role="investor", organization="cn-test-spinning")])
    assert (created.parties[0].organization_id, created.parties[0].country) == (cn, "CN")
    with pytest.raises(DomainError, match=r"parties\.0\.organization"):
        project(session, ref="other", parties=[PartyIn(role="investor", organization="nobody")])


# ---------------------------------------------------------------------------- stages


def test_forward_moves_may_skip_steps(session: Session) -> None:
    p = project(session)
    pipeline.move_stage(session, p, "agreement_signed", day(10), BY, source="press release")
    assert (p.stage, p.stage_since) == ("agreement_signed", day(10))
    assert [(c.previous, c.stage) for c in p.stages] == [
        (None, "idea"),
        ("idea", "agreement_signed"),
    ]


def test_no_operating_without_a_construction_start(session: Session) -> None:
    p = project(session)
    with pytest.raises(DomainError, match="started_on"):
        pipeline.move_stage(session, p, "operating", day(50), BY, operating_since=day(50))
    with pytest.raises(DomainError, match="started_on"):
        pipeline.move_stage(session, p, "construction", day(50), BY)
    assert p.stage == "idea" and len(p.stages) == 1  # nothing half-written
    pipeline.move_stage(session, p, "construction", day(50), BY, started_on=day(45))
    with pytest.raises(DomainError, match="operating_since"):
        pipeline.move_stage(session, p, "operating", day(90), BY)
    with pytest.raises(DomainError, match="operating_since"):
        pipeline.move_stage(session, p, "operating", day(90), BY, operating_since=day(40))
    pipeline.move_stage(session, p, "operating", day(90), BY, operating_since=day(88))
    assert (p.stage, p.construction_started_on, p.operating_since) == (
        "operating",
        day(45),
        day(88),
    )


def test_straight_to_operating_with_both_dates(session: Session) -> None:
    p = project(session)
    pipeline.move_stage(
        session, p, "operating", day(90), BY, started_on=day(20), operating_since=day(85)
    )
    assert p.stage == "operating"


def test_stage_dates_neither_in_the_future_nor_before_the_last_change(session: Session) -> None:
    p = project(session)
    now = pipeline.today()  # read here, not at import: the suite may run across midnight
    with pytest.raises(DomainError, match="on: a date in the future"):
        pipeline.move_stage(session, p, "negotiation", now + timedelta(days=1), BY)
    with pytest.raises(DomainError, match="before the last change"):
        pipeline.move_stage(session, p, "negotiation", day(-1), BY)
    with pytest.raises(DomainError, match="started_on: a date in the future"):
        pipeline.move_stage(session, p, "construction", now, BY, started_on=now + timedelta(days=3))


def test_moving_back_needs_a_note(session: Session) -> None:
    p = project(session)
    pipeline.move_stage(session, p, "agreement_signed", day(10), BY)
    with pytest.raises(DomainError, match="note"):
        pipeline.move_stage(session, p, "negotiation", day(20), BY)
    pipeline.move_stage(session, p, "negotiation", day(20), BY, note="the contract was annulled")
    assert p.stages[-1].note == "the contract was annulled"


def test_suspended_from_any_active_stage_and_back_to_any(session: Session) -> None:
    p = project(session)
    pipeline.move_stage(session, p, "construction", day(10), BY, started_on=day(10))
    pipeline.move_stage(session, p, "suspended", day(20), BY, note="financing")
    pipeline.move_stage(session, p, "negotiation", day(30), BY)
    assert p.stage == "negotiation"
    pipeline.move_stage(session, p, "suspended", day(40), BY)
    pipeline.move_stage(session, p, "dropped", day(50), BY)
    assert p.stage == "dropped"


def test_dropped_is_final_except_a_reopening_with_a_note(session: Session) -> None:
    p = project(session)
    pipeline.move_stage(session, p, "dropped", day(10), BY)
    with pytest.raises(DomainError, match="final"):
        pipeline.move_stage(session, p, "agreement_signed", day(20), BY, note="new investor")
    with pytest.raises(DomainError, match="note"):
        pipeline.move_stage(session, p, "negotiation", day(20), BY)
    pipeline.move_stage(session, p, "negotiation", day(20), BY, note="a new investor came")
    assert (p.stage, p.stages[-1].previous) == ("negotiation", "dropped")


# ---------------------------------------------------------------------------- figures


def figure(**changes: object) -> FigureIn:
    data: dict[str, object] = {
        "measure": "capex_planned",
        "value": 100_000_000,
        "currency": "USD",
        "as_of": day(5),
        "source": "Akimat press release (demo)",
    }
    data.update(changes)
    return FigureIn(**data)


def test_negative_amounts_are_refused_naming_the_field(session: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        figure(value=-1)
    assert [p.column for p in problems(caught.value)] == ["value"]


def test_currency_is_required_for_capex_and_refused_for_jobs(session: Session) -> None:
    p = project(session)
    with pytest.raises(DomainError, match="currency: required"):
        pipeline.add_figure(session, p, figure(currency=None), BY)
    with pytest.raises(DomainError, match="currency: jobs are a count"):
        pipeline.add_figure(session, p, figure(measure="jobs_permanent_planned", value=300), BY)
    jobs = pipeline.add_figure(
        session, p, figure(measure="jobs_permanent_planned", value=300, currency=None), BY
    )
    assert (jobs.value, jobs.currency, jobs.usd_value) == (300, None, None)


def test_an_unknown_currency_is_refused(session: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        figure(currency="XYZ")
    assert [(p.column, p.params["code"]) for p in problems(caught.value)] == [("currency", "XYZ")]


def test_a_currency_other_than_dollars_needs_its_rate(session: Session) -> None:
    p = project(session)
    with pytest.raises(DomainError, match="usd_rate"):
        pipeline.add_figure(session, p, figure(currency="CNY", value=360_000_000), BY)
    with pytest.raises(DomainError, match="rate_source"):
        pipeline.add_figure(
            session,
            p,
            figure(currency="CNY", value=360_000_000, usd_rate="0.1389", rate_date=day(4)),
            BY,
        )
    assert p.figures == []


def test_a_figure_in_yuan_is_kept_with_its_rate_and_dollars(session: Session) -> None:
    p = project(session)
    stored = pipeline.add_figure(
        session,
        p,
        figure(
            currency="CNY",
            value=360_000_000,
            usd_rate="0,1389",
            rate_date=day(4),
            rate_source="People's Bank of China central parity (demo)",
        ),
        BY,
    )
    assert (stored.value, stored.currency, stored.usd_rate, stored.usd_value) == (
        360_000_000,
        "CNY",
        "0.1389",
        50_004_000,
    )


def test_two_sources_disagree_and_the_latest_is_in_force(session: Session) -> None:
    p = project(session)
    press = pipeline.add_figure(
        session, p, figure(value=120_000_000, source="Press report (demo)", as_of=day(30)), BY
    )
    akimat = pipeline.add_figure(
        session, p, figure(value=100_000_000, source="Regional akimat (demo)", as_of=day(60)), BY
    )
    assert figures.figure_in_force(p, "capex_planned") is akimat
    assert {f.source for f in p.figures} == {press.source, akimat.source}  # both kept
    # A correction on the same date: the later entry wins, the earlier stays on record.
    fixed = pipeline.add_figure(
        session, p, figure(value=105_000_000, source="Regional akimat (demo)", as_of=day(60)), BY
    )
    assert figures.figure_in_force(p, "capex_planned") is fixed
    assert len(p.figures) == 3


# ---------------------------------------------------------------------------- agreements


def agreement(session: Session, level: str = "contract") -> Agreement:
    kz = org(session, "kz-test-ginnery", "KZ-61-ZHE", isic="0163")
    cn = org(session, "cn-test-spinner", "CN-XJ-BYG-KRL")
    row = Agreement(
        first_organization_id=cn,
        second_organization_id=kz,
        level=level,
        kind="investment",
        signed_on=day(100),
        meeting_key="m-test-1",
        entered_by=BY,
    )
    session.add(row)
    session.flush()
    return row


def test_an_agreement_becomes_a_project_once(session: Session) -> None:
    signed = agreement(session)
    with pytest.raises(DomainError, match="region"):  # no forum to take it from
        pipeline.promote_agreement(session, signed, None, BY)
    made = pipeline.promote_agreement(session, signed, pipeline.PromoteIn(region="KZ-61-ZHE"), BY)
    investor, local = made.parties
    assert (investor.role, investor.country) == ("investor", "CN")
    assert (local.role, local.country) == ("local_partner", "KZ")
    assert (made.stage, made.stage_since, made.region_code) == (
        "agreement_signed",
        day(100),
        "KZ-61-ZHE",
    )
    assert made.isic_code == "0163"
    origin = session.scalar(select(ProjectOrigin).where(ProjectOrigin.project_id == made.id))
    assert origin is not None and (origin.agreement_id, origin.meeting_key) == (
        signed.id,
        "m-test-1",
    )
    with pytest.raises(Conflict, match=made.ref):
        pipeline.promote_agreement(session, signed, pipeline.PromoteIn(region="KZ-61-ZHE"), BY)


def test_a_memorandum_starts_in_negotiation(session: Session) -> None:
    made = pipeline.promote_agreement(
        session,
        agreement(session, "memorandum"),
        pipeline.PromoteIn(region="KZ-61-ZHE"),
        BY,
    )
    assert made.stage == "negotiation"


# ---------------------------------------------------------------------------- sites


def test_a_site_is_created_then_updated_by_its_ref(session: Session) -> None:
    data = SiteIn(
        ref="test-zone",
        kind="industrial_zone",
        names=t("Test zone", zh="测试园区"),
        region="KZ-61-KEN",
        land_available_ha=120.5,
        utilities=["water", "electricity", "water"],
    )
    site = pipeline.upsert_site(session, data, BY)
    assert site.utilities == ["electricity", "water"]
    again = pipeline.upsert_site(session, data.model_copy(update={"land_available_ha": 80}), BY)
    assert (again.id, again.land_available_ha) == (site.id, 80)
    p = project(session, site="test-zone")
    assert p.site is site
    with pytest.raises(ValidationError) as caught:
        SiteIn(kind="industrial_zone", names=t("x"), region="KZ-61", utilities=["teleport"])
    assert [p.column for p in problems(caught.value)] == ["utilities"]
