"""How the meetings of a forum went on: follow-ups over time and the agreements they produced,
entered by either participant of a meeting or by an organizer, and the survey links that ask
the participants. The only writer of MeetingFollowUp, Agreement and SurveyInvitation.

A meeting is named by its identity (`meetings.planning.meeting_key`), as the on-site held and
no-show marks are. Follow-up rows are only added (the newest is the current one); an agreement
on paper is one row per document, updated when a later follow-up of the same meeting raises it
(a memorandum becoming a contract), unless the person says it is a new one.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from babel.dates import format_date, format_datetime
from babel.numbers import list_currencies
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen.agendas import onsite
from keruen.core.errors import DomainError, NotFound, PermissionDenied
from keruen.core.i18n_markers import N_
from keruen.core.names import display_name
from keruen.core.timeutil import utc_to_local, utcnow
from keruen.events.models import Event, Participation
from keruen.i18n import BABEL_LOCALES, get_translations, money, normalize_locale
from keruen.investments import figures
from keruen.investments.enums import (
    AGREEMENT_KIND_LABELS,
    AGREEMENT_LEVELS,
    FOLLOW_UP_LABELS,
    AgreementKind,
    FollowUp,
)
from keruen.investments.models import Agreement, MeetingFollowUp, SurveyInvitation
from keruen.meetings.models import ScheduledMeeting
from keruen.meetings.planning import meeting_key, published_schedule

HELD, NO_SHOW = onsite.HELD, onsite.NO_SHOW
MARK_LABELS = {HELD: N_("held"), NO_SHOW: N_("no-show")}
LEVEL_ORDER = {str(stage): number for number, stage in enumerate(FollowUp)}
SURVEY_ROUNDS = (1, 2)


class AgreementIn(BaseModel):
    """An agreement as a person enters it. Types are checked here (a field that is not a
    number or a date is named); the rules (kind required, amount not negative, a currency with
    an amount, a rate for a currency other than US dollars) by `check_agreement`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: str | None = Field(default=None, max_length=24)
    amount: int | None = Field(default=None, le=10**15)  # below it, our own messages
    currency: str | None = Field(default=None, max_length=8)
    usd_rate: str | None = Field(default=None, max_length=32)
    rate_date: date | None = None
    rate_source: str | None = Field(default=None, max_length=300)
    signed_on: date | None = None
    # True: this is another document than the meeting's agreement so far (do not update it).
    new: bool = False


AGREEMENT_FIELDS = tuple(name for name in AgreementIn.model_fields if name != "new")


def agreement_from_form(values: dict[str, Any]) -> AgreementIn | None:
    """An agreement from form fields (empty strings are left out); None when none was given.
    A value of the wrong type is refused naming its field."""
    data = {
        k: v for k, v in values.items() if k in AgreementIn.model_fields and v not in ("", None)
    }
    if not any(k in data for k in AGREEMENT_FIELDS):
        return None
    try:
        return AgreementIn.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ())) or "agreement"
        raise DomainError(
            N_("%(field)s: %(value)s is not valid here"),
            field=field,
            value=str(first.get("input", ""))[:60],
        ) from None


def check_agreement(agreement: AgreementIn | None, level: str) -> AgreementIn:
    """The rules of an agreement at `level`, each refusal naming its field."""
    if agreement is None or not agreement.kind:
        raise DomainError(
            N_("kind: an agreement needs its kind (%(kinds)s)"),
            kinds=", ".join(k.value for k in AgreementKind),
        )
    if agreement.kind not in {k.value for k in AgreementKind}:
        raise DomainError(
            N_("kind: %(value)s is not a kind of agreement (%(kinds)s)"),
            value=agreement.kind,
            kinds=", ".join(k.value for k in AgreementKind),
        )
    if agreement.amount is not None:
        if agreement.amount < 0:
            raise DomainError(
                N_("amount: an amount cannot be negative (%(value)s)"), value=agreement.amount
            )
        if not agreement.currency:
            raise DomainError(
                N_("currency: an amount needs its currency (an ISO 4217 code: USD, CNY, KZT …)")
            )
    if agreement.currency:
        code = agreement.currency.upper()
        if code not in list_currencies():
            raise DomainError(
                N_("currency: %(value)s is not an ISO 4217 currency code"),
                value=agreement.currency,
            )
        agreement = agreement.model_copy(update={"currency": code})
        if agreement.amount is not None and code != "USD":
            for name in ("usd_rate", "rate_date", "rate_source"):
                if not getattr(agreement, name):
                    raise DomainError(
                        N_(
                            "%(field)s: an amount in %(currency)s needs the rate to US dollars, "
                            "its date and its source"
                        ),
                        field=name,
                        currency=code,
                    )
            figures.parse_rate(agreement.usd_rate)
    return agreement


