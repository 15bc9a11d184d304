"""The exhibition of regional products: the public catalogue (/e/{slug}/exhibition), a product's
page with "I am interested" (a meeting request with the producer), the photos (/media/{key}),
the exhibitor's own pages (/me/{slug}/exhibition), the organizer's (/o/{slug}/exhibition) and
the JSON catalogue (/api/v1/e/{slug}/exhibition).

Routes parse, call `keruen.exhibition.service` or `.queries` and render; the rules live there.
The exhibitor's and the organizer's product pages are one set of handlers (`Scope`): they
differ only in who may touch which product and in their addresses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from babel.numbers import NumberFormatError, format_decimal, parse_decimal
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from keruen import boundary
from keruen.accounts import service as accounts
from keruen.core.errors import DomainError, KeruenError, NotFound, PermissionDenied
from keruen.core.i18n_markers import N_
from keruen.core.text import LocalizedText
from keruen.events import service as event_service
from keruen.events.models import Event, Participation
from keruen.exhibition import queries
from keruen.exhibition import service as exhibition
from keruen.exhibition.enums import (
    PERIOD_LABELS,
    UNIT_LABELS,
    VOLUME_PATTERNS,
    VolumePeriod,
    VolumeUnit,
)
from keruen.exhibition.models import Exhibitor, ExhibitProduct, ProductPhoto
from keruen.exhibition.photos import MAX_UPLOAD_BYTES
from keruen.exhibition.schemas import ExhibitorIn, ProductIn
from keruen.exhibition.storage import check_key, content_type_of, storage_for
from keruen.jobs import notify
from keruen.organizations.models import Delegate, Organization
from keruen.web.common import Reader, Web, web_of

router = APIRouter()
LANGS = ("ru", "kk", "zh", "en")
TEMPLATE_WORDS = (
    N_("Exhibition"),
    N_("Exhibition of regional products"),
    N_("Search by words or HS code"),
    N_("HS chapter"),
    N_("all chapters"),
    N_("No product fits this search."),
    N_("Producer"),
    N_("Exhibitor"),
    N_("Stand"),
    N_("Volume"),
    N_("Price"),
    N_("price on request"),
    N_("Photos"),
    N_("I am interested"),
    N_("Message to the producer (optional)"),
    N_("Sign in to ask the producer for a meeting"),
    N_("Your organization's product"),
    N_("Back to the exhibition"),
    N_("My exhibition"),
    N_("Your organization does not exhibit at this event; the organizers add exhibitors."),
    N_("Add a product"),
    N_("Edit"),
    N_("Remove"),
    N_("Remove this product"),
    N_("Save"),
    N_("Name"),
    N_("Description"),
    N_("HS code (6 digits)"),
    N_("amount"),
    N_("unit"),
    N_("period"),
    N_("Price on request"),
    N_("Stated price"),
    N_("Written in"),
    N_("Position in the list"),
    N_("Upload a photo (JPEG, PNG or WebP, up to 10 MB)"),
    N_("Upload"),
    N_("No photos yet."),
    N_("Exhibitors"),
    N_("Add an exhibitor"),
    N_("Organization"),
    N_("Contact person"),
    N_("Saved."),
)
SENT_TO = N_("Your request was sent to %(producer)s.")
LINKED_TO = N_("You already have a request with %(producer)s; your interest was added to it.")
MARKED = N_("You marked this product; your request to %(producer)s is %(status)s.")


# ---------------------------------------------------------------- API models


class ProductOut(BaseModel):
    id: int
    hs_code: str
    hs_title: str
    name: str
    description: str
    producer: str
    exhibitor: str
    stand: str | None
    volume: str
    price: str
    price_on_request: bool
    photos: list[str]
    thumbnail: str | None
    url: str


# ---------------------------------------------------------------- formatting


def volume_text(card: queries.ProductCard, reader: Reader) -> str:
    """'1 200 т в год' / '1,200 t per year' in the reader's language; '' when not stated."""
    if card.volume_amount is None or card.volume_unit is None:
        return ""
    amount = format_decimal(card.volume_amount, locale=reader.babel)
    unit = reader._(UNIT_LABELS.get(card.volume_unit, card.volume_unit))
    pattern = VOLUME_PATTERNS.get(card.volume_period or "")
    if pattern is None:
        return f"{amount} {unit}"
    return reader._(pattern) % {"amount": amount, "unit": unit}


def price_text(card: queries.ProductCard, reader: Reader) -> str:
    return reader._("price on request") if card.price_on_request else card.price


