"""Every interface message in the source is in every catalog, translated, with its placeholders.

The msgids are extracted from `src/keruen` with Babel, with the keywords the project uses:
`_`, `gettext`, `N_` and `ngettext:1,2` for the domain `messages` (everything outside
`keruen/matching`), and `N_`, `Nn_:1,2` for the domain `matching` (`keruen/matching/explain.py`
has its own markers and its strings live in `matching.po`). The Jinja2 templates of the web
pages are read with Jinja2's Babel extractor. A small AST pass adds the marker calls Babel
cannot see on Python < 3.12: those inside an f-string.

A catalog entry counts when it is present, not fuzzy (fuzzy entries are not compiled) and
translated: every plural form non-empty. English is the source language, so an `en` msgstr may
be empty (the msgid is shown) or repeat the msgid. Every translation keeps exactly the named
placeholders of its msgid: a wrong name raises KeyError when the text is formatted.
"""

from __future__ import annotations

import ast
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from gettext import c2py
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import keruen

pytestmark = pytest.mark.unit

SRC = Path(keruen.__file__).parent
LOCALE_DIR = SRC / "locale"
LOCALES = ("ru", "kk", "zh", "en")
SOURCE_LOCALE = "en"

MESSAGES_KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "_": None,
    "gettext": None,
    "N_": None,
    "ngettext": (1, 2),
}
MATCHING_KEYWORDS: dict[str, tuple[int, ...] | None] = {"N_": None, "Nn_": (1, 2)}
MESSAGES_METHODS = [
    ("matching/**.py", "ignore"),
    ("**.py", "python"),
    ("**/templates/**.html", "jinja2.ext:babel_extract"),  # the web pages
]

# Python %-directives: named `%(name)s`, `%(seconds).1f`; unnamed `%s`, `%d`; and `%%`.
_DIRECTIVE = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?(?P<spec>[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?)"
    r"(?P<conv>[diouxXeEfFgGcrsa%])"
)


@dataclass(frozen=True)
class Msg:
    msgid: str
    plural: str | None
    path: str  # where it is first used
    line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def _key(msgid: str | tuple[str, ...]) -> tuple[str, str | None]:
    if isinstance(msgid, tuple):
        return msgid[0], msgid[1] if len(msgid) > 1 else None
    return msgid, None


def _fstring_calls(
    root: Path, keywords: dict[str, tuple[int, ...] | None], skip: Path | None
) -> Iterable[tuple[str, int, str | tuple[str, ...]]]:
    """Marker calls with literal arguments inside f-strings (Babel's tokenizer skips these)."""
    for path in sorted(root.rglob("*.py")):
        if skip is not None and skip in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for joined in ast.walk(tree):
            if not isinstance(joined, ast.JoinedStr):
                continue
            for node in ast.walk(joined):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if name not in keywords:
                    continue
                count = 2 if keywords[name] else 1
                args = node.args[:count]
                if len(args) == count and all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args
                ):
                    values = tuple(a.value for a in args if isinstance(a, ast.Constant))
                    rel = str(path.relative_to(root))
                    yield rel, node.lineno, values if count == 2 else values[0]


@cache
def extracted(domain: str) -> dict[tuple[str, str | None], Msg]:
    if domain == "messages":
        root, keywords = SRC, MESSAGES_KEYWORDS
        method_map = MESSAGES_METHODS
        skip: Path | None = SRC / "matching"
    else:
        root, keywords = SRC / "matching", MATCHING_KEYWORDS
        method_map = [("**.py", "python")]
        skip = None
    found: dict[tuple[str, str | None], Msg] = {}

    def add(filename: str, lineno: int, message: str | tuple[str, ...]) -> None:
        key = _key(message)
        if key[0] and key not in found:
            prefix = "" if root == SRC else "matching/"
            found[key] = Msg(key[0], key[1], f"src/keruen/{prefix}{filename}", lineno)

    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(root), method_map=method_map, keywords=keywords
    ):
        add(filename, lineno, message)
    for filename, lineno, message in _fstring_calls(root, keywords, skip):
        add(filename, lineno, message)
    return found


