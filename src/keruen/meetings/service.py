"""The only writer of meeting requests and schedules. Services flush; the boundary commits.

Concurrency: the requester's participation row is locked (SELECT … FOR UPDATE on PostgreSQL;
SQLite serializes writers anyway) while the quota is counted, the request row is locked while it
is answered, and a partial unique index allows one active request per pair, so two people
asking or accepting at the same moment cannot double-book.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from keruen.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from keruen.core.i18n_markers import N_
from keruen.core.timeutil import utcnow
from keruen.events import service as event_service
from keruen.events.editing import save_interpreters
from keruen.events.enums import ParticipationRole
from keruen.events.files import EventFile
from keruen.events.models import Event, Participation
from keruen.events.schemas import EventIn
from keruen.meetings.enums import ACTIVE_STATUSES, MeetingKind, RequestStatus
from keruen.meetings.models import EventMeetingRules, MeetingRequest

if TYPE_CHECKING:
    from keruen.meetings.schedule_service import EventUpdate

_ACTIVE = [s.value for s in ACTIVE_STATUSES]
_CAN_MEET = {ParticipationRole.PARTICIPANT.value, ParticipationRole.OFFICIAL.value}


def get_rules(session: Session, *, event: Event) -> EventMeetingRules:
    """The event's rules, or the defaults (not stored: reading must not race to insert them)."""
    rules = session.get(EventMeetingRules, event.id)
    if rules is None:
        rules = EventMeetingRules(
            event_id=event.id, request_quota=20, request_ttl_hours=72, g2b_length_slots=1
        )
    return rules


def set_rules(
    session: Session,
    *,
    event: Event,
    request_quota: int | None = None,
    request_ttl_hours: int | None = None,
    g2b_length_slots: int | None = None,
) -> EventMeetingRules:
    rules = get_rules(session, event=event)
    if rules not in session:
        session.add(rules)
    if request_quota is not None:
        if request_quota < 1:
            raise DomainError(N_("the request quota must be at least 1"))
        rules.request_quota = request_quota
    if request_ttl_hours is not None:
        if request_ttl_hours < 1:
            raise DomainError(N_("requests must stay open at least one hour"))
        rules.request_ttl_hours = request_ttl_hours
    if g2b_length_slots is not None:
        if not 1 <= g2b_length_slots <= 4:
            raise DomainError(N_("a G2B talk takes 1 to 4 slots"))
        rules.g2b_length_slots = g2b_length_slots
    session.flush()
    return rules


def _participation(session: Session, participation_id: int, *, lock: bool = False) -> Participation:
    query = select(Participation).where(Participation.id == participation_id)
    if lock:
        query = query.with_for_update(key_share=True)
    found = session.scalar(query)
    if found is None:
        raise NotFound(N_("no participant %(id)s"), id=participation_id)
    return found


def _free_somewhere(event: Event, a: Participation, b: Participation) -> bool:
    """True when some meeting slot of the event is free for both."""
    busy = [(u.starts_at, u.ends_at) for u in (*a.unavailable, *b.unavailable)]
    for event_session in event.sessions:
        for start in event_service.slot_starts_utc(event_session):
            end = start + timedelta(minutes=event_session.slot_minutes)
            if not any(s < end and start < e for s, e in busy):
                return True
    return False


