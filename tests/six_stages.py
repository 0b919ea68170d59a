"""A six-stage Norwegian workshop with long names, for the tests that check that every stage and
every touchpoint of a whole journey is on screen (the demo has four stages)."""

from __future__ import annotations

from workshop.engine import Engine

SLUG = "barnehageplass-fra-behov-til-forste-uke"
STAGES = [
    "Oppdager behovet for ny barnehageplass",
    "Sammenligner barnehager i kommunen",
    "Søker om plass gjennom søknadsportalen",
    "Venter på svar og tilbud om plass",
    "Takker ja og forbereder oppstarten",
    "Første uke og tilvenning i barnehagen",
]
PARTICIPANTS = ["Åse Kristiansen-Haugerud", "Bjørn Ødegård", "Per [/] Hansen", "Siv Æsøy"]
TOUCHPOINTS = [
    (0, "Får vite av helsestasjonen at søknadsfristen er 1. mars", "in person", 0, [], True),
    (0, "Leter etter informasjon om barnehageopptak på kommunens nettside", "web", -1,
     ["Finner ikke fristen", "Siden er bare på bokmål"], False),
    (0, "Spør andre foreldre i nabolagsgruppen på Facebook", "social", 1, [], False),
    (1, "Åpner kartet over barnehager og filtrerer på avstand fra hjemmet", "web", 1, [], False),
    (1, "Ringer tre barnehager for å spørre om åpningstider og mat", "phone", -1,
     ["Ingen svarer før klokka ni", "Må ringe i arbeidstiden"], False),
    (1, "Besøker barnehagen på åpen dag med barnet sitt", "in person", 2, [], True),
    (2, "Logger inn i søknadsportalen med BankID på mobilen", "app", 0, [], False),
    (2, "Rangerer fem barnehager i prioritert rekkefølge", "web", -1, ["Vet ikke hva rangering betyr"], False),
    (2, "Får kvittering på e-post uten dato for svar", "email", -2,
     ["Ingen dato for svar", "Kvitteringen er på engelsk", "Lenken virker ikke"], True),
    (3, "Venter i åtte uker uten å høre noe fra kommunen", None, -2,
     ["Kan ikke planlegge permisjonen", "Arbeidsgiveren spør hver uke"], True),
    (3, "Ringer servicetorget og blir satt over tre ganger", "phone", -2, ["Lang kø"], False),
    (4, "Får tilbud om plass i en SMS med svarfrist på fem dager", "phone", 1, [], True),
    (4, "Takker ja i portalen og laster opp vaksinekortet", "web", 0, ["Opplasting feiler på mobil"], False),
    (5, "Møter pedagogisk leder den første dagen i barnehagen", "in person", 2, [], False),
    (5, "Får beskjed om tilvenningsplanen først samme morgen", "app", -1, ["For sent å ordne fri"], False),
]


def build_six_stages(engine: Engine) -> int:
    """Create the six-stage workshop (on What Is, with ideas, votes and a pilot) and return its id."""
    wid, _ = engine.create_workshop("Barnehageplass fra behov til første uke", stages=STAGES, lang="nb")
    for name in PARTICIPANTS:
        engine.add_participant(wid, name)
    refs = []
    for stage, text, channel, feeling, pains, truth in TOUCHPOINTS:
        refs.append(engine.add_touchpoint(wid, text, stage=STAGES[stage], channel=channel, feeling=feeling,
                                          pains=pains or None, moment_of_truth=truth))
    ideas = [
        engine.add_idea(wid, "SMS med dato for svar rett etter søknaden", touchpoints=[refs[8]],
                        author=PARTICIPANTS[0]),
        engine.add_idea(wid, "Søknadsportalen viser hvor i køen søknaden er", touchpoints=[refs[9]],
                        author=PARTICIPANTS[1]),
        engine.add_idea(wid, "Tilvenningsplanen sendes en uke før oppstart", touchpoints=[refs[14]],
                        author=PARTICIPANTS[2]),
    ]
    engine.cast_vote(wid, PARTICIPANTS[0], ideas[0], dots=2)
    engine.cast_vote(wid, PARTICIPANTS[1], ideas[1])
    concept = engine.add_concept(wid, ideas[0], big_idea="Foreldrene vet alltid når svaret kommer")
    engine.add_pilot(wid, "Svar-SMS i bydel Nord", concept=concept, owner=PARTICIPANTS[0],
                     start="2026-04-01", end="2026-05-15")
    engine.set_phase(wid, "what-is")
    return wid
