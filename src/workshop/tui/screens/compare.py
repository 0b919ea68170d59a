"""Provides the comparison view: two workshops on the same journey side by side in time (what moved:
feelings, pains, moments of truth, the weakest link, pilots), with pairing by hand and saving the
comparison as Markdown.

`CompareScreen` shows the comparison in any app; `open_compare(app, then)` lets the facilitator
choose the workshop to compare the open one with; `run_compare` runs the view on its own (for
`workshop compare A B --tui`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option

from workshop.compare import Comparison, compare, compare_markdown, parse_pair
from workshop.domain.errors import WorkshopError
from workshop.tui.app_base import SafeApp, run_on
from workshop.tui.footer import HELP_KEYS, KeysFooter, key
from workshop.tui.safe import plain, shown
from workshop.tui.worded import WordedBindings
from workshop.tui import words
from workshop.tui.words import refusal, t, tn

if TYPE_CHECKING:
    from workshop.engine import Engine


class CompareScreen(WordedBindings, Screen[None]):
    """The comparison of `then` with `now` (ids or slugs), read from the engine."""

    DEFAULT_CSS = """
    CompareScreen #compare-title { height: 1; background: $panel; text-style: bold; padding: 0 1; }
    CompareScreen #compare-pairs { height: auto; color: $text-muted; padding: 0 1; }
    CompareScreen VerticalScroll { height: 1fr; }
    """
    KEYS_TITLE = "keys.title.compare"
    BINDINGS = [
        key("p", "pair", "keys.pair"),
        key("u", "unpair", "keys.unpair"),
        key("s", "save", "keys.save_markdown"),
        key("escape,q", "close", "keys.close"),
        *HELP_KEYS,
    ]

    def __init__(self, engine: Engine, then: int | str, now: int | str, *,
                 pairs: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.engine = engine
        self.then = then
        self.now = now
        self.pairs: list[tuple[str, str]] = list(pairs or [])
        self.result: Comparison | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("compare.comparing"), id="compare-title", markup=False)
        yield Static("", id="compare-pairs", markup=False)
        with VerticalScroll():
            yield Markdown("", id="compare-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.recompute()

    def recompute(self) -> None:
        """Compare again (after the pairs by hand changed) and show it."""
        try:
            a, b = self.engine.load(self.then), self.engine.load(self.now)
            self.result = compare(a, b, pairs=self.pairs)
        except WorkshopError as err:
            self.notify(refusal(err), title=t("compare.cannot"), severity="error", markup=False, timeout=8)
            if self.result is None:
                return
            self.pairs.pop()
            return
        r = self.result
        self.query_one("#compare-title", Static).update(plain(t("compare.title", then=r.a.title, now=r.b.title)))
        pairs = ", ".join(f"{x}={y}" for x, y in self.pairs) or t("compare.no_pairs")
        self.query_one("#compare-pairs", Static).update(plain(t(
            "compare.counts", matched=tn("compare.matched", len(r.touchpoints)), then=len(r.only_a),
            now=len(r.only_b), pairs=pairs)))
        # The Markdown escapes what would be markup; a control character is shown as its mark.
        self.query_one("#compare-body", Markdown).update(shown(compare_markdown(r).split("\n", 2)[2]))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "unpair":
            return bool(self.pairs)
        if action in ("pair", "save"):
            return self.result is not None
        return True

    def action_help(self) -> None:
        from workshop.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def action_pair(self) -> None:
        from workshop.tui.dialogs.form import Field, FormDialog

        def submit(values: dict[str, Any]) -> tuple[str, str]:
            pair = parse_pair(values.get("pair") or "")
            compare(self.engine.load(self.then), self.engine.load(self.now), pairs=[*self.pairs, pair])
            return pair

        def paired(pair: tuple[str, str] | None) -> None:
            if pair:
                self.pairs.append(pair)
                self.recompute()

        only_a = " ".join(tp.ref for tp in self.result.only_a) if self.result else ""
        only_b = " ".join(tp.ref for tp in self.result.only_b) if self.result else ""
        field = Field("pair", t("compare.pair"), placeholder=t("compare.pair_example"),
                      hint=t("compare.pair_hint", then=only_a or "—", now=only_b or "—"))
        self.app.push_screen(FormDialog(t("compare.pair_title"), [field], submit, save_label=t("compare.pair_save")),
                             paired)

    def action_unpair(self) -> None:
        if self.pairs:
            self.pairs.clear()
            self.recompute()

    def action_save(self) -> None:
        from workshop.tui.dialogs.form import Field, FormDialog

        def submit(values: dict[str, Any]) -> str:
            from workshop.files import write_file
            from workshop.domain.errors import InvalidInput

            name = (values.get("file") or "").strip()
            if not name or self.result is None:
                raise InvalidInput("file", t("compare.no_file"))
            path = Path(name).expanduser()
            write_file(path, compare_markdown(self.result), "file")
            return str(path)

        default = t("compare.default_file", then=self.result.a.slug, now=self.result.b.slug) if self.result \
            else t("compare.default_name")

        def saved(path: str | None) -> None:
            if path:
                self.notify(t("compare.saved", path=path), markup=False, timeout=5)

        self.app.push_screen(FormDialog(t("compare.save_title"), [Field("file", t("compare.file"), value=default)],
                                        submit, save_label=t("form.save")), saved)

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()


class ChooseWorkshop(WordedBindings, ModalScreen[int | None]):
    """Choose the other workshop to compare with."""

    DEFAULT_CSS = """
    ChooseWorkshop { align: center middle; }
    ChooseWorkshop > OptionList { width: 80; max-height: 20; border: round $accent; }
    """
    BINDINGS = [key("escape", "dismiss(None)", "keys.cancel")]

    def __init__(self, engine: Engine, besides: int) -> None:
        super().__init__()
        self.engine = engine
        self.besides = besides

    def compose(self) -> ComposeResult:
        options = [Option(plain(t("compare.option", title=s.title, slug=s.slug,
                                  touchpoints=tn("count.touchpoints", s.touchpoints), date=s.updated_at[:10])),
                          id=str(s.id))
                   for s in self.engine.list_workshops() if s.id != self.besides]
        menu = OptionList(*options) if options else OptionList(Option(t("compare.no_other"), disabled=True))
        menu.border_title = t("compare.which")
        yield menu

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id) if event.option.id else None)


def open_compare(app: App[Any], engine: Engine, then: int) -> None:
    """Ask for the other workshop, then show what moved between `then` and it."""

    def chosen(now: int | None) -> None:
        if now is not None:
            app.push_screen(CompareScreen(engine, then, now))

    app.push_screen(ChooseWorkshop(engine, then), chosen)


class CompareApp(SafeApp):
    """The comparison on its own, for `workshop compare A B --tui`."""

    TITLE = "workshop compare"

    def __init__(self, engine: Engine, then: int | str, now: int | str, pairs: list[tuple[str, str]], *,
                 projector: bool = False, lang: str | None = None) -> None:
        super().__init__(projector=projector)
        words.use(lang)
        self.engine = engine
        self.screen_args = (then, now, pairs)

    def on_mount(self) -> None:
        then, now, pairs = self.screen_args
        self.push_screen(CompareScreen(self.engine, then, now, pairs=pairs))


def run_compare(db: str, then: int | str, now: int | str, pairs: list[tuple[str, str]], *,
                projector: bool = False, lang: str | None = None) -> int:
    """Open the database at `db` and show the comparison until the viewer closes it (in `lang`, else
    `WORKSHOP_LANG`, else English); returns the exit code (non-zero after an unexpected error,
    which has then been reported)."""
    return run_on(db, lambda engine: CompareApp(engine, then, now, pairs, projector=projector, lang=lang))
