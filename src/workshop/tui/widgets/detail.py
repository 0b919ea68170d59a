"""Provides the detail pane: every field of the focused touchpoint, idea, concept, assumption,
pilot, participant, persona, stage or design criterion, large enough for the room to read, in
place of the guide (`i`); and `detail_text`, what it shows, kept to what the room may see.

What the blind rules hide stays hidden here too: an idea written in silence and not yet revealed
shows neither its text nor its links (a touchpoint counts such ideas, no more), the dots on an idea
show only once the votes are visible, and authors are left out while the cards are anonymous."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from workshop.domain import views
from workshop.domain.model import Idea, Touchpoint, WorkshopState
from workshop.tui.safe import shown
from workshop.tui.widgets.board import FACES, FEELING_STYLES
from workshop.tui.widgets.matrix import quadrant_of
from workshop.tui.widgets.text import show_text
from workshop.tui.words import current, t, tn

Value = str | Text | None

CHECKED, UNCHECKED = "☑", "☐"


def word(table: str, value: object) -> str:
    """A word of the method's vocabulary (a feeling, channel, status…) in the room's language;
    a value the catalogue does not know is shown as it is stored."""
    key = f"overview.{table}.{value}" if value != "other" else f"overview.{table}.other-{table}"
    return t(key) if current().has(key) else str(value)


def feeling_words(feeling: int | None) -> Text:
    """A feeling as its face, its word and its number: ':( unhappy (-1)'."""
    if feeling is None:
        return Text(f"{FACES[None].strip()} {word('feeling', 'none')}", style=FEELING_STYLES[None])
    return Text(f"{FACES[feeling]} {word('feeling', feeling)} ({feeling:+d})", style=FEELING_STYLES[feeling])


class Sheet:
    """The lines of one item's details: a heading, fields and lists, user text never markup."""

    def __init__(self, heading: str, headline: str | None = None) -> None:
        self.text = Text()
        self.text.append(heading, style="bold reverse")
        if headline is not None:
            self.text.append("\n")
            self.text.append(shown(headline) if headline.strip() else t("overview.detail.none"), style="bold")

    def field(self, label_key: str, value: Value, style: str = "") -> None:
        """`Label: value`, the value user text (a `Text` is ours, already made safe)."""
        self.text.append(f"\n{t(f'overview.detail.{label_key}')}: ", style="bold")
        if isinstance(value, Text):
            self.text.append_text(value)
        elif value is None or not str(value).strip():
            self.text.append(t("overview.detail.none"), style="dim")
        else:
            self.text.append(shown(value), style=style)

    def fields(self, *pairs: tuple[str, Value]) -> None:
        """Several `field`s, in order."""
        for label_key, value in pairs:
            self.field(label_key, value)

    def items(self, label_key: str, lines: Iterable[Text | str], count: int | None = None) -> None:
        """A label with a count, then one bullet per line (a dash when there are none)."""
        lines = list(lines)
        label = t(f"overview.detail.{label_key}")
        self.text.append(f"\n{label} ({len(lines) if count is None else count}):", style="bold")
        if not lines:
            self.text.append(" " + t("overview.detail.none"), style="dim")
        for line in lines:
            self.text.append("\n • ")
            self.text.append_text(line if isinstance(line, Text) else Text(shown(line)))

    def note(self, value: str, style: str = "dim italic") -> None:
        self.text.append("\n")
        self.text.append(value, style=style)


def _ref_and(ref: str, value: str) -> Text:
    line = Text(f"{ref} ", style="bold")
    line.append(shown(value))
    return line


def _find(rows: Iterable[Any], ref: str, item: Any = lambda row: row) -> Any:
    """The row whose item has the reference `ref`, or None."""
    return next((row for row in rows if item(row).ref == ref), None)


def _yes_no(flag: bool) -> str:
    return t("overview.detail.yes") if flag else t("overview.detail.no")


def _author(state: WorkshopState, author: str) -> Value:
    return t("overview.detail.author_hidden") if state.authors_hidden and author else author


def touchpoint_sheet(state: WorkshopState, tp: Touchpoint) -> Sheet:
    sheet = Sheet(t("overview.detail.touchpoint", ref=tp.ref), tp.text)
    stage = next((s for s in state.stages if s.ref == tp.stage), None)
    sheet.field("stage_field", f"{stage.position}. {stage.name}" if stage else tp.stage)
    sheet.field("channel", word("channel", tp.channel) if tp.channel else None)
    sheet.field("feeling", feeling_words(tp.feeling))
    sheet.field("moment", Text(t("overview.detail.moment_yes"), style="bold yellow") if tp.moment_of_truth
                else t("overview.detail.no"))
    sheet.items("pains", tp.pains)
    sheet.field("evidence", tp.evidence)
    sheet.field("evidence_count", str(tp.evidence_count) if tp.evidence_count is not None else None)
    persona = state.persona(tp.persona) if tp.persona else None
    sheet.field("persona_field", persona.name if persona else tp.persona)
    sheet.field("author", _author(state, tp.author))
    linked = [i for i in state.ideas if tp.ref in i.touchpoints]
    visible = [i for i in linked if not i.hidden]
    sheet.items("ideas", (_ref_and(i.ref, i.text) for i in visible), len(visible))
    if len(linked) > len(visible):
        sheet.note(tn("overview.detail.ideas_hidden", len(linked) - len(visible)))
    return sheet


