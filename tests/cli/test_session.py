"""A whole workshop run from the command line, through all four phases, as a script would."""

from __future__ import annotations

import json


def test_a_workshop_through_all_four_phases(run, run_json, snapshot) -> None:
    made = run_json("new", "Hagebutikk: pakker som kommer for sent", "--template", "core-processes",
                    "--challenge", "Hvordan kan vi si fra før kunden må spørre?")
    w = made["slug"]
    assert made["id"] == 1 and w == "hagebutikk-pakker-som-kommer-for-sent"
    run("edit", "brief", w, "--scope", "Fra handlekurv til levert", "--measure", "Færre samtaler",
        "--measure", "Flere gjenkjøp", "--constraint", "Samme lagersystem", "--date", "2025-05-06",
        "--facilitator", "Ingrid Sæther")
    run("edit", "rules", w, "--dots", "2")
    people = [run_json("add", "participant", w, name, "--role", role)["id"]
              for name, role in (("Ingrid Sæther", "Kundeinnsikt"), ("Øystein Haugland", "Lager"),
                                 ("Marte Kvåle", "Kundeservice"))]
    assert people == ["U1", "U2", "U3"]
    assert run_json("add", "persona", w, "Hobbygartneren", "--description", "Vil ha plantene i mai")["id"] == "R1"

    run("phase", w, "what-is")
    late = run_json("add", "touchpoint", w, "Jeg hører ingenting på fem dager", "--stage", "Delivery and use",
                    "--feeling", "-2", "--pain", "Ingen beskjed", "--pain", "Sporing kommer sent",
                    "--evidence", "140 samtaler i uka om leveringstid", "--count", "140",
                    "--moment-of-truth", "--persona", "R1", "--channel", "email", "--author", "Marte Kvåle")["id"]
    happy = run_json("add", "touchpoint", w, "Sjåføren bærer benken opp på terrassen", "--stage", "S3",
                     "--feeling", "2", "--channel", "in person")["id"]
    run_json("add", "criterion", w, "Kunden skal vite dagen før hun betaler")

    run("phase", w, "what-if")
    run("edit", "rules", w, "--silent")
    sms = run_json("add", "idea", w, "SMS når ordren blir forsinket", "--touchpoint", late,
                   "--theme", "Beskjed", "--author", "Marte Kvåle")["id"]
    window = run_json("add", "idea", w, "Tidsvindu på to timer", "--touchpoint", late, "--touchpoint", happy)["id"]
    assert "hidden" in run("show", w).stdout
    assert run_json("reveal", w, "--ideas")["ideas"] == 2
    run("edit", "idea", window, "--theme", "Levering") if False else run("edit", "idea", w, window, "--theme", "Levering")

    run("phase", w, "what-wows")
    run("vote", w, "--participant", "Ingrid Sæther", "--idea", sms, "--dots", "2")
    run("vote", w, "--participant", "U2", "--idea", window)
    assert run_json("vote", w, "--participant", "marte kvåle", "--idea", sms)["left"] == 1
    hidden = run_json("show", w)
    assert hidden["votes_hidden"] is True and hidden["votes"] is None
    assert all(i["dots"] is None for i in hidden["ideas"])
    run("reveal", w)
    concept = run_json("add", "concept", w, "--idea", sms, "--big-idea", "Vi sier fra først",
                       "--effect", "5", "--cost", "2", "--wow", "--benefits", "Kundene slipper å lure")["id"]
    value = run_json("add", "assumption", w, "Kundene vil ha ærlig beskjed", "--concept", concept,
                     "--kind", "value", "--critical", "--test", "Ring 20 kunder")["id"]

    run("phase", w, "what-works")
    pilot = run_json("add", "pilot", w, "Varsel i Innlandet", "--concept", concept, "--owner", "Marte Kvåle",
                     "--hypothesis", "Vi tror at …", "--metric", "Samtaler per 100 ordre under 5",
                     "--start", "2025-06-01", "--end", "2025-07-15", "--budget", "60 000 kr",
                     "--status", "planned", "--tests", value)["id"]
    run("edit", "pilot", w, pilot, "--status", "running")

    state, events = snapshot(w)
    assert state.phase.value == "what-works"
    assert state.success_measures == ("Færre samtaler", "Flere gjenkjøp")
    assert [p.name for p in state.participants] == ["Ingrid Sæther", "Øystein Haugland", "Marte Kvåle"]
    tp = state.touchpoint(late)
    assert (tp.feeling, tp.pains, tp.evidence_count, tp.moment_of_truth, tp.persona, tp.channel) == (
        -2, ("Ingen beskjed", "Sporing kommer sent"), 140, True, "R1", "email")
    assert state.dots_for(sms) == 3 and state.dots_for(window) == 1 and state.revealed
    assert {i.ref: i.theme for i in state.ideas} == {sms: "Beskjed", window: "Levering"}
    assert state.pilots[0].tests == (value,) and state.pilots[0].status == "running"
    assert state.concepts[0].wow and state.concepts[0].effect == 5

    text = run("show", w).stdout
    for expected in ("What Works", "Marte Kvåle", "Jeg hører ingenting på fem dager", "moment of truth",
                     "3 dots", "Vi sier fra først", "Varsel i Innlandet", "2025-06-01 → 2025-07-15"):
        assert expected in text
    log = run("log", w).stdout.splitlines()
    assert len(log) == events + 1  # a header, then one line per event
    assert "Marte Kvåle" in log[next(i for i, line in enumerate(log) if "added touchpoint T1" in line)]


