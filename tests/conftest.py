"""Fixtures that isolate the machine: a temporary database, the environment pointed at it."""

from __future__ import annotations

from pathlib import Path

import pytest
from postgres_server import PostgresDatabase, Server

from workshop.engine import Engine, open_engine

BOTH_BACKENDS = ("engine", "store", "cli", "replay", "reliability")
"""The suites that run on both backends: each test that takes the database (`db_path`) runs on
an SQLite file and on a PostgreSQL schema, unless marked `file_only` (it is about files)."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--long", action="store_true", default=False,
                     help="run the long variants of the reliability suites (tests/reliability)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "file_only: about SQLite files; not run on PostgreSQL")
    config.addinivalue_line("markers", "postgres: needs the PostgreSQL server of the test run")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    suite = Path(str(metafunc.definition.path)).relative_to(Path(__file__).parent).parts[0]
    if ("db_path" in metafunc.fixturenames and suite in BOTH_BACKENDS
            and metafunc.definition.get_closest_marker("file_only") is None):
        metafunc.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
                             indirect=True)


@pytest.fixture(scope="session")
def postgres_server() -> Server:
    """The test run's own PostgreSQL server, started once (skipped where there is none, but on CI)."""
    server = Server()
    yield server
    server.stop()


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the test runs on: "sqlite" (a file) or "postgres" (a schema of its own)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest) -> str:
    """A URL naming a fresh, empty schema on the test run's PostgreSQL server."""
    return request.getfixturevalue("postgres_server").url()


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str,
            request: pytest.FixtureRequest) -> Path:
    """A fresh database file that `WORKSHOP_DB` points at, so nothing touches the real data folder
    (on PostgreSQL: a fresh schema's URL)."""
    path = tmp_path / "workshop.db"
    if backend == "postgres":
        path = PostgresDatabase(request.getfixturevalue("postgres_url"))  # type: ignore[assignment]
    monkeypatch.setenv("WORKSHOP_DB", str(path))
    monkeypatch.setenv("WORKSHOP_LOG_DIR", str(tmp_path / "logs"))  # reports of unexpected errors
    monkeypatch.delenv("WORKSHOP_LANG", raising=False)
    monkeypatch.delenv("WORKSHOP_PLAYBOOK", raising=False)
    return path


@pytest.fixture
def engine(db_path: Path) -> Engine:
    eng = open_engine(str(db_path))
    yield eng
    eng.store.close()


@pytest.fixture
def workshop(engine: Engine) -> int:
    """A workshop on the core-processes stages, with one participant who has 3 dots."""
    wid, _ = engine.create_workshop(
        "Leveranser som kommer for sent",
        stages=["Marketing", "Sales", "Delivery and use", "Customer service", "Customer follow-up"],
        template="core-processes",
    )
    engine.add_participant(wid, "Åse Ødegård", role="Customer service")
    return wid
