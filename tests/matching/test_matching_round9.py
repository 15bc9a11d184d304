"""Round 9 (issue 14): a Kazakh verb's ending is no clause; the judged part `north` loads."""

from __future__ import annotations

from benchmarks.matching.evaluate import PARTS, load

from keruen.matching.hs_text import _kk_clauses


def test_kazakh_verb_ending_is_no_clause() -> None:
    # «сатып аламыз» (we buy): the marker «сатып ал» used to leave «амыз» as an offered clause
    clauses = _kk_clauses("келесі көктемге қызылша тұқымын сатып аламыз")
    assert [kind for kind, _ in clauses] == ["need"]
    clauses = _kk_clauses("тірі қой сатып аламыз, алтай жағынан әкелуге дайынбыз")
    assert all("амыз" not in text for _, text in clauses)
    assert clauses[0] == ("need", "тірі қой ")


def test_north_part_is_judged_and_blind() -> None:
    assert "north" in PARTS
    part = load("north")
    sides = {org.side for org in part.organizations}
    assert sides == {"KZ-55", "CN-XJ-AL"}
    assert 20 <= len(part.organizations) <= 24
    strong = [pair for pair, label in part.judgment.items() if label == "strong"]
    assert len(strong) == 10
