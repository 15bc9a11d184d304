"""Participants', officials' and interpreters' own pages (/me) and API (/api/v1/me).

Every route: who is signed in (a person, not an organizer account), their participation in the
event (`accounts.require_participation`), then a service or a query. Other people's names go
through one place, `Names`: a person of the other side is named only after they agreed to
share their profile; their e-mail and telephone only with an accepted meeting and their consent.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen import boundary
from keruen.accounts import service as accounts
from keruen.accounts.service import Principal
from keruen.config import Settings
from keruen.core.errors import KeruenError, NotFound, PermissionDenied
from keruen.core.i18n_markers import N_
from keruen.core.timeutil import utc_to_local, utcnow
from keruen.events import directory
from keruen.events import service as event_service
from keruen.events.enums import ParticipationRole
from keruen.events.models import Event, Participation
from keruen.events.queries import side_of
from keruen.jobs import notify
from keruen.meetings import queries
from keruen.meetings import service as meetings
from keruen.meetings.enums import RequestStatus, label
from keruen.meetings.models import MeetingRequest
from keruen.organizations import service as organizations
from keruen.organizations.models import Delegate, Organization
from keruen.web.common import SESSION_COOKIE, Reader, Web, web_of

router = APIRouter()
TAGS: list[str | Any] = ["me"]
PROFILE_LANGUAGES = organizations.PROFILE_LANGUAGES
MEETS = (ParticipationRole.PARTICIPANT, ParticipationRole.OFFICIAL)
NOT_A_PERSON = N_("these pages are for the people taking part; organizers have their own pages")
# Words only the templates use.
TEMPLATE_WORDS = (
    N_("My profile"),
    N_("Privacy"),
    N_("Suggested partners"),
    N_("Catalogue"),
    N_("Requests"),
    N_("My agenda"),
    N_("Request a meeting"),
    N_("Message (optional)"),
    N_("Send the request"),
    N_("Accept"),
    N_("Decline"),
    N_("Cancel the request"),
    N_("Received"),
    N_("Sent"),
    N_("Requests in use: %(used)s of %(quota)s (%(left)s left)"),
    N_("Expires %(when)s"),
    N_("Search"),
    N_("Sector (ISIC)"),
    N_("HS code"),
    N_("Side"),
    N_("Region"),
    N_("any"),
    N_("Show"),
    N_("No organization fits these filters."),
    N_("Representatives"),
    N_("Name hidden until the person agrees to share their profile"),
    N_("name hidden"),
    N_("Contacts"),
    N_("Contacts are shown once a meeting is accepted and the person agreed."),
    N_("Save"),
    N_("Names"),
    N_("Position"),
    N_("Languages I speak (codes, e.g. ru kk zh en)"),
    N_("Telephone"),
    N_("Language of my pages and mail"),
    N_("My organization's profile"),
    N_("Original language"),
    N_("Given on %(when)s"),
    N_("Withdrawn on %(when)s"),
    N_("Not given yet"),
    N_("Give consent"),
    N_("Withdraw consent"),
    N_("Download everything stored about me (JSON)"),
    N_("Erase me"),
    N_(
        "Erasing removes your name, contacts and sign-in from keruen. Meetings you took part "
        "in stay in the event's records without your name. This cannot be undone."
    ),
    N_("Yes, erase me"),
    N_("You have been erased. Thank you for taking part."),
    N_("No meetings yet: the schedule is not published."),
    N_("No meetings for you in the published schedule."),
    N_("Time"),
    N_("Table"),
    N_("Partner"),
    N_("Interpreter"),
    N_("Your clock (%(zone)s)"),
    N_("Times are in the event's clock (%(zone)s)."),
    N_("Next meetings"),
    N_("Requests waiting for your answer: %(n)s"),
    N_("Your requests waiting for an answer: %(n)s"),
    N_("Accepted meetings: %(n)s"),
    N_("No good match yet."),
    N_("Saved."),
    N_("Your request was sent."),
    N_("No requests yet."),
    N_("Interpreter roster"),
    N_("G2B programme"),
    N_("Topic"),
)
SAVED = N_("Saved.")
SENT = N_("Your request was sent.")
ERASED = N_("You have been erased. Thank you for taking part.")


# ---------------------------------------------------------------- response models


class EventOut(BaseModel):
    slug: str
    name: str
    role: str
    role_label: str


class TopicOut(BaseModel):
    code: str
    label: str


class PersonOut(BaseModel):
    participation_id: int
    name: str = Field(description="Empty while the person has not agreed to share their profile")
    organization: str
    role: str
    languages: list[str]
    email: str | None = None
    phone: str | None = None
    topics: list[TopicOut] = Field(default_factory=list, description="An official's G2B topics")


class OrganizationTextsOut(BaseModel):
    key: str
    name: str
    description: dict[str, str]
    description_source: str | None


class ProfileOut(BaseModel):
    names: dict[str, str]
    names_source: str | None
    position: dict[str, str]
    languages: list[str]
    email: str | None
    phone: str | None
    locale: str
    organization: OrganizationTextsOut | None


class ProfilePatch(BaseModel):
    names: dict[str, Annotated[str, Field(max_length=200)]] | None = None
    position: dict[str, Annotated[str, Field(max_length=200)]] | None = None
    languages: list[Annotated[str, Field(max_length=16)]] | None = Field(None, max_length=12)
    phone: str | None = Field(None, max_length=40)
    locale: str | None = Field(None, max_length=8)
    organization_description: dict[str, Annotated[str, Field(max_length=4000)]] | None = None
    written_in: str | None = Field(None, max_length=8)


class SuggestionOut(BaseModel):
    organization_key: str
    organization: str
    score: float
    pinned: bool
    reasons: list[str]
    representatives: list[PersonOut]


class SuggestionsOut(BaseModel):
    suggestions: list[SuggestionOut]
    no_match: list[str]


class CatalogueRowOut(BaseModel):
    key: str
    name: str
    kind: str
    region: str
    region_name: str
    side: str | None
    isic: list[str]
    hs_offers: list[str]
    hs_needs: list[str]
    delegates: int


class CooperationOut(BaseModel):
    kind: str
    text: str


class OrganizationOut(BaseModel):
    key: str
    name: str
    kind: str
    region: str
    region_name: str
    side: str | None
    website: str | None
    isic: list[str]
    hs_offers: list[str]
    hs_needs: list[str]
    description: str
    description_language: str | None
    cooperation: list[CooperationOut]
    representatives: list[PersonOut]


class RequestOut(BaseModel):
    id: int
    direction: str
    status: str
    status_label: str
    kind: str
    topic: str | None
    message: str | None
    partner: PersonOut
    created_at: datetime
    expires_at: datetime | None
    expires: str
    can_answer: bool
    can_cancel: bool


class InboxOut(BaseModel):
    quota: int
    used: int
    left: int
    ttl_hours: int
    received: list[RequestOut]
    sent: list[RequestOut]


class RequestIn(BaseModel):
    target: int = Field(ge=1, lt=2**31, description="The participation id of the person asked")
    message: str | None = Field(None, max_length=2000)
    topic: str | None = Field(None, max_length=80)


class AgendaItemOut(BaseModel):
    starts_at: datetime
    ends_at: datetime
    day: str
    start: str
    end: str
    own_start: str | None
    own_end: str | None
    table: str
    kind: str
    kind_label: str
    partner: str
    partner_person: str
    interpreter: str


class AgendaOut(BaseModel):
    role: str
    published: bool
    event_zone: str
    event_clock: str = Field(description="The event's clock as people name it: city, UTC offset")
    own_zone: str | None
    own_clock: str | None
    items: list[AgendaItemOut]


class EventHomeOut(BaseModel):
    event: EventOut
    received_pending: int
    sent_pending: int
    accepted: int
    next_meetings: list[AgendaItemOut]


class ConsentOut(BaseModel):
    purpose: str
    wording: str
    granted: bool
    recorded_at: datetime | None
    recorded_wording: str | None
    recorded_locale: str | None


class ConsentIn(BaseModel):
    purpose: str = Field(max_length=40)
    granted: bool


class EraseIn(BaseModel):
    confirm: bool


# ---------------------------------------------------------------- who is asking


def _person(request: Request) -> tuple[Web, Principal, Reader]:
    """The signed-in person; an organizer account (no person) is refused."""
    web = web_of(request)
    who = web.require(request)
    if who.delegate_id is None:
        raise PermissionDenied(NOT_A_PERSON)
    return web, who, web.reader(request)


def _delegate(session: Session, who: Principal) -> Delegate:
    delegate = session.get(Delegate, who.delegate_id)
    if delegate is None or delegate.erased_at is not None:
        raise PermissionDenied(N_("sign in first"))
    return delegate


def _participation(
    session: Session, who: Principal, slug: str, *roles: ParticipationRole
) -> tuple[Event, Participation]:
    event = event_service.get_event(session, slug)
    pid = accounts.require_participation(who, event, *roles)
    me = session.get(Participation, pid)
    if me is None:
        raise NotFound(N_("no event %(slug)s"), slug=slug)
    return event, me


@dataclass
class Names:
    """How the people of an event are named for one viewer: the one place the pages and the API
    build another person's name and contacts.

    A person of the other side is named only once they agreed to `share_profile`; until then
    the viewer sees their organization only. E-mail and telephone appear only when the viewer
    has an accepted meeting with them and they agreed to share contacts."""

    session: Session
    event: Event
    viewer: Participation
    reader: Reader
    _shares: dict[int, bool] = field(default_factory=dict)

    def _side(self, p: Participation) -> str | None:
        org = p.delegate.organization
        return side_of(self.event, org.region_code) if org is not None else None

    def shows_name(self, p: Participation) -> bool:
        if p.delegate_id == self.viewer.delegate_id:
            return True
        mine, theirs = self._side(self.viewer), self._side(p)
        if mine is None or theirs is None or mine == theirs:
            return True
        if p.delegate_id not in self._shares:
            self._shares[p.delegate_id] = accounts.shares_profile(self.session, p.delegate_id)
        return self._shares[p.delegate_id]

    def name(self, p: Participation | None) -> str:
        if p is None or not self.shows_name(p):
            return ""
        return self.reader.name(p.delegate.names)

    def organization(self, p: Participation | None) -> str:
        if p is None or p.delegate.organization is None:
            return ""
        return self.reader.name(p.delegate.organization.names)

    def contacts(self, p: Participation) -> tuple[str | None, str | None]:
        d = p.delegate
        if (
            self.viewer.role not in {r.value for r in MEETS}
            or p.id == self.viewer.id
            or not d.consent_share_contacts
            or d.erased_at is not None
            or not queries.accepted_between(self.session, self.event, self.viewer.id, p.id)
        ):
            return None, None
        return d.email, d.phone

    def person(self, p: Participation) -> PersonOut:
        email, phone = self.contacts(p)
        return PersonOut(
            participation_id=p.id,
            name=self.name(p),
            organization=self.organization(p),
            role=p.role,
            languages=list(p.delegate.languages),
            email=email,
            phone=phone,
            topics=[TopicOut(code=t, label=self.topic(t)) for t in p.topics]
            if p.role == ParticipationRole.OFFICIAL.value
            else [],
        )

    def topic(self, code: str) -> str:
        from keruen.i18n import get_translations
        from keruen.matching.explain import TOPIC_LABELS

        msgid = TOPIC_LABELS.get(code)
        if msgid is None:
            return code
        return get_translations(self.reader.locale, domain="matching").gettext(msgid)


def _clock(reader: Reader, moment: datetime, event_zone: str, own_zone: str | None) -> str:
    """A moment in the event's clock, with the reader's own beside it when it differs."""
    text = reader.datetime(moment, event_zone, "short")
    if own_zone and (
        utc_to_local(moment, own_zone).utcoffset() != utc_to_local(moment, event_zone).utcoffset()
    ):
        text += f" ({reader.time(moment, own_zone)}, {reader.zone(own_zone, moment)})"
    return text


# ---------------------------------------------------------------- what the routes share


def _events(session: Session, who: Principal, reader: Reader) -> list[EventOut]:
    rows = session.scalars(
        select(Participation).where(Participation.delegate_id == who.delegate_id)
    ).all()
    return [
        EventOut(
            slug=p.event.slug,
            name=reader.name(p.event.names),
            role=p.role,
            role_label=label(p.role, reader._),
        )
        for p in rows
    ]


def _request_out(
    r: MeetingRequest, me: Participation, names: Names, event: Event, own_zone: str | None
) -> RequestOut:
    sent = r.requester_id == me.id
    partner = r.target if sent else r.requester
    pending = r.status == RequestStatus.PENDING.value
    return RequestOut(
        id=r.id,
        direction="sent" if sent else "received",
        status=r.status,
        status_label=label(r.status, names.reader._),
        kind=r.kind,
        topic=r.topic,
        message=r.message,
        partner=names.person(partner),
        created_at=r.created_at,
        expires_at=r.expires_at,
        expires=_clock(names.reader, r.expires_at, event.timezone, own_zone)
        if r.expires_at and pending
        else "",
        can_answer=pending and not sent,
        can_cancel=(pending and sent) or r.status == RequestStatus.ACCEPTED.value,
    )


def _inbox(session: Session, event: Event, me: Participation, reader: Reader) -> InboxOut:
    names = Names(session, event, me, reader)
    own = queries.home_zone(me, event)
    rows = [
        _request_out(r, me, names, event, own)
        for r in queries.requests_of_participant(session, event, me.id)
    ]
    quota = queries.quota_of(session, event, me.id)
    return InboxOut(
        quota=quota.quota,
        used=quota.used,
        left=quota.left,
        ttl_hours=quota.ttl_hours,
        received=[r for r in rows if r.direction == "received"],
        sent=[r for r in rows if r.direction == "sent"],
    )


def _agenda(session: Session, event: Event, me: Participation, reader: Reader) -> AgendaOut:
    from keruen.meetings import schedule_service

    schedule = schedule_service.published_schedule(session, event)
    own = queries.home_zone(me, event)
    probe = event.sessions[0].starts_at if event.sessions else utcnow()
    differs = own != event.timezone and any(
        utc_to_local(s.starts_at, own).utcoffset()
        != utc_to_local(s.starts_at, event.timezone).utcoffset()
        for s in event.sessions[:1]
    )
    out = AgendaOut(
        role=me.role,
        published=schedule is not None,
        event_zone=event.timezone,
        event_clock=reader.zone(event.timezone, probe),
        own_zone=own if differs else None,
        own_clock=reader.zone(own, probe) if differs else None,
        items=[],
    )
    if schedule is None:
        return out
    names = Names(session, event, me, reader)
    pairs: list[tuple[queries.MeetingView, int | None]]
    if me.role == ParticipationRole.INTERPRETER.value:
        pairs = [(v, None) for v in queries.roster(schedule, event, me, reader.locale)]
    else:
        _zone, items = queries.agenda(schedule, event, me, reader.locale)
        pairs = [(i.meeting, i.partner_id) for i in items]
    for view, partner_id in pairs:
        if partner_id is None:
            first = session.get(Participation, view.first_id)
            second = session.get(Participation, view.second_id)
            partner = " — ".join(
                f"{names.organization(p)} {names.name(p)}".strip() for p in (first, second)
            )
            person = ""
        else:
            other = session.get(Participation, partner_id)
            partner = names.organization(other) or names.name(other)
            person = names.name(other) if names.organization(other) else ""
        interpreter = (
            names.name(session.get(Participation, view.interpreter_id))
            if view.interpreter_id
            else ""
        )
        out.items.append(
            AgendaItemOut(
                starts_at=view.starts_at,
                ends_at=view.ends_at,
                day=reader.date(view.local_start.date(), "full"),
                start=reader.time(view.starts_at, event.timezone),
                end=reader.time(view.ends_at, event.timezone),
                own_start=reader.time(view.starts_at, own) if differs else None,
                own_end=reader.time(view.ends_at, own) if differs else None,
                table=view.table,
                kind=view.kind,
                kind_label=label(view.kind, reader._),
                partner=partner,
                partner_person=person,
                interpreter=interpreter,
            )
        )
    return out


def _profile(session: Session, who: Principal, reader: Reader) -> ProfileOut:
    d = _delegate(session, who)
    org = d.organization
    return ProfileOut(
        names=dict(d.names.values),
        names_source=d.names.source,
        position=dict(d.position.values) if d.position else {},
        languages=list(d.languages),
        email=d.email,
        phone=d.phone,
        locale=d.locale,
        organization=OrganizationTextsOut(
            key=directory.organization_key(org),
            name=reader.name(org.names),
            description=dict(org.description.values) if org.description else {},
            description_source=org.description.source if org.description else None,
        )
        if org is not None
        else None,
    )


def _save_profile(session: Session, who: Principal, patch: ProfilePatch, reader: Reader) -> None:
    d = _delegate(session, who)
    written_in = patch.written_in or reader.locale
    organizations.update_delegate_profile(
        session,
        delegate=d,
        names=dict(patch.names) if patch.names is not None else None,
        position=dict(patch.position) if patch.position is not None else None,
        languages=patch.languages,
        phone=patch.phone,
        locale=patch.locale,
        written_in=written_in,
    )
    if patch.organization_description is not None:
        if d.organization is None:
            raise NotFound(N_("you represent no organization"))
        organizations.update_organization_texts(
            session,
            organization=d.organization,
            editor=d,
            description=dict(patch.organization_description),
            written_in=written_in,
        )


def _suggestions(
    session: Session, event: Event, me: Participation, reader: Reader
) -> SuggestionsOut:
    from keruen.meetings import suggestions as suggestion_service

    org = me.delegate.organization
    if org is None or me.role not in {r.value for r in MEETS}:
        raise NotFound(N_("no event %(slug)s"), slug=event.slug)
    found, ranked = suggestion_service.suggest_for_event(session, event)
    key = str(org.id)
    names = Names(session, event, me, reader)
    out = []
    for s in ranked.get(key, []):
        partner = found.organizations[s.partner_id]
        out.append(
            SuggestionOut(
                organization_key=directory.organization_key(partner),
                organization=reader.name(partner.names),
                score=round(s.score, 4),
                pinned=s.pinned,
                reasons=suggestion_service.render(s, reader.locale, limit=3),
                representatives=[
                    names.person(p) for p in found.representatives.get(s.partner_id, [])
                ],
            )
        )
    no_match = [] if out else suggestion_service.render_no_match(found, key, reader.locale)
    return SuggestionsOut(suggestions=out, no_match=no_match)


def _catalogue(
    session: Session,
    event: Event,
    reader: Reader,
    *,
    q: str | None,
    isic: str | None,
    hs: str | None,
    side: str | None,
    language: str | None,
    region: str | None = None,
) -> list[CatalogueRowOut]:
    rows = directory.catalogue(
        session,
        directory.DirectoryFilter(
            event=event.slug,
            side=side or None,
            region=region or None,
            hs=hs or None,
            isic=isic or None,
        ),
        reader.locale,
        text=q,
        language=language or None,
    )
    keys = {
        o.id: directory.organization_key(o)
        for o in session.scalars(
            select(Organization).where(Organization.id.in_([r.id for r in rows]))
        )
    }
    return [
        CatalogueRowOut(
            key=keys[r.id],
            name=r.name,
            kind=r.kind,
            region=r.region,
            region_name=region_name(r.region, reader),
            side=r.side,
            isic=r.isic,
            hs_offers=r.hs_offers,
            hs_needs=r.hs_needs,
            delegates=r.delegates,
        )
        for r in rows
    ]


def region_name(code: str, reader: Reader) -> str:
    from keruen.reference.regions import load_regions

    record = load_regions().get(code)
    return reader.name(record.names) if record else code


def _organization(
    session: Session, event: Event, me: Participation, key: str, reader: Reader
) -> OrganizationOut:
    found = directory.public_profile(session, event.id, key, reader.locale)
    names = Names(session, event, me, reader)
    people = [session.get(Participation, r.participation_id) for r in found.representatives]
    return OrganizationOut(
        key=found.key,
        name=found.name,
        kind=found.kind,
        region=found.region,
        region_name=region_name(found.region, reader),
        side=found.side,
        website=found.website,
        isic=found.isic,
        hs_offers=found.hs_offers,
        hs_needs=found.hs_needs,
        description=found.description,
        description_language=found.description_language,
        cooperation=[CooperationOut(kind=k, text=t) for k, t in found.cooperation],
        representatives=[names.person(p) for p in people if p is not None],
    )


def _send(
    session: Session, event: Event, me: Participation, body: RequestIn, settings: Settings
) -> MeetingRequest:
    sent = meetings.request_meeting(
        session,
        event=event,
        requester_id=me.id,
        target_id=body.target,
        message=(body.message or "").strip() or None,
        topic=(body.topic or "").strip() or None,
    )
    notify.request_changed(session, sent, "received", settings=settings)  # after the commit
    return sent


ACTIONS: dict[str, Callable[..., MeetingRequest]] = {
    "accept": meetings.accept_request,
    "decline": meetings.decline_request,
    "cancel": meetings.cancel_request,
}


def _act(
    session: Session,
    event: Event,
    me: Participation,
    request_id: int,
    action: str,
    settings: Settings,
) -> None:
    queries.request_of_participant(session, event, me.id, request_id)
    answered = ACTIONS[action](session, request_id=request_id, actor_id=me.id)
    if action in ("accept", "decline"):  # the one who asked hears the answer, after the commit
        notify.request_changed(session, answered, f"{action}ed", settings=settings)
    elif action == "cancel":  # a published meeting cancelled late: rescheduled, few moves
        notify.late_cancellation(session, answered, settings=settings)


def _consents(session: Session, who: Principal, reader: Reader) -> list[ConsentOut]:
    latest = accounts.consents(session, who.delegate_id or 0)
    out = []
    for purpose, wording in accounts.PURPOSES.items():
        row = latest.get(purpose)
        out.append(
            ConsentOut(
                purpose=purpose,
                wording=reader._(wording),
                granted=bool(row and row.granted),
                recorded_at=row.recorded_at if row else None,
                recorded_wording=row.wording if row else None,
                recorded_locale=row.locale if row else None,
            )
        )
    return out


def _consent(session: Session, who: Principal, body: ConsentIn, reader: Reader) -> None:
    if body.purpose not in accounts.PURPOSES:
        raise NotFound(N_("no such consent: %(value)s"), value=body.purpose)
    accounts.record_consent(
        session,
        delegate=_delegate(session, who),
        purpose=body.purpose,
        granted=body.granted,
        wording=reader._(accounts.PURPOSES[body.purpose]),
        locale=reader.locale,
    )


def _export(session: Session, who: Principal) -> dict[str, Any]:
    return accounts.export_person(session, _delegate(session, who))


def _erase(session: Session, who: Principal) -> None:
    accounts.erase_person(session, _delegate(session, who))


# ---------------------------------------------------------------- pages


def _is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def _refusal(web: Web, request: Request, error: KeruenError) -> boundary.Refusal:
    return boundary.refusal(error, web.reader(request).translations)


@router.get("/me", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request) -> Response:
    """The events the signed-in person takes part in."""
    web, who, reader = _person(request)
    with web.read() as session:
        events = _events(session, who, reader)
    return web.page(request, "participant/home.html", {"events": events})


@router.get("/me/profile", response_class=HTMLResponse, include_in_schema=False)
def profile_page(request: Request) -> Response:
    web, who, reader = _person(request)
    with web.read() as session:
        profile = _profile(session, who, reader)
    return web.page(
        request,
        "participant/profile.html",
        {
            "profile": profile,
            "languages": PROFILE_LANGUAGES,
            "saved": request.query_params.get("saved") == "1",
        },
    )


@router.post("/me/profile", include_in_schema=False)
async def profile_save(request: Request) -> Response:
    web, who, reader = _person(request)
    await web.check_csrf(request)
    form = await request.form()

    def per_language(prefix: str) -> dict[str, str] | None:
        values = {
            lang: str(form.get(f"{prefix}_{lang}", ""))[:4000]
            for lang in PROFILE_LANGUAGES
            if f"{prefix}_{lang}" in form
        }
        return values or None

    languages = form.get("languages")
    patch = ProfilePatch(
        names=per_language("name"),
        position=per_language("position"),
        languages=str(languages).replace(",", " ").split()[:12] if languages is not None else None,
        phone=str(form["phone"])[:40] if "phone" in form else None,
        locale=str(form["locale"])[:8] if "locale" in form else None,
        organization_description=per_language("description"),
    )
    try:
        with web.write() as session:
            _save_profile(session, who, patch, reader)
    except KeruenError as error:
        found = _refusal(web, request, error)
        with web.read() as session:
            profile = _profile(session, who, reader)
        return web.page(
            request,
            "participant/profile.html",
            {"profile": profile, "languages": PROFILE_LANGUAGES, "error": found.message},
            found.http_status,
        )
    return RedirectResponse("/me/profile?saved=1", status_code=303)


@router.get("/me/privacy", response_class=HTMLResponse, include_in_schema=False)
def privacy_page(request: Request) -> Response:
    web, who, reader = _person(request)
    with web.read() as session:
        consents = _consents(session, who, reader)
    return web.page(request, "participant/privacy.html", {"consents": consents})


@router.post("/me/privacy/consents", include_in_schema=False)
async def privacy_consent(request: Request) -> Response:
    web, who, reader = _person(request)
    await web.check_csrf(request)
    form = await request.form()
    body = ConsentIn(
        purpose=str(form.get("purpose", ""))[:40], granted=form.get("granted") == "yes"
    )
    with web.write() as session:
        _consent(session, who, body, reader)
    return RedirectResponse("/me/privacy", status_code=303)


@router.get("/me/privacy/export", include_in_schema=False)
def privacy_export(request: Request) -> Response:
    web, who, _reader = _person(request)
    with web.read() as session:
        data = _export(session, who)
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="keruen-my-data.json"'},
    )


@router.get("/me/privacy/erase", response_class=HTMLResponse, include_in_schema=False)
def erase_page(request: Request) -> Response:
    web, _who, _reader = _person(request)
    return web.page(request, "participant/erase.html", {})


@router.post("/me/privacy/erase", include_in_schema=False)
async def erase(request: Request) -> Response:
    web, who, reader = _person(request)
    await web.check_csrf(request)
    with web.write() as session:
        _erase(session, who)
    request.state.principal = None
    response = web.page(request, "participant/erased.html", {"message": reader._(ERASED)})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/me/{slug}", response_class=HTMLResponse, include_in_schema=False)
def event_home(slug: str, request: Request) -> Response:
    web, who, reader = _person(request)
    with web.read() as session:
        event, me = _participation(session, who, slug)
        found = _event_home(session, event, me, reader)
    return web.page(request, "participant/event.html", {"home": found, "slug": slug})


def _event_home(session: Session, event: Event, me: Participation, reader: Reader) -> EventHomeOut:
    inbox = _inbox(session, event, me, reader)
    agenda = _agenda(session, event, me, reader)
    now = utcnow()
    return EventHomeOut(
        event=EventOut(
            slug=event.slug,
            name=reader.name(event.names),
            role=me.role,
            role_label=label(me.role, reader._),
        ),
        received_pending=sum(1 for r in inbox.received if r.status == "pending"),
        sent_pending=sum(1 for r in inbox.sent if r.status == "pending"),
        accepted=sum(1 for r in inbox.received + inbox.sent if r.status == "accepted"),
        next_meetings=[i for i in agenda.items if i.ends_at > now][:3],
    )


@router.get("/me/{slug}/suggestions", response_class=HTMLResponse, include_in_schema=False)
def suggestions_page(slug: str, request: Request) -> Response:
    web, who, reader = _person(request)
    with web.read() as session:
        event, me = _participation(session, who, slug, *MEETS)
        found = _suggestions(session, event, me, reader)
    return web.page(request, "participant/suggestions.html", {"found": found, "slug": slug})


@router.get("/me/{slug}/catalogue", response_class=HTMLResponse, include_in_schema=False)
def catalogue_page(
    slug: str,
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    isic: Annotated[str | None, Query(max_length=8)] = None,
    hs: Annotated[str | None, Query(max_length=12)] = None,
    side: Annotated[str | None, Query(max_length=16)] = None,
    region: Annotated[str | None, Query(max_length=40)] = None,
    language: Annotated[str | None, Query(max_length=16)] = None,
) -> Response:
    web, who, reader = _person(request)
    with web.read() as session:
        event, _me = _participation(session, who, slug)
        rows = _catalogue(
            session,
            event,
            reader,
            q=q,
            isic=isic,
            hs=hs,
            side=side,
            language=language,
            region=region,
        )
        sides = [(s.code, reader.name(s.names)) for s in event.sides]
        every = _catalogue(
            session, event, reader, q=None, isic=None, hs=None, side=None, language=None
        )
        regions = sorted({(r.region, r.region_name) for r in every}, key=lambda x: x[1])
    return web.page(
        request,
        "participant/catalogue.html",
        {
            "rows": rows,
            "slug": slug,
            "sides": sides,
            "regions": regions,
            "languages": PROFILE_LANGUAGES,
            "f": {
                "q": q or "",
                "isic": isic or "",
                "hs": hs or "",
                "side": side or "",
                "region": region or "",
                "language": language or "",
            },
        },
    )


@router.get("/me/{slug}/organizations/{key}", response_class=HTMLResponse, include_in_schema=False)
def organization_page(slug: str, key: str, request: Request) -> Response:
    web, who, reader = _person(request)
    with web.read() as session:
        event, me = _participation(session, who, slug)
        found = _organization(session, event, me, key[:80], reader)
    return web.page(
        request,
        "participant/organization.html",
        {
            "org": found,
            "slug": slug,
            "can_request": me.role in {r.value for r in MEETS},
            "me": me.id,
        },
    )


def _inbox_page(
    web: Web, request: Request, slug: str, note: str = "", error: str = "", status: int = 200
) -> Response:
    who = web.require(request)
    reader = web.reader(request)
    with web.read() as session:
        event, me = _participation(session, who, slug, *MEETS)
        inbox = _inbox(session, event, me, reader)
    template = "participant/_inbox.html" if _is_htmx(request) else "participant/requests.html"
    return web.page(
        request,
        template,
        {"inbox": inbox, "slug": slug, "note": note, "error": error},
        status,
    )


@router.get("/me/{slug}/requests", response_class=HTMLResponse, include_in_schema=False)
def requests_page(slug: str, request: Request) -> Response:
    web, _who, reader = _person(request)
    note = reader._(SENT) if request.query_params.get("sent") == "1" else ""
    return _inbox_page(web, request, slug, note=note)


@router.post("/me/{slug}/requests", include_in_schema=False)
async def send_page(slug: str, request: Request) -> Response:
    web, who, reader = _person(request)
    await web.check_csrf(request)
    form = await request.form()
    target = str(form.get("target", ""))
    if not target.isdigit() or not 0 < int(target) < 2**31:
        raise NotFound(N_("no participant %(id)s"), id=target[:12])
    body = RequestIn(
        target=int(target),
        message=str(form.get("message", ""))[:2000],
        topic=str(form.get("topic", ""))[:80],
    )
    try:
        with web.write() as session:
            event, me = _participation(session, who, slug, *MEETS)
            _send(session, event, me, body, web.settings)
    except (NotFound, PermissionDenied):
        raise
    except KeruenError as error:
        found = _refusal(web, request, error)
        if _is_htmx(request):
            return web.page(request, "participant/_note.html", {"error": found.message})
        return _inbox_page(web, request, slug, error=found.message, status=found.http_status)
    if _is_htmx(request):
        return web.page(request, "participant/_note.html", {"note": reader._(SENT)})
    return RedirectResponse(f"/me/{slug}/requests?sent=1", status_code=303)


@router.post("/me/{slug}/requests/{request_id}/{action}", include_in_schema=False)
async def act_page(slug: str, request_id: int, action: str, request: Request) -> Response:
    web, who, _reader = _person(request)
    await web.check_csrf(request)
    if action not in ACTIONS:
        raise NotFound(N_("no meeting request %(id)s"), id=request_id)
    try:
        with web.write() as session:
            event, me = _participation(session, who, slug, *MEETS)
            _act(session, event, me, request_id, action, web.settings)
    except NotFound:
        raise
    except KeruenError as error:
        found = _refusal(web, request, error)
        status = 200 if _is_htmx(request) else found.http_status
        return _inbox_page(web, request, slug, error=found.message, status=status)
    if _is_htmx(request):
        return _inbox_page(web, request, slug)
    return RedirectResponse(f"/me/{slug}/requests", status_code=303)


@router.get("/me/{slug}/agenda", response_class=HTMLResponse, include_in_schema=False)
def agenda_page(slug: str, request: Request) -> Response:
    web, who, reader = _person(request)
    with web.read() as session:
        event, me = _participation(session, who, slug)
        found = _agenda(session, event, me, reader)
    return web.page(request, "participant/agenda.html", {"agenda": found, "slug": slug})


# ---------------------------------------------------------------- API


@router.get("/api/v1/me/events", tags=TAGS)
def api_events(request: Request) -> list[EventOut]:
    web, who, reader = _person(request)
    with web.read() as session:
        return _events(session, who, reader)


@router.get("/api/v1/me/profile", tags=TAGS)
def api_profile(request: Request) -> ProfileOut:
    web, who, reader = _person(request)
    with web.read() as session:
        return _profile(session, who, reader)


@router.patch("/api/v1/me/profile", tags=TAGS)
async def api_profile_patch(body: ProfilePatch, request: Request) -> ProfileOut:
    web, who, reader = _person(request)
    await web.check_csrf(request)
    with web.write() as session:
        _save_profile(session, who, body, reader)
    with web.read() as session:
        return _profile(session, who, reader)


@router.get("/api/v1/me/privacy/consents", tags=TAGS)
def api_consents(request: Request) -> list[ConsentOut]:
    web, who, reader = _person(request)
    with web.read() as session:
        return _consents(session, who, reader)


@router.post("/api/v1/me/privacy/consents", tags=TAGS)
async def api_consent(body: ConsentIn, request: Request) -> list[ConsentOut]:
    web, who, reader = _person(request)
    await web.check_csrf(request)
    with web.write() as session:
        _consent(session, who, body, reader)
    with web.read() as session:
        return _consents(session, who, reader)


@router.get("/api/v1/me/privacy/export", tags=TAGS)
def api_export(request: Request) -> JSONResponse:
    web, who, _reader = _person(request)
    with web.read() as session:
        data = _export(session, who)
    return JSONResponse(
        data, headers={"Content-Disposition": 'attachment; filename="keruen-my-data.json"'}
    )


@router.post("/api/v1/me/privacy/erase", tags=TAGS)
async def api_erase(body: EraseIn, request: Request) -> JSONResponse:
    web, who, _reader = _person(request)
    await web.check_csrf(request)
    if not body.confirm:
        raise PermissionDenied(N_("confirm the erasure first"))
    with web.write() as session:
        _erase(session, who)
    response = JSONResponse({"erased": True})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/api/v1/me/events/{slug}", tags=TAGS)
def api_event_home(slug: str, request: Request) -> EventHomeOut:
    web, who, reader = _person(request)
    with web.read() as session:
        event, me = _participation(session, who, slug)
        return _event_home(session, event, me, reader)


@router.get("/api/v1/me/events/{slug}/suggestions", tags=TAGS)
def api_suggestions(slug: str, request: Request) -> SuggestionsOut:
    web, who, reader = _person(request)
    with web.read() as session:
        event, me = _participation(session, who, slug, *MEETS)
        return _suggestions(session, event, me, reader)


@router.get("/api/v1/me/events/{slug}/catalogue", tags=TAGS)
def api_catalogue(
    slug: str,
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    isic: Annotated[str | None, Query(max_length=8)] = None,
    hs: Annotated[str | None, Query(max_length=12)] = None,
    side: Annotated[str | None, Query(max_length=16)] = None,
    region: Annotated[str | None, Query(max_length=40)] = None,
    language: Annotated[str | None, Query(max_length=16)] = None,
) -> list[CatalogueRowOut]:
    web, who, reader = _person(request)
    with web.read() as session:
        event, _me = _participation(session, who, slug)
        return _catalogue(
            session,
            event,
            reader,
            q=q,
            isic=isic,
            hs=hs,
            side=side,
            language=language,
            region=region,
        )


@router.get("/api/v1/me/events/{slug}/organizations/{key}", tags=TAGS)
def api_organization(slug: str, key: str, request: Request) -> OrganizationOut:
    web, who, reader = _person(request)
    with web.read() as session:
        event, me = _participation(session, who, slug)
        return _organization(session, event, me, key[:80], reader)


@router.get("/api/v1/me/events/{slug}/requests", tags=TAGS)
def api_requests(slug: str, request: Request) -> InboxOut:
    web, who, reader = _person(request)
    with web.read() as session:
        event, me = _participation(session, who, slug, *MEETS)
        return _inbox(session, event, me, reader)


@router.post("/api/v1/me/events/{slug}/requests", tags=TAGS, status_code=201)
async def api_send(slug: str, body: RequestIn, request: Request) -> RequestOut:
    web, who, reader = _person(request)
    await web.check_csrf(request)
    with web.write() as session:
        event, me = _participation(session, who, slug, *MEETS)
        created = _send(session, event, me, body, web.settings)
        request_id = created.id
    return _one(web, who, reader, slug, request_id)


def _one(web: Web, who: Principal, reader: Reader, slug: str, request_id: int) -> RequestOut:
    with web.read() as session:
        event, me = _participation(session, who, slug, *MEETS)
        found = queries.request_of_participant(session, event, me.id, request_id)
        names = Names(session, event, me, reader)
        return _request_out(found, me, names, event, queries.home_zone(me, event))


def _api_act(action: str) -> Callable[..., Any]:
    async def act(slug: str, request_id: int, request: Request) -> RequestOut:
        web, who, reader = _person(request)
        await web.check_csrf(request)
        with web.write() as session:
            event, me = _participation(session, who, slug, *MEETS)
            _act(session, event, me, request_id, action, web.settings)
        return _one(web, who, reader, slug, request_id)

    act.__name__ = f"api_{action}"
    act.__doc__ = {
        "accept": "Accept a request sent to me.",
        "decline": "Decline a request sent to me.",
        "cancel": "Withdraw a pending or accepted request (either side).",
    }[action]
    return act


for _action in ACTIONS:
    router.add_api_route(
        f"/api/v1/me/events/{{slug}}/requests/{{request_id}}/{_action}",
        _api_act(_action),
        methods=["POST"],
        tags=TAGS,
        response_model=RequestOut,
    )


@router.get("/api/v1/me/events/{slug}/agenda", tags=TAGS)
def api_agenda(slug: str, request: Request) -> AgendaOut:
    web, who, reader = _person(request)
    with web.read() as session:
        event, me = _participation(session, who, slug)
        return _agenda(session, event, me, reader)
