"""Agendas people carry and the organizer's kit: PDF and calendar downloads, the personal
calendar subscription, the Excel workbook, printed signs, grid and rosters, and check-in by the
QR code printed on each agenda."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen.accounts import service as accounts
from keruen.agendas import calendar, onsite
from keruen.agendas.documents import (
    agenda_document,
    grid_document,
    roster_document,
    table_signs_document,
)
from keruen.agendas.listings import organizer_workbook
from keruen.core.errors import NotFound
from keruen.core.i18n_markers import N_
from keruen.events import service as event_service
from keruen.events.models import Event, Participation
from keruen.meetings import queries
from keruen.meetings.planning import published_schedule
from keruen.web.common import ICS, PDF, XLSX, download, web_of

router = APIRouter(include_in_schema=False)


def checkin_url(public_url: str, slug: str, code: str) -> str:
    return f"{public_url.rstrip('/')}/checkin/{slug}/{code}"


# ------------------------------------------------------------------ a person's own files


@router.get("/me/{slug}/agenda.pdf")
def my_agenda_pdf(slug: str, request: Request) -> Response:
    web = web_of(request)
    who = web.require(request)
    reader = web.reader(request)
    with web.write() as session:  # the check-in code is made on first use
        event = event_service.get_event(session, slug)
        participation = session.get(Participation, accounts.require_participation(who, event))
        if published_schedule(session, event) is None:
            # a draft is the organizers' to change: a participant's agenda shows what is published
            raise NotFound(N_("No meetings yet: the schedule is not published."))
        code = onsite.checkin_code(session, participation)
        rendered = agenda_document(
            session,
            event,
            participation,
            reader.locale,
            online_url=checkin_url(web.settings.public_url, slug, code),
        )
    return download(rendered.pdf(), PDF, f"agenda-{slug}.pdf")


@router.get("/me/{slug}/agenda.ics")
def my_agenda_ics(slug: str, request: Request) -> Response:
    web = web_of(request)
    who = web.require(request)
    reader = web.reader(request)
    with web.write() as session:  # brings the calendar entries up to the published schedule
        event = event_service.get_event(session, slug)
        accounts.require_participation(who, event)
        data = calendar.person_calendar(session, who.delegate_id or 0, reader.locale, event=event)
    return download(data, ICS, f"agenda-{slug}.ics")


@router.get("/me/calendar", response_class=HTMLResponse)
def my_calendar(request: Request) -> Response:
    web = web_of(request)
    who = web.require(request)
    if who.delegate_id is None:
        raise NotFound(N_("no such person"))
    with web.write() as session:
        token = calendar.feed_token(session, who.delegate_id)
    feed = f"{web.settings.public_url.rstrip('/')}/cal/{token}.ics"
    webcal = "webcal://" + feed.split("://", 1)[1]
    return web.page(request, "documents/calendar.html", {"feed": feed, "webcal": webcal})


@router.post("/me/calendar/renew")
async def renew_calendar(request: Request) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    who = web.require(request)
    if who.delegate_id is None:
        raise NotFound(N_("no such person"))
    with web.write() as session:
        calendar.feed_token(session, who.delegate_id, renew=True)
    return RedirectResponse("/me/calendar", status_code=303)


@router.get("/cal/{token}.ics")
def calendar_feed(token: str, request: Request) -> Response:
    """The secret subscription address calendar apps poll; the person's own language."""
    from keruen.organizations.models import Delegate

    web = web_of(request)
    with web.write() as session:
        delegate_id = calendar.delegate_of_feed(session, token)
        delegate = session.get(Delegate, delegate_id) if delegate_id else None
        if delegate is None or delegate.erased_at is not None:
            raise NotFound(N_("no such calendar"))
        data = calendar.person_calendar(session, delegate.id, delegate.locale)
    return Response(data, media_type=ICS, headers={"Cache-Control": "no-cache"})


# ------------------------------------------------------------------ the organizer's kit


