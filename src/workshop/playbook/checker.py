"""Provides the playbook check: every file of a facilitation folder read and validated, each
problem named by file and line."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from workshop.domain.errors import NotFound
from workshop.files import present
from workshop.paths import bundled_playbook
from workshop.playbook import guides, prompts, templates, vocabulary
from workshop.playbook.loader import BASE_LANG, markdown_files
from workshop.playbook.markdown import Document, FileProblem, read_file
from workshop.playbook.problems import Problem

LAYOUT = ("templates/<name>.md, <lang>/guides/<phase>.md, <lang>/vocabulary.md, "
          "<lang>/prompts.md or <lang>/templates/<name>.md")
_LANG_DIR = re.compile(r"[a-z]{2,3}")


def _kind(parts: tuple[str, ...]) -> str | None:
    """What a file is, from where it lies in the folder."""
    if len(parts) == 2 and parts[0] == "templates":
        return "template"
    if len(parts) < 2 or not _LANG_DIR.fullmatch(parts[0]):
        return None
    if len(parts) == 3 and parts[1] == "templates":
        return "template"
    if len(parts) == 3 and parts[1] == "guides":
        return "guide"
    if len(parts) == 2 and parts[1] in ("vocabulary.md", "prompts.md"):
        return parts[1][:-3]
    return None


def _lenient_meta(path: Path) -> dict[str, Any] | None:
    try:
        return read_file(path).meta if present(path) else None
    except FileProblem:
        return None


def _section_names(root: Path, lang: str) -> dict[str, str]:
    """The section names a language's guides must use, as far as its vocabulary can be read."""
    files = [bundled_playbook() / BASE_LANG / "vocabulary.md", root / BASE_LANG / "vocabulary.md", root / lang / "vocabulary.md"]
    metas = [m for m in (_lenient_meta(p) for p in dict.fromkeys(files)) if m]
    names = vocabulary.merge(lang, metas).sections
    return {key: names.get(key, key) for key in vocabulary.SECTION_KEYS}


def _check_file(root: Path, path: Path, kind: str, parts: tuple[str, ...],
                names: dict[str, dict[str, str]]) -> list[tuple[int | None, str]]:
    try:
        doc: Document = read_file(path)
    except FileProblem as problem:
        return [(problem.line, problem.message)]
    if not doc.has_front_matter:
        return [(1, "no front matter: start the file with a '---' line, its settings, and another '---' line")]
    found: list[tuple[int | None, str]] = [(line, f"{key!r} appears twice in the front matter") for line, key in doc.duplicates]
    lang = parts[0] if kind != "template" or len(parts) == 3 else BASE_LANG
    if kind == "template":
        found += templates.problems(doc, path.stem)
    elif kind == "vocabulary":
        found += vocabulary.problems(doc, lang, complete=lang == BASE_LANG)
    elif kind == "prompts":
        found += prompts.problems(doc, lang)
    elif kind == "guide":
        phase = path.stem
        if phase not in guides.PHASES:
            found.append((1, f"not a phase: guides are named after their phase ({', '.join(p + '.md' for p in guides.PHASES)})"))
            phase = str(doc.meta.get("phase"))
        if lang not in names:
            names[lang] = _section_names(root, lang)
        found += guides.problems(doc, phase, names[lang])
    return found


def _missing(root: Path) -> list[Problem]:
    """The files English must have, since every other language falls back to it."""
    found = []
    base = root / BASE_LANG
    for name, what in (("vocabulary.md", "the English words"), ("prompts.md", "the English how-might-we patterns")):
        if not present(base / name):
            found.append(Problem(str(base / name), None, f"missing: {what} (other languages fall back to them)"))
    for phase in guides.PHASES:
        path = base / "guides" / f"{phase}.md"
        if not present(path):
            found.append(Problem(str(path), None, f"missing: the English guide for {phase} (other languages fall back to it)"))
    folders = [root / "templates", base / "templates"]
    if not any(folder.is_dir() and any(folder.glob("*.md")) for folder in folders):
        found.append(Problem(str(root / "templates"), None, "no journey templates: add at least one <name>.md with stages"))
    return found


def check(root: str | os.PathLike[str]) -> list[Problem]:
    """Every problem in a playbook folder, in file and line order (an empty list when all is well)."""
    root = Path(root)
    if not root.is_dir():
        raise NotFound(f"playbook: no folder {str(root)!r}")
    found = _missing(root)
    names: dict[str, dict[str, str]] = {}
    for path in markdown_files(root):
        parts = path.relative_to(root).parts
        if path.name.lower() == "readme.md":
            continue
        kind = _kind(parts)
        if kind is None:
            found.append(Problem(str(path), None, f"not a playbook file: expected {LAYOUT}"))
            continue
        found += [Problem(str(path), line, message) for line, message in _check_file(root, path, kind, parts, names)]
    return sorted(found, key=lambda p: (p.file, p.line or 0, p.message))


def checked_files(root: str | os.PathLike[str]) -> int:
    """How many playbook files the check reads in a folder."""
    return sum(1 for p in markdown_files(Path(root)) if p.name.lower() != "readme.md")
