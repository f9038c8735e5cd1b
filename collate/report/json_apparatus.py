"""The JSON apparatus (format 1).

Changes to the format, newest first (raise `FORMAT` on every incompatible change):

- 1: witnesses, units tiling every collated witness, anomalies (each with the named
  ``features`` whose weights make its confidence), ``relations`` (what each pair of collated
  witnesses was taken for, declared or inferred, and why; added within format 1, since
  readers of the format ignore what they do not know), ``limits`` (where a bound cut the
  alignment's search short, in words; added within format 1), and ``links`` from each
  clause of a summary witness to the source sentences that support it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from collate.model import Anomaly, Apparatus, Location, Unit
from collate.report.escape import json_text
from collate.version import __version__

FORMAT = 1


def _unit(unit: Unit) -> dict[str, Any]:
    return {
        "id": unit.id,
        "variant": unit.variant,
        "readings": [
            {
                "witnesses": list(reading.witnesses),
                "text": reading.text,
                "spans": {s: [span.start, span.end] for s, span in reading.spans.items()},
            }
            for reading in unit.readings
        ],
    }


def to_data(apparatus: Apparatus, *, lazy: bool = False) -> dict[str, Any]:
    """The apparatus as plain JSON-ready data; ``lazy``: its units as a generator, each made
    as `dumps` writes it (a novel's units as dictionaries all at once are some 40 MB)."""
    return {
        "format": FORMAT,
        "generator": f"collate {__version__}",
        "witnesses": [
            {
                "siglum": w.siglum,
                "role": w.role.value,
                "path": w.path,
                "length": len(w.text),
                "sha256": w.sha256,
            }
            for w in apparatus.witnesses
        ],
        "units": (_unit(unit) for unit in apparatus.alignment.units)
        if lazy
        else [_unit(unit) for unit in apparatus.alignment.units],
        "anomalies": [_anomaly(a) for a in apparatus.anomalies],
        "relations": [
            {
                "witnesses": list(r.witnesses),
                "relation": r.relation,
                "inferred": r.inferred,
                "reason": r.reason,
            }
            for r in apparatus.relations
        ],
        "limits": list(apparatus.limits),
        "links": [
            {
                "summary": link.summary,
                "start": link.start,
                "end": link.end,
                "text": link.text,
                "score": round(link.score, 2),
                "sources": [
                    {"witness": s.witness, "start": s.start, "end": s.end, "score": round(s.score, 2)}
                    for s in link.sources
                ],
            }
            for link in apparatus.links
        ],
    }


def _location(location: Location) -> dict[str, Any]:
    return {"witness": location.witness, "start": location.start, "end": location.end}


def _anomaly(anomaly: Anomaly) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": anomaly.id,
        "kind": anomaly.kind.value,
        "witness": anomaly.witness,
        "start": anomaly.start,
        "end": anomaly.end,
        "text": anomaly.text,
        "confidence": round(anomaly.confidence, 2),
        "cause": anomaly.cause,
        "features": {name: round(weight, 2) for name, weight in anomaly.features.items()},
        "evidence": [_location(e) for e in anomaly.evidence],
        "reference": _location(anomaly.reference) if anomaly.reference else None,
        "emendation": None,
    }
    if anomaly.emendation:
        e = anomaly.emendation
        data["emendation"] = {"action": e.action, "start": e.start, "end": e.end, "text": e.text}
    return data


def dumps(data: Any) -> str:
    """Deterministic JSON text: UTF-8 as is (an unpaired surrogate as its ``\\uXXXX``
    escape: see `collate.report.escape`), a trailing newline, and a line per item.

    The top-level object has a key per line; a list of objects under it has an object per
    line (a unit, a witness, an anomaly), so that a change to one unit is a one-line diff.
    """
    if not isinstance(data, dict):
        return _compact(data) + "\n"
    # Every piece in one list, joined once: a novel's report is 8 MB, and each join of a
    # part of it would be another copy alive at once.
    out = ["{\n"]
    for number, (key, value) in enumerate(data.items()):
        out.append(",\n  " if number else "  ")
        rows = value if isinstance(value, Iterator) else None
        if (
            rows is None
            and isinstance(value, list)
            and value
            and all(isinstance(v, dict | list) for v in value)
        ):
            rows = iter(value)
        if rows is None:
            out.append(f"{_compact(key)}: {_compact(value)}")
            continue
        out.append(f"{_compact(key)}: [")
        empty = True
        for row in rows:
            out.append("\n    " if empty else ",\n    ")
            out.append(_compact(row))
            empty = False
        out.append("]" if empty else "\n  ]")
    out.append("\n}\n")
    return "".join(out)


def _compact(value: Any) -> str:
    return json_text(value)


def render(apparatus: Apparatus) -> str:
    return dumps(to_data(apparatus, lazy=True))


def render_anomalies(apparatus: Apparatus) -> str:
    """The apparatus without its units: what `collate anomalies --format json` writes."""
    data = to_data(apparatus)
    del data["units"]
    return dumps(data)
