"""Provides the playbook: phase guides, how-might-we patterns, the room's words and the journey
templates, read from the Markdown files of a `facilitation/` folder and checked file by file."""

from __future__ import annotations

from workshop.playbook.checker import check
from workshop.playbook.guides import PHASES, Activity, Guide, phase_id
from workshop.playbook.loader import Playbook, fingerprint, normalise_lang, stage_names
from workshop.playbook.markdown import front_matter
from workshop.playbook.problems import PlaybookInvalid, Problem
from workshop.playbook.prompts import Prompt
from workshop.playbook.templates import Template
from workshop.playbook.vocabulary import SECTION_KEYS, Vocabulary, Word

__all__ = [
    "PHASES",
    "SECTION_KEYS",
    "Activity",
    "Guide",
    "Playbook",
    "PlaybookInvalid",
    "Problem",
    "Prompt",
    "Template",
    "Vocabulary",
    "Word",
    "check",
    "fingerprint",
    "front_matter",
    "normalise_lang",
    "phase_id",
    "stage_names",
]
