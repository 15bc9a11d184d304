"""The only writer of the exhibition: exhibitors, products, photos and visitors' interest.

Services flush; the boundary commits. Photo files are written to the `Storage` before the
commit (content-addressed, so writing the same photo twice is harmless); a photo or product
removed deletes its files only after the commit, and only the files no other row still points
at. A transaction that rolls back after a photo was written leaves an unreferenced file:
`prune_media` (the documented clean-up, safe to run at any time) removes such orphans.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import event as sa_event
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from keruen.core.codes import normalize_hs
from keruen.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from keruen.core.i18n_markers import N_
from keruen.core.text import LocalizedText
from keruen.events.enums import ParticipationRole
from keruen.events.models import Event, Participation
from keruen.exhibition.enums import VolumePeriod, VolumeUnit
from keruen.exhibition.models import Exhibitor, ExhibitProduct, ProductInterest, ProductPhoto
from keruen.exhibition.photos import process_photo
from keruen.exhibition.schemas import ExhibitorIn, ProductIn
from keruen.exhibition.storage import Storage
from keruen.meetings import service as meetings
from keruen.meetings.enums import ACTIVE_STATUSES
from keruen.meetings.models import MeetingRequest
from keruen.organizations.models import Delegate, Organization
from keruen.reference.taxonomy import hs

MAX_NAME = 200
MAX_DESCRIPTION = 4000
MAX_PRICE = 200
MAX_PHOTOS = 12
_MEETS = (ParticipationRole.PARTICIPANT.value, ParticipationRole.OFFICIAL.value)
_ACTIVE = [s.value for s in ACTIVE_STATUSES]


# ---------------------------------------------------------------- looking things up


def get_exhibitor(session: Session, event: Event, exhibitor_id: int) -> Exhibitor:
    found = session.get(Exhibitor, exhibitor_id)
    if found is None or found.event_id != event.id:
        raise NotFound(N_("no exhibitor %(id)s"), id=exhibitor_id)
    return found


def get_product(session: Session, event: Event, product_id: int) -> ExhibitProduct:
    """A product of this event's exhibition; another event's product is 'not found'."""
    found = session.get(ExhibitProduct, product_id)
    if found is None or found.exhibitor.event_id != event.id:
        raise NotFound(N_("no product %(id)s"), id=product_id)
    return found


def exhibitors_of(session: Session, event: Event, participation: Participation) -> list[Exhibitor]:
    """The exhibitor entries of a participant's own organization at this event."""
    org_id = participation.delegate.organization_id
    if org_id is None:
        return []
    return list(
        session.scalars(
            select(Exhibitor).where(
                Exhibitor.event_id == event.id, Exhibitor.organization_id == org_id
            )
        )
    )


def require_own_product(
    session: Session, event: Event, participation: Participation, product_id: int
) -> ExhibitProduct:
    """A product the participant's organization exhibits; any other is 'not found'."""
    product = get_product(session, event, product_id)
    if product.exhibitor.organization_id != participation.delegate.organization_id:
        raise NotFound(N_("no product %(id)s"), id=product_id)
    return product


# ---------------------------------------------------------------- exhibitors


def _organizations_of_event(session: Session, event: Event) -> set[int]:
    return set(
        session.scalars(
            select(Delegate.organization_id)
            .join(Participation, Participation.delegate_id == Delegate.id)
            .where(Participation.event_id == event.id, Delegate.organization_id.is_not(None))
        )
    )


def _check_exhibitor(session: Session, event: Event, data: ExhibitorIn) -> str | None:
    if data.organization_id not in _organizations_of_event(session, event):
        raise DomainError(
            N_("organization: %(id)s takes no part in this event"), id=data.organization_id
        )
    stand = (data.stand or "").strip() or None
    if stand is not None and len(stand) > 40:
        raise DomainError(N_("stand: at most %(n)s characters"), n=40)
    if data.contact_delegate_id is not None:
        contact = session.get(Delegate, data.contact_delegate_id)
        if contact is None or contact.organization_id != data.organization_id:
            raise DomainError(
                N_("contact: %(id)s is not a delegate of this organization"),
                id=data.contact_delegate_id,
            )
    return stand


def add_exhibitor(session: Session, *, event: Event, data: ExhibitorIn) -> Exhibitor:
    stand = _check_exhibitor(session, event, data)
    exists = session.scalar(
        select(Exhibitor).where(
            Exhibitor.event_id == event.id, Exhibitor.organization_id == data.organization_id
        )
    )
    if exists is not None:
        raise Conflict(N_("organization: %(id)s exhibits already"), id=data.organization_id)
    exhibitor = Exhibitor(
        event_id=event.id,
        organization_id=data.organization_id,
        stand=stand,
        contact_delegate_id=data.contact_delegate_id,
    )
    session.add(exhibitor)
    session.flush()
    return exhibitor


