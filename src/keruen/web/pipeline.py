"""The investment pipeline for organizers (/o/pipeline) and its API (/api/v1/pipeline).

Any organizer (an administrator, or an account on the staff of at least one event) follows the
region's pipeline; anyone else reads "not found", and a signed-out visitor is sent to sign in.
Routes parse, call `keruen.investments.service` (the only writer) and render; form fields are
named by their schema path (`names.ru`, `parties.0.country`), so an error lands on its field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import Annotated, Any

from babel import Locale
from babel.numbers import format_decimal
from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen import i18n
from keruen.accounts.models import Account
from keruen.accounts.service import Principal
from keruen.core.errors import Conflict, DomainError, NotFound
from keruen.core.i18n_markers import N_
from keruen.core.text import LocalizedText
from keruen.events.models import Event
from keruen.investments import figures as figure_rules
from keruen.investments import listing
from keruen.investments import service as pipeline
from keruen.investments.enums import (
    AGREEMENT_KIND_LABELS,
    FOLLOW_UP_LABELS,
    MEASURE_LABELS,
    MONEY_MEASURES,
    PARTY_ROLE_LABELS,
    SITE_KIND_LABELS,
    STAGE_LABELS,
    Measure,
    Stage,
)
from keruen.investments.models import Agreement, Project, ProjectFigure, Site
from keruen.investments.schemas import (
    FigureIn,
    ProjectIn,
    PromoteIn,
    StageMoveIn,
    problems,
)
from keruen.organizations.models import Organization
from keruen.reference import taxonomy
from keruen.reference.models import Region
from keruen.web.common import Reader, Web, web_of

router = APIRouter()
TAG: list[str | Enum] = ["pipeline"]
LANGS = ("ru", "kk", "zh", "en")
PARTY_ROWS = 4  # two investors, two local partners on the form
TEMPLATE_WORDS = (
    N_("Pipeline"),
    N_("Sites"),
    N_("Investment projects"),
    N_("New project"),
    N_("Edit the project"),
    N_("project"),
    N_("stage"),
    N_("since"),
    N_("sector"),
    N_("investor country"),
    N_("site"),
    N_("capital expenditure planned"),
    N_("permanent jobs, planned"),
    N_("Parties"),
    N_("Location"),
    N_("Stage history"),
    N_("Figures"),
    N_("in force"),
    N_("all reported figures"),
    N_("source"),
    N_("as of"),
    N_("entered by"),
    N_("rate used"),
    N_("Origins"),
    N_("outcomes of the forum"),
    N_("Move to another stage"),
    N_("Add a figure"),
    N_("note"),
    N_("date"),
    N_("construction started on"),
    N_("operating since"),
    N_("measure"),
    N_("value"),
    N_("currency"),
    N_("US dollars per unit"),
    N_("rate date"),
    N_("rate source"),
    N_("source address"),
    N_("name"),
    N_("description"),
    N_("HS codes"),
    N_("event"),
    N_("organization (ref, BIN or USCC)"),
    N_("or a name"),
    N_("country"),
    N_("first stage"),
    N_("Promote the agreement into a project"),
    N_("Agreement"),
    N_("no projects match"),
    N_("none"),
    N_("the figure that counts is the latest reported (then the latest entered)"),
    N_("region"),
    N_("Filter"),
    N_("Save"),
    N_("reference"),
    N_("Fix these and save again:"),
    N_("previous stage"),
    N_("signed on"),
    N_("US dollars"),
)


# ---------------------------------------------------------------------------------- plumbing


def may_follow_pipeline(who: Principal | None) -> bool:
    """An administrator, or an organizer on the staff of any event."""
    return who is not None and who.is_organizer and (who.is_admin or bool(who.staff_events))


def organizer(web: Web, request: Request) -> Principal:
    who = web.require(request)
    if not may_follow_pipeline(who):
        raise NotFound(N_("This page does not exist."))
    return who


def author(session: Session, who: Principal) -> str:
    account = session.get(Account, who.account_id)
    return account.email if account is not None else f"account {who.account_id}"


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def money(reader: Reader, value: int | None, currency: str | None) -> str:
    """Whole units in the reader's way of writing money ("50 004 000 $", "US$50,004,000")."""
    return i18n.money(value, currency, reader.locale)