def _out(slug: str, card: queries.ProductCard, reader: Reader) -> ProductOut:
    return ProductOut(
        id=card.id,
        hs_code=card.hs_code,
        hs_title=card.hs_title,
        name=card.name,
        description=card.description,
        producer=card.producer,
        exhibitor=card.exhibitor,
        stand=card.stand,
        volume=volume_text(card, reader),
        price=price_text(card, reader),
        price_on_request=card.price_on_request,
        photos=[f"/media/{p[0]}" for p in card.photos],
        thumbnail=f"/media/{card.thumb_key}" if card.thumb_key else None,
        url=f"/e/{slug}/exhibition/{card.id}",
    )


def _is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def _words(reader: Reader) -> dict[str, Any]:
    return {
        "units": [(u.value, reader._(UNIT_LABELS[u.value])) for u in VolumeUnit],
        "periods": [(p.value, reader._(PERIOD_LABELS[p.value])) for p in VolumePeriod],
        "volume_text": lambda card: volume_text(card, reader),
        "price_text": lambda card: price_text(card, reader),
    }


# ---------------------------------------------------------------- the public catalogue


@router.get("/e/{slug}/exhibition", response_class=HTMLResponse, include_in_schema=False)
def catalogue_page(
    slug: str,
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    hs: Annotated[str | None, Query(max_length=12)] = None,
) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = event_service.get_event(session, slug)
        cards = queries.search(session, event, reader.locale, q=q, hs_code=hs or None)
        chapters = queries.chapters(session, event, reader.locale)
        event_name = reader.name(event.names)
    return web.page(
        request,
        "exhibition/catalogue.html",
        {
            "slug": slug,
            "event_name": event_name,
            "cards": cards,
            "chapters": chapters,
            "f": {"q": q or "", "hs": hs or ""},
            **_words(reader),
        },
    )


@router.get("/api/v1/e/{slug}/exhibition", tags=["exhibition"])
def api_catalogue(
    slug: str,
    request: Request,
    q: Annotated[str | None, Query(max_length=200, description="Words or an HS code")] = None,
    hs: Annotated[str | None, Query(max_length=12, description="HS prefix: 2, 4 or 6")] = None,
) -> list[ProductOut]:
    """The exhibition's products that fit `q` and `hs`, in the reader's language."""
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = event_service.get_event(session, slug)
        cards = queries.search(session, event, reader.locale, q=q, hs_code=hs or None)
        return [_out(slug, c, reader) for c in cards]


@dataclass
class InterestView:
    """What the product page shows a visitor about "I am interested"."""

    state: str  # anonymous | not_here | own | marked | can_mark
    note: str = ""
    error: str = ""


def _visitor(web: Web, request: Request, session: Session, event: Event) -> Participation | None:
    who = web.principal(request)
    if who is None or who.delegate_id is None or event.id not in who.participations:
        return None
    return session.get(Participation, who.participations[event.id][0])


def _interest_view(
    web: Web, request: Request, session: Session, product: ExhibitProduct, reader: Reader
) -> InterestView:
    who = web.principal(request)
    if who is None:
        return InterestView("anonymous")
    visitor = _visitor(web, request, session, product.exhibitor.event)
    if visitor is None:
        return InterestView("not_here")
    own = visitor.delegate.organization_id
    if own is not None and own in (product.producer_id, product.exhibitor.organization_id):
        return InterestView("own")
    found = exhibition.interest_of(session, product, visitor)
    if found is None:
        return InterestView("can_mark")
    return InterestView("marked", note=_marked_note(session, found.request, reader))


def _producer_of(request_target: Participation | None, reader: Reader) -> str:
    if request_target is None:
        return ""
    org = request_target.delegate.organization
    return reader.name(org.names) if org else reader.name(request_target.delegate.names)


def _marked_note(session: Session, request_row: Any, reader: Reader) -> str:
    from keruen.meetings.enums import label

    if request_row is None:
        return ""
    producer = _producer_of(request_row.target, reader)
    return reader._(MARKED) % {"producer": producer, "status": label(request_row.status, reader._)}


