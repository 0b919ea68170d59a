"""Provides a real browser for the tests that need one: Debian's Chromium, driven by Playwright,
or a skip that says why it cannot run here, except on CI (CI=true), where that is a failure."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def unavailable(why: str) -> None:
    """Skip, saying why; fail instead on CI, where the browser must be there."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why}; on CI the browser tests must run (.ci/run installs Chromium)")
    pytest.skip(why)


@contextmanager
def chromium(launch: Callable[[Any], Any]) -> Iterator[Any]:
    """What `launch(playwright)` starts (a browser or a browser context), while Playwright runs."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        try:
            started = launch(playwright)
        except Exception as exc:  # noqa: BLE001 - whatever stops Chromium here, the reason is shown
            unavailable(f"Chromium does not start here: {str(exc).splitlines()[0]}")
        yield started
