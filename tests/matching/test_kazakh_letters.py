"""Kazakh typed on a Russian keyboard (қ → к, ұ → у, і → и …) finds the same partners as Kazakh
with its letters; a Russian text in a Kazakh field and a Kazakh text written properly are read as
they are (`keruen.matching.kazakh`)."""

from __future__ import annotations

import pytest

from keruen.matching.hs_text import default_heading_lexicon

from .helpers import CN, KZ, O, run


def _partners(kazakh: str, chinese: str) -> list[str]:
    orgs = [
        O(id="kz", side=KZ, languages=["kk"], texts={"kk": kazakh}),
        O(id="cn", side=CN, languages=["zh"], texts={"zh": chinese}),
    ]
    return [s.partner_id for s in run(orgs)["kz"]]


@pytest.mark.parametrize(
    ("typed", "proper", "chinese"),
    [
        # alfalfa seed: жоңышқа тұқымы
        ("Тукым шаруашылыгы. Жонышка тукымы сатамыз, 40 тонна.",
         "Тұқым шаруашылығы. Жоңышқа тұқымы сатамыз, 40 тонна.", "牧场，需要进口苜蓿种子。"),
        # mutton: қой еті
        ("Кой етин сатамыз, халал.", "Қой етін сатамыз, халал.", "清真餐厅，采购羊肉。"),
        # milk powder: құрғақ сүт, өндіреміз
        ("Кургак сут ондиремиз, экспортка дайынбыз.",
         "Құрғақ сүт өндіреміз, экспортқа дайынбыз.", "糕点厂，需要进口奶粉。"),
        # Latin i for і and letters left out here and there: жүн, қой терісі
        ("Жун мен тері сатамыз, кой терiсi.", "Жүн мен тері сатамыз, қой терісі.",
         "皮革厂常年收购羊皮和羊毛。"),
    ],
)  # fmt: skip
def test_kazakh_without_its_letters_finds_what_kazakh_with_them_finds(
    typed: str, proper: str, chinese: str
) -> None:
    assert _partners(proper, chinese) == ["cn"]  # the pair is found as written properly
    assert _partners(typed, chinese) == ["cn"]


def test_the_letters_come_back_by_the_words_vowels() -> None:
    letters = default_heading_lexicon().kazakh_letters
    assert letters.restore("Шаруа кожалыгы. Картоп осиремиз, жук колиги керек.") == (
        "шаруа қожалығы. картоп өсіреміз, жүк көлігі керек."
    )


@pytest.mark.parametrize(
    "text",
    [
        # Russian in a Kazakh field: «кожа» stays leather, «туризм» no «түрізм»
        "Кожа и шерсть, туризм и караоке. Продаём оптом.",
        # proper Kazakh stays as written
        "Жоңышқа тұқымы сатамыз, көтерме бағамен.",
        # a loanword that starts like a Kazakh word keeps its letters
        "Туризм, музыка, караоке сатамыз, тур жасаймыз.",
    ],
)
def test_what_is_not_kazakh_typed_without_letters_is_left_alone(text: str) -> None:
    restored = default_heading_lexicon().kazakh_letters.restore(text).lower()
    for word in ("кожа", "туризм", "караоке", "музыка", "жоңышқа", "тұқымы", "көтерме"):
        if word in text.lower():
            assert word in restored
