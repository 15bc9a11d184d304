"""The CLI as a newcomer runs it: real processes, a real database file, exit codes."""

from __future__ import annotations

import pytest

from tests.cli.conftest import run
from tests.factories import org_row, write_xlsx

pytestmark = pytest.mark.integration


def test_reference_lookup_in_several_languages(cli_env, tmp_path):
    out = run(["reference", "hs", "5201", "--locale", "ru"], cli_env, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "5201" in out.stdout and "520100" not in out.stdout.split("5201")[0]
    out = run(["reference", "isic", "spinning"], cli_env, tmp_path)
    assert out.returncode == 0 and "1311" in out.stdout
    out = run(["reference", "hs", "zzzzqqq"], cli_env, tmp_path)
    assert out.returncode == 2 and "no HS code" in out.stderr


def test_template_then_import_then_bad_import(cli_env, tmp_path):
    assert run(["db", "upgrade"], cli_env, tmp_path).returncode == 0
    template = tmp_path / "t.xlsx"
    out = run(["template", "organizations", "-o", str(template)], cli_env, tmp_path)
    assert out.returncode == 0 and template.stat().st_size > 10_000
    good = write_xlsx(tmp_path / "good.xlsx", {"organizations": [org_row()]})
    out = run(["import", "organizations", str(good)], cli_env, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "organizations" in out.stdout and "1" in out.stdout
    out = run(["import", "organizations", str(good)], cli_env, tmp_path)
    assert out.returncode == 0 and "Nothing changed" in out.stdout
    bad = write_xlsx(tmp_path / "bad.xlsx", {"organizations": [org_row(hs_offers="999999")]})
    out = run(["import", "organizations", str(bad), "--locale", "en"], cli_env, tmp_path)
    assert out.returncode == 2
    assert "Nothing was written" in out.stderr and "999999" in out.stderr


@pytest.mark.slow
def test_demo_match_requests_and_plan_from_the_command_line(cli_env, tmp_path):
    out = run(["demo"], cli_env, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Turkestan–Bayingol" in out.stdout and "Interpreters:" in out.stdout
    slug = "turkestan-bayingol-2027"
    out = run(
        ["match", "--event", slug, "--org", "kz-cotton-maktaaral", "--top", "2"], cli_env, tmp_path
    )
    assert out.returncode == 0, out.stderr
    assert "ТН ВЭД 520100" in out.stdout  # the grower's delegate reads Russian
    out = run(
        ["match", "--event", slug, "--org", "kz-cotton-maktaaral", "-l", "zh"],
        {**cli_env, "COLUMNS": "80"},  # a terminal's usual width
        tmp_path,
    )
    assert "HS 520100" in out.stdout and "棉" in out.stdout
    # a Chinese reason has no spaces to wrap at: it folds beside its bullet, never below it
    assert not [line for line in out.stdout.splitlines() if line.strip() == "·"], out.stdout
    # the language chosen before the command is a choice too, not "each reader's own"
    before = run(
        ["-l", "zh", "match", "--event", slug, "--org", "kz-cotton-maktaaral"], cli_env, tmp_path
    )
    assert "HS 520100" in before.stdout and "ТН ВЭД" not in before.stdout, before.stdout
    # no suggestions asked for is a mistake, said in the reader's language, not empty lists
    zero = run(["-l", "zh", "match", "--event", slug, "--top", "0"], cli_env, tmp_path)
    assert zero.returncode == 2 and "--top" in zero.stderr and "Traceback" not in zero.stderr
    assert "不能小于" in zero.stderr and "暂无" not in zero.stdout, zero.stderr
    out = run(["requests", "from-suggestions", "--event", slug, "--top", "1"], cli_env, tmp_path)
    assert out.returncode == 0 and "request(s) sent" in out.stdout
    out = run(["requests", "list", "--event", slug, "--status", "pending"], cli_env, tmp_path)
    assert "pending" in out.stdout
    out = run(["plan", "--event", slug], cli_env, tmp_path)
    assert out.returncode == 2 and "no accepted meeting requests" in out.stderr
    out = run(
        ["requests", "force", "--event", slug, "kz-cotton-maktaaral-1", "cn-spinning-korla-1"],
        cli_env,
        tmp_path,
    )
    assert out.returncode == 0 and "accepted by the organizer" in out.stdout, out.stderr
    out = run(["plan", "--event", slug, "--seconds", "5", "--publish"], cli_env, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Schedule version 1 (published)" in out.stdout and "1 of 1 meetings held" in out.stdout
    out = run(["plan", "--event", "no-such-event"], cli_env, tmp_path)
    assert out.returncode == 2 and "no-such-event" in out.stderr


def test_a_bad_setting_or_a_silent_database_is_one_line_in_the_readers_language(cli_env, tmp_path):
    """A wrong variable of the environment names itself and its value; a database that does not
    answer is said as such; neither ends in a traceback, whichever command was run."""
    bad = {**cli_env, "KERUEN_IMPORT_MAX_ROWS": "many", "LANG": "ru_RU.UTF-8"}
    out = run(["event", "list"], bad, tmp_path)
    assert out.returncode == 2, out.stderr
    said = " ".join(out.stderr.split())
    assert "неверная настройка: KERUEN_IMPORT_MAX_ROWS='many'" in said, out.stderr
    assert "Traceback" not in out.stderr
    # the schedule tools read no settings: files in, files out
    out = run(["schedule", "check", "a.json", "b.json"], bad, tmp_path)
    assert out.returncode == 2 and "a.json не существует" in out.stderr, out.stderr
    silent = {**cli_env, "KERUEN_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"}
    out = run(["event", "list"], silent, tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "does not answer" in " ".join(out.stderr.split()), out.stderr


def test_the_language_may_be_chosen_before_the_command_too(cli_env, tmp_path):
    """`keruen --locale ru event list` as a newcomer types it, and every help line translated."""
    assert run(["db", "upgrade"], cli_env, tmp_path).returncode == 0
    out = run(["--locale", "ru", "event", "list"], cli_env, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Мероприятия" in out.stdout or "мероприят" in out.stdout.lower(), out.stdout
    helped = run(["-l", "zh", "--help"], cli_env, tmp_path)
    assert "ru、kk、zh 或 en（默认取自 LANG）" in helped.stdout, helped.stdout


def test_a_mistyped_command_line_is_answered_in_the_readers_language(cli_env, tmp_path):
    """What typer says in English only (the usage line, a missing argument, an unknown option
    or command, extra arguments, the help screen's titles) is said from our catalogs."""
    out = run(["-l", "ru", "event", "lst"], cli_env, tmp_path)
    said = " ".join(out.stderr.split())
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert said.startswith("Использование: keruen event"), out.stderr
    assert "Нет такой команды: 'lst'" in said and "(может быть, 'list'?)" in said, said
    assert "Справка: keruen event --help" in said, said
    out = run(["schedule", "solve", "-l", "zh"], cli_env, tmp_path)
    assert out.returncode == 2 and "缺少参数 '实例'" in out.stderr, out.stderr
    out = run(["-l", "kk", "event", "list", "--bogus"], cli_env, tmp_path)
    assert out.returncode == 2 and "мұндай параметр жоқ: --bogus" in out.stderr, out.stderr
    out = run(["-l", "ru", "schedule", "check", "a.json", "b.json", "c.json"], cli_env, tmp_path)
    assert out.returncode == 2 and "лишние аргументы: c.json" in out.stderr, out.stderr
    helped = run(["-l", "kk", "event", "--help"], cli_env, tmp_path)
    assert helped.returncode == 0
    for words in ("Қолданылуы:", "Параметрлер", "Командалар", "Осы анықтаманы көрсетіп, шығу."):
        assert words in helped.stdout, helped.stdout


def test_a_wrong_value_and_the_usage_placeholders_are_in_the_readers_language(cli_env, tmp_path):
    """typer checks a value with pydantic ("Input should be a valid integer…") and writes its
    placeholders ("[OPTIONS]", "<int>") in English: both come from our catalogs."""
    out = run(["-l", "ru", "report", "-o", "x", "-f", "docx"], cli_env, tmp_path)
    said = " ".join(out.stderr.split())
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "'docx' — не одно из: pdf, xlsx" in said, said
    assert said.startswith("Использование: keruen report [ПАРАМЕТРЫ]"), said
    out = run(["-l", "zh", "serve", "--port", "8x"], cli_env, tmp_path)
    assert out.returncode == 2 and "'8x' 不是整数" in out.stderr, out.stderr
    out = run(["-l", "kk", "plan", "--seconds", "soon"], cli_env, tmp_path)
    assert out.returncode == 2 and "'soon' сан емес" in out.stderr, out.stderr
    helped = run(["-l", "ru", "schedule", "check", "--help"], cli_env, tmp_path)
    screen = " ".join(helped.stdout.split())
    assert "keruen schedule check [ПАРАМЕТРЫ] {ЭКЗЕМПЛЯР} {РЕШЕНИЕ}" in screen, screen
    for english in ("[OPTIONS]", "<path>", "<str>", "<int>", "INSTANCE", "Input should"):
        assert english not in helped.stdout + out.stderr


def test_a_mistyped_schema_revision_is_one_line_and_changes_nothing(cli_env, tmp_path):
    """`keruen db upgrade 0O11` (a typo) ended in a crash log; it names the revisions known."""
    assert run(["db", "upgrade"], cli_env, tmp_path).returncode == 0
    for verb in ("upgrade", "downgrade"):
        out = run(["-l", "ru", "db", verb, "0O11"], cli_env, tmp_path)
        said = " ".join(out.stderr.split())
        assert out.returncode == 2 and "Traceback" not in said and "crash" not in said, said
        assert "нет ревизии схемы 0O11" in said, said
    out = run(["db", "current"], cli_env, tmp_path)
    head = out.stdout.split("needs ")[1].split(")")[0]
    assert f"schema: {head} (this keruen needs {head})" in out.stdout, out.stdout


def test_an_organizer_account_from_a_pipe_asks_twice_and_checks_the_address_first(
    cli_env, tmp_path
):
    """The password is read twice, as two lines from a pipe, with no English warning from
    getpass; a mistyped address is refused before it is asked; nothing half-written."""
    assert run(["db", "upgrade"], cli_env, tmp_path).returncode == 0
    out = run(["-l", "ru", "account", "create", "organizer.kz"], cli_env, tmp_path)
    said = " ".join(out.stderr.split())
    assert out.returncode == 2 and "organizer.kz — не адрес электронной почты" in said, said
    assert "Warning" not in said and "Пароль" not in said + out.stdout
    out = run(
        ["-l", "kk", "account", "create", "a@keruen.kz"],
        cli_env,
        tmp_path,
        input="secret-pass-1\nsecret-pass-2\n",
    )
    said = " ".join(out.stderr.split())
    assert out.returncode == 2 and "екі құпиясөз сәйкес емес" in said, said
    assert "Warning" not in said and "Repeat" not in said + out.stdout
    out = run(["link", "a@keruen.kz"], cli_env, tmp_path)
    assert out.returncode == 2, out.stdout  # no account was made
    out = run(
        ["-l", "zh", "account", "create", "a@keruen.kz"],
        cli_env,
        tmp_path,
        input="secret-pass-1\nsecret-pass-1\n",
    )
    assert out.returncode == 0 and "账户 a@keruen.kz 可以登录" in out.stdout, out.stderr
    helped = run(["-l", "ru", "account", "create", "--help"], cli_env, tmp_path)
    assert "-e, --event <текст>..." in helped.stdout, helped.stdout
