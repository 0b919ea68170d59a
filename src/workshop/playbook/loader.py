"""Provides `Playbook`: the facilitation folder a workshop uses, in the room's language, with
English filling every gap and saying so."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop.domain.errors import InvalidInput, NotFound
from workshop.paths import bundled_playbook
from workshop.playbook import guides, prompts, templates, vocabulary
from workshop.files import present
from workshop.playbook.markdown import Document, FileProblem, read_bytes, read_file
from workshop.playbook.problems import PlaybookInvalid, Problem

if TYPE_CHECKING:
    from workshop.domain.model import WorkshopState

BASE_LANG = "en"
STAMP_MARK = "#sha256="
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*(?:\.[\w-]+)?(?:@\w+)?$")
# Norwegian is often given as "no" (the macro language); the playbook's folder is bokmål.
_ALIASES = {"no": "nb"}


def normalise_lang(lang: str | None) -> str:
    """A language code as the playbook folders name it: "nb_NO.UTF-8" and "no" become "nb"."""
    text = (lang or "").strip()
    if not text:
        return BASE_LANG
    match = _LANG.match(text)
    if not match:
        raise InvalidInput("lang", f"{lang!r} is not a language code (like en, nb, sv, da)")
    code = match.group(1).lower()
    return _ALIASES.get(code, code)


def languages(root: Path) -> list[str]:
    """The languages a playbook folder has (English first)."""
    found = sorted(p.name for p in root.iterdir() if p.is_dir() and re.fullmatch(r"[a-z]{2,3}", p.name)) if root.is_dir() else []
    return sorted(found, key=lambda code: (code != BASE_LANG, code))


def markdown_files(root: Path) -> list[Path]:
    """The playbook's Markdown files, leaving out hidden folders (a playbook kept in git has `.git/`)."""
    return sorted(p for p in root.rglob("*.md") if not any(part.startswith(".") for part in p.relative_to(root).parts))


def fingerprint(root: Path) -> str:
    """A short content hash of every Markdown file in the playbook, to tell later whether it changed."""
    digest = hashlib.sha256()
    for path in markdown_files(root):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        try:
            content = read_bytes(path)
        except FileProblem as problem:  # a FIFO, a device, a folder …: what is there, not its content
            content = problem.message.encode("utf-8")
        digest.update(content + b"\0")
    return digest.hexdigest()[:16]


def _read(path: Path, check: Any, *args: Any) -> Document:
    """A file that passed its check, or `PlaybookInvalid` naming what is wrong and where."""
    try:
        doc = read_file(path)
    except FileProblem as problem:
        raise PlaybookInvalid([Problem(str(path), problem.line, problem.message)]) from None
    if not doc.has_front_matter:
        raise PlaybookInvalid([Problem(str(path), 1, "no front matter: start the file with a '---' block")])
    wrong = check(doc, *args)
    if wrong:
        raise PlaybookInvalid([Problem(str(path), line, message) for line, message in wrong])
    return doc


