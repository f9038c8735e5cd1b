"""Columns into variant units that tile every witness: consecutive columns that split the
witnesses alike are one unit, a word divided otherwise in another witness is joined, and the
tiling is checked."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence

from collate.aligner.table import _Matchable, _Table
from collate.model import Alignment, Reading, Span, Unit, Witness


def _units(
    seqs: list[_Matchable], table: _Table, words: list[str]
) -> tuple[tuple[Unit, ...], list[list[tuple[int, int]]]]:
    """Cut the columns into units; also give each unit's matchable-token range per witness.
    The table is emptied on the way: nothing reads it afterwards."""
    import numpy as np

    rows, columns = len(seqs), len(table.votes)
    # 32-bit: a long text's table is millions of cells, and these are made all at once
    cells = np.asarray(table.cells, dtype=np.int32).reshape(rows, columns)
    # Nothing reads the table after this: its lists (a cell an int, millions of them on a
    # long text) are let go now, not when the units are made.
    table.cells, table.votes = [], []
    present = cells >= 0
    # Each column's partition of the witnesses, as each witness's first fellow: the first
    # witness with the same word there (itself if none before it), -1 where it has no token.
    # Two columns split the witnesses alike exactly where these are equal.
    words_at = np.full((rows, columns), -1, dtype=np.int32)
    for w, s in enumerate(seqs):
        if len(s.codes):
            words_at[w, present[w]] = np.asarray(s.codes, dtype=np.int32)[cells[w, present[w]]]
    fellow = np.where(present, np.arange(rows, dtype=np.int32)[:, None], np.int32(-1))
    for w in range(1, rows):
        for earlier in range(w - 1, -1, -1):  # the first fellow wins: it is set last
            same = present[w] & present[earlier] & (words_at[w] == words_at[earlier])
            fellow[w, same] = earlier
    del words_at
    cuts = np.flatnonzero((fellow[:, 1:] != fellow[:, :-1]).any(axis=0)) + 1
    del fellow
    # For each witness and column, how many of its tokens lie in the columns up to there;
    # a unit's range in a witness runs from that count before its first column to the count
    # at its last (a table with no columns is one empty unit).
    consumed = np.maximum.accumulate(np.where(present, cells + 1, 0), axis=1)
    consumed = np.concatenate((np.zeros((rows, 1), dtype=consumed.dtype), consumed), axis=1)
    del cells, present
    edges = np.concatenate(([0], cuts, [columns]))
    low, high = consumed[:, edges[:-1]], consumed[:, edges[1:]]
    del consumed
    all_ranges = [list(zip(a, b, strict=True)) for a, b in zip(low.T.tolist(), high.T.tolist(), strict=True)]
    norms = [[words[code] for code in s.codes] for s in seqs]
    codes = [s.codes for s in seqs]
    all_ranges = _words_first(_join_word_divisions(all_ranges, norms, codes), norms, codes)
    # Where the unit that starts at each matchable token begins: the first unit at 0 and
    # the units after the last token at the end, so that units tile the whole text.
    bounds = []
    for s in seqs:
        tokens = s.witness.tokens
        bound = [tokens[p].start for p in s.positions]
        # past the last token, the text's end, twice: the last unit runs to the end of the text
        bound.extend((len(s.witness.text), len(s.witness.text)))
        bound[0] = 0  # with no matchable token at all, the whole text is in the last unit
        bounds.append(bound)
    unit = functools.partial(
        _unit,
        codes,
        norms,
        bounds,
        [s.witness.siglum for s in seqs],
        [s.witness.text for s in seqs],
    )
    last = len(all_ranges) - 1
    return tuple(unit(number, ranges, number == last) for number, ranges in enumerate(all_ranges)), all_ranges


@functools.lru_cache(maxsize=1 << 16)  # a vocabulary's worth, not every word ever met
def _letters(norm: str) -> str:
    """A word without its punctuation marks (a hyphen, a bracket)."""
    return (
        norm if norm.isalnum() else "".join(ch for ch in norm if not unicodedata.category(ch).startswith("P"))
    )


def _join_word_divisions(
    all_ranges: list[list[tuple[int, int]]], norms: list[list[str]], codes: list[tuple[int, ...]]
) -> list[list[tuple[int, int]]]:
    """Join neighbouring variant units that differ only in word division (``rail roads``
    against ``railroads``, ``to morrow`` against ``to-morrow``, ``ο(υ`` against ``ου``):
    together, every witness writes the same letters, punctuation aside, so they are one
    variant, not an omission beside a substitution."""

    def letters(w: int, start: int, end: int) -> str:
        return "".join(map(_letters, norms[w][start:end]))

    def variant(ranges: list[tuple[int, int]]) -> bool:
        return len({codes[w][a:b] for w, (a, b) in enumerate(ranges)}) > 1

    joined: list[list[tuple[int, int]]] = []
    for ranges in all_ranges:
        if joined and variant(joined[-1]) and variant(ranges):
            both = [(a, d) for (a, _), (_, d) in zip(joined[-1], ranges, strict=True)]
            spelled = {letters(w, a, b) for w, (a, b) in enumerate(both)}
            if len(spelled) == 1 and "" not in spelled:
                joined[-1] = both
                continue
        joined.append(ranges)
    return joined


def _words_first(
    all_ranges: list[list[tuple[int, int]]], norms: list[list[str]], codes: list[tuple[int, ...]]
) -> list[list[tuple[int, int]]]:
    """Added or omitted text that begins at a word, not at the mark before it. Between two
    agreeing units, a passage one witness has and another lacks can be cut two ways when
    the mark that ends it also follows it (``home. [. As he said] . Then`` or ``home. [As he
    said.] Then``): both are as short, and the aligner may take the first, whose unit, and
    every location in it, starts a sentence early. The mark is given to the agreeing unit
    before, and the passage takes the same mark at its end from the unit after."""

    def invariant(ranges: list[tuple[int, int]]) -> bool:
        return len({codes[w][a:b] for w, (a, b) in enumerate(ranges)}) == 1

    out = [list(ranges) for ranges in all_ranges]
    k = 1
    while k < len(out) - 1:
        before, here, after = out[k - 1], out[k], out[k + 1]
        mark = norms[0][after[0][0]] if after[0][0] < after[0][1] else ""
        rotatable = (
            mark
            and not _letters(mark)
            and invariant(before)
            and invariant(after)
            and not invariant(here)
            and all(
                a == b or (norms[w][a] == mark and any(_letters(n) for n in norms[w][a + 1 : b]))
                for w, (a, b) in enumerate(here)
            )
        )
        if not rotatable:
            k += 1
            continue
        for w in range(len(here)):
            (p, _), (a, b), (_, e) = before[w], here[w], after[w]
            before[w], here[w], after[w] = (p, a + 1), (a + 1, b + 1), (b + 1, e)
        if all(a == b for a, b in after):  # the unit after was that mark alone
            del out[k + 1]
    return out


def _unit(
    codes: list[tuple[int, ...]],
    norms: list[list[str]],
    bounds: list[list[int]],
    sigla: list[str],
    texts: list[str],
    number: int,
    ranges: list[tuple[int, int]],
    last: bool,
) -> Unit:
    """The unit of token ranges ``ranges`` (one per witness); ``bounds[w][k]``: where the unit
    that starts at witness ``w``'s matchable token ``k`` begins, and, past its last token,
    the text's end (twice: the last unit ends there, whatever its range)."""
    groups: dict[tuple[int, ...], list[int]] = {}
    for w, (start, end) in enumerate(ranges):
        groups.setdefault(codes[w][start:end], []).append(w)
    readings = []
    for members in sorted(groups.values()) if len(groups) > 1 else groups.values():
        spans = {}
        for w in members:
            start, end = ranges[w]
            spans[sigla[w]] = Span(bounds[w][start], bounds[w][end + 1 if last else end])
        w = members[0]
        span = spans[sigla[w]]
        start, end = ranges[w]
        readings.append(
            Reading(
                tuple(sigla[m] for m in members),
                texts[w][span.start : span.end].strip(),
                spans,
                " ".join(norms[w][start:end]),
            )
        )
    return Unit(f"u{number + 1}", len(readings) > 1, tuple(readings))


def tiling_errors(alignment: Alignment, witnesses: Sequence[Witness]) -> list[str]:
    """What breaks the tiling contract, if anything (empty list: every witness is tiled)."""
    problems = []
    for witness in witnesses:
        if not witness.collated:
            continue
        position = 0
        for unit in alignment.units:
            reading = unit.reading_of(witness.siglum)
            if reading is None:
                problems.append(f"{unit.id}: no reading for {witness.siglum}")
                continue
            span = reading.spans[witness.siglum]
            if span.start != position:
                problems.append(f"{unit.id}: {witness.siglum} starts at {span.start}, expected {position}")
            position = span.end
        if position != len(witness.text):
            problems.append(f"{witness.siglum}: units end at {position}, text at {len(witness.text)}")
    return problems
