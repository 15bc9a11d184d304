"""Privacy of the people: the consent log, the export of everything stored about a person,
erasure (the name goes, the meetings stay, the sessions close) and the permission matrix of
every /me page and /api/v1/me endpoint."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from keruen import boundary
from keruen.accounts.models import Consent, WebSession
from keruen.accounts.service import PURPOSES
from keruen.events import service as event_service
from keruen.events.models import Participation
from keruen.i18n import get_translations
from keruen.meetings import service as meetings
from keruen.meetings.models import MeetingRequest
from keruen.organizations.models import Delegate

from .conftest import DEMO, ORGANIZER, STRANGER, WebSite, csrf_of

pytestmark = pytest.mark.integration
API = f"/api/v1/me/events/{DEMO}"
KK_PERSON = "g.seitkali@kz.example"  # Maktaaral cotton
CN_PERSON = "li.na@cn.example"  # Korla spinning
ERASED = "d.ospanova@kz.example"
OUTSIDER = "y.toleuov@kz.example"


def delegate_of(site: WebSite, email: str) -> tuple[int, int]:
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        d = session.scalar(select(Delegate).where(Delegate.email == email))
        assert d is not None
        p = session.scalar(select(Participation).where(Participation.delegate_id == d.id))
        assert p is not None
        return d.id, p.id


def person(site: WebSite, email: str, lang: str = "en") -> TestClient:
    browser = site.client()
    browser.cookies.set("lang", lang)
    site.sign_in_person(browser, email)
    return browser


def test_consents_are_logged_with_date_wording_and_language(site: WebSite) -> None:
    browser = person(site, KK_PERSON, "kk")
    kk = get_translations("kk")
    listed = browser.get("/api/v1/me/privacy/consents").json()
    assert {c["purpose"] for c in listed} == set(PURPOSES)
    assert {c["wording"] for c in listed} == {kk.gettext(w) for w in PURPOSES.values()}
    assert all(not c["granted"] and c["recorded_at"] is None for c in listed)

    page = browser.get("/me/privacy")
    for wording in PURPOSES.values():
        assert kk.gettext(wording) in page.text
    browser.post(
        "/me/privacy/consents",
        data={"csrf_token": csrf_of(page.text), "purpose": "share_profile", "granted": "yes"},
    )
    token = csrf_of(browser.get("/me/privacy").text)
    browser.post(
        "/api/v1/me/privacy/consents",
        json={"purpose": "share_contacts", "granted": False},
        headers={"X-CSRF-Token": token},
    )
    delegate_id, _ = delegate_of(site, KK_PERSON)
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        rows = session.scalars(
            select(Consent).where(Consent.delegate_id == delegate_id).order_by(Consent.id)
        ).all()
        d = session.get(Delegate, delegate_id)
        assert d is not None and d.consent_share_contacts is False
    assert [(r.purpose, r.granted, r.locale) for r in rows] == [
        ("share_profile", True, "kk"),
        ("share_contacts", False, "kk"),
    ]
    assert rows[0].wording == kk.gettext(PURPOSES["share_profile"])
    assert rows[0].recorded_at is not None
    now = {c["purpose"]: c for c in browser.get("/api/v1/me/privacy/consents").json()}
    assert now["share_profile"]["granted"] and now["share_profile"]["recorded_locale"] == "kk"
    unknown = browser.post(
        "/api/v1/me/privacy/consents",
        json={"purpose": "sell_my_data", "granted": True},
        headers={"X-CSRF-Token": token},
    )
    assert unknown.status_code == 404


def test_the_export_holds_everything_stored_about_me(site: WebSite) -> None:
    browser = person(site, KK_PERSON)
    download = browser.get("/me/privacy/export")
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    data = json.loads(download.text)
    assert data["person"]["email"] == KK_PERSON
    assert data["person"]["names"]["ru"] == "Гульнара Сейткали"
    assert data["participations"][0]["event"] == DEMO
    assert {c["purpose"] for c in data["consents"]} >= {"share_profile"}
    assert browser.get("/api/v1/me/privacy/export").json() == data


def test_erasure_removes_the_person_and_keeps_the_meetings(site: WebSite) -> None:
    delegate_id, participation_id = delegate_of(site, ERASED)
    _, partner = delegate_of(site, "wang.jianguo@cn.example")
    with boundary.unit_of_work(site.settings) as session:
        event = event_service.get_event(session, DEMO)
        made = meetings.request_meeting(
            session, event=event, requester_id=participation_id, target_id=partner
        )
        request_id = made.id
    browser = person(site, ERASED)
    second = site.client()
    site.sign_in_person(second, ERASED)

    confirm = browser.get("/me/privacy/erase")
    assert confirm.status_code == 200 and 'action="/me/privacy/erase"' in confirm.text
    no_token = browser.post("/me/privacy/erase", data={})
    assert no_token.status_code == 403
    done = browser.post("/me/privacy/erase", data={"csrf_token": csrf_of(confirm.text)})
    assert done.status_code == 200 and "keruen_session" in done.headers.get("set-cookie", "")

    assert browser.get("/api/v1/me/events").status_code == 401
    assert second.get("/api/v1/me/events").status_code == 401  # every session closed
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        d = session.get(Delegate, delegate_id)
        assert d is not None and d.erased_at is not None
        assert d.email is None and d.phone is None and "Оспанова" not in json.dumps(d.names.values)
        assert session.get(MeetingRequest, request_id) is not None
        assert not session.scalars(
            select(WebSession).where(WebSession.delegate_id == delegate_id)
        ).all()
    # The partner still sees the request, without a name.
    wang = person(site, "wang.jianguo@cn.example")
    received = wang.get(f"{API}/requests").json()["received"]
    assert any(r["id"] == request_id for r in received)
    assert "Оспанова" not in json.dumps(received) and "Ospanova" not in json.dumps(received)


def test_erasure_through_the_api_needs_a_confirmation(site: WebSite) -> None:
    browser = person(site, "v.pak@kz.example")
    token = csrf_of(browser.get("/me/privacy").text)
    unconfirmed = browser.post(
        "/api/v1/me/privacy/erase", json={"confirm": False}, headers={"X-CSRF-Token": token}
    )
    assert unconfirmed.status_code == 403
    assert browser.get("/api/v1/me/events").status_code == 200
    erased = browser.post(
        "/api/v1/me/privacy/erase", json={"confirm": True}, headers={"X-CSRF-Token": token}
    )
    assert erased.status_code == 200 and erased.json() == {"erased": True}
    assert browser.get("/api/v1/me/profile").status_code == 401


# ---------------------------------------------------------------- the permission matrix

PAGES = [
    "/me",
    "/me/profile",
    "/me/privacy",
    "/me/privacy/export",
    "/me/privacy/erase",
    f"/me/{DEMO}",
    f"/me/{DEMO}/suggestions",
    f"/me/{DEMO}/catalogue",
    f"/me/{DEMO}/organizations/cn-spinning-korla",
    f"/me/{DEMO}/requests",
    f"/me/{DEMO}/agenda",
]
API_READS = [
    "/api/v1/me/events",
    "/api/v1/me/profile",
    "/api/v1/me/privacy/consents",
    "/api/v1/me/privacy/export",
    API,
    f"{API}/suggestions",
    f"{API}/catalogue",
    f"{API}/organizations/cn-spinning-korla",
    f"{API}/requests",
    f"{API}/agenda",
]
# (method, path, body): every unsafe endpoint; {rid} is a request of someone else.
WRITES = [
    ("PATCH", "/api/v1/me/profile", {"phone": "+7 700 000 00 00"}),
    ("POST", "/api/v1/me/privacy/consents", {"purpose": "share_profile", "granted": True}),
    ("POST", "/api/v1/me/privacy/erase", {"confirm": True}),
    ("POST", f"{API}/requests", {"target": 1}),
    ("POST", f"{API}/requests/{{rid}}/accept", None),
    ("POST", f"{API}/requests/{{rid}}/decline", None),
    ("POST", f"{API}/requests/{{rid}}/cancel", None),
]
FORMS = [
    "/me/profile",
    "/me/privacy/consents",
    "/me/privacy/erase",
    f"/me/{DEMO}/requests",
    f"/me/{DEMO}/requests/{{rid}}/accept",
    f"/me/{DEMO}/requests/{{rid}}/decline",
    f"/me/{DEMO}/requests/{{rid}}/cancel",
]


@pytest.fixture(scope="module")
def foreign_request(site: WebSite) -> int:
    """A request between two people none of the matrix's browsers is."""
    _, first = delegate_of(site, "b.yusupov@kz.example")
    _, second = delegate_of(site, "wang.jianguo@cn.example")
    with boundary.unit_of_work(site.settings) as session:
        event = event_service.get_event(session, DEMO)
        return meetings.request_meeting(
            session, event=event, requester_id=first, target_id=second, message="SECRET-NOTE"
        ).id


