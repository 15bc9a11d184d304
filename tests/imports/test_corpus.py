"""The corpus (tests/imports/corpus.py): each file is stored exactly as meant, with every
deliberate change in the report, or refused naming sheet, row and column, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from keruen.core.errors import InputRejected
from keruen.i18n import get_translations
from keruen.imports.directory import import_directory
from keruen.imports.report import CHANGED, IGNORED, WARNING, report_rows
from keruen.organizations.models import Delegate, Organization
from tests.factories import make_bin, make_uscc, org_row, write_xlsx
from tests.imports import corpus
from tests.imports.test_import import _state

pytestmark = pytest.mark.integration

ORGS = "Организации·组织·Organizations"
DELEGATES = "Делегаты·代表·Delegates"


def _org(session: Session, **where: str) -> Organization:
    ((attribute, value),) = where.items()
    found = session.scalar(select(Organization).where(getattr(Organization, attribute) == value))
    assert found is not None, f"no organization with {attribute}={value}"
    return found


def _refused(session: Session, path: Path, **kwargs) -> list[tuple]:
    before = _state(session)
    with pytest.raises(InputRejected) as caught:
        import_directory(session, path, **kwargs)
    assert _state(session) == before, "a refused file must leave the database untouched"
    return [(p.sheet, p.row, p.column) for p in caught.value.problems]


def _refusal(session: Session, path: Path, **kwargs) -> InputRejected:
    with pytest.raises(InputRejected) as caught:
        import_directory(session, path, **kwargs)
    return caught.value


def _notes(report, kind: str) -> list[tuple]:
    return [(n.sheet, n.row, n.column, n.render()) for n in report.of_kind(kind)]


# --- stored as meant ---------------------------------------------------------------------


def test_excel_utf8_bom_with_doubled_quotes_and_a_newline_in_a_field(session, tmp_path):
    report = import_directory(session, corpus.excel_utf8_bom(tmp_path))
    org = _org(session, bin=make_bin(300))
    assert org.names.values == {"ru": 'ТОО "Жол, Сервис"', "en": "Zhol Service LLP"}
    assert org.description.values["ru"] == "Перевозки.\nСклад в Шымкенте."
    assert report.notes == []


def test_libreoffice_csv_with_every_text_quoted(session, tmp_path):
    import_directory(session, corpus.libreoffice_utf8_comma(tmp_path))
    org = _org(session, uscc=make_uscc(301))
    assert org.names.values == {"zh": "巴音郭楞物流有限公司", "en": 'Bayingol "Silk" Logistics'}


def test_excel_unicode_text_utf16_tab_keeps_kazakh_letters(session, tmp_path):
    import_directory(session, corpus.excel_unicode_text(tmp_path))
    assert _org(session, bin=make_bin(320)).names.values["ru"] == corpus.KAZAKH_NAME


def test_chinese_windows_csv_is_read_as_gb18030_and_said_so(session, tmp_path):
    report = import_directory(session, corpus.chinese_windows_gb18030(tmp_path))
    assert _org(session, uscc=make_uscc(330)).names.values["zh"] == "库尔勒香梨合作社"
    assert [(n.sheet, n.params["encoding"]) for n in report.of_kind(WARNING)] == [
        ("windows-gb18030", "gb18030")
    ]


def test_template_delegate_headers_saved_as_cp1251_are_read(session, tmp_path):
    import_directory(session, write_xlsx(tmp_path / "o.xlsx", {"organizations": [org_row()]}))
    report = import_directory(
        session, corpus.windows_cp1251_delegates(tmp_path), csv_kind="delegates"
    )
    assert report.delegates.created == 1
    person = session.scalar(select(Delegate).where(Delegate.ref == "D-1"))
    assert person.names.values == {"ru": "Иванов Пётр"}
    assert person.organization.bin == org_row()["bin"]
    assert person.email == "p.ivanov@kz.example" and person.consent_share_contacts is True


def test_a_long_first_field_does_not_confuse_the_delimiter(session, tmp_path):
    report = import_directory(session, corpus.long_first_field(tmp_path))
    assert report.organizations.created == 2
    described = _org(session, bin=make_bin(340)).description.values["ru"]
    assert described == ("Хлопок; лён, шерсть. " * 1000).strip()
    assert _org(session, bin=make_bin(341)).names.values["en"] == "Second LLP"


def test_unknown_sheets_and_columns_are_listed_as_ignored(session, tmp_path):
    report = import_directory(session, corpus.unknown_sheet_and_column(tmp_path))
    assert report.organizations.created == 1
    ignored = _notes(report, IGNORED)
    assert [(sheet, row, column) for sheet, row, column, _ in ignored] == [
        ("Заметки", None, None),
        (ORGS, 1, "T"),
    ]
    assert "Комментарий" in ignored[1][3]


def test_leading_zero_case_and_spaces_are_changed_and_reported_row_by_row(session, tmp_path):
    report = import_directory(session, corpus.numbers_cases_and_controls(tmp_path))
    uscc = make_uscc(400)
    assert _org(session, bin=corpus.ZERO_BIN).names.values["en"] == "Zero Leading LLP"
    cn = _org(session, uscc=uscc)
    assert cn.names.values["en"] == "Korla [/b] Textile [bold]Co."  # stored as typed
    person = session.scalar(select(Delegate).where(Delegate.ref == "P-1"))
    assert person.organization_id == cn.id
    changed = _notes(report, CHANGED)
    assert [(sheet, row, column) for sheet, row, column, _ in changed] == [
        (ORGS, 2, "A"),
        (ORGS, 3, "B"),
        (DELEGATES, 2, "A"),
    ]
    assert corpus.ZERO_BIN in changed[0][3] and corpus.ZERO_BIN.lstrip("0") in changed[0][3]
    assert uscc in changed[1][3] and uscc in changed[2][3]
    # The same rows in the reader's language, as the CLI and the page show them.
    rows = report_rows(report, get_translations("ru"))
    assert [(r.sheet, r.row, r.column) for r in rows] == [
        (DELEGATES, "2", "A"),
        (ORGS, "2", "A"),
        (ORGS, "3", "B"),
    ]
    assert all(r.message not in {n.message for n in report.notes} for r in rows)


def test_control_characters_are_removed_and_reported(session, tmp_path):
    report = import_directory(session, corpus.control_characters(tmp_path))
    assert _org(session, bin=make_bin(405)).names.values == {"ru": "ТОО Красный"}
    assert _org(session, bin=make_bin(406)).names.values["ru"] == "ТОО «АқЖол»"
    assert [(n.row, n.column) for n in report.of_kind(CHANGED)] == [(2, "D"), (3, "D")]


# --- refused, naming sheet, row and column -------------------------------------------------


def test_question_marks_for_kazakh_letters_in_cp1251_are_refused(session, tmp_path):
    path = corpus.windows_cp1251_lost_letters(tmp_path)
    assert _refused(session, path) == [("windows-cp1251-kazakh", 3, "D")]
    text = _refusal(session, path).problems[0].render()
    assert "UTF-8" in text and "cp1251" in text


def test_mixed_utf8_and_cp1251_lines_are_refused_with_the_line(session, tmp_path):
    path = corpus.mixed_encodings(tmp_path)
    assert _refused(session, path) == [("mixed-encodings", 3, None)]


def test_a_field_over_128_kb_is_refused_with_its_cell(session, tmp_path):
    assert _refused(session, corpus.oversized_field(tmp_path)) == [("oversized-field", 2, "J")]


def test_a_stray_quote_is_refused_with_its_row(session, tmp_path):
    assert _refused(session, corpus.stray_quote(tmp_path)) == [("stray-quote", 3, None)]


def test_a_formula_without_a_computed_value_is_refused(session, tmp_path):
    path = corpus.formula_without_value(tmp_path)
    assert _refused(session, path) == [(ORGS, 3, "I")]
    assert "save it" in _refusal(session, path).problems[0].render()


def test_spreadsheet_error_values_are_refused(session, tmp_path):
    assert _refused(session, corpus.error_values(tmp_path)) == [(ORGS, 3, "F"), (ORGS, 4, "P")]


def test_merged_cells_are_refused_with_a_word_about_merging(session, tmp_path):
    path = corpus.merged_cells(tmp_path)
    assert _refused(session, path) == [(DELEGATES, 2, "A")]
    assert "merged" in _refusal(session, path).problems[0].render()


def test_punctuation_where_a_list_is_expected(session, tmp_path):
    # Only separators in HS columns mean no codes; a dash is not a region.
    assert _refused(session, corpus.punctuation_in_lists(tmp_path)) == [(ORGS, 3, "E")]


def test_two_delegates_with_one_reference_are_refused(session, tmp_path):
    path = corpus.repeated_delegate_reference(tmp_path)
    assert _refused(session, path) == [(DELEGATES, 3, "B")]


def test_zip_limits_are_checked_before_parsing(session, tmp_path):
    assert _refused(session, corpus.zip_with_many_entries(tmp_path)) == [(None, None, None)]
    error = _refusal(session, corpus.zip_bomb(tmp_path))
    assert "unpacks to 314572800 bytes" in error.problems[0].render()


def test_an_import_never_rebinds_a_stored_identifier(session, tmp_path):
    first = org_row(ref="ORG-1")
    import_directory(session, write_xlsx(tmp_path / "a.xlsx", {"organizations": [first]}))
    moved = org_row(ref="ORG-1", bin=make_bin(500))
    path = write_xlsx(tmp_path / "b.xlsx", {"organizations": [moved]})
    assert _refused(session, path) == [(ORGS, 2, "A")]
    assert _org(session, ref="ORG-1").bin == first["bin"]


def test_unavailable_day_outside_the_event_is_named_as_typed(session, tmp_path):
    from tests.factories import make_event

    make_event(session, slug="april-forum", people=0, officials=0, interpreters=0)
    path = write_xlsx(
        tmp_path / "d.xlsx",
        {"delegates": [{"name_en": "Late Guest", "consent": "no", "unavailable": "2027-04-13"}]},
    )
    error = _refusal(session, path, event_slug="april-forum")
    assert [(p.sheet, p.row, p.column) for p in error.problems] == [(DELEGATES, 2, "R")]
    assert "2027-04-13" in error.problems[0].render()


def test_a_date_cell_is_the_day_typed_in_the_events_zone(session, tmp_path):
    from datetime import UTC, datetime

    from keruen.events.models import Participation
    from tests.factories import make_event

    event, _ = make_event(session, slug="date-forum", people=0, officials=0, interpreters=0)
    report = import_directory(
        session, corpus.dates_and_a_hidden_sheet(tmp_path), event_slug="date-forum"
    )
    participation = session.scalar(select(Participation).where(Participation.event_id == event.id))
    (day,) = participation.unavailable
    # 14 April 00:00 in Almaty (UTC+5) is 13 April 19:00 UTC: the whole local day, as typed.
    assert (day.starts_at, day.ends_at) == (
        datetime(2027, 4, 13, 19, 0, tzinfo=UTC),
        datetime(2027, 4, 14, 19, 0, tzinfo=UTC),
    )
    assert [(n.sheet, n.kind) for n in report.notes] == [("Старые", IGNORED)]


def test_an_unknown_kind_is_named_without_library_text(session, tmp_path):
    error = _refusal(session, corpus.unknown_kind(tmp_path))
    assert [(p.sheet, p.row, p.column) for p in error.problems] == [(ORGS, 2, "D")]
    text = error.problems[0].render()
    assert "компания!!" in text and "company" in text and "Input should" not in text


# --- refused as a whole: the location it can have, else what to do --------------------------


def test_a_csv_named_xlsx_is_refused_with_how_to_save_it(session, tmp_path):
    path = corpus.csv_named_xlsx(tmp_path)
    assert _refused(session, path) == [(None, None, None)]
    assert "save it as an Excel workbook (.xlsx)" in _refusal(session, path).problems[0].render()


def test_nul_characters_in_a_csv_are_refused_with_their_line(session, tmp_path):
    path = corpus.binary_named_csv(tmp_path)
    assert _refused(session, path) == [("binary", 3, None)]
    assert "UTF-8 CSV" in _refusal(session, path).problems[0].render()


def test_a_workbook_without_a_known_sheet_names_its_sheets(session, tmp_path):
    path = corpus.no_known_sheet(tmp_path)
    assert _refused(session, path) == [(None, None, None)]
    text = _refusal(session, path).problems[0].render(get_translations("ru"))
    assert "Лист1" in text and "шаблон" in text


def test_an_empty_file_says_what_to_do(session, tmp_path):
    path = corpus.empty_file(tmp_path)
    assert _refused(session, path) == [(None, None, None)]
    assert "choose the file" in _refusal(session, path).problems[0].render()


def test_a_sheet_over_the_row_limit_names_the_first_row_over_it(session, tmp_path):
    path = corpus.many_rows(tmp_path)
    assert _refused(session, path, max_rows=3) == [(ORGS, 5, None)]
    assert "at most 3 rows" in _refusal(session, path, max_rows=3).problems[0].render()


# --- the rest of the classes -----------------------------------------------------


def test_every_change_on_purpose_is_listed_with_its_cell(session, tmp_path):
    report = import_directory(session, corpus.changes_reported(tmp_path))
    org = _org(session, bin=org_row()["bin"])
    assert org.names.values == {"ru": "ТОО «Мактаарал Мақта»", "en": "Maktaaral Cotton LLP"}
    assert org.website == "https://maktaaral.kz"
    person = session.scalar(select(Delegate).where(Delegate.ref == "C-1"))
    assert person.email == "a.saparova@kz.example"
    assert [(sheet, row, column) for sheet, row, column, _ in _notes(report, CHANGED)] == [
        (ORGS, 2, "F"),
        (ORGS, 2, "I"),
        (ORGS, 2, "K"),
        (DELEGATES, 2, "L"),
    ]


def test_libreoffice_error_values_are_refused(session, tmp_path):
    path = corpus.libreoffice_error_values(tmp_path)
    assert _refused(session, path) == [
        ("libreoffice-errors", 2, "E"),
        ("libreoffice-errors", 3, "J"),
    ]


def test_utf16_big_endian_keeps_kazakh_letters(session, tmp_path):
    report = import_directory(session, corpus.utf16_big_endian(tmp_path))
    assert _org(session, bin=make_bin(450)).names.values["ru"] == corpus.KAZAKH_NAME
    assert report.notes == []


def test_one_person_twice_by_email_or_by_name_is_refused(session, tmp_path):
    path = corpus.repeated_delegate_email_and_name(tmp_path)
    assert _refused(session, path) == [(DELEGATES, 3, "L"), (DELEGATES, 5, "C")]


def test_two_sheets_of_one_kind_are_refused(session, tmp_path):
    assert _refused(session, corpus.two_organization_sheets(tmp_path)) == [
        ("Organizations", None, None)
    ]


def test_a_repeated_header_names_both_columns(session, tmp_path):
    path = corpus.repeated_header(tmp_path)
    assert _refused(session, path) == [("repeated-header", 1, "E")]
    assert "column D" in _refusal(session, path).problems[0].render()
