"""`keruen schedule` solve / check / explain, with exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from keruen.cli.schedule import app

pytestmark = pytest.mark.unit
runner = CliRunner()


def write(tmp_path: Path, raw: dict[str, Any], name: str = "inst.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(raw))
    return path


def instance(**over: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "format": "keruen-schedule-instance/1",
        "slots": [{"id": 1, "day": 1}, {"id": 2, "day": 1}],
        "tables": 1,
        "participants": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
        "meetings": [
            {"id": "m1", "participants": ["a", "b"], "priority": 2},
            {"id": "m2", "participants": ["a", "c"]},
        ],
    }
    raw.update(over)
    return raw


def test_solve_check_explain(tmp_path: Path) -> None:
    inst = write(tmp_path, instance())
    out = tmp_path / "sol.json"
    res = runner.invoke(app, ["solve", str(inst), "-o", str(out), "--seconds", "5", "--seed", "1"])
    assert res.exit_code == 0, res.output
    sol = json.loads(out.read_text())
    assert sol["status"] == "optimal"
    assert {a["meeting"] for a in sol["assignments"]} == {"m1", "m2"}
    res = runner.invoke(app, ["check", str(inst), str(out)])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout.splitlines()[0])["objective"]["priority"] == 3
    res = runner.invoke(app, ["explain", str(inst), str(out), "m1"])
    assert res.exit_code == 0
    assert res.stdout.startswith("m1 (a, b) is scheduled at slot")


def test_infeasible_exits_3(tmp_path: Path) -> None:
    inst = write(tmp_path, instance(slots=[{"id": 1, "day": 1}]))
    res = runner.invoke(app, ["solve", str(inst), "-o", str(tmp_path / "s.json"), "--seconds", "5"])
    assert res.exit_code == 3


def test_invalid_input_exits_2_and_names_field(tmp_path: Path) -> None:
    bad = instance(meetings=[{"id": "m13", "participants": ["a", "p99"]}])
    res = runner.invoke(app, ["solve", str(write(tmp_path, bad)), "-o", str(tmp_path / "s.json")])
    assert res.exit_code == 2
    assert 'meetings[0] (id "m13").participants[1]: participant "p99" is not declared' in res.output


def test_check_rejects_a_bad_solution_and_explain_unscheduled(tmp_path: Path) -> None:
    inst = write(
        tmp_path, instance(objective={"schedule": "most"}, slots=[{"id": 1, "day": 1}], tables=2)
    )
    sol = {
        "format": "keruen-schedule-solution/1",
        "status": "feasible",
        "objective": {"priority": 3},
        "assignments": [{"meeting": "m1", "slot": 1}, {"meeting": "m2", "slot": 1}],
    }
    path = write(tmp_path, sol, "sol.json")
    res = runner.invoke(app, ["check", str(inst), str(path)])
    assert res.exit_code == 1
    assert "overlap" in res.output
    good = {
        "format": "keruen-schedule-solution/1",
        "status": "optimal",
        "objective": {"priority": 2},
        "assignments": [{"meeting": "m1", "slot": 1}],
        "unscheduled": [{"meeting": "m2", "reason": "busy"}],
    }
    path = write(tmp_path, good, "good.json")
    res = runner.invoke(app, ["explain", str(inst), str(path)])
    assert res.exit_code == 0
    assert "m2 (a, c) is not scheduled: no free time left in common" in res.stdout
    # and which meeting fills it, by the ids of the file, so the organizer knows what to move
    assert res.stdout.rstrip().endswith("their other meetings fill it (a: m1)"), res.stdout


def test_a_schedule_command_starts_without_the_database_layer(tmp_path: Path) -> None:
    """`keruen schedule check` as an organizer runs it: the right answer and exit code, and no
    SQLAlchemy or Alembic loaded on the way (they cost a `solve --seconds N` part of its N)."""
    import subprocess
    import sys

    inst = write(tmp_path, instance(objective={"schedule": "most"}, slots=[{"id": 1, "day": 1}]))
    sol = write(
        tmp_path,
        {
            "format": "keruen-schedule-solution/1",
            "status": "feasible",
            "objective": {"priority": 3},
            "assignments": [{"meeting": "m1", "slot": 1}, {"meeting": "m2", "slot": 1}],
        },
        "sol.json",
    )
    probe = (
        "import sys\n"
        f"sys.argv = ['keruen', 'schedule', 'check', {str(inst)!r}, {str(sol)!r}, '-l', 'en']\n"
        "from keruen.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as end:\n"
        "    code = end.code\n"
        "print('EXIT', code, sorted(m for m in ('sqlalchemy', 'alembic') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=300
    )
    assert "overlap" in out.stdout + out.stderr
    assert out.stdout.strip().splitlines()[-1] == "EXIT 1 []", out.stdout


def test_a_command_that_solves_nothing_does_not_load_the_engines() -> None:
    # every `keruen` command starts the whole CLI: OR-Tools (with pandas), openpyxl, Alembic,
    # icalendar and Jinja load only inside the commands that use them (seconds of start-up)
    import subprocess
    import sys

    heavy = ("ortools", "pandas", "openpyxl", "alembic", "icalendar", "jinja2", "weasyprint")
    probe = (
        "import sys\n"
        "sys.argv = ['keruen', '--help']\n"
        "from keruen.cli.main import app\n"
        "try:\n"
        "    app()\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=300
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(("locale", "label"), [("kk", "дана қате"), ("zh", "实例无效")])
def test_schedule_commands_take_the_readers_language(tmp_path: Path, locale: str, label: str):
    from keruen.i18n import current_locale, set_locale

    bad = tmp_path / "bad.json"
    bad.write_text("x,y\n", encoding="utf-8")
    before = current_locale()
    try:
        for args in (
            ["solve", str(bad), "-o", str(tmp_path / "s.json")],
            ["check", str(bad), str(bad)],
        ):
            res = runner.invoke(app, [*args, "--locale", locale])
            assert res.exit_code == 2
            assert label in res.output, res.output
    finally:
        set_locale(before)  # the language of the rest of the run


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("ru", ('участник "p99" не объявлен', "должно быть не меньше 1", "это не JSON: строка 1")),
        ("zh", ('参与者 "p99" 未声明', "必须至少为 1", "不是有效的 JSON：第 1 行")),
    ],
)
def test_what_is_wrong_in_an_instance_is_said_in_the_readers_language(
    tmp_path: Path, locale: str, words: tuple[str, str, str]
) -> None:
    """The field stays as written in the file; the sentence about it is the reader's."""
    from keruen.i18n import current_locale, set_locale

    undeclared = instance(meetings=[{"id": "m13", "participants": ["a", "p99"]}])
    zero = instance(meetings=[{"id": "m1", "participants": ["a", "b"], "priority": 0}])
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    files = [write(tmp_path, undeclared, "u.json"), write(tmp_path, zero, "z.json"), broken]
    before = current_locale()
    try:
        for path, expected, field in zip(
            files, words, ('meetings[0] (id "m13").participants[1]', "priority", ""), strict=True
        ):
            res = runner.invoke(
                app, ["solve", str(path), "-o", str(tmp_path / "s.json"), "--locale", locale]
            )
            assert res.exit_code == 2
            flat = " ".join(res.output.split())
            assert expected in flat and field in flat, res.output
        good = str(write(tmp_path, instance()))
        args = ["solve", good, "-o", str(tmp_path / "s.json"), "--seconds", "5", "--quiet"]
        res = runner.invoke(app, [*args, "--locale", locale])
        assert res.exit_code == 0
        assert ("оптимально" if locale == "ru" else "最优") in res.output, res.output
    finally:
        set_locale(before)


