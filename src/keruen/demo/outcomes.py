"""The past edition of the demo forum (past_forum.yaml): the demo's organizations and delegates
registered to it, its meetings set up by the organizer, planned and published, marked held or
no-show, and how each went on, through the same services as every other writer. Loading it
twice writes nothing the second time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen.agendas import onsite
from keruen.core.yamlfiles import load_yaml
from keruen.demo import loader
from keruen.events.files import parse_event_file
from keruen.events.models import Event, Participation
from keruen.events.queries import find_participation
from keruen.investments import outcomes
from keruen.investments.outcomes import AgreementIn
from keruen.meetings import schedule_service
from keruen.meetings import service as meeting_service
from keruen.meetings.models import MeetingRequest
from keruen.meetings.planning import meeting_key, published_schedule

PAST_FILE = Path(__file__).parent / "past_forum.yaml"
BY = "demo:organizer"


def load_past_forum(session: Session, *, path: Path = PAST_FILE, seconds: float = 20.0) -> Event:
    """Create the past forum with its outcomes (the demo forum is loaded first, if needed)."""
    spec: dict[str, Any] = load_yaml(path.read_text(encoding="utf-8"))
    loader.load_demo(session)
    _, event_in = parse_event_file({"event": spec["event"]})
    event = schedule_service.update_event(session, data=event_in).event
    _register_everyone(session, event)
    pairs = _meetings(session, event, spec["meetings"])
    if published_schedule(session, event) is None:
        result = schedule_service.plan_event(session, event=event, seconds=seconds)
        schedule_service.publish_schedule(session, event=event, version=result.version)
    schedule = published_schedule(session, event)
    assert schedule is not None
    by_request = {m.request_id: m for m in schedule.meetings}
    marked = outcomes.marks(session, event)
    followed = outcomes.current_follow_ups(session, event)
    rates = spec.get("rates", {})
    for item, request in zip(spec["meetings"], pairs, strict=True):
        meeting = by_request.get(request.id)
        if meeting is None:
            continue  # not placed by the planner: no outcome to tell
        key = meeting_key(meeting)
        if key not in marked:
            no_show = item.get("mark") == "no_show"
            mark = onsite.mark_meeting(
                session,
                event,
                key,
                onsite.NO_SHOW if no_show else onsite.HELD,
                by=BY,
                absent_id=meeting.second_id if no_show else None,
            )
            mark.marked_at = meeting.ends_at  # marked as the meeting ended, not today
        if key in followed:
            continue
        steps = item.get("steps") or []
        for number, step in enumerate(steps, start=1):
            last = number == len(steps)
            row = outcomes.record_follow_up(
                session,
                event,
                key,
                step["stage"],
                by=BY if last else f"demo:{meeting.first_id}",
                participation=None if last else meeting.first,
                note=step.get("note"),
                agreement=_agreement(step, rates),
            )
            # told on the day it was signed, else some weeks after the meeting, never "today"
            signed = step.get("signed_on")
            row.entered_at = (
                datetime.combine(date.fromisoformat(str(signed)), time(10), tzinfo=UTC)
                if signed
                else meeting.ends_at + timedelta(days=14 * number)
            )
    session.flush()
    return event


def _register_everyone(session: Session, event: Event) -> None:
    spec: dict[str, Any] = load_yaml(loader.DEMO_FILE.read_text(encoding="utf-8"))
    from keruen.organizations.models import Organization

    for item in spec.get("organizations", []):
        org = session.scalar(select(Organization).where(Organization.ref == item["ref"]))
        for person in item.get("delegates", []):
            loader._register(session, event, org.id if org else None, {**person, "unavailable": []})
    for person in spec.get("interpreters", []):
        loader._register(session, event, None, {**person, "role": "interpreter", "unavailable": []})


def _meetings(session: Session, event: Event, items: list[dict[str, Any]]) -> list[MeetingRequest]:
    """Each pair's accepted request, set up by the organizer (found again on a second load)."""
    out = []
    for item in items:
        first, second = (_participant(session, event, ref) for ref in item["pair"])
        low, high = sorted((first.id, second.id))
        found = session.scalar(
            select(MeetingRequest).where(
                MeetingRequest.event_id == event.id,
                MeetingRequest.pair_low == low,
                MeetingRequest.pair_high == high,
            )
        )
        if found is None:
            found = meeting_service.force_meeting(
                session,
                event=event,
                first_id=first.id,
                second_id=second.id,
                priority=int(item.get("priority", 3)),
            )
        out.append(found)
    return out


def _participant(session: Session, event: Event, ref: str) -> Participation:
    found = find_participation(session, event, ref)
    if found is None:
        raise LookupError(f"past_forum.yaml: no participant of {ref}")
    return found


def _agreement(step: dict[str, Any], rates: dict[str, dict[str, str]]) -> AgreementIn | None:
    if not step.get("kind"):
        return None
    currency = step.get("currency")
    rate = rates.get(currency, {}) if currency and currency != "USD" else {}
    return AgreementIn(
        kind=step["kind"],
        amount=step.get("amount"),
        currency=currency,
        usd_rate=rate.get("usd_rate"),
        rate_date=date.fromisoformat(rate["rate_date"]) if rate.get("rate_date") else None,
        rate_source=rate.get("rate_source"),
        signed_on=date.fromisoformat(str(step["signed_on"])) if step.get("signed_on") else None,
    )
