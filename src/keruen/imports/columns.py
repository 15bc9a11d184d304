"""The columns of the import sheets: a stable key, headers in ru / zh / en (and kk), and which
are required. The template writes "Русский / 中文 / English" in each header cell; the reader
accepts the whole cell, any one of its parts, a Kazakh header, or the key itself."""

from __future__ import annotations

import re
from dataclasses import dataclass

from keruen.core.i18n_markers import N_


@dataclass(frozen=True)
class Column:
    key: str
    ru: str
    zh: str
    en: str
    kk: str = ""
    required: bool = False
    width: int = 18
    hint: str = ""  # English note shown as a cell comment in the template
    text_format: bool = False  # keep as text in Excel (leading zeros)

    @property
    def header(self) -> str:
        return f"{self.ru} / {self.zh} / {self.en}"

    def header_for(self, locale: str) -> str:
        """The template's header cell for a reader of `locale`: their language first, then the
        other side's and English (the reader accepts any one part)."""
        if locale == "kk" and self.kk:
            return f"{self.kk} / {self.zh} / {self.en}"
        if locale == "zh":
            return f"{self.zh} / {self.ru} / {self.en}"
        if locale == "en":
            return f"{self.en} / {self.ru} / {self.zh}"
        return self.header

    def aliases(self) -> set[str]:
        names = {self.key, self.ru, self.zh, self.en, self.header}
        if self.kk:
            names.add(self.kk)
        return {fold_header(n) for n in names if n}


def fold_header(text: str) -> str:
    return re.sub(r"[\s_*:.()（）\-]+", " ", text.casefold()).strip()


LANGS = (
    ("ru", "рус.", "俄文", "Russian", "орыс."),
    ("kk", "каз.", "哈萨克文", "Kazakh", "қаз."),
    ("zh", "кит.", "中文", "Chinese", "қыт."),
    ("en", "англ.", "英文", "English", "ағыл."),
)


def _per_language(key: str, ru: str, zh: str, en: str, kk: str, **kw: object) -> list[Column]:
    return [
        Column(f"{key}_{code}", f"{ru} ({r})", f"{zh}（{z}）", f"{en} ({e})", f"{kk} ({k})", **kw)  # type: ignore[arg-type]
        for code, r, z, e, k in LANGS
    ]


ORGANIZATION_COLUMNS: list[Column] = [
    Column(
        "bin",
        "БИН",
        "BIN（哈萨克斯坦）",
        "BIN (Kazakhstan)",
        "БСН",
        width=16,
        text_format=True,
        hint=N_("12 digits; Kazakhstan companies"),
    ),
    Column(
        "uscc",
        "УНСК (Китай)",
        "统一社会信用代码",
        "USCC (China)",
        "БӘНК (Қытай)",
        width=22,
        text_format=True,
        hint=N_("18 characters; Chinese companies"),
    ),
    Column(
        "ref",
        "Код",
        "编号",
        "Reference",
        "Код",
        width=14,
        hint=N_("Your own code, for organizations with no BIN or USCC"),
    ),
    Column("kind", "Тип", "类型", "Kind", "Түрі", required=True, width=14),
    Column("region", "Регион", "地区", "Region", "Аймақ", required=True, width=28),
    *_per_language("name", "Название", "名称", "Name", "Атауы", width=30),
    Column(
        "source_language",
        "Язык оригинала",
        "原文语言",
        "Source language",
        "Түпнұсқа тілі",
        width=10,
        hint=N_("Language the texts were written in: ru, kk, zh or en"),
    ),
    Column("website", "Сайт", "网站", "Website", "Сайт", width=24),
    Column("size", "Размер", "规模", "Size", "Көлемі", width=10),
    Column(
        "isic",
        "ОКЭД (ISIC Rev.4)",
        "行业（ISIC Rev.4）",
        "Activities (ISIC Rev.4)",
        "ЭҚЖЖ (ISIC Rev.4)",
        width=20,
        text_format=True,
        hint=N_("Codes separated by ;"),
    ),
    Column(
        "hs_offers",
        "Предлагает (ТН ВЭД / HS)",
        "供应产品（HS编码）",
        "Offers (HS codes)",
        "Ұсынады (СЭҚ ТН / HS)",
        width=22,
        text_format=True,
        hint=N_("HS codes separated by ;"),
    ),
    Column(
        "hs_needs",
        "Ищет (ТН ВЭД / HS)",
        "需求产品（HS编码）",
        "Needs (HS codes)",
        "Іздейді (СЭҚ ТН / HS)",
        width=22,
        text_format=True,
        hint=N_("HS codes separated by ;"),
    ),
    *_per_language("description", "Описание", "简介", "Description", "Сипаттама", width=40),
]

