"""The outcome survey: after the event, and again some months later, each participant with a
published meeting gets a personal link, in their language, to say how their meetings went on.

`queue_survey` (from a page) submits a `survey` job; `run` (the job, or the CLI directly)
sends one mail per person, each in its own transaction: the invitation is stored with the mail
sent, so a failed mail leaves no invitation and the next run sends it; a person already sent
this round is skipped (a unique constraint makes a second one impossible)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from keruen import boundary, mail
from keruen.agendas.notifications import Message
from keruen.config import Settings
from keruen.core.errors import DomainError
from keruen.core.i18n_markers import N_
from keruen.core.names import display_name
from keruen.events import service as event_service
from keruen.events.models import Event, Participation
from keruen.i18n import get_translations, normalize_locale
from keruen.investments import outcomes
from keruen.jobs.models import Job

SUBJECTS = {
    1: N_("%(event)s: how did your meetings go on?"),
    2: N_("%(event)s: a few months later, how are your partnerships going?"),
}
BODIES = {
    1: N_(
        "Thank you for taking part in %(event)s.\n\n"
        "Meetings in your agenda: %(count)s. Please tell us in two minutes how each one went on: "
        "no further contact, contact kept, negotiation, a letter of intent, a memorandum, a "
        "contract or a joint venture. This link is personal, no sign-in needed:\n\n%(link)s\n\n"
        "What you enter helps the two regions follow and support the projects that come out of "
        "the forum."
    ),
    2: N_(
        "Some time has passed since %(event)s. Has anything come of your meetings since then? "
        "A contact kept, a negotiation, an agreement signed: please tell us here (a personal "
        "link, no sign-in needed):\n\n%(link)s\n\n"
        "Meetings in your agenda: %(count)s; what you entered before is shown beside each one."
    ),
}


def survey_link(public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}/survey/{token}"


def survey_message(
    event: Event, person: Participation, token: str, survey_round: int, count: int, public_url: str
) -> Message | None:
    """The survey mail in the person's language (None without an address)."""
    delegate = person.delegate
    if not delegate.email or delegate.erased_at is not None:
        return None
    locale = normalize_locale(delegate.locale)
    t = get_translations(locale)
    values = {
        "event": display_name(dict(event.names.values), event.names.source, locale),
        "link": survey_link(public_url, token),
        "count": count,
    }
    return Message(
        to=delegate.email,
        subject=t.gettext(SUBJECTS[survey_round]) % values,
        body=t.gettext(BODIES[survey_round]) % values,
        locale=locale,
    )


def queue_survey(
    session: Session,
    event: Event,
    survey_round: int,
    *,
    account: int | None = None,
    settings: Settings | None = None,
) -> Job:
    """Queue the survey mails of a round (sent by a worker after the caller commits)."""
    from keruen.jobs import service as jobs

    if survey_round not in outcomes.SURVEY_ROUNDS:
        raise DomainError(N_("round: a survey round is 1 or 2, not %(value)s"), value=survey_round)
    if not outcomes.survey_people(session, event):
        raise DomainError(N_("nobody has a meeting in a published schedule of this event yet"))
    return jobs.submit(
        session, "survey", event, {"round": survey_round}, account=account, settings=settings
    )


def run(settings: Settings, slug: str, params: dict[str, Any]) -> dict[str, Any]:
    """The `survey` job: one mail per participant with a published meeting who was not sent
    this round yet. Returns how many were sent and how many had it already."""
    survey_round = int(params.get("round", 1))
    with boundary.unit_of_work(settings, read_only=True) as session:
        event = event_service.get_event(session, slug)
        if survey_round not in outcomes.SURVEY_ROUNDS:
            raise DomainError(
                N_("round: a survey round is 1 or 2, not %(value)s"), value=survey_round
            )
        people = [p.id for p in outcomes.survey_people(session, event)]
        if not people:
            raise DomainError(N_("nobody has a meeting in a published schedule of this event yet"))
    sent = skipped = 0
    for pid in people:
        with boundary.unit_of_work(settings) as session:
            event = event_service.get_event(session, slug)
            person = session.get(Participation, pid)
            if person is None or not person.delegate.email or person.delegate.erased_at:
                continue  # nobody to write to: no invitation either
            token = outcomes.invite(session, event, person, survey_round)
            if token is None:
                skipped += 1
                continue
            count = len(outcomes.outcome_rows(session, event, "en", person))
            message = survey_message(event, person, token, survey_round, count, settings.public_url)
            if message is None:
                raise AssertionError("a person with an address has a message")
            mail.send(
                settings,
                to=message.to,
                subject=message.subject,
                body=message.body,
                language=message.locale,
            )
            sent += 1
    return {"sent": sent, "skipped": skipped, "round": survey_round}


# The second round goes this many days after the event's last day ("and again later"): a
# memorandum signed at a forum is usually a contract or nothing within a quarter.
SECOND_ROUND_DAYS = 90


def due_round(event: Event, now: datetime) -> int | None:
    """Which survey round is due on `now` (in the event's clock): none during the event, the
    first from the day after it, the second from SECOND_ROUND_DAYS after its last day."""
    today = now.astimezone(ZoneInfo(event.timezone)).date()
    if today <= event.ends_on:
        return None
    return 2 if today >= event.ends_on + timedelta(days=SECOND_ROUND_DAYS) else 1


def send_due(settings: Settings, slug: str, now: datetime) -> dict[str, Any]:
    """The daily run's part: the round due today, to those not sent it yet (a round is sent to
    a person once, so running it every day sends each round once)."""
    with boundary.unit_of_work(settings, read_only=True) as session:
        event = event_service.get_event(session, slug)
        survey_round = due_round(event, now)
        anyone = bool(outcomes.survey_people(session, event))
    if survey_round is None or not anyone:
        return {"sent": 0, "skipped": 0, "round": survey_round}
    return run(settings, slug, {"round": survey_round})
