"""Organizers' pages (/o) and API (/api/v1/o): their own events only.

Every route under /o/{slug} and /api/v1/o/{slug} finds the event with `_staff_event`: signed
out → 401 (or the sign-in page), an organizer of another event or a participant → 404 with the
same words as an event that does not exist. Routes parse, call the services the CLI calls
(`keruen event`, `keruen import`, `keruen directory`, `keruen match`, `keruen requests`) and
render; the rules live in the services.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import UTC, datetime, time
from enum import Enum
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile as StarletteUpload

from keruen.accounts import service as accounts
from keruen.accounts.models import Account
from keruen.core.errors import Conflict, InputRejected, NotFound, PermissionDenied, Problem
from keruen.core.i18n_markers import N_
from keruen.events import editing
from keruen.events import service as event_service
from keruen.events.directory import DirectoryFilter, directory_rows, find_by_handle
from keruen.events.directory import organization_card as directory_card
from keruen.events.files import (
    EVENT_KEYS,
    LANGS,
    SHEET_COLUMNS,
    SHEETS,
    EventFile,
    document_from_sheets,
    parse_event_bytes,
    parse_event_file,
    to_workbook,
    to_yaml,
)
from keruen.events.models import Event
from keruen.events.queries import find_participation, side_of
from keruen.i18n import force_locale
from keruen.imports.report import ImportReport, report_rows
from keruen.jobs.imports import KINDS, LARGE_UPLOAD, run_import
from keruen.meetings import queries
from keruen.meetings import service as meeting_service
from keruen.meetings import suggestions as suggestion_service
from keruen.meetings.enums import LABELS, RequestStatus
from keruen.meetings.models import MatchRule
from keruen.organizations.models import Organization
from keruen.web.common import Reader, Web, web_of

router = APIRouter()
TAG: list[str | Enum] = ["organizer"]
ROW_SHEETS = SHEETS[1:]  # Sides, Halls, Sessions, Interpreters
FIELD = re.compile(r"^(Sides|Halls|Sessions|Interpreters)-(\d{1,3})-([a-z_]+)$")
_MAX_FORM_ROWS = 400
# Words only the templates use (the others are shared with the command line).
TEMPLATE_WORDS = (
    N_("New event"),
    N_("Edit the event"),
    N_("Event file"),
    N_("Upload an event file"),
    N_("or fill in the form"),
    N_("Add a row"),
    N_("remove"),
    N_("Save"),
    N_("Sides"),
    N_("Halls"),
    N_("Sessions"),
    N_("Interpreters"),
    N_("Download YAML"),
    N_("Download Excel"),
    N_("Import participants"),
    N_("Check only (write nothing)"),
    N_("Directory"),
    N_("Match review"),
    N_("Requests"),
    N_("Pair rules"),
    N_("Filter"),
    N_("Answer by phone"),
    N_("for the person asked"),
    N_("for the one who asked"),
    N_("veto"),
    N_("Force a meeting"),
    N_("Request rules"),
    N_("Expire overdue requests"),
    N_("Create requests from suggestions"),
    N_("The file was checked: nothing was written."),
    N_("The file was refused: nothing was written."),
    N_("Fix these and save again:"),
    N_("Event"),
    N_("File"),
    N_("expires"),
    N_("accept"),
    N_("decline"),
    N_("cancel"),
    N_("organizations"),
    N_("delegates"),
    N_("profiles"),
)
COLUMN_WORDS = {
    "slug": N_("slug"),
    "timezone": N_("time zone"),
    "days": N_("days (2027-04-14; 2027-04-15)"),
    "languages": N_("languages"),
    "region": N_("region"),
    "source_language": N_("language of the texts"),
    "code": N_("code"),
    "tables": N_("tables"),
    "seats": N_("seats"),
    "hosts": N_("host tables (3=ref; 5=BIN)"),
    "day": N_("day"),
    "kind": N_("kind"),
    "start": N_("from"),
    "end": N_("to"),
    "slot_minutes": N_("slot, minutes"),
    "pauses": N_("pauses (11:20-11:40)"),
    "hall": N_("hall"),
    "ref": N_("reference"),
    "email": N_("e-mail"),
    "phone": N_("phone"),
    "locale": N_("interface language"),
    "unavailable": N_("cannot work (2027-04-15 14:30-17:30)"),
    "name": N_("name"),
    "venue": N_("venue"),
}


# ---------------------------------------------------------------------------------- plumbing


def _staff_event(web: Web, request: Request, session: Session, slug: str) -> Event:
    """The event, when the signed-in account is on its staff. Any other case reads exactly as
    an event that does not exist."""
    who = web.require(request)
    event = event_service.find_event(session, slug)
    if event is None:
        raise NotFound(N_("no event %(slug)s"), slug=slug)
    accounts.require_event_staff(who, event)
    return event


def _organizer(web: Web, request: Request) -> Any:
    who = web.require(request)
    if not who.is_organizer:
        raise PermissionDenied(N_("only the event's organizers may do this"))
    return who


async def _csrf(web: Web, request: Request) -> None:
    """`web.check_csrf`, and a refused form's uploads closed at once."""
    try:
        await web.check_csrf(request)
    except PermissionDenied:
        await request.close()
        raise


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _label(value: str, reader: Reader) -> str:
    return reader._(LABELS[value]) if value in LABELS else value


def _problem_rows(problems: list[Problem], reader: Reader) -> list[dict[str, str]]:
    return [
        {
            "sheet": p.sheet or "",
            "row": str(p.row) if p.row else "",
            "column": p.column or "",
            "message": p.render(reader.translations),
        }
        for p in problems
    ]


def _rejected_json(error: InputRejected, reader: Reader) -> JSONResponse:
    rows = _problem_rows(error.problems, reader)
    return JSONResponse(
        {"error": "rejected", "message": rows[0]["message"] if rows else "", "problems": rows},
        status_code=422,
    )


