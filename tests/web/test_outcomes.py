"""Outcomes on the web: the organizer records follow-ups for every published meeting (a form
with htmx or without JS, and the API), a participant only for their own meetings, refusals next
to the form in the reader's language with nothing stored; the survey reaches each participant
in their language with a link to their own meetings only."""

from __future__ import annotations

import email
import email.policy
import re
import socket
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from keruen import boundary
from keruen.events import service as event_service
from keruen.events.queries import find_participation
from keruen.investments.models import Agreement, MeetingFollowUp, SurveyInvitation
from keruen.jobs import survey
from keruen.meetings import schedule_service, service

from .conftest import DEMO, ORGANIZER, STRANGER, WebSite, csrf_of

pytestmark = [pytest.mark.integration, pytest.mark.slow]
KZ1, KZ2 = "a.nurlanov@kz.example", "g.seitkali@kz.example"
CN1, CN2 = "wang.jianguo@cn.example", "li.na@cn.example"


@pytest.fixture(scope="module")
def keys(site: WebSite) -> dict[tuple[str, str], str]:
    """Three accepted meetings, planned and published; their keys by (requester, target)."""
    out = {}
    with boundary.unit_of_work(site.settings) as session:
        event = event_service.get_event(session, DEMO)
        for a, b in ((KZ1, CN1), (KZ1, CN2), (KZ2, CN1)):
            first = find_participation(session, event, a)
            second = find_participation(session, event, b)
            r = service.request_meeting(
                session, event=event, requester_id=first.id, target_id=second.id
            )
            service.accept_request(session, request_id=r.id, actor_id=second.id)
            out[(a, b)] = f"r{r.id}"
        plan = schedule_service.plan_event(session, event=event, seconds=5)
        schedule_service.publish_schedule(session, event=event, version=plan.version)
    return out


def _count(site: WebSite, model: type) -> int:
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _organizer(site: WebSite):  # type: ignore[no-untyped-def]
    client = site.client()
    site.sign_in_organizer(client, *ORGANIZER)
    return client, site.csrf(client, f"/o/{DEMO}/outcomes")


def test_the_organizer_records_an_agreement_and_reads_it_in_russian_and_chinese(
    site: WebSite, keys: dict[tuple[str, str], str]
) -> None:
    client, token = _organizer(site)
    key = keys[(KZ1, CN2)]
    answer = client.post(
        f"/api/v1/o/{DEMO}/outcomes/{key}",
        json={
            "stage": "contract",
            "note": "Licence for the anodising line",
            "agreement": {
                "kind": "technology_transfer",
                "amount": 360_000_000,
                "currency": "CNY",
                "usd_rate": "0.1389",
                "rate_date": "2026-10-08",
                "rate_source": "PBoC central parity",
            },
        },
        headers={"X-CSRF-Token": token},
    )
    assert answer.status_code == 200, answer.text
    agreement = answer.json()["agreement"]
    assert agreement["kind"] == "technology_transfer" and agreement["amount"] == 360_000_000
    assert agreement["promote_url"] == f"/o/pipeline/new?agreement={agreement['id']}"

    ru = client.get(f"/o/{DEMO}/outcomes?lang=ru").text
    assert "передача технологий" in ru and "контракт" in ru
    assert "360 000 000" in ru.replace("\xa0", " ") and "CN¥" in ru
    assert "Перевести в инвестиционный проект" in ru
    assert f'href="/o/pipeline/new?agreement={agreement["id"]}"' in ru
    zh = client.get(f"/o/{DEMO}/outcomes?lang=zh").text
    assert "技术转让" in zh and "合同" in zh and "¥360,000,000" in zh
    # Filters: only the meetings with a technology-transfer agreement.
    only = client.get(f"/o/{DEMO}/outcomes?kind=technology_transfer&lang=en").text
    assert only.count('class="outcome card') == 1 and f'id="m-{key}"' in only


def test_a_form_without_js_and_with_htmx_and_a_refusal_beside_it(
    site: WebSite, keys: dict[tuple[str, str], str]
) -> None:
    client, token = _organizer(site)
    key = keys[(KZ2, CN1)]
    before = _count(site, MeetingFollowUp), _count(site, Agreement)
    refused = client.post(
        f"/o/{DEMO}/outcomes/{key}?lang=ru",
        data={
            "csrf_token": token,
            "stage": "memorandum",
            "kind": "supply",
            "amount": "-10",
            "currency": "USD",
        },
    )
    assert refused.status_code == 422
    assert "amount:" in refused.text and "не может быть отрицательной" in refused.text
    assert 'role="alert"' in refused.text and "Traceback" not in refused.text
    assert (_count(site, MeetingFollowUp), _count(site, Agreement)) == before

    plain = client.post(
        f"/o/{DEMO}/outcomes/{key}",
        data={"csrf_token": token, "stage": "contact", "note": "Called back"},
        follow_redirects=False,
    )
    assert plain.status_code == 303 and plain.headers["location"].endswith(f"#m-{key}")
    swapped = client.post(
        f"/o/{DEMO}/outcomes/{key}?lang=en",
        data={
            "csrf_token": token,
            "stage": "letter_of_intent",
            "kind": "supply",
            "amount": "1500000",
            "currency": "USD",
        },
        headers={"HX-Request": "true"},
    )
    assert swapped.status_code == 200
    assert swapped.text.lstrip().startswith("<article") and f'id="m-{key}"' in swapped.text
    assert "$1,500,000" in swapped.text and "History (2)" in swapped.text
    # Without the CSRF token nothing is stored.
    forged = client.post(f"/o/{DEMO}/outcomes/{key}", data={"stage": "contract"})
    assert forged.status_code == 403
    assert _count(site, MeetingFollowUp) == before[0] + 2


