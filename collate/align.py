"""Align witnesses into variant units that tile every witness.

How it works (see docs/aligner.md for the measured figures):

1. **Interning.** Each witness is reduced to its matchable tokens (a non-empty ``norm``),
   each norm interned as an integer.
2. **Pairwise alignment, anchored.** Tokens unique in both sequences are anchors; the longest
   chain of anchors in the same order (patience sorting, O(a log a)) fixes the alignment's
   skeleton. Each gap between anchors is aligned the same way, recursively, on the tokens
   unique inside the gap; a gap with no unique token left is aligned exactly by
   diff-match-patch on token-encoded text (one code point per distinct token). Inside a gap,
   a run of deleted tokens facing a run of inserted ones is paired by spelling (Levenshtein
   ratio) so that ``encreased`` stands against ``increased``.
3. **Several witnesses.** Witnesses are merged one by one into a table of columns, each new
   witness aligned against the columns' majority reading. The merge order depends only on the
   witnesses themselves (most central first, then by similarity, ties by siglum), never on
   the order they were given in, so permuting the inputs gives the same units.
4. **Units.** Consecutive columns that split the witnesses the same way (the same groups of
   agreeing witnesses, a missing token counting as an empty reading) form one unit. Tokens
   that take no part in matching (leading space, ignored punctuation, editorial insertions)
   ride in the unit of the matchable token before them, so that in unit order each
   witness's character spans are contiguous and cover its whole text.
5. **Transpositions.** A block of at least ``transposition_min`` tokens that one witness has
   at one place and another at a different place is recorded as one `Transposition` linking
   the two units, not left as an unrelated omission and addition.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from collate.errors import ConfigError, InputError
from collate.model import Alignment, Reading, Span, Transposition, Unit, Witness

_SURROGATE_START, _SURROGATE_SIZE = 0xD800, 0x800
_EXACT_LIMIT = 4_000_000
"""Gaps larger than this (tokens × tokens) with no anchor get diff-match-patch with a timeout."""

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while a long collation runs."""


@dataclass(frozen=True, slots=True)
class AlignOptions:
    """Settings of the aligner.

    - ``near_match``: within a variant region, tokens whose Levenshtein ratio is at least this
      are aligned with each other (``0`` turns near matching off).
    - ``transposition_min``: the fewest tokens a moved block must have to be recorded as a
      transposition (``0`` turns detection off).
    """

    near_match: float = 0.6
    transposition_min: int = 3

    def __post_init__(self) -> None:
        if not 0 <= self.near_match <= 1:
            raise ConfigError(f"near_match must be between 0 and 1, not {self.near_match}")
        if self.transposition_min < 0:
            raise ConfigError(f"transposition_min must be 0 or more, not {self.transposition_min}")


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


def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain of pairs increasing in both coordinates (pairs sorted by the first)."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_index.append(n)
        else:
            tails[k] = j
            tail_index[k] = n
        previous[n] = tail_index[k - 1] if k else -1
    chain = []
    n = tail_index[-1] if tail_index else -1
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
        self, similar: Callable[[int, int], float] | None, near: float, replacements: bool = False
    ) -> None:
        self.similar = similar
        self.near = near
        self.replacements = replacements

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
            anchors = self._anchors(a, b, a0, a1, b0, b1)
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
            return _lis(pairs)
        even = {t for t, n in count_a.items() if n <= 4 and count_b.get(t) == n}
        if not even or (a1 - a0) * (b1 - b0) <= _EXACT_LIMIT // 16:
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
        return _lis(pairs)

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
        """A minimal alignment of a gap by diff-match-patch; replacements paired by spelling."""
        from diff_match_patch import diff_match_patch

        engine = diff_match_patch()
        engine.Diff_Timeout = 0 if (a1 - a0) * (b1 - b0) <= _EXACT_LIMIT else 2.0
        i, j = a0, b0
        deleted: tuple[int, int] | None = None
        inserted: tuple[int, int] | None = None
        for op, chunk in engine.diff_main(_chars(a[a0:a1]), _chars(b[b0:b1]), False):
            size = len(chunk)
            if op == 0:
                self._replace(a, b, deleted, inserted, out)
                deleted = inserted = None
                out.extend(zip(range(i, i + size), range(j, j + size), strict=True))
                i += size
                j += size
            elif op < 0:
                deleted = (i, i + size)
                i += size
            else:
                inserted = (j, j + size)
                j += size
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
        if found:
            out.extend(reversed(found))
        elif self.replacements:
            out.extend(zip(range(i0, i1), range(j0, j1), strict=False))


