"""Round 26 (issue 14): the classes of the blind parts `knoll` (Turkestan ↔ Bayingol, services)
and `ravine` (Kyzylorda ↔ Kashgar), read after their blind runs, each tested with other wording.

Providers of a service that the two sides give together (law firms, certification bodies, tour
operators, exhibition organizers) meet as counterparts; customs clearance and a college are
services asked for; a body asks for no carrier; consolidated cargo («карго», 集运) is a mode of its
own, served by road too; a heading asked for in one language and restated with no verb in another
is asked for; names: muskrat skins and fur hats, harmala seed, laser land levellers, demulsifiers,
cradles, walnut oil in Kazakh, roasted pistachios, tents and granite slabs in Kazakh.
"""

from __future__ import annotations

import pytest

from keruen.i18n import get_translations
from keruen.matching import Reason, render_reason
from keruen.matching.features import extract
from keruen.matching.hs_text import default_heading_lexicon
from keruen.reference.taxonomy import code_title

from .helpers import CN, KZ, O, company, named, partners, run

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "language", "heading", "direction"),
    [
        ("常年收购麝鼠皮。", "zh", "4301", "need"),
        ("Ондатра терісін сатамыз.", "kk", "4301", "offer"),
        ("手工做狐皮帽，批发。", "zh", "4303", "offer"),
        ("骆驼蓬子每年需要10吨。", "zh", "1211", "need"),
        ("Адыраспан тұқымын сатамыз.", "kk", "1211", "offer"),
        ("Нужны лазерные планировщики для рисовых чеков.", "ru", "8432", "need"),
        ("生产激光平地机。", "zh", "8432", "offer"),
        ("Закупаем деэмульгаторы.", "ru", "3824", "need"),
        ("生产原油破乳剂。", "zh", "3824", "offer"),
        ("Ағаш бесік керек.", "kk", "9403", "need"),
        ("手工木雕摇篮，可出口。", "zh", "9403", "offer"),
        ("Жаңғақ майы керек.", "kk", "1515", "need"),
        ("Закупаем фисташки жареные соленые.", "ru", "0802", "need"),
        ("Той шатырлары керек.", "kk", "6306", "need"),
        ("Гранит тақталар аламыз.", "kk", "6802", "need"),
        ("花岗岩荒料出口。", "zh", "2516", "offer"),
    ],
)
def test_round26_goods(text: str, language: str, heading: str, direction: str) -> None:
    assert (heading, direction) in named(text, language)


def test_a_request_restated_in_another_language_without_a_verb_sells_nothing() -> None:
    texts = {
        "ru": "Шахта. Закупаем деэмульгаторы, тендер на год.",
        "en": "Mine: demulsifiers, annual tender.",
    }
    found = {(h.code, h.direction) for h in default_heading_lexicon().named(texts)}
    assert ("3824", "need") in found and ("3824", "offer") not in found
    # said with a verb of selling in the other language, it stays offered
    texts = {"ru": "Закупаем деэмульгаторы.", "en": "We sell demulsifiers too."}
    found = {(h.code, h.direction) for h in default_heading_lexicon().named(texts)}
    assert ("3824", "offer") in found


@pytest.mark.parametrize(
    ("isic", "texts"),
    [
        (
            "6910",
            ({"ru": "Адвокатское бюро, корпоративное право."}, {"zh": "律师事务所，涉外商事。"}),
        ),
        ("7912", ({"ru": "Туроператор, туры по Туркестану."}, {"zh": "旅行社，出境游。"})),
        ("8230", ({"ru": "Организатор ярмарки, 300 стендов."}, {"zh": "会展中心，举办博览会。"})),
    ],
)
def test_counterpart_service_providers_meet_without_asking(
    isic: str, texts: tuple[dict[str, str], dict[str, str]]
) -> None:
    a = O(id="a", side=KZ, isic=[isic], languages=["ru", "zh"], texts=texts[0])
    b = O(id="b", side=CN, isic=[isic], languages=["ru", "zh"], texts=texts[1])
    found = run([a, b])
    assert [s.partner_id for s in found["a"]] == ["b"]
    assert "counterpart_service" in [r.kind for r in found["a"][0].reasons]


def test_providers_of_a_service_done_from_anywhere_are_no_counterparts() -> None:
    # two translation bureaus compete: no counterpart reason, no suggestion
    a = company("a", KZ, "7490", "ru", "Бюро переводов.")
    b = company("b", CN, "7490", "ru", "Переводы с китайского.")
    assert partners(a, b) == []


def test_customs_clearance_and_a_college_are_services_asked_for() -> None:
    shop = company("shop", CN, "4791", "zh", "跨境电商，卖小家电，还要找哈方清关公司。")
    broker = company("broker", KZ, "5229", "zh", "哈萨克斯坦报关代理。")
    assert partners(shop, broker) == ["broker"]
    agency = company(
        "agency",
        KZ,
        "8550",
        "ru",
        "Курсы китайского языка. Ищем колледжи Синьцзяна для наших студентов.",
    )
    college = O(
        id="college", side=CN, kind="university", languages=["ru"], texts={"ru": "Колледж."}
    )
    assert partners(agency, college) == ["college"]


def test_a_college_that_teaches_logistics_asks_for_no_carrier() -> None:
    college = O(
        id="college",
        side=CN,
        kind="university",
        languages=["zh"],
        texts={"zh": "职业技术学院，物流、旅游专业，寻求合作院校。"},
    )
    assert not extract(college, default_heading_lexicon()).seeks_transport
    truck = company("truck", KZ, "4923", "zh", "公路货运。")
    assert partners(college, truck) == []


def test_consolidated_cargo_is_a_mode_of_its_own() -> None:
    parcels = O(
        id="parcels",
        side=CN,
        isic=["5229"],
        languages=["ru", "zh"],
        texts={"zh": "国际快递、集运，小包和整批都收。", "ru": "Карго, посылки."},
    )
    rail = company("rail", CN, "4912", "ru", "Контейнерные поезда.")
    road = company("road", CN, "4923", "ru", "Автоперевозки.")
    shop = company(
        "shop",
        KZ,
        "4791",
        "ru",
        "Интернет-магазин игрушек. Нужно карго из Урумчи, 1 тонна в неделю.",
    )
    farm = company("farm", KZ, "0111", "ru", "Продаём кунжут. Нужен грузовик 20 тонн до Корлы.")
    found = run([parcels, rail, road, shop, farm])

    def carriers(reader: str) -> set[str]:
        return {
            s.partner_id
            for s in found[reader]
            if "transport_they_provide" in [r.kind for r in s.reasons]
        }

    assert carriers("shop") == {"parcels", "road"}
    assert carriers("farm") == {"road"}


@pytest.mark.parametrize("locale", ["ru", "kk", "zh", "en"])
def test_counterpart_service_reason_names_the_activity(locale: str) -> None:
    translations = get_translations(locale, domain="matching")
    title = code_title("isic", "7912", locale)
    assert title
    text = render_reason(
        Reason("counterpart_service", {"activity": "7912"}), translations, code_title, locale=locale
    )
    assert title in text and "%(" not in text


def test_a_declared_need_hides_only_the_names_all_in_its_title() -> None:
    # 6302's title holds «туалетное белье» (toilet linen): «туалетную бумагу» is still paper
    hotel = O(
        id="hotel",
        side=KZ,
        isic=["5510"],
        hs_needs=["6302"],
        languages=["ru"],
        texts={"ru": "Гостиница. Закупаем полотенца, туалетную бумагу и салфетки."},
    )
    assert "4818" in extract(hotel, default_heading_lexicon()).inferred_needs