def test_signed_out_every_endpoint_refuses(site: WebSite, foreign_request: int) -> None:
    browser = site.client()
    for path in PAGES:
        answer = browser.get(path, follow_redirects=False)
        assert answer.status_code in (401, 303), path
    for path in API_READS:
        assert browser.get(path).status_code == 401, path
    token = csrf_of(browser.get("/sign-in").text)
    for method, path, body in WRITES:
        answer = browser.request(
            method,
            path.format(rid=foreign_request),
            json=body,
            headers={"X-CSRF-Token": token},
        )
        assert answer.status_code == 401, path
        assert "SECRET-NOTE" not in answer.text


@pytest.mark.parametrize("account", [ORGANIZER, STRANGER])
def test_an_organizer_account_is_refused_on_the_people_pages(
    site: WebSite, account: tuple[str, str], foreign_request: int
) -> None:
    browser = site.client()
    site.sign_in_organizer(browser, *account)
    for path in PAGES + API_READS:
        answer = browser.get(path, follow_redirects=False)
        assert answer.status_code == 403, path
        assert "SECRET-NOTE" not in answer.text
    token = csrf_of(browser.get("/o").text)
    for method, path, body in WRITES:
        answer = browser.request(
            method,
            path.format(rid=foreign_request),
            json=body,
            headers={"X-CSRF-Token": token},
        )
        assert answer.status_code == 403, path


