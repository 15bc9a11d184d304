"""Round 24 (issue 14): the classes of the blind parts `mire` (Mangystau ↔ Hotan) and `loch`
(East Kazakhstan ↔ Ili), read after their blind runs, each tested with other wording.

Two adjectives joined by «и» share their noun («рапсовое и подсолнечное масло»); what a firm
serves is its customers (服务…果园); a request for a full truckload (整车) names the road mode;
names: silk and atlas in Kazakh, mulberry and handmade paper, diamond discs, flotation machines,
feeders and mine cars, maral antlers in Chinese (马鹿茸 is no horse).
"""

from __future__ import annotations

import pytest

from .helpers import CN, KZ, O, named, partners, run


@pytest.mark.parametrize(
    ("text", "language", "heading", "direction"),
    [
        ("Продаём шерстяные и хлопковые ткани оптом.", "ru", "5208", "offer"),
        ("Продаём шерстяные и хлопковые ткани оптом.", "ru", "5111", "offer"),
        ("Рапсовое и льняное масло наливом.", "ru", "1514", "offer"),
        ("Жібек мата керек, түрлі түсті.", "kk", "5007", "need"),
        ("Looking for handmade mulberry paper for our calligraphy studio.", "en", "4802", "need"),
        ("Закупаем алмазные диски для резки камня.", "ru", "8202", "need"),
        ("Изготавливаем флотационные машины и питатели.", "ru", "8474", "offer"),
        ("常年收购马鹿茸。", "zh", "0507", "need"),
    ],
)
def test_round24_goods(text: str, language: str, heading: str, direction: str) -> None:
    assert (heading, direction) in named(text, language)


@pytest.mark.parametrize(
    ("text", "language", "not_named"),
    [
        ("常年收购马鹿茸。", "zh", {"0101"}),  # a maral, no horse
        ("喷灌设备生产，服务本地苹果园、葡萄园。", "zh", {"0808", "0806"}),
        ("Изготавливаем флотационные машины и питатели.", "ru", {"3105", "3821"}),
    ],
)
def test_round24_what_names_no_goods(text: str, language: str, not_named: set[str]) -> None:
    assert not {code for code, _ in named(text, language)} & not_named


def test_a_shipper_asking_for_a_truckload_meets_the_road_carrier_first() -> None:
    shipper = O(
        id="shipper", side=CN, isic=["0113"], languages=["zh"],
        texts={"zh": "出售土豆，需要整车发往霍尔果斯。"},
    )  # fmt: skip
    road = O(id="road", side=KZ, isic=["4923"], languages=["zh"], texts={"zh": "公路货运。"})
    rail = O(id="rail", side=KZ, isic=["4912"], languages=["zh"], texts={"zh": "铁路货运。"})
    found = run([shipper, road, rail])["shipper"]
    assert [s.partner_id for s in found][:1] == ["road"]
    scores = {s.partner_id: s.score for s in found}
    assert scores["road"] > scores.get("rail", 0.0)


def test_an_amount_in_trucks_a_month_asks_for_no_transport() -> None:
    importer = O(
        id="importer", side=KZ, isic=["4630"], hs_needs=["0810"], languages=["ru"],
        texts={"ru": "Импортируем гранаты и хурму. Нужны прямые поставщики, 3-4 фуры в месяц."},
    )  # fmt: skip
    carrier = O(id="carrier", side=CN, isic=["4923"], languages=["ru"], texts={"ru": "Фуры."})
    asking = O(
        id="asking", side=KZ, isic=["0113"], languages=["ru"],
        texts={"ru": "Продаём картофель. Нужны 2 фуры до Хоргоса."},
    )  # fmt: skip
    assert partners(importer, carrier) == []
    assert partners(asking, carrier) == ["carrier"]
