from __future__ import annotations

from enum import StrEnum


class SessionKind(StrEnum):
    B2B = "b2b"
    G2B = "g2b"
    PLENARY = "plenary"
    OTHER = "other"


class ParticipationRole(StrEnum):
    PARTICIPANT = "participant"
    OFFICIAL = "official"
    INTERPRETER = "interpreter"
    ORGANIZER = "organizer"
