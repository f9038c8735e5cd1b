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

import bisect
import functools
import itertools
import math
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from collate._gc import pauses_gc
from collate.errors import ConfigError, InputError
from collate.model import Alignment, Reading, Span, Transposition, Unit, Witness

if TYPE_CHECKING:
    import numpy as np

_SURROGATE_START, _SURROGATE_SIZE = 0xD800, 0x800
CELL_BUDGET = 16_000_000
"""Gaps up to this size (tokens × tokens) are aligned exactly without anchors; larger ones
are anchored first, and one with no anchor is aligned in windows of this many cells (about
4,000 tokens a side, 2 MB of bits and a few milliseconds each), so that the work grows with
the gap's length, not with its square."""

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while a long collation runs."""


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


def encode(sequences: Iterable[Sequence[str]]) -> list[str]:
    """Encode token sequences as strings, one code point per distinct token.

    >>> encode([["a", "b", "a"], ["b", "c"]])
    ['\\x00\\x01\\x00', '\\x01\\x02']
    """
    ids: dict[str, int] = {}
    return [_chars([ids.setdefault(t, len(ids)) for t in sequence]) for sequence in sequences]


def _char(code: int) -> str:
    return chr(code + _SURROGATE_SIZE if code >= _SURROGATE_START else code)


def _chars(codes: Sequence[int]) -> str:
    return "".join(map(_char, codes))


# --- pairwise alignment -----------------------------------------------------------------


def _heaviest_chain(pairs: list[tuple[int, int]], weights: list[int]) -> list[tuple[int, int]]:
    """The chain of pairs increasing in both coordinates with the largest total weight
    (pairs sorted by the first coordinate, which is distinct); O(k log k)."""
    ranks = {j: r for r, j in enumerate(sorted(j for _, j in pairs), 1)}
    size = len(ranks)
    tree_best = [0] * (size + 1)  # Fenwick tree of prefix maxima: (score, pair index)
    tree_at = [-1] * (size + 1)
    score = [0] * len(pairs)
    previous = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        r = ranks[j] - 1
        best, at = 0, -1
        while r > 0:
            if tree_best[r] > best:
                best, at = tree_best[r], tree_at[r]
            r -= r & -r
        score[n] = best + weights[n]
        previous[n] = at
        r = ranks[j]
        while r <= size:
            if score[n] > tree_best[r]:
                tree_best[r], tree_at[r] = score[n], n
            r += r & -r
    n = max(range(len(pairs)), key=score.__getitem__) if pairs else -1
    chain = []
    while n >= 0:
        chain.append(pairs[n])
        n = previous[n]
    chain.reverse()
    return chain


class _Pairwise:
    """Aligns two sequences of interned tokens.

    ``similar(x, y)`` scores near matches; with ``replacements``, the tokens of a replacement
    that are not near matches are paired by position (they stand in the same column).
    """

    def __init__(
        self,
        similar: Callable[[int, int], float] | None,
        near: float,
        replacements: bool = False,
        budget: int = CELL_BUDGET,
    ) -> None:
        self.similar = similar
        self.near = near
        self.replacements = replacements
        self.budget = budget
        self.windowed: list[tuple[int, int]] = []
        """The sizes of the gaps aligned in windows, not exactly (`_windowed_opcodes`)."""

    def pairs(self, a: Sequence[int], b: Sequence[int]) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        self._align(a, b, 0, len(a), 0, len(b), out)
        return out

    def _align(
        self,
        a: Sequence[int],
        b: Sequence[int],
        a0: int,
        a1: int,
        b0: int,
        b1: int,
        out: list[tuple[int, int]],
    ) -> None:
        # Common prefix and suffix first: cheap and very common between close witnesses.
        while a0 < a1 and b0 < b1 and a[a0] == b[b0]:
            out.append((a0, b0))
            a0 += 1
            b0 += 1
        suffix = []
        while a0 < a1 and b0 < b1 and a[a1 - 1] == b[b1 - 1]:
            a1 -= 1
            b1 -= 1
            suffix.append((a1, b1))
        if a0 < a1 and b0 < b1:
            small = (a1 - a0) * (b1 - b0) <= self.budget
            anchors = [] if small else self._anchors(a, b, a0, a1, b0, b1)
            if anchors:
                i, j = a0, b0
                for ai, bj in anchors:
                    self._align(a, b, i, ai, j, bj, out)
                    out.append((ai, bj))
                    i, j = ai + 1, bj + 1
                self._align(a, b, i, a1, j, b1, out)
            else:
                self._exact(a, b, a0, a1, b0, b1, out)
        out.extend(reversed(suffix))

    @staticmethod
    def _anchors(
        a: Sequence[int], b: Sequence[int], a0: int, a1: int, b0: int, b1: int
    ) -> list[tuple[int, int]]:
        """The longest ordered chain of tokens unique in both windows (or, failing that,
        of tokens occurring equally often, up to four times, paired in order)."""
        count_a = Counter(a[a0:a1])
        count_b = Counter(b[b0:b1])
        unique = {t for t, n in count_a.items() if n == 1 and count_b.get(t) == 1}
        if unique:
            where_b = {b[j]: j for j in range(b0, b1) if b[j] in unique}
            pairs = [(i, where_b[a[i]]) for i in range(a0, a1) if a[i] in unique]
            # Weigh each anchor by the exact match around it, so that a unique word met by
            # chance in two unrelated sentences does not outweigh a shared passage.
            weights = []
            run_start = run_end = diagonal = -1
            for i, j in pairs:
                if j - i != diagonal or i >= run_end:  # not inside the run measured last
                    diagonal, run_start, run_end = j - i, i, i + 1
                    while (
                        run_start > a0
                        and run_start + diagonal > b0
                        and a[run_start - 1] == b[run_start - 1 + diagonal]
                    ):
                        run_start -= 1
                    while run_end < a1 and run_end + diagonal < b1 and a[run_end] == b[run_end + diagonal]:
                        run_end += 1
                weights.append(run_end - run_start)
            return _heaviest_chain(pairs, weights)
        even = {t for t, n in count_a.items() if n <= 4 and count_b.get(t) == n}
        if not even:
            return []
        seen_b: dict[int, list[int]] = {}
        for j in range(b0, b1):
            if b[j] in even:
                seen_b.setdefault(b[j], []).append(j)
        taken: Counter[int] = Counter()
        pairs = []
        for i in range(a0, a1):
            t = a[i]
            if t in even:
                pairs.append((i, seen_b[t][taken[t]]))
                taken[t] += 1
        pairs.sort()
        return _heaviest_chain(pairs, [1] * len(pairs))

    def _exact(
        self,
        a: Sequence[int],
        b: Sequence[int],
        a0: int,
        a1: int,
        b0: int,
        b1: int,
        out: list[tuple[int, int]],
    ) -> None:
        """A minimal alignment of a gap (longest common subsequence, bit-parallel, from
        rapidfuzz); a gap too large for it is aligned in windows (`_windowed_opcodes`).
        Replacements are then paired by spelling."""
        if (a1 - a0) * (b1 - b0) <= self.budget:
            opcodes = _exact_opcodes(a, b, a0, a1, b0, b1)
        else:
            self.windowed.append((a1 - a0, b1 - b0))
            opcodes = _windowed_opcodes(a, b, a0, a1, b0, b1, self.budget)
        deleted: tuple[int, int] | None = None
        inserted: tuple[int, int] | None = None
        for tag, i0, i1, j0, j1 in opcodes:
            if tag == "equal":
                self._replace(a, b, deleted, inserted, out)
                deleted = inserted = None
                out.extend(zip(range(i0, i1), range(j0, j1), strict=True))
            else:
                if i1 > i0:
                    deleted = (deleted[0], i1) if deleted else (i0, i1)
                if j1 > j0:
                    inserted = (inserted[0], j1) if inserted else (j0, j1)
        self._replace(a, b, deleted, inserted, out)

    def _replace(
        self,
        a: Sequence[int],
        b: Sequence[int],
        deleted: tuple[int, int] | None,
        inserted: tuple[int, int] | None,
        out: list[tuple[int, int]],
    ) -> None:
        """Pair the tokens of a replacement that are spelled alike (a small alignment)."""
        if deleted is None or inserted is None:
            return
        (i0, i1), (j0, j1) = deleted, inserted
        if self.similar is None or not self.near or (i1 - i0) * (j1 - j0) > 400:
            if self.replacements:
                out.extend(zip(range(i0, i1), range(j0, j1), strict=False))
            return
        rows, cols = i1 - i0, j1 - j0
        score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
        for r in range(1, rows + 1):
            for c in range(1, cols + 1):
                s = self.similar(a[i0 + r - 1], b[j0 + c - 1])
                best = max(score[r - 1][c], score[r][c - 1])
                if s >= self.near:
                    best = max(best, score[r - 1][c - 1] + s)
                score[r][c] = best
        found = []
        r, c = rows, cols
        while r and c:
            if score[r][c] == score[r - 1][c]:
                r -= 1
            elif score[r][c] == score[r][c - 1]:
                c -= 1
            else:
                found.append((i0 + r - 1, j0 + c - 1))
                r -= 1
                c -= 1
        if not self.replacements:
            out.extend(reversed(found))
            return
        # between the near matches, the rest of the replacement is paired by position
        edges = [(i0 - 1, j0 - 1), *reversed(found), (i1, j1)]
        for (a0, b0), (a1, b1) in itertools.pairwise(edges):
            if a0 >= i0:
                out.append((a0, b0))
            out.extend(zip(range(a0 + 1, a1), range(b0 + 1, b1), strict=False))


def _exact_opcodes(
    a: Sequence[int], b: Sequence[int], a0: int, a1: int, b0: int, b1: int
) -> list[tuple[str, int, int, int, int]]:
    """Opcodes of a longest common subsequence of two windows (rapidfuzz, bit-parallel)."""
    from rapidfuzz.distance import Indel

    return [
        (op.tag, op.src_start + a0, op.src_end + a0, op.dest_start + b0, op.dest_end + b0)
        for op in Indel.opcodes(a[a0:a1], b[b0:b1])
    ]


def _windowed_opcodes(
    a: Sequence[int], b: Sequence[int], a0: int, a1: int, b0: int, b1: int, budget: int
) -> list[tuple[str, int, int, int, int]]:
    """Opcodes of a gap too large to align exactly, aligned in windows of at most ``budget``
    cells, one after the other along the gap: each window is aligned exactly, and its
    alignment is kept up to its last match in the window's first half (or, with none there,
    the first half is a replacement); the next window starts after it. The windows keep the
    proportion of the two sides still to align, so that they follow the diagonal. The work
    is linear in the gap's length, and counted in cells, not seconds: the same input aligns
    the same way on every machine. The alignment is exact within a window and may miss a
    shorter one that crosses windows."""
    out: list[tuple[str, int, int, int, int]] = []
    i, j = a0, b0
    while i < a1 and j < b1:
        left, right = a1 - i, b1 - j
        if left * right <= budget:
            out.extend(_exact_opcodes(a, b, i, a1, j, b1))
            return out
        # the largest window within the budget, in the proportion of what is left
        width = max(2, min(left, math.isqrt(budget * left // right)))
        height = max(2, min(right, budget // width))
        ops = _exact_opcodes(a, b, i, i + width, j, j + height)
        half_a, half_b = i + width // 2, j + height // 2
        # the last match that begins in the first half of the window, on both sides
        last = max(
            (k for k, op in enumerate(ops) if op[0] == "equal" and op[1] < half_a and op[3] < half_b),
            default=-1,
        )
        if last < 0:
            out.append(("replace", i, half_a, j, half_b))
            i, j = half_a, half_b
            continue
        tag, e0, e1, f0, _ = ops[last]
        size = min(e1 - e0, half_a - e0, half_b - f0)
        out.extend(ops[:last])
        out.append((tag, e0, e0 + size, f0, f0 + size))
        i, j = e0 + size, f0 + size
    if i < a1:
        out.append(("delete", i, a1, j, j))
    elif j < b1:
        out.append(("insert", i, i, j, b1))
    return out


def match_pairs(a: Sequence[str], b: Sequence[str], *, near: float = 0.0) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` of an alignment of two token sequences.

    Without ``near``, every pair has ``a[i] == b[j]``; with ``near``, a replaced token is
    also paired with one spelled alike (Levenshtein ratio at least ``near``).

    >>> match_pairs(["the", "black", "cat"], ["the", "cat"])
    [(0, 0), (2, 1)]
    >>> match_pairs(["of", "honour", "due"], ["of", "a", "honor", "due"], near=0.6)
    [(0, 0), (1, 2), (2, 3)]
    """
    vocabulary = _Vocabulary()
    left = [vocabulary.intern(t) for t in a]
    right = [vocabulary.intern(t) for t in b]
    return _Pairwise(vocabulary.similar if near else None, near).pairs(left, right)


