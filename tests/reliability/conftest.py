"""Fixtures for the reliability suites: the `--long` switch for their long variants.

The default runs are short enough for CI on two cores; `pytest --long` (the switch is declared in
tests/conftest.py, so it works from the project's root and for this folder alone) or
`WORKSHOP_LONG_TESTS=1 pytest` runs the long variants: 100 kills, more writers, more examples.
"""

from __future__ import annotations

import pytest
from reliability_checks import LONG


@pytest.fixture(scope="session")
def long_run(pytestconfig: pytest.Config) -> bool:
    """Whether the long variants were asked for."""
    return bool(pytestconfig.getoption("long")) or LONG
