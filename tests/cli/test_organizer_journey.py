"""The organizer's whole job from the command line, as a newcomer runs it (real processes, a
database of its own, SQLite or PostgreSQL): their own two-day forum from an Excel file,
registrations imported into it, suggestions, phone answers by BIN and USCC, a plan, the grid,
agendas and rosters in four languages, a safe change of the event, and no traceback for any
mistake along the way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from keruen.events.files import to_workbook
from tests.cli.conftest import run
from tests.factories import cn_org_row, make_bin, make_uscc, org_row, write_xlsx

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SLUG = "korla-turkistan-2027"


def forum_document() -> dict:
    """What an organizer types into the Event sheets: two days in Turkistan, one B2B hall with
    six tables (table 6 hosted by the Bayingol investment office), interpreters by pair."""
    b2b = {"slot_minutes": 30, "kind": "b2b", "hall": "A", "names": {}}
    return {
        "event": {
            "slug": SLUG,
            "source_language": "ru",
            "names": {
                "ru": "Форум «Корла — Туркестан» 2027",
                "zh": "库尔勒—突厥斯坦论坛 2027",
                "en": "Korla–Turkistan Forum 2027",
            },
            "venue": {"ru": "Туркестан"},
            "region": "KZ-61",
            "timezone": "Asia/Almaty",
            "languages": ["ru", "kk", "zh", "en"],
            "days": ["2027-05-12", "2027-05-13"],
            "sides": [
                {"code": "KZ", "region": "KZ-61", "names": {"ru": "Туркестанская область"}},
                {"code": "CN", "region": "CN-XJ-BYG", "names": {"zh": "巴音郭楞蒙古自治州"}},
            ],
            "halls": [
                {"code": "A", "tables": 6, "seats": 4, "hosts": {}, "names": {"ru": "Зал A"}},
            ],
            "sessions": [
                {
                    **b2b,
                    "code": "d1",
                    "day": "2027-05-12",
                    "start": "10:00",
                    "end": "12:00",
                    "pauses": [{"start": "11:00", "end": "11:15"}],
                },
                {
                    **b2b,
                    "code": "d2",
                    "day": "2027-05-13",
                    "start": "10:00",
                    "end": "12:00",
                    "pauses": [],
                },
            ],
        },
        "interpreters": [
            {
                "ref": "int-zh-ru",
                "names": {"ru": "Алина Ким", "zh": "金阿丽娜"},
                "source_language": "ru",
                "languages": ["ru", "zh"],
                "email": "alina.kim@interp.example",
                "locale": "ru",
                "unavailable": [{"day": "2027-05-13", "start": "10:00", "end": "11:00"}],
            },
            {
                "ref": "int-zh-kk",
                "names": {"kk": "Әсел Нұрмақова"},
                "source_language": "kk",
                "languages": ["kk", "zh"],
                "email": "asel@interp.example",
                "locale": "kk",
                "unavailable": [],
            },
        ],
    }


def registrations(tmp_path: Path) -> tuple[Path, list[str], list[str]]:
    kz = [
        org_row(bin=make_bin(11), name_ru="ТОО «Мақта Жолы» (тест)", name_en="Makta Zholy LLP"),
        org_row(
            bin=make_bin(12),
            name_ru="ТОО «Ontustik Textile» (тест)",
            name_en="Ontustik Textile LLP",
            isic="1311",
            hs_offers="520511",
            hs_needs="844520",
        ),
        org_row(bin=make_bin(13), name_ru="ТОО «Шардара Агро» (тест)", name_en="Shardara Agro"),
    ]
    cn = [
        cn_org_row(
            uscc=make_uscc(21), name_zh="库尔勒棉纺有限公司", name_en="Korla Cotton Spinning"
        ),
        cn_org_row(
            uscc=make_uscc(22),
            name_zh="巴州纺机有限公司",
            name_en="Bazhou Textile Machinery",
            isic="2826",
            hs_offers="844520",
            hs_needs="520511",
        ),
        cn_org_row(uscc=make_uscc(23), name_zh="尉犁棉业有限公司", name_en="Yuli Cotton"),
    ]
    delegates = []
    for k, row in enumerate(kz, start=1):
        delegates.append(
            {
                "organization": row["bin"],
                "name_ru": f"Делегат {k}",
                "languages": "ru; kk",
                "email": f"kz{k}@kz.example",
                "locale": "ru",
                "consent": "да",
                "role": "participant",
            }
        )
    for k, row in enumerate(cn, start=1):
        delegates.append(
            {
                "organization": row["uscc"],
                "name_zh": f"代表{k}",
                "languages": "zh",
                "email": f"cn{k}@cn.example",
                "locale": "zh",
                "consent": "是",
                "role": "participant",
            }
        )
    path = write_xlsx(
        tmp_path / "registrations.xlsx", {"organizations": kz + cn, "delegates": delegates}
    )
    return path, [r["bin"] for r in kz], [r["uscc"] for r in cn]


def ok(out) -> str:  # type: ignore[no-untyped-def]
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    return out.stdout


def refused(out) -> str:  # type: ignore[no-untyped-def]
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Traceback" not in out.stderr + out.stdout
    return out.stderr


def test_an_organizer_runs_their_own_forum(cli_env, tmp_path):
    env = cli_env

    def k(*args: str) -> object:
        return run(list(args), env, tmp_path)

    # Mistakes before anything exists: a database is created on first use, not a traceback.
    assert "korla" not in ok(k("event", "list"))
    refused(k("event", "show", "no-such-forum"))
    refused(k("event", "create", str(tmp_path / "missing.xlsx")))

    # The event from the organizer's Excel file.
    sheet = tmp_path / "forum.xlsx"
    sheet.write_bytes(to_workbook(forum_document()))
    assert SLUG in ok(k("event", "create", str(sheet)))
    refused(k("event", "create", str(sheet)))  # twice is a mistake: use update
    listed = json.loads(ok(k("event", "list", "--format", "json")))
    assert [e["slug"] for e in listed] == [SLUG]

    # Registrations into it; then suggestions with stable ids.
    regs, bins, usccs = registrations(tmp_path)
    ok(k("import", "organizations", str(regs), "--event", SLUG))
    orgs = json.loads(ok(k("directory", "list", "--event", SLUG, "--side", "CN", "-f", "json")))
    assert sorted(o["identifier"] for o in orgs) == sorted(usccs)
    suggestions = json.loads(ok(k("match", "--event", SLUG, "--format", "json", "--top", "2")))
    assert suggestions and all(
        {"organization_id", "partner_id", "reasons"} <= set(s) for s in suggestions
    )

    # Requests by the handles organizers have: BIN, USCC, e-mail. One answered by phone.
    ok(k("requests", "force", "--event", SLUG, bins[0], usccs[0]))
    ok(k("requests", "force", "--event", SLUG, bins[1], usccs[1]))
    ok(k("requests", "force", "--event", SLUG, "kz3@kz.example", usccs[2]))
    refused(
        k("requests", "answer", "--event", SLUG, "accept", "--as", usccs[0], "--with", "nobody")
    )
    pending = k("match", "rule", "--event", SLUG, bins[2], usccs[0], "--action", "pin")
    ok(pending)

    # Plan, publish, and look at the result in four languages.
    out = ok(k("plan", "--event", SLUG, "--seconds", "5", "--publish"))
    assert "3" in out
    grid = json.loads(ok(k("schedule", "show", "--event", SLUG, "--grid", "-f", "json")))
    assert len(grid) >= 1 and all("slot" in row for row in grid)
    meetings = json.loads(ok(k("schedule", "show", "--event", SLUG, "-f", "json")))
    assert len(meetings) == 3
    # A Chinese reader sees the Kazakh company as the original plus a Latin transliteration,
    # or its own Chinese name; never bare Cyrillic.
    agenda_zh = json.loads(
        ok(
            k(
                "schedule",
                "show",
                "--event",
                SLUG,
                "--participant",
                usccs[0],
                "-f",
                "json",
                "-l",
                "zh",
            )
        )
    )
    assert len(agenda_zh) == 1
    partner = agenda_zh[0]["partner_organization"]
    assert "Makta Zholy" in partner or "Makta" in partner
    # A Kazakh-side participant's agenda shows both clocks only when they differ: Korla
    # keeps Beijing time (UTC+8), so the Chinese delegate gets their own clock too.
    assert agenda_zh[0]["own_start"] != agenda_zh[0]["start"]
    for locale in ("ru", "kk", "zh", "en"):
        text = ok(k("schedule", "show", "--event", SLUG, "--participant", bins[0], "-l", locale))
        assert "2027-05-1" in text
    roster = tmp_path / "roster.xlsx"
    ok(
        k(
            "schedule",
            "show",
            "--event",
            SLUG,
            "--interpreter",
            "alina.kim@interp.example",
            "-f",
            "xlsx",
            "-o",
            str(roster),
        )
    )
    ws = load_workbook(roster).active
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    refused(k("schedule", "show", "--event", SLUG, "--table", "Z9"))

    # Export → create gives the same event.
    exported = tmp_path / "exported.yaml"
    ok(k("event", "export", SLUG, "-o", str(exported)))
    doc = yaml.safe_load(exported.read_text(encoding="utf-8"))
    assert doc["event"]["sessions"][0]["pauses"] == [{"start": "11:00", "end": "11:15"}]
    assert [p["ref"] for p in doc["interpreters"]] == ["int-zh-ru", "int-zh-kk"]
    doc["event"]["slug"] = "korla-copy"
    copy = tmp_path / "copy.yaml"
    copy.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    ok(k("event", "create", str(copy)))
    again = tmp_path / "again.yaml"
    ok(k("event", "export", "korla-copy", "-o", str(again)))
    assert yaml.safe_load(again.read_text(encoding="utf-8")) == doc

    # A change that takes away tables used by published meetings is refused, naming them;
    # with --reschedule they move, and the hall keeps its history.
    used = {m["table"] for m in meetings}
    smaller = forum_document()
    smaller["event"]["halls"][0]["tables"] = 1
    small = tmp_path / "small.yaml"
    small.write_text(yaml.safe_dump(smaller, allow_unicode=True), encoding="utf-8")
    if used - {"A1"}:
        message = refused(k("event", "update", str(small)))
        assert "--reschedule" in message
        ok(k("event", "update", str(small), "--reschedule", "--seconds", "5"))
        after = json.loads(ok(k("schedule", "show", "--event", SLUG, "-f", "json")))
        assert {m["table"] for m in after} == {"A1"}
        assert sorted(m["start"] for m in after) == sorted({m["start"] for m in after})
