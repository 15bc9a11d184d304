"""User-written text stored per language, with the language it was written in.

Names and descriptions are never glued into one string: each language is its own value, the
source language is recorded, and a reader gets their language, else a fallback chain, else the
source. Tags are BCP 47 (`ru`, `kk`, `zh`, `en`, `kk-Latn`, `ug`, ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$")

# Which language to try next when the reader's is missing. A Kazakh reader is served Russian
# before English; everyone falls back to English, then to whatever the author wrote.
FALLBACK_CHAINS: dict[str, tuple[str, ...]] = {
    "kk": ("kk", "kk-Latn", "ru", "en"),
    "kk-Latn": ("kk-Latn", "kk", "ru", "en"),
    "ru": ("ru", "kk", "en"),
    "zh": ("zh", "en"),
    "en": ("en",),
}

SCRIPTS: dict[str, str] = {
    "ru": "Cyrl",
    "kk": "Cyrl",
    "kk-Latn": "Latn",
    "zh": "Hans",
    "en": "Latn",
    "ug": "Arab",
    "mn": "Cyrl",
    "ky": "Cyrl",
    "uz": "Latn",
}


def is_language_tag(tag: str) -> bool:
    return bool(_TAG.match(tag))


class LocalizedText(BaseModel):
    """Text in several languages: `values` by language tag, and the `source` language."""

    model_config = ConfigDict(frozen=True)

    values: dict[str, str] = Field(default_factory=dict)
    source: str | None = None

    @model_validator(mode="after")
    def _check(self) -> LocalizedText:
        for tag, text in self.values.items():
            if not is_language_tag(tag):
                raise ValueError(f"not a language tag: {tag!r}")
            if not text.strip():
                raise ValueError(f"empty text for language {tag!r}")
        if self.source is not None and self.values and self.source not in self.values:
            raise ValueError(f"source language {self.source!r} has no text")
        return self

    @classmethod
    def of(cls, values: Mapping[str, str | None], source: str | None = None) -> LocalizedText:
        """Build from a mapping, dropping empty values; source defaults to the first language."""
        clean = {k: v.strip() for k, v in values.items() if v is not None and v.strip()}
        if source is None or source not in clean:
            source = next(iter(clean), None)
        return cls(values=clean, source=source)

    def __bool__(self) -> bool:
        return bool(self.values)

    def get(self, locale: str, fallbacks: Iterable[str] | None = None) -> str | None:
        """The text for `locale`, else along the fallback chain, else the source text."""
        chain = (
            list(fallbacks)
            if fallbacks is not None
            else list(FALLBACK_CHAINS.get(locale, (locale, "en")))
        )
        for tag in chain:
            if tag in self.values:
                return self.values[tag]
        if self.source and self.source in self.values:
            return self.values[self.source]
        return next(iter(self.values.values()), None)

    def to_json(self) -> dict[str, Any]:
        return {"values": dict(self.values), "source": self.source}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> LocalizedText:
        if not data:
            return cls()
        return cls(values=dict(data.get("values", {})), source=data.get("source"))
