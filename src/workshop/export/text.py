"""Provides the escaping that keeps user text literal: in Markdown text, tables and lists, and in
the names of a Mermaid journey diagram.

Markdown: every ASCII punctuation character a user typed is backslash-escaped, so nothing they
write can become emphasis, a link, an image, a heading, HTML or an entity. Spaces and invisible
characters at the edges of a line are written as numeric character references, because parsers
trim them. An `@` followed by a letter or digit gets an invisible word joiner (U+2060) after it:
GitHub turns `name@example.com` into a mail link after escapes are resolved, so no escape can
stop it, and the joiner is the one change a reader cannot see.

Mermaid: the characters its journey lexer splits on are replaced with look-alikes (`:` → `∶`,
`;` → `；`, `#` → `＃`, `,` → `‚` in actors, `%%` → `％%`, `<`/`>` → `‹`/`›`), line breaks and other
white space become single spaces, and a name that begins with one of its keywords gets an
invisible word joiner in front.
"""

from __future__ import annotations

import re
import string
import unicodedata

WORD_JOINER = "\u2060"

_ESCAPE = str.maketrans({c: "\\" + c for c in string.punctuation})
_AT = re.compile(r"@(?=[A-Za-z0-9])")


def _edge_char(ch: str) -> bool:
    """Characters some parser trims at the start or end of a line or cell."""
    return ch.isspace() or unicodedata.category(ch) in ("Cf", "Zs", "Zl", "Zp")


def _reference(ch: str) -> str:
    return f"&#x{ord(ch):X};"


def _line(text: str) -> str:
    """One line of user text as literal Markdown inline text."""
    start, end = 0, len(text)
    while start < end and _edge_char(text[start]):
        start += 1
    while end > start and _edge_char(text[end - 1]):
        end -= 1
    core = _AT.sub("@" + WORD_JOINER, text[start:end]).translate(_ESCAPE)
    return "".join(map(_reference, text[:start])) + core + "".join(map(_reference, text[end:]))


def inline(text: str, *, indent: int = 0) -> str:
    """User text for a paragraph, a list item or a heading; each line break becomes a hard break
    (a backslash at the end of the line), the next line indented by `indent` spaces so it stays in
    its list item."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return ("\\\n" + " " * indent).join(_line(line) for line in lines)


def one_line(text: str) -> str:
    """User text where a line break cannot be shown (a heading): breaks become spaces."""
    return _line(" ".join(text.replace("\r", "\n").split("\n")))


def cell(text: str) -> str:
    """User text for a table cell: pipes escaped with the rest, line breaks as `<br>`."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(_line(line) for line in lines)


# Markdown building blocks ------------------------------------------------------------------------


def table(header: list[str], rows: list[list[str]], *, right: tuple[int, ...] = ()) -> str:
    """A GFM table; `header` and `rows` are Markdown already (user text passed through `cell`).
    Columns whose index is in `right` are right-aligned (numbers)."""
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    for row in rows:
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def bullet(markdown: str, *, level: int = 0, marker: str = "-") -> str:
    """One list item holding Markdown built with `inline(..., indent=bullet_indent(level, marker))`."""
    return " " * (2 * level if marker == "-" else 4 * level) + f"{marker} {markdown}"


def bullet_indent(level: int = 0, marker: str = "-") -> int:
    """The column where a list item's continuation lines must start."""
    return (2 * level if marker == "-" else 4 * level) + len(marker) + 1


def item(text: str, *, level: int = 0, label: str = "") -> str:
    """A bullet holding user text, after an optional bold `label` of our own."""
    lead = f"**{label}:** " if label else ""
    return bullet(lead + inline(text, indent=bullet_indent(level)), level=level)


def task(markdown_before: str, text: str = "", *, done: bool = False) -> str:
    """A task-list item: our own words, then user text (escaped)."""
    box = "[x]" if done else "[ ]"
    body = markdown_before + (inline(text, indent=6) if text else "")
    return f"- {box} {body}"


def heading(level: int, markdown: str) -> str:
    """An ATX heading; `markdown` holds user text only through `one_line`."""
    return "#" * max(1, min(level, 6)) + " " + markdown


def blocks(*parts: str | None) -> str:
    """Blocks separated by blank lines; empty parts are left out."""
    return "\n\n".join(p for p in parts if p) + "\n"


# Mermaid --------------------------------------------------------------------------------------

_MERMAID = str.maketrans({":": "∶", ";": "；", "#": "＃", "<": "‹", ">": "›"})
# JavaScript's \s also matches U+FEFF, which Python does not count as white space.
_SPACE = re.compile(r"[\s\ufeff]+")
_KEYWORD = re.compile(r"(journey|title|section|acctitle|accdescr)", re.IGNORECASE)


def mermaid_name(text: str, *, limit: int = 80, placeholder: str = "untitled", actor: bool = False) -> str:
    """A title, section, task or actor name that the journey lexer reads as one plain name."""
    name = _SPACE.sub(" ", text).strip().translate(_MERMAID)
    name = re.sub(r"%(?=%)", "％", name)
    if actor:
        name = name.replace(",", "‚")
    if len(name) > limit:
        name = name[: limit - 1].rstrip() + "…"
    if not name:
        name = placeholder
    if _KEYWORD.match(name):
        name = WORD_JOINER + name
    return name


def mermaid_score(feeling: int) -> int:
    """A rated touchpoint's score in the diagram: feeling −2 … +2 as 1 … 5 (an unrated one is
    not drawn at all: neutral is a rating the room did not give)."""
    return max(1, min(5, int(feeling) + 3))


def fence_diagram(diagram: str, mermaid: str) -> str | None:
    """The diagram fenced for the chosen wiki: ```` ```mermaid ```` (a fence longer than any run
    of backticks inside), Azure DevOps' `::: mermaid`, or nothing at all."""
    if mermaid == "none":
        return None
    if mermaid == "azure":
        return f"::: mermaid\n{diagram}\n:::"
    longest = max((len(run) for run in re.findall(r"`+", diagram)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}mermaid\n{diagram}\n{fence}"