# --- several witnesses --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Matchable:
    """The matchable tokens of one witness: their token indices and interned norms."""

    witness: Witness
    positions: tuple[int, ...]
    codes: tuple[int, ...]


class _Vocabulary:
    """Interned norms, and their spelling similarity on demand."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.words: list[str] = []
        self._ratio: Callable[[str, str], float] | None = None

    def intern(self, norm: str) -> int:
        code = self.ids.get(norm)
        if code is None:
            code = self.ids[norm] = len(self.words)
            self.words.append(norm)
        return code

    def intern_all(self, norms: list[str]) -> tuple[int, ...]:
        """`intern` for each of ``norms``, the new ones numbered in order of first occurrence
        as one by one, the rest of the work in C."""
        for norm in dict.fromkeys(norms):
            self.intern(norm)
        return tuple(map(self.ids.__getitem__, norms))

    def similar(self, x: int, y: int) -> float:
        if self._ratio is None:
            from Levenshtein import ratio

            self._ratio = ratio
        return float(self._ratio(self.words[x], self.words[y]))


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


def _refine(table: _Table, seqs: list[_Matchable], order: list[int]) -> _Table:
    """Each witness, in merge order, taken out and aligned again against all the others (a
    round of iterative refinement, as in progressive multiple sequence alignment), where it
    could agree with more of them: its tokens in a column where every witness has the same
    word stay, and between two such columns it is aligned against every reading of the
    others' columns (`_mend`). A window's new pairs are kept where more tokens of the other
    witnesses share the word of the witness's token in their column: the others keep their
    columns together, so that is the sum of agreeing pairs over all."""
    import numpy as np  # only where three witnesses or more are refined: `import collate` stays light

    codes = [np.asarray(s.codes, dtype=np.int64) for s in seqs]
    for w in order:
        windows = _better_windows(table, w, seqs[w].codes, codes)
        if windows:
            table = _splice(table, w, seqs[w].codes, windows)
    return table


@dataclass(frozen=True, slots=True)
class _Window:
    """Between columns ``c0`` and ``c1`` (exclusive) of a table, where the witness's tokens
    ``t0 + 1 .. t1 - 1`` are aligned anew: the other witnesses' ``columns`` there, their
    ``votes``, and the witness's new ``pairs`` (index into ``columns``, token)."""

    c0: int
    c1: int
    t0: int
    t1: int
    columns: list[int]
    votes: list[int | dict[int, int]]
    pairs: list[tuple[int, int]]


