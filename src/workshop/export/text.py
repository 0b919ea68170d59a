"""Provides the escaping that keeps user text literal, in Markdown text, tables and lists, and in
the names of a Mermaid diagram, with a backslash only where a character would otherwise make
markup in that place, so the source stays readable in a diff or an editor.

Markdown: a character is escaped where some wiki's parser would read it as markup there:
`` ` `` and `[` anywhere (code, links, images, footnotes, wiki links); `\\` before punctuation or
at the end; `<` before a letter, `/`, `!` or `?` (HTML, autolinks); `&` that starts an entity; a
`*`, `_`, `~` or `==` run that could open or close emphasis, strikethrough or a highlight (bare
only between spaces, and `_` also inside a word); `$` (GitHub's math) unless between spaces; `%%`
(Obsidian's comments); `|` in a table cell; the `:` of `http://`, the `.` of `www.` (GitHub's
autolinks); `#` that starts a tag (Obsidian) or a heading's closing sequence; `{+`/`{-` (GitLab);
and at the start of a line whatever starts a block there: `#` heading, `>` quote, `-` `+` `*`
item, `1.` `1)` numbered item, `===`/`---` underline, a table's delimiter row, `:::` (Azure
DevOps). A plain sentence with commas, full stops, colons and question marks keeps no
backslash. Spaces and invisible characters at the edges of a line are written as numeric
character references, because parsers trim them; a line break in a table cell is `&#10;` (raw
HTML such as `<br>` shows as text where a wiki turns HTML off). An `@` followed by a letter or
digit gets an invisible word joiner (U+2060) after it: GitHub turns `name@example.com` into a
mail link after escapes are resolved, so no escape can stop it, and the joiner is the one change
a reader cannot see.

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
CELL_BREAK = "&#10;"
"""A line break inside a table cell: a reader's parser gives the cell's text a line feed, which
a browser shows as a space; no raw HTML is needed."""

_PUNCTUATION = frozenset(string.punctuation)
_AT = re.compile(r"@(?=[A-Za-z0-9])")
_RUN = re.compile(r"\*+|_+|~+|=+|\$+|%+|#+")
_ENTITY = re.compile(r"&(?:#[xX]?[0-9A-Fa-f]*|[A-Za-z][A-Za-z0-9]*)(?:;|$)")
_TAG = re.compile(r"#[\w/-]*?[^\W\d]")
_BLOCK_ID = re.compile(r"\^[A-Za-z0-9-]+")
_SPECIAL = re.compile(r"[`\[\\<&|{^#]")
"""The characters judged one by one; the rest are plain wherever they stand, or judged in runs."""
_AUTOLINK = re.compile(r"(?<=[A-Za-z])(:)(?=//)|(?<![^\W_])[wW]{3}(\.)")
"""The `:` of `http://` and the `.` of `www.` at the start of a word: GitHub links what follows."""
_ANY = re.compile(r"[*_~=$%#`\[\\<&|{^]|:/|[wW]{3}\.")
"""Whether a line holds anything that can make markup past its start (most sentences do not)."""
_BLOCK_START = re.compile(
    r"#{1,6}(?:[ \t]|$)"            # heading
    r"|>"                           # block quote
    r"|[-+*](?:[ \t]|$)"            # list item
    r"|=+[ \t]*$"                   # setext underline
    r"|(?=[|: \t]*-)[|:-][|: \t-]*$"  # table delimiter row, underline or rule of dashes
    r"|:::"                         # Azure DevOps' blocks
)
_NUMBERED = re.compile(r"\d{1,9}[.)](?:[ \t]|$)")


def _edge_char(ch: str) -> bool:
    """Characters some parser trims at the start or end of a line or cell."""
    return ch.isspace() or unicodedata.category(ch) in ("Cf", "Zs", "Zl", "Zp")


def _reference(ch: str) -> str:
    return f"&#x{ord(ch):X};"


def _spaced(before: str | None, after: str | None) -> bool:
    return before is not None and after is not None and before in " \t" and after in " \t"


def _run_is_markup(run: str, before: str | None, after: str | None, *, heading: bool) -> bool:
    """Whether a run of one character could open or close markup, judged the way every parser
    agrees on: only a run between spaces (or `_` inside a word) is surely plain."""
    ch = run[0]
    if ch == "#":
        # A heading's closing sequence; a tag is judged by the caller.
        return heading and after is None and (before is None or before in " \t")
    if ch in "=%" and len(run) == 1:
        return False
    if ch == "_" and before is not None and after is not None and before.isalnum() and after.isalnum():
        return False
    return not _spaced(before, after)


def _marked(core: str, *, start: bool, cell: bool, heading: bool) -> set[int]:
    """The positions in `core` (a line without edge spaces) of the characters that would make
    markup where they stand."""
    marks: set[int] = set()
    if start:
        numbered = _NUMBERED.match(core)
        if numbered:
            marks.add(numbered.end() - 1 if core[numbered.end() - 1] in ".)" else numbered.end() - 2)
        elif _BLOCK_START.match(core):
            marks.add(0)
    if not _ANY.search(core):
        return marks
    for run in _RUN.finditer(core):
        before = core[run.start() - 1] if run.start() else None
        after = core[run.end()] if run.end() < len(core) else None
        if _run_is_markup(run.group(), before, after, heading=heading):
            marks.update(range(run.start(), run.end()) if run.group()[0] != "#" else (run.start(),))
    marks.update(m.start(1) if m.group(1) else m.start(2) for m in _AUTOLINK.finditer(core))
    for found in _SPECIAL.finditer(core):
        i, ch = found.start(), found.group()
        before = core[i - 1] if i else None
        after = core[i + 1] if i + 1 < len(core) else None
        if ch in "`[":
            marks.add(i)
        elif ch == "\\":
            if after is None or after in _PUNCTUATION:
                marks.add(i)
        elif ch == "<":
            if after is None or (after.isascii() and after.isalpha()) or after in "/!?":
                marks.add(i)
        elif ch == "&":
            if _ENTITY.match(core, i):
                marks.add(i)
        elif ch == "|":
            if cell:
                marks.add(i)
        elif ch == "{":
            if after is not None and after in "+-":
                marks.add(i)
        elif ch == "^":
            if (before is None or before in " \t") and _BLOCK_ID.fullmatch(core, i):
                marks.add(i)
        elif ch == "#":
            if (before is None or before in " \t") and _TAG.match(core, i):
                marks.add(i)
    return marks


def _line(text: str, *, start: bool = True, cell: bool = False, heading: bool = False) -> str:
    """One line of user text as literal Markdown inline text; `start` when it begins a line of
    the document, `cell` in a table cell, `heading` at the end of a heading."""
    first, end = 0, len(text)
    while first < end and _edge_char(text[first]):
        first += 1
    while end > first and _edge_char(text[end - 1]):
        end -= 1
    core = text[first:end]
    # After a character reference the line no longer starts with the text.
    marks = _marked(core, start=start and first == 0, cell=cell, heading=heading)
    pieces, last = [], 0
    for i in sorted(marks):
        pieces += [core[last:i], "\\"]
        last = i
    escaped = "".join(pieces) + core[last:]
    if "@" in escaped:
        escaped = _AT.sub("@" + WORD_JOINER, escaped)
    return "".join(map(_reference, text[:first])) + escaped + "".join(map(_reference, text[end:]))


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def inline(text: str, *, indent: int = 0, start: bool = True) -> str:
    """User text for a paragraph, a list item or a heading; each line break becomes a hard break
    (a backslash at the end of the line), the next line indented by `indent` spaces so it stays in
    its list item. `start=False` when the text follows our own words on its first line."""
    return ("\\\n" + " " * indent).join(
        _line(line, start=start or n > 0) for n, line in enumerate(_lines(text)))


def one_line(text: str, *, start: bool = False) -> str:
    """User text where a line break cannot be shown (a heading, a sentence of ours): breaks become
    spaces. It follows our own words unless `start`; a `#` run at its end is escaped, since it would
    close a heading."""
    return _line(" ".join(text.replace("\r", "\n").split("\n")), start=start, heading=True)


def cell(text: str) -> str:
    """User text for a table cell: pipes escaped, line breaks as `&#10;`."""
    return CELL_BREAK.join(_line(line, start=False, cell=True) for line in _lines(text))


def cell_lines(lines: list[str]) -> str:
    """Several lines in one table cell (Markdown already, each passed through `cell`)."""
    return CELL_BREAK.join(lines)


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
    return bullet(lead + inline(text, indent=bullet_indent(level), start=not label), level=level)


def task(markdown_before: str, text: str = "", *, done: bool = False) -> str:
    """A task-list item: our own words, then user text (escaped)."""
    box = "[x]" if done else "[ ]"
    body = markdown_before + (inline(text, indent=6, start=not markdown_before) if text else "")
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
