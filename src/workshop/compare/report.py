"""Provides the comparison of two workshops as plain values for scripts and as Markdown that renders
on GitHub's parser (user text kept literal with the export escaping)."""

from __future__ import annotations

from typing import Any

from workshop.compare.match import HOW_SAME, Comparison, Pain, StagePair
from workshop.domain.model import Touchpoint, WorkshopState
from workshop.domain.views import StageHealth
from workshop.export.backlog import status
from workshop.export.words import feeling_text, signed
from workshop.export.text import blocks, bullet, cell, cell_lines, heading, inline, one_line, table

NOTHING = "Nothing."


def to_json(result: Comparison) -> dict[str, Any]:
    """The comparison as plain values for scripts (`workshop compare --json`)."""

    def tp(t: Touchpoint | None) -> dict[str, Any] | None:
        return None if t is None else {"ref": t.ref, "text": t.text, "feeling": t.feeling,
                                       "pains": list(t.pains), "moment_of_truth": t.moment_of_truth}

    def weakest(h: StageHealth | None) -> dict[str, Any] | None:
        return None if h is None else {"stage": h.stage.name, "ref": h.stage.ref,
                                       "mean_feeling": h.mean_feeling, "painful": h.painful}

    return {
        "then": {"id": result.a.id, "slug": result.a.slug, "title": result.a.title},
        "now": {"id": result.b.id, "slug": result.b.slug, "title": result.b.title},
        "stages": [{"then": p.a.ref if p.a else None, "now": p.b.ref if p.b else None, "name": p.name,
                    "mean_then": p.health_a.mean_feeling if p.health_a else None,
                    "mean_now": p.health_b.mean_feeling if p.health_b else None} for p in result.stages],
        "touchpoints": [{"then": tp(p.a), "now": tp(p.b), "how": p.how, "stage_then": p.stage_a,
                         "stage_now": p.stage_b} for p in result.touchpoints],
        "feelings_moved": [{"then": p.a.ref, "now": p.b.ref, "from": p.a.feeling, "to": p.b.feeling}
                           for p in result.feelings_moved],
        "pains_gone": [{"pain": x.text, "then": x.then.ref if x.then else None,
                        "now": x.now.ref if x.now else None} for x in result.pains_gone],
        "pains_new": [{"pain": x.text, "then": x.then.ref if x.then else None,
                       "now": x.now.ref if x.now else None} for x in result.pains_new],
        "moments_new": [{"then": x.ref if x else None, "now": y.ref} for x, y in result.moments_new],
        "moments_lost": [{"then": x.ref, "now": y.ref if y else None} for x, y in result.moments_lost],
        "weakest_then": weakest(result.weakest_a),
        "weakest_now": weakest(result.weakest_b),
        "pilots_carried": [{"then": p.a.ref, "now": p.b.ref, "name_then": p.a.name, "name_now": p.b.name,
                            "status_then": p.a.status, "status_now": p.b.status, "how": p.how}
                           for p in result.pilots],
        "pilots_only_then": [p.ref for p in result.pilots_only_a],
        "pilots_only_now": [p.ref for p in result.pilots_only_b],
        "only_then": [t.ref for t in result.only_a],
        "only_now": [t.ref for t in result.only_b],
    }

# Markdown ---------------------------------------------------------------------------------------


def _mean(health: StageHealth | None) -> str:
    if health is None:
        return ""
    return signed(round(health.mean_feeling, 1)) if health.mean_feeling is not None else "not rated"


def _change(then: float | None, now: float | None) -> str:
    if then is None and now is None:
        return ""
    if then is None:
        return "rated now"
    if now is None:
        return "no longer rated"
    delta = round(now - then, 1)
    return "no change" if delta == 0 else signed(delta)


def _journey_mean(state: WorkshopState) -> float | None:
    rated = [tp.feeling for tp in state.touchpoints if tp.feeling is not None]
    return sum(rated) / len(rated) if rated else None


def _label(tp: Touchpoint) -> str:
    """A touchpoint in a cell: its reference and its text."""
    return f"{tp.ref} {cell(tp.text)}"


def _pair_label(then: Touchpoint | None, now: Touchpoint | None) -> str:
    """A touchpoint on either side in a cell: `T4 → T16 text now`, `T5 text (gone)`, `T4 text (new)`."""
    if then and now:
        return f"{then.ref} → {now.ref} {cell(now.text)}"
    if then:
        return f"{_label(then)} (gone)"
    return f"{_label(now)} (new)"  # type: ignore[arg-type]


def _overview(result: Comparison) -> str:
    lines = []
    for label, state in (("Then", result.a), ("Now", result.b)):
        mean = _journey_mean(state)
        when = state.date or state.created_at[:10]
        lines.append(bullet(
            f"**{label}:** {inline(state.title, indent=2, start=False)} ({when}): {len(state.touchpoints)} touchpoints, "
            f"mean feeling {signed(round(mean, 1)) if mean is not None else 'not rated'}, "
            f"{len(state.pilots)} pilots"))
    by_hand = sum(1 for p in result.touchpoints if p.how != HOW_SAME)
    lines.append(bullet(
        f"**Matched:** {len(result.touchpoints)} touchpoints ({by_hand} of them by similar text, a "
        f"change of stage or by hand); {len(result.only_a)} only then, {len(result.only_b)} only now"))
    return "\n".join(lines)


