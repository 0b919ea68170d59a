"""Provides `arrivals`: what the facilitator is told when touchpoints and ideas arrive from
elsewhere (participants' phones, another window, the command line), since a new card often lands
below the part of the board on screen.

The screen may be on the projector, so the notice tells the room no more than the board does:
an idea hidden by silent brainstorming is counted, never quoted, and while the anonymous cards
rule is in force nobody's name is given.
"""

from __future__ import annotations

from workshop.domain.model import WorkshopState
from workshop.tui.words import t, tn

QUOTE = 60
"""How much of a new item's text the notice quotes."""

SHOWN = 3
"""At most this many new items are named; the rest are counted."""


def _quote(text: str) -> str:
    line = " ".join(text.split())
    return "«" + (line if len(line) <= QUOTE else line[: QUOTE - 1].rstrip() + "…") + "»"


def arrivals(before: WorkshopState, after: WorkshopState) -> str:
    """The notice for the touchpoints and ideas in `after` that `before` did not have ("" if none)."""
    if before.id != after.id:
        return ""
    old_tps = {tp.ref for tp in before.touchpoints}
    old_ideas = {i.ref for i in before.ideas}
    new = [("touchpoint", tp.ref, tp.text, tp.author, False) for tp in after.touchpoints if tp.ref not in old_tps]
    new += [("idea", i.ref, i.text, i.author, i.hidden) for i in after.ideas if i.ref not in old_ideas]
    if not new:
        return ""
    named = not after.authors_hidden
    lines = []
    hidden = [n for n in new if n[4]]
    shown = [n for n in new if not n[4]]
    for kind, ref, text, author, _hidden in shown[:SHOWN]:
        item = t(f"arrivals.{kind}", ref=ref, text=_quote(text))
        lines.append(t("arrivals.by", who=author, item=item) if named and author else item)
    if len(shown) > SHOWN:
        lines.append(tn("arrivals.more", len(shown) - SHOWN))
    if hidden:
        lines.append(tn("arrivals.hidden", len(hidden)))
    return "\n".join(lines)


__all__ = ["arrivals"]