DELEGATE_COLUMNS: list[Column] = [
    Column(
        "organization",
        "Организация (БИН/УНСК/код)",
        "所属组织（BIN/信用代码/编号）",
        "Organization (BIN/USCC/ref)",
        "Ұйым (БСН/БӘНК/код)",
        width=22,
        text_format=True,
        hint=N_("Empty for interpreters who belong to no organization"),
    ),
    Column("ref", "Код", "编号", "Reference", "Код", width=14),
    *_per_language("name", "ФИО", "姓名", "Full name", "Аты-жөні", width=26),
    *_per_language("position", "Должность", "职务", "Position", "Лауазымы", width=24),
    Column(
        "languages",
        "Языки",
        "语言",
        "Languages",
        "Тілдер",
        width=12,
        hint=N_("ISO codes separated by ;, e.g. ru;kk"),
    ),
    Column("email", "E-mail", "电子邮箱", "E-mail", "E-mail", width=26),
    Column("phone", "Телефон", "电话", "Phone", "Телефон", width=18, text_format=True),
    Column(
        "locale", "Язык интерфейса", "界面语言", "Interface language", "Интерфейс тілі", width=10
    ),
    Column(
        "consent",
        "Согласие на передачу контактов",
        "同意分享联系方式",
        "Consent to share contacts",
        "Байланыс деректерін беруге келісім",
        width=12,
    ),
    Column("role", "Роль", "角色", "Role", "Рөлі", width=14),
    Column("topics", "Темы (для G2B)", "议题（G2B）", "Topics (G2B)", "Тақырыптар (G2B)", width=20),
    Column(
        "unavailable",
        "Недоступен (даты)",
        "不可用日期",
        "Unavailable (dates)",
        "Қолжетімсіз (күндер)",
        width=16,
        hint=N_("Dates YYYY-MM-DD separated by ;"),
    ),
]

PROFILE_COLUMNS: list[Column] = [
    Column(
        "organization",
        "Организация (БИН/УНСК/код)",
        "所属组织（BIN/信用代码/编号）",
        "Organization (BIN/USCC/ref)",
        "Ұйым (БСН/БӘНК/код)",
        required=True,
        width=22,
        text_format=True,
    ),
    Column(
        "kind",
        "Тип предложения",
        "合作类型",
        "Profile kind",
        "Ұсыныс түрі",
        required=True,
        width=20,
    ),
    Column("hs", "ТН ВЭД / HS", "HS编码", "HS codes", "СЭҚ ТН / HS", width=20, text_format=True),
    Column(
        "isic",
        "ОКЭД (ISIC Rev.4)",
        "行业（ISIC Rev.4）",
        "ISIC codes",
        "ЭҚЖЖ (ISIC Rev.4)",
        width=18,
        text_format=True,
    ),
    *_per_language("text", "Текст", "内容", "Text", "Мәтін", width=40),
]

SHEETS: dict[str, tuple[tuple[str, str, str, str], list[Column]]] = {
    # key: ((ru, zh, en, kk) sheet titles, columns)
    "organizations": (("Организации", "组织", "Organizations", "Ұйымдар"), ORGANIZATION_COLUMNS),
    "delegates": (("Делегаты", "代表", "Delegates", "Делегаттар"), DELEGATE_COLUMNS),
    "profiles": (("Предложения", "合作需求", "Profiles", "Ұсыныстар"), PROFILE_COLUMNS),
}


def sheet_title(key: str, locale: str = "ru") -> str:
    """The sheet's name in the template (the reader's language first): at most 31 characters,
    which is Excel's limit."""
    (ru, zh, en, kk), _ = SHEETS[key]
    first = {"kk": kk, "zh": zh, "en": en}.get(locale, ru)
    rest = [t for t in (ru, zh, en) if t != first] if locale != "kk" else [zh, en]
    return "·".join([first, *rest])[:31]


def sheet_key(title: str) -> str | None:
    folded = fold_header(title)
    for key, (titles, _) in SHEETS.items():
        names = {fold_header(t) for t in titles} | {key, fold_header(sheet_title(key))}
        if folded in names or any(fold_header(t) in folded for t in titles):
            return key
    return None
