"""Provides the reading of one playbook file: its YAML front matter (with the line of every key),
its body, and its headings, parsed with markdown-it-py."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from workshop import files
from workshop.files import MiB


# libyaml when it is there: the playbook is read each time a guide is shown.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE = MiB
"""The largest playbook file read (a guide is a few kilobytes)."""

MAX_YAML_DEPTH = 16
"""How deep front matter may nest (a guide's nests 3 deep: activities, one activity, its name)."""


class FileProblem(Exception):
    """A file that cannot be read as a playbook file, with the line where it goes wrong (None when
    the file as a whole cannot be read)."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int
    """1-based line of the heading in the file."""


@dataclass
class Document:
    """One Markdown file of the playbook, split into front matter and body."""

    meta: dict[str, Any]
    body: str
    body_line: int
    """1-based line of the file where the body starts."""
    headings: list[Heading]
    has_front_matter: bool
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict)
    """1-based line of each key (mapping keys as text, list items by index)."""
    duplicates: list[tuple[int, str]] = field(default_factory=list)
    source_lines: list[str] = field(default_factory=list)

    def line_of(self, *path: Any) -> int:
        """The line of a key in the front matter, or of its nearest parent that exists."""
        parts = tuple(path)
        while parts:
            if parts in self.lines:
                return self.lines[parts]
            parts = parts[:-1]
        return 1

    def sections(self, level: int = 2) -> list[tuple[Heading, str]]:
        """Each heading of `level` with the Markdown under it, up to the next heading as high."""
        result = []
        marks = [h for h in self.headings if h.level <= level]
        for i, heading in enumerate(marks):
            if heading.level != level:
                continue
            end = marks[i + 1].line - 1 if i + 1 < len(marks) else len(self.source_lines)
            text = "\n".join(self.source_lines[heading.line : end]).strip("\n")
            result.append((heading, text))
        return result


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Only the block structure matters here (front matter, headings): inline parsing is left out.
    return MarkdownIt("commonmark").use(front_matter_plugin).disable("inline")


def normalise(text: str) -> str:
    """Text as the parser wants it: no byte-order mark, Unix line ends."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _key_lines(node: yaml.Node, path: tuple[Any, ...], out: dict[tuple[Any, ...], int],
               duplicates: list[tuple[int, str]], offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            here = path + (name,)
            if name in seen:
                duplicates.append((key.start_mark.line + offset, ".".join(str(p) for p in here)))
            seen.add(name)
            out[here] = key.start_mark.line + offset
            _key_lines(value, here, out, duplicates, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            out[path + (index,)] = item.start_mark.line + offset
            _key_lines(item, path + (index,), out, duplicates, offset)


def _plain(text: str, first_line: int) -> None:
    """Refuse front matter with an alias (`*name`), which can make a few lines stand for billions
    of values, or nesting deeper than `MAX_YAML_DEPTH`; read as events, before anything is built."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise FileProblem(first_line + event.start_mark.line,
                              f"the front matter uses an alias (*{event.anchor}); aliases are not read "
                              "in a playbook: write the value out")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise FileProblem(first_line + event.start_mark.line,
                                  f"the front matter nests deeper than {MAX_YAML_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _load_yaml(text: str, first_line: int) -> tuple[Any, dict[tuple[Any, ...], int], list[tuple[int, str]]]:
    """The YAML value, the line of each key, and duplicated keys; `first_line` is where it starts."""
    loader = _LOADER(text)
    try:
        _plain(text, first_line)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        context = error.context or ""
        if context and error.context_mark and error.problem_mark and error.context_mark.line != error.problem_mark.line:
            # An unclosed bracket or quote goes wrong where it was opened, not where it was noticed.
            context += f" (opened on line {first_line + error.context_mark.line})"
        what = " ".join(str(p) for p in (context, error.problem) if p)
        raise FileProblem(line, f"bad YAML in the front matter: {what}") from None
    except yaml.YAMLError as error:
        raise FileProblem(first_line, f"bad YAML in the front matter: {error}") from None
    finally:
        loader.dispose()
    lines: dict[tuple[Any, ...], int] = {}
    duplicates: list[tuple[int, str]] = []
    if node is not None:
        _key_lines(node, (), lines, duplicates, first_line)
    return data, lines, duplicates


def read_text(text: str) -> Document:
    """A parsed playbook file; raises `FileProblem` for front matter that cannot be read."""
    text = normalise(text)
    tokens = _parser().parse(text)
    source_lines = text.split("\n")
    meta: Any = {}
    lines: dict[tuple[Any, ...], int] = {}
    duplicates: list[tuple[int, str]] = []
    body_start = 0
    has_front_matter = bool(tokens) and tokens[0].type == "front_matter"
    if has_front_matter:
        token = tokens[0]
        body_start = token.map[1] if token.map else 0
        meta, lines, duplicates = _load_yaml(token.content, first_line=2)
        if meta is None:
            meta = {}
        if not isinstance(meta, dict):
            raise FileProblem(2, f"the front matter must be a set of 'key: value' lines, not a {type(meta).__name__}")
    elif source_lines and source_lines[0].rstrip() == "---":
        raise FileProblem(1, "the front matter is never closed: end it with a line of three dashes (---)")
    headings = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            inline = tokens[i + 1] if i + 1 < len(tokens) else None
            headings.append(Heading(int(token.tag[1:]), (inline.content if inline else "").strip(), token.map[0] + 1))
    body = "\n".join(source_lines[body_start:]).lstrip("\n")
    while body_start < len(source_lines) and not source_lines[body_start].strip():
        body_start += 1
    return Document(meta=meta, body=body, body_line=min(body_start + 1, max(len(source_lines), 1)),
                    headings=headings, has_front_matter=has_front_matter, lines=lines,
                    duplicates=duplicates, source_lines=source_lines)


def read_bytes(path: Path) -> bytes:
    """A playbook file's content: only a regular file of at most `MAX_FILE` bytes is read (a
    folder, a FIFO or a device in a file's place is refused at once, naming what is there)."""
    try:
        return files.read_bytes(path, MAX_FILE)
    except files.Unreadable as problem:
        raise FileProblem(None, problem.reason) from None


def read_file(path: Path) -> Document:
    """A parsed playbook file read from disk (UTF-8), as `read_bytes` reads it."""
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FileProblem(1, f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    return read_text(text)


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The YAML front matter of a Markdown file and the body after it ({} when there is none)."""
    doc = read_text(text)
    return doc.meta, doc.body
