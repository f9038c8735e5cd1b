"""Put the pieces together: witnesses, their alignment and the anomalies found in them."""

from __future__ import annotations

from collections.abc import Sequence

from collate.align import AlignOptions, Progress, align
from collate.errors import InputError
from collate.model import Alignment, Anomaly, AnomalyKind, Apparatus, Location, Witness


def build(
    witnesses: Sequence[Witness],
    *,
    options: AlignOptions | None = None,
    progress: Progress | None = None,
) -> Apparatus:
    """Collate witnesses into an apparatus.

    Witnesses with the role ``summary`` are listed but not collated word by word.
    """
    if not witnesses:
        raise InputError("nothing to collate: no witnesses")
    if not any(w.collated for w in witnesses):
        raise InputError("nothing to collate: every witness has the role 'summary'")
    alignment = align(witnesses, options=options, progress=progress)
    return Apparatus(tuple(witnesses), alignment, tuple(_transpositions(alignment, witnesses)))


def _transpositions(alignment: Alignment, witnesses: Sequence[Witness]) -> list[Anomaly]:
    """Each moved block as a ``transposition`` anomaly in the second witness of the pair."""
    texts = {w.siglum: w.text for w in witnesses}
    anomalies = []
    for number, move in enumerate(alignment.transpositions, 1):
        (first, second), (here, there) = move.witnesses, move.spans
        anomalies.append(
            Anomaly(
                id=f"a{number}",
                kind=AnomalyKind.TRANSPOSITION,
                witness=second,
                start=there.start,
                end=there.end,
                text=texts[second][there.start : there.end],
                confidence=min(0.95, 0.5 + 0.05 * move.tokens),
                cause=f"a block of {move.tokens} words stands elsewhere in {first} "
                f"(units {move.units[0]} and {move.units[1]})",
                evidence=(
                    Location(first, here.start, here.end),
                    Location(second, there.start, there.end),
                ),
                reference=Location(first, here.start, here.end),
            )
        )
    return anomalies
