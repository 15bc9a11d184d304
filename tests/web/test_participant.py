"""The participants' pages and API: a Kazakh participant asks, a Chinese participant accepts,
both see it; contacts only with an accepted meeting and consent; the agenda in both clocks
after the organizer plans and publishes; suggestions with the matcher's reasons; the
catalogue's filters; the profile in several languages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from keruen import boundary
from keruen.events import service as event_service
from keruen.events.models import Participation
from keruen.i18n import get_translations
from keruen.meetings import schedule_service
from keruen.meetings.models import MeetingRequest, Schedule, ScheduledMeeting
from keruen.organizations.models import Delegate, Organization
from keruen.web.common import LANGUAGE_NAMES

from .conftest import DEMO, WebSite, csrf_of

pytestmark = pytest.mark.integration
KZ = "a.nurlanov@kz.example"  # Maktaaral cotton, Russian interface
CN = "wang.jianguo@cn.example"  # Korla spinning, Chinese interface
CN_NAME = "王建国"
OTHER_KZ = "g.sarsenbayev@kz.example"
API = f"/api/v1/me/events/{DEMO}"


def pid(site: WebSite, email: str) -> int:
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        found = session.scalar(
            select(Participation.id)
            .join(Delegate, Delegate.id == Participation.delegate_id)
            .where(Delegate.email == email)
        )
        assert found is not None
        return found


def person(site: WebSite, email: str, lang: str | None = None) -> TestClient:
    browser = site.client()
    if lang:
        browser.cookies.set("lang", lang)
    site.sign_in_person(browser, email)
    return browser


def send(site: WebSite, browser: TestClient, method: str, path: str, **kw: Any) -> Any:
    token = site.csrf(browser, "/me")
    return browser.request(method, path, headers={"X-CSRF-Token": token}, **kw)


def zh(msgid: str) -> str:
    return get_translations("zh").gettext(msgid)


@pytest.fixture(scope="module")
def kz(site: WebSite) -> TestClient:
    return person(site, KZ, "ru")


@pytest.fixture(scope="module")
def cn(site: WebSite) -> TestClient:
    return person(site, CN, "zh")


def test_a_kazakh_participant_asks_and_a_chinese_participant_accepts(
    site: WebSite, kz: TestClient, cn: TestClient
) -> None:
    target = pid(site, CN)
    home = kz.get("/me")
    assert home.status_code == 200 and f"/me/{DEMO}" in home.text

    # The form works without JavaScript: POST, then the inbox.
    page = kz.get(f"/me/{DEMO}/organizations/cn-spinning-korla")
    assert page.status_code == 200
    sent = kz.post(
        f"/me/{DEMO}/requests",
        data={"csrf_token": csrf_of(page.text), "target": target, "message": "Хлопок 2026"},
        follow_redirects=False,
    )
    assert sent.status_code == 303 and sent.headers["location"].endswith("/requests?sent=1")
    inbox = kz.get(sent.headers["location"])
    assert "Хлопок 2026" in inbox.text and "ожида" in inbox.text.lower()

    mine = kz.get(f"{API}/requests").json()
    assert [r["status"] for r in mine["sent"]] == ["pending"]
    assert mine["used"] == 1 and mine["left"] == mine["quota"] - 1
    assert mine["sent"][0]["expires_at"] and mine["sent"][0]["expires"]

    theirs = cn.get(f"{API}/requests").json()
    received = theirs["received"]
    assert len(received) == 1 and received[0]["message"] == "Хлопок 2026"
    assert received[0]["can_answer"] and received[0]["partner"]["organization"]
    request_id = received[0]["id"]

    # htmx: the inbox fragment comes back, in Chinese, with the new status.
    token = site.csrf(cn, "/me")
    accepted = cn.post(
        f"/me/{DEMO}/requests/{request_id}/accept",
        headers={"HX-Request": "true", "X-CSRF-Token": token},
    )
    assert accepted.status_code == 200
    assert accepted.text.lstrip().startswith('<div id="inbox">')
    assert zh("accepted") in accepted.text

    assert [r["status"] for r in kz.get(f"{API}/requests").json()["sent"]] == ["accepted"]
    assert [r["status"] for r in cn.get(f"{API}/requests").json()["received"]] == ["accepted"]

    # A second answer is refused, in the reader's language.
    again = send(site, cn, "POST", f"{API}/requests/{request_id}/accept")
    assert again.status_code == 409
    assert again.json()["message"] == zh("this request is already %(status)s") % {
        "status": "accepted"
    }
    # ... and on the page without JavaScript, with the inbox around it.
    page = cn.get(f"/me/{DEMO}/requests")
    refused = cn.post(
        f"/me/{DEMO}/requests/{request_id}/decline", data={"csrf_token": csrf_of(page.text)}
    )
    assert refused.status_code == 409 and 'id="inbox"' in refused.text

    home = cn.get(f"{API}").json()
    assert home["accepted"] == 1 and home["received_pending"] == 0


def test_decline_and_cancel_and_the_quota(site: WebSite, kz: TestClient) -> None:
    li = pid(site, "li.na@cn.example")
    made = send(site, kz, "POST", f"{API}/requests", json={"target": li, "message": "hi"})
    assert made.status_code == 201, made.text
    request_id = made.json()["id"]
    used = kz.get(f"{API}/requests").json()["used"]

    # The requester cannot answer their own request; the refusal is translated.
    own = send(site, kz, "POST", f"{API}/requests/{request_id}/accept")
    assert own.status_code == 403
    assert own.json()["message"] == get_translations("ru").gettext(
        "only the person asked can answer this request"
    )
    # A second request to the same person is refused while the first is open.
    twice = send(site, kz, "POST", f"{API}/requests", json={"target": li})
    assert twice.status_code == 409

    li_browser = person(site, "li.na@cn.example", "en")
    declined = send(site, li_browser, "POST", f"{API}/requests/{request_id}/decline")
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    assert kz.get(f"{API}/requests").json()["used"] == used - 1

    # From a suggestion or a profile with htmx: a short note comes back in place.
    token = site.csrf(kz, "/me")
    note = kz.post(
        f"/me/{DEMO}/requests",
        data={"csrf_token": token, "target": li, "message": ""},
        headers={"HX-Request": "true"},
    )
    assert note.status_code == 200
    assert get_translations("ru").gettext("Your request was sent.") in note.text
    refused = kz.post(
        f"/me/{DEMO}/requests",
        data={"csrf_token": token, "target": li},
        headers={"HX-Request": "true"},
    )
    assert 'class="error"' in refused.text
    sent = kz.get(f"{API}/requests").json()["sent"]
    again_id = next(
        r["id"]
        for r in sent
        if r["partner"]["participation_id"] == li
        and r["can_answer"] is False
        and r["status"] == "pending"
    )
    cancelled = send(site, kz, "POST", f"{API}/requests/{again_id}/cancel")
    assert cancelled.json()["status"] == "cancelled"


def test_contacts_only_with_an_accepted_meeting_and_consent(site: WebSite, kz: TestClient) -> None:
    # After the first test, KZ and CN have an accepted meeting; CN agreed to share contacts.
    card = kz.get(f"{API}/organizations/cn-spinning-korla").json()
    wang = next(p for p in card["representatives"] if p["participation_id"] == pid(site, CN))
    assert wang["email"] == CN
    li = next(
        p for p in card["representatives"] if p["participation_id"] != wang["participation_id"]
    )
    assert li["email"] is None and li["phone"] is None

    stranger = person(site, OTHER_KZ)
    seen = stranger.get(f"{API}/organizations/cn-spinning-korla")
    assert seen.status_code == 200 and CN not in seen.text and "+86" not in seen.text
    assert CN not in stranger.get(f"/me/{DEMO}/organizations/cn-spinning-korla").text

    # Without the consent the accepted meeting is not enough.
    with boundary.unit_of_work(site.settings) as session:
        d = session.scalar(select(Delegate).where(Delegate.email == CN))
        assert d is not None
        d.consent_share_contacts = False
    assert CN not in kz.get(f"{API}/organizations/cn-spinning-korla").text
    with boundary.unit_of_work(site.settings) as session:
        d = session.scalar(select(Delegate).where(Delegate.email == CN))
        assert d is not None
        d.consent_share_contacts = True


def test_names_of_the_other_side_wait_for_the_profile_consent(
    site: WebSite, kz: TestClient, cn: TestClient
) -> None:
    before = kz.get(f"/me/{DEMO}/organizations/cn-spinning-korla")
    assert CN_NAME not in before.text and "Wang Jianguo" not in before.text
    assert "（演示）" in before.text or "(demo)" in before.text  # the organization is named
    # The same side sees the name.
    own_side = person(site, "li.na@cn.example", "zh")
    assert CN_NAME in own_side.get(f"/me/{DEMO}/organizations/cn-spinning-korla").text

    page = cn.get("/me/privacy")
    assert (
        zh(
            "I agree that my name, position, organization and languages are shown to the "
            "participants and organizers of this event from the other country, and stored on "
            "servers that may be in the other country."
        )
        in page.text
    )
    given = cn.post(
        "/me/privacy/consents",
        data={"csrf_token": csrf_of(page.text), "purpose": "share_profile", "granted": "yes"},
    )
    assert given.status_code == 200
    card = kz.get(f"{API}/organizations/cn-spinning-korla").json()
    wang = next(p for p in card["representatives"] if p["participation_id"] == pid(site, CN))
    assert wang["name"]  # named now, in the reader's script
    inbox = kz.get(f"{API}/requests").json()
    assert (
        next(r for r in inbox["sent"] if r["partner"]["participation_id"] == pid(site, CN))[
            "partner"
        ]["name"]
        == wang["name"]
    )

    withdrawn = send(
        site,
        cn,
        "POST",
        "/api/v1/me/privacy/consents",
        json={"purpose": "share_profile", "granted": False},
    )
    assert withdrawn.status_code == 200
    card = kz.get(f"{API}/organizations/cn-spinning-korla").json()
    assert all(p["name"] == "" for p in card["representatives"])
    assert wang["name"] not in kz.get(f"/me/{DEMO}/organizations/cn-spinning-korla").text


def test_two_hidden_representatives_are_told_apart(
    site: WebSite, kz: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two people of one organization with hidden names get one request form each; the reader
    must see which form goes to whom: they are numbered, with the languages each speaks."""
    from keruen import matching

    monkeypatch.setattr(
        matching, "default_text_similarity", lambda **kw: matching.NgramTextSimilarity()
    )
    card = kz.get(f"{API}/organizations/cn-spinning-korla").json()
    hidden = [p for p in card["representatives"] if not p["name"]]
    assert len(hidden) >= 2
    label = get_translations("ru").gettext("name hidden (representative %(n)s)")
    page = kz.get(f"/me/{DEMO}/organizations/cn-spinning-korla").text
    numbers = [n for n, p in enumerate(card["representatives"], 1) if not p["name"]]
    assert all(label % {"n": n} in page for n in numbers)
    found = kz.get(f"{API}/suggestions").json()["suggestions"]
    korla = next(s for s in found if s["organization_key"] == "cn-spinning-korla")
    assert len(korla["representatives"]) == len(card["representatives"])
    cards = kz.get(f"/me/{DEMO}/suggestions").text.split('<section class="card">')
    korla_card = next(c for c in cards if "cn-spinning-korla" in c)
    assert all(label % {"n": n} in korla_card for n in numbers)
    # the languages each speaks, by their names: 中文, English
    assert all(
        ", ".join(LANGUAGE_NAMES.get(code, code) for code in p["languages"]) in korla_card
        for p in card["representatives"]
    )


