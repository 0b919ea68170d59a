"""Matching at scale: every touchpoint with the same text is found among 2,000 on each side, and on
small random workshops the matching is exactly what scoring every pair gives (the best pair first,
each touchpoint and pilot used once)."""

from __future__ import annotations

import difflib
import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.compare import SIMILAR, compare, fold_text
from workshop.domain import model

WORDS = ["Kunden", "venter", "på", "pakken", "sjåføren", "ringer", "ikke", "før", "levering", "får",
         "SMS", "om", "forsinkelse", "ser", "annonse", "for", "jord", "og", "gjødsel", "i", "kassa",
         "Åse", "bestiller", "hagebenk", "Søren", "klager", "på", "returen", "!!", "…"]


def _state(slug: str, touchpoints: list[tuple[int, str]], stages: int,
           pilots: list[tuple[str, str]] = ()) -> model.WorkshopState:
    tables: dict[str, dict[str, dict[str, Any]]] = {
        "stage": {f"S{s}": {"name": f"Fase {s}", "position": s} for s in range(1, stages + 1)},
        "touchpoint": {f"T{n}": {"stage": f"S{stage}", "position": n, "text": text}
                       for n, (stage, text) in enumerate(touchpoints, 1)},
        "idea": {f"I{n}": {"text": f"Idé {n}"} for n in range(1, len(pilots) + 1)},
        "concept": {f"C{n}": {"idea": f"I{n}", "big_idea": big} for n, (_name, big) in enumerate(pilots, 1)},
        "pilot": {f"P{n}": {"concept": f"C{n}", "name": name} for n, (name, _big) in enumerate(pilots, 1)},
    }
    return model.build({"uid": slug * 8, "slug": slug, "title": slug}, tables)


def test_every_same_text_is_matched_among_two_thousand_touchpoints_each() -> None:
    rng = random.Random(7)
    then = [(rng.randint(1, 6), f"Kunden {rng.choice(WORDS)} {rng.choice(WORDS)} i sak {n} (æøå)")
            for n in range(2000)]
    now = [(stage, text.upper() if n % 5 == 0 else text) for n, (stage, text) in enumerate(then)]
    rng.shuffle(now)
    result = compare(_state("then", then, 6), _state("nowx", now, 6))
    assert len(result.touchpoints) == 2000 and not result.only_a and not result.only_b
    assert {p.how for p in result.touchpoints} == {"same text"}
    assert all(fold_text(p.a.text) == fold_text(p.b.text) and p.stage_a == p.stage_b for p in result.touchpoints)


# the reference: every pair scored, best first -----------------------------------------------------


def _greedy(left: list[Any], right: list[Any], score: Any, threshold: float) -> list[tuple[Any, Any]]:
    scored = sorted(((score(x, y), i, j) for i, x in enumerate(left) for j, y in enumerate(right)),
                    key=lambda s: (-s[0], s[1], s[2]))
    used_l: set[int] = set()
    used_r: set[int] = set()
    pairs = []
    for value, i, j in scored:
        if value >= threshold and i not in used_l and j not in used_r:
            used_l.add(i)
            used_r.add(j)
            pairs.append((left[i], right[j]))
    return pairs


def _ratio(a: str, b: str, autojunk: bool = False) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=autojunk).ratio()


