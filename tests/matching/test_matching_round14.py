"""Round 14 (issue 14): classes of misses and wrong partners seen on the `oasis` part.

A dealer or wholesaler that asks to buy is looking for the goods its description names; a
Chinese part whose verb of asking comes last asks for the goods before it (原料乳清粉长期依赖进口);
goods that name a shop or the business a supplier serves are no goods offered (服装店, 供应服装厂);
a fruit joined by 和 to another before 果汁 is juice; a Kazakh request for a cargo vehicle asks for
a carrier; Kazakh texts name goods by their Russian names too; common phrases («в том числе»,
«тұрақты», "to China") name nothing; and trade names of goods no title has.
"""

from __future__ import annotations

import pytest

from keruen.matching import OrganizationProfile
from keruen.matching.features import buying_trader, extract
from keruen.matching.hs_text import _head_parts, asks_for_goods, default_heading_lexicon

from .helpers import CN, KZ, O, named, run


def _partners(orgs: list[OrganizationProfile], reader: str) -> list[str]:
    return [s.partner_id for s in run(orgs)[reader]]


# A dealer or wholesaler that asks to buy looks for the goods its description names --------------


def _phone_distributor() -> OrganizationProfile:
    return O(
        id="phones",
        side=KZ,
        isic=["4652"],
        languages=["ru", "zh"],
        texts={
            "ru": "Дистрибьютор мобильной связи: смартфоны бюджетного сегмента. "
            "Ищем завод-производителя в Китае под свою марку."
        },
    )


def _phone_maker() -> OrganizationProfile:
    return O(
        id="phone-maker",
        side=CN,
        isic=["2630"],
        hs_offers=["851713"],
        languages=["zh"],
        texts={"zh": "智能手机组装厂，可为客户贴牌，出口中亚。"},
    )


def test_a_distributor_that_asks_for_a_maker_needs_what_it_distributes() -> None:
    features = extract(_phone_distributor(), default_heading_lexicon())
    assert "8517" in features.inferred_needs
    assert features.inferred_offers == ()


def test_a_distributor_meets_the_maker_of_its_goods() -> None:
    assert _partners([_phone_distributor(), _phone_maker()], "phones") == ["phone-maker"]


def test_a_kazakh_wholesaler_that_buys_dried_fruit_meets_a_jujube_packer() -> None:
    wholesaler = O(
        id="dried-fruit",
        side=KZ,
        isic=["4630"],
        languages=["kk", "zh"],
        texts={
            "kk": "Кептірілген жемістер мен жаңғақтардың көтерме дүкені. "
            "Қытайдан қызыл құрма сатып аламыз."
        },
    )
    packer = O(
        id="jujube",
        side=CN,
        isic=["1030"],
        languages=["zh"],
        texts={"zh": "和田大枣种植加工合作社：骏枣、灰枣，分级包装，出口哈萨克斯坦。"},
    )
    assert _partners([wholesaler, packer], "dried-fruit") == ["jujube"]


def test_a_trader_that_exports_keeps_its_offers() -> None:
    exporter = O(
        id="exporter",
        side=KZ,
        isic=["4630"],
        languages=["ru"],
        texts={"ru": "Экспорт муки в Китай. Ищем покупателей и перевозчика."},
    )
    assert not buying_trader(exporter)
    assert extract(exporter, default_heading_lexicon()).inferred_offers == ("1101",)


def test_a_manufacturer_that_asks_for_inputs_keeps_its_offers() -> None:
    plant = O(
        id="sewing",
        side=KZ,
        isic=["1410"],
        languages=["ru"],
        texts={"ru": "Швейное производство спецодежды. Закупаем молнии и кнопки."},
    )
    features = extract(plant, default_heading_lexicon())
    assert "6203" in features.inferred_offers
    assert "9607" in features.inferred_needs


# Chinese: the verb of asking after the goods; shops, customers, juices and bags -----------------


