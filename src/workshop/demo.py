"""Provides the demo workshop: Lyngvik Hage, a Norwegian home-and-garden web shop whose deliveries
are late, built through the engine one action at a time so its event log replays like a session.

`build_demo(engine)` creates it, or replaces an earlier demo; other workshops are left alone.
"""

from __future__ import annotations

import datetime as dt

from workshop.engine import Engine

TITLE = "Lyngvik Hage: når pakken ikke kommer"
SLUG = "demo"
FACILITATOR = "Ingrid Sæther"

PARTICIPANTS = [
    (FACILITATOR, "Kundeinnsikt", True),
    ("Håkon Lien", "Markedsføring", False),
    ("Sofie Bråten", "Salg og kategori", False),
    ("Øystein Haugland", "Logistikk og lager", False),
    ("Marte Kvåle", "Kundeservice", False),
    ("Jonas Ødegård", "IT og netthandel", False),
    ("Åsa Lindqvist", "Økonomi", False),
]

PERSONAS = [
    ("Hobbygartneren Kari", "62 år, enebolig med stor hage utenfor Hamar. Handler planter, jord og gjødsel "
     "i april og mai og vil ha varene når været er riktig. Ringer heller enn å chatte."),
    ("Småbarnsfaren Ahmed", "37 år, rekkehus på Lørenskog. Handler på mobilen etter leggetid, er sjelden "
     "hjemme på dagtid og må vite nøyaktig når noe kommer."),
    ("Hytteeieren Liv", "55 år, hytte på Hvaler. Kjøper store og tunge ting – grill, hagemøbler, drivhus – "
     "som skal fram der bilen ikke kommer helt inntil."),
]

STAGES = ["Markedsføring", "Salg", "Levering og bruk", "Kundeservice", "Kundeoppfølging"]

