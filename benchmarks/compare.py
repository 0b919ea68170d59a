"""Provides the compare measurement: two workshops of 2,000 touchpoints each matched by
`workshop.compare.compare`, as a session months later looks (most texts the same, some reworded,
some moved to another stage, some new) and at its worst (one stage, every text reworded, so every
pair must be screened for similar text). The floor is building the two states from their rows,
which every comparison does first.

    python -m benchmarks.run --only compare
"""

from __future__ import annotations

import random
import time
from typing import Any

from benchmarks.measure import Row, median, seconds

TOUCHPOINTS = 2000
GOAL = 3.0
"""Seconds: a comparison of two large workshops stays under a few seconds."""

_DOING = ["ser en annonse for", "leser om", "sammenligner prisen på", "bestiller", "venter på",
          "ringer kundeservice om", "får en e-post om", "åpner appen for å sjekke", "klager på",
          "henter", "betaler for", "anbefaler", "chatter om", "returnerer", "monterer"]
_THINGS = ["leveransen", "fakturaen", "sofaen", "abonnementet", "returen", "garantien", "kjøkkenet",
           "tilbudet", "reservedelen", "bestillingen", "medlemskapet", "kvitteringen", "søknaden"]
_WHEN = ["i helgen", "etter jobb", "på mobilen", "i butikken", "sammen med familien", "om kvelden",
         "for andre gang", "før ferien", "i appen", "på nettsiden"]


def _text(rng: random.Random, n: int) -> str:
    return f"Kunden {rng.choice(_DOING)} {rng.choice(_THINGS)} {rng.choice(_WHEN)} (sak {n})"


def _reworded(rng: random.Random, text: str) -> str:
    """The same touchpoint written down again by another group: a word changed (never only in case
    or punctuation, which comparing folds away), now and then one more at the end."""
    words = text.split()
    i = rng.randrange(1, len(words) - 2)
    words[i] = words[i] + rng.choice(["e", "r", "ne"])
    return " ".join(words) + rng.choice(["", "", " nå", " igjen"])


def _state(texts: list[tuple[int, str]], stages: int) -> Any:
    from workshop.domain import model

    head = {"uid": "0" * 16, "slug": "then", "title": "Bench"}
    tables = {
        "stage": {f"S{s}": {"name": f"Fase {s}", "position": s} for s in range(1, stages + 1)},
        "touchpoint": {f"T{n}": {"stage": f"S{stage}", "position": n, "text": text, "feeling": n % 5 - 2,
                                 "pains": ["Venter for lenge"] if n % 3 else []}
                       for n, (stage, text) in enumerate(texts, 1)},
    }
    return model.build(head, tables)


def _pair(*, worst: bool) -> tuple[list[tuple[int, str]], list[tuple[int, str]], int]:
    """Then and now, each touchpoint as (stage, text): a session later (8 stages), or the worst
    case (1 stage, all reworded); and the number of stages."""
    rng = random.Random(2000)
    stages = 1 if worst else 8
    then = [(rng.randint(1, stages), _text(rng, n)) for n in range(TOUCHPOINTS)]
    now = []
    for stage, text in then:
        roll = 1.0 if worst else rng.random()
        if roll < 0.6:
            now.append((stage, text))
        elif roll < 0.7:
            now.append((stage % stages + 1, text))  # moved to the next stage
        elif roll < 0.8:
            now.append((stage, _text(rng, rng.randint(10_000, 20_000))))  # a new one in its place
        else:
            now.append((stage, _reworded(rng, text)))
    rng.shuffle(now)
    return then, now, stages


def _timed(worst: bool, repeat: int) -> tuple[float, float, int]:
    from workshop.compare import compare

    builds, runs, matched = [], [], 0
    texts_then, texts_now, stages = _pair(worst=worst)
    for _ in range(repeat):
        started = time.perf_counter()
        then, now = _state(texts_then, stages), _state(texts_now, stages)
        builds.append(time.perf_counter() - started)
        started = time.perf_counter()
        result = compare(then, now)
        runs.append(time.perf_counter() - started)
        matched = len(result.touchpoints)
    return median(runs), median(builds), matched


def measure(*, quick: bool = False) -> list[Row]:
    repeat = 1 if quick else 3
    rows = []
    for worst, what in ((False, "a session later, 8 stages"), (True, "one stage, every text reworded")):
        took, floor, matched = _timed(worst, repeat)
        rows.append(Row(f"compare: {TOUCHPOINTS:,} × {TOUCHPOINTS:,} touchpoints, {what}", seconds(took),
                        f"{seconds(floor)} building both states", took / floor, f"≤ {GOAL:.0f} s", took <= GOAL,
                        f"{matched:,} matched"))
    return rows
