"""HS titles in Russian, Kazakh and Chinese (data/hs_titles_i18n.csv): every heading has them,
they are well-formed, a partner suggestion can name a forum code by its own title, and everyday
words find the right heading (issue 14)."""

import csv
import re
from pathlib import Path

import pytest
import yaml

from keruen.reference import taxonomy
from keruen.reference.taxonomy import DATA_DIR, code_title

pytestmark = pytest.mark.unit

LANGS = ("ru", "kk", "zh")
TITLES_CSV = DATA_DIR / "hs_titles_i18n.csv"
FORUM_YAML = Path(taxonomy.__file__).parents[1] / "demo" / "forum.yaml"
KAZAKH_ONLY = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
CYRILLIC = re.compile("[\u0400-\u04ff]")
LATIN = re.compile("[A-Za-z]")
HANZI = re.compile("[\u4e00-\u9fff]")
# International words that Kazakh writes exactly as Russian does.
SAME_IN_KK_AND_RU = {
    "0905",  # Ваниль
    "1108",  # Крахмал; инулин
    "1203",  # Копра
    "1803",  # Какао-паста
    "2518",  # Доломит
    "2524",  # Асбест
    "310530",  # Диаммонийфосфат
    "7117",  # Бижутерия
    "720230",  # Ферросиликомарганец
    "720250",  # Ферросиликохром
    "720260",  # Ферроникель
    "720270",  # Ферромолибден
    "720293",  # Феррониобий
}
# Frequent Kazakh words as they come out when typed on a Russian keyboard layout.
KAZAKH_WITHOUT_ITS_LETTERS = (
    "жане",  # және
    "баска",  # басқа
    "онимдер",  # өнімдер
    "буйымдар",  # бұйымдар
    "жасалган",  # жасалған
    "арналган",  # арналған
    "калдыктар",  # қалдықтар
    "курамында",  # құрамында
    "онделген",  # өңделген
    "онделмеген",  # өңделмеген
    "агаш",  # ағаш
    "тукым",  # тұқым
)


def _rows() -> list[dict[str, str]]:
    with TITLES_CSV.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _english() -> dict[str, str]:
    with (DATA_DIR / "hs2022.csv").open(encoding="utf-8", newline="") as fh:
        return {row["hscode"]: row["description"] for row in csv.DictReader(fh)}


def _forum_hs_codes() -> set[str]:
    codes: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("hs", "hs_offers", "hs_needs"):
                    codes.update(str(code) for code in value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load(FORUM_YAML.read_text(encoding="utf-8")))
    return codes


def test_the_csv_is_well_formed_and_names_only_real_codes():
    raw = TITLES_CSV.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
    assert raw.decode("utf-8").splitlines()[0] == "code,ru,kk,zh"
    rows = _rows()
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes)), "duplicate codes"
    english = _english()
    unknown = [code for code in codes if code not in english]
    assert unknown == []  # a typo would silently never show
    untidy = [
        (row["code"], lang)
        for row in rows
        for lang in LANGS
        if row[lang] != row[lang].strip() or "  " in row[lang]
    ]
    assert untidy == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_hs_heading_has_its_own_title(lang):
    headings = [e for e in taxonomy.hs().entries.values() if e.level == "heading"]
    assert len(headings) == 1228
    missing = [e.code for e in headings if not e.translated(lang)]
    assert missing == []


def test_no_title_is_empty_or_the_english_one():
    english = _english()
    bad = [
        (row["code"], lang)
        for row in _rows()
        for lang in LANGS
        if not row[lang].strip() or row[lang].casefold() == english[row["code"]].casefold()
    ]
    assert bad == []


def test_kazakh_titles_are_written_with_kazakh_letters():
    rows = _rows()
    mixed = [
        (row["code"], word)
        for row in rows
        for lang in ("ru", "kk")
        for word in re.findall(r"\w+", row[lang])
        if LATIN.search(word) and CYRILLIC.search(word)  # a Latin "i" or "a" in a Cyrillic word
    ]
    assert mixed == []
    typed_without = [
        (row["code"], word)
        for row in rows
        for word in KAZAKH_WITHOUT_ITS_LETTERS
        if re.search(rf"(?<!\w){word}", row["kk"].casefold())
    ]
    assert typed_without == []
    copied_from_russian = {row["code"] for row in rows if row["kk"] == row["ru"]}
    assert copied_from_russian <= SAME_IN_KK_AND_RU
    headings = [row for row in rows if len(row["code"]) == 4]
    with_kazakh_letters = [row for row in headings if KAZAKH_ONLY.search(row["kk"])]
    assert len(with_kazakh_letters) / len(headings) > 0.95


