"""Read models of requests and schedules: lists, the slot × table grid, a participant's agenda,
an interpreter's roster and a table's sheet. Names follow the one rule for names across
scripts (`keruen.core.names.display_name`); times are in the event's clock, with the reader's
own clock beside it where it differs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from keruen.core.errors import NotFound
from keruen.core.i18n_markers import N_
from keruen.core.names import display_name
from keruen.core.text import LocalizedText
from keruen.core.timeutil import utc_to_local
from keruen.events.models import Event, Participation
from keruen.meetings.enums import ScheduleStatus
from keruen.meetings.models import MeetingRequest, Schedule, ScheduledMeeting
from keruen.organizations.models import Delegate
from keruen.reference.regions import timezone_of
from keruen.scheduling.words import why as _why


def name(text: LocalizedText | None, locale: str) -> str:
    if not text:
        return ""
    return display_name(dict(text.values), text.source, locale)


def person_name(p: Participation | None, locale: str) -> str:
    return name(p.delegate.names, locale) if p is not None else ""


def organization_name(p: Participation | None, locale: str) -> str:
    if p is None or p.delegate.organization is None:
        return ""
    return name(p.delegate.organization.names, locale)


def home_zone(p: Participation, event: Event) -> str:
    """The participant's own clock: their organization's region's zone, else the event's."""
    org = p.delegate.organization
    if org is not None:
        found = timezone_of(org.region_code)
        if found:
            return found
    return event.timezone


def find_schedule(session: Session, event: Event, version: int | None = None) -> Schedule:
    """A given version, else the published one, else the newest draft."""
    query = (
        select(Schedule)
        .where(Schedule.event_id == event.id)
        .options(
            selectinload(Schedule.meetings).selectinload(ScheduledMeeting.table),
            selectinload(Schedule.meetings)
            .selectinload(ScheduledMeeting.first)
            .selectinload(Participation.delegate)
            .selectinload(Delegate.organization),
            selectinload(Schedule.meetings)
            .selectinload(ScheduledMeeting.second)
            .selectinload(Participation.delegate)
            .selectinload(Delegate.organization),
            selectinload(Schedule.meetings)
            .selectinload(ScheduledMeeting.interpreter)
            .selectinload(Participation.delegate),
        )
    )
    if version is not None:
        found = session.scalar(query.where(Schedule.version == version))
        if found is None:
            raise NotFound(N_("no schedule version %(version)s"), version=version)
        return found
    found = session.scalar(query.where(Schedule.status == ScheduleStatus.PUBLISHED.value))
    if found is None:
        found = session.scalar(query.order_by(Schedule.version.desc()).limit(1))
    if found is None:
        raise NotFound(
            N_("%(event)s has no schedule yet: run `keruen plan --event %(event)s`"),
            event=event.slug,
        )
    return found


def requests_of(
    session: Session, event: Event, *, status: str | None = None
) -> list[MeetingRequest]:
    query = (
        select(MeetingRequest)
        .where(MeetingRequest.event_id == event.id)
        .options(
            selectinload(MeetingRequest.requester)
            .selectinload(Participation.delegate)
            .selectinload(Delegate.organization),
            selectinload(MeetingRequest.target)
            .selectinload(Participation.delegate)
            .selectinload(Delegate.organization),
        )
        .order_by(MeetingRequest.id)
    )
    if status:
        query = query.where(MeetingRequest.status == status)
    return list(session.scalars(query))


@dataclass(frozen=True)
class MeetingView:
    """One scheduled meeting as a reader sees it."""

    id: int
    request_id: int | None
    kind: str
    starts_at: datetime
    ends_at: datetime
    local_start: datetime
    local_end: datetime
    table: str
    first_id: int
    second_id: int
    first_organization: str
    first_person: str
    second_organization: str
    second_person: str
    interpreter_id: int | None
    interpreter: str
    languages: str


def meetings_of(schedule: Schedule, participation_id: int) -> list[ScheduledMeeting]:
    """One person's meetings in a schedule (as a side or as the interpreter), loaded with what
    their views need in a few queries, however large the schedule."""
    session = Session.object_session(schedule)
    if session is None or "meetings" in schedule.__dict__:  # already loaded: filter in memory
        return [
            m
            for m in schedule.meetings
            if participation_id in (m.first_id, m.second_id, m.interpreter_id)
        ]
    return list(
        session.scalars(
            select(ScheduledMeeting)
            .where(
                ScheduledMeeting.schedule_id == schedule.id,
                (ScheduledMeeting.first_id == participation_id)
                | (ScheduledMeeting.second_id == participation_id)
                | (ScheduledMeeting.interpreter_id == participation_id),
            )
            .options(
                selectinload(ScheduledMeeting.table),
                selectinload(ScheduledMeeting.first)
                .selectinload(Participation.delegate)
                .selectinload(Delegate.organization),
                selectinload(ScheduledMeeting.second)
                .selectinload(Participation.delegate)
                .selectinload(Delegate.organization),
                selectinload(ScheduledMeeting.interpreter).selectinload(Participation.delegate),
            )
        )
    )


def meeting_views(
    schedule: Schedule,
    event: Event,
    locale: str,
    *,
    meetings: list[ScheduledMeeting] | None = None,
) -> list[MeetingView]:
    """The schedule's meetings (or the given ones of it) as readers see them."""
    out = []
    for m in sorted(
        schedule.meetings if meetings is None else meetings,
        key=lambda m: (m.starts_at, m.table.label if m.table else ""),
    ):
        langs = sorted(set(m.first.delegate.languages) | set(m.second.delegate.languages))
        out.append(
            MeetingView(
                id=m.id,
                request_id=m.request_id,
                kind=m.kind,
                starts_at=m.starts_at,
                ends_at=m.ends_at,
                local_start=utc_to_local(m.starts_at, event.timezone),
                local_end=utc_to_local(m.ends_at, event.timezone),
                table=m.table.label if m.table else "",
                first_id=m.first_id,
                second_id=m.second_id,
                first_organization=organization_name(m.first, locale),
                first_person=person_name(m.first, locale),
                second_organization=organization_name(m.second, locale),
                second_person=person_name(m.second, locale),
                interpreter_id=m.interpreter_id,
                interpreter=person_name(m.interpreter, locale),
                languages=" ".join(langs),
            )
        )
    return out


