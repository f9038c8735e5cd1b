"""Align witnesses into variant units that tile every witness.

How it works (see docs/aligner.md for the measured figures):

1. **Interning.** Each witness is reduced to its matchable tokens (a non-empty ``norm``),
   each norm interned as an integer.
2. **Pairwise alignment, anchored.** Tokens unique in both sequences are anchors; the longest
   chain of anchors in the same order (patience sorting, O(a log a)) fixes the alignment's
   skeleton. Each gap between anchors is aligned the same way, recursively, on the tokens
   unique inside the gap; a gap with no unique token left is aligned exactly (a longest
   common subsequence, bit-parallel), or, when its tokens × tokens exceed `CELL_BUDGET`, in
   windows of that many cells one after another (`_windowed_opcodes`), and the alignment
   says so in its ``limits``. No bound is counted in seconds. Inside a gap,
   a run of deleted tokens facing a run of inserted ones is paired by spelling (Levenshtein
   ratio) so that ``encreased`` stands against ``increased``.
3. **Several witnesses.** Witnesses are merged one by one into a table of columns, each new
   witness aligned against the columns' majority reading. The merge order depends only on the
   witnesses themselves (most central first, then by similarity, ties by siglum), never on
   the order they were given in, so permuting the inputs gives the same units.
4. **Units.** Consecutive columns that split the witnesses the same way (the same groups of
   agreeing witnesses, and the same witnesses reading nothing) form one unit, so that a
   substitution and an omission next to it are two units, as in CollateX's segmentation. Tokens
   that take no part in matching (leading space, ignored punctuation, editorial insertions)
   ride in the unit of the matchable token before them, so that in unit order each
   witness's character spans are contiguous and cover its whole text.
5. **Transpositions.** A block of at least ``transposition_min`` tokens that one witness has
   at one place and another at a different place is recorded as one `Transposition` linking
   the two units, not left as an unrelated omission and addition.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from collate._gc import pauses_gc
from collate.aligner.moves import _transpositions
from collate.aligner.options import CELL_BUDGET, AlignOptions, Progress
from collate.aligner.pairwise import _Pairwise, _Vocabulary, encode, match_pairs
from collate.aligner.refine import _refine
from collate.aligner.table import (
    _against_every_reading,
    _Matchable,
    _merge_order,
    _slide,
    _Table,
    _unsplit_moves,
)
from collate.aligner.units import _units, tiling_errors
from collate.errors import InputError
from collate.model import Alignment, Witness

__all__ = ["CELL_BUDGET", "AlignOptions", "Progress", "align", "encode", "match_pairs", "tiling_errors"]


@pauses_gc
def align(
    witnesses: Sequence[Witness],
    *,
    options: AlignOptions | None = None,
    progress: Progress | None = None,
) -> Alignment:
    """Align the collated witnesses (every role but ``summary``) into variant units.

    >>> from collate.readers import witness_from_text
    >>> a = witness_from_text("A", "the black cat")
    >>> b = witness_from_text("B", "the white cat")
    >>> [[r.text for r in u.readings] for u in align([a, b]).units]
    [['the'], ['black', 'white'], ['cat']]
    """
    settings = options or AlignOptions()
    collated = [w for w in witnesses if w.collated]
    sigla = [w.siglum for w in collated]
    if len(set(sigla)) != len(sigla):
        raise InputError(f"duplicate siglum among {', '.join(sigla)}")
    if not collated:
        return Alignment((), ())
    vocabulary = _Vocabulary()
    seqs = []
    for witness in collated:
        norms = [t.norm for t in witness.tokens]
        positions = tuple(itertools.compress(range(len(norms)), norms))
        codes = vocabulary.intern_all(list(itertools.compress(norms, norms)))
        seqs.append(_Matchable(witness, positions, codes))
    order = _merge_order(seqs)
    table = _Table(len(seqs), order[0], seqs[order[0]].codes)
    pairwise = _Pairwise(
        vocabulary.similar, settings.near_match, replacements=True, budget=settings.cell_budget
    )
    limits: list[str] = []
    if progress:
        progress("aligning", 0, len(order) - 1)
    for done, w in enumerate(order[1:], 1):
        consensus = table.consensus()
        pairs = _slide(pairwise.pairs(consensus, seqs[w].codes), consensus, seqs[w].codes, table.support)
        merged = ", ".join(sigla[o] for o in order[:done])
        limits.extend(
            _windowed_limit(sigla[w], merged, size, settings.cell_budget) for size in pairwise.windowed
        )
        pairwise.windowed.clear()
        pairs = _unsplit_moves(pairs, consensus, seqs[w].codes)
        pairs = _against_every_reading(pairs, consensus, table.votes, seqs[w].codes, table.support)
        table.merge(w, seqs[w].codes, pairs)
        if progress:
            progress("aligning", done, len(order) - 1)
    if len(order) > 2:
        if progress:
            progress("refining", 0, 1)
        table = _refine(table, seqs, order)
    if progress:
        progress("segmenting", 0, 1)
    units, ranges = _units(seqs, table, vocabulary.words)
    if progress:
        progress("finding moved blocks", 0, 1)
    transpositions = (
        _transpositions(seqs, units, ranges, settings.transposition_min)
        if settings.transposition_min and len(seqs) > 1
        else ()
    )
    if progress:
        progress("finding moved blocks", 1, 1)
    return Alignment(tuple(sigla), units, transpositions, tuple(limits))


def _windowed_limit(siglum: str, merged: str, size: tuple[int, int], budget: int) -> str:
    rows, columns = size
    return (
        f"{siglum} against {merged}: a stretch of {rows:,} × {columns:,} words with no word "
        f"unique to both was aligned in windows of {budget:,} cells, not exactly "
        f"({rows * columns:,} cells); there the alignment may not be the shortest"
    )
