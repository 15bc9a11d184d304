"""Reasons rendered in ru, kk, zh and en from the "matching" gettext catalogs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from keruen.i18n import get_translations
from keruen.matching import OrganizationProfile, Reason, render_reason, render_reasons, suggest
from keruen.matching.explain import MESSAGES, PLURAL_MESSAGES, all_msgids
from tests.matching.conftest import code_title

pytestmark = pytest.mark.unit

LOCALES = ("ru", "kk", "zh", "en")
LOCALE_DIR = Path(__file__).resolve().parents[2] / "src/keruen/locale"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def render(reason: Reason, locale: str) -> str:
    translations = get_translations(locale, domain="matching")
    return render_reason(reason, translations, code_title, locale=locale)


def test_they_need_what_you_offer_in_four_languages() -> None:
    reason = Reason("they_need_you_offer", {"code": "5201"})
    assert render(reason, "en") == "They need raw cotton (HS 5201), which you offer."
    assert render(reason, "ru") == (
        "Им нужен товар «хлопок-сырец» (ТН ВЭД 5201), который вы предлагаете."
    )
    assert render(reason, "kk") == (
        "Оларға «шикі мақта» тауары (СЭҚ ТН 5201) қажет, ал сіз оны ұсынасыз."
    )
    assert render(reason, "zh") == "对方需要未梳棉花（HS 5201），正是贵方所供应的。"


def test_value_chain_reason_names_both_activities() -> None:
    reason = Reason("chain_they_buy", {"your_activity": "0163", "their_activity": "1311"})
    assert render(reason, "en") == (
        "Value chain: what you do (cotton ginning) feeds what they do (spinning)."
    )
    assert "очистка хлопка" in render(reason, "ru")
    assert "轧棉" in render(reason, "zh") and "纺纱" in render(reason, "zh")
    unknown = Reason("chain_they_buy", {"your_activity": "0128", "their_activity": "2100"})
    assert "МСОК 0128" in render(unknown, "ru")


def test_untitled_code_falls_back_to_the_code() -> None:
    reason = Reason("you_need_they_offer", {"code": "121190"})
    assert render(reason, "en") == "You need goods under HS 121190, which they offer."
    assert "121190" in render(reason, "zh")


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "…и ещё 1 подходящий товар."),
        (3, "…и ещё 3 подходящих товара."),
        (5, "…и ещё 5 подходящих товаров."),
        (21, "…и ещё 21 подходящий товар."),
        (12, "…и ещё 12 подходящих товаров."),
    ],
)
def test_russian_plural_forms(count: int, expected: str) -> None:
    assert render(Reason("hs_more", {"count": count}), "ru") == expected


def test_topics_and_languages_are_translated_lists() -> None:
    topics = Reason("topics", {"topics": ("agriculture", "logistics")})
    assert render(topics, "en") == "Shared topics for talks: agriculture, logistics."
    assert render(topics, "ru") == "Общие темы переговоров: сельское хозяйство, логистика."
    assert render(topics, "zh") == "共同洽谈议题：农业、物流。"
    assert render(Reason("topics", {"topics": ("agriculture",)}), "kk") == (
        "Келіссөздердің ортақ тақырыбы: ауыл шаруашылығы."
    )
    interpreter = Reason("interpreter", {"your_language": "ru", "their_language": "zh"})
    assert render(interpreter, "ru") == "Есть переводчик: русский – китайский."
    assert render(interpreter, "zh") == "可提供翻译：俄语 – 汉语。"


def test_every_reason_of_a_run_renders_in_every_locale(
    organizations: list[OrganizationProfile],
) -> None:
    result = suggest(organizations, interpreters=[("ru", "zh")])
    kinds = set()
    for suggestions in result.values():
        for suggestion in suggestions:
            for locale in LOCALES:
                translations = get_translations(locale, domain="matching")
                texts = render_reasons(suggestion, translations, code_title, locale=locale)
                assert all(t and "%(" not in t for t in texts)
            kinds.update(r.kind for r in suggestion.reasons)
    assert {"they_need_you_offer", "chain_they_buy", "transport_they_provide", "topics"} <= kinds


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_is_complete_and_keeps_placeholders(locale: str) -> None:
    path = LOCALE_DIR / locale / "LC_MESSAGES" / "matching.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=locale, domain="matching")
    expected_plurals = {"ru": 3, "kk": 2, "zh": 1, "en": 2}[locale]
    assert catalog.num_plurals == expected_plurals
    for msgid in all_msgids():
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        message = catalog.get(key)
        assert message is not None, key
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert len(strings) == (expected_plurals if isinstance(msgid, tuple) else 1)
        for translated in strings:
            assert translated, key
            assert set(PLACEHOLDER.findall(translated)) == set(PLACEHOLDER.findall(key)), key


def test_every_reason_kind_has_a_message() -> None:
    import keruen.matching.reasons as reasons_module

    documented = set(re.findall(r"^\| (\w+)", reasons_module.__doc__ or "", re.MULTILINE))
    documented = {k for k in documented if k != "kind"}
    known = {k.split("/")[0] for k in MESSAGES} | set(PLURAL_MESSAGES)
    assert documented <= known
