"""Reads the printable map and the emotion curve back the way a browser builds them: the elements
with their attributes (the structure user text must never change), the text nodes a reader sees,
and the points of the curve."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser

SVG = "{http://www.w3.org/2000/svg}"
_NOT_IN_XML = re.compile("[\ufffe\uffff]")


def as_shown(text: str) -> str:
    """User text as the map and the curve show it: the two characters XML cannot hold (and the
    domain lets through) as U+FFFD."""
    return _NOT_IN_XML.sub("\ufffd", text)


@dataclass
class Page:
    elements: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    """Every start tag with the names of its attributes, in document order."""
    texts: list[str] = field(default_factory=list)
    """Every text node outside <style> that is not only white space, as the browser decodes it."""
    flow: list[str] = field(default_factory=list)
    """All text outside <style>, white space included."""
    attributes: list[tuple[str, str, str]] = field(default_factory=list)
    """(tag, name, value) of every attribute."""


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append((tag, tuple(name for name, _ in attrs)))
        self.page.attributes += [(tag, name, value or "") for name, value in attrs]
        self.in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.in_style = False

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            return
        self.page.flow.append(data)
        if data.strip():
            self.page.texts.append(data)


def read_page(source: str) -> Page:
    page = Page()
    reader = _Reader(page)
    reader.feed(source)
    reader.close()
    return page


def shape(source: str) -> list[tuple[str, tuple[str, ...]]]:
    """The element structure of a page: each element and the names of its attributes (their
    values, coordinates and spans, are ours and may differ)."""
    return read_page(source).elements


def text_of(source: str) -> str:
    """All the text of a page, one text node a line."""
    return "\n".join(read_page(source).texts)


def reading(source: str) -> str:
    """The text of a page as one line, white space collapsed, roughly as a reader reads it."""
    return " ".join("".join(read_page(source).flow).split())


EXTERNAL = re.compile(r"(?i)(\burl\s*\(|@import|<link\b|<script\b|<iframe\b|<object\b|<embed\b|<img\b)")


def loads_nothing(source: str) -> list[str]:
    """What in a page could fetch or run something: src/href attributes, url(), @import, and
    script, link, iframe, object, embed or img elements. Empty for a self-contained page."""
    page = read_page(source)
    found = [f"{tag} {name}={value!r}" for tag, name, value in page.attributes
             if name in ("src", "href", "xlink:href", "action", "srcset", "poster", "data") or name.startswith("on")]
    found += [tag for tag, _ in page.elements if tag in ("script", "link", "iframe", "object", "embed", "img",
                                                            "image", "use", "foreignobject", "base", "form")]
    styles = re.findall(r"(?is)<style[^>]*>(.*?)</style>", source)
    found += [m.group() for css in styles for m in EXTERNAL.finditer(css)]
    return found


@dataclass
class Curve:
    root: ET.Element
    points: list[tuple[float, float]]
    titles: list[str]
    texts: list[str]


def read_curve(svg: str) -> Curve:
    """A standalone curve parsed as XML (raising if it is not well-formed), its line's points,
    and the text of its titles and labels."""
    root = ET.fromstring(svg.encode("utf-8"))
    lines = root.findall(f".//{SVG}polyline")
    assert len(lines) <= 1, "one line through the points"
    points = []
    if lines:
        for pair in lines[0].get("points", "").split():
            x, y = pair.split(",")
            points.append((float(x), float(y)))
    titles = ["".join(t.itertext()) for t in root.iter(f"{SVG}title")]
    texts = [_label(t) for t in root.iter(f"{SVG}text")]
    return Curve(root, points, titles, texts)


def _label(element: ET.Element) -> str:
    """The text an SVG text element draws (its title is a tooltip, not drawn)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag != f"{SVG}title":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Grid(HTMLParser):
    """The cells of the map's grid (the children of `<main class="journey">`), lane by lane."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lanes: dict[str, list[str]] = {}
        self.depth = 0  # inside main: 1 for main itself, 2 for a cell
        self.lane = ""
        self.cell: list[str] | None = None
        self.is_name = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "main":
            self.depth = 1
            return
        if not self.depth or tag in _VOID:
            return
        self.depth += 1
        if self.depth == 2:
            self.cell, self.is_name = [], "lane-name" in classes
            if "curve" in classes:
                self.lane = "Feeling"
                self.lanes[self.lane] = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.depth or tag in _VOID:
            return
        if tag == "main":
            self.depth = 0
            return
        if self.depth == 2 and self.cell is not None:
            text = " ".join(" ".join(self.cell).split())
            if self.is_name:
                self.lane = text
                self.lanes[text] = []
            else:
                self.lanes[self.lane].append(text)
            self.cell = None
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def grid(source: str) -> dict[str, list[str]]:
    """The map's lanes by name, each with the text of its cells from left to right."""
    reader = _Grid()
    reader.feed(source)
    return reader.lanes