def request_meeting(
    session: Session,
    *,
    event: Event,
    requester_id: int,
    target_id: int,
    message: str | None = None,
    priority: int = 1,
    topic: str | None = None,
    now: datetime | None = None,
    by_organizer: bool = False,
) -> MeetingRequest:
    """`requester` asks `target` for a meeting at `event`; a request to an official is G2B.

    The quota binds participants; an organizer's request (`by_organizer`) is not counted
    against it."""
    now = now or utcnow()
    if requester_id == target_id:
        raise DomainError(N_("you cannot request a meeting with yourself"))
    # Lock both rows in id order (FOR NO KEY UPDATE, which foreign-key checks do not wait for):
    # A asking B while B asks A then queue up instead of deadlocking.
    for participation_id in sorted((requester_id, target_id)):
        _participation(session, participation_id, lock=True)
    requester = _participation(session, requester_id)
    target = _participation(session, target_id)
    for who in (requester, target):
        if who.event_id != event.id:
            raise DomainError(N_("participant %(id)s does not take part in this event"), id=who.id)
        if who.role not in _CAN_MEET:
            raise DomainError(N_("%(role)s participants do not hold meetings"), role=who.role)
    if not 1 <= priority <= 5:
        raise DomainError(N_("priority must be between 1 and 5"))
    kind = (
        MeetingKind.G2B
        if ParticipationRole.OFFICIAL.value in (requester.role, target.role)
        else MeetingKind.B2B
    )
    if (
        kind is MeetingKind.G2B
        and topic is not None
        and target.topics
        and topic not in target.topics
    ):
        raise DomainError(N_("this official does not take talks on %(topic)s"), topic=topic)
    rules = get_rules(session, event=event)
    expire_requests(session, event=event, now=now)
    outgoing = session.scalar(
        select(func.count())
        .select_from(MeetingRequest)
        .where(MeetingRequest.requester_id == requester.id, MeetingRequest.status.in_(_ACTIVE))
    )
    if not by_organizer and (outgoing or 0) >= rules.request_quota:
        raise Conflict(
            N_("you have used all %(quota)s of your requests; cancel one first"),
            quota=rules.request_quota,
        )
    if not _free_somewhere(event, requester, target):
        raise Conflict(N_("you and this participant have no free time in common"))
    low, high = sorted((requester.id, target.id))
    request = MeetingRequest(
        event_id=event.id,
        requester_id=requester.id,
        target_id=target.id,
        pair_low=low,
        pair_high=high,
        kind=kind.value,
        topic=topic,
        message=message,
        priority=priority,
        status=RequestStatus.PENDING.value,
        expires_at=now + timedelta(hours=rules.request_ttl_hours),
    )
    try:
        with session.begin_nested():
            session.add(request)
            session.flush()
    except IntegrityError:
        raise Conflict(
            N_("there is already an open request between you and this participant")
        ) from None
    return request


def _request(session: Session, request_id: int, *, lock: bool = True) -> MeetingRequest:
    query = select(MeetingRequest).where(MeetingRequest.id == request_id)
    if lock:
        query = query.with_for_update()
    found = session.scalar(query)
    if found is None:
        raise NotFound(N_("no meeting request %(id)s"), id=request_id)
    return found


def _expired(request: MeetingRequest, now: datetime) -> bool:
    return (
        request.status == RequestStatus.PENDING.value
        and request.expires_at is not None
        and request.expires_at <= now
    )


def _answer(
    session: Session, request_id: int, actor_id: int, status: RequestStatus, now: datetime | None
) -> MeetingRequest:
    now = now or utcnow()
    request = _request(session, request_id)
    if request.target_id != actor_id:
        raise PermissionDenied(N_("only the person asked can answer this request"))
    if _expired(request, now):
        request.status = RequestStatus.EXPIRED.value
        session.flush()
        raise Conflict(
            N_("this request expired on %(when)s"),
            when=request.expires_at.isoformat() if request.expires_at else "",
        )
    if request.status != RequestStatus.PENDING.value:
        raise Conflict(N_("this request is already %(status)s"), status=request.status)
    request.status = status.value
    request.responded_at = now
    session.flush()
    return request


def accept_request(
    session: Session, *, request_id: int, actor_id: int, now: datetime | None = None
) -> MeetingRequest:
    return _answer(session, request_id, actor_id, RequestStatus.ACCEPTED, now)


def decline_request(
    session: Session, *, request_id: int, actor_id: int, now: datetime | None = None
) -> MeetingRequest:
    return _answer(session, request_id, actor_id, RequestStatus.DECLINED, now)


def cancel_request(
    session: Session, *, request_id: int, actor_id: int, now: datetime | None = None
) -> MeetingRequest:
    """Either side withdraws a pending or accepted request."""
    request = _request(session, request_id)
    if actor_id not in (request.requester_id, request.target_id):
        raise PermissionDenied(N_("only the two participants can cancel this request"))
    if request.status not in _ACTIVE:
        raise Conflict(N_("this request is already %(status)s"), status=request.status)
    request.status = RequestStatus.CANCELLED.value
    request.responded_at = now or utcnow()
    session.flush()
    return request


