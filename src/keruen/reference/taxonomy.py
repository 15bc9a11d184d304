"""HS 2022 and ISIC Rev.4: look-up by code and search by words in ru, kk, zh or en.

English titles come from the copied public sources; Russian, Kazakh and Chinese titles are the
project's own (`data/*_i18n.csv`). A title missing in a language falls back to English, and
`Entry.translated(locale)` says whether that happened.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from keruen.core.codes import clean_hs

DATA_DIR = Path(__file__).parent / "data"
LANGUAGES = ("en", "ru", "kk", "zh")


@dataclass
class Entry:
    system: str  # "hs" or "isic"
    code: str
    level: str  # hs: section/chapter/heading/subheading; isic: section/division/group/class
    parent: str | None
    titles: dict[str, str] = field(default_factory=dict)

    def title(self, locale: str) -> str:
        return (
            self.titles.get(locale)
            or self.titles.get("ru" if locale == "kk" else "en")
            or self.titles["en"]
        )

    def translated(self, locale: str) -> bool:
        return locale in self.titles

    @property
    def display_code(self) -> str:
        if self.system == "hs" and self.level in ("heading", "subheading"):
            return self.code if len(self.code) == 4 else f"{self.code[:4]}.{self.code[4:]}"
        return self.code


# The sources write British English; people also type American spellings.
_SPELLINGS = {
    "licorice": "liquorice",
    "aluminum": "aluminium",
    "fiber": "fibre",
    "fibers": "fibres",
    "color": "colour",
    "colors": "colours",
    "center": "centre",
}

_HS_LEVELS = {2: "chapter", 4: "heading", 6: "subheading"}
_ISIC_LEVELS = {2: "division", 3: "group", 4: "class"}


def _fold(text: str) -> str:
    """Lower-case, no accents, punctuation as spaces; Cyrillic and Hanzi kept."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    # NFKD splits й/ё into base + combining mark; put them back for Russian and Kazakh.
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"[^\w]+", " ", text).strip()


def _has_hanzi(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


class Taxonomy:
    def __init__(self, system: str, entries: Iterable[Entry]) -> None:
        self.system = system
        self.entries: dict[str, Entry] = {e.code: e for e in entries}
        self._folded: dict[str, dict[str, str]] = {
            code: {lang: _fold(t) for lang, t in e.titles.items()}
            for code, e in self.entries.items()
        }

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, code: str) -> Entry | None:
        return self.entries.get(self.normalize(code))

    def normalize(self, code: str) -> str:
        raw = str(code).strip()
        if self.system == "hs":
            return clean_hs(raw)  # Excel drops the leading zero of 080830
        return raw.upper() if raw.isalpha() else raw

    def ancestors(self, code: str) -> list[Entry]:
        out: list[Entry] = []
        entry = self.get(code)
        while entry is not None and entry.parent:
            entry = self.entries.get(entry.parent)
            if entry is not None:
                out.append(entry)
        return out

    def children(self, code: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.parent == code]

    def search(self, query: str, *, limit: int = 20) -> list[Entry]:
        """Entries whose code starts with the query, or whose title in any language holds every
        word of it (Chinese: every character run as a substring). Broader codes rank first."""
        q = query.strip()
        if not q:
            return []
        code_q = self.normalize(q)
        if code_q and (
            code_q.isdigit() or (self.system == "isic" and code_q.isalpha() and len(code_q) == 1)
        ):
            hits = [e for c, e in self.entries.items() if c.startswith(code_q)]
            return sorted(hits, key=lambda e: (len(e.code), e.code))[:limit]
        words = [_SPELLINGS.get(w, w) for w in _fold(q).split()]
        scored: list[tuple[int, int, str, Entry]] = []
        for code, folded in self._folded.items():
            best = None
            for text in folded.values():
                if all(self._word_in(w, text) for w in words):
                    # Whole-word matches rank above prefixes and substrings.
                    whole = sum(1 for w in words if re.search(rf"(^|\s){re.escape(w)}(\s|$)", text))
                    rank = -whole
                    best = rank if best is None else min(best, rank)
            if best is not None:
                scored.append((best, len(code), code, self.entries[code]))
        scored.sort(key=lambda t: (t[0], t[1], t[2]))
        return [t[3] for t in scored[:limit]]

    @staticmethod
    def _word_in(word: str, text: str) -> bool:
        if _has_hanzi(word):
            return word in text.replace(" ", "")
        return any(token.startswith(word) for token in text.split()) or (
            len(word) >= 4 and word in text
        )


