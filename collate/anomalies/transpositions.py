"""Transpositions: a block that two witnesses have at different places (from the aligner)."""

from __future__ import annotations

from collections.abc import Sequence

from collate.anomalies._common import REWRITTEN, Collation, confidence
from collate.model import Alignment, Anomaly, AnomalyKind, Location, Witness

REVISED = 0.3
"""The confidence of a transposition between revisions: an author's rewording, kept in the
apparatus, not a fault to mend. In a passage the two otherwise read differently around it
(`Collation.rewritten`, at either place) a moved block has at most `REWRITTEN`, the same."""

WORD_ORDER = -2.0
"""The weight against a moved block between independent witnesses, where word order varies
by itself: only a block of 10 words or more reaches 0.5."""


INFERRED = -0.5
"""The weight against a moved block between witnesses inferred to be copies, not declared:
a word moved (0.43) is not gated on a guess; three words (0.52) are."""


def features(tokens: int, relation: str = "copies", declared: bool = True) -> dict[str, float]:
    """The longer the moved block, the less likely it matched by chance; between independent
    witnesses, a short block is the word order of one of them."""
    found = {"block length": 0.2 * min(tokens, 10)}
    if relation == "independent":
        found["word order between independent witnesses"] = WORD_ORDER
    elif relation == "copies" and not declared:
        found["copies, as inferred"] = INFERRED
    return found


def find(
    witnesses: Sequence[Witness], alignment: Alignment, collation: Collation | None = None
) -> list[Anomaly]:
    """Each moved block as a ``transposition`` in the second witness of the pair: two words
    swapped, a word or phrase put a few words on, a block moved far; none where one of the
    two has lost its text at the block's place (`Collation.lost`): the block matched the
    same words elsewhere by chance."""
    texts = {w.siglum: w.text for w in witnesses}
    found = []
    for move in alignment.transpositions:
        # the pair in siglum order: the anomaly stands in the second, whatever the input order
        (first, here), (second, there) = sorted(zip(move.witnesses, move.spans, strict=True))
        if collation is not None and (
            collation.lost(second, first, here) or collation.lost(first, second, there)
        ):
            continue  # one witness's text is lost where the block should stand: a chance match
        relation = collation.relation(first, second) if collation is not None else "copies"
        declared = collation.declared(first, second) if collation is not None else True
        rewritten = collation is not None and (
            collation.rewritten(first, second, here) or collation.rewritten(second, first, there)
        )
        weights = features(move.tokens, relation, declared)
        score = confidence(weights, 0.0, AnomalyKind.TRANSPOSITION.value)
        if relation == "revisions":
            score = REVISED
        elif rewritten:
            score = min(score, REWRITTEN)
        found.append(
            Anomaly(
                id="",
                kind=AnomalyKind.TRANSPOSITION,
                witness=second,
                start=there.start,
                end=there.end,
                text=texts[second][there.start : there.end],
                confidence=score,
                cause=f"{move.tokens} word{'s' if move.tokens > 1 else ''} standing elsewhere in {first} "
                f"(units {move.units[0]} and {move.units[1]})"
                + ("; the words around it read otherwise too: a passage rewritten" if rewritten else ""),
                evidence=(Location(first, here.start, here.end), Location(second, there.start, there.end)),
                reference=Location(first, here.start, here.end),
                features=weights,
            )
        )
    return found
