"""Accepted requests on the demo forum (each organization asks its top suggestions), so that a
plan has something to schedule. Shared by the job, meeting and web tests."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session

from keruen.core.errors import Conflict
from keruen.events.models import Event
from keruen.meetings import planning, service
from keruen.meetings import suggestions as suggestion_service
from keruen.meetings.models import Schedule, ScheduledMeeting


def accept_top_requests(session: Session, event: Event, top_k: int = 3) -> int:
    directory, ranked = suggestion_service.suggest_for_event(session, event, top_k=top_k)
    accepted = 0
    for key, items in ranked.items():
        for rank, suggestion in enumerate(items):
            a = directory.representatives[key][0]
            b = directory.representatives[suggestion.partner_id][0]
            try:
                request = service.request_meeting(
                    session, event=event, requester_id=a.id, target_id=b.id, priority=3 - rank
                )
            except Conflict:  # asked from the other side already
                continue
            service.accept_request(session, request_id=request.id, actor_id=b.id)
            accepted += 1
    return accepted


def movable(
    session: Session, event: Event, schedule: Schedule, *, taken: bool = False
) -> tuple[ScheduledMeeting, int, str]:
    """The first meeting of the schedule that has a place to go (`taken`: onto a table that holds
    another meeting then), with that (slot, table): a plan made under a time limit differs from
    run to run, and its first meeting may have no free place at all."""
    for meeting in schedule.meetings:
        for slot, table, occupied in places(session, event, schedule, meeting):
            if occupied == taken:
                return meeting, slot, table
    raise AssertionError("no meeting of the plan has such a place")


def open_slots(session: Session, event: Event, meeting: ScheduledMeeting) -> set[int]:
    """The slots where the meeting may start and neither of its people is away (their other
    meetings aside)."""
    document, mapping = planning.build_instance(session, event)
    allowed = next(
        m["slots"] for m in document["meetings"] if m["id"] == planning.meeting_key(meeting)
    )
    blocked = {
        k
        for p in (meeting.first, meeting.second)
        for k in planning._blocked(list(mapping.slots.values()), p)
    }
    return {slot for slot in allowed if slot not in blocked}


def places(
    session: Session, event: Event, schedule: Schedule, meeting: ScheduledMeeting
) -> Iterator[tuple[int, str, bool]]:
    """(slot, table, taken) where the meeting's people are free and it may start; `taken`: the
    table holds another meeting then."""
    _document, mapping = planning.build_instance(session, event)
    people = {meeting.first_id, meeting.second_id}
    busy = {
        s.slot_index
        for m in schedule.meetings
        if m.id != meeting.id
        for s in m.seats
        if s.participation_id in people
    }
    # a two-slot G2B talk holds its table in each of its slots, not only the first
    taken = {
        (slot, m.table_id)
        for m in schedule.meetings
        for slot in {s.slot_index for s in m.seats} | {m.slot_index}
    }
    for slot in sorted(open_slots(session, event, meeting)):
        if slot in busy or slot == meeting.slot_index:
            continue
        for label, table in mapping.tables.items():
            if not table.host:
                yield slot, label, (slot, table.id) in taken
