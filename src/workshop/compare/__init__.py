"""Provides the comparison of two workshops on the same journey: what matched, what moved, and the
comparison as JSON and as Markdown (`compare`, `to_json`, `compare_markdown`), and a pair
given by hand read from `THEN=NOW` (`parse_pair`)."""

from __future__ import annotations

from workshop.compare.match import (
    SIMILAR,
    Comparison,
    Pain,
    PilotPair,
    StagePair,
    TouchpointPair,
    compare,
    fold_text,
    parse_pair,
    similarity,
)
from workshop.compare.report import compare_markdown, to_json

__all__ = ["SIMILAR", "Comparison", "Pain", "PilotPair", "StagePair", "TouchpointPair", "compare",
           "compare_markdown", "fold_text", "parse_pair", "similarity", "to_json"]
