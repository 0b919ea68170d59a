"""Provides a real browser for the tests that need one: Debian's Chromium, driven by Playwright,
with the flags it runs headless with, or a skip that says why it cannot run here, except on CI
(CI=true), where that is a failure."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def unavailable(why: str) -> NoReturn:
    """Skip, saying why; fail instead on CI, where the browser must be there."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why}; on CI the browser tests must run (.ci/run installs Chromium)")
    pytest.skip(why)


def playwright_or_skip() -> Any:
    """`sync_playwright`, once Playwright and Chromium are both there (else a skip, or on CI a
    failure, saying which is missing)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    return sync_playwright


def _starting(launch: Callable[[], Any]) -> Any:
    try:
        return launch()
    except Exception as exc:  # noqa: BLE001 - whatever stops Chromium here, the reason is shown
        unavailable(f"Chromium does not start here: {str(exc).splitlines()[0]}")


def started(launch: Any, **options: Any) -> Any:
    """`launch(executable_path=CHROMIUM, args=ARGS, headless=True, **options)`, or a skip (on CI a
    failure) giving the reason Chromium does not start here."""
    return _starting(lambda: launch(executable_path=CHROMIUM, args=ARGS, headless=True, **options))


@contextmanager
def chromium(launch: Callable[[Any], Any]) -> Iterator[Any]:
    """What `launch(playwright)` starts (a browser or a browser context), while Playwright runs."""
    with playwright_or_skip()() as playwright:
        yield _starting(lambda: launch(playwright))
