"""A readable alignment table for the terminal: a row per unit, a column per witness."""

from __future__ import annotations

import textwrap

from collate.model import Apparatus

_WIDTH = 36
_LONG = 120


def _cell(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) > _LONG:
        half = _LONG // 2 - 2
        flat = f"{flat[:half]} … {flat[-half:]}"
    return flat or "–"


def render(apparatus: Apparatus) -> str:
    """One row per unit (``*`` marks variation), one column per collated witness."""
    sigla = [w.siglum for w in apparatus.witnesses if w.collated]
    width = max(12, min(_WIDTH, 100 // max(1, len(sigla))))
    id_width = max((len(u.id) for u in apparatus.alignment.units), default=2)
    lines = [" ".join([" " * (id_width + 2), *(s[:width].ljust(width) for s in sigla)]).rstrip()]
    for unit in apparatus.alignment.units:
        columns = []
        for siglum in sigla:
            reading = unit.reading_of(siglum)
            text = ""
            if reading is not None:
                span = reading.spans[siglum]
                text = apparatus.witness(siglum).text[span.start : span.end]
            columns.append(textwrap.wrap(_cell(text), width) or ["–"])
        mark = "*" if unit.variant else " "
        for row in range(max(len(c) for c in columns)):
            head = f"{unit.id.ljust(id_width)} {mark}" if row == 0 else " " * (id_width + 2)
            cells = [(c[row] if row < len(c) else "").ljust(width) for c in columns]
            lines.append(" ".join([head, *cells]).rstrip())
    others = [w.siglum for w in apparatus.witnesses if not w.collated]
    if others:
        lines.append(f"not collated word by word (summary): {', '.join(others)}")
    for anomaly in apparatus.anomalies:
        witness = apparatus.witness(anomaly.witness)
        line, column = witness.line_col(anomaly.start)
        lines.append(
            f"{anomaly.witness}:{line}:{column}: {anomaly.kind.value} "
            f"({anomaly.confidence:.2f}) {anomaly.cause}"
        )
    return "\n".join(lines) + "\n"