def _weakest(result: Comparison) -> str:
    def line(label: str, health: StageHealth | None) -> str:
        if health is None:
            return bullet(f"**{label}:** no stage has a rated touchpoint")
        return bullet(f"**{label}:** {inline(health.stage.name, indent=2, start=False)} (mean feeling {_mean(health)}, "
                      f"{health.painful} painful touchpoint{'s' if health.painful != 1 else ''})")

    lines = [line("Then", result.weakest_a), line("Now", result.weakest_b)]
    a, b = result.weakest_a, result.weakest_b
    if a and b:
        same = any(p.a and p.b and p.a.ref == a.stage.ref and p.b.ref == b.stage.ref for p in result.stages)
        lines.append("" if not same else "\nThe same stage is still the weakest link.")
    return "\n".join(lines).rstrip()


def _stage_row(pair: StagePair) -> list[str]:
    name = " → ".join(cell(s.name) for s in (pair.a, pair.b) if s) if not (
        pair.a and pair.b and pair.a.name == pair.b.name) else cell(pair.a.name)  # type: ignore[union-attr]
    then, now = pair.health_a, pair.health_b
    return [
        name + ("" if pair.a and pair.b else " (only then)" if pair.a else " (only now)"),
        str(then.touchpoints) if then else "—",
        str(now.touchpoints) if now else "—",
        _mean(then) or "—",
        _mean(now) or "—",
        _change(then.mean_feeling if then else None, now.mean_feeling if now else None) if then and now else "",
        str(then.pains) if then else "—",
        str(now.pains) if now else "—",
    ]


def _feelings(result: Comparison) -> str:
    rows = [[_pair_label(p.a, p.b), cell(p.stage_b), feeling_text(p.a.feeling), feeling_text(p.b.feeling),
             _change(p.a.feeling, p.b.feeling)] for p in result.feelings_moved]
    if not rows:
        return "No matched touchpoint changed its feeling."
    return table(["Touchpoint", "Stage", "Feeling then", "Feeling now", "Change"], rows)


def _pains(found: list[Pain]) -> str:
    if not found:
        return NOTHING
    rows = [[cell(p.text), _pair_label(p.then, p.now), cell(p.stage)] for p in found]
    return table(["Pain", "Touchpoint", "Stage"], rows)


def _moments(result: Comparison) -> str:
    lines = []
    for then, now in result.moments_new:
        was = f" (was {then.ref}, not a moment of truth then)" if then else " (a new touchpoint)"
        lines.append(bullet(f"**New:** {now.ref} {inline(now.text, indent=2, start=False)}{was}"))
    for then, now in result.moments_lost:
        still = f" (now {now.ref}, no longer a moment of truth)" if now else " (no longer on the journey)"
        lines.append(bullet(f"**No longer:** {then.ref} {inline(then.text, indent=2, start=False)}{still}"))
    return "\n".join(lines) or "The moments of truth are the same."


def _pilots(result: Comparison) -> str:
    parts = []
    if result.pilots:
        parts.append(table(["Then", "Now", "Status then", "Status now", "Matched by"], [
            [f"{p.a.ref} {cell(p.a.name)}", f"{p.b.ref} {cell(p.b.name)}", status(p.a), status(p.b), p.how]
            for p in result.pilots]))
    else:
        parts.append("No pilot was carried over.")
    for label, pilots in (("Only then", result.pilots_only_a), ("Only now", result.pilots_only_b)):
        if pilots:
            parts.append("\n".join(
                [bullet(f"**{label}:**")] + [bullet(f"{p.ref} {inline(p.name, indent=4, start=False)} ({status(p)})", level=1)
                                             for p in pilots]))
    return "\n\n".join(parts)


def _only(result: Comparison, side: str, tps: tuple[Touchpoint, ...]) -> str:
    if not tps:
        return NOTHING
    return table(["Touchpoint", "Stage", "Feeling", "Pains"], [
        [_label(tp), cell(result.stage_name(side, tp.stage)), feeling_text(tp.feeling),
         cell_lines(["• " + cell(p) for p in tp.pains])] for tp in tps])


def _pairing(result: Comparison) -> str | None:
    rows = [[_label(p.a), _label(p.b), cell(p.stage_a), cell(p.stage_b), p.how]
            for p in result.touchpoints if p.how != HOW_SAME]
    if not rows:
        return None
    return table(["Then", "Now", "Stage then", "Stage now", "Matched by"], rows)


def compare_markdown(result: Comparison) -> str:
    """The comparison as GitHub-flavoured Markdown: overview, weakest link, stages, feelings that
    moved, pains gone and new, moments of truth, pilots carried over, touchpoints only on one side."""
    pairing = _pairing(result)
    return blocks(
        heading(1, f"Then and now: {one_line(result.a.title)} → {one_line(result.b.title)}"),
        _overview(result),
        heading(2, "Weakest link"),
        _weakest(result),
        heading(2, "Stages"),
        table(["Stage", "Touchpoints then", "Touchpoints now", "Mean then", "Mean now", "Change",
               "Pains then", "Pains now"], [_stage_row(p) for p in result.stages], right=(1, 2, 6, 7)),
        heading(2, "Feelings that moved"),
        _feelings(result),
        heading(2, "Pains that disappeared"),
        _pains(result.pains_gone),
        heading(2, "Pains that appeared"),
        _pains(result.pains_new),
        heading(2, "Moments of truth"),
        _moments(result),
        heading(2, "Pilots carried over"),
        _pilots(result),
        heading(2, "Touchpoints only then"),
        _only(result, "a", result.only_a),
        heading(2, "Touchpoints only now"),
        _only(result, "b", result.only_b),
        heading(2, "Matched by similar text, a change of stage or by hand") if pairing else None,
        pairing,
    )


__all__ = ["compare_markdown", "to_json"]
