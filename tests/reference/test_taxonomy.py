import pytest

from keruen.reference import taxonomy
from keruen.reference.regions import is_within, load_regions, timezone_of

pytestmark = pytest.mark.unit


def test_hs_2022_and_isic_rev4_are_complete():
    levels: dict[str, int] = {}
    for entry in taxonomy.hs().entries.values():
        levels[entry.level] = levels.get(entry.level, 0) + 1
    assert levels == {"section": 21, "chapter": 96, "heading": 1228, "subheading": 5612}
    levels = {}
    for entry in taxonomy.isic().entries.values():
        levels[entry.level] = levels.get(entry.level, 0) + 1
    assert levels == {"section": 21, "division": 88, "group": 238, "class": 419}


@pytest.mark.parametrize("system", ["hs", "isic"])
@pytest.mark.parametrize("locale", ["ru", "kk", "zh"])
def test_sections_and_chapters_or_divisions_have_their_own_titles(system, locale):
    upper = ("section", "chapter") if system == "hs" else ("section", "division")
    missing = [
        e.code
        for e in taxonomy.taxonomy(system).entries.values()
        if e.level in upper and not e.translated(locale)
    ]
    assert missing == []


def test_code_lookup_tolerates_what_people_type():
    hs = taxonomy.hs()
    assert hs.get("5201.00").code == "520100"
    assert hs.get("80830").code == "080830"  # Excel ate the leading zero
    assert hs.get("999999") is None  # Comtrade's "not specified" is no HS code
    assert taxonomy.isic().get("1311").parent == "131"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("cotton", "52"),
        ("хлопок", "52"),
        ("мақта", "52"),
        ("棉花", "52"),
        ("licorice", "130212"),
        ("солодк", "130212"),
        ("甘草", "130212"),
    ],
)
def test_search_by_words_in_any_language(query, code):
    assert code in [e.code for e in taxonomy.hs().search(query, limit=50)]


@pytest.mark.parametrize("query", ["spinning", "прядение", "иіру", "纺纱"])
def test_isic_search_finds_spinning_in_every_language(query):
    codes = [e.code for e in taxonomy.isic().search(query, limit=30)]
    assert "1311" in codes


def test_regions_carry_names_in_four_languages_and_zones():
    regions = load_regions()
    assert regions["KZ-61"].iso == "KZ-61"
    for record in regions.values():
        assert set(record.names.values) >= {"ru", "kk", "zh", "en"}, record.code
    assert is_within("KZ-61-MAK", "KZ-61") and not is_within("KZ-61-MAK", "CN")
    assert timezone_of("KZ-61-MAK") == "Asia/Almaty"
    assert timezone_of("CN-XJ-BYG-KRL") == "Asia/Shanghai"
    assert {"CN-XJ-BYG-KRL", "CN-XJ-BYG-YQI", "CN-XJ-BYG-HJG"} <= set(regions)


def test_a_reader_gets_the_nearest_translated_title_not_an_english_sentence():
    from keruen.reference.taxonomy import code_title

    sub = taxonomy.hs().get("520532")
    assert sub.translated("ru")  # every HS subheading has its own title (round 16)
    assert code_title("hs", "520532", "ru") == sub.title("ru")
    assert code_title("hs", "520532", "en").startswith("Cotton yarn")
    # an ISIC class without a title of its own reads as its division
    assert not taxonomy.isic().get("2821").translated("zh")
    assert code_title("isic", "2821", "zh") == taxonomy.isic().get("28").title("zh")
    assert code_title("hs", "000000", "ru") is None
