"""`keruen survey`: send the outcome survey of an event (a personal link to each participant
with a published meeting, in their language); `--queue` leaves it to a worker."""

from __future__ import annotations

from typing import Annotated

import typer

from keruen.cli.common import LocaleOption, _, console, report, unit, use_locale
from keruen.core.errors import KeruenError


def survey(
    event: Annotated[str, typer.Option("--event", "-e", help=_("Event slug"))],
    survey_round: Annotated[
        int, typer.Option("--round", help=_("1 after the event, 2 again later"))
    ] = 1,
    queue: Annotated[
        bool, typer.Option("--queue", help=_("Queue a job for a worker instead of sending now"))
    ] = False,
    locale: LocaleOption = None,
) -> None:
    from keruen.config import get_settings
    from keruen.events import service as event_service
    from keruen.jobs import survey as survey_job

    use_locale(locale)
    settings = get_settings()
    if queue:
        with unit(settings) as session:
            ev = event_service.get_event(session, event)
            job = survey_job.queue_survey(session, ev, survey_round)
            job_id = job.id
        console.print(
            _("survey round %(round)s queued as job %(job)s")
            % {
                "round": survey_round,
                "job": job_id,
            }
        )
        return
    try:
        result = survey_job.run(settings, event, {"round": survey_round})
    except KeruenError as error:
        raise report(error) from None
    console.print(
        _("survey round %(round)s: mails sent: %(sent)s; already had this round: %(skipped)s")
        % result
    )
