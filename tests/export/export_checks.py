"""Reads exports back the way a wiki would: Markdown parsed with markdown-it-py (tables on), the
cells and list items as the text a reader sees, and the Mermaid journey checked against the line
forms of Mermaid's own journey grammar (`journey.jison`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

MD = MarkdownIt("commonmark").enable("table")

# Exports put an invisible word joiner after an @ that starts an address, so GitHub does not
# turn it into a mail link; a reader sees the same text.
_JOINED_AT = re.compile("@\u2060")


def seen(text: str) -> str:
    """Text as a reader sees it: with the joiner after @ taken out."""
    return _JOINED_AT.sub("@", text)


def inline_text(children: list[Token] | None) -> str:
    """The text of an inline token: line breaks and `<br>` as newlines."""
    parts = []
    for tok in children or []:
        if tok.type in ("text", "text_special"):
            parts.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif tok.type == "html_inline" and tok.content == "<br>":
            parts.append("\n")
        elif tok.type in ("strong_open", "strong_close"):
            continue
        else:
            raise AssertionError(f"unexpected {tok.type} {tok.content!r} in user text")
    return seen("".join(parts))


@dataclass
class Table:
    heading: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def column(self, name: str) -> int:
        return self.header.index(name)

    def row(self, first: str) -> list[str]:
        """The row whose first cell is `first` (a reference such as T3)."""
        found = [r for r in self.rows if r[0] == first]
        assert len(found) == 1, f"{first} in {self.heading}: {len(found)} rows"
        return found[0]

    def cell(self, first: str, column: str) -> str:
        return self.row(first)[self.column(column)]


@dataclass
class Document:
    tokens: list[Token]
    tables: list[Table]
    headings: list[str]
    items: list[str]
    """The text of every list item's first paragraph, our bold labels included."""
    fences: list[tuple[str, str]]
    """(info, content) of every fenced code block."""


def read(markdown: str) -> Document:
    tokens = MD.parse(markdown)
    tables: list[Table] = []
    headings: list[str] = []
    items: list[str] = []
    fences = []
    last_heading = ""
    current: Table | None = None
    row: list[str] | None = None
    in_heading = in_item = False
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            in_heading = True
        elif tok.type == "heading_close":
            in_heading = False
        elif tok.type == "list_item_open":
            in_item = True
        elif tok.type == "table_open":
            current = Table(last_heading, [])
            tables.append(current)
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and current is not None and row is not None:
            if not current.header:
                current.header = row
            else:
                current.rows.append(row)
        elif tok.type == "inline" and row is not None and tokens[i - 1].type in ("th_open", "td_open"):
            row.append(inline_text(tok.children))
        elif tok.type == "inline" and in_heading:
            last_heading = inline_text(tok.children)
            headings.append(last_heading)
        elif tok.type == "inline" and in_item:
            items.append(inline_text(tok.children))
            in_item = False
        elif tok.type == "fence":
            fences.append((tok.info.strip(), tok.content))
        elif tok.type == "table_close":
            current, row = None, None
    return Document(tokens, tables, headings, items, fences)


def raw_html_outside_cells(markdown: str | Document) -> list[str]:
    """Every piece of raw HTML that is not a `<br>` inside a table cell."""
    tokens = markdown.tokens if isinstance(markdown, Document) else MD.parse(markdown)
    bad = []
    in_cell = False
    for tok in tokens:
        if tok.type in ("th_open", "td_open"):
            in_cell = True
        elif tok.type in ("th_close", "td_close"):
            in_cell = False
        elif tok.type == "html_block":
            bad.append(tok.content)
        for child in tok.children or []:
            if child.type == "html_inline" and not (in_cell and child.content == "<br>"):
                bad.append(child.content)
    return bad


def shape(markdown: str | Document) -> list[tuple[str, ...]]:
    """The structure of a document without its text: block tokens, and in each inline token the
    kinds of markup (strong, links, images...) that are not plain text or line breaks."""
    tokens = markdown.tokens if isinstance(markdown, Document) else MD.parse(markdown)
    result: list[tuple[str, ...]] = []
    for tok in tokens:
        if tok.type == "inline":
            kinds = tuple(c.type for c in tok.children or []
                          if c.type not in ("text", "text_special", "softbreak", "hardbreak")
                          and not (c.type == "html_inline" and c.content == "<br>"))
            result.append(("inline", *kinds))
        elif tok.type != "fence":
            result.append((tok.type, tok.tag))
    return result


# Mermaid journey grammar ------------------------------------------------------------------------

# JavaScript's \s: what the journey lexer skips between tokens.
JS_SPACE = " \t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
           "\u2028\u2029\u202f\u205f\u3000\ufeff"
_KEYWORD = re.compile(r"(journey|title|section|acctitle|accdescr)", re.IGNORECASE)


@dataclass
class Journey:
    title: str = ""
    sections: list[tuple[str, list[tuple[str, int, list[str]]]]] = field(default_factory=list)


