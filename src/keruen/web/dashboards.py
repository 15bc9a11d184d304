"""Dashboards (/o/{slug}/dashboard for an event's staff, /o/pipeline/dashboard for any
organizer), the drill-down page behind every number (/o/dashboard/{event|pipeline}/{key}), their
JSON (/api/v1/o/{slug}/dashboard, /api/v1/pipeline/dashboard) and the leadership report as PDF
and Excel (/o/pipeline/report.pdf, /o/pipeline/report.xlsx).

A number and its drill-down come from the same `Figure`: the page lists exactly the items the
number is the sum of, their values and sources, and the total at the bottom."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.orm import Session

from keruen.accounts import service as accounts
from keruen.accounts.service import Principal
from keruen.agendas import onsite
from keruen.core.errors import NotFound, PermissionDenied
from keruen.core.i18n_markers import N_
from keruen.events import service as event_service
from keruen.events.models import Event
from keruen.investments import queries
from keruen.investments.queries import Board, Figure
from keruen.reports import dashboards as views
from keruen.reports import documents
from keruen.web.common import PDF, XLSX, Reader, download, web_of

router = APIRouter()
TAG: list[Any] = ["dashboards"]


def attendance(session: Session, event: Event) -> dict[str, str]:
    """The on-site marks (held / no-show) of the event's meetings, by meeting key."""
    return {key: mark.status for key, mark in onsite.marks(session, event).items()}


def _organizer(who: Principal | None) -> Principal:
    """Any organizer (an account) sees the pipeline; a participant learns nothing of it."""
    if who is None:
        raise PermissionDenied(N_("sign in first"))
    if not who.is_organizer:
        raise NotFound(N_("This page does not exist."))
    return who


def _staff_event(session: Session, who: Principal | None, slug: str) -> Event:
    event = event_service.get_event(session, slug)
    accounts.require_event_staff(who, event)
    return event


def _pipeline_event(session: Session, who: Principal | None, slug: str | None) -> Event | None:
    _organizer(who)
    return _staff_event(session, who, slug) if slug else None


def _figure_view(figure: Figure, scope: str, event: str | None, r: Reader) -> dict[str, Any]:
    return {
        "key": figure.key,
        "label": r._(figure.label),
        "category": figure.category,
        "category_label": figure.category_label,
        "value": figure.value,
        "shown": views.shown(figure, r.locale),
        "compact": views.shown(figure, r.locale, compact=True),
        "unit": figure.unit,
        "href": views.figure_href(scope, figure.key, event),
        "note": (r._(figure.note) % {"count": len(figure.uncounted)}) if figure.note else "",
    }


def _family(
    board: Board, name: str, scope: str, event: str | None, r: Reader
) -> list[dict[str, Any]]:
    return [_figure_view(f, scope, event, r) for f in board.family(name)]


# ------------------------------------------------------------------ pages


@router.get("/o/pipeline/dashboard", response_class=HTMLResponse, include_in_schema=False)
def pipeline_dashboard(request: Request, event: str | None = None) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        found = _pipeline_event(session, web.principal(request), event)
        board = queries.pipeline_board(session, reader.locale, found)
        charts = views.pipeline_charts(board, reader.locale, event)
        event_name = reader.name(found.names) if found else ""

    def one(key: str) -> dict[str, Any]:
        return _figure_view(board[key], "pipeline", event, reader)

    context = {
        "event": event,
        "event_name": event_name,
        "totals": [one(k) for k in ("projects", "capex_planned", "capex_spent")],
        "jobs": _family(board, "jobs", "pipeline", event, reader),
        "dropped": [one("dropped"), one("capex_planned.dropped")],
        "tables": [
            (
                reader._(title),
                list(
                    zip(
                        _family(board, family, "pipeline", event, reader),
                        _family(board, f"{family}.capex", "pipeline", event, reader),
                        strict=True,
                    )
                ),
            )
            for family, title in (
                ("stage", N_("By stage")),
                ("sector", N_("By sector (ISIC division)")),
                ("country", N_("By investor country")),
            )
        ],
        "charts": charts,
    }
    return web.page(request, "dashboards/pipeline.html", context)


@router.get("/o/{slug}/dashboard", response_class=HTMLResponse, include_in_schema=False)
def event_dashboard(slug: str, request: Request) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(session, web.principal(request), slug)
        board = queries.event_board(session, event, attendance(session, event), reader.locale)
        pipeline = queries.pipeline_board(session, reader.locale)
        parts = views.headline_parts(
            queries.headline(board, pipeline), reader.locale, two_sides=len(event.sides) == 2
        )
        charts = views.event_charts(board, slug, reader.locale)
        name = reader.name(event.names)

    def one(key: str) -> dict[str, Any]:
        return _figure_view(board[key], "event", slug, reader)

    context = {
        "slug": slug,
        "event_name": name,
        "headline": [
            {
                "text": p.text,
                "href": views.figure_href(
                    p.scope, p.figure.key, slug if p.scope == "event" else None
                ),
            }
            for p in parts
        ],
        "meetings": [
            one(k) for k in ("requests", "accepted", "scheduled", "held", "no_show", "unmarked")
        ],
        "sides": list(
            zip(
                _family(board, "participants", "event", slug, reader),
                _family(board, "organizations", "event", slug, reader),
                _family(board, "organizations_held", "event", slug, reader),
                strict=False,
            )
        ),
        "follow_up": _family(board, "follow_up", "event", slug, reader),
        "agreements": [one("agreements"), one("agreements.usd")],
        "kinds": list(
            zip(
                _family(board, "agreement_kind", "event", slug, reader),
                _family(board, "agreement_kind.usd", "event", slug, reader),
                strict=True,
            )
        ),
        "levels": list(
            zip(
                _family(board, "agreement_level", "event", slug, reader),
                _family(board, "agreement_level.usd", "event", slug, reader),
                strict=True,
            )
        ),
        "charts": charts,
    }
    return web.page(request, "dashboards/event.html", context)