@dataclass(frozen=True)
class Playbook:
    """A playbook folder read in one language."""

    root: Path
    lang: str = BASE_LANG
    bundled: bool = False
    note: str = ""
    """A visible note when this is not the playbook that was asked for."""
    recorded: str = ""
    """The fingerprint recorded when a workshop was run with it, if any."""

    @classmethod
    def resolve(cls, dir: str | os.PathLike[str] | None = None, lang: str | None = None) -> Playbook:
        """The playbook named by `dir`, then `WORKSHOP_PLAYBOOK`, else the bundled one, in `lang`,
        then `WORKSHOP_LANG`, else English."""
        lang = normalise_lang(lang if lang else os.environ.get("WORKSHOP_LANG"))
        chosen = str(dir) if dir else os.environ.get("WORKSHOP_PLAYBOOK") or ""
        # A workshop's stored playbook carries its fingerprint after the folder; the folder is what counts.
        chosen = chosen.partition(STAMP_MARK)[0]
        if not chosen:
            return cls(bundled_playbook(), lang, bundled=True)
        root = Path(chosen).expanduser()
        if not root.is_dir():
            raise NotFound(f"playbook: no folder {str(root)!r} (make one with 'workshop playbook init {root}')")
        return cls(root.resolve(), lang, bundled=root.resolve() == bundled_playbook().resolve())

    @classmethod
    def for_workshop(cls, state: WorkshopState) -> Playbook:
        """The playbook and language a workshop was run with; the bundled one, with a visible note,
        when that folder is gone; a note too when its files changed since."""
        lang = normalise_lang(state.lang or BASE_LANG)
        recorded_path, _, recorded = (state.playbook or "").partition(STAMP_MARK)
        if not recorded_path:
            book = cls(bundled_playbook(), lang, bundled=True, recorded=recorded)
        elif Path(recorded_path).is_dir():
            book = cls(Path(recorded_path), lang, recorded=recorded)
        else:
            book = cls(bundled_playbook(), lang, bundled=True)
            return cls(book.root, lang, bundled=True, note=book.vocabulary.note("playbook_gone", path=recorded_path))
        if recorded and recorded != book.fingerprint:
            where = recorded_path or str(book.root)
            return cls(book.root, lang, bundled=book.bundled, recorded=recorded,
                       note=book.vocabulary.note("playbook_changed", path=where))
        return book

    @classmethod
    def for_open(cls, state: WorkshopState | None, dir: str | os.PathLike[str] | None = None,
                 lang: str | None = None) -> Playbook:
        """The playbook an open workshop is run with: the one named on the command line (a folder
        or a language), else the one the workshop was run with."""
        if dir or lang or state is None:
            return cls.resolve(dir, lang)
        return cls.for_workshop(state)

    def timebox(self, phase: str) -> int | None:
        """The minutes a phase's guide gives it, or None when it gives none (or has no guide)."""
        try:
            return self.guide(phase).timebox or None
        except (InvalidInput, NotFound):  # a playbook that is broken there gives no timebox
            return None

    # identity ---------------------------------------------------------------------------------

    @property
    def fingerprint(self) -> str:
        """A content hash of the playbook's files as they are now."""
        return fingerprint(self.root)

    @property
    def stamp(self) -> str:
        """What a workshop should store as its playbook: the folder ("" for the bundled one) and a
        content hash, so a replay can tell whether the guidance has changed since."""
        return ("" if self.bundled else str(self.root)) + STAMP_MARK + self.fingerprint

    def languages(self) -> list[str]:
        """The languages this playbook has."""
        return languages(self.root)

    # words ------------------------------------------------------------------------------------

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The words of the playbook's language, English (this playbook's, then the bundled) filling gaps."""
        metas: list[dict[str, Any]] = []
        files = [bundled_playbook() / BASE_LANG / "vocabulary.md"]
        files += [self.root / code / "vocabulary.md" for code in dict.fromkeys([BASE_LANG, self.lang])]
        for path in dict.fromkeys(files):
            if present(path):
                complete = path.parent.name == BASE_LANG
                metas.append(_read(path, lambda doc: vocabulary.problems(doc, path.parent.name, complete=complete)).meta)
        return vocabulary.merge(self.lang, metas)

    def _language_file(self, *parts: str) -> tuple[Path, str] | None:
        for code in dict.fromkeys([self.lang, BASE_LANG]):
            path = self.root.joinpath(code, *parts)
            if present(path):  # what is there is read, and refused with its reason if it cannot be
                return path, code
        return None

    def _section_names(self, lang: str) -> dict[str, str]:
        if lang == self.lang:
            return self.vocabulary.sections
        return Playbook(self.root, lang).vocabulary.sections

    # guides -----------------------------------------------------------------------------------

    def guide(self, phase: str) -> Guide:
        """The guide for a phase in the playbook's language, else in English with a visible note."""
        key = guides.phase_id(phase)
        if key is None:
            raise InvalidInput("phase", f"must be one of: {', '.join(guides.PHASES)} (not {phase!r})")
        found = self._language_file("guides", f"{key}.md")
        if found is None:
            raise NotFound(f"guide: the playbook {self.root} has no guide for {key}")
        path, used = found
        names = self._section_names(used)
        doc = _read(path, guides.problems, key, names)
        notes = [self.note] if self.note else []
        if used != self.lang:
            notes.append(self.vocabulary.note("fallback", language=self.vocabulary.language, lang=self.lang))
        return guides.build(doc, path, names, lang=used, requested=self.lang, note=" ".join(notes))

    def guides(self) -> list[Guide]:
        """Every phase's guide, in phase order."""
        return [self.guide(phase) for phase in guides.PHASES]

    # prompts ----------------------------------------------------------------------------------

    def prompt_patterns(self) -> dict[str, Any]:
        """The how-might-we patterns of the playbook's language (else English)."""
        found = self._language_file("prompts.md")
        if found is None:
            raise NotFound(f"prompts: the playbook {self.root} has no prompts.md")
        path, used = found
        return _read(path, prompts.problems, used).meta

    def prompts(self, state: WorkshopState) -> list[Prompt]:
        """How-might-we prompts suggested from a workshop's weakest link, moments of truth and pains."""
        return prompts.suggest(state, self.prompt_patterns(), self.vocabulary)

    # templates --------------------------------------------------------------------------------

    def template(self, name: str) -> Template:
        """A journey template in the playbook's language (else English)."""
        return templates.load(self.root, name, self.lang)

    def templates(self) -> list[Template]:
        """Every journey template, in the playbook's language where it has one."""
        return [self.template(name) for name in templates.template_names(self.root, self.lang)]


Guide = guides.Guide
Prompt = prompts.Prompt
Template = templates.Template
Vocabulary = vocabulary.Vocabulary


def stage_names(template: str, playbook: str | os.PathLike[str] | None = None, lang: str = BASE_LANG) -> list[str]:
    """The stages of a journey template, in order, in `lang` when the playbook has them."""
    root = Path(playbook) if playbook else bundled_playbook()
    return list(templates.load(root, template, normalise_lang(lang)).stages)
