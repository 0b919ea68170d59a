"""The participant pages' words: a catalogue file per language in the package, each with the
keys and placeholders of the English one; a language without a file, or a key missing from one,
reads in English; the room's words come from the workshop's playbook."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from workshop.domain.model import WorkshopState
from workshop.serve import words

FOLDER = resources.files("workshop.serve") / "catalogues"


def _file(lang: str) -> dict[str, str]:
    return tomllib.loads((FOLDER / f"{lang}.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", words.languages())
def test_every_catalogue_has_the_english_keys_and_placeholders(lang: str) -> None:
    english, other = _file("en"), _file(lang)
    assert set(other) == set(english), set(other) ^ set(english)
    for key, text in english.items():
        assert set(re.findall(r"\{(\w+)\}", other[key])) == set(re.findall(r"\{(\w+)\}", text)), key
        assert other[key].strip(), key


def test_a_language_without_a_file_reads_in_english() -> None:
    assert words.languages() == ["en", "nb"]
    assert words.strings("sv") == words.strings("en")
    assert words.strings("nb-NO")["join"] == "Bli med"
    assert words.fill("{left} of {total} dots left", left=2) == "2 of {total} dots left"


def test_the_rooms_words_follow_the_workshops_language() -> None:
    nb = words.room_words(WorkshopState(id=1, uid="", slug="", title="", lang="nb"))
    assert nb["phases"]["what-if"] == "Hva om" and nb["feelings"][-2] == "frustrert"
    assert nb["channels"]["in person"] == "ansikt til ansikt"
    en = words.room_words(WorkshopState(id=1, uid="", slug="", title=""))
    assert en["phases"]["what-wows"] == "What Wows" and en["feelings"][2] == "delighted"