def label(table: dict[str, str], value: str | None, reader: Reader) -> str:
    return reader._(table[value]) if value in table else (value or "")


def country_name(code: str, reader: Reader) -> str:
    return str(Locale.parse(reader.babel).territories.get(code, code))


def error_map(errors: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for field, message in errors:
        out.setdefault(field, []).append(message)
    return out


def validation_errors(error: ValidationError, reader: Reader) -> dict[str, list[str]]:
    return error_map((p.column or "", p.render(reader.translations)) for p in problems(error))


def domain_errors(error: DomainError, reader: Reader) -> dict[str, list[str]]:
    return {str(error.params.get("field", "")): [error.render(reader.translations)]}


def nested(form: Any) -> dict[str, Any]:
    """Form fields named by schema path ("names.ru", "parties.0.country") as a nested dict."""
    out: dict[str, Any] = {}
    for key in form:
        if key == "csrf_token":
            continue
        value = str(form.get(key, "")).strip()
        node = out
        parts = key.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return out


def localized(values: Any) -> LocalizedText | None:
    if not isinstance(values, dict):
        return None
    clean = {k: v for k, v in values.items() if k in LANGS and v}
    return LocalizedText.of(clean) if clean else None


# ---------------------------------------------------------------------------------- read models


def _party(session: Session, party: Any, reader: Reader) -> dict[str, Any]:
    org = session.get(Organization, party.organization_id) if party.organization_id else None
    name = reader.name(org.names) if org is not None else reader.name(party.names)
    return {
        "role": party.role,
        "role_label": label(PARTY_ROLE_LABELS, party.role, reader),
        "name": name,
        "organization": (org.ref or org.bin or org.uscc) if org is not None else None,
        "country": party.country,
        "country_name": country_name(party.country, reader),
    }


def _figure(figure: ProjectFigure, reader: Reader) -> dict[str, Any]:
    return {
        "id": figure.id,
        "measure": figure.measure,
        "measure_label": label(MEASURE_LABELS, figure.measure, reader),
        "value": figure.value,
        "currency": figure.currency,
        "usd_value": figure.usd_value,
        "usd_rate": figure.usd_rate,
        "rate_date": figure.rate_date.isoformat() if figure.rate_date else None,
        "rate_source": figure.rate_source,
        "as_of": figure.as_of.isoformat(),
        "source": figure.source,
        "source_url": figure.source_url,
        "entered_by": figure.entered_by,
        "entered_at": figure.entered_at.isoformat() if figure.entered_at else None,
        "shown": money(reader, figure.value, figure.currency),
        "shown_usd": money(reader, figure.usd_value, "USD")
        if figure.currency not in (None, "USD")
        else "",
        "shown_as_of": reader.date(figure.as_of, "medium"),
        "shown_rate_date": reader.date(figure.rate_date, "medium") if figure.rate_date else "",
    }


def _capex(project: Project, reader: Reader) -> dict[str, Any] | None:
    found = figure_rules.figure_in_force(project, Measure.CAPEX_PLANNED)
    if found is None:
        return None
    return {
        "usd_value": found.usd_value,
        "value": found.value,
        "currency": found.currency,
        "shown": money(reader, found.usd_value, "USD"),
        "original": money(reader, found.value, found.currency) if found.currency != "USD" else "",
    }


def _jobs(project: Project, reader: Reader) -> dict[str, Any] | None:
    found = figure_rules.figure_in_force(project, Measure.JOBS_PERMANENT_PLANNED)
    if found is None:
        return None
    return {"value": found.value, "shown": format_decimal(found.value, locale=reader.babel)}


def _region_name(session: Session, code: str, reader: Reader) -> str:
    region = session.get(Region, code)
    return reader.name(region.names) if region is not None else code


def project_row(session: Session, project: Project, reader: Reader) -> dict[str, Any]:
    investors = [p for p in project.parties if p.role == "investor"]
    return {
        "ref": project.ref,
        "name": reader.name(project.names),
        "stage": project.stage,
        "stage_label": label(STAGE_LABELS, project.stage, reader),
        "stage_since": project.stage_since.isoformat(),
        "shown_since": reader.date(project.stage_since, "medium"),
        "isic": project.isic_code,
        "sector": taxonomy.code_title("isic", project.isic_code, reader.locale) or "",
        "investor_countries": sorted({p.country for p in investors}),
        "investor_country_names": [
            country_name(c, reader) for c in sorted({p.country for p in investors})
        ],
        "site": project.site.ref if project.site is not None else None,
        "site_name": reader.name(project.site.names) if project.site is not None else "",
        "region": project.region_code,
        "capex_planned": _capex(project, reader),
        "jobs_permanent_planned": _jobs(project, reader),
    }


def _origin(session: Session, origin: Any, reader: Reader) -> dict[str, Any]:
    event = session.get(Event, origin.event_id) if origin.event_id else None
    found: dict[str, Any] = {
        "event": event.slug if event is not None else None,
        "event_name": reader.name(event.names) if event is not None else "",
        "meeting_key": origin.meeting_key,
        "agreement": None,
    }
    agreement = session.get(Agreement, origin.agreement_id) if origin.agreement_id else None
    if agreement is not None:
        found["agreement"] = _agreement(session, agreement, reader)
    return found


def _agreement(session: Session, agreement: Agreement, reader: Reader) -> dict[str, Any]:
    orgs = [
        session.get(Organization, agreement.first_organization_id),
        session.get(Organization, agreement.second_organization_id),
    ]
    return {
        "id": agreement.id,
        "level": agreement.level,
        "level_label": label(FOLLOW_UP_LABELS, agreement.level, reader),
        "kind": agreement.kind,
        "kind_label": label(AGREEMENT_KIND_LABELS, agreement.kind, reader),
        "signed_on": agreement.signed_on.isoformat() if agreement.signed_on else None,
        "shown_signed_on": reader.date(agreement.signed_on, "medium")
        if agreement.signed_on
        else "",
        "organizations": [reader.name(o.names) for o in orgs if o is not None],
        "amount": money(reader, agreement.amount, agreement.currency),
        "title": reader.name(agreement.title),
    }


def project_detail(session: Session, project: Project, reader: Reader) -> dict[str, Any]:
    detail = project_row(session, project, reader)
    measures = []
    for measure in Measure:
        rows = [f for f in project.figures if f.measure == measure.value]
        if not rows:
            continue
        in_force = figure_rules.in_force(rows, measure)
        ordered = sorted(rows, key=lambda f: (f.as_of, f.id), reverse=True)
        measures.append(
            {
                "measure": measure.value,
                "label": reader._(MEASURE_LABELS[measure.value]),
                "in_force": _figure(in_force, reader) if in_force is not None else None,
                "reported": [_figure(f, reader) for f in ordered],
            }
        )
    detail.update(
        {
            "names": project.names.to_json(),
            "description": reader.name(project.description),
            "hs": list(project.hs_codes or []),
            "hs_titles": [
                f"{code} {taxonomy.code_title('hs', code, reader.locale) or ''}".strip()
                for code in project.hs_codes or []
            ],
            "region_name": _region_name(session, project.region_code, reader),
            "event": None,
            "construction_started_on": project.construction_started_on.isoformat()
            if project.construction_started_on
            else None,
            "operating_since": project.operating_since.isoformat()
            if project.operating_since
            else None,
            "shown_started_on": reader.date(project.construction_started_on, "medium")
            if project.construction_started_on
            else "",
            "shown_operating_since": reader.date(project.operating_since, "medium")
            if project.operating_since
            else "",
            "parties": [_party(session, p, reader) for p in project.parties],
            "stages": [
                {
                    "previous": c.previous,
                    "previous_label": label(STAGE_LABELS, c.previous, reader),
                    "stage": c.stage,
                    "stage_label": label(STAGE_LABELS, c.stage, reader),
                    "on": c.on.isoformat(),
                    "shown_on": reader.date(c.on, "medium"),
                    "note": c.note,
                    "source": c.source,
                    "entered_by": c.entered_by,
                }
                for c in reversed(project.stages)
            ],
            "figures": measures,
            "origins": [_origin(session, o, reader) for o in project.origins],
            "fictional": project.fictional,
        }
    )
    if project.event_id:
        event = session.get(Event, project.event_id)
        if event is not None:
            detail["event"] = event.slug
            detail["event_name"] = reader.name(event.names)
    return detail


# ---------------------------------------------------------------------------------- form input


def project_input(form: Any, reader: Reader, *, new: bool) -> tuple[dict[str, Any], list[int]]:
    """The form as ProjectIn's data, and for each party kept the form row it came from."""
    data = nested(form)
    out: dict[str, Any] = {
        "ref": data.get("ref") or None,
        "names": localized(data.get("names")) or LocalizedText(),
        "description": localized(data.get("description")),
        "isic": data.get("isic", ""),
        "hs": [c for c in data.get("hs", "").replace(",", " ").replace(";", " ").split() if c],
        "region": data.get("region", ""),
        "site": data.get("site") or None,
        "event": data.get("event") or None,
    }
    parties, rows = [], []
    raw = data.get("parties", {})
    for index in range(PARTY_ROWS):
        row = raw.get(str(index), {}) if isinstance(raw, dict) else {}
        if not (row.get("organization") or row.get("names")):
            continue
        name = row.get("names")
        parties.append(
            {
                "role": row.get("role") or "investor",
                "organization": row.get("organization") or None,
                "names": LocalizedText.of({reader.locale: name}) if name else None,
                "country": row.get("country") or None,
            }
        )
        rows.append(index)
    out["parties"] = parties
    if new:
        for key in ("stage", "stage_on", "started_on", "operating_since"):
            if data.get(key):
                out[key] = data[key]
    return out, rows


def _renumber(errors: dict[str, list[str]], rows: list[int]) -> dict[str, list[str]]:
    """Errors of `parties.N.x` (N among the parties kept) put back on the form's row."""
    out: dict[str, list[str]] = {}
    for field, messages in errors.items():
        parts = field.split(".")
        if len(parts) >= 2 and parts[0] == "parties" and parts[1].isdigit():
            kept = int(parts[1])
            if kept < len(rows):
                parts[1] = str(rows[kept])
        out.setdefault(".".join(parts), []).extend(messages)
    return out


def project_form_values(project: Project | None, session: Session) -> dict[str, Any]:
    """The form's fields (by schema path) for a stored project, or empty for a new one."""
    if project is None:
        values: dict[str, Any] = {"stage": "idea", "stage_on": pipeline.today().isoformat()}
        for index in range(PARTY_ROWS):
            values[f"parties.{index}.role"] = "investor" if index < 2 else "local_partner"
        return values
    values = {
        "ref": project.ref,
        "isic": project.isic_code,
        "hs": " ".join(project.hs_codes or []),
        "region": project.region_code,
        "site": project.site.ref if project.site is not None else "",
        "event": "",
    }
    if project.event_id:
        event = session.get(Event, project.event_id)
        values["event"] = event.slug if event is not None else ""
    for lang in LANGS:
        values[f"names.{lang}"] = project.names.values.get(lang, "")
        if project.description is not None:
            values[f"description.{lang}"] = project.description.values.get(lang, "")
    for index in range(PARTY_ROWS):
        values[f"parties.{index}.role"] = "investor" if index < 2 else "local_partner"
    for index, party in enumerate(project.parties[:PARTY_ROWS]):
        org = session.get(Organization, party.organization_id) if party.organization_id else None
        values[f"parties.{index}.role"] = party.role
        values[f"parties.{index}.organization"] = (
            (org.ref or org.bin or org.uscc or "") if org is not None else ""
        )
        values[f"parties.{index}.names"] = (
            (party.names.get("en") or "") if party.names is not None else ""
        )
        values[f"parties.{index}.country"] = party.country
    return values


def region_choices(session: Session, reader: Reader) -> list[tuple[str, str]]:
    """Every region, district and city by its code, named in the reader's language; a district
    is indented under its region (the codes sort that way: KZ-61, KZ-61-KEN, ...)."""
    rows = session.scalars(select(Region).order_by(Region.code))
    return [
        (r.code, "\u2003" * max(r.code.count("-") - 1, 0) + f"{reader.name(r.names)} ({r.code})")
        for r in rows
    ]


def choices(session: Session, reader: Reader) -> dict[str, Any]:
    """What the forms and filters offer: stages, sites, events, organizations, measures."""
    return {
        "regions": region_choices(session, reader),
        "stages": [(s.value, reader._(STAGE_LABELS[s.value])) for s in Stage],
        "sites": [
            (s.ref, reader.name(s.names)) for s in session.scalars(select(Site).order_by(Site.ref))
        ],
        "events": [
            (e.slug, reader.name(e.names))
            for e in session.scalars(select(Event).order_by(Event.starts_on))
        ],
        "organizations": [
            (o.ref or o.bin or o.uscc or "", reader.name(o.names))
            for o in session.scalars(select(Organization).order_by(Organization.ref))
        ],
        "measures": [(m.value, reader._(MEASURE_LABELS[m.value])) for m in Measure],
        "money_measures": [m.value for m in MONEY_MEASURES],
        "roles": [(k, reader._(v)) for k, v in PARTY_ROLE_LABELS.items()],
        "site_kinds": [(k, reader._(v)) for k, v in SITE_KIND_LABELS.items()],
        "langs": LANGS,
    }


# ---------------------------------------------------------------------------------- pages


def _filter(
    stage: str | None,
    isic: str | None,
    country: str | None,
    site: str | None,
    region: str | None,
    event: str | None,
) -> listing.ProjectFilter:
    def clean(value: str | None) -> str | None:
        return value.strip()[:80] or None if value else None

    return listing.ProjectFilter(
        stage=clean(stage),
        isic=clean(isic),
        country=clean(country),
        site=clean(site),
        region=clean(region),
        event=clean(event),
    )


@router.get("/o/pipeline", response_class=HTMLResponse, include_in_schema=False)
def pipeline_page(
    request: Request,
    stage: str | None = None,
    isic: str | None = None,
    country: str | None = None,
    site: str | None = None,
    region: str | None = None,
    event: str | None = None,
) -> Response:
    web = web_of(request)
    organizer(web, request)
    reader = web.reader(request)
    flt = _filter(stage, isic, country, site, region, event)
    with web.read() as session:
        rows = [project_row(session, p, reader) for p in listing.projects(session, flt)]
        countries = sorted(
            {
                c
                for p in listing.projects(session)
                for c in project_row(session, p, reader)["investor_countries"]
            }
        )
        context = {
            "rows": rows,
            "flt": flt,
            "countries": [(c, country_name(c, reader)) for c in countries],
            **choices(session, reader),
        }
    return web.page(request, "pipeline/list.html", context)


def _form_page(
    web: Web,
    request: Request,
    *,
    project: dict[str, Any] | None,
    values: dict[str, Any],
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> Response:
    reader = web.reader(request)
    with web.read() as session:
        context = {
            "project": project,
            "values": values,
            "errors": errors or {},
            "party_rows": range(PARTY_ROWS),
            **choices(session, reader),
        }
    return web.page(request, "pipeline/form.html", context, status)


def _promote_page(
    web: Web,
    request: Request,
    agreement_id: int,
    *,
    values: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> Response:
    reader = web.reader(request)
    with web.read() as session:
        agreement = session.get(Agreement, agreement_id)
        if agreement is None:
            raise NotFound(N_("no agreement %(id)s"), id=agreement_id)
        existing = pipeline.origin_of(session, agreement)
        suggested = pipeline.promotion_defaults(session, agreement)
        if values is None and suggested is not None:
            # what the promotion takes when left as it is: the organizer sees it and may change it
            values = {"region": suggested.region, "isic": suggested.isic}
        context = {
            "agreement": _agreement(session, agreement, reader),
            "investor": reader.name(suggested.investor.names) if suggested else "",
            "local": reader.name(suggested.local.names) if suggested else "",
            "existing": existing.ref if existing is not None else None,
            "values": values or {},
            "errors": errors or {},
            **choices(session, reader),
        }
    return web.page(request, "pipeline/promote.html", context, status)


@router.get("/o/pipeline/new", response_class=HTMLResponse, include_in_schema=False)
def new_project_page(request: Request, agreement: int | None = None) -> Response:
    web = web_of(request)
    organizer(web, request)
    if agreement is not None and 1 <= agreement < 2**31:
        return _promote_page(web, request, agreement)
    with web.read() as session:
        values = project_form_values(None, session)
    return _form_page(web, request, project=None, values=values)


@router.post("/o/pipeline/new", include_in_schema=False)
async def new_project_submit(request: Request) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    who = organizer(web, request)
    reader = web.reader(request)
    form = await request.form()
    agreement_id = str(form.get("agreement", "")).strip()
    if agreement_id:
        return _promote_submit(web, request, who, form, agreement_id)
    data, rows = project_input(form, reader, new=True)
    values = {k: str(v) for k, v in form.items() if k != "csrf_token"}
    try:
        parsed = ProjectIn.model_validate(data)
        with web.write() as session:
            project = pipeline.create_project(session, parsed, author(session, who))
            ref = project.ref
    except ValidationError as error:
        errors = _renumber(validation_errors(error, reader), rows)
        return _form_page(web, request, project=None, values=values, errors=errors, status=422)
    except DomainError as error:
        errors = _renumber(domain_errors(error, reader), rows)
        return _form_page(web, request, project=None, values=values, errors=errors, status=422)
    return _see_other(f"/o/pipeline/projects/{ref}")


def _promote_submit(
    web: Web, request: Request, who: Principal, form: Any, agreement_id: str
) -> Response:
    reader = web.reader(request)
    if not agreement_id.isdigit() or not 1 <= int(agreement_id) < 2**31:
        raise NotFound(N_("no agreement %(id)s"), id=agreement_id)
    data = nested(form)
    values = {k: str(v) for k, v in form.items() if k != "csrf_token"}
    body = {
        "names": localized(data.get("names")),
        "isic": data.get("isic") or None,
        "hs": [c for c in data.get("hs", "").replace(",", " ").split() if c],
        "region": data.get("region") or None,
        "site": data.get("site") or None,
    }
    try:
        parsed = PromoteIn.model_validate(body)
        with web.write() as session:
            agreement = session.get(Agreement, int(agreement_id))
            if agreement is None:
                raise NotFound(N_("no agreement %(id)s"), id=agreement_id)
            project = pipeline.promote_agreement(session, agreement, parsed, author(session, who))
            ref = project.ref
    except ValidationError as error:
        errors = validation_errors(error, reader)
        return _promote_page(
            web, request, int(agreement_id), values=values, errors=errors, status=422
        )
    except (Conflict, NotFound):
        raise
    except DomainError as error:
        errors = domain_errors(error, reader)
        return _promote_page(
            web, request, int(agreement_id), values=values, errors=errors, status=422
        )
    return _see_other(f"/o/pipeline/projects/{ref}")


RefPath = Annotated[str, Path(min_length=1, max_length=80)]


def _project_page(
    web: Web,
    request: Request,
    ref: str,
    *,
    errors: dict[str, list[str]] | None = None,
    values: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    reader = web.reader(request)
    with web.read() as session:
        project = pipeline.find_project(session, ref)
        context = {
            "p": project_detail(session, project, reader),
            "errors": errors or {},
            "values": values or {"on": pipeline.today().isoformat()},
            **choices(session, reader),
        }
    return web.page(request, "pipeline/project.html", context, status)


@router.get("/o/pipeline/projects/{ref}", response_class=HTMLResponse, include_in_schema=False)
def project_page(ref: RefPath, request: Request) -> Response:
    web = web_of(request)
    organizer(web, request)
    return _project_page(web, request, ref)


@router.get("/o/pipeline/projects/{ref}/edit", response_class=HTMLResponse, include_in_schema=False)
def edit_project_page(ref: RefPath, request: Request) -> Response:
    web = web_of(request)
    organizer(web, request)
    reader = web.reader(request)
    with web.read() as session:
        project = pipeline.find_project(session, ref)
        values = project_form_values(project, session)
        row = project_row(session, project, reader)
    return _form_page(web, request, project=row, values=values)


@router.post("/o/pipeline/projects/{ref}/edit", include_in_schema=False)
async def edit_project_submit(ref: RefPath, request: Request) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    who = organizer(web, request)
    reader = web.reader(request)
    form = await request.form()
    data, rows = project_input(form, reader, new=False)
    values = {k: str(v) for k, v in form.items() if k != "csrf_token"}
    try:
        parsed = ProjectIn.model_validate(data)
        with web.write() as session:
            project = pipeline.find_project(session, ref)
            pipeline.update_project(session, project, parsed, author(session, who))
            ref = project.ref
    except (ValidationError, DomainError) as error:
        if isinstance(error, NotFound):
            raise
        errors = (
            validation_errors(error, reader)
            if isinstance(error, ValidationError)
            else domain_errors(error, reader)
        )
        with web.read() as session:
            row = project_row(session, pipeline.find_project(session, ref), reader)
        return _form_page(
            web, request, project=row, values=values, errors=_renumber(errors, rows), status=422
        )
    return _see_other(f"/o/pipeline/projects/{ref}")


def _move(session: Session, ref: str, move: StageMoveIn, who: Principal) -> Project:
    """The page's and the API's stage move: one call of the service with what the form said."""
    project = pipeline.find_project(session, ref)
    pipeline.move_stage(
        session,
        project,
        move.stage,
        move.on,
        author(session, who),
        note=move.note,
        source=move.source,
        started_on=move.started_on,
        operating_since=move.operating_since,
    )
    return project


async def _project_form(
    request: Request,
    ref: str,
    *,
    section: str,
    anchor: str,
    values_prefix: str,
    apply: Callable[[Session, dict[str, Any], Principal], None],
) -> Response:
    """A form of the project page (a stage move, a figure): checked, written, or shown again
    with each refusal beside its field (`section.field`) and what was typed."""
    web = web_of(request)
    await web.check_csrf(request)
    who = organizer(web, request)
    reader = web.reader(request)
    form = await request.form()
    data = {k: v for k, v in nested(form).items() if v}
    values = {f"{values_prefix}{k}": str(v) for k, v in form.items() if k != "csrf_token"}
    try:
        with web.write() as session:
            apply(session, data, who)
    except ValidationError as error:
        errors = {f"{section}.{k}": v for k, v in validation_errors(error, reader).items()}
        return _project_page(web, request, ref, errors=errors, values=values, status=422)
    except DomainError as error:
        if isinstance(error, NotFound):
            raise
        errors = {f"{section}.{k}": v for k, v in domain_errors(error, reader).items()}
        return _project_page(web, request, ref, errors=errors, values=values, status=422)
    return _see_other(f"/o/pipeline/projects/{ref}#{anchor}")


@router.post("/o/pipeline/projects/{ref}/stage", include_in_schema=False)
async def move_stage_submit(ref: RefPath, request: Request) -> Response:
    def apply(session: Session, data: dict[str, Any], who: Principal) -> None:
        _move(session, ref, StageMoveIn.model_validate(data), who)

    return await _project_form(
        request, ref, section="move", anchor="stages", values_prefix="", apply=apply
    )


@router.post("/o/pipeline/projects/{ref}/figures", include_in_schema=False)
async def add_figure_submit(ref: RefPath, request: Request) -> Response:
    def apply(session: Session, data: dict[str, Any], who: Principal) -> None:
        parsed = FigureIn.model_validate(data)
        project = pipeline.find_project(session, ref)
        pipeline.add_figure(session, project, parsed, author(session, who))

    return await _project_form(
        request, ref, section="figure", anchor="figures", values_prefix="figure.", apply=apply
    )


# ---------------------------------------------------------------------------------- JSON API


@router.get("/api/v1/pipeline/projects", tags=TAG)
def api_projects(
    request: Request,
    stage: str | None = None,
    isic: str | None = None,
    country: str | None = None,
    site: str | None = None,
    region: str | None = None,
    event: str | None = None,
) -> list[dict[str, Any]]:
    """Projects by stage, ISIC prefix, investor country, site, region (with its districts) and
    event; capital expenditure and permanent jobs planned are the figures in force."""
    web = web_of(request)
    organizer(web, request)
    reader = web.reader(request)
    flt = _filter(stage, isic, country, site, region, event)
    with web.read() as session:
        return [project_row(session, p, reader) for p in listing.projects(session, flt)]


@router.get("/api/v1/pipeline/projects/{ref}", tags=TAG)
def api_project(ref: RefPath, request: Request) -> dict[str, Any]:
    """Everything about a project: parties, stage history, every reported figure, origins."""
    web = web_of(request)
    organizer(web, request)
    reader = web.reader(request)
    with web.read() as session:
        return project_detail(session, pipeline.find_project(session, ref), reader)


@router.post("/api/v1/pipeline/projects", tags=TAG, status_code=201)
async def api_create_project(request: Request, body: ProjectIn) -> Any:
    web = web_of(request)
    await web.check_csrf(request)
    who = organizer(web, request)
    reader = web.reader(request)
    with web.write() as session:
        project = pipeline.create_project(session, body, author(session, who))
        return project_detail(session, project, reader)


@router.put("/api/v1/pipeline/projects/{ref}", tags=TAG)
async def api_update_project(ref: RefPath, request: Request, body: ProjectIn) -> Any:
    web = web_of(request)
    await web.check_csrf(request)
    who = organizer(web, request)
    reader = web.reader(request)
    with web.write() as session:
        project = pipeline.find_project(session, ref)
        pipeline.update_project(session, project, body, author(session, who))
        return project_detail(session, project, reader)


@router.post("/api/v1/pipeline/projects/{ref}/stage", tags=TAG)
async def api_move_stage(ref: RefPath, request: Request, body: StageMoveIn) -> Any:
    web = web_of(request)
    await web.check_csrf(request)
    who = organizer(web, request)
    reader = web.reader(request)
    with web.write() as session:
        return project_detail(session, _move(session, ref, body, who), reader)


@router.post("/api/v1/pipeline/projects/{ref}/figures", tags=TAG, status_code=201)
async def api_add_figure(ref: RefPath, request: Request, body: FigureIn) -> Any:
    web = web_of(request)
    await web.check_csrf(request)
    who = organizer(web, request)
    reader = web.reader(request)
    with web.write() as session:
        project = pipeline.find_project(session, ref)
        figure = pipeline.add_figure(session, project, body, author(session, who))
        return _figure(figure, reader)


@router.post("/api/v1/pipeline/agreements/{agreement_id}/promote", tags=TAG, status_code=201)
async def api_promote(
    agreement_id: Annotated[int, Path(ge=1, le=2**31 - 1)], request: Request, body: PromoteIn
) -> Any:
    """A project from an agreement (once: a second time is a conflict naming the project)."""
    web = web_of(request)
    await web.check_csrf(request)
    who = organizer(web, request)
    reader = web.reader(request)
    with web.write() as session:
        agreement = session.get(Agreement, agreement_id)
        if agreement is None:
            raise NotFound(N_("no agreement %(id)s"), id=agreement_id)
        project = pipeline.promote_agreement(session, agreement, body, author(session, who))
        return project_detail(session, project, reader)