@router.get("/o/dashboard/{scope}/{key}", response_class=HTMLResponse, include_in_schema=False)
def drill_down(scope: str, key: str, request: Request, event: str | None = None) -> Response:
    """Exactly the items behind one figure, with their values and sources, and the total."""
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        board = _board(session, web.principal(request), scope, event, reader)
        figure = board.figures.get(key)
        if figure is None:
            raise NotFound(N_("This page does not exist."))
        view = _figure_view(figure, scope, event, reader)
        items = [_item_view(i, figure, event, reader) for i in figure.items]
        uncounted = [_item_view(i, figure, event, reader) for i in figure.uncounted]
    back = f"/o/{quote(event)}/dashboard" if scope == "event" and event else "/o/pipeline/dashboard"
    if scope == "pipeline" and event:
        back += f"?event={quote(event)}"
    context = {"figure": view, "items": items, "uncounted": uncounted, "back": back, "scope": scope}
    return web.page(request, "dashboards/figure.html", context)


def _board(
    session: Session, who: Principal | None, scope: str, slug: str | None, reader: Reader
) -> Board:
    if scope == "event":
        if not slug:
            raise NotFound(N_("This page does not exist."))
        event = _staff_event(session, who, slug)
        return queries.event_board(session, event, attendance(session, event), reader.locale)
    if scope == "pipeline":
        return queries.pipeline_board(session, reader.locale, _pipeline_event(session, who, slug))
    raise NotFound(N_("This page does not exist."))


def _item_view(item: queries.Item, figure: Figure, event: str | None, r: Reader) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "ref": item.ref,
        "label": item.label,
        "detail": item.detail,
        "value": item.value,
        "shown": views.item_value(item, figure, r.locale),
        "href": views.item_href(item, event),
        "when": r.date(item.when, "medium") if item.when else "",
        "rows": [
            {
                "id": row.id,
                "measure": row.measure,
                "reported": views.amount(row.value, row.currency, r.locale),
                "usd": views.money(row.usd_value, r.locale) if row.usd_value is not None else "",
                "rate": row.usd_rate or "",
                "rate_date": r.date(row.rate_date, "medium") if row.rate_date else "",
                "as_of": r.date(row.as_of, "medium"),
                "source": row.source,
                "source_url": row.source_url or "",
            }
            for row in item.rows
        ],
    }


# ------------------------------------------------------------------ JSON


def _board_json(board: Board, scope: str, event: str | None, reader: Reader) -> dict[str, Any]:
    figures = []
    for figure in board.figures.values():
        view = _figure_view(figure, scope, event, reader)
        view["items"] = [_item_view(i, figure, event, reader) for i in figure.items]
        view["uncounted"] = [_item_view(i, figure, event, reader) for i in figure.uncounted]
        view["family"] = figure.family
        figures.append(view)
    return {"scope": scope, "event": event, "locale": reader.locale, "figures": figures}


@router.get("/api/v1/o/{slug}/dashboard", tags=TAG)
def event_dashboard_api(slug: str, request: Request) -> JSONResponse:
    """The event's figures, each with the items it is the sum of."""
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(session, web.principal(request), slug)
        board = queries.event_board(session, event, attendance(session, event), reader.locale)
        return JSONResponse(_board_json(board, "event", slug, reader))


@router.get("/api/v1/pipeline/dashboard", tags=TAG)
def pipeline_dashboard_api(request: Request, event: str | None = None) -> JSONResponse:
    """The pipeline's figures (all projects, or one forum's), each with its items."""
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        found = _pipeline_event(session, web.principal(request), event)
        board = queries.pipeline_board(session, reader.locale, found)
        return JSONResponse(_board_json(board, "pipeline", event, reader))


# ------------------------------------------------------------------ the leadership report


def _report(request: Request, event: str | None) -> documents.Report:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        who = _organizer(web.principal(request))
        found = _staff_event(session, who, event) if event else None
        marks = attendance(session, found) if found else {}
        return documents.leadership_report(session, reader.locale, found, marks)


@router.get("/o/pipeline/report.pdf", include_in_schema=False)
def report_pdf(request: Request, event: str | None = None) -> Response:
    report = _report(request, event)
    return download(report.pdf(), PDF, f"report-{event or 'pipeline'}.pdf")


@router.get("/o/pipeline/report.xlsx", include_in_schema=False)
def report_xlsx(request: Request, event: str | None = None) -> Response:
    report = _report(request, event)
    return download(report.xlsx(), XLSX, f"report-{event or 'pipeline'}.xlsx")
