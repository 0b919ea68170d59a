"""Provides the phase timer's actions on every phase screen: `t` starts or pauses the phase's
timer, and the command palette resets it or sets its timebox, each through the engine, so the
stored timer (the one every window shows) changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workshop.domain.errors import InvalidInput
from workshop.domain.timers import MAX_MINUTES, minutes_text
from workshop.domain.values import PHASE_TITLES

if TYPE_CHECKING:
    from workshop.tui.host import PhaseView

TIMER_COMMANDS: list[tuple[str, str, str]] = [
    ("Reset the timer", "This phase's timer back to its full timebox, paused", "timer_reset"),
    ("Set the timebox", "How many minutes this phase's timer runs for", "timer_set"),
]
"""Palette entries for the timer that every phase screen has: (title, help, action)."""


def _said(summary: str) -> str:
    return summary[:1].upper() + summary[1:]


class TimerActions:
    """The timer's actions, mixed into `PhaseScreen` (`workshop.tui.screens.base`)."""

    def action_timer(self: PhaseView) -> None:
        """Start or pause this phase's timer; a first start runs for the playbook's timebox."""
        clock = self.state.timer(self.PHASE)
        # select="": the answer is a summary in words, not the ref of an item to put the cursor on.
        if clock is not None and clock.running:
            self.perform(lambda e: e.pause_timer(self.wid, self.PHASE), select="")
            return
        default = self.workshop_app.timebox(self.PHASE)
        if (clock is None or not clock.has_timebox) and not default:
            self.notify("The playbook gives this phase no timebox: ctrl+p, Set the timebox.",
                        markup=False, timeout=5)
            return
        self.perform(lambda e: e.start_timer(self.wid, self.PHASE, default_minutes=default), select="")

    def action_timer_reset(self: PhaseView) -> None:
        """This phase's timer back to its full timebox, paused."""
        self.perform(lambda e: e.reset_timer(self.wid, self.PHASE), select="", say=_said)

    def action_timer_set(self: PhaseView) -> None:
        """A form for the minutes this phase's timer runs for."""
        from workshop.tui.dialogs.form import Field, FormDialog

        clock = self.state.timer(self.PHASE)
        seconds = clock.timebox if clock is not None and clock.has_timebox else \
            round((self.workshop_app.timebox(self.PHASE) or 0) * 60)
        engine, wid, phase = self.engine, self.wid, self.PHASE

        def save(values: dict[str, Any]) -> tuple[str]:
            typed = (values["minutes"] or "").strip()
            if not typed:
                raise InvalidInput("minutes", "give the minutes the timer runs for")
            # In a tuple: a form's text result is taken for the ref of an item to select.
            return (engine.set_timebox(wid, phase, minutes=typed),)

        def saved(result: Any) -> None:
            if isinstance(result, tuple):
                self.notify(_said(result[0]), markup=False, timeout=3)

        self.open_form(FormDialog(
            f"Timebox for {PHASE_TITLES[phase]}",
            [Field("minutes", "Minutes", value=minutes_text(seconds) if seconds else "",
                   hint=f"above 0, up to {MAX_MINUTES}; 7.5 is seven and a half")],
            save, on_saved=saved, save_label="Set",
            intro="A running timer keeps running with the time it has used."))


__all__ = ["TIMER_COMMANDS", "TimerActions"]
