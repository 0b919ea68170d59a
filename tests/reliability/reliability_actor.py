"""Provides the worker of the reliability suites: it performs engine actions on a workshop and
acknowledges each only after its transaction has committed.

`start` forks it as a child process that writes its acknowledgements to a pipe, one line each
(a line is one `write`, so a kill never leaves half a line); `python actor.py DB WORKSHOP NAME SEED
COUNT` runs it on its own and prints them.

Each acknowledgement is one line: `T <ref> <text>` for a touchpoint, `I <ref> <text>` for an
idea, `V <participant> <idea>` for a dot, `L <idea> <touchpoint>` for a link, and `R <reason>` for
an action a workshop rule refused. Anything else that goes wrong is acknowledged as `X <error>`, so
the parent can tell a refusal from an unhandled failure such as "database is locked".
"""

from __future__ import annotations

import os
import random
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from workshop.domain.errors import RuleRefused, WorkshopError
from workshop.engine import open_engine


def act(db: str, workshop: int, name: str, seed: int, count: int, emit: Callable[[str], None],
        wait: Callable[[], object] | None = None) -> None:
    """Perform `count` random actions, calling `emit` with each acknowledgement after its commit
    (and, when given, `wait` between getting ready and the first action)."""
    rng = random.Random(seed)
    engine = open_engine(db)
    state = engine.load(workshop)
    participants = [p.ref for p in state.participants]
    stages = [s.ref for s in state.stages]
    mine_tp: list[str] = [t.ref for t in state.touchpoints]
    mine_ideas: list[str] = [i.ref for i in state.ideas]
    emit("ready")
    if wait is not None:
        wait()
    for n in range(count):
        kind = rng.choice("TTIIVVVL") if mine_ideas and mine_tp else rng.choice("TI")
        try:
            if kind == "T":
                text = f"{name}-{n}: kunden venter på svar – «æøå» | #{n}"
                ref = engine.add_touchpoint(workshop, text, stage=rng.choice(stages),
                                            feeling=rng.randint(-2, 2), pains=["Ingen svar"])
                mine_tp.append(ref)
                line = f"T {ref} {text}"
            elif kind == "I":
                text = f"{name}-{n}: send SMS før levering – å ja"
                ref = engine.add_idea(workshop, text)
                mine_ideas.append(ref)
                line = f"I {ref} {text}"
            elif kind == "V":
                who, idea = rng.choice(participants), rng.choice(mine_ideas)
                engine.cast_vote(workshop, who, idea)
                line = f"V {who} {idea}"
            else:
                idea, tp = rng.choice(mine_ideas), rng.choice(mine_tp)
                engine.link_idea(workshop, idea, [tp])
                line = f"L {idea} {tp}"
        except RuleRefused as exc:
            line = f"R {exc}"
        except WorkshopError as exc:
            line = f"X {type(exc).__name__} {exc}"
        except Exception as exc:  # reported, not hidden: the parent fails the test on it
            line = f"X {type(exc).__name__} {exc}"
        emit(line)
    engine.store.close()
    emit("done")


@dataclass
class Child:
    """A forked worker and the acknowledgements read from it so far."""

    pid: int
    lines: list[str] = field(default_factory=list)
    ready: threading.Event = field(default_factory=threading.Event)
    finished: threading.Event = field(default_factory=threading.Event)
    reader: threading.Thread | None = None

    def kill(self) -> int:
        """SIGKILL the child; returns how it ended (as `os.waitstatus_to_exitcode`)."""
        os.kill(self.pid, signal.SIGKILL)
        return self.wait()

    def wait(self) -> int:
        _, status = os.waitpid(self.pid, 0)
        assert self.reader is not None
        self.reader.join(30)
        return os.waitstatus_to_exitcode(status)


def start(db: str, workshop: int, name: str, seed: int, count: int, gate: int | None = None) -> Child:
    """Fork a worker (the caller must hold no open database connection); with `gate`, a pipe's
    read end, the worker starts acting only once it can read a byte from it."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: act, then leave without running the parent's cleanup
        code = 0
        try:
            os.close(read_end)
            act(db, workshop, name, seed, count, lambda line: os.write(write_end, (line + "\n").encode()),
                None if gate is None else lambda: os.read(gate, 1))
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    os.close(write_end)
    child = Child(pid)

    def read() -> None:
        with os.fdopen(read_end, encoding="utf-8") as pipe:
            for line in pipe:
                line = line.rstrip("\n")
                if line == "ready":
                    child.ready.set()
                elif line == "done":
                    child.finished.set()
                else:
                    child.lines.append(line)
        child.ready.set()

    child.reader = threading.Thread(target=read, daemon=True)
    child.reader.start()
    return child


def main(argv: list[str]) -> int:
    act(argv[0], int(argv[1]), argv[2], int(argv[3]), int(argv[4]), lambda line: print(line, flush=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
