"""Imported by a test module that needs psycopg: skips it, saying why, where it is not installed
(fails instead on CI, CI=true)."""

import os

import pytest

try:
    import psycopg  # noqa: F401
except ImportError:
    if os.environ.get("CI") == "true":
        raise
    pytest.skip("psycopg is not installed (pip install 'workshop[postgres]')", allow_module_level=True)
