"""Provides `Room`: the participant server of the open workshop, run inside the app (`j`): started
and stopped off the UI thread, and what the facilitator's screens show of it (where to join, the
code, who is online). The server itself is `workshop.serve` (imported only when serving starts)."""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

from workshop.domain.errors import WorkshopError
from workshop.tui.words import t

if TYPE_CHECKING:
    from workshop.serve.server import RoomServer


DEFAULT_PORT = 8765


class Room:
    """The participant server of one open workshop, or none."""

    def __init__(self) -> None:
        self.server: RoomServer | None = None
        self.workshop: int | None = None
        self._lock = threading.Lock()

    @property
    def serving(self) -> bool:
        return self.server is not None and self.server.running

    def start(self, db: str, workshop: int) -> RoomServer:
        """Serve `workshop` (in a thread of its own); blocks until it listens. Call off the UI thread."""
        with self._lock:
            if self.server is not None and self.server.running and self.workshop == workshop:
                return self.server
            self._stop()
            server = self._listening(db, workshop)
            self.server, self.workshop = server, workshop
            return server

    @staticmethod
    def _listening(db: str, workshop: int) -> RoomServer:
        """A server listening on `WORKSHOP_HOST`:`WORKSHOP_PORT` (all interfaces, 8765), or on the
        next free port when that one is taken (another app serving, say) and none was asked for."""
        from workshop.serve.server import RoomServer

        host = os.environ.get("WORKSHOP_HOST") or "0.0.0.0"
        asked = os.environ.get("WORKSHOP_PORT")
        first = int(asked) if asked and asked.isdigit() else DEFAULT_PORT
        tries = 1 if asked else 10
        for port in range(first, first + tries):
            server = RoomServer(db, workshop, host=host, port=port)
            try:
                server.start()
                return server
            except WorkshopError:
                if port == first + tries - 1:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def stop(self) -> None:
        """Stop serving (the participants' pages say the session has ended)."""
        with self._lock:
            self._stop()

    def _stop(self) -> None:
        server, self.server, self.workshop = self.server, None, None
        if server is not None:
            try:
                server.stop()
            except WorkshopError:
                pass

    def online(self) -> dict[str, int]:
        """Participant ref → pages they have open now (none when not serving)."""
        server = self.server
        if server is None or not server.running:
            return {}
        try:
            return dict(server.online())
        except Exception:  # a server stopping under us: nobody is online
            return {}

    def banner(self) -> str:
        """One line for the top of every screen while serving: where and with which code to join."""
        server = self.server
        if server is None or not server.running:
            return ""
        return t("room.banner", url=server.url, code=server.code)

    def describe(self) -> dict[str, Any]:
        server = self.server
        if server is None:
            return {}
        return {"url": server.url, "urls": list(server.urls), "code": server.code}


__all__ = ["Room"]
