"""`create_app(settings)`: the one place that wires the web application.

Routers (public, auth, participant, organizer, api) parse, call services through
`keruen.boundary` via `keruen.web.common.Web`, and render. Errors of ours are mapped in one
exception handler by `boundary.refusal` (the same mapping the CLI uses), in the reader's
language: JSON under /api/, a page elsewhere.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from keruen import boundary
from keruen.config import Settings, get_settings
from keruen.core.errors import KeruenError, PermissionDenied
from keruen.core.i18n_markers import N_
from keruen.web import (
    auth,
    dashboards,
    documents,
    exhibition,
    organizer,
    outcomes,
    participant,
    pipeline,
    public,
    schedule,
    sites,
)
from keruen.web.common import HERE, Web

log = logging.getLogger("keruen.web")
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
HTTP_WORDS = {
    404: N_("This page does not exist."),
    405: N_("This address does not take that kind of request."),
    422: N_("Some of the data sent is missing or not valid."),
}


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="keruen",
        version="1",
        description="Cross-border business matchmaking: events, directory, requests, schedules.",
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    web = Web(settings)
    app.state.web = web
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def headers_and_log(request: Request, call_next: Any) -> Response:
        started = time.perf_counter()
        response: Response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        if request.url.path.startswith(("/me", "/o", "/api/v1/me", "/api/v1/o")):
            response.headers.setdefault("Cache-Control", "no-store")
        log.info(
            "request",
            extra={
                "method": request.method,
                "path": request.url.path,
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response

    def answer(request: Request, kind: str, message: str, status: int) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": kind, "message": message}, status_code=status)
        if status in (401, 403) and web.principal(request) is None and request.method == "GET":
            return RedirectResponse(f"/sign-in?next={request.url.path}", status_code=303)
        return web.page(request, "public/error.html", {"message": message}, status)

    @app.exception_handler(KeruenError)
    async def refused(request: Request, error: KeruenError) -> Response:
        reader = web.reader(request)
        found = boundary.refusal(error, reader.translations)
        if isinstance(error, PermissionDenied) and web.principal(request) is None:
            found = boundary.Refusal(found.kind, found.message, 401)
        return answer(request, found.kind, found.message, found.http_status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        reader = web.reader(request)
        words = HTTP_WORDS.get(error.status_code)
        message = reader._(words) if words else str(error.detail)
        return answer(request, "http_error", message, error.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        reader = web.reader(request)
        problems = [
            {"field": ".".join(str(p) for p in e.get("loc", ())[1:]), "type": e.get("type")}
            for e in error.errors()
        ]
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"error": "rejected", "message": reader._(HTTP_WORDS[422]), "problems": problems},
                status_code=422,
            )
        return answer(request, "rejected", reader._(HTTP_WORDS[422]), 422)

    app.include_router(public.router)
    app.include_router(auth.router)
    app.include_router(documents.router)  # before /me/{slug}: /me/calendar is its own
    app.include_router(participant.router)
    app.include_router(dashboards.router)  # before organizer: /o/pipeline/... is not an event
    app.include_router(pipeline.router)  # before organizer: /o/pipeline is not an event
    app.include_router(sites.router)  # /o/sites likewise
    app.include_router(organizer.router)
    app.include_router(schedule.router)
    app.include_router(outcomes.router)
    app.include_router(exhibition.router)
    return app
