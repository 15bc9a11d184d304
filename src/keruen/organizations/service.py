"""The only writer of the directory. Services flush; the boundary commits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen.core.errors import Conflict
from keruen.core.i18n_markers import N_
from keruen.core.names import name_key
from keruen.core.text import LocalizedText
from keruen.organizations.enums import ProductDirection
from keruen.organizations.models import (
    CooperationProfile,
    Delegate,
    Organization,
    OrganizationActivity,
    OrganizationProduct,
)
from keruen.organizations.schemas import CooperationProfileIn, DelegateIn, OrganizationIn


@dataclass(frozen=True)
class Upserted:
    """What a write did: created a row, changed one, or found it already as given."""

    id: int
    created: bool
    changed: bool


def organization_name_key(names: LocalizedText) -> str:
    return " | ".join(dict.fromkeys(name_key(v) for v in names.values.values() if name_key(v)))


def find_organization(
    session: Session, *, bin: str | None = None, uscc: str | None = None, ref: str | None = None
) -> Organization | None:
    """The organization with any of these identifiers; Conflict when they name two."""
    found: dict[int, Organization] = {}
    for column, value in (
        (Organization.bin, bin),
        (Organization.uscc, uscc),
        (Organization.ref, ref),
    ):
        if value:
            org = session.scalar(select(Organization).where(column == value))
            if org is not None:
                found[org.id] = org
    if len(found) > 1:
        raise Conflict(
            N_("the identifiers %(ids)s belong to different organizations"),
            ids=", ".join(v for v in (bin, uscc, ref) if v),
        )
    return next(iter(found.values()), None)


_UNSET: Any = object()


def find_organizations_by_identifiers(
    session: Session, *, bins: set[str], usccs: set[str], refs: set[str]
) -> dict[tuple[str, str], Organization]:
    """Stored organizations by ("bin" | "uscc" | "ref", value), in a few queries for a file."""
    found: dict[tuple[str, str], Organization] = {}
    for attribute, column, values in (
        ("bin", Organization.bin, bins),
        ("uscc", Organization.uscc, usccs),
        ("ref", Organization.ref, refs),
    ):
        ordered = sorted(values)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            for org in session.scalars(select(Organization).where(column.in_(chunk))):
                found[(attribute, getattr(org, attribute))] = org
    return found


def organization_name_keys(session: Session) -> list[tuple[int, str, str]]:
    """(id, name key, the identifier to show) of every stored organization: the input of
    duplicate detection by blocking (`keruen.imports.dedupe`)."""
    rows = session.execute(
        select(
            Organization.id,
            Organization.name_key,
            Organization.bin,
            Organization.uscc,
            Organization.ref,
        )
    )
    return [
        (org_id, key or "", bin_ or uscc or ref or str(org_id))
        for org_id, key, bin_, uscc, ref in rows
    ]


def _set(obj: Any, values: dict[str, Any]) -> bool:
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def _clear(session: Session, collection: list[Any]) -> None:
    """Empty a collection and flush, so rows with the same unique values can be inserted."""
    if collection:
        collection.clear()
        session.flush()


def _profiles_of(org: Organization) -> list[tuple[str, list[str], list[str], LocalizedText | None]]:
    return [(p.kind, list(p.hs_codes), list(p.isic_codes), p.text) for p in org.profiles]


def _profile_tuple(
    p: CooperationProfileIn,
) -> tuple[str, list[str], list[str], LocalizedText | None]:
    return (p.kind.value, list(p.hs), list(p.isic), p.text if p.text else None)


def upsert_organization(
    session: Session, *, data: OrganizationIn, found: Organization | None = _UNSET
) -> Upserted:
    """Create the organization, or update the one with the same BIN, USCC or reference.

    `found` skips the lookup when the caller already matched the row (an import does, for a
    whole file at once). An identifier already stored is never replaced by another: that
    would move a company's BIN or USCC to a different company (Conflict)."""
    org = (
        find_organization(session, bin=data.bin, uscc=data.uscc, ref=data.ref)
        if found is _UNSET
        else found
    )
    if org is not None:
        for what, given, kept in (
            ("BIN", data.bin, org.bin),
            ("USCC", data.uscc, org.uscc),
            ("reference", data.ref, org.ref),
        ):
            if given and kept and given != kept:
                raise Conflict(
                    N_("the organization has %(what)s %(stored)s, not %(value)s"),
                    what=what,
                    stored=kept,
                    value=given,
                )
    created = org is None
    if org is None:
        org = Organization()
        session.add(org)
    changed = _set(
        org,
        {
            "ref": data.ref if data.ref is not None else org.ref,
            "kind": data.kind.value,
            "region_code": data.region,
            "names": data.names,
            "name_key": organization_name_key(data.names),
            "bin": data.bin if data.bin is not None else org.bin,
            "uscc": data.uscc if data.uscc is not None else org.uscc,
            "website": data.website,
            "size": data.size.value if data.size else None,
            "description": data.description if data.description else None,
            "fictional": data.fictional,
        },
    )
    if org.isic_codes != list(data.isic):
        _clear(session, org.activities)
        org.activities = [
            OrganizationActivity(isic_code=c, position=i) for i, c in enumerate(data.isic)
        ]
        changed = True
    if (org.hs_codes(ProductDirection.OFFERS), org.hs_codes(ProductDirection.NEEDS)) != (
        list(data.hs_offers),
        list(data.hs_needs),
    ):
        _clear(session, org.products)
        org.products = [
            OrganizationProduct(direction=d.value, hs_code=c, position=i)
            for d, codes in (
                (ProductDirection.OFFERS, data.hs_offers),
                (ProductDirection.NEEDS, data.hs_needs),
            )
            for i, c in enumerate(codes)
        ]
        changed = True
    if data.profiles is not None:
        changed |= replace_profiles(session, organization=org, profiles=data.profiles)
    session.flush()
    return Upserted(org.id, created, changed and not created)


