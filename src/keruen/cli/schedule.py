"""`keruen schedule`: solve, check and explain meeting schedules (files in, files out).

Exit codes of `solve`: 0 a schedule was written, 3 proven infeasible, 4 no schedule found in
the time limit, 2 invalid input (the message names the field and the entity).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from keruen.cli import STARTED
from keruen.cli.common import LocaleOption, _, use_locale
from keruen.core.i18n_markers import N_
from keruen.scheduling import (
    Explanation,
    FormatError,
    InstanceError,
    Progress,
    SolutionError,
    Status,
    check_solution,
    explanation,
    load_instance,
    load_solution,
    words,
)

app = typer.Typer(
    help=_("Meeting schedules: solve an instance, check or explain a solution."),
    no_args_is_help=True,
    rich_markup_mode=None,  # as under `keruen` (the help looks the same on both ways in)
)
console = Console(stderr=True)

EXIT_OK, EXIT_INVALID, EXIT_INFEASIBLE, EXIT_NO_SCHEDULE = 0, 2, 3, 4
_STATUS = {
    "optimal": N_("optimal"),
    "feasible": N_("feasible"),
    "infeasible": N_("infeasible"),
    "unknown": N_("unknown"),
}


def _load(path: Path):  # type: ignore[no-untyped-def]
    try:
        return load_instance(path)
    except InstanceError as exc:
        _refuse(_("invalid instance"), path, exc)


def _refuse(label: str, path: Path, exc: FormatError) -> NoReturn:
    """Say which file and which field is wrong, in the reader's language; exit 2."""
    detail = _(exc.template) % exc.params
    where = f"{exc.path}: " if exc.path else ""
    console.print(f"[red]{label}[/red] {path}: {where}{detail}", highlight=False)
    raise typer.Exit(EXIT_INVALID)


@app.command(
    "solve",
    help=_("Solve INSTANCE and write the schedule to -o; show the best value and bound over time."),
)
def solve_cmd(
    instance: Annotated[
        Path,
        typer.Argument(
            metavar=_("INSTANCE"), help=_("Instance JSON (keruen-schedule-instance/1).")
        ),
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help=_("Where to write the solution JSON."))
    ],
    seconds: Annotated[
        float | None,
        typer.Option(
            help=_(
                "Time limit in seconds for the whole command, start-up included "
                "(default: the instance's limits, else 60)."
            )
        ),
    ] = None,
    workers: Annotated[int | None, typer.Option(help=_("Solver threads (default 2)."))] = None,
    seed: Annotated[int | None, typer.Option(help=_("Random seed (default 0)."))] = None,
    engine: Annotated[str, typer.Option(help=_("auto, cpsat, maxsat or heuristic."))] = "auto",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=_("No progress lines."))] = False,
    locale: LocaleOption = None,
) -> None:
    """Solve INSTANCE and write the schedule to -o; show the best value and bound over time."""
    use_locale(locale)
    inst = _load(instance)
    if engine not in ("auto", "cpsat", "maxsat", "heuristic"):
        console.print(
            f"[red]--engine[/red]: {_('unknown engine %(name)s') % {'name': repr(engine)}}"
        )
        raise typer.Exit(EXIT_INVALID)

    def show(ev: Progress) -> None:
        if not quiet:
            bound = "?" if ev.bound is None else f"{ev.bound:g}"
            value = "?" if ev.value is None else f"{ev.value:g}"
            best_word, bound_word = _("best"), _("bound")
            console.print(
                f"[dim]{ev.seconds:7.2f}s[/dim] {ev.stage:9s} "
                f"{best_word} {value:>8s}  {bound_word} {bound:>8s}"
            )

    if not output.parent.is_dir():  # say it before the solve, not after
        console.print(
            _("cannot write %(file)s: the folder %(folder)s does not exist")
            % {"file": output, "folder": output.parent},
            highlight=False,
        )
        raise typer.Exit(EXIT_INVALID)

    from keruen.scheduling import solve  # the engines load only for a solve
    from keruen.scheduling.solver import DEFAULT_SECONDS

    # the limit is the command's: what start-up took (Python, the engines, reading the file)
    # comes off the solver's share, which keeps at least a tenth of it
    limits = inst.limits
    asked = seconds or (limits.seconds if limits and limits.seconds else DEFAULT_SECONDS)
    seconds = max(asked - (time.monotonic() - STARTED), asked / 10)

    sol = solve(inst, seconds=seconds, workers=workers, seed=seed, engine=engine, progress=show)  # type: ignore[arg-type]
    # whole or not at all: another solve writing the same file at once, or a stop half-way,
    # never leaves half a solution behind
    part = output.with_name(f".{output.name}.{os.getpid()}.part")
    try:
        part.write_text(sol.dumps() + "\n", encoding="utf-8")
        os.replace(part, output)
    except OSError as exc:
        part.unlink(missing_ok=True)
        console.print(
            _("cannot write %(file)s: %(reason)s") % {"file": output, "reason": exc.strerror},
            highlight=False,
        )
        raise typer.Exit(EXIT_INVALID) from None
    o, b = sol.objective, sol.bound
    status = _(_STATUS.get(sol.status.value, sol.status.value))
    summary = _(
        "%(status)s in %(seconds).2f s: priority %(priority)s (bound %(priority_bound)s), "
        "moved %(moved)s, breaks %(breaks)s (bound %(breaks_bound)s), %(held)s held, "
        "%(unscheduled)s unscheduled -> %(output)s"
    ) % {
        "status": status,
        "seconds": sol.seconds,
        "priority": o.priority,
        "priority_bound": "?" if b.priority is None else b.priority,
        "moved": o.moved,
        "breaks": o.breaks,
        "breaks_bound": "?" if b.breaks is None else b.breaks,
        "held": len(sol.assignments),
        "unscheduled": len(sol.unscheduled),
        "output": output,
    }
    console.print(summary, highlight=False)
    if sol.status == Status.INFEASIBLE:
        label = _("infeasible")
        console.print(f"[red]{label}[/red]: {words.message(sol.message, _)}", highlight=False)
        raise typer.Exit(EXIT_INFEASIBLE)
    if sol.status == Status.UNKNOWN:
        label = _("no schedule")
        console.print(f"[yellow]{label}[/yellow]: {words.message(sol.message, _)}", highlight=False)
        raise typer.Exit(EXIT_NO_SCHEDULE)