def test_a_chinese_import_verb_at_the_end_asks_for_the_goods_before_it() -> None:
    assert ("0404", "need") in named(
        "冰淇淋厂，原料乳清粉长期依赖进口，希望从哈萨克斯坦直接采购。", "zh"
    )
    assert ("0404", "offer") not in named("原料乳清粉长期依赖进口", "zh")


def test_a_chinese_import_verb_before_the_goods_still_asks_for_them() -> None:
    assert ("1001", "need") in named("面粉厂，进口哈萨克斯坦小麦。", "zh")


def test_goods_that_name_a_shop_or_a_customer_are_not_offered() -> None:
    assert (
        named("艾德莱斯绸织造厂，出口中亚的服装店和裁缝铺。", "zh")
        & {
            ("6203", "offer"),
            ("6109", "offer"),
        }
        == set()
    )
    zippers = named("拉链生产企业：尼龙拉链、金属拉链，供应服装厂，可出口。", "zh")
    assert ("9607", "offer") in zippers
    assert ("6203", "offer") not in zippers


def test_a_garment_factory_still_offers_garments() -> None:
    assert ("6203", "offer") in named("服装厂：劳保工作服、棉服，出口中亚。", "zh")


def test_fruit_joined_to_another_before_juice_is_juice() -> None:
    found = named("果汁饮料厂，计划开发越橘和蔓越莓果汁。", "zh")
    assert ("2009", "offer") in found
    assert ("0810", "offer") not in found


def test_a_bag_is_named_by_its_kind_not_its_material() -> None:
    found = named("塑料编织袋厂：聚丙烯编织袋、吨袋，出口中亚。", "zh")
    assert ("6305", "offer") in found
    assert ("3902", "offer") not in found


# Kazakh: a cargo vehicle asked for is a carrier; Russian names in Kazakh texts --------------------


def test_a_kazakh_request_for_a_reefer_truck_asks_for_a_carrier_not_goods() -> None:
    text = "Хотанға дейін жеткізу үшін рефрижераторлы жүк көлігі керек."
    assert not asks_for_goods({"kk": text})


def test_a_kazakh_text_names_goods_by_their_russian_names() -> None:
    assert ("1211", "need") in named("Фитопрепараттар өндірісі: цистанхе сатып аламыз.", "kk")


# Phrases that name nothing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "wrong"),
    [
        ("Закупаем спецобувь, в том числе из Китая.", "ru", "4401"),
        ("Тұрақты жеткізуші іздейміз.", "kk", "8532"),
        ("Frozen lingonberry, shipped to China in containers.", "en", "4810"),
    ],
)
def test_common_phrases_name_no_goods(text: str, language: str, wrong: str) -> None:
    assert wrong not in {code for code, _ in named(text, language)}


# Trade names of goods ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "heading", "wrong"),
    [
        ("Мұздатылған тауық табандары мен қанаттарын экспорттаймыз.", "kk", "0207", "0302"),
        ("从哈萨克斯坦采购冷冻鸡爪、鸡翅。", "zh", "0207", ""),
        ("Производим берёзовый древесный уголь.", "ru", "4402", "2701"),
        ("Ищем поставщиков гранатов из Синьцзяна.", "ru", "0810", "9306"),
        ("假发制品厂：真人发假发、接发、发帘。", "zh", "6704", ""),
        ("Закупаем сушёную цистанхе.", "ru", "1211", ""),
        ("Продаём горчичное семя.", "ru", "1207", ""),
        ("需要进口黄芥末籽。", "zh", "1207", ""),
        ("需要进口冷冻野生浆果。", "zh", "0811", ""),
        ("Закупаем рабочие костюмы и спецобувь.", "ru", "6403", ""),
        ("Жүк электр трициклдерін сатып аламыз.", "kk", "8711", "8716"),
    ],
)
def test_trade_names_name_their_heading(text: str, language: str, heading: str, wrong: str) -> None:
    codes = {code for code, _ in named(text, language)}
    assert heading in codes
    assert wrong not in codes


