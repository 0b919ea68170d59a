"""Provides the matching of two workshops on the same journey: which stages, touchpoints and pilots
are the same, and what moved between them (feelings, pains, moments of truth, the weakest link).

Stages match by name (case and spacing folded). Touchpoints match within matched stages, first by
the same text (folded), then by similar text (difflib ratio of at least `SIMILAR`), and finally by
the same text in another stage (a touchpoint that moved lanes). What the matching misses can be
paired by hand: `pairs=[("T3", "T9"), ("S2", "S4")]`, a reference in A then one in B.
"""

from __future__ import annotations

import bisect
import difflib
import heapq
import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from rapidfuzz import fuzz as rf_fuzz
from rapidfuzz import process as rf_process

from workshop.domain import views
from workshop.domain.errors import InvalidInput, NotFound
from workshop.domain.model import Pilot, Stage, Touchpoint, WorkshopState
from workshop.domain.views import StageHealth

SIMILAR = 0.8
"""How alike two texts must be (difflib's ratio, 0 … 1) to count as the same touchpoint or pilot."""

HOW_SAME, HOW_SIMILAR, HOW_MOVED, HOW_HAND = "same text", "similar text", "moved stage", "paired by hand"

T = TypeVar("T")


def parse_pair(text: str) -> tuple[str, str]:
    """`T3=T9` (then=now) as a pair of references."""
    left, sep, right = str(text).partition("=")
    if not sep or not left.strip() or not right.strip():
        raise InvalidInput("pair", f"give it as THEN=NOW, like T3=T9 or S2=S4, not {text!r}")
    return left.strip(), right.strip()