# stage, the customer's words, channel, feeling, pains, evidence, count, moment of truth, persona, author
TOUCHPOINTS = [
    (1, "Jeg ser en annonse for plantekasser på Instagram der det står «levert på 2–4 dager».",
     "social", 1, [], "", None, False, "R2", "Håkon Lien"),
    (1, "Nyhetsbrevet frister med vårsalg, men det jeg vil ha er utsolgt når jeg klikker meg inn.",
     "email", -1, ["Kampanjevarene er utsolgt før nyhetsbrevet er lest"],
     "Nesten en tredjedel av klikkene fra aprilbrevet landet på utsolgte varer", None, False, "R1", "Håkon Lien"),
    (1, "Jeg søker på «hageplanter levert før 17. mai» og finner ikke et ord om når dere faktisk leverer.",
     "web", -1, ["Ingen side forklarer leveringstiden for hver varetype"], "", None, False, None, "Jonas Ødegård"),
    (2, "Jeg har lagt jord, gjødsel og en hagebenk i handlekurven, og først i kassen står det "
        "«levering 8–14 dager».",
     "web", -2, ["Leveringstiden vises først i kassen", "Én vare fra leverandør forsinker hele ordren"],
     "41 % av de forlatte handlekurvene blir forlatt på leveringssteget", None, True, "R1", "Sofie Bråten"),
    (2, "Jeg vil hente grillen på et hentested nær hytta, men kassen gir meg bare hjemlevering.",
     "web", -1, ["Store varer kan ikke sendes til hentested"], "", None, False, "R3", "Sofie Bråten"),
    (2, "Jeg betaler med Vipps og får ordrebekreftelsen med en gang. Det går kjapt.",
     "app", 1, [], "", None, False, "R2", "Jonas Ødegård"),
    (2, "I bekreftelsen står det «forventet levering uke 19», men ikke hvilken dag.",
     "email", -1, ["Vi lover en uke, ikke en dag", "Kunden kan ikke velge leveringsvindu"],
     "", None, False, "R2", "Marte Kvåle"),
    (3, "Det går fem dager uten et ord, og jeg lurer på om bestillingen i det hele tatt har kommet fram.",
     "email", -2, ["Ingen beskjed mellom ordre og utsending", "Sporingslenken kommer først når pakken er sendt"],
     "140 samtaler i uka om leveringstid, de fleste fra kunder som bare vil vite om ordren er registrert",
     140, True, "R1", "Marte Kvåle"),
    (3, "Sporingen har stått på «under transport» i seks dager uten at noe skjer.",
     "web", -1, ["Sporingen oppdateres ikke mellom terminalene"], "", None, False, None, "Øystein Haugland"),
    (3, "Sjåføren ringer en halvtime før og spør om jeg er hjemme. Jeg er på jobb.",
     "phone", -2, ["Leveringsvinduet er hele dagen", "Ny levering tar tre til fem virkedager"],
     "Hver sjette levering av store varer må kjøres ut på nytt", None, True, "R2", "Øystein Haugland"),
    (3, "Plantene står i en pappeske utenfor døra i regnet, og to av dem har knekt.",
     "in person", -2, ["Levende planter pakkes som vanlige pakker", "Ingen beskjed om at pakken er levert"],
     "62 reklamasjoner på planter i mai, dobbelt så mange som i april", 62, False, "R1", "Marte Kvåle"),
    (3, "Hagebenken kommer den dagen jeg valgte, og sjåføren bærer den helt opp på terrassen.",
     "in person", 1, [], "Leveranser med innbæring får 4,8 av 5 i snitt", None, True, "R3", "Øystein Haugland"),
    # Put under customer service first; the group moves it (see below).
    (4, "Jeg skrur sammen benken etter en bruksanvisning med bare tegninger, og det går greit.",
     "other", 1, [], "", None, False, "R3", "Sofie Bråten"),
    (4, "Jeg ringer kundeservice og står 25 minutter i kø for å spørre hvor pakken er.",
     "phone", -2, ["Lang ventetid i sesongen", "Kundeservice ser ikke mer enn kunden ser i sporingen"],
     "Snittet i telefonkøen var 19 minutter i mai", None, True, "R1", "Marte Kvåle"),
    (4, "Chatboten svarer med en lenke til fraktvilkårene når jeg spør når pakken min kommer.",
     "chat", -1, ["Chatboten har ikke tilgang til ordren"], "", None, False, "R2", "Jonas Ødegård"),
    (4, "Jeg sender e-post om de knekte plantene og får svar etter fire dager: «Kan du sende bilde?»",
     "email", -1, ["Fire virkedagers svartid på e-post", "Kunden må dokumentere skaden selv"],
     "", None, False, "R1", "Marte Kvåle"),
    (5, "Jeg får en spørreundersøkelse om leveringen før pakken har kommet.",
     "email", -2, ["Undersøkelsen sendes en fast dag etter ordre, ikke etter levering"],
     "NPS-svar som nevner levering er tre ganger så ofte negative", None, False, None, "Håkon Lien"),
    (5, "Jeg får en rabattkode som plaster på såret, men den gjelder bare varer jeg ikke trenger.",
     "email", 0, ["Kompensasjonen føles som et standardbrev"], "", None, False, "R2", "Åsa Lindqvist"),
    (5, "Neste vår husker jeg forsinkelsen og kjøper jorda på byggvarehuset i stedet.",
     "store", -2, [], "Gjenkjøp innen ett år er 19 % etter en forsinket ordre, mot 34 % ellers",
     None, True, "R1", "Åsa Lindqvist"),
]

CRITERIA = [
    "Kunden skal vite hvilken dag varen kommer før hun betaler.",
    "Ingen skal måtte ringe oss for å få vite hvor pakken er.",
    "Det skal virke for både små pakker og store, tunge varer.",
    "Kundeservice skal se minst like mye som kunden.",
    "Det må kunne prøves i én region uten å bytte lagersystem.",
]

