"""The HTML report: one self-contained file (inline CSS, script and data, nothing fetched)
that a critic can open offline, share and print, and that opens at once on a whole book.

The page carries the apparatus once, as compact data (every witness's text, where each unit
ends in each witness, which witnesses agree in each variant unit, the anomalies and
transpositions), and its script draws what is on screen from it, paragraph by paragraph as
the reader scrolls:

- the reading view: a base text (the lemma witness, or any other the reader picks) with the
  apparatus under each paragraph, keyed by line (lemma ] readings sigla, ``om.``, ``add.``,
  ``transp.``), the variants and anomalies marked in the text;
- a chart of variant density and anomalies along the base text;
- the anomalies as cards (written here, so they read without the script too), with filters
  by kind, confidence and witness; selecting one highlights its evidence in every witness;
- every witness's text, the synopsis (the witnesses side by side, unit by unit), a search
  box over all witnesses, and the summary beside its source;
- links that open at a unit or an anomaly (``#u123``, ``#a7``);
- a print stylesheet: the base text with a footnote-style apparatus under each paragraph.

All witness text reaches the page as JSON data (escaped so that nothing in it can end its
``<script>`` block: `collate.report.escape.script_json`), and the script inserts it as text
nodes, never as markup. What is written here as markup (cards, the summary table, titles)
goes through `collate.report.escape.html_text`; a witness's metadata becomes a link only
where it is an ``http`` or ``https`` address (`collate.report.escape.link_target`).
"""

from __future__ import annotations

from importlib import resources

from collate.apparatus import describe, relation_line
from collate.model import Anomaly, Apparatus, Witness
from collate.report import notes
from collate.report.escape import html_text as escape
from collate.report.escape import link_target, script_json
from collate.report.lookup import Anomalies
from collate.text import shorten
from collate.version import __version__

_ASSETS = "collate.report.assets"
_GROUPS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""One character a reading, in a variant unit's grouping of the witnesses."""


PAGE_FORMAT = 1
"""The format of the page's data block (`_data`), which its script reads."""


def _asset(name: str) -> str:
    return resources.files(_ASSETS).joinpath(name).read_text(encoding="utf-8")


def _data(apparatus: Apparatus, group: int = notes.GROUP) -> dict[str, object]:
    """The apparatus as compact data for the page's script (the ``#collate-data`` block),
    documented in docs/json-format.md (*The HTML page's data*):

    - ``format``: `PAGE_FORMAT`, raised when the page's script must change to read the data;
    - ``witnesses``: each witness as siglum, role, path, text, collated (1 or 0), and its
      metadata as key, value, link triples (the link an ``http(s)`` address, else "");
    - ``collated``: the collated witnesses, as indexes into ``witnesses``;
    - ``ends``: for each collated witness, where each unit ends in it (units tile every
      witness, so each starts where the one before ended);
    - ``groups``: for each unit, "" where all agree, else one character a collated witness
      naming its reading (the same character, the same reading; an empty span, an omission),
      or, in a unit of more readings than `_GROUPS` has characters, one number a witness;
    - ``anomalies``: id, kind, witness, start, end, confidence, evidence (witness, start, end
      triples) and the apparatus's abbreviation;
    - ``moved``: the readings moved elsewhere (the unit, the witness as an index into
      ``collated``, the unit where it has those words: `Alignment.moved`);
    - ``lemma``: the lemma witness, an index into ``collated``;
    - ``ids``: the units' ids, where they are not u1, u2, ...;
    - ``lines``: for each collated witness, where its displayed lines start, each as the
      distance from the start of the line before (`collate.report.notes.lines`);
    - ``entries``: the entries of the apparatus, three numbers each (first unit, last unit, 1
      where only punctuation differs); ``lacunae``: the witness (an index into ``collated``),
      first unit, last unit, and ``inc.``, ``expl.`` or ``lac.`` (`collate.report.notes.layout`).
    """
    witnesses = apparatus.witnesses
    index = {w.siglum: n for n, w in enumerate(witnesses)}
    collated = [n for n, w in enumerate(witnesses) if w.collated]
    position = {witnesses[n].siglum: k for k, n in enumerate(collated)}
    units = apparatus.alignment.units
    ends = [[0] * len(units) for _ in collated]
    groups: list[str | list[int]] = []
    for k, unit in enumerate(units):
        label = [0] * len(collated)
        for g, reading in enumerate(unit.readings):
            for siglum, span in reading.spans.items():
                at = position[siglum]
                ends[at][k] = span.end
                label[at] = g
        if not unit.variant:
            groups.append("")
        elif len(unit.readings) <= len(_GROUPS):
            groups.append("".join(_GROUPS[g] for g in label))
        else:  # more readings than characters: one number a witness
            groups.append(label)
    anomalies = []
    for anomaly in apparatus.anomalies:
        evidence = [x for place in _places(anomaly) for x in (index[place[0]], place[1], place[2])]
        anomalies.append(
            [anomaly.id, anomaly.kind.value, index[anomaly.witness], anomaly.start, anomaly.end,
             round(anomaly.confidence, 2), evidence, notes.abbreviation(anomaly)]
        )  # fmt: skip
    unit_index = {unit.id: k for k, unit in enumerate(units)}
    moves = [
        [unit_index[here], position[siglum], unit_index[there]]
        for here, siglum, there in apparatus.alignment.moved()
        if siglum in position
    ]
    laid = notes.layout(apparatus, group)
    data: dict[str, object] = {
        "format": PAGE_FORMAT,
        "witnesses": [
            [w.siglum, w.role.value, w.path or "", w.text, int(w.collated), _metadata(w)] for w in witnesses
        ],
        "collated": collated,
        "ends": ends,
        "groups": groups,
        "anomalies": anomalies,
        "moved": moves,
        "lemma": position.get(apparatus.lemma_siglum, 0),
        "lines": [_deltas(notes.lines(witnesses[n].text)) for n in collated],
        "entries": [x for e in laid.entries for x in (e.first, e.last, int(e.punctuation))],
        "lacunae": [[position[x.witness], x.first, x.last, x.kind] for x in laid.lacunae],
    }
    if any(unit.id != f"u{k + 1}" for k, unit in enumerate(units)):
        data["ids"] = [unit.id for unit in units]
    return data


