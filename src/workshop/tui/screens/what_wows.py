"""Provides the What Wows screen: dot voting per participant (by proxy for people without a
device), tallies hidden until revealed, and the concepts promoted from ideas with their napkin
pitch and assumptions."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workshop.domain.model import Assumption, Concept, WorkshopState
from workshop.domain.values import Phase
from workshop.tui.dialogs.choices import assumption_fields, concept_fields, one_line
from workshop.tui.dialogs.form import Field, FormDialog
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.widgets.matrix import quadrant_of
from workshop.tui.safe import shown
from workshop.tui.widgets.votes import IdeaBallot, RefList, VoterList
from workshop.tui.words import t
from workshop.tui.widgets.text import show_text

def concept_card(state: WorkshopState, concept: Concept) -> Text:
    """The napkin pitch of a concept, as the group would draw it."""
    text = Text()
    text.append(f"{concept.ref} ", style="dim")
    text.append(shown(one_line(concept.big_idea)), style="bold")
    if concept.wow:
        text.append("  ★ wow", style="bold yellow")
    for label, value in (("Who benefits", concept.benefits), ("How we deliver", concept.execution),
                         ("Why it is worth it", concept.rationale)):
        text.append(f"\n{label}: ", style="bold")
        text.append(shown(one_line(value)) if value else "(not written yet)", style="" if value else "dim italic")
    text.append("\nEffect ", style="bold")
    text.append(str(concept.effect) if concept.effect else "?")
    text.append(" · Cost ", style="bold")
    text.append(str(concept.cost) if concept.cost else "?")
    quadrant = quadrant_of(concept.effect, concept.cost)
    if quadrant is not None:
        text.append(f" · {quadrant.title.lower()}", style="bold green" if quadrant.key == "quick-wins" else "")
    idea = state.idea(concept.idea)
    if idea is not None:
        text.append(f"\nFrom idea {idea.ref}", style="dim")
        if state.votes_visible:
            text.append(f" ({state.dots_for(idea.ref)} dots)", style="dim")
    return text


class WhatWowsScreen(PhaseScreen):
    """Vote, reveal, promote the favourites to concepts, and write down what must be true."""

    PHASE = Phase.WHAT_WOWS
    HELP = """
Choose the ideas worth trying. Pick who votes in **Who votes** (or with `[` and `]` from the
ideas; the facilitator casts dots for people without a device), then put the cursor on an idea and
press `v` to spend one of their dots; `w` takes one back. Their own dots show in green beside the
ideas. While voting is blind the tallies stay hidden: `r` reveals them and ranks the ideas (press
it again to hide them).

