"""Provides the dot-voting widgets: who votes with their dots left, and the ballot of ideas."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Any

from rich.segment import Segment
from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import VisualType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop.domain.model import WorkshopState
from workshop.tui.footer import key
from workshop.tui.safe import shown, title
from workshop.tui.widgets.text import same_content
from workshop.tui.words import t, tn

DOT = "●"
EMPTY_DOT = "○"


MOST_DOTS_DRAWN = 10
"""With more dots each than this, dots left are shown as a count, not as a row of circles."""


def dots_text(spent: int, allowed: int) -> str:
    """Dots as a row of filled (spent) and open (left) circles, e.g. ●●○ for 2 of 3 spent."""
    spent = max(0, min(spent, allowed))
    return DOT * spent + EMPTY_DOT * (allowed - spent)


class LineOption(Option):
    """An option whose line is made when it is first drawn, by its list's `line` function: a
    list of thousands makes only the lines in view (see `RefList.show_lines`)."""

    def __init__(self, owner: RefList, ref: str, prompt: VisualType | None = None) -> None:
        super().__init__(prompt if prompt is not None else "", id=ref)
        self._owner = owner
        self._made = prompt is not None

    @property
    def prompt(self) -> VisualType:
        if not self._made:
            self._prompt = self._owner.line(self._id or "")
            self._made = True
        return self._prompt


class RefList(OptionList):
    """An option list of workshop items (ids are references) that keeps the highlighted item
    when its options are replaced, so a refresh never throws the facilitator's place away.

    One line per item, cut with an ellipsis, so thousands of items scroll as fast as a few: the
    line map is the option index itself, with nothing measured. A refresh that keeps the same
    items in the same order only puts the changed lines in place; unchanged `Option` objects
    passed again are not drawn again."""

    DEFAULT_CSS = """
    RefList { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._by_ref: dict[str, LineOption] = {}

    @property
    def current(self) -> str | None:
        """The reference of the highlighted item, if any."""
        option = self.highlighted_option
        return option.id if option is not None else None

    def line(self, ref: str) -> VisualType:
        """The line of item `ref`, as of the last `show_lines`."""
        return ref

    def _get_left_gutter_width(self) -> int:
        return 1  # the highlighted line's mark

    def render_line(self, y: int) -> Strip:
        """The highlighted line is marked by shape as well as colour: ▶ before it (▷ when the list
        is not focused), so it shows on a washed-out projector too."""
        strip = super().render_line(y)
        width = self.scrollable_content_region.width
        highlighted = self.highlighted is not None and self.scroll_offset.y + y == self.highlighted
        mark = ("▶" if self.has_focus else "▷") if highlighted else " "
        segments = list(strip)
        style = segments[0].style if segments else None
        return Strip([Segment(mark, style), *segments]).crop(0, width)

    def show_lines(self, refs: Iterable[str], line: Callable[[str], VisualType], keep: str | None = None) -> None:
        """Show the items `refs`, in this order, each drawn as `line(ref)` when it comes into view;
        highlighting `keep` (default: what was highlighted) if it is still there.

        Lines in view are made now and compared with what they show: an unchanged line keeps
        what was drawn for it. A line made before but out of view is made again when it
        comes back into view. (Textual keeps what it drew for each option object, so a line
        that changes gets a new option.)"""
        self.line = line  # type: ignore[method-assign]
        in_view = self._in_view()
        known, kept = self._by_ref, {}
        for ref in refs:
            option = known.get(ref)
            if option is None or (option._made and ref not in in_view):
                option = LineOption(self, ref)
            kept[ref] = option
        for ref in in_view:
            option = kept.get(ref)
            if option is None or not option._made:
                continue
            made = line(ref)
            if not same_content(made, option._prompt):
                kept[ref] = LineOption(self, ref, made)
        self._by_ref = kept
        self.replace(kept.values(), keep)

    def _in_view(self) -> set[str]:
        top = max(0, int(self.scroll_offset.y))
        height = max(1, self.scrollable_content_region.height)
        return {option.id for option in self._options[top:top + height] if option.id is not None}

    def replace(self, options: Iterable[Option], keep: str | None = None) -> None:
        """Show `options`, highlighting `keep` (default: what was highlighted) if it is still there."""
        options = list(options)
        if self._same_items(options):
            self._put_lines(options)
            if keep is not None and keep != self.current:
                self._highlight(keep, self.highlighted)
            return
        keep = keep if keep is not None else self.current
        previous = self.highlighted
        self.set_options(options)
        if self.option_count:
            self._highlight(keep, previous)

    def _same_items(self, options: list[Option]) -> bool:
        current = self.options
        return len(options) == len(current) and bool(options) and all(
            new is old or new.id == old.id for new, old in zip(options, current))

    def _put_lines(self, options: list[Option]) -> None:
        current = self.options
        changed = False
        for index, new in enumerate(options):
            old = current[index]
            if new is old:
                continue
            # The option keeps its place (and the highlight); only its line is new.
            self._options[index] = new
            self._option_to_index.pop(old, None)
            self._option_to_index[new] = index
            if new.id is not None:
                self._id_to_option[new.id] = new
            changed = True
        if changed:
            # What was drawn is kept by option object: the new options are drawn afresh.
            self.refresh()

    def _highlight(self, keep: str | None, previous: int | None) -> None:
        if keep is not None:
            try:
                self.highlighted = self.get_option_index(keep)
                return
            except Exception:  # the item is gone: stay near where it was
                pass
        self.highlighted = min(previous or 0, self.option_count - 1)

    def _update_lines(self) -> None:
        # Every option is one line: no option's height needs measuring.
        if not self.scrollable_content_region:
            return
        cache = self._line_cache
        count = len(self._options)
        start = len(cache.lines)
        if start > count:
            cache.clear()
            start = 0
        if start < count:
            cache.lines.extend((index, 0) for index in range(start, count))
            cache.heights.update(dict.fromkeys(range(start, count), 1))
            cache.index_to_line.update((index, index) for index in range(start, count))
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        virtual_size = Size(width, count)
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._options)