def check_journey(source: str) -> Journey:
    """Parse a Mermaid journey the way `journey.jison` lexes it, raising AssertionError on any line
    the real parser would reject or misread: `#` starts a comment and `;` ends a statement
    anywhere, `%%` starts a comment, a task is `name: score[: actor, actor]`, a name may not
    contain `:` or begin with a keyword, a section name may not contain `:`."""
    lines = source.split("\n")
    assert lines[0].strip(JS_SPACE) == "journey", f"first line is {lines[0]!r}"
    journey = Journey()
    for line in lines[1:]:
        assert "\r" not in line and "\u2028" not in line and "\u2029" not in line, f"line break inside {line!r}"
        for bad in ("#", ";", "%%", "<", ">"):
            assert bad not in line, f"{bad!r} in {line!r}"
        text = line.strip(JS_SPACE)
        if not text:
            continue
        if re.match(r"(?i)title[" + JS_SPACE + "]", text):
            journey.title = text[6:]
            assert journey.title.strip(JS_SPACE), "blank title"
        elif re.match(r"(?i)section[" + JS_SPACE + "]", text):
            name = text[8:]
            assert ":" not in name and name.strip(JS_SPACE), f"bad section {name!r}"
            journey.sections.append((name, []))
        else:
            assert not _KEYWORD.match(text), f"task begins with a keyword: {text!r}"
            match = re.fullmatch(r"([^:]+):([^:]*)(?::([^:]*))?", text)
            assert match, f"not a task line: {text!r}"
            name, score, actors = match.group(1), match.group(2).strip(JS_SPACE), match.group(3)
            assert name.strip(JS_SPACE), f"blank task name in {text!r}"
            assert score.isascii() and score.isdigit() and 1 <= int(score) <= 5, f"score {score!r}"
            people = [a.strip(JS_SPACE) for a in actors.split(",")] if actors is not None else []
            assert all(people), f"blank actor in {text!r}"
            assert journey.sections, "task before any section"
            journey.sections[-1][1].append((name.strip(JS_SPACE), int(score), people))
    return journey


def mermaid_blocks(markdown: str, doc: Document | None = None) -> list[str]:
    """The source of every Mermaid diagram: ```mermaid fences and Azure's ::: mermaid blocks.
    Pass the document already read from `markdown` to save parsing it again."""
    fences = (doc or read(markdown)).fences
    fenced = [content.rstrip("\n") for info, content in fences if info == "mermaid"]
    azure = re.findall(r"^::: mermaid\n(.*?)\n:::$", markdown, re.MULTILINE | re.DOTALL)
    return fenced + azure


# Mermaid xy chart ------------------------------------------------------------------------------


@dataclass
class Chart:
    labels: list[str]
    values: list[float]


_INIT_LINE = re.compile(r'%%\{init: \{"themeVariables": \{"xyChart": \{"plotColorPalette": "#[0-9a-f]{6}"\}\}\}\}%%')


def check_xychart(source: str) -> Chart:
    """Parse the emotion curve's `xychart-beta` in the line forms the export writes, raising
    AssertionError on anything else: an optional colour directive, the x axis as quoted labels
    (no quote, `#`, `;`, `%%`, `<`, `>` or line break inside), the y axis from −2 to 2, and one line
    of as many numbers as labels, each from −2 to 2."""
    lines = source.split("\n")
    if _INIT_LINE.fullmatch(lines[0]):
        lines = lines[1:]
    assert lines[0] == "xychart-beta", f"first line is {lines[0]!r}"
    assert len(lines) == 4, lines
    axis = re.fullmatch(r'    x-axis \[("[^"]*"(?:, "[^"]*")*)\]', lines[1])
    assert axis, f"x axis {lines[1]!r}"
    labels = re.findall(r'"([^"]*)"', axis.group(1))
    for label in labels:
        assert label.strip() and not any(bad in label for bad in ("#", ";", "%%", "<", ">", "`", "\r")), label
    assert lines[2] == '    y-axis "Mean feeling" -2 --> 2', lines[2]
    values = re.fullmatch(r"    line \[(.*)\]", lines[3])
    assert values, f"line {lines[3]!r}"
    numbers = [float(v) for v in values.group(1).split(", ")]
    assert len(numbers) == len(labels) >= 2 and all(-2 <= v <= 2 for v in numbers), lines[3]
    return Chart(labels, numbers)


def check_diagram(source: str) -> Journey | Chart:
    """A stage's journey or the emotion curve's chart, checked by its own grammar."""
    return check_xychart(source) if "xychart-beta" in source.split("\n", 2)[:2] else check_journey(source)


def raw_html(markdown: str | Document) -> list[str]:
    """Every piece of raw HTML, in a table cell or not (there must be none)."""
    tokens = markdown.tokens if isinstance(markdown, Document) else MD.parse(markdown)
    found = [tok.content for tok in tokens if tok.type == "html_block"]
    return found + [c.content for tok in tokens for c in tok.children or [] if c.type == "html_inline"]
