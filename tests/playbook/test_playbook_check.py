"""`workshop playbook check`: each kind of broken file is named with its line and what is wrong,
and the command exits with 3."""

from __future__ import annotations

from pathlib import Path

from playbook_helpers import line_of, replace
from typer.testing import CliRunner

from workshop.cli.playbook import app
from workshop.playbook import check

runner = CliRunner()


def problems_reported(book: Path) -> list[str]:
    """The problem lines `playbook check` prints, after checking it fails with exit code 3."""
    result = runner.invoke(app, ["check", str(book)])
    assert result.exit_code == 3, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-1].endswith(f"in {book}")
    return lines[:-1]


def test_a_file_without_front_matter(book: Path) -> None:
    guide = book / "en" / "guides" / "what-if.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text[text.index("# What If"):], encoding="utf-8")
    assert problems_reported(book) == [f"{guide}:1: no front matter: start the file with a '---' line, "
                                       "its settings, and another '---' line"]


def test_a_missing_section_in_bokmal(book: Path) -> None:
    guide = book / "nb" / "guides" / "what-wows.md"
    replace(guide, "## Feller\n", "## Fallgruver\n")
    body = line_of(guide, "# Hva begeistrer")
    [problem] = problems_reported(book)
    assert problem.startswith(f"{guide}:{body}: missing section '## Feller'")
    assert "Mål, Steg, Spørsmål til rommet, Godt resultat, Feller" in problem


def test_a_negative_timebox(book: Path) -> None:
    guide = book / "en" / "guides" / "what-is.md"
    replace(guide, "timebox: 45", "timebox: -45")
    assert problems_reported(book) == [
        f"{guide}:{line_of(guide, 'timebox:')}: timebox must be a positive number of minutes (not -45)"]


def test_an_unknown_phase(book: Path) -> None:
    guide = book / "nb" / "guides" / "what-is.md"
    replace(guide, "phase: what-is", "phase: what-now")
    [problem] = problems_reported(book)
    assert problem.startswith(f"{guide}:{line_of(guide, 'phase:')}: unknown phase 'what-now'")


def test_bad_yaml_is_named_with_the_line_in_the_file(book: Path) -> None:
    guide = book / "en" / "guides" / "brief.md"
    replace(guide, "timebox: 20", "\ttimebox: 20")
    [problem] = problems_reported(book)
    assert problem.startswith(f"{guide}:{line_of(guide, chr(9) + 'timebox')}: bad YAML in the front matter")
    assert "tab" in problem


def test_an_unclosed_bracket_says_where_it_was_opened(book: Path) -> None:
    guide = book / "en" / "guides" / "brief.md"
    replace(guide, "title: Brief", "title: [Brief")
    [problem] = problems_reported(book)
    assert f"(opened on line {line_of(guide, 'title:')})" in problem


def test_activities_that_do_not_add_up_to_the_timebox(book: Path) -> None:
    guide = book / "en" / "guides" / "what-works.md"
    replace(guide, "    minutes: 10\n", "    minutes: 15\n")
    assert problems_reported(book) == [
        f"{guide}:{line_of(guide, 'timebox:')}: the activities add up to 40 minutes, but the timebox is 35"]


def test_an_activity_without_minutes(book: Path) -> None:
    guide = book / "nb" / "guides" / "what-if.md"
    replace(guide, "    minutes: 12\n", "    minutes: tolv\n")
    [problem] = problems_reported(book)
    assert problem == (f"{guide}:{line_of(guide, '    minutes: tolv')}: activity 2 needs a positive "
                       "whole number of minutes (not 'tolv')")


def test_a_template_without_stages(book: Path) -> None:
    template = book / "templates" / "lifecycle.md"
    template.write_text("---\ntemplate: lifecycle\ntitle: Customer lifecycle\nstages: []\n---\n", encoding="utf-8")
    assert problems_reported(book) == [
        f"{template}:4: stages: a template needs at least one stage (a '- name' list)"]


def test_an_unknown_placeholder_in_a_prompt(book: Path) -> None:
    prompts = book / "nb" / "prompts.md"
    replace(prompts, "{pain}» for {persona}", "{smerte}» for {persona}")
    [problem] = problems_reported(book)
    line = line_of(prompts, '  - "Hvordan kan vi fjerne')
    assert problem.startswith(f"{prompts}:{line}: pain: unknown placeholder {{smerte}}")


