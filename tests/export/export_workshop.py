"""Builds a workshop through all four phases with the engine, from a source of texts, so the same
workshop can be made with the room's own Nordic words or with hostile text in every field."""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.engine import Engine

NORDIC: dict[str, str] = {
    "title": "Pakken som aldri kom – levering og oppfølging",
    "challenge": "Hvordan kan vi gjøre ventetiden fra bestilling til levering til noe kunden stoler på?",
    "scope": "Fra kunden trykker «Bestill» til pakken er hentet og eventuelle feil er rettet.\n"
             "Gjelder nettbutikken i Norge og Sverige.",
    "measure1": "Færre henvendelser om leveringstid (mål: −30 % på seks måneder)",
    "measure2": "NPS etter levering over 40",
    "constraint1": "Ingen ny transportør før 2026",
    "constraint2": "Budsjett: 150 000 kr",
    "facilitator": "Ingrid Fjærli",
    "stage1": "Markedsføring", "stage2": "Salg", "stage3": "Levering og bruk",
    "stage4": "Kundeservice", "stage5": "Oppfølging",
    "participant1": "Åse Ødegård", "role1": "Kundeservice",
    "participant2": "Bjørn Kværnes", "role2": "Lager og logistikk",
    "participant3": "Sofie Lindqvist", "role3": "Marknad (Stockholm)",
    "participant4": "Mads Sørensen", "role4": "IT-udvikling",
    "persona1": "Travle Tiril", "persona1.description": "Småbarnsmor som bestiller på mobilen etter kl. 21.",
    "persona2": "Pensjonisten Per", "persona2.description": "Ringer heller enn å chatte; stoler på papir.",
    "tp1": "Ser annonse om «levering på 1–2 dager»", "tp1.evidence": "Klikkrate 3,1 % på Instagram",
    "tp2": "Velger hentested i kassen", "tp2.pain1": "Hentestedet ligger 4 km unna",
    "tp2.pain2": "Ingen hjemlevering på kvelden",
    "tp3": "Venter på sporingsmelding som ikke kommer",
    "tp3.pain1": "Sporingslenken viser «ukjent sending»", "tp3.pain2": "SMS-en kommer etter at pakken er levert",
    "tp3.evidence": "12 samtaler i uka om leveringstid",
    "tp4": "Henter pakken på Posten i butikk", "tp4.pain1": "Kø på 20 minutter",
    "tp5": "Ringer kundeservice for å høre hvor pakken er",
    "tp5.pain1": "Telefontid 10–14, og klokka er 14.03", "tp5.evidence": "Snitt ventetid 11 min",
    "tp6": "Får spørreundersøkelse dagen etter",
    "criterion1": "Kunden skal alltid vite hvor pakken er – uten å måtte spørre",
    "criterion2": "Løsningen må fungere både i appen og på telefon",
    "theme1": "Varsling", "theme2": "Kundeservice",
    "idea1": "Proaktiv SMS når pakken er forsinket, med ny leveringstid",
    "idea2": "Live-kart over budbilen den siste timen",
    "idea3": "Utvid telefontiden til 08–20 i høysesongen",
    "idea4": "Hentested-velger som viser avstand og åpningstider",
    "idea5": "Pakkeboks ved døra for dem som bor i blokk",
    "concept1.big_idea": "Vi sier fra før kunden rekker å lure",
    "concept1.benefits": "Travle Tiril slipper å sjekke sporingen; kundeservice får færre samtaler.",
    "concept1.execution": "Koble transportørens hendelser til SMS-tjenesten vi allerede har.",
    "concept1.rationale": "12 samtaler i uka koster mer enn SMS-ene gjør.",
    "concept2.big_idea": "Kveldsåpen kundeservice i høysesongen",
    "concept3.big_idea": "Se budbilen komme – som med taxi-appen",
    "assumption1": "Transportøren sender hendelser i sanntid",
    "assumption1.test": "Be om API-tilgang og mål forsinkelsen i to uker",
    "assumption2": "Kundene vil ha SMS, ikke e-post", "assumption2.test": "Spør 20 kunder ved henting",
    "assumption3": "Nok ansatte vil jobbe kveld i påsken",
    "pilot1": "SMS-varsel ved forsinkelse i Oslo",
    "pilot1.hypothesis": "Vi tror at et varsel før forsinkelsen for travle småbarnsforeldre vil halvere "
                         "samtalene om leveringstid, målt ved antall samtaler per uke.",
    "pilot1.metric": "Samtaler om leveringstid per uke; suksess ved under 6",
    "pilot1.owner": "Bjørn Kværnes", "pilot1.budget": "20 000 kr og to dager utviklertid",
    "pilot1.scope": "Kun Oslo, kun én transportør",
    "pilot2": "Kveldsvakt i påsken", "pilot2.owner": "Åse Ødegård",
    "pilot2.metric": "Andel samtaler besvart innen 2 min; suksess ved 80 %",
    "pilot2.learnings": "Kvelden var roligere enn vi trodde.",
    "pilot3": "Kart-prototype i appen",
}


