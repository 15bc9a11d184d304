"""HS headings named in a profile's free text («томатная паста», «солодка», «番茄酱», "honey").

An organization that gives no HS code, or only a chapter, often names its goods in its
description. `HeadingLexicon` finds the HS headings (4 digits) such a text names, from the HS
titles in Russian, Kazakh and Chinese (`hs_titles_i18n.csv`) and English (`hs2022.csv`), plus a
short, reviewed list of everyday names that the legal titles lack (`data/hs_terms.csv`: «сухое
молоко», 奶粉). Matching calls it only for what the codes leave open (see `features.extract`), and
such evidence counts for less than a declared code (`scoring.INFERRED_HS_WEIGHT`).

How a text is read, per language:

- Cyrillic and Latin words are compared by stem: a title word's first 4–6 letters (its length
  less two, at least four; a 3-letter word as it is) must begin a word of the text, so «томатную»
  in a title finds «томатная», and Kazakh «сүт» finds «сүтін». Each word of the text counts
  through its longest matching stem only («солодка» is licorice, not malt).
- Chinese has no spaces: single characters and pairs of characters of the title are the terms;
  a heading then needs two terms at least (马 and 肉 for 马肉), so one shared character is never
  enough.
- Each term weighs its inverse document frequency over the headings of that language (ln N/df):
  «томат» or 甘草 weigh much, «прочие» or 的 nothing. A heading is named when its terms reach
  `MIN_SCORE` and it is within `KEEP_SHARE` of the best heading of that clause.
- Everyday names (`data/everyday_goods.csv`: «курага», «киіз үй», 皮棉, 牛皮, 盐) name their
  headings directly, before the titles are read: a name may name several headings, the longest
  name that fits wins («сушеные яблоки» is 0813, not 0808), its words match with their endings
  (Russian one ending, Kazakh a chain of suffixes: «терісін» is «тері»), and a one-character
  Chinese name only as a whole word («采购盐», not «盐湖»). The words a name took are not read
  again through the titles.
- Direction: in each sentence, what follows a word of buying or looking for («закупаем»,
  «ищем», 采购, 收购, 进口, "we buy") is needed; what comes before it is offered, and a part
  after a comma that opens with a word of selling or making («продаём», 加工, 出口) is offered
  again («收购牛皮，加工成品皮革»). Kazakh puts the verb last: what precedes «сатып аламыз»,
  «қажет», «керек» is needed, what precedes «сатамыз» is offered. A part that denies buying or
  selling («қажет емес», «не нужно», 不需要, "not needed") names nothing (`NEGATED`). A word of
  shortage asks too (废钢长期不够, «не хватает металлолома», `SHORTAGE_WORDS`), for the goods
  before it when it ends its part. The goods that name a shop («…киімдер дүкені», «Магазин
  автозапчастей», 服装店) are no goods it asks for or sells.
- Precision: a pair of Chinese characters alone names a heading only as a whole item of its
  name (石膏, not 卡拉 of 卡拉马尼); a Chinese name followed by a head character (粉, 油, 种子,
  机 …) is its modifier (小麦粉 is flour, 甜菜切丝机 a machine); a whole title stem must end
  its word but for an ending («Таразе» is no «тара»); a Russian compound of goods and a machine
  («картофелекопалки») names no goods; what a Chinese title puts before «…用的» is a purpose,
  not a name (8530's 道路).
- Salts are named by anion and cation («сульфат натрия», 氟化铝, `salt_names`): the anion's
  heading, not the cation's (натрия is no caustic soda, 铝 no aluminium here).

Reads files of the `keruen.reference` package's data folder by path (no import: matching stays
a pure library); a caller may build its own lexicon from rows with `HeadingLexicon(rows)`.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from keruen.matching.kazakh import COMMON_WORDS, KazakhLetters

DATA_DIR = Path(__file__).parent / "data"
REFERENCE_DATA_DIR = Path(__file__).parent.parent / "reference" / "data"

LANGUAGES: tuple[str, ...] = ("ru", "kk", "zh", "en")
MIN_SCORE = 6.0  # sum of term weights (ln N/df) a heading needs: one rare term, or two common
GENERIC_WEIGHT = 2.0  # terms in more than ~1 heading of 7 say nothing about a product
# A subheading's head term names its heading alone only if at most this many headings have the
# term. Off (0) by default: on the blind part `mesa` the heads cost 1-2 strong pairs (0.90 / 0.88
# → 0.88 / 0.84) and changed no list of the sixteen read parts once the everyday names of round
# 16 named those goods; single words turned heads by it («хозяйство», «линия», «калибра», 一次性)
# are false more often than not (benchmarks/README.md, round 16a and the round 16 lead section).
SUBHEADING_HEAD_HEADINGS = 0
KEEP_SHARE = 0.7  # headings within this share of a clause's best are kept too
MAX_PER_CLAUSE = 2
MAX_PER_DIRECTION = 4

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# a point ends a sentence unless a digit follows (a decimal point: «0.75 bordeaux glass
# bottles»), or a comma, or it ends an abbreviation («партия 30 шт., а также контроллеры»,
# «отгрузка со ст. Тайынша», «20 тыс. т»; the texts are read in lower case, so case cannot tell)
_ABBREVIATIONS = ("шт", "ст", "тыс", "млн", "млрд", "руб", "обл", "ул", "пос", "им", "ед", "кв")
_SENTENCE = re.compile(
    # (?=\.) first: the abbreviations' look-behinds are tried at a dot only, not at every place
    r"(?:[;!?\n。；！？]|(?=\.)"
    + "".join(rf"(?<!(?<![^\W\d_]){word})" for word in _ABBREVIATIONS)
    + r"\.(?!\d)(?!\s*,))+"
)
SENTENCE_END = _SENTENCE  # `features` splits sentences the same way
# the semicolon before the next item of a numbered list («…; 2) запчасти…»)
_LIST_ITEM = re.compile(r"[;；]\s*(?=\d{1,2}[)）]\s*)")
LIST_ITEM = _LIST_ITEM  # `features` reads a numbered list as one sentence too
# a list that an asking word opens with a colon, its items apart by semicolons: «Ищем:
# соинвесторов; EPC/субподрядчиков на объекты ОЗХ; партнёров…» (round 38: lunette's PE project)
_ASKED_LIST = re.compile(
    r"(?i)(?:ищем|нужн[^\W\d_]*|требуются|закупаем|керек|іздейміз|seeking|looking for|we need"
    r"|需要|寻找|求购)\s*[:：][^.!?\n。！？]*"
)


def asked_lists_joined(text: str) -> str:
    """The text with the semicolons of each list an asking word opens with a colon made commas:
    the list is one sentence, each item asked."""
    if ":" not in text and "：" not in text:
        return text
    return _ASKED_LIST.sub(lambda m: m.group().replace(";", ",").replace("；", "，"), text)


# Words of a shortage, which state a need without a verb of buying: 废钢长期不够 (scrap, long
# short), 原料红花籽不足, «не хватает металлолома», «металл сынығы тапшы», "shortage of scrap".
# What they follow, when they end their part, is what is short (`_clauses`).
SHORTAGE_WORDS: tuple[str, ...] = (
    "不够",
    "不足",
    "短缺",
    "紧缺",
    "缺乏",
    "缺少",
    "не хватает",
    "нехватк",
    "дефицит",
    "тапшы",
    "жетіспей",
    "shortage",
    "short of",
    # a demand after the goods: 原料鹰嘴豆需求大 (the demand for chickpeas is large)
    "需求大",
    "需求量大",
    "需求量很大",
    "需求很大",
    # cannot be made here: 本地做不出正宗的哈萨克族演出服 (no true Kazakh stage costumes made here)
    "做不出",
    # none here: 硬粒小麦本地基本没有 (durum wheat: practically none locally)
    "本地没有",
    "当地没有",
    "国内没有",
    "基本没有",
    "供应紧张",
    "货源紧张",
    # little made here, out of stock, short supply: 绿豆本地产量少，一直缺货
    "产量少",
    "缺货",
    "供应不足",
    # used in large amounts: 炼乳用量大 (condensed milk: large consumption)
    "用量大",
    "用量很大",
    "用量较大",
    # used up: «Зира молотая и целая, крахмал — уходит около 2 тонн специй в месяц»
    "уходит около",
    "уходит до",
    "расходуем",
    # «Буры и коронки — расход очень большой» (used up fast: bought all the time)
    "расход большой",
    "расход очень большой",
    "большой расход",
)
# Words after which a sentence names what the organization buys or looks for.
ASKING_WORDS: tuple[str, ...] = (
    "закуп",
    "покупа",
    "купим",
    "приобрет",
    # a wish to distribute another's goods asks for them: 希望代理哈萨克斯坦产的联合收割机在新疆
    # 销售, «хотим стать дилером казахстанских комбайнов» (round 42: corrie's machinery dealer)
    "希望代理",
    "想代理",
    "愿意代理",
    "стать дилером",
    "стать дистрибьютор",
    # «Хотим стать официальным дилером завода из Аньхоя» (round 52: spur's car dealer)
    "стать официальным дилером",
    "стать официальным дистрибьютор",
    "стать эксклюзивным дилером",
    "стать эксклюзивным дистрибьютор",
    "become a dealer",
    "become a distributor",
    "become the dealer",
    "become the distributor",
    # «Хотим купить рисоуборочные комбайны»: a wish to buy (never «купить» alone: «у нас можно
    # купить» sells)
    "хотим купить",
    "хотели бы купить",
    "планируем купить",
    "желаем купить",
    "нужно купить",
    "надо купить",
    "хотим приобрести",
    "хотели бы приобрести",
    "планируем приобрести",
    "желаем приобрести",
    "ищем",
    "ищет",
    "нужен",
    "нужна",
    "нужны",
    "нужно",
    "требует",
    # «Требуются трансформаторы 10/0,4 кВ» (wanted)
    "требуют",
    # a scrap yard buys: «Принимаем цветной металлолом: лом меди, лом алюминия»
    "принимаем лом",
    "принимаем металлолом",
    "принимаем цветной",
    "принимаем черный",
    "импорт",
    # a wholesale base «берём» (takes, buys) what it deals in: «Берём инжирный персик в сезон»
    # (the text is read with ё as е)
    " берем ",
    # interested in, will consider offers of, we order, we bring in
    "интересует",
    "интересуют",
    "рассмотрим предложения",
    # an operator replaces its worn equipment each year: «Ежегодно меняем станки-качалки,
    # штанговые насосы и насосные штанги»
    # a tender invites contractors and suppliers: «Приглашаем буровых подрядчиков»
    "приглашаем",
    "ежегодно меняем",
    "ежегодно заменяем",
    "каждый год меняем",
    "регулярно меняем",
    "заказываем",
    "завозим",
    "ввозим",
    # we bring (it) from afar: «Мицелий шампиньона везём из Польши» («возим», a carrier's word,
    # is left out)
    " везем из",
    "привозим из",
    # a shop that wants to stock: «хотим завести БАДы»
    "хотим завести",
    "хотим завезти",
    # a tender buys: «ежегодный тендер на спецодежду», "annual tender for workwear"
    "тендер на",
    "тендеры на",
    "tender for",
    "tenders for",
    # a restaurant that wants a dish's goods: «хотим ввести в меню речных крабов»
    "ввести в меню",
    "добавить в меню",
    "включить в меню",
    "сатып ал",
    "іздейміз",
    "қажет",
    "керек",
    "采购",
    "收购",
    "求购",
    "购买",
    "寻找",
    "寻求",
    "需要",
    "进口",
    # bring in, buy in, order: 引进架子牛 (feeder cattle brought in from Kazakhstan)
    "引进",
    "购进",
    "订购",
    "采买",
    # ordered from across the border: 驼绒原料一直从哈萨克斯坦订 (camel hair, always ordered from
    # Kazakhstan), as 从内地订 below
    "从哈萨克斯坦订",
    "从哈萨克斯坦买",
    "从国外订",
    "从国外买",
    "从中亚订",
    "从俄罗斯订",
    "从俄罗斯进",
    "从国外进",
    "从哈萨克斯坦进",  # 想从哈萨克斯坦进带胶底的毡靴 (felt boots, wanted from Kazakhstan)
    # ordered or bought for a long time, wanted: 想长期订哈萨克斯坦湖里的鲫鱼, 想买; used every
    # day or month (a restaurant's fish, a feedlot's barley): 每天用野生鲫鱼50公斤
    "想长期订",
    "长期订",
    "想订",
    "想买",
    "每天用",
    "每月用",
    "每年用",
    "每周用",
    # buy from outside, need urgently: 重晶石粉全部依靠外购 (barite powder, all bought in)
    "外购",
    "急需",
    # brought in from elsewhere: 生产原料糖蜜主要靠外地调入 (molasses, mainly brought in); to
    # stock: 奶疙瘩想从哈萨克斯坦进货; we seek (a supplier of): 诚征, 在找
    "调入",
    "进货",
    # we want to stock (a shop): 我们想进冷冻羊肉 (not 想进入市场, 想进一步: `_WANT_TO_STOCK`)
    "想进",
    "诚征",
    "在找",
    # «找毡房制作厂家» (find a maker of yurts): 找 opening a part, or 想找
    " 找",
    "想找",
    # a buyer of scrap or produce: 长期回收废旧金属 (always buying scrap metal), 高价回收; and 缺
    # opening a part: 缺卡车配件 (short of truck parts)
    "长期回收",
    "大量回收",
    "高价回收",
    " 缺",
    "从内地订",
    "从外地订",
    "从疆外订",
    "从内地买",
    "从外地买",
    "从疆外买",
    # a shortage states a need without a verb of buying (`SHORTAGE_WORDS`)
    *SHORTAGE_WORDS,
    "we buy",
    "buying",
    "purchas",
    "looking for",
    # "Seeking an equity investor, EPC, PV modules, inverters" (round 35: coulee's solar project)
    "seeking",
    "we need",
    " buy ",
    " need ",
    " look for ",
    "interested in",
    "intrested in",
    "would like to buy",
    "procure",
    "we order",
    " orders ",
    "we source",
    # a mine that consumes a reagent buys it: "we consume around 2,500 t a year of cyanide"
    "we consume",
    "short supply",
    "scarce",
    "exceeds local supply",
    "exceeds supply",
    "cannot meet our demand",
    "cannot meet demand",
    "import",
    # at a word's start: "outsourcing" (a software firm's service) asks for nothing
    " sourcing",
    "wanted",
)

# Function words and words of the legal titles that name no product.
STOPWORDS: frozenset[str] = frozenset(
    {
        # ru
        "его",
        "ее",
        "их",
        "наш",
        "наши",
        "свой",
        "своем",
        "все",
        "всех",
        "это",
        "под",
        "ключ",
        "проект",
        "проекта",
        # a farm («крестьянское хозяйство», «шаруа қожалығы»), work («жұмыс істейміз»): no tools
        # «для сельского хозяйства» (8201, 8436), no working parts
        "хозяйство",
        "хозяйства",
        "хозяйств",
        "жұмыс",
        "жұмысы",
        # a workshop, its equipment, sewing (the work): no mobile workshops (8705), no lifting
        # gear (8427), no sewing machines (8447) unless named as such
        "шеберхана",
        "шеберханасы",
        "жабдығы",
        "жабдығымен",
        "жабдықпен",
        "тігу",
        "толық",  # complete, full: «толық жабдығымен» (fully equipped), no watch movements
        "орталық",  # central: «Орталық базар», no central-heating boilers, no machining centres
        # a centre (exhibition, service, logistics) is no machining centre (8457) unless named
        # as one (round 50: shoal's exhibition centre, «сервисный центр» of a bus park)
        *("центр", "центра", "центре", "центры", "центров", "центром", "центрам"),
        *("centre", "center", "centres", "centers"),
        # water one works with («опыт работы на морской воде») names no vegetables cooked in it
        # (0710, 0811: «сваренные в воде»)
        *("воде", "водой"),
        # medicine, a field («выставки (стройка, агро, медицина)»), names no instruments
        *("медицина", "медицины", "медицине", "медицину", "медициной"),
        "алмасу",
        "или",
        "для",
        "без",
        "кроме",
        "прочие",
        "прочих",
        "прочий",
        "прочее",
        "включая",
        "более",
        "менее",
        "виде",
        "также",
        # consumption and diameter, words of the titles of flow meters (9026) and pipes (7305),
        # say how much and how large: «расход провода большой», «коронки диаметром 45 мм»
        # «возможно» (possibly) holds no wheelchair (8713); a plan of replacement is no
        # plan to sell (4906); Kazakh «құю» (pouring, bottling) no foundry binder (3824)
        "возможно",
        # by colour («калибровка по весу и цвету»): no flowers (0603), no cloves (0907)
        "цвету",
        "цвета",
        "план",
        "плана",
        "планы",
        "құю",
        # «ауыз су» is drinking water: «ауыз» (mouth) alone names no oral-hygiene goods (3306)
        "ауыз",
        "расход",
        "расхода",
        "расходом",
        "диаметром",
        "диаметра",
        "товарной",
        "позиции",
        "позиций",
        "либо",
        "части",
        "свежие",
        "свежий",
        "свежее",
        "охлажденные",
        "охлажденное",
        "мороженые",
        "замороженные",
        "продаем",
        "продаём",
        "производим",
        "производство",
        "производства",
        "компания",
        "предприятие",
        "завод",
        "комбинат",
        "экспорт",
        "экспортируем",
        # words of any profile that name no goods (trade, products, a department, "after")
        "торговля",
        "продукция",
        "продукции",
        "продукцию",
        "управление",
        "направления",
        "интересны",
        "после",
        "дело",
        # a grade or brand («цинк марки ЦВ0», «мука высшего сорта»), not postage stamps (4907)
        "марка",
        "марки",
        "марку",
        "сорт",
        "сорта",
        # «в том числе» (among them, including) names no fuelwood (4401); «сборка» (assembly:
        # «завод по сборке автобусов») no lamp-assembling machines (8475)
        "сборка",
        "сборке",
        "сборки",
        "сборку",
        "том",
        "числе",
        # «постоянно» (constantly: «берём постоянно»), regular clients: no fixed capacitors (8532)
        "постоянно",
        "постоянные",
        "постоянных",
        "постоянным",
        # work and experience name no goods («с опытом работы», «буровых работ» of 8430's
        # «…для земляных работ»): a contractor's words
        "работа",
        "работы",
        "работ",
        "работе",
        "опыт",
        "опытом",
        # help, a representative, registration: a service's words («помощь с регистрацией в
        # GACC», «таможенный представитель»), no candied fruit (2006's «с помощью сахара»), no
        # registers (4820), nothing «представленн…» (3808, 9705)
        "помощь",
        "помощи",
        "помощью",
        "представитель",
        "представителя",
        "представители",
        "представителей",
        "регистрация",
        "регистрации",
        "регистрацией",
        "регистрацию",
        # years («30 лет на рынке») are no antiques (9706); a malt house («солодовня») sells
        # malt, no malt extract (1901) and no beer (2203)
        "лет",
        "солодовен",
        "солодовня",
        "солодовни",
        # kk
        "немесе",
        "және",
        "басқа",
        "қоса",
        "алғанда",
        "арналған",
        "жаңа",
        "піскен",
        "салқындатылған",
        "мұздатылған",
        "өндіреміз",
        "сатамыз",
        "зауыты",
        "комбинаты",
        "экспортқа",
        # colours are adjectives: «сары асбұршақ» (yellow peas) is no butter («сары май»),
        # «қызыл жасымық» (red lentils) no cherries; the everyday names keep their colour
        "сары",
        "қызыл",
        "қара",
        "көк",
        "жасыл",
        "қоңыр",
        # «үшін» (for), «мен/бен/пен» (and, with): function words of the titles («жануарларды
        # азықтандыру үшін», 2309), which named animal feed for «жақсарту үшін» (to improve)
        "үшін",
        "мен",
        "бен",
        "пен",
        # «кез келген» (any), «түрлі» (various), trade, a department, a farm, "in a state of"
        "кез",
        "келген",
        "түрлі",
        "сауда",
        "саудасы",
        "басқарма",
        "басқармасы",
        "шаруашылық",
        "шаруашылығы",
        "күйінде",
        # «тұрақты» (constant, regular: «тұрақты жеткізуші») names no fixed capacitors (8532)
        "тұрақты",
        # «тіркеу» (registration: «тіркеу керек») names no registers (4820); «таулы» (of the
        # mountains: «таулы шөп балы», mountain herb honey) no machines for rock (8430)
        "тіркеу",
        "таулы",
        # «тікелей» (directly: «тікелей алғымыз келеді») names no provisionally preserved
        # vegetables (0711, 0812: «…тікелей тағамға пайдалануға жарамсыз»); «ретінде» (as:
        # «малға жем ретінде», as cattle feed) no plants used as medicine (1211)
        "тікелей",
        "ретінде",
        # «таза» (pure: «таза табиғи бал», pure natural honey) names no chemically pure sugars
        # (1701, 2940: «химиялық таза…») (round 41: sandur's Kazakh-writing apiary)
        "таза",
        # «бір» (one: «бір маусымға», for one season) names no containers (8609: «Бір немесе
        # бірнеше көлік түрімен…»)
        "бір",
        "бірнеше",
        # «будан» (a hybrid: «жүгерінің будан тұқымдары») is no «буда» (steamed, 0710, 0811)
        "будан",
        "будандар",
        # en
        "and",
        "the",
        "not",
        "other",
        "than",
        "with",
        "whether",
        "including",
        "excluding",
        "fresh",
        "chilled",
        "frozen",
        "for",
        "n.e.c",
        "nec",
        "heading",
        "parts",
        "thereof",
        "company",
        "we",
        "our",
        "have",
        "are",
        # a travel agency, nights in a caravanserai: no travel sets (9605), no nightwear (6207)
        "travel",
        "nights",
        "export",
        "exports",
        "produce",
        "production",
        # the country («shipped to China»), not porcelain or China clay (4810)
        "china",
        # "direct from the grower" names no direct dyes (3204); "we source from" no locomotives
        # powered from an external source (8601)
        "direct",
        "directly",
        "source",
        "sources",
    }
)
# Chinese characters that name no product (particles, freshness, "other", "used for").
HAN_STOP: frozenset[str] = frozenset("的或及其他用等与和、，；：（）不未经已供非含以上下")
HAN_STOP_PAIRS: frozenset[str] = frozenset(
    {
        # a size is no goods: 直径6-80毫米 (a rope's diameter) names no monofilament (3916)
        "毫米",
        "直径",
        "生产",
        "企业",
        "公司",
        "产品",
        "制品",
        "出口",
        "进口",
        "加工",
        "技术",
        "设备",
        "机器",
        "装置",
        "用品",
        "材料",
        "其他",
        "零件",
        "部件",
        # parts and hardware of what: the word before says (汽车配件 is an everyday name)
        "配件",
        "五金",
        "合作",
        "项目",
        "提供",
        "服务",
        "寻找",
        "采购",
        "收购",
        # growing and breeding name an activity, not goods (种植 is in the title of 1209, seeds
        # for sowing: «红枣种植» grows jujubes and sells no seeds)
        "种植",
        "养殖",
        # transport and partnership are services, not goods (运输 is in the titles of
        # containers and of works trucks)
        "运输",
        "联合",
        "伙伴",
        # raw material, a large amount: words of any request
        "原料",
        "大量",
        # directly (from): 想直接从哈萨克斯坦订 names no direct-reduced iron (7203)
        "直接",
        # services around a machine, not goods
        "安装",
        "调试",
        "维修",
    }
)


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace("ё", "е")


# Place names that hold a goods name: 哈萨克斯坦 (Kazakhstan) holds 萨克斯 (a saxophone), 伊犁 (Ili)
# 犁 (a plough), «Алматыдан» (from Almaty) strips to «алма» (apples), Turpan's 葡萄沟 (Grape
# Valley, where a wedding studio shoots: coombe) grapes. They name no goods.
_CYRILLIC_PLACES = re.compile(r"(?<![^\W\d_])алматы[^\W\d_]*")
_PLACES = {
    "zh": re.compile("哈萨克斯坦|哈萨克|伊犁|葡萄沟"),
    "kk": _CYRILLIC_PLACES,
    "ru": _CYRILLIC_PLACES,
}


# A name in quotes is a company's or a shop's: «Теңіз» супермаркеттер желісі sells no sea produce,
# «Жібек жолы» trades no silk.
_QUOTED = re.compile(r"«[^«»]{1,40}»")


def _without_places(text: str, language: str) -> str:
    if language != "zh":
        text = _QUOTED.sub(" ", text)
    places = _PLACES.get(language)
    if places is None:
        return text
    return places.sub("，" if language == "zh" else " ", _normalize(text))


_ENDINGS = tuple(
    sorted(
        [
            "ами",
            "ями",
            "ого",
            "его",
            "ому",
            "ему",
            "ыми",
            "ими",
            "ая",
            "яя",
            "ое",
            "ее",
            "ые",
            "ие",
            "ый",
            "ий",
            "ой",
            "ых",
            "их",
            "ую",
            "юю",
            "ом",
            "ем",
            "ам",
            "ям",
            "ах",
            "ях",
            "ов",
            "ев",
            "ей",
            "а",
            "я",
            "о",
            "е",
            "ы",
            "и",
            "у",
            "ю",
            "ь",
            "es",
            "s",
        ],
        key=len,
        reverse=True,
    )
)
STEM_MAX = 7


_ENDINGS_BY_LENGTH: tuple[tuple[int, frozenset[str]], ...] = tuple(
    (size, frozenset(e for e in _ENDINGS if len(e) == size))
    for size in sorted({len(e) for e in _ENDINGS}, reverse=True)
)


@lru_cache(maxsize=65_536)
def _title_stem(word: str) -> str:
    """A title word without its inflection ending («томаты» → «томат», «солодки» → «солодк»),
    at most `STEM_MAX` letters: the longest ending that leaves enough letters (one ending of
    each length can match, so a set per length finds it)."""
    for size, endings in _ENDINGS_BY_LENGTH:
        # a one-letter ending leaves four letters at least: «меди» (copper) is not «мед»
        if word[-size:] in endings and len(word) - size >= (4 if size == 1 else 3):
            word = word[:-size]
            break
    return word[:STEM_MAX]


def _terms(text: str, language: str) -> set[str]:
    if language == "zh":
        terms: set[str] = set()
        for run in re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", text):
            terms.update(
                run[i : i + 2]
                for i in range(len(run) - 1)
                if run[i] not in HAN_STOP
                and run[i + 1] not in HAN_STOP
                and run[i : i + 2] not in HAN_STOP_PAIRS
            )
        return terms
    return {
        _title_stem(word)
        for word in _WORD.findall(text)
        if len(word) >= 3 and word not in STOPWORDS
    }


def _title_terms(title: str, language: str) -> tuple[set[str], set[str]]:
    """All terms of a title, and its head terms: those before its first semicolon, colon or
    bracket, where the HS names the goods themselves (every item of «稻谷、大米» or «Яблоки,
    груши и айва»), not what qualifies or excludes them, and those of a bracket that gives the
    goods' everyday name (`_head_parts`)."""
    text = _normalize(title)
    heads: set[str] = set()
    for part in _head_parts(text):
        heads |= _terms(part, language)
    return _terms(text, language), heads


