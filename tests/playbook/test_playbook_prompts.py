"""How-might-we prompts suggested from a workshop's pains, moments of truth and weakest link, in
the playbook's words and the room's language."""

from __future__ import annotations

from pathlib import Path

from playbook_helpers import replace

from workshop.engine import Engine
from workshop.playbook import Playbook


def journey(engine: Engine, workshop: int) -> dict[str, str]:
    """A delivery journey with one painful stage, as a room in Bergen might map it."""
    persona = engine.add_persona(workshop, "Åse, 72", description="Bestiller for første gang")
    refs = {
        "ad": engine.add_touchpoint(workshop, "Jeg ser en annonse på Facebook", stage="Marketing",
                                    channel="social", feeling=1),
        "wait": engine.add_touchpoint(workshop, "Jeg venter på pakken og vet ikke når den kommer",
                                      stage="Delivery and use", channel="email", feeling=-2,
                                      pains=["Ingen sporingslenke", "Leveringstid står ikke på ordren"],
                                      evidence="kundeservice", evidence_count=12, persona=persona),
        "unpack": engine.add_touchpoint(workshop, "Jeg pakker opp og prøver produktet", stage="Delivery and use",
                                        channel="in person", feeling=-1, moment_of_truth=True),
        "call": engine.add_touchpoint(workshop, "Jeg ringer for å høre hvor pakken er", stage="Customer service",
                                      channel="phone", feeling=0, pains=["Telefonkø på 20 minutter"]),
    }
    return refs


def test_prompts_start_with_the_weakest_link_then_the_worst_felt_touchpoints(engine: Engine, workshop: int) -> None:
    refs = journey(engine, workshop)
    state = engine.load(workshop)
    prompts = Playbook.resolve(lang="nb").prompts(state)
    first = prompts[0]
    assert first.kind == "weakest-link" and "Delivery and use" in first.text
    assert first.text.startswith("Hvordan kan vi")
    by_touchpoint = [p.touchpoint for p in prompts[1:]]
    # the frustrated touchpoint (−2) comes before the unhappy one (−1) and the neutral one (0)
    assert by_touchpoint.index(refs["wait"]) < by_touchpoint.index(refs["unpack"]) < by_touchpoint.index(refs["call"])


def test_every_pain_and_moment_of_truth_gets_a_prompt_in_the_customers_words(engine: Engine, workshop: int) -> None:
    refs = journey(engine, workshop)
    prompts = Playbook.resolve(lang="nb").prompts(engine.load(workshop))
    texts = " ".join(p.text for p in prompts)
    for pain in ("Ingen sporingslenke", "Leveringstid står ikke på ordren", "Telefonkø på 20 minutter"):
        assert f"«{pain}»" in texts
    truth = [p for p in prompts if p.kind == "moment-of-truth"]
    assert [p.touchpoint for p in truth] == [refs["unpack"]]
    assert "Jeg pakker opp og prøver produktet" in truth[0].text
    assert all(p.text.startswith("Hvordan kan vi") for p in prompts)
    # a touchpoint with a persona is about that persona; one without is about "kundene våre"
    assert any("Åse, 72" in p.text for p in prompts if p.touchpoint == refs["wait"])
    assert any("kundene våre" in p.text for p in prompts if p.touchpoint in (refs["unpack"], refs["call"]))
    # neighbouring pains are not worded alike
    wait = [p.text for p in prompts if p.touchpoint == refs["wait"]]
    assert len(wait) == 2 and wait[0].split("«")[0] != wait[1].split("«")[0]


def test_english_prompts_use_the_english_patterns(engine: Engine, workshop: int) -> None:
    journey(engine, workshop)
    prompts = Playbook.resolve(lang="en").prompts(engine.load(workshop))
    assert all(p.text.startswith("How might we") for p in prompts)
    assert any('"Ingen sporingslenke"' in p.text for p in prompts)


def test_a_journey_without_pains_or_moments_of_truth_suggests_nothing(engine: Engine, workshop: int) -> None:
    engine.add_touchpoint(workshop, "Jeg leser nyhetsbrevet", stage="Marketing", channel="email")
    assert Playbook.resolve().prompts(engine.load(workshop)) == []


def test_edited_patterns_change_the_suggestions(book: Path, engine: Engine, workshop: int) -> None:
    journey(engine, workshop)
    prompts_file = book / "nb" / "prompts.md"
    replace(prompts_file, "weakest_link:\n  - ", "weakest_link:\n  - \"Hva skal til for at {stage} slutter å svikte?\"\n  - ")
    prompts = Playbook.resolve(book, "nb").prompts(engine.load(workshop))
    assert prompts[0].text == "Hva skal til for at Delivery and use slutter å svikte?"


def test_a_pattern_whose_placeholder_has_no_value_is_skipped(book: Path, engine: Engine, workshop: int) -> None:
    engine.add_touchpoint(workshop, "Jeg får en faktura", stage="Sales", pains=["Feil beløp"])  # no channel
    prompts_file = book / "en" / "prompts.md"
    text = prompts_file.read_text(encoding="utf-8")
    start = text.index("pain:\n") + len("pain:\n")
    end = text.index("# For each moment of truth")
    prompts_file.write_text(text[:start] + '  - "Fix {pain} by {channel}"\n  - "Remove {pain}"\n' + text[end:],
                            encoding="utf-8")
    [prompt] = Playbook.resolve(book, "en").prompts(engine.load(workshop))
    assert prompt.text == "Remove Feil beløp"
