"""Provides what the store needs on a PostgreSQL server."""

from __future__ import annotations

from typing import Any

from workshop.domain.errors import StoreUnavailable


def driver() -> Any:
    """The psycopg module, or a message saying how to install it."""
    try:
        import psycopg
    except ImportError:
        raise StoreUnavailable(
            "database: a PostgreSQL URL needs the psycopg driver, which is not installed; "
            "install it with: pip install 'workshop[postgres]'"
        ) from None
    return psycopg
