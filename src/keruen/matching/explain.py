"""Render structured reasons as text in the reader's language.

Messages are English msgids in the gettext domain "matching"
(`keruen/locale/<lang>/LC_MESSAGES/matching.po`). They are marked with `N_` (singular) and `Nn_`
(singular, plural) so that extraction finds them; for Babel add the keywords `N_` and `Nn_:1,2`.
Placeholders are named, so each language orders the sentence its own way.

The caller supplies the catalog (anything with `.gettext` and `.ngettext`, e.g.
`keruen.i18n.get_translations(locale, domain="matching")`) and the HS/ISIC titles
(`code_title(kind, code, locale)`, kind "hs" or "isic"); this module imports neither.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from keruen.matching.features import BODY_KINDS, document
from keruen.matching.types import OrganizationProfile, Reason, ReasonParam, Suggestion

CodeTitle = Callable[[str, str, str], str | None]


class Translations(Protocol):
    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


def N_(message: str) -> str:
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    return singular, plural


MESSAGES: dict[str, str] = {
    "they_need_you_offer": N_("They need %(product)s (HS %(code)s), which you offer."),
    "they_need_you_offer/untitled": N_("They need goods under HS %(code)s, which you offer."),
    "you_need_they_offer": N_("You need %(product)s (HS %(code)s), which they offer."),
    "you_need_they_offer/untitled": N_("You need goods under HS %(code)s, which they offer."),
    "they_need_you_offer_text/their": N_(
        "Their description names %(product)s (HS %(code)s) as something they need; you offer it."
    ),
    "they_need_you_offer_text/your": N_(
        "They need %(product)s (HS %(code)s); your description names it as something you offer."
    ),
    "they_need_you_offer_text/both": N_(
        "Their description names %(product)s (HS %(code)s) as something they need, and yours "
        "as something you offer."
    ),
    "you_need_they_offer_text/their": N_(
        "You need %(product)s (HS %(code)s); their description names it as something they offer."
    ),
    "you_need_they_offer_text/your": N_(
        "Your description names %(product)s (HS %(code)s) as something you need; they offer it."
    ),
    "you_need_they_offer_text/both": N_(
        "Your description names %(product)s (HS %(code)s) as something you need, and theirs "
        "as something they offer."
    ),
    "they_need_related/4": N_(
        "They need %(their_product)s (HS %(their_code)s); you offer %(your_product)s "
        "(HS %(your_code)s) from the same HS heading."
    ),
    "they_need_related/2": N_(
        "They need %(their_product)s (HS %(their_code)s); you offer %(your_product)s "
        "(HS %(your_code)s) from the same HS chapter."
    ),
    "you_need_related/4": N_(
        "You need %(your_product)s (HS %(your_code)s); they offer %(their_product)s "
        "(HS %(their_code)s) from the same HS heading."
    ),
    "you_need_related/2": N_(
        "You need %(your_product)s (HS %(your_code)s); they offer %(their_product)s "
        "(HS %(their_code)s) from the same HS chapter."
    ),
    "chain_they_buy": N_(
        "Value chain: what you do (%(your_activity)s) feeds what they do (%(their_activity)s)."
    ),
    "chain_they_supply": N_(
        "Value chain: what they do (%(their_activity)s) feeds what you do (%(your_activity)s)."
    ),
    "logistics_you_provide": N_("You provide logistics services, and they ship goods."),
    "logistics_they_provide": N_("They provide logistics services, and you ship goods."),
    "same_industry": N_("You work in the same field: %(activity)s."),
    "service_they_provide": N_("You are looking for a service that is their work: %(activity)s."),
    "service_you_provide": N_("They are looking for a service that is your work: %(activity)s."),
    "assembly_they_offer": N_(
        "You are looking for a partner to assemble your machines, and they offer assembly at "
        "their plant."
    ),
    "assembly_you_offer": N_(
        "They are looking for a partner to assemble their machines, and you offer assembly at "
        "your plant."
    ),
    "counterpart_service": N_(
        "You provide the same service on the two sides of the border: %(activity)s."
    ),
    "profile_you_offer/business": N_("Your business offer answers their request."),
    "profile_you_offer/technology": N_(
        "Your technology offer answers their request for technology."
    ),
    "profile_you_offer/investment": N_("You offer investment, and they are looking for it."),
    "profile_they_offer/business": N_("Their business offer answers your request."),
    "profile_they_offer/technology": N_(
        "Their technology offer answers your request for technology."
    ),
    "profile_they_offer/investment": N_("They offer investment, and you are looking for it."),
    "similar_descriptions": N_("Your descriptions of what you do are similar."),
    "interpreter": N_("An interpreter is available: %(your_language)s – %(their_language)s."),
    "no_shared_language": N_("No shared language: you will need an interpreter."),
    "languages_unknown": N_("Languages not stated: check whether an interpreter is needed."),
    "pinned": N_("Recommended by the organizers."),
    "boosted": N_("Highlighted by the organizers."),
    "transport_you_provide": N_(
        "They are looking for transport, and you provide logistics services."
    ),
    "transport_they_provide": N_(
        "You are looking for transport, and they provide logistics services."
    ),
    "corridor_partners": N_(
        "Freight partners on one route: you offer %(your_modes)s, they offer %(their_modes)s."
    ),
    "corridor_peers": N_(
        "You both carry freight (%(modes)s): partners on one route, or competitors."
    ),
    "fleet_you_seek": N_(
        "You are looking for partner fleets, and they run vehicles of their own (%(modes)s)."
    ),
    "fleet_they_seek": N_(
        "They are looking for partner fleets, and you run vehicles of your own (%(modes)s)."
    ),
    "counterpart_body/association": N_("Counterparts: you are both business associations."),
    "counterpart_body/university": N_("Counterparts: you are both universities."),
    "counterpart_body/government": N_("Counterparts: you are both government bodies."),
    "counterpart_body/cultural": N_("Counterparts: you are both cultural institutions."),
}

MODE_LABELS: dict[str, str] = {
    "rail": N_("rail freight"),
    "road": N_("road freight"),
    "terminal": N_("terminals and warehousing"),
    "forwarding": N_("forwarding and customs"),
    "water": N_("water freight"),
    "air": N_("air freight"),
    "courier": N_("courier services"),
}

STRENGTH_LABELS: dict[str, str] = {
    "strong": N_("strong"),
    "medium": N_("moderate"),
    "weak": N_("weak"),
}
# Translators: a reason followed by the strength of the evidence behind it.
WITH_STRENGTH = N_("%(reason)s [%(strength)s]")

# An organization with no suggestion: say so, and what would help.
NO_MATCH = N_("No good match yet.")
NO_MATCH_HINTS: dict[str, str] = {
    "hs": N_("What would help: the HS codes of the goods you offer and need."),
    "text": N_(
        "What would help: a description of what you do and what you look for, in any language."
    ),
    "isic": N_("What would help: the codes of your activities (ISIC)."),
    "profile": N_("What would help: a concrete offer or request, with its product codes."),
}

PLURAL_MESSAGES: dict[str, tuple[str, str]] = {
    "hs_more": Nn_(
        "…and %(count)d more matching product.", "…and %(count)d more matching products."
    ),
    "topics": Nn_("Shared topic for talks: %(topics)s.", "Shared topics for talks: %(topics)s."),
    "shared_language": Nn_("Shared language: %(languages)s.", "Shared languages: %(languages)s."),
    "crowded": Nn_(
        "Much in demand: they are among the first suggestions of %(count)d organization, "
        "so their score is lowered.",
        "Much in demand: they are among the first suggestions of %(count)d organizations, "
        "so their score is lowered.",
    ),
}

TOPIC_LABELS: dict[str, str] = {
    "agriculture": N_("agriculture"),
    "food_industry": N_("food industry"),
    "light_industry": N_("light industry"),
    "pharmaceuticals": N_("pharmaceuticals"),
    "logistics": N_("logistics"),
    "energy": N_("energy"),
    "mining_metallurgy": N_("mining and metallurgy"),
    "construction": N_("construction and building materials"),
    "chemicals": N_("chemicals"),
    "machinery": N_("machinery"),
    "trade": N_("trade"),
    "digital": N_("digital economy"),
    "tourism": N_("tourism"),
    "education": N_("education and science"),
    "culture": N_("culture"),
    "health": N_("health care"),
    "investment_support": N_("state support for investment"),
}

LANGUAGE_NAMES: dict[str, str] = {
    "ru": N_("Russian"),
    "kk": N_("Kazakh"),
    "zh": N_("Chinese"),
    "en": N_("English"),
    "ug": N_("Uyghur"),
    "mn": N_("Mongolian"),
    "ky": N_("Kyrgyz"),
    "uz": N_("Uzbek"),
    "tr": N_("Turkish"),
}

# Translators: separator between items of a list ("agriculture, logistics").
LIST_SEPARATOR = N_(", ")
ACTIVITY_FALLBACK = N_("ISIC %(code)s")


def _join(items: Sequence[str], translations: Translations) -> str:
    return translations.gettext(LIST_SEPARATOR).join(items)


def _product(code: str, code_title: CodeTitle, locale: str) -> str:
    return code_title("hs", code, locale) or code


def _activity(code: str, translations: Translations, code_title: CodeTitle, locale: str) -> str:
    return code_title("isic", code, locale) or translations.gettext(ACTIVITY_FALLBACK) % {
        "code": code
    }


def _text(param: ReasonParam) -> str:
    return param if isinstance(param, str) else str(param)


def render_reason(
    reason: Reason, translations: Translations, code_title: CodeTitle, *, locale: str
) -> str:
    """One reason as a sentence in `locale` (`translations` must be that locale's catalog)."""
    p = reason.params
    gettext = translations.gettext
    kind = reason.kind
    if kind in ("they_need_you_offer", "you_need_they_offer"):
        code = _text(p["code"])
        title = code_title("hs", code, locale)
        if title is None:
            return gettext(MESSAGES[kind + "/untitled"]) % {"code": code}
        return gettext(MESSAGES[kind]) % {"product": title, "code": code}
    if kind in ("they_need_you_offer_text", "you_need_they_offer_text"):
        code = _text(p["code"])
        return gettext(MESSAGES[f"{kind}/{_text(p['found'])}"]) % {
            "product": _product(code, code_title, locale),
            "code": code,
        }
    if kind in ("they_need_related", "you_need_related"):
        their, your = _text(p["their_code"]), _text(p["your_code"])
        level = 4 if p.get("level") == 4 else 2
        return gettext(MESSAGES[f"{kind}/{level}"]) % {
            "their_product": _product(their, code_title, locale),
            "their_code": their,
            "your_product": _product(your, code_title, locale),
            "your_code": your,
        }
    if kind in ("chain_they_buy", "chain_they_supply"):
        return gettext(MESSAGES[kind]) % {
            "your_activity": _activity(_text(p["your_activity"]), translations, code_title, locale),
            "their_activity": _activity(
                _text(p["their_activity"]), translations, code_title, locale
            ),
        }
    if kind in (
        "same_industry",
        "service_they_provide",
        "service_you_provide",
        "counterpart_service",
    ):
        activity = _activity(_text(p["activity"]), translations, code_title, locale)
        return gettext(MESSAGES[kind]) % {"activity": activity}
    if kind in ("assembly_they_offer", "assembly_you_offer"):
        return gettext(MESSAGES[kind])
    if kind in ("profile_you_offer", "profile_they_offer"):
        return gettext(MESSAGES[f"{kind}/{_text(p['family'])}"])
    if kind == "interpreter":
        return gettext(MESSAGES[kind]) % {
            "your_language": language_name(_text(p["your_language"]), translations),
            "their_language": language_name(_text(p["their_language"]), translations),
        }
    if kind == "counterpart_body":
        return gettext(MESSAGES[f"{kind}/{_text(p['body'])}"])
    if kind == "corridor_partners":
        return gettext(MESSAGES[kind]) % {
            "your_modes": _modes(p["your_modes"], translations),
            "their_modes": _modes(p["their_modes"], translations),
        }
    if kind in ("corridor_peers", "fleet_you_seek", "fleet_they_seek"):
        return gettext(MESSAGES[kind]) % {"modes": _modes(p["modes"], translations)}
    if kind in ("hs_more", "crowded"):
        count = int(p["count"])  # type: ignore[arg-type]
        singular, plural = PLURAL_MESSAGES[kind]
        return translations.ngettext(singular, plural, count) % {"count": count}
    if kind == "topics":
        topics = [_text(t) for t in p["topics"]]  # type: ignore[union-attr]
        labels = [gettext(TOPIC_LABELS[t]) if t in TOPIC_LABELS else t for t in topics]
        singular, plural = PLURAL_MESSAGES[kind]
        return translations.ngettext(singular, plural, len(labels)) % {
            "topics": _join(labels, translations)
        }
    if kind == "shared_language":
        names = [language_name(_text(code), translations) for code in p["languages"]]  # type: ignore[union-attr]
        singular, plural = PLURAL_MESSAGES[kind]
        return translations.ngettext(singular, plural, len(names)) % {
            "languages": _join(names, translations)
        }
    if kind in MESSAGES:
        return gettext(MESSAGES[kind])
    raise KeyError(f"no message for reason kind {kind!r}")


def _modes(param: ReasonParam, translations: Translations) -> str:
    modes = [param] if isinstance(param, str) else [str(m) for m in param]  # type: ignore[union-attr]
    labels = [translations.gettext(MODE_LABELS[m]) if m in MODE_LABELS else m for m in modes]
    return _join(labels, translations)


def render_reason_with_strength(
    reason: Reason, translations: Translations, code_title: CodeTitle, *, locale: str
) -> str:
    """One reason with the strength of its evidence: "… [strong]" ("" strength: no label)."""
    text = render_reason(reason, translations, code_title, locale=locale)
    if reason.strength not in STRENGTH_LABELS:
        return text
    strength = translations.gettext(STRENGTH_LABELS[reason.strength])
    return translations.gettext(WITH_STRENGTH) % {"reason": text, "strength": strength}


def no_match_hints(org: OrganizationProfile) -> tuple[str, ...]:
    """What would help an organization with no suggestion be found (keys of NO_MATCH_HINTS):
    the data that is missing from its profile, most useful first."""
    hints: list[str] = []
    company = org.kind not in BODY_KINDS
    if company and not (org.hs_offers or org.hs_needs or any(i.hs for i in org.profiles)):
        hints.append("hs")
    if not document(org) or not hints:
        hints.append("text")
    if company and not org.isic:
        hints.append("isic")
    if company and not org.profiles:
        hints.append("profile")
    return tuple(hints)


def render_no_match(hints: Sequence[str], translations: Translations) -> list[str]:
    """ "No good match yet." and what would help (hint keys from `matching.no_match_hints`)."""
    return [translations.gettext(NO_MATCH)] + [
        translations.gettext(NO_MATCH_HINTS[hint]) for hint in hints if hint in NO_MATCH_HINTS
    ]


def language_name(code: str, translations: Translations) -> str:
    """'ru' → 'русский' in a Russian catalog; unknown codes stay as they are."""
    return translations.gettext(LANGUAGE_NAMES[code]) if code in LANGUAGE_NAMES else code


def render_reasons(
    suggestion: Suggestion,
    translations: Translations,
    code_title: CodeTitle,
    *,
    locale: str,
    limit: int | None = None,
    with_strength: bool = False,
) -> list[str]:
    """The reasons of a suggestion as sentences, strongest first (at most `limit`), each with
    the strength of its evidence when `with_strength`."""
    reasons = suggestion.reasons if limit is None else suggestion.reasons[:limit]
    render = render_reason_with_strength if with_strength else render_reason
    return [render(r, translations, code_title, locale=locale) for r in reasons]


def all_msgids() -> list[str | tuple[str, str]]:
    """Every message this module can render (for catalog checks)."""
    found: list[str | tuple[str, str]] = [
        *MESSAGES.values(),
        *PLURAL_MESSAGES.values(),
        *TOPIC_LABELS.values(),
        *LANGUAGE_NAMES.values(),
        LIST_SEPARATOR,
        ACTIVITY_FALLBACK,
        *MODE_LABELS.values(),
        *STRENGTH_LABELS.values(),
        WITH_STRENGTH,
        NO_MATCH,
        *NO_MATCH_HINTS.values(),
    ]
    return found
