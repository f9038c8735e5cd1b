"""The aligner's settings and its progress callback."""

from __future__ import annotations

from dataclasses import dataclass

from collate.errors import ConfigError
from collate.model import Progress

__all__ = ["CELL_BUDGET", "AlignOptions", "Progress"]

CELL_BUDGET = 16_000_000
"""Gaps up to this size (tokens × tokens) are aligned exactly without anchors; larger ones
are anchored first, and one with no anchor is aligned in windows of this many cells (about
4,000 tokens a side, 2 MB of bits and a few milliseconds each), so that the work grows with
the gap's length, not with its square."""


@dataclass(frozen=True, slots=True)
class AlignOptions:
    """Settings of the aligner.

    - ``near_match``: within a variant region, tokens whose Levenshtein ratio is at least this
      are aligned with each other (``0`` turns near matching off).
    - ``transposition_min``: the fewest tokens a moved block must have to be recorded as a
      transposition (``0`` turns detection off). A block shorter than `LONG_MOVE` tokens
      counts only where it moved at most `SHORT_MOVE_REACH` tokens (two words swapped, a
      word put a few words on): a short block found far away is a common word met by chance.
    - ``cell_budget``: the largest gap without anchors aligned exactly, in cells (its tokens
      × tokens); a larger one is aligned in windows of this many cells, and the alignment's
      ``limits`` say where (`CELL_BUDGET`).
    """

    near_match: float = 0.6
    transposition_min: int = 1
    cell_budget: int = CELL_BUDGET

    def __post_init__(self) -> None:
        if not 0 <= self.near_match <= 1:
            raise ConfigError(f"near_match must be between 0 and 1, not {self.near_match}")
        if self.transposition_min < 0:
            raise ConfigError(f"transposition_min must be 0 or more, not {self.transposition_min}")
        if self.cell_budget < 16:
            raise ConfigError(f"cell_budget must be 16 or more, not {self.cell_budget}")
