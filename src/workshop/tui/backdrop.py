"""Provides `Backdrop`, mixed into the dialogs drawn over a screen (forms, questions, help): the
screen beneath shows through the dialog's translucent background, tinted, and when something
changes beneath (a card added while the form stays open) only the lines that changed are drawn
again, not the whole screen.

Textual draws a translucent screen's background by rendering the whole screen beneath and tinting
each of its segments, whatever changed: at 120 × 40 on a busy board that is tens of milliseconds a
frame. Here the tinted lines are kept, and the lines the screen beneath reports changed (Textual
hands its changed regions to the screen on top) are the only ones rendered again, and of those
only the pieces within the changed regions, each widget only in the rows asked for; each style
is tinted once. What is drawn is the same, segment for segment. Stacked dialogs (a dialog over a
dialog) are left to Textual.

This relies on Textual's compositor (`_compositor`, its `cuts` and `visible_widgets`) and the
stack of screens beneath (`_background_screens`) of the pinned version.
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
    _backdrop_pieces: dict[int, tuple[tuple[int, ...], list[tuple[Strip, Strip]]]]
    """Per line, where the screen beneath cut it, and each piece it drew there with it tinted."""
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
            regions = [region.intersection(screen.size.region) for region in dirty]
            dirty.clear()
            self._draw(beneath, {row for row in range(height) if row not in lines}, regions, color, base, width)
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

    def _draw(self, beneath: Screen[Any], whole: set[int], regions: list[Region], color: Color, base: Style,
              width: int) -> None:
        """Render the lines in `whole` of the screen beneath, and what lies in `regions` of the
        others, and keep them tinted. Each line is kept as the pieces the screen beneath cuts it
        into (at each widget's edge); the pieces in the regions are drawn again, the rest of their
        lines kept, each region on its own (their union may hold many widgets that did not
        change). A line cut otherwise than when it was kept (the layout beneath changed) is drawn
        whole. A piece the screen beneath drew as before (Textual keeps what each widget
        drew) is not tinted again."""
        compositor = beneath._compositor  # noqa: SLF001
        cuts = compositor.cuts
        pieces = self._backdrop_pieces
        regions = [region for region in regions if region]
        rows = {row for region in regions for row in region.line_range}
        whole.update(row for row in rows if pieces.get(row, ((),))[0] != tuple(cuts[row]))
        if whole:
            top, bottom = min(whole), max(whole)
            self._keep(compositor, Region(0, top, width, bottom - top + 1), whole, color, base)
        for region in regions:
            rest = set(region.line_range) - whole
            if rest:
                self._keep(compositor, region, rest, color, base)

    def _keep(self, compositor: Any, crop: Region, rows: set[int], color: Color, base: Style) -> None:
        """Render `rows` of the screen beneath within `crop`, and keep the pieces that lie in it."""
        chops = _render_rows(compositor, crop, rows)
        cuts = compositor.cuts
        left, right = crop.x, crop.right
        pieces = self._backdrop_pieces
        for row in rows:
            row_cuts = cuts[row]
            kept_cuts, before = pieces.get(row, ((), []))
            same = kept_cuts == tuple(row_cuts)
            chop = chops[row]
            now = []
            for index, (cut, end) in enumerate(zip(row_cuts, row_cuts[1:])):
                strip = chop.get(cut)
                if same and (strip is None or end <= left or cut >= right or before[index][0] is strip):
                    now.append(before[index])
                else:  # a piece for every cut, so that the kept ones stay where they were cut
                    strip = strip if strip is not None else Strip.blank(end - cut)
                    now.append((strip, self._tinted(strip, color, base)))
            pieces[row] = (tuple(row_cuts), now)
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


def _render_rows(compositor: Any, crop: Region, rows: set[int]) -> dict[int, dict[int, Strip | None]]:
    """The pieces of `rows` of a screen (by where its compositor cuts each line) within `crop`,
    as Textual's compositor renders them for an update (`_render_chops`), but with each widget
    rendered only in the rows asked for: Textual renders every widget overlapping the crop in all
    its lines, the screen and its containers included, whatever the rows.

    Each widget overlapping the crop is rendered across its whole width, so a piece outside the
    crop may show a widget behind the one in front there (not rendered): only the pieces that
    overlap the crop are right, as for Textual's own updates."""
    cuts = compositor.cuts
    chops: dict[int, dict[int, Strip | None]] = {row: dict.fromkeys(cuts[row][:-1]) for row in rows}
    top, bottom = crop.y, crop.bottom
    overlaps = crop.overlaps
    for widget, (region, clip) in compositor.visible_widgets.items():  # front to back
        if not overlaps(clip):
            continue
        x, y, width, height = region.intersection(clip)
        first, last = max(y, top), min(y + height, bottom)
        if not width or first >= last:
            continue
        strips = widget.render_lines(Region(x - region.x, first - region.y, width, last - first))
        right = x + width
        for row, strip in zip(range(first, last), strips):
            line = chops.get(row)
            if line is None:
                continue
            final = [cut for cut in cuts[row] if right >= cut >= x]
            for cut, piece in zip(final, strip.divide([cut - x for cut in final[1:]])):
                if line.get(cut) is None:
                    line[cut] = piece
    return chops


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
