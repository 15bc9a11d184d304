"""Import benchmark: a 20,000-row workbook checked and imported, then imported again unchanged.

    PYTHONPATH=. .venv/bin/python -m benchmarks.imports.run [--rows 20000] [--delegates 0]
        [--database sqlite|postgres] [--format xlsx|csv] [--event] [--repeat 1]

Generates a seeded Organizations sheet (BIN or USCC, kind, region, names in two scripts,
ISIC and HS codes, a description) through the real template, plus optional Delegates rows,
and runs `import_directory` the way the CLI does (one transaction, committed) in a child
process on an empty, migrated database: first import, then the re-import that changes
nothing. With `--event` the database also holds a two-day event and the import registers
every delegate for it (`keruen import --event`): roles, topics, some unavailable days. Wall
time of each and the child's peak RSS go to `benchmarks/imports/results.json`.
PostgreSQL: the URL in KERUEN_TEST_DATABASE_URL; each run gets its own schema, dropped after.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

RESULTS = Path(__file__).with_name("results.json")
SYLLABLES = [
    "ka",
    "ra",
    "tal",
    "zhan",
    "bek",
    "sa",
    "ryk",
    "ol",
    "tau",
    "kum",
    "su",
    "ai",
    "na",
    "ur",
    "man",
    "ak",
    "bu",
    "lak",
    "sha",
    "yr",
    "ma",
    "dar",
    "ty",
    "ben",
    "ko",
    "zy",
    "er",
    "gul",
    "mir",
    "bai",
    "kal",
    "tem",
    "ir",
    "at",
    "ys",
    "nur",
    "ly",
    "sen",
]
HANZI = "库尔勒巴音郭楞和静焉耆博湖轮台尉犁若羌且末阿克苏喀什伊宁昌吉石河哈密吐鲁番"
CN_FORMS = ("有限公司", "股份有限公司", "合作社", "集团")
REGIONS_KZ = ("KZ-61-MAK", "KZ-61-TUR", "KZ-61-SAR", "KZ-61-KEN")
REGIONS_CN = ("CN-XJ-BYG-KRL", "CN-XJ-BYG")
ISIC = ("0111", "0116", "0163", "1311", "1312", "1410", "4620", "4923", "5210", "2100")
HS = ("520100", "520511", "8424", "100199", "080810", "610910", "300490", "870899")
EVENT_SLUG = "bench-forum"
EVENT_DAYS = ("2027-04-14", "2027-04-15")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def generate(
    path: Path, rows: int, delegates: int, fmt: str, seed: int = 11, with_event: bool = False
) -> None:
    from openpyxl import Workbook
    from tests.factories import make_bin, make_uscc

    from keruen.imports import dedupe
    from keruen.imports.columns import SHEETS, sheet_title
    from keruen.imports.reader import _Dialect

    rng = random.Random(seed)
    orgs: list[dict[str, str]] = []
    for i in range(rows + rows // 5):  # a margin for the similar names dropped below
        kz = i % 2 == 0
        words = f"{_word(rng)} {_word(rng)}"
        row = {
            "kind": "company",
            "region": rng.choice(REGIONS_KZ if kz else REGIONS_CN),
            "name_en": f"{words} {'LLP' if kz else 'Co., Ltd.'}",
            "isic": "; ".join(rng.sample(ISIC, 2)),
            "hs_offers": rng.choice(HS),
            "hs_needs": rng.choice(HS),
            "size": rng.choice(("small", "medium", "large")),
        }
        if kz:
            row["bin"] = make_bin(i)
            row["name_ru"] = f"ТОО «{words}»"
            row["description_ru"] = f"Производство и поставки, {rng.randint(10, 900)} сотрудников."
        else:
            row["uscc"] = make_uscc(i)
            row["name_zh"] = "".join(rng.sample(HANZI, 4)) + rng.choice(CN_FORMS)
            row["description_zh"] = f"年产{rng.randint(1, 90)}万吨。"
        orgs.append(row)
    # A generated directory has no duplicates on purpose: drop the second of each similar pair.
    from keruen.core.names import name_key

    pairs = dedupe.similar_pairs(
        [
            (i, [name_key(v) for k, v in o.items() if k.startswith("name_")])
            for i, o in enumerate(orgs)
        ]
    )
    drop = {j for _, j in pairs}
    orgs = [o for i, o in enumerate(orgs) if i not in drop][:rows]
    people = []
    for i in range(delegates):
        org = orgs[i % len(orgs)]
        people.append(
            {
                "organization": org.get("bin") or org.get("uscc", ""),
                "ref": f"P-{i}",
                "name_en": f"{_word(rng)} {_word(rng)}",
                "languages": "ru; kk" if "bin" in org else "zh",
                "email": f"person{i}@example.org",
                "consent": "yes",
                # What --event registers (unavailable days without an event are refused).
                **(
                    {
                        "role": "official" if i % 10 == 0 else "participant",
                        "topics": "agriculture; logistics" if i % 10 == 0 else "",
                        "unavailable": EVENT_DAYS[i % 2] if i % 5 == 0 else "",
                    }
                    if with_event
                    else {}
                ),
            }
        )
    sheets = {"organizations": orgs, "delegates": people}
    if fmt == "csv":
        import csv

        columns = [c for c in SHEETS["organizations"][1] if any(c.key in r for r in orgs)]
        buffer = io.StringIO()
        writer = csv.writer(buffer, _Dialect)
        writer.writerow([c.header for c in columns])
        for org in orgs:
            writer.writerow([org.get(c.key, "") for c in columns])
        path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
        return
    workbook = Workbook(write_only=True)
    for key, items in sheets.items():
        if not items:
            continue
        ws = workbook.create_sheet(sheet_title(key))
        columns = SHEETS[key][1]
        ws.append([c.header for c in columns])
        for item in items:
            ws.append([item.get(c.key) for c in columns])
    workbook.save(path)


def child(path: Path, url: str, with_event: bool) -> dict[str, float]:
    import keruen.models  # noqa: F401  (every table known, as in the CLI)
    from keruen.db.session import make_engine, make_sessionmaker, transaction
    from keruen.imports.directory import import_directory

    engine = make_engine(url)
    factory = make_sessionmaker(engine)
    out: dict[str, float] = {}
    for phase in ("import", "reimport"):
        started = time.perf_counter()
        cpu = resource.getrusage(resource.RUSAGE_SELF)
        with transaction(factory) as session:
            report = import_directory(
                session,
                path,
                csv_kind="organizations",
                event_slug=EVENT_SLUG if with_event else None,
            )
        out[f"{phase}_s"] = round(time.perf_counter() - started, 2)
        after = resource.getrusage(resource.RUSAGE_SELF)
        # CPU of this process only: steadier than wall time on a shared machine.
        out[f"{phase}_cpu_s"] = round(
            after.ru_utime - cpu.ru_utime + after.ru_stime - cpu.ru_stime, 2
        )
        out[f"{phase}_created"] = report.organizations.created + report.delegates.created
        out[f"{phase}_unchanged"] = report.organizations.unchanged + report.delegates.unchanged
        out[f"{phase}_participations"] = report.participations
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    engine.dispose()
    return out


def _database(kind: str, folder: Path) -> tuple[str, str | None]:
    if kind == "sqlite":
        return f"sqlite:///{folder / 'bench.sqlite3'}", None
    base = os.environ.get("KERUEN_TEST_DATABASE_URL")
    if not base:
        sys.exit("set KERUEN_TEST_DATABASE_URL for --database postgres")
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}", schema


def _create_event(session) -> None:
    from datetime import date

    from keruen.core.text import LocalizedText
    from keruen.events import service as event_service
    from keruen.events.schemas import EventIn

    event_service.upsert_event(
        session,
        data=EventIn(
            slug=EVENT_SLUG,
            names=LocalizedText.of({"en": "Benchmark forum"}),
            timezone="Asia/Almaty",
            region="KZ-61-TUR",
            days=[date.fromisoformat(d) for d in EVENT_DAYS],
        ),
    )


def _migrate(url: str, schema: str | None, with_event: bool) -> None:
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    import keruen.models  # noqa: F401
    from keruen.db import migrate
    from keruen.db.session import make_engine
    from keruen.reference import service as reference_service

    if schema:
        admin = make_engine(os.environ["KERUEN_TEST_DATABASE_URL"])
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
    engine = make_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as session:
        reference_service.sync_regions(session)
        if with_event:
            _create_event(session)
        session.commit()
    engine.dispose()


def _drop(schema: str | None) -> None:
    if not schema:
        return
    from sqlalchemy import text

    from keruen.db.session import make_engine

    admin = make_engine(os.environ["KERUEN_TEST_DATABASE_URL"])
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--delegates", type=int, default=0)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    parser.add_argument("--event", action="store_true", help="import with --event")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", nargs=2, metavar=("FILE", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(Path(args.child[0]), args.child[1], args.event)))
        return
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / f"bench.{args.format}"
        started = time.perf_counter()
        generate(path, args.rows, args.delegates, args.format, with_event=args.event)
        print(
            f"generated {path.name} ({path.stat().st_size} bytes) in "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )
        for _ in range(args.repeat):
            url, schema = _database(args.database, folder)
            _migrate(url, schema, args.event)
            try:
                done = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "benchmarks.imports.run",
                        "--child",
                        str(path),
                        url,
                        *(["--event"] if args.event else []),
                    ],
                    check=True,
                    stdout=subprocess.PIPE,
                    text=True,
                )
            finally:
                _drop(schema)
                if not schema:
                    for leftover in folder.glob("bench.sqlite3*"):
                        leftover.unlink()
            measured = json.loads(done.stdout.strip().splitlines()[-1])
            entry = {
                "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                "machine": f"{platform.machine()} {os.cpu_count()} cores, Python "
                f"{platform.python_version()} (shared with other engineers)",
                "database": args.database,
                "format": args.format,
                "rows": args.rows,
                "delegates": args.delegates,
                "event": args.event,
                "file_bytes": path.stat().st_size,
                "load_average": round(os.getloadavg()[0], 1),
                "commit": subprocess.run(
                    ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
                ).stdout.strip(),
                **measured,
            }
            print(json.dumps(entry), flush=True)
            results.append(entry)
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
