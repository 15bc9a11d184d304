"""Signing in and out: personal links for participants, passwords for organizers.

A personal link opens a page with one button; the link is used (and the session opened) only
when the person presses it, so a mail scanner that fetches the link does not burn it.
"""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from keruen.accounts import service as accounts
from keruen.accounts.models import Account, SignInLink
from keruen.core.errors import PermissionDenied
from keruen.core.i18n_markers import N_
from keruen.organizations.models import Delegate
from keruen.web.common import SESSION_COOKIE, web_of

router = APIRouter(include_in_schema=False)

SIGN_IN_LIMIT = (10, timedelta(minutes=10))  # password attempts per address and per e-mail
LINK_LIMIT = (3, timedelta(hours=1))  # link requests per e-mail
LINK_IP_LIMIT = (20, timedelta(hours=1))  # link requests per address
TOO_MANY = N_("too many attempts; wait a few minutes and try again")
LINK_MAIL = (
    N_("Your sign-in link for keruen"),
    N_(
        "Open this link to sign in to keruen (it works once and expires in 14 days):\n\n"
        "%(link)s\n\nIf you did not ask for it, ignore this message."
    ),
)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def sign_in_url(settings_url: str, token: str) -> str:
    return f"{settings_url.rstrip('/')}/s/{token}"


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_page(request: Request) -> Response:
    return web_of(request).page(request, "auth/sign_in.html", {})


@router.post("/sign-in/link", response_class=HTMLResponse)
async def request_link(request: Request, email: str = Form(max_length=254)) -> Response:
    """Send a personal link to a known e-mail; the answer is the same for an unknown one."""
    from keruen import mail

    web = web_of(request)
    await web.check_csrf(request)
    address = email.strip().lower()
    reader = web.reader(request)
    with web.write() as session:
        if accounts.throttled(
            session, f"link-ip:{_client(request)}", limit=LINK_IP_LIMIT[0], window=LINK_IP_LIMIT[1]
        ) or accounts.throttled(
            session, f"link:{address}", limit=LINK_LIMIT[0], window=LINK_LIMIT[1]
        ):
            return web.page(request, "auth/sign_in.html", {"error": reader._(TOO_MANY)}, 429)
        delegate = session.scalar(
            select(Delegate).where(Delegate.email == address, Delegate.erased_at.is_(None))
        )
        token = accounts.issue_link(session, delegate=delegate) if delegate else None
    if delegate is not None and token is not None:
        subject, body = LINK_MAIL
        mail.send(
            web.settings,
            to=address,
            subject=reader._(subject),
            body=reader._(body) % {"link": sign_in_url(web.settings.public_url, token)},
        )
    return web.page(request, "auth/link_sent.html", {"email": address})


@router.get("/s/{token}", response_class=HTMLResponse)
def link_page(token: str, request: Request) -> Response:
    """The landing page of a personal link: who it is for, and one button, in the language
    of the person it is for (a mailed link opened on a hotel's English browser still speaks
    Chinese to a Chinese participant); `?lang=` and the language switcher still win."""
    web = web_of(request)
    web.principal(request)  # whoever this browser is signed in as does not choose the language
    with web.read() as session:
        link = session.scalar(
            select(SignInLink).where(SignInLink.token_hash == accounts.token_hash(token))
        )
        usable = link is not None and link.used_at is None
        person = session.get(Delegate, link.delegate_id) if link and link.delegate_id else None
        account = session.get(Account, link.account_id) if link and link.account_id else None
        holder = person or account
        if usable and holder is not None:
            request.state.user_locale = holder.locale
        name = web.reader(request).name(person.names) if person else ""
        if account is not None:
            name = account.name or account.email
    return web.page(request, "auth/link.html", {"token": token, "usable": usable, "person": name})


@router.post("/s/{token}")
async def use_link(token: str, request: Request) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    with web.write() as session:
        if accounts.throttled(
            session, f"redeem:{_client(request)}", limit=30, window=timedelta(minutes=10)
        ):
            raise PermissionDenied(TOO_MANY)
    with web.write() as session:
        session_token, organizer = accounts.redeem_link(session, token)
    response = RedirectResponse("/o" if organizer else "/me", status_code=303)
    web.set_cookie(response, SESSION_COOKIE, session_token, max_age=14 * 86400)
    return response


@router.post("/sign-in/password", response_class=HTMLResponse)
async def password_sign_in(
    request: Request,
    email: str = Form(max_length=254),
    password: str = Form(max_length=1000),
) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    reader = web.reader(request)
    address = email.strip().lower()
    with web.write() as session:
        limited = accounts.throttled(
            session, f"pw-ip:{_client(request)}", limit=SIGN_IN_LIMIT[0], window=SIGN_IN_LIMIT[1]
        ) or accounts.throttled(
            session, f"pw:{address}", limit=SIGN_IN_LIMIT[0], window=SIGN_IN_LIMIT[1]
        )
    if limited:
        return web.page(request, "auth/sign_in.html", {"error": reader._(TOO_MANY)}, 429)
    try:
        with web.write() as session:
            account = accounts.check_password(session, email=address, password=password)
            session_token = accounts.open_session(session, account_id=account.id)
    except PermissionDenied as error:
        return web.page(
            request,
            "auth/sign_in.html",
            {"error": error.render(reader.translations), "email": address},
            401,
        )
    response = RedirectResponse("/o", status_code=303)
    web.set_cookie(response, SESSION_COOKIE, session_token, max_age=12 * 3600)
    return response


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    web = web_of(request)
    await web.check_csrf(request)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        with web.write() as session:
            accounts.close_session(session, token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
