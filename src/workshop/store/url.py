"""Provides what a `--db` value names: a database file, or a database server by its URL.

Any value with a scheme (`name://…`) is a URL and never a path, so a mistyped or unsupported URL is
refused instead of becoming a folder named after its scheme.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from workshop.domain.errors import InvalidInput

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
POSTGRES_SCHEMES = ("postgresql+psycopg", "postgresql", "postgres")
"""The schemes of a PostgreSQL server; each is reached through psycopg 3."""
SQLITE_SCHEMES = ("sqlite",)


@dataclass(frozen=True)
class Target:
    """A database to open: a file (`url` is None) or a PostgreSQL server."""

    path: str
    """The file's path, or the URL as given."""
    url: str | None = None
    """The URL for SQLAlchemy (`postgresql+psycopg://…`, without the `schema` parameter)."""
    schema: str | None = None
    """The PostgreSQL schema the URL names (`?schema=…`), else the user's default one."""

    @property
    def is_postgres(self) -> bool:
        return self.url is not None

    @property
    def shown(self) -> str:
        """The URL with its password hidden, for messages."""
        return shown(self.path) if self.url else self.path


def shown(url: str) -> str:
    """A URL as a message may show it: any password replaced by `***`."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    user = parts.username or ""
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def is_url(value: str) -> bool:
    """Whether a `--db` value is a URL (has a scheme followed by `://`)."""
    return _SCHEME.match(value.strip()) is not None


def parse(value: str) -> Target:
    """The database a `--db` value names; an unknown scheme is refused (nothing is created)."""
    match = _SCHEME.match(value.strip())
    if match is None:
        return Target(value)
    scheme = match.group(1).lower()
    text = value.strip()
    if scheme in SQLITE_SCHEMES:
        path = urllib.parse.unquote(text[match.end():])
        if path.startswith("/") and not path.startswith("//"):
            path = path[1:]  # sqlite:///relative/file, sqlite:////absolute/file
        if not path:
            raise InvalidInput("database", f"the URL {text!r} names no file; give sqlite:///path/to/file.db")
        return Target(path)
    if scheme not in POSTGRES_SCHEMES:
        raise InvalidInput(
            "database",
            f"unknown kind of database {scheme!r} in {shown(text)!r}: give a file path, or a "
            "PostgreSQL URL such as postgresql+psycopg://user@host/database",
        )
    parts = urllib.parse.urlsplit(text)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    schema = None
    kept = []
    for key, item in query:
        if key == "schema":
            schema = item
        else:
            kept.append((key, item))
    if schema is not None and not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", schema):
        raise InvalidInput(
            "database", f"schema {schema!r}: give a schema name of lower-case letters, digits and _"
        )
    url = urllib.parse.urlunsplit(parts._replace(scheme="postgresql+psycopg",
                                                 query=urllib.parse.urlencode(kept)))
    return Target(text, url=url, schema=schema)


def same_database(one: str, other: str) -> bool:
    """Whether two `--db` values name the same database (a file by its resolved path)."""
    first, second = parse(one), parse(other)
    if first.is_postgres or second.is_postgres:
        return (first.url, first.schema) == (second.url, second.schema)
    try:
        return Path(first.path).expanduser().resolve() == Path(second.path).expanduser().resolve()
    except OSError:
        return False
