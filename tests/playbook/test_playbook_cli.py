"""`workshop playbook init`, `show` and `check` as a facilitator uses them: copy, edit, check,
show, in English and bokmål, with a visible fallback when a guide is missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playbook_helpers import line_of, replace
from typer.testing import CliRunner

from workshop.cli.playbook import app
from workshop.domain.errors import InvalidInput, NotFound
from workshop.playbook import PlaybookInvalid

runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None):
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def test_init_edit_check_show_round_trip(tmp_path: Path, db_path: Path) -> None:
    mine = tmp_path / "min dreiebok"
    made = invoke("init", str(mine))
    assert f"playbook check {mine}" in made.stdout
    assert (mine / "nb" / "guides" / "what-is.md").is_file()
    assert "files are fine" in invoke("check", str(mine)).stdout

    # a facilitator who runs What Is their own way
    guide = mine / "nb" / "guides" / "what-is.md"
    replace(guide, "title: Hva er — kartlegg reisen slik kunden opplever den i dag",
            "title: Hva er — slik gjør vi det på Ålesund-kontoret")
    replace(guide, "## Feller\n", "## Feller\n\n- **Å glemme kaffen.** Ingen kartlegger godt før kl. 09.\n")
    assert "files are fine" in invoke("check", str(mine)).stdout

    shown = invoke("show", "what-is", "--lang", "nb", "--playbook", str(mine)).stdout
    assert "Hva er — slik gjør vi det på Ålesund-kontoret" in shown
    assert "Å glemme kaffen." in shown
    bundled = invoke("show", "what-is", "--lang", "nb").stdout
    assert "Ålesund" not in bundled and "kaffen" not in bundled


def test_the_environment_chooses_playbook_and_language(tmp_path: Path, db_path: Path) -> None:
    mine = tmp_path / "book"
    invoke("init", str(mine))
    replace(mine / "nb" / "guides" / "what-if.md", "## Mål\n", "## Mål\n\nVi starter alltid med en runde blåbær-ideer.\n")
    shown = invoke("show", "what-if", env={"WORKSHOP_PLAYBOOK": str(mine), "WORKSHOP_LANG": "nb"}).stdout
    assert "blåbær-ideer" in shown
    # an explicit option wins over the environment
    shown = invoke("show", "what-if", "--lang", "en", env={"WORKSHOP_PLAYBOOK": str(mine), "WORKSHOP_LANG": "nb"}).stdout
    assert "Goal" in shown and "blåbær" not in shown


def test_show_what_if_in_bokmal_prints_the_norwegian_guide(db_path: Path) -> None:
    shown = invoke("show", "what-if", "--lang", "nb").stdout
    for heading in ("Mål", "Steg", "Spørsmål til rommet", "Godt resultat", "Feller"):
        assert heading in shown
    assert "Questions to ask" not in shown
    assert "40 min" in shown
    assert "Stille idémyldring fra hvordan kan vi-spørsmålene" in shown  # an activity with its timebox
    assert "ikke skrevet på" not in shown  # no fallback note: it is the real thing


def test_show_accepts_the_phase_as_people_write_it(db_path: Path) -> None:
    assert "What Wows" in invoke("show", "What Wows").stdout
    assert "What Works" in invoke("show", "what_works").stdout


def test_a_missing_bokmal_guide_falls_back_to_english_visibly(book: Path) -> None:
    (book / "nb" / "guides" / "what-wows.md").unlink()
    shown = invoke("show", "what-wows", "--lang", "nb", "--playbook", str(book)).stdout
    assert "ikke skrevet på norsk (bokmål)" in shown
    assert "## Goal" not in shown and "Goal" in shown  # the English guide, rendered
    data = json.loads(invoke("show", "what-wows", "--lang", "nb", "--playbook", str(book), "--json").stdout)
    assert data["fallback"] is True and data["lang"] == "en" and data["requested"] == "nb"
    assert "norsk (bokmål)" in data["note"]
    # the other phases are still in bokmål
    other = json.loads(invoke("show", "what-works", "--lang", "nb", "--playbook", str(book), "--json").stdout)
    assert other["fallback"] is False and other["note"] == ""


def test_a_language_the_playbook_does_not_have_falls_back_to_english(db_path: Path) -> None:
    data = json.loads(invoke("show", "what-is", "--lang", "sv", "--json").stdout)
    assert data["lang"] == "en" and data["fallback"] is True
    assert "sv" in data["note"]


def test_raw_prints_the_file_as_written(book: Path) -> None:
    shown = invoke("show", "brief", "--lang", "nb", "--playbook", str(book), "--raw").stdout
    assert shown == (book / "nb" / "guides" / "brief.md").read_text(encoding="utf-8")


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, db_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notater.md").write_text("mine, ikke røre", encoding="utf-8")
    result = runner.invoke(app, ["init", str(taken)])
    assert isinstance(result.exception, InvalidInput) and result.exception.field == "DIR"
    assert sorted(p.name for p in taken.iterdir()) == ["notater.md"]


def test_init_into_an_empty_folder(tmp_path: Path, db_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    invoke("init", str(empty))
    assert "files are fine" in invoke("check", str(empty)).stdout


def test_show_an_unknown_phase_names_the_field(db_path: Path) -> None:
    result = runner.invoke(app, ["show", "what-now"])
    assert isinstance(result.exception, InvalidInput)
    assert result.exception.field == "phase" and "what-is" in str(result.exception)
    assert result.exception.exit_code == 3


def test_show_a_playbook_folder_that_does_not_exist(tmp_path: Path, db_path: Path) -> None:
    result = runner.invoke(app, ["show", "brief", "--playbook", str(tmp_path / "borte")])
    assert isinstance(result.exception, NotFound)
    assert "borte" in str(result.exception)


def test_show_a_broken_guide_names_file_and_line(book: Path) -> None:
    guide = book / "en" / "guides" / "what-is.md"
    replace(guide, "timebox: 45", "timebox: -5")
    result = runner.invoke(app, ["show", "what-is", "--playbook", str(book)])
    assert isinstance(result.exception, PlaybookInvalid)
    assert f"{guide}:{line_of(guide, 'timebox:')}: timebox must be a positive number of minutes" in str(result.exception)


@pytest.mark.parametrize("command", [[], ["init", "--help"], ["check", "--help"], ["show", "--help"]])
def test_every_command_explains_itself(command: list[str]) -> None:
    result = runner.invoke(app, command or ["--help"])
    assert result.exit_code == 0
    assert "playbook" in result.stdout.lower()


def test_adding_swedish_takes_only_files(book: Path) -> None:
    (book / "sv" / "guides").mkdir(parents=True)
    (book / "sv" / "vocabulary.md").write_text(
        "---\nlang: sv\nlanguage: svenska\nsections:\n  goal: Mål\n  steps: Steg\n"
        "  questions: Frågor till rummet\n  good_output: Bra resultat\n  traps: Fällor\n"
        "phases:\n  what-is: Vad är\n"
        "notes:\n  fallback: \"Den här guiden finns inte på {language} än; du läser den engelska.\"\n---\n",
        encoding="utf-8")
    (book / "sv" / "guides" / "what-is.md").write_text(
        "---\nphase: what-is\ntitle: Vad är — kundresan i dag\ntimebox: 30\nactivities:\n"
        "  - name: Kartlägg resan med kundens ord\n    minutes: 30\n---\n"
        "## Mål\n\nEn ärlig karta.\n\n## Steg\n\n1. Skriv.\n\n## Frågor till rummet\n\n- Vad säger kunden?\n\n"
        "## Bra resultat\n\n- Känslor på varje kontaktpunkt.\n\n## Fällor\n\n- Att blunda för det som skaver.\n",
        encoding="utf-8")
    assert "files are fine" in invoke("check", str(book)).stdout
    shown = invoke("show", "what-is", "--lang", "sv", "--playbook", str(book)).stdout
    assert "Vad är — kundresan i dag" in shown and "Frågor till rummet" in shown and "30 min" in shown
    fallback = invoke("show", "what-if", "--lang", "sv", "--playbook", str(book)).stdout
    assert "Den här guiden finns inte på svenska än" in fallback
