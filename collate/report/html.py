"""The HTML report: one self-contained file (inline CSS and script, nothing fetched) that a
critic can open offline, share and print.

Sections: the anomalies as cards (kind, confidence, cause, evidence, proposed emendation;
clicking one highlights its evidence in every witness), each witness as reading text with
variation and anomalies marked and an overview bar of where they fall, the synopsis (the
witnesses side by side, unit by unit), the apparatus in the conventional form (lemma ]
reading sigla), and, when a summary is present, its clauses beside the source sentences that
support them. All witness text is escaped.

The page is built as plain data first (`_Segment`, `_Card`), then rendered; the stylesheet and
the script are package data (``assets/report.css``, ``assets/report.js``).
"""

from __future__ import annotations

import bisect
import itertools
import json
from dataclasses import dataclass
from html import escape
from importlib import resources

from collate import __version__
from collate.anomalies._common import shorten
from collate.model import Anomaly, AnomalyKind, Apparatus, Reading, Unit, Witness

_BUCKETS = 100
_ASSETS = "collate.report.assets"


def _asset(name: str) -> str:
    return resources.files(_ASSETS).joinpath(name).read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class _Segment:
    start: int
    end: int
    classes: tuple[str, ...]
    anomalies: tuple[str, ...]


def _segments(apparatus: Apparatus, witness: Witness) -> list[_Segment]:
    """The witness cut at every offset a unit, an anomaly or a piece of evidence starts or
    ends at, each piece with what covers it."""
    siglum = witness.siglum
    cuts = {0, len(witness.text)}
    variant = []
    if witness.collated:
        for unit in apparatus.alignment.units:
            reading = unit.reading_of(siglum)
            if reading is not None:
                cuts.update((reading.spans[siglum].start, reading.spans[siglum].end))
        variant = [(a, b) for a, b in _variant_spans(apparatus, siglum) if b > a]
    marked: list[tuple[int, int, str]] = []
    points: dict[int, list[str]] = {}
    for anomaly in apparatus.anomalies:
        places = [
            (anomaly.witness, anomaly.start, anomaly.end),
            *((e.witness, e.start, e.end) for e in anomaly.evidence),
        ]
        if anomaly.reference:
            places.append((anomaly.reference.witness, anomaly.reference.start, anomaly.reference.end))
        for where, start, end in places:
            if where == siglum:
                cuts.update((start, end))
                if start == end:
                    points.setdefault(start, [])
        if anomaly.witness == siglum:
            if anomaly.start == anomaly.end:
                points.setdefault(anomaly.start, []).append(anomaly.id)
            else:
                marked.append((anomaly.start, anomaly.end, anomaly.id))
    for link in apparatus.links:
        if link.summary == siglum:
            cuts.update((link.start, link.end))
        for source in link.sources:
            if source.witness == siglum:
                cuts.update((source.start, source.end))
    ordered = sorted(cuts)
    covered: list[set[str]] = [set() for _ in ordered]
    ids: list[list[str]] = [[] for _ in ordered]
    for start, end, mark in [*((a, b, "") for a, b in variant), *marked]:
        for k in range(bisect.bisect_left(ordered, start), bisect.bisect_left(ordered, end)):
            if mark:
                covered[k].add("an")
                ids[k].append(mark)
            else:
                covered[k].add("v")
    segments = []
    for k, (start, end) in enumerate(itertools.pairwise(ordered)):
        if start in points:
            segments.append(_Segment(start, start, ("gap",), tuple(points.pop(start))))
        segments.append(_Segment(start, end, tuple(sorted(covered[k], reverse=True)), tuple(ids[k])))
    for point, at_point in sorted(points.items()):
        segments.append(_Segment(point, point, ("gap",), tuple(at_point)))
    return segments


def _variant_spans(apparatus: Apparatus, siglum: str) -> list[tuple[int, int]]:
    spans = []
    for unit in apparatus.alignment.units:
        reading = unit.reading_of(siglum)
        if unit.variant and reading is not None:
            spans.append((reading.spans[siglum].start, reading.spans[siglum].end))
    return spans


