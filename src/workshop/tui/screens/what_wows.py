"""Provides the What Wows screen: dot voting per participant (by proxy for people without a
device), tallies hidden until revealed, and the concepts promoted from ideas with their napkin
pitch and assumptions."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static

from workshop.domain.model import Assumption, Concept, WorkshopState
from workshop.domain.values import Phase
from workshop.tui.dialogs.choices import assumption_fields, concept_fields, one_line
from workshop.tui.dialogs.form import Field, FormDialog
from workshop.tui.footer import key, together
from workshop.tui.screens.base import NEXT_PART, PhaseScreen
from workshop.tui.widgets.matrix import quadrant_of
from workshop.tui.safe import shown
from workshop.tui.widgets.votes import EditList, IdeaBallot, RefList, VoterList
from workshop.tui.widgets.text import show_border, show_text
from workshop.tui.words import t, tn, vocabulary

def concept_card(state: WorkshopState, concept: Concept) -> Text:
    """The napkin pitch of a concept, as the group would draw it."""
    text = Text()
    text.append(f"{concept.ref} ", style="dim")
    text.append(shown(one_line(concept.big_idea)), style="bold")
    if concept.wow:
        text.append("  " + t("what_wows.wow"), style="bold yellow")
    for label, value in ((t("what_wows.benefits"), concept.benefits), (t("what_wows.execution"), concept.execution),
                         (t("what_wows.rationale"), concept.rationale)):
        text.append(f"\n{label}: ", style="bold")
        text.append(shown(one_line(value)) if value else t("what_wows.not_written"), style="" if value else "dim italic")
    text.append("\n" + t("what_wows.effect") + " ", style="bold")
    text.append(str(concept.effect) if concept.effect else "?")
    text.append(" · " + t("what_wows.cost") + " ", style="bold")
    text.append(str(concept.cost) if concept.cost else "?")
    quadrant = quadrant_of(concept.effect, concept.cost)
    if quadrant is not None:
        text.append(f" · {quadrant.title.lower()}", style="bold green" if quadrant.key == "quick-wins" else "")
    idea = state.idea(concept.idea)
    if idea is not None:
        text.append("\n" + t("what_wows.from_idea", ref=idea.ref), style="dim")
        if state.votes_visible:
            text.append(f" ({tn('count.dots', state.dots_for(idea.ref))})", style="dim")
    return text


VOTER = together("keys.voter", "[]")


class WhatWowsScreen(PhaseScreen):
    """Vote, reveal, promote the favourites to concepts, and write down what must be true."""

    PHASE = Phase.WHAT_WOWS
    HELP = "what_wows.help"
    HINTS = dict(PhaseScreen.HINTS)
    HINTS.update({
        "vote": "what_wows.hint_vote",
        "edit": "what_wows.hint_edit",
        "delete": "what_wows.hint_delete",
    })
    BINDINGS = [
        key("w", "withdraw", "keys.take_back"),
        key("p", "promote", "keys.promote"),
        key("f", "done_voting", "newcomer.voting.key"),
        key("left_square_bracket", "voter(-1)", "keys.previous_voter", role=VOTER, display="["),
        key("right_square_bracket", "voter(1)", "keys.next_voter", role=VOTER, display="]"),
        NEXT_PART,
        # A class's bindings for a key replace those it inherits: each key says all it does here.
        key("a", "add", "keys.add"), key("a", "promote", "keys.promote"),  # `a` on an idea promotes it
        key("r", "reveal", "keys.reveal"), key("r", "hide_votes", "keys.hide_votes"),
    ]
    COMMANDS_EXTRA = [
        ("what_wows.withdraw_command", "what_wows.withdraw_command_help", "withdraw"),
        ("what_wows.promote_command", "what_wows.promote_command_help", "promote"),
        ("what_wows.hide_command", "what_wows.hide_command_help", "reveal"),
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
            voters.border_title = t("what_wows.who_votes")
            yield voters
            yield IdeaBallot(id="ballot")
        with Horizontal(id="wows-concepts"):
            concepts = EditList(id="concepts")
            concepts.border_title = t("what_wows.concepts")
            yield concepts
            with Vertical(id="concept-side"):
                with VerticalScroll(id="concept-card"):
                    yield Static("", id="card-text")
                assumptions = EditList(id="assumptions")
                assumptions.border_title = t("what_wows.assumptions")
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
        show_border(concepts, subtitle=t("what_wows.concepts_sub", count=len(state.concepts))
                    if concepts.option_count else t("what_wows.concepts_empty_sub"))
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
            show_text(card, Text(self.nothing_yet(t("what_wows.no_concept")), style="dim"))
            assumptions.show_lines([], self._assumption_line)
            show_border(assumptions, subtitle="")
            return
        show_text(card, concept_card(self.state, concept))
        refs = [a.ref for a in self.state.assumptions_of(concept.ref)]
        assumptions.show_lines(refs, self._assumption_line, keep=keep)
        show_border(assumptions, subtitle=t("what_wows.of_concept", ref=concept.ref) + (
            t("what_wows.adds_one") if not refs else ""))

    def _assumption_line(self, ref: str) -> Text:
        line = Text()
        a = self.state.assumption(ref)
        if a is None:
            return line
        line.append("‼ " if a.critical else "  ", style="bold red")
        line.append(f"{a.ref:<4}", style="dim")
        kind = vocabulary().assumption_kinds.get(a.kind)
        line.append(f"{str(kind or a.kind):<13}", style="italic")
        line.append(shown(one_line(a.text)))
        if a.test:
            line.append("  " + t("what_wows.test", test=shown(one_line(a.test))), style="dim")
        return line

    @on(OptionList.OptionHighlighted, "#voters")
    def _voter_moved(self) -> None:
        self.query_one("#ballot", IdeaBallot).show(self.state, self.voter)

    @on(OptionList.OptionHighlighted, "#concepts")
    def _concept_moved(self) -> None:
        self._show_concept()

    @on(OptionList.OptionHighlighted)
    def _moved(self) -> None:
        self.refresh_bindings()  # the keys that need a selected item follow the cursor

    # which keys work -------------------------------------------------------------------------

    def can(self, action: str, parameters: tuple[object, ...]) -> bool:
        where = self._focused_list()
        idea = self.query_one("#ballot", IdeaBallot).current
        on_idea = idea is not None
        voter, state = self.voter, self.state
        if action == "vote":  # a dot left, and room on the idea
            if voter is None or idea is None:
                return False
            mine = state.dots_of(voter).get(idea, 0)
            return state.dots_spent(voter) < state.dots_per_participant and \
                (not state.cap_per_idea or mine < state.cap_per_idea)
        if action == "withdraw":  # a dot of theirs on it to take back
            return voter is not None and idea is not None and state.dots_of(voter).get(idea, 0) > 0
        if action == "voter":
            return self.query_one("#voters", VoterList).option_count > 1
        if action == "promote":
            return on_idea and where in ("ballot", "voters")
        if action == "add":
            return where in ("concepts", "assumptions") and self.concept is not None
        if action == "edit":
            return where in ("concepts", "assumptions") and self.concept is not None
        if action == "delete":
            return (where == "concepts" and self.concept is not None) or \
                (where == "assumptions" and self._assumption() is not None)
        if action == "reveal":
            return self.state.blind and not self.state.revealed
        if action == "hide_votes":
            return self.state.blind and self.state.revealed
        return True

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        list_id = event.option_list.id
        if list_id == "voters":
            person = self.state.participant(event.option.id or "")
            if person is not None:
                self.query_one("#ballot", IdeaBallot).focus()
                self.notify(t("what_wows.votes_now", name=person.name), markup=False, timeout=3)
        elif list_id == "ballot":
            self.action_promote()
        else:
            self.action_edit()

    # voting ----------------------------------------------------------------------------------

    def _ballot_target(self) -> tuple[str, str] | None:
        voter, idea = self.voter, self.query_one("#ballot", IdeaBallot).current
        if voter is None:
            self.refuse(t("what_wows.no_voters"))
            return None
        if idea is None:
            self.refuse(t("what_wows.no_idea"))
            return None
        return voter, idea

    def action_vote(self) -> None:
        target = self._ballot_target()
        if target is None:
            return
        voter, idea = target
        name = self.state.participant(voter).name  # type: ignore[union-attr]
        self.perform(lambda e: e.cast_vote(self.wid, voter, idea), select=idea,
                     say=lambda left: tn("what_wows.voted", left, name=name, idea=idea))

    def action_withdraw(self) -> None:
        target = self._ballot_target()
        if target is None:
            return
        voter, idea = target
        name = self.state.participant(voter).name  # type: ignore[union-attr]
        self.perform(lambda e: e.withdraw_vote(self.wid, voter, idea, dots=1),
                     select=idea, say=lambda left: tn("what_wows.withdrawn", left, name=name, idea=idea))

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

    def action_hide_votes(self) -> None:
        self.action_reveal()

    def action_reveal(self) -> None:
        if not self.state.blind:
            self.notify(t("what_wows.open_voting"), markup=False, timeout=4)
            return
        hide = self.state.revealed
        self.perform(lambda e: e.reveal_votes(self.wid, hide=hide),
                     say=t("what_wows.hidden_again") if hide else t("what_wows.revealed"))

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
            self.refuse(t("what_wows.idea_first"))
            return
        existing = next((c for c in self.state.concepts if c.idea == idea.ref), None)
        if existing is not None:
            self.notify(t("what_wows.already_concept", idea=idea.ref, concept=existing.ref), markup=False, timeout=3)
            self.edit_concept(existing)
            return

        def submit(values: dict[str, Any]) -> str:
            return self.engine.add_concept(self.wid, idea.ref, **values)

        self._form(t("what_wows.promote_title", ref=idea.ref), concept_fields(None, idea.text),
                   submit, t("what_wows.promote"))

    def edit_concept(self, concept: Concept) -> None:
        def submit(values: dict[str, Any]) -> str:
            return self.engine.edit_concept(self.wid, concept.ref, **values)

        self._form(t("what_wows.edit_concept", ref=concept.ref), concept_fields(concept), submit)

    def add_assumption(self) -> None:
        concept = self.concept
        if concept is None:
            self.refuse(t("what_wows.concept_first"))
            return

        def submit(values: dict[str, Any]) -> str:
            return self.engine.add_assumption(self.wid, values.pop("text"), concept=concept.ref, **values)

        self._form(t("what_wows.assumption_title", ref=concept.ref, idea=one_line(concept.big_idea)[:50]),
                   assumption_fields(None), submit, t("what_wows.add"))

    def _assumption(self) -> Assumption | None:
        ref = self.query_one("#assumptions", RefList).current
        return next((a for a in self.state.assumptions if a.ref == ref), None)

    def action_edit(self) -> None:
        where = self._focused_list()
        if where == "assumptions" and (a := self._assumption()) is not None:
            def submit(values: dict[str, Any]) -> str:
                return self.engine.edit_assumption(self.wid, a.ref, **values)

            self._form(t("what_wows.edit_assumption", ref=a.ref), assumption_fields(a), submit)
        elif where in ("concepts", "assumptions") and self.concept is not None:
            self.edit_concept(self.concept)
        elif where == "ballot":
            self.action_promote()
        else:
            self._hint("edit")

    def action_delete(self) -> None:
        where = self._focused_list()
        if where == "assumptions" and (a := self._assumption()) is not None:
            self.confirm(t("what_wows.delete_assumption", ref=a.ref, text=one_line(a.text)[:60]),
                         lambda: self.perform(lambda e: e.remove_assumption(self.wid, a.ref),
                                              say=t("what_wows.deleted_assumption", ref=a.ref)))
        elif where == "concepts" and (c := self.concept) is not None:
            count = len(self.state.assumptions_of(c.ref))
            question = tn("what_wows.delete_concept_with", count, ref=c.ref, text=one_line(c.big_idea)[:60]) \
                if count else t("what_wows.delete_concept", ref=c.ref, text=one_line(c.big_idea)[:60])
            self.confirm(question,
                         lambda: self.perform(lambda e: e.remove_concept(self.wid, c.ref),
                                              say=t("what_wows.deleted_concept", ref=c.ref)))
        else:
            self._hint("delete")

    def _form(self, title: str, fields: list[Field], submit: Any, save: str | None = None) -> None:
        self.open_form(FormDialog(title, fields, submit, save_label=save))
