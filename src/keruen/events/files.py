"""Event files: the organizer's own forum as YAML (the demo forum's shape) or as Event sheets of
an Excel workbook. Both read into one `EventFile`, and both are written from the stored event,
so export → create gives the same event. The JSON Schema of the YAML shape is
`event_file_schema()` (docs/event-file.schema.json; docs/events.md explains it).
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from keruen.core.errors import InputRejected, Problem
from keruen.core.i18n_markers import N_
from keruen.core.text import LocalizedText
from keruen.core.timeutil import parse_clock, utc_to_local
from keruen.core.yamlfiles import load_yaml
from keruen.events.enums import SessionKind
from keruen.events.models import Event, Participation
from keruen.events.schemas import EventIn, PauseIn, UnavailableIn
from keruen.organizations.schemas import Language

Names = dict[str, str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SideFile(_Strict):
    code: str = Field(min_length=1, max_length=16, description="Short code, e.g. KZ")
    region: str = Field(description="Region code (keruen reference regions), e.g. KZ-61")
    names: Names = Field(default_factory=dict, description="Name per language: ru, kk, zh, en")


class HallFile(_Strict):
    code: str = Field(min_length=1, max_length=16)
    names: Names = Field(default_factory=dict)
    tables: int = Field(ge=0, le=2000, description="Tables numbered 1..N; labels are code+number")
    seats: int = Field(default=4, ge=2)
    hosts: dict[int, str] = Field(
        default_factory=dict,
        description="Host tables: table number → delegate ref or e-mail, or organization "
        "ref, BIN or USCC; that host's meetings are all at this table",
    )


class SessionFile(_Strict):
    code: str | None = Field(default=None, description="Default: day-kind-start")
    day: date
    kind: SessionKind = SessionKind.B2B
    start: str = Field(description="Local time HH:MM in the event's zone")
    end: str
    slot_minutes: int = Field(gt=0, le=240)
    names: Names = Field(default_factory=dict)
    pauses: list[PauseIn] = Field(default_factory=list)
    hall: str | None = None


class EventBody(_Strict):
    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,79}$")
    source_language: str | None = Field(
        default=None, description="Language the texts were written in"
    )
    names: Names
    venue: Names = Field(default_factory=dict)
    region: str | None = None
    timezone: str = Field(description="IANA zone, e.g. Asia/Almaty or Asia/Shanghai")
    languages: list[Language] = Field(default_factory=lambda: ["ru", "kk", "zh", "en"])
    days: list[date] = Field(min_length=1)
    sides: list[SideFile] = Field(default_factory=list)
    sessions: list[SessionFile] = Field(default_factory=list)
    halls: list[HallFile] = Field(default_factory=list)


class InterpreterFile(_Strict):
    ref: str = Field(min_length=1, max_length=80)
    names: Names
    source_language: str | None = None
    languages: list[Language] = Field(min_length=2, description="Every language they work in")
    email: str | None = None
    phone: str | None = None
    locale: str = "en"
    unavailable: list[UnavailableIn] = Field(
        default_factory=list, description="Hours they cannot work: a whole day or start/end"
    )


class EventFile(_Strict):
    """An event file: the event and its interpreters. A demo-forum file's `organizations` are
    imported with `keruen import`, not here; they are listed as ignored."""

    event: EventBody
    interpreters: list[InterpreterFile] = Field(default_factory=list)
    organizations: list[dict[str, Any]] | None = Field(
        default=None, description="Ignored here (see `keruen import`)"
    )

    def to_event_in(self) -> EventIn:
        ev = self.event
        src = ev.source_language

        def text(values: Names) -> LocalizedText:
            return LocalizedText.of(values, source=src)

        return EventIn.model_validate(
            {
                "slug": ev.slug,
                "names": text(ev.names),
                "venue": text(ev.venue),
                "region": ev.region,
                "timezone": ev.timezone,
                "languages": ev.languages,
                "days": ev.days,
                "sides": [{**s.model_dump(), "names": text(s.names)} for s in ev.sides],
                "halls": [{**h.model_dump(), "names": text(h.names)} for h in ev.halls],
                "sessions": [
                    {**s.model_dump(exclude_none=True), "names": text(s.names)} for s in ev.sessions
                ],
            }
        )


def event_file_schema() -> dict[str, Any]:
    schema = EventFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://keruen.example/schemas/event-file.schema.json"
    return schema


# --- reading -----------------------------------------------------------------------------------


def _loc(parts: tuple[int | str, ...]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# Pydantic's checks, said in the reader's language (the key path first); any other keeps
# pydantic's own English words after the key.
_DETAILS: dict[str, str] = {
    "missing": N_("%(key)s: this value is required"),
    "greater_than": N_("%(key)s: must be greater than %(gt)s"),
    "greater_than_equal": N_("%(key)s: must be at least %(ge)s"),
    "less_than_equal": N_("%(key)s: must be at most %(le)s"),
    "int_parsing": N_("%(key)s: not a whole number: %(input)s"),
    "int_from_float": N_("%(key)s: not a whole number: %(input)s"),
    "date_parsing": N_("%(key)s: not a date YYYY-MM-DD: %(input)s"),
    "date_from_datetime_parsing": N_("%(key)s: not a date YYYY-MM-DD: %(input)s"),
    "string_pattern_mismatch": N_("%(key)s: not in the expected form: %(input)s"),
    "too_short": N_("%(key)s: needs at least %(min_length)s item(s)"),
    "string_too_short": N_("%(key)s: needs at least %(min_length)s character(s)"),
    "string_too_long": N_("%(key)s: at most %(max_length)s characters"),
    "extra_forbidden": N_("%(key)s: unknown key"),
    "enum": N_("%(key)s: must be one of %(expected)s"),
    "literal_error": N_("%(key)s: must be one of %(expected)s"),
    "time_invalid": N_("%(key)s: not a time of day HH:MM: %(value)s"),
    "session_times": N_("%(key)s: a session must end after it starts"),
    "pause_outside": N_("%(key)s: pause %(start)s–%(end)s is not inside the session"),
    "host_table_unknown": N_("%(key)s: hall %(hall)s has no table %(number)s"),
    "timezone_unknown": N_("%(key)s: unknown IANA time zone %(value)s"),
    "slug_reserved": N_("%(key)s: %(value)s names a page of its own; choose another slug"),
    "code_repeated": N_("%(key)s: %(what)s code %(code)s is used twice"),
    "session_day": N_("%(key)s: session on %(day)s is not an event day"),
    "hall_unknown": N_("%(key)s: unknown hall %(hall)s"),
}


def _shown(value: Any) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= 80 else text[:79] + "…"


# Where each item of an event document came from in the Event sheets of a workbook:
# ("Sessions", 2) → (sheet, Excel row) for the third Sessions row read; ("event", key) → the
# Event sheet's row holding that key.
Places = dict[tuple[str, int | str], tuple[str, int]]
_LIST_SHEETS = {"sides": "Sides", "halls": "Halls", "sessions": "Sessions"}
_CELL_OF_KEY = {"names": "name", "venue": "venue"}


def _place(loc: tuple[int | str, ...], places: Places) -> tuple[str | None, int | None, str | None]:
    """The sheet, row and column of a key path in a workbook's document, as far as known."""
    parts = list(loc)
    if parts[:1] == ["interpreters"] and len(parts) >= 2 and isinstance(parts[1], int):
        sheet, rest = "Interpreters", parts[1:]
    elif parts[:1] == ["event"] and len(parts) >= 3 and parts[1] in _LIST_SHEETS:
        sheet, rest = _LIST_SHEETS[str(parts[1])], parts[2:]
    elif parts[:1] == ["event"] and len(parts) >= 2:
        key = str(parts[1])
        if key in _CELL_OF_KEY:
            lang = str(parts[2]) if len(parts) > 2 and parts[2] in LANGS else "en"
            key = f"{_CELL_OF_KEY[key]}_{lang}"
        found = places.get(("event", key))
        return "Event", found[1] if found else None, "B" if found else key
    else:
        return None, None, None
    if not isinstance(rest[0], int) or (sheet, rest[0]) not in places:
        return sheet, None, None
    row = places[(sheet, rest[0])][1]
    if len(rest) < 2:
        return sheet, row, None
    column = str(rest[1])
    if column == "names":
        lang = str(rest[2]) if len(rest) > 2 and rest[2] in LANGS else "en"
        column = f"name_{lang}"
    return sheet, row, column