def _product_page(
    web: Web,
    request: Request,
    slug: str,
    product_id: int,
    view: InterestView | None = None,
    status: int = 200,
) -> Response:
    reader = web.reader(request)
    with web.read() as session:
        event = event_service.get_event(session, slug)
        product = exhibition.get_product(session, event, product_id)
        card = queries.product_card(product, reader.locale)
        shown = _interest_view(web, request, session, product, reader)
        if view is not None:
            shown = InterestView(shown.state, view.note or shown.note, view.error)
    template = "exhibition/_interest.html" if _is_htmx(request) else "exhibition/product.html"
    return web.page(
        request,
        template,
        {
            "slug": slug,
            "card": card,
            "interest": shown,
            "event_name": reader.name(event.names),
            **_words(reader),
        },
        status,
    )


@router.get(
    "/e/{slug}/exhibition/{product_id}", response_class=HTMLResponse, include_in_schema=False
)
def product_page(slug: str, product_id: int, request: Request) -> Response:
    return _product_page(web_of(request), request, slug, product_id)


@router.post("/e/{slug}/exhibition/{product_id}/interest", include_in_schema=False)
async def mark_interest(slug: str, product_id: int, request: Request) -> Response:
    web = web_of(request)
    who = web.require(request)
    if who.delegate_id is None:
        raise PermissionDenied(N_("only participants can ask for meetings"))
    await web.check_csrf(request)
    form = await request.form()
    message = str(form.get("message", ""))[:1800]
    reader = web.reader(request)
    try:
        with web.write() as session:
            event = event_service.get_event(session, slug)
            pid = accounts.require_participation(who, event)
            visitor = session.get(Participation, pid)
            if visitor is None:
                raise NotFound(N_("no event %(slug)s"), slug=slug)
            product = exhibition.get_product(session, event, product_id)
            result = exhibition.mark_interest(session, product, visitor, message or None)
            producer = _producer_of(result.target, reader)
            if result.again:
                note = _marked_note(session, result.request, reader)
            elif result.request_existed:
                note = reader._(LINKED_TO) % {"producer": producer}
            else:
                note = reader._(SENT_TO) % {"producer": producer}
                if result.request is not None:  # the producer hears of it after the commit
                    notify.request_changed(
                        session, result.request, "received", settings=web.settings
                    )
    except NotFound:
        raise
    except KeruenError as error:
        found = boundary.refusal(error, reader.translations)
        status = 200 if _is_htmx(request) else found.http_status
        return _product_page(
            web, request, slug, product_id, InterestView("", error=found.message), status
        )
    if _is_htmx(request):
        return _product_page(web, request, slug, product_id, InterestView("", note=note))
    return RedirectResponse(f"/e/{slug}/exhibition/{product_id}", status_code=303)


@router.get("/media/{key:path}", include_in_schema=False)
def media(key: str, request: Request) -> Response:
    """A stored photo. Keys are content-addressed: a key's bytes never change, so browsers and
    proxies may keep them a year without asking again."""
    web = web_of(request)
    try:
        check_key(key)
        data = storage_for(web.settings).get(key)
    except DomainError:
        raise NotFound(N_("no media %(key)s"), key=key[:120]) from None
    etag = '"' + key.rsplit("/", 1)[-1].split(".", 1)[0][:64] + '"'
    headers = {"Cache-Control": "public, max-age=31536000, immutable", "ETag": etag}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=content_type_of(key), headers=headers)


# ---------------------------------------------------------------- editing: exhibitor and organizer


@dataclass
class Scope:
    """Who edits which products, and under which address."""

    base: str
    audience: str  # "me" or "o"
    event: Event
    participation: Participation | None = None

    def product(self, session: Session, product_id: int) -> ExhibitProduct:
        if self.participation is not None:
            return exhibition.require_own_product(
                session, self.event, self.participation, product_id
            )
        return exhibition.get_product(session, self.event, product_id)

    def exhibitors(self, session: Session) -> list[Exhibitor]:
        if self.participation is not None:
            return exhibition.exhibitors_of(session, self.event, self.participation)
        return list(
            session.scalars(
                select(Exhibitor)
                .where(Exhibitor.event_id == self.event.id)
                .order_by(Exhibitor.stand, Exhibitor.id)
            )
        )

    def exhibitor(self, session: Session, exhibitor_id: int) -> Exhibitor:
        for found in self.exhibitors(session):
            if found.id == exhibitor_id:
                return found
        raise NotFound(N_("no exhibitor %(id)s"), id=exhibitor_id)


