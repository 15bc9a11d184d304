"""The organizer's schedule in the browser and the API: plan as a job (immediate mode in tests)
with its progress, the versions, the grid with the unscheduled meetings, htmx fragments, a move
refused by the validator with its reason, a move saved, publish, and who moves after a
reschedule."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi.testclient import TestClient

from keruen import boundary
from keruen.events import service as event_service
from keruen.events.models import Participation
from keruen.events.schemas import ParticipationIn, UnavailableIn
from keruen.meetings import queries
from tests.jobs.demo_requests import accept_top_requests, movable

from .conftest import DEMO, ORGANIZER, WebSite

pytestmark = [pytest.mark.integration, pytest.mark.slow]
API = f"/api/v1/o/{DEMO}/schedule"
PAGES = f"/o/{DEMO}/schedule"


@pytest.fixture(scope="module")
def organizer(site: WebSite) -> TestClient:
    with boundary.unit_of_work(site.settings) as session:
        accept_top_requests(session, event_service.get_event(session, DEMO))
    browser = site.client()
    site.sign_in_organizer(browser, *ORGANIZER)
    return browser


def _token(browser: TestClient) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', browser.get(PAGES).text)
    assert found
    return found.group(1)


def _plan(browser: TestClient, seconds: int = 3) -> dict[str, Any]:
    answer = browser.post(
        f"{API}/plan", json={"seconds": seconds}, headers={"X-CSRF-Token": _token(browser)}
    )
    assert answer.status_code == 202, answer.text
    job = answer.json()
    assert job["state"] == "done", job  # immediate mode: it ran before the answer
    return job


def _meetings(site: WebSite, version: int) -> list[SimpleNamespace]:
    """The version's meetings as plain values (read in a unit that is closed after)."""
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        event = event_service.get_event(session, DEMO)
        stored = queries.find_schedule(session, event, version)
        return [
            SimpleNamespace(
                id=m.id,
                first_id=m.first_id,
                second_id=m.second_id,
                slot_index=m.slot_index,
                starts_at=m.starts_at,
                table_id=m.table_id,
                table=m.table.label if m.table else None,
            )
            for m in stored.meetings
        ]


