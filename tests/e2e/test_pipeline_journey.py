"""The browser journey of issue 16, in Debian's chromium against the real server and worker, on
the demo data `keruen demo` loads: an organizer (Russian interface) opens last year's forum's
outcomes, records on a held meeting's card that it ended in a contract (the card is swapped in
place), promotes the agreement into a project from the card's link, moves it into construction
(refused without a start date, then with it) and adds its capital expenditure with a source; the
pipeline dashboard (Chinese interface) then counts it, and the number opens the list of projects
behind it, with this one and its source. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import pytest

from .conftest import Server, shoot

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.slow]
PAST = "turkestan-bayingol-2026"
ORGANIZER = ("pipeline@keruen.example", "a long pipeline password")


def test_a_meeting_becomes_a_project_in_the_browser(browser: object, server: Server) -> None:
    server.env["KERUEN_PASSWORD"] = ORGANIZER[1]
    server.cli("account", "create", ORGANIZER[0], "--event", PAST, "--locale", "ru")
    page = browser.new_context(locale="ru-RU").new_page()  # type: ignore[attr-defined]
    page.goto(f"{server.url}/sign-in")
    page.fill('form[action="/sign-in/password"] input[name=email]', ORGANIZER[0])
    page.fill('form[action="/sign-in/password"] input[name=password]', ORGANIZER[1])
    page.click('form[action="/sign-in/password"] button[type=submit]')
    page.wait_for_url("**/o")

    # a held meeting whose card has no agreement yet
    page.goto(f"{server.url}/o/{PAST}/outcomes")
    card = (
        page.locator("article.outcome")
        .filter(has=page.locator(".mark-held"))
        .filter(has_not=page.locator("p.agreement"))
        .first
    )
    card_id = card.get_attribute("id")
    card.locator("details.record summary").click()
    card.locator("select[name=stage]").select_option("contract")
    card.locator("select[name=kind]").select_option("investment")
    card.locator("input[name=amount]").fill("5000000")
    card.locator("input[name=currency]").fill("USD")
    card.locator("input[name=signed_on]").fill("2026-06-02")
    card.locator("button[type=submit]").click()
    swapped = page.locator(f"#{card_id} p.agreement")
    swapped.wait_for()
    said = " ".join(swapped.inner_text().replace("\xa0", " ").split())
    assert "контракт" in said and "5 000 000 $" in said
    shoot(page, "organizer-outcomes-ru")

    # promoted from the card's link, as the form proposes it
    swapped.locator("a.promote").click()
    page.wait_for_url("**/o/pipeline/new?agreement=*")
    shoot(page, "organizer-promote-ru")
    page.click('form[action="/o/pipeline/new"] button[type=submit]')
    page.wait_for_url("**/o/pipeline/projects/*")
    ref = page.url.rsplit("/", 1)[1].split("?")[0]

    # into construction: refused without its start date, named beside the field
    stage = page.locator('form[action$="/stage"]')
    stage.locator("select[name=stage]").select_option("construction")
    stage.locator("input[name=on]").fill("2026-07-01")
    stage.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator('form[action$="/stage"] .bad').count() > 0
    stage = page.locator('form[action$="/stage"]')
    stage.locator("select[name=stage]").select_option("construction")
    stage.locator("input[name=on]").fill("2026-07-01")
    stage.locator("input[name=started_on]").fill("2026-06-20")
    stage.locator("button[type=submit]").click()
    page.wait_for_url(f"**/o/pipeline/projects/{ref}*")
    assert "строительство" in page.inner_text("main")

    figure = page.locator('form[action$="/figures"]')
    figure.locator("select[name=measure]").select_option("capex_planned")
    figure.locator("input[name=value]").fill("5000000")
    figure.locator("input[name=currency]").fill("USD")
    figure.locator("input[name=as_of]").fill("2026-06-02")
    figure.locator("input[name=source]").fill("Контракт, подписанный в Корле (тест)")
    figure.locator("button[type=submit]").click()
    page.wait_for_url(f"**/o/pipeline/projects/{ref}*")
    assert "Контракт, подписанный в Корле (тест)" in page.inner_text("main")
    shoot(page, "organizer-project-ru")

    # the dashboard in Chinese counts it; its number opens the projects behind it
    page.goto(f"{server.url}/o/pipeline/dashboard?lang=zh")
    shoot(page, "organizer-pipeline-dashboard-zh")
    page.locator('a[href^="/o/dashboard/pipeline/capex_planned"]').first.click()
    page.wait_for_url("**/o/dashboard/pipeline/capex_planned*")
    main = " ".join(page.inner_text("main").replace("\xa0", " ").split())
    assert "Контракт, подписанный в Корле (тест)" in main and "US$5,000,000" in main
    shoot(page, "organizer-drill-down-zh")
