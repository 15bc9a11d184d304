"""Round 45 (issue 14): the classes read on barchan and seif after their blind runs.

- Kazakh written in Latin letters («Qarakol qoi junin satamyz», or the official alphabet of
  2021) is read as Kazakh: its goods, its asking and its transport requests count.
- A bracket opened after «для» lists the goods: «Оборудование для цеха пельменей (пельменный
  аппарат, …)» asks for the dumpling machine.
- Powered roof supports (механизированные крепи, 液压支架) are named (8430).
- An operating cargo terminal that also seeks an investor is a terminal, not a project; a
  forwarder that names flights hands freight to an airport's cargo terminal; 空运 asked is
  transport asked.
- «туристік агенттіктермен серіктестік іздейміз» asks for a tour operator.
- 找冷库 (looking for a cold store) asks for storage, a service, not refrigerating equipment.
"""

from __future__ import annotations

import pytest

from keruen.matching.hs_text import default_heading_lexicon

from .helpers import CN, KZ, C, O, named, partners, reason_kinds, transport_partners

pytestmark = pytest.mark.unit

CARPETS = O(
    id="c-carpet",
    side=CN,
    isic=["1393"],
    hs_needs=["5102"],
    languages=["zh"],
    texts={"zh": "毛纺地毯企业：手工地毯、驼绒被。采购粗羊毛（地毯毛），希望从哈萨克斯坦进口。"},
)
REEFERS = O(
    id="c-reefer",
    side=CN,
    isic=["4923"],
    languages=["zh", "ru"],
    profiles=[C(kind="logistics", isic=["4923"], text={"ru": "Рефрижераторы Сиань – Алматы."})],
    texts={"zh": "国际道路运输公司：冷藏车，西安—霍尔果斯—阿拉木图—奇姆肯特。"},
)


def test_kazakh_in_latin_letters_offers_its_goods() -> None:
    farm = O(
        id="k-karakul",
        side=KZ,
        languages=["kk"],
        texts={
            "kk": "Qarakol qoi sharuashylygy, 3 myn bas. Qarakol elteri jane qoi junin satamyz. "
            "Jun doreki, kilem men kiizge jaraidy. Satyp alushylardy izdeimiz."
        },
    )
    assert partners(farm, CARPETS) == ["c-carpet"]


def test_kazakh_in_latin_letters_asks_for_transport() -> None:
    bazaar = O(
        id="k-bazaar",
        side=KZ,
        isic=["4630"],
        languages=["kk"],
        texts={
            "kk": "Jemis-kokonis kotarma bazary. Qytaidan alma jane kivi satyp alamyz, aiyna 15-20 "
            "refrijerator. Tikelei jetkizushi jane refrijeratorly tasymaldaushy izdeimiz."
        },
    )
    assert transport_partners(bazaar, REEFERS) == {"c-reefer"}


def test_latin_letters_read_as_kazakh_only_when_the_text_is_kazakh() -> None:
    letters = default_heading_lexicon().kazakh_letters
    assert "жүнін" in letters.restore("Qoi junin satamyz, satyp alushylardy izdeimiz.")
    # the official alphabet of 2021: ş, ı, ñ, ğ
    assert "шаруашылығы" in letters.restore("Qoi şaruaşylyğy: qoi jünın satamız.")
    english = "We sell sheep wool to China and look for buyers."
    assert letters.restore(english) == english


def test_a_bracket_after_a_purpose_lists_the_goods() -> None:
    found = named("Оборудование для цеха пельменей (пельменный аппарат, фасовка).", "ru")
    assert "8438" in {code for code, _ in found}
    # a purpose inside a bracket stays a purpose
    assert "8417" in {code for code, _ in named("тандыр (печь для лепёшек)", "ru")}


def test_powered_roof_supports_are_named_across_languages() -> None:
    dealer = O(
        id="k-minesupply",
        side=KZ,
        isic=["4659"],
        hs_needs=["8479"],
        languages=["ru"],
        texts={
            "ru": "Поставщик горно-шахтного оборудования, работаем с угольными шахтами. Ищем "
            "производителя механизированных крепей и гидростоек для дилерского договора."
        },
    )
    maker = O(
        id="c-zmj",
        side=CN,
        isic=["2824"],
        languages=["zh"],
        texts={"zh": "煤矿机械厂：液压支架、刮板输送机，出口俄罗斯。寻找中亚煤矿客户和代理商。"},
    )
    assert partners(dealer, maker) == ["c-zmj"]


