"""Provides `PasteParser`: the terminal's input read so that a bracketed paste holding escape
characters stays one paste.

Textual's parser reads an escape character inside a paste as the start of a key sequence: the
text after it arrives as separate key presses (ESC itself as `^`), and the rest of the paste lands
after them, so `ANSI \\e[31mRED` was stored as `^[31mREDANSI`, and pasted letters could even run
as commands. Here, between the paste's start and end marks, an escape character is passed on as
`ESCAPE_IN_PASTE`; the app turns it back and cleans the paste as a whole (`workshop.tui.keys`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual._xterm_parser import XTermParser

from workshop.tui.keys import ESCAPE_IN_PASTE

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


class PasteParser(XTermParser):
    """Textual's terminal parser, with escape characters inside a bracketed paste kept as text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pasting = False
        self._recent = ""
        self._partial = ""

    def feed(self, data: str) -> Iterable[Any]:
        return super().feed(self.protect(data))

    def protect(self, data: str) -> str:
        """`data` with each escape character inside a paste replaced (keeping the paste's own end
        mark, even when it arrives split over two reads)."""
        text, self._partial = self._partial + data, ""
        out: list[str] = []
        i, size = 0, len(text)
        while i < size:
            ch = text[i]
            if not self._pasting:
                out.append(ch)
                self._recent = (self._recent + ch)[-len(PASTE_START):]
                self._pasting = self._recent == PASTE_START
                i += 1
                continue
            if ch != "\x1b":
                out.append(ch)
                i += 1
                continue
            ahead = text[i:i + len(PASTE_END)]
            if ahead == PASTE_END:
                out.append(PASTE_END)
                self._pasting, self._recent = False, ""
                i += len(PASTE_END)
            elif i + len(ahead) == size and PASTE_END.startswith(ahead):
                self._partial = ahead  # maybe the end mark, cut by the read: decide with the next
                break
            else:
                out.append(ESCAPE_IN_PASTE)
                i += 1
        return "".join(out)


def install() -> None:
    """Have the terminal drivers read input with `PasteParser` (they look the parser up by name
    when their input thread starts)."""
    from textual.drivers import linux_driver

    linux_driver.XTermParser = PasteParser  # type: ignore[misc]
    try:
        from textual.drivers import linux_inline_driver
    except ImportError:  # pragma: no cover - not on every platform
        return
    linux_inline_driver.XTermParser = PasteParser  # type: ignore[misc]


__all__ = ["PASTE_END", "PASTE_START", "PasteParser", "install"]
