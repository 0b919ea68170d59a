"""`workshop batch`: many commands, one a line, in one process; all or nothing with --atomic, past
failing lines with --keep-going."""

from __future__ import annotations

import json
from pathlib import Path

from collections.abc import Callable

from typer.testing import CliRunner, Result

from workshop.cli import app

Run = Callable[..., Result]
"""The `run` fixture (tests/cli/conftest.py): the CLI with arguments, its result."""

HOSTILE = [
    "Kunden spør: «Hvor er pakken?» – igjen",
    "$(rm -rf ~) `reboot` ; echo ok && exit 1 | cat > /etc/passwd",
    "Ærlig talt: ø, å og 'enkle' \"doble\" anførsler, \\ og # som ikke er kommentar",
    "<script>alert('x')</script> **fet** [lenke](javascript:alert(1))",
    "-20 % på frakt",
]


def _quoted(text: str) -> str:
    """`text` as one shell word, the way a script writing a batch line quotes it."""
    import shlex

    return shlex.quote(text)


def _ideas(snapshot, workshop: str) -> list[str]:
    state, _ = snapshot(workshop)
    return [idea.text for idea in state.ideas]


def test_lines_from_the_standard_input_run_as_the_commands_would_each_as_its_own_event(
        run: Run, shop: str, snapshot) -> None:
    _, events_before = snapshot(shop)
    script = "\n".join([
        "# ideas from the call centre",
        "",
        *(f"add idea {shop} -- {_quoted(text)}   # a comment" for text in HOSTILE),
        f"workshop add idea {shop} Kø#3 --theme 'Æ-temaet'",
        f"   add touchpoint {shop} 'Ringer kundeservice' --stage 3 --count 14 --json",
    ]) + "\n"
    result = run("batch", "-", input=script)
    lines = result.stdout.splitlines()
    assert lines[:6] == ["I2", "I3", "I4", "I5", "I6", "I7"]
    assert json.loads("\n".join(lines[6:])) == {"id": "T2"}
    assert _ideas(snapshot, shop)[1:] == [*HOSTILE, "Kø#3"]
    state, events = snapshot(shop)
    assert events == events_before + 7
    assert state.touchpoints[-1].evidence_count == 14
    assert result.stderr == ""


def test_a_file_and_no_file_at_all_read_the_same_way(run: Run, shop: str, snapshot, tmp_path: Path) -> None:
    batch = tmp_path / "kø.txt"
    batch.write_text("\ufeffadd idea nettbutikk-sene-leveranser 'Fra fila'\r\n", encoding="utf-8")
    assert run("batch", str(batch)).stdout == "I2\n"
    assert run("batch", input=f"add idea {shop} 'Fra stdin'").stdout == "I3\n"
    assert _ideas(snapshot, shop)[1:] == ["Fra fila", "Fra stdin"]


def test_a_failing_line_stops_the_batch_with_its_exit_code_and_keeps_what_ran(
        run: Run, shop: str, snapshot) -> None:
    script = f"add idea {shop} Først\nadd idea {shop} ''\nadd idea {shop} Aldri\n"
    result = run("batch", input=script, code=3)
    assert result.stdout == "I2\n"
    assert result.stderr.splitlines() == [
        "line 2: text: must not be empty or blank",
        "note: stopped at line 2; the 1 command after it did not run (--keep-going goes on)",
    ]
    assert _ideas(snapshot, shop)[1:] == ["Først"]


def test_keep_going_tells_each_failing_line_runs_the_rest_and_exits_with_the_first_failure(
        run: Run, shop: str, snapshot) -> None:
    script = "\n".join([
        f"add idea {shop} 'Én'",
        "show ukjent-verksted",            # 4: not found
        f"add idea {shop} 'To'",
        f"add touchpoint {shop} Tre --stage 2 --feeling 7",   # 3: invalid
        f"add idea {shop} --ukjent x",     # 2: usage
        f"add idea {shop} 'Fire'",
    ])
    result = run("batch", "--keep-going", input=script, code=4)
    assert result.stdout == "I2\nI3\nI4\n"
    assert result.stderr.splitlines() == [
        "line 2: workshop: no workshop 'ukjent-verksted' (see `workshop list`)",
        "line 4: feeling: must be a whole number from -2 to 2, not 7",
        "line 5: No such option: --ukjent; see `workshop add idea --help`",
        "note: 3 of 6 commands failed (lines 2, 4, 5); the others ran",
    ]
    assert _ideas(snapshot, shop)[1:] == ["Én", "To", "Fire"]


