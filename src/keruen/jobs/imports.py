"""Importing a registration sheet uploaded in the browser or through the API: one function,
which a request calls for a small file and a worker runs (`import_job`) for a large one."""

from __future__ import annotations

import re
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from keruen import boundary
from keruen.config import Settings
from keruen.core.errors import InputRejected, Problem
from keruen.core.i18n_markers import N_
from keruen.imports.directory import import_directory
from keruen.imports.report import Counts, ImportReport, Note

SUFFIXES = (".xlsx", ".csv", ".tsv", ".txt")
KINDS = ("organizations", "delegates", "profiles")


class _DryRun(Exception):
    def __init__(self, report: ImportReport) -> None:
        self.report = report


def run_import(
    settings: Settings,
    event_slug: str,
    filename: str,
    data: bytes,
    *,
    kind: str = "organizations",
    dry_run: bool = False,
    allow_similar_names: bool = False,
) -> ImportReport:
    """`keruen import KIND FILE --event SLUG` on uploaded bytes: the whole file checked, then
    written, or InputRejected with every problem (nothing written). `dry_run`: checked and
    reported as if written, then rolled back. `kind` says what a CSV file holds."""
    suffix = Path(filename or "").suffix.lower()
    if suffix not in SUFFIXES:
        raise InputRejected(
            [
                Problem(
                    N_("a registration sheet is .xlsx or .csv, not %(name)s"),
                    params={"name": Path(filename or "?").name[:80]},
                )
            ]
        )
    if kind not in KINDS:
        raise InputRejected(
            [Problem(N_("unknown sheet kind %(value)s"), params={"value": kind[:40]})]
        )
    if len(data) > settings.import_max_bytes:
        raise InputRejected(
            [
                Problem(
                    N_("the file is larger than %(limit)s bytes"),
                    params={"limit": settings.import_max_bytes},
                )
            ]
        )
    with tempfile.TemporaryDirectory(prefix="keruen-upload-") as folder:
        stem = re.sub(r"[^\w-]+", "_", Path(filename).stem)[:60].strip("_") or "upload"
        path = Path(folder) / f"{stem}{suffix}"
        path.write_bytes(data)

        def work(session: Session) -> ImportReport:
            report = import_directory(
                session,
                path,
                csv_kind=kind,
                event_slug=event_slug,
                allow_similar_names=allow_similar_names,
                max_bytes=settings.import_max_bytes,
                max_rows=settings.import_max_rows,
            )
            if dry_run:
                raise _DryRun(report)
            return report

        try:
            return boundary.retrying(settings, work, optimistic=True)
        except _DryRun as done:
            return done.report


# ------------------------------------------------------------------ as a queued job

#: uploads larger than this are imported by a worker; the page follows the job
LARGE_UPLOAD = 256 * 1024


def import_job(
    settings: Settings, event_slug: str, params: dict[str, Any], data: bytes
) -> dict[str, Any]:
    """The `import` job: the report, or every problem of a refused file (nothing written),
    kept as data so each reader sees them in their own language."""
    try:
        report = run_import(
            settings,
            event_slug,
            str(params.get("filename", "")),
            data,
            kind=str(params.get("kind", "organizations")),
        )
    except InputRejected as error:
        return {"rejected": [asdict(p) for p in error.problems]}
    return {"report": asdict(report)}


def report_of(result: dict[str, Any]) -> ImportReport:
    stored = result["report"]
    return ImportReport(
        organizations=Counts(**stored["organizations"]),
        delegates=Counts(**stored["delegates"]),
        profiles_replaced=stored["profiles_replaced"],
        participations=stored["participations"],
        notes=[Note(**note) for note in stored["notes"]],
    )


def problems_of(result: dict[str, Any]) -> list[Problem]:
    return [Problem(**problem) for problem in result["rejected"]]
