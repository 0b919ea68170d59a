"""Provides `SafeApp`, what every app of workshop is built on: keys and pastes in the order typed
(`KeyOrder`), projector mode (`ProjectorMode`), every notification shown as plain text (user text
in a message is never markup), and an unexpected error that ends the app with a readable message,
a report file and a non-zero exit code instead of a bare traceback."""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import SystemCommand
from textual.command import CommandPalette

from workshop.domain.text import visible
from workshop.tui.collector import QuietCollector
from workshop.tui.keys import KeyOrder
from workshop.tui.words import Words, current, t
from workshop.tui.projector import ProjectorMode

if TYPE_CHECKING:
    from textual.screen import Screen

    from workshop.engine import Engine


def report_folder() -> Path:
    """Where reports of unexpected errors go: `WORKSHOP_LOG_DIR`, else the user log folder."""
    env = os.environ.get("WORKSHOP_LOG_DIR")
    if env:
        return Path(env)
    from platformdirs import user_log_dir

    return Path(user_log_dir("workshop", appauthor=False))


class SafeApp(ProjectorMode, KeyOrder):
    """The base of workshop's apps."""

    failure: BaseException | None = None
    """The unexpected error that ended the app, if one did."""
    report: Path | None = None
    """The file the error's details were written to."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.collector = QuietCollector()
        """Keeps the garbage collector's long pauses away from keys and frames."""

    def on_mount(self) -> None:
        self.collector.start()
        self.set_interval(1.0, self.collector.tidy)

    def on_unmount(self) -> None:
        self.collector.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste, events.MouseDown)):
            self.collector.touched()
        await super().on_event(event)

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Show a notification; its text is always shown as written (engine messages quote what
        people typed, paths hold brackets), whatever `markup` says."""
        super().notify(visible(str(message)), title=visible(str(title)), severity=severity,
                       timeout=timeout, markup=False)

    def action_help_quit(self) -> None:
        # Textual's own hint is written in markup; this one is plain.
        self.notify(t("app.quit_hint"), title=t("app.quit_question"))

    # Textual's own words, in ours ------------------------------------------------------------

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=t("app.palette_search")))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=t("app.theme_search")))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own commands (theme, quit, maximise), in our words. Its key panel and its
        screenshot are left out: they speak Textual's English, and `?` lists every key."""
        said = current()
        for command in super().get_system_commands(screen):
            if command.title in ("Keys", "Screenshot"):
                continue
            yield SystemCommand(_textual(said, command.title), _textual(said, command.help), command.callback,
                                command.discover)

    # unexpected errors -----------------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        if self.failure is None:
            self.failure = error
            self.report = write_report(error)
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        if self.failure is None:
            super()._print_error_renderables()
            return
        self._exit_renderables.clear()
        print(failure_message(self.failure, self.report), file=sys.stderr)


def _textual(said: Words, text: str) -> str:
    """One of Textual's own words in ours: its `[textual]` entry (where a word means something else
    in workshop, as "Theme" does), else as a key's description."""
    return said.t(f"textual.{text}") if said.has(f"textual.{text}") else said.described(text)


def run_on(db: str, make: Callable[[Engine], SafeApp]) -> int:
    """Open the database at `db`, run the app `make` builds on it until it ends, and return the
    exit code (non-zero after an unexpected error, which the app has then reported)."""
    from workshop.engine.deferred import DeferredEngine
    from workshop.engine.opening import open_for_interface
    from workshop.tui import paste

    paste.install()
    engine = open_for_interface(db)  # the data layer is imported once the first frame is drawn
    try:
        app = make(engine)  # type: ignore[arg-type]
        app.run()
        return app.return_code or 0
    finally:
        if isinstance(engine, DeferredEngine):
            engine.close()
        else:
            engine.store.close()


def write_report(error: BaseException) -> Path | None:
    """Write the error with its traceback to a new report file; None when that cannot be done."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    try:
        folder = report_folder()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp}.txt"
        details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        path.write_text(f"workshop stopped on an unexpected error at {stamp}\n\n{details}", encoding="utf-8")
        return path
    except OSError:
        return None


def failure_message(error: BaseException, report: Path | None) -> str:
    """What the facilitator reads in the terminal after an unexpected error."""
    what = visible(" ".join(str(error).split()))[:200] or type(error).__name__
    lines = [t("app.failure", kind=type(error).__name__, what=what), t("app.failure_saved")]
    if report is not None:
        lines.append(t("app.failure_report", path=report))
    return "\n".join(lines)


__all__ = ["SafeApp", "failure_message", "report_folder", "run_on", "write_report"]