def _dots(state: WorkshopState, idea: Idea) -> Value:
    if not state.votes_visible:
        return Text(t("overview.detail.dots_hidden"), style="dim italic")
    return str(state.dots_for(idea.ref))


def idea_sheet(state: WorkshopState, idea: Idea) -> Sheet:
    if idea.hidden:
        sheet = Sheet(t("overview.detail.idea", ref=idea.ref))
        sheet.note(t("overview.detail.hidden_text"), style="bold yellow")
        return sheet
    sheet = Sheet(t("overview.detail.idea", ref=idea.ref), idea.text)
    sheet.items("touchpoints", (_ref_and(r, tp.text) if (tp := state.touchpoint(r)) else Text(r)
                                for r in idea.touchpoints))
    sheet.field("theme", idea.theme or Text(t("overview.detail.no_theme"), style="dim"))
    sheet.field("author", _author(state, idea.author))
    sheet.field("dots", _dots(state, idea))
    concept = next((c for c in state.concepts if c.idea == idea.ref), None)
    if concept is not None:
        sheet.field("concept_field", _ref_and(concept.ref, concept.big_idea))
    return sheet


def _score(value: int | None) -> str:
    return f"{value} / 5" if value else "?"


def concept_sheet(state: WorkshopState, ref: str) -> Sheet | None:
    concept = state.concept(ref)
    if concept is None:
        return None
    sheet = Sheet(t("overview.detail.concept", ref=concept.ref), concept.big_idea)
    sheet.field("benefits", concept.benefits)
    sheet.field("execution", concept.execution)
    sheet.field("rationale", concept.rationale)
    sheet.field("effect", _score(concept.effect))
    sheet.field("cost", _score(concept.cost))
    quadrant = quadrant_of(concept.effect, concept.cost)
    sheet.field("quadrant", word("quadrant", quadrant.key) if quadrant else None)
    sheet.field("wow", Text(t("overview.detail.wow_yes"), style="bold yellow") if concept.wow
                else t("overview.detail.no"))
    idea = state.idea(concept.idea)
    if idea is not None and not idea.hidden:
        sheet.field("from_idea", _ref_and(idea.ref, idea.text))
        sheet.field("dots", _dots(state, idea))
    else:
        sheet.field("from_idea", concept.idea)
    lines = []
    for a in state.assumptions_of(concept.ref):
        line = Text(f"{a.ref} ", style="bold")
        if a.critical:
            line.append(f"‼ {t('overview.detail.critical')} ", style="bold red")
        line.append(f"({word('kind', a.kind)}) ", style="italic")
        line.append(shown(a.text))
        if a.test:
            line.append(f" — {t('overview.detail.test')}: ", style="dim")
            line.append(shown(a.test))
        lines.append(line)
    sheet.items("assumptions", lines)
    sheet.items("pilots", (_ref_and(p.ref, p.name) for p in state.pilots if p.concept == concept.ref))
    return sheet


def assumption_sheet(state: WorkshopState, ref: str) -> Sheet | None:
    a = _find(state.assumptions, ref)
    if a is None:
        return None
    sheet = Sheet(t("overview.detail.assumption", ref=a.ref), a.text)
    concept = state.concept(a.concept)
    sheet.fields(("kind_field", word("kind", a.kind)),
                 ("critical_field", Text(f"‼ {t('overview.detail.yes')}", style="bold red") if a.critical
                  else t("overview.detail.no")),
                 ("test", a.test),
                 ("concept_field", _ref_and(concept.ref, concept.big_idea) if concept else a.concept))
    sheet.items("pilots", (_ref_and(p.ref, p.name) for p in state.pilots if a.ref in p.tests))
    return sheet