def _reference_touchpoints(a: model.WorkshopState, b: model.WorkshopState) -> set[tuple[str, str, str]]:
    """What scoring every pair gives: stages are named alike here, so stage Sn matches Sn."""
    taken_a: set[str] = set()
    taken_b: set[str] = set()
    found: set[tuple[str, str, str]] = set()

    def free(state: model.WorkshopState, stage: str | None, taken: set[str]) -> list[model.Touchpoint]:
        return [tp for tp in state.journey() if tp.ref not in taken and (stage is None or tp.stage == stage)]

    def take(pairs: list[tuple[Any, Any]], how: str) -> None:
        for x, y in pairs:
            found.add((x.ref, y.ref, how))
            taken_a.add(x.ref)
            taken_b.add(y.ref)

    def same(x: Any, y: Any) -> float:
        return 1.0 if fold_text(x.text) and fold_text(x.text) == fold_text(y.text) else 0.0

    stages = [s.ref for s in a.stages]
    for s in stages:
        take(_greedy(free(a, s, taken_a), free(b, s, taken_b), same, 1.0), "same text")
    for s in stages:
        take(_greedy(free(a, s, taken_a), free(b, s, taken_b),
                     lambda x, y: _ratio(fold_text(x.text), fold_text(y.text)), SIMILAR), "similar text")
    take(_greedy(free(a, None, taken_a), free(b, None, taken_b), same, 1.0), "moved stage")
    return found


def _reference_pilots(a: model.WorkshopState, b: model.WorkshopState) -> set[tuple[str, str, str]]:
    def big(state: model.WorkshopState, p: model.Pilot) -> str:
        return fold_text(state.concept(p.concept).big_idea)

    left, right = list(a.pilots), list(b.pilots)
    found = set()
    steps = [
        ("same text", lambda x, y: float(fold_text(x.name) == fold_text(y.name)), 1.0),
        ("same concept", lambda x, y: float(bool(big(a, x)) and big(a, x) == big(b, y)), 1.0),
        ("similar text", lambda x, y: max(_ratio(fold_text(x.name), fold_text(y.name)),
                                          _ratio(big(a, x), big(b, y), True) if big(a, x) else 0.0), SIMILAR),
    ]
    for how, score, limit in steps:
        for x, y in _greedy(left, right, score, limit):
            found.add((x.ref, y.ref, how))
            left.remove(x)
            right.remove(y)
    return found


_TEXT = st.lists(st.sampled_from(WORDS), min_size=0, max_size=6).map(" ".join)


@st.composite
def _edited(draw: Any, text: str) -> str:
    """The same text written again: as it was, in capitals, or with a word changed, added or left
    out, so that many texts are alike and compete for the same partner."""
    words = text.split()
    how = draw(st.sampled_from(["same", "upper", "change", "add", "drop"]))
    if how == "upper":
        return text.upper()
    if how in ("change", "drop") and words:
        i = draw(st.integers(0, len(words) - 1))
        words[i:i + 1] = [] if how == "drop" else [draw(st.sampled_from(WORDS))]
    elif how == "add":
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(WORDS)))
    return " ".join(words)


@st.composite
def _sides(draw: Any) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    base = draw(st.lists(_TEXT, min_size=1, max_size=3))
    then = [(draw(st.integers(1, 2)), draw(_edited(draw(st.sampled_from(base))))) for _ in range(draw(st.integers(0, 9)))]
    now = [(draw(st.integers(1, 2)), draw(_edited(draw(st.sampled_from(base))))) for _ in range(draw(st.integers(0, 9)))]
    return then, now


@st.composite
def _pilots(draw: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    names = draw(st.lists(_TEXT.filter(str.strip), min_size=1, max_size=3))
    bigs = draw(st.lists(_TEXT, min_size=1, max_size=3))

    def side() -> list[tuple[str, str]]:
        return [(draw(_edited(draw(st.sampled_from(names)))) or "x", draw(_edited(draw(st.sampled_from(bigs)))))
                for _ in range(draw(st.integers(0, 5)))]
    return side(), side()


@settings(max_examples=300, deadline=None)
@given(touchpoints=_sides(), pilots=_pilots())
def test_the_matching_is_what_scoring_every_pair_gives(touchpoints, pilots) -> None:
    a = _state("then", touchpoints[0], 2, pilots[0])
    b = _state("nowx", touchpoints[1], 2, pilots[1])
    result = compare(a, b)
    assert {(p.a.ref, p.b.ref, p.how) for p in result.touchpoints} == _reference_touchpoints(a, b)
    assert {(p.a.ref, p.b.ref, p.how) for p in result.pilots} == _reference_pilots(a, b)