def _witness_text(apparatus: Apparatus, witness: Witness) -> str:
    pieces = []
    for seg in _segments(apparatus, witness):
        attributes = f' data-s="{seg.start}" data-e="{seg.end}"'
        if seg.classes:
            attributes += f' class="{" ".join(seg.classes)}"'
        if seg.anomalies:
            attributes += f' title="{escape(" ".join(seg.anomalies))}"'
        if seg.start == seg.end:
            pieces.append(f'<span{attributes} aria-label="omission here"></span>')
        else:
            pieces.append(f"<span{attributes}>{escape(witness.text[seg.start : seg.end])}</span>")
    return "".join(pieces)


def _overview(apparatus: Apparatus, witness: Witness) -> str:
    """A bar along the witness: shaded where variant units fall, marked where anomalies do."""
    length = max(1, len(witness.text))
    weight = [0] * _BUCKETS
    for start, end in _variant_spans(apparatus, witness.siglum) if witness.collated else []:
        for bucket in range(
            start * _BUCKETS // length, min(_BUCKETS - 1, max(start, end - 1) * _BUCKETS // length) + 1
        ):
            weight[bucket] += 1
    parts = []
    heaviest = max(weight) or 1
    for bucket, count in enumerate(weight):
        if count:
            opacity = 0.25 + 0.75 * count / heaviest
            parts.append(f'<span class="b" style="left:{bucket}%;width:1%;opacity:{opacity:.2f}"></span>')
    marks = [a for a in apparatus.anomalies if a.witness == witness.siglum]
    for anomaly in marks:
        left = 100 * anomaly.start / length
        parts.append(
            f'<a class="mark" href="#card-{escape(anomaly.id)}" style="left:{left:.2f}%" '
            f'title="{escape(anomaly.id)} {escape(anomaly.kind.value)}" '
            f'aria-label="{escape(anomaly.id)}: {escape(anomaly.kind.value)}"></a>'
        )
    variants = sum(1 for c in weight if c)
    label = f"Where variation ({variants}% of the text) and {len(marks)} anomalies fall in {witness.siglum}"
    return f'<div class="overview" role="group" aria-label="{escape(label)}">{"".join(parts)}</div>'


_ACTIONS = {"delete": "delete", "insert": "insert “{}”", "replace": "replace with “{}”"}


def _card(apparatus: Apparatus, anomaly: Anomaly) -> str:
    witness = apparatus.witness(anomaly.witness)
    line, column = witness.line_col(anomaly.start)
    evidence = [(e.witness, e.start, e.end) for e in anomaly.evidence]
    if anomaly.reference:
        evidence.append((anomaly.reference.witness, anomaly.reference.start, anomaly.reference.end))
    evidence.append((anomaly.witness, anomaly.start, anomaly.end))
    unique = list(dict.fromkeys(evidence))
    emendation = ""
    if anomaly.emendation is not None:
        action = _ACTIONS.get(anomaly.emendation.action, anomaly.emendation.action)
        emendation = f'<span class="emend">Proposed: {escape(action.format(shorten(anomaly.emendation.text, 6)))}</span>'
    places = ", ".join("{} {}:{}".format(e[0], *apparatus.witness(e[0]).line_col(e[1])) for e in unique)
    quoted = f"<q>{escape(shorten(anomaly.text, 6))}</q>" if anomaly.text else ""
    return (
        f'<li><button type="button" class="card" id="card-{escape(anomaly.id)}" '
        f'data-anomaly="{escape(anomaly.id)}" aria-pressed="false" '
        f'data-evidence="{escape(json.dumps(unique, ensure_ascii=False))}">'
        f'<span class="badge">{escape(anomaly.kind.value)}</span> '
        f'<span class="conf">{anomaly.confidence:.2f}</span> '
        f'<span class="where">{escape(anomaly.id)} · {escape(anomaly.witness)} {line}:{column}</span>'
        f"{quoted}"
        f'<span class="cause">{escape(anomaly.cause)}</span>'
        f"{emendation}"
        f'<span class="emend">Evidence: {escape(places)}</span>'
        "</button></li>"
    )


def _reading_html(reading: Reading, moved: frozenset[tuple[str, str]] = frozenset(), unit: str = "") -> str:
    """A reading's text; an empty one is "om.", or "transp." where its witnesses have the
    words at the other place of a transposition."""
    if reading.text:
        return escape(reading.text)
    if any((unit, siglum) in moved for siglum in reading.witnesses):
        return '<span class="om">transp.</span>'
    return '<span class="om">om.</span>'


