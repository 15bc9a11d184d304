"""Sign-in, sessions, roles, consent, export and erasure: the rules, in one place.

A route never decides who may do what: it asks `principal(...)` who is signed in and
`require_event_staff` / `require_participation` whether they may act; the answer is the same
for a page, the API and a job.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from keruen.accounts.models import Account, Consent, EventStaff, SignInLink, Throttle, WebSession
from keruen.core.errors import Conflict, NotFound, PermissionDenied
from keruen.core.i18n_markers import N_
from keruen.core.text import LocalizedText
from keruen.core.timeutil import utcnow
from keruen.events.enums import ParticipationRole
from keruen.events.models import Event, Participation
from keruen.organizations.models import Delegate

LINK_LIFETIME = timedelta(days=14)
SESSION_LIFETIME = timedelta(days=14)
ORGANIZER_SESSION_LIFETIME = timedelta(hours=12)
_hasher = PasswordHasher()

# What a person agrees to, word for word (the wording stored with the decision is the one shown,
# in the reader's language). China's PIPL asks a separate consent for a transfer abroad;
# Kazakhstan's law on personal data asks consent to collect and to pass on.
PURPOSES: dict[str, str] = {
    "share_profile": N_(
        "I agree that my name, position, organization and languages are shown to the "
        "participants and organizers of this event from the other country, and stored on "
        "servers that may be in the other country."
    ),
    "share_contacts": N_(
        "I agree that my e-mail and telephone are shown to the partners whose meeting with me "
        "was accepted, including partners in the other country."
    ),
}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@dataclass(frozen=True)
class Principal:
    """Who is signed in: an organizer account or a person (delegate) with their event roles."""

    session_id: int
    csrf_token: str
    account_id: int | None = None
    delegate_id: int | None = None
    is_admin: bool = False
    staff_events: frozenset[int] = field(default_factory=frozenset)
    # event id -> (participation id, role)
    participations: dict[int, tuple[int, str]] = field(default_factory=dict)

    @property
    def is_organizer(self) -> bool:
        return self.account_id is not None


# ---------------------------------------------------------------- accounts and passwords


def account_email(email: str) -> str:
    """An account's e-mail as stored (trimmed, lower case), refused when it is none."""
    email = email.strip().lower()
    if "@" not in email:
        raise Conflict(N_("%(value)s is not an e-mail address"), value=email)
    return email


def create_account(
    session: Session,
    *,
    email: str,
    password: str,
    name: str = "",
    locale: str = "en",
    is_admin: bool = False,
    events: list[Event] | None = None,
) -> Account:
    """Create an organizer account (or set its password and events when it exists)."""
    email = account_email(email)
    if len(password) < 10:
        raise Conflict(N_("the password must have at least 10 characters"))
    account = session.scalar(select(Account).where(Account.email == email))
    if account is None:
        account = Account(email=email, name=name, locale=locale, is_admin=is_admin)
        session.add(account)
    account.password_hash = hash_password(password)
    account.is_admin = account.is_admin or is_admin
    session.flush()
    for event in events or []:
        grant_event(session, account=account, event=event)
    return account


def grant_event(session: Session, *, account: Account, event: Event) -> None:
    exists = session.scalar(
        select(EventStaff.id).where(
            EventStaff.account_id == account.id, EventStaff.event_id == event.id
        )
    )
    if exists is None:
        session.add(EventStaff(account_id=account.id, event_id=event.id))
        session.flush()


def check_password(session: Session, *, email: str, password: str) -> Account:
    """The account when the password is right; one refusal for any wrong pair (no hint which)."""
    account = session.scalar(select(Account).where(Account.email == email.strip().lower()))
    wrong = PermissionDenied(N_("the e-mail or the password is wrong"))
    if account is None:
        _hasher.hash(password)  # the same work either way: no timing hint that the e-mail exists
        raise wrong
    try:
        _hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise wrong from None
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
    return account


# ---------------------------------------------------------------- links and sessions


