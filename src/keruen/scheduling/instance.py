"""The instance format, version 1: pydantic models, the JSON Schema and a checking loader.

`load_instance` parses JSON (a path, a string or a dict), validates the structure with the
models below and then the meaning (ids declared and unique, slots in order, no cycles). Every
problem raises `InstanceError` whose message names the field and the entity, e.g.
``meetings[12] (id "m13"): participant "p99" is not declared``. A well-formed meeting that
cannot be held (fixed where a participant is away, longer than any day, a table reserved for
another host) is not an input error: the solver leaves it out with its reason, or, in mode
"all", answers "infeasible" naming it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from keruen.core.i18n_markers import N_

INSTANCE_FORMAT = "keruen-schedule-instance/1"

__all__ = [
    "INSTANCE_FORMAT",
    "Instance",
    "InstanceError",
    "Interpreter",
    "Limits",
    "Meeting",
    "Objective",
    "Participant",
    "Slot",
    "Table",
    "instance_json_schema",
    "load_instance",
    "needs_interpreter",
]


class FormatError(ValueError):
    """A file of the scheduling formats is invalid; `path` names the field
    (``meetings[3].participants[1]``).

    `template` is the message in English with named placeholders, marked for the catalogs, and
    `params` fills them: an interface shows ``gettext(template) % params`` in its reader's
    language; `message` is the English text."""

    def __init__(self, path: str, template: str, **params: Any) -> None:
        self.path = path
        self.template = template
        self.params = params
        self.message = template % params if params else template
        super().__init__(f"{path}: {self.message}" if path else self.message)


class InstanceError(FormatError):
    """The instance is invalid (see `FormatError`)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Slot(_Model):
    """A time slot. Slots are listed in time order; consecutive = adjacent and same day."""

    id: int = Field(description="Slot id, unique.")
    day: int = Field(description="Day number; slots of one day are consecutive in the list.")
    start: str | None = Field(
        default=None, pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", description="Local HH:MM."
    )
    minutes: int | None = Field(default=None, ge=1, description="Length in minutes.")


class Table(_Model):
    """A meeting table with an id."""

    id: str = Field(min_length=1)
    unavailable: list[int] = Field(default_factory=list, description="Slot ids.")


class Participant(_Model):
    """A company, a delegation or an official."""

    id: str = Field(min_length=1)
    languages: list[str] = Field(default_factory=list)
    capacity: int = Field(default=1, ge=1, description="Meetings this participant holds at once.")
    unavailable: list[int] = Field(default_factory=list, description="Slot ids.")
    table: str | None = Field(
        default=None, description="Host table id: all this participant's meetings are held there."
    )


class Interpreter(_Model):
    """An interpreter; serves a meeting when sharing a language with every participant."""

    id: str = Field(min_length=1)
    languages: list[str] = Field(min_length=1)
    unavailable: list[int] = Field(default_factory=list, description="Slot ids.")


class Meeting(_Model):
    """A requested meeting between two or more participants."""

    id: str = Field(min_length=1)
    participants: list[str] = Field(min_length=2)
    priority: int = Field(default=1, ge=1)
    length: int = Field(default=1, ge=1, description="Number of consecutive slots.")
    slots: list[int] | None = Field(default=None, description="Allowed start slot ids.")
    fixed: int | None = Field(default=None, description="The meeting is held starting here.")
    after: list[str] = Field(
        default_factory=list, description="Meetings that must end before this one starts."
    )
    interpreter: bool | None = Field(
        default=None, description="Needs an interpreter; default: when no language is shared."
    )
    table: str | None = Field(
        default=None,
        description="Which host table it is held at, when several of its participants host.",
    )


class Objective(_Model):
    """What to optimise, lexicographically: priority, moved, breaks, table changes."""

    schedule: Literal["all", "most"] = "all"
    fairness: int | None = Field(
        default=None, ge=0, description="Hard: breaks(p) - min_q breaks(q) <= fairness."
    )
    previous: dict[str, int] | None = Field(
        default=None, description="A published schedule {meeting id: start slot id}."
    )


class Limits(_Model):
    """Default solver limits; the CLI flags override them."""

    seconds: float | None = Field(default=None, gt=0)
    workers: int | None = Field(default=None, ge=1)
    seed: int | None = None