def _abbreviation(unit: Unit, reading: Reading, lemma: Reading, anomalies: list[Anomaly]) -> str:
    """The conventional note on a reading: iter., om. per homoeotel., transp., add."""
    notes = []
    for anomaly in anomalies:
        span = reading.spans.get(anomaly.witness)
        if span is None:
            continue
        if anomaly.kind is AnomalyKind.DITTOGRAPHY and span.start <= anomaly.start < span.end:
            notes.append("iter.")
        elif anomaly.kind is AnomalyKind.TRANSPOSITION and span.start <= anomaly.start < span.end:
            notes.append("transp.")
        elif anomaly.kind is AnomalyKind.OMISSION and span.start <= anomaly.start <= span.end:
            if anomaly.cause.startswith("homeoteleuton"):
                notes.append("per homoeotel.")
            elif anomaly.cause.startswith(("homeoarchy", "haplography")):
                notes.append("per homoearch." if anomaly.cause.startswith("homeoarchy") else "per haplogr.")
    if not lemma.text and reading.text and "transp." not in notes:
        notes.insert(0, "add.")  # a moved block is one transposition, not an addition
    return f' <span class="om">{" ".join(dict.fromkeys(notes))}</span>' if notes else ""


def _apparatus(apparatus: Apparatus) -> str:
    lemma_siglum = apparatus.lemma_siglum
    variants = [u for u in apparatus.alignment.units if u.variant]
    if not variants:
        collated = sum(1 for w in apparatus.witnesses if w.collated)
        why = "only one witness is collated" if collated < 2 else "the witnesses agree throughout"
        return f"<p>No variant units: {why}.</p>"
    anomalies = list(apparatus.anomalies)
    moved = frozenset(
        (u, s) for t in apparatus.alignment.transpositions for u in t.units for s in t.witnesses
    )
    entries = []
    for unit in variants:
        lemma = unit.reading_of(lemma_siglum) or unit.readings[0]
        others = "; ".join(
            f'{_reading_html(r, moved, unit.id)}{_abbreviation(unit, r, lemma, anomalies)} <span class="sig">{escape(" ".join(r.witnesses))}</span>'
            for r in unit.readings
            if r is not lemma
        )
        entries.append(
            f'<li id="app-{escape(unit.id)}"><a href="#syn-{escape(unit.id)}">{escape(unit.id)}</a> '
            f'<span class="lem">{_reading_html(lemma, moved, unit.id)}</span> <span class="sig">{escape(" ".join(lemma.witnesses))}</span>] '
            f"{others}</li>"
        )
    return (
        f"<p>{len(variants)} variant units; the lemma is the reading of "
        f'<span class="sigla">{escape(lemma_siglum)}</span>.</p>'
        f'<ol class="apparatus">{"".join(entries)}</ol>'
    )


