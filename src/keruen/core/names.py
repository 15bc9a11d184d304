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


# Which languages' names a reader can read besides their own: Kazakh and Russian readers both
# read Cyrillic and know each other's names; nobody is assumed to read a script they do not use.
_ALSO_READS: dict[str, tuple[str, ...]] = {
    "kk": ("ru",),
    "ru": ("kk",),
    "zh": (),
    "en": (),
}
_LATIN_LANGUAGES = {"en", "kk-Latn", "uz", "tr", "de", "fr"}
_HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "（": "(", "）": ")"})


def _hanzi_run(match: re.Match[str]) -> str:
    return " " + " ".join(anyascii(ch) for ch in match.group(0)) + " "


def latin_transliteration(name: str) -> str:
    """'Ақ Алтын' → 'Aq Altyn'; '库尔勒' → 'Ku Er Le' (one syllable per character)."""
    text = _HANZI.sub(_hanzi_run, name.translate(_QUOTES))
    latin = anyascii(text)
    return re.sub(r"\s+", " ", latin).replace("( ", "(").replace(" )", ")").strip()


def display_name(values: dict[str, str], source: str | None, locale: str) -> str:
    """The one rule for names across scripts, used by the CLI, pages, PDFs and e-mail.

    A reader sees the name in their own language when one was given (a Kazakh reader also
    takes the Russian one, and the other way round); otherwise the original name followed by a
    Latin transliteration in brackets, so that a Chinese reader never gets bare Cyrillic and a
    Kazakh reader never gets bare Hanzi. A name already in Latin letters is shown as it is.
    """
    if not values:
        return ""
    base = locale.split("-")[0]
    for tag in (locale, base, *_ALSO_READS.get(base, ())):
        if values.get(tag):
            return values[tag]
    original_tag = source if source in values else next(iter(values))
    original = values[original_tag]
    if original_tag in _LATIN_LANGUAGES or original.isascii():
        return original
    if base == "en" or not values.get("en"):
        return f"{original} ({latin_transliteration(original)})"
    # An English name exists: it is the author's own Latin form, better than a machine's.
    return f"{original} ({values['en']})"