def _scope(web: Web, request: Request, session: Session, slug: str, audience: str) -> Scope:
    who = web.require(request)
    event = event_service.get_event(session, slug)
    if audience == "o":
        accounts.require_event_staff(who, event)
        return Scope(f"/o/{slug}/exhibition", "o", event)
    if who.delegate_id is None:
        raise PermissionDenied(N_("only participants can ask for meetings"))
    pid = accounts.require_participation(who, event)
    me = session.get(Participation, pid)
    if me is None:
        raise NotFound(N_("no event %(slug)s"), slug=slug)
    return Scope(f"/me/{slug}/exhibition", "me", event, me)


def _event_organizations(session: Session, event: Event, reader: Reader) -> list[tuple[int, str]]:
    rows = session.scalars(
        select(Organization)
        .join(Delegate, Delegate.organization_id == Organization.id)
        .join(Participation, Participation.delegate_id == Delegate.id)
        .where(Participation.event_id == event.id)
        .distinct()
    ).all()
    return sorted(((o.id, reader.name(o.names)) for o in rows), key=lambda t: t[1].casefold())


def _per_language(form: FormData, prefix: str, limit: int) -> dict[str, str]:
    return {lang: str(form.get(f"{prefix}_{lang}", ""))[:limit] for lang in LANGS}


def _product_in(form: FormData, reader: Reader) -> ProductIn:
    """The product form as the service takes it; a number that is not one names its field."""
    written_in = str(form.get("written_in", reader.locale))[:8]
    if written_in not in LANGS:
        written_in = reader.locale
    amount_text = str(form.get("volume_amount", "")).strip()[:32]
    amount: float | None = None
    if amount_text:
        try:
            amount = float(parse_decimal(amount_text.replace(" ", "\u00a0"), locale=reader.babel))
        except (NumberFormatError, ValueError):
            try:
                amount = float(amount_text.replace(" ", "").replace(",", "."))
            except ValueError:
                raise DomainError(
                    N_("volume: %(value)s is not a number"), value=amount_text
                ) from None
    position_text = str(form.get("position", "0")).strip() or "0"
    try:
        position = int(position_text)
    except ValueError:
        raise DomainError(
            N_("position: %(value)s is not a whole number"), value=position_text[:12]
        ) from None
    if not 0 <= position <= 10_000:
        raise DomainError(N_("position: a number from 0 to 10000, not %(value)s"), value=position)
    if amount is not None and not (0 <= amount <= 1e12):  # also refuses inf and nan
        raise DomainError(N_("volume: %(value)s is not a number"), value=amount_text[:20])
    producer_text = str(form.get("producer", "")).strip()
    stated = form.get("price_mode") == "stated"
    price = LocalizedText.of(_per_language(form, "price", 200), source=written_in)
    if stated and not price:
        raise DomainError(N_("price: write the price, or choose price on request"))
    try:
        names = LocalizedText.of(_per_language(form, "name", 200), source=written_in)
        description = LocalizedText.of(_per_language(form, "description", 4000), source=written_in)
    except ValueError:
        raise DomainError(N_("name: not valid text")) from None
    return ProductIn(
        hs_code=str(form.get("hs_code", ""))[:20],
        names=names,
        description=description or None,
        producer_id=int(producer_text)
        if producer_text.isdigit() and int(producer_text) < 2**31
        else None,
        volume_amount=amount,
        volume_unit=str(form.get("volume_unit", "")).strip() or None,
        volume_period=str(form.get("volume_period", "")).strip() or None,
        price=price if stated else None,
        position=position,
    )


def _form_values(product: ExhibitProduct | None, form: FormData | None = None) -> dict[str, Any]:
    """What the product form shows: the form as sent (after a refusal), else the product."""
    if form is not None:
        return {k: str(v) for k, v in form.items() if isinstance(v, str)}
    if product is None:
        return {"price_mode": "request"}
    values: dict[str, Any] = {
        "hs_code": queries.hs_display(product.hs_code),
        "producer": str(product.producer_id),
        "volume_amount": f"{product.volume_amount:g}" if product.volume_amount else "",
        "volume_unit": product.volume_unit or "",
        "volume_period": product.volume_period or "",
        "price_mode": "request" if product.price_on_request else "stated",
        "position": str(product.position),
        "written_in": product.names.source or "",
    }
    for prefix, text in (
        ("name", product.names),
        ("description", product.description),
        ("price", product.price),
    ):
        for lang in LANGS:
            values[f"{prefix}_{lang}"] = (text.values.get(lang, "") if text else "") or ""
    return values


