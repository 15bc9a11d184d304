"""Signing in: personal links (single use, expiring, hashed at rest), organizer passwords,
CSRF on every form, rate limits, cookies and security headers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from keruen import boundary
from keruen.accounts import service as accounts
from keruen.accounts.models import SignInLink
from keruen.organizations.models import Delegate

from .conftest import ORGANIZER, STRANGER, WebSite, csrf_of

pytestmark = pytest.mark.integration
PERSON = "a.nurlanov@kz.example"


def _link(site: WebSite, email: str = PERSON, **kw: object) -> str:
    with boundary.unit_of_work(site.settings) as session:
        delegate = session.scalar(select(Delegate).where(Delegate.email == email))
        return accounts.issue_link(session, delegate=delegate, **kw)  # type: ignore[arg-type]


def test_a_personal_link_signs_in_once_and_is_stored_only_as_a_hash(site: WebSite) -> None:
    token = _link(site)
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        stored = {row.token_hash for row in session.scalars(select(SignInLink))}
    assert token not in stored and accounts.token_hash(token) in stored

    browser = site.client()
    landing = browser.get(f"/s/{token}")
    assert "Nurlanov" in landing.text or "Нурланов" in landing.text
    used = browser.post(f"/s/{token}", data={"csrf_token": csrf_of(landing.text)})
    assert used.status_code == 200 and "/me" in str(used.url)
    cookie = used.history[0].headers["set-cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=lax" in cookie

    again = site.client()
    page = again.get(f"/s/{token}")
    assert "not valid any more" in page.text
    refused = again.post(f"/s/{token}", data={"csrf_token": csrf_of(again.get("/sign-in").text)})
    assert refused.status_code == 401 and "used already" in refused.text
    assert again.get("/me", follow_redirects=False).status_code in (303, 401)


def test_an_expired_link_is_refused_with_the_reason(site: WebSite) -> None:
    token = _link(site, lifetime=timedelta(seconds=-1))
    browser = site.client()
    page = browser.get(f"/s/{token}", headers={"Accept-Language": "ru"})
    answer = browser.post(
        f"/s/{token}", data={"csrf_token": csrf_of(page.text)}, headers={"Accept-Language": "ru"}
    )
    assert answer.status_code == 401
    assert "истек" in answer.text.lower() or "срок" in answer.text.lower()


def test_a_form_without_the_csrf_token_is_refused_and_signs_nobody_in(site: WebSite) -> None:
    token = _link(site)
    browser = site.client()
    browser.get(f"/s/{token}")
    answer = browser.post(f"/s/{token}", data={"csrf_token": "forged"})
    assert answer.status_code in (401, 403)
    page = browser.get(f"/s/{token}")
    assert browser.post(f"/s/{token}", data={"csrf_token": csrf_of(page.text)}).status_code == 200


def test_organizer_password_sign_in_and_wrong_password(site: WebSite) -> None:
    browser = site.client()
    page = browser.get("/sign-in")
    wrong = browser.post(
        "/sign-in/password",
        data={
            "email": ORGANIZER[0],
            "password": "wrong password!",
            "csrf_token": csrf_of(page.text),
        },
    )
    assert wrong.status_code == 401
    site.sign_in_organizer(browser, *ORGANIZER)
    home = browser.get("/o")
    assert home.status_code == 200 and "/o/turkestan-bayingol-2027" in home.text
    other = site.client()
    site.sign_in_organizer(other, *STRANGER)
    assert "/o/turkestan-bayingol-2027" not in other.get("/o").text


def test_password_attempts_are_rate_limited(site: WebSite) -> None:
    browser = site.client()
    page = browser.get("/sign-in")
    token = csrf_of(page.text)
    codes = [
        browser.post(
            "/sign-in/password",
            data={"email": "nobody@keruen.test", "password": f"guess {i}", "csrf_token": token},
        ).status_code
        for i in range(12)
    ]
    assert codes[0] == 401 and codes[-1] == 429


def test_link_requests_answer_the_same_for_unknown_addresses_and_write_the_mail(
    site: WebSite,
) -> None:
    browser = site.client()
    token = csrf_of(browser.get("/sign-in").text)
    known = browser.post("/sign-in/link", data={"email": PERSON, "csrf_token": token})
    unknown = browser.post("/sign-in/link", data={"email": "x@y.example", "csrf_token": token})
    assert known.status_code == unknown.status_code == 200
    outbox = sorted((site.settings.data_dir / "outbox").glob("*.eml"))
    assert outbox and "/s/" in outbox[-1].read_text()


def test_pages_carry_security_headers_without_inline_script(site: WebSite) -> None:
    answer = site.client().get("/sign-in")
    policy = answer.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in answer.text


def test_an_account_without_a_language_of_its_own_reads_the_browsers(site: WebSite) -> None:
    """The demo organizer account has no language set: a Russian browser gets Russian pages,
    a Chinese one Chinese (an account with a language keeps it)."""
    for header, word in (("ru-RU,ru;q=0.9", "Выйти"), ("zh-CN,zh;q=0.9", "退出")):
        with boundary.unit_of_work(site.settings) as session:
            account = accounts.create_account(
                session, email="any-language@keruen.test", password="long enough secret", locale=""
            )
            token = accounts.issue_link(session, account=account)
        browser = site.client()
        browser.headers["Accept-Language"] = header
        landing = browser.get(f"/s/{token}")
        browser.post(f"/s/{token}", data={"csrf_token": csrf_of(landing.text)})
        assert word in browser.get("/o").text


def test_a_personal_link_opens_in_its_holders_language_whatever_the_browser(site: WebSite) -> None:
    """A Chinese participant opens the mailed link on an English browser: the landing page
    speaks Chinese; the language switcher (`?lang=`) still wins."""
    token = _link(site, "wang.jianguo@cn.example")
    browser = site.client()
    page = browser.get(f"/s/{token}", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert page.status_code == 200
    assert '<html lang="zh">' in page.text and "王建国" in page.text, page.text[:400]
    chosen = browser.get(f"/s/{token}?lang=ru", headers={"Accept-Language": "en-US"})
    assert '<html lang="ru">' in chosen.text
