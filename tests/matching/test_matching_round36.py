"""Round 36 (issue 14): classes read after round 35 and on graben and swale after their blind run.

- A bare Kazakh material noun before the goods made of it («жүн және жібек кілемдер», wool and
  silk carpets) asks for the carpets, not for wool or silk.
- A firm that takes anything stays vague when one loose word of a title («бағытта» of
  «бағытталған», OSB's Kazakh title) is all its texts name.
"""

from __future__ import annotations

import pytest

from keruen.matching import NgramTextSimilarity

from .helpers import CN, KZ, O, named, run

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "not_asked"),
    [
        ("Қолдан тоқылған жүн және жібек кілемдер іздейміз.", "5101"),
        ("Қолдан тоқылған жүн және жібек кілемдер іздейміз.", "5007"),
        ("Жүн мен жібек кілемдер аламыз.", "5007"),
        ("Тері аяқ киім сатып аламыз.", "4101"),
    ],
)
def test_a_material_before_the_goods_made_of_it_is_not_asked(text: str, not_asked: str) -> None:
    found = named(text, "kk")
    assert (not_asked, "need") not in found
    # what is made of it is asked
    assert any(direction == "need" and code[:2] in {"57", "64"} for code, direction in found)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        # the guards: the materials themselves, alone or listed
        ("Жүн сатып аламыз.", "5101"),
        ("Жүн және тері сатып аламыз.", "4101"),
        ("Жүн және тері сатып аламыз.", "5101"),
    ],
)
def test_a_material_asked_for_itself_is_still_asked(text: str, asked: str) -> None:
    assert (asked, "need") in named(text, "kk")


def test_a_firm_that_takes_anything_stays_vague_beside_a_loose_word_of_a_title() -> None:
    ours = O(
        id="k-vague",
        side=KZ,
        languages=["kk"],
        texts={
            "kk": "«Нұр-Жол» ЖШС. Әртүрлі салада жұмыс істейміз. Қытай серіктестерімен кез "
            "келген бағытта ынтымақтастыққа дайынбыз."
        },
    )
    # a firm that names what it sells and writes the same words
    theirs = O(
        id="c-apricots",
        side=CN,
        languages=["kk"],
        texts={
            "kk": "Жеміс кептіру цехы, кептірілген өрік сатамыз. Қазақстан серіктестерімен кез "
            "келген бағытта ынтымақтастыққа дайынбыз."
        },
    )
    found = run([ours, theirs], text_similarity=NgramTextSimilarity())
    assert found[ours.id] == []
    assert found[theirs.id] == []
