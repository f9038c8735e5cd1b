"""Put the pieces together: witnesses, their alignment and the anomalies found in them."""

from __future__ import annotations

from collections.abc import Sequence

from collate.align import align
from collate.errors import InputError
from collate.model import Apparatus, Witness


def build(witnesses: Sequence[Witness]) -> Apparatus:
    """Collate witnesses into an apparatus.

    Witnesses with the role ``summary`` are listed but not collated word by word.
    """
    if not witnesses:
        raise InputError("nothing to collate: no witnesses")
    if not any(w.collated for w in witnesses):
        raise InputError("nothing to collate: every witness has the role 'summary'")
    return Apparatus(tuple(witnesses), align(witnesses), ())
