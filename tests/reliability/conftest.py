"""Fixtures for the reliability suites: the `--long` switch for their long variants.

The default runs are short enough for CI on two cores; `pytest tests/reliability --long` (or
`WORKSHOP_LONG_TESTS=1 pytest`) runs the long variants: 100 kills, more writers, more examples.
"""

from __future__ import annotations

import pytest
from reliability_checks import LONG


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--long", action="store_true", default=False,
                     help="run the long variants of the reliability suites")


@pytest.fixture(scope="session")
def long_run(pytestconfig: pytest.Config) -> bool:
    """Whether the long variants were asked for."""
    try:
        asked = bool(pytestconfig.getoption("long"))
    except ValueError:  # the option is unknown when this folder was not on the command line
        asked = False
    return asked or LONG