def _better_windows(table: _Table, w: int, mine: Sequence[int], codes: list[np.ndarray]) -> list[_Window]:
    """The windows where witness ``w`` agrees with more of the others once aligned anew
    (`_refine`). Only windows where a token of ``w`` agrees with no other witness in its
    column are looked at: elsewhere each of its tokens is already one of a group."""
    import numpy as np

    cells = np.asarray(table.cells, dtype=np.int64).reshape(len(table.cells), len(table.votes))
    words = _words(cells, codes)
    present = cells >= 0
    support = present.sum(axis=0)
    full = (support == len(cells)) & (words.min(axis=0) == words.max(axis=0))
    columns_of_w = np.flatnonzero(present[w])  # in token order
    settled = full[columns_of_w]
    lonely = ((words == words[w]) & present).sum(axis=0)[columns_of_w] == 1
    window_of = np.cumsum(settled)  # window k: the tokens after the k-th settled one
    todo = np.unique(window_of[lonely & ~settled]).tolist()
    bounds = [-1, *columns_of_w[settled].tolist(), len(table.votes)]
    row, votes, counted = table.cells[w], table.votes, support.tolist()
    better = []
    for k in todo:
        c0, c1 = bounds[k], bounds[k + 1]
        t0 = row[c0] if c0 >= 0 else -1
        t1 = row[c1] if c1 < len(votes) else len(mine)
        columns = [x for x in range(c0 + 1, c1) if counted[x] - (row[x] >= 0) > 0]
        if not columns or t1 - t0 <= 1:
            continue
        local = {x: n for n, x in enumerate(columns)}
        others = [_without_one(votes[x], mine[row[x]] if row[x] >= 0 else -1) for x in columns]
        support_of = [counted[x] - (row[x] >= 0) for x in columns]
        before = [(local[x], row[x]) for x in columns if row[x] >= 0]
        tokens = range(t0 + 1, t1)
        weight = _weight(others, support_of, mine)
        best: dict[int, int] = {}
        for n, vote in enumerate(others):
            for code, count in vote.items() if isinstance(vote, dict) else ((vote, support_of[n]),):
                best[code] = max(count, best.get(code, 0))
        if _at_best(before, tokens, weight, best, mine):
            continue
        consensus = [v if isinstance(v, int) else max(v, key=v.__getitem__) for v in others]
        after = _mend(
            range(len(columns)), tokens, before, consensus, others, mine, support_of.__getitem__, True
        )
        if sum(_rank(weight(p)) for p in after) > sum(_rank(weight(p)) for p in before):
            better.append(_Window(c0, c1, t0, t1, columns, others, after))
    return better


