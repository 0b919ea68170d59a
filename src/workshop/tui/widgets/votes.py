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
from workshop.tui.widgets.text import same_content, show_border
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
        if self._made:
            owner._made.add(ref)

    @property
    def prompt(self) -> VisualType:
        if not self._made:
            self._prompt = self._owner.line(self._id or "")
            self._made = True
            self._owner._made.add(self._id or "")
        return self._prompt


class RefList(OptionList):
    """An option list of workshop items (ids are references) that keeps the highlighted item
    when its options are replaced, so a refresh never throws the facilitator's place away.

    One line per item, cut with an ellipsis, so thousands of items scroll as fast as a few: the
    line map is the option index itself, with nothing measured. A refresh that keeps the same
    items in the same order, or moves a few of them (a dot cast moves one idea in the ranking),
    only puts the changed lines in place and draws only those in view again; unchanged `Option`
    objects passed again are not drawn again."""

    DEFAULT_CSS = """
    RefList { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._by_ref: dict[str, LineOption] = {}
        self._refs: list[str] = []
        """The items `show_lines` shows, in order."""
        self._made: set[str] = set()
        """The items whose line has been made (drawn, or made to compare)."""

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
        that changes gets a new option.) When the items are the ones shown, in the same order
        but for a stretch (items moved within it), only that stretch is put in place."""
        self.line = line  # type: ignore[method-assign]
        refs = list(refs)
        before = self._refs
        if len(refs) == len(before) and len(self._options) == len(before) and before:
            self._show_moved(refs, line, keep)
            return
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
        self._made = {ref for ref, option in kept.items() if option._made}
        self.replace(kept.values(), keep)
        self._refs = refs

    def _show_moved(self, refs: list[str], line: Callable[[str], VisualType], keep: str | None) -> None:
        """`show_lines` for as many items as are shown: the stretch where the order differs gets
        new options (their lines made if in view), every other line made before is made again
        (if in view, and put in place only when it changed; out of view when it comes back)."""
        before = self._refs
        start = _common_prefix(before, refs)
        end = len(refs) - _common_prefix(before[::-1], refs[::-1], len(refs) - start)
        if start < end and set(before[start:end]) != set(refs[start:end]):
            # Other items, not the same ones moved: shown afresh.
            self._refs = []
            self.show_lines(refs, line, keep)
            return
        top = max(0, int(self.scroll_offset.y))
        bottom = top + max(1, self.scrollable_content_region.height)
        current = self.current
        options, by_ref, to_index = self._options, self._by_ref, self._option_to_index
        changed: list[int] = []

        def put(index: int, option: LineOption) -> None:
            old = options[index]
            to_index.pop(old, None)
            options[index] = option
            to_index[option] = index
            by_ref[option.id or ""] = option
            self._id_to_option[option.id or ""] = option

        made, self._made = self._made, set()
        for index in range(start, end):  # the moved stretch
            ref = refs[index]
            made.discard(ref)
            put(index, LineOption(self, ref, line(ref)) if top <= index < bottom else LineOption(self, ref))
        if start < end:
            # Textual keeps what it drew for each option with its place: the stretch is drawn anew.
            self._option_render_cache.clear()
            changed.extend(range(max(start, top), min(end, bottom)))
        for ref in made:  # lines made before, outside the stretch
            option = by_ref.get(ref)
            if option is None:
                continue
            index = to_index[option]
            if top <= index < bottom:
                fresh = line(ref)
                if same_content(fresh, option._prompt):
                    self._made.add(ref)
                    continue
                put(index, LineOption(self, ref, fresh))
                changed.append(index)
            else:
                put(index, LineOption(self, ref))
        self._refs = refs
        keep = keep if keep is not None else current
        if keep is not None and keep != self.current:
            self._highlight(keep, self.highlighted)
        for index in changed:
            self.refresh_line(index)

    def _in_view(self) -> set[str]:
        top = max(0, int(self.scroll_offset.y))
        height = max(1, self.scrollable_content_region.height)
        return {option.id for option in self._options[top:top + height] if option.id is not None}

    def replace(self, options: Iterable[Option], keep: str | None = None) -> None:
        """Show `options`, highlighting `keep` (default: what was highlighted) if it is still there."""
        self._refs = []  # not the items of `show_lines` any more
        options = list(options)
        if not options and not self._options:
            return  # empty, and staying so
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
        show_border(self, subtitle=tn("brief.dots_each", allowed) + (
            " · " + t("newcomer.voting.count", done=done, n=len(state.participants)) if state.participants else ""))


def _common_prefix(a: list[str], b: list[str], most: int | None = None) -> int:
    """How many items `a` and `b` have in common from the start (at most `most`): found by
    comparing slices, halving the stretch each time (the comparisons run in C)."""
    low, high = 0, min(len(a), len(b)) if most is None else min(len(a), len(b), most)
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


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
        show_border(self, title(t("votes.ideas_of", name=person.name)) if person else title(t("what_if.ideas")))
        concepts = {c.idea: c.ref for c in state.concepts}
        visible = state.votes_visible
        own = state.dots_of(voter) if voter is not None else {}
        # Only the order is worked out here; a line is made when it comes into view.
        hidden = self._hidden(state)
        if visible:
            ranked = state.ranked()
            shown = [pair for pair in ranked if not pair[0].hidden] if hidden else ranked
        refs = self._order(state, visible, hidden)

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
        show_border(self, subtitle=(t("votes.ranked") if visible else hint) + (
            " · " + tn("votes.written_silently", hidden) if hidden else ""))

    _counted: tuple[tuple[Any, ...], int] | None = None
    _ordered: tuple[WorkshopState, bool, list[str]] | None = None

    def _hidden(self, state: WorkshopState) -> int:
        """How many ideas are written silently (hidden until shown), counted once per set of ideas."""
        counted = self._counted
        if counted is None or counted[0] is not state.ideas:
            counted = self._counted = (state.ideas, sum(1 for idea in state.ideas if idea.hidden))
        return counted[1]

    def _order(self, state: WorkshopState, visible: bool, hidden: int) -> list[str]:
        """The ideas in the ballot's order (ranked by dots once they show), as refs. After a change
        that moved dots only, the order shown before with the ideas whose dots changed put where
        they now belong: a few searches instead of going through every idea."""
        before = self._ordered
        refs: list[str] | None = None
        if before is not None and before[1] == visible and before[0].ideas is state.ideas:
            if not visible or before[0] is state:
                refs = before[2]  # board order (dots do not move ideas), or the very same state
            elif not hidden and (moved := state.dots_moved_since(before[0])) is not None:
                refs = list(before[2])
                place = state.idea_position

                def rank(ref: str) -> tuple[int, int]:
                    return -state.dots_for(ref), place(ref)

                try:
                    for ref in moved:
                        refs.remove(ref)
                except ValueError:  # not an idea shown before: worked out whole
                    refs = None
                else:
                    for ref in sorted(moved, key=place):
                        refs.insert(bisect.bisect_left(refs, rank(ref), key=rank), ref)
        if refs is None:
            if visible:
                ranked = state.ranked()
                refs = [idea.ref for idea, _dots in ranked if not (hidden and idea.hidden)]
            else:
                refs = [idea.ref for idea in state.ideas if not idea.hidden]
        self._ordered = (state, visible, refs)
        return refs

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
