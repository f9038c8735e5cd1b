"""Transpositions: a block one witness has at one place and another at another, linked as one
move between two units."""

from __future__ import annotations

import bisect
import itertools
from collections import Counter

from collate.aligner.table import _Matchable
from collate.model import Span, Transposition, Unit

LONG_MOVE = 3
"""Blocks of this many tokens or more are transpositions wherever they stand."""

SHORT_MOVE_REACH = 8
"""How far (in tokens) a shorter block may have moved and still count as a transposition,
unless one of its words occurs once in each witness ("this morning" moved to the end)."""
EDIT_GAP = 3
"""The most tokens, on each side, between two pieces of one block moved and edited."""


def _transpositions(
    seqs: list[_Matchable], units: tuple[Unit, ...], ranges: list[list[tuple[int, int]]], minimum: int
) -> tuple[Transposition, ...]:
    """Blocks of ``minimum`` or more tokens that two witnesses have at different places.

    For each pair of witnesses, the tokens one has in units where the other reads nothing
    (its additions) are looked up among the other's additions; a block found in both is a
    move, recorded once per pair of units. Pieces of one block found in order, at most
    `EDIT_GAP` tokens apart on both sides, are one block moved and edited: the move spans
    them all, and ``tokens`` counts the tokens the two share.
    """
    found: dict[tuple[int, int], list[int]] = {}  # units: x, y, x's block, y's block, tokens shared
    # For each witness, the units where it reads nothing, and those where it has a block.
    empty = [{u for u, r in enumerate(ranges) if r[w][0] == r[w][1]} for w in range(len(seqs))]
    blocks = [[u for u, r in enumerate(ranges) if r[w][1] - r[w][0] >= minimum] for w in range(len(seqs))]
    counts = [Counter(s.codes) for s in seqs]  # once per witness, not once per pair
    sizes = sorted({max(minimum, LONG_MOVE), minimum}, reverse=True)
    by_siglum = sorted(range(len(seqs)), key=lambda w: seqs[w].witness.siglum)  # not input order
    for x, y in itertools.combinations(by_siglum, 2):
        alone_x = [(u, ranges[u][x]) for u in blocks[x] if u in empty[y]]
        alone_y = [(u, ranges[u][y]) for u in blocks[y] if u in empty[x]]
        if not alone_x or not alone_y:
            continue
        cx, cy = seqs[x].codes, seqs[y].codes
        once_x, once_y = counts[x], counts[y]
        unique = {c for c, n in once_x.items() if n == 1 and once_y.get(c) == 1}  # in each once
        index: dict[tuple[int, ...], list[tuple[int, int, int]]] = {}
        for u, (start, end) in alone_x:
            for size in sizes:
                for k in range(start, end - size + 1):
                    index.setdefault(cx[k : k + size], []).append((k, u, end))
        for uy, (start, end) in alone_y:
            here = ranges[uy][x][0]  # where the block would stand in x
            k = start
            while k <= end - minimum:
                best: tuple[int, int, int, int] | None = None  # length, -distance, i, ux
                for size in sizes:
                    if k + size > end:
                        continue
                    for i, ux, x_end in _nearest(index.get(cy[k : k + size], []), here):
                        length = size
                        while k + length < end and i + length < x_end and cy[k + length] == cx[i + length]:
                            length += 1
                        if ux == uy:
                            continue
                        if (
                            length < LONG_MOVE
                            and abs(here - i) > SHORT_MOVE_REACH
                            and unique.isdisjoint(cx[i : i + length])
                        ):
                            continue  # a short block far away, of common words: met by chance
                        if best is None or (length, -abs(here - i)) > best[:2]:
                            best = (length, -abs(here - i), i, ux)
                    if best is not None:
                        break
                if best is None:
                    k += 1
                    continue
                length, _, i, ux = best
                key = (min(ux, uy), max(ux, uy))
                piece = found.get(key)
                if piece is None:
                    found[key] = [x, y, i, i + length, k, k + length, length]
                elif piece[:2] == [x, y] and 0 <= i - piece[3] <= EDIT_GAP and 0 <= k - piece[5] <= EDIT_GAP:
                    # the same block further on, past a few changed words: moved and edited
                    piece[3], piece[5], piece[6] = i + length, k + length, piece[6] + length
                k += length
    return tuple(
        _move(number, units, key, seqs[x], seqs[y], (i0, i1), (k0, k1), tokens)
        for number, (key, (x, y, i0, i1, k0, k1, tokens)) in enumerate(found.items(), 1)
    )


def _nearest(places: list[tuple[int, int, int]], here: int, count: int = 4) -> list[tuple[int, int, int]]:
    """The ``count`` places on either side of token ``here`` (``places`` sorted by token)."""
    at = bisect.bisect_left(places, (here,))
    return places[max(0, at - count) : at + count]


def _move(
    number: int,
    units: tuple[Unit, ...],
    key: tuple[int, int],
    x: _Matchable,
    y: _Matchable,
    block_x: tuple[int, int],
    block_y: tuple[int, int],
    tokens: int,
) -> Transposition:
    def span(seq: _Matchable, block: tuple[int, int]) -> Span:
        where = seq.witness.tokens
        return Span(where[seq.positions[block[0]]].start, where[seq.positions[block[1] - 1]].end)

    return Transposition(
        f"t{number}",
        (units[key[0]].id, units[key[1]].id),
        (x.witness.siglum, y.witness.siglum),
        (span(x, block_x), span(y, block_y)),
        tokens,
    )
