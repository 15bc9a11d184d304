"""Valid identifiers and filled-in import files, built the way an organizer would."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from keruen.core.identifiers import bin_check_digit, uscc_check_char
from keruen.imports.columns import SHEETS, sheet_title
from keruen.imports.template import build_template


def make_bin(serial: int, yymm: str = "1905") -> str:
    """A valid BIN of a resident legal entity registered in `yymm`."""
    while True:
        first = f"{yymm}40{serial:05d}"
        check = bin_check_digit(first)
        if check is not None:
            return first + str(check)
        serial += 1


def make_uscc(serial: int, division: str = "652801") -> str:
    first = f"91{division}MA{serial:06d}0"[:17]
    return first + uscc_check_char(first)


def org_row(**overrides: str) -> dict[str, str]:
    row = {
        "bin": make_bin(1),
        "kind": "company",
        "region": "KZ-61-MAK",
        "name_ru": "ТОО «Мактаарал Мақта» (тест)",
        "name_en": "Maktaaral Cotton LLP",
        "isic": "0116; 0163",
        "hs_offers": "520100",
        "hs_needs": "8424",
        "description_ru": "Выращиваем и очищаем хлопок-сырец, 5 000 га.",
        "size": "medium",
    }
    row.update(overrides)
    return row


def cn_org_row(**overrides: str) -> dict[str, str]:
    row = {
        "uscc": make_uscc(1),
        "kind": "company",
        "region": "CN-XJ-BYG-KRL",
        "name_zh": "库尔勒棉纺有限公司",
        "name_en": "Korla Cotton Spinning Co., Ltd.",
        "isic": "1311",
        "hs_offers": "520511",
        "hs_needs": "520100",
        "description_zh": "年产棉纱两万吨。",
    }
    row.update(overrides)
    return row


def write_xlsx(path: Path, sheets: dict[str, list[dict[str, str]]]) -> Path:
    """Fill the real template: each row's values go under the header of their column key."""
    workbook = load_workbook(io.BytesIO(build_template("ru")))
    for key, rows in sheets.items():
        ws = workbook[sheet_title(key)]
        columns = [c.key for c in SHEETS[key][1]]
        for r, row in enumerate(rows, start=2):
            for k, value in row.items():
                ws.cell(row=r, column=columns.index(k) + 1, value=value)
    workbook.save(path)
    return path


def write_csv(
    path: Path,
    key: str,
    rows: list[dict[str, str]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    header_language: str = "header",
) -> Path:
    columns = SHEETS[key][1]
    used = [c for c in columns if any(c.key in r for r in rows)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([getattr(c, header_language) for c in used])
    for row in rows:
        writer.writerow([row.get(c.key, "") for c in used])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def make_event(
    session,
    slug: str = "test-forum",
    *,
    people: int = 6,
    officials: int = 1,
    interpreters: int = 1,
    days: tuple[str, ...] = ("2027-04-14", "2027-04-15"),
):
    """A small two-sided event built through the services, with its participations."""
    from datetime import date

    from keruen.core.text import LocalizedText
    from keruen.events import service as event_service
    from keruen.events.schemas import EventIn, ParticipationIn
    from keruen.organizations import service as organization_service
    from keruen.organizations.models import Delegate
    from keruen.organizations.schemas import DelegateIn, OrganizationIn

    def t(text: str) -> LocalizedText:
        return LocalizedText.of({"en": text})

    event = event_service.upsert_event(
        session,
        data=EventIn(
            slug=slug,
            names=t(f"Forum {slug}"),
            timezone="Asia/Almaty",
            region="KZ-61-TUR",
            days=[date.fromisoformat(d) for d in days],
            sides=[
                {"code": "KZ", "region": "KZ-61", "names": t("Turkestan")},
                {"code": "CN", "region": "CN-XJ-BYG", "names": t("Bayingol")},
            ],
            halls=[{"code": "A", "names": t("Hall A"), "tables": 3}],
            sessions=[
                {
                    "day": d,
                    "kind": "b2b",
                    "start": "10:00",
                    "end": "12:00",
                    "slot_minutes": 20,
                    "hall": "A",
                }
                for d in days
            ],
        ),
    )
    participations = []
    roles = ["participant"] * people + ["official"] * officials + ["interpreter"] * interpreters
    for i, role in enumerate(roles):
        side_kz = i % 2 == 0
        org_id = None
        if role != "interpreter":
            org = organization_service.upsert_organization(
                session,
                data=OrganizationIn(
                    ref=f"{slug}-org-{i}",
                    kind="company" if role == "participant" else "government",
                    region="KZ-61-MAK" if side_kz else "CN-XJ-BYG-KRL",
                    names=t(f"{slug} organization {i}"),
                    isic=["1311"],
                ),
            )
            org_id = org.id
        person = organization_service.upsert_delegate(
            session,
            organization_id=org_id,
            data=DelegateIn(
                ref=f"{slug}-person-{i}",
                names=t(f"Person {i}"),
                languages=["ru", "zh"]
                if role == "interpreter"
                else (["ru"] if side_kz else ["zh"]),
                email=f"p{i}.{slug}@kz.example",
            ),
        )
        delegate = session.get(Delegate, person.id)
        participations.append(
            event_service.set_participation(
                session,
                event=event,
                delegate=delegate,
                data=ParticipationIn(
                    role=role, topics=["agriculture"] if role == "official" else []
                ),
            )
        )
    session.flush()
    return event, participations