@app.command(
    "check",
    help=_("Validate SOLUTION against INSTANCE independently of the solver; print the objective."),
)
def check_cmd(
    instance: Annotated[Path, typer.Argument(metavar=_("INSTANCE"), help=_("Instance JSON."))],
    solution: Annotated[Path, typer.Argument(metavar=_("SOLUTION"), help=_("Solution JSON."))],
    locale: LocaleOption = None,
) -> None:
    """Validate SOLUTION against INSTANCE independently of the solver; print the objective."""
    use_locale(locale)
    inst = _load(instance)
    try:
        sol = load_solution(solution)
    except SolutionError as exc:
        _refuse(_("invalid solution"), solution, exc)
    rep = check_solution(inst, sol)
    o = rep.objective
    typer.echo(
        json.dumps(
            {
                "valid": rep.ok,
                "status": sol.status.value,
                "objective": o.model_dump(),
                "violations": len(rep.violations),
            }
        )
    )
    for v in rep.violations:
        console.print(f"[red]{v.kind}[/red]: {_(v.template) % dict(v.params)}", highlight=False)
    if not rep.ok:
        raise typer.Exit(1)


@app.command("explain", help=_("Say why meetings are unscheduled (or where they are held)."))
def explain_cmd(
    instance: Annotated[Path, typer.Argument(metavar=_("INSTANCE"), help=_("Instance JSON."))],
    solution: Annotated[Path, typer.Argument(metavar=_("SOLUTION"), help=_("Solution JSON."))],
    meeting: Annotated[
        list[str] | None,
        typer.Argument(metavar=_("MEETING"), help=_("Meeting ids (default: all unscheduled).")),
    ] = None,
    locale: LocaleOption = None,
) -> None:
    """Say why meetings are unscheduled (or where they are held)."""
    use_locale(locale)
    inst = _load(instance)
    try:
        sol = load_solution(solution)
    except SolutionError as exc:
        _refuse(_("invalid solution"), solution, exc)
    ids = meeting or [u.meeting for u in sol.unscheduled]
    if not ids:
        typer.echo(_("every meeting is scheduled"))
    for mid in ids:
        try:
            found = explanation(inst, sol, mid)
        except KeyError:
            label = _("no such meeting")
            console.print(f"[red]{label}[/red]: {mid}", highlight=False)
            raise typer.Exit(EXIT_INVALID) from None
        typer.echo(_said(found))


def _said(found: Explanation) -> str:
    """One meeting's place, or why it has none, in the reader's language."""
    who = ", ".join(found.participants)
    if found.slot is None:
        return _("%(meeting)s (%(who)s) is not scheduled: %(why)s") % {
            "meeting": found.meeting,
            "who": who,
            "why": words.why(found.reason or "", _, ids=True),
        }
    said = _("%(meeting)s (%(who)s) is scheduled at slot %(slot)s") % {
        "meeting": found.meeting,
        "who": who,
        "slot": found.slot,
    }
    if found.table:
        said += _(", table %(table)s") % {"table": found.table}
    if found.interpreter:
        said += _(", interpreter %(interpreter)s") % {"interpreter": found.interpreter}
    return said
