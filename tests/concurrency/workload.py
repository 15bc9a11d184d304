"""A random request workload for one process, and the check of what N of them did together.

Run by the stress test (4 processes, ~10 s) and by `benchmarks/concurrency/run.py` (8, 30 s):

    python -m tests.concurrency.workload --url URL --event-id N --seconds S --seed K --out F

Each action is one unit of work of `keruen.boundary`, as a web request would be: request,
accept, decline, cancel, force, veto, expire, and (rarely) plan and publish. A process picks
the request it acts on from a list it read a moment before (as a person acts on the page they
see), so processes race on the same requests. Every answer is written to `--out` as JSON: what
each caller was told, per request, is then checked against the stored rows.
"""

from __future__ import annotations

import argparse
import inspect
import json
import random
import time
from collections import Counter
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import timedelta
from gettext import NullTranslations
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen import boundary
from keruen.config import Settings
from keruen.core.errors import KeruenError
from keruen.core.timeutil import utcnow
from keruen.events.models import Event
from keruen.meetings import schedule_service, service
from keruen.meetings.models import MeetingRequest, Schedule
from tests.concurrency.harness import (
    RAW_ERRORS,
    Outcome,
    attempt,
    history_violations,
    invariant_violations,
    request_states,
)

WEIGHTS = {
    "request": 30,
    "accept": 20,
    "decline": 8,
    "cancel": 8,
    "force": 6,
    "veto": 4,
    "expire": 8,
    "plan": 2,
    "publish": 4,
}


def reading(settings: Settings) -> AbstractContextManager[Session]:
    """A read-only unit of work (a plain one on code older than `read_only`, so the same
    workload also runs against the code before issue 10's fixes)."""
    if "read_only" in inspect.signature(boundary.unit_of_work).parameters:
        return boundary.unit_of_work(settings, read_only=True)
    return boundary.unit_of_work(settings)


@dataclass
class Worker:
    settings: Settings
    event_id: int
    participants: list[int]
    rng: random.Random
    seen: list[tuple[int, int, int]] = field(default_factory=list)  # id, requester, target
    drafts: list[int] = field(default_factory=list)
    told: dict[int, list[str]] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    defects: list[str] = field(default_factory=list)
    shown_raw: list[str] = field(default_factory=list)

    def event(self, session: Session) -> Event:
        found = session.get(Event, self.event_id)
        assert found is not None
        return found

    def look(self) -> None:
        """Read the open requests and drafts, as a page would show them."""
        with reading(self.settings) as session:
            self.seen = [
                (r.id, r.requester_id, r.target_id)
                for r in session.scalars(
                    select(MeetingRequest).where(
                        MeetingRequest.event_id == self.event_id,
                        MeetingRequest.status.in_(["pending", "accepted"]),
                    )
                )
            ]
            self.drafts = list(
                session.scalars(
                    select(Schedule.version).where(
                        Schedule.event_id == self.event_id, Schedule.status == "draft"
                    )
                )
            )

    def act(self) -> None:
        name = self.rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        if name == "plan":
            self.record(name, None, self.plan())
            return
        work, request_id = self.choose(name)
        if work is None:
            return
        outcome = attempt(self.settings, work)
        self.record(name, request_id, outcome)

    def choose(self, name: str) -> tuple[Any, int | None]:
        rng = self.rng
        if name in ("request", "force"):
            a, b = rng.sample(self.participants, 2)
            if name == "request":
                return (
                    lambda s: (
                        service.request_meeting(
                            s, event=self.event(s), requester_id=a, target_id=b
                        ).id
                    )
                ), None
            return (
                lambda s: service.force_meeting(s, event=self.event(s), first_id=a, second_id=b).id
            ), None
        if name == "expire":
            later = utcnow() + timedelta(hours=rng.choice([0, 80]))
            return (lambda s: service.expire_requests(s, event=self.event(s), now=later)), None
        if name == "publish":
            if not self.drafts:
                return None, None
            version = rng.choice(self.drafts)
            return (
                lambda s: (
                    schedule_service.publish_schedule(
                        s, event=self.event(s), version=version
                    ).version
                )
            ), None
        if not self.seen:
            return None, None
        rid, requester, target = rng.choice(self.seen)
        if name == "accept":
            return (lambda s: service.accept_request(s, request_id=rid, actor_id=target).id), rid
        if name == "decline":
            return (lambda s: service.decline_request(s, request_id=rid, actor_id=target).id), rid
        if name == "cancel":
            who = rng.choice([requester, target])
            return (lambda s: service.cancel_request(s, request_id=rid, actor_id=who).id), rid
        return (lambda s: service.veto_request(s, request_id=rid).id), rid

    def plan(self) -> Outcome:
        """Read, solve with no transaction open, store in a short write (as the CLI does)."""
        if not hasattr(schedule_service, "prepare_plan"):  # the code before issue 10's fix
            return attempt(
                self.settings,
                lambda s: (
                    schedule_service.plan_event(
                        s, event=self.event(s), seconds=0.5, workers=1
                    ).version
                ),
            )
        try:
            with reading(self.settings) as session:
                prepared = schedule_service.prepare_plan(session, event=self.event(session))
        except KeruenError as error:
            refusal = boundary.refusal(error, NullTranslations())
            return Outcome(False, kind=refusal.kind, message=refusal.message)
        solution = schedule_service.solve_plan(prepared, seconds=0.5, workers=1)
        return attempt(
            self.settings,
            lambda s: schedule_service.store_plan(s, prepared=prepared, solution=solution).version,
        )

    def note(self, name: str, outcome: Outcome) -> None:
        if outcome.defect:
            self.defects.append(f"{name}: {outcome.defect}")
        shown = [m for m in RAW_ERRORS if m in outcome.message]
        if shown:
            self.shown_raw.append(f"{name}: {outcome.message}")

    def record(self, name: str, request_id: int | None, outcome: Outcome) -> None:
        self.counts[name] += 1
        self.counts["ok" if outcome.ok else (outcome.kind or "defect")] += 1
        self.note(name, outcome)
        if not outcome.ok:
            return
        if name in ("request", "force"):
            rid = int(outcome.value)
            acts = self.told.setdefault(rid, [])
            if name == "request" or not acts:
                acts.append("request")
            if name == "force":
                acts.append("force")
        elif name in ("accept", "decline", "cancel", "veto") and request_id is not None:
            self.told.setdefault(request_id, []).append(name)


