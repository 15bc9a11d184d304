"""The browser journey of issue 11, in Debian's chromium against the real server and worker.

An organizer (Kazakh interface) signs in with a password, creates an event from a file and
imports its participants; a Kazakh participant (Russian interface) and a Chinese participant
(Chinese interface) ask for a sign-in link, find it in the mail, sign in; one requests a
meeting, the other accepts; the organizer plans (a background job on the worker, with live
progress) and publishes; both see the meeting in their agenda in their own clock. Screenshots
of the main pages at phone and laptop width go to artifacts/screenshots/."""

from __future__ import annotations

import email
import email.policy
import re
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from .conftest import Server, shoot

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.slow]
SLUG = "silk-road-2027"
ORGANIZER = ("organizer@silkroad.example", "a long organizer password")
KAZAKH = "aigerim@kz.example"
CHINESE = "zhang.wei@cn.example"
EVENT_FILE = f"""
event:
  slug: {SLUG}
  names: {{ru: "Форум Шёлкового пути 2027", kk: "Жібек жолы форумы 2027",
           zh: "丝绸之路论坛 2027", en: "Silk Road Forum 2027"}}
  region: KZ-61-TUR
  timezone: Asia/Almaty
  days: ['2027-05-20']
  sides:
  - {{code: KZ, region: KZ-61, names: {{ru: Туркестанская область, en: Turkestan}}}}
  - {{code: CN, region: CN-XJ-BYG, names: {{zh: 巴音郭楞蒙古自治州, en: Bayingol}}}}
  halls:
  - {{code: A, names: {{en: Hall A}}, tables: 4}}
  sessions:
  - {{day: '2027-05-20', kind: b2b, start: '10:00', end: '12:00', slot_minutes: 20, hall: A}}
interpreters:
  - ref: silk-int-1
    names: {{ru: Алия Ким, zh: 金阿丽娅}}
    source_language: ru
    languages: [ru, zh]
"""


def registration_sheet(path: Path) -> None:
    """Two companies and their delegates, as an organizer's Excel file."""
    book = Workbook()
    orgs = book.active
    orgs.title = "Organizations"
    orgs.append(["Reference", "Kind", "Region", "Name (ru)", "Name (zh)", "ISIC", "HS offers"])
    orgs.append(["silk-kz-1", "company", "KZ-61-MAK", "ТОО «Мақтаарал Мақта»", "", "0116", "5201"])
    orgs.append(["silk-cn-1", "company", "CN-XJ-BYG-KRL", "", "库尔勒纺织有限公司", "1311", ""])
    people = book.create_sheet("Delegates")
    people.append(
        ["Organization", "Name (ru)", "Name (zh)", "Languages", "E-mail", "Locale", "Consent"]
    )
    people.append(["silk-kz-1", "Айгерим Садыкова", "", "ru; kk", KAZAKH, "ru", "yes"])
    people.append(["silk-cn-1", "", "张伟", "zh", CHINESE, "zh", "yes"])
    book.save(path)


def link_from_mail(server: Server, address: str, since: float) -> str:
    """The sign-in link of the newest mail to `address` in the outbox (no SMTP server set)."""
    outbox = Path(server.env["KERUEN_DATA_DIR"]) / "outbox"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for path in sorted(outbox.glob("*.eml"), reverse=True):
            if path.stat().st_mtime < since:
                continue
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if message["To"] == address:
                body = message.get_body(preferencelist=("plain",)).get_content()
                return re.search(r"https?://\S+/s/\S+", body).group(0)
        time.sleep(0.3)
    raise AssertionError(f"no mail to {address}")


def sign_in_by_mail(browser: object, server: Server, address: str, locale: str) -> object:
    context = browser.new_context(locale=locale)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{server.url}/sign-in")
    since = time.time() - 1
    page.fill('form[action="/sign-in/link"] input[name=email]', address)
    page.click('form[action="/sign-in/link"] button[type=submit]')
    page.goto(link_from_mail(server, address, since))
    page.click('form[action^="/s/"] button[type=submit]')
    page.wait_for_url("**/me")
    return page