def test_a_kazakh_poultry_plant_meets_a_chinese_importer_of_chicken_paws() -> None:
    plant = O(
        id="poultry",
        side=KZ,
        isic=["0146"],
        languages=["kk"],
        texts={"kk": "Құс фабрикасы. Мұздатылған тауық табандарын Қытайға экспорттаймыз."},
    )
    importer = O(
        id="importer",
        side=CN,
        isic=["4630"],
        languages=["zh"],
        texts={"zh": "冻品进口贸易公司，从哈萨克斯坦采购冷冻鸡爪、鸡翅（清真）。"},
    )
    fish = O(
        id="fish",
        side=CN,
        isic=["4630"],
        languages=["zh"],
        texts={"zh": "水产品进口公司，采购冷冻鳊鱼和鲤鱼。"},
    )
    assert _partners([plant, importer, fish], "poultry") == ["importer"]


# How goods are packed or shipped names no goods ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "wrong"),
    [
        ("Хризотил-асбест, фасовка в мешки по 50 кг, экспорт в Азию.", "ru", "6305"),
        ("Гречневая крупа, фасовка по 1 кг и мешки по 25 кг.", "ru", "4819"),
        ("Соль пищевая в мешках.", "ru", "6305"),
        ("Frozen lingonberry, 10 kg cartons, in 20 t reefer containers.", "en", "4819"),
        ("需要桦木胶合板，每月两个集装箱。", "zh", "8609"),
    ],
)
def test_packing_names_no_goods(text: str, language: str, wrong: str) -> None:
    assert wrong not in {code for code, _ in named(text, language)}


def test_sacks_asked_for_as_such_are_still_named() -> None:
    assert ("6305", "need") in named("Закупаем полипропиленовые мешки и биг-бэги.", "ru")
    assert ("8609", "offer") in named("集装箱生产企业，出口中亚。", "zh")


def test_a_service_or_a_work_names_no_goods() -> None:
    """«капитальный ремонт скважин» is no railway repair car (8604) or repair machine (8453),
    «реконструкция трасс» no reconstructed stones (7104): a service offers no goods; the goods
    the same text asks for are still read."""
    text = "Сервис по капитальному ремонту скважин. Закупаем антифриз у производителей."
    assert named(text, "ru") == {("3820", "need")}
    road = named("Дорожно-строительная компания: реконструкция трасс.", "ru")
    assert "7104" not in {code for code, _ in road}
    wells = named("Overhaul and repair of wells.", "en")
    assert not {code for code, _ in wells} & {"8453", "8604"}


def test_a_chinese_verb_of_buying_in_asks_for_the_goods_before_it() -> None:
    """外购 (bought from outside) and 急需 (needed urgently) ask, like 采购 and 进口: barite
    powder that a drilling-mud firm buys in is a need, not an offer."""
    found = named("钻井液技术服务公司，为油田提供泥浆服务，重晶石粉全部依靠外购。", "zh")
    assert ("2511", "need") in found and ("2511", "offer") not in found


def test_a_titles_bracket_that_gives_the_everyday_name_names_the_heading() -> None:
    """«Емкости для сжатого или сжиженного газа из черных металлов (баллоны)»: the bracket is
    the goods' everyday name, so «газовые баллоны» names 7311; a bracket that excludes goods
    («(кроме ягнятины)», «（原油除外）») names nothing of its heading."""
    assert named("Закупаем газовые баллоны на 50 литров.", "ru") == {("7311", "need")}
    assert _head_parts("мясо (кроме ягнятины)") == ["мясо "]
    assert _head_parts("石油及从沥青矿物提取的油类(原油除外)") == ["石油及从沥青矿物提取的油类"]
    assert _head_parts("емкости для газа (баллоны)") == ["емкости для газа ", "баллоны"]


def test_an_adjective_in_the_instrumental_plural_names_no_goods_alone() -> None:
    """«…вагонными партиями» (in wagon-loads) says how the goods come, not that railway cars are
    wanted: an adjective («-ыми», «-ими») is no noun that names a heading alone."""
    text = "Закупаем стеклянную бутылку 0,5 л коричневую, вагонными партиями."
    assert named(text, "ru") == {("7010", "need")}