def _located(problem: Problem, loc: tuple[int | str, ...], places: Places | None) -> Problem:
    if places is None:
        return problem
    sheet, row, column = _place(loc, places)
    if sheet is None:
        return problem
    return replace(problem, sheet=sheet, row=row, column=column or problem.column)


def _problems(
    error: ValidationError,
    sheet: str | None = None,
    prefix: tuple[str, ...] = (),
    places: Places | None = None,
) -> list[Problem]:
    problems = []
    for item in error.errors():
        loc = (*prefix, *item["loc"])
        key = _loc(loc)
        params = {k: _shown(v) for k, v in (item.get("ctx") or {}).items()}
        params.update(key=key or "file", detail=item["msg"], input=_shown(item.get("input", "")))
        problem = Problem(
            _DETAILS.get(item["type"], N_("%(key)s: %(detail)s")),
            sheet=sheet,
            column=key or None,
            params=params,
        )
        problems.append(_located(problem, loc, places))
    return problems


def _interpreter_times(parsed: EventFile, data: EventIn, places: Places | None) -> list[Problem]:
    """Interpreters' unavailable times as the event will store them: hours HH:MM, ending after
    they start, on a day of the event (the event's own days, never a UTC date)."""
    first, last = min(data.days), max(data.days)
    problems = []
    for i, person in enumerate(parsed.interpreters):
        for j, item in enumerate(person.unavailable):
            loc: tuple[int | str, ...] = ("interpreters", i, "unavailable", j)
            params: dict[str, Any] = {"key": _loc(loc), "day": item.day.isoformat()}
            message = None
            try:
                start = parse_clock(item.start) if item.start else None
                end = parse_clock(item.end) if item.end else None
            except ValueError:
                message = N_("%(key)s: not a time of day HH:MM: %(value)s")
                params["value"] = _shown(f"{item.start or ''}-{item.end or ''}")
            else:
                if start is not None and end is not None and end <= start:
                    message = N_("%(key)s: unavailable time on %(day)s ends before it starts")
                elif not first <= item.day <= last:
                    message = N_(
                        "%(key)s: unavailable day %(day)s is not a day of the event (%(first)s "
                        "to %(last)s): correct the date"
                    )
                    params.update(first=first.isoformat(), last=last.isoformat())
            if message is not None:
                problem = Problem(message, column=params["key"], params=params)
                problems.append(_located(problem, loc, places))
    return problems