def _deltas(starts: list[int]) -> list[int]:
    return [b - a for a, b in zip([0, *starts], starts, strict=False)]


def _metadata(witness: Witness) -> list[list[str]]:
    """A witness's metadata for the page, in key order: key, value, and the value again where
    the page may make it a link (an ``http`` or ``https`` address), else ""."""
    return [
        [str(key), str(value), link_target(value) or ""] for key, value in sorted(witness.metadata.items())
    ]


def _places(anomaly: Anomaly) -> list[tuple[str, int, int]]:
    """Where an anomaly's evidence lies, once each: its evidence, its reference, itself."""
    places = [(e.witness, e.start, e.end) for e in anomaly.evidence]
    if anomaly.reference:
        places.append((anomaly.reference.witness, anomaly.reference.start, anomaly.reference.end))
    places.append((anomaly.witness, anomaly.start, anomaly.end))
    return list(dict.fromkeys(places))


_ACTIONS = {"delete": "delete", "insert": "insert “{}”", "replace": "replace with “{}”"}


def _card(apparatus: Apparatus, anomaly: Anomaly) -> str:
    witness = apparatus.witness(anomaly.witness)
    line, column = witness.line_col(anomaly.start)
    unique = _places(anomaly)
    emendation = ""
    if anomaly.emendation is not None:
        action = _ACTIONS.get(anomaly.emendation.action, anomaly.emendation.action)
        emendation = f'<span class="emend">Proposed: {escape(action.format(shorten(anomaly.emendation.text, 6)))}</span>'
    places = ", ".join("{} {}:{}".format(e[0], *apparatus.witness(e[0]).line_col(e[1])) for e in unique)
    quoted = f"<q>{escape(shorten(anomaly.text, 6))}</q>" if anomaly.text else ""
    return (
        f'<li data-kind="{escape(anomaly.kind.value)}" data-conf="{anomaly.confidence:.2f}" '
        f'data-witness="{escape(anomaly.witness)}">'
        f'<button type="button" class="card" id="card-{escape(anomaly.id)}" '
        f'data-anomaly="{escape(anomaly.id)}" aria-pressed="false">'
        f'<span class="badge">{escape(anomaly.kind.value)}</span> '
        f'<span class="conf">{anomaly.confidence:.2f}</span> '
        f'<span class="where">{escape(anomaly.id)} · {escape(anomaly.witness)} {line}:{column}</span>'
        f"{quoted}"
        f'<span class="cause">{escape(anomaly.cause)}</span>'
        f"{emendation}"
        f'<span class="emend">Evidence: {escape(places)}</span>'
        "</button></li>"
    )


