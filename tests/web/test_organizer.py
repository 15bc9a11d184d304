"""The organizer's event pages and API: create and edit an event in the browser (the same service
as `keruen event create/update`), import a registration sheet with its report row by row, the
directory, match review with pair rules, the requests overview with phone answers; and who may
reach any of it."""

from __future__ import annotations

import csv
import io
import re

import pytest
import yaml
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import func, select

from keruen import boundary
from keruen.events import service as event_service
from keruen.events.queries import find_participation
from keruen.imports.columns import SHEETS
from keruen.meetings import service as meeting_service
from keruen.meetings.models import MeetingRequest
from keruen.organizations.models import Organization
from tests.factories import make_bin, org_row
from tests.web.conftest import DEMO, ORGANIZER, STRANGER, WebSite, csrf_of

pytestmark = pytest.mark.integration

DEMO_NAME_RU = "Түркістан"  # a part of the demo event's name in any language would do
KZ_PERSON = "a.nurlanov@kz.example"


@pytest.fixture(scope="module")
def organizer(site: WebSite) -> TestClient:
    client = site.client()
    site.sign_in_organizer(client, *ORGANIZER)
    return client


@pytest.fixture(scope="module")
def stranger(site: WebSite) -> TestClient:
    client = site.client()
    site.sign_in_organizer(client, *STRANGER)
    return client


@pytest.fixture(scope="module")
def participant(site: WebSite) -> TestClient:
    client = site.client()
    site.sign_in_person(client, KZ_PERSON)
    return client


def token(client: TestClient) -> str:
    return csrf_of(client.get("/o").text)


def new_event_form(slug: str, **changes: str) -> dict[str, str]:
    form = {
        "ev-slug": slug,
        "ev-timezone": "Asia/Almaty",
        "ev-days": "2027-09-01; 2027-09-02",
        "ev-name_ru": "Тестовый форум",
        "ev-name_en": "Test forum",
        "ev-languages": "ru",
        "Sides-0-code": "KZ",
        "Sides-0-region": "KZ-61",
        "Sides-0-name_en": "Turkistan Region",
        "Sides-1-code": "CN",
        "Sides-1-region": "CN-XJ-BYG",
        "Sides-1-name_en": "Bayingol",
        "Halls-0-code": "A",
        "Halls-0-tables": "10",
        "Halls-0-seats": "4",
        "Sessions-0-day": "2027-09-01",
        "Sessions-0-kind": "b2b",
        "Sessions-0-start": "10:00",
        "Sessions-0-end": "13:00",
        "Sessions-0-slot_minutes": "20",
        "Sessions-0-pauses": "11:20-11:40",
        "Sessions-0-name_en": "B2B morning",
        "Interpreters-0-ref": "int-1",
        "Interpreters-0-languages": "ru zh",
        "Interpreters-0-name_en": "Ayan Interpreter",
        "Interpreters-0-unavailable": "2027-09-01 12:00-13:00",
    }
    form.update(changes)
    return form


# ---------------------------------------------------------------------------------- the event