# ---------------------------------------------------------------------------------- event form


def form_rows(form: Any) -> tuple[dict[str, str], dict[str, list[dict[str, str]]]]:
    """The browser form as the Event sheets' cells: (event key → text, sheet → rows). Rows
    whose 'remove' box is ticked and rows left empty are dropped; the rest keep their order."""
    event = {key: str(form.get(f"ev-{key}", "")).strip() for key in EVENT_KEYS}
    langs = [str(v) for v in form.getlist("ev-languages") if str(v) in LANGS]
    if langs:
        event["languages"] = " ".join(langs)
    found: dict[str, dict[int, dict[str, str]]] = {name: {} for name in ROW_SHEETS}
    removed: set[tuple[str, int]] = set()
    for key, value in form.multi_items():
        match = FIELD.match(key)
        if match is None:
            continue
        sheet, index, column = match.group(1), int(match.group(2)), match.group(3)
        if column == "remove":
            removed.add((sheet, index))
        elif column in SHEET_COLUMNS[sheet] and len(found[sheet]) < _MAX_FORM_ROWS:
            found[sheet].setdefault(index, {})[column] = str(value).strip()
    rows = {
        sheet: [
            cells
            for index, cells in sorted(found[sheet].items())
            if (sheet, index) not in removed and any(cells.values())
        ]
        for sheet in ROW_SHEETS
    }
    return event, rows


def document_rows(
    document: dict[str, Any],
) -> tuple[dict[str, str], dict[str, list[dict[str, str]]]]:
    """An event-file document (a stored event's export) as the form's cells."""
    ev = document["event"]
    event = {
        "slug": ev.get("slug", ""),
        "timezone": ev.get("timezone", ""),
        "days": "; ".join(str(d) for d in ev.get("days", [])),
        "languages": " ".join(ev.get("languages", [])),
        "region": ev.get("region") or "",
        "source_language": ev.get("source_language") or "",
    }
    for lang in LANGS:
        event[f"name_{lang}"] = ev.get("names", {}).get(lang, "")
        event[f"venue_{lang}"] = ev.get("venue", {}).get(lang, "")

    def names(item: dict[str, Any]) -> dict[str, str]:
        return {f"name_{lang}": item.get("names", {}).get(lang, "") for lang in LANGS}

    rows: dict[str, list[dict[str, str]]] = {
        "Sides": [
            {"code": s["code"], "region": s.get("region", ""), **names(s)}
            for s in ev.get("sides", [])
        ],
        "Halls": [
            {
                "code": h["code"],
                "tables": str(h.get("tables", "")),
                "seats": str(h.get("seats", "")),
                "hosts": "; ".join(f"{k}={v}" for k, v in h.get("hosts", {}).items()),
                **names(h),
            }
            for h in ev.get("halls", [])
        ],
        "Sessions": [
            {
                "code": s.get("code") or "",
                "day": str(s.get("day", "")),
                "kind": s.get("kind", "b2b"),
                "start": s.get("start", ""),
                "end": s.get("end", ""),
                "slot_minutes": str(s.get("slot_minutes", "")),
                "pauses": "; ".join(f"{p['start']}-{p['end']}" for p in s.get("pauses", [])),
                "hall": s.get("hall") or "",
                **names(s),
            }
            for s in ev.get("sessions", [])
        ],
        "Interpreters": [
            {
                "ref": p.get("ref", ""),
                "languages": " ".join(p.get("languages", [])),
                "email": p.get("email") or "",
                "phone": p.get("phone") or "",
                "locale": p.get("locale") or "",
                "unavailable": "; ".join(
                    u["day"] + (f" {u['start']}-{u['end']}" if u.get("start") else "")
                    for u in p.get("unavailable", [])
                ),
                "source_language": p.get("source_language") or "",
                **names(p),
            }
            for p in document.get("interpreters", [])
        ],
    }
    return event, rows


_PATH_PART = re.compile(r"\.?([a-z_]+)|\[(\d+)\]")
_LIST_SHEETS = {"sides": "Sides", "halls": "Halls", "sessions": "Sessions"}
_CELL_OF_KEY = {
    "names": "name_en",
    "pauses": "pauses",
    "hosts": "hosts",
    "unavailable": "unavailable",
}


def field_of(problem: Problem) -> str:
    """The form field a problem is about: `Sessions-0-start` for the key path
    `event.sessions[0].start` (or for sheet Sessions, row 0, column start), `ev-slug` for
    `event.slug`; '' for the whole form."""
    if problem.sheet in ROW_SHEETS and problem.row is not None:
        return f"{problem.sheet}-{problem.row}-{problem.column or ''}".rstrip("-")
    parts: list[str | int] = []
    for name, index in _PATH_PART.findall(problem.column or ""):
        parts.append(int(index) if index else name)
    if parts[:1] == ["interpreters"] and len(parts) >= 2 and isinstance(parts[1], int):
        sheet, rest = "Interpreters", parts[1:]
    elif parts[:1] == ["event"] and len(parts) >= 3 and parts[1] in _LIST_SHEETS:
        sheet, rest = _LIST_SHEETS[str(parts[1])], parts[2:]
    elif parts[:1] == ["event"] and len(parts) >= 2:
        key = str(parts[1])
        if key in ("names", "venue"):
            lang = str(parts[2]) if len(parts) > 2 and parts[2] in LANGS else "en"
            return f"ev-{'name' if key == 'names' else 'venue'}_{lang}"
        return f"ev-{key}"
    else:
        return ""
    if not isinstance(rest[0], int):
        return ""
    row = f"{sheet}-{rest[0]}"
    if len(rest) < 2:
        return row
    column = str(rest[1])
    if column == "names" and len(rest) > 2 and rest[2] in LANGS:
        return f"{row}-name_{rest[2]}"
    return f"{row}-{_CELL_OF_KEY.get(column, column)}"


