"""Helpers the detectors share: matchable words, confidence from named features."""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence

from collate.model import Alignment, Token, TokenKind, Unit, Witness


def words(witness: Witness) -> list[Token]:
    """The witness's word tokens that take part in matching (no punctuation, no insertions)."""
    return [t for t in witness.tokens if t.norm and t.kind is TokenKind.WORD]


def confidence(features: Mapping[str, float], bias: float) -> float:
    """A logistic confidence from additive feature weights (the weights are the features)."""
    return 1.0 / (1.0 + math.exp(-(bias + sum(features.values()))))


def shorten(text: str, keep: int = 3) -> str:
    """A long passage as its first and last words: ``the main lines ... should be only``."""
    parts = text.split()
    if len(parts) <= 2 * keep + 1:
        return " ".join(parts)
    return f"{' '.join(parts[:keep])} ... {' '.join(parts[-keep:])}"


class Collation:
    """The witnesses and their alignment (if any), with what the detectors look up often
    computed once: each witness's words, and where each unit starts in it."""

    def __init__(self, witnesses: Sequence[Witness], alignment: Alignment | None) -> None:
        self.alignment = alignment
        self.witnesses = {w.siglum: w for w in witnesses}
        self._words: dict[str, list[Token]] = {}
        self._starts: dict[str, list[int]] = {}
        self._unit_starts: dict[str, list[int]] = {}

    def words(self, siglum: str) -> list[Token]:
        if siglum not in self._words:
            self._words[siglum] = words(self.witnesses[siglum])
        return self._words[siglum]

    def word_starts(self, siglum: str) -> list[int]:
        if siglum not in self._starts:
            self._starts[siglum] = [t.start for t in self.words(siglum)]
        return self._starts[siglum]

    def units_over(self, siglum: str, start: int, end: int) -> list[Unit]:
        """The units whose span in ``siglum`` overlaps ``[start, end)``."""
        if self.alignment is None:
            return []
        if siglum not in self._unit_starts:
            self._unit_starts[siglum] = [
                unit.reading_of(siglum).spans[siglum].start  # type: ignore[union-attr]
                for unit in self.alignment.units
            ]
        starts = self._unit_starts[siglum]
        first = max(0, bisect.bisect_right(starts, start) - 1)
        last = bisect.bisect_left(starts, end, lo=first)
        return list(self.alignment.units[first : max(last, first + 1)])
