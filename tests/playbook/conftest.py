"""Fixtures for the playbook tests: a facilitator's own copy of the bundled playbook."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workshop.paths import bundled_playbook


@pytest.fixture
def book(tmp_path: Path, db_path: Path) -> Path:
    """A copy of the bundled playbook in a temporary folder, as `playbook init` would make it."""
    target = tmp_path / "vår-dreiebok"
    shutil.copytree(bundled_playbook(), target, ignore=shutil.ignore_patterns("__pycache__"))
    return target
