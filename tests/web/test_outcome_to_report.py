"""Issue 16's whole loop on the demo data, as an organizer does it in the browser's API: record
how a meeting of last year's forum went on (a contract in yuan at a stated rate), promote that
agreement into an investment project, move it through its stages (the rules refuse a skip into
construction without a start date), add its figures with their sources; then the dashboards and
the leadership report, in each of the four languages, show totals that moved by exactly what was
entered, and the new project is among the items each total is traced to."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from keruen import boundary
from keruen.accounts import service as accounts
from keruen.accounts.models import Account
from keruen.demo.outcomes import load_past_forum
from keruen.demo.pipeline import load_pipeline
from keruen.i18n import money

from .conftest import ORGANIZER, WebSite, csrf_of

pytestmark = pytest.mark.integration
PAST = "turkestan-bayingol-2026"


@pytest.fixture(scope="module")
def organizer(site: WebSite) -> Iterator[TestClient]:
    with boundary.unit_of_work(site.settings) as session:
        past = load_past_forum(session)
        load_pipeline(session)
        account = session.scalar(select(Account).where(Account.email == ORGANIZER[0]))
        assert account is not None
        accounts.grant_event(session, account=account, event=past)
    client = site.client()
    site.sign_in_organizer(client, *ORGANIZER)
    yield client


def csrf(client: TestClient) -> dict[str, str]:
    return {"X-CSRF-Token": csrf_of(client.get(f"/o/{PAST}/outcomes").text)}


def figures(client: TestClient, path: str) -> dict[str, dict[str, object]]:
    board = client.get(path).json()
    return {f["key"]: f for f in board["figures"]}


def test_a_meeting_becomes_a_project_and_every_total_follows(organizer: TestClient) -> None:
    headers = csrf(organizer)
    event_before = figures(organizer, f"/api/v1/o/{PAST}/dashboard")
    pipeline_before = figures(organizer, "/api/v1/pipeline/dashboard")

    # a held meeting whose partners are still talking, with no agreement yet
    rows = organizer.get(f"/api/v1/o/{PAST}/outcomes").json()
    row = next(r for r in rows if r["mark"] == "held" and r["agreement"] is None)
    key = row["key"]

    # the organizer records, as a partner said on the phone, a contract in yuan
    refused = organizer.post(
        f"/api/v1/o/{PAST}/outcomes/{key}",
        json={"stage": "contract", "agreement": {"kind": "investment", "amount": 70_000_000}},
        headers=headers,
    )
    assert refused.status_code == 422 and "currency" in refused.text
    recorded = organizer.post(
        f"/api/v1/o/{PAST}/outcomes/{key}",
        json={
            "stage": "contract",
            "note": "Signed in Korla",
            "agreement": {
                "kind": "investment",
                "amount": 70_000_000,
                "currency": "CNY",
                "usd_rate": "0.14",
                "rate_date": "2026-06-01",
                "rate_source": "People's Bank of China central parity (test)",
                "signed_on": "2026-06-02",
            },
        },
        headers=headers,
    )
    assert recorded.status_code == 200, recorded.text
    agreement = recorded.json()["agreement"]
    assert agreement["amount"] == 70_000_000 and agreement["currency"] == "CNY"

    # promoted into a project, once
    promoted = organizer.post(
        f"/api/v1/pipeline/agreements/{agreement['id']}/promote",
        json={"ref": "journey-project", "isic": "1079", "region": "KZ-61-TUR"},
        headers=headers,
    )
    assert promoted.status_code == 201, promoted.text
    assert promoted.json()["stage"] == "agreement_signed"
    again = organizer.post(
        f"/api/v1/pipeline/agreements/{agreement['id']}/promote",
        json={"ref": "journey-project-2"},
        headers=headers,
    )
    assert again.status_code == 409 and "journey-project" in again.text

    base = "/api/v1/pipeline/projects/journey-project"
    for figure in (
        {
            "measure": "capex_planned",
            "value": 70_000_000,
            "currency": "CNY",
            "usd_rate": "0.14",
            "rate_date": "2026-06-01",
            "rate_source": "People's Bank of China central parity (test)",
            "as_of": "2026-06-02",
            "source": "Contract signed in Korla (test)",
        },
        {
            "measure": "jobs_permanent_planned",
            "value": 120,
            "as_of": "2026-06-02",
            "source": "Contract signed in Korla (test)",
        },
    ):
        answer = organizer.post(f"{base}/figures", json=figure, headers=headers)
        assert answer.status_code == 201, answer.text

    # construction needs its start date; then it is under way
    skipped = organizer.post(
        f"{base}/stage", json={"stage": "construction", "on": "2026-07-01"}, headers=headers
    )
    assert skipped.status_code == 422
    moved = organizer.post(
        f"{base}/stage",
        json={"stage": "construction", "on": "2026-07-01", "started_on": "2026-06-20"},
        headers=headers,
    )
    assert moved.status_code == 200, moved.text
    history = [s["stage"] for s in organizer.get(base).json()["stages"]]
    assert history[:2] == ["construction", "agreement_signed"]  # newest first

    # the dashboards moved by exactly what was entered, and trace it
    usd = 9_800_000  # 70,000,000 yuan at 0.14
    event_after = figures(organizer, f"/api/v1/o/{PAST}/dashboard")
    pipeline_after = figures(organizer, "/api/v1/pipeline/dashboard")
    assert event_after["agreements"]["value"] == event_before["agreements"]["value"] + 1
    assert event_after["agreements.usd"]["value"] == event_before["agreements.usd"]["value"] + usd
    assert pipeline_after["projects"]["value"] == pipeline_before["projects"]["value"] + 1
    capex = pipeline_after["capex_planned"]
    assert capex["value"] == pipeline_before["capex_planned"]["value"] + usd
    traced = {i["ref"]: i for i in capex["items"]}
    assert traced["journey-project"]["value"] == usd
    assert traced["journey-project"]["rows"][0]["source"] == "Contract signed in Korla (test)"
    for figure in pipeline_after.values():
        assert figure["value"] == sum(i["value"] for i in figure["items"]), figure["key"]
    jobs = pipeline_after["jobs.jobs_permanent_planned"]
    assert jobs["value"] == pipeline_before["jobs.jobs_permanent_planned"]["value"] + 120

    # the leadership report says the same in each language, as PDF and as Excel
    total = capex["value"]
    assert isinstance(total, int)
    for lang in ("ru", "kk", "zh", "en"):
        pdf = organizer.get(f"/o/pipeline/report.pdf?event={PAST}&lang={lang}")
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
        flat = " ".join(text.split())
        assert " ".join(money(total, "USD", lang).split()) in flat, lang
        assert "journey-project" in flat, lang  # traced in the annex
        book = load_workbook(
            io.BytesIO(organizer.get(f"/o/pipeline/report.xlsx?event={PAST}&lang={lang}").content)
        )
        values = [row[2] for row in book.worksheets[0].iter_rows(values_only=True)]
        assert total in values and pipeline_after["projects"]["value"] in values, lang
