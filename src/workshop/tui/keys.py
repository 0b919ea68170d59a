"""Provides `KeyOrder`, the app's keyboard in the order it was typed: a key that does something
(Enter, Tab, `a`, a letter on a list…) takes full effect, including the form or screen it opens and
where the cursor goes, before the next key is delivered; a paste is cleaned of escape sequences and
control characters and never scrambled.

Textual hands each key to the focused widget's own queue and runs a key's bindings only when the
key has travelled up to the app, while the keys typed after it are already being handed out: typed
at full speed, the text after an Enter landed in the field the cursor was leaving, and letters
after `a` ran as commands on the board. Here a key that is not plain text for a text field waits
until that field has taken the keys before it, runs its binding at once, and the keys after it wait
(in order) until the screen is quiet again.
"""

from __future__ import annotations

import asyncio
import sys
from contextlib import suppress
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.widget import Widget
from textual.widgets import Input

from workshop.domain.text import clean_paste
from workshop.tui.settled import widgets_idle
from workshop.tui.words import t, tn

if TYPE_CHECKING:
    from textual.timer import Timer

SETTLE_SECONDS = 0.5
"""The longest a key waits for the field before it to take its keys (a stuck widget never locks
the keyboard)."""

QUIET_SECONDS = 1.0
"""The longest the keys after a command wait for the screen to be quiet."""

READY_SECONDS = 10.0
"""The longest keys typed while the app opens its first screen wait for it."""

POLL_SECONDS = 0.005


def takes_text(widget: Widget | None) -> bool:
    """Whether `widget` reads keys itself (a text field, a text area, a list's type-to-search)
    rather than only through its bindings."""
    return widget is not None and type(widget)._on_key is not Widget._on_key


def types_into(widget: Widget, event: events.Key) -> bool:
    """Whether the key is text the widget takes itself: a character, or Enter and Tab where a
    text area writes them."""
    if event.is_printable:
        return True
    if _is_text_area(widget) and not widget.read_only:  # type: ignore[attr-defined]
        return event.key == "enter" or (event.key == "tab" and widget.tab_behavior == "indent")
    return False


def _is_text_area(widget: Widget) -> bool:
    """Whether `widget` is a Textual `TextArea`, without importing it (its document and themes
    take a tenth of the interface's own start): no text area exists before its module is loaded."""
    module = sys.modules.get("textual.widgets._text_area")
    return module is not None and isinstance(widget, module.TextArea)


