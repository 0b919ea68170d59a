"""Provides the keys each screen tells: its footer (one row) and its `?` help, both made from the
bindings active where the cursor is, so the two can never disagree.

How a screen, or a widget on it, declares its keys:

- Write each binding with `key(keys, action, "keys.<word>")`: the description is an entry of the
  catalogue (`catalogues/<lang>/keys.toml`, or a screen's own area's, as `overview.key_open`),
  looked up each time it is shown, so the keys speak the room's language (the phase keys say
  the playbook's phase titles). Keep the words short (one word where one will do): on a
  laptop's 80 columns the whole footer is one row. Where `?` deserves longer words, the footer
  takes `<entry>_short` when the catalogue has it.
- The footer shows, left to right: the screen's own keys (adding, opening or editing and
  deleting first, `tab` last; the focused widget's before the screen's), then the keys every
  screen has (`everywhere(rank)`: the phases, `?`, undo, the timer …) by rank, as many
  as fit the width; a `kept` one (`0-4 Phase`, `? Keys`) always fits. A key that does not fit is
  left out whole (never cut) and is still listed by `?`.
- Keys that belong together are one entry: give them the same `together(words, shown_as)` role,
  as `+` and `-` share `together("keys.feeling", "+-")` and show as `+- Feeling`.
- `show=False` keeps a key out of the footer but in `?` (keys for the few: redo, the guide).
- A key that does not work where the cursor is (nothing selected, not in this phase, a replay)
  is not offered: the node that holds the binding returns False from `check_action` for it, and
  it is then in neither the footer nor `?`. Pressed anyway, a phase screen's key runs its action,
  which says why it cannot (`PhaseScreen.on_key`); a replay says it changes nothing. When what
  makes a key work changes (a selection, the workshop, a tab), call `refresh_bindings()` so the
  footer follows.
- Two bindings on one key whose `check_action`s exclude each other make a key whose words follow
  the state (`r` Reveal or Hide on What Wows; `s` shows the next view on What Works). A class's
  bindings for a key replace all those it inherits for that key: list every one it keeps.
- A screen yields `KeysFooter()` where Textual's `Footer` would go; `?` opens
  `workshop.tui.help.HelpScreen`, which lists `help_sections(screen)`. A widget that
  holds keys names its part of the screen for `?` with `KEYS_PLACE` (a catalogue key).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from textual.binding import Binding
from textual.events import Resize
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from workshop.tui.words import current, phase_title, t

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen


@dataclass(frozen=True)
class Role(Binding.Group):
    """Where a key goes in the footer (a binding's `group`)."""

    description: str = ""
    """The catalogue key of the words of a `together` entry."""
    compact: bool = True
    shown_as: str = ""
    """How the keys of a `together` entry are shown (`+-`, `0-4`)."""
    together: bool = False
    everywhere: bool = False
    """A key every screen has: after the screen's own keys."""
    rank: int = 0
    """The order of the keys every screen has (lowest first, and first to be shown)."""
    kept: bool = False
    """Always in the footer, however narrow."""


def together(words: str, shown_as: str, *, everywhere: bool = False, rank: int = 0,
             kept: bool = False) -> Role:
    """The role of keys shown as one entry: `shown_as` then `words` (a catalogue key)."""
    return Role(words, shown_as=shown_as, together=True, everywhere=everywhere, rank=rank, kept=kept)


def everywhere(rank: int, *, kept: bool = False) -> Role:
    """The role of a key every screen has, in the footer's order `rank`."""
    return Role(everywhere=True, rank=rank, kept=kept)


def key(keys: str, action: str, words: str, *, show: bool = True, role: Role | None = None,
        display: str | None = None, priority: bool = False) -> Binding:
    """A binding whose description is the catalogue entry `words` (`keys.add`)."""
    return Binding(keys, action, words, show=show, key_display=display, priority=priority, group=role)


PHASES = together("keys.phase", "0-4", everywhere=True, rank=0, kept=True)
HELP = everywhere(1, kept=True)
UNDO = everywhere(2)
TIMER = everywhere(3)
EXPORT = everywhere(4)
ROOM = everywhere(5)
DETAIL = everywhere(6)
QUIT = everywhere(7)
PALETTE = everywhere(8)
HIDDEN = everywhere(9)
"""For the keys every screen has that only `?` lists (redo, the guide, other workshops)."""

HELP_KEYS = [key("question_mark", "help", "keys.help", role=HELP, display="?"),
             key("f1", "help", "keys.help", role=HELP)]
"""`?` (and F1, also where a text field takes `?`): the keys of the screen."""

_TEXTUAL: dict[str, tuple[str, Role | None]] = {
    "command_palette": ("keys.palette", PALETTE),
    "quit": ("keys.quit", QUIT),
}
"""Words and roles for Textual's own bindings that a facilitator uses (by action)."""

GAP = 1
"""Columns between two keys of the footer."""


@dataclass
class Entry:
    """One key (or keys that go together) as the footer and `?` show it."""

    key: str
    shown_as: str
    words: str
    action: str
    node: DOMNode
    role: Role | None
    show: bool
    keys: list[str] = field(default_factory=list)
    """Every key that does it, as shown."""
    parts: list[tuple[str, str]] = field(default_factory=list)
    """(key, words) of each action of a `together` entry (`?` lists them one by one)."""
    bound: list[str] = field(default_factory=list)
    """The keys as Textual names them (`shift+left`), one for each action."""

    @property
    def everywhere(self) -> bool:
        return self.role is not None and self.role.everywhere

    @property
    def rank(self) -> int:
        return self.role.rank if self.role is not None else 0

    @property
    def kept(self) -> bool:
        return self.role is not None and self.role.kept

    order: int = 5
    """Its place among the screen's own keys (`FIRST`)."""
    short: str = ""
    """The words in the footer (`words` unless the catalogue has shorter ones)."""

    @property
    def width(self) -> int:
        return cell_len(self.shown_as) + 1 + cell_len(self.short or self.words)


FIRST = {"keys.add": 0, "keys.new": 0, "keys.save": 0, "keys.write_file": 0, "keys.open": 1, "keys.edit": 1,
         "keys.delete": 2, "newcomer.themes.mark": 10, "newcomer.themes.rename": 10, "newcomer.voting.key": 10,
         "keys.next_part": 9, "keys.next_field": 9}
"""Where a screen's own keys go among them (the rest in between, in the order declared): marking
ideas, renaming themes and saying one is done voting come after the phase's everyday keys, so a
narrow footer keeps silent brainstorming and the voter keys."""


def is_words(description: str) -> bool:
    """Whether a binding's description is an entry of the catalogue (`keys.add`,
    `overview.key_open`), which the footer, `?` and the palette look up as they show it."""
    return bool(description) and current().has(description)


def short_words(words_key: str) -> str:
    """The footer's words for the catalogue entry `words_key`."""
    short = f"{words_key}_short"
    return t(short) if current().has(short) else t(words_key)


def words_of(binding: Binding) -> str | None:
    """A binding's words in the room's language; None for a binding nobody is told about (the
    cursor keys inside Textual's widgets)."""
    if binding.action.startswith("phase('"):  # the phase keys say the playbook's phase titles
        return phase_title(binding.action[len("phase('"):-2])
    if is_words(binding.description):
        return t(binding.description)
    known = _TEXTUAL.get(binding.action)
    return t(known[0]) if known else None


def _role(binding: Binding) -> Role | None:
    if isinstance(binding.group, Role):
        return binding.group
    known = _TEXTUAL.get(binding.action)
    return known[1] if known else None


def _entries(pairs: Iterable[tuple[DOMNode, Binding]], app: Any) -> list[Entry]:
    """Entries for bindings (in the order given), one per action and per `together` role."""
    found: list[Entry] = []
    by_action: dict[str, Entry] = {}
    by_role: dict[Role, Entry] = {}
    for node, binding in pairs:
        words = words_of(binding)
        if words is None:
            continue
        role = _role(binding)
        shown_as = binding.key_display or app.get_key_display(binding)
        same = by_action.get(binding.action)
        if role is not None and role.together:
            same = by_role.get(role)
        if same is not None:
            if shown_as not in same.keys:
                same.keys.append(shown_as)
                if same.action != binding.action:
                    same.parts.append((shown_as, words))
                    same.bound.append(binding.key)
            same.show = same.show or binding.show
            continue
        # Textual keeps its palette key out of footers to dock it at the edge; here it is a key
        # like the others (last, and left out first).
        show = binding.show or binding.action == "command_palette"
        entry = Entry(binding.key, shown_as, words, binding.action, node, role, show, [shown_as],
                      [(shown_as, words)], [binding.key])
        entry.short = short_words(binding.description) if is_words(binding.description) else words
        if role is not None and role.together:
            entry.shown_as, entry.words = role.shown_as, t(role.description)
            entry.short = short_words(role.description)
            by_role[role] = entry
        entry.order = FIRST.get(binding.description, 5)
        by_action[binding.action] = entry
        found.append(entry)
    return found


def active(screen: Screen[Any]) -> list[Entry]:
    """Every key that works on `screen` where the cursor is now: the focused widget's first, then
    those of the widgets around it and of the screen, then those of every screen by rank."""
    pairs = [(a.node, a.binding) for a in screen.active_bindings.values() if a.enabled]
    found = _entries(pairs, screen.app)
    own = sorted((e for e in found if not e.everywhere), key=lambda e: e.order)
    common = sorted((e for e in found if e.everywhere), key=lambda e: e.rank)
    return own + common


def footer_entries(screen: Screen[Any], width: int) -> list[Entry]:
    """The keys the footer shows in `width` columns: the most important that fit, whole."""
    shown = [e for e in active(screen) if e.show]
    room = width - sum(e.width + GAP for e in shown if e.kept)
    chosen: set[int] = set()
    for entry in shown:
        if entry.kept:
            continue
        if entry.width + GAP > room:
            break
        chosen.add(id(entry))
        room -= entry.width + GAP
    return [e for e in shown if e.kept or id(e) in chosen]


class KeysFooter(Footer):
    """The footer: the keys of the screen where the cursor is (see the module's docstring), on one
    row, as many as fit whole."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(compact=True, show_command_palette=False, **kwargs)
        self._width = 0
        self._shown: list[tuple[str, str, str, str]] | None = None
        self._asked = False

    def _entries(self) -> list[Entry]:
        self._width = self.size.width or self.screen.size.width or self.app.size.width
        return footer_entries(self.screen, self._width)

    def compose(self) -> Iterable[FooterKey]:  # type: ignore[override]
        if not self._bindings_ready:
            return
        entries = self._entries()
        self._shown = _signature(entries)
        for entry in entries:
            # Made compact (the footer always is): its watcher then finds the class there and
            # does not style each key a second time.
            yield FooterKey(entry.key, entry.shown_as, entry.short or entry.words, entry.action,
                            classes="-compact").data_bind(compact=Footer.compact)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        # Keys change often (each selection, each change of the workshop): the row is remade
        # once after a burst of them, and only when what it shows is different.
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen or self._asked:
            return
        self._asked = True
        if not self.children:
            # The first keys of a new screen: made at once, so that they are laid out with the
            # screen in its first frame rather than in a frame of their own after it.
            self.call_later(self._follow)
            return
        self.call_after_refresh(self._follow)

    async def _follow(self) -> None:
        self._asked = False
        if self.is_attached and _signature(self._entries()) != self._shown:
            await self.recompose()

    def on_resize(self, event: Resize) -> None:
        if self._bindings_ready and event.size.width != self._width:
            self.call_after_refresh(self._follow)


def _signature(entries: list[Entry]) -> list[tuple[str, str, str, str]]:
    return [(e.key, e.shown_as, e.short or e.words, e.action) for e in entries]


def shown_keys(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(keys, words) of what the footer of `screen` shows now."""
    return [(k.key_display, k.description) for k in screen.query(FooterKey)]


# the help ------------------------------------------------------------------------------------

Section = tuple[str, list[tuple[str, str]]]


def _rows(entries: Iterable[Entry]) -> list[tuple[str, str]]:
    rows = []
    for e in entries:
        if e.role is not None and e.role.together:
            rows.extend(e.parts)
        else:
            rows.append((" ".join(e.keys), e.words))
    return rows


def _part_bindings(node: DOMNode) -> list[tuple[DOMNode, Binding]]:
    """The bindings of a part of the screen that work there now (its `check_action` says so)."""
    pairs = []
    for bindings in node._bindings.key_to_bindings.values():  # noqa: SLF001 (Textual's own map)
        for binding in bindings:
            _target, name, params = node.app._parse_action(binding.action, node)  # noqa: SLF001
            if node.check_action(name, params):
                pairs.append((node, binding))
    return pairs


def help_sections(screen: Screen[Any]) -> list[Section]:
    """Every key of `screen`, grouped: where the cursor is, the screen's other parts, moving
    around, and the keys of every screen."""
    here = active(screen)
    sections: list[Section] = [(t("keys.section.here"), _rows(e for e in here if not e.everywhere))]
    focused = screen.focused
    seen_places = {getattr(focused, "KEYS_PLACE", None)}
    for node in screen.walk_children():
        place = getattr(node, "KEYS_PLACE", None)
        if not place or place in seen_places or not getattr(node, "display", True):
            continue
        seen_places.add(place)
        rows = _rows(_entries(_part_bindings(node), screen.app))
        if rows:
            sections.append((t(place), rows))
    sections.append((t("keys.section.moving"), [
        ("↑ ↓ ← →", t("keys.move_cursor")), ("tab shift+tab", t("keys.between_parts")),
        ("pgup pgdn home end", t("keys.page"))]))
    common = [e for e in here if e.everywhere]
    if common:
        sections.append((t("keys.section.everywhere"), _rows(common)))
    return [(title, rows) for title, rows in sections if rows]


def help_markdown(screen: Screen[Any]) -> str:
    """The help's tables of keys, in Markdown (the words are the catalogue's, never user text)."""
    out = []
    head = f"| {t('keys.column.key')} | {t('keys.column.does')} |\n| --- | --- |"
    for title, rows in help_sections(screen):
        lines = "\n".join(f"| `{keys}` | {words} |" for keys, words in rows)
        out.append(f"### {title}\n\n{head}\n{lines}")
    return "\n\n".join(out)


__all__ = ["HELP_KEYS", "PHASES", "Entry", "KeysFooter", "Role", "active", "everywhere", "footer_entries",
           "help_markdown", "help_sections", "key", "shown_keys", "together", "words_of"]
