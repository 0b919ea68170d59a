"""Provides what the browser tests share: Debian's Chromium, the flags it runs headless with, and
the rule for when it cannot run here: a skip saying why, except on CI (CI=true), a failure."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NoReturn

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def unavailable(why: str) -> NoReturn:
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


def started(launch: Any, **options: Any) -> Any:
    """`launch(executable_path=CHROMIUM, args=ARGS, headless=True, **options)`, or a skip (on CI a
    failure) giving the reason Chromium does not start here."""
    try:
        return launch(executable_path=CHROMIUM, args=ARGS, headless=True, **options)
    except Exception as exc:  # noqa: BLE001 - whatever stops Chromium here, the reason is shown
        unavailable(f"Chromium does not start here: {str(exc).splitlines()[0]}")