@cache
def catalog(locale: str, domain: str) -> Catalog:
    with (LOCALE_DIR / locale / "LC_MESSAGES" / f"{domain}.po").open("rb") as fh:
        return read_po(fh, locale=locale, domain=domain)


def _named(text: str) -> set[str]:
    return {m["name"] for m in _DIRECTIVE.finditer(text) if m["name"] is not None}


def _placeholder_problem(translation: str, *expected: str) -> str | None:
    """Why `translation` would not format like its msgid (one of `expected`), or None."""
    have = _named(translation)
    wants = [_named(text) for text in expected]
    if have not in wants:
        shown = " or ".join(str(sorted(w)) for w in wants)
        return f"placeholders {sorted(have)} instead of {shown}"
    if have:
        unnamed = [m[0] for m in _DIRECTIVE.finditer(translation) if m["name"] is None]
        if any(d != "%%" for d in unnamed):
            return f"unnamed directive(s) {unnamed} next to named ones"
        try:
            translation % dict.fromkeys(set().union(*wants), 1)
        except (KeyError, ValueError, TypeError) as error:
            return f"does not format: {error!r}"
    return None


def problems(
    cat: Catalog, messages: dict[tuple[str, str | None], Msg], *, source_language: bool = False
) -> list[str]:
    """Every way `cat` fails the extracted `messages`, one line each, in source order."""
    found: list[str] = []
    for (msgid, plural), msg in sorted(messages.items(), key=lambda kv: (kv[1].path, kv[1].line)):
        label = f"{msg.where}: {msgid!r}"
        entry = cat.get(msgid)
        if entry is None:
            found.append(f"missing {label}")
            continue
        if entry.fuzzy:
            found.append(f"fuzzy (not used) {label}")
            continue
        if plural is None:
            if entry.pluralizable:
                found.append(f"plural in the catalog, singular in the source {label}")
                continue
            forms = [entry.string]
        else:
            if not entry.pluralizable:
                found.append(f"singular in the catalog, ngettext in the source {label}")
                continue
            if entry.id[1] != plural:
                found.append(f"plural msgid differs ({entry.id[1]!r}) {label}")
                continue
            forms = list(entry.string)
            if len(forms) != cat.num_plurals:
                found.append(f"{len(forms)} plural forms, header says {cat.num_plurals}, {label}")
                continue
        for index, form in enumerate(forms):
            if not form:
                if not source_language:  # in English an empty msgstr shows the msgid
                    found.append(f"untranslated (form {index}) {label}")
                continue
            if plural is None:
                trouble = _placeholder_problem(form, msgid)
            elif index == len(forms) - 1:  # the last form serves the general n
                trouble = _placeholder_problem(form, plural)
            else:
                trouble = _placeholder_problem(form, msgid, plural)
            if trouble:
                found.append(f"{trouble} in form {index} of {label}")
    return found


def msgids_as_written(path: Path) -> list[tuple[str | None, str]]:
    """Every (msgctxt, msgid) in a .po file as written, obsolete `#~` entries left out. Babel
    silently keeps the first of two entries with one msgid; GNU msgfmt refuses the file."""
    found: list[tuple[str | None, str]] = []
    context: str | None = None
    parts: list[str] | None = None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if parts is not None and line.startswith('"'):
            parts.append(ast.literal_eval(line))
            continue
        if parts is not None:
            found.append((context, "".join(parts)))
            context, parts = None, None
        if line.startswith("msgctxt "):
            context = ast.literal_eval(line[len("msgctxt ") :])
        elif line.startswith("msgid "):
            parts = [ast.literal_eval(line[len("msgid ") :])]
    return [entry for entry in found if entry[1]]


def test_extraction_finds_the_known_messages():
    messages = extracted("messages")
    assert ("unknown HS code %(code)s", None) in messages
    assert any(plural for _msgid, plural in messages)
    matching = extracted("matching")
    assert ("Recommended by the organizers.", None) in matching
    assert ("Shared language: %(languages)s.", "Shared languages: %(languages)s.") in matching
    assert ("Recommended by the organizers.", None) not in messages


