"""A large registration sheet is imported by a worker (here the queue runs jobs at once): the
page follows the job and shows its report, or every problem of a refused file, row by row."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.imports.run import generate
from openpyxl import load_workbook

from keruen.jobs.imports import LARGE_UPLOAD

from .conftest import DEMO, ORGANIZER, WebSite

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_a_large_sheet_goes_to_a_worker_and_its_report_comes_back(
    site: WebSite, tmp_path: Path
) -> None:
    sheet = tmp_path / "large.xlsx"
    generate(sheet, 4000, 2000, "xlsx", seed=5)
    assert sheet.stat().st_size > LARGE_UPLOAD
    organizer = site.client()
    site.sign_in_organizer(organizer, *ORGANIZER)
    token = site.csrf(organizer, f"/o/{DEMO}/import")
    answer = organizer.post(
        f"/o/{DEMO}/import",
        data={"csrf_token": token, "kind": "organizations"},
        files={"file": ("large.xlsx", sheet.read_bytes())},
        headers={"Accept-Language": "ru"},
    )
    assert answer.status_code == 200 and "?job=" in str(answer.url)
    assert "4000" in answer.text.replace("\u202f", "").replace("\xa0", "")  # organizations created

    # A refused large file: every problem, by row, and nothing written.
    book = load_workbook(sheet)
    book.worksheets[0]["E5"] = "XX-99"  # an unknown region (column E: Region)
    broken = tmp_path / "broken.xlsx"
    book.save(broken)
    refused = organizer.post(
        f"/o/{DEMO}/import",
        data={"csrf_token": token, "kind": "organizations"},
        files={"file": ("broken.xlsx", broken.read_bytes())},
    )
    assert refused.status_code == 200 and "?job=" in str(refused.url)
    assert "XX-99" in refused.text and "<td>5</td>" in refused.text.replace(" ", "")
