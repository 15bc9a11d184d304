"""The sites catalogue: public, in the visitor's language, filtered by kind, region and utility,
with the projects placed on a site by name only; organizers edit it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from keruen import boundary
from keruen.demo.pipeline import load_pipeline
from tests.web.conftest import ORGANIZER, STRANGER, WebSite, csrf_of

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def loaded(site: WebSite) -> WebSite:
    with boundary.unit_of_work(site.settings) as session:
        load_pipeline(session)
    return site


def test_the_catalogue_speaks_the_visitors_language(loaded: WebSite) -> None:
    visitor = loaded.client()
    zh = visitor.get("/sites?lang=zh").text
    assert "“图兰”经济特区（演示）" in zh and "库尔勒经济技术开发区（演示）" in zh
    kk = visitor.get("/sites?lang=kk").text
    assert "«Тұран» АЭА (демо)" in kk and "«Кентау» индустриялық аймағы (демо)" in kk


def test_a_site_shows_its_projects_by_name_and_no_figures(loaded: WebSite) -> None:
    page = loaded.client().get("/sites/sez-turan?lang=zh").text
    assert "突厥斯坦纺织产业集群（演示）" in page
    assert "200,000,000" not in page and "US$" not in page
    assert "invest@sez-turan.kz.example" in page


def test_the_catalogue_filters(loaded: WebSite) -> None:
    visitor = loaded.client()

    def refs(query: str) -> set[str]:
        return {s["ref"] for s in visitor.get(f"/api/v1/sites?{query}").json()}

    assert refs("kind=special_economic_zone") == {"sez-turan", "sez-ontustik", "korla-etdz"}
    assert refs("region=KZ-61") == {"sez-turan", "iz-kentau", "iz-ordabasy", "iz-sozak"}
    assert refs("utility=rail_siding") == {"sez-ontustik", "iz-kentau", "korla-etdz"}
    page = visitor.get("/sites?utility=rail_siding&lang=en").text
    cards = page.split("</form>", 1)[1]  # below the filters (whose region list names Sozak)
    assert "Kentau industrial zone (demo)" in cards and "Sozak" not in cards


def test_organizers_edit_a_site_and_strangers_cannot(loaded: WebSite) -> None:
    stranger = loaded.client()
    loaded.sign_in_organizer(stranger, *STRANGER)
    assert stranger.get("/o/sites/iz-kentau/edit").status_code == 404
    organizer: TestClient = loaded.client()
    loaded.sign_in_organizer(organizer, *ORGANIZER)
    form_page = organizer.get("/o/sites/iz-kentau/edit?lang=en")
    assert 'value="Kentau industrial zone (demo)"' in form_page.text
    form = {
        "csrf_token": csrf_of(form_page.text),
        "kind": "industrial_zone",
        "region": "KZ-61-KEN",
        "names.en": "Kentau industrial zone (demo)",
        "names.zh": "肯套工业区（演示）",
        "land_available_ha": "-3",
        "land_as_of": "2026-11-01",
        "utilities": ["electricity", "rail_siding"],
    }
    refused = organizer.post("/o/sites/iz-kentau/edit", data=form)
    assert refused.status_code == 422 and 'id="f-land_available_ha"' in refused.text
    form["land_available_ha"] = "48.5"
    saved = organizer.post("/o/sites/iz-kentau/edit", data=form, follow_redirects=False)
    assert (saved.status_code, saved.headers["location"]) == (303, "/sites/iz-kentau")
    shown = organizer.get("/api/v1/sites/iz-kentau").json()
    assert (shown["land_available_ha"], shown["utilities"]) == (
        48.5,
        ["electricity", "rail_siding"],
    )
    assert shown["projects"] == ["Aluminium products in Kentau (demo)"]