class KeyOrder(App):  # type: ignore[type-arg]
    """An app whose keys and pastes take effect one after another, in the order typed."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._keys_held: list[events.Event] = []
        self._keys_since = 0.0
        self._keys_wait = False
        self._keys_timer: Timer | None = None

    # routing ---------------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if not self._keys_wait and not self._keys_held and not self.ready_for_keys():
                self._start_holding()  # typed before the first screen is there: kept for it
                self.keys_waiting()
            if self._keys_wait or self._keys_held:
                self._hold(event)
                return
            await self._deliver(event)
            return
        await super().on_event(event)

    async def _deliver(self, event: events.Event) -> None:
        """Hand one key or paste to where it belongs now."""
        if isinstance(event, events.Paste):
            self._paste(event)
            return
        assert isinstance(event, events.Key)
        focused = self.focused
        if takes_text(focused) and types_into(focused, event):
            await super().on_event(event)  # text for a field: straight in, nothing to wait for
            return
        screen = self.screen
        if screen.maximized is not None and event.key == "escape" and self.escape_to_minimize:
            await super().on_event(event)
            return
        if focused is not None:
            # The field takes every key sent to it before this one (an Enter reads its whole text).
            await self._drained(focused)
        if not self.app_focus:
            self.app_focus = True
        # The key's binding runs now, not once the key has travelled up to the app.
        if not (await self._check_bindings(event.key, priority=True) or await self._check_bindings(event.key)):
            (self.focused or self.screen)._forward_event(event)
        self._start_holding()  # the next key waits until what this one set going is done

    @staticmethod
    async def _drained(widget: Widget) -> None:
        """Wait until `widget` has handled the messages already sent to it."""
        done = asyncio.Event()
        if not widget.call_later(done.set):
            return
        with suppress(asyncio.TimeoutError):
            await asyncio.wait_for(done.wait(), SETTLE_SECONDS)

    # holding ---------------------------------------------------------------------------------

    def _hold(self, event: events.Event) -> None:
        self._keys_held.append(event)
        self._schedule()

    def _start_holding(self) -> None:
        self._keys_wait = True
        self._keys_since = asyncio.get_running_loop().time()
        self._schedule()

    def _schedule(self) -> None:
        if self._keys_timer is None:
            # The check itself goes to the back of the app's queue, behind whatever the widgets
            # asked of the app before it (moving the cursor, for one).
            self._keys_timer = self.set_timer(POLL_SECONDS, lambda: self.call_later(self._release))

    def ready_for_keys(self) -> bool:
        """Whether the app shows a screen that takes keys (an app opening its first screen says
        no until it is there)."""
        return True

    def keys_waiting(self) -> None:
        """Told when keys start to wait for `ready_for_keys` (an app can hurry what they wait for)."""

    @property
    def holds_keys(self) -> bool:
        """Whether keys typed are waiting to be delivered."""
        return bool(self._keys_held)

    def quiet(self) -> bool:
        """Whether what the last key set going is done: the screen on top is mounted with the
        cursor in place, and no widget of it is still mounting or has messages waiting."""
        screen = self.screen
        if not screen.is_mounted or not self.ready_for_keys():
            return False
        if screen.focused is None and screen.focus_chain:
            return False
        return widgets_idle(screen)

    async def _release(self) -> None:
        self._keys_timer = None
        waited = asyncio.get_running_loop().time() - self._keys_since
        longest = QUIET_SECONDS if self.ready_for_keys() else READY_SECONDS
        if self._keys_wait and not self.quiet() and waited < longest:
            self._schedule()
            return
        self._keys_wait = False
        while self._keys_held and not self._keys_wait:
            await self._deliver(self._keys_held.pop(0))
        if self._keys_held or self._keys_wait:
            self._schedule()

    # pasting ---------------------------------------------------------------------------------

    def _paste(self, event: events.Paste) -> None:
        """Give the focused field the pasted text, whole and in order, without what would act
        instead of show (escape sequences, control characters); say what was taken out."""
        target = self.focused
        one_line = isinstance(target, Input)
        cleaned, removed = clean_paste(restore_escapes(event.text), one_line=one_line)
        if removed:
            self.notify(t("app.pasted_without", what=t("app.and").join(_removed_words(removed))),
                        title=t("app.paste"), timeout=6)
        if not cleaned:
            return
        (target or self.screen)._forward_event(events.Paste(cleaned))


ESCAPE_IN_PASTE = "\ue01b"
"""Stands for an escape character inside a bracketed paste between the terminal and the app
(see `workshop.tui.paste`), so the terminal's parser never reads pasted text as keys."""


def _removed_words(removed: list[str]) -> list[str]:
    """What a paste was cleaned of (the domain says it in English: "2 escape sequences", "1 control
    character (BEL)") in the interface's language."""
    said = []
    for part in removed:
        count, _, rest = part.partition(" ")
        if rest.startswith("escape sequence") and count.isdigit():
            said.append(tn("app.escape_sequences", int(count)))
        elif rest.startswith("control character") and count.isdigit():
            said.append(tn("app.control_characters", int(count), names=rest.partition("(")[2].rstrip(")")))
        else:
            said.append(part)
    return said


def restore_escapes(text: str) -> str:
    return text.replace(ESCAPE_IN_PASTE, "\x1b")


__all__ = ["ESCAPE_IN_PASTE", "KeyOrder", "restore_escapes", "takes_text"]