def parse_event_file(
    data: Any, *, sheet: str | None = None, places: Places | None = None
) -> tuple[EventFile, EventIn]:
    """Validate a decoded YAML/JSON document; every problem names its key, or its sheet, row
    and column when `places` says where a workbook's cells went."""
    if not isinstance(data, dict) or "event" not in data:
        raise InputRejected(
            [Problem(N_("an event file has a top-level key `event` (see docs/events.md)"))]
        )
    try:
        parsed = EventFile.model_validate(data)
    except ValidationError as error:
        raise InputRejected(_problems(error, sheet, places=places)) from None
    try:
        event_in = parsed.to_event_in()
    except ValidationError as error:
        raise InputRejected(_problems(error, sheet, prefix=("event",), places=places)) from None
    problems = _interpreter_times(parsed, event_in, places)
    if problems:
        raise InputRejected(problems)
    return parsed, event_in


def read_event_file(path: Path, *, max_bytes: int = 10 * 1024 * 1024) -> tuple[EventFile, EventIn]:
    """Read an event from .yaml/.yml/.json or .xlsx; refuse with problems naming key or cell."""
    if not path.exists():
        raise InputRejected([Problem(N_("file not found: %(path)s"), params={"path": str(path)})])
    if path.stat().st_size > max_bytes:
        raise _too_large(max_bytes)
    return parse_event_bytes(path.name, path.read_bytes(), max_bytes=max_bytes)