`a` (or `p`) on an idea promotes it to a **concept**: the napkin pitch (big idea, who benefits,
how we would deliver it, why it is worth it), effect and cost from 1 to 5, and whether it wows.
On a concept or an assumption, `a` adds an assumption: what must be true, its kind, whether it is
critical and how to test it. `enter` edits, `d` deletes (after asking).
"""
    HINTS = dict(PhaseScreen.HINTS)
    HINTS.update({
        "vote": "Put the cursor on an idea in the ballot (tab), pick who votes in Who votes, then press v.",
        "edit": "Select a concept or an assumption (tab moves between the lists), then press enter.",
        "delete": "Select a concept or an assumption first; ideas are deleted in What If (2).",
    })
    BINDINGS = [
        Binding("w", "withdraw", "Take dot back"),
        Binding("f", "done_voting", t("newcomer.voting.key")),
        Binding("p", "promote", "Promote", show=False),
        Binding("left_square_bracket", "voter(-1)", "Previous voter", show=False, key_display="["),
        Binding("right_square_bracket", "voter(1)", "Next voter", show=False, key_display="]"),
    ]
    COMMANDS_EXTRA = [
        ("Take a dot back", "What Wows: the selected voter's dot on the selected idea (w)", "withdraw"),
        ("Promote the idea to a concept", "What Wows: the napkin pitch (p)", "promote"),
        ("Hide the votes again", "What Wows: tallies hidden until revealed (r)", "reveal"),
    ]

    # Not scoped, so the projector rules can start from the app.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    WhatWowsScreen #wows-voting { height: 1fr; min-height: 8; }
    WhatWowsScreen #wows-concepts { height: 1fr; min-height: 8; }
    WhatWowsScreen #voters { width: 30; height: 1fr; }
    WhatWowsScreen #ballot { width: 1fr; height: 1fr; }
    WhatWowsScreen #concepts { width: 2fr; height: 1fr; }
    WhatWowsScreen #concept-side { width: 3fr; height: 1fr; }
    WhatWowsScreen #concept-card { height: auto; max-height: 9; padding: 0 1; border: round $panel-lighten-2; }
    WhatWowsScreen #assumptions { height: 1fr; min-height: 4; }
    WhatWowsScreen RefList { border: round $panel-lighten-2; }
    WhatWowsScreen RefList:focus { border: round $accent; }
    App.-projector WhatWowsScreen RefList { border: heavy white; text-style: bold; }
    App.-projector WhatWowsScreen RefList:focus { border: heavy yellow; }
    App.-projector WhatWowsScreen #concept-card { border: heavy white; }
    """

    def __init__(self, engine: Any, state: WorkshopState) -> None:
        super().__init__(engine, state)
        self._select: str | None = None

    # layout ----------------------------------------------------------------------------------

    def compose_board(self) -> ComposeResult:
        with Horizontal(id="wows-voting"):
            voters = VoterList(id="voters")
            voters.border_title = "Who votes"
            yield voters
            yield IdeaBallot(id="ballot")
        with Horizontal(id="wows-concepts"):
            concepts = RefList(id="concepts")
            concepts.border_title = "Concepts"
            yield concepts
            with Vertical(id="concept-side"):
                with VerticalScroll(id="concept-card"):
                    yield Static("", id="card-text")
                assumptions = RefList(id="assumptions")
                assumptions.border_title = "Assumptions: what must be true"
                yield assumptions

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#ballot", IdeaBallot).focus()

    # showing ---------------------------------------------------------------------------------

    @property
    def voter(self) -> str | None:
        return self.query_one("#voters", VoterList).current

    @property
    def concept(self) -> Concept | None:
        ref = self.query_one("#concepts", RefList).current
        return self.state.concept(ref) if ref else None

    def remember_selection(self, ref: str) -> None:
        self._select = ref

    def show_state(self, state: WorkshopState) -> None:
        select, self._select = self._select, None
        kind = select[:1] if select else ""
        voters = self.query_one("#voters", VoterList)
        voters.show(state, keep=select if kind == "U" else None)
        if voters.option_count and voters.highlighted is None:
            voters.highlighted = 0
        self.query_one("#ballot", IdeaBallot).show(state, voters.current, keep=select if kind == "I" else None)
        concepts = self.query_one("#concepts", RefList)
        concepts.show_lines([c.ref for c in state.concepts], lambda ref: self._concept_line(state, ref),
                            keep=select if kind == "C" else None)
        if concepts.option_count:
            concepts.border_subtitle = f"{len(state.concepts)} · enter edits, a adds an assumption"
        else:
            concepts.border_subtitle = "a on an idea promotes it"
        self._show_concept(keep=select if kind == "A" else None)

    @staticmethod
    def _concept_line(state: WorkshopState, ref: str) -> Text:
        line = Text()
        c = state.concept(ref)
        if c is None:
            return line
        line.append("★ " if c.wow else "  ", style="bold yellow")
        line.append(f"{c.ref:<4}", style="dim")
        line.append(f"e{c.effect or '?'} c{c.cost or '?'} ", style="bold")
        line.append(shown(one_line(c.big_idea)))
        return line

    def _show_concept(self, keep: str | None = None) -> None:
        concept = self.concept
        card = self.query_one("#card-text", Static)
        assumptions = self.query_one("#assumptions", RefList)
        if concept is None:
            show_text(card, Text(self.nothing_yet("No concept yet. Put the cursor on a favourite idea and "
                                                  "press a to write its napkin pitch."), style="dim"))
            assumptions.replace([])
            assumptions.border_subtitle = ""
            return
        show_text(card, concept_card(self.state, concept))
        options = []
        for a in self.state.assumptions_of(concept.ref):
            line = Text()
            line.append("‼ " if a.critical else "  ", style="bold red")
            line.append(f"{a.ref:<4}", style="dim")
            line.append(f"{a.kind:<13}", style="italic")
            line.append(shown(one_line(a.text)))
            if a.test:
                line.append(f"  test: {shown(one_line(a.test))}", style="dim")
            options.append(Option(line, id=a.ref))
        assumptions.replace(options, keep=keep)
        assumptions.border_subtitle = f"of {concept.ref}" + (" · a adds one" if not options else "")

    @on(OptionList.OptionHighlighted, "#voters")
    def _voter_moved(self) -> None:
        self.query_one("#ballot", IdeaBallot).show(self.state, self.voter)

    @on(OptionList.OptionHighlighted, "#concepts")
    def _concept_moved(self) -> None:
        self._show_concept()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        list_id = event.option_list.id
        if list_id == "voters":
            person = self.state.participant(event.option.id or "")
            if person is not None:
                self.query_one("#ballot", IdeaBallot).focus()
                self.notify(f"{person.name} votes now: v spends a dot.", markup=False, timeout=3)
        elif list_id == "ballot":
            self.action_promote()
        else:
            self.action_edit()

    # voting ----------------------------------------------------------------------------------

    def _ballot_target(self) -> tuple[str, str] | None:
        voter, idea = self.voter, self.query_one("#ballot", IdeaBallot).current
        if voter is None:
            self.refuse("Who votes: add participants in the brief (0) first.")
            return None
        if idea is None:
            self.refuse("No idea to vote on: ideas are written in What If (2).")
            return None
        return voter, idea

    def action_vote(self) -> None:
        target = self._ballot_target()
        if target is None:
            return
        voter, idea = target
        name = self.state.participant(voter).name  # type: ignore[union-attr]
        self.perform(lambda e: e.cast_vote(self.wid, voter, idea), select=idea,
                     say=lambda left: f"{name}: a dot on {idea}; {left} left")

    def action_withdraw(self) -> None:
        target = self._ballot_target()
        if target is None:
            return
        voter, idea = target
        name = self.state.participant(voter).name  # type: ignore[union-attr]
        self.perform(lambda e: e.withdraw_vote(self.wid, voter, idea, dots=1),
                     select=idea, say=lambda left: f"{name}: took a dot back from {idea}; {left} left")

    def action_done_voting(self) -> None:
        """Mark the voter in Who votes done voting, or not done again."""
        person = self.state.participant(self.voter or "")
        if person is None:
            self.refuse(t("newcomer.voting.nobody"))
            return
        done = not person.done_voting
        self.perform(lambda e: e.set_done_voting(self.wid, person.ref, done=done), select=person.ref,
                     say=t("newcomer.voting.done" if done else "newcomer.voting.not_done", name=person.name))

    def action_voter(self, step: int) -> None:
        voters = self.query_one("#voters", VoterList)
        if voters.option_count:
            voters.highlighted = ((voters.highlighted or 0) + step) % voters.option_count

    def action_reveal(self) -> None:
        if not self.state.blind:
            self.notify("Voting is open (not blind): the tallies are always shown.", markup=False, timeout=4)
            return
        hide = self.state.revealed
        self.perform(lambda e: e.reveal_votes(self.wid, hide=hide),
                     say="Votes hidden again." if hide else "Votes revealed: the ideas are ranked by dots.")

    # concepts and assumptions ----------------------------------------------------------------

    def _focused_list(self) -> str | None:
        focused = self.focused
        return focused.id if isinstance(focused, OptionList) else None

    def action_add(self) -> None:
        if self._focused_list() in ("concepts", "assumptions"):
            self.add_assumption()
        else:
            self.action_promote()

    def action_promote(self) -> None:
        idea = self.state.idea(self.query_one("#ballot", IdeaBallot).current or "")
        if idea is None:
            self.refuse("Put the cursor on an idea in the ballot first.")
            return
        existing = next((c for c in self.state.concepts if c.idea == idea.ref), None)
        if existing is not None:
            self.notify(f"{idea.ref} is already concept {existing.ref}; editing it.", markup=False, timeout=3)
            self.edit_concept(existing)
            return

        def submit(values: dict[str, Any]) -> str:
            return self.engine.add_concept(self.wid, idea.ref, **values)

        self._form(f"Promote {idea.ref} to a concept: the napkin pitch", concept_fields(None, idea.text),
                   submit, "Promote")

    def edit_concept(self, concept: Concept) -> None:
        def submit(values: dict[str, Any]) -> str:
            return self.engine.edit_concept(self.wid, concept.ref, **values)

        self._form(f"Edit concept {concept.ref}", concept_fields(concept), submit)

    def add_assumption(self) -> None:
        concept = self.concept
        if concept is None:
            self.refuse("Select a concept first: assumptions belong to a concept.")
            return

        def submit(values: dict[str, Any]) -> str:
            return self.engine.add_assumption(self.wid, values.pop("text"), concept=concept.ref, **values)

        self._form(f"Assumption for {concept.ref}: {one_line(concept.big_idea)[:50]}", assumption_fields(None),
                   submit, "Add")

    def _assumption(self) -> Assumption | None:
        ref = self.query_one("#assumptions", RefList).current
        return next((a for a in self.state.assumptions if a.ref == ref), None)

    def action_edit(self) -> None:
        where = self._focused_list()
        if where == "assumptions" and (a := self._assumption()) is not None:
            def submit(values: dict[str, Any]) -> str:
                return self.engine.edit_assumption(self.wid, a.ref, **values)

            self._form(f"Edit assumption {a.ref}", assumption_fields(a), submit)
        elif where in ("concepts", "assumptions") and self.concept is not None:
            self.edit_concept(self.concept)
        elif where == "ballot":
            self.action_promote()
        else:
            self._hint("edit")

    def action_delete(self) -> None:
        where = self._focused_list()
        if where == "assumptions" and (a := self._assumption()) is not None:
            self.confirm(f"Delete assumption {a.ref} “{one_line(a.text)[:60]}”?",
                         lambda: self.perform(lambda e: e.remove_assumption(self.wid, a.ref),
                                              say=f"Deleted assumption {a.ref} (ctrl+z brings it back)."))
        elif where == "concepts" and (c := self.concept) is not None:
            count = len(self.state.assumptions_of(c.ref))
            extra = f" and its {count} assumption{'s' if count != 1 else ''}" if count else ""
            self.confirm(f"Delete concept {c.ref} “{one_line(c.big_idea)[:60]}”{extra}?",
                         lambda: self.perform(lambda e: e.remove_concept(self.wid, c.ref),
                                              say=f"Deleted concept {c.ref} (ctrl+z brings it back)."))
        else:
            self._hint("delete")

    def _form(self, title: str, fields: list[Field], submit: Any, save: str = "Save") -> None:
        self.open_form(FormDialog(title, fields, submit, save_label=save))