def test_an_organizer_creates_an_event_in_the_browser_and_joins_its_staff(
    organizer: TestClient, stranger: TestClient
) -> None:
    form = organizer.get("/o/new")
    assert form.status_code == 200 and 'name="Sessions-0-slot_minutes"' in form.text
    answer = organizer.post(
        "/o/new",
        data={**new_event_form("web-forum-1"), "csrf_token": csrf_of(form.text)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/o/web-forum-1?done=created"
    page = organizer.get(answer.headers["location"])
    assert "Test forum" in page.text and "event web-forum-1 created" in page.text
    # the clock as people name it, not the zone database's identifier
    assert "UTC+5" in page.text and "Asia/Almaty" not in page.text
    assert "web-forum-1" in organizer.get("/o").text
    document = organizer.get("/api/v1/o/web-forum-1/event").json()
    session = document["event"]["sessions"][0]
    assert (session["start"], session["end"], session["slot_minutes"]) == ("10:00", "13:00", 20)
    assert session["pauses"] == [{"start": "11:20", "end": "11:40"}]
    assert document["event"]["halls"][0]["tables"] == 10
    (interpreter,) = document["interpreters"]
    assert interpreter["languages"] == ["ru", "zh"]
    assert interpreter["unavailable"] == [{"day": "2027-09-01", "start": "12:00", "end": "13:00"}]
    # another organizer learns nothing of it
    other = stranger.get("/o/web-forum-1")
    assert other.status_code == 404 and "Test forum" not in other.text


def test_the_form_adds_a_row_without_saving_and_edits_the_event(organizer: TestClient) -> None:
    page = organizer.get("/o/web-forum-1/edit")
    assert page.status_code == 200
    assert 'value="B2B morning"' in page.text and 'value="11:20-11:40"' in page.text
    fields = dict(
        re.findall(
            r'name="((?:ev|Sides|Halls|Sessions|Interpreters)-[^"]+)" value="([^"]*)"', page.text
        )
    )
    fields = {k: v for k, v in fields.items() if not k.endswith("-remove")}  # unticked boxes
    fields["ev-languages"] = "ru"
    more = organizer.post(
        "/o/web-forum-1/edit", data={**fields, "add": "Sessions", "csrf_token": csrf_of(page.text)}
    )
    assert more.status_code == 200 and 'name="Sessions-1-start"' in more.text
    fields.update(
        {
            "Sessions-1-day": "2027-09-02",
            "Sessions-1-kind": "g2b",
            "Sessions-1-start": "15:00",
            "Sessions-1-end": "17:00",
            "Sessions-1-slot_minutes": "30",
            "Halls-0-tables": "12",
        }
    )
    saved = organizer.post(
        "/o/web-forum-1/edit",
        data={**fields, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    document = organizer.get("/api/v1/o/web-forum-1/event").json()["event"]
    assert [s["kind"] for s in document["sessions"]] == ["b2b", "g2b"]
    assert document["halls"][0]["tables"] == 12


def test_a_wrong_value_is_shown_next_to_its_field_by_key_path_and_nothing_is_saved(
    organizer: TestClient,
) -> None:
    page = organizer.get("/o/new?lang=ru")
    answer = organizer.post(
        "/o/new",
        data={
            **new_event_form("web-forum-2", **{"Sessions-0-slot_minutes": "0"}),
            "Sessions-0-pauses": "11:20 to 11:40",
            "csrf_token": csrf_of(page.text),
        },
    )
    assert answer.status_code == 422
    # the pause is refused in Russian, next to its own field, with the row it is in
    block = answer.text.split('id="f-Sessions-0-pauses"')[1].split("</label>")[0]
    assert "sessions[0].pauses" in block and "11:20 to 11:40" in block
    assert "Тестовый форум" in answer.text  # what was typed is kept
    assert organizer.get("/o/web-forum-2").status_code == 404

    fixed = organizer.post(
        "/o/new",
        data={
            **new_event_form("web-forum-2", **{"Sessions-0-slot_minutes": "0"}),
            "csrf_token": csrf_of(page.text),
        },
    )
    assert fixed.status_code == 422
    block = fixed.text.split('id="f-Sessions-0-slot_minutes"')[1].split("</label>")[0]
    assert "event.sessions[0].slot_minutes: должно быть больше 0" in block
    assert organizer.get("/o/web-forum-2").status_code == 404


def test_an_existing_slug_is_refused_and_the_slug_cannot_change(organizer: TestClient) -> None:
    csrf = token(organizer)
    again = organizer.post("/o/new", data={**new_event_form(DEMO), "csrf_token": csrf})
    assert again.status_code == 409 and DEMO in again.text
    api = organizer.put(
        "/api/v1/o/web-forum-1/event",
        json={"event": {**new_event_form_doc("web-forum-other")}},
        headers={"X-CSRF-Token": csrf},
    )
    assert api.status_code == 422
    assert api.json()["problems"][0]["column"] == "event.slug"


def new_event_form_doc(slug: str) -> dict[str, object]:
    return {
        "slug": slug,
        "timezone": "Asia/Almaty",
        "names": {"en": "Other"},
        "days": ["2027-09-01"],
        "sessions": [{"day": "2027-09-01", "start": "10:00", "end": "12:00", "slot_minutes": 20}],
        "halls": [{"code": "A", "tables": 2}],
    }


def test_the_event_file_downloads_and_uploads_back(organizer: TestClient) -> None:
    exported = organizer.get("/o/web-forum-1/export.yaml")
    assert exported.status_code == 200
    assert "attachment" in exported.headers["content-disposition"]
    document = yaml.safe_load(exported.content)
    assert document["event"]["slug"] == "web-forum-1"
    workbook = organizer.get("/api/v1/o/web-forum-1/event/export?format=xlsx")
    assert load_workbook(io.BytesIO(workbook.content)).sheetnames[0] == "Event"
    # a changed YAML file uploaded as an update
    document["event"]["halls"][0]["tables"] = 14
    answer = organizer.post(
        "/o/web-forum-1/upload",
        files={
            "file": ("forum.yaml", yaml.safe_dump(document, allow_unicode=True), "application/yaml")
        },
        data={"csrf_token": token(organizer)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    assert organizer.get("/api/v1/o/web-forum-1/event").json()["event"]["halls"][0]["tables"] == 14
    # an Excel workbook creates a new event
    document["event"]["slug"] = "web-forum-3"
    from keruen.events.files import to_workbook

    created = organizer.post(
        "/o/new/upload",
        files={"file": ("forum.xlsx", to_workbook(document), "application/octet-stream")},
        data={"csrf_token": token(organizer)},
        follow_redirects=False,
    )
    assert created.status_code == 303, created.text
    assert organizer.get("/o/web-forum-3").status_code == 200
    # a broken file: the problems named, nothing created
    broken = organizer.post(
        "/o/new/upload",
        files={"file": ("forum.yaml", "event: {slug: web-forum-4, days: []}", "application/yaml")},
        data={"csrf_token": token(organizer)},
    )
    assert broken.status_code == 422 and "event.days" in broken.text
    assert organizer.get("/o/web-forum-4").status_code == 404


def test_the_api_puts_the_event_file_back(organizer: TestClient) -> None:
    document = organizer.get(f"/api/v1/o/{DEMO}/event").json()
    assert document["event"]["slug"] == DEMO
    answer = organizer.put(
        f"/api/v1/o/{DEMO}/event", json=document, headers={"X-CSRF-Token": token(organizer)}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"slug": DEMO, "created": False, "displaced": 0, "version": None}


# ---------------------------------------------------------------------------------- import


def _csv(rows: list[dict[str, str]]) -> bytes:
    columns = SHEETS["organizations"][1]
    used = [c for c in columns if any(c.key in r for r in rows)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in used])
    for row in rows:
        writer.writerow([row.get(c.key, "") for c in used])
    return buffer.getvalue().encode("utf-8")


def _organizations(site: WebSite) -> int:
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        return int(session.scalar(select(func.count()).select_from(Organization)) or 0)


def test_an_import_with_a_broken_row_names_the_row_and_writes_nothing(
    site: WebSite, organizer: TestClient
) -> None:
    before = _organizations(site)
    good = org_row(bin=make_bin(901), name_en="Web Import One LLP", name_ru="ТОО «Веб Один»")
    bad = org_row(bin="123", name_en="Broken LLP", name_ru="ТОО «Сломанный»")
    page = organizer.get(f"/o/{DEMO}/import")
    assert page.status_code == 200
    answer = organizer.post(
        f"/o/{DEMO}/import?lang=ru",
        files={"file": ("registration.csv", _csv([good, bad]), "text/csv")},
        data={"csrf_token": csrf_of(page.text), "kind": "organizations"},
    )
    assert answer.status_code == 422
    rows = re.findall(
        r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", answer.text
    )
    assert rows and rows[0][1] == "3"  # the header is row 1: the broken one is row 3
    assert "123" in rows[0][3]
    assert _organizations(site) == before

    api = organizer.post(
        f"/api/v1/o/{DEMO}/imports",
        files={"file": ("registration.csv", _csv([good, bad]), "text/csv")},
        data={"kind": "organizations"},
        headers={"X-CSRF-Token": token(organizer)},
    )
    assert api.status_code == 422
    assert api.json()["problems"][0]["row"] == "3"
    assert _organizations(site) == before


def test_an_import_is_checked_first_then_written(site: WebSite, organizer: TestClient) -> None:
    before = _organizations(site)
    good = org_row(bin=make_bin(911), name_en="Web Import Two LLP", name_ru="ТОО «Веб Два»")
    checked = organizer.post(
        f"/api/v1/o/{DEMO}/imports",
        files={"file": ("registration.csv", _csv([good]), "text/csv")},
        data={"kind": "organizations", "dry_run": "true"},
        headers={"X-CSRF-Token": token(organizer)},
    )
    assert checked.status_code == 200, checked.text
    assert checked.json()["organizations"]["created"] == 1 and not checked.json()["written"]
    assert _organizations(site) == before
    page = organizer.post(
        f"/o/{DEMO}/import",
        files={"file": ("registration.csv", _csv([good]), "text/csv")},
        data={"csrf_token": token(organizer), "kind": "organizations"},
    )
    assert page.status_code == 200
    assert _organizations(site) == before + 1


# ---------------------------------------------------------------------------------- directory


def test_the_directory_filters_by_side_and_opens_a_card(organizer: TestClient) -> None:
    everyone = organizer.get(f"/api/v1/o/{DEMO}/directory").json()
    kz = organizer.get(f"/api/v1/o/{DEMO}/directory?side=KZ").json()
    assert kz["organizations"] and {o["side"] for o in kz["organizations"]} == {"KZ"}
    assert len(kz["organizations"]) < len(everyone["organizations"])
    first = kz["organizations"][0]
    card = organizer.get(f"/api/v1/o/{DEMO}/organizations/{first['id']}").json()
    assert card["name"] == first["name"] and card["side"] == "KZ"
    page = organizer.get(f"/o/{DEMO}/directory?side=KZ")
    assert first["name"] in page.text.replace("&#34;", '"').replace("&#39;", "'")
    assert organizer.get(f"/o/{DEMO}/organizations/{first['id']}").status_code == 200


def test_an_organization_outside_the_event_is_not_found(site: WebSite, organizer: TestClient):
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        # imported above without --event: in the directory, not in the event
        outsider = session.scalar(select(Organization.id).where(Organization.bin == make_bin(911)))
    assert outsider is not None
    assert organizer.get(f"/api/v1/o/{DEMO}/organizations/{outsider}").status_code == 404


# ---------------------------------------------------------------------------------- match review


def _two_organizations(organizer: TestClient) -> tuple[int, int]:
    orgs = organizer.get(f"/api/v1/o/{DEMO}/directory").json()["organizations"]
    kz = next(o for o in orgs if o["side"] == "KZ")
    cn = next(o for o in orgs if o["side"] == "CN")
    return kz["id"], cn["id"]


def test_pair_rules_pin_forbid_and_clear(organizer: TestClient) -> None:
    kz, cn = _two_organizations(organizer)
    page = organizer.get(f"/o/{DEMO}/requests")  # any page for the token
    pinned = organizer.post(
        f"/o/{DEMO}/match/rules",
        data={
            "csrf_token": csrf_of(page.text),
            "first": str(kz),
            "second": str(cn),
            "action": "pin",
        },
        follow_redirects=False,
    )
    assert pinned.status_code == 303
    rules = organizer.get(f"/api/v1/o/{DEMO}/pair-rules").json()
    assert [(r["first"], r["second"], r["action"]) for r in rules] == [
        (min(kz, cn), max(kz, cn), "pin")
    ]
    headers = {"X-CSRF-Token": csrf_of(page.text)}
    forbid = organizer.post(
        f"/api/v1/o/{DEMO}/pair-rules",
        json={"first": str(kz), "second": str(cn), "action": "forbid"},
        headers=headers,
    )
    assert [r["action"] for r in forbid.json()] == ["forbid"]
    itself = organizer.post(
        f"/api/v1/o/{DEMO}/pair-rules", json={"first": str(kz), "second": str(kz)}, headers=headers
    )
    assert itself.status_code == 422
    cleared = organizer.post(
        f"/api/v1/o/{DEMO}/pair-rules",
        json={"first": str(kz), "second": str(cn), "action": "clear"},
        headers=headers,
    )
    assert cleared.json() == []


def test_the_suggestions_overview_gives_partners_with_reasons(organizer: TestClient) -> None:
    blocks = organizer.get(f"/api/v1/o/{DEMO}/suggestions?top=2").json()
    assert blocks
    with_partners = [b for b in blocks if b["partners"]]
    assert with_partners and all(p["reasons"] for b in with_partners for p in b["partners"])
    page = organizer.get(f"/o/{DEMO}/match?top=2")
    assert page.status_code == 200 and with_partners[0]["partners"][0]["name"][:10] in page.text


# ---------------------------------------------------------------------------------- requests


def _request(site: WebSite) -> int:
    """A pending request between a Kazakh and a Chinese participant of the demo."""
    with boundary.unit_of_work(site.settings) as session:
        event = event_service.get_event(session, DEMO)
        rows = session.scalars(
            select(MeetingRequest).where(MeetingRequest.event_id == event.id)
        ).all()
        taken = {r.requester_id for r in rows} | {r.target_id for r in rows}
        first = find_participation(session, event, KZ_PERSON)
        assert first is not None
        from keruen.events.models import Participation

        others = session.scalars(
            select(Participation)
            .where(Participation.event_id == event.id, Participation.role == "participant")
            .order_by(Participation.id.desc())
        ).all()
        second = next(p for p in others if p.id not in taken and p.id != first.id)
        request = meeting_service.request_meeting(
            session, event=event, requester_id=first.id, target_id=second.id
        )
        return int(request.id)


def test_an_organizer_answers_by_phone_for_the_person_asked(
    site: WebSite, organizer: TestClient
) -> None:
    request_id = _request(site)
    listed = organizer.get(f"/api/v1/o/{DEMO}/requests?status=pending").json()
    assert request_id in [r["id"] for r in listed]
    page = organizer.get(f"/o/{DEMO}/requests")
    assert f'id="request-{request_id}"' in page.text
    answer = organizer.post(
        f"/o/{DEMO}/requests/{request_id}/answer",
        data={"csrf_token": csrf_of(page.text), "decision": "accept", "on_behalf_of": "target"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    accepted = organizer.get(f"/api/v1/o/{DEMO}/requests?status=accepted").json()
    assert request_id in [r["id"] for r in accepted]
    # an accepted request cannot be accepted again: the service's own refusal, in the API
    again = organizer.post(
        f"/api/v1/o/{DEMO}/requests/{request_id}/answer",
        json={"decision": "accept"},
        headers={"X-CSRF-Token": csrf_of(page.text)},
    )
    assert again.status_code == 409
    vetoed = organizer.post(
        f"/api/v1/o/{DEMO}/requests/{request_id}/veto", headers={"X-CSRF-Token": csrf_of(page.text)}
    )
    assert vetoed.json() == {"id": request_id, "status": "vetoed"}


def test_the_requests_overview_filters_and_the_rules_change(organizer: TestClient) -> None:
    csrf = token(organizer)
    rules = organizer.put(
        f"/api/v1/o/{DEMO}/rules", json={"request_quota": 7}, headers={"X-CSRF-Token": csrf}
    )
    assert rules.json()["request_quota"] == 7
    refused = organizer.put(
        f"/api/v1/o/{DEMO}/rules", json={"g2b_length_slots": 9}, headers={"X-CSRF-Token": csrf}
    )
    assert refused.status_code == 422
    kz_only = organizer.get(f"/api/v1/o/{DEMO}/requests?side=KZ").json()
    assert all("KZ" in (r["requester"]["side"], r["target"]["side"]) for r in kz_only)
    forced = organizer.post(
        f"/api/v1/o/{DEMO}/requests/force",
        json={"first": KZ_PERSON, "second": "g.seitkali@kz.example", "priority": 4},
        headers={"X-CSRF-Token": csrf},
    )
    assert forced.status_code in (200, 409, 422), forced.text
    nothing = organizer.get(f"/o/{DEMO}/requests?status=vetoed&organization=999999")
    assert "Нет запросов, подходящих под фильтр." in nothing.text  # this browser reads Russian


# ---------------------------------------------------------------------------------- who may


def _endpoints(request_id: int) -> list[tuple[str, str, dict[str, object]]]:
    """(method, path, keyword arguments) for every organizer endpoint on the demo event."""
    slug = DEMO
    upload = {"files": {"file": ("a.csv", b"x", "text/csv")}}
    return [
        ("GET", f"/o/{slug}", {}),
        ("GET", f"/o/{slug}/edit", {}),
        ("POST", f"/o/{slug}/edit", {"data": {"ev-slug": slug}}),
        ("POST", f"/o/{slug}/upload", upload),
        ("GET", f"/o/{slug}/export.yaml", {}),
        ("GET", f"/o/{slug}/export.xlsx", {}),
        ("GET", f"/o/{slug}/import", {}),
        ("POST", f"/o/{slug}/import", upload),
        ("GET", f"/o/{slug}/directory", {}),
        ("GET", f"/o/{slug}/organizations/1", {}),
        ("GET", f"/o/{slug}/match", {}),
        ("POST", f"/o/{slug}/match/rules", {"data": {"first": "1", "second": "2"}}),
        ("POST", f"/o/{slug}/match/requests", {"data": {"top": "1"}}),
        ("GET", f"/o/{slug}/requests", {}),
        ("POST", f"/o/{slug}/requests/{request_id}/answer", {"data": {"decision": "decline"}}),
        ("POST", f"/o/{slug}/requests/{request_id}/veto", {"data": {}}),
        ("POST", f"/o/{slug}/requests/force", {"data": {"first": "1", "second": "2"}}),
        ("POST", f"/o/{slug}/requests/expire", {"data": {}}),
        ("POST", f"/o/{slug}/rules", {"data": {"request_quota": "3"}}),
        ("GET", f"/api/v1/o/{slug}/event", {}),
        ("PUT", f"/api/v1/o/{slug}/event", {"json": {"event": {"slug": slug}}}),
        ("GET", f"/api/v1/o/{slug}/event/export", {}),
        ("POST", f"/api/v1/o/{slug}/imports", upload),
        ("GET", f"/api/v1/o/{slug}/directory", {}),
        ("GET", f"/api/v1/o/{slug}/organizations/1", {}),
        ("GET", f"/api/v1/o/{slug}/suggestions", {}),
        ("GET", f"/api/v1/o/{slug}/pair-rules", {}),
        ("POST", f"/api/v1/o/{slug}/pair-rules", {"json": {"first": "1", "second": "2"}}),
        ("POST", f"/api/v1/o/{slug}/requests/from-suggestions", {"json": {"top": 1}}),
        ("GET", f"/api/v1/o/{slug}/requests", {}),
        (
            "POST",
            f"/api/v1/o/{slug}/requests/{request_id}/answer",
            {"json": {"decision": "decline"}},
        ),
        ("POST", f"/api/v1/o/{slug}/requests/{request_id}/veto", {}),
        ("POST", f"/api/v1/o/{slug}/requests/force", {"json": {"first": "1", "second": "2"}}),
        ("POST", f"/api/v1/o/{slug}/requests/expire", {}),
        ("GET", f"/api/v1/o/{slug}/rules", {}),
        ("PUT", f"/api/v1/o/{slug}/rules", {"json": {"request_quota": 3}}),
    ]


def _call(
    client: TestClient, method: str, path: str, kwargs: dict[str, object], csrf: str | None
) -> object:
    kwargs = {k: (dict(v) if isinstance(v, dict) else v) for k, v in kwargs.items()}
    headers = {"X-CSRF-Token": csrf} if csrf and method != "GET" else {}
    return client.request(method, path, headers=headers, follow_redirects=False, **kwargs)


def _leaks(text: str) -> bool:
    """Anything of the demo event in a body: its names, its people, its organizations."""
    return any(
        word in text
        for word in (DEMO_NAME_RU, "Turkistan", "突厥斯坦", KZ_PERSON, "Maktaaral", "Мактаарал")
    )


def test_signed_out_visitors_are_sent_to_sign_in(site: WebSite) -> None:
    request_id = _request(site)
    client = site.client()
    for method, path, kwargs in _endpoints(request_id):
        answer = _call(client, method, path, kwargs, None)
        if method == "GET" and not path.startswith("/api/"):
            assert answer.status_code == 303, path
            assert answer.headers["location"].startswith("/sign-in"), path
        else:
            assert answer.status_code == 401, (method, path, answer.status_code)
        assert not _leaks(answer.text), path
    assert client.get("/o", follow_redirects=False).status_code == 303
    assert client.post("/o/new", data={}, follow_redirects=False).status_code == 401
    assert client.post("/api/v1/o/events", json={"event": {}}).status_code == 401


def test_an_organizer_of_another_event_finds_nothing(site: WebSite, stranger: TestClient) -> None:
    request_id = _request(site)
    csrf = token(stranger)
    for method, path, kwargs in _endpoints(request_id):
        answer = _call(stranger, method, path, kwargs, csrf)
        assert answer.status_code == 404, (method, path, answer.status_code, answer.text[:200])
        assert not _leaks(answer.text), path
    # the same words as an event that does not exist
    missing = stranger.get("/api/v1/o/no-such-event/event").json()
    theirs = stranger.get(f"/api/v1/o/{DEMO}/event").json()
    assert missing["error"] == theirs["error"] == "not_found"
    assert missing["message"].replace("no-such-event", DEMO) == theirs["message"]
    assert DEMO not in stranger.get("/o").text


def test_a_participant_may_not_reach_the_organizer_pages(
    site: WebSite, participant: TestClient
) -> None:
    request_id = _request(site)
    csrf = csrf_of(participant.get("/me").text)
    for method, path, kwargs in _endpoints(request_id):
        answer = _call(participant, method, path, kwargs, csrf)
        assert answer.status_code in (403, 404), (method, path, answer.status_code)
        assert "Maktaaral" not in answer.text and "Мактаарал" not in answer.text, path
    assert participant.get("/o").status_code == 403
    assert participant.post("/o/new", data={"csrf_token": csrf}).status_code == 403
    created = participant.post(
        "/api/v1/o/events", json={"event": new_event_form_doc("x")}, headers={"X-CSRF-Token": csrf}
    )
    assert created.status_code == 403


def test_every_change_needs_the_csrf_token(site: WebSite, organizer: TestClient) -> None:
    request_id = _request(site)
    for method, path, kwargs in _endpoints(request_id):
        if method == "GET":
            continue
        answer = _call(organizer, method, path, kwargs, None)
        assert answer.status_code == 403, (method, path, answer.status_code)
    assert organizer.post("/o/new", data=new_event_form("web-forum-9")).status_code == 403
    document = {"event": new_event_form_doc("web-forum-9")}
    assert organizer.post("/api/v1/o/events", json=document).status_code == 403
    assert organizer.get("/o/web-forum-9").status_code == 404
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        request = session.get(MeetingRequest, request_id)
        assert request is not None and request.status == "pending"


def test_the_api_creates_an_event_for_its_organizer(organizer: TestClient) -> None:
    answer = organizer.post(
        "/api/v1/o/events",
        json={"event": new_event_form_doc("web-forum-api")},
        headers={"X-CSRF-Token": token(organizer)},
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["created"] is True
    assert organizer.get("/api/v1/o/web-forum-api/rules").status_code == 200
    refused = organizer.post(
        "/api/v1/o/events?lang=zh",
        json={"event": {**new_event_form_doc("web-forum-api-2"), "timezone": "Mars/Base"}},
        headers={"X-CSRF-Token": token(organizer)},
    )
    organizer.get("/o?lang=en")
    assert refused.status_code == 422
    (problem,) = refused.json()["problems"]
    assert problem["column"] == "event.timezone" and "未知的 IANA 时区" in problem["message"]


def test_a_change_that_breaks_a_published_meeting_is_explained_then_rescheduled(
    site: WebSite, organizer: TestClient
) -> None:
    from keruen.accounts import service as accounts
    from keruen.accounts.models import Account
    from keruen.meetings import schedule_service
    from tests.factories import make_event

    with boundary.unit_of_work(site.settings) as session:
        event, (a, b, *_rest) = make_event(session, "web-published", days=("2027-10-01",))
        meeting_service.force_meeting(session, event=event, first_id=a.id, second_id=b.id)
        plan = schedule_service.plan_event(session, event=event, seconds=10, workers=1)
        schedule_service.publish_schedule(session, event=event, version=plan.version)
        account = session.scalar(select(Account).where(Account.email == ORGANIZER[0]))
        assert account is not None
        accounts.grant_event(session, account=account, event=event)
    page = organizer.get("/o/web-published/edit")
    fields = dict(
        re.findall(
            r'name="((?:ev|Sides|Halls|Sessions|Interpreters)-[^"]+)" value="([^"]*)"', page.text
        )
    )
    fields = {k: v for k, v in fields.items() if not k.endswith("-remove")}
    fields.update({"Sessions-0-slot_minutes": "30", "ev-languages": "ru"})  # no 20-min slot left
    csrf = csrf_of(page.text)
    refused = organizer.post(
        "/o/web-published/edit", data={**fields, "csrf_token": csrf}, follow_redirects=False
    )
    assert refused.status_code == 409
    assert "published meeting" in refused.text and 'name="reschedule"' in refused.text
    assert 'name="Sessions-0-slot_minutes" value="30"' in refused.text  # what was typed is kept
    before = organizer.get("/api/v1/o/web-published/event").json()["event"]["sessions"][0]
    assert before["slot_minutes"] == 20
    moved = organizer.post(
        "/o/web-published/edit",
        data={**fields, "reschedule": "1", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert moved.status_code == 303, moved.text
    after = organizer.get("/api/v1/o/web-published/event").json()["event"]["sessions"][0]
    assert after["slot_minutes"] == 30
