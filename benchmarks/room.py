"""Provides the room measurement: fifty participants on their own devices writing ideas and
spending dots at once against one participant server, and how soon a participant's idea shows in
the facilitator's open app.

Every participant is a thread with its own HTTP client, as a phone is its own client (the threads
spread over a few processes, so no one interpreter lock queues all fifty): they join with the code, then (all starting together) write ideas one after another and spend their dots on
ideas chosen at random. Each action is timed from the request to the answer; the floor is the same
action made straight through the engine in this process. Afterwards the database must hold every
acknowledged idea and dot (none lost) and nobody may hold more dots than allowed (the rules held).
"""

from __future__ import annotations

import functools
import json
import random
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.live import OpenApp
from benchmarks.measure import PYTHON, Row, env, median, p95, seconds

PEOPLE = 50
IDEAS_EACH = 4
DOTS = 3
GROUPS = 5
"""The participants' devices run in this many processes."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _room(folder: Path) -> tuple[Path, int]:
    """A workshop in What If with fifty participants, a journey to link to and ideas to vote on."""
    from workshop.engine import open_engine

    db = folder / "room.db"
    engine = open_engine(str(db))
    try:
        wid, _slug = engine.create_workshop("Rommet skriver selv", stages=["Kjøp", "Levering", "Oppfølging"])
        for n in range(1, PEOPLE + 1):
            engine.add_participant(wid, f"Deltaker {n:02d} Ødegård")
        for n in range(6):
            engine.add_touchpoint(wid, f"Kunden venter på beskjed {n}", stage=str(n % 3 + 1), feeling=-1)
        for n in range(20):
            engine.add_idea(wid, f"Forhåndsidé {n}: SMS før levering", touchpoints=[f"T{n % 6 + 1}"])
        engine.set_phase(wid, "what-if")
    finally:
        engine.store.close()
    return db, wid


def _floor(db: Path, wid: int, count: int) -> list[float]:
    """An idea written straight through the engine: what the server adds to is measured against it."""
    from workshop.engine import open_engine

    engine = open_engine(str(db))
    times = []
    try:
        for n in range(count):
            started = time.perf_counter()
            engine.add_idea(wid, f"Idé fra maskinrommet {n}", touchpoints=["T1"], author="Deltaker 01 Ødegård")
            times.append(time.perf_counter() - started)
    finally:
        engine.store.close()
    return times


def _participant(url: str, code: str, name: str, start: threading.Barrier, voting: threading.Barrier,
                 times: list[float], acked: dict[str, list[str]], failures: list[str]) -> None:
    import httpx

    with httpx.Client(base_url=url, timeout=30) as client:
        joined = client.post("/api/join", json={"code": code, "name": name})
        if joined.status_code != 200:
            failures.append(f"join {name}: {joined.status_code} {joined.text[:200]}")
            start.abort()
            return
        client.headers["Authorization"] = f"Bearer {joined.json()['token']}"
        start.wait()
        rng = random.Random(name)
        for n in range(IDEAS_EACH):
            began = time.perf_counter()
            answer = client.post("/api/ideas", json={"text": f"{name} foreslår {n}", "touchpoints": [f"T{n % 6 + 1}"]})
            times.append(time.perf_counter() - began)
            if answer.status_code == 201:
                acked["ideas"].append(answer.json()["id"])
            else:
                failures.append(f"idea {name}: {answer.status_code} {answer.text[:200]}")
        voting.wait()  # the facilitator moves the room to What Wows
        for _ in range(DOTS + 1):  # one more than allowed: it must be refused
            began = time.perf_counter()
            answer = client.post("/api/votes", json={"idea": f"I{rng.randint(1, 20)}"})
            times.append(time.perf_counter() - began)
            if answer.status_code == 201:
                acked["votes"].append(name)
            elif answer.status_code != 409:
                failures.append(f"vote {name}: {answer.status_code} {answer.text[:200]}")


def _to_voting(db: str, wid: int) -> None:
    """The facilitator moves the room to What Wows (once every participant has written)."""
    from workshop.engine import open_engine

    engine = open_engine(db)
    try:
        engine.set_phase(wid, "what-wows")
    finally:
        engine.store.close()


def _stamp(path: str) -> None:
    """Note the moment every participant has joined and all begin together."""
    Path(path).write_text(repr(time.time()), encoding="utf-8")


def _device_group(url: str, code: str, names: list[str], start: Any, voting: Any, out: Any) -> None:
    """A process holding a few participants' devices, each a thread with its own client."""
    times: list[float] = []
    acked: dict[str, list[str]] = {"ideas": [], "votes": []}
    failures: list[str] = []
    people = [threading.Thread(target=_participant, args=(url, code, name, start, voting, times, acked, failures))
              for name in names]
    for person in people:
        person.start()
    for person in people:
        person.join()
    out.put((times, acked, failures))


