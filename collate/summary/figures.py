"""Quantities a summary changes: each quantity of a clause (`collate.quantity`) set against its
counterpart in the linked sentences, in one unit."""

from __future__ import annotations

import math

from collate.model import (
    Anomaly,
    AnomalyKind,
    Location,
)
from collate.quantity import Precision, Quantity
from collate.summary.flags import _flag, _where
from collate.summary.passages import _Passage

_ORDERED = frozenset(("date", "year", "fraction", "ordinal"))
"""Units a bare number never stands for."""


def _agrees(said: Quantity, source: Quantity) -> bool:
    """Whether a summary's quantity says no more than its source's: the same exact value; a
    vague, approximate or bounded amount that allows the source's; or two amounts that
    overlap where neither is exact. An exact value where the source's is not claims more."""
    if said.exact:
        return source.exact and source.allows(said)
    if said.precision is Precision.BOUND:
        if source.precision is Precision.BOUND:
            return source.bound == said.bound and source.allows(said) and said.allows(source)
        return said.allows(source)
    if source.exact:
        return said.allows(source)
    if source.precision is Precision.BOUND:
        return False
    return said.overlaps(source)


def _counterpart(said: Quantity, candidates: list[Quantity]) -> Quantity:
    """The source quantity a summary's one renders: one that counts the same thing, then (for
    an amount not exact) one stated the same way, a bound for a bound; then the nearest in
    size."""
    same = [q for q in candidates if q.noun and q.noun == said.noun] or candidates
    if not said.exact:
        same = [q for q in same if q.precision is said.precision] or same
    # nearest in size; of two as near, one stated as the summary states it
    return min(
        same,
        key=lambda q: (
            abs(math.log((q.middle or 1e-9) / (said.middle or 1e-9))),
            q.precision is not said.precision,
        ),
    )


def _changed_quantities(
    clause: _Passage, linked: list[_Passage], stated: set[tuple[str, float]]
) -> list[Anomaly]:
    """Quantities of the clause that say other than the source, compared as values in their
    unit (`collate.quantity`) with those of the sentences the clause is linked to."""
    found = []
    theirs = [(s, q) for s in linked for q in s.quantities()]
    for said in clause.quantities():
        verdict = _quantity_verdict(
            said, clause.witness.text[said.start : said.end], theirs, stated, linked[0]
        )
        if verdict is None:
            continue
        kind, cause, (sentence, reference) = verdict
        where = (
            Location(sentence.witness.siglum, reference.start, reference.end)
            if reference
            else _where(sentence)
        )
        found.append(
            _flag(
                kind,
                clause,
                (said.start, said.end),
                cause,
                (Location(clause.witness.siglum, said.start, said.end), where),
                where,
                {"quantity not in source": 1.0, "source sentence has quantities": 1.0 if theirs else 0.0},
            )
        )
    return found


def _quantity_verdict(
    said: Quantity,
    shown: str,
    theirs: list[tuple[_Passage, Quantity]],
    stated: set[tuple[str, float]],
    primary: _Passage,
) -> tuple[AnomalyKind, str, tuple[_Passage, Quantity | None]] | None:
    """What is wrong with one quantity of a clause, against the quantities of its linked
    sentences (``theirs``; ``primary``, the best of them) and the exact values stated
    anywhere in the source (``stated``):

    - nothing, when a source quantity of its unit agrees (`_agrees`; a bare number of the
      sentence may stand for one in the unit it names nearby), or when it is exact and the
      source states it elsewhere, the link and not the value being at fault;
    - ``summary-changed-number``: a figure the source does not state; the same figure in
      another unit ("83,000 hundredweight" for "83,000 tons"); another value stated the same
      way (exact for exact, "about" for "about", "under" for "under"), or another date;
    - ``summary-contradicted``: a bound turned round ("more than eighty days" for "eighty
      days or less");
    - ``summary-changed-quantity``: an exact value where the source's is vague, approximate,
      bounded or a range, or an amount of another size.

    A quantity in words with nothing of its unit to compare is let be ("a third of it each"
    for "in equal amounts"): a figure that is nowhere in the source is the evidence."""
    same = [q for _, q in theirs if q.unit == said.unit]
    # a bare number of the sentence may stand for one in the unit it names nearby ("from one
    # hundred dollars a month to 125, and in some cases to 150"); a rate for its amount
    loose = same + [
        q
        for _, q in theirs
        if (not q.unit and said.unit not in _ORDERED)
        or (q.unit != said.unit and q.unit.split(" per ")[0] == said.unit.split(" per ")[0])
    ]
    if said.exact and any(_agrees(said, q) for q in loose):
        return None
    if not said.exact and loose and _agrees(said, _counterpart(said, loose)):
        return None
    first: tuple[_Passage, Quantity | None] = theirs[0] if theirs else (primary, None)
    if not same and not said.exact and loose:
        same = loose  # bare numbers of the sentence, the only ones to compare an amount with
    if not same:
        if not said.exact or not any(c.isdigit() for c in shown) or (said.unit, said.low) in stated:
            return None
        other = next(((s, q) for s, q in theirs if abs(q.figure - said.figure) < 1e-9), None)
        if other is not None and other[1].unit and said.unit and other[1].unit != said.unit:
            sentence, quantity = other
            source_shown = sentence.witness.text[quantity.start : quantity.end]
            return (AnomalyKind.SUMMARY_CHANGED_NUMBER, f"the summary says {shown}; its sentence says "
                    f"{source_shown}, in another unit", other)  # fmt: skip
        if other is not None:
            return None  # the same figure, read in a unit on one side only
        cause = f"{shown} is not in the source"
        if theirs:
            cause += f"; its sentence says {theirs[0][0].witness.text[theirs[0][1].start : theirs[0][1].end]}"
        return AnomalyKind.SUMMARY_CHANGED_NUMBER, cause, first
    reference = _counterpart(said, same)
    sentence = next(s for s, q in theirs if q is reference)
    if said.exact and (said.unit, said.low) in stated and not any(q.overlaps(said) for q in same):
        return None
    source_shown = sentence.witness.text[reference.start : reference.end]
    if said.bound and reference.bound and said.bound != reference.bound:
        kind = AnomalyKind.SUMMARY_CONTRADICTED
        cause = f"the source says {source_shown}; the summary turns the bound round: {shown}"
    elif said.unit == "date" or (
        said.precision is reference.precision and said.precision is not Precision.VAGUE
    ):
        kind = AnomalyKind.SUMMARY_CHANGED_NUMBER
        cause = f"the summary says {shown}; its sentence says {source_shown}"
    elif said.exact:
        kind = AnomalyKind.SUMMARY_CHANGED_QUANTITY
        cause = f"the source gives {source_shown}, not an exact value; the summary says {shown}"
    else:
        kind = AnomalyKind.SUMMARY_CHANGED_QUANTITY
        cause = f"the summary says {shown}; its sentence says {source_shown}"
    return kind, cause, (sentence, reference)
