"""Kazakh typed without its letters, given them back.

Many people write Kazakh on a Russian keyboard: «жоңышқа тұқымы» becomes «жонышка тукымы»,
«қой етін сатамыз» «кой етин сатамыз». The goods names, the asking and selling words of the
matcher are written with the letters (ә ғ қ ң ө ұ ү һ і), so such a text names nothing.
`KazakhLetters.restore` puts them back, word by word, from a vocabulary of Kazakh words (the
Kazakh HS titles and everyday names of the lexicon, the matcher's Kazakh words):

- in a text that has none of the letters and reads as Kazakh: at least two of its words are
  known Kazakh words once folded or say "we …" (-мыз, -міз); a Russian text in a Kazakh field is
  left alone. A text with some of the letters gets them back in known whole words only;
- a word that is a known word as typed (бал, картоп) stays; one that folds to a single known word
  becomes it; else the longest known word it starts with (at least 3 letters, folding to that
  word alone) gives the letters back, and the ending follows the word's vowels (кожалыгы →
  қожалығы, коздары → қоздары).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

KAZAKH_LETTERS = frozenset("әғқңөұүһі")
_FOLD = str.maketrans("әғқңөұүһі", "агкноуухи")
_WORD = re.compile(r"[а-яёәғқңөұүһі]+")
_FRONT = frozenset("әеіөүэ")
_BACK = frozenset("аоұыу")
_VERB_WE = re.compile(r"(?:мыз|миз|быз|биз|пыз|пиз)$")  # сатамыз, өндіреміз: "we …"
# Kazakh endings as typed without the letters (і → и, ғ → г, қ → к, ң → н): a known word with
# one to three of them is that word («кожа|лыгы», «коз|дар»); a loanword that starts like one is not
# («тур|изм», «кара|оке»)
_CHUNKS = frozenset(
    {
        *("лар", "лер", "дар", "дер", "тар", "тер"),  # plural
        *("ым", "им", "ын", "ин", "ы", "и", "сы", "си", "ымыз", "имиз", "ныз", "низ"),  # whose
        *("нын", "нин", "дын", "дин", "тын", "тин", "ны", "ни", "ды", "ди", "ты", "ти"),  # cases
        *("на", "не", "га", "ге", "ка", "ке", "а", "е", "да", "де", "та", "те", "нда", "нде"),
        *("дан", "ден", "тан", "тен", "нан", "нен", "мен", "бен", "пен", "дай", "дей"),
        *("ша", "ше", "гы", "ги", "кы", "ки", "мыз", "миз", "н", "сын", "син"),
        *("лык", "лик", "дык", "дик", "тык", "тик", "шы", "ши", "сыз", "сиз"),  # derived
        *("лы", "ли", "бы", "би", "пы", "пи"),
    }
)
_ENDINGS = re.compile("(?:" + "|".join(sorted(_CHUNKS, key=len, reverse=True)) + "){1,3}")
# a possessive ы/і takes its case with н (мұзына), never with к or г: «музыка» is no «мұз|ы|қа»
_NO_ENDING = re.compile(r"[ыи][кг]")
MIN_START = 3  # letters of a known word that gives its letters back to a longer one
MIN_KNOWN = 2  # known Kazakh words a text needs to be read as Kazakh


# Everyday Kazakh of a registration form, beside the lexicon's words: what an organization is, does
# and wants (the goods names come from the lexicon)
COMMON_WORDS: tuple[str, ...] = (
    "шаруашылығы",
    "шаруашылық",
    "қожалығы",
    "кәсіпорын",
    "кәсіпорны",
    "серіктестігі",
    "зауыты",
    "фабрикасы",
    "цехы",
    "дүкені",
    "дүкен",
    "өнім",
    "өнімдері",
    "өнімі",
    "өндіреміз",
    "өндіріс",
    "өндірісі",
    "өсіреміз",
    "шығарамыз",
    "ұсынамыз",
    "іздейміз",
    "қажет",
    "көтерме",
    "бөлшек",
    "бағасы",
    "бағамен",
    "сапалы",
    "сертификат",
    "жеткізу",
    "жеткіземіз",
    "жүк",
    "көлік",
    "көлігі",
    "тасымалы",
    "тасымалдау",
    "серіктес",
    "серіктестер",
    "тапсырыс",
    "тұрақты",
    "және",
    "үшін",
    "бойынша",
    "арқылы",
    "ауданы",
    "облысы",
    "қаласы",
    "қытай",
    "қытайға",
    "қытайдан",
    "қазақстан",
    "жылына",
    "айына",
    "көлемі",
    "көп",
    "үлкен",
    "жаңа",
    "жақсы",
    "келесі",
    "зауыт",
    "зауытқа",
    "тасу",
    "тасуға",
    "тасымалдау",
    "егеміз",
    "едік",
    "маусым",
    "іздейміз",
    "жеткізуші",
    "өндіруші",
)


def fold(word: str) -> str:
    """The word as typed on a Russian keyboard (қ → к, ә → а, і → и …)."""
    return word.translate(_FOLD)


def _front(word: str) -> bool:
    """Whether the word's last vowel is a front one (its endings take е, і, ге, ке)."""
    for char in reversed(word):
        if char in _FRONT or char == "и":
            return True
        if char in _BACK:
            return False
    return False


