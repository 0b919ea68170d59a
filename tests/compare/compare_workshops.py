"""Builds the workshops to compare: the Lyngvik Hage demo as it was mapped then, and the same
journey mapped again a year later by a new group, typed in a different order so no reference lines up."""

from __future__ import annotations

from dataclasses import dataclass

from workshop.domain.model import WorkshopState
from workshop.engine import Engine

NOW_STAGES = ["Markedsføring", "SALG", "Levering og bruk", "Kundeservice", "Retur", "Oppfølging"]
"""Sales is typed in capitals, Returns is new, and the last stage has a new name."""

# then's touchpoint number -> what changed now (None: the touchpoint is gone)
CHANGES: dict[int, dict | None] = {
    3: {"feeling": 1, "pains": []},
    4: {"text": "Jeg har lagt jord, gjødsel og en hagebenk i handlekurven, og først i kassa står det "
                "«levering 8–14 dager».",
        "feeling": -1, "pains": ["Én vare fra leverandør forsinker hele ordren",
                                 "Datoen endres når jeg legger til en vare til"]},
    5: None,
    7: {"stage": 3},
    8: {"feeling": 0},
    10: {"feeling": -1, "truth": False},
    14: {"feeling": -1},
    15: {"text": "Chatboten gir meg en dato for leveringen med en gang.", "feeling": 0, "pains": []},
}
"""T3 lost its pain and rose; T4 was reworded a little; T5 is gone; T7 moved to delivery; T10 is
no longer a moment of truth; T15 was rewritten (only a pair by hand matches it)."""

NEW_TOUCHPOINTS = [
    (3, "Jeg får SMS om at pakken er forsinket, med ny dato og tre valg.", 1, [], True),
    (5, "Jeg vil sende tilbake en plante som visnet, men finner ikke returskjemaet.", -1,
     ["Returskjemaet ligger bak innlogging"], False),
]


@dataclass
class Pair:
    engine: Engine
    then: WorkshopState
    now: WorkshopState

    def now_ref(self, text_start: str) -> str:
        """The reference, in the new workshop, of the touchpoint whose text starts so."""
        found = [tp.ref for tp in self.now.touchpoints if tp.text.startswith(text_start)]
        assert len(found) == 1, text_start
        return found[0]


def build_now(engine: Engine, then: WorkshopState) -> int:
    """The journey mapped again: stages by the new names, touchpoints from the last stage back."""
    w, _ = engine.create_workshop("Lyngvik Hage: ett år etter", stages=NOW_STAGES, lang="nb")
    engine.edit_brief(w, date="2027-05-20")
    stage_index = {s.ref: i for i, s in enumerate(then.stages, start=1)}
    now_stage = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6}
    rows = []
    for tp in then.journey():
        change = CHANGES.get(int(tp.ref[1:]), {})
        if change is None:
            continue
        rows.append((now_stage[change.get("stage", stage_index[tp.stage])], change.get("text", tp.text),
                     change.get("feeling", tp.feeling), change.get("pains", list(tp.pains)),
                     change.get("truth", tp.moment_of_truth)))
    rows += NEW_TOUCHPOINTS
    for stage, text, feeling, pains, truth in sorted(rows, key=lambda r: -r[0]):
        engine.add_touchpoint(w, text, stage=str(stage), feeling=feeling, pains=pains, moment_of_truth=truth)
    for text in ("Si fra om forsinkelser", "Dato på hver vare", "Tidsvindu for store varer"):
        idea = engine.add_idea(w, text)
        engine.add_concept(w, idea, big_idea={
            "Si fra om forsinkelser": "Vi sier fra før kunden må spørre",
            "Dato på hver vare": "Leveringsdato på hver vare, før kassen",
        }.get(text, "Tidsvindu på to timer for hytteeiere"))
    engine.add_pilot(w, "Tidsvindu for hytteeiere", concept="C3")
    engine.add_pilot(w, "Leveringsdato på alle hagevarer", concept="C2", status="running")
    engine.add_pilot(w, "forsinkelsesvarsel i  Innlandet", concept="C1", status="done")
    engine.edit_pilot(w, "P3", decision="scale")
    return w