def test_templates_and_python_are_both_read(tmp_path: Path):
    (tmp_path / "web" / "templates").mkdir(parents=True)
    (tmp_path / "web" / "templates" / "page.html").write_text(
        '<h1>{{ _("Events") }}</h1>{% trans n=3 %}{{ n }} hall{% pluralize %}{{ n }} halls'
        "{% endtrans %}",
        encoding="utf-8",
    )
    (tmp_path / "matching").mkdir()
    (tmp_path / "matching" / "m.py").write_text('N_("not here")\n', encoding="utf-8")
    (tmp_path / "m.py").write_text('N_("here")\n', encoding="utf-8")
    found = {
        message
        for _f, _line, message, _c, _x in extract_from_dir(
            str(tmp_path), method_map=MESSAGES_METHODS, keywords=MESSAGES_KEYWORDS
        )
    }
    assert found == {"Events", ("%(n)s hall", "%(n)s halls"), "here"}


def test_marker_calls_inside_f_strings_are_found(tmp_path: Path):
    (tmp_path / "m.py").write_text(
        "x = f\"{_('error')}: {ngettext('%(n)s row', '%(n)s rows', n)} {name}\"\n",
        encoding="utf-8",
    )
    found = {m for _f, _line, m in _fstring_calls(tmp_path, MESSAGES_KEYWORDS, None)}
    assert found == {("%(n)s row", "%(n)s rows"), "error"}


def test_the_check_reports_missing_untranslated_and_broken_entries():
    po = b"""msgid ""
msgstr ""
"Language: ru\\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n<5 ? 1 : 2);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "fine %(a)s"
msgstr "ok %(a)s"

msgid "empty"
msgstr ""

msgid "renamed %(a)s"
msgstr "x %(b)s"

msgid "positional %(a)s"
msgstr "x %(a)s %s"

#, fuzzy
msgid "fuzzy"
msgstr "x"

msgid "%(n)s row"
msgid_plural "%(n)s rows"
msgstr[0] "%(n)s x"
msgstr[1] "%(n)s y"
"""
    cat = read_po(io.BytesIO(po), locale="ru")
    ids = [
        ("fine %(a)s", None),
        ("empty", None),
        ("renamed %(a)s", None),
        ("positional %(a)s", None),
        ("fuzzy", None),
        ("%(n)s row", "%(n)s rows"),
        ("absent", None),
    ]
    messages = {key: Msg(key[0], key[1], "m.py", line) for line, key in enumerate(ids, 1)}
    found = problems(cat, messages)
    assert [line.split(" m.py")[0] for line in found] == [
        "untranslated (form 0)",
        "placeholders ['b'] instead of ['a'] in form 0 of",
        "unnamed directive(s) ['%s'] next to named ones in form 0 of",
        "fuzzy (not used)",
        "untranslated (form 2)",
        "missing",
    ]
    assert (
        problems(cat, {("empty", None): Msg("empty", None, "m.py", 1)}, source_language=True) == []
    )


# n -> plural form: 1 строка · 2 строки · 5 строк · 21 строка; 1 жол · 5 жол; 5 行; 1 row · 5 rows
PLURAL_FORMS = {
    "ru": {0: 2, 1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 14: 2, 21: 0, 22: 1, 25: 2, 101: 0, 111: 2},
    "kk": {0: 1, 1: 0, 2: 1, 5: 1, 21: 1},
    "zh": {0: 0, 1: 0, 2: 0, 5: 0},
    "en": {0: 1, 1: 0, 2: 1, 5: 1, 21: 1},
}


def test_a_msgid_written_twice_is_seen(tmp_path: Path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "x"\n\nmsgid ""\n"a"\nmsgstr "y"\n\n'
        'msgctxt "c"\nmsgid "a"\nmsgstr "z"\n\n#~ msgid "a"\n#~ msgstr "w"\n',
        encoding="utf-8",
    )
    assert msgids_as_written(po) == [(None, "a"), (None, "a"), ("c", "a")]


