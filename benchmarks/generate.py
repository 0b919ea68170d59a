"""Provides synthetic workshops of size S for the benchmarks (S=1: 200 touchpoints, 1,000 ideas,
5,000 votes, 50 pilots, about 7,000 events; S=10: ten times that).

Every item is made by the engine's own actions, so each is validated and recorded as its own event
with its own seq; replay and undo work on a generated workshop as on a real one. Only the
transaction boundary differs: a thousand actions share one SQLite transaction (`Store.batch`),
so the disk is synced once per thousand rather than once per action.

    python -m benchmarks.generate --size 1 --db /tmp/s1.db
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop.engine import Engine
from workshop.store.db import Store

STAGES = ["Marketing", "Sales", "Delivery and use", "Customer service", "Customer follow-up"]
ACTIONS_PER_COMMIT = 1000

_DOING = [
    "ser en annonse for", "leser om", "sammenligner prisen på", "bestiller", "venter på",
    "ringer kundeservice om", "får en e-post om", "åpner appen for å sjekke", "klager på",
    "henter", "betaler for", "anbefaler", "går til butikken for å se på", "chatter om",
]
_THINGS = [
    "leveransen", "fakturaen", "sofaen", "abonnementet", "returen", "garantien", "kjøkkenet",
    "tilbudet", "reservedelen", "bestillingen", "medlemskapet", "kvitteringen",
]
_PAINS = [
    "Må vente i kø i 20 minutter", "Får ikke svar på e-post", "Uklart når varen kommer",
    "Må fylle ut det samme skjemaet to gange", "Prisen endret seg i kassen", "Ingen bekreftelse",
    "Sjåføren ringte ikke før levering", "Må logge inn på nytt hver gang",
]
_IDEAS = [
    "Send SMS med tidsvindu", "La kunden velge leveringsdag", "Chatbot som kjenner ordren",
    "Gratis retur i butikk", "Én side med status for alt", "Ring kunden før levering",
    "Bonus for å hente selv", "Video som viser montering", "Felles kø for e-post og telefon",
    "Påminnelse før fornyelse", "Kvittering i appen", "Personlig rådgiver for store kjøp",
]
_THEMES = ["Forutsigbarhet", "Selvbetjening", "Kontakt", "Økonomi", "Tillit", "Hastighet"]
_NAMES = ["Åse", "Øystein", "Bjørn", "Søren", "Märta", "Jörg", "Ingrid", "Kåre", "Liv", "Æsa"]
_SURNAMES = ["Ødegård", "Østby", "Sæther", "Løvås", "Bråten", "Håkansson", "Næss", "Lindqvist"]


@dataclass(frozen=True)
class Size:
    """How much a workshop of size S holds."""

    touchpoints: int
    ideas: int
    votes: int
    pilots: int
    participants: int
    concepts: int
    assumptions: int
    touchpoint_edits: int
    idea_edits: int

    @classmethod
    def of(cls, s: int) -> Size:
        return cls(touchpoints=200 * s, ideas=1000 * s, votes=5000 * s, pilots=50 * s,
                   participants=25 * s, concepts=75 * s, assumptions=150 * s,
                   touchpoint_edits=300 * s, idea_edits=100 * s)

    @property
    def dots(self) -> int:
        """Dots per participant: enough that every participant spends the same share of votes."""
        return -(-self.votes // self.participants)


def run_batched(engine: Engine, steps: Iterable[Callable[[Engine], object]],
                per_commit: int = ACTIONS_PER_COMMIT) -> int:
    """Run engine actions, `per_commit` of them per SQLite transaction (`Store.batch`); returns
    how many ran."""
    done = 0
    iterator = iter(steps)
    while True:
        with engine.store.batch():
            for n, step in enumerate(iterator, start=1):
                step(engine)
                done += 1
                if n == per_commit:
                    break
            else:
                return done


def _person(rng: random.Random, n: int) -> str:
    return f"{rng.choice(_NAMES)} {rng.choice(_SURNAMES)} {n}"


def _steps(wid: int, size: Size, rng: random.Random) -> Iterator[Callable[[Engine], object]]:
    """The actions of a whole workshop, in the order a room would do them."""
    for n in range(1, size.participants + 1):
        yield lambda e, n=n: e.add_participant(wid, _person(rng, n), role=rng.choice(STAGES))
    for name in ("Førstegangskjøper", "Fast kunde", "Bedriftskunde", "Student"):
        yield lambda e, name=name: e.add_persona(wid, name, description=f"{name} på 20–60 år")
    yield lambda e: e.set_phase(wid, "what-is")
    for n in range(1, size.touchpoints + 1):
        text = f"Kunden {rng.choice(_DOING)} {rng.choice(_THINGS)} ({n})"
        pains = rng.sample(_PAINS, rng.choice((0, 0, 1, 2)))
        yield lambda e, text=text, pains=pains, n=n: e.add_touchpoint(
            wid, text, stage=str(1 + n % len(STAGES)), channel=rng.choice(("web", "app", "phone", "store")),
            feeling=rng.randint(-2, 2), pains=pains, evidence="12 samtaler i uken" if n % 7 == 0 else None,
            evidence_count=12 if n % 7 == 0 else None, moment_of_truth=n % 11 == 0,
            persona=f"R{1 + n % 4}" if n % 3 else None, author=_person(rng, n % 25))
    for n in range(1, size.touchpoint_edits + 1):
        ref = f"T{rng.randint(1, size.touchpoints)}"
        yield lambda e, ref=ref, n=n: e.edit_touchpoint(wid, ref, feeling=(n % 5) - 2, evidence=f"målt {n} ganger")
    for n in range(1, 11):
        yield lambda e, n=n: e.add_criterion(wid, f"Kunden vet alltid hva som skjer nå ({n})")
    yield lambda e: e.set_phase(wid, "what-if")
    for n in range(1, size.ideas + 1):
        links = [f"T{rng.randint(1, size.touchpoints)}" for _ in range(rng.choice((0, 1, 1, 2)))]
        text = f"{rng.choice(_IDEAS)} – variant {n}"
        yield lambda e, text=text, links=links, n=n: e.add_idea(
            wid, text, touchpoints=links, theme=rng.choice(_THEMES) if n % 4 else None, author=_person(rng, n % 25))
    for n in range(1, size.idea_edits + 1):
        ref = f"I{rng.randint(1, size.ideas)}"
        yield lambda e, ref=ref, n=n: e.edit_idea(wid, ref, text=f"Omskrevet idé {n}: {rng.choice(_IDEAS)}")
    yield lambda e: e.set_phase(wid, "what-wows")
    yield lambda e: e.set_rules(wid, dots=size.dots)
    # Popular ideas draw most dots, as in a real room: a skewed choice over the ideas.
    weights = [1.0 / (i + 10) for i in range(size.ideas)]
    for n in range(size.votes):
        participant = f"U{1 + n % size.participants}"
        idea = f"I{rng.choices(range(1, size.ideas + 1), weights)[0]}"
        yield lambda e, p=participant, i=idea: e.cast_vote(wid, p, i)
    yield lambda e: e.reveal_votes(wid)
    for n in range(1, size.concepts + 1):
        yield lambda e, n=n: e.add_concept(
            wid, f"I{n}", benefits="Kunden slipper å ringe", execution="SMS fra ordresystemet",
            rationale="Færre henvendelser", effect=1 + n % 5, cost=1 + (n * 3) % 5, wow=n % 9 == 0)
    for n in range(1, size.assumptions + 1):
        concept = f"C{1 + (n - 1) // 2}"
        yield lambda e, n=n, c=concept: e.add_assumption(
            wid, f"Kundene leser SMS innen en time ({n})", concept=c,
            kind=("value", "execution", "scale", "defensibility")[n % 4], critical=n % 3 == 0,
            test="Feltforsøk i én region")
    yield lambda e: e.set_phase(wid, "what-works")
    for n in range(1, size.pilots + 1):
        concept = f"C{n}"
        yield lambda e, n=n, c=concept: e.add_pilot(
            wid, f"Læringsforsøk {n}", concept=c,
            hypothesis="Vi tror at SMS med tidsvindu for kunder i Oslo vil halvere anropene, målt ved antall anrop",
            metric="Anrop per uke under 6", owner=_person(rng, n), start="2026-01-05", end="2026-02-27",
            budget="20 000 kr", scope="Én region", tests=[f"A{2 * n - 1}"])
    for n in range(1, size.pilots + 1):
        yield lambda e, n=n: e.edit_pilot(wid, f"P{n}", status=("planned", "running", "done")[n % 3])
    yield lambda e: e.undo(wid)
    yield lambda e: e.redo(wid)


def generate(db: str | Path, size: int = 1, *, seed: int = 1, title: str | None = None) -> int:
    """Add a synthetic workshop of size `size` to the database `db`; returns its id."""
    store = Store(str(db))
    try:
        engine = Engine(store)
        wid, _ = engine.create_workshop(
            title or f"Syntetisk verksted S={size}", challenge="Hvordan kan vi gjøre leveransen forutsigbar?",
            stages=STAGES, template="core-processes", facilitator="Åse Ødegård")
        run_batched(engine, _steps(wid, Size.of(size), random.Random(seed)))
        store.checkpoint()
        return wid
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    """Command line: generate one workshop and say how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1, help="S: 1 is about 7,000 events")
    parser.add_argument("--db", required=True, help="database file (created if absent)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    wid = generate(args.db, args.size, seed=args.seed)
    took = time.perf_counter() - started
    from workshop.engine import open_engine

    engine = open_engine(args.db)
    summary = next(s for s in engine.list_workshops() if s.id == wid)
    engine.store.close()
    print(f"workshop {wid} ({summary.slug}): {summary.touchpoints} touchpoints, {summary.ideas} ideas, "
          f"{summary.pilots} pilots, {summary.events} events in {took:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
