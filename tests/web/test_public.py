"""The web application's public part: health, events and their programme, in the reader's
language and in both partners' clocks; errors mapped by the same boundary as the CLI."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from keruen.web.app import create_app

pytestmark = pytest.mark.integration


def test_health_checks_the_database(client: TestClient) -> None:
    answer = client.get("/api/v1/health")
    assert answer.status_code == 200
    assert answer.json() == {"ok": True, "database": "ok"}


def test_the_programme_in_chinese_shows_beijing_time_beside_the_event_clock(client: TestClient):
    answer = client.get(
        "/api/v1/events/turkestan-bayingol-2027", headers={"Accept-Language": "zh-CN,zh;q=0.9"}
    )
    assert answer.status_code == 200
    event = answer.json()
    assert event["name"].startswith("“突厥斯坦—巴音郭楞”")
    first = event["sessions"][0]
    assert first["starts_at"] == "2027-04-14T05:00:00+00:00"  # 10:00 in Turkistan (UTC+5)
    assert first["start"] == "10:00"
    assert first["other_clocks"] == [
        {"zone": "Asia/Shanghai", "clock": "上海, UTC+8", "start": "13:00", "end": "16:00"}
    ]


def test_an_unknown_event_is_a_translated_404_with_nothing_leaked(client: TestClient):
    answer = client.get("/api/v1/events/no-such-forum", headers={"Accept-Language": "ru"})
    assert answer.status_code == 404
    body = answer.json()
    assert body["error"] == "not_found"
    assert "no-such-forum" in body["message"] and "Traceback" not in answer.text
    assert body["message"] != "no event with the slug no-such-forum"  # it is in Russian


def test_the_event_page_is_in_kazakh_and_sends_security_headers(client: TestClient):
    page = client.get("/e/turkestan-bayingol-2027?lang=kk")
    assert page.status_code == 200
    assert '<html lang="kk">' in page.text
    assert "«Түркістан — Баянғол» бизнес-форумы 2027 (демо)" in page.text
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    # scripts only from our own files: no inline script for the CSP to allow
    assert re.findall(r"<script(?![^>]*\bsrc=)", page.text) == []


def test_the_openapi_description_lists_the_api(client: TestClient):
    spec = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/health", "/api/v1/events", "/api/v1/events/{slug}"} <= set(spec["paths"])


def test_a_browser_that_names_no_language_gets_the_deployments_default(site):
    """`KERUEN_DEFAULT_LOCALE=ru` on a Kazakh deployment: a browser (or a link preview) that
    sends no Accept-Language reads the sign-in page in Russian, not English; a browser that
    names its language still gets it."""
    russian = TestClient(
        create_app(site.settings.model_copy(update={"default_locale": "ru"})),
        base_url="https://testserver",
    )
    page = russian.get("/sign-in", headers={"Accept-Language": ""})
    assert page.status_code == 200
    assert '<html lang="ru">' in page.text and "Войти" in page.text
    chinese = russian.get("/sign-in", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert '<html lang="zh">' in chinese.text
    plain = site.client().get("/sign-in", headers={"Accept-Language": ""})
    assert '<html lang="en">' in plain.text