def _too_large(max_bytes: int) -> InputRejected:
    return InputRejected(
        [
            Problem(
                N_(
                    "the file is larger than %(limit)s bytes, more than any event file needs: "
                    "check that it is the event file, or leave out what the event does not use"
                ),
                params={"limit": max_bytes},
            )
        ]
    )


def parse_event_bytes(
    name: str, data: bytes, *, max_bytes: int = 10 * 1024 * 1024
) -> tuple[EventFile, EventIn]:
    """An event file's bytes (a path's, or an upload's), by the suffix of its `name`."""
    if len(data) > max_bytes:
        raise _too_large(max_bytes)
    suffix = Path(name).suffix.lower()
    if suffix in (".yaml", ".yml", ".json"):
        try:
            document = load_yaml(data.decode("utf-8"))
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            raise InputRejected(
                [
                    Problem(
                        N_("line %(line)s is not UTF-8 text: save the file as UTF-8"),
                        row=line,
                        params={"line": line},
                    )
                ]
            ) from None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
            line = mark.line + 1 if mark is not None else None
            detail = getattr(error, "problem", None) or str(error).splitlines()[0]
            raise InputRejected(
                [
                    Problem(
                        N_(
                            "line %(line)s is not readable YAML (%(detail)s): check the "
                            "indentation and the colons on that line"
                        )
                        if line
                        else N_("not a readable YAML file (save it as UTF-8): %(detail)s"),
                        row=line,
                        params={"line": line, "detail": _shown(detail)},
                    )
                ]
            ) from None
        return parse_event_file(document)
    if suffix == ".xlsx":
        document, places = _read_workbook(data)
        return parse_event_file(document, places=places)
    raise InputRejected(
        [
            Problem(
                N_("an event file is .yaml, .yml, .json or .xlsx, not %(name)s"),
                params={"name": Path(name).name[:120]},
            )
        ]
    )


# --- the Event sheets ----------------------------------------------------------------------------

LANGS = ("ru", "kk", "zh", "en")
SHEETS = ("Event", "Sides", "Halls", "Sessions", "Interpreters")
_COLUMNS: dict[str, tuple[str, ...]] = {
    "Sides": ("code", "region", *(f"name_{x}" for x in LANGS)),
    "Halls": ("code", "tables", "seats", "hosts", *(f"name_{x}" for x in LANGS)),
    "Sessions": (
        "code",
        "day",
        "kind",
        "start",
        "end",
        "slot_minutes",
        "pauses",
        "hall",
        *(f"name_{x}" for x in LANGS),
    ),
    "Interpreters": (
        "ref",
        "languages",
        "email",
        "phone",
        "locale",
        "unavailable",
        "source_language",
        *(f"name_{x}" for x in LANGS),
    ),
}
_EVENT_KEYS = (
    "slug",
    "timezone",
    "days",
    "languages",
    "region",
    "source_language",
    *(f"name_{x}" for x in LANGS),
    *(f"venue_{x}" for x in LANGS),
)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):  # a time typed as a time cell
        return str(value.strftime("%H:%M"))
    return str(value).strip()


def _split(value: str) -> list[str]:
    return [p for p in (x.strip() for x in value.replace(",", ";").split(";")) if p]


def _names(row: dict[str, str], prefix: str = "name") -> dict[str, str]:
    return {x: row[f"{prefix}_{x}"] for x in LANGS if row.get(f"{prefix}_{x}")}


def _bad(sheet: str, row: int, column: str, message: str, **params: Any) -> InputRejected:
    return InputRejected([Problem(message, sheet=sheet, row=row, column=column, params=params)])


