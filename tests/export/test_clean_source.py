"""The Markdown source reads cleanly and shows the same everywhere: a plain sentence keeps no
backslash, no raw HTML appears at all, GitHub's parser (cmark-gfm) shows exactly what
markdown-it-py shows with raw HTML off, and hostile text stays text in GitHub's parser too, with
its autolinks and strikethrough on."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from export_checks import raw_html, seen
from export_workshop import Texts, build, build_long
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from test_escaping import NAMES, NOTES, stored_name, stored_note
from test_real_tools import HOSTILE_NAME, HOSTILE_NOTE
from wiki_page import gfm

from workshop.demo import build_demo
from workshop.domain.model import WorkshopState
from workshop.engine import open_engine
from workshop.export import render
from workshop.export.text import cell, inline, one_line

SAFE = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
"""markdown-it-py as a safe-mode wiki runs it: tables and strikethrough on, raw HTML off."""

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "pre"}


class Blocks(HTMLParser):
    """The text of each block of rendered HTML, in document order: what a reader sees, block by
    block (a list item's own text apart from the items nested in it). A task list's checkbox
    reads as `[ ]` or `[x]`, as a parser without task lists shows it."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[str]] = []
        self.tags: Counter[str] = Counter()
        self._open: list[int] = []
        self.feed(source)
        self.close()

    def _add(self, text: str) -> None:
        if self._open:
            self.blocks[self._open[-1]][1] += text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        if tag == "input":
            self._add("[x] " if any(name == "checked" for name, _ in attrs) else "[ ] ")
        elif tag in BLOCKS:
            self._open.append(len(self.blocks))
            self.blocks.append([tag, ""])

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        self._add(data)

    def text(self) -> list[tuple[str, str]]:
        """The blocks with white space as a browser shows it."""
        return [(tag, re.sub(r"\s+", " ", text).strip()) for tag, text in self.blocks]


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    engine = open_engine(str(Path(tmp_path_factory.mktemp("clean")) / "workshop.db"))
    built = {"demo": build_demo(engine, today=dt.date(2026, 3, 2)), "nordic": build(engine), "long": build_long(engine),
             "hostile": build(engine, Texts(hostile_name=HOSTILE_NAME, hostile_note=HOSTILE_NOTE))}
    out = {}
    for name, wid in built.items():
        state, events = engine.load(wid), engine.events(wid)
        for what in ("journey", "report", "backlog"):
            for fence in ("backticks", "azure", "none"):
                out[f"{name}/{what}/{fence}"] = render(what, state, events, mermaid=fence)
    yield out
    engine.store.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkshopState]:
    """The demo workshop itself, to find its sentences in its exports."""
    engine = open_engine(str(Path(tmp_path_factory.mktemp("demo")) / "workshop.db"))
    yield engine.load(build_demo(engine, today=dt.date(2026, 3, 2)))
    engine.store.close()


# a plain sentence keeps no backslash -----------------------------------------------------------

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåäöéüABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789", min_size=1,
               max_size=12)
JOIN = st.sampled_from([" ", " ", " ", ", ", ". ", ": ", "? ", "! ", "; ", " – ", "-", " (", ") ", " «", "» ", "'",
                        " %", " / ", " + ", " = ", " & "])
SENTENCE = st.tuples(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ", min_size=1, max_size=1),
                     st.lists(st.tuples(WORD, JOIN), max_size=12), WORD,
                     st.sampled_from([".", "?", "!", ":", ""])).map(
    lambda p: p[0] + "".join(w + j for w, j in p[1]) + p[2] + p[3])


@settings(max_examples=400, deadline=None)
@given(SENTENCE)
def test_a_plain_sentence_is_written_as_it_was_typed(sentence: str) -> None:
    for written in (inline(sentence), inline(sentence, start=False), cell(sentence), one_line(sentence)):
        assert written == sentence


def test_no_sentence_of_the_demo_carries_a_backslash_and_no_export_any_html(exports, demo: WorkshopState) -> None:
    for name, markdown in exports.items():
        assert raw_html(markdown) == [], name
        if name.startswith(("demo/", "nordic/", "long/")):
            assert "<br" not in markdown, name
            # The one backslash left is ours: a hard line break at the end of a line.
            for line in markdown.split("\n"):
                assert line.count("\\") == (1 if line.endswith("\\") else 0), f"{name}: {line!r}"
    journey = exports["demo/journey/backticks"]
    for tp in demo.touchpoints:
        assert tp.text in journey and all(pain in journey for pain in tp.pains)
    assert demo.challenge in journey and all(c.text in journey for c in demo.criteria)


# the same in GitHub's parser and in markdown-it-py with raw HTML off ---------------------------


def test_github_and_a_safe_markdown_it_show_the_same_text_block_by_block(exports) -> None:
    for name, markdown in exports.items():
        github = gfm(markdown)
        assert gfm(markdown, unsafe=False) == github, f"{name}: raw HTML would be dropped in safe mode"
        shown, safe = Blocks(github).text(), Blocks(SAFE.render(markdown)).text()
        assert len(shown) == len(safe), name
        for (tag_a, text_a), (tag_b, text_b) in zip(shown, safe, strict=True):
            assert (tag_a, text_a) == (tag_b, text_b), name


# hostile text stays text in GitHub's parser ---------------------------------------------------


def _document(note: str, name: str) -> str:
    """`note` in a list item after a label, at the start of a list item, in a paragraph and in a
    table cell; `name` in a heading."""
    return ("- **Label:** " + inline(note, indent=2, start=False) + "\n- " + inline(note, indent=2) + "\n\n"
            + inline(note) + "\n\n| A | B |\n| --- | --- |\n| " + cell(note) + " | x |\n\n## " + one_line(name) + "\n")


SKELETON = Blocks(gfm(_document("v", "n")))


@settings(max_examples=300, deadline=None)
@given(NOTES, NAMES)
def test_hostile_text_renders_as_exactly_that_text_in_githubs_parser(note: str, name: str) -> None:
    note, name = stored_note(note), stored_name(name)
    shown = Blocks(gfm(_document(note, name)))
    # No element from user text: only the skeleton's, and a line break per line break in the text
    # (a hard break in the list items and the paragraph; a line feed in the cell).
    assert shown.tags - Counter(br=shown.tags["br"]) == SKELETON.tags, (note, shown.tags)
    assert shown.tags["br"] == 3 * note.count("\n")
    assert [(tag, seen(text)) for tag, text in shown.blocks] == [
        ("li", f"Label: {note}"), ("li", note), ("p", note), ("th", "A"), ("th", "B"), ("td", note), ("td", "x"),
        ("h2", name)]
