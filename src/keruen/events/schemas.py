"""Validated input for events; times are local wall-clock in the event's zone."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from keruen.core.text import LocalizedText
from keruen.core.timeutil import is_zone, parse_clock
from keruen.events.enums import ParticipationRole, SessionKind
from keruen.organizations.schemas import Language, RegionCode


def _clock(value: str) -> str:
    try:
        parse_clock(value)
    except ValueError:
        raise PydanticCustomError(
            "time_invalid", "not a time of day HH:MM: {value}", {"value": value}
        ) from None
    return value


class PauseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: str
    end: str
    _clocks = field_validator("start", "end")(_clock)


class SessionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str | None = Field(default=None, min_length=1, max_length=40)
    day: date
    kind: SessionKind = SessionKind.B2B
    start: str
    end: str
    slot_minutes: int = Field(gt=0, le=240)
    names: LocalizedText = Field(default_factory=LocalizedText)
    pauses: list[PauseIn] = Field(default_factory=list)
    hall: str | None = None

    _clocks = field_validator("start", "end")(_clock)

    @model_validator(mode="after")
    def _order(self) -> SessionIn:
        if parse_clock(self.end) <= parse_clock(self.start):
            raise PydanticCustomError("session_times", "a session must end after it starts")
        for pause in self.pauses:
            if not (
                parse_clock(self.start)
                <= parse_clock(pause.start)
                < parse_clock(pause.end)
                <= parse_clock(self.end)
            ):
                raise PydanticCustomError(
                    "pause_outside",
                    "pause {start}–{end} is not inside the session",
                    {"start": pause.start, "end": pause.end},
                )
        return self

    @property
    def key(self) -> str:
        """The session's code, or one made of its day, kind and start (`2027-04-14-b2b-1000`)."""
        return (
            self.code or f"{self.day.isoformat()}-{self.kind.value}-{self.start.replace(':', '')}"
        )


class HallIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=1, max_length=16)
    names: LocalizedText = Field(default_factory=LocalizedText)
    tables: int = Field(ge=0, le=2000)
    seats: int = Field(default=4, ge=2)
    # Host tables: table number → who hosts there (delegate ref or e-mail, organization ref,
    # BIN or USCC).
    hosts: dict[int, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _hosts_exist(self) -> HallIn:
        for number in self.hosts:
            if not 1 <= number <= self.tables:
                raise PydanticCustomError(
                    "host_table_unknown",
                    "hall {hall} has no table {number}",
                    {"hall": self.code, "number": number},
                )
        return self


class SideIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=1, max_length=16)
    region: RegionCode
    names: LocalizedText = Field(default_factory=LocalizedText)


# Words that name pages beside the events' own (/o/pipeline, /o/sites, /o/dashboard, /e/...):
# an event called so could not be reached.
RESERVED_SLUGS = frozenset({"pipeline", "sites", "dashboard", "new", "api", "static", "media"})


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,79}$")
    names: LocalizedText
    venue: LocalizedText = Field(default_factory=LocalizedText)
    region: RegionCode | None = None
    timezone: str
    languages: list[Language] = Field(default_factory=lambda: ["ru", "kk", "zh", "en"])
    days: list[date] = Field(min_length=1)
    sides: list[SideIn] = Field(default_factory=list)
    sessions: list[SessionIn] = Field(default_factory=list)
    halls: list[HallIn] = Field(default_factory=list)

    @field_validator("slug")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value in RESERVED_SLUGS:
            raise PydanticCustomError(
                "slug_reserved", "{value} names a page of its own", {"value": value}
            )
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        if not is_zone(value):
            raise PydanticCustomError(
                "timezone_unknown", "unknown IANA time zone {value}", {"value": value}
            )
        return value

    @model_validator(mode="after")
    def _consistent(self) -> EventIn:
        halls = {h.code for h in self.halls}
        for what, codes in (
            ("hall", [h.code for h in self.halls]),
            ("side", [s.code for s in self.sides]),
            ("session", [s.key for s in self.sessions]),
        ):
            repeated = sorted({c for c in codes if codes.count(c) > 1})
            if repeated:
                raise PydanticCustomError(
                    "code_repeated",
                    "{what} code {code} is used twice",
                    {"what": what, "code": repeated[0]},
                )
        for session in self.sessions:
            if session.day not in self.days:
                raise PydanticCustomError(
                    "session_day",
                    "session on {day} is not an event day",
                    {"day": session.day.isoformat()},
                )
            if session.hall is not None and session.hall not in halls:
                raise PydanticCustomError(
                    "hall_unknown", "unknown hall {hall}", {"hall": session.hall}
                )
        return self


class UnavailableIn(BaseModel):
    """A whole day, or part of one (local times)."""

    model_config = ConfigDict(extra="forbid")
    day: date
    start: str | None = None
    end: str | None = None


class ParticipationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: ParticipationRole = ParticipationRole.PARTICIPANT
    topics: list[str] = Field(default_factory=list)
    unavailable: list[UnavailableIn] = Field(default_factory=list)
