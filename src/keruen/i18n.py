"""Interface text through gettext catalogs (ru, kk, zh, en).

Catalogs live as .po files in `keruen/locale/<lang>/LC_MESSAGES/<domain>.po`. They are compiled
in memory with Babel the first time a locale is used, so a fresh checkout needs no build step
and a .po edit shows up on the next start. Russian and Kazakh plural rules come from the
catalog headers (Russian has three forms).
"""

from __future__ import annotations

import contextvars
import gettext as _gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"
SUPPORTED_LOCALES: tuple[str, ...] = ("ru", "kk", "zh", "en")
DEFAULT_LOCALE = "en"
# When a translation is missing, a Kazakh reader is better served by Russian than by English.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "kk": ("kk", "ru", "en"),
    "ru": ("ru", "en"),
    "zh": ("zh", "en"),
    "en": ("en",),
}

_current_locale: contextvars.ContextVar[str] = contextvars.ContextVar(
    "keruen_locale", default=DEFAULT_LOCALE
)


def normalize_locale(value: str | None) -> str:
    """'ru-RU', 'zh_Hans_CN', 'KK' → a supported locale; anything else → the default."""
    if not value:
        return DEFAULT_LOCALE
    base = value.replace("_", "-").split("-")[0].lower()
    return base if base in SUPPORTED_LOCALES else DEFAULT_LOCALE


@lru_cache(maxsize=64)
def _compiled(locale: str, domain: str) -> bytes | None:
    po_path = LOCALE_DIR / locale / "LC_MESSAGES" / f"{domain}.po"
    if not po_path.exists():
        return None
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=locale, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _load_single(locale: str, domain: str) -> _gettext.NullTranslations | None:
    # A new object every time: add_fallback() changes it, so chains must not share one.
    data = _compiled(locale, domain)
    return _gettext.GNUTranslations(io.BytesIO(data)) if data is not None else None


@lru_cache(maxsize=64)
def get_translations(locale: str, domain: str = "messages") -> _gettext.NullTranslations:
    """Translations for `locale` with its fallback chain; never raises for a missing catalog."""
    chain = FALLBACKS.get(normalize_locale(locale), (DEFAULT_LOCALE,))
    result: _gettext.NullTranslations | None = None
    for code in chain:
        found = _load_single(code, domain)
        if found is None:
            continue
        if result is None:
            result = found
        else:
            result.add_fallback(found)
    return result if result is not None else _gettext.NullTranslations()


def current_locale() -> str:
    return _current_locale.get()


@contextmanager
def force_locale(locale: str) -> Iterator[str]:
    """Render everything inside the block in `locale` (e.g. an email to someone else)."""
    token = _current_locale.set(normalize_locale(locale))
    try:
        yield _current_locale.get()
    finally:
        _current_locale.reset(token)


def gettext(message: str) -> str:
    return get_translations(current_locale()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return get_translations(current_locale()).ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    return message


def set_locale(locale: str) -> str:
    """Make `locale` the current language of this thread/context (a CLI sets it once)."""
    chosen = normalize_locale(locale)
    _current_locale.set(chosen)
    return chosen


# Babel's locale for each interface language (Chinese: Simplified, mainland conventions).
BABEL_LOCALES = {"ru": "ru", "kk": "kk", "zh": "zh_Hans_CN", "en": "en"}


def clock_name(zone: str, moment: object, locale: str) -> str:
    """A clock as people name it, in their language: its city and its UTC offset at that
    moment ("Шанхай, UTC+8", "阿拉木图, UTC+5"), never a tz database name. Pages, PDFs and
    mails all name clocks with it."""
    from babel.dates import get_timezone, get_timezone_location

    from keruen.core.timeutil import utc_to_local

    city = get_timezone_location(
        get_timezone(zone), locale=BABEL_LOCALES[normalize_locale(locale)], return_city=True
    )
    offset = utc_to_local(moment, zone).utcoffset()  # type: ignore[arg-type]
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    hours, rest = divmod(abs(minutes), 60)
    return f"{city}, UTC{'+' if minutes >= 0 else '-'}{hours}" + (f":{rest:02d}" if rest else "")


def money(amount: int | None, currency: str | None, locale: str, *, compact: bool = False) -> str:
    """An amount in whole units in the reader's way of writing money: "50 004 000 $",
    "US$50,004,000", "US$50,004,000.00" never (figures here are whole units); a plain number
    when there is no currency; compact ("620 млн $", "$620M", "US$6.2亿") where a sentence reads
    better. The one place pages, PDFs, workbooks and mails format money."""
    from babel import Locale
    from babel.numbers import format_compact_currency, format_currency, format_decimal

    if amount is None:
        return ""
    babel = BABEL_LOCALES[normalize_locale(locale)]
    if not currency:
        return format_decimal(amount, locale=babel)
    if compact and amount >= 1_000_000:
        return format_compact_currency(amount, currency, locale=babel, fraction_digits=1)
    pattern = Locale.parse(babel).currency_formats["standard"].pattern
    whole = pattern.split(";")[0].replace(".00", "")  # the locale's own layout, no cents
    return format_currency(amount, currency, format=whole, locale=babel, currency_digits=False)
