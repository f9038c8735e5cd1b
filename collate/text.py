"""Passages shortened for a message or a report, in one place: by words (`shorten`, a long
passage as its first and last words) or by characters (`clip`, at most so many)."""

from __future__ import annotations


def shorten(text: str, keep: int = 3) -> str:
    """A long passage as its first and last words: ``the main lines ... should be only``.

    >>> shorten("one two three four five six seven eight"), shorten("a  b\\nc")
    ('one two three ... six seven eight', 'a b c')
    """
    parts = text.split()
    if len(parts) <= 2 * keep + 1:
        return " ".join(parts)
    return f"{' '.join(parts[:keep])} ... {' '.join(parts[-keep:])}"


def clip(text: str, size: int = 40) -> str:
    """``text`` on one line, its spaces collapsed, cut to at most ``size`` characters with an
    ellipsis where it was cut.

    >>> clip("a long\\nline of words", 10)
    'a long li…'
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"