def test_every_json_output_parses_and_reads_give_full_data(run, run_json, shop) -> None:
    listed = run_json("list")
    assert [w["slug"] for w in listed["workshops"]] == [shop]
    assert listed["workshops"][0]["touchpoints"] == 1
    shown = run_json("show", shop)
    assert shown["touchpoints"][0]["pains"] == ["Ingen sporing"]
    assert shown["stages"][2]["name"] == "Delivery and use"
    assert shown["weakest_link"] == "S3"
    logged = run_json("log", shop)
    assert [e["seq"] for e in logged["events"]] == list(range(1, len(logged["events"]) + 1))
    assert logged["events"][0]["action"] == "workshop.create"
    for args in (("edit", "touchpoint", shop, "T1", "--feeling", "-1"), ("undo", shop), ("redo", shop),
                 ("phase", shop, "what-if"), ("theme", shop, "Beskjed", "Varsling"),
                 ("remove", "pilot", shop, "P1")):
        out = json.loads(run(*args, "--json").stdout)
        assert out["id"] in ("T1", "P1", 1), out


def test_creating_prints_only_the_new_reference(run, shop) -> None:
    assert run("add", "touchpoint", shop, "Jeg får SMS", "--stage", "S4").stdout == "T2\n"
    assert run("add", "stage", shop, "Retur", "--position", "4").stdout == "S6\n"
    assert run("add", "criterion", shop, "Ingen skal måtte ringe").stdout == "D1\n"


def test_python_dash_m_workshop_runs_the_same_command(db_path) -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "workshop", "new", "Æøå-verksted", "--json"],
                         capture_output=True, text=True, env={**__import__("os").environ})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["slug"] == "aeoa-verksted"


def test_a_workshop_on_stages_of_its_own(run, run_json, snapshot) -> None:
    made = run_json("new", "Returreisen", "--stage", "Bestemmer seg", "--stage", "Sender tilbake",
                    "--stage", "Får pengene")
    state, _ = snapshot(made["id"])
    assert [s.name for s in state.stages] == ["Bestemmer seg", "Sender tilbake", "Får pengene"]
    assert state.template == ""
    result = run("new", "Begge deler", "--template", "lifecycle", "--stage", "A", code=2)
    assert result.stderr == "error: give either --template or --stage, not both\n"
