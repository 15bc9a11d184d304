"""A small published forum: two Kazakh and two Chinese participants of the demo forum with four
accepted meetings, planned and published."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from keruen.demo.loader import load_demo
from keruen.events import service as event_service
from keruen.events.models import Event, Participation
from keruen.events.queries import find_participation
from keruen.meetings import schedule_service, service

DEMO = "turkestan-bayingol-2027"
PEOPLE = (
    "a.nurlanov@kz.example",
    "g.seitkali@kz.example",
    "wang.jianguo@cn.example",
    "li.na@cn.example",
)


@dataclass
class Forum:
    event: Event
    kz1: Participation
    kz2: Participation
    cn1: Participation
    cn2: Participation
    keys: dict[tuple[int, int], str]  # (participation, participation) -> meeting key

    def key(self, a: Participation, b: Participation) -> str:
        return self.keys[(a.id, b.id)]


@pytest.fixture
def forum(session: Session) -> Forum:
    load_demo(session)
    event = event_service.get_event(session, DEMO)
    kz1, kz2, cn1, cn2 = (find_participation(session, event, key) for key in PEOPLE)
    keys = {}
    for a, b in ((kz1, cn1), (kz1, cn2), (kz2, cn1)):
        r = service.request_meeting(session, event=event, requester_id=a.id, target_id=b.id)
        service.accept_request(session, request_id=r.id, actor_id=b.id)
        keys[(a.id, b.id)] = f"r{r.id}"
    plan = schedule_service.plan_event(session, event=event, seconds=5)
    schedule_service.publish_schedule(session, event=event, version=plan.version)
    return Forum(event, kz1, kz2, cn1, cn2, keys)