def replace_profiles(
    session: Session, *, organization: Organization, profiles: list[CooperationProfileIn]
) -> bool:
    """Make the organization's cooperation profiles exactly `profiles`; False if they were."""
    if _profiles_of(organization) == [_profile_tuple(p) for p in profiles]:
        return False
    organization.profiles = [
        CooperationProfile(
            kind=p.kind.value,
            hs_codes=list(p.hs),
            isic_codes=list(p.isic),
            text=p.text if p.text else None,
            position=i,
        )
        for i, p in enumerate(profiles)
    ]
    session.flush()
    return True


def find_delegate(
    session: Session, *, organization_id: int | None, data: DelegateIn
) -> Delegate | None:
    if data.ref:
        found = session.scalar(select(Delegate).where(Delegate.ref == data.ref))
        if found is not None:
            return found
    if data.email:
        found = session.scalar(select(Delegate).where(Delegate.email == data.email))
        if found is not None:
            return found
    wanted = organization_name_key(data.names)
    candidates = session.scalars(
        select(Delegate).where(Delegate.organization_id == organization_id)
    )
    for candidate in candidates:
        if organization_name_key(candidate.names) == wanted:
            return candidate
    return None


def upsert_delegate(session: Session, *, organization_id: int | None, data: DelegateIn) -> Upserted:
    """Create the person, or update the one with the same reference, e-mail or name."""
    delegate = find_delegate(session, organization_id=organization_id, data=data)
    created = delegate is None
    if delegate is None:
        delegate = Delegate()
        session.add(delegate)
    changed = _set(
        delegate,
        {
            "ref": data.ref if data.ref is not None else delegate.ref,
            "organization_id": organization_id,
            "names": data.names,
            "position": data.position if data.position else None,
            "languages": list(data.languages),
            "email": data.email,
            "phone": data.phone,
            "locale": data.locale,
            "consent_share_contacts": data.consent_share_contacts,
        },
    )
    session.flush()
    return Upserted(delegate.id, created, changed and not created)
