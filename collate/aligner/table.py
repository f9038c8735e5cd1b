"""Several witnesses merged one by one into a table of columns: the merge order, each new
witness aligned against the columns' readings, moved blocks kept whole, a word slid to the
column where its own reading stands."""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from collate.model import Witness

if TYPE_CHECKING:
    import numpy as np


# --- several witnesses --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Matchable:
    """The matchable tokens of one witness: their token indices and interned norms."""

    witness: Witness
    positions: tuple[int, ...]
    codes: tuple[int, ...]


def _merge_order(seqs: list[_Matchable]) -> list[int]:
    """An order for merging that depends only on the witnesses: the most central first."""
    if len(seqs) <= 2:
        return sorted(range(len(seqs)), key=lambda w: (-len(seqs[w].codes), seqs[w].witness.siglum))
    # words and pairs of words: a witness of one word shares no pair, yet may share its word
    grams = [{(c,) for c in s.codes} | set(zip(s.codes, s.codes[1:], strict=False)) for s in seqs]
    similarity = [[0.0] * len(seqs) for _ in seqs]
    for x in range(len(seqs)):
        for y in range(x + 1, len(seqs)):
            shared = len(grams[x] & grams[y])
            union = len(grams[x]) + len(grams[y]) - shared
            similarity[x][y] = similarity[y][x] = shared / union if union else 1.0
    name = [s.witness.siglum for s in seqs]
    # fsum is exact: a plain sum rounds differently in another order, and witnesses alike
    # would then be told apart by the order they were given in
    first = min(range(len(seqs)), key=lambda w: (-math.fsum(similarity[w]), name[w]))
    order = [first]
    rest = set(range(len(seqs))) - {first}
    while rest:
        nxt = min(rest, key=lambda w: (-max(similarity[w][o] for o in order), name[w]))
        order.append(nxt)
        rest.remove(nxt)
    return order


class _Table:
    """Columns of the multiple alignment: for each witness, a token index or -1 per column.

    ``votes[c]`` is the token code every witness present in column ``c`` has, or, once they
    differ, a count of each code, so the majority reading of each column is known.
    """

    _counts: list[int]
    _counted: list[list[int]] | None = None  # the cells ``_counts`` were counted in

    def __init__(self, size: int, first: int, codes: Sequence[int]) -> None:
        self.cells: list[list[int]] = [[-1] * len(codes) for _ in range(size)]
        self.cells[first] = list(range(len(codes)))
        self.votes: list[int | dict[int, int]] = list(codes)

    def support(self, column: int) -> int:
        """How many witnesses have a token in ``column`` (counted once for the whole table,
        again only once its cells are replaced)."""
        if self._counted is not self.cells:
            import numpy as np

            cells = np.asarray(self.cells, dtype=np.int32).reshape(len(self.cells), len(self.votes))
            self._counts, self._counted = (cells >= 0).sum(axis=0).tolist(), self.cells
        return self._counts[column]

    def consensus(self) -> list[int]:
        # Ties go to the reading merged first: the merge order, unlike token codes, does not
        # depend on the order the witnesses were given in.
        return [v if isinstance(v, int) else max(v, key=v.__getitem__) for v in self.votes]

    def merge(self, w: int, codes: Sequence[int], pairs: list[tuple[int, int]]) -> None:
        """Add witness ``w``: matched tokens join their column, others get new columns."""
        old, votes = self.cells, self.votes
        cells: list[list[int]] = [[] for _ in old]
        merged: list[int | dict[int, int]] = []
        column = token = 0
        for c, t, size in [*_runs(pairs), (len(votes), len(codes), 0)]:
            if column < c:  # columns the new witness lacks
                for row, new in zip(old, cells, strict=True):
                    new.extend(row[column:c])
                merged.extend(votes[column:c])
            if token < t:  # tokens only the new witness has
                gap = [-1] * (t - token)
                for new in cells:
                    new.extend(gap)
                cells[w][-len(gap) :] = range(token, t)
                merged.extend(codes[token:t])
            if size:  # a run of matched columns
                for row, new in zip(old, cells, strict=True):
                    new.extend(row[c : c + size])
                cells[w][-size:] = range(t, t + size)
                if votes[c : c + size] == list(codes[t : t + size]):
                    merged.extend(votes[c : c + size])
                else:
                    merged.extend(_vote(votes[c + k], codes[t + k], self.support(c + k)) for k in range(size))
            column, token = c + size, t + size
        self.cells, self.votes = cells, merged


