"""HS headings named in a profile's free text («томатная паста», «солодка», «番茄酱», "honey").

An organization that gives no HS code, or only a chapter, often names its goods in its
description. `HeadingLexicon` finds the HS headings (4 digits) such a text names, from the HS
titles in Russian, Kazakh and Chinese (`hs_titles_i18n.csv`) and English (`hs2022.csv`), plus a
short, reviewed list of everyday names that the legal titles lack (`data/hs_terms.csv`: «сухое
молоко», 奶粉). Matching calls it only for what the codes leave open (see `features.extract`), and
such evidence counts for less than a declared code (`scoring.INFERRED_HS_WEIGHT`).

How a text is read, per language:

- Cyrillic and Latin words are compared by stem: a title word's first 4–6 letters (its length
  less two, at least four; a 3-letter word as it is) must begin a word of the text, so «томатную»
  in a title finds «томатная», and Kazakh «сүт» finds «сүтін». Each word of the text counts
  through its longest matching stem only («солодка» is licorice, not malt).
- Chinese has no spaces: single characters and pairs of characters of the title are the terms;
  a heading then needs two terms at least (马 and 肉 for 马肉), so one shared character is never
  enough.
- Each term weighs its inverse document frequency over the headings of that language (ln N/df):
  «томат» or 甘草 weigh much, «прочие» or 的 nothing. A heading is named when its terms reach
  `MIN_SCORE` and it is within `KEEP_SHARE` of the best heading of that clause.
- Direction: in each sentence, what follows a word of buying or looking for («закупаем»,
  «ищем», «қажет», 采购, 收购, 进口, "we buy") is needed; what comes before it is offered.

Reads files of the `keruen.reference` package's data folder by path (no import: matching stays
a pure library); a caller may build its own lexicon from rows with `HeadingLexicon(rows)`.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
REFERENCE_DATA_DIR = Path(__file__).parent.parent / "reference" / "data"

LANGUAGES: tuple[str, ...] = ("ru", "kk", "zh", "en")
MIN_SCORE = 6.0  # sum of term weights (ln N/df) a heading needs: one rare term, or two common
GENERIC_WEIGHT = 2.0  # terms in more than ~1 heading of 7 say nothing about a product
KEEP_SHARE = 0.7  # headings within this share of a clause's best are kept too
MAX_PER_CLAUSE = 2
MAX_PER_DIRECTION = 4

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SENTENCE = re.compile(r"[.;!?\n。；！？]+")

# Words after which a sentence names what the organization buys or looks for.
ASKING_WORDS: tuple[str, ...] = (
    "закуп",
    "покупа",
    "купим",
    "приобрет",
    "ищем",
    "ищет",
    "нужен",
    "нужна",
    "нужны",
    "нужно",
    "требует",
    "импорт",
    "сатып ал",
    "іздейміз",
    "қажет",
    "керек",
    "采购",
    "收购",
    "求购",
    "购买",
    "寻找",
    "寻求",
    "需要",
    "进口",
    "we buy",
    "buying",
    "purchas",
    "looking for",
    "we need",
    "import",
    "sourcing",
    "wanted",
)

# Function words and words of the legal titles that name no product.
STOPWORDS: frozenset[str] = frozenset(
    {
        # ru
        "его",
        "ее",
        "их",
        "наш",
        "наши",
        "свой",
        "своем",
        "все",
        "всех",
        "это",
        "под",
        "ключ",
        "проект",
        "проекта",
        "алмасу",
        "или",
        "для",
        "без",
        "кроме",
        "прочие",
        "прочих",
        "прочий",
        "прочее",
        "включая",
        "более",
        "менее",
        "виде",
        "также",
        "товарной",
        "позиции",
        "позиций",
        "либо",
        "части",
        "свежие",
        "свежий",
        "свежее",
        "охлажденные",
        "охлажденное",
        "мороженые",
        "замороженные",
        "продаем",
        "продаём",
        "производим",
        "производство",
        "производства",
        "компания",
        "предприятие",
        "завод",
        "экспорт",
        "экспортируем",
        # kk
        "немесе",
        "және",
        "басқа",
        "қоса",
        "алғанда",
        "арналған",
        "жаңа",
        "піскен",
        "салқындатылған",
        "мұздатылған",
        "өндіреміз",
        "сатамыз",
        "зауыты",
        "экспортқа",
        # en
        "and",
        "the",
        "not",
        "other",
        "than",
        "with",
        "whether",
        "including",
        "excluding",
        "fresh",
        "chilled",
        "frozen",
        "for",
        "n.e.c",
        "nec",
        "heading",
        "parts",
        "thereof",
        "company",
        "we",
        "our",
        "export",
        "exports",
        "produce",
        "production",
    }
)
# Chinese characters that name no product (particles, freshness, "other", "used for").
HAN_STOP: frozenset[str] = frozenset("的或及其他用等与和、，；：（）不未经已供非含以上下")
HAN_STOP_PAIRS: frozenset[str] = frozenset(
    {
        "生产",
        "企业",
        "公司",
        "产品",
        "制品",
        "出口",
        "进口",
        "加工",
        "技术",
        "设备",
        "机器",
        "装置",
        "用品",
        "材料",
        "其他",
        "零件",
        "部件",
        "合作",
        "项目",
        "提供",
        "服务",
        "寻找",
        "采购",
        "收购",
    }
)


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace("ё", "е")


_ENDINGS = tuple(
    sorted(
        [
            "ами",
            "ями",
            "ого",
            "его",
            "ому",
            "ему",
            "ыми",
            "ими",
            "ая",
            "яя",
            "ое",
            "ее",
            "ые",
            "ие",
            "ый",
            "ий",
            "ой",
            "ых",
            "их",
            "ую",
            "юю",
            "ом",
            "ем",
            "ам",
            "ям",
            "ах",
            "ях",
            "ов",
            "ев",
            "ей",
            "а",
            "я",
            "о",
            "е",
            "ы",
            "и",
            "у",
            "ю",
            "ь",
            "es",
            "s",
        ],
        key=len,
        reverse=True,
    )
)
STEM_MAX = 7


def _title_stem(word: str) -> str:
    """A title word without its inflection ending («томаты» → «томат», «солодки» → «солодк»),
    at most `STEM_MAX` letters."""
    for ending in _ENDINGS:
        # a one-letter ending leaves four letters at least: «меди» (copper) is not «мед»
        if word.endswith(ending) and len(word) - len(ending) >= (4 if len(ending) == 1 else 3):
            word = word[: -len(ending)]
            break
    return word[:STEM_MAX]


def _terms(text: str, language: str) -> set[str]:
    if language == "zh":
        terms: set[str] = set()
        for run in re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", text):
            terms.update(
                run[i : i + 2]
                for i in range(len(run) - 1)
                if run[i] not in HAN_STOP
                and run[i + 1] not in HAN_STOP
                and run[i : i + 2] not in HAN_STOP_PAIRS
            )
        return terms
    return {
        _title_stem(word)
        for word in _WORD.findall(text)
        if len(word) >= 3 and word not in STOPWORDS
    }


def _title_terms(title: str, language: str) -> tuple[set[str], set[str]]:
    """All terms of a title, and its head terms: those before its first semicolon, colon or
    bracket, where the HS names the goods themselves (every item of «稻谷、大米» or «Яблоки,
    груши и айва»), not what qualifies or excludes them."""
    text = _normalize(title)
    head = re.split(r"[;:(（；：]", text, maxsplit=1)[0]
    return _terms(text, language), _terms(head, language)


# A word that alone names a heading must look like a noun: not a Russian adjective or verb
# («торговая», «горный», «расширяемся»), not a Kazakh participle or converb («жуылған»,
# «жинап»): «солодка», «мед», «цемент», «羊毛» do.
_NOT_NOUN = re.compile(
    r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ых|их|ым|им|ую|юю|ем|ет|ют|ут|ся|ть|ган|ген|қан|кен|"
    r"ап|еп|ып|іп|атын|етін|йтын|мыз|міз|ed|ing|ly)$"
)


@dataclass(frozen=True, slots=True)
class NamedHeading:
    """A heading named in a text: the code, offered or needed, the words that named it."""

    code: str
    direction: str  # "offer" or "need"
    score: float
    words: tuple[str, ...]


class HeadingLexicon:
    """HS headings by the words of their titles, per language (see the module docstring)."""

    def __init__(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """`rows`: (code, language, title or term); codes of 4 or more digits count for their
        heading (a subheading's title adds words to its heading)."""
        terms: dict[str, dict[str, set[str]]] = {lang: {} for lang in LANGUAGES}
        self._heads: dict[str, set[tuple[str, str]]] = {lang: set() for lang in LANGUAGES}
        for code, language, title in rows:
            if language not in terms or len(code) < 4 or not code[:4].isdigit():
                continue
            every, head = _title_terms(title, language)
            for term in every:
                terms[language].setdefault(term, set()).add(code[:4])
            if len(code) == 4:  # a subheading's first words qualify its heading's goods
                self._heads[language].update((term, code) for term in head)
        self._terms: dict[str, dict[str, tuple[float, tuple[str, ...]]]] = {}
        for language, index in terms.items():
            headings = {h for found in index.values() for h in found}
            total = max(len(headings), 1)
            self._terms[language] = {
                term: (math.log(total / len(found)), tuple(sorted(found)))
                for term, found in index.items()
                if math.log(total / len(found)) >= GENERIC_WEIGHT
            }

    @classmethod
    def empty(cls) -> HeadingLexicon:
        """A lexicon that finds nothing (switches inference off)."""
        return cls(())

    def __bool__(self) -> bool:
        return any(self._terms.values())

    def headings(self, text: str, language: str) -> dict[str, tuple[float, tuple[str, ...]]]:
        """Headings a piece of text (one clause) names: code → (score, words), best first."""
        index = self._terms.get(language)
        if not index:
            return {}
        found: dict[str, dict[str, float]] = {}  # heading → term → weight
        words: dict[str, set[str]] = {}
        nouns: set[str] = set()  # terms matched by a noun-like word
        normalized = _normalize(text)
        if language == "zh":
            for run in re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", normalized):
                grams = {run[i : i + 2] for i in range(len(run) - 1)}
                nouns.update(grams)
                for gram in grams:
                    entry = index.get(gram)
                    if entry is None:
                        continue
                    for heading in entry[1]:
                        found.setdefault(heading, {})[gram] = entry[0]
                        words.setdefault(heading, set()).add(run)
        else:
            for word in _WORD.findall(normalized):
                if len(word) < 3 or word in STOPWORDS:
                    continue
                for length in range(min(STEM_MAX, len(word)), 2, -1):
                    if length == 3 and len(word) > 5:
                        break  # a 3-letter stem names a short word only («мед», «сүті»)
                    entry = index.get(word[:length])
                    if entry is not None:
                        if not _NOT_NOUN.search(word):
                            nouns.add(word[:length])
                        for heading in entry[1]:
                            found.setdefault(heading, {})[word[:length]] = entry[0]
                            words.setdefault(heading, set()).add(word)
                        break  # the longest stem only
        scored: dict[str, tuple[float, tuple[str, ...]]] = {}
        heads = self._heads[language]
        for heading, weights in found.items():
            if len(weights) < 2:
                # one word alone names a heading only as the noun of the heading's own name
                (term,) = weights
                if term not in nouns or (term, heading) not in heads:
                    continue
            value = sum(weights.values())
            if value >= MIN_SCORE:
                scored[heading] = (value, tuple(sorted(words[heading])))
        if not scored:
            return {}
        best = max(value for value, _ in scored.values())
        ranked = sorted(
            ((h, v) for h, v in scored.items() if v[0] >= KEEP_SHARE * best),
            key=lambda item: (-item[1][0], item[0]),
        )
        return dict(ranked[:MAX_PER_CLAUSE])

    def named(
        self, texts: Mapping[str, str], *, direction: str | None = None
    ) -> tuple[NamedHeading, ...]:
        """Headings a set of texts (language → text) names, each with its direction: `direction`
        forces one ("need" for a request's text), else each sentence decides (see module)."""
        best: dict[tuple[str, str], NamedHeading] = {}
        for language, text in texts.items():
            for sentence in _SENTENCE.split(_normalize(text)):
                for clause_direction, clause in _clauses(sentence, direction):
                    for code, (value, words) in self.headings(clause, language).items():
                        key = (code, clause_direction)
                        if key not in best or best[key].score < value:
                            best[key] = NamedHeading(code, clause_direction, value, words)
        result: list[NamedHeading] = []
        for wanted in ("offer", "need"):
            ranked = sorted(
                (h for h in best.values() if h.direction == wanted),
                key=lambda h: (-h.score, h.code),
            )
            result.extend(ranked[:MAX_PER_DIRECTION])
        return tuple(result)


def _clauses(sentence: str, direction: str | None) -> list[tuple[str, str]]:
    if direction is not None:
        return [(direction, sentence)]
    padded = f" {sentence} "
    first = min(
        (at for word in ASKING_WORDS if (at := padded.find(word)) >= 0),
        default=-1,
    )
    if first < 0:
        return [("offer", sentence)]
    return [("offer", padded[:first]), ("need", padded[first:])]


def _csv_rows(path: Path) -> Iterable[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines)


@lru_cache(maxsize=1)
def default_heading_lexicon() -> HeadingLexicon:
    """The lexicon of the HS 2022 titles shipped with keruen (ru/kk/zh/en) and the everyday names
    of `data/hs_terms.csv`; empty when the reference files are missing."""
    rows: list[tuple[str, str, str]] = []
    titles = REFERENCE_DATA_DIR / "hs_titles_i18n.csv"
    english = REFERENCE_DATA_DIR / "hs2022.csv"
    if titles.exists():
        for row in _csv_rows(titles):
            rows.extend((row["code"], lang, row[lang]) for lang in ("ru", "kk", "zh") if row[lang])
    if english.exists():
        for row in _csv_rows(english):
            if len(row["hscode"]) in (4, 6):
                rows.append((row["hscode"], "en", row["description"]))
    extra = DATA_DIR / "hs_terms.csv"
    if extra.exists():
        rows.extend((row["code"], row["lang"], row["term"]) for row in _csv_rows(extra))
    return HeadingLexicon(rows)
