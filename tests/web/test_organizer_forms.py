"""The browser's event form is the Event sheets' cells: a stored event shown in the form and
sent back is the same event, removed and empty rows are dropped, and every problem lands next
to the field it is about."""

from __future__ import annotations

import pytest
from starlette.datastructures import FormData

from keruen.core.errors import InputRejected, Problem
from keruen.events.files import parse_event_file
from keruen.web.organizer import document_rows, field_of, form_rows, parse_form
from tests.cli.test_organizer_journey import forum_document

pytestmark = pytest.mark.unit


def as_form(event: dict[str, str], rows: dict[str, list[dict[str, str]]]) -> FormData:
    items = [(f"ev-{k}", v) for k, v in event.items() if k != "languages"]
    items += [("ev-languages", code) for code in event.get("languages", "").split()]
    for sheet, cells in rows.items():
        for i, row in enumerate(cells):
            items += [(f"{sheet}-{i}-{k}", v) for k, v in row.items()]
    return FormData(items)


def test_an_event_shown_in_the_form_and_sent_back_is_the_same_event() -> None:
    document = forum_document()
    _, expected = parse_event_file(document)
    parsed, data = parse_form(as_form(*document_rows(document)))
    assert data == expected
    assert [p.unavailable for p in parsed.interpreters] == [
        p.unavailable for p in parse_event_file(document)[0].interpreters
    ]


def test_removed_and_empty_rows_are_dropped_in_order() -> None:
    form = FormData(
        [
            ("Halls-0-code", "A"),
            ("Halls-1-code", "B"),
            ("Halls-1-remove", "1"),
            ("Halls-2-code", ""),
            ("Halls-3-code", "C"),
            ("Halls-3-bogus", "x"),
        ]
    )
    _, rows = form_rows(form)
    assert rows["Halls"] == [{"code": "A"}, {"code": "C"}]


@pytest.mark.parametrize(
    ("problem", "field"),
    [
        (Problem("m", column="event.slug"), "ev-slug"),
        (Problem("m", column="event.names.zh"), "ev-name_zh"),
        (Problem("m", column="event.days[1]"), "ev-days"),
        (Problem("m", column="event.sessions[2].start"), "Sessions-2-start"),
        (Problem("m", column="event.sessions[2].pauses[0].end"), "Sessions-2-pauses"),
        (Problem("m", column="event.sessions[2]"), "Sessions-2"),
        (Problem("m", column="event.halls[0].hosts.3"), "Halls-0-hosts"),
        (Problem("m", column="event.sides[1].names.en"), "Sides-1-name_en"),
        (Problem("m", column="interpreters[0].unavailable[1].start"), "Interpreters-0-unavailable"),
        (Problem("m", sheet="Sessions", row=1, column="pauses"), "Sessions-1-pauses"),
        (Problem("m", column="event"), ""),
        (Problem("m"), ""),
    ],
)
def test_a_problem_lands_next_to_its_field(problem: Problem, field: str) -> None:
    assert field_of(problem) == field


def test_a_broken_cell_names_its_row_and_column() -> None:
    event, rows = document_rows(forum_document())
    rows["Sessions"][1]["pauses"] = "noon"
    with pytest.raises(InputRejected) as caught:
        parse_form(as_form(event, rows))
    (problem,) = caught.value.problems
    assert field_of(problem) == "Sessions-1-pauses"
