"""The past demo forum: every meeting planned and published, marked, most followed up, the
agreements the demo's investment projects come from, and a second load that adds nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from keruen.agendas.models import Attendance
from keruen.demo.outcomes import load_past_forum
from keruen.investments import outcomes
from keruen.investments.models import Agreement, MeetingFollowUp
from keruen.meetings.models import MeetingRequest, Schedule
from keruen.meetings.planning import published_schedule
from keruen.organizations.models import Organization

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _counts(session: Session) -> list[int]:
    return [
        session.scalar(select(func.count()).select_from(model)) or 0
        for model in (MeetingRequest, Schedule, Attendance, MeetingFollowUp, Agreement)
    ]


def test_the_past_forum_has_its_outcomes_and_loads_once(session: Session) -> None:
    event = load_past_forum(session, seconds=10)
    assert (event.slug, event.starts_on.isoformat()) == ("turkestan-bayingol-2026", "2026-04-15")
    schedule = published_schedule(session, event)
    assert schedule is not None and 40 <= len(schedule.meetings) <= 60
    marks = outcomes.marks(session, event)
    assert len(marks) == len(schedule.meetings)
    assert 2 <= list(marks.values()).count("no_show") <= 6
    held = [k for k, v in marks.items() if v == "held"]
    followed = outcomes.current_follow_ups(session, event)
    assert len(set(held) & set(followed)) > len(held) * 0.8

    refs = {o.id: o.ref for o in session.scalars(select(Organization))}
    found = {
        (refs[a.first_organization_id], refs[a.second_organization_id]): a
        for a in outcomes.agreements_of(session, event)
    }
    solar = found[("kz-solar-sozak", "cn-solar-epc-ruoqiang")]
    assert (solar.level, solar.kind, solar.amount, solar.currency) == (
        "memorandum",
        "investment",
        250_000_000,
        "USD",
    )
    cotton = found[("kz-ginnery-zhetisay", "cn-spinning-korla")]
    assert (cotton.level, cotton.kind, cotton.usd_amount) == (
        "joint_venture",
        "investment",
        100_000_000,
    )
    aluminium = found[("kz-aluminium-kentau", "cn-aluminium-korla")]
    assert (aluminium.kind, aluminium.amount, aluminium.currency) == (
        "technology_transfer",
        360_000_000,
        "CNY",
    )
    assert aluminium.usd_rate and aluminium.rate_date and aluminium.usd_amount == 50_004_000
    textile = found[("kz-textile-park-turkistan", "cn-weaving-korla")]
    assert (textile.level, textile.kind, textile.usd_amount) == (
        "memorandum",
        "investment",
        200_000_000,
    )
    assert {"supply", "distribution", "logistics"} <= {a.kind for a in found.values()}

    before = _counts(session)
    load_past_forum(session, seconds=10)
    assert _counts(session) == before
