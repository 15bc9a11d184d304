"""Charts drawn on the server as SVG, the same bytes on a dashboard page and in a PDF report.

matplotlib lays the chart out (its text measurement knows DejaVu Sans and Noto Sans CJK, so a
Chinese or Kazakh label is not cut); text stays text (`svg.fonttype: none`), so the browser and
WeasyPrint draw it with the same system fonts. The SVG is then made fit for a page whose
Content-Security-Policy forbids inline styles and scripts: matplotlib's `style="..."` attributes
become presentation attributes, its <style> and <metadata> go, ids get the chart's own prefix
(several charts share a page), and it gains a <title> and <desc> for screen readers. Every bar
(and every point of a line) is a link to the page listing the items behind it, with a <title>
saying its value. Same data, same bytes: no dates, fixed hash salt, fixed colours.
"""

from __future__ import annotations

import io
import re
import subprocess
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
FAMILIES = ("DejaVu Sans", "Noto Sans CJK SC")
# Colour-blind-safe (Okabe–Ito), in a fixed order.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
# Presentation attributes a `style` declaration may become (the ones matplotlib writes).
_PRESENTATION = {
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linejoin",
    "stroke-linecap",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-miterlimit",
    "opacity",
    "font-size",
    "font-family",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "clip-path",
}
_LOCK = threading.Lock()  # matplotlib's rc settings are process-wide


@dataclass(frozen=True)
class Bar:
    """One bar (or point): its category's label, its value, the drill-down page it opens and
    the value as the reader reads it."""

    label: str
    value: float
    href: str
    shown: str


@dataclass(frozen=True)
class Series:
    name: str
    bars: tuple[Bar, ...]


@lru_cache(maxsize=1)
def _fonts() -> tuple[str, ...]:
    """The families matplotlib measures text with; a system font it has not seen yet (installed
    after its font cache was built) is added from fontconfig's answer."""
    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    for family in FAMILIES:
        if family in known:
            continue
        for weight in ("", ":bold"):
            try:
                path = subprocess.run(
                    ["fc-match", "-f", "%{file}", family + weight],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            except (OSError, subprocess.CalledProcessError):
                continue
            if path and family.split()[0].lower() in path.lower().replace("-", " "):
                font_manager.fontManager.addfont(path)
    return (*FAMILIES, "sans-serif")


def _rc() -> Any:
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": "keruen",
        "svg.id": None,
        "font.family": list(_fonts()),
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#555555",
        "axes.titlesize": 10,
        "axes.titleweight": "bold",
        "xtick.color": "#333333",
        "ytick.color": "#333333",
    }


