"""The comparison view: what moved between the demo and the same journey mapped again, pairing by
hand what the text did not match, and saving the comparison as Markdown."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from phase_helpers import screen_text, until

from workshop.demo import build_demo
from workshop.engine import Engine
from workshop.tui.dialogs.form import FormDialog
from workshop.tui.screens.compare import CompareApp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "compare"))
from compare_workshops import build_now  # noqa: E402


def test_what_moved_then_a_pair_by_hand_and_saving(engine: Engine, tmp_path: Path) -> None:
    then = build_demo(engine)
    now = build_now(engine, engine.load(then))
    chat = next(t.ref for t in engine.load(now).touchpoints if t.text.startswith("Chatboten gir"))
    out = tmp_path / "sammenligning.md"

    async def scenario() -> None:
        app = CompareApp(engine, then, now, [])
        async with app.run_test(size=(130, 44)) as pilot:
            await until(pilot, lambda: "Weakest link" in screen_text(app))
            text = screen_text(app)
            assert "17 touchpoints matched, 2 only then, 3 only now" in text
            assert "Then: Kundeservice" in text and "Now: Oppfølging" in text
            await pilot.press("p")
            await until(pilot, lambda: isinstance(app.screen, FormDialog))
            await pilot.press(*"T15=T99", "ctrl+s")
            await until(pilot, lambda: "no touchpoint T99" in screen_text(app))
            await pilot.press(*["backspace"] * 3, *chat, "ctrl+s")
            await until(pilot, lambda: f"pairs by hand: T15={chat}" in screen_text(app))
            assert "18 touchpoints matched, 1 only then, 2 only now" in screen_text(app)
            await pilot.press("s")
            await until(pilot, lambda: isinstance(app.screen, FormDialog))
            await pilot.press("ctrl+a")
            app.screen.query_one("Input").value = str(out)
            await pilot.press("ctrl+s")
            await until(pilot, out.exists)
            assert out.read_text(encoding="utf-8").startswith("# Then and now: Lyngvik Hage")
            assert f"T15 → {chat} Chatboten gir meg en dato" in out.read_text(encoding="utf-8")

    asyncio.run(scenario())
