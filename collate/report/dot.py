"""The variant graph in Graphviz DOT: a node per reading, an edge for each step of a witness
from one reading to the next, labelled with the sigla that take it.

Render it with ``dot -Tsvg apparatus.dot -o apparatus.svg``. A long reading is shortened in
its label; an empty reading is no node (the witnesses that read nothing step over it).
"""

from __future__ import annotations

from collate.model import Apparatus
from collate.report.escape import visible
from collate.text import shorten


def _quoted(text: str) -> str:
    return '"' + visible(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def render(apparatus: Apparatus) -> str:
    """The alignment as a DOT digraph, from ``start`` to ``end``."""
    sigla = [w.siglum for w in apparatus.witnesses if w.collated]
    lines = ["digraph variants {", "  rankdir=LR;", '  node [shape=box, fontname="serif"];']
    lines.append('  start [label="", shape=circle, width=0.2];')
    previous = dict.fromkeys(sigla, "start")
    edges: dict[tuple[str, str], list[str]] = {}
    for unit in apparatus.alignment.units:
        for number, reading in enumerate(unit.readings):
            if not reading.norm:
                continue
            node = f"{unit.id}_{number}"
            words = shorten(reading.text, 4)
            label = f"{words}\n{' '.join(reading.witnesses)}" if unit.variant else words
            style = ', style=filled, fillcolor="#fff0b3"' if unit.variant else ""
            lines.append(f"  {node} [label={_quoted(label)}{style}];")
            for siglum in reading.witnesses:
                edges.setdefault((previous[siglum], node), []).append(siglum)
                previous[siglum] = node
    lines.append('  end [label="", shape=doublecircle, width=0.2];')
    for siglum in sigla:
        edges.setdefault((previous[siglum], "end"), []).append(siglum)
    for (source, target), members in edges.items():
        lines.append(f"  {source} -> {target} [label={_quoted(' '.join(members))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
