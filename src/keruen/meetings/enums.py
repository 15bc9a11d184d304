from __future__ import annotations

from enum import StrEnum


class RequestStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    VETOED = "vetoed"


ACTIVE_STATUSES = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


class MeetingKind(StrEnum):
    B2B = "b2b"
    G2B = "g2b"


class ScheduleStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"


# What a reader sees for each stored value (stored values stay these keys).
from keruen.core.i18n_markers import N_  # noqa: E402

LABELS: dict[str, str] = {
    "pending": N_("pending"),
    "accepted": N_("accepted"),
    "declined": N_("declined"),
    "cancelled": N_("cancelled"),
    "expired": N_("expired"),
    "vetoed": N_("vetoed"),
    "b2b": N_("B2B"),
    "g2b": N_("G2B"),
    "draft": N_("draft"),
    "published": N_("published"),
    "superseded": N_("superseded"),
    "optimal": N_("optimal"),
    "feasible": N_("feasible"),
    "infeasible": N_("infeasible"),
    "unknown": N_("unknown"),
    "participant": N_("participant"),
    "official": N_("official"),
    "interpreter": N_("interpreter"),
    "organizer": N_("organizer"),
}


def label(value: str, translate: object) -> str:
    """The reader's word for a stored value; the value itself when it has no label."""
    msgid = LABELS.get(value)
    return translate(msgid) if msgid and callable(translate) else value  # type: ignore[no-any-return]