@dataclass
class Texts:
    """Where the builder takes its words: a table of texts, or one text for every field."""

    table: dict[str, str] = field(default_factory=lambda: dict(NORDIC))
    hostile_name: str | None = None
    hostile_note: str | None = None

    def name(self, label: str) -> str:
        if self.hostile_name is None:
            return self.table[label]
        # Names must differ (participants, personas, stages), so each carries its label.
        return f"{self.hostile_name} {label}"

    def note(self, label: str) -> str:
        if self.hostile_note is None:
            return self.table[label]
        return f"{self.hostile_note} {label}"


def build(engine: Engine, texts: Texts | None = None, *, reveal: bool = True) -> int:
    """A workshop through Setup, What Is, What If, What Wows and What Works; returns its id."""
    t = texts or Texts()
    w, _ = engine.create_workshop(
        t.name("title"), challenge=t.note("challenge"), template="core-processes",
        stages=[t.name(f"stage{i}") for i in range(1, 6)], facilitator=t.name("facilitator"),
    )
    engine.edit_brief(w, scope=t.note("scope"), success_measures=[t.note("measure1"), t.note("measure2")],
                      constraints=[t.note("constraint1"), t.note("constraint2")], date="2025-03-12")
    people = [engine.add_participant(w, t.name(f"participant{i}"), role=t.name(f"role{i}")) for i in range(1, 5)]
    engine.add_participant(w, t.name("facilitator"), role="Fasilitator", facilitator=True)
    r1 = engine.add_persona(w, t.name("persona1"), description=t.note("persona1.description"))
    r2 = engine.add_persona(w, t.name("persona2"), description=t.note("persona2.description"))

    engine.set_phase(w, "what-is")
    tp = [
        engine.add_touchpoint(w, t.note("tp1"), stage="S1", channel="social", persona=r1, feeling=1,
                              evidence=t.note("tp1.evidence"), author=t.name("participant3")),
        engine.add_touchpoint(w, t.note("tp2"), stage="S2", channel="web", persona=r1, feeling=0,
                              pains=[t.note("tp2.pain1"), t.note("tp2.pain2")]),
        engine.add_touchpoint(w, t.note("tp3"), stage="S3", channel="email", persona=r2, feeling=-2,
                              pains=[t.note("tp3.pain1"), t.note("tp3.pain2")], evidence=t.note("tp3.evidence"),
                              evidence_count=12, moment_of_truth=True, author=t.name("participant1")),
        engine.add_touchpoint(w, t.note("tp4"), stage="S3", channel="store", feeling=-1, pains=[t.note("tp4.pain1")]),
        engine.add_touchpoint(w, t.note("tp5"), stage="S4", channel="phone", persona=r2, feeling=-2,
                              pains=[t.note("tp5.pain1")], evidence=t.note("tp5.evidence"), moment_of_truth=True),
    ]
    # A touchpoint added and removed again: its number is never given out twice.
    engine.remove_touchpoint(w, engine.add_touchpoint(w, t.note("tp6"), stage="S5"))
    engine.add_criterion(w, t.note("criterion1"))
    engine.add_criterion(w, t.note("criterion2"))

    engine.set_phase(w, "what-if")
    i1 = engine.add_idea(w, t.note("idea1"), touchpoints=[tp[2]], theme=t.name("theme1"), author=t.name("participant1"))
    i2 = engine.add_idea(w, t.note("idea2"), touchpoints=[tp[2], tp[3]], theme=t.name("theme1"))
    i3 = engine.add_idea(w, t.note("idea3"), touchpoints=[tp[4]], theme=t.name("theme2"), author=t.name("participant4"))
    i4 = engine.add_idea(w, t.note("idea4"), touchpoints=[tp[1]])
    engine.set_rules(w, silent=True)
    engine.add_idea(w, t.note("idea5"), theme=t.name("theme1"))

    engine.set_phase(w, "what-wows")
    for who, idea, dots in ((0, i1, 2), (0, i3, 1), (1, i1, 2), (1, i2, 1), (2, i4, 2), (2, i2, 1), (3, i1, 1), (3, i3, 1)):
        engine.cast_vote(w, people[who], idea, dots=dots)
    if reveal:
        engine.reveal_votes(w)
    c1 = engine.add_concept(w, i1, big_idea=t.note("concept1.big_idea"), benefits=t.note("concept1.benefits"),
                            execution=t.note("concept1.execution"), rationale=t.note("concept1.rationale"),
                            effect=4, cost=2)
    c2 = engine.add_concept(w, i3, big_idea=t.note("concept2.big_idea"), effect=3, cost=4)
    c3 = engine.add_concept(w, i2, big_idea=t.note("concept3.big_idea"), effect=5, cost=5, wow=True)
    a1 = engine.add_assumption(w, t.note("assumption1"), concept=c1, kind="execution", critical=True,
                               test=t.note("assumption1.test"))
    a2 = engine.add_assumption(w, t.note("assumption2"), concept=c1, kind="value", critical=True,
                               test=t.note("assumption2.test"))
    a3 = engine.add_assumption(w, t.note("assumption3"), concept=c2, kind="execution")

    engine.set_phase(w, "what-works")
    engine.add_pilot(w, t.name("pilot1"), concept=c1, hypothesis=t.note("pilot1.hypothesis"),
                     metric=t.note("pilot1.metric"), owner=t.name("pilot1.owner"), start="2025-04-01",
                     end="2025-05-15", budget=t.note("pilot1.budget"), scope=t.note("pilot1.scope"),
                     tests=[a1, a2], status="planned")
    p2 = engine.add_pilot(w, t.name("pilot2"), concept=c2, owner=t.name("pilot2.owner"), metric=t.note("pilot2.metric"),
                          start="2025-04-10", end="2025-04-21", tests=[a3])
    engine.edit_pilot(w, p2, status="done", decision="iterate", learnings=t.note("pilot2.learnings"))
    engine.add_pilot(w, t.name("pilot3"), concept=c3)
    return w


