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
