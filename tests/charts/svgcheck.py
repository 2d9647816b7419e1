"""Checks every chart's SVG must pass (see roadmap_gen.charts.base for the rules)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown

from roadmap_gen.charts.base import Chart, approx_width
from roadmap_gen.core.escape import link_target, one_line

SVG_NS = "{http://www.w3.org/2000/svg}"
ALLOWED_TAGS = {
    "svg", "title", "desc", "g", "rect", "text", "tspan", "path", "polygon", "polyline", "circle", "a", "defs", "pattern",
}
GEOMETRY_ATTRS = {"x", "y", "width", "height", "cx", "cy", "r", "rx"}
NUMBER = r"-?\d+(?:\.\d{1,2})?"
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc", "pymdownx.superfences", "pymdownx.details"]


def local(tag: str) -> str:
    return tag[len(SVG_NS):] if tag.startswith(SVG_NS) else tag


def parse(chart: Chart) -> ET.Element:
    return ET.fromstring(chart.svg)


def visible(text: ET.Element) -> str:
    """What a <text> shows, without its <title> tooltip; lines (<tspan>s after the first) joined by a newline."""
    parts = [text.text or ""]
    for child in text:
        if local(child.tag) == "tspan":
            parts.append("\n" + (child.text or ""))
        parts.append(child.tail or "")
    return "".join(parts)


def joined(shown: str) -> str:
    """A label's lines as the one line they were broken from (after a hyphen, dash or slash without a space)."""
    return re.sub(r"(?<=[-/\u2013\u2014])\n", "", shown).replace("\n", " ")


def tooltip(text: ET.Element) -> str | None:
    """The <title> of a <text>, if it has one."""
    title = text.find(SVG_NS + "title")
    return None if title is None else (title.text or "")


LABEL_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?: \(\+\d+(?:\.\d+)?\))?|\u2013")


def _parents(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def name_labels(root: ET.Element) -> list[ET.Element]:
    """The <text>s that name something: not numbers, not scale values, not owners or phases repeated on rows."""
    parents = _parents(root)
    out = []
    for text in root.iter(SVG_NS + "text"):
        if LABEL_NUMBER.fullmatch(visible(text)):
            continue
        parent = parents[text]
        while parent.tag == SVG_NS + "a":
            parent = parents[parent]
        classes = (parent.get("class") or "").split()
        if "rg-scale" in classes or "rg-totals" in classes:
            continue
        if "rg-series" in classes and "rg-small" in (text.get("class") or ""):
            continue  # an owner on a timeline bar, a phase repeated over a group: repeats on purpose
        out.append(text)
    return out


def label_box(text: ET.Element) -> tuple[float, float, float, float]:
    """An estimate of where a label is drawn, as the charts estimate it (12-unit text)."""
    lines = visible(text).split("\n")
    width = max(approx_width(line) for line in lines)
    x, y = float(text.get("x", "0")), float(text.get("y", "0"))
    dy = float(text.find(SVG_NS + "tspan").get("dy", "13")) if len(lines) > 1 else 13.0
    left = {"end": x - width, "middle": x - width / 2}.get(text.get("text-anchor", "start"), x)
    return left, y - 10, left + width, y + (len(lines) - 1) * dy + 3


def overlapping(texts: list[ET.Element]) -> list[tuple[str, str]]:
    """Pairs of labels whose estimated boxes overlap."""
    boxes = [(label_box(t), visible(t)) for t in texts]
    return [(a[1], b[1]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a[0][0] < b[0][2] and b[0][0] < a[0][2] and a[0][1] < b[0][3] and b[0][1] < a[0][3]]


def all_text(elem: ET.Element) -> list[str]:
    """The visible strings of every <text> (without their <title> tooltips)."""
    return [visible(text) for text in elem.iter(SVG_NS + "text")]


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
    assert (children[0].text or "") == one_line(chart.title)
    assert (children[1].text or "") == one_line(chart.description)
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
