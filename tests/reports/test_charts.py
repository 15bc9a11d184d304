"""Charts as SVG: well-formed, every bar a link to its drill-down with its value as a tooltip,
labels in the reader's script (Chinese stays text), nothing a strict CSP would block, and the
same bytes for the same data."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from keruen.reports.charts import SVG_NS, XLINK_NS, Bar, Series, bar_chart, line_chart

pytestmark = pytest.mark.unit
A = f"{{{SVG_NS}}}a"


def stages() -> list[Series]:
    return [
        Series(
            "项目",
            (
                Bar("构想", 2, "/o/dashboard/pipeline/projects.stage.idea", "2"),
                Bar("已签署协议", 1, "/o/dashboard/pipeline/projects.stage.agreement_signed", "1"),
                Bar("建设中", 3, "/o/dashboard/pipeline/projects.stage.construction", "3"),
            ),
        )
    ]


def test_a_bar_chart_in_chinese_links_every_bar() -> None:
    svg = bar_chart("stage", "按阶段划分的项目", "每个阶段的项目数量", stages(), lang="zh")
    root = ET.fromstring(svg)
    assert root.tag == f"{{{SVG_NS}}}svg"
    assert root.find(f"{{{SVG_NS}}}title").text == "按阶段划分的项目"
    assert root.attrib["role"] == "img" and root.attrib["lang"] == "zh"
    links = [a.attrib[f"{{{XLINK_NS}}}href"] for a in root.iter(A)]
    bars = [b.href for b in stages()[0].bars]
    # Each bar, and the value written beside it, opens the drill-down of that bar.
    assert sorted(set(links)) == sorted(bars)
    assert all(links.count(href) == 2 for href in bars)
    tips = {a.find(f"{{{SVG_NS}}}title").text for a in root.iter(A)}
    assert "建设中: 3" in tips
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{{{SVG_NS}}}text"))
    assert "已签署协议" in texts and "构想" in texts
    assert "Noto Sans CJK SC" in svg


def test_svg_is_fit_for_a_strict_page_and_stable() -> None:
    first = bar_chart("stage", "Проекты", "по стадиям", stages(), lang="ru")
    assert first == bar_chart("stage", "Проекты", "по стадиям", stages(), lang="ru")
    for forbidden in ("style=", "<style", "<script", "target=", "Date"):
        assert forbidden not in first
    other = bar_chart("sector", "Проекты", "по отраслям", stages(), lang="ru")
    ids = {e.attrib["id"] for e in ET.fromstring(first).iter() if "id" in e.attrib}
    assert all(i.startswith("stage-") for i in ids)
    assert not ids & {e.attrib.get("id") for e in ET.fromstring(other).iter()}


def test_stacked_horizontal_and_line_charts() -> None:
    two = [
        Series("planned", (Bar("Permanent jobs", 1620, "/p", "1,620"),)),
        Series("actual", (Bar("Permanent jobs", 450, "/a", "450"),)),
    ]
    svg = bar_chart("jobs", "Jobs", "planned and actual", two, horizontal=True, stacked=True)
    assert {a.attrib["href"] for a in ET.fromstring(svg).iter(A)} == {"/p", "/a"}
    years = [
        Series("idea", (Bar("2025", 1, "/i5", "1"), Bar("2026", 2, "/i6", "2"))),
        Series("construction", (Bar("2025", 0, "/c5", "0"), Bar("2026", 1, "/c6", "1"))),
    ]
    svg = line_chart("time", "Over time", "projects entering each stage", years)
    links = {a.attrib["href"] for a in ET.fromstring(svg).iter(A)}
    assert links == {"/i5", "/i6", "/c5", "/c6"}


def test_the_svg_keeps_its_namespace_when_another_library_claims_the_default_prefix() -> None:
    ET.register_namespace("", "http://www.w3.org/1999/xhtml")  # as an HTML library may do
    svg = bar_chart("stage", "Projects", "by stage", stages())
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "ns0:" not in svg