def update_exhibitor(session: Session, *, exhibitor: Exhibitor, data: ExhibitorIn) -> Exhibitor:
    if data.organization_id != exhibitor.organization_id:
        raise DomainError(N_("organization: an exhibitor cannot change organization"))
    stand = _check_exhibitor(session, exhibitor.event, data)
    exhibitor.stand = stand
    exhibitor.contact_delegate_id = data.contact_delegate_id
    session.flush()
    return exhibitor


def remove_exhibitor(session: Session, *, exhibitor: Exhibitor, storage: Storage) -> None:
    keys = _keys(p for product in exhibitor.products for p in product.photos)
    session.delete(exhibitor)
    session.flush()
    _delete_unreferenced_after_commit(session, storage, keys)


# ---------------------------------------------------------------- products


_TOO_LONG = {
    "name": N_("name (%(lang)s): at most %(n)s characters"),
    "description": N_("description (%(lang)s): at most %(n)s characters"),
    "price": N_("price (%(lang)s): at most %(n)s characters"),
}


def _text(value: LocalizedText | None, field: str, limit: int) -> LocalizedText | None:
    if value is None or not value:
        return None
    for tag, text in value.values.items():
        if len(text) > limit:
            raise DomainError(_TOO_LONG[field], lang=tag, n=limit)
    return value


def check_hs(code: str) -> str:
    """A 6-digit HS 2022 subheading, from what a person typed ('5201.00' → '520100')."""
    try:
        digits = normalize_hs(code)
    except ValueError:
        raise DomainError(N_("HS code: %(code)s is not an HS code"), code=code[:20]) from None
    if len(digits) != 6:
        raise DomainError(
            N_("HS code: %(code)s is not a 6-digit subheading (for example 5201.00)"),
            code=code[:20],
        )
    if digits not in hs():
        raise DomainError(N_("HS code: %(code)s is not in HS 2022"), code=code[:20])
    return digits


def _values(session: Session, exhibitor: Exhibitor, data: ProductIn) -> dict[str, object]:
    """Every field checked (nothing is written before all are right), as column values."""
    hs_code = check_hs(data.hs_code)
    names = _text(data.names, "name", MAX_NAME)
    if names is None:
        raise DomainError(N_("name: give the product's name in at least one language"))
    description = _text(data.description, "description", MAX_DESCRIPTION)
    price = _text(data.price, "price", MAX_PRICE)
    producer_id = data.producer_id or exhibitor.organization_id
    if session.get(Organization, producer_id) is None:
        raise DomainError(N_("producer: no organization %(id)s"), id=producer_id)
    amount, unit, period = data.volume_amount, data.volume_unit or None, data.volume_period or None
    if amount is not None:
        if not math.isfinite(amount) or amount <= 0:
            raise DomainError(N_("volume: the amount must be more than zero"))
        if amount >= 1e12:
            raise DomainError(N_("volume: the amount is too large"))
        if unit is None:
            raise DomainError(N_("volume: give the unit too"))
    elif unit is not None or period is not None:
        raise DomainError(N_("volume: give the amount too"))
    if unit is not None and unit not in {u.value for u in VolumeUnit}:
        raise DomainError(N_("volume: unknown unit %(unit)s"), unit=unit[:20])
    if period is not None and period not in {p.value for p in VolumePeriod}:
        raise DomainError(N_("volume: unknown period %(period)s"), period=period[:20])
    if not -1000 <= data.position <= 1000:
        raise DomainError(N_("position: between -1000 and 1000"))
    return {
        "hs_code": hs_code,
        "names": names,
        "description": description,
        "producer_id": producer_id,
        "volume_amount": amount,
        "volume_unit": unit,
        "volume_period": period,
        "price_on_request": price is None,
        "price": price,
        "position": data.position,
    }


def add_product(session: Session, *, exhibitor: Exhibitor, data: ProductIn) -> ExhibitProduct:
    product = ExhibitProduct(exhibitor_id=exhibitor.id, **_values(session, exhibitor, data))
    session.add(product)
    session.flush()
    session.refresh(exhibitor, ["products"])
    return product


