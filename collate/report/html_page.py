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

from collate.apparatus import describe, relation_line
from collate.model import Anomaly, Apparatus, Location, Witness
from collate.report import notes
from collate.report.escape import link_target, script_json
from collate.report.lookup import Anomalies
from collate.report.pages import Markup, asset, render_page
from collate.text import shorten

_GROUPS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""One character a reading, in a variant unit's grouping of the witnesses."""


PAGE_FORMAT = 1
"""The format of the page's data block (`_data`), which its script reads."""


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
        evidence = [x for place in _places(anomaly) for x in (index[place.witness], place.start, place.end)]
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


def _places(anomaly: Anomaly) -> list[Location]:
    """Where an anomaly's evidence lies, once each: its evidence, its reference, itself."""
    places = [*anomaly.evidence, *([anomaly.reference] if anomaly.reference else [])]
    return list(dict.fromkeys([*places, Location(anomaly.witness, anomaly.start, anomaly.end)]))


_ACTIONS = {"delete": "delete", "insert": "insert “{}”", "replace": "replace with “{}”"}


def _card(apparatus: Apparatus, anomaly: Anomaly) -> dict[str, object]:
    """An anomaly as its card in the list: where it is, what it quotes, why, what to do."""
    witness = apparatus.witness(anomaly.witness)
    line, column = witness.line_col(anomaly.start)
    emendation = ""
    if anomaly.emendation is not None:
        action = _ACTIONS.get(anomaly.emendation.action, anomaly.emendation.action)
        emendation = action.format(shorten(anomaly.emendation.text, 6))
    places = ", ".join(
        "{} {}:{}".format(e.witness, *apparatus.witness(e.witness).line_col(e.start))
        for e in _places(anomaly)
    )
    return {
        "id": anomaly.id,
        "kind": anomaly.kind.value,
        "confidence": f"{anomaly.confidence:.2f}",
        "witness": anomaly.witness,
        "line": line,
        "column": column,
        "quoted": shorten(anomaly.text, 6) if anomaly.text else "",
        "cause": anomaly.cause,
        "emendation": emendation,
        "places": places,
    }


def _summary(apparatus: Apparatus) -> list[dict[str, object]]:
    """Each summary clause with its score, its flags and the source sentences it rests on."""
    index = Anomalies(apparatus.anomalies)
    return [
        {
            "summary": link.summary,
            "text": link.text,
            "score": f"{link.score:.2f}",
            "badges": [
                {"id": a.id, "kind": a.kind.value.removeprefix("summary-")}
                for a in index.starting(link.summary, link.start, link.end)
            ],
            "sources": [
                {
                    "witness": s.witness,
                    "score": f"{s.score:.2f}",
                    "text": apparatus.witness(s.witness).text[s.start : s.end],
                }
                for s in link.sources
            ],
        }
        for link in apparatus.links
    ]


def _stemma(apparatus: Apparatus) -> dict[str, object] | None:
    """The stemma as a drawing (exemplars above their copies, witnesses as labelled boxes,
    lost ancestors as dots, each family's support in per cent, a dashed curve from a
    contaminated copy to each witness it follows), with its method; None for fewer than
    three collated witnesses or none that differ."""
    from collate.stemmatics import build, describe_contamination

    try:
        stemma = build(apparatus)
    except ValueError:
        return None
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

    def at(node: str) -> tuple[int, int]:
        x, d = place[node]
        return round(10 + 90 * x + 40), 30 + 70 * d

    lines: list[dict[str, int | None]] = []
    for edge in stemma.edges:
        (x1, y1), (x2, y2) = at(edge.parent), at(edge.child)
        lines.append(
            {
                "x1": x1,
                "y1": y1,
                "x2": x2,
                "y2": y2,
                "sx": round((x1 + x2) / 2 + 4),
                "sy": round((y1 + y2) / 2),
                "support": None if edge.support is None else round(100 * edge.support),
            }
        )
    curves = []
    for mixed in stemma.contamination:  # the network: a dashed curve to each witness it follows
        for source in dict.fromkeys(name for name, _, _ in mixed.follows):
            if source in place and mixed.witness in place:
                (x1, y1), (x2, y2) = at(source), at(mixed.witness)
                bend = 0.25 * (abs(x2 - x1) + abs(y2 - y1)) + 20  # away from the tree's straight lines
                d = f"M{x1} {y1} Q{(x1 + x2) / 2 + bend:.0f} {(y1 + y2) / 2 - bend:.0f} {x2} {y2}"
                curves.append({"d": d, "witness": mixed.witness, "source": source})
    return {
        "method": stemma.method,
        "rooting": stemma.rooting,
        "contamination": [describe_contamination(c) for c in stemma.contamination],
        "width": round(90 * columns + 20),
        "height": 70 * depth + 10,
        "lines": lines,
        "curves": curves,
        "nodes": [
            {"name": node, "extant": node in extant, "x": at(node)[0], "y": at(node)[1]}
            for node in sorted(place)
        ],
    }


def render(apparatus: Apparatus, *, group: int = notes.GROUP) -> str:
    """The apparatus as one self-contained HTML document; ``group``: the grain of the
    reading view's entries (`collate.report.notes.layout`). The view is built here;
    ``templates/apparatus.html`` lays it out, the page's script draws the reading view, the
    witnesses and the synopsis from its data block (`_data`)."""
    stemma = _stemma(apparatus)
    nav = [
        ("reading", "Reading"),
        ("anomalies", "Anomalies"),
        ("witnesses", "Witnesses"),
        ("synopsis", "Synopsis"),
    ]
    if stemma:
        nav.append(("stemma", "Stemma"))
    if apparatus.links:
        nav.append(("summary", "Summary against source"))
    return render_page(
        "apparatus.html",
        sigla=", ".join(w.siglum for w in apparatus.witnesses),
        describe=describe(apparatus),
        relations=[relation_line(r) for r in apparatus.relations],
        limits=list(apparatus.limits),
        nav=nav,
        cards=[_card(apparatus, a) for a in apparatus.anomalies],
        stemma=stemma,
        summary=_summary(apparatus),
        data=Markup(script_json(_data(apparatus, group))),
        css=asset("report.css"),
        js=asset("report.js"),
    )
