"""The export dialog (`e`): the journey, the backlog or the report written to a file or copied to
the clipboard, with the diagram fence chosen; refusals shown in place with the path kept."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from textual.widgets import Input, RadioButton

from phase_helpers import open_on, until
from workshop.engine import Engine
from workshop.domain.errors import DiskFull
from workshop.files import write_file
from workshop.tui.dialogs.export import ExportDialog
from workshop.tui.screens.what_works import WhatWorksScreen


@pytest.fixture
def backlog(engine: Engine, workshop: int) -> int:
    """A touchpoint, and two pilots from two concepts (the second made is the quick win)."""
    engine.edit_brief(workshop, challenge="Hvordan kan vi gjøre ventetiden trygg?")
    engine.add_touchpoint(workshop, "Venter på pakken: «hvor er den?»", stage="Delivery and use", feeling=-2)
    engine.add_idea(workshop, "SMS når pakken er forsinket")
    engine.add_idea(workshop, "Ny leveringsside")
    engine.add_concept(workshop, "I1", effect=5, cost=1)
    engine.add_concept(workshop, "I2", effect=2, cost=4)
    engine.add_pilot(workshop, "Ny side for levering", concept="C2", owner="Kari")
    engine.add_pilot(workshop, "Varsel på Økern", concept="C1", owner="Øystein")
    return workshop


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder, made the current one (the database lives beside it)."""
    folder = tmp_path / "eksport"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


async def _dialog(pilot, app) -> ExportDialog:
    await until(pilot, lambda: isinstance(app.screen, WhatWorksScreen))
    await pilot.press("e")
    return await until(pilot, lambda: app.screen if isinstance(app.screen, ExportDialog)
                       and app.screen.query("#path") else None)


def test_on_what_works_the_backlog_is_offered_and_written_to_a_file_named_after_the_workshop(engine: Engine, backlog: int,
                                                                   here: Path) -> None:
    async def scenario() -> None:
        app = open_on(engine, backlog, "what-works")
        async with app.run_test(size=(120, 36)) as pilot:
            dialog = await _dialog(pilot, app)
            path = dialog.query_one("#path", Input)
            assert path.value == "leveranser-som-kommer-for-sent-backlog.md"
            dialog.query_one("#what-journey", RadioButton).value = True
            await until(pilot, lambda: path.value == "leveranser-som-kommer-for-sent-journey.md")
            dialog.query_one("#what-backlog", RadioButton).value = True
            await until(pilot, lambda: path.value == "leveranser-som-kommer-for-sent-backlog.md")
            await pilot.press("ctrl+s")
            target = here / "leveranser-som-kommer-for-sent-backlog.md"
            await until(pilot, lambda: target.exists() and not isinstance(app.screen, ExportDialog))
            text = target.read_text(encoding="utf-8")
            # The quick win is ranked first.
            assert text.index("Varsel på Økern") < text.index("Ny side for levering")
            assert "Øystein" in text and "- [ ]" in text
            assert sorted(p.name for p in here.iterdir()) == [target.name]  # no temporary file left

    asyncio.run(scenario())


def test_the_report_is_copied_to_the_clipboard_without_a_diagram_for_confluence(engine: Engine, backlog: int,
                                                                                here: Path) -> None:
    async def scenario() -> None:
        app = open_on(engine, backlog, "what-works")
        async with app.run_test(size=(120, 36)) as pilot:
            dialog = await _dialog(pilot, app)
            dialog.query_one("#what-report", RadioButton).value = True
            dialog.query_one("#fence-none", RadioButton).value = True
            await pilot.pause()
            await pilot.click("#copy")
            await until(pilot, lambda: app.clipboard)
            assert "Leveranser som kommer for sent" in app.clipboard
            assert "Varsel på Økern" in app.clipboard
            assert "mermaid" not in app.clipboard
            assert list(here.iterdir()) == []

    asyncio.run(scenario())


def test_the_journey_for_azure_devops_uses_the_colon_fence(engine: Engine, backlog: int, here: Path) -> None:
    async def scenario() -> None:
        app = open_on(engine, backlog, "what-works")
        async with app.run_test(size=(120, 36)) as pilot:
            dialog = await _dialog(pilot, app)
            dialog.query_one("#what-journey", RadioButton).value = True
            dialog.query_one("#fence-azure", RadioButton).value = True
            dialog.query_one("#path", Input).value = "kart.md"
            await pilot.pause()
            await pilot.click("#write")
            await until(pilot, lambda: (here / "kart.md").exists())
            text = (here / "kart.md").read_text(encoding="utf-8")
            assert "::: mermaid" in text and "```mermaid" not in text
            assert "Venter på pakken" in text

    asyncio.run(scenario())


