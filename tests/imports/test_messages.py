"""Every message the import can show exists in ru, kk and zh, with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import keruen
from keruen.i18n import get_translations

pytestmark = pytest.mark.unit

PACKAGE = Path(keruen.__file__).parent
SOURCES = [*sorted((PACKAGE / "imports").glob("*.py")), PACKAGE / "organizations/service.py"]


def _msgids() -> list[str]:
    found: list[str] = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "N_"
                and isinstance(node.args[0], ast.Constant)
            ):
                found.append(node.args[0].value)
    return found


@pytest.mark.parametrize("locale", ["ru", "kk", "zh"])
def test_every_import_message_is_translated_with_its_placeholders(locale: str):
    translations = get_translations(locale)
    msgids = _msgids()
    assert len(msgids) > 40
    for msgid in msgids:
        text = translations.gettext(msgid)
        assert text != msgid, f"{locale}: not translated: {msgid}"
        assert sorted(re.findall(r"%\((\w+)\)s", text)) == sorted(
            re.findall(r"%\((\w+)\)s", msgid)
        ), f"{locale}: placeholders differ: {msgid}"