@dataclass(frozen=True)
class AgendaItem:
    meeting: MeetingView
    own_start: datetime | None  # in the participant's own clock, when it differs
    partner_id: int
    partner_organization: str
    partner_person: str


def agenda(
    schedule: Schedule,
    event: Event,
    participant: Participation,
    locale: str,
    *,
    views: list[MeetingView] | None = None,
) -> tuple[str, list[AgendaItem]]:
    """One participant's meetings, with their own zone (empty when it is the event's).
    `views`: the schedule's `meeting_views` in `locale`, when the caller has them already
    (many agendas at once)."""
    zone = home_zone(participant, event)
    other_clock = zone if _offset_differs(zone, event) else ""
    items = []
    if views is None:
        views = meeting_views(
            schedule, event, locale, meetings=meetings_of(schedule, participant.id)
        )
    for view in views:
        if participant.id not in (view.first_id, view.second_id):
            continue
        first = view.first_id == participant.id
        items.append(
            AgendaItem(
                meeting=view,
                own_start=utc_to_local(view.starts_at, zone) if other_clock else None,
                partner_id=view.second_id if first else view.first_id,
                partner_organization=view.second_organization if first else view.first_organization,
                partner_person=view.second_person if first else view.first_person,
            )
        )
    return other_clock, items


def _offset_differs(zone: str, event: Event) -> bool:
    """Whether the reader's clock differs from the event's during the event."""
    if zone == event.timezone or not event.sessions:
        return False
    moment = event.sessions[0].starts_at
    return (
        utc_to_local(moment, zone).utcoffset() != utc_to_local(moment, event.timezone).utcoffset()
    )


@dataclass(frozen=True)
class UnscheduledView:
    request_id: int | None
    first_organization: str
    second_organization: str
    reason: str


