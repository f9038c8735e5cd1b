"""A readable alignment table for the terminal: a row per unit, a column per witness.

Every piece of witness text, siglum, cause and path passes through
`collate.report.escape.visible`: a control character, a bidirectional override or a line
separator in a witness is shown as ``⟨U+XXXX⟩``, never obeyed by the terminal.
"""

from __future__ import annotations

import textwrap

from collate.apparatus import relation_line
from collate.model import Anomaly, Apparatus, Link
from collate.report.escape import visible
from collate.text import shorten

_WIDTH = 36
_LONG = 120


def _cell(text: str) -> str:
    flat = visible(" ".join(text.split()))
    if len(flat) > _LONG:  # its first and last words, cut between words, never inside one
        half = _LONG // 2 - 2
        head, tail = flat[: half + 1], flat[-half - 1 :]
        head = head[: head.rfind(" ")] if " " in head else head[:half]
        tail = tail[tail.find(" ") + 1 :] if " " in tail else tail[-half:]
        flat = f"{head} … {tail}"
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
    lines.extend(relation_lines(apparatus))
    lines.extend(limit_lines(apparatus))
    lines.extend(link_line(apparatus, link) for link in apparatus.links)
    lines.extend(anomaly_line(apparatus, a) for a in apparatus.anomalies)
    return "\n".join(lines) + "\n"


def relation_lines(apparatus: Apparatus) -> list[str]:
    """A line for each pair of collated witnesses: what the detectors took them for."""
    return [visible(f"relation {relation_line(r)}") for r in apparatus.relations]


def limit_lines(apparatus: Apparatus) -> list[str]:
    """A line for each place where a bound cut the alignment's search short."""
    return [visible(f"limit {limit}") for limit in apparatus.limits]


def link_line(apparatus: Apparatus, link: Link) -> str:
    """A summary clause and where the source supports it: ``summary:1:1: clause (0.40) ... <- cable:9:1``."""
    line, column = apparatus.witness(link.summary).line_col(link.start)
    where = ", ".join(
        "{}:{}:{}".format(s.witness, *apparatus.witness(s.witness).line_col(s.start)) for s in link.sources
    )
    clause = shorten(link.text)
    found = where or "nothing"
    return visible(f"{link.summary}:{line}:{column}: clause ({link.score:.2f}) “{clause}” <- {found}")


def anomaly_line(apparatus: Apparatus, anomaly: Anomaly) -> str:
    """One anomaly as a compiler reports an error: ``cable:23:417: dittography (0.98) ...``."""
    witness = apparatus.witness(anomaly.witness)
    line, column = witness.line_col(anomaly.start)
    quoted = f" “{shorten(anomaly.text)}”" if anomaly.text else ""
    action = ""
    if anomaly.emendation is not None:
        e = anomaly.emendation
        action = {
            "delete": ": delete",
            "insert": f": insert “{shorten(e.text)}”",
            "replace": f": replace with “{shorten(e.text)}”",
        }.get(e.action, f": {e.action}")
    see = ""
    if anomaly.reference is not None:
        ref = anomaly.reference
        see = " (see {}:{}:{})".format(ref.witness, *apparatus.witness(ref.witness).line_col(ref.start))
    return visible(
        f"{anomaly.witness}:{line}:{column}: {anomaly.kind.value} ({anomaly.confidence:.2f})"
        f"{quoted} [{' '.join(anomaly.cause.split())}]{action}{see}"
    )


def render_anomalies(apparatus: Apparatus) -> str:
    """Only the anomalies, a line each; a last line counts them."""
    lines = [anomaly_line(apparatus, a) for a in apparatus.anomalies]
    lines.extend(relation_lines(apparatus))
    lines.extend(limit_lines(apparatus))
    count = len(apparatus.anomalies)
    lines.append(f"{count} anomal{'y' if count == 1 else 'ies'}")
    return "\n".join(lines) + "\n"