def test_a_vocabulary_with_a_channel_the_tool_does_not_know(book: Path) -> None:
    words = book / "nb" / "vocabulary.md"
    replace(words, "  letter: brev\n", "  letter: brev\n  fax: faks\n")
    [problem] = problems_reported(book)
    assert problem.startswith(f"{words}:{line_of(words, '  fax:')}: channels: unknown id 'fax'")


def test_a_missing_english_guide_is_named_even_without_a_line(book: Path) -> None:
    guide = book / "en" / "guides" / "what-wows.md"
    guide.unlink()
    assert problems_reported(book) == [
        f"{guide}: missing: the English guide for what-wows (other languages fall back to it)"]


def test_a_missing_bokmal_guide_is_not_a_problem(book: Path) -> None:
    (book / "nb" / "guides" / "what-wows.md").unlink()
    assert check(book) == []


def test_several_problems_are_all_reported_in_file_order(book: Path) -> None:
    replace(book / "en" / "guides" / "what-is.md", "timebox: 45", "timebox: -45")
    replace(book / "nb" / "guides" / "brief.md", "phase: brief", "phase: oppdrag")
    (book / "en" / "notes.md").write_text("# Mine notater\n", encoding="utf-8")
    reported = problems_reported(book)
    assert len(reported) == 3
    assert [r.split(":")[0] for r in reported] == sorted(r.split(":")[0] for r in reported)
    assert any("notes.md: not a playbook file" in r for r in reported)


def test_a_sound_copy_passes_and_says_so(book: Path) -> None:
    result = runner.invoke(app, ["check", str(book)])
    assert result.exit_code == 0, result.output
    assert "files are fine" in result.stdout


def test_check_as_json_lists_the_problems(book: Path) -> None:
    replace(book / "en" / "guides" / "what-is.md", "timebox: 45", "timebox: 0")
    result = runner.invoke(app, ["check", str(book), "--json"])
    assert result.exit_code == 3
    import json

    data = json.loads(result.stdout)
    assert [p["message"] for p in data["problems"]] == ["timebox must be a positive number of minutes (not 0)"]
    assert data["problems"][0]["file"].endswith("what-is.md")


def test_check_uses_the_playbook_named_in_the_environment(book: Path, monkeypatch) -> None:
    replace(book / "en" / "guides" / "what-is.md", "timebox: 45", "timebox: -1")
    monkeypatch.setenv("WORKSHOP_PLAYBOOK", str(book))
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 3
    assert "what-is.md" in result.stderr


def test_front_matter_that_is_never_closed(book: Path) -> None:
    guide = book / "nb" / "guides" / "what-if.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("\n---\n", "\n", 1), encoding="utf-8")
    assert problems_reported(book) == [
        f"{guide}:1: the front matter is never closed: end it with a line of three dashes (---)"]


def test_a_key_given_twice(book: Path) -> None:
    guide = book / "en" / "guides" / "brief.md"
    replace(guide, "timebox: 20\n", "timebox: 20\ntitle: Brief again\n")
    [problem] = problems_reported(book)
    assert problem == f"{guide}:{line_of(guide, 'title: Brief again')}: 'title' appears twice in the front matter"


def test_a_new_language_is_checked_against_its_own_section_names(book: Path) -> None:
    swedish = book / "sv"
    (swedish / "guides").mkdir(parents=True)
    (swedish / "vocabulary.md").write_text(
        "---\nlang: sv\nlanguage: svenska\nsections:\n  goal: Mål\n  steps: Steg\n"
        "  questions: Frågor till rummet\n  good_output: Bra resultat\n  traps: Fällor\n---\n", encoding="utf-8")
    english = (book / "en" / "guides" / "what-is.md").read_text(encoding="utf-8")
    guide = swedish / "guides" / "what-is.md"
    guide.write_text(english, encoding="utf-8")  # copied, headings not yet translated
    reported = problems_reported(book)
    assert len(reported) == 5
    assert all(r.startswith(f"{guide}:") for r in reported)
    assert any("missing section '## Frågor till rummet'" in r for r in reported)
    for old, new in (("Goal", "Mål"), ("Steps", "Steg"), ("Questions to ask", "Frågor till rummet"),
                     ("Good output", "Bra resultat"), ("Traps", "Fällor")):
        replace(guide, f"## {old}\n", f"## {new}\n")
    assert check(book) == []


def test_a_playbook_kept_in_git_is_checked_without_its_hidden_folders(book: Path) -> None:
    (book / ".github").mkdir()
    (book / ".github" / "pull_request_template.md").write_text("Hva endret du?\n", encoding="utf-8")
    assert check(book) == []
