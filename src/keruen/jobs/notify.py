"""Mail that follows a change, sent by a worker after the change was committed.

`request_changed(session, request, what)` and `schedule_published(session, event)` are called
inside the unit of work that made the change; they queue a `notify` job, which the queue takes
only after that transaction commits (`keruen.jobs.service.submit`). A rolled-back change sends
nothing. The worker composes each mail in its recipient's language (`keruen.agendas.
notifications`) and sends it through `keruen.mail` (SMTP, or the outbox file folder)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen import boundary, mail
from keruen.agendas import calendar, notifications
from keruen.config import Settings
from keruen.events import service as event_service
from keruen.events.models import Event, Participation
from keruen.jobs import survey
from keruen.meetings.models import MeetingRequest


def request_changed(
    session: Session, request: MeetingRequest, what: str, *, settings: Settings | None = None
) -> None:
    """`what`: received (tell the person asked), accepted or declined (tell the one who asked)."""
    from keruen.jobs import service as jobs

    jobs.submit(
        session,
        "notify",
        request.event,
        {"what": what, "request_id": request.id},
        settings=settings,
    )


def schedule_published(
    session: Session, event: Event, *, settings: Settings | None = None
) -> calendar.Changes:
    """Bring the calendars to the new published schedule and queue the mails: the whole agenda
    (PDF and .ics) to everyone the first time, then only to the people a change concerns."""
    from keruen.jobs import service as jobs

    first = not calendar.entries_known(session, event)
    changes = calendar.sync_entries(session, event)
    people = sorted(changes.people())
    if people:
        jobs.submit(
            session,
            "notify",
            event,
            {
                "what": "published" if first else "changed",
                "people": people,
                "moved": [e.uid for e in changes.moved],
                "cancelled": [e.uid for e in changes.cancelled],
                "added": [e.uid for e in changes.added],
                "previously": sorted(changes.previously),
            },
            settings=settings,
        )
    return changes


def _send(settings: Settings, message: notifications.Message | None) -> int:
    if message is None:
        return 0
    mail.send(
        settings,
        to=message.to,
        subject=message.subject,
        body=message.body,
        attachments=[(a.filename, a.mime, a.data) for a in message.attachments],
        language=message.locale,
    )
    return 1


def run(settings: Settings, slug: str, params: dict[str, Any]) -> dict[str, Any]:
    """The `notify` job: compose and send; returns how many mails went out."""
    what = str(params.get("what", ""))
    sent = 0
    with boundary.unit_of_work(settings) as session:
        event = event_service.get_event(session, slug)
        if what in ("received", "accepted", "declined"):
            request = session.get(MeetingRequest, int(params["request_id"]))
            if request is not None:
                sent += _send(
                    settings, notifications.request_message(request, what, settings.public_url)
                )
        elif what in ("published", "changed"):
            ids = [int(p) for p in params.get("people", [])]
            people = session.scalars(
                select(Participation).where(
                    Participation.event_id == event.id, Participation.id.in_(ids)
                )
            ).all()
            changes = None
            if what == "changed":
                by_uid = {
                    e.uid: e
                    for e in session.scalars(
                        select(calendar.CalendarEntry).where(
                            calendar.CalendarEntry.event_id == event.id
                        )
                    )
                }
                changes = calendar.Changes(
                    moved=[by_uid[u] for u in params.get("moved", []) if u in by_uid],
                    cancelled=[by_uid[u] for u in params.get("cancelled", []) if u in by_uid],
                    added=[by_uid[u] for u in params.get("added", []) if u in by_uid],
                    previously={int(p) for p in params.get("previously", [])},
                )
            for person in people:
                sent += _send(
                    settings,
                    notifications.agenda_message(
                        session, event, person, settings.public_url, changes=changes
                    ),
                )
    return {"sent": sent}


def remind(settings: Settings, slug: str, *, now: datetime | None = None) -> dict[str, Any]:
    """The day before: everyone whose first meeting still to come is within the next 24 hours
    gets a reminder in their language (once a day: run it daily, e.g. from cron at 18:00).
    After the event, the same daily run sends the outcome survey's round that is due."""
    from datetime import timedelta

    from keruen.core.timeutil import utcnow

    now = now or utcnow()
    sent = 0
    with boundary.unit_of_work(settings) as session:
        event = event_service.get_event(session, slug)
        calendar.sync_entries(session, event)
        soon = session.scalars(
            select(calendar.CalendarEntry).where(
                calendar.CalendarEntry.event_id == event.id,
                calendar.CalendarEntry.status == calendar.CONFIRMED,
                calendar.CalendarEntry.starts_at > now,
                calendar.CalendarEntry.starts_at <= now + timedelta(hours=24),
            )
        ).all()
        ids = {p for e in soon for p in (e.first_id, e.second_id, e.interpreter_id) if p}
        for person in session.scalars(select(Participation).where(Participation.id.in_(ids))):
            sent += _send(
                settings,
                notifications.reminder_message(session, event, person, settings.public_url, now),
            )
    surveys = survey.send_due(settings, slug, now)
    return {"sent": sent, "surveys": surveys["sent"], "survey_round": surveys["round"]}


def late_cancellation(
    session: Session, request: MeetingRequest, *, settings: Settings | None = None
) -> bool:
    """A meeting of the published schedule was cancelled: queue a plan from the published
    version (the fewest moves of the others), published at once; its mails go only to the
    people whose agenda changes. False when the meeting was not in the published schedule."""
    from keruen.jobs import service as jobs
    from keruen.meetings.models import ScheduledMeeting
    from keruen.meetings.planning import published_schedule

    schedule = published_schedule(session, request.event)
    held = schedule is not None and session.scalar(
        select(ScheduledMeeting.id).where(
            ScheduledMeeting.schedule_id == schedule.id,
            ScheduledMeeting.request_id == request.id,
        )
    )
    if not held:
        return False
    jobs.submit(
        session,
        "plan",
        request.event,
        {"seconds": 15, "publish": True, "why": "late cancellation"},
        settings=settings,
    )
    return True
