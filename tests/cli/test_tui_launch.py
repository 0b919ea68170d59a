"""The commands that open the terminal interface hand it the right database, workshop and options,
and say clearly when it is missing."""

from __future__ import annotations

import sys
import types

import pytest

from workshop.tui.app_base import SafeApp


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
    assert opened == [(str(db_path), 1, {"projector": True, "playbook": None, "lang": "nb", "actor": None})]


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



@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[SafeApp]:
    """The apps the commands build (through their own factories), recorded instead of run."""
    apps: list[SafeApp] = []
    monkeypatch.setattr(SafeApp, "run", lambda app, *args, **kwargs: apps.append(app))
    monkeypatch.delenv("WORKSHOP_PROJECTOR", raising=False)
    return apps


OPENING = {
    "the picker": (),
    "open": ("open", "1"),
    "open --replay": ("open", "1", "--replay"),
    "demo": ("demo",),
    "replay": ("replay", "1"),
    "compare --tui": ("compare", "1", "1", "--tui"),
}
"""Every command that opens the terminal interface, with what it opens."""


@pytest.mark.parametrize("command", OPENING)
def test_every_command_that_opens_the_interface_opens_it_on_the_projector_when_asked(
        run, shop, built, command: str) -> None:
    args = OPENING[command]
    run(*args)
    run(*args, "--projector")
    run("--projector", *args)
    assert [app.projector for app in built] == [False, True, True]
    assert [app.has_class("-projector") for app in built] == [False, True, True]


@pytest.mark.parametrize("command", OPENING)
def test_workshop_projector_in_the_environment_opens_every_command_on_the_projector(
        run, shop, built, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    for value in ("1", "yes", "0", ""):
        monkeypatch.setenv("WORKSHOP_PROJECTOR", value)
        run(*OPENING[command])
    assert [app.projector for app in built] == [True, True, False, False]


def test_the_commands_open_what_they_name(run, shop, built) -> None:
    from workshop.tui.app import WorkshopApp
    from workshop.tui.replay_app import ReplayApp
    from workshop.tui.screens.compare import CompareApp

    for args in OPENING.values():
        run(*args, "--projector")
    kinds = [type(app) for app in built]
    assert kinds == [WorkshopApp, WorkshopApp, ReplayApp, WorkshopApp, ReplayApp, CompareApp]
    assert [getattr(app, "start_with", None) for app in built][:5] == [None, 1, 1, 2, 1]  # the demo is 2


def test_a_projector_setting_that_is_neither_on_nor_off_is_refused_naming_it(run, shop, built,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_PROJECTOR", "kanskje")
    for args in OPENING.values():
        result = run(*args, code=3)
        assert result.stderr == ("error: WORKSHOP_PROJECTOR: give 1 to turn projector mode on or 0 for "
                                 "off, not 'kanskje'\n")
    assert built == []
    assert "Nettbutikk" in run("list").stdout  # a command without the interface does not mind it
