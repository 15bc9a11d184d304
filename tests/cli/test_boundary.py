"""One boundary: every mistake a user can make ends in one translated line and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from keruen import boundary
from keruen.config import Settings
from keruen.i18n import get_translations
from tests.cli.conftest import run

pytestmark = pytest.mark.integration


def test_a_database_that_does_not_answer_is_one_line_without_the_password(tmp_path: Path):
    url = "postgresql+psycopg://keruen:s3cret-pass@127.0.0.1:1/forum"
    settings = Settings(database_url=url, data_dir=tmp_path)
    with pytest.raises(boundary.DatabaseUnavailable) as caught, boundary.unit_of_work(settings):
        pass
    refusal = boundary.refusal(caught.value, get_translations("ru"))
    assert refusal.http_status == 503
    assert "127.0.0.1:1" in refusal.message and "s3cret-pass" not in refusal.message
    assert "база данных" in refusal.message.lower() or "базa" in refusal.message.lower()


def test_the_cli_says_so_in_the_readers_language(tmp_path: Path, cli_env):
    env = {**cli_env, "KERUEN_DATABASE_URL": "postgresql+psycopg://u:topsecret@127.0.0.1:1/x"}
    out = run(["event", "list", "--locale", "zh"], env, tmp_path)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and "topsecret" not in out.stderr
    assert "127.0.0.1:1" in out.stderr
    assert len(out.stderr.strip().splitlines()) <= 3


def test_the_data_directory_does_not_depend_on_the_current_folder(tmp_path: Path, cli_env):
    env = {k: v for k, v in cli_env.items() if k not in ("KERUEN_DATA_DIR", "KERUEN_DATABASE_URL")}
    env["HOME"] = str(tmp_path / "home")
    env.pop("XDG_DATA_HOME", None)
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    first = run(["info"], env, one)
    second = run(["info"], env, two)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert str(tmp_path / "home" / ".local" / "share" / "keruen") in first.stdout


def test_mistakes_are_refused_without_a_traceback(tmp_path: Path, cli_env):
    cases = [
        ["plan", "--event", "no-such-event"],
        ["schedule", "show", "--event", "no-such-event"],
        ["requests", "list", "--event", "no-such-event"],
        ["directory", "show", "000000000000"],
        ["event", "export", "nope", "-o", str(tmp_path / "x.docx")],
        ["import", "organizations", str(tmp_path / "missing.xlsx")],
        ["match", "rule", "--event", "no-such-event", "a", "b"],
        ["requests", "answer", "--event", "no-such-event", "maybe", "--as", "x"],
    ]
    for args in cases:
        out = run(args, cli_env, tmp_path)
        assert out.returncode == 2, (args, out.stdout, out.stderr)
        assert "Traceback" not in out.stderr + out.stdout, args


def test_the_first_command_on_a_new_data_directory_creates_the_database(tmp_path, cli_env):
    if "KERUEN_DATABASE_URL" in cli_env:
        pytest.skip("the SQLite file is what is created here")
    out = run(["event", "list"], cli_env, tmp_path)
    assert out.returncode == 0, out.stderr
    assert (Path(cli_env["KERUEN_DATA_DIR"]) / "keruen.sqlite3").exists()


def test_values_that_look_like_console_markup_are_shown_as_they_are(tmp_path: Path, cli_env):
    sheet = tmp_path / "markup.csv"
    sheet.write_text("bin;kind;region;name_ru\n050340259577;company;[/b];ТОО [bold]x\n", "utf-8")
    out = run(["import", "organizations", str(sheet)], cli_env, tmp_path)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "[/b]" in out.stderr