# text, touchpoints, author, theme (given when the room clusters them after the silent round)
IDEAS = [
    ("Vis leveringsdato på produktsiden, regnet ut fra lagerstatus og postnummer", ["T4", "T3"],
     "Jonas Ødegård", "Ærlig leveringstid"),
    ("Del ordren av seg selv: send det som er på lager nå, og resten når det kommer", ["T4"],
     "Øystein Haugland", "Ærlig leveringstid"),
    ("Slutt å love «2–4 dager» i annonser for varer som kommer fra leverandør", ["T1", "T2"],
     "Håkon Lien", "Ærlig leveringstid"),
    ("SMS hver gang ordren flytter seg: plukket, pakket, sendt, på bilen", ["T8", "T9"],
     "Marte Kvåle", "Sporing"),
    ("Si fra selv når en leveranse blir forsinket, med ny dato og et valg: vente, dele opp eller avbestille",
     ["T8", "T14"], "Sofie Bråten", "Sporing"),
    ("Gi kundeservice ordre, lager og sporing i samme skjermbilde", ["T14", "T15"],
     "Jonas Ødegård", "Kundeservice som vet"),
    ("La chatboten slå opp ordren og svare med en dato", ["T15"], "Jonas Ødegård", "Kundeservice som vet"),
    ("La kunden velge et tidsvindu på to timer for store varer", ["T10", "T7"],
     "Øystein Haugland", "Levering når det passer"),
    ("Hentested for store varer hos lokale hagesentre", ["T5"], "Sofie Bråten", "Levering når det passer"),
    ("«Sett den bak huset»: kunden gir oss lov til å levere uten å være hjemme", ["T10", "T11"],
     "Åsa Lindqvist", "Levering når det passer"),
    ("Egen eske for levende planter: står oppreist, tåler regn og har vannlapp", ["T11"],
     "Øystein Haugland", "Planter som tåler reisen"),
    ("Reklamasjon med ett bilde, og ny plante sendt samme dag", ["T16"],
     "Marte Kvåle", "Planter som tåler reisen"),
    ("Send undersøkelsen to dager etter levering, ikke etter ordre", ["T17"],
     "Håkon Lien", "Gjøre det godt igjen"),
    ("Personlig unnskyldning og gratis frakt neste gang vi har sviktet", ["T18", "T19"],
     "Åsa Lindqvist", "Gjøre det godt igjen"),
    ("Vårpåminnelse med garantert leveringsdato til dem som fikk en forsinket ordre i fjor", ["T19"],
     "Sofie Bråten", "Gjøre det godt igjen"),
    ("Drone som leverer til hytter uten bilvei", ["T5"], "Jonas Ødegård", ""),
]

# participant, idea, dots (Åsa took part by phone: the facilitator casts her dots)
VOTES = [
    ("Ingrid Sæther", "I5", 1), ("Ingrid Sæther", "I1", 1), ("Ingrid Sæther", "I11", 1),
    ("Håkon Lien", "I1", 2), ("Håkon Lien", "I3", 1),
    ("Sofie Bråten", "I1", 1), ("Sofie Bråten", "I9", 1), ("Sofie Bråten", "I5", 1),
    ("Øystein Haugland", "I8", 2), ("Øystein Haugland", "I11", 1),
    ("Marte Kvåle", "I5", 2), ("Marte Kvåle", "I4", 1),
    ("Jonas Ødegård", "I1", 1), ("Jonas Ødegård", "I6", 1), ("Jonas Ødegård", "I16", 1),
    ("Åsa Lindqvist", "I14", 1), ("Åsa Lindqvist", "I5", 1), ("Åsa Lindqvist", "I8", 1),
]

# idea, big idea, who benefits and how, how we deliver it, why it is worth it, effect, cost, wow
CONCEPTS = [
    ("I5", "Vi sier fra før kunden må spørre",
     "Kundene slipper uvissheten og velger selv: vente, dele opp eller avbestille. Kundeservice slipper "
     "de fleste «hvor er pakken?»-samtalene.",
     "Lagersystemet merker forsinkede ordre hver natt, og en liten tjeneste sender SMS med ny dato og "
     "tre valg kunden svarer på med ett trykk.",
     "140 samtaler i uka og svakt gjenkjøp etter forsinkelser koster langt mer enn noen tusen SMS-er.",
     5, 2, True),
    ("I1", "Leveringsdato på hver vare, før kassen",
     "Kari kan planlegge plantingen, og Ahmed vet hvilken dag han må være hjemme.",
     "Vi regner ut datoen fra lagerstatus, leverandørens ledetid og postnummer, og viser den på "
     "produktsiden og i handlekurven.",
     "Leveringssteget er der flest gir opp; en ærlig dato tidlig gir færre skuffelser senere.",
     4, 3, False),
    ("I8", "Tidsvindu på to timer for store varer",
     "Hytteeiere og folk i jobb slipper å vente hjemme en hel dag.",
     "Transportøren tilbyr tidsvinduer; kunden velger i kassen og får en påminnelse dagen før.",
     "Hver sjette store leveranse kjøres ut to ganger, og det betaler vi for hver gang.",
     4, 4, False),
    ("I11", "Planteeske som tåler reisen",
     "Plantene kommer hele fram, og kundeservice slipper reklamasjonene.",
     "En lokal emballasjeleverandør lager en oppreist eske med vannlapp, og lageret pakker planter for seg.",
     "62 reklamasjoner i mai koster mer enn eskene.",
     3, 1, False),
]