def run_worker(settings: Settings, event_id: int, seconds: float, seed: int) -> dict[str, Any]:
    with reading(settings) as session:
        from keruen.events.models import Participation

        participants = list(
            session.scalars(
                select(Participation.id).where(
                    Participation.event_id == event_id, Participation.role == "participant"
                )
            )
        )
    worker = Worker(settings, event_id, participants, random.Random(seed))
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if worker.rng.random() < 0.3:
            worker.look()
        worker.act()
    elapsed = time.monotonic() - start
    actions = sum(worker.counts[n] for n in WEIGHTS)
    return {
        "seed": seed,
        "seconds": elapsed,
        "actions": actions,
        "counts": dict(worker.counts),
        "told": {str(k): v for k, v in worker.told.items()},
        "defects": worker.defects,
        "shown_raw": worker.shown_raw,
    }


@dataclass
class Verdict:
    actions: int
    seconds: float
    per_second: float
    violations: list[str]
    defects: list[str]
    shown_raw: list[str]
    counts: Counter[str]

    @property
    def clean(self) -> bool:
        return not (self.violations or self.defects or self.shown_raw)


def judge(url: str, event_id: int, reports: list[dict[str, Any]]) -> Verdict:
    """Merge what every process was told and check it, and the invariants, in SQL."""
    told: dict[int, list[str]] = {}
    counts: Counter[str] = Counter()
    defects: list[str] = []
    shown: list[str] = []
    for report in reports:
        for rid, acts in report["told"].items():
            told.setdefault(int(rid), []).extend(acts)
        counts.update(report["counts"])
        defects += report["defects"]
        shown += report["shown_raw"]
    for acts in told.values():  # one "request" per request whoever forced or asked first
        while acts.count("request") > 1:
            acts.remove("request")
    final = request_states(url, event_id)
    violations = invariant_violations(url) + history_violations(final, told)
    unreported = sorted(set(final) - set(told))
    if unreported:
        violations.append(f"requests stored but reported to nobody: {unreported[:10]}")
    if counts["publish"] and counts["ok"]:
        published = _published_count(url, event_id)
        if published > 1:
            violations.append(f"{published} published versions")
    actions = sum(int(r["actions"]) for r in reports)
    seconds = max((float(r["seconds"]) for r in reports), default=0.0)
    return Verdict(
        actions, seconds, actions / seconds if seconds else 0.0, violations, defects, shown, counts
    )


def _published_count(url: str, event_id: int) -> int:
    from sqlalchemy import text

    from tests.concurrency.harness import plain_engine

    engine = plain_engine(url)
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(
                    text(
                        "SELECT COUNT(*) FROM schedule WHERE status = 'published' "
                        f"AND event_id = {int(event_id)}"
                    )
                ).scalar_one()
            )
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--event-id", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    settings = Settings(database_url=args.url, data_dir=Path(args.data_dir))
    result = run_worker(settings, args.event_id, args.seconds, args.seed)
    Path(args.out).write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