# ---------------------------------------------------------------- reading


def published_meeting(session: Session, event: Event, key: str) -> ScheduledMeeting:
    schedule = published_schedule(session, event)
    for meeting in schedule.meetings if schedule is not None else []:
        if meeting_key(meeting) == key:
            return meeting
    raise NotFound(N_("no published meeting %(key)s"), key=key)


def marks(session: Session, event: Event) -> dict[str, str]:
    """Each marked meeting's on-site mark: held or no_show."""
    return {key: mark.status for key, mark in onsite.marks(session, event).items()}


def history(session: Session, event: Event, key: str) -> list[MeetingFollowUp]:
    """Every follow-up entered for a meeting, oldest first."""
    return list(
        session.scalars(
            select(MeetingFollowUp)
            .where(MeetingFollowUp.event_id == event.id, MeetingFollowUp.meeting_key == key)
            .order_by(MeetingFollowUp.id)
        )
    )


def current_follow_ups(session: Session, event: Event) -> dict[str, MeetingFollowUp]:
    """Each meeting's newest follow-up."""
    current: dict[str, MeetingFollowUp] = {}
    for row in session.scalars(
        select(MeetingFollowUp)
        .where(MeetingFollowUp.event_id == event.id)
        .order_by(MeetingFollowUp.id)
    ):
        current[row.meeting_key] = row
    return current


def agreements_of(session: Session, event: Event) -> list[Agreement]:
    return list(
        session.scalars(
            select(Agreement).where(Agreement.event_id == event.id).order_by(Agreement.id)
        )
    )


def _meeting_agreement(session: Session, event: Event, key: str) -> Agreement | None:
    """The meeting's latest agreement."""
    return session.scalar(
        select(Agreement)
        .where(Agreement.event_id == event.id, Agreement.meeting_key == key)
        .order_by(Agreement.id.desc())
        .limit(1)
    )


# ---------------------------------------------------------------- writing


def record_follow_up(
    session: Session,
    event: Event,
    key: str,
    stage: str,
    *,
    by: str,
    participation: Participation | None = None,
    note: str | None = None,
    agreement: AgreementIn | None = None,
    agreement_id: int | None = None,
) -> MeetingFollowUp:
    """Add a follow-up to a published meeting, and at an agreement level set its agreement.

    `participation`: the participant entering it (one of the meeting's two sides); None for an
    organizer (or an answer an organizer took by phone). Everything is checked before anything
    is written."""
    meeting = published_meeting(session, event, key)
    # Two people telling the same meeting's outcome at once: the second waits here (PostgreSQL's
    # row lock; SQLite's write transaction holds the database), then updates the agreement the
    # first made instead of making a second one.
    session.execute(
        select(ScheduledMeeting.id).where(ScheduledMeeting.id == meeting.id).with_for_update()
    )
    if stage not in LEVEL_ORDER:
        raise DomainError(
            N_("stage: %(value)s is not a follow-up (%(stages)s)"),
            value=stage,
            stages=", ".join(LEVEL_ORDER),
        )
    if participation is not None and participation.id not in (meeting.first_id, meeting.second_id):
        raise PermissionDenied(
            N_("you can enter the follow-up only of a meeting you took part in (%(key)s)"),
            key=key,
        )
    if marks(session, event).get(key) == NO_SHOW and stage != FollowUp.NO_CONTACT.value:
        raise DomainError(
            N_(
                "stage: meeting %(key)s was marked a no-show, so its follow-up can only be "
                "“no further contact”"
            ),
            key=key,
        )
    note = (note or "").strip()[:4000] or None
    target: Agreement | None = None
    if stage in {str(level) for level in AGREEMENT_LEVELS}:
        checked = check_agreement(agreement, stage)
        orgs = []
        for side in (meeting.first, meeting.second):
            org = side.delegate.organization
            if org is None:
                raise DomainError(
                    N_(
                        "an agreement is between two organizations, and %(person)s has none "
                        "(an interpreter or an official without an organization)"
                    ),
                    person=display_name(
                        dict(side.delegate.names.values), side.delegate.names.source, "en"
                    ),
                )
            orgs.append(org)
        if agreement_id is not None:
            target = session.get(Agreement, agreement_id)
            if target is None or target.event_id != event.id or target.meeting_key != key:
                raise NotFound(
                    N_("no agreement %(id)s of meeting %(key)s"), id=agreement_id, key=key
                )
        elif not checked.new:
            found = _meeting_agreement(session, event, key)
            # A lower level after a higher one is another document (a letter of intent for a
            # second deal after a contract), not a step back of the same paper.
            if found is not None and LEVEL_ORDER[stage] >= LEVEL_ORDER[found.level]:
                target = found
        if target is None:
            target = Agreement(
                event_id=event.id,
                meeting_key=key,
                first_organization_id=orgs[0].id,
                second_organization_id=orgs[1].id,
                entered_by=by[:254],
            )
            session.add(target)
        _fill(target, stage, checked)
        session.flush()
    row = MeetingFollowUp(
        event_id=event.id,
        meeting_key=key,
        stage=stage,
        note=note,
        entered_by=by[:254],
        participation_id=participation.id if participation is not None else None,
        entered_at=utcnow(),
        agreement_id=target.id if target is not None else None,
        agreement_terms=_terms(target) if target is not None else None,
    )
    session.add(row)
    session.flush()
    return row


