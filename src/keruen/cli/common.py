"""What every command shares: the reader's language, the one unit of work, error output and the
four output formats. A command opens `unit()` (the boundary of `keruen.boundary`): a domain
refusal, rejected input, a database that does not answer or is busy all end here as one
translated line (or a table of problems) and exit code 2, never as a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from keruen.config import Settings, get_settings
from keruen.core.errors import InputRejected, KeruenError
from keruen.core.i18n_markers import N_
from keruen.exports.tabular import Listing, render_bytes
from keruen.i18n import (
    current_locale,
    get_translations,
    gettext,
    ngettext,
    normalize_locale,
    set_locale,
)

if TYPE_CHECKING:  # the database layer loads only for the commands that open a unit of work
    from sqlalchemy.orm import Session

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

EXIT_BAD_INPUT = 2
_ = gettext
__all__ = ["EXIT_BAD_INPUT", "Fmt", "FormatOption", "LocaleOption", "OutputOption", "_", "ngettext"]


def chosen_on_command_line(argv: list[str] | None = None) -> str | None:
    """The language given by `--locale`/`-l` anywhere on the command line (before the command
    or after it), or None."""
    args = list(sys.argv[1:] if argv is None else argv)
    for index, arg in enumerate(args):
        if arg in ("--locale", "-l") and index + 1 < len(args):
            return normalize_locale(args[index + 1])
        if arg.startswith("--locale="):
            return normalize_locale(arg.split("=", 1)[1])
    return None


def locale_from_environment(argv: list[str] | None = None) -> str:
    """The reader's language: `--locale`/`-l` on the command line, then KERUEN_LOCALE, LC_ALL,
    LC_MESSAGES, LANG, then the configured default."""
    chosen = chosen_on_command_line(argv)
    if chosen:
        return chosen
    for name in ("KERUEN_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value and not value.startswith(("C", "POSIX")):
            return normalize_locale(value)
    return normalize_locale(os.environ.get("KERUEN_DEFAULT_LOCALE") or "en")


def use_locale(locale: str | None) -> str:
    """Make `locale` (or the environment's) the language of everything printed from now on,
    click's and typer's own words included."""
    chosen = set_locale(locale or locale_from_environment())
    _library_words()
    return chosen


# typer (and click, where typer uses it) say "Options", "Commands", "Error", "No such command"
# through the standard library's gettext, which knows none of our catalogs: their modules' `_`
# and `ngettext` are pointed at the `cli` catalogs (src/keruen/locale/*/LC_MESSAGES/cli.po),
# and typer's rich titles, module constants, are set again for the reader's language. What
# typer's own copy of click says in plain English (a missing argument, an unknown option) is
# said again from our catalogs by `guarded`.
LIBRARY_MODULES = (
    "typer.core",
    "typer.rich_utils",
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
)
_RICH_WORDS = {
    "DEPRECATED_STRING": "(deprecated) ",
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}


def library_gettext(message: str) -> str:
    return get_translations(current_locale(), "cli").gettext(message)


def library_ngettext(singular: str, plural: str, n: int) -> str:
    return get_translations(current_locale(), "cli").ngettext(singular, plural, n)


def _library_words() -> None:
    import gettext as stdlib
    import importlib

    for name in LIBRARY_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # click itself is not installed beside typer's own copy
            continue
        if getattr(module, "_", None) in (stdlib.gettext, library_gettext):
            module._ = library_gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) in (stdlib.ngettext, library_ngettext):
            module.ngettext = library_ngettext  # type: ignore[attr-defined]
    rich_utils = sys.modules.get("typer.rich_utils")
    for constant, message in _RICH_WORDS.items():
        if rich_utils is not None and hasattr(rich_utils, constant):
            setattr(rich_utils, constant, library_gettext(message))
    formatting = _click_module("formatting")
    if formatting is not None and not hasattr(formatting.HelpFormatter, "keruen_usage"):
        write_usage = formatting.HelpFormatter.write_usage

        def translated_usage(self: Any, prog: str, args: str = "", prefix: Any = None) -> None:
            if prefix is None:
                prefix = f"{library_gettext('Usage:')} "
            write_usage(self, prog, args, prefix)

        formatting.HelpFormatter.write_usage = translated_usage
        formatting.HelpFormatter.keruen_usage = True
    core = _click_module("core")
    if core is not None and not hasattr(core.Command, "keruen_help"):
        help_option = core.Command.get_help_option

        def translated_help_option(self: Any, ctx: Any) -> Any:
            option = help_option(self, ctx)
            if option is not None:
                option.help = library_gettext("Show this message and exit.")
            return option

        core.Command.get_help_option = translated_help_option
        core.Command.keruen_help = True
    _placeholder_words(core)


#: the placeholders of a usage line and of an option's value, said in the reader's language
#: ("[OPTIONS]" and "<int>" are typer's English); a choice (`<pdf|xlsx>`) stays as typed
_PLACEHOLDERS = {
    "[OPTIONS]": N_("[OPTIONS]"),
    "COMMAND [ARGS]...": N_("COMMAND [ARGS]..."),
    "<str>": N_("<text>"),
    "<int>": N_("<integer>"),
    "<float>": N_("<number>"),
    "<path>": N_("<path>"),
    "<list[str]>": N_("<text>..."),  # an option given once for each value
}


def _placeholder(word: Any) -> Any:
    return gettext(_PLACEHOLDERS[word]) if isinstance(word, str) and word in _PLACEHOLDERS else word


def _placeholder_words(core: Any) -> None:
    typer_core = sys.modules.get("typer.core")
    if core is None or typer_core is None or hasattr(core.Command, "keruen_placeholders"):
        return
    usage_pieces = core.Command.collect_usage_pieces
    group_pieces = typer_core.TyperGroup.collect_usage_pieces

    def command_pieces(self: Any, ctx: Any) -> list[str]:
        return [_placeholder(piece) for piece in usage_pieces(self, ctx)]

    def group_usage(self: Any, ctx: Any) -> list[str]:
        return [_placeholder(piece) for piece in group_pieces(self, ctx)]

    core.Command.collect_usage_pieces = command_pieces
    typer_core.TyperGroup.collect_usage_pieces = group_usage
    core.Command.keruen_placeholders = True
    parameter = getattr(typer_core, "_TyperParameter", None)
    if parameter is not None and hasattr(parameter, "display_type"):
        display_type = parameter.display_type

        def translated_type(self: Any, ctx: Any) -> Any:
            return _placeholder(display_type(self, ctx))

        parameter.display_type = translated_type


def _click_module(name: str) -> Any:
    """typer's own copy of click (typer 0.2x), else click."""
    import importlib

    for package in ("typer._click", "click"):
        try:
            return importlib.import_module(f"{package}.{name}")
        except ImportError:
            continue
    return None


# The reader's language is known before any help text below is built (`--help` translated).
use_locale(None)


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    label = _("error")
    err_console.print(f"[bold red]{escape(label)}:[/] {escape(message)}")
    return typer.Exit(code)


def report_rejected(error: InputRejected) -> typer.Exit:
    t = get_translations(current_locale())
    table = Table(
        title=t.gettext("Nothing was written. Problems found:"),
        title_justify="left",
        show_lines=False,
    )
    for column in (t.gettext("sheet"), t.gettext("row"), t.gettext("column"), t.gettext("problem")):
        table.add_column(column, overflow="fold")
    for problem in error.problems:
        table.add_row(
            escape(problem.sheet or ""),
            str(problem.row or ""),
            escape(problem.column or ""),
            escape(problem.render(t)),
        )
    err_console.print(table)
    return typer.Exit(EXIT_BAD_INPUT)


def report(error: KeruenError) -> typer.Exit:
    """Any error of ours, in the reader's language, as exit code 2."""
    from keruen import boundary

    if isinstance(error, InputRejected):
        return report_rejected(error)
    refusal = boundary.refusal(error, get_translations(current_locale()))
    return fail(refusal.message)


@contextmanager
def unit(settings: Settings | None = None, *, read_only: bool = False) -> Iterator[Session]:
    """The command's unit of work: committed at the end, rolled back on any error, and every
    refusal turned into a message and exit code 2."""
    from keruen import boundary

    try:
        with boundary.unit_of_work(settings or get_settings(), read_only=read_only) as session:
            yield session
    except KeruenError as error:
        raise report(error) from None


def guarded(run: Callable[[], object]) -> NoReturn:
    """Run a command line: whatever goes wrong that a user can cause ends in one line."""
    from pydantic import ValidationError

    errors = _click_module("exceptions")
    try:
        code = run()
    except errors.UsageError as error:
        sys.exit(_usage_error(error))
    except errors.ClickException as error:
        sys.exit(fail(error.format_message(), error.exit_code).exit_code)
    except typer.Abort:
        err_console.print(_("interrupted; nothing more was written"))
        sys.exit(1)
    except KeruenError as error:
        sys.exit(report(error).exit_code)
    except ValidationError as error:  # settings from the environment
        sys.exit(fail(_("invalid setting: %(detail)s") % {"detail": _setting(error)}).exit_code)
    except KeyboardInterrupt:
        err_console.print(_("interrupted; nothing more was written"))
        sys.exit(130)
    except Exception as error:
        if "sqlalchemy" in sys.modules:  # only a command that opened the database gets here
            from sqlalchemy.exc import DBAPIError

            if isinstance(error, DBAPIError):
                from keruen import boundary

                sys.exit(report(boundary.database_error(error, get_settings())).exit_code)
        # A defect of ours, not a user's mistake: one line for the user, the details in a log
        # file for the report (KERUEN_DEBUG=1 shows them here instead).
        import traceback

        if os.environ.get("KERUEN_DEBUG"):
            raise
        log = _crash_log(traceback.format_exc())
        err_console.print(
            _("keruen failed unexpectedly; nothing more was written. Details: %(path)s")
            % {"path": log}
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def _usage_error(error: Any) -> int:
    """A mistyped command line, said from our catalogs: the usage line, what is wrong, and
    where the help is (typer's copy of click says it in English only)."""
    errors = _click_module("exceptions")
    if type(error).__name__ == "NoArgsIsHelpError" or error.ctx is None:
        error.show()
        return int(error.exit_code)
    ctx = error.ctx
    hint = ""
    param = getattr(error, "param", None)
    if getattr(error, "param_hint", None):
        raw = error.param_hint
        hint = raw if isinstance(raw, str) else " / ".join(repr(x) for x in raw)
    elif param is not None:
        hint = param.get_error_hint()
    if isinstance(error, errors.MissingParameter):
        kind = error.param_type or (param.param_type_name if param is not None else "")
        said = (
            _("missing argument %(name)s") if kind == "argument" else _("missing option %(name)s")
        ) % {"name": hint}
    elif isinstance(error, errors.NoSuchOption):
        said = _("no such option: %(name)s") % {"name": error.option_name}
        if error.possibilities:
            said += " " + _("(did you mean %(names)s?)") % {
                "names": ", ".join(sorted(error.possibilities))
            }
    elif isinstance(error, errors.BadParameter) and hint:
        said = _("invalid value for %(name)s: %(detail)s") % {
            "name": hint,
            "detail": _bad_value(error),
        }
    elif error.message.startswith("Got unexpected extra argument"):
        extra = error.message.rpartition("(")[2].rstrip(")")
        said = _("unexpected extra arguments: %(args)s") % {"args": extra}
    else:
        said = error.message
        if ". Did you mean " in said:
            said, _sep, names = said.partition(". Did you mean ")
            said += ". " + _("(did you mean %(names)s?)") % {"names": names.rstrip("?")}
    err_console.print(escape(ctx.get_usage()), highlight=False)
    help_option = ctx.help_option_names[0] if ctx.help_option_names else "--help"
    err_console.print(
        escape(_("Help: %(command)s") % {"command": f"{ctx.command_path} {help_option}"}),
        highlight=False,
    )
    fail(said)
    return int(error.exit_code)


def _bad_value(error: Any) -> str:
    """What is wrong with a value typed on the command line, from our catalogs: typer checks
    values with pydantic, whose message ("Input should be a valid integer…") is English."""
    cause = error.__cause__
    problems = cause.errors() if cause is not None and hasattr(cause, "errors") else []
    if not problems:
        return str(error.message)  # our own checks say it in the reader's language already
    kind = str(problems[0].get("type", ""))
    value = repr(problems[0].get("input"))
    if kind.startswith("int_"):
        return _("%(value)s is not a whole number") % {"value": value}
    if kind.startswith(("float_", "decimal_")):
        return _("%(value)s is not a number") % {"value": value}
    if kind.startswith("bool_"):
        return _("%(value)s is not yes or no") % {"value": value}
    if kind.startswith(("date", "time")):
        return _("%(value)s is not a date and time") % {"value": value}
    choices = _choices_of(error.param)
    if choices:
        return _("%(value)s is not one of: %(choices)s") % {
            "value": value,
            "choices": ", ".join(choices),
        }
    return _("%(value)s is not accepted here") % {"value": value}


def _choices_of(param: Any) -> list[str]:
    """The values an option accepts when its type is an enumeration (`--format`)."""
    from enum import Enum

    described = getattr(param, "type_descriptor", None)
    annotation = getattr(described, "annotation", None)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(member.value) for member in annotation]
    return [str(choice) for choice in getattr(described, "choices", None) or ()]


def _setting(error: Any) -> str:
    """Which variable of the environment holds what (`KERUEN_IMPORT_MAX_ROWS='many'`): names and
    values, not pydantic's English."""
    said = []
    for problem in error.errors():
        name = "_".join(str(part) for part in problem.get("loc", ())).upper()
        if name and error.title == "Settings":
            said.append(f"KERUEN_{name}={problem.get('input')!r}")
    return ", ".join(said) or str(error).splitlines()[0]


def _crash_log(text: str) -> str:
    import tempfile
    from datetime import UTC, datetime

    try:
        folder = get_settings().data_dir
        folder.mkdir(parents=True, exist_ok=True)
    except Exception:
        folder = Path(tempfile.gettempdir())
    path = folder / f"keruen-crash-{datetime.now(UTC):%Y%m%dT%H%M%S}.log"
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- output formats ------------------------------------------------------------------------


class Fmt(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


FormatOption = Annotated[
    Fmt, typer.Option("--format", "-f", help=_("table, json, csv or xlsx"), case_sensitive=False)
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help=_("Write to this file instead of the screen"))
]
LocaleOption = Annotated[
    str | None, typer.Option("--locale", "-l", help=_("ru, kk, zh or en (default: from LANG)"))
]


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def show_table(listing: Listing) -> None:
    table = Table(title=escape(listing.title), title_justify="left")
    for column in listing.columns:
        table.add_column(escape(column.title), overflow="fold")
    for row in listing.rows:
        table.add_row(*(escape(cell(v)) for v in row))
    console.print(table)


def emit(listing: Listing, fmt: Fmt, output: Path | None) -> None:
    """Print or write a listing in the chosen format (XLSX needs --output)."""
    if fmt == Fmt.table and output is None:
        show_table(listing)
        return
    if fmt == Fmt.table:
        fmt = Fmt.csv if output is not None and output.suffix.lower() == ".csv" else Fmt.xlsx
    data = render_bytes(listing, fmt.value)
    if output is None:
        if fmt == Fmt.xlsx:
            raise fail(_("an Excel file cannot go to the screen: add --output FILE.xlsx"))
        sys.stdout.write(data.decode("utf-8-sig"))
        if not data.endswith(b"\n"):
            sys.stdout.write("\n")
        return
    write_file(output, data)


def write_file(output: Path, data: bytes) -> None:
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
    except OSError as error:
        raise fail(
            _("cannot write %(path)s: %(reason)s") % {"path": output, "reason": error.strerror}
        ) from None
    err_console.print(_("written to %(path)s") % {"path": output})
