"""The import organizers use: all or nothing, idempotent, clear errors, nothing half-written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from keruen.core.errors import InputRejected
from keruen.i18n import get_translations
from keruen.imports.directory import import_directory
from keruen.organizations.models import CooperationProfile, Delegate, Organization
from tests.factories import cn_org_row, make_bin, make_uscc, org_row, write_csv, write_xlsx

pytestmark = pytest.mark.integration


def _state(session: Session) -> tuple[int, int, int, list[tuple]]:
    orgs = session.execute(
        select(Organization.id, Organization.updated_at, Organization.names).order_by(
            Organization.id
        )
    ).all()
    return (
        session.scalar(select(func.count()).select_from(Organization)),
        session.scalar(select(func.count()).select_from(Delegate)),
        session.scalar(select(func.count()).select_from(CooperationProfile)),
        [tuple(r) for r in orgs],
    )


def _full_workbook(tmp_path: Path) -> Path:
    kz, cn = org_row(), cn_org_row()
    return write_xlsx(
        tmp_path / "forum.xlsx",
        {
            "organizations": [kz, cn],
            "delegates": [
                {
                    "organization": kz["bin"],
                    "name_ru": "Нурлан Абенов",
                    "name_en": "Nurlan Abenov",
                    "position_ru": "Директор",
                    "languages": "ru; kk",
                    "email": "n.abenov@kz.example",
                    "locale": "ru",
                    "consent": "да",
                    "role": "participant",
                },
                {
                    "organization": cn["uscc"],
                    "name_zh": "王芳",
                    "name_en": "Wang Fang",
                    "languages": "zh",
                    "email": "wang.fang@cn.example",
                    "locale": "zh",
                    "consent": "是",
                },
            ],
            "profiles": [
                {
                    "organization": kz["bin"],
                    "kind": "business_offer",
                    "hs": "520100",
                    "text_ru": "Продаём хлопок-волокно урожая 2026 года.",
                },
                {
                    "organization": cn["uscc"],
                    "kind": "business_request",
                    "hs": "520100",
                    "text_zh": "长期采购棉花。",
                },
            ],
        },
    )


def test_filled_template_imports_and_reimport_changes_nothing(session: Session, tmp_path: Path):
    path = _full_workbook(tmp_path)
    report = import_directory(session, path)
    assert (report.organizations.created, report.delegates.created) == (2, 2)
    assert report.profiles_replaced == 2
    org = session.scalar(select(Organization).where(Organization.bin == org_row()["bin"]))
    assert org.names.values["ru"] == "ТОО «Мактаарал Мақта» (тест)"
    assert org.names.source == "ru"
    assert org.isic_codes == ["0116", "0163"]
    cn = session.scalar(select(Organization).where(Organization.uscc == cn_org_row()["uscc"]))
    assert cn.names.source == "zh" and cn.description.values == {"zh": "年产棉纱两万吨。"}
    wang = session.scalar(select(Delegate).where(Delegate.email == "wang.fang@cn.example"))
    assert wang.consent_share_contacts is True and wang.locale == "zh"
    before = _state(session)

    again = import_directory(session, path)
    assert (again.organizations.unchanged, again.delegates.unchanged) == (2, 2)
    assert again.profiles_replaced == 0 and not again.changed_anything
    assert _state(session) == before  # not even updated_at moved


def test_updated_file_updates_by_identifier(session: Session, tmp_path: Path):
    import_directory(session, write_xlsx(tmp_path / "a.xlsx", {"organizations": [org_row()]}))
    changed = org_row(name_en="Maktaaral Cotton Group", hs_offers="520100; 520300")
    report = import_directory(
        session, write_xlsx(tmp_path / "b.xlsx", {"organizations": [changed]})
    )
    assert (report.organizations.created, report.organizations.updated) == (0, 1)
    org = session.scalar(select(Organization).where(Organization.bin == changed["bin"]))
    assert org.names.values["en"] == "Maktaaral Cotton Group"
    assert [p.hs_code for p in org.products if p.direction == "offers"] == ["520100", "520300"]


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("utf-8", ","), ("utf-8-sig", ";"), ("cp1251", ";")]
)
def test_csv_in_the_encodings_excel_writes(
    session: Session, tmp_path: Path, encoding: str, delimiter: str
):
    # Windows-1251 has no Kazakh letters (қ, ң, ...): a Russian Excel file holds Russian text.
    row = org_row(name_ru="ТОО «Южный хлопок» (тест)")
    path = write_csv(
        tmp_path / "orgs.csv",
        "organizations",
        [row],
        encoding=encoding,
        delimiter=delimiter,
        header_language="ru",
    )
    report = import_directory(session, path)
    assert report.organizations.created == 1
    org = session.scalar(select(Organization).where(Organization.bin == row["bin"]))
    assert org.names.values["ru"] == "ТОО «Южный хлопок» (тест)"
    assert org.description.values["ru"] == row["description_ru"]


def _rejected(session: Session, path: Path, **kwargs) -> InputRejected:
    before = _state(session)
    with pytest.raises(InputRejected) as caught:
        import_directory(session, path, **kwargs)
    assert _state(session) == before, "a rejected import must leave the database untouched"
    return caught.value


def _one(problems, **expected):
    found = [p for p in problems if all(getattr(p, k) == v for k, v in expected.items())]
    seen = [(p.row, p.column, p.render()) for p in problems]
    assert found, f"no problem with {expected} in {seen}"
    return found[0]


def test_wrong_header_is_named_with_its_column(session: Session, tmp_path: Path):
    path = write_csv(tmp_path / "o.csv", "organizations", [org_row()], header_language="en")
    text = path.read_text(encoding="utf-8").replace("Region", "Regoin", 1)
    path.write_text(text, encoding="utf-8")
    error = _rejected(session, path)
    problem = _one(error.problems, column="C")  # the CSV holds only the columns it uses
    assert "Regoin" in problem.render()


def test_bad_bin_uscc_codes_region_and_name_each_name_their_row_and_column(
    session: Session, tmp_path: Path
):
    good_bin = org_row()["bin"]
    bad_bin = good_bin[:-1] + str((int(good_bin[-1]) + 1) % 10)
    good_uscc = make_uscc(7)
    bad_uscc = good_uscc[:-1] + ("0" if good_uscc[-1] != "0" else "1")
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        {
            "organizations": [
                org_row(bin=bad_bin),  # row 2
                cn_org_row(uscc=bad_uscc),  # row 3
                org_row(bin=make_bin(20), hs_offers="999999"),  # row 4
                org_row(bin=make_bin(30), isic="9999"),  # row 5
                org_row(bin=make_bin(40), region="KZ-99-XXX"),  # row 6
                org_row(bin=make_bin(50), name_ru="", name_en=""),  # row 7
            ]
        },
    )
    problems = _rejected(session, path).problems
    assert "check digit" in _one(problems, row=2, column="A").render()
    assert "check character" in _one(problems, row=3, column="B").render()
    assert "999999" in _one(problems, row=4).render()
    assert "9999" in _one(problems, row=5).render()
    assert "KZ-99-XXX" in _one(problems, row=6, column="E").render()
    assert "name" in _one(problems, row=7).render()


def test_identifier_repeated_within_the_file(session: Session, tmp_path: Path):
    row = org_row()
    path = write_xlsx(
        tmp_path / "dup.xlsx",
        {"organizations": [row, org_row(name_ru="Другая компания", name_en="Another company")]},
    )
    problem = _one(_rejected(session, path).problems, row=3, column="A")
    assert "row 2" in problem.render()


def test_same_company_in_another_script_is_reported_before_writing(
    session: Session, tmp_path: Path
):
    path = write_xlsx(
        tmp_path / "script.xlsx",
        {
            "organizations": [
                org_row(name_ru="ТОО «Оңтүстік Мақта»", name_en=""),
                org_row(bin=make_bin(99), name_ru="", name_en="Ontustik Makta LLP"),
            ]
        },
    )
    problem = _one(_rejected(session, path).problems, row=3)
    assert "row 2" in problem.render()
    # The organizer can confirm they are two companies.
    report = import_directory(session, path, allow_similar_names=True)
    assert report.organizations.created == 2


def test_file_that_is_not_really_xlsx(session: Session, tmp_path: Path):
    fake = tmp_path / "report.xlsx"
    fake.write_text("name,bin\nfoo,1\n", encoding="utf-8")
    assert "not a real Excel" in _rejected(session, fake).problems[0].render()
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    assert "not a real Excel" in _rejected(session, broken).problems[0].render()


def test_oversized_file(session: Session, tmp_path: Path):
    path = _full_workbook(tmp_path)
    problem = _rejected(session, path, max_bytes=1000).problems[0]
    assert "largest accepted is 1000 bytes" in problem.render()


def test_one_bad_row_among_good_ones_writes_nothing(session: Session, tmp_path: Path):
    rows = [
        org_row(bin=make_bin(100 + i), name_ru=f"Компания {i}", name_en=f"Company {i}x{i}")
        for i in range(5)
    ]
    rows.append(org_row(bin=make_bin(200), hs_needs="12345678"))
    problems = _rejected(
        session, write_xlsx(tmp_path / "m.xlsx", {"organizations": rows}), allow_similar_names=True
    ).problems
    assert [p.row for p in problems] == [7]


def test_delegate_of_unknown_organization(session: Session, tmp_path: Path):
    path = write_xlsx(
        tmp_path / "d.xlsx",
        {
            "delegates": [
                {"organization": make_bin(555), "name_en": "Nobody", "email": "x@kz.example"}
            ]
        },
    )
    problem = _one(_rejected(session, path).problems, row=2, column="A")
    assert make_bin(555) in problem.render()


def test_problems_are_reported_in_the_readers_language(session: Session, tmp_path: Path):
    row = org_row(hs_offers="999999")
    problems = _rejected(
        session, write_xlsx(tmp_path / "l.xlsx", {"organizations": [row]})
    ).problems
    ru = problems[0].render(get_translations("ru"))
    zh = problems[0].render(get_translations("zh"))
    assert "999999" in ru and "999999" in zh
    assert ru != problems[0].render() and zh != ru


def test_import_with_event_registers_delegates_with_roles_and_days(
    session: Session, tmp_path: Path
):
    from keruen.events.models import Participation
    from tests.factories import make_event

    event, _ = make_event(session, slug="import-forum", people=0, officials=0, interpreters=0)
    kz = org_row()
    path = write_xlsx(
        tmp_path / "e.xlsx",
        {
            "organizations": [kz],
            "delegates": [
                {
                    "organization": kz["bin"],
                    "name_ru": "Айгуль Сапарова",
                    "languages": "ru;kk",
                    "email": "a.saparova@kz.example",
                    "role": "участник",
                    "unavailable": "2027-04-15",
                },
                {
                    "name_zh": "李娜",
                    "name_en": "Li Na",
                    "languages": "zh;ru",
                    "role": "翻译",
                    "email": "li.na@cn.example",
                },
            ],
        },
    )
    report = import_directory(session, path, event_slug="import-forum")
    assert report.participations == 2
    roles = {
        p.delegate.email: (p.role, len(p.unavailable))
        for p in session.scalars(select(Participation).where(Participation.event_id == event.id))
    }
    assert roles == {
        "a.saparova@kz.example": ("participant", 1),
        "li.na@cn.example": ("interpreter", 0),
    }
    # Unavailable days need an event to mean anything.
    problem = _one(_rejected(session, path).problems, row=2)
    assert "--event" in problem.render()


def _participations(session: Session, event_id: int) -> list[tuple]:
    from keruen.events.models import Participation, Unavailability

    rows = session.execute(
        select(
            Participation.id,
            Participation.delegate_id,
            Participation.role,
            Participation.topics,
            Participation.updated_at,
        )
        .where(Participation.event_id == event_id)
        .order_by(Participation.delegate_id)
    ).all()
    times = session.execute(
        select(
            Unavailability.participation_id,
            Unavailability.id,
            Unavailability.starts_at,
            Unavailability.ends_at,
        ).order_by(Unavailability.participation_id, Unavailability.starts_at)
    ).all()
    return [
        (*tuple(row), [tuple(t[1:]) for t in times if t.participation_id == row.id]) for row in rows
    ]


def test_reimport_with_event_rewrites_only_the_participations_that_changed(
    session: Session, tmp_path: Path
):
    from datetime import UTC, datetime

    from tests.factories import make_event

    event, _ = make_event(session, slug="bulk-forum", people=0, officials=0, interpreters=0)
    people = [
        {
            "ref": "B-1",
            "name_en": "First Guest",
            "role": "participant",
            "topics": "cotton; logistics",
            "unavailable": "2027-04-15; 2027-04-14",
        },
        {"ref": "B-2", "name_en": "Second Guest", "role": "official", "topics": "agriculture"},
        {"ref": "B-3", "name_en": "Third Guest", "role": "переводчик"},
    ]
    path = write_xlsx(tmp_path / "p.xlsx", {"delegates": people})
    report = import_directory(session, path, event_slug="bulk-forum")
    assert report.participations == 3
    stored = _participations(session, event.id)
    assert [(role, topics, len(times)) for _, _, role, topics, _, times in stored] == [
        ("participant", ["cotton", "logistics"], 2),
        ("official", ["agriculture"], 0),
        ("interpreter", [], 0),
    ]
    # Whole days in Almaty (UTC+5), in day order whatever the order typed.
    assert [t[1:] for t in stored[0][5]] == [
        (datetime(2027, 4, 13, 19, tzinfo=UTC), datetime(2027, 4, 14, 19, tzinfo=UTC)),
        (datetime(2027, 4, 14, 19, tzinfo=UTC), datetime(2027, 4, 15, 19, tzinfo=UTC)),
    ]

    again = import_directory(session, path, event_slug="bulk-forum")
    assert not again.changed_anything
    assert _participations(session, event.id) == stored  # not one row touched

    people[0]["unavailable"] = "2027-04-14"
    people[1]["role"] = "participant"
    changed = write_xlsx(tmp_path / "q.xlsx", {"delegates": people})
    import_directory(session, changed, event_slug="bulk-forum")
    after = _participations(session, event.id)
    assert [(role, len(times)) for _, _, role, _, _, times in after] == [
        ("participant", 1),
        ("participant", 0),
        ("interpreter", 0),
    ]
    assert after[2] == stored[2]  # the unchanged one kept even its updated_at
    assert [row[0] for row in after] == [row[0] for row in stored]  # updated in place


def test_a_large_import_refreshes_the_planner_statistics_inside_its_transaction(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # Every import counts as large here: on PostgreSQL this runs ANALYZE in the import's own
    # transaction, which must neither fail nor end it.
    from keruen.imports import directory

    monkeypatch.setattr(directory, "_ANALYZE_AFTER", 1)
    report = import_directory(session, _full_workbook(tmp_path))
    assert (report.organizations.created, report.delegates.created) == (2, 2)
    assert session.scalar(select(func.count()).select_from(Organization)) == 2