def _terms(agreement: Agreement) -> dict[str, object]:
    """The agreement as this entry left it, for the history (JSON: dates as ISO text)."""
    return {
        "level": agreement.level,
        "kind": agreement.kind,
        "amount": agreement.amount,
        "currency": agreement.currency,
        "usd_rate": agreement.usd_rate,
        "usd_amount": agreement.usd_amount,
        "signed_on": agreement.signed_on.isoformat() if agreement.signed_on else None,
    }


def _fill(target: Agreement, level: str, data: AgreementIn) -> None:
    target.level = level
    target.kind = str(data.kind)
    target.amount = data.amount
    target.currency = data.currency
    if data.amount is not None and data.currency and data.currency != "USD":
        target.usd_rate = data.usd_rate
        target.rate_date = data.rate_date
        target.rate_source = data.rate_source
    else:
        target.usd_rate, target.rate_date, target.rate_source = None, None, None
    target.usd_amount = (
        figures.to_usd(data.amount, data.currency, data.usd_rate)
        if data.amount is not None and data.currency
        else None
    )
    target.signed_on = data.signed_on


# ---------------------------------------------------------------- the read model of the pages


def _terms_text(terms: dict[str, object] | None, locale: str) -> str:
    if not terms:
        return ""
    t = get_translations(locale)
    amount = terms.get("amount")
    parts = [
        t.gettext(FOLLOW_UP_LABELS.get(str(terms.get("level")), str(terms.get("level")))),
        t.gettext(AGREEMENT_KIND_LABELS.get(str(terms.get("kind")), str(terms.get("kind")))),
        money(amount if isinstance(amount, int) else None, _str(terms.get("currency")), locale),
    ]
    return " · ".join(p for p in parts if p)


def _str(value: object) -> str | None:
    return str(value) if value else None


@dataclass(frozen=True)
class Side:
    participation_id: int
    organization: str
    person: str


def _date(value: date, locale: str) -> str:
    return format_date(value, "medium", locale=BABEL_LOCALES.get(locale, locale))


@dataclass(frozen=True)
class AgreementView:
    id: int
    level: str
    level_label: str
    kind: str
    kind_label: str
    amount: int | None
    currency: str | None
    amount_text: str
    usd_text: str
    rate_text: str
    signed_on: str  # ISO, for forms
    signed_text: str  # in the reader's language
    organizations: str


@dataclass(frozen=True)
class HistoryView:
    stage: str
    stage_label: str
    note: str
    who: str
    when: str
    agreement_id: int | None
    # what the entry said of the agreement: "contract · supply · 1 200 000 $", or ""
    terms: str = ""


