"""Writing the exhibition: products checked field by field, photos stored and removed with
their product, and a visitor's interest that becomes one meeting request with the producer."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from keruen.core.errors import Conflict, DomainError, PermissionDenied
from keruen.core.text import LocalizedText
from keruen.exhibition import service as exhibition
from keruen.exhibition.models import ProductInterest
from keruen.exhibition.schemas import ProductIn
from keruen.meetings import service as meetings
from keruen.meetings.models import MeetingRequest

pytestmark = pytest.mark.integration


def _requests(session, a, b) -> list[MeetingRequest]:
    low, high = sorted((a.id, b.id))
    return list(
        session.scalars(
            select(MeetingRequest).where(
                MeetingRequest.pair_low == low, MeetingRequest.pair_high == high
            )
        )
    )


def test_interest_creates_exactly_one_request_to_the_producer(demo):
    melons = demo.product("080719")
    visitor = demo.person("cn-trading-korla-1")
    producer = demo.person("kz-melon-shardara-1")

    first = exhibition.mark_interest(demo.session, melons, visitor, "Need 200 t in August")

    assert (first.again, first.request_existed) == (False, False)
    assert first.target.id == producer.id
    sent = _requests(demo.session, visitor, producer)
    assert [(r.requester_id, r.target_id, r.status) for r in sent] == [
        (visitor.id, producer.id, "pending")
    ]
    assert sent[0].message.startswith("[HS 0807.19] «Торпеда» және «Колхозница» қауындары")
    assert sent[0].message.endswith("Need 200 t in August")

    second = exhibition.mark_interest(demo.session, melons, visitor)

    assert second.again is True
    assert second.interest.id == first.interest.id
    assert len(_requests(demo.session, visitor, producer)) == 1
    count = demo.session.scalar(select(func.count()).select_from(ProductInterest))
    assert count == 1


def test_interest_goes_to_the_producer_not_the_trader_who_exhibits(demo):
    pears = demo.product("080830")  # shown by a trading house, made by the pear grower
    visitor = demo.person("kz-fruit-trade-turkistan-1")
    result = exhibition.mark_interest(demo.session, pears, visitor)
    assert result.target.delegate.organization.ref == "cn-pear-korla"


def test_an_open_request_between_them_is_linked_not_duplicated(demo):
    paste = demo.product("200290")
    visitor = demo.person("kz-cannery-saryagash-1")
    producer = exhibition.producer_contact(demo.session, paste)
    assert producer is not None
    earlier = meetings.request_meeting(
        demo.session, event=demo.event, requester_id=producer.id, target_id=visitor.id
    )

    result = exhibition.mark_interest(demo.session, paste, visitor)

    assert result.request_existed is True
    assert result.request.id == earlier.id
    assert len(_requests(demo.session, visitor, producer)) == 1


def test_marking_your_own_product_is_refused(demo):
    felt = demo.product("570500")
    maker = demo.person("kz-felt-kazygurt-1")
    with pytest.raises(PermissionDenied, match="your own organization's product"):
        exhibition.mark_interest(demo.session, felt, maker)
    assert demo.session.scalar(select(func.count()).select_from(ProductInterest)) == 0


def test_a_product_is_checked_field_by_field(demo):
    exhibitor = demo.product("570500").exhibitor

    def add(**changes):
        data = {"hs_code": "5705.00", "names": LocalizedText.of({"ru": "Кошма"}), **changes}
        return exhibition.add_product(demo.session, exhibitor=exhibitor, data=ProductIn(**data))

    with pytest.raises(DomainError, match=r"^HS code: 5705 is not a 6-digit subheading"):
        add(hs_code="5705")
    with pytest.raises(DomainError, match=r"^HS code: 999999 is not in HS 2022$"):
        add(hs_code="999999")
    with pytest.raises(
        DomainError, match=r"^name: give the product's name in at least one language$"
    ):
        add(names=LocalizedText())
    with pytest.raises(DomainError, match=r"^volume: give the unit too$"):
        add(volume_amount=5.0)
    with pytest.raises(DomainError, match=r"^volume: the amount must be more than zero$"):
        add(volume_amount=-1.0, volume_unit="t")
    product = add(volume_amount=40.0, volume_unit="pcs", volume_period="month")
    assert (product.hs_code, product.producer_id) == ("570500", exhibitor.organization_id)
    assert product.price_on_request is True


def test_removing_a_product_deletes_its_files_after_the_commit(demo, storage):
    product = demo.product("121190")
    out = io.BytesIO()
    Image.new("RGB", (900, 600), (150, 110, 60)).save(out, "PNG")
    photo = exhibition.add_photo(demo.session, storage, product, out.getvalue(), "root.png")
    keys = {photo.storage_key, photo.thumb_key}
    assert keys <= set(storage.list_keys())
    with pytest.raises(Conflict, match="this product has it already"):
        exhibition.add_photo(demo.session, storage, product, out.getvalue(), "again.png")

    exhibition.remove_product(demo.session, product=product, storage=storage)
    assert keys <= set(storage.list_keys())  # not before the commit
    demo.session.commit()
    assert not keys & set(storage.list_keys())


def test_prune_removes_files_no_photo_points_at(demo, storage):
    storage.put("products/00/orphan.jpg", b"left by a rolled-back upload")
    assert exhibition.prune_media(demo.session, storage) == ["products/00/orphan.jpg"]
    assert list(storage.list_keys()) == []