# A bracket of a title that excludes goods, or says their form or state, names no goods of the
# heading: «(кроме ягнятины)», «(қозы етінен басқа)», «(в порошке, гранулах)», «(не тертые…)»,
# «（原油除外）». The others give the everyday name: «Емкости для сжатого газа… (баллоны)»,
# «(комбикорма)», «（气瓶）», «(говядина)».
_NOT_A_NAME = re.compile(
    r"^(?:кроме|не\s|за\s+исключ|исключая|в\s|из\s|на\s|except|other\s+than|excluding|not\s"
    r"|in\s|of\s|[a-z]+\s+spp)|басқа|қоспағанда|түрінде|маған|меген|мағ|мег|"
    r"除外|不包括|^非|^未|^不"
)


def _head_parts(text: str) -> list[str]:
    """The head of a normalised title (before its first semicolon, colon or bracket) and each of
    its brackets that names the goods (`_NOT_A_NAME` says which do not)."""
    head = re.split(r"[;:(（；：]", text, maxsplit=1)[0]
    named = [
        inner.strip()
        for inner in re.findall(r"[(（]([^()（）]*)[)）]", text)
        if inner.strip() and not _NOT_A_NAME.search(inner.strip())
    ]
    return [head, *named]


# A Kazakh noun followed by a noun with the possessive of the third person names what that one
# is of: «қарақұмық балы» (buckwheat honey) is honey, «шөп балы» honey, «сиыр еті» meat, «бидай
# ұны» flour. The first names nothing when the second names goods of its own.
_KK_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# a possessed noun, with a case ending after its possessive: «жәшіктері», «жәшіктерін»,
# «қаптарына»
_KK_FIELDS = ("алқаб", "алқап", "егістіг", "танаб", "плантация")
_KK_POSSESSED = re.compile(r"(?:ы|і)(?:н|на|не|нда|нде|нан|нен|ның|нің|мен)?$")
# Materials a Kazakh noun names before the goods made of them, with no ending: «жүн кілемдер»
# (wool carpets), «жүн және жібек кілемдер», «тері аяқ киім» ask for carpets and shoes, not for
# wool, silk or hides (the bare noun, not «жүні», «жүнді», which are read as goods)
_KK_MATERIALS = frozenset(
    (
        *("жүн", "жібек", "мақта", "тері", "былғары", "ағаш", "темір", "болат", "мыс", "алтын"),
        *("күміс", "тас", "шыны", "қағаз", "пластик", "киіз", "зығыр", "кендір", "қамыс"),
    )
)
_KK_AND = frozenset(["және", "мен", "бен", "пен"])


# machines whose parts are a heading of their own (8431: lifting, moving and earth-moving
# machinery); the parts of the other machines of chapter 84 are in the machine's own heading
_PARTS_IN_8431 = frozenset({"8425", "8426", "8427", "8428", "8429", "8430"})


def _parts_of_machines(
    found: dict[str, tuple[float, tuple[str, ...]]],
) -> dict[str, tuple[float, tuple[str, ...]]]:
    """Bare «запчасти» beside a machine of chapter 84 are that machine's parts, not a car's
    («свеклоуборочные комбайны и запчасти»: a harvester's parts are in 8433); beside tractors,
    trucks or no machine they stay car and tractor parts (8708)."""
    machines = [
        code
        for code, (score, _) in found.items()
        if code.startswith("84") and score >= DIRECT_SCORE
    ]
    if not machines:
        return found
    parts = found["8708"]
    kept = {code: value for code, value in found.items() if code != "8708"}
    if any(code in _PARTS_IN_8431 for code in machines):
        kept.setdefault("8431", parts)
    return kept


def _kk_without_modifiers(
    clause: str, found: dict[str, tuple[float, tuple[str, ...]]]
) -> dict[str, tuple[float, tuple[str, ...]]]:
    # a pair word is one token: «жеміс-көкөніс жәшіктерін» (boxes for fruit and vegetables)
    tokens = _KK_TOKEN.findall(_normalize(clause))

    def positions(word: str) -> list[int]:
        """Where a name's last word stands in the clause (its word begins a token or a word of
        a pair word)."""
        last = _WORD.findall(word)[-1:] or [word]
        return [
            i
            for i, token in enumerate(tokens)
            if any(part.startswith(last[0]) for part in token.split("-"))
        ]

    def modifier(code: str, words: tuple[str, ...]) -> bool:
        others = [w for other, (_, ws) in found.items() if other != code for w in ws]
        places = [i for word in words for i in positions(word)]
        return bool(places) and all(
            i + 1 < len(tokens)
            and _KK_POSSESSED.search(tokens[i + 1]) is not None
            and (
                any(
                    tokens[i + 1].startswith(_WORD.findall(w)[0])
                    for w in others
                    if _WORD.findall(w)
                )
                # the field a crop grows in: «мақта алқабына тамшылатып суару» waters a cotton
                # field, it asks for no cotton
                or tokens[i + 1].startswith(_KK_FIELDS)
            )
            for i in places
        )

    def material(code: str, words: tuple[str, ...]) -> bool:
        """Every place the code is named is a bare material noun before the goods another
        heading names, or before «және», «мен» … and another such noun («жүн және жібек
        кілемдер»)."""
        others = [
            _WORD.findall(w)[0]
            for other, (_, ws) in found.items()
            if other != code
            for w in ws
            if _WORD.findall(w) and _WORD.findall(w)[0] not in _KK_MATERIALS
        ]
        places = [i for word in words for i in positions(word)]
        if not places or not others:
            return False
        for i in places:
            if tokens[i] not in _KK_MATERIALS:
                return False
            j = i + 1
            while j + 1 < len(tokens) and tokens[j] in _KK_AND and tokens[j + 1] in _KK_MATERIALS:
                j += 2
            if j >= len(tokens) or not any(tokens[j].startswith(w) for w in others):
                return False
        return True

    dropped = {
        code for code, (_, words) in found.items() if modifier(code, words) or material(code, words)
    }
    return {code: value for code, value in found.items() if code not in dropped}


# Prepositions that open what qualifies a Russian subheading's goods («Шприцы с иглами или без
# игл», «Говядина в отрубах на кости», «насосы … для жидкостей»): the goods come before them.
_RU_PREPOSITIONS = frozenset(
    [
        "с",
        "со",
        "для",
        "из",
        "в",
        "во",
        "на",
        "по",
        "без",
        "кроме",
        "от",
        "до",
        "под",
        "над",
        "при",
        "у",
        "о",
        "об",
        "за",
        "через",
    ]
)
# Items of a subheading's head: split at commas and at «и», «или», «немесе», «және», «мен» …
_ITEM_SPLIT = re.compile(r",|\s(?:и|или|либо|немесе|және|мен|бен|пен)\s")


def _subheading_heads(title: str, language: str) -> set[str]:
    """The terms of a subheading's title that name its goods themselves: per item of its head
    (`_head_parts`), the noun of the goods. Russian puts it first, before what qualifies it
    («Нут сушеный лущеный», «Соевые бобы семенные», «Шприцы с иглами или без игл»: the first
    word that is no adjective, before any preposition or number); Kazakh last, after what
    «…ға арналған» says the goods are for and after any number («Кептірілген аршылған ноқат»,
    «Құрылыс, тау-кен немесе өнеркәсіптік машиналарға арналған жаңа шиналар» is tyres: only an
    item's last word, no participle, no dative); Chinese, as a heading, the two-character items
    of its name (`_han_items`), but not the goods a machine works on («肉类或家禽加工机器»).
    English subheadings repeat their heading's head before the semicolon: none."""
    if language == "zh":
        heads: set[str] = set()
        items = _han_items(title)
        for part in _head_parts(_normalize(title)):
            part = part.rsplit("的", 1)[-1]  # «整个或切片的番茄»: what precedes 的 qualifies
            named = items
            if _HAN_MACHINE_END.search(part):  # «…、公园或运动场地割草机»: what it is for
                named = items & {_NOT_HAN.sub("", _HAN_ITEM.split(part)[-1])}
            heads |= _terms(part, "zh") & named
        return heads
    if language not in ("ru", "kk"):
        return set()
    heads = set()
    for part in _head_parts(_normalize(title)):
        if language == "ru":
            part = _RU_QUALIFIERS.split(f" {part} ", maxsplit=1)[0]
        else:
            part = _KK_QUALIFIERS.split(part)[-1]
        listed = _ITEM_SPLIT.split(f" {part} ")
        for position, item in enumerate(listed):
            words = [w for w in _WORD.findall(item) if len(w) >= 3 and w not in STOPWORDS]
            if (
                language == "kk"
                and words
                and position < len(listed) - 1
                and not words[-1].endswith(_KK_LISTED)
            ):
                continue  # «…үнді, қытай, моңғол немесе тибет қозыларының»: modifiers
            if language == "ru":
                noun = next((w for w in words if not _NOT_NOUN.search(w)), None)
            else:
                noun = words[-1] if words else None
                if noun is not None and (_NOT_NOUN.search(noun) or _KK_QUALIFIER.search(noun)):
                    noun = None
            if noun is not None:
                heads.add(_title_stem(noun))
    return heads


def _subheading_terms(title: str, language: str) -> set[str]:
    """The terms a subheading's Russian, Kazakh or Chinese title adds to its heading: the nouns
    of its goods (`_subheading_heads`), not every word — a subheading's title says what sets
    its goods apart (power, content, purpose, «из льна», «к ним»), and those words, added for
    thousands of subheadings, outweigh the words of the goods («семя льна» no longer named
    linseed). Chinese: the pairs of characters of its head, but not what precedes «…用的» (a
    purpose) nor the goods listed before a machine at its end («…燃油、润滑油或冷却剂泵», 8413:
    a pump, not lubricating oil). (English subheading titles, all there before, add every
    word.)"""
    if language != "zh":
        return _subheading_heads(title, language)
    terms: set[str] = set()
    for part in _head_parts(_normalize(title)):
        part = part.rsplit("用的", 1)[-1]
        if _HAN_MACHINE_END.search(part):
            part = _HAN_ITEM.split(part)[-1]
        terms |= _terms(part, "zh")
    return terms


# What follows a preposition or a number in a Russian subheading's title qualifies its goods.
_RU_QUALIFIERS = re.compile(r"\s(?:" + "|".join(sorted(_RU_PREPOSITIONS)) + r")\s|\d")
# Kazakh lists nouns with their plural or possessive endings («есіктер, терезелер және олардың
# жақтаулары»); an item without one before the last is a modifier of the last's noun («үнді,
# қытай, моңғол немесе тибет қозыларының терілері»: Chinese lambskins, no China).
_KK_LISTED = ("лар", "лер", "дар", "дер", "тар", "тер", "ы", "і", "сы", "сі")
# What precedes «арналған» (for) or a number in a Kazakh one: the goods come after it.
_KK_QUALIFIERS = re.compile(r"арналған|\S*\d\S*")
_NOT_HAN = re.compile(r"[^\u3400-\u9fff]")
# A Chinese title that ends with a machine: the items before it are what it works on.
_HAN_MACHINE_END = re.compile(r"(?:机|器|泵|设备|装置|机械|机组)$")
# A Kazakh participle («жуылған», «лакталған») or a noun in the dative («машиналарға»,
# «шаруашылығына»: what the goods are for) is no name of goods.
# «дейін», «астам» (up to, over) follow a number: the goods came before it.
_KK_QUALIFIER = re.compile(r"(?:ған|ген|қан|кен|ға|ге|қа|ке|ына|іне|^дейін|^астам)$")


def _one_word(title: str, language: str) -> bool:
    """Whether a title is one word (a pair of Chinese characters): «Асбест», 石棉, "Asbestos"."""
    text = _normalize(title).strip().rstrip(".")
    if language == "zh":
        return len(re.sub(r"[^\u3400-\u9fff]", "", text)) == 2 and len(text) == 2
    # the stem must be most of the word: «Электроэнергия» is no name of all «электро…»
    return _WORD.fullmatch(text) is not None and len(text) <= STEM_MAX + 2


def _han_items(title: str) -> set[str]:
    """The items of the head of a Chinese HS title that are two characters long (石膏 of
    «石膏；硬石膏；熟石膏», 小麦 of «小麦及混合麦»): one pair of characters names a heading alone
    only as such an item, not as a piece of a longer word (卡拉 of «卡拉马尼», a carpet, is no
    karakul; 纸面 of «纸面巾», napkins, no paper-faced plasterboard)."""
    head, *named = _head_parts(_normalize(title))
    # what precedes «…用的» says what the goods are for, not what they are: 8530's «铁道、道路…
    # 用的电气信号…设备» names signalling equipment, not roads (采购道路沥青 buys bitumen)
    head = head.rsplit("用的", 1)[-1]
    items = [item for part in (head, *named) for item in _HAN_ITEM.split(part)]
    return {
        item
        for item in (re.sub(r"[^\u3400-\u9fff]", "", i) for i in items)
        if len(item) == 2 and item not in HAN_FORMS
    }


_HAN_ITEM = re.compile(r"[、，,及和或与的]|其他|包括|类似")


# Forms say what shape goods take, not what they are (round 12): «马铃薯的细粉、…、颗粒及团粒»
# (1105) and «钢铁的颗粒和粉末» (7205) list them as items, but 聚乙烯颗粒 is polyethylene,
# 苜蓿草颗粒 alfalfa and 塑料颗粒 plastics. A form names its heading only with the material
# (钢铁颗粒, 谷物粗粉), never alone.
HAN_FORMS: frozenset[str] = frozenset(
    {"颗粒", "团粒", "粒料", "粉末", "细粉", "粗粉", "粉片", "粗粒", "渣粉"}
)


# A word that alone names a heading must look like a noun: not a Russian adjective or verb
# («торговая», «горный», «расширяемся»), not a Kazakh participle or converb («жуылған»,
# «жинап», «тоңазытылған» (frozen: no refrigerator), «сұрыпталған» (sorted: no sorting
# machine)): «солодка», «мед», «цемент», «羊毛» do. A word of three letters is no inflected form:
# «нут» (chickpeas) is no verb in -ут.
_NOT_NOUN = re.compile(
    r"(?<=[^\W\d_]{2})(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ых|их|ым|им|ыми|ими|ую|юю|ем|ет|ют|ут|ся|ть|ган|ған|ген|қан|кен|"
    r"ого|его|ап|еп|ып|іп|атын|етін|йтын|йтін|итын|итін|ытын|ітін|мыз|міз|ed|ing|ly)$"
)


# A word that names a service or a work names no goods, though the HS titles use it for what a
# machine is for: «капитальный ремонт скважин» is no railway repair car (8604), «реконструкция
# трасс» no reconstructed stones (7104), «ремонт легковых автомобилей» sells no cars; a
# medical speciality names no instruments: «стажировки врачей (кардиохирургия, онкология)» buys no
# surgical instruments (round 50: shoal's medical university), «хирургические перчатки» are goods.
_SERVICE = re.compile(
    r"^(?:ремонт|реконструкц|техобслуж|обслуживан|монтаж|жөнде|repair|maintenanc|overhaul"
    r"|[^\W\d_]*хирурги(?:я|и|ю|ей|ясы|ясын)$|surgery$)"
)


# A Kazakh pair word («азық-түлік», foodstuffs; «тау-кен», mining; «киім-кешек», clothing)
# names a kind of things as a whole: neither of its words is a noun that names a heading alone.
_KK_PAIR = re.compile(r"([^\W\d_]+)-([^\W\d_]+)")


def _kk_pair_words(text: str) -> frozenset[str]:
    return frozenset(word for match in _KK_PAIR.finditer(text) for word in match.groups())