@dataclass(frozen=True)
class OutcomeRow:
    key: str
    starts_at: datetime
    when: str
    table: str
    first: Side
    second: Side
    mark: str
    mark_label: str
    stage: str
    stage_label: str
    note: str
    who: str
    entered: str
    agreement: AgreementView | None
    history_count: int
    history: list[HistoryView]


def _org_name(org: Any, locale: str) -> str:
    if org is None or not org.names:
        return ""
    return display_name(dict(org.names.values), org.names.source, locale)


def agreement_view(
    agreement: Agreement, locale: str, names: dict[int, str] | None = None
) -> AgreementView:
    t = get_translations(locale)
    rate = ""
    if agreement.usd_rate:
        rate = f"1 {agreement.currency} = {agreement.usd_rate} USD"
        if agreement.rate_date:
            rate += f" ({_date(agreement.rate_date, locale)}, {agreement.rate_source or ''})"
    names = names or {}
    return AgreementView(
        id=agreement.id,
        level=agreement.level,
        level_label=t.gettext(FOLLOW_UP_LABELS[agreement.level]),
        kind=agreement.kind,
        kind_label=t.gettext(AGREEMENT_KIND_LABELS[agreement.kind]),
        amount=agreement.amount,
        currency=agreement.currency,
        amount_text=money(agreement.amount, agreement.currency, locale),
        usd_text=money(agreement.usd_amount, "USD", locale)
        if agreement.currency not in (None, "USD")
        else "",
        rate_text=rate,
        signed_on=agreement.signed_on.isoformat() if agreement.signed_on else "",
        signed_text=_date(agreement.signed_on, locale) if agreement.signed_on else "",
        organizations=" — ".join(
            n
            for n in (
                names.get(agreement.first_organization_id, ""),
                names.get(agreement.second_organization_id, ""),
            )
            if n
        ),
    )


def _who(row: MeetingFollowUp, sides: dict[int, Side], t: Any) -> str:
    if row.participation_id is not None and row.participation_id in sides:
        side = sides[row.participation_id]
        return side.organization or side.person
    if row.participation_id is None:
        return str(t.gettext(N_("organizer")))
    return row.entered_by


def outcome_rows(
    session: Session,
    event: Event,
    reader_locale: str,
    participation: Participation | None = None,
) -> list[OutcomeRow]:
    """Each published meeting (only `participation`'s own, when given) with its two sides, its
    time in the event's clock, its on-site mark, its current follow-up, its agreement and its
    history. A participant reads the other side's organization, not the person's name (that is
    shown only with their consent, on the pages that check it)."""
    locale = normalize_locale(reader_locale)
    t = get_translations(locale)
    schedule = published_schedule(session, event)
    if schedule is None:
        return []
    marked = marks(session, event)
    by_meeting: dict[str, list[MeetingFollowUp]] = {}
    for row in session.scalars(
        select(MeetingFollowUp)
        .where(MeetingFollowUp.event_id == event.id)
        .order_by(MeetingFollowUp.id)
    ):
        by_meeting.setdefault(row.meeting_key, []).append(row)
    agreements = {a.id: a for a in agreements_of(session, event)}
    rows = []
    for meeting in schedule.meetings:
        if participation is not None and participation.id not in (
            meeting.first_id,
            meeting.second_id,
        ):
            continue
        key = meeting_key(meeting)
        sides = {
            p.id: Side(
                p.id,
                _org_name(p.delegate.organization, locale),
                display_name(dict(p.delegate.names.values), p.delegate.names.source, locale)
                if participation is None or p.id == participation.id
                else "",
            )
            for p in (meeting.first, meeting.second)
        }
        org_names = {
            p.delegate.organization_id: sides[p.id].organization
            for p in (meeting.first, meeting.second)
            if p.delegate.organization_id is not None
        }
        entries = by_meeting.get(key, [])
        current = entries[-1] if entries else None
        agreement = None
        linked = [e.agreement_id for e in entries if e.agreement_id in agreements]
        if linked and linked[-1] is not None:
            agreement = agreement_view(agreements[linked[-1]], locale, org_names)
        mark = marked.get(key, "")
        rows.append(
            OutcomeRow(
                key=key,
                starts_at=meeting.starts_at,
                when=format_datetime(
                    utc_to_local(meeting.starts_at, event.timezone),
                    "short",
                    locale=BABEL_LOCALES[locale],
                ),
                table=meeting.table.label if meeting.table is not None else "",
                first=sides[meeting.first_id],
                second=sides[meeting.second_id],
                mark=mark,
                mark_label=t.gettext(MARK_LABELS[mark]) if mark in MARK_LABELS else "",
                stage=current.stage if current else "",
                stage_label=t.gettext(FOLLOW_UP_LABELS[current.stage]) if current else "",
                note=current.note or "" if current else "",
                who=_who(current, sides, t) if current else "",
                entered=format_datetime(
                    utc_to_local(current.entered_at, event.timezone),
                    "short",
                    locale=BABEL_LOCALES[locale],
                )
                if current
                else "",
                agreement=agreement,
                history_count=len(entries),
                history=[
                    HistoryView(
                        stage=e.stage,
                        stage_label=t.gettext(FOLLOW_UP_LABELS[e.stage]),
                        note=e.note or "",
                        who=_who(e, sides, t),
                        when=format_datetime(
                            utc_to_local(e.entered_at, event.timezone),
                            "short",
                            locale=BABEL_LOCALES[locale],
                        ),
                        agreement_id=e.agreement_id,
                        terms=_terms_text(e.agreement_terms, locale),
                    )
                    for e in reversed(entries)
                ],
            )
        )
    return rows


