"""An app that ends on an unexpected error says so in words, leaves the details in a report file
and exits non-zero (a script or a shell prompt sees it failed), never a bare traceback and exit
status 0. Run in a real terminal (a pseudo-terminal), as the facilitator runs it."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import textwrap
import time
from pathlib import Path

from workshop.engine import Engine

# The app as `workshop open` runs it, with one key made to fail as a bug would.
DRIVER = textwrap.dedent("""
    import sys
    from workshop.tui.screens.brief import BriefScreen

    def broken(self):
        raise RuntimeError("a bug in [b]the[/b] brief")

    BriefScreen.action_guide = broken
    from workshop.cli import main
    sys.argv = ["workshop", "open", sys.argv[1]]
    main()
""")


def _run_in_terminal(args: list[str], env: dict[str, str], keys: bytes, until: bytes) -> tuple[int, str]:
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    process = subprocess.Popen(args, stdin=follower, stdout=follower, stderr=follower, env=env,
                               close_fds=True, start_new_session=True)
    os.close(follower)
    seen = b""
    sent = False
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
            if not sent and until in seen:
                time.sleep(0.5)
                os.write(leader, keys)
                sent = True
            if process.poll() is not None and not ready:
                break
        return process.wait(timeout=10), seen.decode("utf-8", "replace")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)


def test_an_unexpected_error_ends_with_a_message_a_report_and_a_non_zero_exit(
        engine: Engine, workshop: int, db_path: Path, tmp_path: Path) -> None:
    engine.store.close()
    logs = tmp_path / "logs"
    env = dict(os.environ, WORKSHOP_DB=str(db_path), WORKSHOP_LOG_DIR=str(logs), TERM="xterm-256color")
    code, output = _run_in_terminal([sys.executable, "-c", DRIVER, str(workshop)], env, b"g", b"Brief")
    assert code == 1, output[-2000:]
    assert "error: workshop stopped on an unexpected error (RuntimeError: a bug in [b]the[/b] brief)." in output
    assert "Everything the screen showed as saved is in the database" in output
    assert "Traceback" not in output
    [report] = logs.glob("crash-*.txt")
    assert str(report) in output.replace("\r\n", "").replace("\n", "")
    details = report.read_text(encoding="utf-8")
    assert "Traceback" in details and "RuntimeError: a bug in [b]the[/b] brief" in details