def test_atomic_keeps_every_change_as_its_own_event_and_prints_once_saved(
        run: Run, shop: str, snapshot) -> None:
    _, before = snapshot(shop)
    script = f"add idea {shop} 'Æ'\nadd idea {shop} 'Ø'\nadd touchpoint {shop} 'Å' --stage 1\n"
    result = run("batch", "--atomic", input=script)
    assert result.stdout == "I2\nI3\nT2\n"
    _, after = snapshot(shop)
    assert after == before + 3
    log = run("log", shop, "--json")
    summaries = [e["summary"] for e in json.loads(log.stdout)["events"]][-3:]
    assert summaries == ["added idea I2 'Æ'", "added idea I3 'Ø'",
                         "added touchpoint T2 'Å' to Marketing, feeling not rated"]


def test_atomic_rolls_back_every_line_and_its_events_when_one_fails(run: Run, shop: str, snapshot) -> None:
    state_before, events_before = snapshot(shop)
    script = "\n".join([
        f"add idea {shop} 'Lagret?'",
        f"add touchpoint {shop} 'Nei' --stage 1",
        f"phase {shop} what-if",
        f"add idea {shop} ''",
        f"add idea {shop} 'Aldri kjørt'",
    ])
    result = run("batch", "--atomic", input=script, code=3)
    assert result.stdout == ""  # no reference printed that does not exist
    assert result.stderr.splitlines() == [
        "line 4: text: must not be empty or blank",
        "note: nothing of the batch was saved (--atomic): line 4 failed",
    ]
    state_after, events_after = snapshot(shop)
    assert events_after == events_before
    assert state_after.ideas == state_before.ideas and state_after.touchpoints == state_before.touchpoints
    assert state_after.phase == state_before.phase
    # The references were not used up either.
    assert run("add", "idea", shop, "Etterpå").stdout == "I2\n"


def test_atomic_with_keep_going_tells_every_failing_line_and_saves_nothing(run: Run, shop: str, snapshot) -> None:
    _, before = snapshot(shop)
    script = f"add idea {shop} ''\nadd idea {shop} 'God'\nvote {shop} Ukjent I1\n"
    result = run("batch", "--atomic", "--keep-going", input=script, code=3)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "line 1: text: must not be empty or blank"
    assert lines[1].startswith("line 3: ")
    assert lines[2] == "note: nothing of the batch was saved (--atomic): lines 1, 3 failed"
    assert snapshot(shop)[1] == before


def test_what_makes_no_sense_in_a_batch_is_refused_line_by_line(run: Run, shop: str, snapshot,
                                                                tmp_path: Path) -> None:
    other = tmp_path / "annen.db"
    _, before = snapshot(shop)
    script = "\n".join([
        f"open {shop}",
        f"serve {shop}",
        "batch -",
        "demo",
        f"replay {shop}",
        f"compare {shop} {shop} --tui",
        "--actor Åse",            # no command: would open the terminal interface
        f"delete {shop}",         # would ask, and take the next line for the answer
        f"--db {other} show {shop}",
        f"add idea {shop} 'Kjører likevel'",
    ])
    result = run("batch", "--keep-going", input=script, code=2)
    assert result.stdout == "I2\n"
    assert result.stderr.splitlines() == [
        "line 1: opening the terminal interface cannot run inside a batch; run it on its own",
        "line 2: `serve` cannot run inside a batch; run it on its own",
        "line 3: `batch` cannot run inside a batch; run it on its own",
        "line 4: opening the terminal interface cannot run inside a batch; run it on its own",
        "line 5: opening the terminal interface cannot run inside a batch; run it on its own",
        "line 6: opening the terminal interface cannot run inside a batch; run it on its own",
        "line 7: opening the terminal interface cannot run inside a batch; run it on its own",
        "line 8: delete asks first, and a batch cannot stop to ask; give --yes",
        "line 9: db: a batch runs every line on one database; give --db before `batch`, not on a line",
        "note: 9 of 10 commands failed (lines 1, 2, 3, 4, 5, 6, 7, 8, 9); the others ran",
    ]
    assert snapshot(shop)[1] == before + 1
    assert not other.exists()