def _slide(
    pairs: list[tuple[int, int]],
    a: Sequence[int],
    b: Sequence[int],
    support: Callable[[int], int] = lambda column: 1,
) -> list[tuple[int, int]]:
    """Equal matches made contiguous: a match followed by a gap on one side whose last token
    is the matched word again (``very quick [very quick] brown`` against ``very quick brown``;
    ``! [K !] q`` against ``! q``) is moved to the end of the gap, so that it joins the matches
    after it. Both alignments are as short; the one with fewer, longer agreements is the
    reading a critic expects (and CollateX's). Across a gap in ``b`` a match goes rather to a
    column of the same word that more witnesses share (``support``: how many a column of
    ``a`` holds), and never to one fewer share, so that witnesses that agree are not parted."""
    out = [*pairs, (len(a), len(b))]  # the end, as a match after the last
    columns = _ColumnsByWord(a, support)
    for k in range(len(out) - 2, -1, -1):
        (c, t), (c2, t2) = out[k], out[k + 1]
        if t2 == t + 1 and c2 > c + 1:  # a gap in b: the match may move to a column of the gap
            best = columns.best(a[c], c + 1, c2)
            if best is not None and (support(best), best == c2 - 1) > (support(c), False):
                out[k] = (best, t)
        elif c2 == c + 1 and t2 > t + 1 and b[t2 - 1] == b[t]:
            out[k] = (c, t2 - 1)  # a gap in a
    return out[:-1]


_SCANNED = 64
"""Gaps up to this many columns are read through; longer ones are looked up in an index."""


class _ColumnsByWord:
    """The columns of each word, grouped by their support, so that the best column of a
    word in a range (the most supported, then the last) is found by binary search: a scan of
    the range for each match would be quadratic where one word fills a long gap."""

    def __init__(self, words: Sequence[int], support: Callable[[int], int]) -> None:
        self.words = words
        self.support = support
        self._order: np.ndarray | None = None
        self._sorted: np.ndarray | None = None
        self._levels: dict[int, list[tuple[int, list[int]]]] = {}

    def best(self, word: int, start: int, stop: int) -> int | None:
        """The column of ``word`` in ``[start, stop)`` with the most support, the last of
        those; None if the word has no column there."""
        if stop - start <= _SCANNED:  # a short gap, the common case: read it
            if word not in self.words[start:stop]:
                return None
            found = [x for x in range(start, stop) if self.words[x] == word]
            return max(found, key=lambda x: (self.support(x), x)) if found else None
        levels = self._levels.get(word)
        if levels is None:
            import numpy as np

            if self._order is None:  # every word's columns, sorted once
                words = np.asarray(self.words, dtype=np.int64)
                self._order = np.argsort(words, kind="stable")
                self._sorted = words[self._order]
            assert self._sorted is not None
            lo, hi = np.searchsorted(self._sorted, word, "left"), np.searchsorted(self._sorted, word, "right")
            grouped: dict[int, list[int]] = {}
            for x in self._order[lo:hi].tolist():  # in column order: the sort is stable
                grouped.setdefault(self.support(x), []).append(x)
            levels = self._levels[word] = sorted(grouped.items(), reverse=True)
        for _, columns in levels:
            k = bisect.bisect_left(columns, stop) - 1
            if k >= 0 and columns[k] >= start:
                return columns[k]
        return None


STRAY = 2
"""The longest match taken for a chance meeting of common words inside a moved block."""
_FLANK = 3