def test_check_and_explain_say_it_in_the_readers_language(tmp_path: Path) -> None:
    """What a broken solution breaks, why a meeting is left out and which file cannot be read:
    sentences from the catalogs, with the ids of the files as written."""
    from keruen.i18n import current_locale, set_locale

    inst = write(
        tmp_path, instance(objective={"schedule": "most"}, slots=[{"id": 1, "day": 1}], tables=2)
    )
    clash = {
        "format": "keruen-schedule-solution/1",
        "status": "feasible",
        "objective": {"priority": 3},
        "assignments": [{"meeting": "m1", "slot": 1}, {"meeting": "m2", "slot": 1}],
    }
    left_out = {
        "format": "keruen-schedule-solution/1",
        "status": "optimal",
        "objective": {"priority": 2},
        "assignments": [{"meeting": "m1", "slot": 1}],
        "unscheduled": [{"meeting": "m2", "reason": "busy"}],
    }
    bad, good = write(tmp_path, clash, "bad.json"), write(tmp_path, left_out, "good.json")
    wrong_status = write(tmp_path, {**left_out, "status": "done"}, "status.json")
    before = current_locale()
    try:
        res = runner.invoke(app, ["check", str(inst), str(bad), "--locale", "ru"])
        assert res.exit_code == 1
        assert "у a 2 встреч(и) в слоте 1: m1, m2" in " ".join(res.output.split()), res.output
        res = runner.invoke(app, ["explain", str(inst), str(good), "--locale", "zh"])
        assert res.exit_code == 0
        assert res.stdout.startswith("m2（a, c）未排入日程：已没有共同的空闲时间"), res.stdout
        res = runner.invoke(app, ["explain", str(inst), str(good), "m7", "--locale", "kk"])
        assert res.exit_code == 2
        assert "мұндай кездесу жоқ: m7" in res.output, res.output
        res = runner.invoke(app, ["check", str(inst), str(tmp_path / "none.json"), "-l", "kk"])
        assert res.exit_code == 2
        assert "none.json жоқ" in res.output, res.output
        res = runner.invoke(app, ["solve", str(tmp_path), "-o", str(good), "-l", "zh"])
        assert res.exit_code == 2
        assert "是文件夹，不是文件" in res.output, res.output
        broken = tmp_path / "broken.json"
        broken.write_text('{"format": ', encoding="utf-8")
        res = runner.invoke(app, ["check", str(inst), str(broken), "-l", "ru"])
        assert res.exit_code == 2
        flat = " ".join(res.output.split())
        assert "строка 1, столбец 12: не хватает значения" in flat, res.output
        res = runner.invoke(app, ["check", str(inst), str(wrong_status), "--locale", "ru"])
        assert res.exit_code == 2
        flat = " ".join(res.output.split())
        assert "status: должно быть одним из: 'optimal'" in flat, res.output
    finally:
        set_locale(before)


def test_a_solution_is_written_whole_and_a_missing_folder_is_said_before_the_solve(
    tmp_path: Path,
) -> None:
    from keruen.i18n import current_locale, set_locale

    inst = write(tmp_path, instance())
    before = current_locale()
    try:
        res = runner.invoke(
            app, ["solve", str(inst), "-o", str(tmp_path / "no" / "s.json"), "-l", "zh"]
        )
        assert res.exit_code == 2
        assert "文件夹" in res.output and "不存在" in res.output, res.output
    finally:
        set_locale(before)
    out = tmp_path / "s.json"
    res = runner.invoke(app, ["solve", str(inst), "-o", str(out), "--seconds", "5", "-q"])
    assert res.exit_code == 0, res.output
    assert json.loads(out.read_text())["status"] == "optimal"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inst.json", "s.json"]  # no part left
