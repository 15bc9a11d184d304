"""On site: check people in at the door, mark a meeting held or a no-show in one tap, and after
a late cancellation reschedule with the fewest moves and tell only the people it changes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen.agendas import calendar
from keruen.agendas.models import Attendance, CheckIn
from keruen.core.errors import Conflict, NotFound
from keruen.core.i18n_markers import N_
from keruen.core.timeutil import utcnow
from keruen.events.models import Event, Participation
from keruen.meetings import schedule_service, service
from keruen.meetings.planning import meeting_key, published_schedule

HELD, NO_SHOW = "held", "no_show"


def check_in(session: Session, participation: Participation, *, by: str) -> CheckIn:
    """Mark a person arrived (once; a second scan says when they came)."""
    found = session.scalar(select(CheckIn).where(CheckIn.participation_id == participation.id))
    if found is None:
        found = CheckIn(participation_id=participation.id, by=by[:254], at=utcnow())
        session.add(found)
        session.flush()
    return found


def checked_in(session: Session, participation_id: int) -> CheckIn | None:
    return session.scalar(select(CheckIn).where(CheckIn.participation_id == participation_id))


def mark_meeting(
    session: Session,
    event: Event,
    key: str,
    status: str,
    *,
    by: str,
    absent_id: int | None = None,
) -> Attendance:
    """Mark a published meeting held or a no-show (of one side, when known); marking again
    replaces the earlier mark."""
    if status not in (HELD, NO_SHOW):
        raise Conflict(N_("a meeting is marked held or no_show, not %(value)s"), value=status)
    schedule = published_schedule(session, event)
    meeting = next(
        (m for m in (schedule.meetings if schedule else []) if meeting_key(m) == key), None
    )
    if meeting is None:
        raise NotFound(N_("no published meeting %(key)s"), key=key)
    if absent_id is not None and absent_id not in (meeting.first_id, meeting.second_id):
        raise Conflict(N_("only one of the meeting's two sides can be absent"))
    mark = session.scalar(
        select(Attendance).where(Attendance.event_id == event.id, Attendance.meeting_key == key)
    )
    if mark is None:
        mark = Attendance(event_id=event.id, meeting_key=key)
        session.add(mark)
    mark.status = status
    mark.absent_id = absent_id if status == NO_SHOW else None
    mark.marked_by = by[:254]
    mark.marked_at = utcnow()
    session.flush()
    return mark


def marks(session: Session, event: Event) -> dict[str, Attendance]:
    return {
        a.meeting_key: a
        for a in session.scalars(select(Attendance).where(Attendance.event_id == event.id))
    }


@dataclass(frozen=True)
class Rescheduled:
    version: int
    moved: int
    changes: calendar.Changes

    @property
    def notify(self) -> set[int]:
        """The participations whose agenda changed: only they are told."""
        return self.changes.people()


def late_cancellation(
    session: Session,
    event: Event,
    *,
    request_id: int,
    actor_id: int | None = None,
    seconds: float = 10.0,
) -> Rescheduled:
    """Cancel an accepted meeting after publication, plan again from the published schedule
    (the fewest moves of other meetings), publish, and bring the calendars up to date."""
    calendar.sync_entries(session, event)  # calendars know the schedule as it was
    if actor_id is None:
        service.veto_request(session, request_id=request_id)
    else:
        service.cancel_request(session, request_id=request_id, actor_id=actor_id)
    result = schedule_service.plan_event(session, event=event, seconds=seconds)
    schedule_service.publish_schedule(session, event=event, version=result.version)
    changes = calendar.sync_entries(session, event)
    return Rescheduled(result.version, result.moved, changes)
