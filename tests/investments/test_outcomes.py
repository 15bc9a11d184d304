"""Outcomes of meetings: follow-ups kept as history, entered only by the meeting's own
participants or an organizer, no follow-up after a no-show, agreements checked field by field,
amounts in another currency converted to US dollars with the rate kept."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from keruen.agendas import onsite
from keruen.core.errors import DomainError, NotFound, PermissionDenied
from keruen.i18n import get_translations
from keruen.investments import outcomes
from keruen.investments.models import Agreement, MeetingFollowUp
from keruen.investments.outcomes import AgreementIn

from .conftest import Forum

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_follow_ups_are_kept_as_history_and_raise_one_agreement(
    forum: Forum, session: Session
) -> None:
    key = forum.key(forum.kz1, forum.cn1)
    outcomes.record_follow_up(session, forum.event, key, "contact", by="a", participation=forum.kz1)
    outcomes.record_follow_up(
        session,
        forum.event,
        key,
        "memorandum",
        by="b",
        participation=forum.cn1,
        note="MoU on lint supply",
        agreement=AgreementIn(kind="supply", amount=2_000_000, currency="USD"),
    )
    last = outcomes.record_follow_up(
        session,
        forum.event,
        key,
        "contract",
        by="organizer@keruen.test",
        agreement=AgreementIn(kind="supply", amount=3_500_000, currency="usd"),
    )
    steps = outcomes.history(session, forum.event, key)
    assert [s.stage for s in steps] == ["contact", "memorandum", "contract"]
    assert [s.participation_id for s in steps] == [forum.kz1.id, forum.cn1.id, None]
    assert outcomes.current_follow_ups(session, forum.event)[key].id == last.id
    # The contract updated the memorandum's agreement: one paper, raised, both rows point at it.
    (agreement,) = outcomes.agreements_of(session, forum.event)
    assert (agreement.level, agreement.amount, agreement.currency) == ("contract", 3_500_000, "USD")
    assert agreement.usd_amount == 3_500_000
    assert steps[1].agreement_id == steps[2].agreement_id == agreement.id
    # ... and the history still says what each step said of it: the memorandum's amount too
    (row,) = [r for r in outcomes.outcome_rows(session, forum.event, "ru") if r.key == key]
    said = [" ".join(h.terms.split()) for h in row.history]  # newest first
    assert said == [
        "контракт · поставки · 3 500 000 $",
        "меморандум · поставки · 2 000 000 $",
        "",
    ]
    assert {agreement.first_organization_id, agreement.second_organization_id} == {
        forum.kz1.delegate.organization_id,
        forum.cn1.delegate.organization_id,
    }
    # Asked for a new one: a second agreement of the same meeting.
    outcomes.record_follow_up(
        session,
        forum.event,
        key,
        "joint_venture",
        by="organizer",
        agreement=AgreementIn(kind="investment", new=True),
    )
    assert [a.level for a in outcomes.agreements_of(session, forum.event)] == [
        "contract",
        "joint_venture",
    ]


def test_a_participant_enters_only_their_own_meetings(forum: Forum, session: Session) -> None:
    key = forum.key(forum.kz1, forum.cn1)
    with pytest.raises(PermissionDenied) as refused:
        outcomes.record_follow_up(
            session, forum.event, key, "contact", by="x", participation=forum.kz2
        )
    assert key in str(refused.value)
    with pytest.raises(NotFound) as missing:
        outcomes.record_follow_up(session, forum.event, "r999999", "contact", by="x")
    assert "r999999" in str(missing.value)
    assert _count(session, MeetingFollowUp) == 0


def test_a_no_show_gets_no_follow_up_beyond_no_contact(forum: Forum, session: Session) -> None:
    key = forum.key(forum.kz2, forum.cn1)
    onsite.mark_meeting(session, forum.event, key, onsite.NO_SHOW, by="host")
    with pytest.raises(DomainError) as refused:
        outcomes.record_follow_up(session, forum.event, key, "negotiation", by="organizer")
    assert "no-show" in str(refused.value)
    row = outcomes.record_follow_up(session, forum.event, key, "no_contact", by="organizer")
    assert row.stage == "no_contact"


@pytest.mark.parametrize(
    ("agreement", "field"),
    [
        (None, "kind"),
        (AgreementIn(amount=100, currency="USD"), "kind"),
        (AgreementIn(kind="barter"), "kind"),
        (AgreementIn(kind="supply", amount=-5, currency="USD"), "amount"),
        (AgreementIn(kind="supply", amount=1000), "currency"),
        (AgreementIn(kind="supply", amount=1000, currency="XYZ"), "currency"),
        (AgreementIn(kind="supply", amount=1000, currency="CNY"), "usd_rate"),
        (
            AgreementIn(kind="supply", amount=1000, currency="CNY", usd_rate="0.14"),
            "rate_date",
        ),
        (
            AgreementIn(
                kind="supply",
                amount=1000,
                currency="CNY",
                usd_rate="-1",
                rate_date=date(2026, 10, 8),
                rate_source="PBoC",
            ),
            "usd_rate",
        ),
    ],
)
def test_agreement_rules_name_the_field_and_write_nothing(
    forum: Forum, session: Session, agreement: AgreementIn | None, field: str
) -> None:
    key = forum.key(forum.kz1, forum.cn2)
    with pytest.raises(DomainError) as refused:
        outcomes.record_follow_up(
            session, forum.event, key, "letter_of_intent", by="o", agreement=agreement
        )
    assert str(refused.value).startswith(f"{field}:"), str(refused.value)
    # In the reader's language too.
    assert refused.value.render(get_translations("ru")).startswith(f"{field}:")
    assert _count(session, MeetingFollowUp) == 0 and _count(session, Agreement) == 0


def test_a_form_field_of_the_wrong_type_is_named() -> None:
    with pytest.raises(DomainError) as refused:
        outcomes.agreement_from_form({"kind": "supply", "amount": "ten million"})
    assert str(refused.value).startswith("amount:")
    assert outcomes.agreement_from_form({"kind": "", "amount": ""}) is None


def test_an_amount_in_yuan_keeps_its_rate_and_its_dollars(forum: Forum, session: Session) -> None:
    key = forum.key(forum.kz1, forum.cn2)
    outcomes.record_follow_up(
        session,
        forum.event,
        key,
        "contract",
        by="organizer",
        agreement=AgreementIn(
            kind="technology_transfer",
            amount=360_000_000,
            currency="CNY",
            usd_rate="0.1389",
            rate_date=date(2026, 10, 8),
            rate_source="People's Bank of China central parity",
            signed_on=date(2026, 10, 8),
        ),
    )
    (agreement,) = outcomes.agreements_of(session, forum.event)
    assert agreement.usd_amount == 50_004_000
    assert (agreement.usd_rate, agreement.rate_date) == ("0.1389", date(2026, 10, 8))
    rows = {r.key: r for r in outcomes.outcome_rows(session, forum.event, "ru")}
    view = rows[key].agreement
    assert view is not None
    assert view.kind_label == "передача технологий" and view.level_label == "контракт"
    assert "360" in view.amount_text and "CN¥" in view.amount_text
    assert "50" in view.usd_text and "$" in view.usd_text
    zh = {r.key: r for r in outcomes.outcome_rows(session, forum.event, "zh")}[key]
    assert zh.agreement is not None and zh.agreement.kind_label == "技术转让"


def test_outcome_rows_of_one_participant_are_their_own_meetings(
    forum: Forum, session: Session
) -> None:
    everyone = outcomes.outcome_rows(session, forum.event, "en")
    assert len(everyone) == 3
    mine = outcomes.outcome_rows(session, forum.event, "en", forum.cn1)
    assert {r.key for r in mine} == {
        forum.key(forum.kz1, forum.cn1),
        forum.key(forum.kz2, forum.cn1),
    }
    # A participant reads the partner's organization; the partner's name only with consent,
    # on pages that check it, so not here.
    row = mine[0]
    partner = row.first if row.first.participation_id != forum.cn1.id else row.second
    assert partner.organization and partner.person == ""
    assert outcomes.filter_rows(everyone, stage="none") == everyone
    assert outcomes.filter_rows(everyone, has_agreement=True) == []
