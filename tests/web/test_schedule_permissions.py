"""Who may use the schedule's pages and API: only the event's own organizers. Signed out: 401
(or the sign-in page); an organizer of another event and a participant: 404 with nothing of the
event's schedule in the body; an unsafe request without the CSRF token: 403. Refused requests
change nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from keruen import boundary
from keruen.events import service as event_service
from tests.jobs.demo_requests import accept_top_requests

from .conftest import DEMO, ORGANIZER, STRANGER, WebSite, csrf_of

pytestmark = [pytest.mark.integration, pytest.mark.slow]
PERSON = "a.nurlanov@kz.example"
API = f"/api/v1/o/{DEMO}/schedule"
PAGES = f"/o/{DEMO}/schedule"


@pytest.fixture(scope="module")
def world(site: WebSite) -> dict[str, Any]:
    """A planned draft and its job, and what the organizer sees of it (to look for leaks)."""
    with boundary.unit_of_work(site.settings) as session:
        accept_top_requests(session, event_service.get_event(session, DEMO))
    organizer = site.client()
    site.sign_in_organizer(organizer, *ORGANIZER)
    token = csrf_of(organizer.get(PAGES).text)
    job = organizer.post(f"{API}/plan", json={"seconds": 3}, headers={"X-CSRF-Token": token})
    assert job.status_code == 202, job.text
    version = job.json()["result"]["version"]
    data = organizer.get(f"{API}/versions/{version}").json()
    meeting = data["meetings"][0]
    secrets = {m["first_organization"] for m in data["meetings"][:5]} | {
        m["second_person"] for m in data["meetings"][:5]
    }
    return {
        "organizer": organizer,
        "token": token,
        "job": job.json()["id"],
        "version": version,
        "meeting": meeting,
        "secrets": {s for s in secrets if s},
    }


def _endpoints(w: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path, body) of every route of the schedule; bodies are valid input."""
    v, j, m = w["version"], w["job"], w["meeting"]
    move_form = {"meeting_id": str(m["id"]), "slot": str(m["slot"]), "table": m["table"]}
    move_json = {"meeting_id": m["id"], "slot": m["slot"], "table": m["table"]}
    return [
        ("GET", PAGES, {}),
        ("GET", f"{PAGES}/jobs/{j}", {}),
        ("GET", f"{PAGES}/v/{v}", {}),
        ("GET", f"{PAGES}/v/{v}?move={m['id']}", {}),
        ("POST", f"{PAGES}/plan", {"form": {"seconds": "2", "seed": "0"}}),
        ("POST", f"{PAGES}/jobs/{j}/cancel", {"form": {}}),
        ("POST", f"{PAGES}/v/{v}/move", {"form": move_form}),
        ("POST", f"{PAGES}/v/{v}/publish", {"form": {}}),
        ("GET", f"{API}/versions", {}),
        ("GET", f"{API}/versions/{v}", {}),
        ("GET", f"{API}/jobs", {}),
        ("GET", f"{API}/jobs/{j}", {}),
        ("POST", f"{API}/plan", {"json": {"seconds": 2}}),
        ("POST", f"{API}/jobs/{j}/cancel", {"json": None}),
        ("POST", f"{API}/versions/{v}/move", {"json": move_json}),
        ("POST", f"{API}/versions/{v}/publish", {"json": None}),
    ]


def _call(
    browser: TestClient, method: str, path: str, body: dict[str, Any], token: str | None
) -> Any:
    if method == "GET":
        return browser.get(path, follow_redirects=False)
    if "form" in body:
        form = dict(body["form"])
        if token:
            form["csrf_token"] = token
        return browser.post(path, data=form, follow_redirects=False)
    headers = {"X-CSRF-Token": token} if token else {}
    if body.get("json") is None:
        return browser.post(path, headers=headers, follow_redirects=False)
    return browser.post(path, json=body["json"], headers=headers, follow_redirects=False)


def _state(w: dict[str, Any]) -> Any:
    organizer = w["organizer"]
    return (
        organizer.get(f"{API}/versions").json(),
        len(organizer.get(f"{API}/jobs").json()),
    )


def _no_leak(answer: Any, w: dict[str, Any]) -> None:
    for secret in w["secrets"]:
        assert secret not in answer.text, (answer.request.url, secret)


def test_signed_out_visitors_are_sent_to_sign_in(site: WebSite, world):
    before = _state(world)
    visitor = site.client()
    token = csrf_of(visitor.get("/sign-in").text)  # a visitor's own token gets no further
    for method, path, body in _endpoints(world):
        answer = _call(visitor, method, path, body, token)
        if method == "GET" and not path.startswith("/api/"):
            assert answer.status_code in (303, 401), (path, answer.status_code)
            if answer.status_code == 303:
                assert answer.headers["location"].startswith("/sign-in")
        else:
            assert answer.status_code == 401, (method, path, answer.status_code)
        _no_leak(answer, world)
    assert _state(world) == before


@pytest.mark.parametrize("who", ["stranger", "participant"])
def test_others_find_nothing_and_change_nothing(site: WebSite, world, who):
    before = _state(world)
    browser = site.client()
    if who == "stranger":
        site.sign_in_organizer(browser, *STRANGER)
        token = csrf_of(browser.get("/o").text)
    else:
        site.sign_in_person(browser, PERSON)
        token = site.csrf(browser, "/me")
    for method, path, body in _endpoints(world):
        answer = _call(browser, method, path, body, token)
        assert answer.status_code == 404, (who, method, path, answer.status_code)
        _no_leak(answer, world)
        if path.startswith("/api/"):
            assert answer.json()["error"] == "not_found"
    assert _state(world) == before


def test_unsafe_requests_without_the_csrf_token_are_refused(site: WebSite, world):
    before = _state(world)
    organizer = world["organizer"]
    for method, path, body in _endpoints(world):
        if method != "POST":
            continue
        answer = _call(organizer, method, path, body, None)
        assert answer.status_code == 403, (path, answer.status_code)
        wrong = _call(organizer, method, path, body, "not-the-token")
        assert wrong.status_code == 403, (path, wrong.status_code)
    assert _state(world) == before


def test_the_organizer_may_use_every_endpoint(site: WebSite, world):
    organizer, token = world["organizer"], world["token"]
    for method, path, body in _endpoints(world):
        answer = _call(organizer, method, path, body, token)
        # 409: cancelling a finished job or publishing twice is refused, but the route is open
        assert answer.status_code in (200, 202, 303, 409), (method, path, answer.status_code)
        if answer.status_code == 409:
            assert re.search(r"finished|already published|not a draft|only a draft", answer.text)
