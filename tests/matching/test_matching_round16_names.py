"""Round 16 (issue 14): goods that participants name in everyday words — the misses of the blind
parts were mostly such names, in every script — are read as their HS headings; a Kazakh name is
met only by its own word with suffixes, and a city or a month is no goods."""

import pytest

from keruen.matching.hs_text import default_heading_lexicon

pytestmark = pytest.mark.unit


def _found(text: str, language: str) -> set[str]:
    return set(default_heading_lexicon().headings(text, language))


@pytest.mark.parametrize(
    ("text", "language", "heading"),
    [
        ("Закупаем шприцы одноразовые для аптечной сети", "ru", "9018"),
        ("生产狗粮、猫粮，出口中亚", "zh", "2309"),
        ("Оптом моторные масла и антифриз", "ru", "2710"),
        ("液化气钢瓶生产企业", "zh", "7311"),
        ("Нужны сварочные электроды для монтажа", "ru", "8311"),
        ("Шойын қазандар мен табалар сатамыз", "kk", "7323"),
        ("啤酒玻璃瓶，可出口", "zh", "7010"),
        ("玫瑰花茶（干花蕾）", "zh", "0603"),  # dried flower buds are cut flowers, dried
        ("Сухоцветы и букеты", "ru", "0603"),
    ],
)
def test_goods_written_in_everyday_words_find_their_heading(
    text: str, language: str, heading: str
) -> None:
    assert heading in _found(text, language)


def test_a_kazakh_verb_is_no_rug() -> None:
    # «аламыз» (we buy) and «алаша» (a rug) both cut short to «ала»: the verb names nothing
    assert _found("Қытайдан сатып аламыз", "kk") == set()
    assert "5702" in _found("Қолдан тоқылған алаша сатамыз", "kk")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Офис в Казани и Алматы, принимаем заказы", "ru"),
        ("Қазан айында көрме өтеді, серіктестер іздейміз", "kk"),
    ],
)
def test_a_city_or_a_month_is_no_cauldron(text: str, language: str) -> None:
    assert "7323" not in _found(text, language)


def test_the_cap_on_needs_counts_goods_not_headings() -> None:
    # three names, seven headings: the safety boots are asked for as much as the suits
    from .helpers import named

    found = named(
        "Закупаем рабочие костюмы, утеплённые куртки и спецобувь с металлическим подноском.",
        "ru",
    )
    assert {("6203", "need"), ("6201", "need"), ("6403", "need")} <= found


def test_a_material_word_is_no_fabric() -> None:
    # 真丝手工地毯 is a carpet of real silk, not silk fabric (5007)
    assert "5007" not in _found("真丝手工地毯，可定制尺寸", "zh")
