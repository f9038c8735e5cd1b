"""Two token sequences aligned: interned as strings of code points, anchored on the tokens
unique in both (the heaviest chain of anchors in order), each gap between anchors aligned
exactly (a longest common subsequence) or, beyond `CELL_BUDGET`, in windows; runs of
unpaired tokens paired by spelling."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from collate.aligner.options import CELL_BUDGET

_SURROGATE_START, _SURROGATE_SIZE = 0xD800, 0x800


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
