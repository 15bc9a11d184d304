"""Which reported figure is in force, and amounts in US dollars: one place for both, so the
service that records figures, the dashboards and the reports can never disagree."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from keruen.core.errors import DomainError
from keruen.core.i18n_markers import N_
from keruen.investments.enums import Measure
from keruen.investments.models import Project, ProjectFigure


def in_force(figures: Iterable[ProjectFigure], measure: Measure | str) -> ProjectFigure | None:
    """The figure that counts for a measure: the latest `as_of`, then the latest entered."""
    wanted = str(measure)
    best: ProjectFigure | None = None
    for figure in figures:
        if figure.measure != wanted:
            continue
        if best is None or (figure.as_of, figure.id or 0) > (best.as_of, best.id or 0):
            best = figure
    return best


def figure_in_force(project: Project, measure: Measure | str) -> ProjectFigure | None:
    return in_force(project.figures, measure)


def parse_rate(text: str | None, *, field: str = "usd_rate") -> Decimal:
    """A rate as written ("0.1389", "0,1389"): a positive decimal, or an error naming the field."""
    try:
        rate = Decimal((text or "").strip().replace(",", "."))
    except InvalidOperation:
        rate = Decimal(0)
    if not rate.is_finite() or rate <= 0 or rate > 1_000_000:
        raise DomainError(
            N_("%(field)s: a rate must be a positive number (US dollars per unit), not %(value)s"),
            field=field,
            value=text or "",
        )
    return rate


def to_usd(amount: int, currency: str, rate: str | None) -> int:
    """Whole US dollars for an amount: itself in USD, otherwise amount × rate, half-even."""
    if currency == "USD":
        return amount
    value = Decimal(amount) * parse_rate(rate)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
