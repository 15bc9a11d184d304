"""Outcomes of meetings: the organizer's page of every published meeting (/o/{slug}/outcomes),
a participant's own meetings (/me/{slug}/outcomes), the survey page a personal link opens
(/survey/{token}, no sign-in: the link is the capability), and their JSON API.

Each route parses a form or a JSON body and calls `keruen.investments.outcomes`; a refusal is
shown next to the meeting's form in the reader's language (422 from the API), and nothing is
written.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from keruen import boundary
from keruen.accounts import service as accounts
from keruen.core.errors import KeruenError, NotFound, PermissionDenied
from keruen.core.i18n_markers import N_
from keruen.events import service as event_service
from keruen.events.enums import ParticipationRole
from keruen.events.models import Event, Participation
from keruen.i18n import normalize_locale
from keruen.investments import outcomes
from keruen.investments.enums import (
    AGREEMENT_KIND_LABELS,
    AGREEMENT_LEVELS,
    FOLLOW_UP_LABELS,
)
from keruen.investments.outcomes import AgreementIn
from keruen.meetings.planning import published_schedule
from keruen.web.common import LANG_COOKIE, Reader, Web, explicit_locale, web_of

router = APIRouter()
TAGS: list[Any] = ["outcomes"]
MEETS = (ParticipationRole.PARTICIPANT, ParticipationRole.OFFICIAL)
AGREEMENT_STAGES = {str(level) for level in AGREEMENT_LEVELS}
RECORDED = N_("The follow-up was recorded.")
SURVEY_QUEUED = N_(
    "The survey is being sent to every participant with a meeting (round %(round)s)."
)
# Words only the templates use.
TEMPLATE_WORDS = (
    N_("Outcomes"),
    N_("My outcomes"),
    N_("Follow-up"),
    N_("Agreement"),
    N_("History"),
    N_("not marked"),
    N_("no follow-up yet"),
    N_("Record a follow-up"),
    N_("How did the meeting go on?"),
    N_("Note (optional)"),
    N_("The agreement (for a letter of intent, memorandum, contract or joint venture)"),
    N_("Kind of agreement"),
    N_("Amount (whole units)"),
    N_("Currency (ISO 4217, e.g. USD, CNY, KZT)"),
    N_("Rate: US dollars per unit"),
    N_("Rate date"),
    N_("Rate source"),
    N_("Signed on"),
    N_("This is another agreement (do not update the meeting's agreement)"),
    N_("Record"),
    N_("Promote to investment project"),
    N_("in US dollars"),
    N_("rate"),
    N_("Filter"),
    N_("with an agreement"),
    N_("without an agreement"),
    N_("any"),
    N_("Survey"),
    N_(
        "Send each participant with a meeting a personal link, in their language, to say how "
        "their meetings went on."
    ),
    N_("Round 1: after the event"),
    N_("Round 2: again later"),
    N_("Send the survey"),
    N_("No meetings: the schedule is not published."),
    N_("No meeting fits these filters."),
    N_("by %(who)s, %(when)s"),
    N_("Your meetings at %(event)s"),
    N_("Tell us how each of your meetings went on. Only you have this link."),
    N_("Meetings: %(count)s · with a follow-up: %(followed)s · agreements: %(agreements)s"),
)


# ---------------------------------------------------------------- API models


class FollowUpIn(BaseModel):
    stage: str = Field(max_length=20)
    note: str | None = Field(default=None, max_length=4000)
    agreement: AgreementIn | None = None
    agreement_id: int | None = Field(default=None, ge=1, le=2**31 - 1)


class SideOut(BaseModel):
    participation_id: int
    organization: str
    person: str


class AgreementOut(BaseModel):
    id: int
    level: str
    level_label: str
    kind: str
    kind_label: str
    amount: int | None
    currency: str | None
    amount_text: str
    usd_text: str
    rate_text: str
    signed_on: str
    promote_url: str | None = None


class HistoryOut(BaseModel):
    stage: str
    stage_label: str
    note: str
    who: str
    when: str
    agreement_id: int | None


class OutcomeOut(BaseModel):
    key: str
    when: str
    table: str
    first: SideOut
    second: SideOut
    mark: str
    mark_label: str
    stage: str
    stage_label: str
    note: str
    who: str
    entered: str
    agreement: AgreementOut | None
    history: list[HistoryOut]


def _out(row: outcomes.OutcomeRow, organizer: bool) -> OutcomeOut:
    data = asdict(row)
    data.pop("starts_at")
    data.pop("history_count")
    if row.agreement is not None:
        data["agreement"].pop("organizations")
        if organizer:
            data["agreement"]["promote_url"] = f"/o/pipeline/new?agreement={row.agreement.id}"
    return OutcomeOut.model_validate(data)


# ---------------------------------------------------------------- what the routes share


def _choices(reader: Reader) -> dict[str, Any]:
    return {
        "stages": [(k, reader._(v)) for k, v in FOLLOW_UP_LABELS.items()],
        "kinds": [(k, reader._(v)) for k, v in AGREEMENT_KIND_LABELS.items()],
        "agreement_stages": AGREEMENT_STAGES,
    }


def _form_input(form: Any) -> tuple[str, str | None, AgreementIn | None]:
    """stage, note and (at an agreement level) the agreement of a submitted form."""
    stage = str(form.get("stage", ""))[:20]
    note = str(form.get("note", ""))[:4000] or None
    agreement = None
    if stage in AGREEMENT_STAGES:
        values = {k: str(form.get(k, "")).strip() for k in AgreementIn.model_fields}
        values["new"] = "true" if form.get("new") else ""
        agreement = outcomes.agreement_from_form(values)
    return stage, note, agreement


def _is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def _staff_event(web: Web, request: Request, session: Session, slug: str) -> Event:
    who = web.require(request)
    event = event_service.find_event(session, slug)
    if event is None:
        raise NotFound(N_("no event %(slug)s"), slug=slug)
    accounts.require_event_staff(who, event)
    return event


def _me(web: Web, request: Request, session: Session, slug: str) -> tuple[Event, Participation]:
    who = web.require(request)
    if who.delegate_id is None:
        raise PermissionDenied(
            N_("these pages are for the people taking part; organizers have their own pages")
        )
    event = event_service.get_event(session, slug)
    me = session.get(Participation, accounts.require_participation(who, event, *MEETS))
    if me is None:
        raise NotFound(N_("no event %(slug)s"), slug=slug)
    return event, me


def _summary(rows: list[outcomes.OutcomeRow]) -> dict[str, int]:
    return {
        "count": len(rows),
        "followed": sum(1 for r in rows if r.stage),
        "agreements": len({r.agreement.id for r in rows if r.agreement is not None}),
    }


def _bool(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


# ---------------------------------------------------------------- organizer pages


def _organizer_page(
    web: Web,
    request: Request,
    slug: str,
    *,
    errors: dict[str, str] | None = None,
    notice: str = "",
    status: int = 200,
) -> Response:
    reader = web.reader(request)
    q = request.query_params
    flt = {
        "stage": q.get("stage", ""),
        "kind": q.get("kind", ""),
        "agreement": q.get("agreement", ""),
    }
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        published = published_schedule(session, event) is not None
        every = outcomes.outcome_rows(session, event, reader.locale)
        name = reader.name(event.names)
    rows = outcomes.filter_rows(
        every,
        stage=flt["stage"] or None,
        kind=flt["kind"] or None,
        has_agreement=_bool(flt["agreement"]),
    )
    return web.page(
        request,
        "outcomes/organizer.html",
        {
            "slug": slug,
            "event_name": name,
            "published": published,
            "rows": rows,
            "summary": _summary(every),
            "flt": flt,
            "errors": errors or {},
            "notice": notice,
            "action": f"/o/{slug}/outcomes",
            "organizer": True,
            **_choices(reader),
        },
        status,
    )


@router.get("/o/{slug}/outcomes", response_class=HTMLResponse, include_in_schema=False)
def organizer_page(slug: str, request: Request) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    notice = ""
    if request.query_params.get("recorded") == "1":
        notice = reader._(RECORDED)
    elif request.query_params.get("survey") in ("1", "2"):
        notice = reader._(SURVEY_QUEUED) % {"round": request.query_params["survey"]}
    return _organizer_page(web, request, slug, notice=notice)


def _one_row(
    web: Web, request: Request, slug: str, key: str, participation_id: int | None, **context: Any
) -> Response:
    """One meeting's block (the htmx swap), fresh from the database."""
    reader = web.reader(request)
    with web.read() as session:
        if participation_id is None:
            event = _staff_event(web, request, session, slug)
            me = None
            action = f"/o/{slug}/outcomes"
        else:
            event, me = _me(web, request, session, slug)
            action = f"/me/{slug}/outcomes"
        rows = outcomes.outcome_rows(session, event, reader.locale, me)
    row = next((r for r in rows if r.key == key), None)
    if row is None:
        raise NotFound(N_("no published meeting %(key)s"), key=key)
    return web.page(
        request,
        "outcomes/_row.html",
        {
            "slug": slug,
            "row": row,
            "action": action,
            "organizer": participation_id is None,
            **_choices(reader),
            **context,
        },
    )


