"""Put the pieces together: witnesses, their alignment and the anomalies found in them."""

from __future__ import annotations

from collections.abc import Sequence

from collate.align import AlignOptions, Progress, align
from collate.anomalies import DetectOptions, detect
from collate.errors import InputError
from collate.model import Apparatus, Witness


def build(
    witnesses: Sequence[Witness],
    *,
    options: AlignOptions | None = None,
    detect_options: DetectOptions | None = None,
    progress: Progress | None = None,
) -> Apparatus:
    """Collate witnesses into an apparatus, with the anomalies the detectors find.

    Witnesses with the role ``summary`` are listed but not collated word by word.
    """
    if not witnesses:
        raise InputError("nothing to collate: no witnesses")
    if not any(w.collated for w in witnesses):
        raise InputError("nothing to collate: every witness has the role 'summary'")
    alignment = align(witnesses, options=options, progress=progress)
    return Apparatus(tuple(witnesses), alignment, detect(witnesses, alignment, options=detect_options))
