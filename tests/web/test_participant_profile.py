"""Editing texts per language keeps the source language right (the organizations service)."""

from __future__ import annotations

import pytest

from keruen.core.text import LocalizedText
from keruen.organizations.service import edited_text

pytestmark = pytest.mark.unit


def test_adding_a_translation_keeps_the_source() -> None:
    old = LocalizedText.of({"zh": "纺纱厂"}, source="zh")
    new = edited_text(old, {"en": "Spinning mill", "ru": None}, written_in="en")
    assert new is not None and new.source == "zh" and new.values["en"] == "Spinning mill"


def test_removing_the_source_moves_it_to_the_language_written_in() -> None:
    old = LocalizedText.of({"zh": "纺纱厂", "ru": "Прядильня", "en": "Mill"}, source="zh")
    new = edited_text(old, {"zh": "  "}, written_in="en")
    assert new is not None and new.source == "en" and "zh" not in new.values
    fallback = edited_text(old, {"zh": ""}, written_in="kk")
    assert fallback is not None and fallback.source in fallback.values


def test_a_first_text_takes_the_language_it_was_written_in() -> None:
    new = edited_text(None, {"ru": "Текст", "en": "Text"}, written_in="en")
    assert new is not None and new.source == "en"
    assert edited_text(None, {"ru": ""}) is None
