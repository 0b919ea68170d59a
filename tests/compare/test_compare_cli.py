"""`workshop compare A B`: Markdown by default, JSON for scripts, a file with --out, pairs by hand,
either side taken as it was at an earlier point, and clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from workshop.cli import app as workshop_app
from workshop.cli.context import ErrorReportingGroup
from workshop.cli.history import register
from workshop.engine import Engine


def _app() -> typer.Typer:
    """The `workshop` command with these commands on it (whether or not it already has them)."""
    names = {c.name for c in workshop_app.registered_commands}
    if {"compare", "replay"} <= names:
        return workshop_app
    app = typer.Typer(cls=ErrorReportingGroup)

    @app.callback()
    def root() -> None:
        """workshop"""

    register(app)
    return app


@pytest.fixture
def two(engine: Engine) -> tuple[int, int]:
    a, _ = engine.create_workshop("Retur før", stages=["Kjøp", "Retur"])
    engine.add_touchpoint(a, "Skriver ut returlappen", stage="Retur", feeling=-2, pains=["Ingen skriver hjemme"])
    engine.add_touchpoint(a, "Leverer pakken på posten", stage="Retur", feeling=-1)
    b, _ = engine.create_workshop("Retur etter", stages=["kjøp", "retur"])
    engine.add_touchpoint(b, "Viser QR-kode på posten", stage="retur", feeling=1)
    engine.add_touchpoint(b, "Leverer pakken på posten.", stage="retur", feeling=1)
    return a, b


def _run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(_app(), [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result.output


def test_markdown_by_default_and_json_for_scripts(two: tuple[int, int]) -> None:
    a, b = two
    text = _run("compare", a, b)
    assert text.startswith("# Then and now: Retur før → Retur etter")
    assert "T2 → T2 Leverer pakken på posten. |" in text  # a full stop needs no backslash
    data = json.loads(_run("compare", a, b, "--json"))
    assert data["feelings_moved"] == [{"then": "T2", "now": "T2", "from": -1, "to": 1}]
    assert data["only_then"] == ["T1"] and data["only_now"] == ["T1"]


def test_pairs_by_hand_and_an_earlier_point(two: tuple[int, int]) -> None:
    a, b = two
    data = json.loads(_run("compare", a, b, "--pair", "T1=T1", "--json"))
    assert {"pain": "Ingen skriver hjemme", "then": "T1", "now": "T1"} in data["pains_gone"]
    # A compared with itself as it was after its second event: the second touchpoint is new now.
    data = json.loads(_run("compare", a, a, "--then-at", "2", "--json"))
    assert data["only_now"] == ["T2"] and data["only_then"] == []


def test_out_writes_the_file(two: tuple[int, int], tmp_path: Path) -> None:
    a, b = two
    out = tmp_path / "sammenligning.md"
    assert _run("compare", a, b, "--out", out) == ""
    assert out.read_text(encoding="utf-8").startswith("# Then and now:")


def test_refusals_name_the_field_and_exit_non_zero(two: tuple[int, int], tmp_path: Path) -> None:
    a, b = two
    assert "error: pair: give it as THEN=NOW" in _run("compare", a, b, "--pair", "T1", code=3)
    assert "error: pair: no touchpoint T9" in _run("compare", a, b, "--pair", "T1=T9", code=4)
    assert "error: at: there is no event 99" in _run("compare", a, b, "--then-at", "99", code=3)
    assert "error: workshop: no workshop 'ingen'" in _run("compare", a, "ingen", code=4)
    assert "error: out: the folder" in _run("compare", a, b, "--out", tmp_path / "nei" / "x.md", code=11)


def test_replay_of_an_unknown_workshop_is_refused(two: tuple[int, int]) -> None:
    assert "error: workshop: no workshop 'ingen'" in _run("replay", "ingen", code=4)


def test_the_view_is_refused_with_options_it_cannot_show(two: tuple[int, int]) -> None:
    a, b = two
    assert "error: tui: --tui shows both workshops as they are now" in _run("compare", a, b, "--tui", "--json", code=3)
    assert "error: pair: no touchpoint T9" in _run("compare", a, b, "--tui", "--pair", "T1=T9", code=4)
