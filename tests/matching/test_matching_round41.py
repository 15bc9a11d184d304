"""Round 41 (issue 14): the classes read on sandur and lahar after their blind runs.

- Headings an organization declared take no place under the cap of goods named in its texts: a
  shop that declared butter, cheese and sweets and lists seven goods to buy asks for the honey
  and sunflower oil named after them.
- «омарта» is an apiary, not beehives sold; «таза» (pure: «таза табиғи бал») names no
  chemically pure sugars.
- A hospital that gives no activity code provides health care: two hospitals that ask each other
  for internships meet, and so do a medical university and a hospital that asks for students.
- A studio or a hall of goods (民族服装写真馆, 民族服装工作室) trades no goods.
- A government body that invites producers of some sectors to its zone seeks capital in them:
  it meets an investor of those sectors, and not one of another.
- A part that only denies (暂不需要) denies the goods of the part before it: 矿泉水和饮料本地货
  很多，暂不需要 neither asks for nor sells mineral water.
"""

from __future__ import annotations

import pytest

from .helpers import CN, KZ, C, O, named, partners, reason_kinds

pytestmark = pytest.mark.unit


def test_declared_headings_leave_the_cap_to_the_goods_named_after_them() -> None:
    shop = O(
        id="c-shop",
        side=CN,
        isic=["4721"],
        hs_needs=["0405", "0406", "1806"],
        languages=["zh"],
        texts={
            "zh": "大巴扎哈萨克斯坦商品馆：采购黄油、奶酪、炼乳、巧克力糖果、"
            "蜂蜜、葵花籽油、马肠子。"
        },
    )
    oil = O(
        id="k-oil",
        side=KZ,
        isic=["1040"],
        hs_offers=["151211"],
        languages=["ru"],
        texts={"ru": "Маслозавод: подсолнечное масло, экспорт в Китай."},
    )
    assert "you_need_they_offer_text" in reason_kinds(shop, oil)


def test_an_apiary_that_sells_pure_honey_sells_no_hives_and_no_sugar() -> None:
    text = (
        "Баянауыл ауданындағы омарта шаруашылығы. Таза табиғи бал: жөке балы, шөп балы. "
        "Балды Қытайға сатқымыз келеді."
    )
    assert named(text, "kk") == {("0409", "offer")}


def test_two_hospitals_without_codes_that_ask_each_other_for_internships_meet() -> None:
    kz = O(
        id="k-hospital",
        side=KZ,
        kind="hospital",
        languages=["ru"],
        texts={
            "ru": "Областная больница: кардиохирургия, онкология. Хотим наладить стажировки "
            "наших врачей в клиниках Китая, телеконсультации сложных случаев."
        },
    )
    cn = O(
        id="c-hospital",
        side=CN,
        kind="hospital",
        languages=["zh", "ru"],
        texts={"zh": "三甲医院国际医疗部：提供远程会诊和医生进修，寻找哈萨克斯坦合作医院。"},
    )
    assert partners(kz, cn) == ["c-hospital"]


def test_a_medical_university_meets_a_hospital_that_asks_for_medical_students() -> None:
    university = O(
        id="k-uni",
        side=KZ,
        kind="university",
        languages=["en"],
        texts={
            "en": "University with a faculty of medicine. Seeking partner universities in China "
            "and clinical internships for our medical students in Chinese hospitals."
        },
    )
    hospital = O(
        id="c-hospital",
        side=CN,
        kind="hospital",
        languages=["zh", "en"],
        texts={"zh": "地区第一人民医院：希望与中亚医科院校合作开展临床进修、学生实习和远程会诊。"},
    )
    assert partners(university, hospital) == ["c-hospital"]


def test_a_photo_studio_of_costumes_and_a_costume_studio_sought_trade_no_garments() -> None:
    assert named("喀什老城民族服装写真馆：旅拍、婚纱摄影。", "zh") == set()
    silk = "艾德莱斯绸合作社：手工丝绸。寻找中亚的服装店和民族服装工作室。"
    assert named(silk, "zh") == {("5007", "offer")}
    assert ("6203", "offer") in named("服装批发：男装、女装，寻找客户。", "zh")


ZONE = O(
    id="k-sez",
    side=KZ,
    kind="government",
    languages=["ru"],
    texts={
        "ru": "Администрация СЭЗ: участки с инженерными сетями, налоговые льготы. Приглашаем "
        "производителей текстиля и пищевых продуктов из Китая разместить производство."
    },
)


def test_a_zone_that_invites_textile_makers_meets_a_textile_investor() -> None:
    investor = O(
        id="c-textileinvest",
        side=CN,
        languages=["zh"],
        profiles=[C(kind="investment_offered", isic=["1311"], text={"zh": "在中亚投资纺纱工厂。"})],
        texts={"zh": "纺织服装集团：计划在中亚投资建设纺纱工厂，寻找有棉花资源的工业园区。"},
    )
    assert "profile_they_offer" in reason_kinds(ZONE, investor)


def test_a_zone_that_invites_textile_makers_meets_no_mining_investor() -> None:
    investor = O(
        id="c-mininvest",
        side=CN,
        languages=["zh"],
        profiles=[
            C(kind="investment_offered", isic=["0729"], text={"zh": "投资中亚有色金属矿山。"})
        ],
        texts={"zh": "矿业投资公司：投资铜矿、铅锌矿开采。"},
    )
    assert "profile_they_offer" not in reason_kinds(ZONE, investor)


def test_a_bare_denial_denies_the_goods_of_the_part_before_it() -> None:
    shop = O(
        id="c-shop",
        side=CN,
        isic=["4711"],
        hs_needs=["1806", "1101"],
        languages=["zh"],
        texts={"zh": "中亚商品馆：进口哈萨克斯坦巧克力、面粉。矿泉水和饮料本地货很多，暂不需要。"},
    )
    water = O(
        id="k-water",
        side=KZ,
        isic=["1104"],
        hs_offers=["220110"],
        languages=["ru", "zh"],
        texts={"ru": "Завод минеральной воды: ПЭТ и стекло. Ищем дистрибьютора в Синьцзяне."},
    )
    assert named("矿泉水和饮料本地货很多，暂不需要。", "zh") == set()
    assert partners(shop, water) == []
    # a denial of a service is no denial of the goods before it
    assert ("1101", "offer") in named("我们卖面粉，不需要中介。", "zh")