def _home(
    web: Web,
    request: Request,
    slug: str,
    audience: str,
    *,
    error: str = "",
    form: FormData | None = None,
    status: int = 200,
) -> Response:
    reader = web.reader(request)
    with web.read() as session:
        scope = _scope(web, request, session, slug, audience)
        exhibitors = scope.exhibitors(session)
        rows = []
        for ex in exhibitors:
            cards = queries.search(session, scope.event, reader.locale, exhibitor_ids=[ex.id])
            counts = {p.id: exhibition.interest_count(session, p) for p in ex.products}
            rows.append(
                {
                    "id": ex.id,
                    "name": reader.name(ex.organization.names),
                    "stand": ex.stand or "",
                    "contact": reader.name(ex.contact.names) if ex.contact else "",
                    "cards": cards,
                    "interest": counts,
                }
            )
        taken = {ex.organization_id for ex in exhibitors}
        organizations = _event_organizations(session, scope.event, reader)
    return web.page(
        request,
        "exhibition/organizer.html" if audience == "o" else "exhibition/mine.html",
        {
            "slug": slug,
            "base": scope.base,
            "audience": audience,
            "exhibitors": rows,
            "candidates": [o for o in organizations if o[0] not in taken],
            "organizations": organizations,
            "values": _form_values(None, form),
            "langs": LANGS,
            "error": error,
            "saved": request.query_params.get("saved") == "1",
            **_words(reader),
        },
        status,
    )


def _edit(
    web: Web,
    request: Request,
    slug: str,
    audience: str,
    product_id: int,
    *,
    error: str = "",
    form: FormData | None = None,
    status: int = 200,
) -> Response:
    reader = web.reader(request)
    with web.read() as session:
        scope = _scope(web, request, session, slug, audience)
        product = scope.product(session, product_id)
        card = queries.product_card(product, reader.locale)
        values = _form_values(product, form)
        photos = [(p.id, p.thumb_key, p.width, p.height) for p in product.photos]
        organizations = _event_organizations(session, scope.event, reader)
        exhibitor_name = reader.name(product.exhibitor.organization.names)
    return web.page(
        request,
        "exhibition/edit.html",
        {
            "slug": slug,
            "base": scope.base,
            "audience": audience,
            "card": card,
            "photos": photos,
            "values": values,
            "organizations": organizations,
            "exhibitor_name": exhibitor_name,
            "langs": LANGS,
            "error": error,
            "saved": request.query_params.get("saved") == "1",
            **_words(reader),
        },
        status,
    )


def _refused(web: Web, request: Request, error: KeruenError) -> boundary.Refusal:
    return boundary.refusal(error, web.reader(request).translations)


