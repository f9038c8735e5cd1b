"""What two collated witnesses are to each other, read from their collation when nobody says.

The detectors need to know it, because the same difference means different things:

- **copies** of one text (a scribe's or a compositor's copy, a transcription, a copy and its
  corrected state) differ in few places. Any omission or addition there is a fault of one of
  them, mechanical or not, and is reported.
- **revisions** (versions an author rewrote) differ where the author rewrote: whole
  sentences and paragraphs added, cut or recast, the variation gathered in long stretches.
- **independent** witnesses (manuscripts of one work at some remove from each other, or
  critical editions made from them) differ everywhere, in small ways: a word more or less,
  another word order, another spelling.

Between revisions and between independent witnesses a word added or left out, or a word
order, is a *variant*: it stays in the apparatus, and only what a mechanical cause explains
(a slide between like words, a repeat of nearby text) is an anomaly.

The inference reads two figures off the alignment of each pair, over the units where neither
witness is at a lacuna: how many places they differ in per 100 words (`INDEPENDENT_PLACES`),
and what share of the words they differ by lies in long stretches (`REVISED_SHARE` of the
words, in stretches of `LONG_STRETCH` words or more, and at `REWRITTEN_PLACES` places or
more). Too few differences to tell
(`FEWEST_PLACES`) leave the pair as copies, the relation that reports the most.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations

from collate.model import Alignment, Kinship, Relation, Witness, at_lacuna

RELATIONS = tuple(k.value for k in Kinship)
"""What collated witnesses can be to each other (`Kinship`'s values)."""

INDEPENDENT_PLACES = 4.0
"""Places of variation per 100 words from which two witnesses are independent. In the tuning
half (John 1-10), a first hand and its corrected state differ in 0.0 to 3.1, the manuscripts
and editions of John in 6.0 to 13.8."""

REVISED_SHARE = 0.5
"""The share of the differing words standing in long stretches from which two witnesses
are revisions: rewriting moves sentences, not words (Frankenstein Volume I, the tuning half:
0.60 to 0.93 for every pair of the four editions)."""

LONG_STRETCH = 20
"""Words (of both witnesses together) that make a stretch of variation long."""

REWRITTEN_PLACES = 3
"""Fewest long stretches that make revisions: one long gap alone is an accident of copying
(a line or a page skipped), not rewriting."""

JOINED = 2
"""Runs of variation this many agreed words apart or fewer are one place."""

FEWEST_PLACES = 10
"""Fewer places of variation than this tell nothing: the pair is taken for copies."""


def infer(
    witnesses: Sequence[Witness],
    alignment: Alignment | None,
    declared: str = "",
    exemplars: Mapping[str, str] | None = None,
) -> dict[frozenset[str], Relation]:
    """The relation of every pair of collated witnesses: ``declared`` for all when given,
    copies for a declared exemplar and its copy, and otherwise inferred from ``alignment``."""
    sigla = [w.siglum for w in witnesses if w.collated]
    relations: dict[frozenset[str], Relation] = {}
    copied = {frozenset(pair) for pair in (exemplars or {}).items()}
    counts = _pair_counts(witnesses, alignment, sigla) if alignment is not None and not declared else {}
    for a, b in combinations(sigla, 2):
        pair = frozenset((a, b))
        if declared:
            relations[pair] = Relation((a, b), Kinship(declared), "declared", inferred=False)
        elif pair in copied:
            relations[pair] = Relation(
                (a, b), Kinship.COPIES, "declared: one is the other's exemplar", inferred=False
            )
        else:
            relations[pair] = _inferred(a, b, *counts.get(pair, (0, 0, 0, 0, 0)))
    return relations


def _inferred(a: str, b: str, words: int, places: int, differing: int, long: int, rewritten: int) -> Relation:
    per_100 = 100 * places / max(words, 1)
    share = long / max(differing, 1)
    plural = "s" if places != 1 else ""
    figures = f"{places:,} place{plural} of variation in {words:,} words ({per_100:.1f} per 100)"
    if places < FEWEST_PLACES:
        return Relation((a, b), Kinship.COPIES, f"{figures}: too few to tell, taken for copies")
    if share >= REVISED_SHARE and rewritten >= REWRITTEN_PLACES:
        return Relation(
            (a, b),
            Kinship.REVISIONS,
            f"{figures}, {share:.0%} of the differing words in {rewritten:,} stretches of "
            f"{LONG_STRETCH} or more: rewriting",
        )
    if per_100 >= INDEPENDENT_PLACES:
        return Relation(
            (a, b),
            Kinship.INDEPENDENT,
            f"{figures}, in short stretches: independent witnesses",
        )
    return Relation((a, b), Kinship.COPIES, f"{figures}, in short stretches: copies")


def _pair_counts(
    witnesses: Sequence[Witness], alignment: Alignment, sigla: list[str]
) -> dict[frozenset[str], tuple[int, int, int, int, int]]:
    """For each pair: words (the mean of the two witnesses'), places of variation, words
    the two differ by, and of those the words in long stretches. A unit where one of the
    two reads nothing at a lacuna of its document is left out (nobody varied there)."""
    import numpy as np

    index = {s: k for k, s in enumerate(sigla)}
    texts = {w.siglum: w for w in witnesses}
    lacunae = {s: texts[s].lacunae() for s in sigla}
    units = alignment.units
    ids = np.full((len(units), len(sigla)), -1, dtype=np.int64)
    sizes = np.zeros((len(units), len(sigla)), dtype=np.int64)
    lost = np.zeros((len(units), len(sigla)), dtype=bool)
    norms: dict[str, int] = {}
    for row, unit in enumerate(units):
        for reading in unit.readings:
            code = norms.setdefault(reading.norm, len(norms))
            size = sum(1 for part in reading.norm.split() if any(c.isalnum() for c in part))
            for siglum, span in reading.spans.items():
                column = index.get(siglum)
                if column is None:
                    continue
                ids[row, column] = code
                sizes[row, column] = size
                if not size and lacunae[siglum]:
                    lost[row, column] = at_lacuna(texts[siglum].text, lacunae[siglum], span)
    counts = {}
    for a, b in combinations(range(len(sigla)), 2):
        kept = ~(lost[:, a] | lost[:, b])
        both = (sizes[:, a] + sizes[:, b])[kept]
        differ = (ids[:, a] != ids[:, b])[kept]
        edges = np.diff(np.concatenate(([0], differ.astype(np.int8), [0])))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        running = np.concatenate(([0], np.cumsum(both)))
        places, differing, long, rewritten = _stretches(
            (running[ends] - running[starts]).tolist(), (running[starts[1:]] - running[ends[:-1]]).tolist()
        )
        counts[frozenset((sigla[a], sigla[b]))] = (int(both.sum()) // 2, places, differing, long, rewritten)
    return counts


def _stretches(sizes: list[int], between: list[int]) -> tuple[int, int, int, int]:
    """Places of variation, the words they hold, and of those the words in long stretches,
    from the words of each run of differing units (``sizes``) and the words the two agree on
    between runs (``between``). Runs with `JOINED` words or fewer between them are one place:
    a rewritten sentence keeps an "and" or a comma of the old one."""
    places = long = rewritten = 0
    current = 0
    for k, size in enumerate(sizes):
        current += size
        if k == len(sizes) - 1 or between[k] > JOINED:
            places += 1
            if current >= LONG_STRETCH:
                long += current
                rewritten += 1
            current = 0
    return places, sum(sizes), long, rewritten
