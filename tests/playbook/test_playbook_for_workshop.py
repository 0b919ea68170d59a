"""A workshop remembers the playbook and language it was run with, so that a replay months later
shows the guidance the room saw — and says so when that guidance is gone or has changed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from playbook_helpers import replace

from workshop.engine import Engine
from workshop.paths import bundled_playbook
from workshop.playbook import Playbook


def run_with(engine: Engine, book: Path | str | None, lang: str) -> int:
    """A workshop created the way the tool records it: the playbook's stamp and the language."""
    chosen = Playbook.resolve(book, lang)
    wid, _ = engine.create_workshop("Kundereise for nye kunder", playbook=chosen.stamp, lang=chosen.lang)
    return wid


def test_a_replay_shows_the_playbook_and_language_the_room_used(book: Path, engine: Engine,
                                                                monkeypatch) -> None:
    replace(book / "nb" / "guides" / "what-is.md", "## Mål\n", "## Mål\n\nHos oss starter vi alltid i Tromsø.\n")
    wid = run_with(engine, book, "nb")
    # months later, on a machine set up for English with no playbook chosen
    monkeypatch.setenv("WORKSHOP_LANG", "en")
    state = engine.load(wid)
    played = Playbook.for_workshop(state)
    guide = played.guide("what-is")
    assert guide.lang == "nb" and "Hos oss starter vi alltid i Tromsø." in guide.body
    assert guide.note == "" and played.note == ""
    assert played.vocabulary.feeling(2) == "begeistret"


def test_a_bundled_playbook_is_remembered_as_bundled(engine: Engine) -> None:
    wid = run_with(engine, None, "nb")
    state = engine.load(wid)
    assert state.playbook.startswith("#sha256=")  # no folder: the bundled one, wherever it is installed
    played = Playbook.for_workshop(state)
    assert played.bundled and played.note == ""
    assert played.guide("what-if").path == bundled_playbook() / "nb" / "guides" / "what-if.md"


def test_an_edited_playbook_is_flagged_on_replay(book: Path, engine: Engine) -> None:
    wid = run_with(engine, book, "nb")
    replace(book / "nb" / "guides" / "what-if.md", "## Feller\n", "## Feller\n\n- Ny felle lagt til etterpå.\n")
    guide = Playbook.for_workshop(engine.load(wid)).guide("what-if")
    assert "er endret etter at denne workshopen ble kjørt" in guide.note
    assert str(book) in guide.note
    assert "Ny felle lagt til etterpå." in guide.body  # the folder is still what is shown


def test_a_playbook_folder_that_is_gone_falls_back_to_the_bundled_one_visibly(book: Path, engine: Engine) -> None:
    wid = run_with(engine, book, "nb")
    shutil.rmtree(book)
    played = Playbook.for_workshop(engine.load(wid))
    assert played.bundled
    guide = played.guide("what-wows")
    assert guide.lang == "nb" and guide.path.is_relative_to(bundled_playbook())
    assert "finnes ikke lenger" in guide.note and str(book) in guide.note


def test_a_workshop_that_stored_only_a_folder_still_finds_it(book: Path, engine: Engine) -> None:
    wid, _ = engine.create_workshop("Gammel workshop", playbook=str(book), lang="nb_NO.UTF-8")
    played = Playbook.for_workshop(engine.load(wid))
    assert played.root == book and played.lang == "nb" and played.note == ""
    # the folder stored with its stamp is accepted where a folder is expected
    assert Playbook.resolve(Playbook.resolve(book).stamp).root == book.resolve()


def test_a_workshop_run_in_a_language_without_a_guide_falls_back_to_english(book: Path, engine: Engine) -> None:
    (book / "nb" / "guides" / "brief.md").unlink()
    wid = run_with(engine, book, "nb")
    guide = Playbook.for_workshop(engine.load(wid)).guide("brief")
    assert guide.fallback and guide.lang == "en"
    assert "ikke skrevet på norsk (bokmål)" in guide.note


def test_the_playbook_commands_do_not_load_textual(db_path: Path) -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from workshop.cli.playbook import app\n"
        "result = CliRunner().invoke(app, ['show', 'what-is', '--lang', 'nb'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
