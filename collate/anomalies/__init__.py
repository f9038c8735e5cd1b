"""Detectors of transmission errors, one module each.

Single-witness detectors look at one text alone: `repeats` (dittography), `editorial`
(bracketed insertions), `spelling` (one word spelled two ways). Cross-witness detectors read
the alignment: `omissions` (eye-skip: homeoteleuton, homeoarchy) and `transpositions`; a
dittography that the other witnesses lack is more confident than one seen in a single text.

`detect` runs them all and numbers the anomalies in a stable order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from collate._gc import pauses_gc
from collate.errors import ConfigError
from collate.model import Alignment, Anomaly, Witness


@dataclass(frozen=True, slots=True)
class DetectOptions:
    """Settings of the detectors.

    - ``max_period``: the longest repeated passage looked for, in words.
    - ``report_floor``: candidates less confident than this are not reported at all.
    - ``grammatical_doubles``: words an author writes twice on purpose ("had had").
    """

    max_period: int = 100
    report_floor: float = 0.1
    grammatical_doubles: frozenset[str] = field(
        default_factory=lambda: frozenset({"that", "had", "is", "do", "very", "ha", "well", "no"})
    )

    def __post_init__(self) -> None:
        if self.max_period < 1:
            raise ConfigError(f"max_period must be 1 or more, not {self.max_period}")
        if not 0 <= self.report_floor <= 1:
            raise ConfigError(f"report_floor must be between 0 and 1, not {self.report_floor}")


@pauses_gc
def detect(
    witnesses: Sequence[Witness],
    alignment: Alignment | None = None,
    *,
    options: DetectOptions | None = None,
) -> tuple[Anomaly, ...]:
    """Every anomaly the detectors find, numbered ``a1``, ``a2``, ... in witness order.

    With an ``alignment`` of two or more witnesses, the cross-witness detectors run too.
    """
    from collate.anomalies import editorial, omissions, repeats, spelling, transpositions
    from collate.anomalies._common import Collation

    settings = options or DetectOptions()
    found: list[Anomaly] = []
    collated = [w for w in witnesses if w.collated]
    cross = alignment is not None and len(alignment.sigla) > 1
    collation = Collation(collated, alignment if cross else None)
    for witness in collated:
        found.extend(repeats.find(witness, settings, collation))
        found.extend(editorial.find(witness))
        found.extend(spelling.find(witness, collation))
    if cross and alignment is not None:
        found.extend(omissions.find(collation))
        found.extend(transpositions.find(collated, alignment))
    return numbered([a for a in found if a.confidence >= settings.report_floor], witnesses)


def numbered(anomalies: Sequence[Anomaly], witnesses: Sequence[Witness]) -> tuple[Anomaly, ...]:
    """Anomalies in witness order, then by position and kind, numbered ``a1``, ``a2``, ..."""
    order = {w.siglum: n for n, w in enumerate(witnesses)}
    ordered = sorted(
        anomalies, key=lambda a: (order.get(a.witness, len(order)), a.start, a.end, a.kind.value)
    )
    return tuple(replace(a, id=f"a{n}") for n, a in enumerate(ordered, 1))
