"""Provides how the exports say the workshop's figures in words: feelings with their faces,
signed numbers with a true minus sign, channels, counts with their nouns, and user text cut short
for a summary line."""

from __future__ import annotations

import unicodedata

from workshop.domain.values import FEELINGS

FACES = {-2: "😠", -1: "🙁", 0: "😐", 1: "🙂", 2: "😄"}
MOMENT = "★"
"""The mark of a moment of truth, in the diagrams, the tables and the glance alike."""

CHANNELS = {
    "web": "on the web", "app": "in the app", "email": "by email", "phone": "by phone",
    "chat": "in a chat", "store": "in a store", "social": "on social media", "letter": "by letter",
    "in person": "in person", "other": "another channel",
}
"""Where a touchpoint happens, as it reads after the customer's words."""


def signed(value: float) -> str:
    """A feeling as the room says it: −1, 0, +2, −1.5 (with a true minus sign)."""
    text = f"{value:+.1f}" if isinstance(value, float) and not value.is_integer() else f"{int(value):+d}"
    return "0" if text in ("+0", "-0", "+0.0", "-0.0") else text.replace("-", "−")


def feeling_text(feeling: int | None) -> str:
    """A feeling as word, number and face, or 'not rated'."""
    if feeling is None:
        return "not rated"
    return f"{FACES[feeling]} {FEELINGS[feeling]} ({signed(feeling)})"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """`1 touchpoint`, `3 touchpoints`."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _joins_previous(ch: str) -> bool:
    """Whether a character belongs to the one before it (an accent, a joiner, a skin tone, a
    variation selector), so text must not be cut just before it."""
    code = ord(ch)
    return (unicodedata.combining(ch) > 0 or unicodedata.category(ch) in ("Mn", "Me", "Mc")
            or code == 0x200D or 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF
            or 0xE0020 <= code <= 0xE007F)


def safe_cut(text: str, end: int) -> int:
    """The nearest place at or before `end` where `text` can be cut without splitting a letter
    from its accent, an emoji sequence or a flag."""
    end = max(0, min(end, len(text)))
    while 0 < end < len(text) and (_joins_previous(text[end]) or text[end - 1] == "\u200d"):
        end -= 1
    # Flags are pairs of regional indicators: never keep half of one.
    run = 0
    while run < end and 0x1F1E6 <= ord(text[end - 1 - run]) <= 0x1F1FF:
        run += 1
    return end - 1 if run % 2 else end


def shorten(text: str, limit: int) -> str:
    """User text on one line, at most about `limit` characters: cut at the last space that fits
    and ended with `…`; the whole text when it fits."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    if cut < limit // 2:
        cut = safe_cut(flat, limit - 1)
    return flat[:cut].rstrip() + "…"
