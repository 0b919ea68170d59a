"""Provides the room screen (`j`): where participants join (the address, the code and a QR code
big enough to scan from the back of the room), who has joined and how far each has got (items
written, dots spent: never which ideas while voting is blind), and the facilitator's keys for the
room: a new code, a participant's access, participants adding their own names, stop serving."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from workshop.domain.errors import WorkshopError
from workshop.domain.views import Participation, participation
from workshop.tui.footer import HELP_KEYS, KeysFooter, key
from workshop.tui.safe import plain, shown
from workshop.tui.widgets.votes import RefList
from workshop.tui.worded import WordedBindings
from workshop.tui.words import refusal, t, tn

if TYPE_CHECKING:
    from workshop.tui.host import WorkshopHost

QR_STYLE = Style(color="black", bgcolor="white")
"""Dark modules on light, as every scanner reads a QR code (a dark terminal would invert it)."""

_CHARS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def qr_text(grid: list[list[bool]], width: int, height: int) -> Text:
    """The QR code's modules (dark = True, quiet zone included) drawn dark on light, as large as
    fits `width` × `height` cells with square modules: each `scale` cells wide and `scale`
    half-cells tall (a cell is twice as tall as wide)."""
    size = max((len(r) for r in grid), default=0)
    if not size:
        return Text("")
    scale = max(1, min(width // size, (height * 2) // len(grid)))
    big = [[dark for dark in row for _ in range(scale)] for row in grid for _ in range(scale)]
    if len(big) % 2:
        big.append([False] * len(big[0]))
    out = ["".join(_CHARS[(up, down)] for up, down in zip(top, bottom)) for top, bottom in zip(big[0::2], big[1::2])]
    return Text("\n".join(out), style=QR_STYLE, no_wrap=True, overflow="crop")


class QRCode(Widget):
    """The join address as a QR code, as large as the room on screen allows."""

    DEFAULT_CSS = "QRCode { width: auto; height: 1fr; padding: 0 2; }"
    SIDE = 44
    """Columns left beside the code for the address and the participants."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.grid: list[list[bool]] = []

    def show(self, grid: list[list[bool]]) -> None:
        self.grid = grid
        self.refresh(layout=True)

    def get_content_width(self, container: Any, viewport: Any) -> int:
        # As wide as the largest square modules the height allows, leaving the side its room.
        size = len(self.grid) or 33
        scale = max(1, min((container.height * 2) // size, (container.width - self.SIDE) // size))
        return size * scale

    def render(self) -> Text:
        if not self.grid:
            return Text("")
        return qr_text(self.grid, self.content_region.width or self.size.width,
                       self.content_region.height or self.size.height)


def participant_line(row: Participation, allowed: int, online: dict[str, int]) -> Text:
    """A participant as the room panel lists them: online or not, name, what they have written,
    the dots they have spent (a count: never on what, while voting is blind)."""
    line = Text()
    # A mark of its own shape for each (a projector may wash the colours out).
    if row.blocked:
        line.append("✗ ", style="bold red")
    elif online.get(row.participant.ref):
        line.append("● ", style="bold green")
    elif row.joined:
        line.append("○ ", style="yellow")
    else:
        line.append("· ", style="dim")
    line.append(shown(row.participant.name), style="bold")
    if row.participant.facilitator:
        line.append("  " + t("room.facilitator"), style="italic")
    line.append("  " + tn("room.written", row.touchpoints + row.ideas) + " · "
                + tn("room.dots", allowed, spent=row.dots_spent)
                + ("  " + t("room.no_access") if row.blocked else ""), style="dim")
    return line


class RoomScreen(WordedBindings, Screen[None]):
    """The open workshop's room: join address, code, QR code, and the participants."""

    KEYS_TITLE = "keys.title.room"
    BINDINGS = [
        key("escape,j", "close", "keys.back"),
        key("c", "new_code", "keys.new_code"),
        key("b", "access", "keys.access"),
        key("o", "own_names(True)", "keys.own_names_on"),
        key("o", "own_names(False)", "keys.own_names_off"),
        key("s", "stop", "keys.stop_serving"),
        *HELP_KEYS,
    ]
    DEFAULT_CSS = """
    RoomScreen #room-body { height: 1fr; }
    RoomScreen #room-qr { }
    RoomScreen #room-side { width: 1fr; padding: 0 2; }
    RoomScreen #room-url { text-style: bold; height: auto; }
    RoomScreen #room-code { text-style: bold; height: auto; margin-bottom: 1; }
    RoomScreen #room-note { color: $text-muted; height: auto; }
    RoomScreen #room-people { height: 1fr; border: round $panel-lighten-2; }
    App.-projector RoomScreen #room-url, App.-projector RoomScreen #room-code { color: white; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[Any, ...] = ()

    @property
    def workshop_app(self) -> WorkshopHost:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(plain(t("room.title")), classes="panel-title")
        with Horizontal(id="room-body"):
            yield QRCode(id="room-qr")
            with Vertical(id="room-side"):
                yield Static(plain(t("room.starting")), id="room-url")
                yield Static("", id="room-code")
                yield Static("", id="room-note")
                people = RefList(id="room-people")
                people.border_title = plain(t("room.who_joined"))
                yield people
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#room-people", RefList).focus()
        self._start()
        self.set_interval(1.0, self.refresh_room)

    @work(thread=True, group="room", exclusive=True)
    def _start(self) -> None:
        app = self.workshop_app
        if app.state is None:
            return
        try:
            app.room.start(app.db, app.state.id)
        except WorkshopError as err:
            self.app.call_from_thread(self._failed, refusal(err))
            return
        self.app.call_from_thread(self._started)

    def _failed(self, message: str) -> None:
        self.query_one("#room-url", Static).update(plain(t("room.not_serving", reason=message)))
        self.notify(message, title=t("room.cannot_serve"), severity="error", timeout=10)

    def _started(self) -> None:
        from workshop.serve.qr import matrix

        room = self.workshop_app.room
        info = room.describe()
        self.query_one(QRCode).show(matrix(info["url"]))
        self.workshop_app.refresh_banner()
        self.refresh_room()

    def refresh_room(self) -> None:
        """Show the address, code and participants as they are now (every second)."""
        app = self.workshop_app
        state, room = app.state, app.room
        if state is None:
            return
        info = room.describe() if room.serving else {}
        online = room.online()
        shown_now = (state, tuple(sorted(online.items())), tuple(sorted(info.items())) if info else ())
        if shown_now == self._shown:
            return
        self._shown = shown_now
        self.refresh_bindings()  # serving, or whose access: the keys follow
        if info:
            others = [u for u in info["urls"] if u != info["url"]]
            self.query_one("#room-url", Static).update(plain(info["url"]))
            self.query_one("#room-code", Static).update(plain(t("room.code", code=info["code"])))
            note = (t("room.also", urls=", ".join(others)) + "\n" if others else "")
            note += (t("room.own_names_on") if state.open_join else t("room.own_names_off"))
            self.query_one("#room-note", Static).update(plain(note))
        people = self.query_one("#room-people", RefList)
        # The facilitator is listed too: they may join from a phone of their own, and are counted.
        rows = {row.participant.ref: row for row in participation(state)}
        people.show_lines(list(rows), lambda ref: participant_line(rows[ref], state.dots_per_participant, online))
        joined = sum(1 for p in state.participants if p.joined)
        people.border_subtitle = plain(t("room.legend", online=sum(1 for n in online.values() if n), joined=joined))

    # keys ------------------------------------------------------------------------------------

    def on_option_list_option_highlighted(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        app = self.workshop_app
        serving = app.room.serving and app.room.server is not None
        if action in ("new_code", "stop"):
            return serving
        if action == "access":
            return self.is_mounted and self.query_one("#room-people", RefList).current is not None
        if action == "own_names" and parameters and app.state is not None:
            return bool(parameters[0]) != app.state.open_join  # `o` turns it on, or off
        return True

    def action_help(self) -> None:
        from workshop.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def action_new_code(self) -> None:
        room = self.workshop_app.room
        if not room.serving or room.server is None:
            self.notify(t("room.no_code"), timeout=4)
            return
        code = room.server.rotate_code()
        self._shown = ()
        self.refresh_room()
        self.notify(t("room.new_code", code=code), timeout=5)

    def action_access(self) -> None:
        app = self.workshop_app
        ref = self.query_one("#room-people", RefList).current
        person = app.state.participant(ref) if (app.state and ref) else None
        if person is None:
            self.notify(t("room.select_first"), timeout=4)
            return
        blocked = not person.blocked
        wid = app.state.id
        self.app.submit(lambda e: e.set_access(wid, person.ref, blocked=blocked),
                        lambda _r: self._answered(t("room.access_removed", name=person.name) if blocked
                                                  else t("room.may_join", name=person.name)),
                        lambda err: self.notify(refusal(err), title=t("base.not_done"), severity="error"))

    def action_own_names(self, allow: bool | None = None) -> None:
        app = self.workshop_app
        if app.state is None:
            return
        allow = not app.state.open_join if allow is None else allow
        wid = app.state.id
        self.app.submit(lambda e: e.set_rules(wid, open_join=allow),
                        lambda _r: self._answered(t("room.now_own_names") if allow else t("room.now_from_list")),
                        lambda err: self.notify(refusal(err), title=t("base.not_done"), severity="error"))

    def _answered(self, message: str) -> None:
        self.notify(message, timeout=4)
        self.refresh_room()

    def action_stop(self) -> None:
        self.workshop_app.stop_serving()
        self.notify(t("room.stopped"), timeout=5)
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()


__all__ = ["QRCode", "RoomScreen", "participant_line", "qr_text"]
