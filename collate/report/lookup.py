"""The anomalies of an apparatus by witness and place.

A report asks, for each of its units or notes, which anomalies lie there; reading the whole
list each time makes a report quadratic in the length of the text (a list of 2,000 anomalies
asked about 4,000 units is eight million comparisons). `Anomalies` answers by binary search.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from collate.model import Anomaly, Location


class Anomalies:
    """Anomalies indexed by witness and start; every answer keeps their order in the list."""

    def __init__(self, anomalies: Sequence[Anomaly]) -> None:
        self._by_witness: dict[str, list[tuple[int, int, Anomaly]]] = {}
        for n, anomaly in enumerate(anomalies):
            self._by_witness.setdefault(anomaly.witness, []).append((anomaly.start, n, anomaly))
        self._starts: dict[str, list[int]] = {}
        self._longest: dict[str, int] = {}
        for siglum, entries in self._by_witness.items():
            entries.sort(key=lambda entry: entry[:2])
            self._starts[siglum] = [start for start, _, _ in entries]
            self._longest[siglum] = max(a.end - a.start for _, _, a in entries)

    def _between(self, siglum: str, low: int, high: int) -> list[tuple[int, int, Anomaly]]:
        """Entries of ``siglum`` whose start lies in ``[low, high]``."""
        starts = self._starts.get(siglum)
        if not starts:
            return []
        entries = self._by_witness[siglum]
        return entries[bisect.bisect_left(starts, low) : bisect.bisect_right(starts, high)]

    def starting(self, siglum: str, start: int, end: int, *, closed: bool = False) -> list[Anomaly]:
        """The anomalies of ``siglum`` that start in ``[start, end)`` (``[start, end]`` if
        ``closed``), in list order.

        >>> from collate.model import AnomalyKind
        >>> a = Anomaly("a1", AnomalyKind.DITTOGRAPHY, "A", 4, 8, "the", 0.9, "")
        >>> [x.id for x in Anomalies([a]).starting("A", 0, 5)], Anomalies([a]).starting("A", 0, 4)
        (['a1'], [])
        """
        return self.starting_any([Location(siglum, start, end)], closed=closed)

    def starting_any(self, places: Iterable[Location], *, closed: bool = False) -> list[Anomaly]:
        """`starting` for each of ``places``, all in one list order."""
        found = [
            entry
            for place in places
            for entry in self._between(place.witness, place.start, place.end if closed else place.end - 1)
        ]
        return [anomaly for _, _, anomaly in sorted(found, key=lambda entry: entry[1])]

    def overlapping(self, siglum: str, start: int, end: int) -> list[Anomaly]:
        """The anomalies of ``siglum`` that share a character with ``[start, end)``, or, being
        empty (a place where text is missing), stand in ``[start, end]``, in list order."""
        found = self._between(siglum, start - self._longest.get(siglum, 0), end)
        return [
            anomaly
            for _, _, anomaly in sorted(found, key=lambda entry: entry[1])
            if (anomaly.start < end and anomaly.end > start)
            or (anomaly.start == anomaly.end and start <= anomaly.start <= end)
        ]