class Instance(_Model):
    """A scheduling instance, format ``keruen-schedule-instance/1``."""

    format: Literal["keruen-schedule-instance/1"]
    name: str | None = None
    slots: list[Slot] = Field(min_length=1)
    tables: int | list[Table] = Field(
        description="A number (meetings per slot) or a list of tables (each meeting gets one)."
    )
    participants: list[Participant]
    interpreters: list[Interpreter] = Field(default_factory=list)
    meetings: list[Meeting]
    objective: Objective = Field(default_factory=Objective)
    limits: Limits | None = None

    def to_json(self) -> dict[str, Any]:
        """The instance as a JSON-ready dict (defaults omitted)."""
        return self.model_dump(mode="json", exclude_none=True)


def needs_interpreter(instance: Instance, meeting: Meeting) -> bool:
    """Whether `meeting` needs an interpreter.

    The explicit flag wins; otherwise it is needed when every participant lists languages
    and they share none (a participant without languages listed means "not known").
    """
    if meeting.interpreter is not None:
        return meeting.interpreter
    by_id = _langs(instance)
    common: frozenset[str] | None = None
    for pid in meeting.participants:
        langs = by_id[pid]
        if not langs:
            return False
        common = langs if common is None else common & langs
    return not common


_LANG_CACHE: dict[int, tuple[Instance, dict[str, frozenset[str]]]] = {}


def _langs(instance: Instance) -> dict[str, frozenset[str]]:
    hit = _LANG_CACHE.get(id(instance))
    if hit is None or hit[0] is not instance:
        hit = (instance, {p.id: frozenset(p.languages) for p in instance.participants})
        _LANG_CACHE.clear()
        _LANG_CACHE[id(instance)] = hit
    return hit[1]


def instance_json_schema() -> dict[str, Any]:
    """The JSON Schema of the instance format (what ``instance.schema.json`` ships)."""
    schema = Instance.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://keruen.example/schemas/keruen-schedule-instance-1.json"
    return schema


# ---------------------------------------------------------------------------------- loading


def _entity(raw: Any, loc: Sequence[int | str]) -> str:
    """Render a location like ``meetings[12] (id "m13").participants[0]``."""
    out = ""
    node = raw
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            if isinstance(node, Mapping) and "id" in node:
                out += f" (id {json.dumps(node['id'], ensure_ascii=False)})"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, Mapping) else None
    return out


#: what Python's JSON reader says, as the catalogs say it (others keep its English words)
_JSON_PROBLEMS = {
    "Expecting value": N_("not valid JSON: line %(line)s, column %(column)s: a value is missing"),
    "Expecting ',' delimiter": N_(
        "not valid JSON: line %(line)s, column %(column)s: a comma is missing"
    ),
    "Expecting ':' delimiter": N_(
        "not valid JSON: line %(line)s, column %(column)s: a colon is missing"
    ),
    "Expecting property name enclosed in double quotes": N_(
        "not valid JSON: line %(line)s, column %(column)s: a field name in double quotes is "
        "expected"
    ),
    "Unterminated string starting at": N_(
        "not valid JSON: line %(line)s, column %(column)s: a text in quotes is not closed"
    ),
    "Extra data": N_(
        "not valid JSON: line %(line)s, column %(column)s: there is more after the end"
    ),
    "Invalid control character at": N_(
        "not valid JSON: line %(line)s, column %(column)s: a text in quotes holds a line break "
        "or a tab"
    ),
}


def json_problem(exc: json.JSONDecodeError) -> tuple[str, dict[str, Any]]:
    """Where a JSON text is broken and how, as (template, params) for the catalogs."""
    where = {"line": exc.lineno, "column": exc.colno}
    if exc.msg in _JSON_PROBLEMS:
        return _JSON_PROBLEMS[exc.msg], where
    return N_("not valid JSON: line %(line)s, column %(column)s: %(detail)s"), {
        **where,
        "detail": exc.msg,
    }


def unreadable(path: str | Path, exc: OSError) -> tuple[str, dict[str, Any]]:
    """Why a file cannot be read, as (template, params) for the catalogs."""
    import errno

    templates = {
        errno.ENOENT: N_("%(file)s does not exist"),
        errno.EISDIR: N_("%(file)s is a folder, not a file"),
        errno.EACCES: N_("%(file)s cannot be read: permission denied"),
    }
    template = templates.get(exc.errno or 0)
    if template is not None:
        return template, {"file": str(path)}
    return N_("cannot read %(file)s: %(reason)s"), {"file": str(path), "reason": exc.strerror}