def unscheduled_views(
    session: Session, schedule: Schedule, locale: str, translate: Callable[[str], str]
) -> list[UnscheduledView]:
    out = []
    for item in schedule.unscheduled:
        key = item.get("meeting", "")
        first = second = ""
        request_id = None
        if key.startswith("r") and key[1:].isdigit():
            request = session.get(MeetingRequest, int(key[1:]))
            if request is not None:
                request_id = request.id
                first = organization_name(request.requester, locale) or person_name(
                    request.requester, locale
                )
                second = organization_name(request.target, locale) or person_name(
                    request.target, locale
                )
        elif key.startswith("s") and "-" in key:
            a, _, b = key[1:].partition("-")
            pa = session.get(Participation, int(a)) if a.isdigit() else None
            pb = session.get(Participation, int(b)) if b.isdigit() else None
            first = organization_name(pa, locale) or person_name(pa, locale)
            second = organization_name(pb, locale) or person_name(pb, locale)
        out.append(
            UnscheduledView(request_id, first, second, _why(item.get("reason", ""), translate))
        )
    return out


# ---------------------------------------------------------------- one person's view


@dataclass(frozen=True)
class Quota:
    used: int
    quota: int
    ttl_hours: int

    @property
    def left(self) -> int:
        return max(self.quota - self.used, 0)


def quota_of(session: Session, event: Event, participation_id: int) -> Quota:
    """How many of the event's request quota the participant has in use (open requests)."""
    from sqlalchemy import func

    from keruen.meetings.enums import ACTIVE_STATUSES
    from keruen.meetings.service import get_rules

    rules = get_rules(session, event=event)
    used = session.scalar(
        select(func.count())
        .select_from(MeetingRequest)
        .where(
            MeetingRequest.requester_id == participation_id,
            MeetingRequest.status.in_([s.value for s in ACTIVE_STATUSES]),
        )
    )
    return Quota(int(used or 0), rules.request_quota, rules.request_ttl_hours)


def requests_of_participant(
    session: Session, event: Event, participation_id: int
) -> list[MeetingRequest]:
    """The requests one participant sent or received at the event, newest first."""
    query = (
        select(MeetingRequest)
        .where(
            MeetingRequest.event_id == event.id,
            (MeetingRequest.requester_id == participation_id)
            | (MeetingRequest.target_id == participation_id),
        )
        .options(
            selectinload(MeetingRequest.requester)
            .selectinload(Participation.delegate)
            .selectinload(Delegate.organization),
            selectinload(MeetingRequest.target)
            .selectinload(Participation.delegate)
            .selectinload(Delegate.organization),
        )
        .order_by(MeetingRequest.id.desc())
    )
    return list(session.scalars(query))


def request_of_participant(
    session: Session, event: Event, participation_id: int, request_id: int
) -> MeetingRequest:
    """One of the participant's own requests; any other is 'not found' (nothing leaks)."""
    found = session.get(MeetingRequest, request_id) if 0 < request_id < 2**31 else None
    if (
        found is None
        or found.event_id != event.id
        or participation_id not in (found.requester_id, found.target_id)
    ):
        raise NotFound(N_("no meeting request %(id)s"), id=request_id)
    return found


def accepted_between(session: Session, event: Event, first_id: int, second_id: int) -> bool:
    """True when the two participations have an accepted meeting at the event."""
    from keruen.meetings.enums import RequestStatus

    low, high = sorted((first_id, second_id))
    return (
        session.scalar(
            select(MeetingRequest.id).where(
                MeetingRequest.event_id == event.id,
                MeetingRequest.pair_low == low,
                MeetingRequest.pair_high == high,
                MeetingRequest.status == RequestStatus.ACCEPTED.value,
            )
        )
        is not None
    )


def roster(
    schedule: Schedule, event: Event, interpreter: Participation, locale: str
) -> list[MeetingView]:
    """The meetings one interpreter interprets."""
    mine = meetings_of(schedule, interpreter.id)
    return [
        v
        for v in meeting_views(schedule, event, locale, meetings=mine)
        if v.interpreter_id == interpreter.id
    ]