def _unsplit_moves(pairs: list[tuple[int, int]], a: Sequence[int], b: Sequence[int]) -> list[tuple[int, int]]:
    """The pairs without chance matches that split a moved block: a run of at most `STRAY`
    matched tokens, with unmatched text around it on one side, where that text and the run
    stand together, unmatched, on the other side (a paragraph moved, one of its common
    words matched to the same word where the paragraph used to begin), once on each side.
    Unmatched, the block is one addition and one omission, which `_transpositions` pairs as
    one move."""
    runs = _runs([(c, t) for c, t in pairs if a[c] == b[t]])
    drop: set[tuple[int, int]] = set()
    for side, this, other in ((0, a, b), (1, b, a)):  # the side whose text is split, the other
        gaps = _gaps(runs, side, len(this))  # gap k: before run k
        candidates = [
            k
            for k, run in enumerate(runs)
            if run[2] <= STRAY
            and gaps[k][1] - gaps[k][0] >= _FLANK
            and gaps[k + 1][1] - gaps[k + 1][0] >= _FLANK
        ]
        if not candidates:
            continue
        wanted: dict[tuple[int, ...], list[int]] = {}  # each split block, whole: its runs
        for k in candidates:
            start, size = runs[k][side], runs[k][2]
            wanted.setdefault(tuple(this[start - _FLANK : start + size + _FLANK]), []).append(k)
        lengths = sorted({len(block) for block in wanted})
        # how often each stands, whole, in the other side's unmatched stretches
        seen: Counter[tuple[int, ...]] = Counter()
        for start, end in _gaps(runs, 1 - side, len(other)):
            for x in range(start, end - 2 * _FLANK):
                for length in lengths:
                    if x + length <= end and (block := tuple(other[x : x + length])) in wanted:
                        seen[block] += 1
        for block, count in seen.items():
            if count == 1 and len(wanted[block]) == 1:  # one place on each side: a move
                k = wanted[block][0]
                drop.update((runs[k][0] + n, runs[k][1] + n) for n in range(runs[k][2]))
    return [pair for pair in pairs if pair not in drop] if drop else pairs


def _gaps(runs: list[tuple[int, int, int]], side: int, length: int) -> list[tuple[int, int]]:
    """The unmatched stretches of one side (0: the first sequence, 1: the second) of ``length``
    tokens: before each run of matches, and after the last."""
    ends = [0, *(run[side] + run[2] for run in runs)]
    starts = [*(run[side] for run in runs), length]
    return list(zip(ends, starts, strict=True))


PROFILE_LIMIT = 4_000
"""The largest region (tokens × columns) re-aligned against every reading of its columns."""


def _against_every_reading(
    pairs: list[tuple[int, int]],
    consensus: list[int],
    votes: list[int | dict[int, int]],
    codes: Sequence[int],
    support: Callable[[int], int],
) -> list[tuple[int, int]]:
    """The pairs of a new witness against the columns, mended so that a token may join a
    column whose *minority* reading it shares: between two tokens that match the majority
    reading, the region is aligned again (a longest common subsequence in which a token
    matches a column that has its code in any reading), and what stays unmatched keeps the
    pairs it had (a replacement, a spelling alike). Without this, a word that agrees with
    one witness against the majority would land in a unit of its own."""
    if all(isinstance(v, int) for v in votes):
        return pairs  # no column has a minority reading yet
    mended: list[tuple[int, int]] = []
    inside: list[tuple[int, int]] = []
    c0, t0 = -1, -1
    for c, t in [*pairs, (len(votes), len(codes))]:
        if c < len(votes) and consensus[c] != codes[t]:
            inside.append((c, t))
            continue
        if c == c0 + 1 or t == t0 + 1:  # no columns or no tokens between: nothing to mend
            mended.extend(inside)
        else:
            mended.extend(_mend(range(c0 + 1, c), range(t0 + 1, t), inside, consensus, votes, codes, support))
        if c < len(votes):
            mended.append((c, t))
        c0, t0, inside = c, t, []
    return mended