def expire_requests(session: Session, *, event: Event, now: datetime | None = None) -> int:
    """Mark pending requests past their deadline as expired, so they block no one.

    One conditional UPDATE: a request accepted, declined or forced in the meantime no longer
    matches `status = 'pending'` when the row is written (PostgreSQL re-checks the condition
    after waiting for the row's lock), so a decision is never overwritten."""
    now = now or utcnow()
    result = session.execute(
        update(MeetingRequest)
        .where(
            MeetingRequest.event_id == event.id,
            MeetingRequest.status == RequestStatus.PENDING.value,
            MeetingRequest.expires_at <= now,
        )
        .values(status=RequestStatus.EXPIRED.value)
        .execution_options(synchronize_session="fetch")
    )
    session.flush()
    return int(getattr(result, "rowcount", 0) or 0)


def force_meeting(
    session: Session,
    *,
    event: Event,
    first_id: int,
    second_id: int,
    priority: int = 3,
    topic: str | None = None,
) -> MeetingRequest:
    """The organizer sets up a meeting: an accepted request, replacing any open one."""
    low, high = sorted((first_id, second_id))
    existing = session.scalar(
        select(MeetingRequest)
        .where(
            MeetingRequest.event_id == event.id,
            MeetingRequest.pair_low == low,
            MeetingRequest.pair_high == high,
            MeetingRequest.status.in_(_ACTIVE),
        )
        .with_for_update()
    )
    if existing is not None:
        existing.status = RequestStatus.ACCEPTED.value
        existing.by_organizer = True
        existing.priority = max(existing.priority, priority)
        session.flush()
        return existing
    request = request_meeting(
        session,
        event=event,
        requester_id=first_id,
        target_id=second_id,
        priority=priority,
        topic=topic,
        by_organizer=True,
    )
    request.status = RequestStatus.ACCEPTED.value
    request.by_organizer = True
    request.expires_at = None
    session.flush()
    return request


def veto_request(session: Session, *, request_id: int) -> MeetingRequest:
    """The organizer refuses a request or meeting; it will not be scheduled."""
    request = _request(session, request_id)
    if request.status not in _ACTIVE:
        raise Conflict(N_("this request is already %(status)s"), status=request.status)
    request.status = RequestStatus.VETOED.value
    session.flush()
    return request


# ---------------------------------------------------------------- the organizer's side


def event_request(session: Session, *, event: Event, request_id: int) -> MeetingRequest:
    """A request of this event; a request of another event is 'not found'."""
    found = session.scalar(
        select(MeetingRequest).where(
            MeetingRequest.id == request_id, MeetingRequest.event_id == event.id
        )
    )
    if found is None:
        raise NotFound(N_("no meeting request %(id)s"), id=request_id)
    return found


def answer_for(
    session: Session, *, event: Event, request_id: int, decision: str, on_behalf_of: str
) -> MeetingRequest:
    """The organizer records an answer given by phone (`keruen requests answer --as`): the
    decision of the request's `target` or `requester`, checked as if they had made it."""
    request = event_request(session, event=event, request_id=request_id)
    if on_behalf_of not in ("target", "requester"):
        raise DomainError(N_("answer for the target or the requester of the request"))
    actor = request.target_id if on_behalf_of == "target" else request.requester_id
    actions = {"accept": accept_request, "decline": decline_request, "cancel": cancel_request}
    if decision not in actions:
        raise DomainError(N_("the decision is accept, decline or cancel"))
    return actions[decision](session, request_id=request.id, actor_id=actor)


def save_event_file(
    session: Session,
    *,
    parsed: EventFile,
    data: EventIn,
    must_exist: bool | None,
    reschedule: bool = False,
    seconds: float = 20.0,
) -> EventUpdate:
    """Create or change an event from an event file (`keruen event create/update`): the layout
    through `schedule_service.update_event` (refused when a published meeting would lose its
    table or time, unless `reschedule`), then the file's interpreters."""
    from keruen.meetings.schedule_service import update_event

    existing = event_service.find_event(session, data.slug)
    if must_exist is True and existing is None:
        raise NotFound(N_("no event %(slug)s"), slug=data.slug)
    if must_exist is False and existing is not None:
        raise Conflict(N_("an event with the slug %(slug)s exists already"), slug=data.slug)
    result = update_event(session, data=data, reschedule=reschedule, seconds=seconds)
    save_interpreters(session, result.event, parsed)
    return result
