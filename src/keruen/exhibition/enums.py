"""Units and periods of a product's volume, with their labels in the reader's language."""

from __future__ import annotations

from enum import StrEnum

from keruen.core.i18n_markers import N_


class VolumeUnit(StrEnum):
    TONNE = "t"
    KILOGRAM = "kg"
    LITRE = "l"
    PIECE = "pcs"
    METRE = "m"
    SQUARE_METRE = "m2"
    CONTAINER = "container"


class VolumePeriod(StrEnum):
    YEAR = "year"
    SEASON = "season"
    MONTH = "month"
    WEEK = "week"


UNIT_LABELS: dict[str, str] = {
    VolumeUnit.TONNE: N_("t"),
    VolumeUnit.KILOGRAM: N_("kg"),
    VolumeUnit.LITRE: N_("l"),
    VolumeUnit.PIECE: N_("pcs"),
    VolumeUnit.METRE: N_("m"),
    VolumeUnit.SQUARE_METRE: N_("m²"),
    VolumeUnit.CONTAINER: N_("containers"),
}
PERIOD_LABELS: dict[str, str] = {
    VolumePeriod.YEAR: N_("per year"),
    VolumePeriod.SEASON: N_("per season"),
    VolumePeriod.MONTH: N_("per month"),
    VolumePeriod.WEEK: N_("per week"),
}


# A volume as a sentence, per period: word order differs by language ("1 200 т в год",
# "每年 1,200 吨"), so the whole phrase is one message.
VOLUME_PATTERNS: dict[str, str] = {
    VolumePeriod.YEAR: N_("%(amount)s %(unit)s per year"),
    VolumePeriod.SEASON: N_("%(amount)s %(unit)s per season"),
    VolumePeriod.MONTH: N_("%(amount)s %(unit)s per month"),
    VolumePeriod.WEEK: N_("%(amount)s %(unit)s per week"),
}