def test_the_agenda_in_the_event_clock_and_the_own_clock(
    site: WebSite, kz: TestClient, cn: TestClient
) -> None:
    before = cn.get(f"{API}/agenda").json()
    assert before["published"] is False and before["items"] == []
    with boundary.unit_of_work(site.settings) as session:
        event = event_service.get_event(session, DEMO)
        result = schedule_service.plan_event(session, event=event, seconds=5)
        schedule_service.publish_schedule(session, event=event, version=result.version)

    theirs = cn.get(f"{API}/agenda").json()
    assert theirs["published"] and theirs["event_zone"] == "Asia/Almaty"
    assert theirs["own_zone"] == "Asia/Shanghai"
    item = theirs["items"][0]
    assert item["table"] and item["partner"]
    assert item["own_start"] and item["own_start"] != item["start"]
    event_hour, own_hour = int(item["start"].split(":")[0]), int(item["own_start"].split(":")[0])
    assert own_hour - event_hour == 3

    mine = kz.get(f"{API}/agenda").json()
    assert mine["own_zone"] is None and mine["items"]
    assert mine["items"][0]["own_start"] is None
    assert {i["starts_at"] for i in mine["items"]} & {i["starts_at"] for i in theirs["items"]}

    page = cn.get(f"/me/{DEMO}/agenda")
    assert theirs["own_clock"].endswith("UTC+8") and theirs["event_clock"].endswith("UTC+5")
    assert theirs["own_clock"] in page.text and item["own_start"] in page.text
    home = kz.get(f"/me/{DEMO}")
    assert home.status_code == 200


