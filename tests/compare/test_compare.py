"""Comparing two workshops on the same journey: what matched, what moved, and the Markdown a wiki
shows (rendered with GitHub's parser when it is installed, else read with markdown-it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from compare_workshops import Pair
from markdown_it import MarkdownIt

from workshop.compare import compare, compare_markdown, to_json
from workshop.domain.errors import InvalidInput, NotFound
from workshop.engine import Engine

GFM_CHECK = Path(__file__).resolve().parents[2].parent / "shared" / "tools" / "gfm-check"


def _matched(result, then_ref: str):
    found = [p for p in result.touchpoints if p.a.ref == then_ref]
    return found[0] if found else None


def test_stages_match_by_name_whatever_the_case(pair: Pair) -> None:
    result = compare(pair.then, pair.now)
    names = {(p.a.name if p.a else None, p.b.name if p.b else None) for p in result.stages}
    assert ("Salg", "SALG") in names
    assert ("Kundeoppfølging", None) in names and (None, "Oppfølging") in names
    assert (None, "Retur") in names


def test_touchpoints_match_by_text_similar_text_and_moved_stage(pair: Pair) -> None:
    result = compare(pair.then, pair.now)
    assert _matched(result, "T1").b.ref == pair.now_ref("Jeg ser en annonse")
    reworded = _matched(result, "T4")
    assert reworded.b.ref == pair.now_ref("Jeg har lagt jord") and reworded.how == "similar text"
    moved = _matched(result, "T7")
    assert (moved.how, moved.stage_a, moved.stage_b) == ("moved stage", "Salg", "Levering og bruk")
    assert [tp.ref for tp in result.only_a] == ["T5", "T15"]
    assert {tp.text[:20] for tp in result.only_b} == {
        "Jeg får SMS om at pa", "Chatboten gir meg en", "Jeg vil sende tilbak"}


def test_pairs_by_hand_match_what_the_text_cannot(pair: Pair) -> None:
    chat = pair.now_ref("Chatboten gir meg")
    result = compare(pair.then, pair.now, pairs=[("t15", chat), ("S5", "S6")])
    by_hand = _matched(result, "T15")
    assert by_hand.b.ref == chat and by_hand.how == "paired by hand"
    assert (by_hand.a.feeling, by_hand.b.feeling) == (-1, 0)
    follow_up = [p for p in result.stages if p.a and p.a.name == "Kundeoppfølging"][0]
    assert follow_up.b.name == "Oppfølging" and follow_up.how == "paired by hand"
    # With the stages paired, their touchpoints match as the same text in the same stage.
    assert _matched(result, "T19").how == "same text"


def test_feelings_pains_and_moments_that_moved(pair: Pair) -> None:
    result = compare(pair.then, pair.now)
    moved = {p.a.ref: (p.a.feeling, p.b.feeling) for p in result.feelings_moved}
    assert moved == {"T3": (-1, 1), "T4": (-2, -1), "T8": (-2, 0), "T10": (-2, -1), "T14": (-2, -1)}
    assert abs(result.feelings_moved[0].b.feeling - result.feelings_moved[0].a.feeling) == 2
    gone = {(x.text, x.then.ref, x.now.ref if x.now else None) for x in result.pains_gone}
    assert ("Leveringstiden vises først i kassen", "T4", pair.now_ref("Jeg har lagt jord")) in gone
    assert ("Ingen side forklarer leveringstiden for hver varetype", "T3", pair.now_ref("Jeg søker")) in gone
    assert ("Store varer kan ikke sendes til hentested", "T5", None) in gone
    new = {(x.text, x.then.ref if x.then else None) for x in result.pains_new}
    assert new == {("Datoen endres når jeg legger til en vare til", "T4"),
                   ("Returskjemaet ligger bak innlogging", None)}
    assert [(a, b.text[:12]) for a, b in result.moments_new] == [(None, "Jeg får SMS ")]
    assert [(a.ref, b.ref if b else None) for a, b in result.moments_lost] == [("T10", pair.now_ref("Sjåføren"))]


def test_weakest_link_then_and_now(pair: Pair) -> None:
    # Then: customer service and follow-up both average −4/3; customer service has more painful
    # touchpoints. Now customer service has improved and follow-up is left at the bottom.
    result = compare(pair.then, pair.now)
    assert result.weakest_a.stage.name == "Kundeservice"
    assert result.weakest_b.stage.name == "Oppfølging"


def test_pilots_carried_over_by_name_or_concept(pair: Pair) -> None:
    result = compare(pair.then, pair.now)
    carried = {(p.a.name, p.b.name, p.how) for p in result.pilots}
    assert carried == {
        ("Forsinkelsesvarsel i Innlandet", "forsinkelsesvarsel i  Innlandet", "same text"),
        ("Leveringsdato på jord og gjødsel", "Leveringsdato på alle hagevarer", "same concept"),
    }
    assert [p.name for p in result.pilots_only_a] == ["Planteeske fra Moelv"]
    assert [p.name for p in result.pilots_only_b] == ["Tidsvindu for hytteeiere"]


def test_bad_pairs_are_refused_naming_the_pair(pair: Pair) -> None:
    with pytest.raises(NotFound, match="^pair: no touchpoint T99 in 'Lyngvik Hage: ett år etter'"):
        compare(pair.then, pair.now, pairs=[("T1", "T99")])
    with pytest.raises(InvalidInput, match="^pair: T1=S2"):
        compare(pair.then, pair.now, pairs=[("T1", "S2")])
    with pytest.raises(InvalidInput, match="paired more than once"):
        compare(pair.then, pair.now, pairs=[("T1", "T2"), ("T3", "T2")])


def test_json_names_what_moved(pair: Pair) -> None:
    data = to_json(compare(pair.then, pair.now))
    assert data["weakest_then"]["stage"] == "Kundeservice" and data["weakest_now"]["stage"] == "Oppfølging"
    assert {"then": "T10", "now": pair.now_ref("Sjåføren")} in data["moments_lost"]
    assert data["only_then"] == ["T5", "T15"]


def _cells(markdown: str, heading: str) -> list[list[str]]:
    """The body rows of the table under `heading`, as the text a reader sees."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows, under, row = [], False, None
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            under = tokens[i + 1].content == heading
        elif under and tok.type == "tr_open":
            row = []
        elif under and tok.type == "inline" and row is not None:
            row.append(tok.content)
        elif under and tok.type == "tr_close":
            rows.append(row)
            row = None
        elif under and tok.type == "table_close":
            break
    return rows[1:]