def form_errors(problems: list[Problem], reader: Reader) -> dict[str, list[str]]:
    """Problems by form field (key '' for the form as a whole), in the reader's language."""
    out: dict[str, list[str]] = {}
    for p in problems:
        text = p.render(reader.translations)
        if p.sheet in ROW_SHEETS and p.row is not None:
            text = f"{p.sheet.lower()}[{p.row}].{p.column}: {text}"
        out.setdefault(field_of(p), []).append(text)
    return out


def parse_form(form: Any) -> tuple[EventFile, Any]:
    event, rows = form_rows(form)
    sheets = {name: list(enumerate(items)) for name, items in rows.items()}
    return parse_event_file(document_from_sheets(event, sheets))


def _form_page(
    web: Web,
    request: Request,
    *,
    slug: str | None,
    event: dict[str, str],
    rows: dict[str, list[dict[str, str]]],
    errors: dict[str, list[str]] | None = None,
    conflict: str | None = None,
    status: int = 200,
) -> Response:
    for sheet in ROW_SHEETS:
        if not rows.get(sheet):
            rows[sheet] = [{}]
    context = {
        "slug": slug,
        "ev": event,
        "rows": rows,
        "errors": errors or {},
        "conflict": conflict,
        "columns": SHEET_COLUMNS,
        "langs": LANGS,
        "words": COLUMN_WORDS,
        "row_sheets": ROW_SHEETS,
        "kinds": ("b2b", "g2b"),
        "action": f"/o/{slug}/edit" if slug else "/o/new",
    }
    return web.page(request, "organizer/event_form.html", context, status)


def _save(
    web: Web,
    request: Request,
    parsed: EventFile,
    data: Any,
    *,
    slug: str | None,
    reschedule: bool = False,
) -> Any:
    """Create (slug None: the signed-in account joins the event's staff) or update `slug`,
    through the same service as `keruen event create/update`."""
    who = _organizer(web, request)
    with web.write() as session:
        if slug is not None:
            _staff_event(web, request, session, slug)
            if data.slug != slug:
                raise InputRejected(
                    [
                        Problem(
                            N_("the slug of an event cannot change (%(old)s, not %(new)s)"),
                            column="event.slug",
                            params={"old": slug, "new": data.slug},
                        )
                    ]
                )
        result = meeting_service.save_event_file(
            session, parsed=parsed, data=data, must_exist=slug is not None, reschedule=reschedule
        )
        if result.created:
            account = session.get(Account, who.account_id)
            assert account is not None
            accounts.grant_event(session, account=account, event=result.event)
        return {
            "slug": result.event.slug,
            "created": result.created,
            "displaced": len(result.displaced),
            "version": result.plan.version if result.plan else None,
        }


# ---------------------------------------------------------------------------------- pages: events


@router.get("/o", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request) -> Response:
    web = web_of(request)
    who = _organizer(web, request)
    reader = web.reader(request)
    with web.read() as session:
        query = select(Event).order_by(Event.starts_on, Event.slug)
        if not who.is_admin:
            query = query.where(Event.id.in_(who.staff_events or {-1}))
        events = [
            {"slug": e.slug, "name": reader.name(e.names), "dates": reader.date(e.starts_on)}
            for e in session.scalars(query)
        ]
    return web.page(request, "organizer/home.html", {"events": events})


@router.get("/o/new", response_class=HTMLResponse, include_in_schema=False)
def new_event(request: Request) -> Response:
    web = web_of(request)
    _organizer(web, request)
    event = {"timezone": "Asia/Almaty", "languages": " ".join(LANGS)}
    return _form_page(web, request, slug=None, event=event, rows={})


async def _form_submit(request: Request, slug: str | None) -> Response:
    web = web_of(request)
    await _csrf(web, request)
    _organizer(web, request)
    form = await request.form()
    reader = web.reader(request)
    if slug is not None:
        with web.read() as session:
            _staff_event(web, request, session, slug)
    event, rows = form_rows(form)
    adding = str(form.get("add", ""))
    if adding in ROW_SHEETS:  # "Add a row": the same form, one row longer, nothing saved
        rows[adding].append({})
        return _form_page(web, request, slug=slug, event=event, rows=rows)
    try:
        parsed, data = parse_form(form)
        done = _save(web, request, parsed, data, slug=slug, reschedule=bool(form.get("reschedule")))
    except InputRejected as error:
        errors = form_errors(error.problems, reader)
        return _form_page(
            web, request, slug=slug, event=event, rows=rows, errors=errors, status=422
        )
    except Conflict as error:
        message = error.render(reader.translations)
        return _form_page(
            web, request, slug=slug, event=event, rows=rows, conflict=message, status=409
        )
    return _see_other(f"/o/{done['slug']}?done={'created' if done['created'] else 'updated'}")


@router.post("/o/new", include_in_schema=False)
async def create_from_form(request: Request) -> Response:
    try:
        return await _form_submit(request, None)
    finally:
        await request.close()