def test_officials_see_their_programme_and_interpreters_their_roster(site: WebSite) -> None:
    official = person(site, "a.duisenov@kz.example", "en")
    assert official.get(f"{API}/agenda").json()["role"] == "official"
    assert "G2B" in official.get(f"/me/{DEMO}/agenda").text

    # The interpreter the plan put at the KZ–CN meeting finds it on their roster.
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        meeting = session.scalar(
            select(ScheduledMeeting)
            .join(Schedule, Schedule.id == ScheduledMeeting.schedule_id)
            .where(
                Schedule.status == "published",
                ScheduledMeeting.interpreter_id.is_not(None),
                ScheduledMeeting.first_id.in_([pid(site, KZ), pid(site, CN)]),
            )
        )
        assert meeting is not None and meeting.interpreter is not None
        email, starts_at = meeting.interpreter.delegate.email, meeting.starts_at
    interpreter = person(site, email or "", "en")
    roster = interpreter.get(f"{API}/agenda").json()
    assert roster["role"] == "interpreter"
    assert any(
        datetime.fromisoformat(i["starts_at"]) == starts_at and " — " in i["partner"]
        for i in roster["items"]
    )
    assert "Interpreter roster" in interpreter.get(f"/me/{DEMO}/agenda").text
    # Interpreters hold no meetings: no requests, no suggestions.
    assert interpreter.get(f"{API}/requests").status_code == 404
    assert interpreter.get(f"{API}/suggestions").status_code == 404
    assert interpreter.get(f"{API}/catalogue").status_code == 200