def match_pairs(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` with ``a[i] == b[j]`` of an alignment of two token sequences.

    >>> match_pairs(["the", "black", "cat"], ["the", "cat"])
    [(0, 0), (2, 1)]
    """
    ids: dict[str, int] = {}
    left = [ids.setdefault(t, len(ids)) for t in a]
    right = [ids.setdefault(t, len(ids)) for t in b]
    return _Pairwise(None, 0).pairs(left, right)


# --- several witnesses --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Matchable:
    """The matchable tokens of one witness: their token indices and interned norms."""

    witness: Witness
    positions: tuple[int, ...]
    codes: tuple[int, ...]

    def boundary(self, k: int) -> int:
        """Character offset where the unit holding the ``k``-th matchable token begins."""
        if k <= 0:
            return 0
        if k >= len(self.positions):
            return len(self.witness.text)
        return self.witness.tokens[self.positions[k]].start


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

    def similar(self, x: int, y: int) -> float:
        if self._ratio is None:
            from Levenshtein import ratio

            self._ratio = ratio
        return float(self._ratio(self.words[x], self.words[y]))


def _merge_order(seqs: list[_Matchable]) -> list[int]:
    """An order for merging that depends only on the witnesses: the most central first."""
    if len(seqs) <= 2:
        return sorted(range(len(seqs)), key=lambda w: (-len(seqs[w].codes), seqs[w].witness.siglum))
    grams = [set(zip(s.codes, s.codes[1:], strict=False)) for s in seqs]
    similarity = [[0.0] * len(seqs) for _ in seqs]
    for x in range(len(seqs)):
        for y in range(x + 1, len(seqs)):
            shared = len(grams[x] & grams[y])
            union = len(grams[x]) + len(grams[y]) - shared
            similarity[x][y] = similarity[y][x] = shared / union if union else 1.0
    name = [s.witness.siglum for s in seqs]
    first = min(range(len(seqs)), key=lambda w: (-sum(similarity[w]), name[w]))
    order = [first]
    rest = set(range(len(seqs))) - {first}
    while rest:
        nxt = min(rest, key=lambda w: (-max(similarity[w][o] for o in order), name[w]))
        order.append(nxt)
        rest.remove(nxt)
    return order


class _Table:
    """Columns of the multiple alignment: for each witness, a token index or -1 per column."""

    def __init__(self, size: int, first: int, codes: Sequence[int]) -> None:
        self.cells: list[list[int]] = [[-1] * len(codes) for _ in range(size)]
        self.cells[first] = list(range(len(codes)))
        self.votes: list[Counter[int]] = [Counter((c,)) for c in codes]

    def consensus(self) -> list[int]:
        return [v.most_common(1)[0][0] if len(v) > 1 else next(iter(v)) for v in self.votes]

    def merge(self, w: int, codes: Sequence[int], pairs: list[tuple[int, int]]) -> None:
        """Add witness ``w``: matched tokens join their column, others get new columns."""
        old = self.cells
        cells: list[list[int]] = [[] for _ in old]
        votes: list[Counter[int]] = []
        column = token = 0

        def take_columns(upto: int) -> None:
            nonlocal column
            while column < upto:
                for row, new in zip(old, cells, strict=True):
                    new.append(row[column])
                cells[w][-1] = -1
                votes.append(self.votes[column])
                column += 1

        def add_tokens(upto: int) -> None:
            nonlocal token
            while token < upto:
                for new in cells:
                    new.append(-1)
                cells[w][-1] = token
                votes.append(Counter((codes[token],)))
                token += 1

        for c, t in [*pairs, (len(self.votes), len(codes))]:
            take_columns(c)
            add_tokens(t)
            if c < len(self.votes):
                for row, new in zip(old, cells, strict=True):
                    new.append(row[c])
                cells[w][-1] = t
                self.votes[c][codes[t]] += 1
                votes.append(self.votes[c])
                column, token = c + 1, t + 1
        self.cells, self.votes = cells, votes


def align(
    witnesses: Sequence[Witness],
    *,
    options: AlignOptions | None = None,
    progress: Progress | None = None,
) -> Alignment:
    """Align the collated witnesses (every role but ``summary``) into variant units.

    >>> from collate.load import witness_from_text
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
        positions = tuple(t.index for t in witness.tokens if t.norm)
        codes = tuple(vocabulary.intern(witness.tokens[p].norm) for p in positions)
        seqs.append(_Matchable(witness, positions, codes))
    order = _merge_order(seqs)
    table = _Table(len(seqs), order[0], seqs[order[0]].codes)
    pairwise = _Pairwise(vocabulary.similar, settings.near_match, replacements=True)
    if progress:
        progress("aligning", 0, len(order) - 1)
    for done, w in enumerate(order[1:], 1):
        table.merge(w, seqs[w].codes, pairwise.pairs(table.consensus(), seqs[w].codes))
        if progress:
            progress("aligning", done, len(order) - 1)
    units, ranges = _units(seqs, table)
    transpositions = (
        _transpositions(seqs, units, ranges, settings.transposition_min)
        if settings.transposition_min and len(seqs) > 1
        else ()
    )
    return Alignment(tuple(sigla), units, transpositions)


def _units(seqs: list[_Matchable], table: _Table) -> tuple[tuple[Unit, ...], list[list[tuple[int, int]]]]:
    """Cut the columns into units; also give each unit's matchable-token range per witness."""
    codes = [s.codes for s in seqs]
    rows = list(enumerate(table.cells))
    runs: list[list[int]] = []
    previous: tuple[int, ...] | None = None
    for c in range(len(table.votes)):
        labels: dict[int, int] = {}
        signature = tuple(
            [labels.setdefault(codes[w][row[c]] if row[c] >= 0 else -1, len(labels)) for w, row in rows]
        )
        if signature == previous:
            runs[-1][1] = c + 1
        else:
            runs.append([c, c + 1])
            previous = signature
    if not runs:
        runs = [[0, 0]]
    cursor = [0] * len(seqs)
    all_ranges: list[list[tuple[int, int]]] = []
    for c0, c1 in runs:
        ranges = []
        for w, row in rows:
            start = end = cursor[w]
            for c in range(c1 - 1, c0 - 1, -1):
                if row[c] >= 0:
                    end = row[c] + 1
                    break
            ranges.append((start, end))
            cursor[w] = end
        all_ranges.append(ranges)
    norms = [[s.witness.tokens[p].norm for p in s.positions] for s in seqs]
    last = len(runs) - 1
    units = tuple(_unit(seqs, norms, number, ranges, last) for number, ranges in enumerate(all_ranges))
    return units, all_ranges


def _unit(
    seqs: list[_Matchable], norms: list[list[str]], number: int, ranges: list[tuple[int, int]], last: int
) -> Unit:
    groups: dict[tuple[int, ...], list[int]] = {}
    for w, (start, end) in enumerate(ranges):
        groups.setdefault(seqs[w].codes[start:end], []).append(w)
    readings = []
    for members in sorted(groups.values()):
        spans = {}
        for w in members:
            start, end = ranges[w]
            lo = 0 if number == 0 else seqs[w].boundary(start)
            hi = len(seqs[w].witness.text) if number == last else seqs[w].boundary(end)
            spans[seqs[w].witness.siglum] = Span(lo, hi)
        first = seqs[members[0]].witness
        start, end = ranges[members[0]]
        text = first.slice(spans[first.siglum]).strip()
        norm = " ".join(norms[members[0]][start:end])
        readings.append(Reading(tuple(seqs[w].witness.siglum for w in members), text, spans, norm))
    return Unit(f"u{number + 1}", len(readings) > 1, tuple(readings))


def _transpositions(
    seqs: list[_Matchable], units: tuple[Unit, ...], ranges: list[list[tuple[int, int]]], minimum: int
) -> tuple[Transposition, ...]:
    """Blocks of ``minimum`` or more tokens that two witnesses have at different places.

    For each pair of witnesses, the tokens one has in units where the other reads nothing
    (its additions) are looked up among the other's additions; a block found in both is a
    move, recorded once per pair of units.
    """
    found: list[Transposition] = []
    seen: set[tuple[int, int]] = set()
    for x in range(len(seqs)):
        for y in range(x + 1, len(seqs)):
            alone_x = [
                (u, r[x]) for u, r in enumerate(ranges) if r[y][0] == r[y][1] and r[x][1] - r[x][0] >= minimum
            ]
            alone_y = [
                (u, r[y]) for u, r in enumerate(ranges) if r[x][0] == r[x][1] and r[y][1] - r[y][0] >= minimum
            ]
            if not alone_x or not alone_y:
                continue
            cx, cy = seqs[x].codes, seqs[y].codes
            index: dict[tuple[int, ...], tuple[int, int, int]] = {}
            for u, (start, end) in alone_x:
                for k in range(start, end - minimum + 1):
                    index.setdefault(cx[k : k + minimum], (u, k, end))
            for uy, (start, end) in alone_y:
                k = start
                while k <= end - minimum:
                    hit = index.get(cy[k : k + minimum])
                    if hit is None:
                        k += 1
                        continue
                    ux, i, x_end = hit
                    length = minimum
                    while k + length < end and i + length < x_end and cy[k + length] == cx[i + length]:
                        length += 1
                    key = (min(ux, uy), max(ux, uy))
                    if ux != uy and key not in seen:
                        seen.add(key)
                        found.append(_move(len(found) + 1, units, key, seqs[x], seqs[y], i, k, length))
                    k += length
    return tuple(found)


def _move(
    number: int,
    units: tuple[Unit, ...],
    key: tuple[int, int],
    x: _Matchable,
    y: _Matchable,
    i: int,
    k: int,
    length: int,
) -> Transposition:
    def span(seq: _Matchable, first: int) -> Span:
        tokens = seq.witness.tokens
        return Span(tokens[seq.positions[first]].start, tokens[seq.positions[first + length - 1]].end)

    return Transposition(
        f"t{number}",
        (units[key[0]].id, units[key[1]].id),
        (x.witness.siglum, y.witness.siglum),
        (span(x, i), span(y, k)),
        length,
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
