"""The exhibition as its users meet it: a visitor browses the catalogue in Chinese and searches
it, marks a product and the producer gets one request; a producer cannot mark their own; an
exhibitor uploads photos (a PNG named .jpg is fine, a text file is not) and edits a product;
the organizer adds an exhibitor; photos are served with long caching."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from sqlalchemy import func, select

from keruen import boundary
from keruen.demo.exhibition import load_exhibition
from keruen.events.models import Participation
from keruen.exhibition.models import Exhibitor, ExhibitProduct, ProductInterest
from keruen.exhibition.storage import storage_for
from keruen.meetings.models import MeetingRequest
from keruen.organizations.models import Delegate, Organization

from .conftest import DEMO, ORGANIZER, STRANGER, WebSite, csrf_of

pytestmark = pytest.mark.integration
VISITOR = "ma.ming@cn.example"  # Korla Central Asia Trading, Chinese interface
FELT = "g.myrzabekova@kz.example"  # Kazygurt felt, an exhibitor
CATALOGUE = f"/e/{DEMO}/exhibition"


@pytest.fixture(scope="module")
def exhibit(site: WebSite) -> WebSite:
    with boundary.unit_of_work(site.settings) as session:
        load_exhibition(session, DEMO, storage=storage_for(site.settings))
    return site


def product_id(site: WebSite, hs_code: str) -> int:
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        found = session.scalar(select(ExhibitProduct.id).where(ExhibitProduct.hs_code == hs_code))
        assert found is not None
        return found


def requests_between(site: WebSite, email: str, org_ref: str) -> int:
    with boundary.unit_of_work(site.settings, read_only=True) as session:
        me = session.scalar(
            select(Participation.id)
            .join(Delegate, Delegate.id == Participation.delegate_id)
            .where(Delegate.email == email)
        )
        theirs = session.scalars(
            select(Participation.id)
            .join(Delegate, Delegate.id == Participation.delegate_id)
            .join(Organization, Organization.id == Delegate.organization_id)
            .where(Organization.ref == org_ref)
        ).all()
        return int(
            session.scalar(
                select(func.count())
                .select_from(MeetingRequest)
                .where(MeetingRequest.requester_id == me, MeetingRequest.target_id.in_(theirs))
            )
            or 0
        )


def png(size=(640, 480), colour=(30, 140, 60)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def test_the_catalogue_in_chinese_shows_chinese_names_and_thumbnails(exhibit: WebSite) -> None:
    page = exhibit.client().get(f"{CATALOGUE}?lang=zh")
    assert page.status_code == 200
    for name in ("库尔勒香梨", "皮棉（一级）", "干甘草根", "若羌灰枣（干红枣）"):
        assert name in page.text
    assert "价格面议" in page.text  # price on request
    assert "库尔勒FOB价，每吨950美元起" in page.text  # the one stated price
    assert "<p>供货量: 每年 12,000 吨</p>" in page.text  # the word order of Chinese
    thumbs = re.findall(r'<img src="(/media/products/[0-9a-f]{2}/[0-9a-f]{64}\.jpg)"', page.text)
    assert len(thumbs) == 12


def test_search_box_and_chapter_filter(exhibit: WebSite) -> None:
    client = exhibit.client()
    found = client.get(CATALOGUE, params={"q": "甘草", "lang": "ru"}).text
    assert "Корень солодки сушёный" in found and "Экстракт солодки" in found
    assert "Дыни" not in found
    chapter = client.get(CATALOGUE, params={"hs": "08", "lang": "en"}).text
    assert "Korla fragrant pears" in chapter and "Cotton lint" not in chapter
    api = client.get(f"/api/v1/e/{DEMO}/exhibition", params={"q": "қауын", "lang": "kk"})
    assert [(p["hs_code"], p["name"]) for p in api.json()] == [
        ("080719", "«Торпеда» және «Колхозница» қауындары")
    ]
    assert api.json()[0]["price"] == "баға сұраныс бойынша"


def test_photos_are_served_with_their_type_and_long_caching(exhibit: WebSite) -> None:
    client = exhibit.client()
    page = client.get(f"{CATALOGUE}/{product_id(exhibit, '080830')}")
    key = re.search(r'href="/media/([^"]+)"', page.text).group(1)
    photo = client.get(f"/media/{key}")
    assert photo.status_code == 200
    assert photo.headers["content-type"] == "image/jpeg"
    assert photo.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert Image.open(io.BytesIO(photo.content)).size == (1200, 900)
    again = client.get(f"/media/{key}", headers={"If-None-Match": photo.headers["etag"]})
    assert again.status_code == 304
    assert client.get("/media/products/..%2F..%2Fkeruen.sqlite3").status_code == 404
    assert client.get("/media/products/00/none.jpg").status_code == 404


def test_a_visitor_marks_a_product_and_the_producer_gets_one_request(exhibit: WebSite) -> None:
    client = exhibit.client()
    url = f"{CATALOGUE}/{product_id(exhibit, '080719')}"
    assert "登录后可向生产商申请洽谈" in client.get(url, params={"lang": "zh"}).text
    exhibit.sign_in_person(client, VISITOR)
    page = client.get(url, params={"lang": "en"})
    assert "I am interested" in page.text
    token = csrf_of(page.text)

    answer = client.post(
        f"{url}/interest",
        data={"csrf_token": token, "message": "200 t in August?"},
        headers={"HX-Request": "true"},
    )

    assert answer.status_code == 200
    assert "Your request was sent to Shardara Bakhsha LLP (demo)." in answer.text
    assert "<html" not in answer.text  # the fragment only
    assert requests_between(exhibit, VISITOR, "kz-melon-shardara") == 1

    again = client.post(f"{url}/interest", data={"csrf_token": token}, follow_redirects=False)
    assert again.status_code == 303
    shown = client.get(url, params={"lang": "en"}).text
    assert "You marked this product; your request to Shardara Bakhsha LLP (demo) is" in shown
    assert "I am interested" not in shown
    assert requests_between(exhibit, VISITOR, "kz-melon-shardara") == 1


def test_a_producer_cannot_mark_their_own_product(exhibit: WebSite) -> None:
    client = exhibit.client()
    exhibit.sign_in_person(client, FELT)
    url = f"{CATALOGUE}/{product_id(exhibit, '570500')}"
    page = client.get(url, params={"lang": "en"})
    assert "Your organization&#39;s product" in page.text
    assert "I am interested" not in page.text
    refused = client.post(f"{url}/interest", data={"csrf_token": csrf_of(page.text)})
    assert refused.status_code == 403
    assert "this is your own organization&#39;s product" in refused.text
    with boundary.unit_of_work(exhibit.settings, read_only=True) as session:
        assert session.scalar(select(func.count()).select_from(ProductInterest)) <= 1


def test_the_exhibitor_uploads_photos_and_edits_a_product(exhibit: WebSite) -> None:
    client = exhibit.client()
    exhibit.sign_in_person(client, FELT)
    home = client.get(f"/me/{DEMO}/exhibition", params={"lang": "en"})
    assert home.status_code == 200
    assert "Handmade felt rugs (syrmak)" in home.text
    felt = product_id(exhibit, "570500")
    edit_url = f"/me/{DEMO}/exhibition/products/{felt}"
    token = csrf_of(client.get(edit_url).text)

    renamed = client.post(
        f"{edit_url}/photos",
        data={"csrf_token": token},
        files={"photo": ("rug.jpg", png(), "image/jpeg")},
        follow_redirects=False,
    )
    assert renamed.status_code == 303
    text_file = client.post(
        f"{edit_url}/photos",
        data={"csrf_token": token},
        files={"photo": ("rug2.jpg", b"GIF? no, words\n" * 40, "image/jpeg")},
    )
    assert text_file.status_code == 422
    assert "photo rug2.jpg is not a JPEG, PNG or WebP image" in text_file.text

    bad = client.post(
        edit_url, data={"csrf_token": token, "hs_code": "5705", "name_en": "Felt rugs"}
    )
    assert bad.status_code == 422
    assert "HS code: 5705 is not a 6-digit subheading" in bad.text
    assert 'value="Felt rugs"' in bad.text  # what was typed is kept
    saved = client.post(
        edit_url,
        data={
            "csrf_token": token,
            "hs_code": "570500",
            "name_en": "Felt rugs",
            "name_kk": "Киіз кілемдер",
            "written_in": "kk",
            "volume_amount": "1 200",
            "volume_unit": "pcs",
            "volume_period": "year",
            "price_mode": "stated",
            "price_en": "from US$150 per rug",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    shown = client.get(f"{CATALOGUE}/{felt}", params={"lang": "en"}).text
    assert "Felt rugs" in shown and "1,200 pcs per year" in shown
    assert "from US$150 per rug" in shown
    with boundary.unit_of_work(exhibit.settings, read_only=True) as session:
        product = session.get(ExhibitProduct, felt)
        assert [p.content_type for p in product.photos] == ["image/jpeg", "image/jpeg"]
        assert product.names.source == "kk"

    other = product_id(exhibit, "080719")  # not theirs
    assert client.get(f"/me/{DEMO}/exhibition/products/{other}").status_code == 404


def test_the_organizer_adds_an_exhibitor_and_a_stranger_sees_nothing(exhibit: WebSite) -> None:
    client = exhibit.client()
    exhibit.sign_in_organizer(client, *ORGANIZER)
    page = client.get(f"/o/{DEMO}/exhibition", params={"lang": "en"})
    assert page.status_code == 200
    assert "Exhibitors (12)" in page.text
    with boundary.unit_of_work(exhibit.settings, read_only=True) as session:
        org_id = session.scalar(
            select(Organization.id).where(Organization.ref == "kz-grapes-saryagash")
        )
    added = client.post(
        f"/o/{DEMO}/exhibition/exhibitors",
        data={"csrf_token": csrf_of(page.text), "organization": str(org_id), "stand": "A-07"},
        follow_redirects=False,
    )
    assert added.status_code == 303
    with boundary.unit_of_work(exhibit.settings, read_only=True) as session:
        assert (
            session.scalar(select(Exhibitor.stand).where(Exhibitor.organization_id == org_id))
            == "A-07"
        )
    again = client.post(
        f"/o/{DEMO}/exhibition/exhibitors",
        data={"csrf_token": csrf_of(page.text), "organization": str(org_id)},
    )
    assert again.status_code == 409 and "exhibits already" in again.text

    chili = product_id(exhibit, "090421")  # any exhibitor's product
    edited = client.post(
        f"/o/{DEMO}/exhibition/products/{chili}",
        data={
            "csrf_token": csrf_of(page.text),
            "hs_code": "0904.21",
            "name_zh": "干红辣椒（整椒，特级）",
            "written_in": "zh",
            "price_mode": "request",
        },
        follow_redirects=False,
    )
    assert edited.status_code == 303
    assert "干红辣椒（整椒，特级）" in client.get(f"{CATALOGUE}/{chili}?lang=zh").text
    with boundary.unit_of_work(exhibit.settings, read_only=True) as session:
        grapes = session.scalar(select(Exhibitor.id).where(Exhibitor.organization_id == org_id))
    removed = client.post(
        f"/o/{DEMO}/exhibition/exhibitors/{grapes}/remove",
        data={"csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert removed.status_code == 303
    assert "Exhibitors (12)" in client.get(f"/o/{DEMO}/exhibition?lang=en").text

    stranger = exhibit.client()
    exhibit.sign_in_organizer(stranger, *STRANGER)
    assert stranger.get(f"/o/{DEMO}/exhibition").status_code == 404
