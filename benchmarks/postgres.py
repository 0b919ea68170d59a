"""Provides the PostgreSQL measurements, each beside SQLite's figure of the same run:

- writers: 1, 4 and 16 processes casting dots at once through the engine on a PostgreSQL server,
  against a raw psycopg loop doing the same statements per transaction (lock the workshop's row,
  read the dots spent, upsert the vote, read the last seq, insert the event, notify, commit);
- live: another process's change shown in an open app (LISTEN/NOTIFY on PostgreSQL, the poll on a
  file), at S=1 and S=10;
- export: `workshop export --what report` at S=1 and S=10, as a fresh process.

The server is one of the run's own, started from the machine's PostgreSQL binaries (as the tests
do, see tests/postgres_server.py), durable (fsync on), in a temporary folder.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchmarks import live, writers
from benchmarks.cli import WORKSHOP
from benchmarks.measure import ROOT, Row, median, seconds, time_process
from benchmarks.workshops import Generated, in_phase

_RAW_SCHEMA = """
CREATE TABLE raw_workshop (id BIGINT PRIMARY KEY);
INSERT INTO raw_workshop VALUES (1);
CREATE TABLE raw_vote (participant TEXT, idea TEXT, dots BIGINT, PRIMARY KEY (participant, idea));
CREATE TABLE raw_event (seq BIGINT PRIMARY KEY, at TEXT, actor TEXT, action TEXT, payload JSON);
"""


def _server():
    sys.path.insert(0, str(ROOT / "tests"))
    from postgres_server import Server

    return Server(durable=True)


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1).split("?")[0]


def _raw_writer(url: str, _wid: int, participant: str, count: int, barrier, out) -> None:
    import psycopg

    conn = psycopg.connect(_libpq(url), options="-c search_path=raw")
    barrier.wait()
    acked = 0
    for n in range(count):
        idea = f"I{1 + n % writers.IDEAS}"
        with conn.transaction():
            conn.execute("SELECT id FROM raw_workshop WHERE id = 1 FOR NO KEY UPDATE").fetchone()
            conn.execute("SELECT coalesce(sum(dots), 0) FROM raw_vote WHERE participant = %s", (participant,)).fetchone()
            conn.execute("INSERT INTO raw_vote VALUES (%s, %s, 1) ON CONFLICT (participant, idea) "
                         "DO UPDATE SET dots = raw_vote.dots + 1", (participant, idea))
            seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM raw_event").fetchone()[0]
            conn.execute("INSERT INTO raw_event VALUES (%s, now()::text, %s, 'vote.cast', %s)",
                         (seq, participant, f'{{"idea": "{idea}"}}'))
            conn.execute("NOTIFY workshop_changes")
        acked += 1
    out.put((participant, acked, [], time.perf_counter()))
    conn.close()


def _dots(url: str, schema: str) -> int:
    import psycopg

    with psycopg.connect(_libpq(url), options=f"-c search_path={schema}") as conn:
        table = "raw_vote" if schema == "raw" else "vote"
        return int(conn.execute(f"SELECT coalesce(sum(dots), 0) FROM {table}").fetchone()[0])


def _writers(server, quick: bool) -> list[Row]:
    import psycopg

    total, rounds = (96, 1) if quick else (320, 3)
    rows = []
    round_no = 0
    for processes in (1, 4, 16):
        per = max(1, total // processes)
        rate = raw_rate = sqlite_rate = 0.0
        lost, acked, errors = 0, 0, []
        for _ in range(rounds):
            round_no += 1
            url = f"{server.base()}?schema=w{round_no}"
            wid = writers._prepare_engine(url, processes)
            took, done, refused = writers.spawn(writers._engine_writer, url, wid, processes, per)
            found = _dots(url, f"w{round_no}")
            with psycopg.connect(_libpq(server.base()), autocommit=True) as conn:
                conn.execute("DROP SCHEMA IF EXISTS raw CASCADE")
                conn.execute("CREATE SCHEMA raw")
                conn.execute(_RAW_SCHEMA.replace("raw_", "raw.raw_"))
            raw_took, raw_done, _ = writers.spawn(_raw_writer, server.base(), 1, processes, per)
            with tempfile.TemporaryDirectory() as tmp:
                s_took, s_done, _, _ = writers._run("engine", str(Path(tmp) / "engine.db"), processes, per)
            rate, raw_rate = max(rate, done / took), max(raw_rate, raw_done / raw_took)
            sqlite_rate = max(sqlite_rate, s_done / s_took)
            lost, acked, errors = lost + done - found, acked + done, errors + refused
        ratio = rate / raw_rate
        note = (f"{lost} lost of {acked}; SQLite engine {sqlite_rate:.0f} dots/s"
                + (f"; {len(errors)} refused: {errors[0]}" if errors else ""))
        rows.append(Row(
            f"PostgreSQL writers: {processes} process{'es' if processes > 1 else ''} casting dots",
            f"{rate:.0f} dots/s", f"{raw_rate:.0f} /s raw psycopg", ratio,
            "≥ 50% of raw, 0 lost", ratio >= 0.5 and lost == 0 and not errors, note))
    return rows


def _on_server(generated: Generated, folder: Path, server, schema: str) -> str:
    """The generated workshop (in the what-is phase) copied with its log into a schema of its own."""
    from workshop.engine import open_engine

    url = f"{server.base()}?schema={schema}"
    source, into = open_engine(str(in_phase(generated, folder, "what-is"))), open_engine(url)
    try:
        made = source.copy_to(generated.workshop, into)
        assert made.id == generated.workshop
    finally:
        source.store.close()
        into.store.close()
    return url


def measure(s1: Generated, s10: Generated, folder: Path, *, quick: bool = False) -> list[Row]:
    try:
        server = _server()
    except BaseException as exc:  # pytest's skip where there is no PostgreSQL
        return [Row.not_measured("PostgreSQL", f"no PostgreSQL server: {exc}")]
    try:
        rows = _writers(server, quick)
        changes, repeat = (5, 3) if quick else (15, 5)
        for generated in (s1, s10):
            url = _on_server(generated, folder, server, f"s{generated.size}")
            file = in_phase(generated, folder, "what-is")
            delays = live._shown_after(url, generated.workshop, changes)
            file_delays = live._shown_after(file, generated.workshop, changes)
            rows.append(Row(
                f"PostgreSQL live: another process's change shown, S={generated.size} (median of {changes})",
                seconds(median(delays)), f"{seconds(median(file_delays))} SQLite file", None,
                "≤ 0.5 s median", median(delays) <= 0.5, f"slowest {seconds(max(delays))}"))
            exported = time_process([*WORKSHOP, "--db", url, "export", str(generated.workshop), "--what", "report"],
                                    repeat=repeat)
            on_file = time_process([*WORKSHOP, "--db", str(file), "export", str(generated.workshop), "--what", "report"],
                                   repeat=repeat)
            rows.append(Row(f"PostgreSQL export --what report, S={generated.size}", seconds(exported),
                            f"{seconds(on_file)} SQLite file", exported / on_file))
        return rows
    finally:
        server.stop()


if __name__ == "__main__":
    from benchmarks.measure import table
    from benchmarks.workshops import workshop_of_size

    with tempfile.TemporaryDirectory() as tmp:
        print(table(measure(workshop_of_size(1), workshop_of_size(10), Path(tmp), quick=True)))
