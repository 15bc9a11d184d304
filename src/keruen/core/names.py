"""Folding organization names written in Cyrillic, Latin or Hanzi to one comparable key.

"ТОО «Оңтүстік Мақта»", "Ontustik Makta LLP" and "翁图斯季克棉业有限公司" cannot all be
matched, but transliteration (anyascii: Cyrillic and Kazakh letters to Latin, Hanzi to pinyin)
plus dropping legal forms catches the common case of one company typed in two scripts.
"""

from __future__ import annotations

import re

from anyascii import anyascii

# Legal forms and filler words, compared after transliteration and lower-casing.
_LEGAL_FORMS = {
    "too",
    "llp",
    "ltd",
    "limited",
    "co",
    "company",
    "corp",
    "corporation",
    "inc",
    "jsc",
    "ao",
    "oao",
    "zao",
    "ooo",
    "ip",
    "kh",
    "kkh",
    "group",
    "llc",
    "plc",
    "gmbh",
    "pao",
    "tov",
    "ksk",
    "youxian",
    "gongsi",
    "youxiangongsi",
    "gufen",
    "jituan",
    "zeren",
    "demo",
    "yanshi",
    "the",
    "and",
    "of",
}
# Hanzi legal forms removed before transliteration (they carry no identity).
_HANZI_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "演示")


# Kazakh letters folded to the Russian-style Latin people type ("Оңтүстік" → "Ontustik").
_KAZAKH_SIMPLE = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноууhиАГКНОУУHИ")


def name_key(name: str) -> str:
    """A lower-case Latin key of a name without legal forms: 'ТОО «Оңтүстік Мақта»' →
    'ontustik makta'."""
    text = name.translate(_KAZAKH_SIMPLE)
    for form in _HANZI_FORMS:
        text = text.replace(form, " ")
    latin = anyascii(text).lower()
    # anyascii writes pinyin syllables together ("KuErLe"); spaces are dropped later anyway.
    words = [w for w in re.split(r"[^a-z0-9]+", latin) if w and w not in _LEGAL_FORMS]
    return " ".join(words)


def squashed(key: str) -> str:
    return key.replace(" ", "")
