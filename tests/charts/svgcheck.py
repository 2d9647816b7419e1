"""Checks every chart's SVG must pass (see roadmap_gen.charts.base for the rules)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown

from roadmap_gen.charts.base import Chart
from roadmap_gen.escape import clean, link_target

SVG_NS = "{http://www.w3.org/2000/svg}"
ALLOWED_TAGS = {
    "svg", "title", "desc", "g", "rect", "text", "path", "polygon", "polyline", "circle", "a", "defs", "pattern",
}
GEOMETRY_ATTRS = {"x", "y", "width", "height", "cx", "cy", "r", "rx"}
NUMBER = r"-?\d+(?:\.\d{1,2})?"
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc", "pymdownx.superfences", "pymdownx.details"]


def local(tag: str) -> str:
    return tag[len(SVG_NS):] if tag.startswith(SVG_NS) else tag


def parse(chart: Chart) -> ET.Element:
    return ET.fromstring(chart.svg)


def all_text(elem: ET.Element) -> list[str]:
    """The visible strings of every <text> (without their <title> tooltips)."""
    out = []
    for text in elem.iter(SVG_NS + "text"):
        parts = [text.text or ""]
        for child in text:
            parts.append(child.tail or "")
        out.append("".join(parts))
    return out


def check_chart(chart: Chart) -> ET.Element:
    """Assert every rule on *chart*; returns the parsed root for further checks."""
    svg = chart.svg
    cid = chart.id
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", cid), cid

    # Markdown-safety: no blank lines, no indentation, one raw HTML block.
    for line in svg.split("\n"):
        assert line.strip(), "blank line in SVG"
        assert not line.startswith((" ", "\t")), f"indented line: {line[:60]!r}"
    html = markdown.markdown('<figure class="rg-figure">\n' + svg + "\n</figure>", extensions=EXTENSIONS)
    assert svg in html, "Markdown altered the SVG"

    root = parse(chart)
    assert root.tag == SVG_NS + "svg"
    assert root.get("role") in ("img", "group")
    assert root.get("aria-labelledby") == f"{cid}-title {cid}-desc"
    assert re.fullmatch(rf"0 0 {NUMBER} {NUMBER}", root.get("viewBox", ""))
    assert root.get("width") == "100%"
    assert re.fullmatch(rf"max-width:{NUMBER}px", root.get("style", ""))
    assert root.get("class") == "rg-chart"
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" role=')

    children = list(root)
    assert local(children[0].tag) == "title" and children[0].get("id") == f"{cid}-title"
    assert local(children[1].tag) == "desc" and children[1].get("id") == f"{cid}-desc"
    assert (children[0].text or "") == clean(" ".join(chart.title.split()))
    assert (children[1].text or "") == clean(" ".join(chart.description.split()))
    assert chart.description.strip()

    ids: set[str] = set()
    for elem in root.iter():
        tag = local(elem.tag)
        assert tag in ALLOWED_TAGS, f"element <{tag}> not allowed"
        for name, value in elem.attrib.items():
            assert not name.lower().startswith("on"), f"event handler attribute {name}"
            assert "javascript" not in value.lower()
            if name == "style":
                assert elem is root, "style attribute below the root"
            if name == "id":
                assert value not in ids, f"duplicate id {value}"
                assert value.startswith(cid + "-"), f"id {value} not scoped to the chart"
                ids.add(value)
            if name == "href" or name.endswith("}href"):
                assert tag == "a", "href outside <a>"
                assert link_target(value) == value, f"unsafe href {value!r}"
            if "url(" in value:
                assert re.fullmatch(rf"url\(#{re.escape(cid)}-[a-z0-9-]+\)", value), value
            if name in GEOMETRY_ATTRS and elem is not root:
                assert re.fullmatch(NUMBER, value), f"{name}={value!r} is not a short number"
            if name in ("points", "d", "transform", "viewBox"):
                for number in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", value):
                    assert re.fullmatch(NUMBER, number), f"{name} has float noise: {number}"
    for value in re.findall(r"url\(#([^)]+)\)", svg):
        assert value in ids, f"reference to missing id {value}"
    legend = [g for g in root.iter(SVG_NS + "g") if g.get("class") == "rg-legend"]
    empty = any("rg-note" in (t.get("class") or "") for t in root.iter(SVG_NS + "text"))
    assert len(legend) == 1 or (empty and not legend), "every chart with data has one legend"
    return root
