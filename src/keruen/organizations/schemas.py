"""Validated input for the directory, shared by the import, the demo loader and the API.

Validation errors are pydantic errors with stable `type`s (e.g. `hs_unknown`, `bin_check`) and
their values in `ctx`, so each interface renders them in the reader's language.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from keruen.core.identifiers import bin_problem, normalize_bin, normalize_uscc, uscc_problem
from keruen.core.text import LocalizedText, is_language_tag
from keruen.organizations.enums import OrganizationKind, OrganizationSize, ProfileKind
from keruen.reference import taxonomy
from keruen.reference.regions import load_regions


def _hs_code(value: str) -> str:
    code = taxonomy.hs().normalize(value)
    entry = taxonomy.hs().get(code)
    if entry is None or entry.level == "section":
        raise PydanticCustomError("hs_unknown", "unknown HS code {code}", {"code": value})
    return code


def _isic_code(value: str) -> str:
    code = str(value).strip()
    entry = taxonomy.isic().get(code)
    if entry is None or entry.level == "section":
        raise PydanticCustomError("isic_unknown", "unknown ISIC Rev.4 code {code}", {"code": value})
    return code


def _region_code(value: str) -> str:
    code = str(value).strip().upper()
    if code not in load_regions():
        raise PydanticCustomError("region_unknown", "unknown region {code}", {"code": value})
    return code


def _language(value: str) -> str:
    tag = str(value).strip()
    if not is_language_tag(tag):
        raise PydanticCustomError(
            "language_unknown", "not a language code: {code}", {"code": value}
        )
    return tag


HSCode = Annotated[str, AfterValidator(_hs_code)]
ISICCode = Annotated[str, AfterValidator(_isic_code)]
RegionCode = Annotated[str, AfterValidator(_region_code)]
Language = Annotated[str, AfterValidator(_language)]


def _dedupe(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


class CooperationProfileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ProfileKind
    hs: list[HSCode] = Field(default_factory=list)
    isic: list[ISICCode] = Field(default_factory=list)
    text: LocalizedText = Field(default_factory=LocalizedText)

    _dedupe_codes = field_validator("hs", "isic")(_dedupe)


class OrganizationIn(BaseModel):
    """An organization as the directory accepts it. One of bin, uscc, ref identifies it."""

    model_config = ConfigDict(extra="forbid")

    ref: str | None = Field(default=None, max_length=80)
    kind: OrganizationKind = OrganizationKind.COMPANY
    region: RegionCode
    names: LocalizedText
    bin: str | None = None
    uscc: str | None = None
    website: str | None = Field(default=None, max_length=300)
    size: OrganizationSize | None = None
    isic: list[ISICCode] = Field(default_factory=list)
    hs_offers: list[HSCode] = Field(default_factory=list)
    hs_needs: list[HSCode] = Field(default_factory=list)
    description: LocalizedText = Field(default_factory=LocalizedText)
    profiles: list[CooperationProfileIn] | None = None  # None: leave stored profiles alone
    fictional: bool = False

    _dedupe_codes = field_validator("isic", "hs_offers", "hs_needs")(_dedupe)

    @field_validator("bin")
    @classmethod
    def _check_bin(cls, value: str | None) -> str | None:
        if value is None or not str(value).strip():
            return None
        problem = bin_problem(value)
        if problem:
            raise PydanticCustomError(problem.code, problem.message + ": {value}", {"value": value})
        return normalize_bin(value)

    @field_validator("uscc")
    @classmethod
    def _check_uscc(cls, value: str | None) -> str | None:
        if value is None or not str(value).strip():
            return None
        problem = uscc_problem(value)
        if problem:
            raise PydanticCustomError(problem.code, problem.message + ": {value}", {"value": value})
        return normalize_uscc(value)

    @field_validator("names")
    @classmethod
    def _need_a_name(cls, value: LocalizedText) -> LocalizedText:
        if not value:
            raise PydanticCustomError(
                "name_missing", "the organization has no name in any language"
            )
        return value

    @field_validator("website")
    @classmethod
    def _website(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        if " " in value or "." not in value:
            raise PydanticCustomError(
                "website_invalid", "not a web address: {value}", {"value": value}
            )
        return value if "://" in value else f"https://{value}"

    @model_validator(mode="after")
    def _identified(self) -> OrganizationIn:
        if not (self.bin or self.uscc or self.ref):
            raise PydanticCustomError(
                "identifier_missing", "an organization needs a BIN, a USCC or a reference code"
            )
        return self

    @property
    def key(self) -> str:
        """The identifier that finds this organization again on re-import."""
        return self.bin or self.uscc or self.ref or ""


class DelegateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ref: str | None = Field(default=None, max_length=80)
    names: LocalizedText
    position: LocalizedText = Field(default_factory=LocalizedText)
    languages: list[Language] = Field(default_factory=list)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    locale: str = "en"
    consent_share_contacts: bool = False

    _dedupe_languages = field_validator("languages")(_dedupe)

    @field_validator("names")
    @classmethod
    def _need_a_name(cls, value: LocalizedText) -> LocalizedText:
        if not value:
            raise PydanticCustomError("name_missing", "the person has no name in any language")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().lower()
        local, _, domain = value.partition("@")
        if not local or "." not in domain or " " in value:
            raise PydanticCustomError(
                "email_invalid", "not an e-mail address: {value}", {"value": value}
            )
        return value

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        value = (value or "en").strip().lower()
        if value not in ("ru", "kk", "zh", "en"):
            raise PydanticCustomError(
                "locale_unknown",
                "interface language must be ru, kk, zh or en, not {value}",
                {"value": value},
            )
        return value
