"""Detectors of transmission errors, one module each.

Single-witness detectors look at one text alone: `repeats` (dittography), `editorial`
(bracketed insertions), `spelling` (one word spelled two ways). Cross-witness detectors read
the alignment: `omissions` (eye-skip: homeoteleuton, homeoarchy) and `transpositions`; a
dittography that the other witnesses lack is more confident than one seen in a single text.

`detect` runs them all and numbers the anomalies in a stable order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from collate._gc import pauses_gc
from collate.anomalies import editorial, omissions, repeats, spelling, transpositions
from collate.anomalies._common import CLAUSE_MARKS, Collation, scribal_key
from collate.anomalies.options import DetectOptions
from collate.anomalies.relation import infer
from collate.model import Alignment, Anomaly, AnomalyKind, Relation, Witness

__all__ = [
    "Collation",
    "DetectOptions",
    "at_first_word",
    "detect",
    "numbered",
    "one_slip_each",
    "relations",
    "scribal_key",
]


def relations(
    witnesses: Sequence[Witness], alignment: Alignment | None, options: DetectOptions | None = None
) -> tuple[Relation, ...]:
    """What each pair of collated witnesses is to the other: as ``options`` declare, or as
    their ``alignment`` shows (`collate.anomalies.relation.infer`), in witness order."""
    settings = options or DetectOptions()
    collated = [w for w in witnesses if w.collated]
    return tuple(infer(collated, alignment, settings.relation, settings.exemplars).values())


@pauses_gc
def detect(
    witnesses: Sequence[Witness],
    alignment: Alignment | None = None,
    *,
    options: DetectOptions | None = None,
    related: Sequence[Relation] | None = None,
) -> tuple[Anomaly, ...]:
    """Every anomaly the detectors find, numbered ``a1``, ``a2``, ... in witness order.

    With an ``alignment`` of two or more witnesses, the cross-witness detectors run too, for
    each pair as ``related`` says (`relations`, computed here when not given).
    """
    settings = options or DetectOptions()
    found: list[Anomaly] = []
    collated = [w for w in witnesses if w.collated]
    cross = alignment is not None and len(alignment.sigla) > 1
    if related is None:
        related = relations(collated, alignment if cross else None, settings)
    collation = Collation(collated, alignment if cross else None, related)
    for witness in collated:
        found.extend(repeats.find(witness, settings, collation))
        found.extend(editorial.find(witness, collation))
        found.extend(spelling.find(witness, collation))
    if cross and alignment is not None:
        found.extend(omissions.find(collation, settings))
        found.extend(transpositions.find(collated, alignment, collation))
    by_siglum = {w.siglum: w for w in collated}
    reported = [
        at_first_word(a, by_siglum[a.witness])
        for a in one_slip_each(found, by_siglum)
        if a.confidence >= settings.report_floor
    ]
    return numbered(reported, witnesses)


OWN_EVIDENCE = ("doubled word", "trigger")
"""The dittography features read in the doubling witness's own text: a word twice with no mark
between in a witness that punctuates ("could could"), or the words the eye went back to."""


def one_slip_each(found: Sequence[Anomaly], witnesses: Mapping[str, Witness]) -> list[Anomaly]:
    """The anomalies less omissions that read a flagged doubling the other way round: where
    one witness has words twice that another has once, the doubling is the first's slip (a
    dittography) or the second's (an omission, haplography or eye-skip), never both. Where
    the dittography has evidence in its own witness's text (`OWN_EVIDENCE`), the omission
    whose missing words lie within the doubled words (both copies) is not reported; an
    omission of more than that is another difference, and stands. Without such evidence (a text that marks
    no clauses, or too short to show whether it does: ``σ⳨ον σ⳨ον`` for ``σ⳨ον``) nothing on
    the page says which erred, and both stand."""
    doublings: dict[str, list[tuple[int, int]]] = {}
    marks: dict[str, bool] = {}  # whether a witness marks clauses at all, read once a witness

    def marked(siglum: str) -> bool:
        if siglum not in marks:
            marks[siglum] = any(t.text in CLAUSE_MARKS for t in witnesses[siglum].tokens)
        return marks[siglum]

    for anomaly in found:
        if (
            anomaly.kind is AnomalyKind.DITTOGRAPHY
            and any(f in anomaly.features for f in OWN_EVIDENCE)
            and marked(anomaly.witness)
        ):
            # both copies: the evidence holds the first, the anomaly the second
            own = [e for e in anomaly.evidence if e.witness == anomaly.witness]
            start = min([anomaly.start, *(e.start for e in own)])
            end = max([anomaly.end, *(e.end for e in own)])
            doublings.setdefault(anomaly.witness, []).append((start, end))
    if not doublings:
        return list(found)

    def mirrored(anomaly: Anomaly) -> bool:
        where = anomaly.reference
        if anomaly.kind is not AnomalyKind.OMISSION or where is None:
            return False
        return any(
            start <= where.start and where.end <= stop for start, stop in doublings.get(where.witness, ())
        )

    return [a for a in found if not mirrored(a)]


def at_first_word(anomaly: Anomaly, witness: Witness) -> Anomaly:
    """The anomaly located at its first word: an added or doubled passage cut from the
    alignment may begin at the full stop or the line end before it, and would be placed a
    sentence or a line early. Its emendation keeps its own span."""
    start = witness.word_start(anomaly.start, anomaly.end)
    if start == anomaly.start:
        return anomaly
    text = anomaly.text
    skipped = witness.text[anomaly.start : start]
    if text.startswith(skipped.strip()):
        text = text[len(skipped.strip()) :].lstrip()
    return replace(anomaly, start=start, text=text)


def numbered(anomalies: Sequence[Anomaly], witnesses: Sequence[Witness]) -> tuple[Anomaly, ...]:
    """Anomalies in witness order, then by position and kind, numbered ``a1``, ``a2``, ..."""
    order = {w.siglum: n for n, w in enumerate(witnesses)}
    # a kind is a StrEnum: it sorts as its slug, without the cost of ``.value`` per anomaly
    ordered = sorted(anomalies, key=lambda a: (order.get(a.witness, len(order)), a.start, a.end, a.kind))
    return tuple(replace(a, id=f"a{n}") for n, a in enumerate(ordered, 1))
