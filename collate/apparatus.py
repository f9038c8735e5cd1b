"""Put the pieces together: witnesses, their alignment and the anomalies found in them."""

from __future__ import annotations

from collections.abc import Sequence

from collate import summary
from collate._gc import pauses_gc
from collate.aligner import AlignOptions, Progress, align
from collate.anomalies import DetectOptions, detect, numbered, relations
from collate.errors import InputError
from collate.model import Apparatus, Link, Relation, Role, Witness


@pauses_gc  # the summary check and the numbering too, not only the aligner and detectors
def build(
    witnesses: Sequence[Witness],
    *,
    options: AlignOptions | None = None,
    detect_options: DetectOptions | None = None,
    progress: Progress | None = None,
) -> Apparatus:
    """Collate witnesses into an apparatus, with the anomalies the detectors find.

    Witnesses with the role ``summary`` are not collated word by word: each is checked
    against the ``source`` witnesses (or, without one, every other), its clauses linked to
    the sentences that support them and its distortions reported.
    """
    if not witnesses:
        raise InputError("nothing to collate: no witnesses")
    if not any(w.collated for w in witnesses):
        raise InputError("nothing to collate: every witness has the role 'summary'")
    alignment = align(witnesses, options=options, progress=progress)
    related = relations(witnesses, alignment, detect_options)
    detected = detect(witnesses, alignment, options=detect_options, related=related)  # numbered
    anomalies = list(detected)
    links: list[Link] = []
    bounded: list[str] = []
    sources = summary.sources_for(witnesses)
    for witness in witnesses:
        if witness.role is Role.SUMMARY:
            checked = summary.check(witness, sources)
            links.extend(checked.links)
            anomalies.extend(checked.anomalies)
            bounded.extend(checked.limits)
    # numbered again only where the summary check added some
    found = numbered(anomalies, witnesses) if len(anomalies) > len(detected) else detected
    return Apparatus(tuple(witnesses), alignment, found, tuple(links), related, tuple(bounded))


_NAMES = {
    "dittography": ("dittography", "dittographies"),
    "omission": ("omission", "omissions"),
    "addition": ("addition", "additions"),
    "transposition": ("transposition", "transpositions"),
    "spelling-variation": ("word spelled two ways", "words spelled two ways"),
    "editorial-insertion": ("editorial insertion", "editorial insertions"),
    "summary-unsupported": ("unsupported claim", "unsupported claims"),
    "summary-dropped-condition": ("dropped condition", "dropped conditions"),
    "summary-dropped-hedge": ("dropped hedge", "dropped hedges"),
    "summary-altered-term": ("altered term", "altered terms"),
    "summary-changed-number": ("changed figure", "changed figures"),
    "summary-changed-quantity": ("changed quantity", "changed quantities"),
    "summary-changed-scope": ("changed scope", "changed scopes"),
    "summary-contradicted": ("contradiction", "contradictions"),
    "summary-unsupported-link": ("unsupported link", "unsupported links"),
    "summary-changed-attribution": ("changed attribution", "changed attributions"),
}
"""Each anomaly kind in plain words, one and many."""


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def relation_line(relation: Relation) -> str:
    """What two witnesses were taken for, and why: ``1818 and 1831: revisions (inferred: ...)``."""
    a, b = relation.witnesses
    how = f"inferred: {relation.reason}" if relation.inferred else relation.reason
    return f"{a} and {b}: {relation.relation} ({how})"


def describe(apparatus: Apparatus) -> str:
    """What was collated, what was checked against what, and what was found, in plain words:

    >>> from collate.readers import witness_from_text
    >>> describe(build([witness_from_text("A", "the black cat"), witness_from_text("B", "the cat")]))
    'Collated A and B: 3 places, 1 where they differ. Found no anomalies.'
    """
    collated = [w.siglum for w in apparatus.witnesses if w.collated]
    summaries = [w.siglum for w in apparatus.witnesses if w.role is Role.SUMMARY]
    units = apparatus.alignment.units
    variants = sum(1 for u in units if u.variant)
    parts = []
    if len(collated) > 1:
        places = f"{len(units):,} place{'' if len(units) == 1 else 's'}"
        parts.append(f"Collated {_listed(collated)}: {places}, {variants:,} where they differ.")
    else:
        parts.append(f"Checked {_listed(collated)} on its own (no other copy to collate it with).")
    for name in summaries:
        links = [link for link in apparatus.links if link.summary == name]
        supported = sum(1 for link in links if link.sources)
        sources = sorted({s.witness for link in links for s in link.sources}) or collated
        parts.append(
            f"Checked {name} against {_listed(sources)}, clause by clause: {len(links):,} "
            f"clause{'' if len(links) == 1 else 's'}, {supported:,} with support in the source."
        )
    kinds: dict[str, int] = {}
    for anomaly in apparatus.anomalies:
        kinds[anomaly.kind.value] = kinds.get(anomaly.kind.value, 0) + 1
    if kinds:
        counted = [
            f"{n:,} {_NAMES.get(kind, (kind, kind))[0 if n == 1 else 1]}"
            for kind, n in sorted(kinds.items(), key=lambda item: (-item[1], item[0]))
        ]
        total = len(apparatus.anomalies)
        parts.append(f"Found {total:,} anomal{'y' if total == 1 else 'ies'}: {_listed(counted)}.")
    else:
        parts.append("Found no anomalies.")
    return " ".join(parts)