def _ending(ending: str, start: str) -> str:
    """A typed ending given the letters vowel harmony asks after `start`: і for и after a front
    stem, ғ/қ before a back vowel after a back stem (ға, қа, ғы, қы)."""
    front = _front(start)
    out: list[str] = []
    for i, char in enumerate(ending):
        following = ending[i + 1] if i + 1 < len(ending) else ""
        if char == "и" and front:
            char = "і"
        elif char in "гк" and not front and following in _BACK:
            char = "ғ" if char == "г" else "қ"
        out.append(char)
    return "".join(out)


# Latin look-alikes typed inside Cyrillic words for the Kazakh letters a keyboard lacks: «бiз»
# (Latin i), «әлем» typed «əлем» (Latin schwa)
_LATIN_LOOKALIKES = {"i": "і", "ə": "ә", "ö": "ө", "ü": "ү"}
_LATIN_IN_CYRILLIC = re.compile(r"(?<=[а-яәғқңөұүһі])[iəöü]|[iəöü](?=[а-яәғқңөұүһі])")


# Kazakh written in Latin letters: the official alphabet of 2021 (ä ğ ñ ö ş ū ü ı) or as people
# type it on any keyboard (sh, zh/j, q, y for ы, i for і/и/й). It is read into Cyrillic typed
# without the Kazakh letters, which `restore` then gives back: «Qarakol qoi junin satamyz» →
# «қаракөл қой жүнін сатамыз».
_LATIN_DIGRAPHS = {"sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "ts": "ц"}
_LATIN_LETTERS = dict(
    zip("abcdefghjklmnopqrstuvwxzäğñöşūüıçé", "абсдефгхжклмнопкрстувухзагношууыче", strict=True)
)
_LATIN_VOWELS = frozenset("aeiouyäöüūı")
_LATIN_WORD = re.compile(r"[a-zäğñöşūüıçé']+")
_ACRONYM = re.compile(r"[A-Z]{2,}")  # GPS, LED, EAC: read as written («GPS-treker»)
MIN_LATIN_SHARE = 0.6  # of a text's letters, for the text to be read as Kazakh in Latin letters


def _latin_word(word: str) -> str:
    """One Latin word as Cyrillic typed without the Kazakh letters (see `from_latin`)."""
    word = word.replace("'", "")
    out: list[str] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _LATIN_DIGRAPHS:
            out.append(_LATIN_DIGRAPHS[pair])
            i += 2
            continue
        char = word[i]
        before = word[i - 1] if i else ""
        after = word[i + 1] if i + 1 < len(word) else ""
        if char == "y" and after in ("a", "u"):
            out.append("я" if after == "a" else "ю")  # ayaq → аяқ, yu → ю
            i += 2
            continue
        if char in "iy":
            # й after a vowel before a consonant or at the end (qoi, izdeimiz, dayyn); else ы for
            # y and и (і folded) for i
            glide = (
                before in _LATIN_VOWELS
                and before not in "iy"
                and (after not in _LATIN_VOWELS or after in "iy")
            )
            out.append("й" if glide else ("ы" if char == "y" else "и"))
        else:
            out.append(_LATIN_LETTERS.get(char, char))
        i += 1
    return "".join(out)


def from_latin(text: str) -> str | None:
    """`text` in Cyrillic typed without the Kazakh letters when it is written in Latin letters
    (at least `MIN_LATIN_SHARE` of its letters); None otherwise."""
    lowered = text.lower()
    latin = sum(1 for c in lowered if "a" <= c <= "z" or c in "äğñöşūüıç")
    letters = sum(1 for c in lowered if c.isalpha())
    if not letters or latin < MIN_LATIN_SHARE * letters:
        return None
    return _LATIN_WORD.sub(
        lambda m: (
            m.group(0) if _ACRONYM.fullmatch(text, m.start(), m.end()) else _latin_word(m.group(0))
        ),
        lowered,
    )


class KazakhLetters:
    """Gives Kazakh letters back to a Kazakh text typed without them (see the module)."""

    def __init__(self, words: Iterable[str]) -> None:
        self._known: set[str] = set()
        whole: dict[str, set[str]] = {}
        for word in words:
            word = word.lower().replace("ё", "е")
            self._known.add(word)
            if not KAZAKH_LETTERS.intersection(word):
                whole.setdefault(word, set()).add(word)
                continue
            folded = fold(word)
            whole.setdefault(folded, set()).add(word)
        self._whole = {f: next(iter(w)) for f, w in whole.items() if len(w) == 1}

    def __bool__(self) -> bool:
        return bool(self._whole)

    def _word(self, word: str, whole_only: bool = False) -> str:
        if word in self._known or len(word) < MIN_START:
            return word  # «га» is hectares, no «ға»
        known = self._whole.get(fold(word))  # «туқымы»: ұ left out, қ typed
        if known is not None and any(
            t in KAZAKH_LETTERS and t != k for t, k in zip(word, known, strict=True)
        ):
            known = None  # «бағы» is no «багы»: a letter typed stays
        if known is not None or whole_only:
            return known or word
        for end in range(len(word) - 1, MIN_START - 1, -1):
            start = self._whole.get(word[:end])
            ending = word[end:]
            if start is not None and _ENDINGS.fullmatch(ending) and not _NO_ENDING.match(ending):
                if not KAZAKH_LETTERS.intersection(start):
                    return word
                return start + _ending(word[end:], start)
        return word

    def restore(self, text: str) -> str:
        """`text` with its Kazakh letters back; unchanged when it has them already or does not
        read as Kazakh."""
        if not self._whole:
            return text
        cyrillic = from_latin(text)
        if cyrillic is not None:
            # Kazakh in Latin letters: read as typed without the letters; a text that then names
            # no known Kazakh words (English in the Kazakh field) stays as it was
            restored = self.restore(cyrillic)
            return text if restored == cyrillic else restored
        typed = text.lower().replace("ё", "е")
        lowered = _LATIN_IN_CYRILLIC.sub(lambda m: _LATIN_LOOKALIKES[m.group(0)], typed)
        if KAZAKH_LETTERS.intersection(lowered):
            # letters left out here and there: a known word as a whole only
            restored = _WORD.sub(lambda m: self._word(m.group(0), whole_only=True), lowered)
            return text if restored == typed else restored
        words = _WORD.findall(lowered)
        known = sum(
            1
            for word in set(words)
            if _VERB_WE.search(word)
            or (word not in self._known and KAZAKH_LETTERS.intersection(self._whole.get(word, "")))
        )
        if known < MIN_KNOWN:
            return text
        return _WORD.sub(lambda m: self._word(m.group(0)), lowered)

    def restore_texts(self, texts: Mapping[str, str]) -> dict[str, str]:
        """Texts by language with the Kazakh one restored (`restore`), the others as they are."""
        return {lang: self.restore(t) if lang == "kk" else t for lang, t in texts.items()}
