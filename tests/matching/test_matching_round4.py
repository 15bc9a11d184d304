"""Round 4 of issue 14: classes of misses read on the parts `heldout`, `blind` and `check`
(benchmarks/README.md): a shipper that asks for transport in its description only, goods named
before a word for equipment (what the equipment is for, not what is traded)."""

from __future__ import annotations

import pytest

from tests.matching.helpers import CN, KZ, C, O, named, run

pytestmark = pytest.mark.unit

ROAD_CARRIER = O(
    id="cn-road",
    side=CN,
    isic=["4923"],
    languages=["zh"],
    profiles=[C(kind="logistics", text={"zh": "塔城—巴克图 公路货运"})],
    texts={"zh": "国际道路货物运输。"},
)


@pytest.mark.parametrize(
    "text",
    [
        {"kk": "Бидай экспорттаймыз. Қытайға астық тасымалдайтын көлік компаниясы керек."},
        {"ru": "Экспортируем пшеницу. Ищем перевозчика до Урумчи."},
    ],
)
def test_a_shipper_that_asks_for_transport_in_its_description_meets_the_carrier(
    text: dict[str, str],
) -> None:
    shipper = O(id="kz-grain", side=KZ, isic=["4620"], languages=["kk", "ru"], texts=text)
    result = run([shipper, ROAD_CARRIER], interpreters=[("kk", "zh"), ("ru", "zh")])
    assert [s.partner_id for s in result["kz-grain"]] == ["cn-road"]
    reason = result["kz-grain"][0].reasons[0]
    assert (reason.kind, reason.strength) == ("transport_they_provide", "strong")
    assert result["cn-road"][0].reasons[0].kind == "transport_you_provide"


def test_a_shipper_that_asks_for_buyers_is_no_transport_seeker() -> None:
    # asking (ищем) and shipping words in different sentences: not a request for transport
    shipper = O(
        id="kz-grain",
        side=KZ,
        isic=["4620"],
        languages=["ru"],
        texts={"ru": "Ищем покупателей пшеницы в Китае. Своя логистика."},
    )
    result = run([shipper, ROAD_CARRIER], interpreters=[("ru", "zh")])
    assert result["kz-grain"] == []


@pytest.mark.parametrize(
    ("text", "language", "named_", "not_named"),
    [
        # goods right before a word for equipment are what the equipment is for
        ("水泥生产线设备：回转窑、立磨。", "zh", {("8417", "offer"), ("8474", "offer")}, "2523"),
        ("乳品加工设备：巴氏杀菌机、奶酪设备。", "zh", {("8434", "offer")}, "0406"),
        ("Қытайдан сүт өңдейтін жабдық сатып аламыз.", "kk", {("8434", "need")}, "0401"),
        ("We make cheese making equipment.", "en", set(), "0406"),
        # a machine's own name stays a machine
        ("番茄酱生产线。", "zh", {("8438", "offer")}, "2002"),
    ],
)
def test_goods_named_before_equipment_are_its_purpose(
    text: str, language: str, named_: set[tuple[str, str]], not_named: str
) -> None:
    found = named(text, language)
    assert named_ <= found
    assert not_named not in {code for code, _ in found}


def test_a_cement_plant_that_buys_a_kiln_meets_the_kiln_maker_not_a_cement_seller() -> None:
    plant = O(
        id="kz-cement",
        side=KZ,
        isic=["2394"],
        languages=["ru"],
        texts={"ru": "Цементный завод. Закупаем вращающуюся печь и мельницы для помола цемента."},
    )
    maker = O(
        id="cn-kilns",
        side=CN,
        isic=["2824"],
        hs_offers=["8417"],
        languages=["zh"],
        texts={"zh": "水泥生产线设备制造：回转窑、立磨，安装调试。"},
    )
    result = run([plant, maker], interpreters=[("ru", "zh")])
    assert [s.partner_id for s in result["kz-cement"]] == ["cn-kilns"]
    reason = result["kz-cement"][0].reasons[0]
    assert (reason.kind, reason.params["code"]) == ("you_need_they_offer_text", "8417")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # read on `late`: a word of bringing in asks (引进), names the trade uses for ferroalloys
        # and wind turbines
        ("肉牛育肥场，引进哈萨克斯坦架子牛。", "zh", {("0102", "need")}),
        ("Производим ферросилиций и ферросиликомарганец.", "ru", {("7202", "offer")}),
        ("Закупаем ветрогенераторы и башни.", "ru", {("8502", "need")}),
    ],
)
def test_words_read_on_the_late_part_name_their_headings(
    text: str, language: str, expected: set[tuple[str, str]]
) -> None:
    assert expected <= named(text, language)
