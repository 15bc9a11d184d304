"""A small directory that mimics the demo forum (Turkestan region ↔ Bayingol)."""

from __future__ import annotations

import pytest

from keruen.matching import CooperationItem, OrganizationProfile

KZ, CN = "KZ-61", "CN-XJ-BYG"

TITLES: dict[tuple[str, str, str], str] = {
    ("hs", "5201", "en"): "raw cotton",
    ("hs", "5201", "ru"): "хлопок-сырец",
    ("hs", "5201", "kk"): "шикі мақта",
    ("hs", "5201", "zh"): "未梳棉花",
    ("hs", "520100", "en"): "raw cotton",
    ("hs", "520100", "ru"): "хлопок-сырец",
    ("hs", "520100", "kk"): "шикі мақта",
    ("hs", "520100", "zh"): "未梳棉花",
    ("isic", "0163", "en"): "cotton ginning",
    ("isic", "0163", "ru"): "очистка хлопка",
    ("isic", "0163", "kk"): "мақта тазарту",
    ("isic", "0163", "zh"): "轧棉",
    ("isic", "1311", "en"): "spinning",
    ("isic", "1311", "ru"): "прядение",
    ("isic", "1311", "kk"): "иіру",
    ("isic", "1311", "zh"): "纺纱",
}


def code_title(kind: str, code: str, locale: str) -> str | None:
    return TITLES.get((kind, code, locale))


def forum() -> list[OrganizationProfile]:
    O, C = OrganizationProfile, CooperationItem  # noqa: E741
    return [
        O(
            id="kz-cotton",
            side=KZ,
            isic=["0116", "0163"],
            hs_offers=["520100"],
            languages={"ru", "kk"},
            profiles=[
                C(
                    kind="business_offer",
                    hs=["520100"],
                    text={"ru": "Поставляем хлопок-волокно после очистки"},
                )
            ],
            texts={
                "ru": "Выращиваем хлопок-сырец и очищаем его на своём заводе "
                "в Мактааральском районе."
            },
        ),
        O(
            id="cn-textile",
            side=CN,
            isic=["1311", "1312"],
            hs_needs=["5201"],
            hs_offers=["5205"],
            languages={"zh"},
            profiles=[C(kind="business_request", hs=["5201"], text={"zh": "采购皮棉"})],
            texts={"zh": "巴音郭楞棉纺织厂，采购皮棉，生产棉纱和坯布。"},
        ),
        O(
            id="kz-licorice",
            side=KZ,
            isic=["0128"],
            hs_offers=["121190"],
            languages={"ru"},
            texts={"ru": "Заготовка и выращивание корня солодки в Туркестанской области."},
        ),
        O(
            id="cn-licorice",
            side=CN,
            isic=["2100", "1079"],
            hs_needs=["121190"],
            hs_offers=["130212"],
            languages={"zh", "en"},
            texts={"zh": "甘草提取物和中药制剂生产企业。"},
        ),
        O(
            id="cn-forwarder",
            side=CN,
            isic=["5229"],
            languages={"zh", "ru"},
            profiles=[C(kind="logistics", text={"zh": "霍尔果斯国际货运代理，铁路集装箱"})],
            texts={
                "zh": "霍尔果斯国际货运代理，铁路集装箱，清关服务。",
                "ru": "Экспедирование грузов через Хоргос, железнодорожные контейнеры.",
            },
        ),
        O(
            id="kz-exporter",
            side=KZ,
            isic=["1030"],
            hs_offers=["200290"],
            languages={"ru"},
            profiles=[
                C(kind="business_request", text={"ru": "Ищем перевозчика контейнеров до Урумчи"})
            ],
            texts={"ru": "Производство томатной пасты, экспорт в Китай."},
        ),
        # distractors
        O(
            id="cn-tomato",
            side=CN,
            isic=["1030"],
            hs_offers=["200290"],
            languages={"zh"},
            texts={"zh": "番茄酱生产企业。"},
        ),
        O(
            id="cn-cement",
            side=CN,
            isic=["2394"],
            hs_offers=["252329"],
            languages={"zh"},
            texts={"zh": "水泥生产。"},
        ),
        O(
            id="kz-builder",
            side=KZ,
            isic=["4100"],
            hs_needs=["252329"],
            languages={"ru", "kk"},
            texts={"ru": "Строительство жилых домов."},
        ),
        O(
            id="cn-software",
            side=CN,
            isic=["6201"],
            languages={"zh", "en"},
            profiles=[C(kind="technology_offer", text={"en": "ERP software"})],
            texts={"en": "Software development for manufacturers."},
        ),
        O(
            id="kz-akimat",
            side=KZ,
            kind="government",
            languages={"ru", "kk"},
            topics=["agriculture", "light_industry", "investment_support"],
            texts={"ru": "Управление предпринимательства и индустриально-инновационного развития."},
        ),
        O(
            id="cn-investor",
            side=CN,
            isic=["6499"],
            languages={"zh", "en"},
            profiles=[C(kind="investment_offered", isic=["13"], text={"zh": "投资纺织产业集群"})],
            texts={"zh": "投资公司，关注纺织产业集群。"},
        ),
    ]


@pytest.fixture
def organizations() -> list[OrganizationProfile]:
    return forum()
