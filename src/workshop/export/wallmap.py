"""Provides the printable journey map: one self-contained HTML file in the classic grid, the
stages as columns and lanes down (the touchpoints in the customer's words, channels, the emotion
curve drawn through the columns, pains, evidence, moments of truth, and the ideas and pilots that
answer each stage), with the brief and the personas on top. Printed, it fills one A3 sheet in
landscape.

Nothing in it loads anything: the styles are inline, there is no script, no font or image to
fetch, and the page's content security policy forbids all of them. Every text a user typed goes
in through the template's autoescaping, so it shows as the text typed and never becomes markup.
"""

from __future__ import annotations

from workshop.domain import views
from workshop.domain.model import WorkshopState
from workshop.domain.values import FEELINGS
from workshop.export import curve, templating
from workshop.export.words import signed

LANE = 104
"""The width of the lane names, of the map's 1,600 units (6.5 %)."""

BOX = curve.Box(width=1600, height=142, left=LANE, top=26, bottom=22)
"""The emotion curve lane: about 1 unit to 1 CSS pixel on an A3 sheet."""


def mean(value: float) -> str:
    """A mean feeling to one decimal, signed as the scale is: −0.7, 0, +1.5."""
    text = f"{value:+.1f}"
    return "0" if text in ("+0.0", "-0.0") else text.replace("-", "−")


def render(state: WorkshopState) -> str:
    """The journey map as one HTML document."""
    drawing = curve.draw(state, BOX)
    return templating.render(
        "map.html.j2",
        state=state,
        drawing=drawing,
        answers=views.answers_by_stage(state),
        glance=views.at_a_glance(state),
        words=FEELINGS,
        signed=signed,
        mean=mean,
        lane_share=LANE / BOX.width * 100,
        has_evidence=any(tp.evidence or tp.evidence_count is not None for tp in state.touchpoints),
    )