@router.post("/o/{slug}/outcomes/survey", include_in_schema=False)
async def organizer_survey(slug: str, request: Request) -> Response:
    from keruen.jobs import survey

    web = web_of(request)
    await web.check_csrf(request)
    who = web.require(request)
    form = await request.form()
    value = str(form.get("round", "1"))
    survey_round = int(value) if value in ("1", "2") else 1
    try:
        with web.write() as session:
            event = _staff_event(web, request, session, slug)
            survey.queue_survey(
                session, event, survey_round, account=who.account_id, settings=web.settings
            )
    except (NotFound, PermissionDenied):
        raise
    except KeruenError as error:
        found = boundary.refusal(error, web.reader(request).translations)
        return _organizer_page(
            web, request, slug, errors={"survey": found.message}, status=found.http_status
        )
    return RedirectResponse(f"/o/{slug}/outcomes?survey={survey_round}", status_code=303)


@router.post("/o/{slug}/outcomes/{key}", include_in_schema=False)
async def organizer_record(slug: str, key: str, request: Request) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    who = web.require(request)
    form = await request.form()
    reader = web.reader(request)
    try:
        stage, note, agreement = _form_input(form)
        with web.write() as session:
            event = _staff_event(web, request, session, slug)
            outcomes.record_follow_up(
                session,
                event,
                key,
                stage,
                by=f"account:{who.account_id}",
                note=note,
                agreement=agreement,
            )
    except KeruenError as error:
        if isinstance(error, NotFound | PermissionDenied) and "key" not in error.params:
            raise
        found = boundary.refusal(error, reader.translations)
        if _is_htmx(request):
            return _one_row(web, request, slug, key, None, error=found.message, form=dict(form))
        return _organizer_page(
            web, request, slug, errors={key: found.message}, status=found.http_status
        )
    if _is_htmx(request):
        return _one_row(web, request, slug, key, None, note=reader._(RECORDED))
    return RedirectResponse(f"/o/{slug}/outcomes?recorded=1#m-{key}", status_code=303)