def filter_rows(
    rows: list[OutcomeRow],
    *,
    stage: str | None = None,
    kind: str | None = None,
    has_agreement: bool | None = None,
) -> list[OutcomeRow]:
    """The rows the organizer's filters keep: a follow-up stage ("none": no follow-up yet), an
    agreement kind, with or without an agreement."""
    out = []
    for row in rows:
        if stage and (row.stage or "none") != stage:
            continue
        if kind and (row.agreement is None or row.agreement.kind != kind):
            continue
        if has_agreement is not None and (row.agreement is not None) != has_agreement:
            continue
        out.append(row)
    return out


# ---------------------------------------------------------------- the survey


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def survey_people(session: Session, event: Event) -> list[Participation]:
    """The participants with at least one published meeting (as one of its two sides)."""
    schedule = published_schedule(session, event)
    ids = {p for m in (schedule.meetings if schedule else []) for p in (m.first_id, m.second_id)}
    if not ids:
        return []
    return list(
        session.scalars(
            select(Participation).where(Participation.id.in_(ids)).order_by(Participation.id)
        )
    )


def invite(session: Session, event: Event, person: Participation, survey_round: int) -> str | None:
    """A new survey link token for a person and round (only its hash is stored), or None when
    this round was sent to them already."""
    if survey_round not in SURVEY_ROUNDS:
        raise DomainError(N_("round: a survey round is 1 or 2, not %(value)s"), value=survey_round)
    sent = session.scalar(
        select(SurveyInvitation.id).where(
            SurveyInvitation.participation_id == person.id, SurveyInvitation.round == survey_round
        )
    )
    if sent is not None:
        return None
    token = secrets.token_urlsafe(32)
    session.add(
        SurveyInvitation(
            event_id=event.id,
            participation_id=person.id,
            round=survey_round,
            token_hash=_token_hash(token),
            sent_at=utcnow(),
        )
    )
    session.flush()
    return token


def invitation_of(session: Session, token: str) -> SurveyInvitation:
    """The invitation a survey link names, or not found (the same answer for any wrong link)."""
    found = session.scalar(
        select(SurveyInvitation).where(SurveyInvitation.token_hash == _token_hash(token))
    )
    if found is None:
        raise NotFound(N_("this survey link is not valid"))
    return found


def answer_survey(
    session: Session,
    invitation: SurveyInvitation,
    key: str,
    stage: str,
    *,
    note: str | None = None,
    agreement: AgreementIn | None = None,
) -> MeetingFollowUp:
    """A participant's answer through their link: a follow-up of one of their meetings."""
    person = session.get(Participation, invitation.participation_id)
    event = session.get(Event, invitation.event_id)
    if person is None or event is None:
        raise NotFound(N_("this survey link is not valid"))
    row = record_follow_up(
        session,
        event,
        key,
        stage,
        by=f"survey:{person.id}:{invitation.round}",
        participation=person,
        note=note,
        agreement=agreement,
    )
    invitation.answered_at = utcnow()
    session.flush()
    return row
