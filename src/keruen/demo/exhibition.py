"""Load the demo exhibition (exhibition.yaml) through the exhibition service.

Loading twice writes nothing the second time: exhibitors are found by event and organization,
products by exhibitor and HS code, and a product that has photos gets no new placeholder.
Placeholders are drawn here with Pillow (a coloured card with the HS code), never downloaded.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anyascii import anyascii
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen.config import get_settings
from keruen.core.text import LocalizedText
from keruen.core.yamlfiles import load_yaml
from keruen.events import service as event_service
from keruen.exhibition import service as exhibition
from keruen.exhibition.models import Exhibitor, ExhibitProduct
from keruen.exhibition.schemas import ExhibitorIn, ProductIn
from keruen.exhibition.storage import Storage, storage_for
from keruen.organizations.models import Organization

EXHIBITION_FILE = Path(__file__).parent / "exhibition.yaml"


@dataclass(frozen=True)
class ExhibitionSummary:
    exhibitors: int
    products: int
    photos: int
    created: int


def placeholder_photo(hs_code: str, label: str, colour: str) -> bytes:
    """A 1200 × 900 card in the product's colour with its HS code and English name."""
    image = Image.new("RGB", (1200, 900), colour)
    draw = ImageDraw.Draw(image)
    rgb = image.getpixel((0, 0))
    assert isinstance(rgb, tuple)
    ink = "#1d1d1d" if sum(rgb[:3]) > 382 else "#fafafa"
    draw.rounded_rectangle((60, 60, 1140, 840), radius=40, outline=ink, width=6)
    big = ImageFont.load_default(size=150)
    small = ImageFont.load_default(size=48)
    draw.text((600, 380), f"HS {hs_code[:4]}.{hs_code[4:]}", fill=ink, font=big, anchor="mm")
    # The bundled font has Latin letters only: "28–30 °Brix" is drawn as "28-30 degBrix".
    draw.text((600, 560), anyascii(label)[:44], fill=ink, font=small, anchor="mm")
    draw.text((600, 760), "keruen demo", fill=ink, font=small, anchor="mm")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _org(session: Session, ref: str) -> Organization:
    found = session.scalar(select(Organization).where(Organization.ref == ref))
    if found is None:
        raise LookupError(f"exhibition.yaml names {ref!r}, which the demo forum does not have")
    return found


def _text(values: dict[str, str] | None, source: str | None) -> LocalizedText | None:
    return LocalizedText.of(values, source=source) if values else None


def load_exhibition(
    session: Session,
    event_slug: str = "turkestan-bayingol-2027",
    *,
    storage: Storage | None = None,
    path: Path = EXHIBITION_FILE,
) -> ExhibitionSummary:
    """Create or update the demo exhibition of `event_slug` (the demo forum must be loaded)."""
    spec: dict[str, Any] = load_yaml(path.read_text(encoding="utf-8"))
    storage = storage or storage_for(get_settings())
    event = event_service.get_event(session, event_slug)
    created = 0
    exhibitors = products = photos = 0
    for item in spec["exhibitors"]:
        org = _org(session, item["organization"])
        data = ExhibitorIn(organization_id=org.id, stand=item.get("stand"))
        exhibitor = session.scalar(
            select(Exhibitor).where(
                Exhibitor.event_id == event.id, Exhibitor.organization_id == org.id
            )
        )
        if exhibitor is None:
            exhibitor = exhibition.add_exhibitor(session, event=event, data=data)
            created += 1
        elif exhibitor.stand != data.stand:
            exhibition.update_exhibitor(session, exhibitor=exhibitor, data=data)
        exhibitors += 1
        for position, entry in enumerate(item.get("products", [])):
            source = entry.get("source_language")
            volume = entry.get("volume") or {}
            producer = _org(session, entry["producer"]).id if entry.get("producer") else None
            product_in = ProductIn(
                hs_code=entry["hs"],
                names=LocalizedText.of(entry["names"], source=source),
                description=_text(entry.get("description"), source),
                producer_id=producer,
                volume_amount=volume.get("amount"),
                volume_unit=volume.get("unit"),
                volume_period=volume.get("period"),
                price=_text(entry.get("price"), source),
                position=position,
            )
            product = session.scalar(
                select(ExhibitProduct).where(
                    ExhibitProduct.exhibitor_id == exhibitor.id,
                    ExhibitProduct.hs_code == exhibition.check_hs(entry["hs"]),
                )
            )
            if product is None:
                product = exhibition.add_product(session, exhibitor=exhibitor, data=product_in)
                created += 1
            else:
                exhibition.update_product(session, product=product, data=product_in)
            products += 1
            if not product.photos:
                card = placeholder_photo(
                    product.hs_code, entry["names"].get("en", ""), entry.get("colour", "#ddd")
                )
                exhibition.add_photo(session, storage, product, card, f"{product.hs_code}.png")
                created += 1
            photos += len(product.photos)
    session.flush()
    return ExhibitionSummary(exhibitors, products, photos, created)