# ---------------------------------------------------------------- participant pages


def _participant_page(
    web: Web,
    request: Request,
    slug: str,
    *,
    errors: dict[str, str] | None = None,
    notice: str = "",
    status: int = 200,
) -> Response:
    reader = web.reader(request)
    with web.read() as session:
        event, me = _me(web, request, session, slug)
        published = published_schedule(session, event) is not None
        rows = outcomes.outcome_rows(session, event, reader.locale, me)
        name = reader.name(event.names)
    return web.page(
        request,
        "outcomes/participant.html",
        {
            "slug": slug,
            "event_name": name,
            "published": published,
            "rows": rows,
            "errors": errors or {},
            "notice": notice,
            "action": f"/me/{slug}/outcomes",
            "organizer": False,
            **_choices(reader),
        },
        status,
    )


@router.get("/me/{slug}/outcomes", response_class=HTMLResponse, include_in_schema=False)
def participant_page(slug: str, request: Request) -> Response:
    web = web_of(request)
    reader = web.reader(request)
    notice = reader._(RECORDED) if request.query_params.get("recorded") == "1" else ""
    return _participant_page(web, request, slug, notice=notice)


@router.post("/me/{slug}/outcomes/{key}", include_in_schema=False)
async def participant_record(slug: str, key: str, request: Request) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    who = web.require(request)
    form = await request.form()
    reader = web.reader(request)
    try:
        stage, note, agreement = _form_input(form)
        with web.write() as session:
            event, me = _me(web, request, session, slug)
            outcomes.record_follow_up(
                session,
                event,
                key,
                stage,
                by=f"delegate:{who.delegate_id}",
                participation=me,
                note=note,
                agreement=agreement,
            )
            pid = me.id
    except KeruenError as error:
        if isinstance(error, NotFound | PermissionDenied):
            raise
        found = boundary.refusal(error, reader.translations)
        if _is_htmx(request):
            with web.read() as session:
                _event, me = _me(web, request, session, slug)
                pid = me.id
            return _one_row(web, request, slug, key, pid, error=found.message, form=dict(form))
        return _participant_page(
            web, request, slug, errors={key: found.message}, status=found.http_status
        )
    if _is_htmx(request):
        return _one_row(web, request, slug, key, pid, note=reader._(RECORDED))
    return RedirectResponse(f"/me/{slug}/outcomes?recorded=1#m-{key}", status_code=303)


# ---------------------------------------------------------------- the survey link


def _survey_reader(web: Web, request: Request, own_locale: str | None) -> Reader:
    """The person's own language unless they switched (?lang=, or the switcher's cookie)."""
    chosen = explicit_locale(request.query_params.get("lang")) or explicit_locale(
        request.cookies.get(LANG_COOKIE)
    )
    return Reader(chosen or normalize_locale(own_locale), web.principal(request))


def _survey_locale(web: Web, token: str) -> str | None:
    with web.read() as session:
        invitation = outcomes.invitation_of(session, token)
        person = session.get(Participation, invitation.participation_id)
        return person.delegate.locale if person is not None else None