def _mend(
    columns: range,
    tokens: range,
    inside: list[tuple[int, int]],
    consensus: list[int],
    votes: list[int | dict[int, int]],
    codes: Sequence[int],
    support: Callable[[int], int],
    everywhere: bool = False,
) -> list[tuple[int, int]]:
    """The pairs of one region between two majority matches, aligned against every reading
    where a token shares a minority reading of a column there (or, ``everywhere``, in any
    case); else as they were. Tokens left between the same two matches as columns stand in
    those columns: kept as they were paired, or else by position (a replacement)."""
    if not columns or not tokens or len(columns) * len(tokens) > PROFILE_LIMIT:
        return inside
    minority = {
        code for c in columns if isinstance(vote := votes[c], dict) for code in vote if code != consensus[c]
    }
    if not everywhere and not minority.intersection(codes[t] for t in tokens):
        return inside  # no token here shares a minority reading: nothing to mend
    if everywhere and not any(
        code in vote if isinstance(vote := votes[c], dict) else code == vote
        for c in columns
        for code in {codes[t] for t in tokens}
    ):
        return inside  # no token here shares any reading
    matched = _profile_lcs(columns, tokens, votes, codes, support)
    if not matched:
        return inside
    mended: list[tuple[int, int]] = []
    edges = [(columns.start - 1, tokens.start - 1), *matched, (columns.stop, tokens.stop)]
    for (a0, b0), (a1, b1) in itertools.pairwise(edges):
        if a0 >= columns.start:
            mended.append((a0, b0))
        kept = [(c, t) for c, t in inside if a0 < c < a1 and b0 < t < b1]
        # a gap the old pairs left empty is a replacement: paired by position, as elsewhere
        mended.extend(kept or zip(range(a0 + 1, a1), range(b0 + 1, b1), strict=False))
    return mended


def _profile_lcs(
    columns: range,
    tokens: range,
    votes: list[int | dict[int, int]],
    codes: Sequence[int],
    support: Callable[[int], int],
) -> list[tuple[int, int]]:
    """The heaviest common subsequence of ``tokens`` and ``columns``: a token matches a column
    that has its code in any reading, and weighs as many as the witnesses that have it there,
    so that a word joins the larger group of witnesses that share it; of paths as heavy, the
    one with fewer, larger groups (`_rank`), then the one with the earliest pairs."""
    weights = [
        {v: _rank(support(c))} if isinstance(v, int) else {code: _rank(k) for code, k in v.items()}
        for c, v in zip(columns, (votes[c] for c in columns), strict=True)
    ]
    m, n = len(columns), len(tokens)
    table = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        row, below, weight = table[i], table[i + 1], weights[i]
        for j in range(n - 1, -1, -1):
            best = max(below[j], row[j + 1])
            if (k := weight.get(codes[tokens[j]], 0)) and below[j + 1] + k >= best:
                best = below[j + 1] + k
            row[j] = best
    found = []
    i = j = 0
    while i < m and j < n:
        k = weights[i].get(codes[tokens[j]], 0)
        if k and table[i][j] == table[i + 1][j + 1] + k:
            found.append((columns[i], tokens[j]))
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return found


def _runs(pairs: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Pairs grouped into runs ``(i, j, size)`` of consecutive pairs on both sides (numpy:
    a run breaks where either side does not step by one)."""
    if not pairs:
        return []
    import numpy as np

    flat = itertools.chain.from_iterable(pairs)
    both = np.fromiter(flat, dtype=np.int64, count=2 * len(pairs)).reshape(len(pairs), 2)
    steps = np.diff(both, axis=0)
    starts = np.flatnonzero(np.concatenate(([True], (steps[:, 0] != 1) | (steps[:, 1] != 1))))
    sizes = np.diff(np.append(starts, len(pairs)))
    return list(zip(both[starts, 0].tolist(), both[starts, 1].tolist(), sizes.tolist(), strict=True))


def _vote(vote: int | dict[int, int], code: int, support: int) -> int | dict[int, int]:
    """Add one witness's ``code`` to the votes of a column that ``support`` witnesses share."""
    if isinstance(vote, int):
        if vote == code:
            return vote
        # The first disagreement: the witnesses that agreed so far are all it had.
        return {vote: support, code: 1}
    vote[code] = vote.get(code, 0) + 1
    return vote


def _rank(shared: int) -> int:
    """A match with a column where ``shared`` witnesses have the word, as a weight that adds
    up to (agreeing pairs, then the sum of squared group sizes): one word that all three
    witnesses share outweighs two words that two share apart from the third (a moved block,
    CollateX's reading), where both make as many agreeing pairs."""
    return (shared << 40) + shared * shared