def _wrap(label: str, width: int = 28) -> str:
    """A long category label on two lines at most (CJK text has no spaces: cut by length)."""
    if len(label) <= width:
        return label
    words = label.split()
    if len(words) > 1:
        first = ""
        for word in words:
            if first and len(first) + 1 + len(word) > width:
                break
            first = f"{first} {word}".strip()
        rest = label[len(first) :].strip()
    else:
        first, rest = label[: width // 2 + 4], label[width // 2 + 4 :]
    if len(rest) > width:
        rest = rest[: width - 1] + "…"
    return f"{first}\n{rest}"


def bar_chart(
    ident: str,
    title: str,
    description: str,
    series: Sequence[Series],
    *,
    horizontal: bool | None = None,
    stacked: bool = False,
    legend: bool | None = None,
    tick: Callable[[float], str] | None = None,
    lang: str = "en",
) -> str:
    """Bars per category (the categories of the first series), side by side or stacked;
    horizontal when labels are long (or when asked); `tick` writes the value axis' numbers."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    categories = [b.label for b in series[0].bars] if series else []
    if horizontal is None:
        horizontal = any(len(c) > 10 for c in categories) or len(categories) > 6
    rows = max(len(categories), 1)
    with _LOCK:
        import matplotlib

        with matplotlib.rc_context(_rc()):
            if horizontal:
                height = 0.9 + rows * (0.32 if stacked or len(series) == 1 else 0.22 * len(series))
                figure = Figure(figsize=(7.0, max(height, 1.6)))
            else:
                figure = Figure(figsize=(7.0, 3.0))
            axes = figure.add_subplot()
            positions = list(range(len(categories)))
            width = 0.7 if stacked or len(series) == 1 else 0.8 / len(series)
            base = [0.0] * len(categories)
            texts: dict[str, str] = {}
            top = max(
                [sum(s.bars[i].value for s in series) for i in positions]
                if stacked
                else [b.value for s in series for b in s.bars] or [0.0],
                default=0.0,
            )
            for n, one in enumerate(series):
                offset = 0.0 if stacked or len(series) == 1 else (n - (len(series) - 1) / 2) * width
                where = [p + offset for p in positions]
                values = [b.value for b in one.bars]
                colour = COLOURS[n % len(COLOURS)]
                below = base if stacked else None
                if horizontal:
                    drawn = axes.barh(
                        where, values, height=width, left=below, color=colour, label=one.name
                    )
                else:
                    drawn = axes.bar(
                        where, values, width=width, bottom=below, color=colour, label=one.name
                    )
                for i, (patch, bar) in enumerate(zip(drawn, one.bars, strict=True)):
                    patch.set_url(bar.href)
                    texts[bar.href] = (
                        f"{one.name}: {bar.label}: {bar.shown}"
                        if len(series) > 1
                        else f"{bar.label}: {bar.shown}"
                    )
                    if not stacked and bar.shown:
                        if horizontal:
                            label = axes.text(
                                bar.value + top * 0.01, where[i], bar.shown, va="center", fontsize=8
                            )
                        else:
                            label = axes.text(
                                where[i], bar.value + top * 0.01, bar.shown, ha="center",
                                va="bottom", fontsize=8,
                            )  # fmt: skip
                        label.set_url(bar.href)
                if stacked:
                    base = [a + b for a, b in zip(base, values, strict=True)]
            shown_categories = [_wrap(c) for c in categories]
            if horizontal:
                axes.set_yticks(positions, shown_categories)
                axes.invert_yaxis()
                axes.set_xlim(0, (top or 1) * (1.25 if not stacked else 1.05))
                axes.tick_params(axis="y", length=0)
                axes.grid(axis="x", color="#dddddd", linewidth=0.6)
            else:
                axes.set_xticks(positions, shown_categories)
                axes.set_ylim(0, (top or 1) * 1.15)
                axes.grid(axis="y", color="#dddddd", linewidth=0.6)
            value_axis = axes.xaxis if horizontal else axes.yaxis
            value_axis.set_major_locator(MaxNLocator(integer=True, nbins=5))
            if tick is not None:
                value_axis.set_major_formatter(FuncFormatter(lambda v, _pos: tick(v)))
            axes.set_axisbelow(True)
            axes.set_title(title, loc="left")
            if legend if legend is not None else len(series) > 1:
                axes.legend(frameon=False, fontsize=8, loc="best")
            return _finish(figure, ident, title, description, texts, lang)


def line_chart(
    ident: str,
    title: str,
    description: str,
    series: Sequence[Series],
    *,
    lang: str = "en",
) -> str:
    """Lines over the same categories (years), each point a link."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    categories = [b.label for b in series[0].bars] if series else []
    with _LOCK:
        import matplotlib

        with matplotlib.rc_context(_rc()):
            figure = Figure(figsize=(7.0, 3.0))
            axes = figure.add_subplot()
            positions = list(range(len(categories)))
            texts: dict[str, str] = {}
            for n, one in enumerate(series):
                colour = COLOURS[n % len(COLOURS)]
                axes.plot(positions, [b.value for b in one.bars], color=colour, label=one.name)
                for i, bar in enumerate(one.bars):
                    (point,) = axes.plot([i], [bar.value], "o", color=colour, markersize=5)
                    point.set_url(bar.href)
                    texts[bar.href] = f"{one.name}: {bar.label}: {bar.shown}"
            axes.set_xticks(positions, categories)
            top = max((b.value for s in series for b in s.bars), default=0.0)
            axes.set_ylim(0, (top or 1) * 1.15)
            axes.yaxis.set_major_locator(MaxNLocator(integer=True))
            axes.grid(axis="y", color="#dddddd", linewidth=0.6)
            axes.set_title(title, loc="left")
            if series:
                axes.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
            return _finish(figure, ident, title, description, texts, lang)


def _finish(
    figure: object, ident: str, title: str, description: str, texts: dict[str, str], lang: str
) -> str:
    buffer = io.StringIO()
    figure.savefig(  # type: ignore[attr-defined]
        buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight"
    )
    return clean_svg(buffer.getvalue(), ident, title, description, texts, lang)


def _q(tag: str) -> str:
    return f"{{{SVG_NS}}}{tag}"


def clean_svg(
    text: str, ident: str, title: str, description: str, texts: dict[str, str], lang: str
) -> str:
    """matplotlib's SVG made fit for a strict CSP page and a screen reader (see the module)."""
    root = ET.fromstring(text)  # noqa: S314 (matplotlib's own output, not user input)
    prefix = re.sub(r"[^A-Za-z0-9_-]", "-", ident)
    for child in list(root):
        if child.tag == _q("metadata"):
            root.remove(child)
    for defs in root.iter(_q("defs")):
        for rule in list(defs):
            if rule.tag == _q("style"):
                defs.remove(rule)
    ids: dict[str, str] = {}
    for element in root.iter():
        if "id" in element.attrib:
            ids[element.attrib["id"]] = f"{prefix}-{element.attrib['id']}"
            element.attrib["id"] = ids[element.attrib["id"]]

    def rename(value: str) -> str:
        return re.sub(r"#([A-Za-z0-9_.-]+)", lambda m: "#" + ids.get(m.group(1), m.group(1)), value)

    for element in root.iter():
        style = element.attrib.pop("style", None)
        if style:
            for declaration in style.split(";"):
                name, _, value = declaration.partition(":")
                name, value = name.strip(), value.strip()
                if name in _PRESENTATION and value:
                    element.attrib[name] = value
        for attribute in ("clip-path", f"{{{XLINK_NS}}}href", "href"):
            if attribute in element.attrib and element.tag != _q("a"):
                element.attrib[attribute] = rename(element.attrib[attribute])
        if element.tag == _q("a"):
            element.attrib.pop("target", None)
            href = element.attrib.get(f"{{{XLINK_NS}}}href", "")
            element.attrib["href"] = href
            if href in texts:
                tip = ET.Element(_q("title"))
                tip.text = texts[href]
                element.insert(0, tip)
    root.attrib.update(
        {
            "role": "img",
            "aria-labelledby": f"{prefix}-title {prefix}-desc",
            "class": "chart",
            "lang": lang,
            "stroke-linejoin": "round",
            "stroke-linecap": "butt",
        }
    )
    heading = ET.Element(_q("title"), {"id": f"{prefix}-title"})
    heading.text = title
    summary = ET.Element(_q("desc"), {"id": f"{prefix}-desc"})
    summary.text = description
    root.insert(0, summary)
    root.insert(0, heading)
    ET.indent(root, space="")
    # The prefix registry is process-wide and other libraries change it: claim ours again.
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    return ET.tostring(root, encoding="unicode")