def test_suggestions_show_the_matchers_reasons_in_the_readers_language(
    site: WebSite, kz: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keruen import matching
    from keruen.meetings import suggestions

    # The n-gram text model: the same reasons, without loading e5 in a web test.
    monkeypatch.setattr(
        matching, "default_text_similarity", lambda **kw: matching.NgramTextSimilarity()
    )
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        event = event_service.get_event(session, DEMO)
        _directory, ranked = suggestions.suggest_for_event(session, event)
        org = session.scalar(select(Organization).where(Organization.ref == "kz-cotton-maktaaral"))
        assert org is not None
        expected = [suggestions.render(s, "ru", limit=3) for s in ranked[str(org.id)]]
    found = kz.get(f"{API}/suggestions").json()["suggestions"]
    assert [s["reasons"] for s in found] == expected
    assert found and all(s["representatives"] for s in found)
    page = kz.get(f"/me/{DEMO}/suggestions")
    assert expected[0][0] in page.text and 'name="target"' in page.text


def test_the_catalogue_filters(site: WebSite, kz: TestClient) -> None:
    everyone = kz.get(f"{API}/catalogue").json()
    assert len(everyone) > 20
    assert all("email" not in row for row in everyone)
    chinese = kz.get(f"{API}/catalogue", params={"side": "CN"}).json()
    assert chinese and all(row["side"] == "CN" for row in chinese)
    cotton = kz.get(f"{API}/catalogue", params={"hs": "5201"}).json()
    assert cotton and all(
        any(c.startswith("5201") for c in row["hs_offers"] + row["hs_needs"]) for row in cotton
    )
    spinning = kz.get(f"{API}/catalogue", params={"isic": "131"}).json()
    assert spinning and all(any(c.startswith("131") for c in row["isic"]) for row in spinning)
    named = (
        kz.get(f"{API}/catalogue", params={"q": "Korla"}).json()
        + kz.get(f"{API}/catalogue", params={"q": "库尔勒"}).json()
    )
    assert any(row["key"] == "cn-spinning-korla" for row in named)
    chinese_speaking = kz.get(f"{API}/catalogue", params={"language": "zh"}).json()
    assert chinese_speaking and len(chinese_speaking) < len(everyone)
    assert kz.get(f"{API}/catalogue", params={"side": "XX"}).status_code == 404
    korla = kz.get(f"{API}/catalogue", params={"region": "CN-XJ-BYG-KRL"}).json()
    assert korla and all(row["region"] == "CN-XJ-BYG-KRL" for row in korla)
    assert all(row["region_name"] for row in korla)
    page = kz.get(f"/me/{DEMO}/catalogue", params={"side": "CN", "q": ""})
    assert page.status_code == 200 and "cn-spinning" in page.text


def test_the_profile_in_several_languages_keeps_the_source(site: WebSite, cn: TestClient) -> None:
    before = cn.get("/api/v1/me/profile").json()
    assert before["organization"]["description_source"] == "zh"
    page = cn.get("/me/profile")
    form = {
        "csrf_token": csrf_of(page.text),
        "name_zh": "王建国",
        "name_en": "Wang Jianguo",
        "name_ru": "Ван Цзяньго",
        "name_kk": "",
        "position_zh": "总经理",
        "position_ru": "Генеральный директор",
        "position_en": "",
        "position_kk": "",
        "languages": "zh en ru",
        "phone": "+86 138 0000 1053",
        "locale": "en",
        "description_zh": before["organization"]["description"]["zh"],
        "description_ru": "Прядильная фабрика в Корле (демо).",
        "description_en": "A spinning mill in Korla (demo).",
        "description_kk": "",
    }
    saved = cn.post("/me/profile", data=form, follow_redirects=False)
    assert saved.status_code == 303
    after = cn.get("/api/v1/me/profile").json()
    assert after["names"]["ru"] == "Ван Цзяньго" and after["names_source"] == "zh"
    assert after["languages"] == ["zh", "en", "ru"] and after["locale"] == "en"
    assert after["organization"]["description"]["en"] == "A spinning mill in Korla (demo)."
    assert after["organization"]["description_source"] == "zh"

    # The interface language follows the saved setting (no cookie, no Accept-Language).
    fresh = site.client()
    site.sign_in_person(fresh, CN)
    assert fresh.get("/me").text.count("My forum") >= 1

    # Removing the source language's text moves the source to the language written in.
    moved = send(
        site,
        cn,
        "PATCH",
        "/api/v1/me/profile",
        json={"organization_description": {"zh": ""}, "written_in": "en"},
    )
    assert moved.status_code == 200
    assert moved.json()["organization"]["description_source"] == "en"
    bad = send(site, cn, "PATCH", "/api/v1/me/profile", json={"phone": "call me maybe"})
    assert bad.status_code == 409
    wrong = send(site, cn, "PATCH", "/api/v1/me/profile", json={"locale": "fr"})
    assert wrong.status_code == 409
    send(site, cn, "PATCH", "/api/v1/me/profile", json={"locale": "zh"})


def test_requests_are_stored_as_the_service_makes_them(site: WebSite) -> None:
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        rows = session.scalars(
            select(MeetingRequest).where(MeetingRequest.requester_id == pid(site, KZ))
        ).all()
    assert {r.status for r in rows} >= {"accepted", "declined", "cancelled"}


def test_a_talk_with_an_official_is_g2b_on_one_of_their_topics(site: WebSite) -> None:
    asker = person(site, "b.yusupov@kz.example", "ru")
    page = asker.get(f"/me/{DEMO}/organizations/cn-gov-commerce")
    words = get_translations("ru", domain="matching")
    assert words.gettext("logistics") in page.text and 'name="topic"' in page.text
    official = pid(site, "eerdeni@cn.example")
    wrong = asker.post(
        f"/me/{DEMO}/requests",
        data={"csrf_token": csrf_of(page.text), "target": official, "topic": "tourism"},
    )
    assert wrong.status_code == 422 and 'id="inbox"' in wrong.text
    made = asker.post(
        f"/me/{DEMO}/requests",
        data={"csrf_token": csrf_of(page.text), "target": official, "topic": "logistics"},
        follow_redirects=False,
    )
    assert made.status_code == 303
    talk = asker.get(f"{API}/requests").json()["sent"][0]
    assert (talk["kind"], talk["topic"]) == ("g2b", "logistics")
    seen = person(site, "eerdeni@cn.example", "zh").get(f"{API}/requests").json()
    assert [r["kind"] for r in seen["received"]] == ["g2b"]
