"""HS 2022 and ISIC Rev.4: look-up by code and search by words in ru, kk, zh or en.

English titles come from the copied public sources; Russian, Kazakh and Chinese titles are the
project's own (`data/*_i18n.csv`). A title missing in a language falls back to English, and
`Entry.translated(locale)` says whether that happened.
"""

from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
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
        """Entries whose code starts with the query, or whose title in one language holds every
        word of it: as a word, an inflected form (Russian case endings, Kazakh suffixes) or a part
        of a word (Chinese: a substring). Ranking: better word matches first (a word or its
        inflected form above the mere start of a longer word: «мед» finds honey before «медь»);
        then broader codes; then titles that are *about* the query (it names the title's head:
        first word in Russian or English, last word of the first clause in Kazakh or Chinese);
        then shorter titles."""
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
        forms = [(w, _stems(w)) for w in words]
        scored: list[tuple[tuple[int, int, int, int, str], Entry]] = []
        for code, folded in self._folded.items():
            best: tuple[int, int, float] | None = None
            for lang, text in folded.items():
                tokens = text.split()
                qualities: list[int] = []
                for w, stems in forms:
                    qualities.append(_match_quality(w, stems, lang, tokens, text))
                    if not qualities[-1]:
                        break
                if not all(qualities):
                    continue
                head = self._head_tokens(code, lang)
                heads = sum(1 for w, stems in forms if any(_names(h, w, stems, lang) for h in head))
                coverage = sum(len(w) for w in words) / max(1, len(text.replace(" ", "")))
                candidate = (sum(qualities), heads, coverage)
                if best is None or candidate > best:
                    best = candidate
            if best is not None:
                quality, heads, coverage = best
                # Titles within a factor of about 1.4 in length count as equally short, so that
                # near-ties fall back to code order (5201 raw cotton before 5203 carded).
                shortness = round(math.log2(coverage))
                rank = (-quality, len(code), -heads, -shortness, code)
                scored.append((rank, self.entries[code]))
        scored.sort(key=lambda t: t[0])
        return [entry for _, entry in scored[:limit]]

    def _head_tokens(self, code: str, lang: str) -> tuple[str, ...]:
        """The word(s) a title is about, folded: Russian and English put it first, Kazakh and
        Chinese last in the first clause («Кардо- немесе тарақпен таралмаған мақта», 未梳的棉花)."""
        key = (code, lang)
        if key not in self._heads:
            title = self.entries[code].titles[lang]
            first_clause = re.split(r"[,;(:，；（：]", title, maxsplit=1)[0]
            tokens = [t for t in _fold(first_clause).split() if t not in _NOT_HEADS]
            if not tokens:
                heads: tuple[str, ...] = ()
            elif lang not in ("kk", "zh"):
                heads = (tokens[0],)
            elif len(tokens) == 3 and tokens[1] in _KK_AND_OR:
                heads = (tokens[0], tokens[2])  # two bare nouns: «Бидай және меслин»
            else:
                heads = (tokens[-1],)
            self._heads[key] = heads
        return self._heads[key]

    @cached_property
    def _heads(self) -> dict[tuple[str, str], tuple[str, ...]]:
        return {}


# Russian case and number endings, longest first: a query in one form finds a title in another
# («томатная паста» → «…томатную пасту»; «солодка» → «солодки»). _fold turns й into и.
_RU_ENDINGS = (
    *("ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими"),
    *("ая", "яя", "ую", "юю", "ое", "ее", "ые", "ие", "ыи", "ии", "ои", "ых", "их"),
    *("ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев"),
    *("а", "я", "ы", "и", "у", "ю", "е", "о", "ь"),
)
# As an inflection of a bare stem («медь» is not a form of «мед»).
_RU_ENDINGS_SET = frozenset(_RU_ENDINGS) - {"ь"}
# Kazakh plural, possessive, case and adjective suffixes in their vowel-harmony variants.
_KK_SUFFIXES = (
    *("лар", "лер", "дар", "дер", "тар", "тер"),
    *("сы", "сі", "ы", "і", "ым", "ім", "ың", "ің"),
    *("ның", "нің", "дың", "дің", "тың", "тің", "ын", "ін", "н"),
    *("ға", "ге", "қа", "ке", "на", "не", "а", "е"),
    *("нда", "нде", "да", "де", "та", "те"),
    *("нан", "нен", "дан", "ден", "тан", "тен"),
    *("ны", "ні", "ды", "ді", "ты", "ті"),
    *("мен", "бен", "пен", "лы", "лі"),
)
_KK_LETTERS = frozenset("әғқңөұүһі")
# Kazakh voices a final қ/к/п before a vowel suffix: жаңғақ → жаңғағы, кітап → кітабы.
_KK_VOICING = {"қ": "ғ", "к": "г", "п": "б"}
# Words that open a title without naming its subject.
_NOT_HEADS = frozenset({"прочие", "прочий", "прочая", "прочее", "other"})
_KK_AND_OR = frozenset({"және", "мен", "немесе"})


def _stems(word: str) -> tuple[str, ...]:
    """Shorter forms of a Cyrillic query word that its inflected forms begin with."""
    if not re.fullmatch(r"[а-яёәғқңөұүһі]+", word):
        return ()
    if _KK_LETTERS & set(word):
        voiced = _KK_VOICING.get(word[-1])
        return (word[:-1] + voiced,) if voiced else ()
    for ending in _RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return (word[: -len(ending)],)
    return ()


def _kk_suffixes(rest: str, depth: int = 3) -> bool:
    """Whether `rest` is a chain of Kazakh suffixes (мақта|сы|ның, тұз|ды, ұн|ы)."""
    if not rest:
        return True
    return depth > 0 and any(
        rest.startswith(suffix) and _kk_suffixes(rest[len(suffix) :], depth - 1)
        for suffix in _KK_SUFFIXES
    )


def _names(token: str, word: str, stems: tuple[str, ...], lang: str) -> bool:
    """Whether a title word is the query word itself or an inflected form of it."""
    if _has_hanzi(word):
        return token.endswith(word)
    for base in (word, *stems):
        if not token.startswith(base):
            continue
        rest = token[len(base) :]
        if lang == "kk":
            if _kk_suffixes(rest):
                return True
        elif lang == "ru":
            if rest == "" or rest in _RU_ENDINGS_SET:
                return True
        elif rest in ("", "s", "es"):
            return True
    return False


def _match_quality(
    word: str, stems: tuple[str, ...], lang: str, tokens: list[str], text: str
) -> int:
    """3: the word or an inflected form of it (Chinese, written without spaces: anywhere);
    2: the start of a longer word; 1: inside a word (at least four letters); 0: absent."""
    if _has_hanzi(word):
        return 3 if word in text.replace(" ", "") else 0
    if not any(base in text for base in (word, *stems)):
        return 0  # the usual case, decided without looking at words
    if any(_names(token, word, stems, lang) for token in tokens):
        return 3
    if any(token.startswith(base) for token in tokens for base in (word, *stems)):
        return 2
    return 1 if len(word) >= 4 and word in text else 0


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
