"""Provides what makes user text safe to show and to take in: the characters no field may hold
(controls, bidirectional overrides, line separators, lone surrogates), `visible` to show text
that holds them anyway as visible marks, and `clean_paste` to take pasted text in without them."""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Embeddings, overrides and isolates: they reorder the text around them, so a name can read as
something else than what it holds."""

SEPARATORS = "\u2028\u2029"
"""Unicode's line and paragraph separators: line breaks that most tools do not count as one."""

FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + BIDI_CONTROLS + SEPARATORS + "\ud800-\udfff]")
"""Characters no text may hold (tab, line feed and carriage return are judged by the field)."""

_SHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + SEPARATORS + "\ud800-\udfff]")
"""What `visible` replaces: the forbidden characters and a carriage return (tab and line feed
are layout on screen)."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def writable(text: str) -> str:
    """`text` with every lone surrogate (which no UTF-8 file can hold, and which only a database
    filled before such text was refused can give back) replaced by U+FFFD, the replacement
    character; other text comes back as it is."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]"          # CSI: colours, cursor moves (ESC [ 31 m)
    r"|\][^\x07\x1b]*(?:\x07|\x1b\\)?"     # OSC: titles, links (ESC ] … BEL)
    r"|[PX^_][^\x1b]*(?:\x1b\\)?"          # DCS, SOS, PM, APC strings
    r"|[ -/]*[0-~])?"                      # two-character sequences (ESC c, ESC ( B)
)


def describe(ch: str) -> str:
    """A character by code point and name: `U+001B ESCAPE`."""
    name = unicodedata.name(ch, "")
    if not name and ord(ch) < 0x20:
        name = unicodedata.name(chr(0x2400 + ord(ch)), "").removeprefix("SYMBOL FOR ")
    return f"U+{ord(ch):04X} {name}".strip()


def _mark(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛, ␇, ␍ … the control pictures
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """`text` with every character that would act instead of show (a terminal escape, a bell, a
    bidirectional override, a lone surrogate) replaced by a visible mark: ␛ for ESC, `<U+202E>`
    for an override. Text without them comes back as it is."""
    return _SHOWN.sub(_mark, text) if _SHOWN.search(text) else text


def clean_paste(text: str, *, one_line: bool) -> tuple[str, list[str]]:
    """Pasted text as a field takes it: terminal escape sequences and forbidden characters
    removed, line breaks kept (or, for a one-line field, joined with a space so nothing is lost).
    Returns the text and what was removed, in words, for telling the facilitator."""
    removed: list[str] = []
    sequences = len(_ESCAPE_SEQUENCE.findall(text))
    if sequences:
        text = _ESCAPE_SEQUENCE.sub("", text)
        removed.append(f"{sequences} escape sequence{'s' if sequences != 1 else ''}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = FORBIDDEN.findall(text)
    if bad:
        names = sorted({describe(ch) for ch in bad})
        text = FORBIDDEN.sub("", text)
        removed.append(f"{len(bad)} control character{'s' if len(bad) != 1 else ''} ({', '.join(names)})")
    if one_line:
        text = text.replace("\t", " ")
        if "\n" in text:
            text = " ".join(part.strip() for part in text.split("\n") if part.strip())
    return text, removed


__all__ = ["BIDI_CONTROLS", "FORBIDDEN", "SEPARATORS", "clean_paste", "describe", "visible", "writable"]
