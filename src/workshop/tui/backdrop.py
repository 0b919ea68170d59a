"""Provides `Backdrop`, mixed into the dialogs drawn over a screen (forms, questions, help): the
screen beneath shows through the dialog's translucent background, tinted, and when something
changes beneath (a card added while the form stays open) only the lines that changed are drawn
again, not the whole screen.

Textual draws a translucent screen's background by rendering the whole screen beneath and tinting
each of its segments, whatever changed: at 120 × 40 on a busy board that is tens of milliseconds a
frame. Here the tinted lines are kept, and the lines the screen beneath reports changed (Textual
hands its changed regions to the screen on top) are the only ones rendered again; each style is
tinted once. What is drawn is the same, segment for segment. Stacked dialogs (a dialog over a
dialog) are left to Textual.

This relies on Textual's compositor (`_compositor`, `_render_chops`) and the stack of screens
beneath (`_background_screens`) of the pinned version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from rich.style import Style
from textual._context import visible_screen_stack
from textual.color import Color
from textual.geometry import Region
from textual.strip import Strip

from workshop.tui.frames import PromptFrames

if TYPE_CHECKING:
    from textual.screen import Screen

_NULL = Style()


class Backdrop(PromptFrames):
    """Mixed into a `ModalScreen` (before it): the screen beneath, tinted, drawn line by line."""

    _backdrop_key: tuple[Any, ...] | None = None
    """What the kept lines were drawn for: the screen beneath, its tint, the base style, the size."""
    _backdrop_lines: dict[int, Strip]
    _backdrop_pieces: dict[int, list[tuple[Strip, Strip]]]
    """Per line, each piece the screen beneath drew with it tinted."""
    _backdrop_styles: dict[Style | None, Style]
    """Each style met beneath, as it shows through the tint (with the base style added)."""

    def render_line(self, y: int) -> Strip:
        screen: Screen[Any] = self  # type: ignore[assignment]
        beneath = self._beneath()
        if beneath is None:
            if self._backdrop_key is not None:  # drawn here until now: Textual draws it all afresh
                self._backdrop_key = None
                screen._dirty_regions.add(screen.size.region)  # noqa: SLF001
            return super().render_line(y)  # type: ignore[misc]
        color = screen.styles.background
        base = screen.visual_style.rich_style
        width, height = screen.size
        key = (beneath, color, base, width, height)
        if key != self._backdrop_key:
            self._backdrop_key = key
            self._backdrop_lines = {}
            self._backdrop_pieces = {}
            self._backdrop_styles = {}
            screen._dirty_regions.clear()  # noqa: SLF001
        lines = self._backdrop_lines
        dirty = screen._dirty_regions  # noqa: SLF001
        if dirty or y not in lines:
            wanted = {row for region in dirty for row in region.line_range if 0 <= row < height}
            wanted.update(row for row in range(height) if row not in lines)
            dirty.clear()
            self._draw(beneath, wanted, color, base, width)
        try:
            return lines[y]
        except KeyError:
            return Strip.blank(width, base)

    def _beneath(self) -> Screen[Any] | None:
        """The one screen showing through, when it is one this draws (else None: Textual does)."""
        screen: Screen[Any] = self  # type: ignore[assignment]
        if screen.styles.background.a >= 1 or screen.styles.gutter or not screen.size:
            return None
        try:
            stack = visible_screen_stack.get()
        except LookupError:
            return None
        if len(stack) != 1 or stack[0] is screen:
            return None
        beneath = stack[0]
        if beneath.styles.background.a < 1 or beneath._compositor.size != screen.size:  # noqa: SLF001
            return None
        return beneath

    def _draw(self, beneath: Screen[Any], rows: set[int], color: Color, base: Style, width: int) -> None:
        """Render `rows` of the screen beneath and keep them tinted; a piece of a line that the
        screen beneath drew as before (Textual keeps what each widget drew) is not tinted again."""
        if not rows:
            return
        top, bottom = min(rows), max(rows)
        chops = beneath._compositor._render_chops(  # noqa: SLF001
            Region(0, top, width, bottom - top + 1), rows.__contains__)
        pieces = self._backdrop_pieces
        for row in rows:
            before = pieces.get(row, ())
            now = []
            for index, strip in enumerate(piece for piece in chops[row].values() if piece is not None):
                if index < len(before) and before[index][0] is strip:
                    now.append(before[index])
                else:
                    now.append((strip, self._tinted(strip, color, base)))
            pieces[row] = now
            self._backdrop_lines[row] = Strip.join(tinted for _strip, tinted in now)

    def _tinted(self, strip: Strip, color: Color, base: Style) -> Strip:
        styles = self._backdrop_styles
        segments = []
        for text, style, control in strip:
            if control:  # not tinted (as Textual leaves it), and no longer a control
                segments.append(Segment(text, base + style))
                continue
            out = styles.get(style)
            if out is None:
                out = styles[style] = base + _tint(style, color)
            segments.append(Segment(text, out))
        return Strip(segments, strip.cell_length)


class Beneath(PromptFrames):
    """Mixed into a `Screen` (before it) that dialogs are drawn over: what changes on it while a
    dialog is open is handed to the dialog once.

    Textual also marks the screen beneath dirty again with the same regions, so at its every
    turn (a timer, a poll) it hands them on again and the dialog draws them again: a change
    once under an open form kept the whole screen being redrawn for as long as the form was
    open. Stacked dialogs are left to Textual."""

    def _compositor_refresh(self) -> None:
        screen: Screen[Any] = self  # type: ignore[assignment]
        app = screen.app
        compositor = screen._compositor  # noqa: SLF001
        if app.is_inline or app.screen is screen or not compositor._dirty_regions \
                or app._background_screens != [screen]:  # noqa: SLF001
            super()._compositor_refresh()  # type: ignore[misc]
            return
        app.screen.refresh(*compositor._dirty_regions)  # noqa: SLF001
        compositor._dirty_regions.clear()  # noqa: SLF001
        screen._dirty_widgets.clear()  # noqa: SLF001
        app._update_mouse_over(screen)  # noqa: SLF001


def _tint(style: Style | None, color: Color) -> Style:
    """`style` as it shows through a translucent `color`, without its links and meta (as
    Textual's `BackgroundScreen` tints it)."""
    style = _NULL if style is None else style.clear_meta_and_links()
    if color.a == 0:
        return style
    from_rich = Color.from_rich_color
    return style + Style.from_color(
        (from_rich(style.color) + color).rich_color if style.color is not None else None,
        (from_rich(style.bgcolor) + color).rich_color if style.bgcolor is not None else None,
    )


__all__ = ["Backdrop", "Beneath"]
