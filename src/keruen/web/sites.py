"""Sites: the public catalogue of industrial and special economic zones for a visiting investor
(/sites, /sites/{ref}, in the reader's language, with the projects placed there by name only:
no figures), and the organizers' editing (/o/sites)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from babel.numbers import format_decimal
from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from keruen.core.errors import DomainError, NotFound
from keruen.core.i18n_markers import N_
from keruen.investments import listing
from keruen.investments import service as pipeline
from keruen.investments.enums import SITE_KIND_LABELS, SiteKind
from keruen.investments.models import Site
from keruen.investments.schemas import UTILITY_LABELS, SiteIn
from keruen.reference.models import Region
from keruen.web.common import Reader, Web, web_of
from keruen.web.pipeline import (
    LANGS,
    author,
    domain_errors,
    label,
    localized,
    nested,
    organizer,
    region_choices,
    validation_errors,
)

router = APIRouter()
TAG: list[str | Enum] = ["sites"]
TEMPLATE_WORDS = (
    N_("Industrial zones and special economic zones"),
    N_("Where a project can go: land, utilities, incentives and whom to contact."),
    N_("kind"),
    N_("utility"),
    N_("land available"),
    N_("%(ha)s ha (as of %(date)s)"),
    N_("utilities"),
    N_("incentives"),
    N_("contact"),
    N_("website"),
    N_("Projects on this site"),
    N_("New site"),
    N_("Edit the site"),
    N_("land available, ha"),
    N_("land available as of"),
    N_("contact name"),
    N_("e-mail"),
    N_("phone"),
    N_("demo data: figures and contacts are not official"),
    N_("no sites match"),
)
RefPath = Annotated[str, Path(min_length=1, max_length=80)]


def _region_name(session: Session, code: str, reader: Reader) -> str:
    region = session.get(Region, code)
    return reader.name(region.names) if region is not None else code


def site_card(session: Session, site: Site, reader: Reader) -> dict[str, Any]:
    land = ""
    if site.land_available_ha is not None:
        ha = format_decimal(site.land_available_ha, locale=reader.babel)
        land = (
            reader._("%(ha)s ha (as of %(date)s)")
            % {"ha": ha, "date": reader.date(site.land_as_of, "medium")}
            if site.land_as_of
            else f"{ha} ha"
        )
    return {
        "ref": site.ref,
        "kind": site.kind,
        "kind_label": label(SITE_KIND_LABELS, site.kind, reader),
        "name": reader.name(site.names),
        "region": site.region_code,
        "region_name": _region_name(session, site.region_code, reader),
        "description": reader.name(site.description),
        "land_available_ha": site.land_available_ha,
        "land_as_of": site.land_as_of.isoformat() if site.land_as_of else None,
        "land": land,
        "utilities": list(site.utilities or []),
        "utility_labels": [label(UTILITY_LABELS, u, reader) for u in site.utilities or []],
        "incentives": reader.name(site.incentives),
        "contact_name": site.contact_name,
        "contact_email": site.contact_email,
        "contact_phone": site.contact_phone,
        "website": site.website,
        "fictional": site.fictional,
    }


def _choices(session: Session, reader: Reader) -> dict[str, Any]:
    return {
        "regions": region_choices(session, reader),
        "kinds": [(k.value, reader._(SITE_KIND_LABELS[k.value])) for k in SiteKind],
        "utility_choices": [(k, reader._(v)) for k, v in UTILITY_LABELS.items()],
        "langs": LANGS,
    }


def _clean(value: str | None) -> str | None:
    return value.strip()[:80] or None if value else None


# ---------------------------------------------------------------------------------- public


@router.get("/sites", response_class=HTMLResponse, include_in_schema=False)
def catalogue(
    request: Request, kind: str | None = None, region: str | None = None, utility: str | None = None
) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    flt = {"kind": _clean(kind), "region": _clean(region), "utility": _clean(utility)}
    with web.read() as session:
        cards = [site_card(session, s, reader) for s in listing.sites(session, **flt)]
        offered = _choices(session, reader)
    return web.page(request, "sites/catalogue.html", {"cards": cards, "flt": flt, **offered})


@router.get("/sites/{ref}", response_class=HTMLResponse, include_in_schema=False)
def site_page(ref: RefPath, request: Request) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        site = pipeline.find_site(session, ref)
        card = site_card(session, site, reader)
        placed = [reader.name(p.names) for p in listing.projects_on(session, site)]
    return web.page(request, "sites/site.html", {"site": card, "placed": placed})


@router.get("/api/v1/sites", tags=TAG)
def api_sites(
    request: Request, kind: str | None = None, region: str | None = None, utility: str | None = None
) -> list[dict[str, Any]]:
    """The public catalogue of sites, in the reader's language (`?lang=`)."""
    web = web_of(request)
    reader = web.reader(request)
    flt = {"kind": _clean(kind), "region": _clean(region), "utility": _clean(utility)}
    with web.read() as session:
        return [site_card(session, s, reader) for s in listing.sites(session, **flt)]


