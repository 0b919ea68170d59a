"""The bundled playbook: every file passes the check, and the guides are complete in English and
bokmål, consistent with their own timeboxes, and really written in the language they claim."""

from __future__ import annotations

import re

import pytest

from workshop.domain.values import ASSUMPTION_KINDS, CHANNELS, FEELINGS, PILOT_DECISIONS, PILOT_STATUSES, TEMPLATES
from workshop.paths import bundled_playbook
from workshop.playbook import PHASES, Playbook, check, stage_names
from workshop.playbook.markdown import read_file

LANGS = ("en", "nb")
HEADINGS = {
    "en": ["Goal", "Steps", "Questions to ask", "Good output", "Traps"],
    "nb": ["Mål", "Steg", "Spørsmål til rommet", "Godt resultat", "Feller"],
}


def test_every_bundled_file_passes_the_check() -> None:
    root = bundled_playbook()
    files = [p for p in root.rglob("*.md") if p.name != "README.md"]
    assert len(files) >= 2 * (len(PHASES) + 2) + len(TEMPLATES), "the playbook has lost files"
    for path in files:
        doc = read_file(path)  # every file parses: front matter and Markdown
        assert doc.has_front_matter, path
    assert [str(p) for p in check(root)] == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("phase", PHASES)
def test_every_phase_has_its_own_guide_in_english_and_bokmal(phase: str, lang: str) -> None:
    guide = Playbook.resolve(lang=lang).guide(phase)
    assert guide.lang == lang and not guide.fallback and guide.note == ""
    assert guide.phase == phase
    headings = re.findall(r"^## (.+)$", guide.body, flags=re.MULTILINE)
    for name in HEADINGS[lang]:
        assert name in headings
    for key, text in guide.sections.items():
        assert len(text.split()) >= 40, f"{phase} ({lang}): section {key} is too thin to guide anyone"
    assert sum(a.minutes for a in guide.activities) == guide.timebox


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("phase", PHASES)
def test_the_steps_give_the_same_minutes_as_the_timer(phase: str, lang: str) -> None:
    """A facilitator reads "(15 min)" in a step; the timer counts the same activity."""
    guide = Playbook.resolve(lang=lang).guide(phase)
    steps = re.findall(r"^\d+\. \*\*.+?\((\d+) min\)\.\*\*", guide.sections["steps"], flags=re.MULTILINE)
    assert [int(m) for m in steps] == [a.minutes for a in guide.activities]


def test_a_whole_session_fits_between_two_and_four_hours() -> None:
    for lang in LANGS:
        total = sum(g.timebox for g in Playbook.resolve(lang=lang).guides())
        assert 120 <= total <= 240, f"{lang}: {total} minutes"


def test_the_what_is_guide_plans_the_next_45_minutes() -> None:
    guide = Playbook.resolve().guide("what-is")
    assert guide.timebox == 45
    steps = guide.sections["steps"]
    # what a newcomer needs to hear: where to start, what to write, what to mark
    for words in ("customer service", "own words", "feeling", "pains", "moments of truth", "weakest link",
                  "design criteria"):
        assert words in steps.lower() or words in steps, words


def test_bokmal_guides_are_written_in_bokmal_not_copied_from_english() -> None:
    for phase in PHASES:
        english = Playbook.resolve(lang="en").guide(phase).body
        norsk = Playbook.resolve(lang="nb").guide(phase).body
        assert re.search("[æøå]", norsk), phase
        shared = {line.strip() for line in english.splitlines() if len(line.strip()) > 30} & {
            line.strip() for line in norsk.splitlines()
        }
        assert not shared, f"{phase}: lines left in English: {sorted(shared)[:3]}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_vocabulary_names_every_feeling_channel_kind_and_status(lang: str) -> None:
    words = Playbook.resolve(lang=lang).vocabulary
    assert set(words.feelings) == set(FEELINGS)
    assert set(words.channels) == set(CHANNELS)
    assert set(words.assumption_kinds) == set(ASSUMPTION_KINDS)
    assert set(words.pilot_statuses) == set(PILOT_STATUSES)
    assert set(words.pilot_decisions) == set(PILOT_DECISIONS)
    assert all(w.hint for w in words.feelings.values()), "each step of the feeling scale explains itself"


def test_bokmal_words_differ_from_english() -> None:
    en, nb = Playbook.resolve(lang="en").vocabulary, Playbook.resolve(lang="nb").vocabulary
    assert nb.feeling(-2) == "frustrert" and en.feeling(-2) == "frustrated"
    assert nb.channel("in person") == "ansikt til ansikt"
    assert nb.sections["questions"] == "Spørsmål til rommet"
    assert nb.language == "norsk (bokmål)"


def test_every_template_has_its_stages_in_bokmal_too() -> None:
    for template in TEMPLATES:
        english = stage_names(template)
        norsk = stage_names(template, lang="nb")
        assert len(norsk) == len(english) >= 1
        assert norsk != english
    assert stage_names("core-processes", lang="nb")[2] == "Leveranse og bruk"


def test_a_language_without_templates_uses_the_english_stage_names() -> None:
    assert stage_names("buyers-journey", lang="sv") == ["Awareness", "Consideration", "Decision"]