def update_product(session: Session, *, product: ExhibitProduct, data: ProductIn) -> ExhibitProduct:
    for key, value in _values(session, product.exhibitor, data).items():
        if getattr(product, key) != value:
            setattr(product, key, value)
    session.flush()
    return product


def remove_product(session: Session, *, product: ExhibitProduct, storage: Storage) -> None:
    """The product, its photos and the interest marked on it (the meeting requests stay)."""
    keys = _keys(product.photos)
    exhibitor = product.exhibitor
    session.delete(product)
    session.flush()
    session.expire(exhibitor, ["products"])
    _delete_unreferenced_after_commit(session, storage, keys)


# ---------------------------------------------------------------- photos


def add_photo(
    session: Session, storage: Storage, product: ExhibitProduct, data: bytes, filename: str
) -> ProductPhoto:
    """Check, clean and resize an uploaded photo, store it and its thumbnail, and add it last
    to the product's photos. Refusals name the file."""
    filename = (filename or "photo").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:120]
    if len(product.photos) >= MAX_PHOTOS:
        raise DomainError(N_("a product has at most %(n)s photos"), n=MAX_PHOTOS)
    processed = process_photo(data, filename)
    if any(p.storage_key == processed.photo.key for p in product.photos):
        raise Conflict(N_("photo %(file)s: this product has it already"), file=filename)
    storage.put(processed.photo.key, processed.photo.data)
    storage.put(processed.thumbnail.key, processed.thumbnail.data)
    photo = ProductPhoto(
        product_id=product.id,
        storage_key=processed.photo.key,
        thumb_key=processed.thumbnail.key,
        content_type=processed.photo.content_type,
        width=processed.photo.width,
        height=processed.photo.height,
        bytes=len(processed.photo.data),
        position=max((p.position for p in product.photos), default=-1) + 1,
    )
    session.add(photo)
    session.flush()
    session.expire(product, ["photos"])
    return photo


def remove_photo(session: Session, *, photo: ProductPhoto, storage: Storage) -> None:
    keys = _keys([photo])
    product = photo.product
    session.delete(photo)
    session.flush()
    session.expire(product, ["photos"])
    _delete_unreferenced_after_commit(session, storage, keys)


def _keys(photos: Iterable[ProductPhoto]) -> set[str]:
    return {key for p in photos for key in (p.storage_key, p.thumb_key)}


def referenced_keys(session: Session, keys: Iterable[str] | None = None) -> set[str]:
    """The media keys some photo row points at (among `keys`, when given)."""
    query_main = select(ProductPhoto.storage_key)
    query_thumb = select(ProductPhoto.thumb_key)
    if keys is not None:
        wanted = list(keys)
        if not wanted:
            return set()
        query_main = query_main.where(ProductPhoto.storage_key.in_(wanted))
        query_thumb = query_thumb.where(ProductPhoto.thumb_key.in_(wanted))
    return set(session.scalars(query_main)) | set(session.scalars(query_thumb))


_PENDING = "keruen.exhibition.delete_after_commit"


def _delete_unreferenced_after_commit(session: Session, storage: Storage, keys: set[str]) -> None:
    """Delete, once the transaction commits, the files no remaining row points at (the same
    photo may serve two products: its key is its content). Nothing is deleted on rollback."""
    doomed = keys - referenced_keys(session, keys)
    if not doomed:
        return
    pending: list[tuple[Storage, str]] | None = session.info.get(_PENDING)
    if pending is None:
        pending = []
        session.info[_PENDING] = pending

        def after_commit(s: Session) -> None:
            for store, key in s.info.pop(_PENDING, []):
                store.delete(key)

        def after_rollback(s: Session) -> None:
            s.info.pop(_PENDING, None)

        sa_event.listen(session, "after_commit", after_commit, once=True)
        sa_event.listen(session, "after_soft_rollback", after_rollback, once=True)
    pending.extend((storage, key) for key in sorted(doomed))


def prune_media(session: Session, storage: Storage, *, dry_run: bool = False) -> list[str]:
    """Delete the stored files that no photo row points at (left by a transaction that rolled
    back after writing them). Returns the keys removed (or that would be, with `dry_run`)."""
    referenced = referenced_keys(session)
    orphans = [key for key in storage.list_keys() if key not in referenced]
    if not dry_run:
        for key in orphans:
            storage.delete(key)
    return orphans


# ---------------------------------------------------------------- interest


@dataclass(frozen=True)
class InterestResult:
    interest: ProductInterest
    request: MeetingRequest | None
    # The producer's person the request went to.
    target: Participation
    # True when this visitor had marked the product before (nothing new was written).
    again: bool
    # True when an open request between the two existed and the interest was linked to it.
    request_existed: bool