def _read(source: str | Path | Mapping[str, Any]) -> Any:
    if isinstance(source, Mapping):
        return dict(source)
    if isinstance(source, Path) or (
        isinstance(source, str) and not source.lstrip().startswith("{")
    ):
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            template, params = unreadable(path, exc)
            raise InstanceError("", template, **params) from exc
    else:
        text = source
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        template, params = json_problem(exc)
        raise InstanceError("", template, **params) from exc


# pydantic's error types, as messages of our catalogs (its own texts are English only).
_PYDANTIC: dict[str, str] = {
    "missing": N_("this field is required"),
    "extra_forbidden": N_("unknown field: remove it or check its spelling"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"),
    "float_type": N_("must be a number"),
    "float_parsing": N_("must be a number"),
    "bool_type": N_("must be true or false"),
    "bool_parsing": N_("must be true or false"),
    "string_type": N_("must be a text in quotes"),
    "list_type": N_("must be a list"),
    "dict_type": N_("must be an object"),
    "model_type": N_("must be an object"),
    "model_attributes_type": N_("must be an object"),
    "literal_error": N_("must be one of %(expected)s"),
    "enum": N_("must be one of %(expected)s"),
    "string_pattern_mismatch": N_("must be a time of day as HH:MM"),
    "greater_than_equal": N_("must be at least %(ge)s"),
    "greater_than": N_("must be more than %(gt)s"),
    "too_short": N_("must have at least %(min_length)s item(s)"),
    "string_too_short": N_("must not be empty"),
}


def _pydantic_message(err: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """A pydantic error as (template, params); an error type not listed keeps pydantic's text."""
    template = _PYDANTIC.get(str(err.get("type", "")))
    if template is None:
        return N_("is not valid (%(detail)s)"), {"detail": str(err.get("msg", ""))}
    ctx = dict(err.get("ctx") or {})
    if "expected" in ctx:  # pydantic joins the choices with an English "or"
        ctx["expected"] = str(ctx["expected"]).replace(" or ", ", ")
    names = ("expected", "ge", "gt", "min_length")
    return template, {k: ctx[k] for k in names if f"%({k})s" in template and k in ctx}


def load_instance(source: str | Path | Mapping[str, Any]) -> Instance:
    """Parse and check an instance from a path, a JSON string or a dict.

    Raises `InstanceError` naming the field and the entity on the first problem found.
    """
    raw = _read(source)
    if not isinstance(raw, dict):
        raise InstanceError("", N_("an instance must be a JSON object"))
    fmt = raw.get("format")
    if fmt != INSTANCE_FORMAT:
        raise InstanceError(
            "format",
            N_("expected %(expected)s, got %(got)s"),
            expected=repr(INSTANCE_FORMAT),
            got=repr(fmt),
        )
    try:
        instance = Instance.model_validate(raw, strict=True)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p in {"int", "list[Table]"})]
        template, params = _pydantic_message(err)
        raise InstanceError(_entity(raw, loc), template, **params) from None
    check_instance(instance)
    return instance


def _dupes(ids: Sequence[Any]) -> int | None:
    seen: set[Any] = set()
    for i, x in enumerate(ids):
        if x in seen:
            return i
        seen.add(x)
    return None