def _synopsis(apparatus: Apparatus) -> str:
    collated = [w for w in apparatus.witnesses if w.collated]
    if len(collated) < 2:
        return "<p>Only one witness is collated: nothing to set side by side.</p>"
    head = "".join(f'<th scope="col" class="sigla">{escape(w.siglum)}</th>' for w in collated)
    rows = []
    for unit in apparatus.alignment.units:
        if not unit.variant:
            text = unit.readings[0].text
            rows.append(
                f'<tr id="syn-{escape(unit.id)}"><th scope="row">{escape(unit.id)}</th>'
                f'<td class="agree" colspan="{len(collated)}">{escape(shorten(text, 8))}</td></tr>'
            )
            continue
        cells = []
        for w in collated:
            reading = unit.reading_of(w.siglum)
            if reading is None or not reading.spans[w.siglum]:
                cells.append('<td><span class="om">om.</span></td>')
            else:
                span = reading.spans[w.siglum]
                cells.append(f"<td>{escape(w.text[span.start : span.end].strip())}</td>")
        rows.append(
            f'<tr id="syn-{escape(unit.id)}"><th scope="row"><a href="#app-{escape(unit.id)}">{escape(unit.id)}</a></th>{"".join(cells)}</tr>'
        )
    return f'<table><thead><tr><th scope="col">unit</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _summary(apparatus: Apparatus) -> str:
    if not apparatus.links:
        return ""
    rows = []
    for link in apparatus.links:
        flagged = [
            a for a in apparatus.anomalies if a.witness == link.summary and link.start <= a.start < link.end
        ]
        badges = " ".join(
            f'<a class="badge" href="#card-{escape(a.id)}">{escape(a.kind.value.removeprefix("summary-"))}</a>'
            for a in flagged
        )
        sources = (
            "".join(
                f'<p><span class="sigla">{escape(s.witness)}</span> <span class="score">({s.score:.2f})</span> '
                f"{escape(apparatus.witness(s.witness).text[s.start : s.end])}</p>"
                for s in link.sources
            )
            or '<p class="om">no support in the source</p>'
        )
        rows.append(
            f'<tr><td><span class="sigla">{escape(link.summary)}</span> {escape(link.text)}'
            f'<br><span class="score">support {link.score:.2f}</span> {badges}</td><td>{sources}</td></tr>'
        )
    return (
        '<section id="summary" aria-labelledby="summary-title"><h2 id="summary-title">Summary against source</h2>'
        '<table><thead><tr><th scope="col" style="width:45%">summary clause</th>'
        '<th scope="col">source sentences that support it</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def render(apparatus: Apparatus) -> str:
    """The apparatus as one self-contained HTML document."""
    sigla = ", ".join(w.siglum for w in apparatus.witnesses)
    variants = sum(1 for u in apparatus.alignment.units if u.variant)
    kinds: dict[str, int] = {}
    for anomaly in apparatus.anomalies:
        kinds[anomaly.kind.value] = kinds.get(anomaly.kind.value, 0) + 1
    counted = ", ".join(f"{n} {k}" for k, n in kinds.items()) or "none"
    cards = "".join(_card(apparatus, a) for a in apparatus.anomalies)
    witnesses = []
    for w in apparatus.witnesses:
        line_count = w.text.count("\n") + 1
        witnesses.append(
            f'<article class="witness" id="w-{escape(w.siglum)}" aria-labelledby="wt-{escape(w.siglum)}">'
            f'<h3 id="wt-{escape(w.siglum)}"><span class="sigla">{escape(w.siglum)}</span> '
            f'<span class="meta">{escape(w.role.value)} · {escape(w.path or "")} · {len(w.text):,} characters, {line_count:,} lines</span></h3>'
            f"{_overview(apparatus, w)}"
            f'<div class="text" data-witness="{escape(w.siglum)}" tabindex="0" aria-label="text of {escape(w.siglum)}">'
            f"{_witness_text(apparatus, w)}</div></article>"
        )
    summary = _summary(apparatus)
    nav = [
        ("anomalies", "Anomalies"),
        ("witnesses", "Witnesses"),
        ("synopsis", "Synopsis"),
        ("apparatus", "Apparatus"),
    ]
    if summary:
        nav.append(("summary", "Summary against source"))
    body = (
        f"<header><h1>Critical apparatus</h1>"
        f'<p class="meta">Witnesses {escape(sigla)} · {len(apparatus.alignment.units):,} units, {variants:,} variant · anomalies: {escape(counted)}</p>'
        '<nav aria-label="Sections"><ul>'
        + "".join(f'<li><a href="#{k}">{v}</a></li>' for k, v in nav)
        + "</ul></nav></header><main>"
        '<section id="anomalies" aria-labelledby="anomalies-title"><h2 id="anomalies-title">Anomalies</h2>'
        + (
            '<p class="meta">Select a card (or press j and k, then Enter) to highlight its evidence in every witness; Esc clears.</p>'
            f'<ol class="cards">{cards}</ol>'
            if cards
            else "<p>No anomalies found.</p>"
        )
        + "</section>"
        '<section id="witnesses" aria-labelledby="witnesses-title"><h2 id="witnesses-title">Witnesses</h2>'
        '<p class="meta">Shaded: variant units. Wavy underline: anomalies. ‸: where text is missing.</p>'
        + "".join(witnesses)
        + "</section>"
        '<section id="synopsis" aria-labelledby="synopsis-title"><h2 id="synopsis-title">Synopsis</h2>'
        + _synopsis(apparatus)
        + "</section>"
        '<section id="apparatus" aria-labelledby="apparatus-title"><h2 id="apparatus-title">Apparatus</h2>'
        + _apparatus(apparatus)
        + "</section>"
        + summary
        + "</main>"
        f"<footer>Written by collate {escape(__version__)}. Offsets are code points into each witness as read.</footer>"
        '<div id="status" class="status" role="status" aria-live="polite"></div>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Critical apparatus: {escape(sigla)}</title>\n"
        f"<style>\n{_asset('report.css')}</style>\n</head>\n<body>\n"
        f"{body}\n<script>\n{_asset('report.js')}</script>\n</body>\n</html>\n"
    )