@router.get("/o/{slug}/edit", response_class=HTMLResponse, include_in_schema=False)
def edit_event(slug: str, request: Request) -> Response:
    web = web_of(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        document = editing.event_file_document(session, event)
    values, rows = document_rows(document)
    return _form_page(web, request, slug=slug, event=values, rows=rows)


@router.post("/o/{slug}/edit", include_in_schema=False)
async def update_from_form(slug: str, request: Request) -> Response:
    try:
        return await _form_submit(request, slug)
    finally:
        await request.close()


async def _upload_submit(request: Request, slug: str | None) -> Response:
    web = web_of(request)
    await _csrf(web, request)
    _organizer(web, request)
    reader = web.reader(request)
    form = await request.form()
    upload = form.get("file")
    if slug is not None:
        with web.read() as session:
            _staff_event(web, request, session, slug)
    filename = (upload.filename if isinstance(upload, StarletteUpload) else None) or ""
    data = await upload.read() if isinstance(upload, StarletteUpload) else b""
    try:
        parsed, parsed_in = parse_event_bytes(
            filename or "?", data, max_bytes=web.settings.import_max_bytes
        )
        done = _save(
            web, request, parsed, parsed_in, slug=slug, reschedule=bool(form.get("reschedule"))
        )
    except InputRejected as error:
        context = {"slug": slug, "problems": _problem_rows(error.problems, reader)}
        return web.page(request, "organizer/upload_refused.html", context, 422)
    except Conflict as error:
        context = {"slug": slug, "conflict": error.render(reader.translations), "problems": []}
        return web.page(request, "organizer/upload_refused.html", context, 409)
    return _see_other(f"/o/{done['slug']}?done={'created' if done['created'] else 'updated'}")


@router.post("/o/new/upload", include_in_schema=False)
async def create_from_upload(request: Request) -> Response:
    try:
        return await _upload_submit(request, None)
    finally:
        await request.close()


@router.post("/o/{slug}/upload", include_in_schema=False)
async def update_from_upload(slug: str, request: Request) -> Response:
    try:
        return await _upload_submit(request, slug)
    finally:
        await request.close()


def _overview(session: Session, event: Event, reader: Reader) -> dict[str, Any]:
    document = editing.event_file_document(session, event)
    ev = document["event"]
    return {
        "slug": event.slug,
        "name": reader.name(event.names),
        "dates": f"{reader.date(event.starts_on)} – {reader.date(event.ends_on)}",
        # The clock as people name it ("Almaty, UTC+5"), at the event's first day.
        "timezone": reader.zone(
            event.timezone, datetime.combine(event.starts_on, time(12), tzinfo=UTC)
        ),
        "sides": [{"code": s.code, "name": reader.name(s.names)} for s in event.sides],
        "sessions": len(ev["sessions"]),
        "halls": len(ev["halls"]),
        "tables": sum(h["tables"] for h in ev["halls"]),
        "interpreters": len(document["interpreters"]),
    }


@router.get("/o/{slug}", response_class=HTMLResponse, include_in_schema=False)
def event_home(slug: str, request: Request) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        overview = _overview(session, event, reader)
    done = {"created": N_("event %(slug)s created"), "updated": N_("event %(slug)s updated")}
    said = request.query_params.get("done", "")
    notice = reader._(done[said]) % {"slug": slug} if said in done else None
    return web.page(request, "organizer/event.html", {"event": overview, "notice": notice})


def _export(session: Session, event: Event, form: str) -> Response:
    document = editing.event_file_document(session, event)
    if form == "xlsx":
        return Response(
            to_workbook(document),
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f'attachment; filename="{event.slug}.xlsx"'},
        )
    return Response(
        to_yaml(document),
        media_type="application/yaml",
        headers={"Content-Disposition": f'attachment; filename="{event.slug}.yaml"'},
    )