def _summary(apparatus: Apparatus) -> str:
    if not apparatus.links:
        return ""
    rows = []
    index = Anomalies(apparatus.anomalies)
    for link in apparatus.links:
        flagged = index.starting(link.summary, link.start, link.end)
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


def _relations(apparatus: Apparatus) -> str:
    """What each pair of witnesses was taken for, in a list under the description."""
    if not apparatus.relations:
        return ""
    items = "".join(f"<li>{escape(relation_line(r))}</li>" for r in apparatus.relations)
    return f'<details class="meta" id="relations"><summary>Relations of the witnesses</summary><ul>{items}</ul></details>'


def _limits(apparatus: Apparatus) -> str:
    """Where a bound cut the alignment's search short, open under the description."""
    if not apparatus.limits:
        return ""
    items = "".join(f"<li>{escape(limit)}</li>" for limit in apparatus.limits)
    return (
        f'<details class="meta" id="limits" open><summary>Limits reached</summary><ul>{items}</ul></details>'
    )


def _stemma(apparatus: Apparatus) -> str:
    """The stemma drawn (an inline SVG: exemplars above their copies, witnesses as labelled
    boxes, lost ancestors as dots, each family's support in per cent), with its method; ""
    for fewer than three collated witnesses or none that differ."""
    from collate.stemmatics import build, describe_contamination

    try:
        stemma = build(apparatus)
    except ValueError:
        return ""
    children: dict[str, list[str]] = {}
    for edge in stemma.edges:
        children.setdefault(edge.parent, []).append(edge.child)
    extant = {n.id for n in stemma.nodes if n.extant}
    place: dict[str, tuple[float, int]] = {}
    slots = iter(range(len(stemma.nodes)))

    def lay(node: str, depth: int) -> float:
        below = sorted(children.get(node, []))
        x = sum(lay(child, depth + 1) for child in below) / len(below) if below else float(next(slots))
        place[node] = (x, depth)
        return x

    lay(stemma.root, 0)
    columns = max(x for x, _ in place.values()) + 1
    depth = max(d for _, d in place.values()) + 1
    width, height = 90 * columns + 20, 70 * depth + 10

    def at(node: str) -> tuple[float, float]:
        x, d = place[node]
        return 10 + 90 * x + 40, 30 + 70 * d

    parts = []
    for edge in stemma.edges:
        (x1, y1), (x2, y2) = at(edge.parent), at(edge.child)
        parts.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}"/>')
        if edge.support is not None:
            parts.append(
                f'<text class="support" x="{(x1 + x2) / 2 + 4:.0f}" y="{(y1 + y2) / 2:.0f}">'
                f"{round(100 * edge.support)}%</text>"
            )
    for mixed in stemma.contamination:  # the network: a dashed curve to each witness it follows
        for source in dict.fromkeys(name for name, _, _ in mixed.follows):
            if source not in place or mixed.witness not in place:
                continue
            (x1, y1), (x2, y2) = at(source), at(mixed.witness)
            bend = 0.25 * (abs(x2 - x1) + abs(y2 - y1)) + 20  # away from the tree's straight lines
            parts.append(
                f'<path class="contamination" d="M{x1:.0f} {y1:.0f} Q{(x1 + x2) / 2 + bend:.0f} '
                f'{(y1 + y2) / 2 - bend:.0f} {x2:.0f} {y2:.0f}"><title>{escape(mixed.witness)} follows '
                f"{escape(source)} in part</title></path>"
            )
    for node, _ in sorted(place.items()):
        x, y = at(node)
        if node in extant:
            parts.append(
                f'<g class="witness"><rect x="{x - 38:.0f}" y="{y - 12:.0f}" width="76" height="24" rx="3"/>'
                f'<text x="{x:.0f}" y="{y + 5:.0f}" text-anchor="middle">{escape(node)}</text></g>'
            )
        else:
            parts.append(f'<circle class="lost" cx="{x:.0f}" cy="{y:.0f}" r="4"/>')
    return (
        '<section id="stemma" aria-labelledby="stemma-title"><h2 id="stemma-title">Stemma</h2>'
        f'<p class="meta">{escape(stemma.method)}; rooted {escape(stemma.rooting)}. Exemplars stand '
        "above their copies; dots are lost ancestors; percentages are each family's bootstrap "
        "support; a dashed curve joins a witness to another it follows in part (contamination).</p>"
        + "".join(
            f'<p class="meta contamination">Possible contamination: {escape(describe_contamination(c))}.</p>'
            for c in stemma.contamination
        )
        + f'<svg class="stemma" role="img" aria-label="Stemma of the witnesses" viewBox="0 0 {width:.0f} '
        f'{height:.0f}" width="{width:.0f}" height="{height:.0f}">{"".join(parts)}</svg></section>'
    )


