"""Provides the messages that cross screens: a fresh state of the open workshop, a refused input."""

from __future__ import annotations

from textual.message import Message

from workshop.domain.model import WorkshopState


class WorkshopChanged(Message):
    """The open workshop has a new state: after our own change, or another process's (`external`)."""

    def __init__(self, state: WorkshopState, seq: int, *, external: bool = False) -> None:
        super().__init__()
        self.state = state
        self.seq = seq
        self.external = external

    def can_replace(self, message: Message) -> bool:
        # A burst of changes needs only the newest state.
        return isinstance(message, WorkshopChanged)


class WorkshopGone(Message):
    """The open workshop was deleted by another process."""

    def __init__(self, workshop_id: int, reason: str) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.reason = reason


class OpenWorkshop(Message):
    """Open this workshop (posted by the picker)."""

    def __init__(self, workshop: int | str) -> None:
        super().__init__()
        self.workshop = workshop
