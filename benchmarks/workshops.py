"""Provides the generated workshops the measurements run on, made once and kept between runs.

A workshop of size S is generated into a folder of the system's temporary directory, named by a
fingerprint of the generator, the tables and the schema version, so a change to any of them makes
new ones. Each measurement that changes a workshop works on its own copy.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import generate
from benchmarks.measure import ROOT

CACHE = Path(tempfile.gettempdir()) / "workshop-benchmarks"


@dataclass(frozen=True)
class Generated:
    size: int
    db: Path
    workshop: int
    seconds: float
    """How long generating it took."""
    events: int
    cached: bool

    def copy(self, folder: Path, name: str | None = None) -> Path:
        """A copy of the database to change freely."""
        target = folder / (name or f"s{self.size}.db")
        shutil.copyfile(self.db, target)
        return target


def _fingerprint() -> str:
    from workshop.store.db import SCHEMA_VERSION

    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}".encode())
    for part in ("benchmarks/generate.py", "src/workshop/store/tables.py"):
        digest.update((ROOT / part).read_bytes())
    return digest.hexdigest()[:12]


def workshop_of_size(size: int, *, fresh: bool = False) -> Generated:
    """The generated workshop of size `size`, made now if it is not kept already."""
    folder = CACHE / _fingerprint()
    folder.mkdir(parents=True, exist_ok=True)
    db, facts = folder / f"s{size}.db", folder / f"s{size}.json"
    if fresh or not (db.exists() and facts.exists()):
        for stale in (db, facts):
            stale.unlink(missing_ok=True)
        started = time.perf_counter()
        wid = generate.generate(db, size)
        took = time.perf_counter() - started
        from workshop.engine import open_engine

        engine = open_engine(str(db))
        events = len(engine.events(wid))
        engine.store.close()
        facts.write_text(json.dumps({"workshop": wid, "seconds": took, "events": events}))
        return Generated(size, db, wid, took, events, cached=False)
    known = json.loads(facts.read_text())
    return Generated(size, db, known["workshop"], known["seconds"], known["events"], cached=True)


def in_phase(generated: Generated, folder: Path, phase: str) -> Path:
    """A copy of a generated workshop moved to `phase` (as a facilitator would leave it)."""
    from workshop.engine import open_engine

    path = generated.copy(folder, f"s{generated.size}-{phase}.db")
    engine = open_engine(str(path))
    if engine.load(generated.workshop).phase.value != phase:
        engine.set_phase(generated.workshop, phase)
    engine.store.close()
    return path