def test_the_organizer_plans_from_the_page_and_watches_the_job(site, organizer):
    page = organizer.get(PAGES)
    assert page.status_code == 200 and "Start planning" in page.text
    started = organizer.post(
        f"{PAGES}/plan",
        data={"seconds": "3", "seed": "0", "csrf_token": _token(organizer)},
        follow_redirects=False,
    )
    assert started.status_code == 303
    job_url = started.headers["location"]
    assert re.fullmatch(rf"{PAGES}/jobs/\d+", job_url)
    job_page = organizer.get(job_url)
    assert job_page.status_code == 200 and "<html" in job_page.text
    assert "Schedule version" in job_page.text and "meetings held" in job_page.text
    assert "<svg" in job_page.text and "polyline" in job_page.text  # best / bound over time
    assert "<script" not in job_page.text.split("</head>")[1]
    # htmx polling gets the fragment only; a finished job stops polling
    fragment = organizer.get(job_url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.text and 'id="job"' in fragment.text
    assert "hx-trigger" not in fragment.text
    job_id = int(job_url.rsplit("/", 1)[1])
    api = organizer.get(f"{API}/jobs/{job_id}").json()
    assert api["state"] == "done" and api["progress"] and api["result"]["held"] > 0
    assert api["best"] is not None
    listed = organizer.get(f"{API}/jobs").json()
    assert job_id in [j["id"] for j in listed]
    assert f"{PAGES}/v/{api['result']['version']}" in organizer.get(PAGES).text


def test_the_grid_shows_tables_times_and_the_unscheduled_with_reasons(site, organizer):
    version = _plan(organizer)["result"]["version"]
    data = organizer.get(f"{API}/versions/{version}").json()
    assert data["status"] == "draft" and data["tables"] and data["slots"]
    assert len(data["meetings"]) == data["held"] > 0
    assert all(m["slot"] is not None for m in data["meetings"])
    page = organizer.get(f"{PAGES}/v/{version}")
    assert page.status_code == 200
    assert 'class="grid"' in page.text and data["tables"][0] in page.text
    assert data["meetings"][0]["first_organization"] in page.text.replace("&#34;", '"')
    for item in data["unscheduled"]:
        assert item["reason"]
    if data["unscheduled"]:
        assert "Not scheduled" in page.text
    russian = organizer.get(f"{PAGES}/v/{version}?lang=ru")
    assert "Не вошли в расписание" in russian.text or not data["unscheduled"]
    assert "Версия" in russian.text and "Сетка" in russian.text
    organizer.cookies.delete("lang")  # the language switch is remembered: forget it
    versions = organizer.get(f"{API}/versions").json()
    assert version in [v["version"] for v in versions]


def test_a_move_that_breaks_a_rule_is_refused_with_the_validators_reason(site, organizer):
    version = _plan(organizer)["result"]["version"]
    meetings = _meetings(site, version)
    by_person: dict[int, list[SimpleNamespace]] = {}
    for m in meetings:
        for pid in (m.first_id, m.second_id):
            by_person.setdefault(pid, []).append(m)
    mover, other = next(ms for ms in by_person.values() if len(ms) >= 2)[:2]
    table = next(m.table for m in meetings if m.table and m.table_id != other.table_id)
    form = organizer.get(f"{PAGES}/v/{version}?move={mover.id}", headers={"HX-Request": "true"})
    assert form.status_code == 200 and "<html" not in form.text and 'name="slot"' in form.text
    refused = organizer.post(
        f"{PAGES}/v/{version}/move",
        data={
            "meeting_id": str(mover.id),
            "slot": str(other.slot_index),
            "table": table,
            "csrf_token": _token(organizer),
        },
    )
    assert refused.status_code == 409
    assert "another meeting then" in refused.text
    again = {m.id: (m.slot_index, m.table_id) for m in _meetings(site, version)}
    assert again[mover.id] == (mover.slot_index, mover.table_id)  # nothing saved
    api = organizer.post(
        f"{API}/versions/{version}/move?lang=ru",
        json={"meeting_id": mover.id, "slot": other.slot_index, "table": table},
        headers={"X-CSRF-Token": _token(organizer)},
    )
    organizer.cookies.delete("lang")
    assert api.status_code == 409 and api.json()["error"] == "conflict"
    assert "в это время уже есть другая встреча" in api.json()["message"]


def test_a_move_to_a_free_place_is_saved_then_the_draft_is_published(site, organizer):
    version = _plan(organizer)["result"]["version"]
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        event = event_service.get_event(session, DEMO)
        stored = queries.find_schedule(session, event, version)
        meeting, slot, table = movable(session, event, stored)
        meeting_id = meeting.id
    moved = organizer.post(
        f"{PAGES}/v/{version}/move",
        data={
            "meeting_id": str(meeting_id),
            "slot": str(slot),
            "table": table,
            "csrf_token": _token(organizer),
        },
        follow_redirects=False,
    )
    assert moved.status_code == 303, moved.text
    after = {m.id: m for m in _meetings(site, version)}
    assert after[meeting_id].slot_index == slot and after[meeting_id].table == table
    assert "The meeting was moved." in organizer.get(moved.headers["location"]).text

    published = organizer.post(
        f"{PAGES}/v/{version}/publish",
        data={"csrf_token": _token(organizer)},
        follow_redirects=False,
    )
    assert published.status_code == 303
    versions = {v["version"]: v for v in organizer.get(f"{API}/versions").json()}
    assert versions[version]["status"] == "published"
    assert sum(v["status"] == "published" for v in versions.values()) == 1
    again = organizer.post(
        f"{API}/versions/{version}/publish", headers={"X-CSRF-Token": _token(organizer)}
    )
    assert again.status_code == 409
    locked = organizer.post(
        f"{API}/versions/{version}/move",
        json={"meeting_id": meeting_id, "slot": slot, "table": table},
        headers={"X-CSRF-Token": _token(organizer)},
    )
    assert locked.status_code == 409 and "only a draft" in locked.json()["message"]


def test_after_a_cancellation_a_reschedule_shows_who_moves(site, organizer):
    first = _plan(organizer)["result"]["version"]
    organizer.post(f"{API}/versions/{first}/publish", headers={"X-CSRF-Token": _token(organizer)})
    meetings = _meetings(site, first)
    day_one = next(m for m in meetings if m.starts_at.date() == date(2027, 4, 14))
    with boundary.unit_of_work(site.settings) as session:
        event = event_service.get_event(session, DEMO)
        leaving = session.get(Participation, day_one.first_id)
        event_service.set_participation(
            session,
            event=event,
            delegate=leaving.delegate,
            data=ParticipationIn(
                role=leaving.role,
                topics=list(leaving.topics),
                unavailable=[UnavailableIn(day=date(2027, 4, 14))],
            ),
        )
    assert "Reschedule from the published version" in organizer.get(PAGES).text
    second = _plan(organizer)["result"]["version"]
    data = organizer.get(f"{API}/versions/{second}").json()
    assert data["based_on"] == first and data["compared_with"] == first
    assert data["moves"]
    for move in data["moves"]:
        assert move["first"] and move["second"] and move["old_table"]
        assert move["new_start"] is None or (move["new_start"], move["new_table"]) != (
            move["old_start"],
            move["old_table"],
        )
    page = organizer.get(f"{PAGES}/v/{second}")
    assert "Who moves" in page.text and f"Compared with version {first}" in page.text
    assert page.text.count('class="moved"') == len(data["moves"])


def test_a_cancel_of_a_finished_job_is_refused(site, organizer):
    job = _plan(organizer)
    answer = organizer.post(
        f"{API}/jobs/{job['id']}/cancel", headers={"X-CSRF-Token": _token(organizer)}
    )
    assert answer.status_code == 409
    page = organizer.post(
        f"{PAGES}/jobs/{job['id']}/cancel",
        data={"csrf_token": _token(organizer)},
    )
    assert page.status_code == 409


def test_bad_input_is_refused_without_a_server_error(site, organizer):
    token = {"X-CSRF-Token": _token(organizer)}
    assert organizer.post(f"{API}/plan", json={"seconds": 0}, headers=token).status_code == 422
    assert organizer.get(f"{API}/versions/99999").status_code == 404
    assert organizer.get(f"{API}/versions/{2**40}").status_code == 422
    assert organizer.get(f"{API}/jobs/99999").status_code == 404
    assert organizer.get(f"{PAGES}/v/99999").status_code == 404