def test_the_actor_is_the_batchs_unless_a_line_names_its_own(run: Run, shop: str, monkeypatch) -> None:
    monkeypatch.setenv("WORKSHOP_ACTOR", "Fra miljøet")
    script = f"add idea {shop} 'Av batchen'\n--actor 'Bjørn Æsøy' add idea {shop} 'Av Bjørn'\n"
    run("--actor", "Åse Ødegård", "batch", input=script)
    events = json.loads(run("log", shop, "--json").stdout)["events"][-2:]
    assert [(e["actor"], e["summary"]) for e in events] == [
        ("Åse Ødegård", "added idea I2 'Av batchen'"), ("Bjørn Æsøy", "added idea I3 'Av Bjørn'")]


def test_an_input_that_cannot_be_read_whole_runs_nothing(run: Run, shop: str, snapshot, tmp_path: Path) -> None:
    _, before = snapshot(shop)
    result = run("batch", input=f"add idea {shop} 'Først'\nadd idea {shop} \"åpen\n", code=3)
    assert result.stderr == "error: line 2: a quote is opened and never closed; nothing was run\n"
    result = run("batch", input=f"add idea {shop} 'Først'\nadd idea {shop} ende\\", code=3)
    assert result.stderr == "error: line 2: it ends in a backslash with nothing after it; nothing was run\n"
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(f"add idea {shop} 'Først'\nadd idea {shop} 'bl".encode() + "åbær'\n".encode("latin-1"))
    result = run("batch", str(latin1), code=3)
    assert result.stderr == (f"error: FILE: line 2 of {latin1} is not UTF-8 text (invalid continuation "
                             "byte at byte 40 of the line); nothing was run\n")
    assert run("batch", str(tmp_path / "mangler.txt"), code=11).stderr == \
        f"error: FILE: {tmp_path / 'mangler.txt'} does not exist\n"
    assert run("batch", str(tmp_path), code=11).stderr == f"error: FILE: {tmp_path} is a folder, not a file\n"
    assert snapshot(shop)[1] == before


def test_an_empty_batch_does_nothing_and_succeeds(run: Run, shop: str, snapshot) -> None:
    _, before = snapshot(shop)
    assert run("batch", "--atomic", input="# bare kommentarer\n\n   \n").stdout == ""
    assert snapshot(shop)[1] == before


def test_help_on_a_line_prints_the_commands_help(run: Run, shop: str) -> None:
    result = run("batch", input="add idea --help\n")
    assert "Add an idea" in result.stdout and result.stderr == ""


def test_batch_is_in_the_commands_help() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert "batch" in result.stdout


def test_the_spreadsheet_example_of_the_docs_makes_touchpoints_with_their_counts(run: Run, snapshot) -> None:
    import re
    import subprocess
    import sys

    docs = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    section = docs[docs.index("### `workshop batch`"):]
    sheet = re.search(r"```csv\n(.*?)```", section, re.S).group(1)
    script = re.search(r"python3 -c '(.*?)' \\\n", section, re.S).group(1)
    stages = re.findall(r'--stage (\w+)', re.search(r"workshop new .*", section).group(0))
    run("new", "Kundeservice i mars", *[a for s in stages for a in ("--stage", s)])
    lines = subprocess.run([sys.executable, "-c", script], input=sheet, capture_output=True, text=True,
                           check=True).stdout
    assert run("batch", "--atomic", "-", input=lines).stdout.split() == ["T1", "T2", "T3", "T4", "T5"]
    state, _ = snapshot("kundeservice-i-mars")
    found = {tp.text: (state.stage(tp.stage).name, tp.channel, tp.evidence, tp.evidence_count)
             for tp in state.touchpoints}
    assert found['Pakken kom, men "hagesaksa" mangler'] == ("Levering", "email", "9 henvendelser i mars", 9)
    assert found["Kan jeg endre adressen, etter at jeg har bestilt?"] == \
        ("Bestilling", "email", "35 henvendelser i mars", 35)
    assert sorted(count for *_, count in found.values()) == [9, 12, 27, 35, 140]