# Everyday names (`data/everyday_goods.csv`) ----------------------------------------------------

DIRECT_SCORE = 100.0  # a heading named by an everyday name: above any sum of title terms
# Kazakh suffixes stripped (up to three, right to left) to find a word's base: possessive, case
# and plural endings («терісін» → «терісі» → «тері», «жүнін» → «жүн»). «-мыз» ending a word is
# "we" of a verb («жуамыз», we wash: no onions, «жуа»); before a case ending it is "our"
# («алмамызды», our apples): `_KK_LAST_SUFFIXES` leaves it out of the last suffix.
_KK_SUFFIX_LIST = (
    "ның нің дың дің тың тің ны ні ды ді ты ті на не ға ге қа ке да де та те дан ден "
    "тан тен нан нен мен бен пен лар лер дар дер тар тер сы сі ы і н ын ін сын сін "
    "ымыз іміз мыз міз ша ше"
)
_KK_SUFFIXES: tuple[str, ...] = tuple(sorted(_KK_SUFFIX_LIST.split(), key=len, reverse=True))
_KK_LAST_SUFFIXES = tuple(suffix for suffix in _KK_SUFFIXES if suffix not in ("мыз", "міз"))
# A Kazakh noun in the dative names whom or what something is for, not the goods (round 12):
# «Түйелерге жоңышқа пішені керек» needs hay for the camels, not camels; «Қытайға сатамыз»
# sells to China. Such a word names nothing through its suffixes (-на/-не are left out: they
# end nouns too, «машина»).
_KK_DATIVE: tuple[str, ...] = ("ға", "ге", "қа", "ке")
# Words that frame a Chinese product name: a one-character name (盐, 鱼) counts only when these
# and the function characters leave it standing alone.
_HAN_FRAME = (
    "采购|收购|求购|购买|寻找|寻求|需要|进口|出口|出售|销售|供应|生产|加工|批发|长期|大量|优质|"
    "各类|各种|主营|经营|提供|我们|本公司|公司|企业|工厂|欢迎|合作|以及|还有"
)
_HAN_SPLIT = re.compile(f"(?:{_HAN_FRAME})|[{re.escape(''.join(sorted(HAN_STOP)))}]")
# How goods are packed or shipped names no goods: «в мешках», «фасовка в мешки по 50 кг», «мешки
# по 25 кг», "10 kg cartons", "in 20 t reefer containers", 每月两个集装箱, 袋装, 编织袋包装. A sack,
# a carton or a container that is asked for or offered as such stays («закупаем мешки», 编织袋,
# 集装箱 of a container maker).
_PACKAGE_RU = (
    r"(?:мешк|мешок|пакет|короб|ящик|бочк|бочонк|канистр|контейнер|бутыл|пэт-бутыл|пет-бутыл)"
    r"[^\W\d_]*"
)
_PACKING: dict[str, re.Pattern[str]] = {
    "ru": re.compile(
        rf"(?:(?<![^\W\d_])(?:в|фасовк[^\W\d_]*|упаковк[^\W\d_]*)\s+(?:в\s+)?{_PACKAGE_RU}"
        rf"|(?<![^\W\d_]){_PACKAGE_RU})\s+по\s+[\d.,]+\s*(?:кг|г|л|т|тонн)(?![^\W\d_])"
        rf"|(?<![^\W\d_])(?:в|фасовк[^\W\d_]*|упаковк[^\W\d_]*)\s+(?:в\s+)?{_PACKAGE_RU}"
        r"|(?<![^\W\d_])(?:в\s+)?вакуумн[^\W\d_]*\s+упаковк[^\W\d_]*"
    ),
    # «вакуумды қаптамада» (in vacuum packs), «қаптарда» (in sacks)
    "kk": re.compile(
        r"(?<![^\W\d_])(?:вакуумды\s+|пластик\s+)?(?:қаптама|қап|қорап|жәшік)"
        r"(?:тар|тер|лар|лер)?(?:да|де|та|те)(?![^\W\d_])"
    ),
    "en": re.compile(
        r"(?<![^\W\d_])(?:[\d.,]+\s*(?:kg|g|l|lb|t|tonnes?|tons?|ft|-foot|foot)\s+"
        r"(?:reefer\s+|refrigerated\s+)?|(?:packed\s+)?in\s+(?:reefer\s+)?)"
        r"(?:cartons?|bags?|sacks?|boxes?|drums?|pails?|containers?)(?![^\W\d_])"
    ),
    "zh": re.compile(
        r"[\d一二两三四五六七八九十几多]+\s*(?:个|只|节|辆)?\s*(?:集装箱|货柜|车皮)"
        r"|[\d.]+\s*(?:公斤|千克|克|升|吨)\s*/?\s*(?:袋|箱|桶|瓶)|(?:袋|箱|桶|瓶)装"
        r"|[\d.]*\s*(?:kg|公斤|千克)?\s*(?:编织袋|纸箱|纸袋|吨袋)包装"
        # «大桶番茄酱» (tomato paste in drums), 220升无菌袋 (aseptic bags)
        r"|大桶(?=[\u4e00-\u9fff])|[\d.]*\s*升?\s*无菌袋"
    ),
}
# Russian «для»: what follows names a purpose, not the goods («установки для полуприцепов»),
# up to «и» before a word in the accusative, which is a second object («корм для осетров и
# артемию»; «для осетров и карпов» stays one purpose), or up to the end of a bracket («тандыр
# (печь для лепёшек) и поставщик специй»); a bracket opened after it lists the goods
# («Оборудование для цеха пельменей (пельменный аппарат, фасовка)», round 45).
_PURPOSE = re.compile(r"\s(?:для|под|на\s+корм)\s(?:(?!\sи\s[^\W\d_]+[ую](?![^\W\d_]))[^()])*")
# English "for" after a plural noun of goods: "brake pads for heavy trucks", "tyres for tractors"
# (not after people, orders or a verb: "buyers for our wool", "looking for trucks").
_EN_PURPOSE = re.compile(r"([a-z]+s)\s+(?:for|suitable for|used in)\s.*$")
_EN_NOT_GOODS = frozenset(
    {
        *("buyers", "partners", "distributors", "dealers", "customers", "clients", "investors"),
        *("importers", "suppliers", "orders", "contracts", "tenders", "needs", "thanks"),
        *("us", "its", "has", "was", "is", "as", "this", "yes", "does", "goes"),
    }
)


# The goods a service works on are no goods traded: «ремонт легковых автомобилей», «сервис по
# обслуживанию тракторов», "repair of tractors", "tractor repair", «тракторларды жөндеу», 农机维修.
# Goods rented out are a service too («сдаём в аренду»); goods rented in are asked for.
_SERVICE_OF = {
    "ru": re.compile(
        # renting in is asking for the goods: «покупаем или берём в аренду башенные краны»
        r"(?<![^\W\d_])(?<!берем в )(?<!возьмем в )"
        r"(?:ремонт|техобслуживан|обслуживан|аренд(?!уем)|прокат)"
        r"[^\W\d_]*\s.*$"
    ),
    "en": re.compile(r"(?<![^\W\d_])(?:repair|maintenance|servicing|rental|hire)\s+of\s.*$"),
}
_SERVICE_AFTER: dict[str, tuple[str, ...]] = {
    "en": ("repair", "maintenance", "servicing", "rental", "hire"),
    "kk": ("жөнде",),
}


# A shape or a kind named by goods is no goods: "mushroom-type popcorn kernels", "pear-shaped".
_EN_SHAPED = re.compile(r"(?<![^\W\d_])[^\W\d_]+-(?:type|shaped|style|like)(?![^\W\d_])")


def _en_without_purpose(part: str) -> str:
    part = _EN_SHAPED.sub(" ", part)
    found = _EN_PURPOSE.search(part)
    if found is None or found.group(1) in _EN_NOT_GOODS:
        return part
    return part[: found.start() + len(found.group(1))]


# After goods, «из» / "from" / "made of" names their material, not goods traded: «макароны из
# твердой пшеницы» are pasta, "bags from recycled pet" bags (one word may stand between); «с» /
# "with" an ingredient: «молоко сгущённое с сахаром» is condensed milk, no sugar sold.
_MATERIAL_WORDS = {"ru": ("из", "с"), "en": ("from", "of", "with")}


# Words that are read before the names so that no name starts inside them: 进口红扁豆 imports red
# lentils (no 口红, lipstick), 本地牛源 are local cattle (no 地牛, a pallet truck), 蔬菜种植合作社
# grows vegetables (no 菜种, vegetable seeds), 批发蜡笔 sells crayons wholesale (no 发蜡, hair wax).
_HAN_BLOCKERS = (
    "进口",
    "出口",
    "本地",
    "当地",
    "外地",
    "产地",
    "基地",
    "种植",
    "养殖",
    "批发",
    "零售",
)


# A Chinese name right before another, with at most two characters between and no word that
# joins or separates them, is the modifier of a compound whose head is the last (Chinese puts
# the head last): 货车电瓶 is a battery, 重卡刹车片 a brake pad, 汽车启动电瓶 a starter battery.
_HAN_BEFORE_HEAD = re.compile(r"[^\W\d_a-z和与及或、，,。；;：:（）()\s]{0,2}")
# Goods named right before a word for equipment are what the equipment is for, not what is
# traded: 水泥生产线设备 (cement production-line equipment), 奶酪设备, «сүт өңдейтін жабдық»
# (milk-processing equipment, Kazakh puts the participle between), "cheese making equipment".
# Names of machines themselves (chapters 84, 85: 乳品加工设备, "food processing equipment") stay.
_HAN_EQUIPMENT = re.compile(
    r"(?:加工|生产|制造|处理|包装|灌装|清洗|分拣|冷藏|冷冻)?(?:成套)?"
    r"(?:设备|生产线|机械|机器|机组|流水线|装备)"
)
_EQUIPMENT_WORDS: dict[str, tuple[str, ...]] = {
    "kk": ("жабдық", "жабдығ", "құрал", "станок", "машина", "желі"),
    "en": ("equipment", "machinery", "machine", "line", "lines"),
}
_EQUIPMENT_BETWEEN: dict[str, tuple[str, ...]] = {
    "kk": ("атын", "етін", "йтын", "йтін", "итын", "итін", "ытын", "ітін"),
    "en": ("processing", "making", "production", "packing", "filling"),
}


# Chinese compounds put their head last: 梭鲈鱼 and 鳊鱼 are fish, 湖盐 salt, 离心泵 a pump, while
# 鱼粉 (fish meal) and 盐湖 (a salt lake) are not. A one-character name therefore also names
# its headings as the last character of a longer word, except in the compounds below, whose
# last character does not make them that thing (squid, abalone and turtle are no fish, almonds no
# apricots, ceramic tiles no bricks, lignite and peat no coal, galvanizing no zinc).
HAN_NOT_HEAD: frozenset[str] = frozenset(
    {
        "鱿鱼",
        "墨鱼",
        "章鱼",
        "鲍鱼",
        "甲鱼",
        "鳄鱼",
        "娃娃鱼",
        "钓鱼",
        "巴旦杏",
        "银杏",
        "瓷砖",
        "地砖",
        "墙砖",
        "褐煤",
        "泥煤",
        # to focus is no coke, sweet no honey
        "聚焦",
        "甜蜜",
        # organosilicon is a plastic (3910), silicon carbide an abrasive (2849)
        "有机硅",
        "碳化硅",
        # plating is a service, silicomanganese a ferroalloy (7202)
        "镀锌",
        "镀铬",
        "镀镍",
        "镀锡",
        "硅锰",
    }
)


# Heads of Chinese words for parts, fittings, tyres, feed and lamps: what stands right before them
# is what they are for, not what is traded (家具五金配件 are furniture fittings, not furniture;
# 卡车轮胎 and 农业轮胎 tyres, not trucks or farm machines; 牛羊饲料 feed, not sheep; 植物生长灯 a
# lamp, not a plant-growth regulator; 黄瓜种子 seeds, not cucumbers). A longer everyday name stays
# whole (汽车配件).
HAN_PART_HEADS: tuple[str, ...] = (
    *("零部件", "配件", "零件", "五金", "轮胎", "饲料", "灯"),
    *("种子", "种苗"),
)
_HAN_BEFORE_PART = re.compile(
    f"[^\\W\\d_a-z{re.escape(''.join(sorted(HAN_STOP)))}]{{1,4}}(?=(?:{'|'.join(HAN_PART_HEADS)}))"
)
# What follows «适用于», «用于» (for use in, suitable for) in a part of a sentence is a purpose,
# as after Russian «для»: 打捆绳，适用于各类打捆机 sells twine, not balers; so does a part that
# opens with 供 (for: 活性干酵母，供馕坑和面包房 sells yeast, not ovens or bread), but 供应, 供货.
_HAN_PURPOSE = re.compile(
    r"(?:专供|供)[^，,。；;、]*?(?:使用的|用的)"
    r"|(?:适用于|专用于|用于|专供|(?:^|(?<=[，,。；;：:]))(?:适合|供(?![应货销给需求暖水电气热])))"
    r"[^，,。；;、]*"
)


# What goods are used for, to the end of the clause, asks for nothing: 牧业巡检无人机，可用于草原放
# 牧巡查、寻找走失牲畜 (drones for finding lost livestock) sells drones (round 47: hamada's
# drone maker was read as asking for them).
_HAN_USED_FOR = re.compile(r"(?:可|能|可以)?(?:适用于|专用于|用于|用来)[^，,。；;]*")


def _used_for(found: re.Match[str]) -> str:
    """A purpose clause that holds a verb of asking, cut (`_HAN_USED_FOR`); others as they are."""
    clause = found.group(0)
    return "，" if any(word in clause for word in ("寻找", "寻求", "需要", "求购")) else clause


# A Chinese name followed by one of these characters is the modifier of a longer word whose head
# is that character: 小麦粉 is flour (1101), not wheat; 甜菜种子 seed, not beet; 磷酸钠 a salt, not
# the acid; 葡萄酒 wine, 大豆油 oil, 石膏板 a board, 玉米收获机 a machine. Such a name names
# nothing (the longer word may be a name of its own: 小麦粉, 葵花籽油, 番茄酱).
# (种 only as 种子, 种苗: 哈密瓜种植 grows melons.)
HAN_MODIFIED_BY: tuple[str, ...] = (
    *"粉油酱汁粕饼浆酒苗籽板机器钠钾钙铵",
    "种子",
    "种苗",
    # a juice or jam of a fruit (蔓越莓果汁), a bag of a material (聚丙烯编织袋), a shop of
    # goods (服装店, 裁缝铺: a customer, or a shop, not goods made)
    "果汁",
    "果酱",
    "编织",
    "袋",
    "店",
    "铺",
    # a studio or a hall of goods (民族服装写真馆, a photo studio of ethnic costumes;
    # 民族服装工作室, a costume studio sought as a customer): no goods traded (round 41)
    "馆",
    "写真",
    "工作室",
    # a service on the goods (农机维修, 汽车修理, 设备租赁): no goods traded
    "维修",
    "修理",
    "保养",
    "租赁",
    *HAN_PART_HEADS,
)


# Goods that name the business a supplier serves: 供应服装厂 (supplies garment factories), 销往
# 面粉企业, 供应南疆瓷砖厂 (the tile factories of southern Xinjiang); what the supplier sells is
# named elsewhere.
_HAN_SUPPLY_TO = re.compile(
    r"(?:供应|供给|销往|卖给|面向|服务于|服务)"
    r"(?:南疆|北疆|全疆|新疆|各地|本地|当地|国内|疆内|中亚|哈萨克斯坦)?(?:各|的|各地)?$"
)
# the farms, orchards and households a service serves: 服务无花果园、葡萄园 (fig orchards and
# vineyards) sells no figs, no grapes
_HAN_BUSINESS = ("厂", "工厂", "企业", "公司", "行业", "园", "田", "农场", "农户", "种植户")


def _han_customer(text: str, start: int, end: int) -> bool:
    return text.startswith(_HAN_BUSINESS, end) and bool(_HAN_SUPPLY_TO.search(text, 0, start))


# A name joined by 和 / 与 / 及 to another that a modifier's head follows shares the head: 越橘和
# 蔓越莓果汁 is juice of both, 棉花和小麦收割机 a machine.
_HAN_COORDINATED = re.compile(r"(?:和|与|及)[\u3400-\u9fff]{1,4}?$")


def _han_coordinated_modifier(text: str, end: int) -> bool:
    joined = re.match(r"(?:和|与|及)[\u3400-\u9fff]{1,4}?", text[end:])
    if joined is None or text[:end].endswith(HAN_MODIFIED_BY):
        # a name that has its own head is no modifier: 沙棘油和沙棘汁 are oil and juice (round
        # 50: hollow's import shop)
        return False
    for stop in range(end + 2, min(end + 6, len(text)) + 1):
        if text.startswith(HAN_MODIFIED_BY, stop) and _HAN_COORDINATED.match(text[end:stop]):
            return True
    return False


# A name that a machine's word follows within one word is what the machine is for: 甜菜切丝机 (a
# beet slicer), 小麦收割机, 棉花打包机.
_HAN_MACHINE_AFTER = re.compile(
    f"[^\\W\\d_a-z{re.escape(''.join(sorted(HAN_STOP)))}]{{0,3}}(?:机|器)(?![\u3400-\u9fff])"
)


def _ground_mineral(headings: tuple[str, ...], text: str, end: int) -> bool:
    """粉 after the name of an earth, a stone or an ore (chapters 25 and 26): the same goods
    ground (磷矿粉 phosphate rock, 石灰石粉, 铬矿粉 ore fines), in the same heading; after other
    goods it names another (小麦粉 is flour, not wheat)."""
    return text.startswith("粉", end) and all(h[:2] in ("25", "26") for h in headings)


def _han_head(piece: str) -> str:
    """The character that may be a one-character name of a run of Chinese characters: the run
    itself when it is one character, else its last (its head), unless it ends with one of
    `HAN_NOT_HEAD`; "" when none."""
    if len(piece) == 1:
        return piece
    if any(piece.endswith(compound) for compound in HAN_NOT_HEAD):
        return ""
    return piece[-1]


# Chemical elements and metals have one-character Chinese names, which the pairs of characters
# that `_title_headings` reads cannot see: «未锻轧锌» (7901, unwrought zinc) shares no pair with
# «锌锭» (zinc ingots), «钛及其制品» (8108) none with «海绵钛» (titanium sponge). A character that
# is an item of its own in the head of one heading's Chinese name (after «未锻轧», «未经加工的»)
# in the chapters of the non-ferrous base metals (74-81; iron and steel name their articles,
# 网, 绳, 灶, with one character too) names that heading as the head of a word of a text
# (`_han_head`), also before a word for its raw form («锌锭», «钛原料», «铝锭»).
ELEMENT_CHAPTERS = frozenset(str(chapter) for chapter in range(74, 82))
_HAN_ELEMENT_QUALIFIERS = re.compile(r"^(?:未锻轧的?|未经加工的?|其)")
_HAN_RAW_FORMS = ("原料", "材料", "锭", "块", "粒")


def _han_elements(title: str) -> set[str]:
    """One-character items of the head of a Chinese HS title («钛及其制品» → 钛)."""
    head = re.split(r"[;:(（；：]", _normalize(title), maxsplit=1)[0]
    found: set[str] = set()
    for item in re.split(r"[、，,及和或与]", head):
        item = _HAN_ELEMENT_QUALIFIERS.sub("", re.sub(r"[^\u3400-\u9fff]", "", item))
        if len(item) == 1 and item not in HAN_STOP and item not in _HAN_RAW_FORMS:
            found.add(item)
    return found


