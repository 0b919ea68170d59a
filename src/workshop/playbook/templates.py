"""Provides the journey templates: named lists of stages a workshop can start from, in English
under `templates/` and in other languages under `<lang>/templates/`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workshop.domain.errors import InvalidInput, NotFound
from workshop.files import present
from workshop.playbook.markdown import Document, FileProblem, read_file


@dataclass(frozen=True)
class Template:
    """A journey template: its stages in order, in the language it was found in."""

    name: str
    title: str
    stages: tuple[str, ...]
    description: str
    lang: str
    path: Path


def problems(doc: Document, file_name: str) -> list[tuple[int, str]]:
    """What is wrong in a template file named `file_name` (without .md)."""
    found: list[tuple[int, str]] = []
    meta = doc.meta
    name = meta.get("template")
    if not isinstance(name, str) or not name.strip():
        found.append((doc.line_of("template"), "template: give the template's id (its file name)"))
    elif name != file_name:
        found.append((doc.line_of("template"), f"template {name!r} does not match the file name {file_name}.md"))
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        found.append((doc.line_of("title"), "title: give the template a title (text)"))
    stages = meta.get("stages")
    if not isinstance(stages, list) or not stages:
        found.append((doc.line_of("stages"), "stages: a template needs at least one stage (a '- name' list)"))
    else:
        for index, stage in enumerate(stages):
            if not isinstance(stage, str) or not stage.strip():
                found.append((doc.line_of("stages", index), f"stage {index + 1} must be a name (text)"))
    return found


def template_file(root: Path, template: str, lang: str = "en") -> tuple[Path, str] | None:
    """The file of a template in `lang`, else the English one, and the language found."""
    if lang != "en":
        own = root / lang / "templates" / f"{template}.md"
        if present(own):
            return own, lang
    for base in (root / "en" / "templates", root / "templates"):
        if present(base / f"{template}.md"):
            return base / f"{template}.md", "en"
    return None


def template_names(root: Path, lang: str = "en") -> list[str]:
    """Every template id known in `lang` or in English."""
    folders = [root / "templates", root / "en" / "templates", root / lang / "templates"]
    return sorted({p.stem for folder in folders if folder.is_dir() for p in folder.glob("*.md")})


def load(root: Path, template: str, lang: str = "en") -> Template:
    """One template, in `lang` when the playbook has it, else in English."""
    found = template_file(root, template, lang)
    if found is None:
        known = ", ".join(template_names(root, lang))
        raise NotFound(f"template: no template {template!r} (known: {known})")
    path, used = found
    try:
        doc = read_file(path)
    except FileProblem as problem:
        where = f"{path}:{problem.line}" if problem.line is not None else str(path)
        raise InvalidInput("template", f"{where}: {problem.message}") from None
    wrong = problems(doc, path.stem)
    if wrong:
        line, message = wrong[0]
        raise InvalidInput("template", f"{path}:{line}: {message}")
    meta = doc.meta
    return Template(name=template, title=str(meta["title"]), stages=tuple(str(s) for s in meta["stages"]),
                    description=doc.body.strip(), lang=used, path=path)