@router.get("/o/{slug}/documents", response_class=HTMLResponse)
def kit_page(slug: str, request: Request) -> Response:
    web = web_of(request)
    who = web.require(request)
    reader = web.reader(request)
    with web.read() as session:
        event = event_service.get_event(session, slug)
        accounts.require_event_staff(who, event)
        published = published_schedule(session, event) is not None
        interpreters = [
            {"id": p.id, "name": reader.name(p.delegate.names)}
            for p in session.scalars(
                select(Participation).where(
                    Participation.event_id == event.id, Participation.role == "interpreter"
                )
            )
        ]
        name = reader.name(event.names)
        print_jobs = _print_jobs(session, event)
    outbox = sorted((web.settings.data_dir / "outbox").glob("*.eml"), reverse=True)[:50]
    return web.page(
        request,
        "documents/kit.html",
        {
            "slug": slug,
            "event_name": name,
            "published": published,
            "interpreters": interpreters,
            "outbox": [p.name for p in outbox],
            "jobs": print_jobs,
        },
    )


def _staff_event(request: Request, slug: str, session: Session) -> Event:
    web = web_of(request)
    event = event_service.get_event(session, slug)
    accounts.require_event_staff(web.require(request), event)
    return event


@router.get("/o/{slug}/documents/{name}.pdf")
def kit_pdf(slug: str, name: str, request: Request) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(request, slug, session)
        if name == "signs":
            rendered = table_signs_document(session, event, reader.locale)
        elif name == "grid":
            rendered = grid_document(session, event, reader.locale)
        elif name.startswith("roster-") and name[7:].isdigit():
            interpreter = session.get(Participation, int(name[7:]))
            if interpreter is None or interpreter.event_id != event.id:
                raise NotFound(N_("no such person"))
            rendered = roster_document(session, event, interpreter, reader.locale)
        else:
            raise NotFound(N_("no such document"))
    return download(rendered.pdf(), PDF, f"{name}-{slug}.pdf")


@router.get("/o/{slug}/documents/workbook.xlsx")
def kit_workbook(slug: str, request: Request) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(request, slug, session)
        data = organizer_workbook(session, event, reader.locale, reader._)
    return download(data, XLSX, f"{slug}.xlsx")


@router.post("/o/{slug}/documents/agendas")
async def print_agendas(slug: str, request: Request) -> Response:
    """Start the job that prints every agenda of the event into one PDF."""
    from keruen.jobs import service as jobs

    web = web_of(request)
    await web.check_csrf(request)
    who = web.require(request)
    with web.write() as session:
        event = _staff_event(request, slug, session)
        queries.find_schedule(session, event)  # refuse at once when there is no schedule
        jobs.submit(session, "agendas", event, {}, account=who.account_id, settings=web.settings)
    return RedirectResponse(f"/o/{slug}/documents", status_code=303)


@router.get("/o/{slug}/documents/agendas", response_class=HTMLResponse)
def agendas_jobs(slug: str, request: Request) -> Response:
    """The print jobs and their progress (an htmx fragment the kit page polls)."""
    web = web_of(request)
    with web.read() as session:
        event = _staff_event(request, slug, session)
        rows = _print_jobs(session, event)
    return web.page(request, "documents/_agendas.html", {"slug": slug, "jobs": rows})


def _print_jobs(session: Session, event: Event) -> list[dict[str, object]]:
    from keruen.jobs import service as jobs

    out: list[dict[str, object]] = []
    for job in jobs.jobs_of_event(session, event, "agendas", limit=5):
        last = (job.progress or [{}])[-1]
        out.append(
            {
                "id": job.id,
                "state": job.state,
                "done": last.get("done", 0),
                "total": last.get("total", 0),
                "ready": job.state == "done" and job.payload is not None,
            }
        )
    return out


