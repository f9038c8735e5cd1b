"""CollateX's JSON alignment table, so that CollateX pipelines can switch without rewriting.

``{"witnesses": [sigla], "table": [column][witness] -> [token, ...]}``: column-major, one
column per unit, ``[]`` for an empty cell. Each token is ``{"t": verbatim text with its
trailing whitespace, "n": normalised form}`` plus, for pre-tokenised CollateX input, the
token's other keys exactly as they were given. Joining ``t`` over a witness's cells gives the
witness back.
"""

from __future__ import annotations

import bisect
from typing import Any

from collate.model import Apparatus, Token, Witness
from collate.report.json_apparatus import dumps


def _token(token: Token) -> dict[str, Any]:
    data: dict[str, Any] = dict(token.extra or {})
    data["t"] = token.text + token.space
    data["n"] = token.norm
    return data


def _cells(witness: Witness, apparatus: Apparatus) -> list[list[dict[str, Any]]]:
    starts = [t.start for t in witness.tokens]
    cells: list[list[dict[str, Any]]] = []
    for unit in apparatus.alignment.units:
        reading = unit.reading_of(witness.siglum)
        if reading is None:
            cells.append([])
            continue
        span = reading.spans[witness.siglum]
        first = bisect.bisect_left(starts, span.start)
        last = bisect.bisect_left(starts, span.end) if span.end < len(witness.text) else len(starts)
        cells.append([_token(t) for t in witness.tokens[first:last]])
    return cells


def to_data(apparatus: Apparatus) -> dict[str, Any]:
    collated = [w for w in apparatus.witnesses if w.collated]
    rows = [_cells(w, apparatus) for w in collated]
    return {
        "witnesses": [w.siglum for w in collated],
        "table": [list(column) for column in zip(*rows, strict=True)] if rows else [],
    }


def render(apparatus: Apparatus) -> str:
    return dumps(to_data(apparatus))
