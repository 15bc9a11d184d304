import pytest
from pydantic import ValidationError

from keruen.core.names import name_key
from keruen.core.text import LocalizedText

pytestmark = pytest.mark.unit


def test_reader_gets_own_language_then_fallback_chain_then_source():
    name = LocalizedText.of({"ru": "Хлопок Мактаарала", "en": "Maktaaral Cotton"}, source="ru")
    assert name.get("ru") == "Хлопок Мактаарала"
    assert name.get("kk") == "Хлопок Мактаарала"  # a Kazakh reader is served Russian first
    assert name.get("zh") == "Maktaaral Cotton"
    only_zh = LocalizedText.of({"zh": "库尔勒纺织"}, source="zh")
    assert only_zh.get("en") == "库尔勒纺织"


def test_source_language_must_have_text_and_empty_values_are_dropped():
    text = LocalizedText.of({"ru": "  ", "en": "Name"})
    assert text.values == {"en": "Name"} and text.source == "en"
    with pytest.raises(ValidationError):
        LocalizedText(values={"en": "Name"}, source="zh")


def test_one_company_typed_in_cyrillic_and_latin_folds_to_similar_keys():
    assert name_key("ТОО «Оңтүстік Мақта»") == name_key("Ontustik Makta LLP")
    assert "demo" not in name_key("Korla Textile (demo)")
