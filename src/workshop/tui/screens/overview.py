"""Provides the journey overview screen (`o` on What Is): the whole journey on one screen, what it
holds and its weakest link above it; `enter` goes to the selected touchpoint on the board and
`escape` closes. It follows the workshop while it is open."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from workshop.domain import views
from workshop.domain.model import WorkshopState
from workshop.tui.footer import HELP_KEYS, KeysFooter, key
from workshop.tui.safe import shown
from workshop.tui.widgets.detail import word
from workshop.tui.widgets.overview import JourneyOverview
from workshop.tui.widgets.text import show_text
from workshop.tui.words import t, tn


def weakest_line(glance: views.Glance) -> Text:
    """The weakest link in a line (every stage of a tie), from the domain's own view."""
    if not glance.weakest:
        return Text(t("overview.weakest_unknown"), style="dim")
    line = Text(t("overview.weakest") if len(glance.weakest) == 1 else t("overview.weakest_tied"), style="bold")
    for index, health in enumerate(glance.weakest):
        if index:
            line.append("; ")
        mean = health.mean_feeling or 0.0
        line.append(t("overview.weakest_stage", stage=f"{health.stage.position}. {shown(health.stage.name)}",
                      mean=f"{mean:+.1f}", feeling=word("feeling", round(mean)), painful=health.painful,
                      touchpoints=tn("count.touchpoints", health.touchpoints)),
                    style="bold red" if index == 0 else "red")
    return line


class OverviewScreen(ModalScreen[str | None]):
    """The journey overview; dismisses with the touchpoint to show on the board, or None."""

    BINDINGS = [
        key("escape", "close", "overview.key_close", display="esc"),
        key("o", "close", "overview.key_close", show=False),
        key("enter", "choose", "overview.key_show"),
        *HELP_KEYS,
    ]
    # Not scoped, so the projector rules can start from the app.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    OverviewScreen { background: $surface; }
    OverviewScreen #overview-head { height: auto; padding: 0 1; background: $panel; }
    OverviewScreen #overview-title, OverviewScreen #overview-legend { text-wrap: nowrap; text-overflow: ellipsis; }
    App.-projector OverviewScreen { background: black; color: white; }
    App.-projector OverviewScreen #overview-head { background: black; border-bottom: heavy white; }
    App.-projector OverviewScreen JourneyOverview { text-style: bold; }
    """

    def __init__(self, state: WorkshopState, selected: str | None = None) -> None:
        super().__init__(id="overview")
        self.state = state
        self.selected = selected

    def compose(self) -> ComposeResult:
        with Vertical(id="overview-head"):
            yield Static("", id="overview-title")
            yield Static("", id="overview-weakest")
            yield Static("", id="overview-legend")
        yield JourneyOverview(self.state, self._weakest(self.state), id="journey-overview")
        yield KeysFooter()

    def on_mount(self) -> None:
        overview = self.query_one(JourneyOverview)
        if self.selected:
            overview.select(self.selected)
        overview.focus()
        self._show_head(self.state)

    @staticmethod
    def _weakest(state: WorkshopState) -> set[str]:
        return {h.stage.ref for h in views.weakest_links(state)}

    def show(self, state: WorkshopState) -> None:
        """Show a newer state of the workshop (the cursor stays on its touchpoint)."""
        self.state = state
        # Not once it is gone: popped without an answer, it is still named by the screen that
        # opened it, which goes on passing it the workshop.
        if self.is_mounted and self in self.app.screen_stack:
            self._show_head(state)
            self.query_one(JourneyOverview).show(state, self._weakest(state))

    def _show_head(self, state: WorkshopState) -> None:
        glance = views.at_a_glance(state)
        # The counts before the workshop's title: on a narrow screen the title is what is cut.
        head = Text(t("overview.title"), style="bold")
        head.append("  " + t("overview.counts", stages=tn("count.stages", len(state.stages)),
                                touchpoints=tn("count.touchpoints", glance.touchpoints),
                                moments=tn("overview.moments", len(glance.moments))))
        head.append("  ")
        head.append(shown(" ".join(state.title.split())), style="dim")
        show_text(self.query_one("#overview-title", Static), head)
        show_text(self.query_one("#overview-weakest", Static), weakest_line(glance))
        legend = t("overview.legend") if self.app.size.width >= 100 else t("overview.legend_short")
        show_text(self.query_one("#overview-legend", Static), Text(legend, style="italic"))

    def on_resize(self) -> None:
        self._show_head(self.state)

    @on(JourneyOverview.Chosen)
    def _chosen(self, event: JourneyOverview.Chosen) -> None:
        event.stop()
        self.dismiss(event.ref)

    def action_choose(self) -> None:
        self.query_one(JourneyOverview).action_choose()

    def action_help(self) -> None:
        from workshop.tui.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def action_close(self) -> None:
        self.dismiss(None)
