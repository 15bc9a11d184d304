"""Round 21 (issue 14): the classes of the blind parts `lagoon` (Kyzylorda ↔ Alar) and `prairie`
(Turkestan ↔ Bayingol), read after their blind runs, each tested here with other wording than the
parts'.

Investment: a project that seeks capital and an investor in its very activity class meet on their
profiles alone, across languages, with no text likeness to help; what a project asks capital for
is no goods it buys («ищем инвестиции в цех переработки винограда», 寻求服装企业投资入驻).
"""

from __future__ import annotations

import pytest

from keruen.matching import OrganizationProfile

from .helpers import CN, KZ, C, O, named, run


def _project(isic: str, text: dict[str, str]) -> OrganizationProfile:
    return O(
        id="project",
        side=KZ,
        languages=["ru"],
        texts=text,
        profiles=[C(kind="investment_sought", isic=[isic], text=text)],
    )


def _investor(isic: list[str]) -> OrganizationProfile:
    text = {"zh": "国有资本投资公司，可以到哈萨克斯坦合作。"}
    return O(
        id="investor",
        side=CN,
        languages=["zh"],
        texts=text,
        profiles=[C(kind="investment_offered", isic=isic, text=text)],
    )


def test_a_project_meets_an_investor_in_its_activity_class() -> None:
    project = _project("1061", {"ru": "Проект мельничного комплекса, ищем инвестора."})
    found = run([project, _investor(["1061", "1311"])])
    assert [s.partner_id for s in found["project"]] == ["investor"]
    assert [s.partner_id for s in found["investor"]] == ["project"]
    assert any(r.kind == "profile_they_offer" for r in found["project"][0].reasons)


def test_an_investor_of_the_same_division_only_is_no_match_alone() -> None:
    # grain milling (1061) and a dairy investor (1050): both food, not the same business
    project = _project("1061", {"ru": "Проект мельничного комплекса, ищем инвестора."})
    assert run([project, _investor(["1050"])])["project"] == []


@pytest.mark.parametrize(
    ("text", "language", "not_asked"),
    [
        ("Ищем инвестиции в цех переработки винограда и выдержки вина.", "ru", {"0806", "2204"}),
        ("寻求服装、针织企业投资入驻。", "zh", {"6109", "6203", "6204"}),
        ("We are seeking investment in a dairy plant for milk powder.", "en", {"0402"}),
    ],
)
def test_what_capital_is_asked_for_is_no_goods_asked_for(
    text: str, language: str, not_asked: set[str]
) -> None:
    asked = {code for code, direction in named(text, language) if direction == "need"}
    assert not asked & not_asked


def test_an_investor_and_a_supplier_asked_together_still_ask_for_the_goods() -> None:
    assert ("8541", "need") in named("Ищем инвестора и поставщика солнечных панелей.", "ru")
