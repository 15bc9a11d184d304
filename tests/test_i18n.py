import pytest

from keruen.core.errors import DomainError
from keruen.i18n import force_locale, get_translations, gettext, normalize_locale

pytestmark = pytest.mark.unit


def test_catalogs_translate_and_fall_back_across_locales_in_one_process():
    msgid = "unknown HS code %(code)s"
    ru = get_translations("ru").gettext(msgid)
    kk = get_translations("kk").gettext(msgid)
    zh = get_translations("zh").gettext(msgid)
    assert len({ru, kk, zh, msgid}) == 4
    # A message no catalog knows comes back as itself in every locale (no fallback loop).
    for locale in ("ru", "kk", "zh", "en", "ru", "kk"):
        assert get_translations(locale).gettext("no such message") == "no such message"


def test_errors_render_in_the_readers_language():
    error = DomainError("unknown HS code %(code)s", code="999999")
    assert "999999" in error.render(get_translations("ru"))
    assert error.render(get_translations("ru")) != error.render()


def test_force_locale_and_negotiation():
    assert normalize_locale("ru_RU.UTF-8") == "ru" and normalize_locale("de") == "en"
    with force_locale("zh"):
        assert gettext("unknown HS code %(code)s") != "unknown HS code %(code)s"
    assert gettext("unknown HS code %(code)s") == "unknown HS code %(code)s"
