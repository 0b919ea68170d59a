"""Provides the playbook: phase guides, prompts and stage templates read from `facilitation/`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from workshop.domain.errors import InvalidInput, NotFound
from workshop.paths import bundled_playbook


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The YAML front matter of a Markdown file and the body after it."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    meta = yaml.safe_load(text[4:end]) or {}
    body = text[end + 4 :].lstrip("\n")
    return meta if isinstance(meta, dict) else {}, body


def stage_names(template: str, playbook: str | Path | None = None) -> list[str]:
    """The stages of a journey template, in order."""
    root = Path(playbook) if playbook else bundled_playbook()
    file = root / "templates" / f"{template}.md"
    if not file.is_file():
        known = sorted(p.stem for p in (root / "templates").glob("*.md"))
        raise NotFound(f"template: no template {template!r} (known: {', '.join(known)})")
    meta, _ = front_matter(file.read_text(encoding="utf-8"))
    stages = meta.get("stages") or []
    if not stages:
        raise InvalidInput("template", f"{file} lists no stages")
    return [str(s) for s in stages]
