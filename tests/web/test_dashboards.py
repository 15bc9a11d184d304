"""Dashboards from the browser: every number is a link to the page listing the items behind it,
whose total is the number; the pipeline leaves dropped projects out; the JSON carries the same
figures and items; the report downloads as PDF and Excel; only organizers see any of it."""

from __future__ import annotations

import io
import re
from datetime import date
from html import unescape

import pytest
from openpyxl import load_workbook

from keruen import boundary
from keruen.agendas import onsite
from keruen.events import service as event_service
from keruen.events.queries import find_participation
from tests.investments import builders as b

from .conftest import DEMO, ORGANIZER, STRANGER, WebSite

pytestmark = pytest.mark.integration
PEOPLE = (
    "a.nurlanov@kz.example",
    "g.seitkali@kz.example",
    "wang.jianguo@cn.example",
    "li.na@cn.example",
)


@pytest.fixture(scope="module")
def outcomes(site: WebSite) -> dict[str, object]:
    with boundary.unit_of_work(site.settings) as session:
        event = event_service.get_event(session, DEMO)
        kz1, kz2, cn1, cn2 = (find_participation(session, event, key) for key in PEOPLE)
        keys = b.published_meetings(session, event, [(kz1, cn1), (kz2, cn2)])
        onsite.mark_meeting(session, event, keys[0], "held", by="test")
        onsite.mark_meeting(session, event, keys[1], "no_show", by="test")
        b.follow_up(session, event, keys[0], "memorandum")
        b.agreement(session, event, kz1, cn1, amount=20_000_000, currency="USD", meeting=keys[0])
        textile = b.project(
            session,
            "textile-cluster",
            names={"ru": "Текстильный кластер", "zh": "纺织产业集群", "en": "Textile cluster"},
            stages=(("idea", date(2026, 1, 5)), ("agreement_signed", date(2026, 9, 1))),
            event=event,
        )
        b.figure(session, textile, "capex_planned", 100_000_000_000, currency="KZT", rate="0.002")
        b.figure(session, textile, "jobs_permanent_planned", 1500)
        solar = b.project(session, "solar-kentau", isic="3510")
        b.figure(
            session, solar, "capex_planned", 200_000_000, currency="USD", as_of=date(2025, 1, 1)
        )
        b.figure(
            session, solar, "capex_planned", 230_000_000, currency="USD", as_of=date(2026, 1, 1)
        )
        dropped = b.project(
            session, "aluminium", stages=(("idea", date(2025, 3, 1)), ("dropped", date(2026, 1, 1)))
        )
        b.figure(session, dropped, "capex_planned", 50_000_000, currency="USD")
        return {"keys": keys}


def organizer(site: WebSite):  # type: ignore[no-untyped-def]
    browser = site.client()
    site.sign_in_organizer(browser, *ORGANIZER)
    return browser


def figure_links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'<a class="figure" href="([^"]+)"', html)]


def total_of(html: str) -> str:
    found = re.search(
        r"<tfoot><tr><th colspan=\"3\">[^<]+</th><th class=\"num\">([^<]+)</th>", html
    )
    assert found, html[:2000]
    return unescape(found.group(1))


def test_every_number_on_the_event_dashboard_opens_its_items(
    site: WebSite, outcomes: dict[str, object]
) -> None:
    browser = organizer(site)
    page = browser.get(f"/o/{DEMO}/dashboard?lang=ru")
    assert page.status_code == 200
    assert "2 организации обеих сторон провели" in page.text
    assert "1 встречу" in page.text
    links = figure_links(page.text)
    assert f"/o/dashboard/event/held?event={DEMO}" in links
    assert page.text.count("<svg") >= 4
    for link in links:
        drill = browser.get(link)
        assert drill.status_code == 200, link
        shown = re.search(
            rf'<a class="figure" href="{re.escape(link)}" title="([^"]+)"',
            page.text.replace("&amp;", "&"),
        )
        assert shown and total_of(drill.text) == unescape(shown.group(1)), link
    held = browser.get(f"/o/dashboard/event/held?event={DEMO}").text
    keys = outcomes["keys"]
    # a meeting's key is shown as the small line under its row; a bare "r2" could also
    # occur inside the page's random CSRF token
    listed = re.findall(r'<small class="muted">([^<]+)</small>', held)
    assert keys[0] in listed and keys[1] not in listed  # type: ignore[index]
    assert f'href="/o/{DEMO}/outcomes"' in held


def test_the_pipeline_dashboard_and_its_drill_down(
    site: WebSite, outcomes: dict[str, object]
) -> None:
    browser = organizer(site)
    page = browser.get("/o/pipeline/dashboard?lang=zh")
    assert page.status_code == 200 and "纺织产业集群" not in page.text  # names are on drill-downs
    capex = browser.get("/o/dashboard/pipeline/capex_planned?lang=en").text
    # 230 million (the later report) + 100 000 million tenge at 0.002 = 430 million.
    assert total_of(capex) == "$430,000,000"
    assert 'href="/o/pipeline/projects/textile-cluster"' in capex
    assert "KZT" in capex and "0.002" in capex and "press release" in capex
    assert "aluminium" not in capex
    dropped = browser.get("/o/dashboard/pipeline/dropped").text
    assert 'href="/o/pipeline/projects/aluminium"' in dropped
    stage = browser.get("/o/dashboard/pipeline/projects.stage.agreement_signed?lang=zh").text
    assert "纺织产业集群" in stage
    data = browser.get("/api/v1/pipeline/dashboard").json()
    for figure in data["figures"]:
        assert figure["value"] == sum(i["value"] for i in figure["items"]), figure["key"]
    by_key = {f["key"]: f for f in data["figures"]}
    assert by_key["projects"]["value"] == 2
    event_data = browser.get(f"/api/v1/o/{DEMO}/dashboard").json()
    assert {f["key"]: f["value"] for f in event_data["figures"]}["agreements.usd"] == 20_000_000


def test_the_report_downloads(site: WebSite, outcomes: dict[str, object]) -> None:
    browser = organizer(site)
    pdf = browser.get(f"/o/pipeline/report.pdf?event={DEMO}&lang=zh")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = browser.get(f"/o/pipeline/report.xlsx?event={DEMO}&lang=ru")
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames[0] == "Сводка"
    assert "провели" in book.worksheets[0]["A2"].value


def test_only_organizers_see_dashboards(site: WebSite, outcomes: dict[str, object]) -> None:
    anonymous = site.client()
    answer = anonymous.get(f"/o/{DEMO}/dashboard", follow_redirects=False)
    assert answer.status_code == 303 and "/sign-in" in answer.headers["location"]
    assert anonymous.get("/api/v1/pipeline/dashboard").status_code == 401
    person = site.client()
    site.sign_in_person(person, PEOPLE[0])
    for path in (
        f"/o/{DEMO}/dashboard",
        "/o/pipeline/dashboard",
        "/o/dashboard/pipeline/projects",
        f"/o/dashboard/event/held?event={DEMO}",
        "/o/pipeline/report.pdf",
    ):
        assert person.get(path).status_code == 404, path
    stranger = site.client()
    site.sign_in_organizer(stranger, *STRANGER)
    assert stranger.get(f"/o/{DEMO}/dashboard").status_code == 404
    assert stranger.get(f"/o/dashboard/event/held?event={DEMO}").status_code == 404
    assert stranger.get("/o/pipeline/dashboard").status_code == 200  # any organizer