def _rows(ws: Any, sheet: str) -> list[tuple[int, dict[str, str]]]:
    rows = list(ws.iter_rows(values_only=True))
    if not rows:
        return []
    header = [_cell(h).lower() for h in rows[0]]
    known = set(_COLUMNS[sheet])
    for index, name in enumerate(header):
        if name and name not in known:
            raise _bad(
                sheet,
                1,
                name,
                N_("unknown column %(column)s (expected: %(expected)s)"),
                column=name,
                expected=", ".join(_COLUMNS[sheet]),
            )
        del index
    out = []
    for number, values in enumerate(rows[1:], start=2):
        row = {header[i]: _cell(v) for i, v in enumerate(values) if i < len(header) and header[i]}
        if any(row.values()):
            out.append((number, row))
    return out


def _read_workbook(data: bytes) -> tuple[dict[str, Any], Places]:
    from openpyxl import load_workbook  # loads (with numpy) only when a workbook is read

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise InputRejected(
            [
                Problem(
                    N_(
                        "the file is not a real Excel workbook (.xlsx): open it in Excel or "
                        "LibreOffice and save it as an Excel workbook (.xlsx)"
                    )
                )
            ]
        ) from None
    if "Event" not in wb.sheetnames:
        raise InputRejected(
            [
                Problem(
                    N_(
                        "the workbook has no sheet named Event (sheets: %(sheets)s): rename "
                        "the sheet holding slug, timezone and days to Event, or start from "
                        "an exported event"
                    ),
                    params={"sheets": ", ".join(wb.sheetnames)},
                )
            ]
        )
    places: Places = {}
    event: dict[str, str] = {}
    for number, values in enumerate(wb["Event"].iter_rows(values_only=True), start=1):
        key = _cell(values[0]).lower() if values else ""
        if not key or (number == 1 and key == "key"):
            continue
        if key not in _EVENT_KEYS:
            raise _bad(
                "Event",
                number,
                "A",
                N_("unknown key %(key)s (expected: %(expected)s)"),
                key=key,
                expected=", ".join(_EVENT_KEYS),
            )
        event[key] = _cell(values[1]) if len(values) > 1 else ""
        places[("event", key)] = ("Event", number)
    tables = {name: _rows(wb[name], name) for name in SHEETS[1:] if name in wb.sheetnames}
    # document_from_sheets makes one item per row read, in order.
    for name, rows in tables.items():
        for index, (number, _row) in enumerate(rows):
            places[(name, index)] = (name, number)
    return document_from_sheets(event, tables), places