@pytest.mark.parametrize("locale", LOCALES)
def test_plural_forms_header_matches_the_language(locale: str):
    expected = PLURAL_FORMS[locale]
    for domain in ("messages", "matching"):
        cat = catalog(locale, domain)
        assert cat.num_plurals == max(expected.values()) + 1, (domain, cat.plural_forms)
        header = dict(cat.mime_headers)["Plural-Forms"]
        rule = c2py(header.split("plural=", 1)[1].rstrip("; "))
        assert {n: rule(n) for n in expected} == expected, (domain, header)


@pytest.mark.parametrize("domain", ["messages", "matching"])
@pytest.mark.parametrize("locale", LOCALES)
def test_no_msgid_is_written_twice(locale: str, domain: str):
    path = LOCALE_DIR / locale / "LC_MESSAGES" / f"{domain}.po"
    counts = Counter(msgids_as_written(path))
    assert len(counts) == len(catalog(locale, domain))  # the parser sees every entry
    twice = [msgid for (_context, msgid), n in counts.items() if n > 1]
    assert not twice, f"written more than once in {path.relative_to(SRC.parent.parent)}: {twice}"


@pytest.mark.parametrize("domain", ["messages", "matching"])
@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated(locale: str, domain: str):
    found = problems(
        catalog(locale, domain), extracted(domain), source_language=locale == SOURCE_LOCALE
    )
    path = f"src/keruen/locale/{locale}/LC_MESSAGES/{domain}.po"
    if found:
        pytest.fail(f"{len(found)} problem(s) in {path}:\n  " + "\n  ".join(found), pytrace=False)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_entry_is_whole(locale: str) -> None:
    """Each entry is one msgid with its msgstr, entries apart by a blank line: a merge of two
    branches that both appended entries can glue them or drop a repeated `msgstr ""` line, and
    Babel then reads the wrong text (or prints warnings into a command's output)."""
    text = (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    broken = []
    for block in re.split(r"\n\s*\n", text.strip()):
        ids = re.findall(r"^msgid ", block, re.M)
        strs = re.findall(r"^msgstr(?:\[\d\])? ", block, re.M)
        if ids and (len(ids) != 1 or not strs):
            broken.append(block.splitlines()[0])
    assert broken == []


_FIELD = re.compile(r"\{([^{}!:]*)")


def _library_messages() -> dict[tuple[str, str | None], Msg]:
    """The words typer (and click, where typer uses it) says through gettext, read from the
    installed modules that `keruen.cli.common` points at the `cli` catalogs, and the words
    keruen itself says for them (typer's rich titles, the usage line, the help option)."""
    import importlib

    from babel.messages.extract import extract_from_file

    from keruen.cli.common import _RICH_WORDS, LIBRARY_MODULES

    found: dict[tuple[str, str | None], Msg] = {}
    for name in LIBRARY_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        assert module.__file__
        for lineno, message, _comments, _context in extract_from_file(
            "python", module.__file__, keywords={"_": None, "gettext": None, "ngettext": (1, 2)}
        ):
            key = _key(message)
            found.setdefault(key, Msg(key[0], key[1], name, lineno))
    for message in (*_RICH_WORDS.values(), "Usage:", "Show this message and exit."):
        found.setdefault((message, None), Msg(message, None, "keruen.cli.common", 0))
    return found


@pytest.mark.parametrize("locale", LOCALES)
def test_the_command_lines_own_words_are_in_every_catalog(locale: str) -> None:
    messages = _library_messages()
    assert ("Options", None) in messages and ("No such command {name!r}.", None) in messages
    cat = catalog(locale, "cli")
    found = problems(cat, messages, source_language=locale == SOURCE_LOCALE)
    for (msgid, plural), msg in messages.items():
        entry = cat.get(msgid)
        if entry is None:
            continue
        forms = [entry.string] if plural is None else list(entry.string)
        allowed = set(_FIELD.findall(msgid)) | set(_FIELD.findall(plural or ""))
        for form in forms:
            unknown = set(_FIELD.findall(form or "")) - allowed
            if unknown:  # .format() would raise KeyError
                found.append(f"fields {sorted(unknown)} not in {msg.path}: {msgid!r}")
    assert not found, "\n".join(found)
