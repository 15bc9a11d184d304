"""The only writer of the directory. Services flush; the boundary commits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from keruen.core.errors import Conflict, PermissionDenied
from keruen.core.i18n_markers import N_
from keruen.core.names import name_key
from keruen.core.text import LocalizedText, is_language_tag
from keruen.core.timeutil import utcnow
from keruen.db.base import assign_changed
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


@dataclass(frozen=True)
class StoredOrganization:
    """What an import needs of a stored organization, read without loading ORM objects: its
    identifiers, and its columns and codes in the shape `_wanted_state` builds from input."""

    id: int
    bin: str | None
    uscc: str | None
    ref: str | None
    state: tuple[Any, ...]


_STATE_COLUMNS = (
    Organization.ref,
    Organization.kind,
    Organization.region_code,
    Organization.names,
    Organization.name_key,
    Organization.bin,
    Organization.uscc,
    Organization.website,
    Organization.size,
    Organization.description,
    Organization.fictional,
)


def _wanted_state(data: OrganizationIn, stored: StoredOrganization | None) -> tuple[Any, ...]:
    """The organization's columns and codes after writing `data` (same rules as `_apply`)."""
    return (
        data.ref if data.ref is not None else (stored.ref if stored else None),
        data.kind.value,
        data.region,
        data.names,
        organization_name_key(data.names),
        data.bin if data.bin is not None else (stored.bin if stored else None),
        data.uscc if data.uscc is not None else (stored.uscc if stored else None),
        data.website,
        data.size.value if data.size else None,
        data.description if data.description else None,
        data.fictional,
        tuple(data.isic),
        tuple(data.hs_offers),
        tuple(data.hs_needs),
    )


def find_organizations_by_identifiers(
    session: Session, *, bins: set[str], usccs: set[str], refs: set[str]
) -> dict[tuple[str, str], StoredOrganization]:
    """Stored organizations by ("bin" | "uscc" | "ref", value): a few plain queries for a
    whole file, so a re-import that changes nothing loads no ORM object."""
    rows: dict[int, tuple[Any, ...]] = {}
    for column, values in (
        (Organization.bin, bins),
        (Organization.uscc, usccs),
        (Organization.ref, refs),
    ):
        ordered = sorted(values)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            query = select(Organization.id, *_STATE_COLUMNS).where(column.in_(chunk))
            for org_id, *values_read in session.execute(query):
                rows[org_id] = tuple(values_read)
    isic: dict[int, list[str]] = defaultdict(list)
    offers: dict[int, list[str]] = defaultdict(list)
    needs: dict[int, list[str]] = defaultdict(list)
    ids = sorted(rows)
    for start in range(0, len(ids), 500):
        chunk_ids = ids[start : start + 500]
        for org_id, code in session.execute(
            select(OrganizationActivity.organization_id, OrganizationActivity.isic_code)
            .where(OrganizationActivity.organization_id.in_(chunk_ids))
            .order_by(OrganizationActivity.organization_id, OrganizationActivity.position)
        ):
            isic[org_id].append(code)
        for org_id, direction, code in session.execute(
            select(
                OrganizationProduct.organization_id,
                OrganizationProduct.direction,
                OrganizationProduct.hs_code,
            )
            .where(OrganizationProduct.organization_id.in_(chunk_ids))
            .order_by(OrganizationProduct.organization_id, OrganizationProduct.position)
        ):
            target = offers if direction == ProductDirection.OFFERS.value else needs
            target[org_id].append(code)
    found: dict[tuple[str, str], StoredOrganization] = {}
    for org_id, columns in rows.items():
        ref, bin_, uscc = columns[0], columns[5], columns[6]
        description = columns[9] if columns[9] else None
        state = (
            *columns[:9],
            description,
            bool(columns[10]),
            tuple(isic[org_id]),
            tuple(offers[org_id]),
            tuple(needs[org_id]),
        )
        stored = StoredOrganization(org_id, bin_, uscc, ref, state)
        for attribute, value in (("bin", bin_), ("uscc", uscc), ("ref", ref)):
            if value:
                found[(attribute, value)] = stored
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

    `found` skips the lookup when the caller already matched the row. An identifier already
    stored is never replaced by another: that would move a company's BIN or USCC to a
    different company (Conflict)."""
    org = (
        find_organization(session, bin=data.bin, uscc=data.uscc, ref=data.ref)
        if found is _UNSET
        else found
    )
    org, created, changed = _apply_organization(session, data=data, org=org)
    session.flush()
    return Upserted(org.id, created, changed and not created)


def upsert_organizations(
    session: Session, *, rows: Sequence[tuple[OrganizationIn, StoredOrganization | None]]
) -> list[Upserted]:
    """Many organizations at once, each already matched to its stored row (None: a new one),
    as `find_organizations_by_identifiers` returns them. A row equal to what is stored is not
    touched; changed rows go through `upsert_organization`'s rules; new ones are inserted in
    batches. Same refusal of a rebound identifier (Conflict)."""
    results: list[Upserted | None] = []
    new: list[tuple[int, OrganizationIn]] = []
    for data, stored in rows:
        if stored is None:
            new.append((len(results), data))
            results.append(None)
            continue
        if data.profiles is None and _wanted_state(data, stored) == stored.state:
            results.append(Upserted(stored.id, created=False, changed=False))
            continue
        org = session.get(Organization, stored.id)
        assert org is not None
        org, _created, changed = _apply_organization(session, data=data, org=org)
        results.append(Upserted(org.id, created=False, changed=changed))
    if new:
        session.flush()
        now = utcnow()
        values = [_insert_values(data, now) for _, data in new]
        # Plain executemany, then the ids by identifier: RETURNING with a guaranteed order
        # falls back to one statement per row on SQLite.
        _insert_many(session, Organization, values)
        inserted = find_organizations_by_identifiers(
            session,
            bins={d.bin for _, d in new if d.bin},
            usccs={d.uscc for _, d in new if d.uscc},
            refs={d.ref for _, d in new if d.ref},
        )
        ids = [
            next(
                inserted[(attribute, value)].id
                for attribute, value in (("bin", d.bin), ("uscc", d.uscc), ("ref", d.ref))
                if value and (attribute, value) in inserted
            )
            for _, d in new
        ]
        activities = [
            {"organization_id": org_id, "isic_code": code, "position": i}
            for org_id, (_, data) in zip(ids, new, strict=True)
            for i, code in enumerate(data.isic)
        ]
        products = [
            {"organization_id": org_id, "direction": d.value, "hs_code": code, "position": i}
            for org_id, (_, data) in zip(ids, new, strict=True)
            for d, codes in (
                (ProductDirection.OFFERS, data.hs_offers),
                (ProductDirection.NEEDS, data.hs_needs),
            )
            for i, code in enumerate(codes)
        ]
        _insert_many(session, OrganizationActivity, activities)
        _insert_many(session, OrganizationProduct, products)
        for org_id, (position, data) in zip(ids, new, strict=True):
            if data.profiles:
                org = session.get(Organization, org_id)
                assert org is not None
                replace_profiles(session, organization=org, profiles=data.profiles)
            results[position] = Upserted(org_id, created=True, changed=False)
    session.flush()
    return [r for r in results if r is not None]


def _insert_many(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """An executemany INSERT with RETURNING, which SQLAlchemy sends as multi-row statements
    ("insertmanyvalues", 1,000 rows each) on PostgreSQL and SQLite alike; without RETURNING,
    psycopg sends one statement per row. The returned ids are not needed (rows are found again
    by identifier), so no order is asked for: asking makes SQLite go row by row."""
    if rows:
        table = model.__table__
        session.execute(insert(table).returning(table.c.id), rows).all()


def _insert_values(data: OrganizationIn, now: datetime) -> dict[str, Any]:
    return {
        "ref": data.ref,
        "kind": data.kind.value,
        "region_code": data.region,
        "names": data.names,
        "name_key": organization_name_key(data.names),
        "bin": data.bin,
        "uscc": data.uscc,
        "website": data.website,
        "size": data.size.value if data.size else None,
        "description": data.description if data.description else None,
        "fictional": data.fictional,
        "created_at": now,
        "updated_at": now,
    }


def _apply_organization(
    session: Session, *, data: OrganizationIn, org: Organization | None
) -> tuple[Organization, bool, bool]:
    if org is not None:
        for given, kept in ((data.bin, org.bin), (data.uscc, org.uscc), (data.ref, org.ref)):
            if given and kept and given != kept:
                raise Conflict(
                    N_(
                        "the organization already has the identifier %(stored)s, not "
                        "%(value)s: an identifier is never rebound"
                    ),
                    stored=kept,
                    value=given,
                )
    created = org is None
    if org is None:
        org = Organization()
        session.add(org)
    changed = assign_changed(
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
    return org, created, changed


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
    changed = assign_changed(delegate, _delegate_values(data, delegate.ref, organization_id))
    session.flush()
    return Upserted(delegate.id, created, changed and not created)


def _delegate_values(
    data: DelegateIn, stored_ref: str | None, organization_id: int | None
) -> dict[str, Any]:
    return {
        "ref": data.ref if data.ref is not None else stored_ref,
        "organization_id": organization_id,
        "names": data.names,
        "position": data.position if data.position else None,
        "languages": list(data.languages),
        "email": data.email,
        "phone": data.phone,
        "locale": data.locale,
        "consent_share_contacts": data.consent_share_contacts,
    }


_DELEGATE_COLUMNS = (
    Delegate.ref,
    Delegate.organization_id,
    Delegate.names,
    Delegate.position,
    Delegate.languages,
    Delegate.email,
    Delegate.phone,
    Delegate.locale,
    Delegate.consent_share_contacts,
)


def upsert_delegates(
    session: Session, *, rows: Sequence[tuple[int | None, DelegateIn]]
) -> list[Upserted]:
    """Many people at once, found as `find_delegate` finds them (reference, else e-mail, else
    name within the organization) in a few plain queries; a row equal to what is stored is not
    touched, changed rows are updated, new ones added, and everything flushed once."""
    keys = [column.key for column in _DELEGATE_COLUMNS]
    stored: dict[int, dict[str, Any]] = {}
    by_ref: dict[str, int] = {}
    by_email: dict[str, int] = {}
    by_name: dict[tuple[int | None, str], int] = {}

    def load(where: Any) -> None:
        for delegate_id, *values in session.execute(
            select(Delegate.id, *_DELEGATE_COLUMNS).where(where)
        ):
            record = dict(zip(keys, values, strict=True))
            stored[delegate_id] = record
            if record["ref"]:
                by_ref[record["ref"]] = delegate_id
            if record["email"]:
                by_email[record["email"]] = delegate_id
            name = (record["organization_id"], organization_name_key(record["names"]))
            by_name.setdefault(name, delegate_id)

    refs = sorted({d.ref for _, d in rows if d.ref})
    for start in range(0, len(refs), 500):
        load(Delegate.ref.in_(refs[start : start + 500]))
    # A row found by its reference needs no look-up by e-mail (a re-import finds them all so).
    emails = sorted({d.email for _, d in rows if d.email and not (d.ref and d.ref in by_ref)})
    for start in range(0, len(emails), 500):
        load(Delegate.email.in_(emails[start : start + 500]))
    unmatched_orgs = sorted(
        {
            org_id
            for org_id, d in rows
            if org_id is not None
            and not (d.ref and d.ref in by_ref)
            and not (d.email and d.email in by_email)
        }
    )
    for start in range(0, len(unmatched_orgs), 500):
        load(Delegate.organization_id.in_(unmatched_orgs[start : start + 500]))
    if any(org_id is None for org_id, _ in rows):
        load(Delegate.organization_id.is_(None))

    pending: list[tuple[Delegate | int, bool, bool]] = []
    for org_id, data in rows:
        found = (
            (by_ref.get(data.ref) if data.ref else None)
            or (by_email.get(data.email) if data.email else None)
            or by_name.get((org_id, organization_name_key(data.names)))
        )
        if found is not None:
            values = _delegate_values(data, stored[found]["ref"], org_id)
            if values == stored[found]:
                pending.append((found, False, False))
                continue
            delegate = session.get(Delegate, found)
            assert delegate is not None
            pending.append((delegate, False, assign_changed(delegate, values)))
            continue
        delegate = Delegate(**_delegate_values(data, None, org_id))
        session.add(delegate)
        pending.append((delegate, True, False))
    session.flush()
    return [
        Upserted(d if isinstance(d, int) else d.id, created, changed)
        for d, created, changed in pending
    ]


# ---------------------------------------------------------------- edits by the people themselves

PROFILE_LANGUAGES = ("ru", "kk", "zh", "en")


def edited_text(
    old: LocalizedText | None, values: dict[str, str | None], written_in: str | None = None
) -> LocalizedText | None:
    """`old` with the given languages replaced (an empty value removes that language).

    The source language stays what the author wrote in: kept while its text is kept; when it
    is removed (or there was no text before), the language the editor wrote in (`written_in`)
    if it has text, else the first language that has."""
    merged = dict(old.values) if old else {}
    for tag, text in values.items():
        if text is None:
            continue
        if text.strip():
            merged[tag] = text.strip()
        else:
            merged.pop(tag, None)
    if not merged:
        return None
    source = old.source if old and old.source in merged else None
    if source is None and written_in in merged:
        source = written_in
    return LocalizedText.of(merged, source=source)


def update_organization_texts(
    session: Session,
    *,
    organization: Organization,
    editor: Delegate,
    description: dict[str, str | None],
    written_in: str | None = None,
) -> Organization:
    """A delegate of the organization edits its public profile text, language by language."""
    if editor.organization_id != organization.id or editor.erased_at is not None:
        raise PermissionDenied(N_("only the organization's own delegates can edit its profile"))
    for tag in description:
        if tag not in PROFILE_LANGUAGES:
            raise Conflict(N_("%(value)s is not a language of the profile"), value=tag)
    organization.description = edited_text(organization.description, description, written_in)
    session.flush()
    return organization


def update_delegate_profile(
    session: Session,
    *,
    delegate: Delegate,
    names: dict[str, str | None] | None = None,
    position: dict[str, str | None] | None = None,
    languages: list[str] | None = None,
    phone: str | None = None,
    locale: str | None = None,
    written_in: str | None = None,
) -> Delegate:
    """A person edits their own profile: names and position per language, the languages they
    speak, their telephone and the language of their pages and mail."""
    for mapping in (names or {}, position or {}):
        for tag in mapping:
            if tag not in PROFILE_LANGUAGES:
                raise Conflict(N_("%(value)s is not a language of the profile"), value=tag)
    if names is not None:
        new_names = edited_text(delegate.names, names, written_in)
        if new_names is None:
            raise Conflict(N_("a person needs a name in at least one language"))
        delegate.names = new_names
    if position is not None:
        delegate.position = edited_text(delegate.position, position, written_in)
    if languages is not None:
        clean = [tag.strip() for tag in languages if tag.strip()]
        for tag in clean:
            if not is_language_tag(tag):
                raise Conflict(N_("%(value)s is not a language code"), value=tag)
        delegate.languages = list(dict.fromkeys(clean))
    if phone is not None:
        value = phone.strip()
        if len(value) > 40 or not all(c.isdigit() or c in "+-() " for c in value):
            raise Conflict(N_("%(value)s is not a telephone number"), value=value[:40])
        delegate.phone = value or None
    if locale is not None:
        if locale not in PROFILE_LANGUAGES:
            raise Conflict(N_("%(value)s is not a language of the interface"), value=locale)
        delegate.locale = locale
    session.flush()
    return delegate
