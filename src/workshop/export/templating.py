"""Provides the Jinja2 templates of the exports that are HTML or SVG (the printable journey map
and the emotion curve), with autoescaping always on: whatever a user typed is text in them, never
markup, in an element or in an attribute.

Jinja2 is loaded on the first rendering, so the Markdown, CSV and JSON exports never load it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters an XML document cannot hold at all, escaped or not (the domain already refuses
the controls; the two non-characters it lets through)."""


def _printable(value: Any) -> Any:
    """A value as it goes into a page: text that XML cannot hold gets U+FFFD in its place.
    Template output (macros, already markup) passes as it is."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return _NOT_IN_XML.sub("\ufffd", value)
    return value


@cache
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("workshop.export", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_printable,
    )


def render(template: str, **context: Any) -> str:
    """A template from `templates/` filled with `context`; every value is escaped as it goes in."""
    return _environment().get_template(template).render(**context)