def _q(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def check_instance(inst: Instance) -> None:
    """Check the meaning of a structurally valid instance; raise `InstanceError`."""
    for name, items in (
        ("slots", inst.slots),
        ("participants", inst.participants),
        ("interpreters", inst.interpreters),
        ("meetings", inst.meetings),
    ):
        i = _dupes([x.id for x in items])
        if i is not None:
            raise InstanceError(f"{name}[{i}]", N_("duplicate id %(id)s"), id=_q(items[i].id))
    tables = inst.tables if isinstance(inst.tables, list) else []
    if isinstance(inst.tables, int) and inst.tables < 0:
        raise InstanceError("tables", N_("must be at least %(ge)s"), ge=0)
    i = _dupes([t.id for t in tables])
    if i is not None:
        raise InstanceError(f"tables[{i}]", N_("duplicate id %(id)s"), id=_q(tables[i].id))

    slot_pos = {s.id: k for k, s in enumerate(inst.slots)}
    for k in range(1, len(inst.slots)):
        a, b = inst.slots[k - 1], inst.slots[k]
        if b.day < a.day:
            raise InstanceError(
                f"slots[{k}] (id {b.id})",
                N_("day %(day)s comes after day %(previous)s: list slots in time order"),
                day=b.day,
                previous=a.day,
            )
        if b.day == a.day and a.start and b.start and b.start <= a.start:
            raise InstanceError(
                f"slots[{k}] (id {b.id})",
                N_("start %(start)s is not after %(previous)s"),
                start=b.start,
                previous=a.start,
            )

    def check_slots(where: str, ids: Sequence[int]) -> None:
        for j, sid in enumerate(ids):
            if sid not in slot_pos:
                raise InstanceError(f"{where}[{j}]", N_("slot %(slot)s is not declared"), slot=sid)

    table_ids = {t.id for t in tables}
    for k, t in enumerate(tables):
        check_slots(f"tables[{k}] (id {_q(t.id)}).unavailable", t.unavailable)
    for k, p in enumerate(inst.participants):
        where = f"participants[{k}] (id {_q(p.id)})"
        check_slots(f"{where}.unavailable", p.unavailable)
        if p.table is not None:
            if not tables:
                raise InstanceError(f"{where}.table", N_("a host table needs a list of tables"))
            if p.table not in table_ids:
                raise InstanceError(
                    f"{where}.table", N_("table %(table)s is not declared"), table=_q(p.table)
                )
    for k, it in enumerate(inst.interpreters):
        check_slots(f"interpreters[{k}] (id {_q(it.id)}).unavailable", it.unavailable)

    parts = {p.id: p for p in inst.participants}
    meeting_ids = {m.id for m in inst.meetings}
    for k, m in enumerate(inst.meetings):
        where = f"meetings[{k}] (id {_q(m.id)})"
        for j, pid in enumerate(m.participants):
            if pid not in parts:
                raise InstanceError(
                    f"{where}.participants[{j}]",
                    N_("participant %(participant)s is not declared"),
                    participant=_q(pid),
                )
        dup = _dupes(m.participants)
        if dup is not None:
            raise InstanceError(
                f"{where}.participants[{dup}]",
                N_("participant %(participant)s is listed twice"),
                participant=_q(m.participants[dup]),
            )
        if m.table is not None and m.table not in table_ids:
            raise InstanceError(
                f"{where}.table", N_("table %(table)s is not declared"), table=_q(m.table)
            )
        if m.slots is not None:
            check_slots(f"{where}.slots", m.slots)
        for j, aid in enumerate(m.after):
            if aid not in meeting_ids:
                raise InstanceError(
                    f"{where}.after[{j}]",
                    N_("meeting %(meeting)s is not declared"),
                    meeting=_q(aid),
                )
            if aid == m.id:
                raise InstanceError(f"{where}.after[{j}]", N_("a meeting cannot come after itself"))
        if m.fixed is not None and m.fixed not in slot_pos:
            raise InstanceError(f"{where}.fixed", N_("slot %(slot)s is not declared"), slot=m.fixed)
    # "after" must be acyclic
    graph = {m.id: list(m.after) for m in inst.meetings}
    state: dict[str, int] = {}
    index = {m.id: k for k, m in enumerate(inst.meetings)}
    for root in graph:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            node, nxt = stack[-1]
            if nxt < len(graph[node]):
                stack[-1] = (node, nxt + 1)
                child = graph[node][nxt]
                if state.get(child) == 1:
                    cycle = [n for n, _ in stack]
                    cycle = [*cycle[cycle.index(child) :], child]
                    raise InstanceError(
                        f"meetings[{index[node]}] (id {_q(node)}).after",
                        N_("cycle of 'after': %(cycle)s"),
                        cycle=" -> ".join(cycle),
                    )
                if child not in state:
                    state[child] = 1
                    stack.append((child, 0))
            else:
                state[node] = 2
                stack.pop()
    prev = inst.objective.previous or {}
    for mid, sid in prev.items():
        if mid not in meeting_ids:
            raise InstanceError(
                f"objective.previous.{mid}",
                N_("meeting %(meeting)s is not declared"),
                meeting=_q(mid),
            )
        if sid not in slot_pos:
            raise InstanceError(
                f"objective.previous.{mid}", N_("slot %(slot)s is not declared"), slot=sid
            )
