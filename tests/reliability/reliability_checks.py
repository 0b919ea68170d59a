"""Provides what the reliability suites share: running workshop in a child process, SQLite's own
integrity check, and finding acknowledged actions missing from the database."""

from __future__ import annotations

import importlib
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

from workshop.engine import Engine

HERE = Path(__file__).resolve().parent
LONG = "--long" in sys.argv or os.environ.get("WORKSHOP_LONG_TESTS", "") not in ("", "0")
"""Whether the long variants run (for settings fixed at import, such as hypothesis's)."""


def child_env(db: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment for a child process: this Python's packages, the database given."""
    env = dict(os.environ)
    env.pop("WORKSHOP_BUSY_TIMEOUT_MS", None)
    if db is not None:
        env["WORKSHOP_DB"] = str(db)
    env.update(extra)
    return env


def run_workshop(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the `workshop` command as a user would, in a fresh process."""
    return subprocess.run([sys.executable, "-m", "workshop", *args], capture_output=True, text=True,
                          env=env or child_env(), timeout=timeout, stdin=subprocess.DEVNULL)


def integrity(db: Path) -> str:
    """`PRAGMA integrity_check` as SQLite reports it ("ok" when the file is sound); on PostgreSQL,
    "ok" when the store opens the schema and reads every table."""
    if getattr(db, "backend", "") == "postgres":
        return _postgres_integrity(str(db))
    conn = sqlite3.connect(db)
    try:
        return "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


def _postgres_integrity(url: str) -> str:
    from sqlmodel import SQLModel

    from workshop.store.db import Store

    store = Store(url)
    try:
        with store.read() as conn:
            for table in SQLModel.metadata.tables:
                conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
    finally:
        store.close()
    return "ok"


def foreign_key_problems(db: Path) -> list[tuple]:
    if getattr(db, "backend", "") == "postgres":
        return []  # the server checks every key at each write; it cannot hold a broken one
    conn = sqlite3.connect(db)
    try:
        return list(conn.execute("PRAGMA foreign_key_check"))
    finally:
        conn.close()


def missing_acknowledged(engine: Engine, workshop: int, acks: list[str]) -> list[str]:
    """The acknowledged actions the database does not hold (the answer must be: none)."""
    state = engine.load(workshop)
    touchpoints = {t.ref: t.text for t in state.touchpoints}
    ideas = {i.ref: i for i in state.ideas}
    missing = []
    votes: Counter[tuple[str, str]] = Counter()
    for line in acks:
        kind, _, rest = line.partition(" ")
        if kind == "T":
            ref, _, text = rest.partition(" ")
            if touchpoints.get(ref) != text:
                missing.append(line)
        elif kind == "I":
            ref, _, text = rest.partition(" ")
            if ref not in ideas or ideas[ref].text != text:
                missing.append(line)
        elif kind == "L":
            idea, tp = rest.split(" ")
            if idea not in ideas or tp not in ideas[idea].touchpoints:
                missing.append(line)
        elif kind == "V":
            who, idea = rest.split(" ")
            votes[(who, idea)] += 1
    held = Counter({(v.participant, v.idea): v.dots for v in state.votes})
    for key, dots in votes.items():
        if held[key] < dots:
            missing.append(f"V {key[0]} {key[1]}: {dots} dots acknowledged, {held[key]} held")
    return missing


def acknowledged_changes(acks: list[str]) -> int:
    """How many acknowledged lines were changes (each is one event)."""
    return sum(1 for line in acks if line[:1] in "TIVL")


def export_helpers(name: str) -> ModuleType:
    """A module of the export tests (their parse-back helpers), imported once under its own name."""
    if name in sys.modules:
        return sys.modules[name]
    folder = str(HERE.parent / "export")
    if folder not in sys.path:
        sys.path.insert(0, folder)  # its modules import each other by bare name
    return importlib.import_module(name)