# concept, what must be true, kind, critical, how to test it
ASSUMPTIONS = [
    ("C1", "Kundene vil heller ha en ærlig beskjed om forsinkelse enn å vente og se", "value", True,
     "Ring 20 kunder som fikk en forsinket ordre i mai og spør hva de helst ville fått vite, og når"),
    ("C1", "Lagersystemet kan finne de forsinkede ordrene hver natt uten manuelt arbeid", "execution", True,
     "Kjør et uttrekk hver natt i to uker og sammenlign med det kundeservice faktisk ser"),
    ("C1", "SMS-kostnaden holder seg under 40 øre per ordre også i mai", "scale", False,
     "Regn på fjorårets ordrevolum med dagens SMS-avtale"),
    ("C2", "Flere fullfører kjøpet når de ser datoen før kassen, også når datoen er sen", "value", True,
     "A/B-test på jord og gjødsel i to uker"),
    ("C2", "Leverandørenes ledetider er gode nok til å regne ut en dato vi kan holde", "execution", False,
     "Sammenlign oppgitt og faktisk ledetid for de ti største leverandørene siste kvartal"),
    ("C2", "En dato bygd på vår egen lagerdata er vanskelig for konkurrentene å kopiere", "defensibility",
     False, "Tankeeksperiment: hva måtte en konkurrent hatt for å gjøre det samme?"),
    ("C3", "Transportøren kan tilby tidsvinduer på hele Østlandet, ikke bare i Oslo", "scale", True,
     "Spør transportøren om kapasitet per region før neste forhandlingsrunde"),
    ("C3", "Kundene betaler 99 kr ekstra for et tidsvindu", "value", False,
     "Vis valget med pris i kassen og mål hvor mange som klikker, før vi lover å levere det"),
    ("C4", "Lageret kan pakke planter i egen eske uten å bremse resten av plukken", "execution", True,
     "Pakk planter i den nye esken på én pakkestasjon i en uke og mål tiden"),
    ("C4", "Kundene legger merke til esken og nevner den når de gir tilbakemelding", "value", False,
     "Les omtaler og NPS-kommentarer fra pilotperioden"),
]

# concept, name, hypothesis, metric, owner, start and end (days from the workshop), budget, scope,
# assumptions it tests, status
PILOTS = [
    ("C1", "Forsinkelsesvarsel i Innlandet",
     "Vi tror at en SMS med ny dato og tre valg til kunder i Innlandet med forsinket ordre vil halvere "
     "samtalene om leveringstid, målt ved samtaler per 100 ordre.",
     "Samtaler om leveringstid per 100 ordre i Innlandet: fra 9 til under 5",
     "Marte Kvåle", 14, 56, "60 000 kr: SMS og 40 timer utvikling",
     "Bare ordre til postnummer i Innlandet, bare varer fra eget lager", ["A1", "A2"], "planned"),
    ("C2", "Leveringsdato på jord og gjødsel",
     "Vi tror at en leveringsdato på produktsiden for jord og gjødsel vil få flere til å fullføre kjøpet, "
     "målt ved andelen som forlater handlekurven på leveringssteget.",
     "Forlatte kurver på leveringssteget: fra 41 % til under 30 %",
     "Jonas Ødegård", 21, 63, "120 000 kr", "To varegrupper, halvparten av de besøkende (A/B-test)",
     ["A4", "A5"], "proposed"),
    ("C4", "Planteeske fra Moelv",
     "Vi tror at planter pakket i egen eske med vannlapp vil gi langt færre reklamasjoner, målt ved "
     "reklamasjoner per 1 000 planteordre.",
     "Reklamasjoner per 1 000 planteordre: fra 14 til under 5",
     "Øystein Haugland", 7, 35, "25 000 kr for 300 esker", "Én pakkestasjon, bare stauder og busker",
     ["A9"], "planned"),
]


def _remove_earlier(engine: Engine) -> None:
    """Delete an earlier demo: the workshop with the demo's slug and title (a user's own stays)."""
    for summary in engine.list_workshops():
        if summary.title == TITLE and (summary.slug == SLUG or summary.slug.startswith(f"{SLUG}-")):
            engine.delete_workshop(summary.id)


def build_demo(engine: Engine, *, playbook: str | None = None, lang: str | None = None,
               today: dt.date | None = None) -> int:
    """Create the demo workshop (replacing an earlier one) and return its id."""
    _remove_earlier(engine)
    # The placeholder title gives the slug `demo`; the brief then names the workshop properly.
    wid, _ = engine.create_workshop("Demo", template="core-processes", stages=STAGES,
                                    playbook=playbook or "", lang=lang or "nb", actor=FACILITATOR)
    try:
        with engine.store.batch():  # one sync to disk for the whole session, not one per action
            _session(engine, wid, today or dt.date.today())
    except BaseException:
        engine.delete_workshop(wid)
        raise
    return wid


