"""Provides the workshop at a glance in Markdown, the block the journey map and the report open
with: the challenge, the weakest link, the moments of truth, the top pilots and the counts. A
reader who stops after it knows what the workshop decided."""

from __future__ import annotations

from workshop.domain import views
from workshop.domain.model import WorkshopState
from workshop.export.backlog import timeline
from workshop.export.text import blocks, bullet, one_line
from workshop.export.words import FACES, MOMENT, count, shorten, signed

MOMENTS_SHOWN = 5
"""How many moments of truth the glance names; the stage tables mark every one."""

SHORT = 70
"""About how many characters of a touchpoint's words the glance shows."""

CHALLENGE = 240
"""About how many characters of the challenge the glance shows (the brief holds all of it)."""


def _stage(h: views.StageHealth) -> str:
    return (f"{h.stage.ref} " + one_line(h.stage.name)
            + f", mean feeling {signed(h.mean_feeling)}, pains at {h.painful} of {count(h.touchpoints, 'touchpoint')}")


def weakest(g: views.Glance) -> str:
    """The weakest link in one line; stages that tie are named as a tie."""
    if not g.weakest:
        return "not known yet, no touchpoint has a feeling"
    if len(g.weakest) == 1:
        return _stage(g.weakest[0])
    return f"a tie between {len(g.weakest)} stages: " + "; ".join(map(_stage, g.weakest))


def moments(state: WorkshopState, g: views.Glance) -> list[str]:
    """A line per moment of truth (the first few): reference, first words, stage and feeling."""
    lines = []
    for tp in g.moments[:MOMENTS_SHOWN]:
        feeling = f", {FACES[tp.feeling]} {signed(tp.feeling)}" if tp.feeling is not None else ", not rated"
        lines.append(bullet(f"{tp.ref} {MOMENT} " + one_line(shorten(tp.text, SHORT))
                            + f" ({state.stage(tp.stage).ref}{feeling})", level=1))
    if len(g.moments) > MOMENTS_SHOWN:
        lines.append(bullet(f"and {len(g.moments) - MOMENTS_SHOWN} more, marked {MOMENT} in the stage tables",
                            level=1))
    return lines


def pilots(g: views.Glance) -> list[str]:
    """A line per top pilot, best first: reference, name, owner and dates."""
    lines = []
    for entry in g.top_pilots:
        p = entry.pilot
        owner = ("owner " + one_line(p.owner)) if p.owner else "no owner yet"
        when = timeline(p)
        lines.append(bullet(f"{p.ref} " + one_line(p.name) + f": {owner}, "
                            + (f"dates {when}" if when == "not set" else when), level=1))
    return lines


def counts(g: views.Glance) -> str:
    ideas = count(g.ideas, "idea") + (f" ({g.hidden_ideas} still hidden)" if g.hidden_ideas else "")
    dots = count(g.dots, "dot") + ("" if g.votes_visible or not g.dots else " (the tally is hidden)")
    return (f"{count(g.touchpoints, 'touchpoint')} ({g.rated} rated), {ideas}, {dots}, "
            f"{count(g.pilots, 'pilot')}.")


def at_a_glance(state: WorkshopState) -> str:
    """The block itself: a bold line, then a list."""
    g = views.at_a_glance(state)
    challenge = one_line(shorten(g.challenge, CHALLENGE)) if g.challenge else "not written down yet"
    lines = [bullet(f"**Challenge:** {challenge}"),
             bullet(f"**Weakest link:** {weakest(g)}.")]
    if g.moments:
        lines.append(bullet(f"**Moments of truth ({len(g.moments)}):**"))
        lines += moments(state, g)
    else:
        lines.append(bullet("**Moments of truth:** none marked yet"))
    if g.top_pilots:
        lines.append(bullet(f"**Top pilots, best first ({len(g.top_pilots)} of {g.pilots}):**"))
        lines += pilots(g)
    else:
        lines.append(bullet("**Top pilots:** none yet"))
    lines.append(bullet(f"**Counts:** {counts(g)}"))
    return blocks("**At a glance**", "\n".join(lines)).rstrip("\n")