def test_another_persons_request_is_not_found_and_tells_nothing(
    site: WebSite, foreign_request: int
) -> None:
    browser = person(site, OUTSIDER)
    token = csrf_of(browser.get("/me/privacy").text)
    for action in ("accept", "decline", "cancel"):
        answer = browser.post(
            f"{API}/requests/{foreign_request}/{action}", headers={"X-CSRF-Token": token}
        )
        assert answer.status_code == 404
        assert "SECRET-NOTE" not in answer.text and "Yusupov" not in answer.text
        page = browser.post(
            f"/me/{DEMO}/requests/{foreign_request}/{action}", data={"csrf_token": token}
        )
        assert page.status_code == 404 and "SECRET-NOTE" not in page.text
    inbox = browser.get(f"{API}/requests").json()
    assert all(r["id"] != foreign_request for r in inbox["received"] + inbox["sent"])
    for missing in (0, -1, 2**40):
        answer = browser.post(f"{API}/requests/{missing}/accept", headers={"X-CSRF-Token": token})
        assert answer.status_code in (404, 422)
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        found = session.get(MeetingRequest, foreign_request)
        assert found is not None and found.status == "pending"


def test_an_event_one_does_not_take_part_in_is_not_found(site: WebSite) -> None:
    browser = person(site, OUTSIDER)
    for path in (
        "/me/no-such-event",
        "/api/v1/me/events/no-such-event/requests",
        "/api/v1/me/events/no-such-event/agenda",
    ):
        assert browser.get(path).status_code == 404, path


def test_without_the_csrf_token_every_write_is_refused(site: WebSite, foreign_request: int) -> None:
    browser = person(site, OUTSIDER)
    before = browser.get("/api/v1/me/profile").json()
    for method, path, body in WRITES:
        answer = browser.request(method, path.format(rid=foreign_request), json=body)
        assert answer.status_code == 403, path
    for path in FORMS:
        answer = browser.post(path.format(rid=foreign_request), data={"target": "1"})
        assert answer.status_code == 403, path
        forged = browser.post(
            path.format(rid=foreign_request), data={"csrf_token": "forged", "target": "1"}
        )
        assert forged.status_code == 403, path
    assert browser.get("/api/v1/me/profile").json() == before