def document_from_sheets(
    event: dict[str, str], sheets: dict[str, list[tuple[int, dict[str, str]]]]
) -> dict[str, Any]:
    """An event-file document from the Event sheets' cells: `event` holds the Event sheet's
    key → value, `sheets` the rows (number, column → text) of Sides, Halls, Sessions and
    Interpreters. The workbook reader and the browser's event form both come through here."""
    doc: dict[str, Any] = {
        "slug": event.get("slug", ""),
        "timezone": event.get("timezone", ""),
        "days": _split(event.get("days", "")),
        "names": _names(event),
        "venue": _names(event, "venue"),
        "sides": [],
        "halls": [],
        "sessions": [],
    }
    if event.get("languages"):
        doc["languages"] = _split(event["languages"].replace(" ", ";"))
    for key in ("region", "source_language"):
        if event.get(key):
            doc[key] = event[key]
    if "Sides" in sheets:
        for _, row in sheets["Sides"]:
            doc["sides"].append(
                {"code": row.get("code", ""), "region": row.get("region", ""), "names": _names(row)}
            )
    if "Halls" in sheets:
        for number, row in sheets["Halls"]:
            hosts: dict[str, str] = {}
            for part in _split(row.get("hosts", "")):
                table, _, who = part.partition("=")
                if not table.strip().isdigit() or not who.strip():
                    raise _bad(
                        "Halls",
                        number,
                        "hosts",
                        N_("write host tables as 3=delegate-ref; 5=BIN, not %(value)s"),
                        value=part,
                    )
                hosts[table.strip()] = who.strip()
            doc["halls"].append(
                {
                    "code": row.get("code", ""),
                    "tables": row.get("tables") or "0",
                    "seats": row.get("seats") or "4",
                    "hosts": hosts,
                    "names": _names(row),
                }
            )
    if "Sessions" in sheets:
        for number, row in sheets["Sessions"]:
            pauses = []
            for part in _split(row.get("pauses", "")):
                start, sep, end = part.partition("-")
                if not sep:
                    raise _bad(
                        "Sessions",
                        number,
                        "pauses",
                        N_("write pauses as 11:20-11:40; 15:50-16:10, not %(value)s"),
                        value=part,
                    )
                pauses.append({"start": start.strip(), "end": end.strip()})
            item: dict[str, Any] = {
                "day": row.get("day", ""),
                "kind": row.get("kind") or "b2b",
                "start": row.get("start", ""),
                "end": row.get("end", ""),
                "slot_minutes": row.get("slot_minutes", ""),
                "pauses": pauses,
                "names": _names(row),
            }
            if row.get("code"):
                item["code"] = row["code"]
            if row.get("hall"):
                item["hall"] = row["hall"]
            doc["sessions"].append(item)
    interpreters = []
    if "Interpreters" in sheets:
        for number, row in sheets["Interpreters"]:
            unavailable = []
            for part in _split(row.get("unavailable", "")):
                day, _, hours = part.partition(" ")
                entry: dict[str, str] = {"day": day.strip()}
                if hours.strip():
                    start, sep, end = hours.strip().partition("-")
                    if not sep:
                        raise _bad(
                            "Interpreters",
                            number,
                            "unavailable",
                            N_("write unavailable times as 2027-04-15 14:30-17:30, not %(value)s"),
                            value=part,
                        )
                    entry.update(start=start.strip(), end=end.strip())
                unavailable.append(entry)
            person: dict[str, Any] = {
                "ref": row.get("ref", ""),
                "names": _names(row),
                "languages": _split(row.get("languages", "").replace(" ", ";")),
                "locale": row.get("locale") or "en",
                "unavailable": unavailable,
            }
            for key in ("email", "phone", "source_language"):
                if row.get(key):
                    person[key] = row[key]
            interpreters.append(person)
    return {"event": doc, "interpreters": interpreters}


# --- writing ---------------------------------------------------------------------------------


def _names_out(text: LocalizedText | None) -> dict[str, str]:
    return dict(text.values) if text else {}


def _clock(moment: datetime, zone: str) -> str:
    return utc_to_local(moment, zone).strftime("%H:%M")


def event_document(event: Event, interpreters: list[Participation]) -> dict[str, Any]:
    """The stored event as an event-file document (what `event export` writes)."""
    zone = event.timezone
    source = event.names.source
    days = sorted(
        {
            event.starts_on + timedelta(days=k)
            for k in range((event.ends_on - event.starts_on).days + 1)
        }
    )
    doc: dict[str, Any] = {
        "slug": event.slug,
        "source_language": source,
        "names": _names_out(event.names),
        "venue": _names_out(event.venue),
        "region": event.region_code,
        "timezone": zone,
        "languages": list(event.languages),
        "days": [d.isoformat() for d in days],
        "sides": [
            {"code": s.code, "region": s.region_code, "names": _names_out(s.names)}
            for s in event.sides
        ],
        "sessions": [
            {
                "code": s.code,
                "day": utc_to_local(s.starts_at, zone).date().isoformat(),
                "kind": s.kind,
                "start": _clock(s.starts_at, zone),
                "end": _clock(s.ends_at, zone),
                "slot_minutes": s.slot_minutes,
                "names": _names_out(s.names),
                "pauses": [
                    {"start": _clock(p.starts_at, zone), "end": _clock(p.ends_at, zone)}
                    for p in s.pauses
                ],
                **({"hall": s.hall.code} if s.hall else {}),
            }
            for s in event.sessions
        ],
        "halls": [
            {
                "code": h.code,
                "names": _names_out(h.names),
                "tables": max((t.number for t in h.tables if t.active), default=0),
                "seats": next((t.seats for t in h.tables if t.active), 4),
                "hosts": {t.number: t.host for t in h.tables if t.active and t.host},
            }
            for h in event.halls
            if h.active
        ],
    }
    people = []
    for p in interpreters:
        d = p.delegate
        entry: dict[str, Any] = {
            "ref": d.ref or f"interpreter-{d.id}",
            "names": _names_out(d.names),
            "source_language": d.names.source,
            "languages": list(d.languages),
            "locale": d.locale,
            "unavailable": [],
        }
        if d.email:
            entry["email"] = d.email
        if d.phone:
            entry["phone"] = d.phone
        for u in p.unavailable:
            start = utc_to_local(u.starts_at, zone)
            end = utc_to_local(u.ends_at, zone)
            if start.time() == datetime.min.time() and end - start == timedelta(days=1):
                entry["unavailable"].append({"day": start.date().isoformat()})
            else:
                entry["unavailable"].append(
                    {
                        "day": start.date().isoformat(),
                        "start": start.strftime("%H:%M"),
                        "end": end.strftime("%H:%M"),
                    }
                )
        people.append(entry)
    return {"event": doc, "interpreters": people}


