"""The daily run (`keruen remind`) sends the outcome survey without anyone remembering to: the
first round from the day after the event (in the event's clock), the second 90 days after its
last day, each to a person once, nothing during the event."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest

from keruen import boundary
from keruen.config import Settings
from keruen.demo.outcomes import load_past_forum
from keruen.jobs import notify
from tests.conftest import own_database

pytestmark = pytest.mark.integration
PAST = "turkestan-bayingol-2026"  # held 15–16 April 2026 in Turkistan (UTC+5)


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[Settings]:
    with own_database(tmp_path_factory.mktemp("survey"), database_url, "survey") as settings:
        with boundary.unit_of_work(settings) as session:
            load_past_forum(session)
        yield settings


def outbox(settings: Settings) -> list[Path]:
    return sorted((settings.data_dir / "outbox").glob("*.eml"))


def test_each_round_goes_once_when_it_is_due(settings: Settings) -> None:
    # the last evening of the forum in Turkistan: still the event's day, no survey
    during = notify.remind(settings, PAST, now=datetime(2026, 4, 16, 18, 30, tzinfo=UTC))
    assert during["survey_round"] is None and outbox(settings) == []

    # 19:30 UTC on the 16th is already the 17th in Turkistan: round one
    first = notify.remind(settings, PAST, now=datetime(2026, 4, 16, 19, 30, tzinfo=UTC))
    assert first["survey_round"] == 1 and first["surveys"] > 10
    mails = outbox(settings)
    assert len(mails) == first["surveys"]
    bodies = [
        message_from_bytes(m.read_bytes(), policy=default).get_body().get_content()  # type: ignore[union-attr]
        for m in mails
    ]
    assert all("/survey/" in body for body in bodies)

    again = notify.remind(settings, PAST, now=datetime(2026, 4, 18, 9, 0, tzinfo=UTC))
    assert (again["survey_round"], again["surveys"]) == (1, 0)

    later = notify.remind(settings, PAST, now=datetime(2026, 7, 15, 9, 0, tzinfo=UTC))
    assert (later["survey_round"], later["surveys"]) == (2, first["surveys"])
    assert len(outbox(settings)) == 2 * first["surveys"]