def _named_elements(text: str, elements: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Headings of `elements` (character → heading) that words of a Chinese text are headed by."""
    found: dict[str, set[str]] = {}
    for segment in _HAN_SPLIT.split(text):
        for piece in re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", segment):
            word = piece
            for form in _HAN_RAW_FORMS:
                if len(word) > len(form) and word.endswith(form):
                    word = word[: -len(form)]
                    break
            code = elements.get(_han_head(word))
            if code is not None and not _HAN_EQUIPMENT.match(text, text.find(piece) + len(piece)):
                found.setdefault(code, set()).add(piece)
    return {code: tuple(sorted(words)) for code, words in found.items()}


# English words after a vehicle's name that make the goods its parts (8708 holds the parts of
# the vehicles of 8701-8705; a machine's parts are in its own heading).
_EN_PARTS = frozenset({"parts", "spares", "components"})


def _vehicles(headings: tuple[str, ...]) -> bool:
    return bool(headings) and all("8701" <= code <= "8705" for code in headings)


def _machines(headings: tuple[str, ...]) -> bool:
    return any(code[:2] in ("84", "85") for code in headings)


def _before_equipment(words: list[str], after: int, language: str) -> bool:
    """Whether the words from `after` on name equipment (perhaps after one word saying what it
    does to the goods)."""
    heads = _EQUIPMENT_WORDS.get(language)
    if not heads:
        return False
    between = _EQUIPMENT_BETWEEN[language]
    following = words[after : after + 2]
    if following and following[0].startswith(heads):
        return True
    return (
        len(following) == 2
        and (following[0].endswith(between) if language == "kk" else following[0] in between)
        and following[1].startswith(heads)
    )


_ENDING_SET = frozenset(_ENDINGS)
# a noun's adjective in Russian («шерсть» → «шерстяная», «кожа» → «кожаный», «медь» → «медный»)
_RU_DERIVED = re.compile(
    "^(?:н|ов|ев|ан|ян|ин|ск|енн|онн|ичн|ист|еск)(?:" + "|".join(_ENDINGS) + ")?$"
)
_KK_DERIVED = (
    "лық",
    "лік",
    "дық",
    "дік",
    "тық",
    "тік",
    "шы",
    "ші",
    "лы",
    "лі",
    "ды",
    "ді",
    "ты",
    "ті",
)
_EN_ENDINGS = frozenset({"s", "es", "ed", "ing", "er", "ers", "en", "al", "y", "ies", "ic"})


def _ending(rest: str, language: str, length: int) -> bool:
    """Whether `rest`, the letters of a text's word after a title stem of `length` letters, may
    be its inflection: anything after a stem cut at `STEM_MAX` (a long title word), after a
    whole one only nothing, an ending, an adjective's suffix and ending, or a chain of Kazakh
    suffixes («сүтін» is «сүт», «шерстяная» «шерсть»; «таразе» is no «тара», «Каменогорске»
    no «камень»)."""
    if length >= STEM_MAX or not rest or rest in _ENDING_SET:
        return True
    if language == "ru":
        return bool(_RU_DERIVED.match(rest))
    if language == "en":
        return rest in _EN_ENDINGS
    if language != "kk":
        return False
    if rest.endswith(_KK_DATIVE):
        return False  # «түйелерге … керек»: for the camels, not camels (see `_KK_DATIVE`)
    if rest in ("мыз", "міз"):
        return False  # "we" of a verb («жуамыз»), see `_KK_LAST_SUFFIXES`
    forms = [rest, *(rest[len(x) :] for x in _KK_DERIVED if rest.startswith(x))]
    if "" in forms:
        return True
    for _ in range(3):
        forms = [f[len(x) :] for f in forms for x in _KK_SUFFIXES if f.startswith(x)]
        if "" in forms:
            return True
    return False


def _ru_bases(word: str) -> set[str]:
    """A Russian (or English, Kazakh loan) word without one inflection ending, for every ending
    it may carry, leaving four letters at least (short words match as listed). Every ending,
    not only the longest: the forms of a noun in -ние / -ие do not share their longest cut
    («орошение» → «орошен» by -ие, «орошения» → «орошени» by -я; both → «орошени» by -е)."""
    bases = {
        word[: -len(ending)]
        for ending in _ENDINGS
        if word.endswith(ending) and len(word) - len(ending) >= 4
    }
    if len(word) >= 6 and word[-1] == "к" and word[-2] in "оеё" and word[-3] not in _RU_VOWELS:
        # a fleeting vowel: «ветроустановок», «тележек», «станок» are «ветроустановк-»,
        # «тележк-», «станк-» (ветроустановки, тележки, станки)
        bases.add(word[:-2] + "к")
    return bases


_RU_VOWELS = frozenset("аеёиоуыэюя")

_KK_DEVOICED = {"ғ": "қ", "г": "к", "б": "п"}

# A Russian compound of goods and a machine or a process («картофелекопалка», «свеклорезка»,
# «свеклоуборочный», «молоковоз», «хлопкоочистительный») is the machine or the process: its first
# root, joined by «о» or «е», names what the machine works on, not goods traded (as Chinese
# puts the head last: 甜菜切丝机). A stem that ends before the joint names nothing. Plants named
# by what they process or store («мясоперерабатывающий», «овощехранилище») keep their goods.
_RU_COMPOUND = re.compile(
    r"^[а-яё]{3,}?[оеё](?=(?:копал|копат|уборочн|убороч|рез|суш|очист|чист|мойк|моеч|сортир|"
    r"охлад|провод|воз|руб|дробил|сеял|сажал|тёр|терк|давил|погруз|косил|жатк)[а-яё]*$)"
)


def _ru_joint(word: str) -> int:
    """Where the second root of a goods-and-machine compound begins (0 for other words)."""
    match = _RU_COMPOUND.match(word)
    return match.end() if match else 0


def _bases(word: str, language: str) -> frozenset[str]:
    """A word and the bases it may stand for, to compare a text's word with a name's."""
    found = {word}
    if language == "kk" and not word.endswith(_KK_DATIVE):
        frontier = [word]
        for depth in range(3):
            frontier = [
                form[: -len(suffix)]
                for form in frontier
                for suffix in (_KK_SUFFIXES if depth else _KK_LAST_SUFFIXES)
                if form.endswith(suffix) and len(form) - len(suffix) >= 2
            ]
            found.update(frontier)
        # a final қ, к, п is voiced before a suffix that begins with a vowel: «балығы», «балығын»
        # are «балық» (fish), «етігі» «етік» (a boot), «кітабы» «кітап»
        found.update(
            form[:-1] + _KK_DEVOICED[form[-1]]
            for form in list(found)
            if len(form) >= 3 and form[-1] in _KK_DEVOICED and form != word
        )
    found.update(_ru_bases(word))
    if language == "en" and len(word) > 4 and word.endswith("s"):
        found.add(word[:-2] if word.endswith("es") else word[:-1])
    return frozenset(found)


def _name_bases(word: str, language: str) -> frozenset[str]:
    """The bases a name's word is met by. A Kazakh name is written as its base: a text's word
    meets it when its suffixes strip to that word (or its voiced form), not when both strip to a
    shorter stem («алаша», a rug, and «аламыз», we buy, are both «ала» cut short)."""
    if language == "en":
        # a plural name whose singular is an adjective is not met by the adjective: «sweet
        # cherries» are no sweets, «bitter almonds» no bitters
        return _bases(word, language) - _EN_ADJECTIVES
    if language == "ru" and word in _RU_AS_WRITTEN:
        return frozenset({word})
    if language != "kk":
        return _bases(word, language)
    return frozenset({word})


# Russian names met only as written: «мороженое» (ice cream) is a noun whose stem is the
# adjective's, and «мороженую рыбу» (frozen fish) is no ice cream
_RU_AS_WRITTEN = frozenset({"мороженое", "мороженого", "мороженым"})

# «для» and the word after it (`_EverydayNames._join_names`)
_FOR_WORD = re.compile(r"\sдля\s+([^\W\d_]+)")


def _inflected(form: str) -> re.Pattern[str]:
    """A Russian name as a pattern that its other case endings meet: «автомат для чая в
    фильтр-пакеты» also as «автоматы для чая в фильтр-пакетах» (a word of five letters or more
    may change its last two; «для» and the word after it stay as written)."""
    before, after = form.split(" для ", 1)
    first, *rest = after.split()

    def word(w: str) -> str:
        if len(w) < 5:
            return re.escape(w)
        return re.escape(w[:-2]) + r"[^\W\d_]{0,3}"

    words = [*(word(w) for w in before.split()), "для", re.escape(first), *map(word, rest)]
    return re.compile(r"(?<![^\W\d_])" + r"\s+".join(words) + r"(?![^\W\d_])")


_EN_ADJECTIVES = frozenset({"sweet", "bitter", "green", "fine", "light", "soft", "hard", "raw"})


@dataclass(frozen=True, slots=True)
class _Name:
    headings: tuple[str, ...]
    words: tuple[frozenset[str], ...]  # per word, its bases; Chinese: one entry, the name
    text: str


class _EverydayNames:
    """Everyday names of one language and the headings they name."""

    def __init__(self, language: str, names: Iterable[tuple[tuple[str, ...], str]]) -> None:
        self.language = language
        self._by_base: dict[str, list[_Name]] = {}
        self._han: dict[str, tuple[str, ...]] = {}
        self._han_single: dict[str, tuple[str, ...]] = {}
        # a Russian name that holds «для» («основа для хого», a hotpot base; «крем для рук»): met
        # as written, the words after «для» are part of the name, not a purpose (`_PURPOSE`);
        # the name is read without «для»
        joined: set[str] = set()
        for headings, text in names:
            form = _normalize(text).strip()
            if not form:
                continue
            if language == "ru" and " для " in form:
                joined.add(form)
                form = form.replace(" для ", " ")
            if language == "zh":
                target = self._han_single if len(form) == 1 else self._han
                target[form] = tuple(dict.fromkeys((*target.get(form, ()), *headings)))
                continue
            words = tuple(_name_bases(word, language) for word in _WORD.findall(form))
            if not words:
                continue
            name = _Name(headings, words, form)
            for base in words[0]:
                self._by_base.setdefault(base, []).append(name)
        # the forms by the word after «для», read only where a part holds one
        self._joined: dict[str, list[re.Pattern[str]]] = {}
        for form in sorted(joined, key=len, reverse=True):
            self._joined.setdefault(form.split(" для ", 1)[1].split()[0], []).append(
                _inflected(form)
            )
        self._han_pattern = (
            re.compile(
                "|".join(
                    re.escape(n)
                    for n in sorted({*self._han, *_HAN_BLOCKERS}, key=len, reverse=True)
                )
            )
            if self._han
            else None
        )

    def __bool__(self) -> bool:
        return bool(self._by_base or self._han or self._han_single)

    def _join_names(self, part: str) -> str:
        """`part` with «для» taken out of the Russian names that hold it (`_joined`)."""
        for match in _FOR_WORD.finditer(part):
            for pattern in self._joined.get(match.group(1), ()):
                part = pattern.sub(lambda m: m.group().replace(" для ", " "), part)
        return part

    def find(self, text: str, language: str = "") -> tuple[dict[str, tuple[str, ...]], str]:
        """Headings the names in `text` name (heading → the names), and the text left over.
        `language`: the text's, when it borrows these names (a Kazakh text read by the Russian
        names: «аккумуляторларды» is «аккумуляторы» with Kazakh suffixes)."""
        found: dict[str, set[str]] = {}
        language = language or self.language
        if self.language == "zh":
            rest = text
            if self._han_pattern is not None:
                matches = list(self._han_pattern.finditer(text))
                for index, match in enumerate(matches):
                    if match.group() not in self._han:
                        continue  # a word that holds the start of a name (进口红扁豆: no 口红)
                    named = self._han[match.group()]
                    following = matches[index + 1] if index + 1 < len(matches) else None
                    if (
                        following is not None
                        and following.group() in self._han
                        and _HAN_BEFORE_HEAD.fullmatch(text, match.end(), following.start())
                    ):
                        continue  # 货车电瓶, 汽车启动电瓶, 重卡刹车片: the last name is the head
                    if not _machines(named) and (
                        _HAN_EQUIPMENT.match(text, match.end())  # what the equipment is for
                        or _HAN_MACHINE_AFTER.match(text, match.end())  # 甜菜切丝机
                        or (
                            text.startswith(HAN_MODIFIED_BY, match.end())
                            and not _ground_mineral(named, text, match.end())
                        )
                        or _han_customer(text, match.start(), match.end())
                        or _han_coordinated_modifier(text, match.end())
                    ):
                        continue
                    for heading in named:
                        found.setdefault(heading, set()).add(match.group())
                rest = self._han_pattern.sub("，", text)
            for segment in _HAN_SPLIT.split(rest):
                for piece in re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", segment):
                    if any(piece + head in text for head in HAN_PART_HEADS):
                        continue  # 牛羊饲料 is feed, not sheep
                    for heading in self._han_single.get(_han_head(piece), ()):
                        found.setdefault(heading, set()).add(piece)
            return {h: tuple(sorted(w)) for h, w in found.items()}, rest
        kept: list[str] = []
        for part in re.split(r"[,，]", text):
            if language == "ru":
                if self._joined and " для " in part:
                    part = self._join_names(part)
                part = _PURPOSE.sub("", f" {part} ")
            elif language == "en":
                part = _en_without_purpose(part)
            if language in _SERVICE_OF:
                part = _SERVICE_OF[language].sub("", part)
            words = _WORD.findall(part)
            bases = [
                _bases(word, language)
                if language == self.language
                # borrowed names: a Kazakh suffix stripped leaves five letters at least
                # («аккумуляторларды»), not «сало» of «салоны» (a salon)
                else _bases(word, self.language)
                | {base for base in _bases(word, language) if len(base) >= 5}
                for word in words
            ]
            position = 0
            material = -2  # where a material named after goods may begin («макароны из …»)
            hits: list[tuple[int, int, _Name]] = []  # the names kept: start, end, name
            while position < len(words):
                best: _Name | None = None
                best_key: tuple[int, bool, str] = (0, False, "")
                for base in bases[position]:
                    for name in self._by_base.get(base, ()):
                        size = len(name.words)
                        # the longest name; of equal ones, the one written as the text writes
                        # its first word, then the first in order (not the set's order)
                        key = (size, words[position] in name.words[0], name.text)
                        if (
                            best is None
                            or key[:2] > best_key[:2]
                            or (key[:2] == best_key[:2] and key[2] < best_key[2])
                        ) and all(
                            position + i < len(words) and name.words[i] & bases[position + i]
                            for i in range(size)
                        ):
                            best, best_key = name, key
                if best is None:
                    kept.append(words[position])
                    position += 1
                    continue
                end = position + len(best.words)
                if material >= 0 and position in (material, material + 1):
                    pass  # what the goods are made of: «макароны из твердой пшеницы», "from"
                elif end < len(words) and words[end].startswith(
                    _SERVICE_AFTER.get(language, ("\0",))
                ):
                    pass  # what a service works on: "tractor repair", «тракторларды жөндеу»
                elif _machines(best.headings) or not _before_equipment(words, end, language):
                    hits.append((position, end, best))
                after = words[end : end + 3]  # two words may stand before it: «молоко цельное
                # сгущённое с сахаром»
                materials = _MATERIAL_WORDS.get(language, ())
                if any(word in materials for word in after):
                    material = end + 1 + next(i for i, w in enumerate(after) if w in materials)
                position = end
            for index, (_start, end, name) in enumerate(hits):
                headings = name.headings
                if language == "en":
                    if index + 1 < len(hits) and hits[index + 1][0] == end:
                        continue  # a modifier: "melon seeds" are seeds, "cotton harvesters"
                    if end < len(words) and words[end] in _EN_PARTS and _vehicles(headings):
                        headings = ("8708",)  # "tractor parts": parts of vehicles
                for heading in headings:
                    found.setdefault(heading, set()).add(name.text)
            kept.append(",")
        return {h: tuple(sorted(w)) for h, w in found.items()}, " ".join(kept)


@dataclass(frozen=True, slots=True)
class NamedHeading:
    """A heading named in a text: the code, offered or needed, the words that named it."""

    code: str
    direction: str  # "offer" or "need"
    score: float
    words: tuple[str, ...]


FOUND_CACHE = 100_000  # clauses whose headings a lexicon keeps (then it starts again)


class HeadingLexicon:
    """HS headings by the words of their titles, per language (see the module docstring)."""

    def __init__(
        self,
        rows: Iterable[tuple[str, str, str]],
        names: Iterable[tuple[str, str, str]] = (),
        subheading_heads: int = SUBHEADING_HEAD_HEADINGS,
    ) -> None:
        """`rows`: (code, language, title or term); codes of 4 or more digits count for their
        heading (a subheading's title adds words to its heading). `names`: everyday names
        (headings separated by spaces, language, forms separated by "|"), read first."""
        rows, names = list(rows), list(names)
        by_language: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for codes, language, forms in names:
            named = tuple(code[:4] for code in codes.split() if code[:4].isdigit())
            for form in forms.split("|"):
                by_language.setdefault(language, []).append((named, form))
        self._names = {
            language: _EverydayNames(language, rows_) for language, rows_ in by_language.items()
        }
        # the names that hold words `_NOT_GOODS` takes out of a text («браслеты из натурального
        # камня», «тастан жасалған білезіктер», «титан кені», «тұздалған балық»): read before
        # those words go, or they would never be met
        whole = {
            language: [
                (named, form)
                for named, form in rows_
                if _NOT_GOODS[language].search(_normalize(form).strip())
            ]
            for language, rows_ in by_language.items()
            if language in _NOT_GOODS
        }
        self._whole_names = {
            language: _EverydayNames(language, rows_) for language, rows_ in whole.items()
        }
        # the starts of their first words: a text that holds none names none of them (a cheap
        # test before `find`)
        self._whole_starts = {
            language: re.compile(
                r"(?<![^\W\d_])(?:"
                + "|".join(
                    sorted(
                        {
                            re.escape(w[:4])
                            for _, form in rows_
                            for w in _WORD.findall(_normalize(form))[:1]
                        }
                    )
                )
                + ")"
            )
            for language, rows_ in whole.items()
            if rows_
        }
        # the Kazakh words of the titles and names: the vocabulary that gives Kazakh typed
        # without its letters its letters back (`kazakh_letters`)
        self._kazakh_words: set[str] = {
            word
            for language, forms in (
                *((language, title) for _, language, title in rows if language == "kk"),
                *((language, forms) for _, language, forms in names if language == "kk"),
            )
            for word in _WORD.findall(_normalize(forms))
        }
        self._kazakh: KazakhLetters | None = None
        terms: dict[str, dict[str, set[str]]] = {lang: {} for lang in LANGUAGES}
        self._heads: dict[str, set[tuple[str, str]]] = {lang: set() for lang in LANGUAGES}
        # (term, heading) of headings whose whole name is that one word (2524 石棉, «Асбест»)
        self._sole: dict[str, set[tuple[str, str]]] = {lang: set() for lang in LANGUAGES}
        # (term, heading) of the heads of subheadings' titles: they name their heading alone
        # when the term is specific (in no other heading: `SUBHEADING_HEAD_HEADINGS`)
        sub_heads: dict[str, set[tuple[str, str]]] = {lang: set() for lang in LANGUAGES}
        elements: dict[str, set[str]] = {}
        chapter_titles: dict[str, str] = {}
        for code, language, title in rows:
            if language == "zh" and code in ELEMENT_CHAPTERS:
                chapter_titles[code] = title
            if language not in terms or len(code) < 4 or not code[:4].isdigit():
                continue
            if language == "zh" and len(code) == 4 and code[:2] in ELEMENT_CHAPTERS:
                for char in _han_elements(title):
                    elements.setdefault(char, set()).add(code)
            if len(code) > 4 and language in ("ru", "kk", "zh"):
                # a subheading's title adds the nouns of its goods, which may name it alone
                head = _subheading_heads(title, language)
                every = _subheading_terms(title, language) if language == "zh" else head
                sub_heads[language].update((term, code[:4]) for term in head)
            else:
                every, head = _title_terms(title, language)
            for term in every:
                terms[language].setdefault(term, set()).add(code[:4])
            if len(code) == 4:
                if language == "zh":  # a pair of characters alone: a whole item of the name
                    head = {term for term in head if term in _han_items(title)}
                self._heads[language].update((term, code) for term in head)
                if len(head) == 1 and _one_word(title, language):
                    self._sole[language].update((term, code) for term in head)
        for language, pairs in sub_heads.items():
            index = terms[language]
            self._heads[language].update(
                (term, heading)
                for term, heading in pairs
                if len(index.get(term, ())) <= subheading_heads
            )
        # a character that stands alone in one heading's name only, and names its metal: its
        # chapter's name has it (锌 in «锌及其制品»), or it is one of chapter 81's (钛 in 8108);
        # 桶 (casks) of aluminium is not in «铝及其制品»
        self._elements = {
            char: code
            for char, (code,) in ((c, tuple(v)) for c, v in elements.items() if len(v) == 1)
            if code[:2] == "81" or char in chapter_titles.get(code[:2], "")
        }
        # clause, language → what `headings` found: many organizations share a clause (an
        # activity's English title), and a large directory is read clause by clause
        self._found: dict[tuple[str, str], dict[str, tuple[float, tuple[str, ...]]]] = {}
        self._terms: dict[str, dict[str, tuple[float, tuple[str, ...]]]] = {}
        for language, index in terms.items():
            headings = {h for found in index.values() for h in found}
            total = max(len(headings), 1)
            self._terms[language] = {
                term: (math.log(total / len(found)), tuple(sorted(found)))
                for term, found in index.items()
                if math.log(total / len(found)) >= GENERIC_WEIGHT
            }

    @property
    def kazakh_letters(self) -> KazakhLetters:
        """Gives Kazakh typed without its letters its letters back (`kazakh.KazakhLetters`),
        from the Kazakh words of the lexicon and of this module."""
        if self._kazakh is None:
            own = (
                *ASKING_WORDS,
                *SELLING_WORDS,
                *KK_OFFERING_WORDS,
                *KK_NEGATED_OFFERING,
                *KK_ASKING_WORDS,
                *STOPWORDS,
                *COMMON_WORDS,
            )
            words = {w for phrase in own for w in _WORD.findall(_normalize(phrase))}
            self._kazakh = KazakhLetters(sorted(self._kazakh_words | words))
        return self._kazakh

    @classmethod
    def empty(cls) -> HeadingLexicon:
        """A lexicon that finds nothing (switches inference off)."""
        return cls(())

    def __bool__(self) -> bool:
        return any(self._terms.values()) or any(self._names.values())

    def headings(self, text: str, language: str) -> dict[str, tuple[float, tuple[str, ...]]]:
        """Headings a piece of text (one clause) names: code → (score, words), best first.
        Everyday names first (all of them, `DIRECT_SCORE`), then the titles' terms in what the
        names left over."""
        key_text = text
        known = self._found.get((text, language))
        if known is not None:
            return dict(known)  # a copy: the caller may change it
        text = _without_places(text, language)
        direct: dict[str, tuple[float, tuple[str, ...]]] = {}
        protected: dict[str, tuple[str, ...]] = {}
        packing = _PACKING.get(language)
        if packing is not None:
            text = packing.sub(" ", _normalize(text))
        if language == "zh":
            text = _HAN_PURPOSE.sub("，", _normalize(text))
            text = _HAN_SEED_LIST.sub(_seeds_of_each, text)
            text = _HAN_OWN_FACILITY.sub("，", text)
            text = _HAN_USING.sub("，", text)
            text = _HAN_ALL_COTTON.sub("", text)
            text = _HAN_SHAPED.sub("，", text)
            text = _HAN_SERVES.sub("，", text)
            text = _HAN_CUSTOMER_MILLS.sub("，", text)
        else:
            text = _SEEDS_OF.sub(r"\1", _normalize(text))
            if language == "ru":  # «сушеные яблоки и груши»: the pears are dried too
                text = _RU_DRIED_PAIR.sub(r"\1 \2 и \1 ", text)
                if _WELL_WORDS.search(text):  # «бригады КРС», «ГРП и КРС»: a well workover
                    text = _WORKOVER.sub(" ", text)
                # «рапсовое и подсолнечное масло»: both are oils
                text = _RU_SHARED_HEAD.sub(_shared_head, text)
            if language in _NOT_GOODS:
                whole = self._whole_names.get(language)
                starts = self._whole_starts.get(language)
                if (
                    whole
                    and starts is not None
                    and starts.search(text)
                    and _NOT_GOODS[language].search(text)
                ):
                    protected, rest = whole.find(text)
                    if protected:
                        text = rest
                text = _NOT_GOODS[language].sub(" ", text)
        names = self._names.get(language)
        cut = _HAN_BEFORE_PART.sub("", text) if language == "zh" else text
        if names:
            found_names, rest = names.find(_normalize(text))
            direct = {code: (DIRECT_SCORE, words) for code, words in sorted(found_names.items())}
            # the titles read the words left beside the heads of parts (卡车轮胎: 轮胎)
            text = rest if cut == text else names.find(_normalize(cut))[1]
        else:
            text = cut
        for code, words in sorted(protected.items()):
            direct.setdefault(code, (DIRECT_SCORE, words))
        borrowed = self._names.get("ru") if language == "kk" else None
        if borrowed:
            # Kazakh writes many goods by their Russian names («унаби», «цистанхе», «фанера»,
            # «спецодежда»): what the Kazakh names left is read by the Russian ones too
            found_names, text = borrowed.find(text, "kk")
            for code, words in sorted(found_names.items()):
                direct.setdefault(code, (DIRECT_SCORE, words))
        if language == "zh" and self._elements:
            for code, words in sorted(_named_elements(text, self._elements).items()):
                direct.setdefault(code, (DIRECT_SCORE, words))
        paired = _kk_pair_words(_normalize(key_text)) if language == "kk" else frozenset()
        titles = self._title_headings(text, language, paired)
        found = {**direct, **{h: v for h, v in titles.items() if h not in direct}}
        if language == "ru" and found.get("8708", (0, ()))[1] == ("запчасти",):
            found = _parts_of_machines(found)
        if language == "kk" and len(found) > 1:
            found = _kk_without_modifiers(key_text, found)
        if len(self._found) >= FOUND_CACHE:
            self._found.clear()
        self._found[(key_text, language)] = found
        return dict(found)

    def _title_headings(
        self, text: str, language: str, paired: frozenset[str] = frozenset()
    ) -> dict[str, tuple[float, tuple[str, ...]]]:
        """Headings the titles' terms name in `text`; `paired`: words of Kazakh pair words
        (`_kk_pair_words`, found before the everyday names took their words)."""
        index = self._terms.get(language)
        if not index:
            return {}
        found: dict[str, dict[str, float]] = {}  # heading → term → weight
        words: dict[str, set[str]] = {}
        nouns: set[str] = set()  # terms matched by a noun-like word
        normalized = _normalize(text)
        if language == "zh":
            for run in re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", normalized):
                grams = {run[i : i + 2] for i in range(len(run) - 1)}
                nouns.update(grams)
                for gram in grams:
                    entry = index.get(gram)
                    if entry is None:
                        continue
                    for heading in entry[1]:
                        found.setdefault(heading, {})[gram] = entry[0]
                        words.setdefault(heading, set()).add(run)
        else:
            for word in _WORD.findall(normalized):
                if len(word) < 3 or word in STOPWORDS or _SERVICE.match(word):
                    continue
                for length in range(min(STEM_MAX, len(word)), 2, -1):
                    if length == 3 and len(word) > 5:
                        break  # a 3-letter stem names a short word only («мед», «сүті»)
                    entry = index.get(word[:length])
                    if entry is not None and not _ending(word[length:], language, length):
                        break  # «таразе» is no «тара» (4415): a short stem ends its word
                    if entry is not None and language == "ru" and length < _ru_joint(word):
                        break  # «картофелекопалки» digs potatoes: no potatoes
                    if entry is not None:
                        if not _NOT_NOUN.search(word) and word not in paired:
                            nouns.add(word[:length])
                        for heading in entry[1]:
                            found.setdefault(heading, {})[word[:length]] = entry[0]
                            words.setdefault(heading, set()).add(word)
                        break  # the longest stem only
        scored: dict[str, tuple[float, tuple[str, ...]]] = {}
        heads = self._heads[language]
        for heading, weights in found.items():
            if len(weights) < 2:
                # one word alone names a heading only as the noun of the heading's own name
                (term,) = weights
                if term not in nouns or (term, heading) not in heads:
                    continue
            value = sum(weights.values())
            if any((term, heading) in self._sole[language] for term in weights):
                # the heading's whole name: it names it, however many other titles use the
                # word (温石棉 is asbestos, 2524 «石棉», though 6811 and 6812 say 石棉 too)
                value = max(value, MIN_SCORE)
            if value >= MIN_SCORE:
                scored[heading] = (value, tuple(sorted(words[heading])))
        if not scored:
            return {}
        best = max(value for value, _ in scored.values())
        ranked = sorted(
            ((h, v) for h, v in scored.items() if v[0] >= KEEP_SHARE * best),
            key=lambda item: (-item[1][0], item[0]),
        )
        return dict(ranked[:MAX_PER_CLAUSE])

    def named(
        self,
        texts: Mapping[str, str],
        *,
        direction: str | None = None,
        wanted: str | None = None,
        uncapped: frozenset[str] = frozenset(),
        declared: frozenset[str] = frozenset(),
    ) -> tuple[NamedHeading, ...]:
        """Headings a set of texts (language → text) names, each with its direction: `direction`
        forces one ("need" for a request's text), else each sentence decides (see module).
        `wanted`: only the clauses of that direction are read; "sold": only the offered ones of
        sentences that say they sell (`SELLING_WORDS`: «Продаём сахар…, а также мелассу»).
        `uncapped`: chapters the organization declared whole, whose headings named in the texts
        are what it declared, not more goods (no cap of `MAX_PER_DIRECTION` on them).
        `declared`: headings the organization declared, which the texts restate: they take no
        place under the cap (round 41: a shop that declared butter, cheese and sweets and lists
        seven goods to buy, honey and sunflower oil after them)."""
        best: dict[tuple[str, str], NamedHeading] = {}
        # where each heading was named: (code, direction) → languages; offered with a verb
        named_in: dict[tuple[str, str], set[str]] = {}
        stated_offers: set[str] = set()
        # where each was first named (text, clause, place in the clause): past the cap, the goods
        # named first stay («Қытайдан алма, қызанақ, сарымсақ, мандарин, жүзім алып келеміз»:
        # the apples, not the grapes, go first)
        first: dict[tuple[str, str], tuple[int, int, int]] = {}
        selling = wanted == "sold"
        if selling:
            wanted = "offer"
        for number, (language, text) in enumerate(texts.items()):
            # a numbered list is one sentence: «Нам нужны: 1) спецодежда…; 2) запчасти к
            # подъёмникам» asks for both
            text = asked_lists_joined(_LIST_ITEM.sub(",", text))
            text = _CUSTOMERS_CROPS.sub(" ", text)
            text = _HAN_USED_FOR.sub(_used_for, text)
            if _NO_LONGER.search(text):
                text = _without_past(text)
            frozen_sentences = (
                [
                    sentence
                    for sentence in _SENTENCE.split(_normalize(text))
                    if _FREEZING.search(sentence)
                ]
                if language != "zh"
                else []
            )
            directed = self._directed(text, language, direction, selling)
            for at, (clause_direction, clause) in enumerate(directed):
                if wanted is not None and clause_direction != wanted:
                    continue
                if (
                    direction is None
                    and clause_direction == "need"
                    and _asks_for_carrier(clause, language)
                ):
                    # the cargo and the vehicles of a carrier asked for; but the goods of the
                    # suppliers sought before it are asked: «Ищем поставщиков одежды и обуви в
                    # Урумчи и надёжное карго до Петропавловска» (round 37: ventifact's shop)
                    carrier_at = min(
                        (clause.find(word) for word in CARRIER_WORDS if word in clause),
                        default=-1,
                    )
                    supplier = _SUPPLIERS.search(clause)
                    if supplier is None or not 0 <= supplier.start() < carrier_at:
                        continue
                    clause = clause[:carrier_at]
                if _HEARSAY.search(clause):
                    continue  # what one heard of is neither offered nor asked
                clause = _without_shop(clause, language)
                if _OWN_ENOUGH_RE.search(clause):
                    continue
                if clause_direction == "need":
                    if _LOCAL_SOURCE.search(clause):
                        continue  # «Цемент и арматуру берём у местных заводов»: bought at home
                    clause = _without_areas(_without_invested(clause, language))
                    clause = _without_processed(clause, language)
                found = self.headings(clause, language)
                if language == "zh" and ("速冻" in clause or "冷冻" in clause):
                    found = _frozen(found, clause)
                elif language != "zh" and any(
                    clause.strip() in sentence for sentence in frozen_sentences
                ):
                    # fruit or vegetables in a sentence that freezes them are frozen: «Құлпынай
                    # өсіреміз, шоковая заморозкамен мұздатамыз», «малина свежемороженая»
                    found = {_FROZEN_AS.get(code, code): named_ for code, named_ in found.items()}
                stated = clause_direction == "offer" and any(
                    word in clause for word in (*OFFERING_WORDS, *SELLING_WORDS, *KK_OFFERING_WORDS)
                )
                lowered = clause.lower()
                for code, (value, words) in found.items():
                    key = (code, clause_direction)
                    named_in.setdefault(key, set()).add(language)
                    place = min(
                        (p for p in (lowered.find(w.lower()) for w in words) if p >= 0),
                        default=len(lowered),
                    )
                    first.setdefault(key, (number, at, place))
                    if stated:
                        stated_offers.add(code)
                    if key not in best or best[key].score < value:
                        best[key] = NamedHeading(code, clause_direction, value, words)
        # a heading asked for in one language and named with no verb in another is asked for: the
        # English line of a Russian request («Закупаем деэмульгаторы» / "Oil producer:
        # demulsifiers, annual tender") restates it, it sells nothing
        for code, direction_ in list(best):
            if (
                direction_ == "offer"
                and (code, "need") in best
                and code not in stated_offers
                and not named_in[(code, "offer")] & named_in[(code, "need")]
            ):
                del best[(code, "offer")]
        for key, heading in list(best.items()):
            machines = [
                code
                for (code, direction_), other in best.items()
                if code[:2] == "84" and direction_ == key[1] and other.score >= DIRECT_SCORE
            ]
            if heading.code == "8708" and set(heading.words) <= _BARE_PARTS and machines:
                # spare parts beside machines are theirs in another clause too (`_parts_of_machines`
                # in one): «дробилки, грохоты … с запчастями на складе» buys no car parts (round
                # 50: shoal's concrete plant)
                del best[key]
                if any(code in _PARTS_IN_8431 for code in machines):
                    parts = ("8431", key[1])
                    best.setdefault(parts, NamedHeading(*parts, heading.score, heading.words))
                    first.setdefault(parts, first[key])
                    named_in.setdefault(parts, set()).update(named_in[key])
        result: list[NamedHeading] = []
        for wanted in ("offer", "need"):
            ranked = sorted(
                (h for h in best.values() if h.direction == wanted),
                key=lambda h: (-h.score, first[(h.code, h.direction)], h.code),
            )
            # the cap counts the goods named, not their headings: «спецобувь» is one name of
            # three headings (6402–6404), beside «рабочие костюмы» and «утепленные куртки»
            names: list[tuple[str, ...]] = []
            for heading in ranked:
                if (
                    heading.words not in names
                    and heading.code[:2] not in uncapped
                    and heading.code not in declared
                ):
                    if len(names) == MAX_PER_DIRECTION:
                        continue
                    names.append(heading.words)
                result.append(heading)
        return tuple(result)

    def _names_goods(self, clause: str, language: str) -> bool:
        return bool(self.headings(_without_shop(clause, language), language))

    def _directed(
        self, text: str, language: str, direction: str | None, selling: bool
    ) -> list[tuple[str, str]]:
        """Every part of a text with its direction, sentence by sentence (`_clauses`), with what
        only the lexicon can tell: goods before a verb of buying are asked for when the verb's
        own part names none («Рис круглозёрный, 50 тонн — купим»: the part before the verb names
        none either, so the one before it is asked for); a sentence that only seeks a maker or
        supplier asks for the goods the sentence before named («Тротуарная плитка. Ищем
        надёжного поставщика.»)."""
        result: list[tuple[str, str]] = []
        previous: list[int] = []  # the previous sentence's parts, as indices of `result`
        for sentence in _SENTENCE.split(_normalize(text)):
            if selling and not any(word in sentence for word in SELLING_WORDS):
                continue
            if not sentence.strip():
                continue
            if language != "zh":  # before the commas split it: «семена (лук, морковь)»
                sentence = _SEEDS_OF.sub(r"\1", sentence)
            if direction is None and _SUPPLIER_ONLY.fullmatch(sentence):
                for at in previous:  # «Тротуарная плитка. Ищем надёжного поставщика.»
                    kind, clause = result[at]
                    if kind == "offer" and not any(word in clause for word in OFFERING_WORDS):
                        result[at] = ("need", clause)
                previous = []
                continue
            clauses = _clauses(sentence, direction, language, tentative=True)
            start = len(result)
            buyers_sought = False
            for index, (kind, clause) in enumerate(clauses):
                if kind == _BEFORE_ASKING:
                    asked = clauses[index + 1][1] if index + 1 < len(clauses) else ""
                    # what the verb asks for names goods, or people (白酒找中亚经销商: baijiu,
                    # distributors sought): the goods before it are offered
                    kind = (
                        "offer"
                        if self._names_goods(asked, language)
                        or any(word in asked for word in PEOPLE_WORDS)
                        else "need"
                    )
                    if (
                        kind == "need"
                        and index > 0
                        and not self._names_goods(clause, language)
                        and result[-1][0] == "offer"
                        and not any(word in result[-1][1] for word in OFFERING_WORDS)
                    ):
                        result[-1] = ("need", result[-1][1])  # «Рис, 50 тонн — купим»
                if kind == "need" and (
                    _seeks_buyers(clause, language)
                    # a Kazakh part is cut before its verb: «Уылдырық пен бекіре етін сатып
                    # алушылар іздейміз» seeks buyers of the caviar (round 51: sill)
                    or (
                        language == "kk"
                        and _seeks_buyers(sentence, language)
                        and not any(word in sentence for word in _KK_OWN_ASKING)
                    )
                ):
                    kind = "offer"  # «ищем импортёров вина», 寻找葡萄酒进口商: wine is sold
                    # (not in Chinese, where 进口商 is also the head of 进口商品, imported goods)
                    buyers_sought = language != "zh"
                elif (
                    kind == "need"
                    and buyers_sought
                    and direction is None
                    and not any(word in clause for word in ASKING_WORDS)
                    and not _LOCAL_SOURCE.search(clause)  # «…, литьё делаем сами»: made at home
                ):
                    # the buyers of the rest of the sentence: «ищем новых покупателей —
                    # хлебозаводы …, а на отруби — комбикормщиков» sells the bran (round 49: oxbow)
                    kind = "offer"
                before = [at for at in range(start, len(result)) if result[at][1].strip()][-1:]
                if (
                    kind == "need"
                    and before
                    and language == "zh"
                    and _HAN_A_BATCH.search(clause)
                    and not self._names_goods(clause, language)
                    and result[before[0]][0] == "offer"
                    and not any(word in result[before[0]][1] for word in OFFERING_WORDS)
                ):
                    # a batch of what the clause before named: 顾客常问哈萨克斯坦的草本药膏、香膏，
                    # 想进一批试试 (customers ask for Kazakh herbal ointments; we want to stock
                    # a batch to try)
                    result[before[0]] = ("need", result[before[0]][1])
                result.append((kind, clause))
            if (
                direction is None
                and _ALSO_ASKED.match(sentence)
                and any(result[at][0] == "need" for at in previous)
            ):
                # «…нужны хлопкоуборочные машины, сервис и запчасти; также капельное орошение
                # под плёнкой на 1000 га»: what «также» adds to a need is asked too (round 38)
                for at in range(start, len(result)):
                    kind, clause = result[at]
                    if kind == "offer" and not any(word in clause for word in OFFERING_WORDS):
                        result[at] = ("need", clause)
            previous = list(range(start, len(result)))
        return result

    def refused(self, texts: Mapping[str, str]) -> frozenset[str]:
        """Headings the texts say are not wanted from anyone: a denied need («Кокс и полукокс
        не закупаем», 不需要进口面粉, 不收马肉, «Ұн керек емес») or goods got at home (原料收购伊犁
        本地苹果, «берём у местных производителей»). Only goods named by an everyday name."""
        found: set[str] = set()
        for language, text in texts.items():
            text = _normalize(text)
            denying = _KK_DENIED_NEED if language == "kk" else NEGATED
            if not denying.search(text) and not _LOCAL_SOURCE.search(text):
                continue  # most texts deny nothing: no need to split them
            for sentence in _SENTENCE.split(text):
                parts = [sentence] if language == "kk" else _PARTS.split(sentence)
                for at, part in enumerate(parts):
                    if language == "kk":
                        denied = _KK_DENIED_NEED.search(part) is not None
                    else:
                        denial = NEGATED.search(part)
                        denied = denial is not None and not _SELLING_DENIED.search(denial.group())
                    if not denied and not _LOCAL_SOURCE.search(part):
                        continue
                    if at and denied and _BARE_DENIAL.fullmatch(part.strip()):
                        part = parts[at - 1]  # 矿泉水和饮料本地货很多，暂不需要
                    found.update(
                        code
                        for code, (score, _) in self.headings(part, language).items()
                        if score >= DIRECT_SCORE
                    )
        return frozenset(found)

    def in_title(self, word: str, heading: str, language: str) -> bool:
        """Whether a word of a text is a term of the heading's title, by stem («арматуру» is in
        8481's «…аналогичная арматура для трубопроводов»); Cyrillic and Latin words only."""
        index = self._terms.get(language)
        if not index or language == "zh":
            return False
        word = _normalize(word)
        return any(
            heading in entry[1]
            for length in range(min(STEM_MAX, len(word)), 3, -1)
            if (entry := index.get(word[:length])) is not None
        )


# What capital is asked for is no goods asked for: «ищем инвестиции в цех переработки
# винограда» buys no grapes, "seeking investment in a dairy" no milk; 寻求服装、针织企业投资入驻
# (garment and knitwear firms to invest and move in) buys no garments. Russian and English: the
# rest of the part after an investment word and its preposition; Chinese: a part that asks for
# investment, firms to move in or a joint venture names no goods it buys. «Ищем инвестора и
# поставщика солнечных панелей» still asks for the panels.
_INVESTED_IN = {
    "ru": re.compile(r"инвести[^\W\d_]*\s+(?:в|во|на|под)\s.*$"),
    "en": re.compile(r"invest[^\W\d_]*\s+(?:in|into|for)\s.*$"),
}
_HAN_CAPITAL = re.compile(r"投资|入驻|招商|引资|融资|合资")


# The crop an area is sown to is the land a request is for, not goods it asks for: «сатып
# аламыз, 1 800 га мақтаға» (drip tape for 1,800 ha of cotton), «для 500 га хлопчатника»,
# 为1800亩棉花 (what it grows is read where it says so, not here).
_AREA_CROP = re.compile(
    r"\d[\d\s.,]*\s*(?:тыс\.?\s*|мың\s+)?(?:га|гектар[^\W\d_]*|ha|hectares?|acres?)"
    r"(?![^\W\d_])\s+[^\W\d_]+"
    r"|\d[\d.,]*\s*万?(?:亩|公顷)[\u4e00-\u9fff]{1,2}"
)


# What one heard of: «Қытайдың шағын комбайндары батпақ алқапқа ыңғайлы деп естідік» (round 35:
# coulee's rice farm), «слышали, что китайские сеялки дешевле», 听说新疆的滴灌很好
_HEARSAY = re.compile(
    r"(?<![^\W\d_])деп\s+(?:естідік|естідім|естиміз|естіп)|(?<![^\W\d_])(?:мы\s+)?слышали"
    r"|(?<![^\W\d_])по\s+слухам(?![^\W\d_])|听说|据说|(?<![a-z])we\s+heard(?![a-z])"
)

# Goods a buyer says it gets at home are no need for the other side: «Цемент и арматуру берём у
# местных заводов», «жергілікті зауыттан аламыз», 水泥从本地厂家采购, "we buy cement locally".
# goods one has enough of at home are neither offered nor asked: «Яблок своих хватает» (round 50:
# hollow's fruit wholesaler buys citrus, not apples), «своего зерна достаточно», 本地苹果够用
_OWN_ENOUGH = (
    r"(?<![^\W\d_])(?:сво(?:их|его|ей|и)\s+(?:[^\W\d_]+\s+)?(?:хвата|достаточн)"
    r"|(?:хвата|достаточн)[^\W\d_]*\s+сво(?:их|его|ей|и)(?![^\W\d_]))"
    r"|(?:本地|当地|自己的|自产)[\u4e00-\u9fff]{0,4}(?:够用|足够|充足)"
)
_LOCAL_SOURCE = re.compile(
    _OWN_ENOUGH + "|"
    r"(?<![^\W\d_])(?:у|от)\s+местн[^\W\d_]*\s+(?:завод|производител|поставщик|фабрик|компани)"
    r"|(?<![^\W\d_])жергілікті\s+(?:зауыт|өндіруш|жеткізуш|кәсіпорын)"
    r"|(?:从|向)(?:本地|当地)[\u4e00-\u9fff]{0,4}(?:采购|进货|购买)|(?:本地|当地)采购"
    # 原料收购伊犁本地苹果 (round 36: graben's juice plant buys local apples)
    r"|(?:收购|采购|购买)[\u4e00-\u9fff]{0,4}?(?:本地|当地)"
    # 阀门等物资均在疆内采购，暂无进口需求 (round 35: spit's oilfield buys at home)
    r"|(?:疆内|区内|国内|境内)(?:采购|购买|进货)|(?:暂)?无进口需求|不需要进口"
    # made in-house: «литьё и поковки делаем сами» (spit's valve plant asks for no castings)
    r"|(?<![^\W\d_])(?:делаем|производим|изготавливаем|выпускаем)\s+сами(?![^\W\d_])"
    r"|(?<![^\W\d_])сами\s+(?:делаем|производим|изготавливаем)"
    r"|(?<![^\W\d_])өзіміз\s+(?:жасаймыз|шығарамыз|өндіреміз)"
    r"|(?<![a-z])(?:locally|from local (?:plants|suppliers|producers|mills))"
)
_OWN_ENOUGH_RE = re.compile(_OWN_ENOUGH)
# spare parts named as such, of no machine or vehicle (`HeadingLexicon.named`)
_BARE_PARTS = frozenset({"запчасти", "запасные части", "spare parts", "配件", "零配件"})


def _without_areas(clause: str) -> str:
    return _AREA_CROP.sub(" ", clause)


# What a process works on, in a part that asks for know-how, is no goods asked for: «технология
# выращивания хлопка», «опыт переработки томатов», «балық өсіру технологиясы», 需要盐碱水养鱼的
# 技术指导 (round 35: coulee's fish farm asked for fingerlings and for know-how, not for the fish
# it raises). Read in the parts that ask only: «выращиваем хлопок» still offers cotton.
_PROCESSED: dict[str, re.Pattern[str]] = {
    "ru": re.compile(
        r"(?<![^\W\d_])((?:выращивани|переработк|разведени|возделывани|хранени|сушк|обработк"
        r"|производств|откорм)[^\W\d_]*)\s+(?:[^\W\d_]+(?:ой|ей|ого|его|ых|их)\s+)?[^\W\d_]+"
    ),
    "kk": re.compile(
        r"(?<![^\W\d_])[^\W\d_]+\s+(?=(?:өсіру|өңдеу|сақтау|кептіру)[^\W\d_]*(?![^\W\d_]))"
    ),
    "zh": re.compile(
        r"(?:养|种)(?=[\u4e00-\u9fff]{1,3}的?(?:技术|经验|指导|培训))[\u4e00-\u9fff]{1,3}"
        r"|(?:(?![和及与、])[\u4e00-\u9fff]){1,4}(?:种植|养殖|栽培|加工|饲养|育苗|烘干|保鲜|储存)"
        r"(?=的?(?:技术|经验|指导|培训))"
    ),
    "en": re.compile(
        r"(?<![a-z])(?:growing|processing|breeding|farming|drying|storage)\s+(?:of\s+)?[a-z\-]+"
        r"|(?<![a-z])[a-z\-]+\s+(?=(?:processing|growing|farming|breeding|drying|storage)\s+"
        r"(?:technolog|know-how|experience|equipment|machin|lines?))"
    ),
}


_KNOW_HOW = re.compile(
    r"технолог|опыт|консульт|ноу-хау|обучени|методик|тәжірибе|кеңес|оқыт|技术|经验|指导|培训"
    r"|know-how|technolog|experience|training|advice"
)


def _without_processed(clause: str, language: str) -> str:
    pattern = _PROCESSED.get(language)
    if pattern is None or not _KNOW_HOW.search(clause):
        return clause  # a machine's name may hold what it works on («установка по переработке
        # нефтешлама» is 8479)
    # the process word stays (it names machines: «оборудование для переработки»)
    return pattern.sub(lambda m: f" {m.group(1) or ''} " if pattern.groups else " ", clause)


def _without_invested(clause: str, language: str) -> str:
    """A part that asks, without what it asks capital for (`_INVESTED_IN`)."""
    if language == "zh":
        return "" if _HAN_CAPITAL.search(clause) else clause
    pattern = _INVESTED_IN.get(language)
    return clause if pattern is None else pattern.sub("", clause)


# The goods that name a shop (its kind, as 服装店 in Chinese: `HAN_MODIFIED_BY`) are no goods it
# asks for or sells: «Ұлттық киімдер мен бас киімдер дүкені» (a shop of national clothing and
# headwear), «Магазин автозапчастей и масел»; what it buys is named where it asks («ақ
# қалпақтар… сатып аламыз»). Kazakh puts the goods before «дүкен»; Russian after «магазин» that
# opens its part (the shop's own name, not «закупаем для магазинов ковры»).
_KK_SHOP = re.compile(r"^.*?(?:(?=(?<![^\W\d_])дүкен)|(?<![^\W\d_])дүңгіршег[^\W\d_]*)")
_RU_SHOP = re.compile(r"^\s*(?:сеть\s+)?[^\W\d_]*(?:магазин|маркет)[^,:;«»]*")


# Fruit or vegetables frozen next to their name (速冻沙棘, 沙棘果速冻) are frozen fruit (0811) or
# vegetables (0710), not fresh ones.
_FROZEN_AS = {
    **{f"08{n:02d}": "0811" for n in range(1, 11)},
    **{f"07{n:02d}": "0710" for n in range(1, 10)},
}


# Words that freeze (Russian, Kazakh, English): «замороженная», «свежемороженая», «заморозка»,
# «мұздатылған», «мұздатамыз», "frozen", "IQF"
_FREEZING = re.compile(r"заморо[зж]|замораж|морожен|мұздат|frozen|(?<![^\W\d_])iqf(?![^\W\d_])")


def _frozen(
    found: dict[str, tuple[float, tuple[str, ...]]], clause: str
) -> dict[str, tuple[float, tuple[str, ...]]]:
    result: dict[str, tuple[float, tuple[str, ...]]] = {}
    for code, (value, words) in found.items():
        frozen = code in _FROZEN_AS and any(
            re.search(
                rf"(?:速冻|冷冻)[^，,。、]{{0,2}}{re.escape(w)}|{re.escape(w)}[^，,。、]{{0,2}}(?:速冻|冷冻)",
                clause,
            )
            for w in words
        )
        key = _FROZEN_AS[code] if frozen else code
        if key not in result or result[key][0] < value:
            result[key] = (value, words)
    return result


def _without_shop(clause: str, language: str) -> str:
    if language == "kk" and ("дүкен" in clause or "дүңгіршег" in clause):
        # a kiosk (дүңгіршек) is the shop itself, no prefabricated building (9406)
        return _KK_SHOP.sub("", clause, count=1)
    if language == "ru" and ("магазин" in clause or "маркет" in clause):
        return _RU_SHOP.sub(" ", clause, count=1)
    return clause


# Words that, opening a part of a sentence after a comma, make it an offer again («收购牛皮，加工
# 成品皮革»; «Закупаем кожу, производим обувь»).
OFFERING_WORDS: tuple[str, ...] = (
    "продаем",
    # we want to sell, to export: «Хотим продавать мёд в Китай — нужна регистрация в GACC»
    # (round 47: hamada's apiary asked for its own honey)
    "продавать",
    "экспортировать",
    "реализуем",
    "производим",
    "выпускаем",
    "предлагаем",
    "экспортируем",
    "поставляем",
    "выращиваем",
    "перерабатываем",
    "出售",
    "销售",
    "供应",
    # supplies (带式输送机、输送带的供货与安装)
    "供货",
    "生产",
    "加工",
    "出口",
    "提供",
    "we sell",
    "we offer",
    "we produce",
    "we export",
    "we supply",
)
# Words that say the goods are sold (not made or worked: a tannery's «выделка овчины», 加工番茄
# name inputs): what a sentence with one of them offers is for sale.
SELLING_WORDS: tuple[str, ...] = (
    "продаем",
    "продаём",
    "реализуем",
    "предлагаем",
    "экспортируем",
    "поставляем",
    "сатамыз",
    "ұсынамыз",
    "экспорттаймыз",
    # buyers sought for goods: «ищем покупателей в Китае на муку и отруби» (round 39: arroyo)
    "ищем покупател",
    # «Хотим продавать мёд в Китай» beside a declared 0410 (round 47: hamada's apiary)
    "хотим продавать",
    "хотим экспортировать",
    "сатқымыз кел",
    "出售",
    "销售",
    "供应",
    "供货",
    "出口",
    "we sell",
    "we offer",
    "we export",
    "we supply",
)
# Kazakh verbs of selling or making, which close what the organization offers.
KK_OFFERING_WORDS: tuple[str, ...] = (
    "сатамыз",
    "ұсынамыз",
    "өндіреміз",
    "шығарамыз",
    "экспорттаймыз",
    "жасаймыз",
    "өсіреміз",
    "дайындаймыз",
    # we want to sell, to export: «Қытайға сатқымыз келеді», «Қытайға бал экспорттағымыз
    # келеді» (not asked for by the «керек» of the clause after it)
    "сатқымыз кел",
    "экспорттағымыз кел",
    "экспорттауға дайын",
)
# Negative forms of the Kazakh verbs of selling and making (we do not sell, produce, export).
KK_NEGATED_OFFERING: tuple[str, ...] = ("сатпаймыз", "өндірмейміз", "экспорттамаймыз")
KK_ASKING_WORDS: tuple[str, ...] = (
    "сатып ал",
    "іздейміз",
    "қажет",
    "керек",
    "импорттаймыз",
    # we want to get: «балалар киімін тікелей алғымыз келеді»
    "алғымыз кел",
    # we take (buy), bring in, order, keep buying, are ready to buy, are looking for
    "аламыз",
    "әкелеміз",
    # we bring (it) in: «Қытайдан алма, қызанақ … алып келеміз» (a bazaar; graben)
    "алып келеміз",
    "алып келемиз",
    # we have (it) brought, we order it in: «Қытайдан Хами қауынын … алдырамыз» (round 45:
    # arroyo's bazaar)
    "алдырамыз",
    "алдыртамыз",
    "тапсырыс бер",
    "алып отырамыз",
    "алуға дайын",
    "іздеп жүр",
)
# «жеткізе аламыз» (we can deliver): a verb before «аламыз» makes it "can", not "buy"
_KK_CAN = re.compile(
    r"(?:жеткізе|ұсына|бере|сата|өндіре|шығара|ете|орындай|тасымалдай|дайындай|жасай|тіге|"
    r"өсіре|экспорттай|ала)\s+$"
)
# 想进 (a shop wants to stock) asks, but not in 想进入 (want to enter a market) or 想进一步 (want
# to go further; 想进一批, a batch, asks).
# «Хотим агродроны 2-3 шт»: we want goods (a noun follows; «хотим экспортировать», a verb, asks
# for nothing)
_WANT_TO_STOCK = re.compile(
    r"(?:想|要)进(?![入行]|一步)|想试试|(?<![^\W\d_])хотим\s+(?![^\W\d_]*(?:ть|ти|чь)(?:ся)?(?![^\W\d_]))(?=[^\W\d_])"
    # "we want automatic cleaning robots" (not "we want to export")
    r"|(?<![^\W\d_])we\s+want\s+(?!to(?![^\W\d_]))(?=[^\W\d_])"
)
_PLAIN_ASKING = tuple(word for word in ASKING_WORDS if word != "想进")
# a verb of buying whose object is only an amount: 想进一批, 订一些, 采购一点
_HAN_A_BATCH = re.compile(r"(?:进|订|采购|购买|买|拿)(?:一批|一些|一点|些|点|一车|一柜)")
_ASKING = re.compile(
    "|".join(
        [*(re.escape(word) for word in (*_PLAIN_ASKING, *KK_ASKING_WORDS)), _WANT_TO_STOCK.pattern]
    )
)


# A part of a sentence that denies buying or selling names neither a need nor an offer: «пшеница
# не нужна», «не закупаем», «бидай қажет емес», «сатып алмаймыз», 不需要, 无需, "not needed".
NEGATED = re.compile(
    r"(?<![^\W\d_])не\s+(?:нуж|ищ|закуп|покуп|приобрет|требу|интерес|импорт|прода|производ|"
    r"экспорт|постав|предлаг)|(?<![^\W\d_])нет\s+(?:потребност|необходимост)|"
    r"(?:不|无|没有|暂不|不再)(?:需要|需求|采购|收购|求购|购买|进口|出售|销售|供应|出口|收|用|使用|要)"
    r"|无需|"
    r"(?<![^\W\d_])(?:not|no longer)\s+(?:need|needed|buy|buying|looking|import|sell|selling)|"
    r"(?<![^\W\d_])(?:do|does|don't|doesn't)\s*(?:not\s+)?(?:need|buy|import|sell)(?![^\W\d_])|"
    r"(?<![^\W\d_])no\s+need"
)
# Kazakh denies after the verb: «қажет емес», «керек емес»; a verb's negative form (-ма/-ме/-ба/
# -бе/-па/-пе before -й-: «алмаймыз», «сатпаймыз»).
_KK_NOT_AFTER = re.compile(r"\s*емес(?![^\W\d_])")
# a Kazakh sentence that says goods are not needed or not bought (`HeadingLexicon.refused`)
_KK_DENIED_NEED = re.compile(
    r"(?:керек|қажет)\s+емес(?![^\W\d_])|(?<![^\W\d_])(?:сатып\s+)?алмаймыз(?![^\W\d_])"
)
_KK_NEGATIVE_VERB = re.compile(r"^(?:ма|ме|ба|бе|па|пе)й")


# Words of a part of a description that asks for a carrier, not for goods: what it names is the
# cargo or the carrier's vehicles («ищем перевозчика с рефрижераторами», «Қытайға бидай
# тасымалдау үшін астық вагондары мен теміржол операторы керек», 寻找发往科斯塔奈的公路货运车辆).
# A request item keeps its goods (a reefer carrier buying refrigerating units asks for them).
# Words of a request for transport that name neither a carrier nor a vehicle (rounds 22–23;
# `features` reads them too)
SHIPPING_WORDS: tuple[str, ...] = (
    # «Нужен оператор для отправки контейнерными поездами в Урумчи»: a rail operator
    "оператор для отправ",
    "контейнерными поезд",
    "контейнерным поезд",
    # «астық тасуға вагон керек» (wagons to carry grain), 需要发往阿拉木图的铁路集装箱 (rail
    # containers to Almaty)
    "тасуға",
    "тасу үшін",
    # «Қытайға жеткізу керек» (delivery to China needed; «жеткізуші», a supplier, is no carrier;
    # the asking word is cut off a Kazakh part, hence the space)
    "жеткізу ",
    "жеткізуге",
    "发往",
    # «Ищем карго до Астаны»: a cargo service (consolidated freight) is a carrier; «тандыр
    # сынғыш, абайлап тасу керек» (carry with care)
    "карго",
    " тасу",
    # «Ищем железнодорожного оператора для отправки в Урумчи»
    "железнодорожного оператор",
    "ж/д оператор",
    # «отгружать в Китай ж/д цистернами — ищем оператора цистерн» (a wagon operator; graben)
    "оператор цистерн",
    "оператора цистерн",
    "операторов цистерн",
    # 寻找…集装箱班列运营商 (a container-train operator; round 43: rognon's bus plant)
    "班列运营",
    "оператор вагон",
    "оператора вагон",
    "операторов вагон",
    # 需要铁路敞车发运 (rail open wagons to dispatch the goods)
    "发运",
)
# an insulated van so that birch sap does not freeze on the way: «нужен утеплённый фургон» asks
# for a carrier (and for a reefer: `features.ASKED_MODES`)
INSULATED_VANS = ("утеплённый фургон", "утепленный фургон", "изотермический фургон", "保温车")
CARRIER_WORDS: tuple[str, ...] = (
    *SHIPPING_WORDS,
    "перевозчик",
    "перевозк",
    "перевезт",
    "логист",
    "экспедитор",
    "фрахт",
    "тасымал",
    # «рефрижераторлы жүк көлігі керек»: a cargo vehicle asked for is a carrier
    "жүк көлі",
    "运输",
    "物流",
    "货代",
    "货运",
    # carried to, a full truckload: 需要整车运到塞米伊
    "运到",
    "运往",
    "整车",
    *INSULATED_VANS,
    "carrier",
    "transport",
    "logistic",
    "freight",
    "forwarder",
)


# A Kazakh word in the accusative (-ны/-ні/-ды/-ді/-ты/-ті; -н after a possessive): the object of
# the verb; «дейін» (as far as), «үшін» (for) end the same way and are none.
_KK_ACCUSATIVE = re.compile(r"(?:ны|ні|ды|ді|ты|ті|ын|ін)$")
_KK_POSTPOSITIONS = frozenset({"дейін", "үшін", "кейін", "бойын"})
# A Kazakh word in the dative (-ға/-ге/-қа/-ке, -на/-не after a possessive): what for.
_KK_DATIVE_END = re.compile(r"(?:ға|ге|қа|ке|на|не)$")


def _asks_for_carrier(clause: str, language: str = "") -> bool:
    ends = [match.end() for word in CARRIER_WORDS for match in re.finditer(re.escape(word), clause)]
    if not ends:
        return False
    if language == "kk":
        # Kazakh puts the object last, before the verb: after the vehicles, goods in the
        # accusative are what is asked for, and the vehicles what they are for («жүк көліктері
        # мен жеңіл көліктерге аккумуляторларды сатып аламыз»: batteries for trucks and cars);
        # vehicles in the dative are what the goods after them are for («жүк көліктеріне
        # қосалқы бөлшектер сатып аламыз»: spare parts for trucks)
        words = _WORD.findall(clause[max(ends) :])
        after = words[1:]
        if any(_KK_ACCUSATIVE.search(w) and w not in _KK_POSTPOSITIONS for w in after):
            return False
        if words and _KK_DATIVE_END.search(words[0]) and after:
            return False
    return True


# Who buys: a part that asks for them offers the goods it names («Ищем импортёров вина в
# Алматы», «ищем покупателей на мёд», 寻找葡萄酒进口商, "looking for importers of wine», «бал
# сатып алушы іздейміз»). Not partners nor suppliers: «ищем партнёров для закупки» buys.
_BUYERS_SOUGHT = {
    "ru": re.compile(
        r"(?:ищ[^\W\d_]*|нуж[^\W\d_]*|интересу[^\W\d_]*)\s+(?:[^\W\d_]+\s+)?"
        r"(?:покупател|импортер|дистрибь|дистрибут|дилер|оптовик|оптовых\s+покупател|"
        r"заказчик|рынк[^\W\d_]*\s+сбыт|сбыт)"
    ),
    "en": re.compile(
        r"(?:looking|seeking|search|want|need)[a-z]*\s+(?:for\s+)?(?:[a-z]+\s+)?"
        r"(?:importers?|buyers?|distributors?|dealers?|wholesalers?|customers?|clients?)\b"
    ),
    "zh": re.compile(r"进口商|经销商|代理商|分销商|买家|采购商|批发商|客商|客户|销路"),
    "kk": re.compile(r"сатып\s+алушы|импорттаушы|дистрибьютор|тұтынушы"),
}


# Kazakh words by which a sentence asks for goods itself, beside the buyers it seeks
_KK_OWN_ASKING = ("керек", "қажет", "сатып аламыз", "сатып алғымыз", "алдырамыз", "алдыртамыз")


def _seeks_buyers(clause: str, language: str) -> bool:
    pattern = _BUYERS_SOUGHT.get(language)
    return pattern is not None and pattern.search(clause) is not None


# Words of a part of a description that asks for people, not goods: buyers, partners, investors
# («ищем покупателей в Китае», 寻找合作伙伴, "looking for distributors").
PEOPLE_WORDS: tuple[str, ...] = (
    "покупател",
    # processors who would buy: «Ищем переработчиков в Китае» asks for buyers, not goods
    "переработчик",
    "processors",
    "партн",
    "инвест",
    "дистрибь",
    "дилер",
    "клиент",
    "сатып алушы",
    "серіктес",
    "客户",
    "客商",
    "买家",
    "采购商",
    "经销商",
    "代理",
    "伙伴",
    "投资",
    "buyer",
    "partner",
    "investor",
    "distributor",
    "dealer",
    "client",
    # staff sought: "looking for junior developers", «ищем программистов»
    "developer",
    "programmer",
    "разработчик",
    "программист",
    "сотрудник",
    "开发人员",
    "程序员",
)


def asks(texts: Mapping[str, str]) -> bool:
    """Whether a word of asking stands anywhere in the texts (no clause can ask without one)."""
    return any(_ASKING.search(_normalize(text)) for text in texts.values())


def asks_for_goods(texts: Mapping[str, str]) -> bool:
    """Whether a description asks for goods, named or not: «Закупаем светодиодные
    фитосветильники» asks even when no heading is named; a part that asks for a carrier or
    for people (buyers, partners, investors) does not."""
    for language, text in texts.items():
        text = _normalize(text)
        if not _ASKING.search(text):
            continue  # no word of asking: no clause asks
        for sentence in _SENTENCE.split(text):
            for direction, clause in _clauses(sentence, None, language):
                if (
                    direction == "need"
                    and _WORD.search(clause)
                    and not _asks_for_carrier(clause, language)
                    and not any(word in _BECOME_DEALER.sub(" ", clause) for word in PEOPLE_WORDS)
                ):
                    return True
    return False


# A wish to become another's dealer asks for its goods; the dealer named is oneself, no people
# sought: «Хотим стать официальным дилером завода из Аньхоя» (round 52: spur's car dealer)
_BECOME_DEALER = re.compile(
    r"стать\s+(?:[^\W\d_]+\s+)?(?:дилер|дистрибьют)[^\W\d_]*"
    r"|become\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+)?(?:dealer|distributor)s?"
)


def _first_asking(text: str) -> int:
    """Where the first word of asking (`ASKING_WORDS`) stands, or -1."""
    found = [at for word in _PLAIN_ASKING if (at := text.find(word)) >= 0]
    if stock := _WANT_TO_STOCK.search(text):
        found.append(stock.start())
    return min(found, default=-1)


# The part of a sentence before a verb of buying, offered unless the verb's own part names no
# goods (`HeadingLexicon.named` decides: it reads the lexicon).
_BEFORE_ASKING = "before-asking"


def _clauses(
    sentence: str, direction: str | None, language: str = "", *, tentative: bool = False
) -> list[tuple[str, str]]:
    """Each part of a sentence with its direction. `tentative`: the part before a verb of buying
    is `_BEFORE_ASKING` instead of offered (for `named`, which reads what the verb's part names)."""
    if direction is not None:
        return [(direction, sentence)]
    if language == "kk":
        return _kk_clauses(sentence)
    clauses: list[tuple[str, str]] = []
    state = "offer"
    denied, denial = False, ""
    for part in _PARTS.split(sentence):
        if NEGATED.search(part):
            denied, denial = True, part
            if (
                _BARE_DENIAL.fullmatch(part.strip())
                and clauses
                and clauses[-1][0] == "offer"
                and not any(word in clauses[-1][1] for word in OFFERING_WORDS)
            ):
                # 矿泉水和饮料本地货很多，暂不需要: the goods before a bare denial are denied
                clauses.pop()
            continue  # denied: names neither a need nor an offer
        if denied and _ONLY.match(part):
            # «не закупаем пшеницу, только ячмень», "we do not buy wheat, only barley"; after a
            # denied sale, what only is sold: "we don't sell raw cotton, only yarn", 只卖棉纱
            state = "offer" if _SELLING_DENIED.search(denial) else "need"
            clauses.append((state, part))
            continue
        denied = False
        opening = part.strip().removeprefix("мы ").removeprefix("we ").removeprefix("我们")
        if clauses and opening.startswith(OFFERING_WORDS):
            state = "offer"
        padded = f" {part} "
        if (
            (
                _QUANTITY_ASKED.fullmatch(part.strip())
                or _HAN_BARE_NEED.fullmatch(part.strip())
                or _SUPPLIER_ONLY.fullmatch(part)
                or _BARE_ASKING.fullmatch(part)
                or _BARE_SHORTAGE.fullmatch(part)
            )
            and clauses
            and clauses[-1][0] == "offer"
            and not any(word in clauses[-1][1] for word in OFFERING_WORDS)
        ):
            # 饲料里要加甜菜粕，每年需要几千吨: the amount asked is of the goods just named; so
            # are the goods that a part only says are bought in (一直从内地订) or sought a maker of;
            # a list before it is asked for whole («Коронки, штанги — расход очень большой»)
            at = len(clauses) - 1
            while (
                at >= 0
                and clauses[at][0] == "offer"
                and not any(word in clauses[at][1] for word in OFFERING_WORDS)
            ):
                clauses[at] = ("need", clauses[at][1])
                at -= 1
            state = "need"
            continue
        first = _first_asking(padded)
        if first < 0:
            clauses.append((state, part))
            continue
        if (
            _han_verb_last(padded, first)
            or _shortage_last(padded, first)
            or _predicate_need(padded, first)
        ):
            # 原料乳清粉长期依赖进口, «металлолома не хватает»: the goods stand before; so do
            # the goods listed before it when the list opens the sentence with no verb of its
            # own («Мука, сахар, растительное масло — берём регулярно»), unless a predicate in
            # the singular agrees with the last goods alone («…, отруби, комбикорм нужен»)
            if not padded.startswith(_SINGULAR_NEED, first) and all(
                state_ == "offer" and not any(word in clause for word in OFFERING_WORDS)
                for state_, clause in clauses
            ):
                clauses = [("need", clause) for _, clause in clauses]
            if not any(_is_han(char) for char in padded) and any(
                word in padded[:first] for word in OFFERING_WORDS
            ):
                # «Хотим продавать мёд в Китай — нужна регистрация»: what is sold stays offered,
                # the predicate asks for what follows it
                clauses.append(("offer", padded[:first]))
                clauses.append(("need", padded[first:]))
            else:
                clauses.append(("need", padded))
        elif _SUPPLIER_ONLY.fullmatch(padded[first:]) and not any(
            word in padded[:first] for word in OFFERING_WORDS
        ):
            # «Кетчуп и томатный соус уходят вёдрами — ищем производителя в Китае»: a maker of
            # the goods before is sought
            clauses.append(("need", padded))
        else:
            before = padded[:first]
            clauses.append(
                (
                    _BEFORE_ASKING
                    if tentative
                    and state == "offer"
                    and _WORD.search(before)
                    and not any(word in before for word in OFFERING_WORDS)
                    else state,
                    before,
                )
            )
            asked = padded[first:]
            # «закупаем зерно и продаём муку»: a verb of selling after «и» ends the request
            sold = _AND_SELLING.search(asked)
            if sold is None:
                clauses.append(("need", asked))
            else:
                clauses.append(("need", asked[: sold.start()]))
                clauses.append(("offer", asked[sold.start() :]))
                state = "offer"
                continue
        state = "need"
    if _LOCAL_BUYING.search(sentence) and _RESOLD.search(sentence):
        # 收购本地玉米…，可出口哈萨克斯坦: bought at home to be sold across the border
        return [("offer", clause) for _, clause in clauses]
    return clauses


# A trader that buys at home what it exports offers it: 收购本地玉米：爆裂玉米、玉米糁…，
# 可出口哈萨克斯坦; «закупаем у местных фермеров и экспортируем».
_LOCAL_BUYING = re.compile(
    r"收购(?:本地|当地|新疆|疆内|国内)|(?:本地|当地)收购|закупа[^\W\d_]*\s+у\s+местн"
    r"|(?:buying|buy|purchasing|purchase)\s+local"
)
_RESOLD = re.compile(r"出口|出售|销售|销往|卖到|运往|экспорт|export")


# Parts of a sentence: at its commas, but not a decimal comma («кабель 3х2,5»).
_PARTS = re.compile(r"(?<!\d)[,，]|[,，](?!\d)")
# A part that is only a verb of buying, after the goods: "Cement M500: 30 wagons a month, buying"
_BARE_ASKING = re.compile(
    r"[\s—–-]*(?:buying|we buy|will buy|купим|покупаем|закупаем|берем"
    r"|(?:想|要|愿意)?(?:直接)?(?:买|购买)(?:现成的?|成品的?)?)[\s.!。]*"
)
# A part that only says the goods before are short or used up fast: «Электроды, расход очень
# большой», «…, — не хватает», "…, in short supply".
_BARE_SHORTAGE = re.compile(
    r"[\s—–-]*(?:расход\s+(?:очень\s+)?большой|большой\s+расход|не\s+хватает|(?:в\s+)?дефицит[а-я]*"
    r"|(?:a\s+)?shortage|in\s+short\s+supply|scarce)[\s.!]*"
)
_SELLING_DENIED = re.compile(r"прода|экспорт|постав|sell|export|supply|出口|出售|销售|卖|供应")
# What is asked for after a denial: «…, только ячмень», "…, only barley", 只要新的
_ONLY = re.compile(r"\s*(?:только|лишь|only|just|只要|只收|只需要|只)")


# A request for a maker or supplier that names no goods of its own (a preposition, or nothing,
# after it): «ищем производителя в Китае», "looking for a supplier in China", 寻找生产厂家.
def without_denials(sentence: str) -> str:
    """A sentence without its parts that deny a need («Свои рефрижераторы есть, перевозчик не
    нужен», 不需要物流, «тасымалдаушы керек емес»): what is left asks what it asks."""
    return ",".join(
        part
        for part in _PARTS.split(sentence)
        if not NEGATED.search(part) and not _KK_DENIED_NEED.search(part)
    )


# a sentence that adds to the one before: «…; также капельное орошение», 另外还有…
_ALSO_ASKED = re.compile(r"\s*(?:а\s+)?(?:также|еще|плюс|кроме\s+того|сондай-ақ|also)\s")


# the suppliers or makers a part seeks (`named`: before a carrier asked in the same part)
_SUPPLIERS = re.compile(
    r"поставщик|производител|изготовител|жеткізуш|өндіруш|供应商|供货商|厂家|生产商|supplier"
    r"|manufacturer"
)
_SUPPLIER_ONLY = re.compile(
    r"[\W\d_]*(?:(?:постоянно|срочно|регулярно|также|тоже|сейчас|всегда)\s+)?"
    r"(?:ищем|ищет|нужен|нужны|требуется)\s+"
    r"(?:(?:надежн|прям|нов|постоянн|оптов|крупн)[^\W\d_]*\s+)*"
    r"(?:поставщик|производител|партнер|завод|фабрик|изготовител)[^\W\d_]*"
    r"(?:[-\s](?:производител|изготовител)[^\W\d_]*)?"
    r"(?:\s+(?:в|из|на|с|у|от|по|для|напрямую)(?:\s[^\W\d_\s]+){0,3})?"
    # «Ищем завод-изготовителя, можно из Китая»
    r"(?:\s*,\s*(?:можно|желательно|лучше|в том числе)\s+(?:из|в)\s+[^\W\d_\s]+)?\s*"
    r"|\s*(?:looking for|we need|sourcing|seeking)\s+(?:(?:a|an|new|reliable|direct)\s+)*"
    r"(?:[^\W\d_]+\s+)?"
    r"(?:suppliers?|manufacturers?|producers?|factory|factories|makers?)"
    r"(?:\s+(?:in|from|at|directly)(?:\s[^\W\d_\s]+){0,3})?\s*"
    r"|\s*想?(?:寻找|需要|寻求|找|求)(?:哈萨克斯坦|中亚|国外|俄罗斯|哈方|中方)?"
    r"(?:可靠|稳定|长期|优质|合作|源头)?的?"
    r"(?:供应商|供货商|厂家|生产厂家|工厂|货源)(?:直供|合作)?\s*"
)


_AND_SELLING = re.compile(
    r"\s(?:и|and|а)\s+(?:мы\s+|we\s+)?(?:" + "|".join(re.escape(w) for w in OFFERING_WORDS) + ")"
)


# A part that asks for an amount only, after a part naming goods: 每年需要几千吨, 每月需要20吨,
# «ежегодно нужно 500 тонн» (the goods are the previous part's).
_QUANTITY_ASKED = re.compile(
    r"(?:每年|每月|每季|每周|每天|全年|一年|常年|年|月|ежегодно|ежемесячно|в год|в месяц)?\s*"
    r"(?:需要|需求|нужно|нужны|требуется|(?<=[年月季周天])(?:要用|用|消耗|使用))(?:量)?\s*"
    r"(?:约|大约|近|上|超过|около|до|от)?\s*"
    r"[\d几数一二三四五六七八九十百千万余多.,\s]+"
    r"(?:吨|公斤|千克|头|只|箱|车|立方米?|方|件|台|套|т|тонн\w*|кг)"
    r"\s*(?:左右|以上|及以上|в год|в месяц)?\s*"
)


# Seeds of a list are seeds of each: 洋葱、甘蓝、辣椒种子 are onion, cabbage and pepper seeds,
# no onions; «көкөніс тұқымдарын (пияз, бұрыш)», «семена овощей (лук, морковь)» too.
_HAN_SEED_LIST = re.compile(r"((?:[\u4e00-\u9fff]{1,4}、)+[\u4e00-\u9fff]{1,4})(种子|种苗)")
_RU_DRIED_PAIR = re.compile(
    r"(?<![^\W\d_])(сушен[^\W\d_]*|вялен[^\W\d_]*)\s+([^\W\d_]+)\s+и\s+(?=[^\W\d_])"
)
_SEEDS_OF = re.compile(
    r"((?<![^\W\d_])(?:тұқым|семен|семян|семена)[^\W\d_\s]*(?:\s+[^\W\d_\s(]+)?)\s*\([^)]*\)"
)


# What an organization works with is no goods it sells: 有冷库 (it has a cold store), 自有仓库.
_HAN_OWN_FACILITY = re.compile(
    r"(?:有|拥有|自有|自建)(?:自己的)?(?:冷库|仓库|冷链|车队|场地|厂房|[^，,。；;]{0,6}基地)"
    # a store of a capacity is its own: 合作社+冷库3万吨, 气调冷库2万吨 (round 38: hum's apple
    # cooperative offered no refrigerating equipment)
    r"|(?:气调)?(?:冷库|仓库|库容)\s*[\d.一二三四五六七八九十两]+\s*万?\s*(?:吨|立方|平方米)"
    # a store sought where the goods go is storage, a service (`services.csv` 5210):
    # 需要在哈萨克斯坦南部找冷库 (round 45: barchan's kiwi exporter asked for no refrigerating
    # equipment)
    r"|(?:找|寻找|租|租用|租赁)(?:一个|一家)?(?:冷库|仓库)(?![设板工机])"
)
# «纯棉» (all cotton) before goods is their material: 纯棉帆布袋 are bags, 纯棉文化衫 T-shirts
# (纯棉布, 纯棉纱 stay cotton cloth and yarn).
_HAN_ALL_COTTON = re.compile(r"(?:纯棉|全棉)(?=[\u4e00-\u9fff])(?![布面纱线])")
# A shape or type is no goods: 蘑菇型 (mushroom-shaped popcorn) holds no mushrooms (铝型材 and
# 型钢 stay).
_HAN_SHAPED = re.compile(
    r"[\u4e00-\u9fff]{1,2}型(?![材钢号])"
    # a grade named for what it is made into: 聚乙烯（滴灌带级、管材级、薄膜级） sells resin, not
    # drip tape, pipes or film (round 38: hum's polyethylene seller)
    r"|[\u4e00-\u9fff]{2,3}级"
)
# What a part made with («用本地加工番茄», 采用新疆棉, 以甜菜为原料, 鲜奶加工成, 橡木桶陈酿,
# 喷雾干燥) is an input or a process: a tomato plant that uses local tomatoes
# sells no tomatoes, a winery that ages in oak sells no casks, a spray-dried powder no sprayers.
_HAN_USING = re.compile(
    r"(?:(?:^|(?<=[，,：:。；;（(]))用(?:本地|当地|新疆|优质|进口|国产|新鲜)+加工[^，,。；;）)：:（(]*"
    r"|(?:^|(?<=[，,：:。；;（(]))(?:采用|选用|利用|用)(?![于途户量品工])"
    r"[^，,。；;）)：:（(]*?(?=加工|生产|酿造|制作|制成|做成|压榨|榨|[，,。；;）)：:（(]|$)"
    r"|以[^，,。；;]{1,14}为(?:主要)?原料|[\u4e00-\u9fff]{1,4}(?=加工成|制成|做成|酿成|榨成)"
    r"|在?(?:橡木桶|木桶|橡木)中?(?:陈酿|储存|发酵)|(?:喷雾|冷冻|真空)干燥"
    # a parenthesis that ends with 用 says what the goods are for: （橱柜门板真空覆膜用）
    r"|[（(][^）)]*用[）)]"
    # what a packaging plant packs is its customers' goods: 香梨包装厂 makes boxes, not pears
    r"|[\u4e00-\u9fff]{1,4}(?=包装(?:厂|公司|材料))"
    r")"
)


# A sentence about what was done once and is done no more names nothing offered or asked:
# 以前做过哈萨克斯坦蜂蜜进口，现在不做了 (round 36: swale's raisin plant), «(До 2015 г. …
# перерабатывали тростниковый сахар-сырец, сейчас нет.)»
_NO_LONGER = re.compile(
    r"现在不|如今不|已经不|不再|已停|停止了"
    r"|(?<![^\W\d_])(?:сейчас\s+нет|больше\s+не|уже\s+не|теперь\s+не|прекратил)"
    r"|(?<![^\W\d_])(?:қазір\s+жоқ|енді\s+жоқ)"
    r"|(?<![a-z])(?:no longer|not any more|not anymore|stopped)"
)
_PAST = re.compile(
    r"以前|过去|曾经|之前|早年"
    r"|(?<![^\W\d_])(?:раньше|ранее|прежде|когда-то|в\s+прошлом|до\s+(?:19|20)\d\d)"
    r"|(?<![^\W\d_])(?:бұрын|бұрындары)(?![^\W\d_])"
    r"|(?<![a-z])(?:previously|formerly|in the past|used to|until (?:19|20)\d\d)"
)


def _without_past(text: str) -> str:
    """The text without its sentences that tell of the past and say it is over."""
    sentences = _SENTENCE.split(text)
    over: set[int] = set()
    for at, sentence in enumerate(sentences):
        if not _NO_LONGER.search(sentence.lower()):
            continue
        if _PAST.search(sentence.lower()):
            over.add(at)
        elif at and _PAST.search(sentences[at - 1].lower()) and len(sentences[at - 1]) < 20:
            over |= {at - 1, at}  # «(До 2015 г.» is cut off its sentence by the dot of «г.»
    kept = [sentence for at, sentence in enumerate(sentences) if at not in over]
    return "。".join(kept) if any(_is_han(c) for c in text[:50]) else ". ".join(kept)


# The crops of the farms it supplies, in brackets after them: «Поставка удобрений хозяйствам
# Жетысу (свёкла, соя, кукуруза, сады)» (round 36: graben's fertilizer dealer asks for no soy)
_CUSTOMERS_CROPS = re.compile(
    r"(?i)(?<![^\W\d_])(?:хозяйствам|фермерам|фермам|садоводам|аграриям|агрохолдингам"
    r"|клиентам)(?:\s+[^\W\d_()]+){0,2}\s*\([^)]*\)"
)
# What a plant processes is its input, not goods it sells: «перерабатываем местную сахарную
# свёклу», «перерабатываем хлопковые семена» (up to three words, not past «и» or punctuation).
_RU_WORKED = (
    r"(?<![^\W\d_])(?:перерабатыва|сушим|коптим|мелем|выделыва|прессуем|отжимаем)"
    r"[^\W\d_]*(?:\s+(?!и\s)[^\W\d_\s]+){1,3}"
)
# Words around goods that name none, per language (read before the names and the titles):
# - ru: what a plant processes (`_RU_WORKED`); a material after «из» (an adjective and its noun,
#   or one word: «из местной шерсти производим войлок», «шкафы из ЛДСП»); its customers («в
#   супермаркеты и рестораны»);
# - kk: what goods are for («тракторларға арналған»), what the organization has («тоңазытқыш
#   қоймамыз бар»), a shape («саңырауқұлақ тәрізді»), bottling («бөтелкеге құйып»), what it
#   processes («сүтті өңдеп»);
# - en: what is processed or pressed into the goods, what they are made from, its own fleet or
#   store, its customers ("for bakeries", "supply supermarkets with").
# «КРС» is cattle («крупный рогатый скот»), but at an oilfield a well workover («капитальный
# ремонт скважин»): a part that names wells, fracturing, sidetracks or crews names no cattle.
_WELL_WORDS = re.compile(r"скважин|(?<![^\W\d_])(?:грп|збс|прс)(?![^\W\d_])|бригад|подъемник")
_WORKOVER = re.compile(r"(?<![^\W\d_])крс(?![^\W\d_])")

# A share before a word names what something is made of, not goods: «ткань, 100% хлопок»,
# «80% жүн», "65% polyester 35% cotton" (a fabric, not cotton lint).
_SHARE_OF = r"|(?<![\d.,])\d{1,3}(?:[.,]\d+)?\s*%\s*[^\W\d_]+"

_NOT_GOODS = {
    "ru": re.compile(
        _RU_WORKED + r"|(?<![^\W\d_])из\s+(?:[^\W\d_]+(?:ой|ей|ого|его|ых|их)\s+)?[^\W\d_]+"
        # a store of a capacity is its own: «холодильники на 5000 т», «склад-холодильник на 3 000 т»
        # (one asked for, «нужен холодильник на 2 000 т», is still asked)
        r"|(?:склад-холодильник[^\W\d_]*|холодильники)\s+(?:на|емкостью|вместимостью|объемом)"
        r"\s+[\d\s.,]+"
        r"\s*(?:т|тонн|тыс)(?![^\W\d_])"
        r"|(?<![^\W\d_])в\s+(?:супермаркет|ресторан|магазин|кафе|гостиниц|отел|столов)"
        r"[^\W\d_]*(?:\s+(?:и|,)\s*[^\W\d_]+)*"
        # a grower's own greenhouses: «тепличный комплекс» sells vegetables, no greenhouses
        r"|теплич[^\W\d_]*\s+(?:комплекс|хозяйств|комбинат)[^\W\d_]*"
        # turnkey: «бурение под ключ» names no drill tongs («ключи буровые»)
        r"|(?<![^\W\d_])под\s+ключ(?![^\W\d_])"
        # power lines of a voltage are no nets: «сети 0,4-110 кВ», «электрические сети»
        # (round 40: arroyo's grid company)
        r"|(?<![^\W\d_])(?:электрическ[^\W\d_]*\s+|распределительн[^\W\d_]*\s+)?сет(?:и|ей|ям|ях)"
        r"\s+(?:[\d\s,./–-]+\s*кв|электроснабжени)(?![^\W\d_])"
        r"|(?<![^\W\d_])(?:электрическ|распределительн)[^\W\d_]*\s+сет[^\W\d_]*"
        # how it ships is no goods: «отгрузка в вагоны-цементовозы», «грузим в вагоны»
        r"|(?:отгруз|погруз|грузим|грузить)[^\W\d_]*\s+в\s+"
        r"(?:вагон|фур|контейнер|цистерн|полувагон|хоппер)[^\W\d_]*(?:-[^\W\d_]+)?" + _SHARE_OF
    ),
    "kk": re.compile(
        r"[^\W\d_]+(?:ға|ге|қа|ке|на|не)\s+арналған"
        r"|(?:[^\W\d_]+\s+)?[^\W\d_]+(?:мыз|міз)\s+бар(?![^\W\d_])"
        r"|[^\W\d_]+\s+тәрізді"
        r"|бөтелке[^\W\d_]*\s+құй[^\W\d_]*"
        r"|[^\W\d_]+\s+(?:қайта\s+)?өңде(?:п|йміз|у)(?![^\W\d_])"
        # a noun in the ablative before another word is a source or a material: «жергілікті
        # бидайдан макарон», «Қытайдан аламыз»; not the adverb «өздігінен» (by itself), which
        # begins names: «өздігінен қызатын күріш» (self-heating rice), «өздігінен аударғыш»
        r"|(?<![^\W\d_])(?!өздігінен)[^\W\d_]+(?:дан|ден|тан|тен|нан|нен)(?=\s+[^\W\d_])"
        # a grower's own greenhouses: «жылыжай кешені» sells vegetables, no greenhouses
        r"|жылыжай\s+(?:кешен|шаруашылығ)[^\W\d_]*"
        # land that turned salty («жер тұзданды», «тұзданған топырақ») is no salt
        r"|(?<![^\W\d_])тұзда[^\W\d_]*"
        # «шынжыр табанды комбайн» is a tracked combine, no bream (табан) (round 35: coulee)
        r"|(?<![^\W\d_])шынжыр\s+табанды(?![^\W\d_])"
        # the crop a machine harvests or sows is no goods: «күріш орағыш комбайн», «мақта
        # жинайтын машина»
        r"|(?<![^\W\d_])[^\W\d_]+\s+(?=(?:орағыш|жинағыш|жинайтын|сепкіш|себетін|отырғызғыш)"
        r"(?![^\W\d_]))" + _SHARE_OF
    ),
    "en": re.compile(
        r"(?:process|processes|processed|press|presses|pressed|turn|turns)\s+"
        r"(?:[a-z\-]+\s+){1,3}?into"
        r"|(?:[a-z\-]+\s+){1,3}(?:is|are)\s+processed\s+into"
        r"|(?:made|produced)\s+(?:from|of)\s+(?:[a-z\-]+\s*){1,3}"
        r"|(?:our|own)\s+(?:fleet|cold store|warehouse)(?:\s+of\s+(?:\d+\s+)?[a-z]+)?"
        r"|for\s+(?:bakeries|restaurants|supermarkets|hotels|shops|stores|cafes|retailers)"
        r"|supply\s+(?:supermarkets|restaurants|hotels|shops|stores|retailers)\s+with"
        # what a plant works with: "bakery with Italian ovens" sells no ovens
        r"|with\s+(?:[a-z\-]+\s+){0,2}(?:ovens?|kilns?|furnaces?|equipment|machines?|machinery"
        r"|lines?)(?![a-z])"
        # a mode of delivery is no vehicle: "delivery by rail" asks for no locomotive
        r"|by\s+(?:rail|road|truck|trucks|sea|air)(?![a-z])"
        # a plant that cracks gas is no biscuit: "ethane cracker" (round 38: lunette)
        r"|(?:ethane|steam|naphtha|gas|catalytic|hydro)\s*-?\s*crack[a-z]*" + _SHARE_OF
    ),
}


# What a firm serves is its customers: 服务和田红枣、核桃园节水灌溉 (drip irrigation for jujube
# and walnut orchards) sells no jujubes and no walnuts; 提供技术服务和配件 still sells parts.
_HAN_SERVES = re.compile(
    # (a 服务公司 is a service company: 矿山设备服务公司：输送带、托辊的供货 supplies belts)
    r"(?:服务于|服务(?!公司|中心|站|部|有限|商))[^，,。；;]{0,12}?"
    r"(?:园|田|厂|企业|公司|农户|种植户|农场|牧场)[^，,。；;]*"
    # goods rented out are a service, not goods sold: 艾德莱斯裙出租, 设备租赁 (出租车 is a taxi)
    r"|[^，,。；;、]*(?:出租(?!车)|租赁)[^，,。；;、]*"
    # a share before a fibre: 65%涤35%棉 is a fabric's make-up
    r"|\d{1,3}%\s*[\u4e00-\u9fff]"
    # a procedure done for others is a service, its goods none: 代办进口食品境外生产企业注册,
    # 动植物检疫审批 (a customs broker's, naming no animal or vegetable goods)
    r"|[^，,。；;、]*(?:代办|检疫审批|审批手续|企业注册)[^，,。；;、]*"
)

# Mills and brands named as customers are no goods: 寻找哈萨克斯坦针织厂、服装厂和工装厂客户 (a
# yarn maker looking for knitting, garment and workwear factories) sells no garments.
_HAN_CUSTOMER_MILLS = re.compile(
    r"(?:[\u4e00-\u9fff]{1,3}(?:厂|工厂|企业|品牌)[、和及与]?)+等?(?:客户|用户|买家|采购商)"
    # and after a verb of supplying: 供应国内服装品牌 (supplies garment brands)
    r"|(?:供应|供给|销往|卖给|面向)(?:国内|本地|当地|内地|全国|全疆)?"
    r"(?:[\u4e00-\u9fff]{1,3}(?:厂|工厂|品牌)[、和及与]?)+"
    # or the shops, kitchens and bakeries it supplies: 供应和田各县的馕坑、餐馆和学校食堂 (a 馕坑 is
    # a naan oven, here the bakeries that bake in one; round 35: coulee's grain wholesaler)
    r"|(?:供应|供给|销往|卖给|面向)(?:[\u4e00-\u9fff]{1,6}的)?"
    r"(?:(?:馕坑|馕店|餐馆|餐厅|饭店|学校食堂|食堂|学校|超市|酒店|宾馆|商场|医院)[、和及与]?)+"
    # or named as its customers: 下游客户为滴灌带厂 (round 38: hum's polyethylene seller)
    r"|(?:下游)?(?:客户|用户)(?:为|是|包括|主要是|有)(?:[\u4e00-\u9fff]{1,5}(?:厂|工厂|企业)[、和及与]?)+"
)

# Two adjectives of one ending joined by «и» before one noun share it: «рапсовое и подсолнечное
# масло» is rapeseed oil and sunflower oil, «шерстяные и хлопковые ткани» two fabrics.
_RU_SHARED_HEAD = re.compile(
    r"(?<![^\W\d_])([^\W\d_]{3,}(ое|ый|ий|ая|ые|ие))\s+и\s+([^\W\d_]{3,}\2)\s+([^\W\d_]{3,})"
)


def _shared_head(match: re.Match[str]) -> str:
    return f"{match.group(1)} {match.group(4)} и {match.group(3)} {match.group(4)}"


def _seeds_of_each(match: re.Match[str]) -> str:
    head = match.group(2)
    return "、".join(item + head for item in match.group(1).split("、"))


# A Chinese part that only says the goods of the part before are bought in or short, naming
# none: 原料芝麻国内价格高，主要依靠进口 (sesame: dear here, mostly imported), 绿豆本地产量少，
# 一直缺货, 棉籽壳是主要培养料，本地一直供应不足.
# A part that only denies a need, whose goods stand in the part before it: 暂不需要, «пока не
# нужны», "not needed" (round 41: lahar's shop of Central Asian goods)
_BARE_DENIAL = re.compile(
    r"(?:暂|暂时|目前|现在|还|都|也)*(?:不需要|不要|不收|不用|无需|不采购|不进口)[了的]?[。.!！]?"
    r"|(?:пока\s+|сейчас\s+|нам\s+)?не\s+(?:нужн[^\W\d_]*|нужен|интересу[^\W\d_]*|требу[^\W\d_]*)"
    r"[\s.!]*"
    r"|(?:not\s+needed|not\s+interested)[\s.!]*"
)
_HAN_BARE_NEED = re.compile(
    r"(?:主要|全部|大多|大部分|基本|一直|长期|常年|经常|目前|现在|都|也|还|本地|当地|国内|需要|"
    r"希望|想|依靠|依赖|靠|从国外|从外地|从内地|从疆外|从外省|从哈萨克斯坦|从中亚)*"
    r"(?:进口|外购|调入|采购|进货|订购|订货|订|缺货|供应不足|不足|短缺|紧缺|紧张|不够)[了的]?"
)


_HAN_ASKING = tuple(sorted((w for w in ASKING_WORDS if _is_han(w[0])), key=len, reverse=True))
# what may follow a Chinese verb of asking that ends its part: aspect and place words, no goods
_HAN_AFTER_VERB = re.compile(r"[\s了的等为主中]*$")


def _han_verb_last(part: str, first: int) -> bool:
    """A Chinese part whose verb of asking comes last, after the goods it asks for: 原料乳清粉
    长期依赖进口 (whey powder, long imported), 铝土矿全部从国外进口. (Chinese puts the object after
    the verb, 进口铝土矿, except when the goods are the topic and the verb ends the part.)"""
    word = next((w for w in _HAN_ASKING if part.startswith(w, first)), "")
    return (
        bool(word)
        and _HAN_AFTER_VERB.fullmatch(part, first + len(word)) is not None
        and any(_is_han(char) for char in part[:first])
    )


def _shortage_last(part: str, first: int) -> bool:
    """A part that ends with a word of shortage after the goods it names: «металлолома не
    хватает», «сырьё в дефиците», "scrap is in shortage" (`SHORTAGE_WORDS`; Chinese by
    `_han_verb_last`)."""
    word = next((w for w in SHORTAGE_WORDS if part.startswith(w, first)), "")
    return (
        bool(word)
        and re.fullmatch(r"[^\W\d_]*\s*", part[first + len(word) :]) is not None
        and _WORD.search(part[:first]) is not None
    )


# Russian says a need by a predicate after the goods, as a subject: «морковь нужна круглый год»,
# «запчасти требуются постоянно», or puts the goods before a verb of buying: «жмых берём
# постоянно», «пшеницу закупаем у фермеров».
_PREDICATE_NEED = (
    "нужен",
    "нужна",
    "нужно",
    "нужны",
    "требуется",
    "требуются",
    " берем ",
    "закупаем",
    "покупаем",
    "приобретаем",
    # used up: «…, крахмал — уходит около 2 тонн специй в месяц»
    "уходит около",
    "уходит до",
    "расходуем",
)


_SINGULAR_NEED = ("нужен", "нужна", "нужно", "требуется")


_NO_GOODS_BEFORE = re.compile(r"\s*(?:(?:мы|я|также|тоже|еще|регулярно|постоянно)\s*)*")


def _predicate_need(part: str, first: int) -> bool:
    """A part whose first word of asking is a predicate of need after the goods, with no verb of
    offering before it: the goods before it are needed too («Морковь нужна круглый год»)."""
    before = part[:first]
    return (
        part.startswith(_PREDICATE_NEED, first)
        and _WORD.search(before) is not None
        and _NO_GOODS_BEFORE.fullmatch(before) is None  # «мы закупаем зерно»: no goods before
        and _PURPOSE.search(before) is None  # «для линии сиропов нужен экстракт»: a purpose
        # «Ателье национальной одежды: нужна шёлковая ткань»: what stands before a colon is the
        # organization, and the predicate opens what it needs (round 40: gulch's atelier)
        and not before.rstrip().endswith(":")
        and not any(word in before for word in OFFERING_WORDS)
        and not any(word in before for word in KK_OFFERING_WORDS)
    )


def _kk_clauses(sentence: str) -> list[tuple[str, str]]:
    """Kazakh puts the verb last: each stretch of the sentence takes the direction of the verb
    that ends it; a stretch with no verb after it is offered."""
    markers = sorted(
        (at, len(word), kind)
        for kind, words in (
            ("need", KK_ASKING_WORDS + ASKING_WORDS),
            ("offer", KK_OFFERING_WORDS + KK_NEGATED_OFFERING),
        )
        for word in words
        for at in (m.start() for m in re.finditer(re.escape(word), sentence))
    )
    clauses: list[tuple[str, str]] = []
    start = 0
    for at, length, kind in markers:
        if at < start:
            continue
        if sentence.startswith("аламыз", at) and (
            _KK_CAN.search(sentence[:at]) or sentence[at - 1 : at].isalpha()
        ):
            continue  # «жеткізе аламыз» (we can deliver), «сатып аламыз» (its own marker)
        # the rest of the verb's word is no clause of its own («сатып ал|амыз»)
        rest = _WORD.match(sentence, at + length)
        start_next = rest.end() if rest else at + length
        denied = _KK_NOT_AFTER.match(sentence, start_next)
        if (
            denied
            or (rest and _KK_NEGATIVE_VERB.match(rest.group()))
            or sentence.startswith(KK_NEGATED_OFFERING, at)
            or NEGATED.search(sentence[start:start_next])
        ):
            start = denied.end() if denied else start_next  # denied: no clause
            continue
        clauses.append((kind, sentence[start:at]))
        start = start_next
    clauses.append(("offer", sentence[start:]))
    return [(kind, text) for kind, text in clauses if text.strip()]


def _csv_rows(path: Path) -> Iterable[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines)


# Inorganic salts are named by their anion and their cation: «сульфат натрия», «натрий
# сульфаты», 硫酸钠, "sodium sulphate". The anion decides the heading (2833 sulphates, 2826
# fluorides …); the cation alone would name something else (натрия → 2815, sodium hydroxide; 铝
# of 氟化铝 → 7601, aluminium). Every anion × cation below is an everyday name of the anion's
# heading (`salt_names`), but for the salts that are fertilisers (`SALT_HEADINGS`) and the forms
# `data/everyday_goods.csv` already has. Per language: Russian anion + cation (genitive),
# Kazakh cation + anion, Chinese anion + cation, English cation + anion.
SALT_ANIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "sulphate": {
        "heading": ("2833",),
        "ru": ("сульфат",),
        "kk": ("сульфат",),
        "zh": ("硫酸",),
        "en": ("sulphate", "sulfate"),
    },
    "chloride": {
        "heading": ("2827",),
        "ru": ("хлорид",),
        "kk": ("хлорид",),
        "zh": ("氯化",),
        "en": ("chloride",),
    },
    "fluoride": {
        "heading": ("2826",),
        "ru": ("фторид",),
        "kk": ("фторид",),
        "zh": ("氟化",),
        "en": ("fluoride",),
    },
    "carbonate": {
        "heading": ("2836",),
        "ru": ("карбонат",),
        "kk": ("карбонат",),
        "zh": ("碳酸",),
        "en": ("carbonate",),
    },
    "nitrate": {
        "heading": ("2834",),
        "ru": ("нитрат",),
        "kk": ("нитрат",),
        "zh": ("硝酸",),
        "en": ("nitrate",),
    },
    "phosphate": {
        "heading": ("2835",),
        "ru": ("фосфат",),
        "kk": ("фосфат",),
        "zh": ("磷酸",),
        "en": ("phosphate",),
    },
    "silicate": {
        "heading": ("2839",),
        "ru": ("силикат",),
        "kk": ("силикат",),
        "zh": ("硅酸",),
        "en": ("silicate",),
    },
    "sulphide": {
        "heading": ("2830",),
        "ru": ("сульфид",),
        "kk": ("сульфид",),
        "zh": ("硫化",),
        "en": ("sulphide", "sulfide"),
    },
}
SALT_CATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "sodium": {"ru": ("натрия",), "kk": ("натрий",), "zh": ("钠",), "en": ("sodium",)},
    "potassium": {"ru": ("калия",), "kk": ("калий",), "zh": ("钾",), "en": ("potassium",)},
    "calcium": {"ru": ("кальция",), "kk": ("кальций",), "zh": ("钙",), "en": ("calcium",)},
    "magnesium": {"ru": ("магния",), "kk": ("магний",), "zh": ("镁",), "en": ("magnesium",)},
    "aluminium": {
        "ru": ("алюминия",),
        "kk": ("алюминий",),
        "zh": ("铝",),
        "en": ("aluminium", "aluminum"),
    },
    "ammonium": {"ru": ("аммония",), "kk": ("аммоний",), "zh": ("铵",), "en": ("ammonium",)},
    "zinc": {"ru": ("цинка",), "kk": ("мырыш",), "zh": ("锌",), "en": ("zinc",)},
    "copper": {"ru": ("меди",), "kk": ("мыс",), "zh": ("铜",), "en": ("copper",)},
    "iron": {"ru": ("железа",), "kk": ("темір",), "zh": ("铁", "亚铁"), "en": ("iron", "ferrous")},
    "barium": {"ru": ("бария",), "kk": ("барий",), "zh": ("钡",), "en": ("barium",)},
    "lithium": {"ru": ("лития",), "kk": ("литий",), "zh": ("锂",), "en": ("lithium",)},
}
# salts traded under a heading of their own: fertilisers (chapter 31), common salt (2501),
# gypsum (2520)
SALT_HEADINGS: dict[tuple[str, str], tuple[str, ...]] = {
    ("chloride", "sodium"): ("2501",),
    ("sulphate", "calcium"): ("2520", "2833"),
    ("chloride", "potassium"): ("3104",),
    ("sulphate", "potassium"): ("3104",),
    ("sulphate", "ammonium"): ("3102",),
    ("nitrate", "ammonium"): ("3102",),
    ("phosphate", "ammonium"): ("3105",),
}


