"""The browser journey of issue 11, in Debian's chromium against the real server."""

from __future__ import annotations

import pytest

from .conftest import Server, shoot

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
DEMO = "turkestan-bayingol-2027"
KAZAKH = "a.nurlanov@kz.example"  # Turkestan; reads Russian
CHINESE = "wang.jianguo@cn.example"  # Bayingol; reads Chinese


def sign_in_by_link(browser: object, server: Server, who: str, lang: str) -> object:
    link = server.cli("link", who).strip().splitlines()[-1]
    context = browser.new_context(locale=lang)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(link)
    page.get_by_role("button").filter(has_text="").last.click()
    page.wait_for_url("**/me")
    return page


def test_participants_sign_in_by_link_in_their_own_language(
    browser: object, server: Server
) -> None:
    kazakh = sign_in_by_link(browser, server, KAZAKH, "ru-RU")
    assert kazakh.locator("html").get_attribute("lang") == "ru"  # type: ignore[attr-defined]
    assert "Мой форум" in kazakh.inner_text("h1")  # type: ignore[attr-defined]
    shoot(kazakh, "participant-home-ru")

    chinese = sign_in_by_link(browser, server, CHINESE, "zh-CN")
    assert "我的论坛" in chinese.inner_text("h1")  # type: ignore[attr-defined]
    chinese.goto(f"{server.url}/e/{DEMO}")  # type: ignore[attr-defined]
    text = chinese.inner_text("main")  # type: ignore[attr-defined]
    assert "UTC+8" in text and "UTC+5" in text
    shoot(chinese, "programme-zh")
