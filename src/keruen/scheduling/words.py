"""The engine's reasons and messages (English, with instance ids), said in the reader's language.

The engine keeps plain English sentences (they are stored with a plan and read by tests and
benchmarks); whatever a person reads goes through `why` or `message` with the reader's
`gettext`, so the organizer's page, the CLI and the agendas say it from the catalogs.
"""

from __future__ import annotations

from collections.abc import Callable

from keruen.core.i18n_markers import N_

__all__ = ["message", "why"]


def why(reason: str, translate: Callable[[str], str], ids: bool = False) -> str:
    """The engine's reason (English, with instance ids) as a sentence in the reader's language;
    the two organizations are named beside it. `ids`: a reader of the instance file (the CLI)
    also gets the ids the reason names, e.g. which meetings fill their common free time."""
    if reason.startswith("every common free slot of"):
        detail = reason.rpartition(" (")[2].rstrip(")") if reason.endswith(")") else ""
        if ids and detail:
            return translate(
                N_("no free time left in common: their other meetings fill it (%(meetings)s)")
            ) % {"meetings": detail}
        return translate(N_("no free time left in common: their other meetings fill it"))
    if reason.startswith("no ") and " interpreter free when " in reason:
        language = reason[3 : reason.index(" interpreter free when ")]
        return translate(N_("no %(languages)s interpreter is free when both are")) % {
            "languages": language
        }
    if reason.startswith("in every common free slot of"):
        return translate(
            N_("whenever both are free, one of them is busy or no table or interpreter is free")
        )
    if reason.startswith("no table free when"):
        return translate(N_("no table is free when both are"))
    if reason.startswith("could be held at slot"):
        return translate(N_("it would fit, but the fairness limit or the time limit left it out"))
    if reason.startswith("withdrawn while the plan was made"):
        return translate(N_("the request was withdrawn while the plan was made"))
    if reason.startswith(("its 'after' order", "no start slot keeps the")):
        return translate(N_("the required order of meetings cannot be kept"))
    if reason.startswith("it is fixed at slot"):
        return _fixed(reason, translate)
    if reason.startswith("no common free slot for"):
        return translate(N_("they have no free time in common"))
    if reason.startswith("no allowed start slot where a"):
        return translate(N_("a meeting this long does not fit in any session of the day"))
    if reason.startswith("its table") and " is reserved for " in reason:
        return translate(N_("its table is kept for another host"))
    if reason.startswith("host table"):
        return translate(N_("the host's table is not free when both are"))
    if reason.startswith("no interpreter speaks"):
        return translate(N_("no interpreter of the event speaks the languages they need"))
    return translate(N_("it cannot be placed (%(detail)s)")) % {"detail": reason}


def _fixed(reason: str, translate: Callable[[str], str]) -> str:
    """A meeting fixed at a time that cannot hold it (the engine leaves it out, keeps the rest)."""
    if "not among its allowed slots" in reason:
        return translate(N_("its fixed time is not one it may take"))
    if "do not fit in the day" in reason:
        return translate(N_("its fixed time leaves too little of the session for it"))
    if "is unavailable" in reason:
        return translate(N_("at its fixed time one of them is away"))
    if "already has the fixed meeting" in reason and "where table" in reason:
        return translate(N_("at its fixed time its table holds another fixed meeting"))
    if "already has the fixed meeting" in reason:
        return translate(N_("at its fixed time one of them has another fixed meeting"))
    if "every free table is taken" in reason:
        return translate(N_("at its fixed time every table is taken by other fixed meetings"))
    if "every interpreter it could have is taken" in reason:
        return translate(
            N_("at its fixed time every interpreter it needs is taken by other fixed meetings")
        )
    if "it must follow" in reason or "would not end before the fixed meeting" in reason:
        return translate(N_("the required order of meetings cannot be kept"))
    return translate(N_("it cannot be placed (%(detail)s)")) % {"detail": reason}


_MESSAGES = {
    "no schedule found in the time limit": N_("no schedule found in the time limit"),
    "the hard constraints cannot all hold": N_("the hard constraints cannot all hold"),
}


def message(text: str | None, translate: Callable[[str], str]) -> str:
    """A solution's message (why it is infeasible or has no schedule) in the reader's language."""
    if not text:
        return ""
    if text in _MESSAGES:
        return translate(_MESSAGES[text])
    if text.startswith("meeting '") and "': " in text:
        meeting, _, reason = text[len("meeting '") :].partition("': ")
        return translate(N_("meeting %(meeting)s: %(why)s")) % {
            "meeting": meeting,
            "why": why(reason, translate),
        }
    if text.startswith("participant '") and " meeting slots to hold in " in text:
        participant, _, rest = text[len("participant '") :].partition("' has ")
        need, _, rest = rest.partition(" meeting slots to hold in ")
        return translate(
            N_("%(participant)s has %(need)s meeting slots to hold but can meet in only %(slots)s")
        ) % {"participant": participant, "need": need, "slots": rest.split(" ", 1)[0]}
    if text.startswith("the meetings need ") and " table slots and the tables have " in text:
        need, _, room = text[len("the meetings need ") :].partition(
            " table slots and the tables have "
        )
        return translate(
            N_("the meetings need %(need)s table slots, the tables offer only %(room)s")
        ) % {"need": need, "room": room}
    if text.startswith("the heuristic placed "):
        placed, _, rest = text[len("the heuristic placed ") :].partition(" of ")
        total = rest.split(" ", 1)[0]
        return translate(
            N_("the heuristic placed %(placed)s of %(total)s meetings; use the cpsat engine")
        ) % {"placed": placed, "total": total}
    return text