def salt_names(known: Iterable[tuple[str, str]] = ()) -> list[tuple[str, str, str]]:
    """Everyday names of inorganic salts (headings, language, forms) from `SALT_ANIONS` ×
    `SALT_CATIONS`, leaving out the (language, form) pairs of `known`."""
    taken = {(language, _normalize(form).strip()) for language, form in known}
    rows: list[tuple[str, str, str]] = []
    for anion, anion_forms in SALT_ANIONS.items():
        for cation, cation_forms in SALT_CATIONS.items():
            headings = SALT_HEADINGS.get((anion, cation), anion_forms["heading"])
            for language in LANGUAGES:
                forms = []
                for a in anion_forms.get(language, ()):
                    for c in cation_forms.get(language, ()):
                        form = {"ru": f"{a} {c}", "kk": f"{c} {a}", "zh": f"{a}{c}"}.get(
                            language, f"{c} {a}"
                        )
                        if (language, form) not in taken:
                            forms.append(form)
                if forms:
                    rows.append((" ".join(headings), language, "|".join(forms)))
    return rows


@lru_cache(maxsize=1)
def default_heading_lexicon() -> HeadingLexicon:
    """The lexicon of the HS 2022 titles shipped with keruen (ru/kk/zh/en), the terms of
    `data/hs_terms.csv` and the everyday names of `data/everyday_goods.csv`; empty when the
    files are missing."""
    rows: list[tuple[str, str, str]] = []
    titles = REFERENCE_DATA_DIR / "hs_titles_i18n.csv"
    english = REFERENCE_DATA_DIR / "hs2022.csv"
    if titles.exists():
        for row in _csv_rows(titles):
            rows.extend((row["code"], lang, row[lang]) for lang in ("ru", "kk", "zh") if row[lang])
    if english.exists():
        for row in _csv_rows(english):
            if len(row["hscode"]) in (4, 6):
                rows.append((row["hscode"], "en", row["description"]))
    extra = DATA_DIR / "hs_terms.csv"
    if extra.exists():
        rows.extend((row["code"], row["lang"], row["term"]) for row in _csv_rows(extra))
    everyday = DATA_DIR / "everyday_goods.csv"
    names = (
        [(row["headings"], row["lang"], row["names"]) for row in _csv_rows(everyday)]
        if everyday.exists()
        else []
    )
    known = [(language, form) for _, language, forms in names for form in forms.split("|")]
    return HeadingLexicon(rows, [*names, *salt_names(known)])
