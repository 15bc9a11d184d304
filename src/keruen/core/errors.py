"""Typed domain errors with messages that can be translated at the boundary.

A service raises `DomainError(N_("..."), **params)`; the message id is English with named
placeholders, so the CLI, API or page renders it in the reader's language with
`error.render(translations)`.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from typing import Any


def render_message(
    message: str, params: dict[str, Any], translations: gettext.NullTranslations | None = None
) -> str:
    """A msgid in the reader's language with its `%(name)s` placeholders filled; a catalog
    entry with a broken placeholder shows the text rather than failing. A parameter made by
    `said` (a message inside a message) is said in the same language."""
    text = translations.gettext(message) if translations else message
    if params and any(isinstance(v, dict) and "msgid" in v for v in params.values()):
        params = {
            k: render_message(str(v["msgid"]), dict(v.get("params") or {}), translations)
            if isinstance(v, dict) and "msgid" in v
            else v
            for k, v in params.items()
        }
    try:
        return text % params if params else text
    except (KeyError, ValueError, TypeError):
        return text


def said(message: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """A message as a parameter of another one (kept as JSON when a job stores the error)."""
    return {"msgid": message, "params": dict(params or {})}


class KeruenError(Exception):
    """Base of every error keruen raises on purpose."""


class DomainError(KeruenError):
    """A rule of the domain refuses the action; `message` is a translatable msgid."""

    code = "domain_error"

    def __init__(self, message: str, /, **params: Any) -> None:
        self.message = message
        self.params = params
        super().__init__(self.render())

    def render(self, translations: gettext.NullTranslations | None = None) -> str:
        return render_message(self.message, self.params, translations)


class NotFound(DomainError):
    code = "not_found"


class Conflict(DomainError):
    code = "conflict"


class PermissionDenied(DomainError):
    code = "permission_denied"


@dataclass(frozen=True)
class Problem:
    """One problem in an input file: where it is and what is wrong.

    `message` is a translatable msgid with `%(name)s` placeholders filled from `params`.
    """

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, translations: gettext.NullTranslations | None = None) -> str:
        return render_message(self.message, self.params, translations)


class InputRejected(KeruenError):
    """The input was refused as a whole; nothing was written. Carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0].render() if problems else "invalid input"
        super().__init__(f"{len(problems)} problem(s); first: {first}")