AIRPORT = O(
    id="k-airport",
    side=KZ,
    isic=["5223"],
    languages=["ru", "zh"],
    profiles=[
        C(kind="logistics", isic=["5223"], text={"ru": "Обработка авиагрузов, СВХ, 24/7."}),
        C(
            kind="investment_sought",
            isic=["5223"],
            text={"ru": "Новый грузовой терминал с холодильным складом, ищем инвестора."},
        ),
    ],
    texts={
        "ru": "Грузовой терминал аэропорта: обработка авиагрузов, склад временного хранения. "
        "Ищем инвестора в новый грузовой терминал.",
        "zh": "机场货站：货物处理、海关监管仓，寻找新货站的投资者。",
    },
)


def test_an_operating_cargo_terminal_that_seeks_an_investor_meets_its_counterpart() -> None:
    hub = O(
        id="c-airport",
        side=CN,
        isic=["5223"],
        languages=["zh"],
        profiles=[C(kind="logistics", isic=["5223"], text={"zh": "机场货运枢纽：阿拉木图航线。"})],
        texts={"zh": "国际机场货运枢纽：全货机航线，冷链货站。希望开通至阿拉木图全货机航线。"},
    )
    assert "c-airport" in partners(AIRPORT, hub)


def test_air_freight_asked_is_transport_asked() -> None:
    phones = O(
        id="c-phone",
        side=CN,
        isic=["2632"],
        hs_offers=["851712"],
        languages=["zh"],
        texts={"zh": "手机组装企业：智能手机。寻找分销商；需要郑州至阿拉木图空运和清关服务。"},
    )
    assert transport_partners(phones, AIRPORT) == {"k-airport"}


def test_a_forwarder_that_names_flights_hands_freight_to_an_airport() -> None:
    forwarder = O(
        id="k-forwarder",
        side=KZ,
        isic=["5229"],
        languages=["ru"],
        profiles=[
            C(
                kind="logistics",
                isic=["5229", "4923"],
                text={"ru": "Фуры и рефрижераторы через Хоргос, авиа из Чжэнчжоу и Урумчи."},
            )
        ],
        texts={"ru": "Экспедитор: сборные грузы, фуры, авиадоставка из Чжэнчжоу."},
    )
    hub = O(
        id="c-airport",
        side=CN,
        isic=["5223"],
        languages=["ru"],
        profiles=[C(kind="logistics", isic=["5223"], text={"ru": "Авиагрузы Чжэнчжоу – Алматы."})],
        texts={"ru": "Грузовой хаб аэропорта Чжэнчжоу: ищем экспедиторов в Казахстане."},
    )
    assert "corridor_partners" in reason_kinds(forwarder, hub)


def test_a_restaurant_that_seeks_travel_agencies_meets_a_tour_operator() -> None:
    restaurant = O(
        id="k-restaurant",
        side=KZ,
        isic=["5610"],
        languages=["kk"],
        texts={
            "kk": "Ұлттық тағамдар мейрамханалар желісі. Қытайдан келетін туристік топтарды "
            "қабылдаймыз. Топ әкелетін туристік агенттіктермен серіктестік іздейміз."
        },
    )
    agency = O(
        id="c-travel",
        side=CN,
        isic=["7911", "7912"],
        languages=["zh"],
        texts={"zh": "国际旅行社：组织游客赴哈萨克斯坦旅游。寻找阿拉木图的酒店和餐厅合作。"},
    )
    assert "service_they_provide" in reason_kinds(restaurant, agency)


def test_a_cold_store_sought_is_storage_not_equipment() -> None:
    text = "猕猴桃出口企业，寻找进口商；需要在哈萨克斯坦南部找冷库和清关代理。"
    assert ("8418", "need") not in named(text, "zh")
    exporter = O(
        id="c-kiwi",
        side=CN,
        isic=["0125"],
        hs_offers=["0810"],
        languages=["zh"],
        texts={"zh": text},
    )
    centre = O(
        id="k-logcentre",
        side=KZ,
        isic=["5210", "5221"],
        languages=["zh"],
        profiles=[C(kind="logistics", isic=["5210"], text={"zh": "仓库、冷库5千吨、海关监管仓。"})],
        texts={"zh": "物流中心：仓库2.5万平米，冷库5千吨，海关监管仓，集装箱场站。"},
    )
    assert "service_they_provide" in reason_kinds(exporter, centre)
