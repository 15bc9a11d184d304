"""schemathesis against the OpenAPI description: generated requests to every operation, signed
out, as a participant and as an organizer, and not one answer is a server error.

Operations that erase the signed-in person are left out (they would end the session the rest of
the run needs); their own tests cover them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from .conftest import ORGANIZER, WebSite

pytestmark = pytest.mark.integration
DESTRUCTIVE = ("/erase", "/sign-out")


@pytest.fixture(scope="module")
def roles(site: WebSite) -> Iterator[dict[str, dict[str, str]]]:
    """Headers of a browser in each role: its session cookie and CSRF token."""
    out: dict[str, dict[str, str]] = {"signed-out": {}}
    for role in ("participant", "organizer"):
        client = site.client()
        if role == "participant":
            site.sign_in_person(client, "li.na@cn.example")
        else:
            site.sign_in_organizer(client, *ORGANIZER)
        cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
        token = site.csrf(client, "/me" if role == "participant" else "/o")
        out[role] = {"Cookie": cookie, "X-CSRF-Token": token}
    yield out


def test_no_generated_request_is_a_server_error(
    site: WebSite, roles: dict[str, dict[str, str]]
) -> None:
    """Each operation of the OpenAPI description, up to 15 generated requests, in every role.

    (schemathesis's pytest plugin does not load on pytest 9, so its strategies are driven by
    Hypothesis directly; the checks are schemathesis's own.)"""
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", site.client().app)
    operations = [result.ok() for result in schema.get_all_operations()]
    operations = [op for op in operations if not any(d in op.path for d in DESTRUCTIVE)]
    assert len(operations) >= 3, "the OpenAPI description lists too few operations"
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case: Any) -> None:
            for role, headers in roles.items():
                try:
                    case.call_and_validate(headers=headers, checks=[not_a_server_error])
                except Exception as error:  # collected, so one run names every bad operation
                    failures.append(f"{role} {case.method} {case.path}: {error}")
                    raise

        try:
            run()
        except Exception:
            continue
    assert failures == []