def _rank(shared: int) -> int:
    """A match with a column where ``shared`` witnesses have the word, as a weight that adds
    up to (agreeing pairs, then the sum of squared group sizes): one word that all three
    witnesses share outweighs two words that two share apart from the third (a moved block,
    CollateX's reading), where both make as many agreeing pairs."""
    return (shared << 40) + shared * shared


def _weight(
    votes: list[int | dict[int, int]], support: list[int], codes: Sequence[int]
) -> Callable[[tuple[int, int]], int]:
    """How many witnesses share the word of token ``t`` in column ``c``, as ``weight((c, t))``."""

    def weight(pair: tuple[int, int]) -> int:
        vote, code = votes[pair[0]], codes[pair[1]]
        return vote.get(code, 0) if isinstance(vote, dict) else support[pair[0]] if vote == code else 0

    return weight


def _splice(table: _Table, w: int, mine: Sequence[int], windows: list[_Window]) -> _Table:
    """The table with witness ``w`` aligned anew in each of ``windows`` (in column order)."""
    cells: list[list[int]] = [[] for _ in table.cells]
    votes: list[int | dict[int, int]] = []
    done = 0
    for window in windows:
        for new, row in zip(cells, table.cells, strict=True):
            new.extend(row[done : window.c0 + 1])
        votes.extend(table.votes[done : window.c0 + 1])
        part = _Table.__new__(_Table)
        part.cells = [
            [-1] * len(window.columns) if x == w else [row[c] for c in window.columns]
            for x, row in enumerate(table.cells)
        ]
        part.votes = list(window.votes)
        first = window.t0 + 1
        part.merge(w, mine[first : window.t1], [(c, t - first) for c, t in window.pairs])
        part.cells[w] = [t + first if t >= 0 else -1 for t in part.cells[w]]
        for new, row in zip(cells, part.cells, strict=True):
            new.extend(row)
        votes.extend(part.votes)
        done = window.c1
    for new, row in zip(cells, table.cells, strict=True):
        new.extend(row[done:])
    votes.extend(table.votes[done:])
    spliced = _Table.__new__(_Table)
    spliced.cells, spliced.votes = cells, votes
    return spliced


