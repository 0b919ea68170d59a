"""Provides helpers for Pilot tests of the phase screens: open the app on a phase, wait for the
engine's thread workers, type at full speed, read the screen as text (and as styled segments,
to see what acts or does not show as typed), the phase timer and the notifications shown."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.segment import Segment
from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot

from workshop.engine import Engine
from workshop.tui.app import WorkshopApp, create_app


async def until(pilot: Pilot, ready: Callable[[], Any], timeout: float = 8.0) -> Any:
    """Let the app run until `ready()` is true (workers are threads: a pause alone is not enough)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        await pilot.pause()
        result = ready()
        if result:
            return result
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting; the screen shows:\n{screen_text(pilot.app)}")
        await asyncio.sleep(0.02)


def open_on(engine: Engine, workshop: int, phase: str, *, projector: bool = False) -> WorkshopApp:
    """The app opening `workshop` on `phase` (stored as the workshop's phase first)."""
    if engine.load(workshop).phase != phase:
        engine.set_phase(workshop, phase)
    return create_app(engine, workshop, projector=projector)


async def burst(pilot: Pilot, *keys: str) -> None:
    """Type `keys` as a terminal delivers a fast typist's (or a paste's) keystrokes: all handed to
    the app at once, none waiting for the one before to be handled (Pilot's `press` waits)."""
    driver = pilot.app._driver  # noqa: SLF001 (where a terminal's keys come in)
    assert driver is not None
    for key in keys:
        if len(key) == 1:
            name = key if key.isalnum() else _character_to_key(key)
            event = events.Key(name, key)
        else:
            event = events.Key(key, {"enter": "\r", "tab": "\t", "space": " "}.get(key))
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()


def typed(text: str) -> list[str]:
    """The keys that type `text` (tab and line break as the keys tab and enter)."""
    return [{"\t": "tab", "\n": "enter"}.get(ch, ch) for ch in text]


def segments(app: App[Any]) -> list[Segment]:
    """What the terminal is sent for the screen now, as styled pieces of text (the screen's own
    cursor moves left out)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, legacy_windows=False)
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return [seg for seg in console.render(update) if not seg.control]


def screen_text(app: App[Any]) -> str:
    """What the terminal shows now, as plain text (the top screen over the ones below)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def timer_shown(app: App[Any]) -> tuple[str, str]:
    """The phase timer on the screen in front: its big digits (as the characters they draw) and
    the word beside them."""
    from textual.widgets import Digits, Static

    timer = app.screen.query_one("#timer")
    return timer.query_one(Digits).value, str(timer.query_one("#timer-state", Static).render())


def seconds_shown(app: App[Any]) -> int:
    """The phase timer's digits on the screen in front as seconds (negative in overtime)."""
    digits = timer_shown(app)[0]
    minutes, _, seconds = digits.lstrip("-").partition(":")
    return (-1 if digits.startswith("-") else 1) * (int(minutes) * 60 + int(seconds))


def notices(app: App[Any]) -> list[str]:
    """The messages the app has shown (toasts), oldest first."""
    return [n.message for n in app._notifications]


async def open_form(pilot: Pilot, app: App[Any]) -> Any:
    """The form dialog once it is on screen with its fields mounted."""
    from workshop.tui.dialogs.form import FormDialog

    def ready() -> Any:
        screen = app.screen
        return screen if isinstance(screen, FormDialog) and screen.query("#save") else None

    return await until(pilot, ready)