def test_russian_titles_are_russian_and_chinese_titles_are_chinese():
    rows = _rows()
    assert [r["code"] for r in rows if KAZAKH_ONLY.search(r["ru"])] == []
    assert [r["code"] for r in rows if HANZI.search(r["ru"] + r["kk"])] == []
    assert [r["code"] for r in rows if not HANZI.search(r["zh"])] == []
    assert [r["code"] for r in rows if CYRILLIC.search(r["zh"])] == []
    # Chinese punctuation is full-width: ，；（） not , ; ( )
    assert [r["code"] for r in rows if re.search(r"[,;()]", r["zh"])] == []


def test_every_hs_2022_subheading_has_ru_kk_and_zh_titles():
    # all 5,612 subheadings of the taxonomy; Comtrade's 999999 ("commodities not specified
    # according to kind", chapter 99, not an HS code) is left out as its heading 9999 is
    subheadings = {code for code in _english() if len(code) == 6 and not code.startswith("99")}
    assert len(subheadings) == 5612
    titled = {
        row["code"] for row in _rows() if len(row["code"]) == 6 and all(row[k] for k in LANGS)
    }
    assert sorted(subheadings - titled) == []


@pytest.mark.parametrize("locale", LANGS)
def test_a_forum_code_reads_as_its_own_title_not_its_chapter(locale):
    hs = taxonomy.hs()
    codes = _forum_hs_codes()
    assert len(codes) >= 60
    # The issue: 843359 (cotton pickers) read as chapter 84 «Реакторы ядерные, котлы…».
    untranslated = [c for c in sorted(codes) if not hs.get(c).translated(locale)]
    assert untranslated == []
    fallbacks = [c for c in sorted(codes) if code_title("hs", c, locale) != hs.get(c).title(locale)]
    assert fallbacks == []
    assert "хлопкоуборочные" in code_title("hs", "843359", "ru")


def _codes(query: str, limit: int = 10) -> list[str]:
    return [e.code for e in taxonomy.hs().search(query, limit=limit)]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("томатная паста", "2002"),
        ("қызанақ пастасы", "2002"),
        ("番茄酱", "2002"),
        ("корень солодки", "1211"),
        ("甘草根", "1211"),
        ("экстракт солодки", "1302"),
        ("甘草浸膏", "1302"),
        ("курага", "081310"),
        ("изюм", "080620"),
        ("мейіз", "080620"),
        ("葡萄干", "080620"),
        ("пшеница", "1001"),
        ("小麦", "1001"),
        ("面粉", "1101"),
        ("мука", "1101"),
        ("помидоры", "0702"),
        ("подсолнечное масло", "1512"),
        ("күнбағыс майы", "1512"),
        ("баранина", "0204"),
        ("қой еті", "0204"),
        ("трактор", "8701"),
        ("тракторлар", "8701"),
        ("拖拉机", "8701"),
        ("шины", "4011"),
        ("轮胎", "4011"),
        ("ферросплавы", "7202"),
        ("ферроқорытпалар", "7202"),
        ("铁合金", "7202"),
        ("контейнеры", "8609"),
        ("集装箱", "8609"),
        ("солнечные панели", "854143"),
        ("күн панельдері", "854143"),
        ("太阳能电池板", "854143"),
        ("хлопкоуборочные машины", "843359"),
        ("采棉机", "843359"),
        ("футболки", "6109"),
        ("лекарственные средства", "3003"),
        ("дәрілік заттар", "3003"),
    ],
)
def test_everyday_words_find_their_code_first(query, first):
    assert _codes(query)[0] == first


@pytest.mark.parametrize("query", ["мақта", "хлопок", "棉花", "cotton"])
def test_cotton_finds_the_chapter_then_raw_cotton(query):
    codes = _codes(query)
    assert codes[0] == "52"
    assert next(c for c in codes if len(c) == 4) == "5201"


@pytest.mark.parametrize("query", ["солодка", "мия", "甘草", "licorice"])
def test_licorice_finds_root_and_extract(query):
    codes = _codes(query, limit=4)
    if query == "licorice":  # English titles are the source's: only 1302.12 says it
        assert codes[0] == "130212"
        return
    assert codes[:2] == ["1211", "1302"]  # root (1211.90) and extract (1302.12) headings
    assert {"121190", "130212"} <= set(codes)


def test_a_word_is_not_any_longer_word():
    def first_heading(query: str) -> str:
        return next(c for c in _codes(query, limit=20) if len(c) == 4)

    assert first_heading("мед") == "0409"  # honey, not copper («медь», 74xx)
    assert first_heading("бал") == "0409"  # Kazakh honey, not fish («балық», 03xx)


def test_kazakh_voicing_finds_the_possessive_form():
    # «грек жаңғағы» (walnut): a final қ becomes ғ before a vowel.
    assert _codes("грек жаңғақ")[:2] == ["080231", "080232"]


def test_nonsense_finds_nothing():
    assert _codes("zzzzqqq") == []