@router.get("/o/{slug}/export.{form}", include_in_schema=False)
def export_page(slug: str, form: str, request: Request) -> Response:
    web = web_of(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        if form not in ("yaml", "xlsx"):
            raise NotFound(N_("no event %(slug)s"), slug=slug)
        return _export(session, event, form)


# ---------------------------------------------------------------------------------- imports


def _report_json(report: ImportReport, reader: Reader, dry_run: bool) -> dict[str, Any]:
    return {
        "written": not dry_run,
        "organizations": asdict(report.organizations),
        "delegates": asdict(report.delegates),
        "profiles_replaced": report.profiles_replaced,
        "participations": report.participations,
        "rows": [asdict(r) for r in report_rows(report, reader.translations)],
    }


@router.get("/o/{slug}/import", response_class=HTMLResponse, include_in_schema=False)
def import_page(
    slug: str,
    request: Request,
    job: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Response:
    """The import form; with `?job=`, a large import's job: running, or its report."""
    from keruen.jobs import service as jobs
    from keruen.jobs.imports import problems_of, report_of

    web = web_of(request)
    reader = web.reader(request)
    context: dict[str, Any] = {"slug": slug, "kinds": KINDS}
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        if job is not None:
            found = jobs.get_job(session, event, job)
            if found.kind != "import":
                raise NotFound(N_("no job %(job)s"), job=job)
            view = jobs.job_view(found, reader.translations)
            from keruen.web.schedule import JOB_STATES

            label = reader._(JOB_STATES.get(found.state, found.state))
            context["job"] = {"id": found.id, "state": found.state, "label": label}
            result = found.result or {}
            if found.state == "failed":
                context["job"]["error"] = view.error
            elif "rejected" in result:
                context["problems"] = _problem_rows(problems_of(result), reader)
            elif "report" in result:
                context["report"] = _report_json(report_of(result), reader, False)
    return web.page(request, "organizer/import.html", context)


@router.post("/o/{slug}/import", include_in_schema=False)
async def import_submit(slug: str, request: Request) -> Response:
    try:
        return await _import_submit(slug, request)
    finally:
        await request.close()


async def _import_submit(slug: str, request: Request) -> Response:
    web = web_of(request)
    await _csrf(web, request)
    reader = web.reader(request)
    with web.read() as session:
        _staff_event(web, request, session, slug)
    form = await request.form()
    upload = form.get("file")
    filename = (upload.filename if isinstance(upload, StarletteUpload) else None) or ""
    data = await upload.read() if isinstance(upload, StarletteUpload) else b""
    kind = str(form.get("kind") or "organizations")
    dry_run = bool(form.get("dry_run"))
    context: dict[str, Any] = {"slug": slug, "kinds": KINDS, "kind": kind, "dry_run": dry_run}
    if not dry_run and len(data) > LARGE_UPLOAD:  # a large file: a worker imports it
        from keruen.jobs import service as jobs

        who = web.require(request)
        with web.write() as session:
            event = _staff_event(web, request, session, slug)
            job = jobs.submit(
                session,
                "import",
                event,
                {"filename": filename[:200], "kind": kind},
                payload=data,
                account=who.account_id,
                settings=web.settings,
            )
            job_id = job.id
        return _see_other(f"/o/{slug}/import?job={job_id}")
    try:
        report = run_import(web.settings, slug, filename, data, kind=kind, dry_run=dry_run)
    except InputRejected as error:
        context["problems"] = _problem_rows(error.problems, reader)
        return web.page(request, "organizer/import.html", context, 422)
    context["report"] = _report_json(report, reader, dry_run)
    return web.page(request, "organizer/import.html", context)


# ---------------------------------------------------------------------------------- directory


def _directory(
    session: Session, event: Event, reader: Reader, flt: dict[str, str | None]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    with force_locale(reader.locale):
        orgs, people = directory_rows(
            session, DirectoryFilter(event=event.slug, **flt), reader.locale
        )
    return [asdict(o) for o in orgs], [asdict(p) for p in people]


def _card(session: Session, event: Event, organization_id: int, reader: Reader) -> dict[str, Any]:
    org = editing.event_organization(session, event, organization_id)
    key = org.ref or org.bin or org.uscc or ""
    with force_locale(reader.locale):
        rows = directory_card(session, key, reader.locale)
    return {
        "id": org.id,
        "name": reader.name(org.names),
        "side": side_of(event, org.region_code),
        "card": [{"label": label, "value": value} for label, value in rows if value],
    }


@router.get("/o/{slug}/directory", response_class=HTMLResponse, include_in_schema=False)
def directory_page(
    slug: str,
    request: Request,
    side: str | None = None,
    region: str | None = None,
    kind: str | None = None,
    hs: str | None = None,
    isic: str | None = None,
) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    flt = {"side": side, "region": region, "kind": kind, "hs": hs, "isic": isic}
    flt = {k: (v.strip() or None) if v else None for k, v in flt.items()}
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        orgs, people = _directory(session, event, reader, flt)
        sides = [s.code for s in event.sides]
    context = {"slug": slug, "orgs": orgs, "people": people, "flt": flt, "sides": sides}
    return web.page(request, "organizer/directory.html", context)


@router.get(
    "/o/{slug}/organizations/{organization_id}",
    response_class=HTMLResponse,
    include_in_schema=False,
)
def organization_page(
    slug: str, organization_id: Annotated[int, Path(ge=1, le=2**31 - 1)], request: Request
) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        card = _card(session, event, organization_id, reader)
    return web.page(request, "organizer/organization.html", {"slug": slug, "org": card})


# ---------------------------------------------------------------------------------- match review


def _event_org(session: Session, event: Event, key: str) -> Organization:
    """An organization of the event by id, reference, BIN or USCC, or a delegate's handle."""
    key = key.strip()
    if key.isdigit() and len(key) < 9:
        return editing.event_organization(session, event, int(key))
    try:
        org = find_by_handle(session, key)
    except NotFound:
        person = find_participation(session, event, key)
        if person is None or person.delegate.organization is None:
            raise NotFound(N_("no organization %(key)s in this event"), key=key[:80]) from None
        org = person.delegate.organization
    return editing.event_organization(session, event, org.id)


def _suggestions(
    session: Session, event: Event, reader: Reader, top: int, only: int | None
) -> list[dict[str, Any]]:
    directory, ranked = suggestion_service.suggest_for_event(session, event, top_k=top)
    out = []
    for key, items in ranked.items():
        if only is not None and key != str(only):
            continue
        org = directory.organizations[key]
        partners = []
        for suggestion in items:
            partner = directory.organizations[suggestion.partner_id]
            partners.append(
                {
                    "id": partner.id,
                    "name": reader.name(partner.names),
                    "score": round(suggestion.score, 4),
                    "pinned": suggestion.pinned,
                    "reasons": suggestion_service.render(suggestion, reader.locale, limit=2),
                }
            )
        out.append(
            {
                "id": org.id,
                "name": reader.name(org.names),
                "side": side_of(event, org.region_code),
                "partners": partners,
                "no_match": []
                if partners
                else suggestion_service.render_no_match(directory, key, reader.locale),
            }
        )
    out.sort(key=lambda o: (o["side"] or "", o["name"]))
    return out


def _rules_of(session: Session, event: Event, reader: Reader) -> list[dict[str, Any]]:
    out = []
    for rule in session.scalars(
        select(MatchRule).where(MatchRule.event_id == event.id).order_by(MatchRule.id)
    ):
        first = session.get(Organization, rule.first_organization_id)
        second = session.get(Organization, rule.second_organization_id)
        out.append(
            {
                "first": rule.first_organization_id,
                "first_name": reader.name(first.names) if first else "",
                "second": rule.second_organization_id,
                "second_name": reader.name(second.names) if second else "",
                "action": rule.action,
                "boost": rule.boost,
            }
        )
    return out


def _set_rule(
    session: Session, event: Event, first: str, second: str, action: str, boost: float
) -> None:
    suggestion_service.set_pair_rule(
        session,
        event=event,
        first=_event_org(session, event, first),
        second=_event_org(session, event, second),
        action=action,
        boost=boost,
    )


@router.get("/o/{slug}/match", response_class=HTMLResponse, include_in_schema=False)
def match_page(
    slug: str,
    request: Request,
    top: Annotated[int, Query(ge=1, le=20)] = 5,
    organization: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        blocks = _suggestions(session, event, reader, top, organization)
        rules = _rules_of(session, event, reader)
    notice = request.query_params.get("sent")
    context = {"slug": slug, "blocks": blocks, "rules": rules, "top": top, "sent": notice}
    return web.page(request, "organizer/match.html", context)


@router.post("/o/{slug}/match/rules", include_in_schema=False)
async def match_rule_submit(
    slug: str,
    request: Request,
    first: Annotated[str, Form(max_length=200)],
    second: Annotated[str, Form(max_length=200)],
    action: Annotated[str, Form(max_length=10)] = "pin",
    boost: Annotated[float, Form(ge=-1, le=1)] = 0.2,
) -> Response:
    web = web_of(request)
    await _csrf(web, request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        _set_rule(session, event, first, second, action, boost)
    return _see_other(f"/o/{slug}/match")


@router.post("/o/{slug}/match/requests", include_in_schema=False)
async def match_requests_submit(
    slug: str, request: Request, top: Annotated[int, Form(ge=1, le=10)] = 3
) -> Response:
    web = web_of(request)
    await _csrf(web, request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        sent, skipped = suggestion_service.requests_from_suggestions(session, event, top=top)
    return _see_other(f"/o/{slug}/requests?sent={sent}&skipped={skipped}")


# ---------------------------------------------------------------------------------- requests


def _requests(
    session: Session,
    event: Event,
    reader: Reader,
    *,
    status: str | None,
    side: str | None,
    organization: int | None,
) -> list[dict[str, Any]]:
    out = []
    for r in queries.requests_of(session, event, status=status or None):
        orgs = [p.delegate.organization for p in (r.requester, r.target)]
        if organization is not None and organization not in [o.id for o in orgs if o]:
            continue
        sides = [side_of(event, o.region_code) if o else None for o in orgs]
        if side and side not in sides:
            continue
        out.append(
            {
                "id": r.id,
                "kind": r.kind,
                "kind_label": _label(r.kind, reader),
                "status": r.status,
                "status_label": _label(r.status, reader),
                "priority": r.priority,
                "by_organizer": r.by_organizer,
                "requester": {
                    "participation": r.requester_id,
                    "person": reader.name(r.requester.delegate.names),
                    "organization": reader.name(orgs[0].names) if orgs[0] else "",
                    "organization_id": orgs[0].id if orgs[0] else None,
                    "side": sides[0],
                },
                "target": {
                    "participation": r.target_id,
                    "person": reader.name(r.target.delegate.names),
                    "organization": reader.name(orgs[1].names) if orgs[1] else "",
                    "organization_id": orgs[1].id if orgs[1] else None,
                    "side": sides[1],
                },
                "expires_at": r.expires_at.isoformat() if r.expires_at else None,
                "expires": reader.datetime(r.expires_at, event.timezone, "short")
                if r.expires_at
                else "",
            }
        )
    return out


def _rules_json(session: Session, event: Event) -> dict[str, int]:
    rules = meeting_service.get_rules(session, event=event)
    return {
        "request_quota": rules.request_quota,
        "request_ttl_hours": rules.request_ttl_hours,
        "g2b_length_slots": rules.g2b_length_slots,
    }


def _participant_id(session: Session, event: Event, key: str) -> int:
    found = find_participation(session, event, key)
    if found is None:
        raise NotFound(
            N_(
                "no participant %(key)s in %(event)s (use a delegate e-mail or reference, or an "
                "organization's BIN, USCC or reference)"
            ),
            key=key[:80],
            event=event.slug,
        )
    return int(found.id)


@router.get("/o/{slug}/requests", response_class=HTMLResponse, include_in_schema=False)
def requests_page(
    slug: str,
    request: Request,
    status: str | None = None,
    side: str | None = None,
    organization: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    status = status if status in {s.value for s in RequestStatus} else None
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        rows = _requests(
            session, event, reader, status=status, side=side or None, organization=organization
        )
        rules = _rules_json(session, event)
        sides = [s.code for s in event.sides]
    statuses = [(s.value, _label(s.value, reader)) for s in RequestStatus]
    query = request.query_params
    notice = None
    if "sent" in query:
        notice = reader._(
            "%(created)s request(s) sent, %(skipped)s skipped (already asked, quota or no "
            "common free time)"
        ) % {"created": query.get("sent", "0")[:6], "skipped": query.get("skipped", "0")[:6]}
    elif "expired" in query:
        count = int(query["expired"]) if query["expired"].isdigit() else 0
        notice = reader.n_("%(count)s request expired", "%(count)s requests expired", count) % {
            "count": count
        }
    context = {
        "slug": slug,
        "rows": rows,
        "rules": rules,
        "sides": sides,
        "statuses": statuses,
        "flt": {"status": status, "side": side, "organization": organization},
        "notice": notice,
    }
    return web.page(request, "organizer/requests.html", context)


@router.post("/o/{slug}/requests/{request_id}/answer", include_in_schema=False)
async def answer_submit(
    slug: str,
    request_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    request: Request,
    decision: Annotated[str, Form(max_length=10)],
    on_behalf_of: Annotated[str, Form(max_length=10)] = "target",
) -> Response:
    web = web_of(request)
    await _csrf(web, request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        answered = meeting_service.answer_for(
            session,
            event=event,
            request_id=request_id,
            decision=decision,
            on_behalf_of=on_behalf_of,
        )
        _tell(session, answered, decision, web)
    return _see_other(f"/o/{slug}/requests")


def _tell(session: Session, answered: Any, decision: str, web: Web) -> None:
    """An answer given by phone is mailed like one given in the browser (after the commit)."""
    from keruen.jobs import notify

    if decision in ("accept", "decline"):
        notify.request_changed(session, answered, f"{decision}ed", settings=web.settings)


@router.post("/o/{slug}/requests/{request_id}/veto", include_in_schema=False)
async def veto_submit(
    slug: str, request_id: Annotated[int, Path(ge=1, le=2**31 - 1)], request: Request
) -> Response:
    web = web_of(request)
    await _csrf(web, request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        found = meeting_service.event_request(session, event=event, request_id=request_id)
        meeting_service.veto_request(session, request_id=found.id)
    return _see_other(f"/o/{slug}/requests")


@router.post("/o/{slug}/requests/force", include_in_schema=False)
async def force_submit(
    slug: str,
    request: Request,
    first: Annotated[str, Form(max_length=200)],
    second: Annotated[str, Form(max_length=200)],
    priority: Annotated[int, Form(ge=1, le=5)] = 3,
) -> Response:
    web = web_of(request)
    await _csrf(web, request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        meeting_service.force_meeting(
            session,
            event=event,
            first_id=_participant_id(session, event, first),
            second_id=_participant_id(session, event, second),
            priority=priority,
        )
    return _see_other(f"/o/{slug}/requests")


@router.post("/o/{slug}/requests/expire", include_in_schema=False)
async def expire_submit(slug: str, request: Request) -> Response:
    web = web_of(request)
    await _csrf(web, request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        count = meeting_service.expire_requests(session, event=event)
    return _see_other(f"/o/{slug}/requests?expired={count}")


@router.post("/o/{slug}/rules", include_in_schema=False)
async def rules_submit(
    slug: str,
    request: Request,
    request_quota: Annotated[int | None, Form(ge=-1000, le=100000)] = None,
    request_ttl_hours: Annotated[int | None, Form(ge=-1000, le=100000)] = None,
    g2b_length_slots: Annotated[int | None, Form(ge=-1000, le=1000)] = None,
) -> Response:
    web = web_of(request)
    await _csrf(web, request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        meeting_service.set_rules(
            session,
            event=event,
            request_quota=request_quota,
            request_ttl_hours=request_ttl_hours,
            g2b_length_slots=g2b_length_slots,
        )
    return _see_other(f"/o/{slug}/requests")


# ---------------------------------------------------------------------------------- the API


class SavedEvent(BaseModel):
    slug: str
    created: bool
    displaced: int = Field(description="Published meetings that lost their table or time")
    version: int | None = Field(description="The schedule version published when rescheduled")


class Rules(BaseModel):
    request_quota: int
    request_ttl_hours: int
    g2b_length_slots: int


class RulesIn(BaseModel):
    request_quota: int | None = Field(default=None, ge=-1000, le=100000)
    request_ttl_hours: int | None = Field(default=None, ge=-1000, le=100000)
    g2b_length_slots: int | None = Field(default=None, ge=-1000, le=1000)


class PairRuleIn(BaseModel):
    first: str = Field(
        min_length=1,
        max_length=200,
        description="Organization id, reference, BIN or USCC, or a delegate's e-mail or reference",
    )
    second: str = Field(min_length=1, max_length=200)
    action: Literal["pin", "forbid", "boost", "clear"] = "pin"
    boost: float = Field(default=0.2, ge=-1, le=1)


class PairRule(BaseModel):
    first: int
    first_name: str
    second: int
    second_name: str
    action: str
    boost: float


class AnswerIn(BaseModel):
    decision: Literal["accept", "decline", "cancel"]
    on_behalf_of: Literal["target", "requester"] = "target"


class ForceIn(BaseModel):
    first: str = Field(min_length=1, max_length=200, description="Any participant handle")
    second: str = Field(min_length=1, max_length=200)
    priority: int = Field(default=3, ge=1, le=5)


class TopIn(BaseModel):
    top: int = Field(default=3, ge=1, le=10)


class RequestState(BaseModel):
    id: int
    status: str


class Counted(BaseModel):
    count: int


class Sent(BaseModel):
    sent: int
    skipped: int


EventDocument = Annotated[
    dict[str, Any],
    Body(description="An event file as JSON (`event` and `interpreters`; docs/events.md)"),
]


def _from_json(document: dict[str, Any]) -> tuple[EventFile, Any]:
    return parse_event_file(document)


@router.post("/api/v1/o/events", tags=TAG, status_code=201, response_model=SavedEvent)
async def api_create_event(request: Request, document: EventDocument) -> Any:
    """Create an event from an event file (JSON); the signed-in organizer joins its staff."""
    web = web_of(request)
    await _csrf(web, request)
    _organizer(web, request)
    try:
        parsed, data = _from_json(document)
        return _save(web, request, parsed, data, slug=None)
    except InputRejected as error:
        return _rejected_json(error, web.reader(request))


@router.get("/api/v1/o/{slug}/event", tags=TAG)
def api_event(slug: str, request: Request) -> dict[str, Any]:
    """The event as an event file (JSON): what PUT takes back."""
    web = web_of(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        return editing.event_file_document(session, event)


@router.put("/api/v1/o/{slug}/event", tags=TAG, response_model=SavedEvent)
async def api_update_event(
    slug: str, request: Request, document: EventDocument, reschedule: bool = False
) -> Any:
    """Change the event (`keruen event update`): refused (409) when a published meeting would
    lose its table or time, unless `reschedule`."""
    web = web_of(request)
    await _csrf(web, request)
    with web.read() as session:
        _staff_event(web, request, session, slug)
    try:
        parsed, data = _from_json(document)
        return _save(web, request, parsed, data, slug=slug, reschedule=reschedule)
    except InputRejected as error:
        return _rejected_json(error, web.reader(request))


@router.get("/api/v1/o/{slug}/event/export", tags=TAG)
def api_export(slug: str, request: Request, format: Literal["yaml", "xlsx"] = "yaml") -> Response:
    """The event file to download: YAML or the Excel Event sheets."""
    web = web_of(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        return _export(session, event, format)


@router.post("/api/v1/o/{slug}/imports", tags=TAG)
async def api_import(
    slug: str,
    request: Request,
    file: Annotated[UploadFile, File(description="Registration sheet: .xlsx or .csv")],
    kind: Annotated[Literal["organizations", "delegates", "profiles"], Form()] = "organizations",
    dry_run: Annotated[bool, Form()] = False,
) -> Any:
    """`keruen import KIND FILE --event SLUG`: the report row by row (sheet, row, column,
    message), or 422 with every problem and nothing written."""
    web = web_of(request)
    await _csrf(web, request)
    reader = web.reader(request)
    with web.read() as session:
        _staff_event(web, request, session, slug)
    data = await file.read()
    try:
        report = run_import(
            web.settings, slug, file.filename or "", data, kind=kind, dry_run=dry_run
        )
    except InputRejected as error:
        return _rejected_json(error, reader)
    return _report_json(report, reader, dry_run)


@router.get("/api/v1/o/{slug}/directory", tags=TAG)
def api_directory(
    slug: str,
    request: Request,
    side: Annotated[str | None, Query(max_length=16)] = None,
    region: Annotated[str | None, Query(max_length=16)] = None,
    kind: Annotated[str | None, Query(max_length=32)] = None,
    hs: Annotated[str | None, Query(max_length=12)] = None,
    isic: Annotated[str | None, Query(max_length=12)] = None,
) -> dict[str, Any]:
    """The event's organizations and people (`keruen directory list --event`)."""
    web = web_of(request)
    reader = web.reader(request)
    flt = {"side": side, "region": region, "kind": kind, "hs": hs, "isic": isic}
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        orgs, people = _directory(session, event, reader, flt)
    return {"organizations": orgs, "delegates": people}


@router.get("/api/v1/o/{slug}/organizations/{organization_id}", tags=TAG)
def api_organization(
    slug: str, organization_id: Annotated[int, Path(ge=1, le=2**31 - 1)], request: Request
) -> dict[str, Any]:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        return _card(session, event, organization_id, reader)


@router.get("/api/v1/o/{slug}/suggestions", tags=TAG)
def api_suggestions(
    slug: str,
    request: Request,
    top: Annotated[int, Query(ge=1, le=20)] = 5,
    organization: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> list[dict[str, Any]]:
    """Each organization's top partners with reasons in the reader's language."""
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        return _suggestions(session, event, reader, top, organization)


@router.get("/api/v1/o/{slug}/pair-rules", tags=TAG, response_model=list[PairRule])
def api_pair_rules(slug: str, request: Request) -> Any:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        return _rules_of(session, event, reader)


@router.post("/api/v1/o/{slug}/pair-rules", tags=TAG, response_model=list[PairRule])
async def api_set_pair_rule(slug: str, request: Request, rule: PairRuleIn) -> Any:
    """Pin, forbid, boost or clear a pair (`keruen match rule`); the event's rules after it."""
    web = web_of(request)
    await _csrf(web, request)
    reader = web.reader(request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        _set_rule(session, event, rule.first, rule.second, rule.action, rule.boost)
        return _rules_of(session, event, reader)


@router.post("/api/v1/o/{slug}/requests/from-suggestions", tags=TAG, response_model=Sent)
async def api_from_suggestions(slug: str, request: Request, body: TopIn) -> Any:
    web = web_of(request)
    await _csrf(web, request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        sent, skipped = suggestion_service.requests_from_suggestions(session, event, top=body.top)
    return {"sent": sent, "skipped": skipped}


@router.get("/api/v1/o/{slug}/requests", tags=TAG)
def api_requests(
    slug: str,
    request: Request,
    status: RequestStatus | None = None,
    side: Annotated[str | None, Query(max_length=16)] = None,
    organization: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> list[dict[str, Any]]:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        return _requests(
            session,
            event,
            reader,
            status=status.value if status else None,
            side=side,
            organization=organization,
        )


@router.post("/api/v1/o/{slug}/requests/{request_id}/answer", tags=TAG, response_model=RequestState)
async def api_answer(
    slug: str,
    request_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    request: Request,
    body: AnswerIn,
) -> Any:
    """Record a participant's answer given by phone (`keruen requests answer --as`)."""
    web = web_of(request)
    await _csrf(web, request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        found = meeting_service.answer_for(
            session,
            event=event,
            request_id=request_id,
            decision=body.decision,
            on_behalf_of=body.on_behalf_of,
        )
        _tell(session, found, body.decision, web)
        return {"id": found.id, "status": found.status}


@router.post("/api/v1/o/{slug}/requests/{request_id}/veto", tags=TAG, response_model=RequestState)
async def api_veto(
    slug: str, request_id: Annotated[int, Path(ge=1, le=2**31 - 1)], request: Request
) -> Any:
    web = web_of(request)
    await _csrf(web, request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        found = meeting_service.event_request(session, event=event, request_id=request_id)
        vetoed = meeting_service.veto_request(session, request_id=found.id)
        return {"id": vetoed.id, "status": vetoed.status}


@router.post("/api/v1/o/{slug}/requests/force", tags=TAG, response_model=RequestState)
async def api_force(slug: str, request: Request, body: ForceIn) -> Any:
    """Set up a meeting as organizer: accepted at once, no participant quota."""
    web = web_of(request)
    await _csrf(web, request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        found = meeting_service.force_meeting(
            session,
            event=event,
            first_id=_participant_id(session, event, body.first),
            second_id=_participant_id(session, event, body.second),
            priority=body.priority,
        )
        return {"id": found.id, "status": found.status}


@router.post("/api/v1/o/{slug}/requests/expire", tags=TAG, response_model=Counted)
async def api_expire(slug: str, request: Request) -> Any:
    web = web_of(request)
    await _csrf(web, request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        return {"count": meeting_service.expire_requests(session, event=event)}


@router.get("/api/v1/o/{slug}/rules", tags=TAG, response_model=Rules)
def api_rules(slug: str, request: Request) -> Any:
    web = web_of(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        return _rules_json(session, event)


@router.put("/api/v1/o/{slug}/rules", tags=TAG, response_model=Rules)
async def api_set_rules(slug: str, request: Request, body: RulesIn) -> Any:
    """The request quota, expiry and G2B talk length (`keruen requests rules`)."""
    web = web_of(request)
    await _csrf(web, request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        meeting_service.set_rules(session, event=event, **body.model_dump())
        return _rules_json(session, event)