def test_api_refusals_name_the_field_with_422(
    site: WebSite, keys: dict[tuple[str, str], str]
) -> None:
    client, token = _organizer(site)
    key = keys[(KZ1, CN1)]
    for agreement, field in (
        ({"amount": 5, "currency": "USD"}, "kind"),
        ({"kind": "supply", "amount": 5}, "currency"),
        ({"kind": "supply", "amount": 5, "currency": "ABC"}, "currency"),
        ({"kind": "supply", "amount": 5, "currency": "KZT"}, "usd_rate"),
    ):
        answer = client.post(
            f"/api/v1/o/{DEMO}/outcomes/{key}",
            json={"stage": "memorandum", "agreement": agreement},
            headers={"X-CSRF-Token": token},
        )
        assert answer.status_code == 422, answer.text
        assert answer.json()["message"].startswith(f"{field}:")
    missing = client.post(
        f"/api/v1/o/{DEMO}/outcomes/r999999",
        json={"stage": "contact"},
        headers={"X-CSRF-Token": token},
    )
    assert missing.status_code == 404 and "r999999" in missing.json()["message"]
    # An organizer of another event does not see this one.
    other = site.client()
    site.sign_in_organizer(other, *STRANGER)
    assert other.get(f"/api/v1/o/{DEMO}/outcomes").status_code == 404


def test_a_participant_enters_only_for_their_own_meetings(
    site: WebSite, keys: dict[tuple[str, str], str]
) -> None:
    client = site.client()
    site.sign_in_person(client, KZ2)
    page = client.get(f"/me/{DEMO}/outcomes")
    assert page.status_code == 200
    assert set(re.findall(r'id="m-(r\d+)"', page.text)) == {keys[(KZ2, CN1)]}
    token = csrf_of(page.text)
    theirs = client.post(
        f"/api/v1/me/{DEMO}/outcomes/{keys[(KZ1, CN1)]}",
        json={"stage": "contact"},
        headers={"X-CSRF-Token": token},
    )
    assert theirs.status_code == 403
    mine = client.post(
        f"/api/v1/me/{DEMO}/outcomes/{keys[(KZ2, CN1)]}",
        json={"stage": "negotiation", "note": "Prices sent"},
        headers={"X-CSRF-Token": token},
    )
    assert mine.status_code == 200, mine.text
    assert mine.json()["stage"] == "negotiation"
    listed = client.get(f"/api/v1/me/{DEMO}/outcomes").json()
    assert [r["key"] for r in listed] == [keys[(KZ2, CN1)]]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)  # type: ignore[arg-type]
        )
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def test_the_survey_reaches_each_participant_in_their_language_over_smtp(
    site: WebSite, keys: dict[tuple[str, str], str], smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    settings = site.settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port})
    result = survey.run(settings, DEMO, {"round": 1})
    assert result == {"sent": 4, "skipped": 0, "round": 1}
    by_person = {m["To"]: m for m in inbox.messages}
    assert set(by_person) == {KZ1, KZ2, CN1, CN2}
    chinese, russian = by_person[CN2], by_person[KZ1]
    assert chinese["Content-Language"] == "zh" and "会谈" in chinese["Subject"]
    assert russian["Content-Language"] == "ru" and "встреч" in russian["Subject"]
    # The same round is not sent twice.
    assert survey.run(settings, DEMO, {"round": 1}) == {"sent": 0, "skipped": 4, "round": 1}
    assert len(inbox.messages) == 4

    body = chinese.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    link = re.search(r"https?://\S+/survey/(\S+)", body)
    assert link, body
    visitor = site.client()  # no sign-in: the link is the capability
    page = visitor.get(f"/survey/{link.group(1)}")
    assert page.status_code == 200 and '<html lang="zh">' in page.text
    assert set(re.findall(r'id="m-(r\d+)"', page.text)) == {keys[(KZ1, CN2)]}
    answered = visitor.post(
        f"/survey/{link.group(1)}/{keys[(KZ1, CN2)]}",
        data={
            "csrf_token": csrf_of(page.text),
            "stage": "contract",
            "kind": "technology_transfer",
            "amount": "360000000",
            "currency": "CNY",
            "usd_rate": "0.1389",
            "rate_date": "2026-10-08",
            "rate_source": "PBoC",
        },
        follow_redirects=False,
    )
    assert answered.status_code == 303, answered.text
    # Not someone else's meeting through this link.
    other = visitor.post(
        f"/survey/{link.group(1)}/{keys[(KZ2, CN1)]}",
        data={"csrf_token": csrf_of(page.text), "stage": "contact"},
    )
    assert other.status_code == 403
    assert visitor.get("/survey/not-a-real-token").status_code == 404
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        answered_rows = session.scalars(
            select(SurveyInvitation).where(SurveyInvitation.answered_at.is_not(None))
        ).all()
        assert len(answered_rows) == 1


def test_the_survey_button_queues_round_two_to_the_outbox(
    site: WebSite, keys: dict[tuple[str, str], str]
) -> None:
    client, token = _organizer(site)
    outbox = site.settings.data_dir / "outbox"
    before = len(list(outbox.glob("*.eml"))) if outbox.exists() else 0
    sent = client.post(
        f"/o/{DEMO}/outcomes/survey",
        data={"csrf_token": token, "round": "2"},
        follow_redirects=False,
    )
    assert sent.status_code == 303 and sent.headers["location"].endswith("survey=2")
    mails = sorted(outbox.glob("*.eml"))[before:]
    assert len(mails) == 4
    kazakh = [
        m
        for m in (
            email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in mails
        )
        if m["To"] == KZ1
    ]
    assert kazakh and kazakh[0]["Content-Language"] == "ru"
