"""The web app on a database of its own (a new SQLite file, or a new PostgreSQL schema that the
app migrates on first use, as in production), loaded with the demo forum, two organizer
accounts (one for the demo event, one for none) and helpers to sign in as any of them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from keruen import boundary
from keruen.accounts import service as accounts
from keruen.config import Settings
from keruen.demo.loader import load_demo
from keruen.events import service as event_service
from keruen.organizations.models import Delegate
from keruen.web.app import create_app
from tests.conftest import own_database

DEMO = "turkestan-bayingol-2027"
ORGANIZER = ("organizer@keruen.test", "correct horse battery")
STRANGER = ("stranger@keruen.test", "another long password")


@dataclass
class WebSite:
    settings: Settings

    def client(self) -> TestClient:
        """A new browser: its own cookies, HTTPS (the cookies are Secure)."""
        return TestClient(create_app(self.settings), base_url="https://testserver")

    def sign_in_person(self, client: TestClient, email: str) -> None:
        """What a participant does with the personal link of their mail."""
        with boundary.unit_of_work(self.settings) as session:
            delegate = session.scalar(select(Delegate).where(Delegate.email == email))
            assert delegate is not None, email
            token = accounts.issue_link(session, delegate=delegate)
        landing = client.get(f"/s/{token}")
        assert landing.status_code == 200
        answer = client.post(
            f"/s/{token}", data={"csrf_token": csrf_of(landing.text)}, follow_redirects=False
        )
        assert answer.status_code == 303, answer.text

    def sign_in_organizer(self, client: TestClient, email: str, password: str) -> None:
        page = client.get("/sign-in")
        answer = client.post(
            "/sign-in/password",
            data={"email": email, "password": password, "csrf_token": csrf_of(page.text)},
            follow_redirects=False,
        )
        assert answer.status_code == 303, answer.text

    def csrf(self, client: TestClient, path: str = "/me") -> str:
        """The CSRF token of the signed-in browser (read from a page, as a form would)."""
        return csrf_of(client.get(path).text)


def without_tokens(html: str) -> str:
    """The page without its random CSRF token (in forms and in htmx headers), so that a
    short figure or key is not found by chance inside the token."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    return html.replace(token.group(1), "") if token else html


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[WebSite]:
    with own_database(tmp_path_factory.mktemp("web"), database_url, "web") as settings:
        with boundary.unit_of_work(settings) as session:
            load_demo(session)
            event = event_service.get_event(session, DEMO)
            accounts.create_account(
                session, email=ORGANIZER[0], password=ORGANIZER[1], name="Organizer", events=[event]
            )
            accounts.create_account(session, email=STRANGER[0], password=STRANGER[1], name="Other")
        yield WebSite(settings)


@pytest.fixture(scope="module")
def client(site: WebSite) -> TestClient:
    return site.client()
