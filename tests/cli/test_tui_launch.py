"""The commands that open the terminal interface hand it the right database, workshop and options,
and say clearly when it is missing."""

from __future__ import annotations

import sys
import types

import pytest


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """Stand in for the terminal interface and record how it was opened."""
    calls: list[tuple] = []
    fake = types.ModuleType("workshop.tui.app")
    fake.run_app = lambda db, workshop=None, **options: calls.append((db, workshop, options))
    monkeypatch.setitem(sys.modules, "workshop.tui.app", fake)
    return calls


def test_open_passes_the_workshop_and_options(run, shop, db_path, opened) -> None:
    run("--lang", "nb", "open", shop, "--projector")
    assert opened == [(str(db_path), 1, {"projector": True, "playbook": None, "lang": "nb",
                                         "replay": False, "actor": None})]


def test_the_actor_is_handed_to_the_terminal_interface(run, shop, opened, monkeypatch) -> None:
    run("--actor", " Ingrid Sæther ", "open", shop)
    monkeypatch.setenv("WORKSHOP_ACTOR", "Kari Nordmann")
    run("demo")
    assert [options["actor"] for _db, _w, options in opened] == ["Ingrid Sæther", "Kari Nordmann"]


def test_no_command_opens_the_picker(run, db_path, opened) -> None:
    run()
    assert opened[0][:2] == (str(db_path), None)


def test_demo_opens_the_demo_workshop(run, db_path, opened) -> None:
    run("demo")
    assert opened[0][1] == 1


def test_open_an_unknown_workshop_exits_4_before_the_tui(run, db_path, opened) -> None:
    assert run("open", "ingen", code=4).stderr.startswith("error: workshop:")
    assert opened == []


def test_a_missing_tui_is_a_clear_message(run, shop, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "workshop.tui.app", None)
    result = run("open", shop, code=1)
    assert "terminal interface is not available" in result.stderr
    assert "Traceback" not in result.output
