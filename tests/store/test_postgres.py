"""The store on a PostgreSQL server: the schema made on first use, and every database or schema
that is not workshop's (other tables, a newer version, no permission, no server) refused with the
file cases' message and exit code, and left unchanged."""

from __future__ import annotations

import itertools

import psycopg_guard  # noqa: F401  (skips this module where psycopg is not installed, but on CI)
import pytest
from postgres_server import Server

from workshop.domain.errors import StoreRefused, StoreTooNew, StoreUnavailable
from workshop.engine import open_engine
from workshop.store.db import SCHEMA_VERSION, Store

pytestmark = pytest.mark.postgres
_numbers = itertools.count(1)


@pytest.fixture
def database(postgres_server: Server) -> tuple[Server, str]:
    """A new, empty database on the test server: its name."""
    name = f"tom_{next(_numbers)}"
    postgres_server.admin(f"CREATE DATABASE {name}")
    return postgres_server, name


def _tables(server: Server, name: str, schema: str = "public") -> list[tuple[str, str]]:
    import psycopg

    with psycopg.connect(f"postgresql://postgres@127.0.0.1:{server.port}/{name}") as conn:
        return conn.execute("SELECT table_name, column_name FROM information_schema.columns "
                            "WHERE table_schema = %s ORDER BY 1, 2", (schema,)).fetchall()


def test_an_empty_database_gets_the_schema_and_its_version(database: tuple[Server, str]) -> None:
    server, name = database
    engine = open_engine(server.base(name))
    wid, slug = engine.create_workshop("Kundereisen på Ørland – æøå")
    engine.store.close()
    tables = {t for t, _ in _tables(server, name)}
    assert {"workshop", "event", "vote", "workshop_schema"} <= tables
    server.admin("SELECT 1", database=name)
    import psycopg

    with psycopg.connect(f"postgresql://postgres@127.0.0.1:{server.port}/{name}") as conn:
        assert conn.execute("SELECT application, version FROM workshop_schema").fetchall() == [
            ("workshop", SCHEMA_VERSION)]
        assert conn.execute("SELECT title FROM workshop WHERE id = %s", (wid,)).fetchone() == (
            "Kundereisen på Ørland – æøå",)
    assert [w.slug for w in open_engine(server.base(name)).list_workshops()] == [slug]


def test_a_schema_named_by_the_url_is_made_and_used(database: tuple[Server, str]) -> None:
    server, name = database
    server.admin("CREATE TABLE kunder (id int)", database=name)  # another program's, beside it
    engine = open_engine(f"{server.base(name)}?schema=verksted")
    engine.create_workshop("Eget skjema")
    engine.store.close()
    assert {t for t, _ in _tables(server, name, "verksted")} >= {"workshop", "workshop_schema"}
    assert _tables(server, name) == [("kunder", "id")]


def _refused(server: Server, name: str, error: type[Exception], match: str, url: str | None = None) -> None:
    before = _tables(server, name)
    with pytest.raises(error, match=match) as err:
        Store(url or server.base(name))
    assert _tables(server, name) == before
    assert err.value.exit_code == error.exit_code


def test_a_database_of_another_program_is_refused_unchanged(database: tuple[Server, str]) -> None:
    server, name = database
    server.admin("CREATE TABLE ordre (id int, kunde text)", database=name)
    _refused(server, name, StoreRefused, "holds tables of another program \\(ordre\\)")


def test_a_newer_schema_is_refused_unchanged(database: tuple[Server, str]) -> None:
    server, name = database
    Store(server.base(name)).close()
    server.admin(f"UPDATE workshop_schema SET version = {SCHEMA_VERSION + 1}", database=name)
    _refused(server, name, StoreTooNew, f"newer version of workshop \\(schema {SCHEMA_VERSION + 1};")


def test_another_programs_marker_is_refused_unchanged(database: tuple[Server, str]) -> None:
    server, name = database
    Store(server.base(name)).close()
    server.admin("UPDATE workshop_schema SET application = 'andre'", database=name)
    _refused(server, name, StoreRefused, "another program's")


def test_a_role_without_the_right_to_create_tables_is_refused_unchanged(database: tuple[Server, str]) -> None:
    server, name = database
    server.admin("DROP ROLE IF EXISTS gjest", "CREATE ROLE gjest LOGIN")
    server.admin("REVOKE CREATE ON SCHEMA public FROM PUBLIC", database=name)
    url = f"postgresql+psycopg://gjest@127.0.0.1:{server.port}/{name}"
    _refused(server, name, StoreUnavailable, "no permission", url=url)


def test_no_server_or_no_database_is_told_as_unavailable(postgres_server: Server) -> None:
    with pytest.raises(StoreUnavailable, match="does not exist"):
        Store(postgres_server.base("finnes_ikke"))
    with pytest.raises(StoreUnavailable, match="cannot reach") as err:
        Store("postgresql+psycopg://ws:hemmelig@127.0.0.1:1/ws")
    assert "hemmelig" not in str(err.value) and "ws:***@127.0.0.1:1" in str(err.value)


def test_a_reader_is_woken_by_another_process_commit(postgres_url: str) -> None:
    import subprocess
    import sys

    engine = open_engine(postgres_url)
    wid, _ = engine.create_workshop("Varslet med en gang")
    signal = engine.store.signal()
    try:
        assert signal.pushes
        assert not signal.wait(0.05)  # nothing yet: the listener is set up and quiet
        subprocess.run([sys.executable, "-m", "workshop", "--db", postgres_url, "add", "idea", str(wid),
                        "SMS når pakken går fra lageret – æøå"], check=True, capture_output=True, timeout=60)
        assert signal.wait(30)  # woken by the commit, not by the time running out
        assert [i.text for i in engine.load(wid).ideas] == ["SMS når pakken går fra lageret – æøå"]
    finally:
        signal.close()
        engine.store.close()
