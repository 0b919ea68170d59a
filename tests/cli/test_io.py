"""Export, import and the event log from the command line, and the promise that commands which do
not open the terminal interface never load Textual, nor any but `serve` the web server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def test_export_prints_markdown_with_the_chosen_fence(run, shop) -> None:
    plain = run("export", shop, "--what", "journey").stdout
    assert "```mermaid" in plain and "Jeg venter på pakken i ti dager" in plain
    azure = run("export", shop, "--what", "journey", "--mermaid", "azure").stdout
    assert "::: mermaid" in azure and "```mermaid" not in azure
    confluence = run("export", shop, "--what", "journey", "--mermaid", "none").stdout
    assert "mermaid" not in confluence
    assert "Varsel" in run("export", shop, "--what", "backlog").stdout
    assert run("export", shop, "--what", "csv").stdout.startswith("Summary,")


def test_export_out_writes_the_file_whole(run, shop, tmp_path: Path) -> None:
    out = tmp_path / "reise.md"
    out.write_text("old contents", encoding="utf-8")
    result = run("export", shop, "--what", "report", "--out", out)
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == run("export", shop, "--what", "report").stdout
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("where", ["missing/reise.md", "."])
def test_export_to_a_place_that_cannot_be_written_is_refused(run, shop, tmp_path: Path, where) -> None:
    result = run("export", shop, "--out", tmp_path / where, code=11)
    assert result.stderr.startswith("error: out:")
    assert not (tmp_path / "missing").exists()


def test_an_archive_round_trips_and_a_bad_one_changes_nothing(run, run_json, snapshot, shop, tmp_path) -> None:
    archive = tmp_path / "verksted.json"
    run("export", shop, "--what", "json", "--out", archive)
    made = run_json("import", archive)
    # The same database already holds the original: the copy gets a fresh uid and slug.
    assert made["id"] == 2 and made["slug"] != shop and made["changed"] == ["uid", "slug"]
    original, copy = snapshot(shop), snapshot(made["slug"])
    assert copy[1] == original[1]
    assert copy[0].touchpoints == original[0].touchpoints and copy[0].pilots == original[0].pilots

    listed_before = run_json("list")
    for content, code, field in ((b"{ikke json", 3, "archive"), (b"\xff\xfe\x00", 3, "file"),
                                 (json.dumps({"format": "noe annet"}).encode(), 3, "format")):
        bad = tmp_path / "feil.json"
        bad.write_bytes(content)
        result = run("import", bad, code=code)
        assert result.stderr.startswith(f"error: {field}"), result.stderr
    assert run_json("list") == listed_before


def test_log_lines_read_seq_time_actor_summary(run, shop) -> None:
    run("--actor", "Åse Ødegård", "edit", "touchpoint", shop, "T1", "--feeling", "-1")
    lines = run("log", shop).stdout.splitlines()
    assert lines[0].split() == ["SEQ", "TIME", "ACTOR", "SUMMARY"]
    last = lines[-1]
    assert last.split()[0] == str(len(lines) - 1)
    assert "Åse Ødegård" in last and "edited touchpoint T1" in last


def _loaded_modules(*args: str, db: Path, roots: tuple[str, ...] = ("textual",)) -> list[str]:
    env = {**os.environ, "WORKSHOP_DB": str(db)}
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "workshop", *args],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    modules = [line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if "|" in line]
    assert "workshop.cli" in modules  # the import log was read
    return [m for m in modules if m.split(".")[0] in roots]


def _textual_modules(*args: str, db: Path) -> list[str]:
    return _loaded_modules(*args, db=db)


WEB_SERVER = ("starlette", "uvicorn", "jinja2", "segno", "psutil")


def test_commands_without_the_tui_never_load_textual(shop, db_path) -> None:
    assert _textual_modules("list", db=db_path) == []
    assert _textual_modules("export", shop, "--what", "report", db=db_path) == []
    assert _textual_modules("demo", "--no-tui", db=db_path) == []
    assert _textual_modules("timer", shop, "start", db=db_path) == []
    assert _textual_modules("timer", shop, "show", "--json", db=db_path) == []


def test_commands_other_than_serve_never_load_the_web_server(shop, db_path) -> None:
    for args in (("list",), ("show", shop, "--json"), ("edit", "rules", shop, "--open-join"),
                 ("export", shop, "--what", "report"), ("serve", "--help")):
        assert _loaded_modules(*args, db=db_path, roots=WEB_SERVER) == [], args
    assert _loaded_modules("serve", "--help", db=db_path) == []  # nor Textual


def test_export_at_an_earlier_event_shows_the_workshop_as_it_was(run, shop) -> None:
    earlier = run("export", shop, "--what", "journey", "--at", "1").stdout
    assert "Jeg venter på pakken i ti dager" not in earlier
    assert "Jeg venter på pakken i ti dager" in run("export", shop, "--what", "journey").stdout
    assert run("export", shop, "--at", "999", code=3).stderr.startswith("error: at:")


def test_export_csv_for_each_tracker_with_a_byte_order_mark_on_request(run, shop, tmp_path: Path) -> None:
    assert run("export", shop, "--what", "csv", "--tracker", "generic").stdout == \
        run("export", shop, "--what", "csv").stdout
    jira = run("export", shop, "--what", "csv", "--tracker", "jira").stdout
    assert jira.startswith("Summary,Issue Type,Description,Assignee,Priority,Start date,Due date,Labels,Labels")
    azure = run("export", shop, "--what", "csv", "--tracker", "azure").stdout
    assert azure.startswith("Work Item Type,Title,Description,Assigned To,Tags,Priority\n")
    for tracker in ("generic", "jira", "azure"):
        plain, marked = tmp_path / f"{tracker}.csv", tmp_path / f"{tracker}-excel.csv"
        run("export", shop, "--what", "csv", "--tracker", tracker, "--out", plain)
        run("export", shop, "--what", "csv", "--tracker", tracker, "--bom", "--out", marked)
        assert not plain.read_bytes().startswith(b"\xef\xbb\xbf") and plain.read_bytes().endswith(b"\r\n")
        assert marked.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()


@pytest.mark.parametrize("args", [("--what", "journey", "--tracker", "jira"), ("--what", "map", "--bom"),
                                  ("--tracker", "azure")])
def test_csv_options_with_another_export_are_a_usage_error(run, shop, tmp_path: Path, args) -> None:
    out = tmp_path / "export.out"
    result = run("export", shop, *args, "--out", out, code=2)
    assert "applies only to --what csv" in result.stderr
    assert not out.exists()


def test_an_unknown_tracker_is_a_usage_error(run, shop) -> None:
    assert "trello" in run("export", shop, "--what", "csv", "--tracker", "trello", code=2).output


def test_export_map_and_curve_write_a_page_and_a_drawing(run, shop, tmp_path: Path) -> None:
    page, drawing = tmp_path / "kart.html", tmp_path / "kurve.svg"
    run("export", shop, "--what", "map", "--out", page)
    run("export", shop, "--what", "curve", "--out", drawing)
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Jeg venter på pakken i ti dager" in html
    assert drawing.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')
    assert html == run("export", shop, "--what", "map").stdout
    earlier = run("export", shop, "--what", "map", "--at", "1").stdout
    assert "Jeg venter på pakken i ti dager" not in earlier


def test_the_map_export_loads_its_templates_but_neither_textual_nor_the_web_server(shop, db_path) -> None:
    for what in ("map", "curve"):
        loaded = _loaded_modules("export", shop, "--what", what, db=db_path, roots=WEB_SERVER + ("textual",))
        assert {m.split(".")[0] for m in loaded} == {"jinja2"}, what
