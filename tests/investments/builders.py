"""Small builders of outcome and pipeline rows for the read-side tests (dashboards, reports).

They construct model rows directly, as the services would leave them (a figure in another
currency keeps its rate and its converted `usd_value`; a project's stage history starts with
its first stage). Kept small on purpose: the services of outcomes and projects can replace them
one for one (`record_follow_up`, `create_project`, `move_stage`, `add_figure`)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from keruen.core.text import LocalizedText
from keruen.events.models import Event, Participation
from keruen.investments.figures import to_usd
from keruen.investments.models import (
    Agreement,
    MeetingFollowUp,
    Project,
    ProjectFigure,
    ProjectParty,
    ProjectStageChange,
)
from keruen.meetings.models import MeetingRequest, Schedule, ScheduledMeeting
from keruen.meetings.planning import meeting_key

BY = "test@keruen.test"


def project(
    session: Session,
    ref: str,
    *,
    names: dict[str, str] | None = None,
    isic: str = "1311",
    region: str = "KZ-61",
    investor_country: str | None = "CN",
    stages: tuple[tuple[str, date], ...] = (("idea", date(2026, 3, 1)),),
    event: Event | None = None,
) -> Project:
    """A project with its stage history (the last entry is its stage) and one investor."""
    values = names or {"en": ref.replace("-", " ").title()}
    first = stages[0][1]
    last_stage, last_on = stages[-1]
    started = next((on for s, on in stages if s in ("construction", "operating")), None)
    operating = next((on for s, on in stages if s == "operating"), None)
    row = Project(
        ref=ref,
        names=LocalizedText.of(values),
        isic_code=isic,
        hs_codes=[],
        region_code=region,
        event_id=event.id if event else None,
        stage=last_stage,
        stage_since=last_on,
        construction_started_on=started or (first if last_stage == "operating" else None),
        operating_since=operating,
        fictional=True,
    )
    session.add(row)
    session.flush()
    previous = None
    for stage, on in stages:
        session.add(
            ProjectStageChange(
                project_id=row.id, previous=previous, stage=stage, on=on, entered_by=BY
            )
        )
        previous = stage
    if investor_country:
        session.add(
            ProjectParty(
                project_id=row.id,
                role="investor",
                names=LocalizedText.of({"en": f"Investor of {ref}"}),
                country=investor_country,
            )
        )
    session.flush()
    session.refresh(row)
    return row


def figure(
    session: Session,
    project: Project,
    measure: str,
    value: int,
    *,
    currency: str | None = None,
    rate: str | None = None,
    as_of: date = date(2026, 6, 1),
    source: str = "press release",
) -> ProjectFigure:
    usd = None
    if currency is not None:
        usd = to_usd(value, currency, rate)
    row = ProjectFigure(
        project_id=project.id,
        measure=measure,
        value=value,
        currency=currency,
        usd_rate=rate if currency not in (None, "USD") else None,
        rate_date=as_of if currency not in (None, "USD") else None,
        rate_source="central bank" if currency not in (None, "USD") else None,
        usd_value=usd,
        as_of=as_of,
        source=source,
        entered_by=BY,
    )
    session.add(row)
    session.flush()
    session.refresh(project)
    return row


def agreement(
    session: Session,
    event: Event,
    first: Participation,
    second: Participation,
    *,
    level: str = "memorandum",
    kind: str = "investment",
    amount: int | None = None,
    currency: str | None = None,
    rate: str | None = None,
    meeting: str | None = None,
) -> Agreement:
    usd = to_usd(amount, currency, rate) if amount is not None and currency else None
    row = Agreement(
        event_id=event.id,
        meeting_key=meeting,
        first_organization_id=first.delegate.organization_id,
        second_organization_id=second.delegate.organization_id,
        level=level,
        kind=kind,
        amount=amount,
        currency=currency,
        usd_rate=rate if currency not in (None, "USD") else None,
        usd_amount=usd,
        signed_on=date(2027, 4, 15),
        entered_by=BY,
    )
    session.add(row)
    session.flush()
    return row


def follow_up(
    session: Session, event: Event, key: str, stage: str, *, minutes: int = 0
) -> MeetingFollowUp:
    row = MeetingFollowUp(
        event_id=event.id,
        meeting_key=key,
        stage=stage,
        entered_by=BY,
        entered_at=datetime(2027, 5, 1, tzinfo=UTC) + timedelta(minutes=minutes),
    )
    session.add(row)
    session.flush()
    return row


def published_meetings(
    session: Session, event: Event, pairs: list[tuple[Participation, Participation]]
) -> list[str]:
    """Accepted requests for `pairs` and a published schedule holding them (no solver: the
    rows a published schedule leaves); the meeting keys in order."""
    schedule = Schedule(event_id=event.id, version=1, status="published", solver_status="optimal")
    session.add(schedule)
    session.flush()
    keys = []
    start = datetime(2027, 4, 14, 5, 0, tzinfo=UTC)
    for index, (a, b) in enumerate(pairs):
        low, high = sorted((a.id, b.id))
        request = MeetingRequest(
            event_id=event.id,
            requester_id=a.id,
            target_id=b.id,
            pair_low=low,
            pair_high=high,
            status="accepted",
        )
        session.add(request)
        session.flush()
        meeting = ScheduledMeeting(
            schedule_id=schedule.id,
            request_id=request.id,
            first_id=a.id,
            second_id=b.id,
            starts_at=start + timedelta(minutes=30 * index),
            ends_at=start + timedelta(minutes=30 * index + 25),
            slot_index=index,
        )
        session.add(meeting)
        session.flush()
        keys.append(meeting_key(meeting))
    session.refresh(schedule)
    return keys