@router.get("/o/{slug}/documents/agendas/{job_id}.pdf")
def agendas_pdf(slug: str, job_id: int, request: Request) -> Response:
    from keruen.jobs import service as jobs

    web = web_of(request)
    with web.read() as session:
        event = _staff_event(request, slug, session)
        job = jobs.get_job(session, event, job_id)
        if job.kind != "agendas" or job.payload is None:
            raise NotFound(N_("no such document"))
        data = job.payload
    return download(data, PDF, f"agendas-{slug}.pdf")


@router.get("/o/{slug}/outbox/{name}")
def outbox_message(slug: str, name: str, request: Request) -> Response:
    """One message of the local outbox (mail written to files when no SMTP server is set)."""
    web = web_of(request)
    with web.read() as session:
        _staff_event(request, slug, session)
    folder = web.settings.data_dir / "outbox"
    path = folder / name
    if "/" in name or not name.endswith(".eml") or not path.isdownload():
        raise NotFound(N_("no such document"))
    return Response(path.read_bytes(), media_type="message/rfc822")


# ------------------------------------------------------------------ on site


@router.get("/checkin/{slug}/{code}", response_class=HTMLResponse)
def checkin_page(slug: str, code: str, request: Request) -> Response:
    """What a scanned agenda QR code opens: for an organizer of the event, the person's
    check-in and today's meetings with one-tap marks; for the person, their agenda."""
    web = web_of(request)
    who = web.principal(request)
    reader = web.reader(request)
    with web.write() as session:
        event = event_service.get_event(session, slug)
        person = onsite.participation_of_code(session, event, code)
        if who is None or not accounts.may_organize(who, event):
            if who is not None and who.delegate_id == person.delegate_id:
                return RedirectResponse(f"/me/{slug}/agenda", status_code=303)
            return RedirectResponse(f"/sign-in?next=/checkin/{slug}/{code}", status_code=303)
        arrived = onsite.checked_in(session, person.id)
        marks = onsite.marks(session, event)
        schedule = published_schedule(session, event)
        meetings = []
        if schedule is not None:
            _zone, items = queries.agenda(schedule, event, person, reader.locale)
            for item in items:
                m = item.meeting
                key = f"r{m.request_id}" if m.request_id else f"s{m.first_id}-{m.second_id}"
                mark = marks.get(key)
                meetings.append(
                    {
                        "key": key,
                        "time": reader.time(m.starts_at, event.timezone),
                        "table": m.table,
                        "partner": item.partner_organization or item.partner_person,
                        "partner_id": item.partner_id,
                        "mark": mark.status if mark else "",
                    }
                )
        context = {
            "slug": slug,
            "code": code,
            "person": reader.name(person.delegate.names),
            "organization": reader.name(person.delegate.organization.names)
            if person.delegate.organization
            else "",
            "person_id": person.id,
            "arrived": reader.time(arrived.at, event.timezone) if arrived else "",
            "meetings": meetings,
        }
    return web.page(request, "documents/checkin.html", context)


@router.post("/checkin/{slug}/{code}")
async def checkin(slug: str, code: str, request: Request) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    who = web.require(request)
    with web.write() as session:
        event = event_service.get_event(session, slug)
        accounts.require_event_staff(who, event)
        person = onsite.participation_of_code(session, event, code)
        onsite.check_in(session, person, by=f"account:{who.account_id}")
    return RedirectResponse(f"/checkin/{slug}/{code}", status_code=303)


@router.post("/checkin/{slug}/{code}/mark")
async def mark(
    slug: str,
    code: str,
    request: Request,
    key: str = Form(max_length=40),
    status: str = Form(max_length=12),
    absent: int | None = Form(default=None),
) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    who = web.require(request)
    with web.write() as session:
        event = event_service.get_event(session, slug)
        accounts.require_event_staff(who, event)
        onsite.participation_of_code(session, event, code)
        onsite.mark_meeting(
            session, event, key, status, by=f"account:{who.account_id}", absent_id=absent
        )
    return RedirectResponse(f"/checkin/{slug}/{code}", status_code=303)
