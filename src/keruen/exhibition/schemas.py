"""What a writer gives the exhibition service (the web forms, the API and the demo loader)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from keruen.core.text import LocalizedText


class ExhibitorIn(BaseModel):
    model_config = ConfigDict(frozen=True)

    organization_id: int
    stand: str | None = None
    contact_delegate_id: int | None = None


class ProductIn(BaseModel):
    """A product as typed: the service checks every field and names the one that is wrong.

    `price` None means "price on request"; `producer_id` None means the exhibitor makes it."""

    model_config = ConfigDict(frozen=True)

    hs_code: str
    names: LocalizedText
    description: LocalizedText | None = None
    producer_id: int | None = None
    volume_amount: float | None = None
    volume_unit: str | None = None
    volume_period: str | None = None
    price: LocalizedText | None = None
    position: int = 0
