"""The one rule for names across scripts: own language, else original + Latin letters."""

from __future__ import annotations

import pytest

from keruen.core.names import display_name, latin_transliteration

pytestmark = pytest.mark.unit

KZ_ONLY = {"ru": "ТОО «Ақ Алтын»"}
CN_ONLY = {"zh": "巴州纺机有限公司"}


def test_a_reader_gets_their_own_language_when_the_organization_gave_it():
    names = {"ru": "ТОО «Ақ Алтын»", "zh": "阿克阿尔腾有限公司", "en": "Ak Altyn LLP"}
    assert display_name(names, "ru", "zh") == "阿克阿尔腾有限公司"
    assert display_name(names, "ru", "en") == "Ak Altyn LLP"


def test_a_chinese_reader_never_gets_bare_cyrillic():
    shown = display_name(KZ_ONLY, "ru", "zh")
    assert shown == 'ТОО «Ақ Алтын» (TOO "Aq Altyn")'


def test_a_kazakh_reader_never_gets_bare_hanzi_but_reads_russian_names():
    assert (
        display_name(CN_ONLY, "zh", "kk") == "巴州纺机有限公司 (Ba Zhou Fang Ji You Xian Gong Si)"
    )
    assert display_name(KZ_ONLY, "ru", "kk") == "ТОО «Ақ Алтын»"


def test_the_authors_own_latin_name_beats_a_machine_transliteration():
    assert display_name({"zh": "库尔勒", "en": "Korla Pear"}, "zh", "ru") == "库尔勒 (Korla Pear)"


def test_a_latin_original_is_shown_as_it_is():
    assert display_name({"en": "Silk Road Logistics"}, "en", "zh") == "Silk Road Logistics"
    assert latin_transliteration("Шардара") == "Shardara"
