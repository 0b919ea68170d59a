"""Provides `ActingEngine`: the engine on behalf of one actor, so that every change made through
it is logged with that actor (and undone by them alone) without each call having to name them."""

from __future__ import annotations

import inspect
from functools import cache
from typing import Any

from workshop.engine.reading import Reader, actor_name

DEFAULT_ACTOR = "Facilitator"
"""The actor of the facilitator's window when neither `--actor` nor the brief names anyone."""


@cache
def acting_methods() -> frozenset[str]:
    """The engine's methods that take an `actor`: the changes (and undo and redo)."""
    from workshop.engine import Engine

    return frozenset(
        name for name, method in inspect.getmembers(Engine, inspect.isfunction)
        if not name.startswith("_") and "actor" in inspect.signature(method).parameters
    )


@cache
def _queries() -> frozenset[str]:
    """The engine's queries, which take no actor (known without importing the engine itself)."""
    return frozenset(name for name in vars(Reader) if not name.startswith("_"))


class ActingEngine:
    """An engine (or anything that looks like one, such as the replay's read-only engine) whose
    changes are made as `actor`: each call that takes an `actor` gets this one unless it names
    its own. Everything else passes straight through."""

    def __init__(self, engine: Any, actor: str | None = None) -> None:
        self.inner = engine
        self.given = actor_name(actor) or None
        """The actor asked for (`--actor`, `WORKSHOP_ACTOR`), if any."""
        self.actor = self.given or DEFAULT_ACTOR

    def act_for(self, facilitator: str | None = None) -> str:
        """Take the actor for a workshop just opened: the one asked for, else the facilitator the
        workshop's brief names, else "Facilitator". Kept until another workshop is opened."""
        self.actor = self.given or (facilitator or "").strip() or DEFAULT_ACTOR
        return self.actor

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.inner, name)
        if not callable(value) or name in _queries() or name not in acting_methods():
            return value

        def acting(*args: Any, **kwargs: Any) -> Any:
            if kwargs.get("actor") is None:
                kwargs["actor"] = self.actor
            return value(*args, **kwargs)

        acting.__name__ = name
        acting.__doc__ = getattr(value, "__doc__", None)
        return acting


__all__ = ["DEFAULT_ACTOR", "ActingEngine", "acting_methods"]
