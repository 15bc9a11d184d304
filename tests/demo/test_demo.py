"""The demo forum loads through the real services, twice without change, and holds what the
partnership needs: both sides' companies in its sectors, officials, interpreters."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from keruen.demo.loader import load_demo
from keruen.events.models import EventSession, Participation
from keruen.events.queries import event_overview
from keruen.organizations.enums import ProductDirection
from keruen.organizations.models import Delegate, Organization

pytestmark = pytest.mark.integration


@pytest.fixture
def demo(session: Session):
    summary = load_demo(session)
    return summary, event_overview(session, summary.event_slug, "en")


def test_demo_holds_forty_companies_of_both_sides_all_fictional(session: Session, demo):
    _summary, overview = demo
    companies = [o for o in overview.organizations if o.kind == "company"]
    per_side = {side: sum(1 for o in companies if o.side == side) for side in ("KZ", "CN")}
    assert len(companies) >= 40 and min(per_side.values()) >= 18
    assert all(o.fictional for o in overview.organizations)
    for org in session.scalars(select(Organization)):
        assert org.names.get("en").endswith("(demo)")
        assert org.bin or org.uscc


def test_demo_has_officials_on_both_sides_and_interpreters_for_each_pair(demo):
    _summary, overview = demo
    officials = [p for p in overview.people if p.role == "official"]
    assert {
        "agriculture",
        "logistics",
        "light_industry",
        "pharmaceuticals",
        "investment_support",
    } <= {t for p in officials for t in p.topics}
    interpreters = [set(p.languages) for p in overview.people if p.role == "interpreter"]
    assert len(interpreters) >= 6
    for pair in ({"ru", "zh"}, {"kk", "zh"}, {"en", "zh"}):
        assert any(pair <= langs for langs in interpreters), pair


def test_demo_sessions_are_stored_in_utc_from_turkestan_time(session: Session, demo):
    _summary, overview = demo
    assert overview.timezone == "Asia/Almaty" and overview.utc_offset == "UTC+05:00"
    first = session.scalars(select(EventSession).order_by(EventSession.starts_at)).first()
    assert first.starts_at == datetime(2027, 4, 14, 5, 0, tzinfo=UTC)  # 10:00 in Turkistan
    assert {s.slot_minutes for s in overview.sessions} == {20, 40}


def test_demo_natural_partners_are_there(session: Session, demo):
    def org(ref: str) -> Organization:
        return session.scalar(select(Organization).where(Organization.ref == ref))

    assert "520100" in org("kz-cotton-maktaaral").hs_codes(ProductDirection.OFFERS)
    assert "520100" in org("cn-spinning-korla").hs_codes(ProductDirection.NEEDS)
    assert "121190" in org("cn-licorice-extract-yuli").hs_codes(ProductDirection.NEEDS)


def test_loading_the_demo_twice_writes_nothing_new(session: Session, demo):
    counts = (
        session.scalar(select(func.count()).select_from(Organization)),
        session.scalar(select(func.count()).select_from(Delegate)),
        session.scalar(select(func.count()).select_from(Participation)),
    )
    stamps = sorted(session.scalars(select(Organization.updated_at)))
    again = load_demo(session)
    assert again.created == 0
    assert counts == (
        session.scalar(select(func.count()).select_from(Organization)),
        session.scalar(select(func.count()).select_from(Delegate)),
        session.scalar(select(func.count()).select_from(Participation)),
    )
    assert sorted(session.scalars(select(Organization.updated_at))) == stamps
