"""Transpositions: a block that two witnesses have at different places (from the aligner)."""

from __future__ import annotations

from collections.abc import Sequence

from collate.anomalies import DetectOptions
from collate.anomalies._common import confidence
from collate.model import Alignment, Anomaly, AnomalyKind, Location, Witness

REVISED = 0.3
"""The confidence of a transposition between revisions: an author's rewording, kept in the
apparatus, not a fault to mend."""


def features(tokens: int) -> dict[str, float]:
    """The longer the moved block, the less likely it matched by chance."""
    return {"block length": 0.2 * min(tokens, 10)}


def find(
    witnesses: Sequence[Witness], alignment: Alignment, options: DetectOptions | None = None
) -> list[Anomaly]:
    """Each moved block as a ``transposition`` in the second witness of the pair: two words
    swapped, a word or phrase put a few words on, a block moved far."""
    copies = (options or DetectOptions()).copies
    texts = {w.siglum: w.text for w in witnesses}
    found = []
    for move in alignment.transpositions:
        # the pair in siglum order: the anomaly stands in the second, whatever the input order
        (first, here), (second, there) = sorted(zip(move.witnesses, move.spans, strict=True))
        found.append(
            Anomaly(
                id="",
                kind=AnomalyKind.TRANSPOSITION,
                witness=second,
                start=there.start,
                end=there.end,
                text=texts[second][there.start : there.end],
                confidence=confidence(features(move.tokens), 0.0, AnomalyKind.TRANSPOSITION.value)
                if copies
                else REVISED,
                cause=f"{move.tokens} word{'s' if move.tokens > 1 else ''} standing elsewhere in {first} "
                f"(units {move.units[0]} and {move.units[1]})",
                evidence=(Location(first, here.start, here.end), Location(second, there.start, there.end)),
                reference=Location(first, here.start, here.end),
                features=features(move.tokens),
            )
        )
    return found
