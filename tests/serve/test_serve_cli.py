"""`workshop serve W` in a real process: it prints the address, the code and a QR code (or one
JSON line with --json) and serves until SIGTERM or Ctrl+C, then stops cleanly; a port in use or
an unknown workshop is refused with its exit code before anything is served."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from serve_helpers import join


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(db: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "WORKSHOP_DB": str(db), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "workshop", "serve", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def _lines_until(process: subprocess.Popen[str], last: str, timeout: float = 30) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if last in line:
            return lines
    raise AssertionError(f"no {last!r} in {lines!r}: {process.stderr.read() if process.poll() is not None else ''}")


def test_json_first_then_serving_until_sigterm(db_path: Path, room: int) -> None:
    port = _free_port()
    process = _serve(db_path, str(room), "--host", "127.0.0.1", "--port", str(port), "--json")
    try:
        first = json.loads(_lines_until(process, "}")[0])
        assert set(first) == {"url", "urls", "code"}
        assert first["url"] == f"http://127.0.0.1:{port}/" and first["urls"] == [first["url"]]
        kari = join(first["url"], first["code"], "Kari Nordmann")
        assert kari.post("/api/ideas", {"text": "Fra en annen prosess"}).status_code == 201
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert out == "" and "Traceback" not in err
    with pytest.raises(httpx.ConnectError):
        httpx.get(first["url"], timeout=5)


def test_text_shows_the_address_the_code_and_a_qr_code_and_ctrl_c_stops(db_path: Path, room: int) -> None:
    port = _free_port()
    process = _serve(db_path, str(room), "--host", "127.0.0.1", "--port", str(port))
    try:
        lines = _lines_until(process, "Ctrl+C stops serving.")
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert lines[0] == "Serving 'Leveranser som kommer for sent' to participants on their own devices."
    assert f"  Join at  http://127.0.0.1:{port}/" in lines
    code = next(line.split()[-1] for line in lines if line.startswith("  Code"))
    assert len(code) == 6
    drawn = [line for line in lines if line.strip() and set(line.strip()) <= set("▀▄█ ")]
    assert len(drawn) >= 15 and drawn[0].strip() == "█" * len(drawn[0].strip())
    assert process.returncode == 0, err
    assert out.strip() == "Stopped serving; the join code no longer works." and "Traceback" not in err


def test_a_port_in_use_and_an_unknown_workshop_are_refused(db_path: Path, room: int) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        port = taken.getsockname()[1]
        process = _serve(db_path, str(room), "--host", "127.0.0.1", "--port", str(port))
        out, err = process.communicate(timeout=30)
        assert process.returncode == 13 and out == ""
        assert err == f"error: port: {port} is in use on this machine (another server?); choose another with --port\n"
    finally:
        taken.close()
    process = _serve(db_path, "nope", "--host", "127.0.0.1", "--port", "0")
    out, err = process.communicate(timeout=30)
    assert process.returncode == 4 and err.startswith("error: workshop: no workshop 'nope'")