def _words(cells: np.ndarray, codes: list[np.ndarray]) -> np.ndarray:
    """The token code in each cell of the table (-1 where the witness has none)."""
    import numpy as np

    words = np.full(cells.shape, -1, dtype=np.int64)
    for x, row in enumerate(cells):
        if len(codes[x]):
            words[x] = np.where(row >= 0, codes[x][np.maximum(row, 0)], -1)
    return words


def _at_best(
    pairs: list[tuple[int, int]],
    tokens: range,
    weight: Callable[[tuple[int, int]], int],
    best: dict[int, int],
    codes: Sequence[int],
) -> bool:
    """Whether each token already stands in a column where as many witnesses share its
    word as in any column of the window (``best``, by word): then no realignment agrees
    with more of them."""
    placed = {t: c for c, t in pairs}
    return all(
        weight((placed[t], t)) >= best.get(codes[t], 0) if t in placed else codes[t] not in best
        for t in tokens
    )


def _without_one(vote: int | dict[int, int], code: int) -> int | dict[int, int]:
    """A column's votes with one witness's ``code`` taken out (-1: it had none there)."""
    if isinstance(vote, int) or code < 0:
        return vote
    counts = {k: n - (k == code) for k, n in vote.items() if n > (k == code)}
    return next(iter(counts)) if len(counts) == 1 else counts


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
