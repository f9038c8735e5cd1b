"""How a finding of the summary check becomes an anomaly: where it points, and how confident it
is (`CONFIDENCE`, calibrated on the tuning halves of the labelled sets)."""

from __future__ import annotations

from collate.model import (
    Anomaly,
    AnomalyKind,
    Location,
)
from collate.summary.passages import _Passage

CONFIDENCE: dict[AnomalyKind, float] = {
    AnomalyKind.SUMMARY_ALTERED_TERM: 0.8,
    AnomalyKind.SUMMARY_CHANGED_ATTRIBUTION: 0.75,
    AnomalyKind.SUMMARY_CHANGED_NUMBER: 0.86,
    AnomalyKind.SUMMARY_CHANGED_QUANTITY: 0.75,
    AnomalyKind.SUMMARY_CHANGED_SCOPE: 0.57,
    AnomalyKind.SUMMARY_CONTRADICTED: 0.33,
    AnomalyKind.SUMMARY_DROPPED_CONDITION: 0.38,
    AnomalyKind.SUMMARY_DROPPED_HEDGE: 0.29,
    AnomalyKind.SUMMARY_UNSUPPORTED: 0.35,
    AnomalyKind.SUMMARY_UNSUPPORTED_LINK: 0.7,
}
"""How often a flag of each kind names the clause's own distortion, measured on the tuning
half of the evaluation set (``benchmarks/summary_bench.py --calibrate``: right flags over all
flags of the kind, smoothed as (right + 1) / (flagged + 2)). A confidence of 0.3 means: on
summaries like those, about 3 such flags in 10 were right."""


def _where(sentence: _Passage) -> Location:
    return Location(sentence.witness.siglum, sentence.start, sentence.end)


def _anomaly(
    kind: AnomalyKind,
    clause: _Passage,
    phrase: tuple[int, int],
    cause: str,
    reference: Location,
    sentence: _Passage,
) -> Anomaly:
    """A flag on ``phrase`` of the clause whose evidence is the phrase, the source sentence
    and the passage of it that the summary departs from (``reference``)."""
    start, end = phrase
    return _flag(
        kind,
        clause,
        phrase,
        cause,
        (Location(clause.witness.siglum, start, end), _where(sentence), reference),
        reference,
        {kind.value.removeprefix("summary-"): 1.0},
    )


def _flag(
    kind: AnomalyKind,
    clause: _Passage,
    phrase: tuple[int, int],
    cause: str,
    evidence: tuple[Location, ...],
    reference: Location | None,
    features: dict[str, float],
) -> Anomaly:
    """The one place a summary anomaly is made: on ``phrase`` of the clause's witness."""
    start, end = phrase
    return Anomaly(
        id="",
        kind=kind,
        witness=clause.witness.siglum,
        start=start,
        end=end,
        text=clause.witness.text[start:end],
        confidence=CONFIDENCE[kind],
        cause=cause,
        evidence=evidence,
        reference=reference,
        features=features,
    )
