"""`keruen report`: the leadership report as PDF or Excel, the same as /o/pipeline/report.*."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from keruen.agendas import onsite
from keruen.cli.common import LocaleOption, _, unit, use_locale, write_file
from keruen.events import service as event_service
from keruen.reports.documents import leadership_report


class ReportFormat(StrEnum):
    pdf = "pdf"
    xlsx = "xlsx"


def report(
    output: Annotated[Path, typer.Option("--output", "-o", help=_("Where to write the report."))],
    event: Annotated[
        str | None,
        typer.Option("--event", "-e", help=_("The event (slug) whose outcomes lead the report.")),
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help=_("pdf or xlsx"), case_sensitive=False)
    ] = ReportFormat.pdf,
    locale: LocaleOption = None,
) -> None:
    """The leadership report: the event's meetings and agreements, the pipeline's projects,
    capital expenditure and jobs, each figure traced to the items behind it."""
    chosen = use_locale(locale)
    with unit(read_only=True) as session:
        found = event_service.get_event(session, event) if event else None
        marks = {k: m.status for k, m in onsite.marks(session, found).items()} if found else {}
        rendered = leadership_report(session, chosen, found, marks)
        data = rendered.pdf() if fmt is ReportFormat.pdf else rendered.xlsx()
    write_file(output, data)