def issue_link(
    session: Session,
    *,
    delegate: Delegate | None = None,
    account: Account | None = None,
    lifetime: timedelta = LINK_LIFETIME,
    now: datetime | None = None,
) -> str:
    """A new single-use sign-in token for a person (or an account); only its hash is stored."""
    if (delegate is None) == (account is None):
        raise ValueError("a link belongs to one person or one account")
    if delegate is not None and delegate.erased_at is not None:
        raise NotFound(N_("no such person"))
    token = secrets.token_urlsafe(32)
    now = now or utcnow()
    session.add(
        SignInLink(
            token_hash=token_hash(token),
            delegate_id=delegate.id if delegate else None,
            account_id=account.id if account else None,
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    session.flush()
    return token


def redeem_link(session: Session, token: str, *, now: datetime | None = None) -> tuple[str, bool]:
    """Use a sign-in link once: a new web session's token (and whether it is an organizer's),
    or a refusal that tells why."""
    now = now or utcnow()
    link = session.scalar(
        select(SignInLink).where(SignInLink.token_hash == token_hash(token)).with_for_update()
    )
    if link is None:
        raise PermissionDenied(N_("this sign-in link is not valid; ask for a new one"))
    if link.used_at is not None:
        raise PermissionDenied(N_("this sign-in link was used already; ask for a new one"))
    if link.expires_at <= now:
        raise PermissionDenied(N_("this sign-in link has expired; ask for a new one"))
    link.used_at = now
    session.flush()
    opened = open_session(
        session, delegate_id=link.delegate_id, account_id=link.account_id, now=now
    )
    return opened, link.account_id is not None


def open_session(
    session: Session,
    *,
    delegate_id: int | None = None,
    account_id: int | None = None,
    now: datetime | None = None,
) -> str:
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    lifetime = ORGANIZER_SESSION_LIFETIME if account_id else SESSION_LIFETIME
    session.add(
        WebSession(
            token_hash=token_hash(token),
            csrf_token=secrets.token_urlsafe(24),
            delegate_id=delegate_id,
            account_id=account_id,
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    session.flush()
    return token


def close_session(session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == token_hash(token)))


def principal(
    session: Session, token: str | None, *, now: datetime | None = None
) -> Principal | None:
    """Who holds this session token (None when it is unknown or expired)."""
    if not token:
        return None
    now = now or utcnow()
    web = session.scalar(select(WebSession).where(WebSession.token_hash == token_hash(token)))
    if web is None or web.expires_at <= now:
        return None
    if web.account_id is not None:
        account = session.get(Account, web.account_id)
        if account is None:
            return None
        staff = frozenset(
            session.scalars(select(EventStaff.event_id).where(EventStaff.account_id == account.id))
        )
        return Principal(
            session_id=web.id,
            csrf_token=web.csrf_token,
            account_id=account.id,
            is_admin=account.is_admin,
            staff_events=staff,
        )
    delegate = session.get(Delegate, web.delegate_id)
    if delegate is None or delegate.erased_at is not None:
        return None
    rows = session.execute(
        select(Participation.event_id, Participation.id, Participation.role).where(
            Participation.delegate_id == delegate.id
        )
    ).all()
    return Principal(
        session_id=web.id,
        csrf_token=web.csrf_token,
        delegate_id=delegate.id,
        participations={event_id: (pid, role) for event_id, pid, role in rows},
    )


# ---------------------------------------------------------------- what a principal may do


def may_organize(who: Principal | None, event: Event) -> bool:
    return who is not None and (who.is_admin or event.id in who.staff_events)


def require_event_staff(who: Principal | None, event: Event) -> None:
    """Organizers act on their own events only. The refusal is 'not found': an organizer of
    another event learns nothing about this one."""
    if who is None:
        raise PermissionDenied(N_("sign in first"))
    if not may_organize(who, event):
        raise NotFound(N_("no event %(slug)s"), slug=event.slug)


def require_participation(who: Principal | None, event: Event, *roles: ParticipationRole) -> int:
    """The signed-in person's participation in `event` (with one of `roles`, when given)."""
    if who is None:
        raise PermissionDenied(N_("sign in first"))
    found = who.participations.get(event.id)
    if found is None or (roles and found[1] not in {r.value for r in roles}):
        raise NotFound(N_("no event %(slug)s"), slug=event.slug)
    return found[0]


# ---------------------------------------------------------------- rate limits


def throttled(
    session: Session, key: str, *, limit: int, window: timedelta, now: datetime | None = None
) -> bool:
    """Count one attempt under `key`; True when more than `limit` fell inside `window`.

    Kept in the database, so every app process behind the proxy sees the same count."""
    now = now or utcnow()
    session.execute(delete(Throttle).where(Throttle.key == key, Throttle.at < now - window))
    count = (
        session.scalar(select(func.count()).select_from(Throttle).where(Throttle.key == key)) or 0
    )
    if count >= limit:
        return True
    session.add(Throttle(key=key[:200], at=now))
    session.flush()
    return False


# ---------------------------------------------------------------- consent


def record_consent(
    session: Session, *, delegate: Delegate, purpose: str, granted: bool, wording: str, locale: str
) -> Consent:
    if purpose not in PURPOSES:
        raise NotFound(N_("no such consent: %(value)s"), value=purpose)
    consent = Consent(
        delegate_id=delegate.id, purpose=purpose, granted=granted, wording=wording, locale=locale
    )
    session.add(consent)
    if purpose == "share_contacts":
        delegate.consent_share_contacts = granted
    session.flush()
    return consent


def consents(session: Session, delegate_id: int) -> dict[str, Consent]:
    """Each purpose's latest decision."""
    latest: dict[str, Consent] = {}
    for row in session.scalars(
        select(Consent).where(Consent.delegate_id == delegate_id).order_by(Consent.id)
    ):
        latest[row.purpose] = row
    return latest


def shares_profile(session: Session, delegate_id: int) -> bool:
    decision = consents(session, delegate_id).get("share_profile")
    return decision is not None and decision.granted


# ---------------------------------------------------------------- export and erasure


def export_person(session: Session, delegate: Delegate) -> dict[str, Any]:
    """Everything stored about one person, as JSON-ready data."""
    from keruen.meetings.models import MeetingRequest, ScheduledMeeting

    participations = list(
        session.scalars(select(Participation).where(Participation.delegate_id == delegate.id))
    )
    pids = [p.id for p in participations]
    requests = (
        list(
            session.scalars(
                select(MeetingRequest).where(
                    (MeetingRequest.requester_id.in_(pids)) | (MeetingRequest.target_id.in_(pids))
                )
            )
        )
        if pids
        else []
    )
    meetings = (
        list(
            session.scalars(
                select(ScheduledMeeting).where(
                    ScheduledMeeting.first_id.in_(pids)
                    | ScheduledMeeting.second_id.in_(pids)
                    | ScheduledMeeting.interpreter_id.in_(pids)
                )
            )
        )
        if pids
        else []
    )
    slugs = {p.event_id: p.event.slug for p in participations}
    return {
        "person": {
            "ref": delegate.ref,
            "names": dict(delegate.names.values) if delegate.names else {},
            "position": dict(delegate.position.values) if delegate.position else {},
            "languages": list(delegate.languages),
            "email": delegate.email,
            "phone": delegate.phone,
            "locale": delegate.locale,
            "organization": delegate.organization.ref if delegate.organization else None,
            "created_at": delegate.created_at.isoformat(),
        },
        "consents": [
            {
                "purpose": c.purpose,
                "granted": c.granted,
                "wording": c.wording,
                "locale": c.locale,
                "recorded_at": c.recorded_at.isoformat(),
            }
            for c in session.scalars(
                select(Consent).where(Consent.delegate_id == delegate.id).order_by(Consent.id)
            )
        ],
        "participations": [
            {"event": p.event.slug, "role": p.role, "topics": list(p.topics)}
            for p in participations
        ],
        "meeting_requests": [
            {
                "id": r.id,
                "event": r.event.slug,
                "direction": "sent" if r.requester_id in pids else "received",
                "status": r.status,
                "message": r.message,
                "created_at": r.created_at.isoformat(),
            }
            for r in requests
        ],
        "scheduled_meetings": [
            {
                "event": slugs.get(m.schedule.event_id),
                "schedule_version": m.schedule.version,
                "starts_at": m.starts_at.isoformat(),
                "ends_at": m.ends_at.isoformat(),
                "kind": m.kind,
                "as_interpreter": m.interpreter_id in pids,
            }
            for m in meetings
        ],
    }


def erase_person(session: Session, delegate: Delegate, *, now: datetime | None = None) -> None:
    """Remove the person, keep what happened: meetings, requests and outcomes stay, naming an
    erased participant; names, contacts, sessions and sign-in links are gone."""
    now = now or utcnow()
    delegate.names = LocalizedText.of({"en": f"#{delegate.id}"}, source="en")
    delegate.position = None
    delegate.email = None
    delegate.phone = None
    delegate.ref = None
    delegate.consent_share_contacts = False
    delegate.erased_at = now
    session.execute(delete(WebSession).where(WebSession.delegate_id == delegate.id))
    session.execute(delete(SignInLink).where(SignInLink.delegate_id == delegate.id))
    session.flush()
