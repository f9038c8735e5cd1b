"""The second pass over the table: each witness taken out and realigned, in windows, against
the others, a window kept where the new alignment agrees better."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
from collate.aligner.table import _Matchable, _mend, _rank, _Table


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
