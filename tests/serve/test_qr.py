"""The QR code of the join address as terminal text: half blocks only, the quiet zone around it,
and exactly the modules of the QR library's code; importing it loads no web server or Textual."""

from __future__ import annotations

import subprocess
import sys

import segno

from workshop.serve import qr

URL = "http://192.168.1.20:8765/"


def _modules(lines: list[str]) -> list[list[bool]]:
    """The light modules the lines draw, row by row (True: drawn)."""
    top = {"█": (True, True), "▀": (True, False), "▄": (False, True), " ": (False, False)}
    rows: list[list[bool]] = []
    for line in lines:
        pairs = [top[ch] for ch in line]
        rows.append([a for a, _b in pairs])
        rows.append([b for _a, b in pairs])
    return rows


def test_the_lines_draw_the_code_with_its_quiet_zone() -> None:
    lines = qr.lines(URL)
    assert set("".join(lines)) <= set("▀▄█ ")
    expected = [[not dark for dark in row] for row in segno.make(URL, error="m").matrix_iter(border=qr.QUIET_ZONE)]
    drawn = _modules(lines)
    assert drawn[:len(expected)] == expected and all(drawn[len(expected)])  # the padding row is light
    assert len({len(line) for line in lines}) == 1 and len(lines[0]) == len(expected[0])
    assert lines[0] == lines[1] == "█" * len(lines[0])  # four light rows on top
    assert all(line.startswith("████") and line.endswith("████") for line in lines)


def test_inverted_lines_draw_the_dark_modules() -> None:
    plain, inverted = qr.lines(URL), qr.lines(URL, invert=True)
    swap = str.maketrans("█▀▄ ", " ▄▀█")
    assert [line.translate(swap) for line in plain][:-1] == inverted[:-1]


def test_importing_it_loads_neither_the_web_server_nor_textual() -> None:
    code = ("import sys, workshop.serve.qr\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'textual', 'jinja2')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