def _routes(audience: str) -> None:
    """The same editing routes under /me/{slug}/exhibition and /o/{slug}/exhibition."""
    prefix = f"/{audience}/{{slug}}/exhibition"

    def home(slug: str, request: Request) -> Response:
        return _home(web_of(request), request, slug, audience)

    async def add_product(slug: str, exhibitor_id: int, request: Request) -> Response:
        web = web_of(request)
        await web.check_csrf(request)
        form = await request.form()
        reader = web.reader(request)
        try:
            with web.write() as session:
                scope = _scope(web, request, session, slug, audience)
                exhibitor = scope.exhibitor(session, exhibitor_id)
                product = exhibition.add_product(
                    session, exhibitor=exhibitor, data=_product_in(form, reader)
                )
                product_id = product.id
        except NotFound:
            raise
        except KeruenError as error:
            found = _refused(web, request, error)
            return _home(
                web,
                request,
                slug,
                audience,
                error=found.message,
                form=form,
                status=found.http_status,
            )
        return RedirectResponse(
            f"/{audience}/{slug}/exhibition/products/{product_id}?saved=1", status_code=303
        )

    def edit(slug: str, product_id: int, request: Request) -> Response:
        return _edit(web_of(request), request, slug, audience, product_id)

    async def save(slug: str, product_id: int, request: Request) -> Response:
        web = web_of(request)
        await web.check_csrf(request)
        form = await request.form()
        reader = web.reader(request)
        try:
            with web.write() as session:
                scope = _scope(web, request, session, slug, audience)
                product = scope.product(session, product_id)
                exhibition.update_product(session, product=product, data=_product_in(form, reader))
        except NotFound:
            raise
        except KeruenError as error:
            found = _refused(web, request, error)
            return _edit(
                web,
                request,
                slug,
                audience,
                product_id,
                error=found.message,
                form=form,
                status=found.http_status,
            )
        return RedirectResponse(
            f"/{audience}/{slug}/exhibition/products/{product_id}?saved=1", status_code=303
        )

    async def upload(slug: str, product_id: int, request: Request) -> Response:
        web = web_of(request)
        try:
            await web.check_csrf(request)
        except PermissionDenied:
            await request.close()
            raise
        form = await request.form(max_files=1)
        upload_file = form.get("photo")
        try:
            if not isinstance(upload_file, UploadFile):
                raise DomainError(N_("photo: choose a file to upload"))
            data = await upload_file.read(MAX_UPLOAD_BYTES + 1)
            with web.write() as session:
                scope = _scope(web, request, session, slug, audience)
                product = scope.product(session, product_id)
                exhibition.add_photo(
                    session,
                    storage_for(web.settings),
                    product,
                    data,
                    upload_file.filename or "photo",
                )
        except NotFound:
            raise
        except KeruenError as error:
            found = _refused(web, request, error)
            return _edit(
                web,
                request,
                slug,
                audience,
                product_id,
                error=found.message,
                status=found.http_status,
            )
        finally:
            await form.close()
        return RedirectResponse(
            f"/{audience}/{slug}/exhibition/products/{product_id}?saved=1", status_code=303
        )

    async def remove_photo(slug: str, product_id: int, photo_id: int, request: Request) -> Response:
        web = web_of(request)
        await web.check_csrf(request)
        with web.write() as session:
            scope = _scope(web, request, session, slug, audience)
            product = scope.product(session, product_id)
            photo = session.get(ProductPhoto, photo_id)
            if photo is None or photo.product_id != product.id:
                raise NotFound(N_("no photo %(id)s"), id=photo_id)
            exhibition.remove_photo(session, photo=photo, storage=storage_for(web.settings))
        return RedirectResponse(
            f"/{audience}/{slug}/exhibition/products/{product_id}", status_code=303
        )

    async def remove_product(slug: str, product_id: int, request: Request) -> Response:
        web = web_of(request)
        await web.check_csrf(request)
        with web.write() as session:
            scope = _scope(web, request, session, slug, audience)
            product = scope.product(session, product_id)
            exhibition.remove_product(session, product=product, storage=storage_for(web.settings))
        return RedirectResponse(f"/{audience}/{slug}/exhibition", status_code=303)

    def add(path: str, endpoint: Any, method: str) -> None:
        router.add_api_route(
            prefix + path,
            endpoint,
            methods=[method],
            response_class=HTMLResponse,
            include_in_schema=False,
        )

    add("", home, "GET")
    add("/exhibitors/{exhibitor_id}/products", add_product, "POST")
    add("/products/{product_id}", edit, "GET")
    add("/products/{product_id}", save, "POST")
    add("/products/{product_id}/photos", upload, "POST")
    add("/products/{product_id}/photos/{photo_id}/remove", remove_photo, "POST")
    add("/products/{product_id}/remove", remove_product, "POST")


_routes("me")
_routes("o")


# ---------------------------------------------------------------- the organizer: exhibitors


@router.post("/o/{slug}/exhibition/exhibitors", include_in_schema=False)
async def add_exhibitor(slug: str, request: Request) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    form = await request.form()
    org_text = str(form.get("organization", "")).strip()
    contact_text = str(form.get("contact", "")).strip()
    try:
        with web.write() as session:
            scope = _scope(web, request, session, slug, "o")
            if not org_text.isdigit():
                raise DomainError(N_("organization: choose one"))
            exhibition.add_exhibitor(
                session,
                event=scope.event,
                data=ExhibitorIn(
                    organization_id=int(org_text),
                    stand=str(form.get("stand", ""))[:60] or None,
                    contact_delegate_id=int(contact_text) if contact_text.isdigit() else None,
                ),
            )
    except NotFound:
        raise
    except KeruenError as error:
        found = _refused(web, request, error)
        return _home(web, request, slug, "o", error=found.message, status=found.http_status)
    return RedirectResponse(f"/o/{slug}/exhibition?saved=1", status_code=303)


@router.post("/o/{slug}/exhibition/exhibitors/{exhibitor_id}/remove", include_in_schema=False)
async def remove_exhibitor(slug: str, exhibitor_id: int, request: Request) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    with web.write() as session:
        scope = _scope(web, request, session, slug, "o")
        exhibitor = scope.exhibitor(session, exhibitor_id)
        exhibition.remove_exhibitor(session, exhibitor=exhibitor, storage=storage_for(web.settings))
    return RedirectResponse(f"/o/{slug}/exhibition", status_code=303)