class EditList(RefList):
    """A list of items that `enter` edits (and says so in the footer)."""

    BINDINGS = [key("enter", "select", "keys.edit")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.highlighted is not None if action == "select" else True


class VoterList(RefList):
    """The participants; the highlighted one is who votes (the facilitator votes by proxy for
    people without a device), each shown with the dots they have left."""

    BINDINGS = [key("enter", "select", "keys.choose_voter")]

    def show(self, state: WorkshopState, keep: str | None = None) -> None:
        allowed = state.dots_per_participant

        def line(ref: str) -> Text:
            person = state.participant(ref)
            spent = state.dots_spent(ref)
            text = Text()
            if allowed <= MOST_DOTS_DRAWN:
                text.append(dots_text(spent, allowed) + " ", style="bold")
                text.append(t("votes.left", left=allowed - spent) + "  ", style="dim" if spent >= allowed else "")
            else:  # a row of two hundred circles would push the name out of view
                text.append(t("votes.left_of", left=max(0, allowed - spent), allowed=allowed) + "  ",
                            style="dim" if spent >= allowed else "bold")
            if person is not None and person.done_voting:  # before the name: a long name is cut
                text.append(t("newcomer.voting.mark") + " ", style="bold reverse")
            text.append(shown(person.name) if person else ref)
            return text

        self.show_lines([person.ref for person in state.participants], line, keep)
        done = sum(1 for person in state.participants if person.done_voting)
        self.border_subtitle = tn("brief.dots_each", allowed) + (
            " · " + t("newcomer.voting.count", done=done, n=len(state.participants)) if state.participants else "")


class IdeaBallot(RefList):
    """The ideas to vote on. While voting is blind and not revealed the tallies show as ??;
    once revealed the ideas are ranked by dots."""

    _shown: tuple[WorkshopState, str | None] | None = None

    def show(self, state: WorkshopState, voter: str | None, keep: str | None = None) -> None:
        """Show the ideas with `voter`'s own dots marked (a voter always sees their own)."""
        if keep is None and self._shown is not None and self._shown[0] is state and self._shown[1] == voter:
            return  # already on screen: with thousands of ideas a rebuild is worth skipping
        self._shown = (state, voter)
        person = state.participant(voter) if voter else None
        self.border_title = title(t("votes.ideas_of", name=person.name)) if person else title(t("what_if.ideas"))
        concepts = {c.idea: c.ref for c in state.concepts}
        visible = state.votes_visible
        own = state.dots_of(voter) if voter is not None else {}
        # Only the order is worked out here; a line is made when it comes into view.
        hidden = sum(1 for idea in state.ideas if idea.hidden)
        if visible:
            ranked = state.ranked()
            shown = [pair for pair in ranked if not pair[0].hidden] if hidden else ranked
            refs = [idea.ref for idea, _dots in shown]
        else:
            refs = [idea.ref for idea in state.ideas if not idea.hidden]

        def line(ref: str) -> Content:
            idea = state.idea(ref)
            if idea is None:
                return Content(ref)
            tally = rank = None
            if visible:
                tally = state.dots_for(ref)
                # Ties share a rank: the place of the first idea with as many dots.
                rank = bisect.bisect_left(shown, -tally, key=lambda pair: -pair[1]) + 1 if tally else None
            return self._line(ref, idea.text, own.get(ref, 0), tally, rank, concepts.get(ref))

        self.show_lines(refs, line, keep)
        replay = getattr(self.screen, "IS_REPLAY", False)  # a replay offers no key that changes things
        hint = t("newcomer.replay.tallies_hidden") if replay else t("votes.hidden_tallies")
        self.border_subtitle = (t("votes.ranked") if visible else hint) + (
            " · " + tn("votes.written_silently", hidden) if hidden else "")

    @staticmethod
    def _line(ref: str, text: str, mine: int, tally: int | None, rank: int | None, concept: str | None) -> Content:
        # Content rather than rich Text: cheaper to make and to draw.
        if tally is None:
            head: tuple[str, str] = ("     ? ", "dim")
        else:
            head = ((f"{rank:>2}." if rank else "   ") + f"{tally:>3} ", "bold")
        return Content.assemble(
            head,
            (f"{DOT * mine:<3} " if mine <= 3 else f"{DOT}×{mine:<2}", "bold green"),
            (f"{ref:<4} ", "dim"),
            (f"→{concept} " if concept else "", "bold magenta"),
            shown(" ".join(text.split())),
        )
