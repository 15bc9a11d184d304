"""Round 46 (issue 14): the classes read on skerry and fiard after their blind runs.

- Sea-rail (海铁联运, «мультимодальные перевозки») names rail and the sea: a sea-rail forwarder
  that also carries reefer containers is no reefer fleet only, and a request for the
  trans-Caspian sea-rail route asks for ports and ferries as well as trains.
- A technical-testing firm (ISIC 7120) that names no certification and no laboratory (an
  in-line pipeline inspector) is no certification body for an exporter that asks for EAC.
- Pelletizing lines of a polymer plant (оборудование для грануляции, 造粒机组) are named (8477).
- Export papers asked (出口单证) ask for a customs broker.
"""

from __future__ import annotations

import pytest

from .helpers import CN, KZ, C, O, named, reason_kinds, transport_partners

pytestmark = pytest.mark.unit

PORT = O(
    id="k-port",
    side=KZ,
    isic=["5222", "5224"],
    languages=["ru", "zh"],
    profiles=[
        C(
            kind="logistics",
            isic=["5224"],
            text={"ru": "Перевалка контейнеров, фидеры Актау – Баку."},
        )
    ],
    texts={"ru": "Морской порт Актау: контейнерный терминал, паромы и фидеры на Баку."},
)


def test_a_sea_rail_forwarder_with_reefer_containers_is_a_corridor_partner_of_a_port() -> None:
    forwarder = O(
        id="c-searail",
        side=CN,
        isic=["5229"],
        languages=["zh", "ru"],
        profiles=[
            C(
                kind="logistics",
                isic=["5229"],
                text={"zh": "江苏至中亚门到门海铁联运，冷藏箱，大件设备。"},
            )
        ],
        texts={
            "zh": "海铁联运货代：江苏工厂门到门至哈萨克斯坦，经阿克套跨里海到巴库，冷藏箱双向运输。"
        },
    )
    assert "corridor_partners" in reason_kinds(forwarder, PORT)


def test_a_request_for_the_sea_rail_route_asks_for_a_port_too() -> None:
    plant = O(
        id="c-pvc",
        side=CN,
        isic=["2013"],
        hs_offers=["390410"],
        languages=["zh", "ru"],
        profiles=[
            C(kind="logistics", text={"zh": "寻找经阿克套的跨里海海铁联运渠道，发往土耳其。"})
        ],
        texts={"zh": "氯碱企业：PVC树脂、片碱，出口中亚、土耳其。"},
    )
    rail = O(
        id="k-rail",
        side=KZ,
        isic=["4912"],
        languages=["ru", "zh"],
        profiles=[
            C(kind="logistics", isic=["4912"], text={"ru": "Контейнерные поезда Достык – Актау."})
        ],
        texts={"ru": "Железнодорожный оператор: контейнерные поезда из Китая до порта Актау."},
    )
    ferry = O(
        id="k-ferry",
        side=KZ,
        isic=["5222"],
        languages=["ru", "zh"],
        texts={"ru": "Паромный комплекс Курык: паромы Курык – Алят, вагоны и фуры через Каспий."},
    )
    assert transport_partners(plant, ferry, rail) == {"k-ferry", "k-rail"}


def test_a_pipeline_inspector_is_no_certification_body() -> None:
    dairy = O(
        id="c-dairy",
        side=CN,
        isic=["1050"],
        hs_offers=["0401"],
        languages=["ru"],
        texts={"ru": "Молочная компания: UHT-молоко. Ищем помощь с сертификацией ЕАС."},
    )
    inspector = O(
        id="k-pig",
        side=KZ,
        isic=["7120"],
        languages=["ru"],
        texts={
            "ru": "Внутритрубная диагностика трубопроводов: магнитные дефектоскопы, профилемеры."
        },
    )
    body = O(
        id="k-cert",
        side=KZ,
        isic=["7120"],
        languages=["ru"],
        texts={
            "ru": "Орган по сертификации: сертификаты соответствия ЕАС, испытательная лаборатория."
        },
    )
    assert "service_they_provide" not in reason_kinds(dairy, inspector)
    assert "service_they_provide" in reason_kinds(dairy, body)


def test_pelletizing_lines_are_named() -> None:
    text = "Завод полистирола: ищем инвестора, поставщика стирола и оборудования для грануляции."
    assert ("8477", "need") in named(text, "ru")
    assert ("8477", "offer") in named("塑料机械：双螺杆造粒机组、水下切粒系统。", "zh")


def test_export_papers_asked_ask_for_a_customs_broker() -> None:
    shop = O(
        id="c-importshop",
        side=CN,
        isic=["4719"],
        languages=["zh", "ru"],
        texts={
            "zh": "中亚进口商品馆：想进口骆驼奶粉、蜂蜜，需要哈萨克斯坦方面拼箱集货和出口单证。"
        },
    )
    broker = O(
        id="k-customs",
        side=KZ,
        isic=["5229"],
        languages=["ru"],
        texts={"ru": "Таможенный представитель в Актау: декларирование импорта и экспорта."},
    )
    assert "service_they_provide" in reason_kinds(shop, broker)
