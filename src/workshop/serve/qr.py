"""Provides the QR code of a join address as lines of terminal text, in half-block characters so
that each line holds two rows of the code (imports neither the web server nor Textual, so the
terminal interface can draw it without loading them)."""

from __future__ import annotations

import segno

QUIET_ZONE = 4
"""Light modules around the code: the width the QR standard asks for, so a phone finds its edges."""

_CELLS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
"""A character for a pair of modules (top, bottom), by which of them is drawn."""


def matrix(url: str) -> list[list[bool]]:
    """The code's modules, quiet zone included, row by row: True for a dark module."""
    code = segno.make(url, error="m", micro=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(border=QUIET_ZONE)]


def lines(url: str, *, invert: bool = False) -> list[str]:
    """The QR code of `url` as lines of ▀ ▄ █ and spaces, quiet zone included.

    The light modules are the ones drawn, for light text on a dark background (a terminal's usual
    colours, and the app's); `invert` draws the dark ones instead, for dark text on a light one.
    A code has an odd number of rows, so the last line pairs the quiet zone with a light row."""
    rows = matrix(url)
    drawn = [[module if invert else not module for module in row] for row in rows]
    if len(drawn) % 2:
        drawn.append([not invert] * len(drawn[0]))
    return ["".join(_CELLS[(top, bottom)] for top, bottom in zip(drawn[i], drawn[i + 1]))
            for i in range(0, len(drawn), 2)]


__all__ = ["QUIET_ZONE", "lines", "matrix"]
