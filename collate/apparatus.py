"""Put the pieces together: witnesses, their alignment and the anomalies found in them."""

from __future__ import annotations

from collections.abc import Sequence

from collate import summary
from collate.aligner import AlignOptions, Progress, align
from collate.anomalies import DetectOptions, detect, numbered
from collate.errors import InputError
from collate.model import Apparatus, Link, Role, Witness


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
    anomalies = list(detect(witnesses, alignment, options=detect_options))
    links: list[Link] = []
    sources = summary.sources_for(witnesses)
    for witness in witnesses:
        if witness.role is Role.SUMMARY:
            checked = summary.check(witness, sources)
            links.extend(checked.links)
            anomalies.extend(checked.anomalies)
    return Apparatus(tuple(witnesses), alignment, numbered(anomalies, witnesses), tuple(links))
