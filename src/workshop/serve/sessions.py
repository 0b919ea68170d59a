"""Provides who is who on the participant server: the join code, the sessions of participants who
joined with it (a cookie for the page, a bearer token for other clients, a CSRF token for the
page's writes), and the guard that slows, then stops, a client trying codes. All of it lives in
memory and dies with the server."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from workshop.serve.refusals import Forbidden, TooMany

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Letters and digits that cannot be mistaken for each other when read aloud or off a projector
(no 0/O, 1/I/L)."""

CODE_LENGTH = 6


def new_code() -> str:
    """A fresh random join code (31⁶, about 887 million, possible codes)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """A code as typed (any case, with spaces or dashes between groups) in its written form."""
    return "".join(ch for ch in str(text).upper() if ch not in " -\t")


def same_code(given: str, code: str) -> bool:
    """Whether `given` is the join code, compared in constant time."""
    return hmac.compare_digest(normalise_code(given).encode(), code.encode())


@dataclass(frozen=True)
class Session:
    """One participant's join from one device."""

    participant: str
    """Their reference (U2)."""
    cookie: str
    """The value of the page's HttpOnly cookie."""
    token: str
    """The bearer token an API client sends instead (never the cookie's value)."""
    csrf: str
    """What the page sends with every write it makes on the cookie."""


class Sessions:
    """The open sessions, found by cookie or by token (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_cookie: dict[str, Session] = {}
        self._by_token: dict[str, Session] = {}

    def open(self, participant: str) -> Session:
        made = Session(participant, secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(24))
        with self._lock:
            self._by_cookie[made.cookie] = made
            self._by_token[made.token] = made
        return made

    def by_cookie(self, value: str | None) -> Session | None:
        with self._lock:
            return self._by_cookie.get(value or "")

    def by_token(self, value: str | None) -> Session | None:
        with self._lock:
            return self._by_token.get(value or "")

    def end(self, session: Session) -> None:
        with self._lock:
            self._by_cookie.pop(session.cookie, None)
            self._by_token.pop(session.token, None)

    def end_all(self, participant: str) -> None:
        """End every session of a participant (their access was removed, or they were removed)."""
        with self._lock:
            for session in [s for s in self._by_cookie.values() if s.participant == participant]:
                self._by_cookie.pop(session.cookie, None)
                self._by_token.pop(session.token, None)


@dataclass
class JoinGuard:
    """Counts each client's tries of the join code: the first few go at once, the next ones wait
    longer and longer, and from `limit` tries in `window` seconds on the client is refused (429)
    without the code being looked at. A try counts from the moment it starts, so tries sent all
    at once are counted as well; a right code clears the count."""

    free: int = 3
    step: float = 0.5
    most: float = 3.0
    limit: int = 10
    window: float = 300.0
    _tries: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def begin(self, client: str) -> float:
        """Count a try by `client`; returns the seconds it must wait before its code is checked,
        or raises `TooMany`."""
        now = time.monotonic()
        with self._lock:
            tries = self._tries.setdefault(client, deque())
            while tries and tries[0] <= now - self.window:
                tries.popleft()
            if len(tries) >= self.limit:
                wait = int(tries[0] + self.window - now) + 1
                raise TooMany(f"code: too many wrong codes from this device; try again in {wait} seconds", wait)
            tries.append(now)
            over = len(tries) - self.free
        return 0.0 if over <= 0 else min(self.most, self.step * over)

    def right(self, client: str) -> None:
        """The client gave the right code: its count starts again."""
        with self._lock:
            self._tries.pop(client, None)


def wrong_code() -> Forbidden:
    return Forbidden("code: that is not the join code", "code", key="wrong_code")


__all__ = ["ALPHABET", "CODE_LENGTH", "JoinGuard", "Session", "Sessions", "new_code", "normalise_code",
           "same_code", "wrong_code"]