def test_a_missing_folder_is_refused_in_place_and_the_path_typed_is_kept(engine: Engine, backlog: int,
                                                                        here: Path) -> None:
    async def scenario() -> None:
        app = open_on(engine, backlog, "what-works")
        async with app.run_test(size=(120, 36)) as pilot:
            dialog = await _dialog(pilot, app)
            path = dialog.query_one("#path", Input)
            path.value = ""
            path.focus()
            await pilot.press(*"mangler/kart.md", "enter")
            error = await until(pilot, lambda: str(dialog.query_one("#error").render()).strip())
            assert error.startswith("file: the folder") and "mangler" in error and "does not exist" in error
            assert path.value == "mangler/kart.md"
            assert app.screen is dialog and list(here.iterdir()) == []

    asyncio.run(scenario())


def test_an_existing_file_is_replaced_only_when_asked_twice(engine: Engine, backlog: int, here: Path) -> None:
    target = here / "leveranser-som-kommer-for-sent-backlog.md"
    target.write_text("mine egne notater\n", encoding="utf-8")

    async def scenario() -> None:
        app = open_on(engine, backlog, "what-works")
        async with app.run_test(size=(120, 36)) as pilot:
            dialog = await _dialog(pilot, app)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "exists" in str(dialog.query_one("#error").render()))
            assert target.read_text(encoding="utf-8") == "mine egne notater\n"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "mine egne notater" not in target.read_text(encoding="utf-8"))
            assert "Varsel på Økern" in target.read_text(encoding="utf-8")

    asyncio.run(scenario())


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "backlog.md"
    target.write_text("forrige versjon\n", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(DiskFull, match="disk full"):
        write_file(target, "ny versjon\n" * 1000)
    assert target.read_text(encoding="utf-8") == "forrige versjon\n"
    assert [p.name for p in tmp_path.iterdir()] == ["backlog.md"]


def test_a_new_export_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "journey.md"
        write_file(fresh, "# Reisen\n")
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "backlog.md"
        kept.write_text("før\n", encoding="utf-8")
        kept.chmod(0o600)
        write_file(kept, "etter\n")
        assert kept.stat().st_mode & 0o777 == 0o600 and kept.read_text(encoding="utf-8") == "etter\n"
    finally:
        os.umask(old)


def test_the_printable_map_and_the_curve_are_written_as_html_and_svg(engine: Engine, backlog: int, here: Path) -> None:
    async def scenario() -> None:
        app = open_on(engine, backlog, "what-works")
        async with app.run_test(size=(120, 36)) as pilot:
            dialog = await _dialog(pilot, app)
            path = dialog.query_one("#path", Input)
            dialog.query_one("#what-map", RadioButton).value = True
            await until(pilot, lambda: path.value == "leveranser-som-kommer-for-sent-map.html")
            assert dialog.query_one("#fence").disabled  # no Mermaid in the map
            await pilot.press("ctrl+s")
            page = here / "leveranser-som-kommer-for-sent-map.html"
            await until(pilot, lambda: page.exists() and not isinstance(app.screen, ExportDialog))
            html = page.read_text(encoding="utf-8")
            assert html.startswith("<!DOCTYPE html>") and "Venter på pakken: «hvor er den?»" in html

            dialog = await _dialog(pilot, app)
            path = dialog.query_one("#path", Input)
            dialog.query_one("#what-curve", RadioButton).value = True
            await until(pilot, lambda: path.value == "leveranser-som-kommer-for-sent-curve.svg")
            await pilot.press("ctrl+s")
            drawing = here / "leveranser-som-kommer-for-sent-curve.svg"
            await until(pilot, lambda: drawing.exists() and not isinstance(app.screen, ExportDialog))
            assert "<svg" in drawing.read_text(encoding="utf-8")
            dialog = await _dialog(pilot, app)
            dialog.query_one("#what-journey", RadioButton).value = True
            await until(pilot, lambda: not dialog.query_one("#fence").disabled)

    asyncio.run(scenario())
