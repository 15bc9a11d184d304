"""Validated input for projects, their parties, figures and stage moves, and sites: shared by
the pages, the API and the demo loader. What needs no database is checked here (codes, countries,
currencies, signs); what needs it (an organization, a site, a region row) is checked by the
service. Every error names its field.

Errors are pydantic errors with stable `type`s (`hs_unknown`, `country_unknown`, ...) and their
values in `ctx`; `problems(error)` turns them into messages in the reader's language, one per field.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from babel import Locale
from babel.numbers import list_currencies
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from keruen.core.errors import Problem
from keruen.core.i18n_markers import N_
from keruen.core.text import LocalizedText
from keruen.investments.enums import Measure, PartyRole, SiteKind, Stage
from keruen.organizations.schemas import HSCode, ISICCode, RegionCode

# What a site may offer, in a fixed order: the catalogue filters on these keys.
UTILITY_LABELS: dict[str, str] = {
    "electricity": N_("electricity"),
    "natural_gas": N_("natural gas"),
    "water": N_("water"),
    "sewerage": N_("sewerage"),
    "heat": N_("heat"),
    "rail_siding": N_("rail siding"),
    "road": N_("road"),
    "internet": N_("internet"),
}

# Babel's territories hold more than ISO 3166-1 alpha-2: regions ("001"), the unknown "ZZ",
# groupings (EU, EZ, UN, QO), codes reserved exceptionally (AC, CP, DG, EA, IC, TA) and the
# user-assigned X* codes (XA, XB, XK). Only assigned alpha-2 codes name a party's country.
_NOT_COUNTRIES = {"ZZ", "EU", "EZ", "UN", "QO", "AC", "CP", "DG", "EA", "IC", "TA"}


def countries() -> list[str]:
    codes = [str(code) for code in Locale("en").territories]
    return sorted(
        code
        for code in codes
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES and code[0] != "X"
    )


_COUNTRIES = frozenset(countries())
_CURRENCIES = frozenset(c for c in list_currencies() if len(c) == 3 and c.isalpha())


def _country(value: str) -> str:
    code = str(value).strip().upper()
    if code not in _COUNTRIES:
        raise PydanticCustomError(
            "country_unknown", "not an ISO 3166-1 country code: {code}", {"code": value}
        )
    return code


def _currency(value: str) -> str:
    code = str(value).strip().upper()
    if code not in _CURRENCIES:
        raise PydanticCustomError(
            "currency_unknown", "not an ISO 4217 currency code: {code}", {"code": value}
        )
    return code


def _url(value: str) -> str:
    text = str(value).strip()
    if not text.lower().startswith(("https://", "http://")) or " " in text or len(text) < 10:
        raise PydanticCustomError(
            "url", "not a web address (https://...): {value}", {"value": value}
        )
    return text


def _not_future(value: date) -> date:
    from keruen.core.timeutil import utcnow

    if value > utcnow().date():
        raise PydanticCustomError(
            "date_future", "a date in the future: {value}", {"value": value.isoformat()}
        )
    return value


Country = Annotated[str, AfterValidator(_country)]
Currency = Annotated[str, AfterValidator(_currency)]
Url = Annotated[str, AfterValidator(_url)]
PastDate = Annotated[date, AfterValidator(_not_future)]


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


class PartyIn(BaseModel):
    """An investor or local partner: an organization of the directory (by id or by its handle:
    ref, BIN or USCC), or a name alone; its country defaults to the organization's."""

    model_config = ConfigDict(extra="forbid")

    role: PartyRole
    organization_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    organization: str | None = Field(default=None, max_length=80)
    names: LocalizedText | None = None
    country: Country | None = None

    _blank = field_validator("organization", "country", mode="before")(_blank_to_none)


class ProjectIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ref: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")
    names: LocalizedText
    description: LocalizedText | None = None
    isic: ISICCode
    hs: list[HSCode] = Field(default_factory=list)
    region: RegionCode
    site: str | None = Field(default=None, max_length=80)
    event: str | None = Field(default=None, max_length=80)
    parties: list[PartyIn] = Field(default_factory=list, max_length=20)
    fictional: bool = False
    # Where a new project starts, and when (today when not given).
    stage: Stage = Stage.IDEA
    stage_on: PastDate | None = None
    started_on: PastDate | None = None
    operating_since: PastDate | None = None

    _blank = field_validator("site", "event", "ref", mode="before")(_blank_to_none)

    @field_validator("names")
    @classmethod
    def _named(cls, value: LocalizedText) -> LocalizedText:
        if not value:
            raise PydanticCustomError("name_missing", "give a name in at least one language")
        return value

    @field_validator("hs")
    @classmethod
    def _dedupe(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class PromoteIn(BaseModel):
    """What an organizer may set when an agreement becomes a project; the rest comes from the
    agreement (names, parties, stage and its date, capital expenditure when it names an amount)."""

    model_config = ConfigDict(extra="forbid")

    names: LocalizedText | None = None
    isic: ISICCode | None = None
    hs: list[HSCode] = Field(default_factory=list)
    region: RegionCode | None = None
    site: str | None = Field(default=None, max_length=80)
    # When both organizations are (or neither is) outside the project's country: which invests.
    investor_organization_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    ref: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")
    fictional: bool = False

    _blank = field_validator("site", "ref", mode="before")(_blank_to_none)


class StageMoveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stage: Stage
    on: date
    note: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=300)
    started_on: date | None = None
    operating_since: date | None = None

    _blank = field_validator("note", "source", mode="before")(_blank_to_none)