def _read_i18n(path: Path, key: str) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {
            row[key].strip(): {
                lang: row[lang].strip()
                for lang in ("ru", "kk", "zh")
                if row.get(lang) and row[lang].strip()
            }
            for row in csv.DictReader(fh)
        }


@lru_cache(maxsize=1)
def hs() -> Taxonomy:
    """HS 2022: 21 sections (roman numerals), 96 chapters, 1,228 headings, 5,612 subheadings."""
    i18n = _read_i18n(DATA_DIR / "hs_titles_i18n.csv", "code")
    section_i18n = _read_i18n(DATA_DIR / "hs_sections_i18n.csv", "section")
    entries: list[Entry] = []
    with (DATA_DIR / "hs2022_sections.csv").open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            name = row["name"].strip()
            titles = {"en": name[:1].upper() + name[1:], **section_i18n.get(row["section"], {})}
            entries.append(Entry("hs", row["section"], "section", None, titles))
    with (DATA_DIR / "hs2022.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["hscode"].strip()
            # Comtrade's "TOTAL" rows and its chapter 99 ("commodities not specified according
            # to kind") are statistics artefacts, not HS codes a company can offer.
            if row["section"] == "TOTAL" or row["level"] not in ("2", "4", "6"):
                continue
            parent = row["section"] if len(code) == 2 else row["parent"]
            titles = {"en": row["description"].strip(), **i18n.get(code, {})}
            entries.append(Entry("hs", code, _HS_LEVELS[len(code)], parent, titles))
    return Taxonomy("hs", entries)


@lru_cache(maxsize=1)
def isic() -> Taxonomy:
    """ISIC Rev.4: 21 sections (A–U), 88 divisions, 238 groups, 419 classes."""
    i18n = _read_i18n(DATA_DIR / "isic_titles_i18n.csv", "code")
    data = json.loads((DATA_DIR / "isic4_en.json").read_text(encoding="utf-8"))
    entries: list[Entry] = []

    def add(code: str, level: str, parent: str | None, title: str) -> None:
        entries.append(Entry("isic", code, level, parent, {"en": title, **i18n.get(code, {})}))

    for section in data["sections"]:
        letter = section["section"].upper()
        add(letter, "section", None, section["description"])
        for division in section["divisions"]:
            add(division["division"], "division", letter, division["description"])
            for group in division["groups"]:
                add(group["group"], "group", division["division"], group["description"])
                for klass in group["classes"]:
                    add(klass["class"], "class", group["group"], klass["description"])
    return Taxonomy("isic", entries)


def taxonomy(system: str) -> Taxonomy:
    if system == "hs":
        return hs()
    if system == "isic":
        return isic()
    raise ValueError(f"unknown classification {system!r} (hs or isic)")


def code_title(system: str, code: str, locale: str) -> str | None:
    """A title of a code for a reader of `locale`, or None if the code is unknown.

    When the code itself has no title in that language, the nearest broader code that has one
    stands in (a subheading reads as its heading or chapter: «Пряжа хлопчатобумажная» rather
    than an English sentence in a Russian one); English only when nothing above is translated.
    """
    tax = taxonomy(system)
    entry = tax.get(code)
    if entry is None:
        return None
    if locale == "en" or entry.translated(locale):
        return entry.title(locale)
    for ancestor in tax.ancestors(entry.code):
        if ancestor.level != "section" and ancestor.translated(locale):
            return ancestor.title(locale)
    return entry.title(locale)
