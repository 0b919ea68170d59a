"""Each Markdown export as a wiki page shows it at 920 px, in a real browser with GitHub's parser,
GitHub's Markdown CSS and the real Mermaid: every diagram at most 1,000 px wide and no wider than
the column, no label clipped and each label's text whole in the drawing, no table wider than the
column, and at a glance within the first screen. For the demo, the room's Nordic workshop, a six-
stage workshop of 40 touchpoints with long Norwegian names, and hostile text in every field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from export_checks import Chart, check_diagram, mermaid_blocks
from export_workshop import Texts, build, build_long
from test_real_tools import HOSTILE_NAME, HOSTILE_NOTE
from wiki_page import PAGE_WIDTH, SCREEN_HEIGHT, Page, Wiki, wiki_browser

from workshop.demo import build_demo
from workshop.engine import open_engine
from workshop.export import render

MAX_DIAGRAM_PX = 1000


@pytest.fixture(scope="module")
def wiki() -> Iterator[Wiki]:
    with wiki_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The exports to show, by name: workshop/what/fence."""
    engine = open_engine(str(Path(tmp_path_factory.mktemp("wiki")) / "workshop.db"))
    built = {
        "demo": build_demo(engine, today=dt.date(2026, 3, 2)),
        "long": build_long(engine),
        "nordic": build(engine),
        "hostile": build(engine, Texts(hostile_name=HOSTILE_NAME, hostile_note=HOSTILE_NOTE)),
    }
    out = {}
    for name, wid in built.items():
        state, events = engine.load(wid), engine.events(wid)
        for what, fence in (("journey", "backticks"), ("journey", "azure"), ("journey", "none"),
                            ("report", "backticks"), ("backlog", "backticks")):
            out[f"{name}/{what}/{fence}"] = render(what, state, events, mermaid=fence)
    yield out
    engine.store.close()


def _labels(source: str) -> list[str]:
    """Every label a diagram's source gives Mermaid to draw."""
    diagram = check_diagram(source)
    if isinstance(diagram, Chart):
        return diagram.labels
    return [name for name, tasks in diagram.sections for name in [name, *(task for task, _, _ in tasks)]]


def _check(page: Page, markdown: str, name: str) -> None:
    sources = mermaid_blocks(markdown)
    assert len(page.diagrams) == len(sources), name
    for n, (diagram, source) in enumerate(zip(page.diagrams, sources, strict=True), 1):
        where = f"{name}, diagram {n}"
        assert not diagram.error, f"{where}: {diagram.text[:300]}"
        assert diagram.kind in ("journey", "xychart"), where
        assert 0 < diagram.natural_width <= MAX_DIAGRAM_PX, f"{where}: {diagram.natural_width} px"
        assert diagram.shown_width <= page.column + 0.5, f"{where}: {diagram.shown_width} px shown"
        # Shown at nine tenths of its size at least: labels stay readable at normal zoom.
        assert diagram.shown_width >= 0.85 * diagram.natural_width, where
        assert diagram.clipped == [], f"{where}: clipped {diagram.clipped}"
        drawn = diagram.text.split("\n")
        for label in _labels(source):
            assert label in drawn, f"{where}: {label!r} not drawn whole"
    for table in page.tables:
        assert table["scroll"] <= table["width"], f"{name}: table under {table['heading']!r} overflows"
        assert len(table["header"]) <= 6, f"{name}: {table['header']}"
    assert page.widest <= 0.5, f"{name}: something reaches {page.widest} px past the column"
    if "/backlog/" not in name:
        assert page.glance_bottom is not None and page.glance_bottom <= SCREEN_HEIGHT, \
            f"{name}: at a glance ends at {page.glance_bottom} px"


@pytest.mark.parametrize("workshop", ["demo", "long", "nordic", "hostile"])
def test_every_export_reads_well_on_a_wiki_page_of_920_px(wiki: Wiki, exports: dict[str, str], workshop: str) -> None:
    for name, markdown in exports.items():
        if name.startswith(workshop + "/"):
            page = wiki.show(markdown)
            assert page.column == PAGE_WIDTH - 90, "GitHub's column at 920 px"
            _check(page, markdown, name)
            if workshop != "hostile":
                # No escape and no HTML shows through: the page holds no backslash and no <br>.
                assert "\\" not in page.text and "<br" not in page.text, name


def test_the_demo_journey_shows_its_curve_its_stages_and_the_weakest_link_first(wiki: Wiki, exports) -> None:
    page = wiki.show(exports["demo/journey/backticks"])
    kinds = [d.kind for d in page.diagrams]
    assert kinds[0] == "xychart" and kinds[1:] == ["journey"] * (len(kinds) - 1) and len(kinds) >= 6
    first_screen = page.text[: page.text.index("Brief")]
    assert "Weakest link: S4 Kundeservice" in first_screen and "Top pilots, best first (3 of 3):" in first_screen
    for stage in ("S1 Markedsføring", "S2 Salg"):
        assert any(stage in d.text.split("\n") for d in page.diagrams[1:]), stage
