"""The exports through the real renderers: cmark-gfm (GitHub's Markdown parser) must show hostile
text as text with every table intact, and the real Mermaid must parse every diagram.

The tools live in ../shared/tools beside the repository (CI has them, with network for npm);
without them these tests are skipped, saying so."""

from __future__ import annotations

import random
import re
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import TOOLS
from export_checks import mermaid_blocks
from export_workshop import Texts, build
from test_escaping import TOKENS

from workshop.domain.model import Persona, Stage, Touchpoint, WorkshopState
from workshop.export import diagrams, render

GFM = TOOLS / "gfm-check"
MERMAID = TOOLS / "mermaid-check"
needs_tools = pytest.mark.skipif(
    not (GFM.exists() and MERMAID.exists()),
    reason=f"the shared checkers are not at {TOOLS} (gfm-check, mermaid-check)",
)

HOSTILE_NAME = "| \\ *a* _b_ <i>x</i> & #h : ; , [l](u) ![i](b.png) `c` æøå 🙂 שלום \u200b ola@nav.no www.vg.no %% title"
HOSTILE_NOTE = (HOSTILE_NAME + " ~~s~~ &amp; &#35; <br> <script>x</script> http://nav.no <http://x.no>\n- liste\n"
                "# overskrift\n\n\n    kode\n\t tab \n1. en\n> sitat\n---\n|a|b|\n|-|-|\n```\ntitle x\nsection y\n"
                "journey z\n%% c\n===")


class Html(HTMLParser):
    """Tags, raw `<br>` outside cells, and the cells of every table row of rendered HTML."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.open: list[str] = []
        self.tables: list[list[int]] = []
        for match in re.finditer(r"<br>", source):  # raw HTML passes through as typed
            before = source[: match.start()]
            assert before.rfind("<td") > before.rfind("</td>") or before.rfind("<th") > before.rfind("</th>"), \
                "raw <br> outside a table cell"
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append(0)
        elif tag in ("td", "th"):
            self.tables[-1][-1] += 1


def gfm(path: Path) -> str:
    done = subprocess.run([str(GFM), "--unsafe", str(path)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


@needs_tools
def test_github_shows_hostile_text_as_text_with_every_table_intact(engine, tmp_path: Path) -> None:
    hostile = engine.load(build(engine, Texts(hostile_name=HOSTILE_NAME, hostile_note=HOSTILE_NOTE)))
    plain = engine.load(build(engine))
    for what in ("journey", "backlog", "report"):
        (tmp_path / f"hostile-{what}.md").write_text(render(what, hostile, engine.events(hostile.id)), encoding="utf-8")
        (tmp_path / f"plain-{what}.md").write_text(render(what, plain, engine.events(plain.id)), encoding="utf-8")
        shown = gfm(tmp_path / f"hostile-{what}.md")
        bad = Html(shown)
        good = Html(gfm(tmp_path / f"plain-{what}.md"))
        for tag in ("a", "img", "em", "del", "script", "i", "b", "code"):
            assert bad.tags[tag] == good.tags[tag], f"{what}: <{tag}> from user text"
        assert bad.tags - Counter(br=bad.tags["br"]) == good.tags - Counter(br=good.tags["br"]), what
        assert bad.tables == good.tables, f"{what}: rows or columns changed"
        for table in bad.tables:
            assert len(set(table)) == 1, f"{what}: a row with another number of cells"
        # What was typed is shown as text.
        assert "&lt;i&gt;x&lt;/i&gt;" in shown and "[l](u)" in shown and "ola@\u2060nav.no" in shown


def _states(seed: int, count: int) -> list[WorkshopState]:
    """Small journeys named with hostile strings, many of them, all different."""
    rng = random.Random(seed)
    pieces = TOKENS + ["Åse", "Ødegård", "kø", "🙂", "title", "section x", "journey", "accDescr {"]

    def text(n: int) -> str:
        return "".join(rng.choice(pieces) for _ in range(rng.randint(1, n)))

    states = []
    for i in range(count):
        stages = (Stage("S1", text(6), 1), Stage("S2", text(6), 2), Stage("S3", "tom", 3))
        personas = (Persona("R1", text(5)),)
        tps = tuple(
            Touchpoint(f"T{n}", rng.choice(["S1", "S2"]), n, text(12), persona=rng.choice(["R1", None]),
                       feeling=rng.choice([-2, -1, 0, 1, 2, None]))
            for n in range(1, 5)
        )
        states.append(WorkshopState(i, f"{i:016x}", f"w{i}", text(8), stages=stages, personas=personas,
                                    touchpoints=tps))
    return states


@needs_tools
def test_the_real_mermaid_parses_every_diagram_made_from_hostile_names(engine, tmp_path: Path) -> None:
    sources = []
    for state in _states(2025, 150):
        sources += diagrams.journeys(state)
        chart = diagrams.curve_chart(state)
        if chart:
            sources.append(chart)
    hostile = engine.load(build(engine, Texts(hostile_name=HOSTILE_NAME, hostile_note=HOSTILE_NOTE)))
    parts = [f"```mermaid\n{d}\n```" for d in sources]
    exports = [render("journey", hostile), render("report", hostile, engine.events(hostile.id), mermaid="azure")]
    parts += exports
    path = tmp_path / "diagrams.md"
    path.write_text("\n\n".join(parts), encoding="utf-8")
    # One call for all of them: each call starts Node (and the first installs Mermaid).
    done = subprocess.run([str(MERMAID), str(path)], capture_output=True, text=True, timeout=900)
    lines = [line for line in done.stdout.splitlines() if line.startswith("diagram ")]
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert len(lines) == len(sources) + sum(len(mermaid_blocks(text)) for text in exports)
    assert all(line.endswith(("ok (journey)", "ok (xychart)")) for line in lines), done.stdout[-3000:]
    assert sum(line.endswith("ok (xychart)") for line in lines) > 50