@router.get("/api/v1/sites/{ref}", tags=TAG)
def api_site(ref: RefPath, request: Request) -> dict[str, Any]:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        site = pipeline.find_site(session, ref)
        card = site_card(session, site, reader)
        card["projects"] = [reader.name(p.names) for p in listing.projects_on(session, site)]
        return card


# ---------------------------------------------------------------------------------- organizers


@router.get("/o/sites", response_class=HTMLResponse, include_in_schema=False)
def organizer_sites(request: Request) -> Response:
    web = web_of(request)
    organizer(web, request)
    reader = web.reader(request)
    with web.read() as session:
        cards = [site_card(session, s, reader) for s in listing.sites(session)]
    return web.page(request, "sites/list.html", {"cards": cards})


def _values(site: Site | None) -> dict[str, Any]:
    if site is None:
        return {"kind": "industrial_zone"}
    values: dict[str, Any] = {
        "ref": site.ref,
        "kind": site.kind,
        "region": site.region_code,
        "land_available_ha": "" if site.land_available_ha is None else str(site.land_available_ha),
        "land_as_of": site.land_as_of.isoformat() if site.land_as_of else "",
        "contact_name": site.contact_name or "",
        "contact_email": site.contact_email or "",
        "contact_phone": site.contact_phone or "",
        "website": site.website or "",
        "utilities": list(site.utilities or []),
    }
    for field in ("names", "description", "incentives"):
        text = getattr(site, field)
        for lang in LANGS:
            values[f"{field}.{lang}"] = text.values.get(lang, "") if text is not None else ""
    return values


def _form(
    web: Web,
    request: Request,
    *,
    ref: str | None,
    values: dict[str, Any],
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> Response:
    reader = web.reader(request)
    with web.read() as session:
        offered = _choices(session, reader)
    context = {"ref": ref, "values": values, "errors": errors or {}, **offered}
    return web.page(request, "sites/form.html", context, status)


@router.get("/o/sites/new", response_class=HTMLResponse, include_in_schema=False)
def new_site(request: Request) -> Response:
    web = web_of(request)
    organizer(web, request)
    return _form(web, request, ref=None, values=_values(None))


@router.get("/o/sites/{ref}/edit", response_class=HTMLResponse, include_in_schema=False)
def edit_site(ref: RefPath, request: Request) -> Response:
    web = web_of(request)
    organizer(web, request)
    with web.read() as session:
        values = _values(pipeline.find_site(session, ref))
    return _form(web, request, ref=ref, values=values)


async def _submit(request: Request, ref: str | None) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    who = organizer(web, request)
    reader = web.reader(request)
    form = await request.form()
    data = nested(form)
    utilities = [str(u) for u in form.getlist("utilities")]
    data.pop("utilities", None)
    values: dict[str, Any] = {k: str(v) for k, v in form.items() if k != "csrf_token"}
    values["utilities"] = utilities
    body = {
        "ref": ref or data.get("ref") or None,
        "kind": data.get("kind", ""),
        "names": localized(data.get("names")) or {"values": {}},
        "region": data.get("region", ""),
        "description": localized(data.get("description")),
        "land_available_ha": data.get("land_available_ha") or None,
        "land_as_of": data.get("land_as_of") or None,
        "utilities": utilities,
        "incentives": localized(data.get("incentives")),
        "contact_name": data.get("contact_name"),
        "contact_email": data.get("contact_email"),
        "contact_phone": data.get("contact_phone"),
        "website": data.get("website"),
    }
    try:
        parsed = SiteIn.model_validate(body)
        with web.write() as session:
            if ref is not None:
                existing = pipeline.find_site(session, ref)
                parsed = parsed.model_copy(update={"fictional": existing.fictional})
            elif parsed.ref and listing_has(session, parsed.ref):
                raise DomainError(
                    N_("%(field)s: %(ref)s is already used"), field="ref", ref=parsed.ref
                )
            site = pipeline.upsert_site(session, parsed, author(session, who))
            saved = site.ref
    except ValidationError as error:
        return _form(
            web,
            request,
            ref=ref,
            values=values,
            errors=validation_errors(error, reader),
            status=422,
        )
    except DomainError as error:
        if isinstance(error, NotFound):
            raise
        return _form(
            web, request, ref=ref, values=values, errors=domain_errors(error, reader), status=422
        )
    return RedirectResponse(f"/sites/{saved}", status_code=303)


def listing_has(session: Session, ref: str) -> bool:
    try:
        pipeline.find_site(session, ref)
    except NotFound:
        return False
    return True


@router.post("/o/sites/new", include_in_schema=False)
async def new_site_submit(request: Request) -> Response:
    return await _submit(request, None)


@router.post("/o/sites/{ref}/edit", include_in_schema=False)
async def edit_site_submit(ref: RefPath, request: Request) -> Response:
    return await _submit(request, ref)
