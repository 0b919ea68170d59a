"""Provides the facilitation guide beside the board: the playbook's text for the current phase,
rendered as Markdown, and where it is read from (with its timebox)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from workshop.domain.values import PHASE_TITLES, Phase


@dataclass(frozen=True)
class Guide:
    """What the playbook says about one phase."""

    phase: Phase
    text: str
    timebox: float | None
    """Minutes, or None when the playbook gives none."""


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    import yaml

    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        return {}, text
    try:
        meta = yaml.safe_load(text[3:end]) or {}
    except yaml.YAMLError:
        meta = {}
    return (meta if isinstance(meta, dict) else {}), text[end + 4 :].lstrip("\n")


def _minutes(value: Any) -> float | None:
    try:
        minutes = float(str(value).split()[0])
    except (TypeError, ValueError, IndexError):
        return None
    return minutes if minutes > 0 else None


def _from_api(phase: Phase, playbook: str | None, lang: str | None) -> Guide | None:
    """The guide through the playbook package, when it offers `Playbook.resolve(...).guide(phase)`."""
    try:
        from workshop import playbook as pb

        book = pb.Playbook.resolve(playbook or None, lang=lang or None)  # type: ignore[attr-defined]
        found = book.guide(phase)
    except Exception:  # the playbook API may be missing or refuse: fall back to the files
        return None
    if found is None:
        return None
    text = getattr(found, "body", None) or getattr(found, "text", None) or str(found)
    return Guide(phase, text, _minutes(getattr(found, "timebox", None)))


def _from_files(phase: Phase, playbook: str | None, lang: str | None) -> Guide | None:
    """A Markdown file in the playbook folder whose front matter names this phase."""
    from workshop.paths import bundled_playbook

    root = Path(playbook) if playbook else bundled_playbook()
    if not root.is_dir():
        return None
    candidates: list[tuple[int, Path]] = []
    for file in sorted(root.rglob("*.md")):
        if "templates" in file.parts:
            continue
        score = 0
        if file.stem == phase.value:
            score += 2
        if lang and lang in file.parts:
            score += 1
        candidates.append((score, file))
    for _score, file in sorted(candidates, key=lambda c: -c[0]):
        try:
            meta, body = _front_matter(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        if str(meta.get("phase", file.stem)).strip().lower() != phase.value:
            continue
        if lang and meta.get("lang") and meta["lang"] != lang:
            continue
        return Guide(phase, body, _minutes(meta.get("timebox")))
    return None


def load_guide(phase: Phase, playbook: str | None = None, lang: str | None = None) -> Guide:
    """The guide for `phase`: from the playbook, else a short note saying none was found."""
    found = _from_api(phase, playbook, lang) or _from_files(phase, playbook, lang)
    if found is not None:
        return found
    return Guide(phase, f"# {PHASE_TITLES[phase]}\n\nThe playbook has no guide for this phase.", None)


class GuidePanel(VerticalScroll):
    """The guide for the current phase; `g` hides and shows it."""

    can_focus = False

    def __init__(self, guide: Guide, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.guide = guide

    def compose(self) -> ComposeResult:
        yield Static("Guide  (g hides)", classes="panel-title")
        yield Markdown(self.guide.text, id="guide-text", open_links=False)
