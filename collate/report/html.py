"""A self-contained HTML report: inline CSS, nothing fetched, all witness text escaped."""

from __future__ import annotations

from html import escape

from collate import __version__
from collate.model import Apparatus, Reading, Unit, Witness

_CSS = """
:root { --ink: #1b1b1b; --muted: #555; --var: #fff1b8; --line: #d0d0d0; --accent: #7a1f1f; }
body { font: 16px/1.55 Georgia, 'Times New Roman', serif; color: var(--ink); margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid var(--line); }
.witness-text { white-space: pre-wrap; border-left: 3px solid var(--line); padding-left: 1rem; }
mark.variant { background: var(--var); }
table { border-collapse: collapse; } td, th { text-align: left; padding: .2rem .6rem;
  border-bottom: 1px solid var(--line); vertical-align: top; }
.sigla { font-style: italic; color: var(--accent); }
.om { font-style: italic; color: var(--muted); }
ol.apparatus li { margin-bottom: .3rem; }
footer { color: var(--muted); font-size: .85rem; margin-top: 2rem; }
@media print { body { margin: 0; max-width: none; } mark.variant { outline: 1px solid #999; } }
"""


def _sigla(reading: Reading) -> str:
    return f'<span class="sigla">{escape(" ".join(reading.witnesses))}</span>'


def _reading_text(reading: Reading) -> str:
    return escape(reading.text) if reading.text else "<span class=om>om.</span>"


def _lemma_reading(unit: Unit, lemma_siglum: str) -> Reading:
    return unit.reading_of(lemma_siglum) or unit.readings[0]


def _apparatus_entry(unit: Unit, lemma_siglum: str) -> str:
    lemma = _lemma_reading(unit, lemma_siglum)
    others = [r for r in unit.readings if r is not lemma]
    parts = [f"{_reading_text(lemma)} ] "]
    parts.append("; ".join(f"{_reading_text(r)} {_sigla(r)}" for r in others))
    link = f'<a href="#{escape(unit.id)}">{escape(unit.id)}</a>'
    return f'<li id="app-{escape(unit.id)}">{link} {"".join(parts)}</li>'


def _witness_text(apparatus: Apparatus, witness: Witness) -> str:
    pieces = []
    for unit in apparatus.alignment.units:
        reading = unit.reading_of(witness.siglum)
        if reading is None:
            continue
        span = reading.spans[witness.siglum]
        text = escape(witness.text[span.start : span.end])
        if unit.variant and text.strip():
            pieces.append(f'<mark class="variant" title="{escape(unit.id)}">{text}</mark>')
        else:
            pieces.append(text)
    return "".join(pieces)


def render(apparatus: Apparatus) -> str:
    """The apparatus as one HTML document."""
    collated = [w for w in apparatus.witnesses if w.collated]
    lemma_siglum = next(
        (w.siglum for w in collated if w.role.value == "source"), collated[0].siglum if collated else ""
    )
    body = [
        "<h1>Critical apparatus</h1>",
        "<h2>Witnesses</h2>",
        "<table><tr><th>siglum</th><th>role</th><th>file</th><th>characters</th></tr>",
    ]
    if apparatus.links:
        body.append("<h2>Summary against source</h2>")
        body.append("<table class=links><tr><th>summary clause</th><th>support</th><th>source</th></tr>")
        for link in apparatus.links:
            sources = "<br>".join(
                f"<span class=sigla>{escape(s.witness)}</span> "
                f"{escape(apparatus.witness(s.witness).text[s.start : s.end])}"
                for s in link.sources
            )
            body.append(
                f"<tr><td>{escape(link.text)}</td><td>{link.score:.2f}</td>"
                f"<td>{sources or '<span class=om>no support</span>'}</td></tr>"
            )
        body.append("</table>")
    for w in apparatus.witnesses:
        body.append(
            f"<tr><td class=sigla>{escape(w.siglum)}</td><td>{escape(w.role.value)}</td>"
            f"<td>{escape(w.path or '')}</td><td>{len(w.text):,}</td></tr>"
        )
    body.append("</table>")
    variants = [u for u in apparatus.alignment.units if u.variant]
    body.append(
        f"<h2>Apparatus</h2><p>{len(variants)} variant unit(s); lemma from "
        f"<span class=sigla>{escape(lemma_siglum)}</span>.</p>"
    )
    if variants:
        body.append('<ol class="apparatus">')
        body.extend(_apparatus_entry(u, lemma_siglum) for u in variants)
        body.append("</ol>")
    if apparatus.anomalies:
        body.append("<h2>Anomalies</h2><ul>")
        for a in apparatus.anomalies:
            body.append(
                f"<li><strong>{escape(a.kind.value)}</strong> in "
                f"<span class=sigla>{escape(a.witness)}</span> "
                f"({a.confidence:.2f}): “{escape(a.text)}” {escape(a.cause)}</li>"
            )
        body.append("</ul>")
    for w in apparatus.witnesses:
        body.append(
            f'<h2 id="w-{escape(w.siglum)}">Witness <span class=sigla>{escape(w.siglum)}</span> '
            f"({escape(w.role.value)})</h2>"
        )
        text = _witness_text(apparatus, w) if w.collated else escape(w.text)
        body.append(f'<div class="witness-text">{text}</div>')
    body.append(f"<footer>Written by collate {escape(__version__)}.</footer>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Critical apparatus</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )
