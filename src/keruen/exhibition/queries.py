"""Reading the exhibition: the catalogue of an event, searched by HS code and by words.

A query that is an HS code or its start (2, 4 or 6 digits, with or without dots: 52, 5201,
5201.00) filters by code; anything else is words, each of which must be found in the
product's names or descriptions (any of the four languages), its producer's or exhibitor's
names (any script, and their Latin transliteration) or the HS titles of its code in the
reader's language. Words are folded for case and for the letters Kazakh adds to Russian
(қауын = кауын, ё = е), and a word also finds its inflected forms (дыни → дыня); Chinese
is matched as a substring. An exhibition holds hundreds of products, not millions: the
products of the event are read once and matched in Python, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from keruen.core.codes import clean_hs
from keruen.core.names import display_name
from keruen.core.text import LocalizedText
from keruen.events.models import Event
from keruen.exhibition.models import Exhibitor, ExhibitProduct
from keruen.reference.taxonomy import code_title, hs

# Kazakh letters folded to the Russian ones people type on a Russian keyboard; ё and й too.
_FOLD = str.maketrans("әғқңөұүһіёй", "агкноуухиеи")
_HS_QUERY = re.compile(r"^[0-9][0-9.\s-]{0,8}$")


def fold(text: str) -> str:
    """Lower case, no accents, Kazakh letters as Russian ones, punctuation as spaces."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", " ", text).strip()


def _has_hanzi(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" for c in text)


def hs_prefix(query: str) -> str | None:
    """'5201.00' → '520100', '52' → '52', '80719' → '080719'; None when it is not a code."""
    text = query.strip()
    if not _HS_QUERY.fullmatch(text):
        return None
    digits = clean_hs(text)
    return digits if digits.isdigit() and len(digits) in (2, 4, 6) else None


def _word_matches(word: str, tokens: list[str], haystack: str) -> int:
    """2 for the word itself, 1 for an inflected form or the start of a longer word, 0 else."""
    if _has_hanzi(word):
        return 2 if word in haystack else 0
    if word in tokens:
        return 2
    if any(t.startswith(word) for t in tokens):
        return 1
    # Russian and Kazakh endings: «дыни» finds «дыня», «шұбаты» finds «шұбат».
    if len(word) >= 4:
        stem = word[:-1] if len(word) < 7 else word[:-2]
        if any(t.startswith(stem) for t in tokens):
            return 1
    return 0


@dataclass
class ProductCard:
    id: int
    hs_code: str
    hs_display: str
    hs_title: str
    name: str
    description: str
    producer: str
    exhibitor: str
    stand: str | None
    thumb_key: str | None
    photo_key: str | None
    volume_amount: float | None
    volume_unit: str | None
    volume_period: str | None
    price_on_request: bool
    price: str
    photos: list[tuple[str, str, int, int]] = field(default_factory=list)
    producer_id: int = 0
    exhibitor_organization_id: int = 0


def hs_display(code: str) -> str:
    return f"{code[:4]}.{code[4:]}" if len(code) == 6 else code


def _texts(value: LocalizedText | None) -> list[str]:
    return list(value.values.values()) if value else []


def _hs_titles(code: str, locale: str) -> list[str]:
    tax = hs()
    entry = tax.get(code)
    if entry is None:
        return []
    found = [code_title("hs", code, locale) or ""]
    # The heading too ("Apples, pears and quinces"), not the chapter: chapter 08's title
    # names melons, and every fruit would then answer a search for melons.
    found += [a.title(locale) for a in tax.ancestors(code) if a.level == "heading"]
    return found


def _haystack(product: ExhibitProduct, locale: str) -> str:
    parts: list[str] = []
    parts += _texts(product.names)
    parts += _texts(product.description)
    for org in {product.producer.id: product.producer, 0: product.exhibitor.organization}.values():
        parts += _texts(org.names)
        parts.append(org.name_key or "")
    parts += _hs_titles(product.hs_code, locale)
    return fold(" ".join(parts))


def _card(product: ExhibitProduct, locale: str) -> ProductCard:
    def name(value: LocalizedText | None) -> str:
        return display_name(dict(value.values), value.source, locale) if value else ""

    photos = [(p.storage_key, p.thumb_key, p.width, p.height) for p in product.photos]
    return ProductCard(
        id=product.id,
        hs_code=product.hs_code,
        hs_display=hs_display(product.hs_code),
        hs_title=code_title("hs", product.hs_code, locale) or "",
        name=name(product.names),
        description=(product.description.get(locale) or "") if product.description else "",
        producer=name(product.producer.names),
        exhibitor=name(product.exhibitor.organization.names),
        stand=product.exhibitor.stand,
        thumb_key=photos[0][1] if photos else None,
        photo_key=photos[0][0] if photos else None,
        volume_amount=product.volume_amount,
        volume_unit=product.volume_unit,
        volume_period=product.volume_period,
        price_on_request=product.price_on_request,
        price=(product.price.get(locale) or "") if product.price else "",
        photos=photos,
        producer_id=product.producer_id,
        exhibitor_organization_id=product.exhibitor.organization_id,
    )


def _products(session: Session, event: Event) -> list[ExhibitProduct]:
    return list(
        session.scalars(
            select(ExhibitProduct)
            .join(Exhibitor, ExhibitProduct.exhibitor_id == Exhibitor.id)
            .where(Exhibitor.event_id == event.id)
            .options(
                selectinload(ExhibitProduct.photos),
                selectinload(ExhibitProduct.producer),
                selectinload(ExhibitProduct.exhibitor).selectinload(Exhibitor.organization),
            )
            .order_by(Exhibitor.stand, Exhibitor.id, ExhibitProduct.position, ExhibitProduct.id)
        )
    )


def search(
    session: Session,
    event: Event,
    locale: str,
    *,
    q: str | None = None,
    hs_code: str | None = None,
    exhibitor_ids: Iterable[int] | None = None,
) -> list[ProductCard]:
    """The event's products that fit the query and the HS filter, in the reader's language:
    best word matches first, then in catalogue order (stand, position)."""
    products = _products(session, event)
    if exhibitor_ids is not None:
        wanted = set(exhibitor_ids)
        products = [p for p in products if p.exhibitor_id in wanted]
    prefix = hs_prefix(hs_code) if hs_code else None
    if hs_code and prefix is None:
        return []
    query = (q or "").strip()
    code = hs_prefix(query) if query else None
    if code is not None:
        prefix = code if prefix is None or code.startswith(prefix) else "-"
        query = ""
    if prefix is not None:
        products = [p for p in products if p.hs_code.startswith(prefix)]
    words = fold(query).split()
    if not words:
        return [_card(p, locale) for p in products]
    scored: list[tuple[int, int, ExhibitProduct]] = []
    for order, product in enumerate(products):
        haystack = _haystack(product, locale)
        tokens = haystack.split()
        qualities = [_word_matches(w, tokens, haystack) for w in words]
        if all(qualities):
            scored.append((-sum(qualities), order, product))
    scored.sort(key=lambda t: (t[0], t[1]))
    return [_card(p, locale) for _, _, p in scored]


def product_card(product: ExhibitProduct, locale: str) -> ProductCard:
    return _card(product, locale)


def chapters(session: Session, event: Event, locale: str) -> list[tuple[str, str]]:
    """The HS chapters the exhibition shows, with their titles in the reader's language."""
    codes = sorted({p.hs_code[:2] for p in _products(session, event)})
    return [(c, code_title("hs", c, locale) or c) for c in codes]