def render(apparatus: Apparatus, *, group: int = notes.GROUP) -> str:
    """The apparatus as one self-contained HTML document; ``group``: the grain of the
    reading view's entries (`collate.report.notes.layout`)."""
    sigla = ", ".join(w.siglum for w in apparatus.witnesses)
    cards = "".join(_card(apparatus, a) for a in apparatus.anomalies)
    summary = _summary(apparatus)
    stemma = _stemma(apparatus)
    nav = [
        ("reading", "Reading"),
        ("anomalies", "Anomalies"),
        ("witnesses", "Witnesses"),
        ("synopsis", "Synopsis"),
    ]
    if stemma:
        nav.append(("stemma", "Stemma"))
    if summary:
        nav.append(("summary", "Summary against source"))
    body = (
        "<header><h1>Critical apparatus</h1>"
        f'<p class="meta" id="describe">{escape(describe(apparatus))}</p>'
        + _relations(apparatus)
        + _limits(apparatus)
        + '<nav aria-label="Sections"><ul>'
        + "".join(f'<li><a href="#{k}">{v}</a></li>' for k, v in nav)
        + "</ul></nav>"
        '<div class="tools"><label>Base text <select id="base"></select></label> '
        '<label><input type="checkbox" id="punctuation"> Hide variants of punctuation only</label> '
        '<label>Search all witnesses <input id="search" type="search" placeholder="a word or phrase" '
        'autocomplete="off"></label></div>'
        '<ol id="results" class="results" aria-live="polite"></ol>'
        "</header><main>"
        "<noscript><p>The reading view, the witnesses and the synopsis are drawn by the page's "
        "script; the anomalies below read without it, and the JSON apparatus holds everything.</p></noscript>"
        '<section id="reading" aria-labelledby="reading-title"><h2 id="reading-title">Reading</h2>'
        '<p class="meta">The base text in lines, every fifth numbered in the margin, with the apparatus '
        "under each paragraph, keyed by line: lemma ] readings and their sigla; om. omitted, add. "
        "added, transp. standing elsewhere; inc., expl., lac.: where a witness's text begins, ends "
        "or is lost. Shaded: variant units; wavy: anomalies. The chart shows where the witnesses "
        "part ways.</p>"
        '<figure id="chart" class="chart" aria-label="Variant density and anomalies along the base text"></figure>'
        '<div id="paragraphs" class="paragraphs"></div></section>'
        '<section id="anomalies" aria-labelledby="anomalies-title"><h2 id="anomalies-title">Anomalies</h2>'
        + (
            '<div class="filters" id="filters"></div>'
            '<p class="meta">Select a card (or press j and k, then Enter) to highlight its evidence in every '
            "witness; Esc clears.</p>"
            f'<ol class="cards">{cards}</ol>'
            if cards
            else "<p>No anomalies found.</p>"
        )
        + "</section>"
        '<section id="witnesses" aria-labelledby="witnesses-title"><h2 id="witnesses-title">Witnesses</h2>'
        '<p class="meta">Shaded: variant units. Wavy underline: anomalies. ‸: where text is missing.</p>'
        '<div id="witness-texts"></div></section>'
        '<section id="synopsis" aria-labelledby="synopsis-title"><h2 id="synopsis-title">Synopsis</h2>'
        '<div id="synopsis-table"></div></section>' + stemma + summary + "</main>"
        f"<footer>Written by collate {escape(__version__)}. Offsets are code points into each witness "
        "as decoded, line ends included.</footer>"
        '<div id="status" class="status" role="status" aria-live="polite"></div>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Critical apparatus: {escape(sigla)}</title>\n"
        f"<style>\n{_asset('report.css')}</style>\n</head>\n<body>\n"
        f'<div class="collate-report">\n{body}\n'
        f'<script type="application/json" id="collate-data">{script_json(_data(apparatus, group))}</script>\n'
        f"<script>\n{_asset('report.js')}</script>\n</div>\n</body>\n</html>\n"
    )
