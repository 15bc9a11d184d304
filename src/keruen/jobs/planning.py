"""Planning an event, one way for the CLI, the web and the worker.

`plan(settings, slug, ...)` holds the event's exclusive lock `plan-{slug}` (a second plan of the
same event is refused at once), reads in a read-only unit, solves with no transaction open,
checks that the database still answers, stores the draft in a short write and, if asked,
publishes it.

Progress: the engine's reports (`keruen.scheduling.Progress`) go to `progress`. Cancel: when a
`cancelled` callable is given, the solve runs in a child process (its own process group, so the
engine's own children stop with it) and `cancelled()` is polled while it runs; once it answers
True the child is terminated and `JobCancelled` is raised: nothing is stored. An exception
raised inside the engine's progress callback does leave `keruen.scheduling.solve` (CP-SAT passes
it on), but only at the engine's next report — a proof can run for minutes without one — hence
the child process.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

from keruen import boundary
from keruen.config import Settings
from keruen.core.errors import Conflict, DomainError
from keruen.core.i18n_markers import N_
from keruen.events import service as event_service
from keruen.jobs.runner import JobCancelled
from keruen.meetings import schedule_service
from keruen.meetings.planning import InstanceMap
from keruen.meetings.schedule_service import PlanResult, PreparedPlan
from keruen.scheduling import Solution
from keruen.scheduling.outcome import Progress

#: how often the parent looks at the child's news and at the cancel flag
POLL_SECONDS = 0.2


def plan(
    settings: Settings,
    slug: str,
    *,
    seconds: float = 20.0,
    seed: int = 0,
    publish: bool = False,
    workers: int = 2,
    progress: Callable[[Progress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PlanResult:
    """Plan the event `slug` and store the result as its next draft (published if asked)."""
    busy = Conflict(
        N_("a plan for %(event)s is already running; wait for it to finish"), event=slug
    )
    with boundary.exclusive(settings, f"plan-{slug}", busy):
        # Read, solve with no transaction open, then store in a short write.
        with boundary.unit_of_work(settings, read_only=True) as session:
            ev = event_service.get_event(session, slug)
            prepared = schedule_service.prepare_plan(session, event=ev)
        if cancelled is None:
            solution = schedule_service.solve_plan(
                prepared, seconds=seconds, seed=seed, workers=workers, progress=progress
            )
        else:
            solution = _solve_apart(prepared, seconds, seed, workers, progress, cancelled)
            if cancelled():
                raise JobCancelled()
        boundary.check_connection(settings)
        with boundary.unit_of_work(settings) as session:
            result = schedule_service.store_plan(session, prepared=prepared, solution=solution)
            if publish:
                ev = event_service.get_event(session, slug)
                schedule_service.publish_schedule(session, event=ev, version=result.version)
                from keruen.jobs import notify

                notify.schedule_published(session, ev, settings=settings)  # mails after commit
    return result


def _follow_parent(parent: int) -> None:
    """In the child: when the worker that started it dies (killed, say), stop the whole solve
    rather than run on to its time limit for nobody."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os.killpg(0, signal.SIGKILL)


def _solve_in_child(
    prepared: PreparedPlan, seconds: float, seed: int, workers: int, out: Any
) -> None:
    """The child: solve and check, sending progress and the outcome through `out`."""
    if hasattr(os, "setpgrp"):
        os.setpgrp()  # the engine's own children join this group; the parent stops them all
        threading.Thread(target=_follow_parent, args=(os.getppid(),), daemon=True).start()

    def report(point: Progress) -> None:
        out.send(("progress", (point.stage, point.seconds, point.value, point.bound)))

    try:
        solution = schedule_service.solve_plan(
            prepared, seconds=seconds, seed=seed, workers=workers, progress=report
        )
    except DomainError as error:
        out.send(("refused", (type(error).__name__, error.message, error.params)))
    except Exception as error:  # a defect: the parent reports it
        out.send(("crashed", repr(error)))
    else:
        out.send(("solved", solution))
    finally:
        out.close()


def _stop(process: Any) -> None:
    if not process.is_alive():
        process.join(0.1)
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError, AttributeError):
        process.terminate()
    process.join(3)
    if process.is_alive():
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, AttributeError):
            process.kill()
        process.join(3)


def _solve_apart(
    prepared: PreparedPlan,
    seconds: float,
    seed: int,
    workers: int,
    progress: Callable[[Progress], None] | None,
    cancelled: Callable[[], bool],
) -> Solution:
    """Solve in a child process that `cancelled()` can stop at any moment."""
    # The child needs the instance only; the mapping holds rows of a closed session.
    bare = PreparedPlan(
        event_id=prepared.event_id,
        instance=prepared.instance,
        mapping=InstanceMap(),
        based_on_id=prepared.based_on_id,
    )
    ctx = mp.get_context("spawn")  # safe from a worker's threads
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(
        target=_solve_in_child, args=(bare, seconds, seed, workers, send), daemon=False
    )
    child.start()
    send.close()
    outcome: tuple[str, Any] | None = None  # (kind, data): data's type depends on the kind
    try:
        while outcome is None:
            if cancelled():
                raise JobCancelled()
            if receive.poll(POLL_SECONDS):
                try:
                    kind, data = receive.recv()
                except EOFError:
                    outcome = ("crashed", f"the solver stopped (exit code {child.exitcode})")
                    break
                if kind == "progress":
                    if progress is not None:
                        progress(Progress(*data))
                else:
                    outcome = (kind, data)
            elif not child.is_alive() and not receive.poll(0):
                outcome = ("crashed", f"the solver stopped (exit code {child.exitcode})")
    finally:
        _stop(child)
        receive.close()
    kind, data = outcome
    if kind == "solved":
        assert isinstance(data, Solution)
        return data
    if kind == "refused":
        name, message, params = tuple(data)
        raise (Conflict if name == "Conflict" else DomainError)(str(message), **dict(params))
    raise DomainError(N_("the solver failed: %(detail)s"), detail=str(data))
