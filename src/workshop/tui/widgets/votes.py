"""Provides the dot-voting widgets: who votes with their dots left, and the ballot of ideas."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop.domain import views
from workshop.domain.model import WorkshopState

DOT = "●"
EMPTY_DOT = "○"


def dots_text(spent: int, allowed: int) -> str:
    """Dots as a row of filled (spent) and open (left) circles, e.g. ●●○ for 2 of 3 spent."""
    spent = max(0, min(spent, allowed))
    return DOT * spent + EMPTY_DOT * (allowed - spent)


class RefList(OptionList):
    """An option list of workshop items (ids are references) that keeps the highlighted item
    when its options are replaced, so a refresh never throws the facilitator's place away.

    One line per item, cut with an ellipsis, so thousands of items scroll as fast as a few."""

    DEFAULT_CSS = """
    RefList { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    @property
    def current(self) -> str | None:
        """The reference of the highlighted item, if any."""
        option = self.highlighted_option
        return option.id if option is not None else None

    def replace(self, options: Iterable[Option], keep: str | None = None) -> None:
        """Show `options`, highlighting `keep` (default: what was highlighted) if it is still there."""
        keep = keep if keep is not None else self.current
        previous = self.highlighted
        self.set_options(options)
        if not self.option_count:
            return
        if keep is not None:
            try:
                self.highlighted = self.get_option_index(keep)
                return
            except Exception:  # the item is gone: stay near where it was
                pass
        self.highlighted = min(previous or 0, self.option_count - 1)


class VoterList(RefList):
    """The participants; the highlighted one is who votes (the facilitator votes by proxy for
    people without a device), each shown with the dots they have left."""

    def show(self, state: WorkshopState, keep: str | None = None) -> None:
        allowed = state.dots_per_participant
        options = []
        for person in state.participants:
            spent = state.dots_spent(person.ref)
            line = Text()
            line.append(dots_text(spent, allowed) + " ", style="bold")
            line.append(f"{allowed - spent} left  ", style="dim" if spent >= allowed else "")
            line.append(person.name)
            options.append(Option(line, id=person.ref))
        self.replace(options, keep)
        self.border_subtitle = f"{allowed} dots each"


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
        self.border_title = "Ideas" + (f": green ● are {person.name}'s dots" if person else "")
        concepts = {c.idea: c.ref for c in state.concepts}
        visible = state.votes_visible
        own: dict[str, int] = {}
        if voter is not None:
            for vote in state.votes:
                if vote.participant == voter:
                    own[vote.idea] = own.get(vote.idea, 0) + vote.dots
        if visible:
            ranked = views.ranked_ideas(state)
            rows = []
            rank = 0
            last = None
            for position, (idea, dots) in enumerate(ranked, start=1):
                if idea.hidden:
                    continue
                if dots != last:
                    rank, last = position, dots
                rows.append((idea, dots, rank if dots else None))
        else:
            rows = [(idea, None, None) for idea in state.ideas if not idea.hidden]
        options = [Option(self._line(idea.ref, idea.text, own.get(idea.ref, 0), tally, rank,
                                     concepts.get(idea.ref)), id=idea.ref)
                   for idea, tally, rank in rows]
        self.replace(options, keep)
        hidden = sum(1 for i in state.ideas if i.hidden)
        self.border_subtitle = ("rank · dots · ranked by dots" if visible else "? = hidden until r reveals the tallies") + (
            f" · {hidden} written silently, not yet shown" if hidden else "")

    @staticmethod
    def _line(ref: str, text: str, mine: int, tally: int | None, rank: int | None, concept: str | None) -> Content:
        # Content rather than rich Text: thousands of lines are measured on every refresh.
        if tally is None:
            head: tuple[str, str] = ("     ? ", "dim")
        else:
            head = ((f"{rank:>2}." if rank else "   ") + f"{tally:>3} ", "bold")
        return Content.assemble(
            head,
            (f"{DOT * mine:<3} " if mine <= 3 else f"{DOT}×{mine:<2}", "bold green"),
            (f"{ref:<4} ", "dim"),
            (f"→{concept} " if concept else "", "bold magenta"),
            " ".join(text.split()),
        )
