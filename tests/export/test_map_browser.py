"""The printable journey map in a real browser (Debian's Chromium, driven by Playwright): the
demo's map prints on one A3 sheet in landscape and never runs wider than the sheet, every
touchpoint reads as typed, hostile text in every field creates no element and runs nothing, and
loading the page asks the network for nothing. Skipped, saying why, where Chromium cannot run,
except on CI (CI=true), where that is a failure (see tests/chromium.py)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import ARGS, CHROMIUM, chromium
from export_workshop import Texts, build

from workshop.demo import build_demo
from workshop.engine import Engine
from workshop.export import render

A3 = {"width": 1587, "height": 1123}
"""An A3 sheet in landscape at CSS's 96 pixels to the inch."""
PRINTABLE = {"width": 1528, "height": 1062}
"""What of it the map's @page margins (8 mm) leave."""

HOSTILE = ("<img src=x onerror=\"window.pwned=1\"> </script><script>window.pwned=2</script> {{ 7*7 }} "
           "<svg onload=\"window.pwned=3\"></svg> <a href=\"javascript:window.pwned=4\">lenke</a> "
           "<style>body{display:none}</style> <!-- x --> &amp; æøå 🙂 שלום")


class Browser:
    """One Chromium for the module; every page it opens may load its own file and nothing else."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser

    def open(self, content: str, tmp_path: Path, viewport: dict[str, int] = A3,
             name: str = "map.html") -> tuple[Any, list[str], list[str]]:
        """The page showing `content` from a file called `name`, the addresses it asked for
        beyond that file, and the dialogs and script errors it raised."""
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        page = self.browser.new_page(viewport=viewport)
        asked: list[str] = []
        trouble: list[str] = []

        def route(request_route: Any) -> None:
            url = request_route.request.url
            if url == path.as_uri():
                request_route.continue_()
            else:
                asked.append(url)
                request_route.abort()

        page.route("**/*", route)
        page.on("request", lambda r: asked.append(r.url) if r.url != path.as_uri() else None)
        page.on("dialog", lambda d: (trouble.append(f"dialog {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: trouble.append(str(e)))
        page.goto(path.as_uri(), wait_until="load")
        return page, asked, trouble


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium(lambda playwright: playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS,
                                                                headless=True)) as started:
        yield Browser(started)
        started.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from workshop.engine import open_engine

    engine = open_engine(str(tmp_path_factory.mktemp("demo") / "workshop.db"))
    wid = build_demo(engine, today=dt.date(2026, 12, 1))
    yield engine.load(wid)
    engine.store.close()


def _widths(page: Any) -> dict[str, float]:
    return page.evaluate("""() => ({
        scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
        widest: Math.max(...[...document.querySelectorAll('body *')].map(e => e.getBoundingClientRect().right)),
        height: document.body.getBoundingClientRect().height})""")


def test_the_demo_map_prints_on_one_a3_sheet_and_never_runs_wider(browser, demo, tmp_path) -> None:
    page, asked, trouble = browser.open(render("map", demo), tmp_path)
    widths = _widths(page)
    assert widths["scroll"] <= widths["client"] == A3["width"]
    assert widths["widest"] <= A3["width"]
    pdf = page.pdf(format="A3", landscape=True, print_background=True, prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1
    page.emulate_media(media="print")
    page.set_viewport_size(PRINTABLE)
    printed = _widths(page)
    assert printed["scroll"] <= printed["client"] == PRINTABLE["width"]
    assert printed["height"] <= PRINTABLE["height"], "the demo's map runs past one sheet"
    assert asked == [] and trouble == []


def test_every_touchpoint_reads_as_typed_in_its_stage_column(browser, demo, tmp_path) -> None:
    page, _, _ = browser.open(render("map", demo), tmp_path)
    seen = page.evaluate("document.body.innerText")
    for tp in demo.touchpoints:
        assert tp.text in seen, tp.ref
        for pain in tp.pains:
            assert pain in seen
    # The touchpoints stand in journey order, left to right, under their stage.
    columns = page.evaluate("""() => [...document.querySelectorAll('.journey .words')].map(e => [
        e.textContent, e.getBoundingClientRect().left])""")
    assert [text for text, _ in columns] == [tp.text for tp in demo.journey()]
    lefts = [left for _, left in columns]
    assert lefts == sorted(lefts)
    # One point of the curve per rated touchpoint, each above its own column.
    points = page.evaluate("""() => [...document.querySelectorAll('.curve .dot')].map(e => {
        const r = e.getBoundingClientRect(); return (r.left + r.right) / 2; })""")
    cells = page.evaluate("""() => [...document.querySelectorAll('.journey .words')].map(e => {
        const r = e.parentElement.getBoundingClientRect(); return [r.left, r.right]; })""")
    rated = [i for i, tp in enumerate(demo.journey()) if tp.feeling is not None]
    assert len(points) == len(rated)
    for x, i in zip(points, rated, strict=True):
        assert cells[i][0] < x < cells[i][1]


def test_hostile_text_in_every_field_creates_nothing_and_runs_nothing(browser, engine: Engine, tmp_path) -> None:
    state = engine.load(build(engine, Texts(hostile_name=HOSTILE.replace("\n", " ")[:180], hostile_note=HOSTILE)))
    page, asked, trouble = browser.open(render("map", state), tmp_path)
    found = page.evaluate("""() => ({
        pwned: window.pwned === undefined ? null : window.pwned,
        scripts: document.scripts.length, images: document.images.length, links: document.links.length,
        styles: document.querySelectorAll('style').length, svgs: document.querySelectorAll('svg').length,
        handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
        shown: getComputedStyle(document.body).display, text: document.body.innerText})""")
    assert found["pwned"] is None
    assert (found["scripts"], found["images"], found["links"], found["styles"], found["svgs"], found["handlers"]) == \
        (0, 0, 0, 1, 1, 0)
    assert found["shown"] == "block"
    assert found["text"].count(HOSTILE) >= 10
    assert "49" not in found["text"]
    assert asked == [] and trouble == []
    widths = _widths(page)
    assert widths["scroll"] <= widths["client"]


def test_the_curve_alone_opens_as_an_image_with_nothing_to_fetch(browser, demo, tmp_path) -> None:
    page, asked, trouble = browser.open(render("curve", demo), tmp_path, viewport={"width": 1600, "height": 900},
                                          name="curve.svg")
    drawn = page.evaluate("""() => ({
        root: document.documentElement.tagName, points: document.querySelector('polyline').points.length,
        width: document.documentElement.getBoundingClientRect().width})""")
    assert drawn["root"] == "svg"
    assert drawn["points"] == sum(1 for tp in demo.touchpoints if tp.feeling is not None)
    assert drawn["width"] == 1600
    assert asked == [] and trouble == []
