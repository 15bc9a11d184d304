"""`keruen account create`, `keruen link`: who may sign in to the web application."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from keruen.cli.common import LocaleOption, _, console, fail, unit, use_locale

account_app = typer.Typer(
    help=_("Organizer accounts of the web application."), no_args_is_help=True
)


@account_app.command("create", help=_("Create an organizer account (or reset its password)."))
def create(
    email: Annotated[str, typer.Argument(metavar=_("EMAIL"), help=_("The organizer's e-mail"))],
    event: Annotated[
        list[str] | None, typer.Option("--event", "-e", help=_("Event the account organizes"))
    ] = None,
    name: Annotated[str, typer.Option(help=_("Name shown in the application"))] = "",
    admin: Annotated[bool, typer.Option(help=_("May organize every event"))] = False,
    locale: LocaleOption = None,
) -> None:
    from keruen.accounts import service as accounts
    from keruen.events import service as event_service

    loc = use_locale(locale)
    accounts.account_email(email)  # a mistyped address is said before the password is asked
    password = os.environ.get("KERUEN_PASSWORD") or _password()
    with unit() as session:
        events = [event_service.get_event(session, slug) for slug in event or []]
        accounts.create_account(
            session,
            email=email,
            password=password,
            name=name,
            locale=loc,
            is_admin=admin,
            events=events,
        )
    console.print(_("account %(email)s can sign in") % {"email": email.strip().lower()})


def _password() -> str:
    """The password, typed twice: hidden on a terminal, read as two lines from a pipe (getpass
    would warn in English that it cannot hide them)."""
    import getpass

    asked = [_("Password (at least 10 characters)"), _("The same password again")]
    if sys.stdin.isatty():
        typed = [getpass.getpass(f"{question}: ") for question in asked]
    else:
        typed = [sys.stdin.readline().rstrip("\r\n") for _question in asked]
    if typed[0] != typed[1]:
        raise fail(_("the two passwords differ; nothing was written"))
    return typed[0]


def link(
    who: Annotated[
        str,
        typer.Argument(
            metavar=_("WHO"), help=_("A person's e-mail or reference, or an account's e-mail")
        ),
    ],
    locale: LocaleOption = None,
) -> None:
    """Print a personal sign-in link (single use, valid 14 days) for a person or an account."""
    from sqlalchemy import or_, select

    from keruen.accounts import service as accounts
    from keruen.accounts.models import Account
    from keruen.config import get_settings
    from keruen.organizations.models import Delegate
    from keruen.web.auth import sign_in_url

    use_locale(locale)
    key = who.strip()
    with unit() as session:
        account = session.scalar(select(Account).where(Account.email == key.lower()))
        delegate = None
        if account is None:
            delegate = session.scalar(
                select(Delegate).where(
                    or_(Delegate.email == key.lower(), Delegate.ref == key),
                    Delegate.erased_at.is_(None),
                )
            )
            if delegate is None:
                raise fail(_("no person or account %(key)s") % {"key": key})
        token = accounts.issue_link(session, delegate=delegate, account=account)
    console.print(sign_in_url(get_settings().public_url, token), soft_wrap=True)


DEMO_ORGANIZER = "organizer@demo.keruen.kz"


def demo_sign_ins(slug: str, public_url: str, per_side: int = 2) -> list[tuple[str, str, str]]:
    """For the demo: (who, role, link) for the demo organizer and a few participants of each
    side, with fresh single-use links. The organizer's password is new on every run."""
    import secrets

    from sqlalchemy import select

    from keruen.accounts import service as accounts
    from keruen.demo.results import PAST_FORUM
    from keruen.events import service as event_service
    from keruen.events.models import Event, Participation
    from keruen.events.queries import side_of
    from keruen.web.auth import sign_in_url

    out: list[tuple[str, str, str]] = []
    with unit() as session:
        event = event_service.get_event(session, slug)
        events = [event]
        past = session.scalar(select(Event).where(Event.slug == PAST_FORUM))
        if past is not None:  # last year's forum, whose outcomes and dashboards the demo shows
            events.append(past)
        password = secrets.token_urlsafe(12)
        account = accounts.create_account(
            session,
            email=DEMO_ORGANIZER,
            password=password,
            name="Demo organizer",
            locale="",  # no language of its own: the pages follow the browser's
            events=events,
        )
        token = accounts.issue_link(session, account=account)
        out.append(
            (f"{DEMO_ORGANIZER} / {password}", _("organizer"), sign_in_url(public_url, token))
        )
        taken: dict[str, int] = {}
        rows = session.scalars(
            select(Participation)
            .where(Participation.event_id == event.id, Participation.role == "participant")
            .order_by(Participation.id)
        )
        for p in rows:
            delegate = p.delegate
            if delegate.organization is None or not delegate.email:
                continue
            side = side_of(event, delegate.organization.region_code) or ""
            if taken.get(side, 0) >= per_side:
                continue
            taken[side] = taken.get(side, 0) + 1
            token = accounts.issue_link(session, delegate=delegate)
            who = f"{delegate.email} ({side}, {delegate.locale})"
            out.append((who, _("participant"), sign_in_url(public_url, token)))
    return out