def test_the_whole_forum_in_a_browser(browser: object, server: Server, tmp_path: Path) -> None:
    server.env["KERUEN_PASSWORD"] = ORGANIZER[1]
    server.cli("account", "create", ORGANIZER[0], "--locale", "kk")  # the organizer reads Kazakh

    # The organizer signs in (Kazakh interface) and creates the event from its file.
    organizer = browser.new_context(locale="kk-KZ").new_page()  # type: ignore[attr-defined]
    organizer.goto(f"{server.url}/sign-in")
    organizer.fill('form[action="/sign-in/password"] input[name=email]', ORGANIZER[0])
    organizer.fill('form[action="/sign-in/password"] input[name=password]', ORGANIZER[1])
    organizer.click('form[action="/sign-in/password"] button[type=submit]')
    organizer.wait_for_url("**/o")
    assert organizer.locator("html").get_attribute("lang") == "kk"
    event_file = tmp_path / "event.yaml"
    event_file.write_text(EVENT_FILE, encoding="utf-8")
    organizer.goto(f"{server.url}/o/new")
    shoot(organizer, "organizer-new-event-kk")
    organizer.set_input_files('form[action="/o/new/upload"] input[name=file]', str(event_file))
    organizer.click('form[action="/o/new/upload"] button[type=submit]')
    organizer.wait_for_url(f"**/o/{SLUG}?*")
    assert "Жібек жолы форумы 2027" in organizer.inner_text("h1")

    # … and imports the participants (checked first, then written).
    sheet = tmp_path / "registration.xlsx"
    registration_sheet(sheet)
    organizer.goto(f"{server.url}/o/{SLUG}/import")
    organizer.set_input_files("input[name=file]", str(sheet))
    organizer.uncheck("input[name=dry_run]")
    organizer.click(f'form[action="/o/{SLUG}/import"] button[type=submit]')
    organizer.wait_for_load_state()
    shoot(organizer, "organizer-import-report-kk")
    organizer.goto(f"{server.url}/o/{SLUG}/directory")
    assert "库尔勒纺织有限公司" in organizer.inner_text("main")

    # The two participants sign in by the link they receive by mail.
    kazakh = sign_in_by_mail(browser, server, KAZAKH, "ru-RU")
    assert kazakh.locator("html").get_attribute("lang") == "ru"  # type: ignore[attr-defined]
    chinese = sign_in_by_mail(browser, server, CHINESE, "zh-CN")
    assert chinese.locator("html").get_attribute("lang") == "zh"  # type: ignore[attr-defined]

    # The Kazakh participant finds the Chinese company and asks for a meeting.
    kazakh.goto(f"{server.url}/me/{SLUG}/catalogue")  # type: ignore[attr-defined]
    shoot(kazakh, "participant-catalogue-ru")
    kazakh.click("text=库尔勒纺织有限公司")  # type: ignore[attr-defined]
    kazakh.fill("textarea[name=message]", "Здравствуйте! Обсудим поставки хлопка?")  # type: ignore[attr-defined]
    kazakh.click("form.request-form button[type=submit]")  # type: ignore[attr-defined]
    kazakh.wait_for_selector("form.request-form .note:not(:empty)")  # type: ignore[attr-defined]
    shoot(kazakh, "participant-request-sent-ru")

    # The Chinese participant accepts it in the inbox.
    chinese.goto(f"{server.url}/me/{SLUG}/requests")  # type: ignore[attr-defined]
    assert "Обсудим поставки хлопка" in chinese.inner_text("main")  # type: ignore[attr-defined]
    shoot(chinese, "participant-inbox-zh")
    chinese.click('form[action$="/accept"] button')  # type: ignore[attr-defined]
    chinese.wait_for_selector('form[action$="/accept"]', state="detached")  # type: ignore[attr-defined]

    # The organizer plans (a job on the worker, progress shown live) and publishes.
    organizer.goto(f"{server.url}/o/{SLUG}/schedule")
    organizer.fill("input[name=seconds]", "5")
    organizer.click("form.plan-form button[type=submit]")
    organizer.wait_for_selector(f'a[href^="/o/{SLUG}/schedule/v/"]', timeout=120_000)
    shoot(organizer, "organizer-plan-job-kk")
    organizer.click(f'#job a[href^="/o/{SLUG}/schedule/v/"]')
    organizer.wait_for_selector('form[action$="/publish"]')
    shoot(organizer, "organizer-schedule-grid-kk")
    organizer.click('form[action$="/publish"] button')
    organizer.wait_for_load_state()

    # Both see the meeting in their agenda, each in their own clock.
    kazakh.goto(f"{server.url}/me/{SLUG}/agenda")  # type: ignore[attr-defined]
    mine = kazakh.inner_text("main")  # type: ignore[attr-defined]
    assert "库尔勒纺织有限公司" in mine
    shoot(kazakh, "participant-agenda-ru")
    chinese.goto(f"{server.url}/me/{SLUG}/agenda")  # type: ignore[attr-defined]
    theirs = chinese.inner_text("main")  # type: ignore[attr-defined]
    assert "Мақтаарал" in theirs or "Maqtaaral" in theirs or "Maktaaral" in theirs
    assert "UTC+8" in theirs  # Beijing time beside the event's clock
    shoot(chinese, "participant-agenda-zh")
    times = re.findall(r"\b(\d{2}):(\d{2})\b", theirs)
    hours = {int(h) for h, _m in times}
    assert any(h + 3 in hours for h in hours if 10 <= h < 12)  # 10:xx there is 13:xx here
