"""Importing a registration sheet uploaded in the browser or through the API. One function, so
that it can later run as a queued job: today the request calls it and waits."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from sqlalchemy.orm import Session

from keruen import boundary
from keruen.config import Settings
from keruen.core.errors import InputRejected, Problem
from keruen.core.i18n_markers import N_
from keruen.imports.directory import import_directory
from keruen.imports.report import ImportReport

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