def test_markdown_shows_what_moved(pair: Pair) -> None:
    text = compare_markdown(compare(pair.then, pair.now))
    assert text.startswith("# Then and now: ")
    feelings = _cells(text, "Feelings that moved")
    assert len(feelings) == 5
    assert feelings[0][0].startswith("T3 → ") or feelings[0][0].startswith("T8 → ")
    assert "**Then:** Kundeservice" in text and "**Now:** Oppfølging" in text
    stages = {row[0]: row for row in _cells(text, "Stages")}
    assert stages["Salg → SALG"][1:3] == ["4", "2"]
    assert "Retur (only now)" in stages
    moments = text.split("## Moments of truth")[1].split("##")[0]
    assert "**New:** " in moments and "**No longer:** T10" in moments


def test_markdown_keeps_hostile_text_literal_on_githubs_parser(engine: Engine, tmp_path: Path) -> None:
    hostile = "Pipe | *stjerne* <b>fet</b> [lenke](http://x.no) `kode` # ikke overskrift"
    a, _ = engine.create_workshop("Før | *da*", stages=["Kjøp <i>nå</i>"])
    b, _ = engine.create_workshop("Etter [nå](http://x)", stages=["kjøp <i>nå</i>"])
    engine.add_touchpoint(a, hostile, stage="1", feeling=-2, pains=["Smerte | med *rør*"], moment_of_truth=True)
    engine.add_touchpoint(b, hostile + "!", stage="1", feeling=1, pains=["Ny <script>smerte</script>"])
    engine.add_touchpoint(b, "Linje én\nLinje to | ø", stage="1", pains=["@kari følger opp"])
    text = compare_markdown(compare(engine.load(a), engine.load(b)))
    assert _cells(text, "Feelings that moved")[0][0].startswith("T1 → T1 Pipe ")
    file = tmp_path / "compare.md"
    file.write_text(text, encoding="utf-8")
    if not GFM_CHECK.exists() or not shutil.which("cmark-gfm"):
        pytest.skip("cmark-gfm (GitHub's parser) is not installed")
    html = subprocess.run([str(GFM_CHECK), str(file)], capture_output=True, text=True, check=True).stdout
    for tag in ("<em>", "<a ", "<b>", "<i>", "<script", "<code>", "<h1>Before"):
        assert tag not in html
    assert "Pipe | *stjerne* &lt;b&gt;fet&lt;/b&gt; [lenke](http://x.no) `kode` # ikke overskrift" in html
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    assert html.count("<tr>") == len(rows), "a table row broke"
