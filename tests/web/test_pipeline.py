"""The organizer's pipeline in the browser and over the API: who may see it, the list and its
filters, a project with every reported figure and its source, creating a project, moving it
through its stages and adding figures by the rules, and promoting an agreement once."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from keruen import boundary
from keruen.demo.pipeline import load_pipeline
from keruen.events import service as event_service
from keruen.investments.models import Agreement
from keruen.organizations.models import Organization
from tests.web.conftest import DEMO, ORGANIZER, STRANGER, WebSite, csrf_of, without_tokens

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def organizer(site: WebSite) -> TestClient:
    with boundary.unit_of_work(site.settings) as session:
        load_pipeline(session)
    client = site.client()
    site.sign_in_organizer(client, *ORGANIZER)
    return client


def token(client: TestClient) -> str:
    return csrf_of(client.get("/o/pipeline").text)


def test_only_organizers_see_the_pipeline(site: WebSite, organizer: TestClient) -> None:
    stranger = site.client()
    site.sign_in_organizer(stranger, *STRANGER)  # an account on no event's staff
    assert stranger.get("/o/pipeline").status_code == 404
    assert stranger.get("/api/v1/pipeline/projects").status_code == 404
    person = site.client()
    site.sign_in_person(person, "a.nurlanov@kz.example")
    page = person.get("/o/pipeline/projects/solar-sozak")
    assert page.status_code == 404 and "250" not in without_tokens(page.text)
    anonymous = site.client().get("/o/pipeline", follow_redirects=False)
    assert (anonymous.status_code, anonymous.headers["location"]) == (
        303,
        "/sign-in?next=/o/pipeline",
    )


def test_the_list_filters_by_stage_sector_country_site_and_region(organizer: TestClient) -> None:
    def names(query: str) -> set[str]:
        rows = organizer.get(f"/api/v1/pipeline/projects?{query}").json()
        return {row["ref"] for row in rows}

    assert names("stage=construction") == {"cotton-zhetisay", "textile-cluster-turkistan"}
    assert names("isic=13") == {"cotton-zhetisay", "textile-cluster-turkistan"}
    assert names("site=iz-kentau") == {"aluminium-kentau"}
    assert names("region=KZ-61-SOZ") == {"solar-sozak"}
    assert len(names("country=CN&region=KZ-61")) == 7
    assert names("country=US") == set()
    page = organizer.get("/o/pipeline?stage=negotiation&lang=ru").text
    assert "Производство алюминиевых профилей в Кентау (демо)" in page
    assert "50\xa0004\xa0000\xa0$" in page and "360\xa0000\xa0000\xa0CN¥" in page  # dollars, yuan
    assert "Солнечная электростанция" not in page


def test_a_project_shows_every_figure_with_its_source(organizer: TestClient) -> None:
    detail = organizer.get("/api/v1/pipeline/projects/cotton-zhetisay").json()
    capex = next(m for m in detail["figures"] if m["measure"] == "capex_planned")
    assert capex["in_force"]["value"] == 100_000_000
    assert [(f["value"], f["source"]) for f in capex["reported"]] == [
        (100_000_000, "Turkestan regional akimat, statement on forum results (demo)"),
        (120_000_000, "Business news site, forum report (demo)"),
    ]
    page = organizer.get("/o/pipeline/projects/aluminium-kentau?lang=en").text
    assert "People&#39;s Bank of China central parity" in page  # the rate's source
    assert "0.1389" in page and "CN¥360,000,000" in page and "$50,004,000" in page


def new_project(client: TestClient, ref: str, **changes: str) -> object:
    form = {
        "csrf_token": token(client),
        "names.en": "Pear juice plant (test)",
        "names.zh": "梨汁厂（测试）",
        "isic": "1030",
        "hs": "200989",
        "region": "KZ-61-SAR",
        "ref": ref,
        "parties.0.role": "investor",
        "parties.0.organization": "cn-pear-korla",
        "parties.2.role": "local_partner",
        "parties.2.names": "Saryagash Orchards (test)",
        "parties.2.country": "KZ",
        "stage": "idea",
        "stage_on": "2026-01-10",
    }
    form.update(changes)
    return client.post("/o/pipeline/new", data=form, follow_redirects=False)


def test_a_project_is_created_moved_and_given_figures_by_the_rules(organizer: TestClient) -> None:
    bad = new_project(organizer, "pear-juice", **{"parties.2.country": "QQ", "isic": "99"})
    assert bad.status_code == 422
    assert 'id="f-parties.2.country"' in bad.text and "QQ" in bad.text
    made = new_project(organizer, "pear-juice")
    assert (made.status_code, made.headers["location"]) == (303, "/o/pipeline/projects/pear-juice")
    url = "/o/pipeline/projects/pear-juice"
    csrf = token(organizer)
    skip = organizer.post(
        f"{url}/stage",
        data={
            "csrf_token": csrf,
            "stage": "operating",
            "on": "2026-06-01",
            "operating_since": "2026-06-01",
        },
    )
    assert skip.status_code == 422 and "started_on" in skip.text
    moved = organizer.post(
        f"{url}/stage",
        data={
            "csrf_token": csrf,
            "stage": "construction",
            "on": "2026-03-01",
            "started_on": "2026-02-20",
        },
        follow_redirects=False,
    )
    assert moved.status_code == 303
    back = organizer.post(
        f"{url}/stage", data={"csrf_token": csrf, "stage": "idea", "on": "2026-04-01"}
    )
    assert back.status_code == 422 and "note" in back.text
    negative = organizer.post(
        f"{url}/figures",
        data={
            "csrf_token": csrf,
            "measure": "capex_planned",
            "value": "-5",
            "currency": "USD",
            "as_of": "2026-03-01",
            "source": "test",
        },
    )
    assert negative.status_code == 422 and 'id="f-figure.value"' in negative.text
    no_currency = organizer.post(
        f"{url}/figures",
        data={
            "csrf_token": csrf,
            "measure": "capex_planned",
            "value": "5000000",
            "as_of": "2026-03-01",
            "source": "test",
        },
    )
    assert no_currency.status_code == 422 and "currency" in no_currency.text
    added = organizer.post(
        "/api/v1/pipeline/projects/pear-juice/figures",
        json={
            "measure": "capex_planned",
            "value": 1_000_000_000,
            "currency": "KZT",
            "usd_rate": "0.0019",
            "rate_date": "2026-02-27",
            "rate_source": "National Bank of Kazakhstan (test)",
            "as_of": "2026-03-01",
            "source": "test",
        },
        headers={"X-CSRF-Token": csrf},
    )
    assert added.status_code == 201 and added.json()["usd_value"] == 1_900_000
    detail = organizer.get("/api/v1/pipeline/projects/pear-juice").json()
    assert (detail["stage"], detail["construction_started_on"]) == ("construction", "2026-02-20")
    assert [p["country"] for p in detail["parties"]] == ["CN", "KZ"]
    assert detail["capex_planned"]["usd_value"] == 1_900_000


def test_an_agreement_is_promoted_once(site: WebSite, organizer: TestClient) -> None:
    with boundary.unit_of_work(site.settings) as session:
        event = event_service.get_event(session, DEMO)
        ids = dict(
            session.execute(
                select(Organization.ref, Organization.id).where(
                    Organization.ref.in_(["cn-jujube-ruoqiang", "kz-fruit-trade-turkistan"])
                )
            ).all()
        )
        agreement = Agreement(
            event_id=event.id,
            first_organization_id=ids["cn-jujube-ruoqiang"],
            second_organization_id=ids["kz-fruit-trade-turkistan"],
            level="memorandum",
            kind="investment",
            meeting_key="m-web-test",
            entered_by="test",
        )
        session.add(agreement)
        session.flush()
        agreement_id = agreement.id
    form_page = organizer.get(f"/o/pipeline/new?agreement={agreement_id}&lang=en")
    assert form_page.status_code == 200
    # what the promotion will take is shown and can be changed: the Kazakh trader's district
    # and activity, the Chinese side as investor
    assert '<option value="KZ-61-TUR" selected>' in form_page.text
    assert 'name="isic" value="4630"' in form_page.text
    assert "Ruoqiang Red Date Foods" in form_page.text.split("investor", 1)[1]
    data = {"csrf_token": csrf_of(form_page.text), "agreement": str(agreement_id)}
    made = organizer.post("/o/pipeline/new", data=data, follow_redirects=False)
    assert made.status_code == 303
    ref = made.headers["location"].rsplit("/", 1)[1]
    detail = organizer.get(f"/api/v1/pipeline/projects/{ref}").json()
    assert detail["stage"] == "negotiation"
    assert [(p["role"], p["country"]) for p in detail["parties"]] == [
        ("investor", "CN"),
        ("local_partner", "KZ"),
    ]
    assert detail["origins"][0]["event"] == DEMO
    page = organizer.get(f"/o/pipeline/projects/{ref}").text
    assert f'href="/o/{DEMO}/outcomes"' in page
    again = organizer.post("/o/pipeline/new", data=data, follow_redirects=False)
    assert again.status_code == 409 and ref in again.text


def test_a_nul_character_in_a_filter_is_a_refusal_not_a_server_error(
    organizer: TestClient,
) -> None:
    """PostgreSQL refuses NUL in text (SQLite does not): either way the user gets an answer
    about their input, never "the database is unavailable" (found by the API property test)."""
    unknown = organizer.get("/api/v1/pipeline/dashboard?event=z%00x")
    assert unknown.status_code == 404 and "z?x" in unknown.text
    for query in ("isic=%00", "region=KZ%0061", "country=C%00"):
        answer = organizer.get(f"/api/v1/pipeline/projects?{query}")
        assert answer.status_code in (200, 422), (query, answer.text)