LONG_STAGES = [
    "Oppdagelse og inspirasjon før kjøpet",
    "Sammenligning av tilbud og leveringsbetingelser",
    "Bestilling, betaling og ordrebekreftelse",
    "Ventetid, sporing og varsler underveis",
    "Levering, mottak og første bruk hjemme",
    "Kundeservice, reklamasjon og gjenkjøp neste sesong",
]
LONG_PERSONAS = ["Hobbygartneren Kari Nordmann fra Hamar", "Småbarnsfaren Ahmed på Lørenskog",
                 "Hytteeieren Liv Sørensen på Hvaler"]
_WORDS = ("Jeg venter på beskjed om når pakken med plantene og jorda kommer fram til hytta, og ingen i "
          "kundeservice vet hvor den står eller når sjåføren kommer innom").split()


def build_long(engine: Engine) -> int:
    """A six-stage workshop with long Norwegian stage and persona names and 40 touchpoints of long
    sentences (moments of truth, unrated ones, pains and evidence among them), through What Works."""
    w, _ = engine.create_workshop("Hagesenteret Lyngvik: fra vårkampanje til gjenkjøp neste sesong",
                                  challenge="Hvordan kan vi gjøre ventetiden fra bestilling til levering til "
                                            "noe kunden stoler på, også i høysesongen?",
                                  stages=LONG_STAGES, facilitator="Ingrid Sæther")
    personas = [engine.add_persona(w, name, description="Handler helst på mobilen.") for name in LONG_PERSONAS]
    engine.set_phase(w, "what-is")
    channels = ("web", "app", "email", "phone", "chat", "store", "social", "letter", "in person", "other")
    tps = []
    for n in range(40):
        words = _WORDS[n % 7:] + _WORDS[: n % 7]
        tps.append(engine.add_touchpoint(
            w, " ".join(words[: 12 + n % 9]).capitalize() + ".", stage=f"S{1 + n * 6 // 40}",
            channel=channels[n % len(channels)], persona=personas[n % 3] if n % 4 else None,
            feeling=None if n % 11 == 5 else (n * 7) % 5 - 2, moment_of_truth=n % 6 == 2,
            pains=[f"Smerte {n + 1}: leveringstiden vises først i kassen", "Ingen varsel ved forsinkelse"][: n % 3],
            evidence="140 samtaler i uka om leveringstid" if n % 5 == 0 else "", evidence_count=140 if n % 10 == 0 else None))
    engine.set_phase(w, "what-if")
    idea = engine.add_idea(w, "Send SMS med ny leveringsdato før kunden rekker å lure", touchpoints=[tps[20]])
    engine.set_phase(w, "what-wows")
    concept = engine.add_concept(w, idea, big_idea="Vi sier fra før kunden må spørre", effect=4, cost=2)
    engine.set_phase(w, "what-works")
    for name, owner in (("Forsinkelsesvarsel på SMS i Innlandet og Viken", "Marte Kvåle"),
                        ("Planteeske som tåler regn og to dager i bilen", ""),
                        ("Leveringsdato på produktsiden for jord og gjødsel", "Jonas Ødegård"),
                        ("Chatbot som slår opp ordren", "Åsa Lindqvist")):
        engine.add_pilot(w, name, concept=concept, owner=owner, start="2026-04-01", end="2026-05-15")
    return w