def to_yaml(document: dict[str, Any]) -> bytes:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100).encode()


def to_workbook(document: dict[str, Any]) -> bytes:
    """The Event sheets: Event (key, value), Sides, Halls, Sessions, Interpreters."""
    from openpyxl import Workbook

    from keruen.exports.tabular import style_sheet

    ev = document["event"]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Event"
    ws.append(["key", "value"])
    scalars: dict[str, Any] = {
        "slug": ev["slug"],
        "timezone": ev["timezone"],
        "days": "; ".join(ev["days"]),
        "languages": " ".join(ev.get("languages", [])),
        "region": ev.get("region") or "",
        "source_language": ev.get("source_language") or "",
    }
    for x in LANGS:
        scalars[f"name_{x}"] = ev["names"].get(x, "")
        scalars[f"venue_{x}"] = ev.get("venue", {}).get(x, "")
    for key, value in scalars.items():
        ws.append([key, value])
    style_sheet(ws)

    def sheet(name: str, rows: list[list[Any]]) -> None:
        s = wb.create_sheet(name)
        s.append(list(_COLUMNS[name]))
        for row in rows:
            s.append(row)
        style_sheet(s)

    def names(d: dict[str, str]) -> list[str]:
        return [d.get(x, "") for x in LANGS]

    sheet("Sides", [[s["code"], s["region"], *names(s["names"])] for s in ev["sides"]])
    sheet(
        "Halls",
        [
            [
                h["code"],
                h["tables"],
                h["seats"],
                "; ".join(f"{k}={v}" for k, v in sorted(h.get("hosts", {}).items())),
                *names(h["names"]),
            ]
            for h in ev["halls"]
        ],
    )
    sheet(
        "Sessions",
        [
            [
                s.get("code") or "",
                s["day"],
                s["kind"],
                s["start"],
                s["end"],
                s["slot_minutes"],
                "; ".join(f"{p['start']}-{p['end']}" for p in s.get("pauses", [])),
                s.get("hall") or "",
                *names(s.get("names", {})),
            ]
            for s in ev["sessions"]
        ],
    )
    sheet(
        "Interpreters",
        [
            [
                p["ref"],
                " ".join(p["languages"]),
                p.get("email") or "",
                p.get("phone") or "",
                p.get("locale") or "",
                "; ".join(
                    u["day"] + (f" {u['start']}-{u['end']}" if u.get("start") else "")
                    for u in p.get("unavailable", [])
                ),
                p.get("source_language") or "",
                *names(p["names"]),
            ]
            for p in document.get("interpreters", [])
        ],
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# The Event sheets' columns, for forms that edit the same cells (the browser's event form).
SHEET_COLUMNS = _COLUMNS
EVENT_KEYS = _EVENT_KEYS