def _session(e: Engine, w: int, today: dt.date) -> None:
    me = FACILITATOR
    e.edit_brief(w, actor=me, title=TITLE, facilitator=FACILITATOR, date=today.isoformat(),
                 challenge="Hvordan kan vi gi kundene en leveringsdato de kan stole på, og si fra før "
                           "de må spørre?",
                 scope="Nettbutikken til Lyngvik Hage, fra kunden ser en vare til den står på plass i "
                       "hagen, og fram til neste kjøp. Butikkene og bedriftskundene holder vi utenfor "
                       "denne gangen.")
    e.edit_brief(w, actor=me, success_measures=[
        "Minst 92 % av pakkene kommer innen datoen vi lovet (i dag 71 %)",
        "Halvparten så mange henvendelser om leveringstid i høysesongen",
        "Gjenkjøp innen ett år opp fra 28 % til 35 %",
    ], constraints=[
        "Lagersystemet byttes ikke i år",
        "Fraktavtalen med transportøren gjelder til 31. mars",
        "Hver pilot skal koste under 150 000 kr og kunne stoppes på en dag",
    ])
    for name, role, leads in PARTICIPANTS:
        e.add_participant(w, name, role=role, facilitator=leads, actor=me)
    for name, description in PERSONAS:
        e.add_persona(w, name, description=description, actor=me)

    e.set_phase(w, "what-is", actor=me)
    for stage, text, channel, feeling, pains, evidence, count, truth, persona, author in TOUCHPOINTS:
        e.add_touchpoint(w, text, stage=str(stage), channel=channel, feeling=feeling, pains=pains,
                         evidence=evidence or None, evidence_count=count, moment_of_truth=truth,
                         persona=persona, author=author)
    # The room corrects two stickies: the assembly belongs to delivery and use, and the carry-in
    # delivery is the best moment of the whole journey.
    e.move_touchpoint(w, "T13", stage="Levering og bruk", actor=me)
    e.edit_touchpoint(w, "T12", feeling=2, actor="Øystein Haugland")
    e.add_criterion(w, CRITERIA[0], actor=me)
    e.add_criterion(w, "Kunden skal vite leveringsdagen før betaling.", actor=me)
    e.undo(w, actor=me)  # the same criterion twice
    for text in CRITERIA[1:]:
        e.add_criterion(w, text, actor=me)

    e.set_phase(w, "what-if", actor=me)
    e.set_rules(w, silent=True, actor=me)
    for text, touchpoints, author, _theme in IDEAS:
        e.add_idea(w, text, touchpoints=touchpoints, author=author)
    e.reveal_ideas(w, actor=me)
    e.set_rules(w, silent=False, actor=me)
    for number, (_text, _tps, _author, theme) in enumerate(IDEAS, start=1):
        if theme:
            e.edit_idea(w, f"I{number}", theme=theme, actor=me)
    e.rename_theme(w, "Sporing", "Beskjed før kunden spør", actor=me)

    e.set_phase(w, "what-wows", actor=me)
    for participant, idea, dots in VOTES:
        proxy = me if participant == "Åsa Lindqvist" else participant
        e.cast_vote(w, participant, idea, dots=dots, actor=proxy)
    # Jonas has second thoughts about the drone.
    e.withdraw_vote(w, "Jonas Ødegård", "I16", actor="Jonas Ødegård")
    e.cast_vote(w, "Jonas Ødegård", "I5", actor="Jonas Ødegård")
    e.reveal_votes(w, actor=me)
    for idea, big, benefits, execution, rationale, effect, cost, wow in CONCEPTS:
        e.add_concept(w, idea, big_idea=big, benefits=benefits, execution=execution, rationale=rationale,
                      effect=effect, cost=cost, wow=wow, actor=me)
    for concept, text, kind, critical, test in ASSUMPTIONS:
        e.add_assumption(w, text, concept=concept, kind=kind, critical=critical, test=test, actor=me)

    e.set_phase(w, "what-works", actor=me)
    for concept, name, hypothesis, metric, owner, start, end, budget, scope, tests, status in PILOTS:
        e.add_pilot(w, name, concept=concept, hypothesis=hypothesis, metric=metric, owner=owner,
                    start=(today + dt.timedelta(days=start)).isoformat(),
                    end=(today + dt.timedelta(days=end)).isoformat(),
                    budget=budget, scope=scope, tests=tests, status=status, actor=me)
    # Customer service needs relief before the season: the room puts the delay notice first.
    e.edit_pilot(w, "P1", pin=1, actor=me)