def _load(db: Path, wid: int, url: str, code: str) -> tuple[list[float], dict[str, list[str]], list[str], float]:
    """The participants in GROUPS processes, so that no one interpreter lock queues all fifty
    clients (phones each have a processor of their own; here they share the server's two)."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    stamp = db.with_name("room-began.txt")
    start = context.Barrier(PEOPLE, action=functools.partial(_stamp, str(stamp)))
    voting = context.Barrier(PEOPLE, action=functools.partial(_to_voting, str(db), wid))
    out = context.Queue()
    names = [f"Deltaker {n:02d} Ødegård" for n in range(1, PEOPLE + 1)]
    groups = [context.Process(target=_device_group, args=(url, code, names[g::GROUPS], start, voting, out))
              for g in range(GROUPS)]
    for group in groups:
        group.start()
    times: list[float] = []
    acked: dict[str, list[str]] = {"ideas": [], "votes": []}
    failures: list[str] = []
    for _ in groups:
        t, a, f = out.get()
        times += t
        acked["ideas"] += a["ideas"]
        acked["votes"] += a["votes"]
        failures += f
    for group in groups:
        group.join()
    ended = time.time()
    began = float(stamp.read_text(encoding="utf-8")) if stamp.exists() else ended
    return times, acked, failures, ended - began


def _shown_in_app(db: Path, wid: int, url: str, code: str, count: int) -> list[float]:
    """From a participant's idea acknowledged to the facilitator's app painting it."""
    import httpx

    from workshop.engine import open_engine

    engine = open_engine(str(db))
    delays = []
    try:
        with OpenApp(db, wid, "what-if") as app, httpx.Client(base_url=url, timeout=30) as client:
            token = client.post("/api/join", json={"code": code, "name": "Deltaker 50 Ødegård"}).json()["token"]
            client.headers["Authorization"] = f"Bearer {token}"
            for n in range(count):
                answer = client.post("/api/ideas", json={"text": f"Sent fra telefonen {n}", "touchpoints": []})
                acknowledged = time.time()
                assert answer.status_code == 201, answer.text
                delays.append(app.shown(engine.last_seq(wid)) - acknowledged)
                time.sleep(0.2 + random.random() * 0.3)  # a random moment of the app's polling
    finally:
        engine.store.close()
    return delays


class Served:
    """`workshop serve` in a process of its own, as the facilitator runs it (the participants'
    devices are other machines: their clients do not share the server's process)."""

    def __init__(self, db: Path, wid: int) -> None:
        self.db, self.wid = db, wid

    def __enter__(self) -> Served:
        self.process = subprocess.Popen(
            [PYTHON, "-m", "workshop", "--db", str(self.db), "serve", str(self.wid), "--host", "127.0.0.1",
             "--port", str(_free_port()), "--json"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(self.db))
        first = self.process.stdout.readline()  # type: ignore[union-attr]
        if not first.startswith("{"):
            raise RuntimeError(f"workshop serve did not start: {first}{self.process.stderr.read()[-2000:]}")  # type: ignore[union-attr]
        said = json.loads(first)
        self.url, self.code = said["url"], said["code"]
        return self

    def __exit__(self, *_exc: object) -> None:
        self.process.terminate()
        self.process.wait(30)


def measure(folder: Path, *, quick: bool = False) -> list[Row]:
    from workshop.engine import open_engine

    db, wid = _room(folder)
    floor = median(_floor(db, wid, 20))
    with Served(db, wid) as served:
        times, acked, failures, took = _load(db, wid, served.url, served.code)
        open_again = open_engine(str(db))
        try:
            open_again.set_phase(wid, "what-if")
        finally:
            open_again.store.close()
        shown = _shown_in_app(db, wid, served.url, served.code, 3 if quick else 10)
    engine = open_engine(str(db))
    try:
        state = engine.load(wid)
    finally:
        engine.store.close()
    held = {idea.ref for idea in state.ideas}
    lost = [ref for ref in acked["ideas"] if ref not in held]
    spent = sum(v.dots for v in state.votes)
    over = [p.name for p in state.participants if state.dots_spent(p.ref) > DOTS]
    actions = len(times)
    return [
        Row(f"room: a participant's action, {PEOPLE} at once (median of {actions})", seconds(median(times)),
            f"{seconds(floor)} the same idea through the engine", median(times) / floor, "p95 ≤ 150 ms",
            p95(times) <= 0.150, f"p95 {seconds(p95(times))}; all {actions} in {took:.1f} s"),
        Row("room: acknowledged ideas and dots lost", f"{len(lost)} of {len(acked['ideas'])} ideas, "
            f"{len(acked['votes']) - spent} of {len(acked['votes'])} dots", "", None, "0", not lost
            and spent == len(acked["votes"]) and not failures, "; ".join(failures[:3])),
        Row(f"room: nobody above {DOTS} dots", f"{len(over)} above", "", None, "0", not over),
        Row(f"room: a participant's idea shown in the open app (median of {len(shown)})", seconds(median(shown)),
            "", None, "p95 ≤ 1 s", p95(shown) <= 1.0, f"slowest {seconds(max(shown))}"),
    ]


__all__ = ["measure"]
