"""A 2,000-participant forum built through the real paths: the event from its data, the
registration sheet through the import (with participations), 3 accepted requests per
participant, a plan and its publication. Shared by the web benchmark (agendas and inboxes under
load) and the agenda PDF batch benchmark.

    .venv/bin/python -m benchmarks.web.forum --data /tmp/keruen-2k [--pg-url URL]
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path
from typing import Any

from keruen import boundary
from keruen.config import Settings

SLUG = "forum-2000"
PEOPLE = 2000
REQUESTS_EACH = 3


def event_data() -> Any:
    from keruen.core.text import LocalizedText
    from keruen.events.schemas import EventIn

    days = ["2027-09-14", "2027-09-15"]
    sessions = []
    for day in days:
        for start, end in (("10:00", "13:00"), ("14:30", "17:30")):
            sessions.append(
                {
                    "day": day,
                    "kind": "b2b",
                    "start": start,
                    "end": end,
                    "slot_minutes": 20,
                    "hall": "A",
                }
            )
    return EventIn(
        slug=SLUG,
        names=LocalizedText.of(
            {"ru": "Форум 2000", "zh": "2000人论坛", "en": "Forum of 2,000"}, source="en"
        ),
        timezone="Asia/Almaty",
        region="KZ-61-TUR",
        days=[date.fromisoformat(d) for d in days],
        sides=[
            {"code": "KZ", "region": "KZ-61", "names": LocalizedText.of({"en": "Turkestan"})},
            {"code": "CN", "region": "CN-XJ-BYG", "names": LocalizedText.of({"en": "Bayingol"})},
        ],
        halls=[{"code": "A", "names": LocalizedText.of({"en": "Hall A"}), "tables": 250}],
        sessions=sessions,
    )


INTERPRETERS = 60


def add_interpreters_and_russian(session: Any, event: Any) -> None:
    """Half the Bayingol delegates also speak Russian; 60 ru–zh interpreters for the rest."""
    from sqlalchemy import select

    from keruen.core.text import LocalizedText
    from keruen.events import service as event_service
    from keruen.events.schemas import ParticipationIn
    from keruen.organizations import service as organization_service
    from keruen.organizations.models import Delegate
    from keruen.organizations.schemas import DelegateIn

    chinese = session.scalars(
        select(Delegate).where(Delegate.languages.is_not(None)).order_by(Delegate.id)
    ).all()
    for i, delegate in enumerate(d for d in chinese if "zh" in d.languages):
        if i % 2 == 0:
            delegate.languages = ["zh", "ru"]
    for i in range(INTERPRETERS):
        done = organization_service.upsert_delegate(
            session,
            organization_id=None,
            data=DelegateIn(
                ref=f"interpreter-{i}",
                names=LocalizedText.of({"en": f"Interpreter {i}"}),
                languages=["ru", "zh", "kk"],
                email=f"interpreter{i}@example.org",
            ),
        )
        delegate = session.get(Delegate, done.id)
        event_service.set_participation(
            session, event=event, delegate=delegate, data=ParticipationIn(role="interpreter")
        )


def build(settings: Settings, *, people: int = PEOPLE, seconds: float = 120) -> dict[str, Any]:
    """Build the forum; returns timings of each step."""
    from benchmarks.imports.run import generate
    from sqlalchemy import select

    from keruen.events import service as event_service
    from keruen.events.models import Participation
    from keruen.imports.directory import import_directory
    from keruen.meetings import schedule_service, service
    from keruen.organizations.models import Delegate, Organization

    timings: dict[str, Any] = {}
    t = time.perf_counter()
    with boundary.unit_of_work(settings) as session:
        event_service.upsert_event(session, data=event_data())
    sheet = settings.data_dir / "registration.xlsx"
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    generate(sheet, people, people, "xlsx", seed=20)
    with boundary.unit_of_work(settings) as session:
        import_directory(session, sheet, event_slug=SLUG, max_rows=people * 2)
    timings["import_s"] = round(time.perf_counter() - t, 1)
    with boundary.unit_of_work(settings) as session:
        add_interpreters_and_russian(session, event_service.get_event(session, SLUG))

    t = time.perf_counter()
    with boundary.unit_of_work(settings) as session:
        event = event_service.get_event(session, SLUG)
        service.set_rules(session, event=event, request_quota=50, request_ttl_hours=240)
        rows = session.execute(
            select(Participation.id, Organization.region_code)
            .join(Delegate, Participation.delegate_id == Delegate.id)
            .join(Organization, Delegate.organization_id == Organization.id)
            .where(Participation.event_id == event.id, Participation.role == "participant")
            .order_by(Participation.id)
        ).all()
        kz = [pid for pid, region in rows if region.startswith("KZ")]
        cn = [pid for pid, region in rows if region.startswith("CN")]
        count = 0
        for i, a in enumerate(kz):
            for k in range(REQUESTS_EACH):
                b = cn[(i * 7 + k * 13) % len(cn)]
                request = service.request_meeting(session, event=event, requester_id=a, target_id=b)
                service.accept_request(session, request_id=request.id, actor_id=b)
                count += 1
    timings["requests"] = count
    timings["requests_s"] = round(time.perf_counter() - t, 1)

    t = time.perf_counter()
    with boundary.unit_of_work(settings) as session:
        event = event_service.get_event(session, SLUG)
        result = schedule_service.plan_event(session, event=event, seconds=seconds)
        schedule_service.publish_schedule(session, event=event, version=result.version)
    timings.update(
        plan_s=round(time.perf_counter() - t, 1),
        held=result.held,
        requested=result.requested,
        participants=len(rows),
    )
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--pg-url", default="")
    parser.add_argument("--seconds", type=float, default=120)
    args = parser.parse_args()
    settings = (
        Settings(data_dir=args.data, database_url=args.pg_url)
        if args.pg_url
        else Settings(data_dir=args.data)
    )
    print(build(settings, seconds=args.seconds))


if __name__ == "__main__":
    main()
