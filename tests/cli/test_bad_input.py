"""Bad input from the command line: a message on stderr naming the field, a documented exit code,
and the database exactly as it was."""

from __future__ import annotations

import pytest

W = "nettbutikk-sene-leveranser"
LONG = "ø" * 2001

CASES = [
    # (command line, exit code, the field the message starts with)
    (["add", "touchpoint", W, "", "--stage", "S1"], 3, "text"),
    (["add", "idea", W, "   \n  "], 3, "text"),
    (["add", "criterion", W, LONG], 3, "text"),
    (["add", "persona", W, "Kari\x07"], 3, "name"),
    (["add", "touchpoint", W, "Jeg venter", "--stage", "S1", "--feeling", "3"], 3, "feeling"),
    (["add", "touchpoint", W, "Jeg venter", "--stage", "S1", "--feeling", "-3"], 3, "feeling"),
    (["edit", "touchpoint", W, "T1", "--feeling", "5"], 3, "feeling"),
    (["edit", "touchpoint", W, "T1", "--text", "Ny tekst", "--stage", "Retur"], 4, "stage"),
    (["add", "touchpoint", W, "Jeg venter", "--stage", "S1", "--channel", "brevdue"], 3, "channel"),
    (["add", "touchpoint", W, "Jeg venter", "--stage", "S1", "--pain", "\x1b[31m"], 3, "pain"),
    (["add", "touchpoint", W, "Jeg venter", "--stage", "Retur"], 4, "stage"),
    (["show", "finnes-ikke"], 4, "workshop"),
    (["add", "idea", "99", "En idé"], 4, "workshop"),
    (["edit", "touchpoint", W, "T99", "--text", "x"], 4, "touchpoint"),
    (["remove", "idea", W, "I42"], 4, "idea"),
    (["edit", "idea", W, "I1", "--text", "Ny", "--link", "T9"], 4, "touchpoint"),
    (["vote", W, "--participant", "Ukjent Person", "--idea", "I1"], 4, "participant"),
    (["vote", W, "--participant", "Åse Ødegård", "--idea", "I1", "--dots", "4"], 5, "dots"),
    (["add", "concept", W, "--idea", "I1", "--effect", "6"], 3, "effect"),
    (["add", "assumption", W, "Kundene vil ha SMS", "--concept", "C1", "--kind", "magi"], 3, "kind"),
    (["add", "pilot", W, "Pilot", "--concept", "C1", "--start", "2025-06-01", "--end", "2025-05-01"], 3, "end"),
    (["add", "pilot", W, "Pilot", "--concept", "C1", "--start", "2025-13-01"], 3, "start"),
    (["edit", "pilot", W, "P1", "--end", "2024-01-01"], 3, "end"),
    (["phase", W, "what-now"], 3, "phase"),
    (["edit", "rules", W, "--dots", "0"], 3, "dots"),
    (["remove", "idea", W, "I1"], 5, "idea"),  # a concept grows from it
    (["theme", W, "Finnes ikke", "Ny"], 5, "theme"),
    (["new", ""], 3, "title"),
    (["new", "Tittel", "--template", "ukjent"], 4, "template"),
    (["import", "finnes-ikke.json"], 11, "file"),
    (["timer", W, "start", "--phase", "what-next"], 3, "phase"),
    (["timer", W, "start", "--minutes", "-5"], 3, "minutes"),
    (["timer", W, "set", "--minutes", "9999"], 3, "minutes"),
    (["timer", W, "reset", "--minutes", "tjue"], 3, "minutes"),
    (["timer", W, "pause"], 5, "timer"),
    (["timer", W, "reset"], 5, "timer"),
    (["timer", "finnes-ikke", "start"], 4, "workshop"),
    (["timer", W, "stopp"], 2, "action"),
    (["timer", W, "set"], 2, "--minutes"),
    # Characters that reorder or break text: refused like control characters, in every kind of field.
    (["add", "participant", W, "Per \u202eneseN"], 3, "name"),
    (["add", "idea", W, "Delt\u2028linje"], 3, "text"),
    (["edit", "brief", W, "--title", "Tittel \u2066isolert\u2069"], 3, "title"),
    (["add", "touchpoint", W, "Jeg venter", "--stage", "S1", "--evidence", "12\u2029samtaler"], 3, "evidence"),
    (["edit", "pilot", W, "P1", "--owner", "Kari\u202b"], 3, "owner"),
    # A touchpoint reference typed as a theme or as the idea itself is not turned into one.
    (["add", "idea", W, "SMS før levering", "--theme", "T3"], 3, "theme"),
    (["add", "idea", W, "t1, t2"], 3, "text"),
    (["edit", "idea", W, "I1", "--theme", "T1 T2"], 3, "theme"),
    (["theme", W, "Varsling", "T4"], 3, "new theme"),
]


@pytest.mark.parametrize(("args", "code", "field"), CASES, ids=[" ".join(c[0][:2]) + f" {c[2]}" for c in CASES])
def test_bad_input_names_the_field_and_changes_nothing(run, snapshot, shop, args, code, field) -> None:
    before = snapshot(shop)
    result = run(*args, code=code)
    assert result.stderr.startswith(f"error: {field}"), result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert snapshot(shop) == before


@pytest.mark.parametrize("args", [
    ["add", "touchpoint", W, "Jeg venter", "--stage", "S1", "--feeling", "mye"],
    ["edit", "touchpoint", W, "T1"],
    ["edit", "touchpoint", W, "T1", "--feeling", "1", "--no-feeling"],
    ["edit", "rules", W, "--cap", "2", "--no-cap"],
    ["add", "touchpoint", W, "Jeg venter"],
    ["export", W, "--what", "pdf"],
    ["finnes-ikke"],
])
def test_usage_mistakes_exit_2_without_a_change(run, snapshot, shop, args) -> None:
    before = snapshot(shop)
    result = run(*args, code=2)
    assert "Traceback" not in result.output and result.stderr
    assert snapshot(shop) == before


def test_nothing_to_undo_is_refused(run) -> None:
    run("new", "Tomt verksted")
    result = run("undo", "1", code=5)
    assert result.stderr == "error: undo: there is nothing to undo\n"


@pytest.mark.file_only
def test_a_file_that_is_not_a_database_is_refused_untouched(run, db_path) -> None:
    db_path.write_bytes(b"dette er ingen database\n" * 10)
    result = run("list", code=6)
    assert result.stderr.startswith("error: database:")
    assert db_path.read_bytes() == b"dette er ingen database\n" * 10


def test_a_control_character_left_in_the_file_never_reaches_the_terminal(run, shop, db_path) -> None:
    from sqlalchemy import text

    from workshop.engine import open_engine

    store = open_engine(str(db_path)).store
    with store.write() as conn:  # as another program, or an old version, might have written it
        conn.execute(text("UPDATE participant SET name = name || :bad WHERE ref = 'U1'"), {"bad": "\x1b[2J\u202e"})
    store.close()
    shown = run("show", shop).stdout
    assert "\x1b" not in shown and "\u202e" not in shown
    assert "␛[2J<U+202E>" in shown
    assert "\\u001b[2J" in run("show", shop, "--json").stdout  # JSON keeps it, escaped