def fold_text(text: str) -> str:
    """Text as compared: case, accents of width, punctuation and spacing folded (æøå are kept)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def similarity(a: str, b: str) -> float:
    """How alike two texts are once folded, from 0 to 1."""
    return difflib.SequenceMatcher(None, fold_text(a), fold_text(b), autojunk=False).ratio()


@dataclass(frozen=True)
class StagePair:
    """A stage of A and its match in B (either may be None when it has no match)."""

    a: Stage | None
    b: Stage | None
    health_a: StageHealth | None = None
    health_b: StageHealth | None = None
    how: str = ""

    @property
    def name(self) -> str:
        names = [s.name for s in (self.a, self.b) if s]
        return names[0] if len(names) == 1 or names[0] == names[1] else f"{names[0]} → {names[1]}"


@dataclass(frozen=True)
class TouchpointPair:
    """A touchpoint of A and the one in B it was matched with."""

    a: Touchpoint
    b: Touchpoint
    how: str
    stage_a: str
    stage_b: str

    @property
    def feeling_moved(self) -> bool:
        return self.a.feeling != self.b.feeling

    @property
    def pains_gone(self) -> tuple[str, ...]:
        now = {fold_text(p) for p in self.b.pains}
        return tuple(p for p in self.a.pains if fold_text(p) not in now)

    @property
    def pains_new(self) -> tuple[str, ...]:
        then = {fold_text(p) for p in self.a.pains}
        return tuple(p for p in self.b.pains if fold_text(p) not in then)


@dataclass(frozen=True)
class PilotPair:
    a: Pilot
    b: Pilot
    how: str


@dataclass(frozen=True)
class Pain:
    """One pain that disappeared or appeared, with the touchpoint it belongs to in each workshop."""

    text: str
    stage: str
    then: Touchpoint | None
    now: Touchpoint | None


@dataclass(frozen=True)
class Comparison:
    """What two workshops on the same journey have in common and what moved between them."""

    a: WorkshopState
    b: WorkshopState
    stages: tuple[StagePair, ...]
    touchpoints: tuple[TouchpointPair, ...]
    only_a: tuple[Touchpoint, ...]
    only_b: tuple[Touchpoint, ...]
    pilots: tuple[PilotPair, ...]
    pilots_only_a: tuple[Pilot, ...]
    pilots_only_b: tuple[Pilot, ...]
    weakest_a: StageHealth | None
    weakest_b: StageHealth | None
    _stage_names: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def feelings_moved(self) -> list[TouchpointPair]:
        """Matched touchpoints whose feeling changed, the largest change first."""
        moved = [p for p in self.touchpoints if p.feeling_moved]
        return sorted(moved, key=lambda p: -abs((p.b.feeling or 0) - (p.a.feeling or 0)))

    @property
    def pains_gone(self) -> list[Pain]:
        """Pains noted then and not now (those of touchpoints that are gone included)."""
        found = [Pain(text, p.stage_a, p.a, p.b) for p in self.touchpoints for text in p.pains_gone]
        found += [Pain(text, self._stage_names[f"a:{tp.stage}"], tp, None) for tp in self.only_a for text in tp.pains]
        return found

    @property
    def pains_new(self) -> list[Pain]:
        """Pains noted now and not then (those of new touchpoints included)."""
        found = [Pain(text, p.stage_b, p.a, p.b) for p in self.touchpoints for text in p.pains_new]
        found += [Pain(text, self._stage_names[f"b:{tp.stage}"], None, tp) for tp in self.only_b for text in tp.pains]
        return found

    @property
    def moments_new(self) -> list[tuple[Touchpoint | None, Touchpoint]]:
        """Moments of truth now that were not then: (the touchpoint then or None, now)."""
        found: list[tuple[Touchpoint | None, Touchpoint]] = [
            (p.a, p.b) for p in self.touchpoints if p.b.moment_of_truth and not p.a.moment_of_truth]
        return found + [(None, tp) for tp in self.only_b if tp.moment_of_truth]

    @property
    def moments_lost(self) -> list[tuple[Touchpoint, Touchpoint | None]]:
        """Moments of truth then that are not now: (then, the touchpoint now or None)."""
        found: list[tuple[Touchpoint, Touchpoint | None]] = [
            (p.a, p.b) for p in self.touchpoints if p.a.moment_of_truth and not p.b.moment_of_truth]
        return found + [(tp, None) for tp in self.only_a if tp.moment_of_truth]

    def stage_name(self, side: str, ref: str) -> str:
        """The name of stage `ref` in workshop `side` ("a" or "b")."""
        return self._stage_names[f"{side}:{ref}"]


CANDIDATES = 10
"""How many of the closest texts (by rapidfuzz's ratio, an upper bound of difflib's) each text is
scored against with difflib when looking for similar text."""

WINDOW = 5_000
"""How many texts of the other workshop (those nearest in length) each text is screened against for
similar text; a stage this large on both sides is far beyond a real workshop, and below it the
screening covers every pair."""


def _exact(left: list[T], right: list[T], key: Callable[[T], str], *, empty: bool = False) -> list[tuple[T, T]]:
    """Items with the same key, each used once, in order on the left, each taking the first free
    one on the right (what pairing every equal pair best-first gives); by hashing, so n·log n at
    most. An empty key matches nothing unless `empty`."""
    waiting: dict[str, deque[T]] = {}
    for y in right:
        waiting.setdefault(key(y), deque()).append(y)
    pairs = []
    for x in left:
        k = key(x)
        found = waiting.get(k)
        if found and (k or empty):
            pairs.append((x, found.popleft()))
    return pairs


def _candidates(texts_l: list[str], texts_r: list[str], threshold: float, *,
                empty_alike: bool) -> dict[tuple[int, int], float]:
    """Pairs (i, j) whose texts may be alike at `threshold` or more, screened in C by rapidfuzz's
    ratio (twice the longest common subsequence over both lengths: never below difflib's ratio,
    so no pair that difflib would find alike is left out); the `CANDIDATES` best for each text on
    the left, each screened against at most `WINDOW` texts on the right. Two empty texts are
    alike (difflib's ratio is 1) when `empty_alike`: the empty ones pair in order, as the
    best-first pairing of equal scores would pair them; else an empty text is left out. Returns
    each pair with its screening score, a bound difflib's ratio does not exceed."""
    found: dict[tuple[int, int], float] = {}
    if empty_alike:
        empty_r = (j for j, t in enumerate(texts_r) if not t)
        found.update((pair, 1.0) for pair in zip((i for i, t in enumerate(texts_l) if not t), empty_r))
    if not texts_l or not any(texts_r):
        return found
    cutoff = threshold * 100 - 1e-6
    order = sorted((j for j, t in enumerate(texts_r) if t), key=lambda j: len(texts_r[j]))
    ordered = [texts_r[j] for j in order]
    lengths = [len(t) for t in ordered]
    for i, text in enumerate(texts_l):
        if not text:
            continue
        lo = 0
        if len(ordered) > WINDOW:
            lo = max(0, min(bisect.bisect_left(lengths, len(text)) - WINDOW // 2, len(ordered) - WINDOW))
        window = ordered[lo:lo + WINDOW] if len(ordered) > WINDOW else ordered
        for _choice, score, k in rf_process.extract(text, window, scorer=rf_fuzz.ratio, processor=None,
                                                   score_cutoff=cutoff, limit=CANDIDATES):
            found[(i, order[lo + k])] = score / 100 + 1e-9  # a hair above: rounding never hides a pair
    return found


def _similar(left: list[T], right: list[T], texts: Callable[[T], list[str]],
             score: Callable[[T, T], float], threshold: float, *, empty_alike: bool = False) -> list[tuple[T, T]]:
    """Pairs of similar items, best score first (then by position on the left, then on the right),
    each item used once, scores (`score`, difflib) at or above `threshold`. Each text `texts`
    gives for an item is screened against the same text of the items on the other side
    (`_candidates`), and a pair is scored only when its screening bound says it could still be
    the best one left whose items are both free: the order is the one scoring every pair gives."""
    if not left or not right:
        return []
    bounds: dict[tuple[int, int], float] = {}
    for n in range(len(texts(left[0]))):
        found = _candidates([texts(x)[n] for x in left], [texts(y)[n] for y in right], threshold,
                            empty_alike=empty_alike)
        for pair, bound in found.items():
            bounds[pair] = max(bound, bounds.get(pair, 0.0))
    # (-value, 0 for a bound / 1 for a score, i, j): at equal values a bound is scored first, so a
    # score taken is never below a pair not yet scored.
    heap = [(-bound, 0, i, j) for (i, j), bound in bounds.items()]
    heapq.heapify(heap)
    used_l: set[int] = set()
    used_r: set[int] = set()
    pairs = []
    while heap:
        value, scored, i, j = heapq.heappop(heap)
        if -value < threshold:
            break
        if i in used_l or j in used_r:
            continue
        if not scored:
            heapq.heappush(heap, (-score(left[i], right[j]), 1, i, j))
            continue
        used_l.add(i)
        used_r.add(j)
        pairs.append((left[i], right[j]))
    return pairs


def _hand_pairs(a: WorkshopState, b: WorkshopState, pairs: Iterable[tuple[str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    """Manual pairs checked against both workshops: (stage pairs, touchpoint pairs), A ref → B ref."""
    stages: dict[str, str] = {}
    touchpoints: dict[str, str] = {}
    used_b: set[str] = set()
    for raw_a, raw_b in pairs:
        ref_a, ref_b = str(raw_a).strip().upper(), str(raw_b).strip().upper()
        kind = ref_a[:1]
        if kind not in ("S", "T") or ref_b[:1] != kind:
            raise InvalidInput("pair", f"{raw_a}={raw_b}: pair a stage with a stage (S2=S4) or a "
                                       "touchpoint with a touchpoint (T3=T9)")
        lookup = (lambda s, r: next((x for x in s.stages if x.ref == r), None)) if kind == "S" else (
            lambda s, r: s.touchpoint(r))
        for state, ref in ((a, ref_a), (b, ref_b)):
            if lookup(state, ref) is None:
                raise NotFound(f"pair: no {'stage' if kind == 'S' else 'touchpoint'} {ref} in {state.title!r}")
        target = stages if kind == "S" else touchpoints
        if ref_a in target or ref_b in used_b:
            raise InvalidInput("pair", f"{ref_a if ref_a in target else ref_b} is paired more than once")
        target[ref_a] = ref_b
        used_b.add(ref_b)
    return stages, touchpoints


def compare(a: WorkshopState, b: WorkshopState, *, pairs: Iterable[tuple[str, str]] = (),
            threshold: float = SIMILAR) -> Comparison:
    """Compare workshop `a` (then) with `b` (now)."""
    hand_stages, hand_tps = _hand_pairs(a, b, pairs)
    stage_a = {s.ref: s for s in a.stages}
    stage_b = {s.ref: s for s in b.stages}
    matched: list[tuple[Stage, Stage, str]] = [(stage_a[x], stage_b[y], HOW_HAND) for x, y in hand_stages.items()]
    rest_a = [s for s in a.stages if s.ref not in hand_stages]
    rest_b = [s for s in b.stages if s.ref not in hand_stages.values()]
    matched += [(x, y, HOW_SAME) for x, y in _exact(rest_a, rest_b, lambda s: fold_text(s.name))]

    # Touchpoints: by hand, then per matched stage by the same and by similar text, then moved.
    tp_pairs: list[tuple[Touchpoint, Touchpoint, str]] = [
        (a.touchpoint(x), b.touchpoint(y), HOW_HAND) for x, y in hand_tps.items()]  # type: ignore[misc]
    taken_a = set(hand_tps)
    taken_b = set(hand_tps.values())

    folded: dict[int, str] = {}

    def text_of(tp: Touchpoint) -> str:
        key = id(tp)
        if key not in folded:
            folded[key] = fold_text(tp.text)
        return folded[key]

    def free(state: WorkshopState, stage: str | None, taken: set[str]) -> list[Touchpoint]:
        tps = state.journey() if stage is None else state.touchpoints_in(stage)
        return [tp for tp in tps if tp.ref not in taken]

    def take(found: list[tuple[Touchpoint, Touchpoint]], how: str) -> None:
        for x, y in found:
            tp_pairs.append((x, y, how))
            taken_a.add(x.ref)
            taken_b.add(y.ref)

    def alike(x: Touchpoint, y: Touchpoint) -> float:
        return difflib.SequenceMatcher(None, text_of(x), text_of(y), autojunk=False).ratio()

    for sa, sb, _how in matched:
        take(_exact(free(a, sa.ref, taken_a), free(b, sb.ref, taken_b), text_of), HOW_SAME)
    for sa, sb, _how in matched:
        take(_similar(free(a, sa.ref, taken_a), free(b, sb.ref, taken_b), lambda t: [text_of(t)], alike,
                      threshold, empty_alike=True), HOW_SIMILAR)
    take(_exact(free(a, None, taken_a), free(b, None, taken_b), text_of), HOW_MOVED)

    health_a = {h.stage.ref: h for h in views.stage_health(a)}
    health_b = {h.stage.ref: h for h in views.stage_health(b)}
    by_a = {sa.ref: (sa, sb, how) for sa, sb, how in matched}
    matched_b = {sb.ref for _sa, sb, _how in matched}
    stage_pairs = [
        StagePair(s, by_a[s.ref][1], health_a[s.ref], health_b[by_a[s.ref][1].ref], by_a[s.ref][2])
        if s.ref in by_a else StagePair(s, None, health_a[s.ref], None)
        for s in a.stages
    ]
    # A stage only in B goes after the last pair whose B stage comes before it: journey order.
    for s in b.stages:
        if s.ref in matched_b:
            continue
        index = max((i + 1 for i, p in enumerate(stage_pairs) if p.b and p.b.position < s.position), default=0)
        stage_pairs.insert(index, StagePair(None, s, None, health_b[s.ref]))

    names = {f"a:{s.ref}": s.name for s in a.stages} | {f"b:{s.ref}": s.name for s in b.stages}
    order_b = {tp.ref: i for i, tp in enumerate(b.journey())}
    tp_pairs.sort(key=lambda p: order_b[p[1].ref])
    touchpoint_pairs = tuple(
        TouchpointPair(x, y, how, names[f"a:{x.stage}"], names[f"b:{y.stage}"]) for x, y, how in tp_pairs)

    pilot_pairs = _match_pilots(a, b, threshold)
    paired_a = {p.a.ref for p in pilot_pairs}
    paired_b = {p.b.ref for p in pilot_pairs}
    return Comparison(
        a=a, b=b,
        stages=tuple(stage_pairs),
        touchpoints=touchpoint_pairs,
        only_a=tuple(tp for tp in a.journey() if tp.ref not in taken_a),
        only_b=tuple(tp for tp in b.journey() if tp.ref not in taken_b),
        pilots=tuple(pilot_pairs),
        pilots_only_a=tuple(p for p in a.pilots if p.ref not in paired_a),
        pilots_only_b=tuple(p for p in b.pilots if p.ref not in paired_b),
        weakest_a=views.weakest_link(a),
        weakest_b=views.weakest_link(b),
        _stage_names=names,
    )


def _match_pilots(a: WorkshopState, b: WorkshopState, threshold: float) -> list[PilotPair]:
    """Pilots carried over: the same name, else the same concept (its big idea), else a similar
    name or concept."""

    def concept_text(state: WorkshopState, pilot: Pilot) -> str:
        concept = state.concept(pilot.concept)
        return fold_text(concept.big_idea) if concept else ""

    result: list[PilotPair] = []
    left, right = list(a.pilots), list(b.pilots)
    names = {id(p): fold_text(p.name) for p in (*left, *right)}
    concepts = {id(p): concept_text(a, p) for p in left} | {id(p): concept_text(b, p) for p in right}

    def alike(x: Pilot, y: Pilot) -> float:
        by_name = difflib.SequenceMatcher(None, names[id(x)], names[id(y)], autojunk=False).ratio()
        by_concept = difflib.SequenceMatcher(None, concepts[id(x)], concepts[id(y)]).ratio() if concepts[id(x)] else 0.0
        return max(by_name, by_concept)

    steps: list[tuple[str, Callable[[list[Pilot], list[Pilot]], list[tuple[Pilot, Pilot]]]]] = [
        (HOW_SAME, lambda xs, ys: _exact(xs, ys, lambda p: names[id(p)], empty=True)),
        ("same concept", lambda xs, ys: _exact(xs, ys, lambda p: concepts[id(p)])),
        (HOW_SIMILAR, lambda xs, ys: _similar(
            xs, ys, lambda p: [names[id(p)], concepts[id(p)]], alike, threshold)),
    ]
    for how, find in steps:
        found = find(left, right)
        gone = {id(x) for x, _y in found} | {id(y) for _x, y in found}
        result += [PilotPair(x, y, how) for x, y in found]
        left = [p for p in left if id(p) not in gone]
        right = [p for p in right if id(p) not in gone]
    return result


__all__ = ["Comparison", "Pain", "PilotPair", "StagePair", "TouchpointPair", "compare", "fold_text",
           "similarity"]