def _survey_page(
    web: Web,
    request: Request,
    token: str,
    *,
    errors: dict[str, str] | None = None,
    notice: str = "",
    status: int = 200,
) -> Response:
    with web.read() as session:
        invitation = outcomes.invitation_of(session, token)
        person = session.get(Participation, invitation.participation_id)
        event = session.get(Event, invitation.event_id)
        if person is None or event is None:
            raise NotFound(N_("this survey link is not valid"))
        reader = _survey_reader(web, request, person.delegate.locale)
        rows = outcomes.outcome_rows(session, event, reader.locale, person)
        name = reader.name(event.names)
        person_name = reader.name(person.delegate.names)
    return web.page(
        request,
        "outcomes/survey.html",
        {
            "lang": reader.locale,
            "_": reader._,
            "ngettext": reader.n_,
            "r": reader,
            "token": token,
            "event_name": name,
            "person_name": person_name,
            "rows": rows,
            "errors": errors or {},
            "notice": notice,
            "action": f"/survey/{token}",
            "organizer": False,
            **_choices(reader),
        },
        status,
    )


@router.get("/survey/{token}", response_class=HTMLResponse, include_in_schema=False)
def survey_page(token: str, request: Request) -> Response:
    web = web_of(request)
    notice = ""
    if request.query_params.get("recorded") == "1":
        notice = _survey_reader(web, request, _survey_locale(web, token))._(RECORDED)
    response = _survey_page(web, request, token, notice=notice)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@router.post("/survey/{token}/{key}", include_in_schema=False)
async def survey_answer(token: str, key: str, request: Request) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    form = await request.form()
    try:
        stage, note, agreement = _form_input(form)
        with web.write() as session:
            invitation = outcomes.invitation_of(session, token)
            outcomes.answer_survey(session, invitation, key, stage, note=note, agreement=agreement)
    except KeruenError as error:
        if isinstance(error, NotFound) and "key" not in error.params:
            raise
        reader = _survey_reader(web, request, _survey_locale(web, token))
        found = boundary.refusal(error, reader.translations)
        return _survey_page(
            web, request, token, errors={key: found.message}, status=found.http_status
        )
    return RedirectResponse(f"/survey/{token}?recorded=1#m-{key}", status_code=303)


# ---------------------------------------------------------------- API


@router.get("/api/v1/o/{slug}/outcomes", tags=TAGS)
def api_organizer_outcomes(slug: str, request: Request) -> list[OutcomeOut]:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        rows = outcomes.outcome_rows(session, event, reader.locale)
    return [_out(r, True) for r in rows]


@router.post("/api/v1/o/{slug}/outcomes/{key}", tags=TAGS)
async def api_organizer_record(
    slug: str, key: str, body: FollowUpIn, request: Request
) -> OutcomeOut:
    web = web_of(request)
    await web.check_csrf(request)
    who = web.require(request)
    reader = web.reader(request)
    with web.write() as session:
        event = _staff_event(web, request, session, slug)
        outcomes.record_follow_up(
            session,
            event,
            key,
            body.stage,
            by=f"account:{who.account_id}",
            note=body.note,
            agreement=body.agreement,
            agreement_id=body.agreement_id,
        )
    with web.read() as session:
        event = _staff_event(web, request, session, slug)
        rows = outcomes.outcome_rows(session, event, reader.locale)
    return _out(next(r for r in rows if r.key == key), True)


@router.get("/api/v1/me/{slug}/outcomes", tags=TAGS)
def api_participant_outcomes(slug: str, request: Request) -> list[OutcomeOut]:
    web = web_of(request)
    reader = web.reader(request)
    with web.read() as session:
        event, me = _me(web, request, session, slug)
        rows = outcomes.outcome_rows(session, event, reader.locale, me)
    return [_out(r, False) for r in rows]


@router.post("/api/v1/me/{slug}/outcomes/{key}", tags=TAGS)
async def api_participant_record(
    slug: str, key: str, body: FollowUpIn, request: Request
) -> OutcomeOut:
    web = web_of(request)
    await web.check_csrf(request)
    who = web.require(request)
    reader = web.reader(request)
    with web.write() as session:
        event, me = _me(web, request, session, slug)
        outcomes.record_follow_up(
            session,
            event,
            key,
            body.stage,
            by=f"delegate:{who.delegate_id}",
            participation=me,
            note=body.note,
            agreement=body.agreement,
            agreement_id=body.agreement_id,
        )
    with web.read() as session:
        event, me = _me(web, request, session, slug)
        rows = outcomes.outcome_rows(session, event, reader.locale, me)
    return _out(next(r for r in rows if r.key == key), False)