def _people(session: Session, event: Event, organization_id: int) -> list[Participation]:
    return list(
        session.scalars(
            select(Participation)
            .join(Delegate, Participation.delegate_id == Delegate.id)
            .where(
                Participation.event_id == event.id,
                Participation.role.in_(_MEETS),
                Delegate.organization_id == organization_id,
                Delegate.erased_at.is_(None),
            )
            .order_by(Participation.id)
        )
    )


def producer_contact(session: Session, product: ExhibitProduct) -> Participation | None:
    """Who a visitor's request goes to: the producer's person at the event (the exhibitor's
    contact when they are the producer's), else the exhibitor's, who sells the product."""
    exhibitor = product.exhibitor
    for org_id in dict.fromkeys((product.producer_id, exhibitor.organization_id)):
        people = _people(session, exhibitor.event, org_id)
        for p in people:
            if p.delegate_id == exhibitor.contact_delegate_id:
                return p
        if people:
            return people[0]
    return None


def _open_request(session: Session, event: Event, a: int, b: int) -> MeetingRequest | None:
    low, high = sorted((a, b))
    return session.scalar(
        select(MeetingRequest).where(
            MeetingRequest.event_id == event.id,
            MeetingRequest.pair_low == low,
            MeetingRequest.pair_high == high,
            MeetingRequest.status.in_(_ACTIVE),
        )
    )


def interest_of(
    session: Session, product: ExhibitProduct, visitor: Participation
) -> ProductInterest | None:
    return session.scalar(
        select(ProductInterest).where(
            ProductInterest.product_id == product.id,
            ProductInterest.participation_id == visitor.id,
        )
    )


def mark_interest(
    session: Session,
    product: ExhibitProduct,
    visitor_participation: Participation,
    message: str | None = None,
) -> InterestResult:
    """The visitor is interested in the product: a meeting request to the producer, through
    the meeting rules (quota, one open request per pair). When a request between them is open
    already, the interest is linked to it; marking the same product twice changes nothing."""
    visitor = visitor_participation
    exhibitor = product.exhibitor
    event = exhibitor.event
    if visitor.event_id != event.id:
        raise NotFound(N_("no product %(id)s"), id=product.id)
    own_org = visitor.delegate.organization_id
    if own_org is not None and own_org in (product.producer_id, exhibitor.organization_id):
        raise PermissionDenied(N_("this is your own organization's product"))
    if visitor.role not in _MEETS:
        raise PermissionDenied(N_("%(role)s participants do not hold meetings"), role=visitor.role)
    target = producer_contact(session, product)
    if target is None:
        raise DomainError(
            N_("nobody of the producer takes part in the meetings; ask the organizers"),
        )
    # A double tap on a phone sends two at once: the second waits here for the first (the
    # visitor's row lock on PostgreSQL; SQLite serialises writers) and then finds its interest.
    session.execute(
        select(Participation.id).where(Participation.id == visitor.id).with_for_update()
    )
    earlier = interest_of(session, product, visitor)
    if earlier is not None:
        return InterestResult(earlier, earlier.request, target, True, earlier.request_existed)
    meetings.expire_requests(session, event=event)
    request = _open_request(session, event, visitor.id, target.id)
    existed = request is not None
    if request is None:
        text = (message or "").strip()[:1800]
        label = product.names.get(product.names.source or "en") or ""
        note = f"[HS {product.hs_code[:4]}.{product.hs_code[4:]}] {label}"
        try:
            request = meetings.request_meeting(
                session,
                event=event,
                requester_id=visitor.id,
                target_id=target.id,
                message=f"{note}\n{text}" if text else note,
            )
        except Conflict:
            # Someone of the pair asked in the meantime: link to that request instead.
            request = _open_request(session, event, visitor.id, target.id)
            if request is None:
                raise
            existed = True
    interest = ProductInterest(
        product_id=product.id,
        participation_id=visitor.id,
        request_id=request.id,
        request_existed=existed,
    )
    try:
        with session.begin_nested():
            session.add(interest)
            session.flush()
    except IntegrityError:  # a double click that raced this one
        found = interest_of(session, product, visitor)
        if found is None:
            raise
        return InterestResult(found, found.request, target, True, found.request_existed)
    return InterestResult(interest, request, target, False, existed)


def interest_count(session: Session, product: ExhibitProduct) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(ProductInterest)
            .where(ProductInterest.product_id == product.id)
        )
        or 0
    )