class FigureIn(BaseModel):
    """One reported figure. Money: whole units of `currency`; a currency other than US dollars
    needs the rate used (US dollars per unit), its date and its source. Jobs: a count, no
    currency."""

    model_config = ConfigDict(extra="forbid")

    measure: Measure
    value: int = Field(ge=0, le=10**15)
    currency: Currency | None = None
    usd_rate: str | None = Field(default=None, max_length=32)
    rate_date: PastDate | None = None
    rate_source: str | None = Field(default=None, max_length=300)
    as_of: PastDate
    source: str = Field(min_length=2, max_length=300)
    source_url: Url | None = None

    _blank = field_validator(
        "currency", "usd_rate", "rate_source", "source_url", "rate_date", mode="before"
    )(_blank_to_none)


class SiteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ref: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")
    kind: SiteKind
    names: LocalizedText
    region: RegionCode
    description: LocalizedText | None = None
    land_available_ha: float | None = Field(default=None, ge=0, le=1_000_000)
    land_as_of: PastDate | None = None
    utilities: list[str] = Field(default_factory=list)
    incentives: LocalizedText | None = None
    contact_name: str | None = Field(default=None, max_length=200)
    contact_email: str | None = Field(default=None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")
    contact_phone: str | None = Field(default=None, max_length=40)
    website: Url | None = None
    fictional: bool = False

    _blank = field_validator(
        "ref",
        "contact_name",
        "contact_email",
        "contact_phone",
        "website",
        "land_available_ha",
        "land_as_of",
        mode="before",
    )(_blank_to_none)

    @field_validator("names")
    @classmethod
    def _named(cls, value: LocalizedText) -> LocalizedText:
        if not value:
            raise PydanticCustomError("name_missing", "give a name in at least one language")
        return value

    @field_validator("utilities")
    @classmethod
    def _utilities(cls, value: list[str]) -> list[str]:
        for key in value:
            if key not in UTILITY_LABELS:
                raise PydanticCustomError(
                    "utility_unknown",
                    "unknown utility {key} (one of {expected})",
                    {"key": key, "expected": ", ".join(UTILITY_LABELS)},
                )
        return [key for key in UTILITY_LABELS if key in value]  # the fixed order, no repeats


# ---------------------------------------------------------------------------- messages per field

MESSAGES: dict[str, str] = {
    "missing": N_("%(key)s: required"),
    "greater_than_equal": N_("%(key)s: must be at least %(ge)s"),
    "less_than_equal": N_("%(key)s: must be at most %(le)s"),
    "int_parsing": N_("%(key)s: not a whole number: %(input)s"),
    "int_from_float": N_("%(key)s: not a whole number: %(input)s"),
    "float_parsing": N_("%(key)s: not a number: %(input)s"),
    "date_parsing": N_("%(key)s: not a date YYYY-MM-DD: %(input)s"),
    "date_from_datetime_parsing": N_("%(key)s: not a date YYYY-MM-DD: %(input)s"),
    "string_pattern_mismatch": N_("%(key)s: not in the expected form: %(input)s"),
    "string_too_short": N_("%(key)s: needs at least %(min_length)s character(s)"),
    "string_too_long": N_("%(key)s: at most %(max_length)s characters"),
    "extra_forbidden": N_("%(key)s: unknown key"),
    "enum": N_("%(key)s: must be one of %(expected)s"),
    "hs_unknown": N_("%(key)s: unknown HS code %(code)s"),
    "isic_unknown": N_("%(key)s: unknown ISIC Rev.4 code %(code)s"),
    "region_unknown": N_("%(key)s: unknown region %(code)s"),
    "country_unknown": N_("%(key)s: not an ISO 3166-1 country code: %(code)s"),
    "currency_unknown": N_("%(key)s: not an ISO 4217 currency code: %(code)s"),
    "url": N_("%(key)s: not a web address (https://...): %(value)s"),
    "date_future": N_("%(key)s: a date in the future: %(value)s"),
    "name_missing": N_("%(key)s: give a name in at least one language"),
    "utility_unknown": N_("%(key)s: unknown utility %(key_)s"),
}


def problems(error: ValidationError) -> list[Problem]:
    """One problem per wrong field, the field named as `column` (`value`, `parties.0.country`)."""
    out: list[Problem] = []
    for item in error.errors():
        key = ".".join(str(p) for p in item["loc"])
        params = {k: str(v)[:80] for k, v in (item.get("ctx") or {}).items()}
        if "key" in params:
            params["key_"] = params.pop("key")
        params.update(key=key, detail=item["msg"], input=str(item.get("input", ""))[:80])
        message = MESSAGES.get(item["type"], N_("%(key)s: %(detail)s"))
        out.append(Problem(message, column=key, params=params))
    return out