def pilot_sheet(state: WorkshopState, ref: str) -> Sheet | None:
    ranked = _find(views.rank_pilots(state), ref, lambda r: r.pilot)
    if ranked is None:
        return None
    p = ranked.pilot
    sheet = Sheet(t("overview.detail.pilot", ref=p.ref), p.name)
    concept = state.concept(p.concept)
    sheet.fields(("rank", f"#{ranked.rank}"),
                 ("concept_field", _ref_and(concept.ref, concept.big_idea) if concept else p.concept),
                 ("hypothesis", p.hypothesis), ("metric", p.metric), ("owner", p.owner),
                 ("start", p.start_date), ("end", p.end_date), ("budget", p.budget), ("scope", p.scope),
                 ("status", word("status", p.status)),
                 ("decision", word("decision", p.decision) if p.decision else None),
                 ("learnings", p.learnings), ("pin", str(p.pin) if p.pin is not None else None),
                 ("effect", _score(ranked.effect)), ("cost", _score(ranked.cost)))
    idea = state.idea(concept.idea) if concept else None
    if idea is not None and not idea.hidden:
        sheet.field("dots", _dots(state, idea))
    # The concept's assumptions, ticked when this pilot tests them (and any other it tests).
    candidates = state.assumptions_of(p.concept) + [a for a in state.assumptions
                                                    if a.ref in p.tests and a.concept != p.concept]
    lines = []
    for a in candidates:
        tested = a.ref in p.tests
        line = Text(f"{CHECKED if tested else UNCHECKED} ", style="bold" if tested else "")
        line.append(f"{a.ref} ", style="bold")
        line.append(shown(a.text))
        lines.append(line)
    sheet.items("tests", lines, sum(1 for a in candidates if a.ref in p.tests))
    return sheet


def _person_sheet(state: WorkshopState, ref: str) -> Sheet | None:
    row = _find(views.participation(state), ref, lambda r: r.participant)
    if row is None:
        return None
    person = row.participant
    sheet = Sheet(t("overview.detail.participant", ref=person.ref), person.name)
    written = t("overview.detail.written_counts", touchpoints=tn("count.touchpoints", row.touchpoints),
                ideas=tn("count.ideas", row.ideas))
    sheet.fields(("role", person.role), ("facilitator", _yes_no(person.facilitator)),
                 ("joined", _yes_no(person.joined)), *([("blocked", _yes_no(True))] if person.blocked else []),
                 ("written", written), ("dots_spent", f"{row.dots_spent} / {state.dots_per_participant}"))
    return sheet


def _persona_sheet(state: WorkshopState, ref: str) -> Sheet | None:
    persona = state.persona(ref)
    if persona is None:
        return None
    sheet = Sheet(t("overview.detail.persona", ref=persona.ref), persona.name)
    sheet.field("description", persona.description)
    sheet.items("touchpoints", (_ref_and(tp.ref, tp.text) for tp in state.journey() if tp.persona == ref))
    return sheet


def _stage_sheet(state: WorkshopState, ref: str) -> Sheet | None:
    health = _find(views.stage_health(state), ref, lambda h: h.stage)
    if health is None:
        return None
    sheet = Sheet(t("overview.detail.stage", ref=ref), health.stage.name)
    sheet.field("position", str(health.stage.position))
    mean = health.mean_feeling
    sheet.field("mean", None if mean is None else Text(f"{mean:+.1f} {FACES[round(mean)]}",
                                                        style=FEELING_STYLES[round(mean)]))
    sheet.field("pains", str(health.pains))
    sheet.items("touchpoints", (_ref_and(tp.ref, tp.text) for tp in state.touchpoints_in(ref)))
    return sheet


def _criterion_sheet(state: WorkshopState, ref: str) -> Sheet | None:
    criterion = _find(state.criteria, ref)
    return Sheet(t("overview.detail.criterion", ref=ref), criterion.text) if criterion else None


_SHEETS: dict[str, Any] = {
    "C": concept_sheet, "A": assumption_sheet, "P": pilot_sheet, "U": _person_sheet,
    "R": _persona_sheet, "S": _stage_sheet, "D": _criterion_sheet,
}


def detail_text(state: WorkshopState, ref: str | None) -> Text:
    """Everything about the item `ref` that the room may see, or a hint when there is none."""
    sheet: Sheet | None = None
    if ref:
        if ref[0] == "T" and (tp := state.touchpoint(ref)) is not None:
            sheet = touchpoint_sheet(state, tp)
        elif ref[0] == "I" and (idea := state.idea(ref)) is not None:
            sheet = idea_sheet(state, idea)
        elif ref[0] in _SHEETS and ref[1:].isdigit():
            sheet = _SHEETS[ref[0]](state, ref)
    if sheet is None:
        return Text(t("overview.detail.nothing"), style="dim")
    return sheet.text


class DetailPane(VerticalScroll):
    """The focused item's details, beside the board in place of the guide; `i` shows and hides it."""

    can_focus = False
    # Not scoped, so the projector rules can start from the app.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    DetailPane { width: 40%; min-width: 30; max-width: 64; height: 1fr; padding: 0 1;
                 border-left: tall $panel-lighten-2; }
    App.-projector DetailPane { width: 45%; border-left: heavy white; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        yield Static(t("overview.detail.title"), classes="panel-title", markup=False)
        yield Static("", id="detail-text")

    def show(self, state: WorkshopState, ref: str | None) -> None:
        show_text(self.query_one("#detail-text", Static), detail_text(state, ref))


__all__ = ["DetailPane", "detail_text", "feeling_words", "word"]
