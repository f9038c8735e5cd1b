"""TEI P5 in parallel segmentation: the apparatus inline in the text, ``app`` by ``app``.

- ``teiHeader``: a title, who wrote the file, a ``listWit`` with each witness's role, file,
  SHA-256 and metadata, and ``variantEncoding method="parallel-segmentation"``.
- ``body/div[@type="collation"]/ab``: the collated text. Where the witnesses agree it is plain
  text; a variant unit is an ``app`` with a ``lem`` (the reading of the ``source`` witness, or
  of the first) and a ``rdg`` for each other reading, ``@wit`` naming its witnesses; an empty
  reading is an empty ``rdg`` (never left out). Line ends are ``lb``.
- Anomalies: on a reading, ``@cause`` (``dittography``, ``homeoteleuton``, ``homeoarchy``,
  ``haplography``, ``transposition``, ``omission``); inside a reading or the common text,
  the copy a dittography repeats is ``surplus reason="repeated"``, a bracketed insertion is
  ``supplied reason="editorial-gloss"``, an inconsistent spelling is ``choice`` of ``orig``
  and ``reg``.
- A summary witness is a ``div[@type="summary"]`` of ``seg``s, one per clause with its support,
  each followed by a ``note`` per distortion.

Built with ElementTree in the TEI namespace; no DTD, deterministic, UTF-8.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from collate.model import AnomalyKind, Apparatus, Location, Reading, Role, Unit, Witness, siglum_problem
from collate.report.escape import xml_char_name, xml_chars, xml_unsafe
from collate.report.lookup import Anomalies
from collate.version import __version__

if TYPE_CHECKING:
    from collate.corrections import Located

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ET.register_namespace("", TEI_NS)


def _tag(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


def _sub(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, _tag(name), attributes)
    if text is not None:
        element.text = text
    return element


def xml_id(siglum: str) -> str:
    """The ``xml:id`` a witness's siglum suggests: the siglum where it is an XML name, else
    prefixed with ``w`` (sigla are letters, digits, ``-``, ``_``, ``.``: see
    `collate.model.siglum_problem`). `witness_ids` makes them unique.

    >>> xml_id("cable"), xml_id("1818"), xml_id("Ψ.1")
    ('cable', 'w1818', 'Ψ.1')
    """
    if siglum_problem(siglum) is None and (siglum[0] == "_" or unicodedata.category(siglum[0])[0] == "L"):
        return siglum
    return "w" + re.sub(r"[^\w.\-]", "_", siglum)


_OTHER_IDS = re.compile(r"^(?:a\d+|c\d+|app-.*|.*-c\d+|U[0-9A-F]{4})$")
"""The shapes of the report's other ids: anomalies (``a3``), corrections (``c2``), units
(``app-u7``), summary clauses (``<witness>-c4``) and declared characters (``U000C``)."""


def witness_ids(sigla: Iterable[str]) -> dict[str, str]:
    """The ``xml:id`` of each witness: `xml_id`, changed where it would take the shape of
    another id in the report (``a1`` becomes ``a1_``) or the id of an earlier witness
    (``w1818`` beside ``1818`` becomes ``w1818_2``), so that every id is unique.

    >>> witness_ids(["1818", "w1818", "a1", "cable"])
    {'1818': 'w1818', 'w1818': 'w1818_2', 'a1': 'a1_', 'cable': 'cable'}
    """
    ids: dict[str, str] = {}
    for siglum in sigla:
        base = xml_id(siglum)
        if _OTHER_IDS.match(base):
            base += "_"
        candidate, number = base, 1
        while candidate in ids.values():
            number += 1
            candidate = f"{base}_{number}"
        ids[siglum] = candidate
    return ids


def _set_id(element: ET.Element, value: str) -> None:
    element.set(f"{{{XML_NS}}}id", value)


class _Mixed:
    """Appends text and elements to an element as mixed content."""

    def __init__(self, element: ET.Element) -> None:
        self.element = element
        self.last: ET.Element | None = element[-1] if len(element) else None

    def text(self, value: str) -> None:
        if not value:
            return
        parts = value.split("\n")
        for number, part in enumerate(parts):
            if number:
                lb = self.add("lb")
                lb.tail = "\n"
            self._append(part)

    def _append(self, value: str) -> None:
        if not value:
            return
        if self.last is not None:  # not list(element)[-1]: that is a copy of every child
            self.last.tail = (self.last.tail or "") + value
        else:
            self.element.text = (self.element.text or "") + value

    def add(self, name: str, **attributes: str) -> ET.Element:
        self.last = ET.SubElement(self.element, _tag(name), attributes)
        return self.last


def _inline(mixed: _Mixed, witness: Witness, start: int, end: int, anomalies: Anomalies) -> None:
    """The text of ``witness`` in ``[start, end)``, with anomalies inside it marked up."""
    inside = sorted(
        (
            a
            for a in anomalies.starting(witness.siglum, start, end)
            if a.start < a.end <= end
            and a.kind
            in (AnomalyKind.DITTOGRAPHY, AnomalyKind.EDITORIAL_INSERTION, AnomalyKind.SPELLING_VARIATION)
        ),
        key=lambda a: (a.start, -a.end),
    )
    position = start
    for anomaly in inside:
        if anomaly.start < position:
            continue  # overlapping markup is left out
        mixed.text(witness.text[position : anomaly.start])
        content = witness.text[anomaly.start : anomaly.end]
        if anomaly.kind is AnomalyKind.DITTOGRAPHY:
            element = mixed.add("surplus", reason="repeated", ana=f"#{anomaly.id}")
            _Mixed(element).text(content)
        elif anomaly.kind is AnomalyKind.EDITORIAL_INSERTION:
            element = mixed.add("supplied", reason="editorial-gloss", ana=f"#{anomaly.id}")
            _Mixed(element).text(content)
        else:
            choice = mixed.add("choice", ana=f"#{anomaly.id}")
            _Mixed(_sub(choice, "orig")).text(content)
            _Mixed(_sub(choice, "reg")).text(anomaly.emendation.text if anomaly.emendation else content)
        position = anomaly.end
    mixed.text(witness.text[position:end])


def _cause(reading: Reading, anomalies: Anomalies) -> str:
    """The TEI cause of a reading, from the anomalies in its witnesses' spans (the first in
    the apparatus's order)."""
    places = [Location(s, span.start, span.end) for s, span in reading.spans.items()]
    for anomaly in anomalies.starting_any(places, closed=True):
        span = reading.spans[anomaly.witness]
        if anomaly.kind is AnomalyKind.OMISSION and span.start <= anomaly.start <= span.end:
            return anomaly.mechanism.value if anomaly.mechanism is not None else "omission"
        if anomaly.kind is AnomalyKind.DITTOGRAPHY and span.start <= anomaly.start < span.end:
            return "dittography"
        if anomaly.kind is AnomalyKind.TRANSPOSITION and span.start <= anomaly.start < span.end:
            return "transposition"
        if anomaly.kind is AnomalyKind.ADDITION and span.start <= anomaly.start < span.end:
            return "addition"
    return ""


def _lemma(unit: Unit, lemma_siglum: str) -> Reading:
    return unit.reading_of(lemma_siglum) or unit.readings[0]


def _refs(sigla: Iterable[str], ids: dict[str, str]) -> str:
    return " ".join(f"#{ids[s]}" for s in sigla)


def to_element(apparatus: Apparatus) -> ET.Element:
    ids = witness_ids(w.siglum for w in apparatus.witnesses)
    root = ET.Element(_tag("TEI"))
    header = _sub(root, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    sigla = ", ".join(w.siglum for w in apparatus.witnesses)
    _sub(title_stmt, "title", f"Critical apparatus of {sigla}")
    publication = _sub(file_desc, "publicationStmt")
    _sub(publication, "p", f"Written by collate {__version__}.")
    source_desc = _sub(file_desc, "sourceDesc")
    list_wit = _sub(source_desc, "listWit")
    for w in apparatus.witnesses:
        entry = _sub(list_wit, "witness", n=w.role.value)
        _set_id(entry, ids[w.siglum])
        details = [w.siglum, w.role.value, *(f"{k}: {v}" for k, v in sorted(w.metadata.items()))]
        if w.path:
            details.append(f"file: {w.path}")
        details.append(f"SHA-256: {w.sha256}")
        entry.text = "; ".join(details)
    encoding = _sub(header, "encodingDesc")
    _sub(encoding, "variantEncoding", method="parallel-segmentation", location="internal")
    if apparatus.limits:
        declared = _sub(encoding, "editorialDecl")
        for limit in apparatus.limits:
            _sub(declared, "p", f"limit: {limit}")
    ET.indent(header, space=" ", level=1)
    root.text = "\n"
    header.tail = "\n"

    text = _sub(root, "text")
    body = _sub(text, "body")
    collated = [w for w in apparatus.witnesses if w.collated]
    anomalies = list(apparatus.anomalies)
    index = Anomalies(anomalies)
    if collated:
        lemma_siglum = apparatus.lemma_siglum
        div = _sub(body, "div", type="collation")
        block = _Mixed(_sub(div, "ab"))
        moved = {(unit, siglum) for unit, siglum, _ in apparatus.alignment.moved()}
        for unit in apparatus.alignment.units:
            lemma = _lemma(unit, lemma_siglum)
            first = lemma.witnesses[0]
            witness = apparatus.witness(first)
            span = lemma.spans[first]
            if not unit.variant:
                _inline(block, witness, span.start, span.end, index)
                continue
            # Trailing space of the lemma stays outside the app, in the running text.
            content = witness.text[span.start : span.end]
            trailing = content[len(content.rstrip()) :]
            app = block.add("app")
            app.set(f"{{{XML_NS}}}id", f"app-{unit.id}")
            for reading in [lemma, *(r for r in unit.readings if r is not lemma)]:
                name = "lem" if reading is lemma else "rdg"
                element = _sub(app, name, wit=_refs(reading.witnesses, ids))
                cause = _cause(reading, index)
                if not cause and not reading.norm and any((unit.id, s) in moved for s in reading.witnesses):
                    cause = "transposition"  # the place a moved block left
                if cause:
                    element.set("cause", cause)
                holder = apparatus.witness(reading.witnesses[0])
                here = reading.spans[holder.siglum]
                words = holder.text[here.start : here.end]
                _inline(_Mixed(element), holder, here.start, here.start + len(words.rstrip()), index)
            block.text(trailing)
    for w in apparatus.witnesses:
        if w.role is not Role.SUMMARY:
            continue
        div = _sub(body, "div", type="summary", corresp=f"#{ids[w.siglum]}")
        paragraph = _Mixed(_sub(div, "p"))
        position = 0
        links = [link for link in apparatus.links if link.summary == w.siglum]
        for number, link in enumerate(links, 1):
            paragraph.text(w.text[position : link.start])
            seg = paragraph.add("seg", n=f"{link.score:.2f}")
            _set_id(seg, f"{ids[w.siglum]}-c{number}")
            seg.text = w.text[link.start : link.end]
            for anomaly in index.starting(w.siglum, link.start, link.end):
                note = paragraph.add(
                    "note",
                    type=anomaly.kind.value,
                    target=f"#{ids[w.siglum]}-c{number}",
                    ana=f"#{anomaly.id}",
                )
                note.text = anomaly.cause
            position = link.end
        paragraph.text(w.text[position:].rstrip("\n"))
    if anomalies:
        back = _sub(text, "back")
        group = _sub(back, "interpGrp", type="anomalies")
        for anomaly in anomalies:
            interp = _sub(group, "interp", type=anomaly.kind.value, n=f"{anomaly.confidence:.2f}")
            _set_id(interp, anomaly.id)
            interp.text = f"{anomaly.witness} {anomaly.start}–{anomaly.end}: {anomaly.cause}"
        ET.indent(back, space=" ", level=1)
    text.tail = "\n"
    return root


def _document(root: ET.Element) -> str:
    """The XML document of ``root``.

    A carriage return in a witness's text is written as a character reference, ``&#13;``:
    written as it is, an XML parser would read it as a line feed, and the text (and every
    offset into it) would change. A character XML 1.0 cannot hold at all (a NUL, another C0
    control, an unpaired surrogate: see `collate.report.escape`) is a ``<g ref="#U000C"/>``,
    declared once in the header's ``encodingDesc/charDecl`` with its code point, so that the
    document is well-formed and still says which character the witness has there."""
    xml = ET.tostring(root, encoding="unicode")
    unsafe = xml_unsafe(xml)
    if unsafe:
        header = root.find(_tag("teiHeader"))
        assert header is not None
        encoding = header.find(_tag("encodingDesc"))
        if encoding is None:
            encoding = _sub(header, "encodingDesc")
        declarations = _sub(encoding, "charDecl")
        for char in sorted(unsafe):
            entry = _sub(declarations, "char")
            _set_id(entry, xml_char_name(char))
            _sub(entry, "charName", unicodedata.name(char, f"U+{ord(char):04X}, which XML cannot hold"))
            _sub(entry, "mapping", f"U+{ord(char):04X}", type="codepoint")
        ET.indent(header, space=" ", level=1)
        xml = ET.tostring(root, encoding="unicode")
    xml = xml_chars(xml, '<g ref="#{}"/>')
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml.replace("\r", "&#13;") + "\n"


def render(apparatus: Apparatus) -> str:
    """The apparatus as a TEI P5 document (UTF-8, with an XML declaration)."""
    root = to_element(apparatus)
    return _document(root)


def render_edition(witness: Witness, located: Sequence[Located]) -> str:
    """One witness as an edition: its text with the accepted corrections marked inline, so
    the file shows both what the document says and what it meant. A repeated passage taken
    out is ``surplus reason="repeated"``; another deletion or a replacement, ``choice`` of
    ``sic`` and ``corr``; an insertion, ``supplied reason="omitted"``. The corrections (status,
    reason, editor) are ``interp``s in ``back``; authorial ones leave the text as it is."""
    from collate.model import Status

    root = ET.Element(_tag("TEI"))
    root.text = "\n"
    header = _sub(root, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", f"{witness.siglum}, with its recorded corrections")
    _sub(_sub(file_desc, "publicationStmt"), "p", f"Written by collate {__version__} ('collate apply').")
    described = [
        witness.siglum,
        witness.role.value,
        *(f"{k}: {v}" for k, v in sorted(witness.metadata.items())),
    ]
    if witness.path:
        described.append(f"file: {witness.path}")
    described.append(f"SHA-256: {witness.sha256}")
    _sub(_sub(file_desc, "sourceDesc"), "p", "; ".join(described))
    ET.indent(header, space=" ", level=1)
    header.tail = "\n"
    text = _sub(root, "text")
    body = _sub(text, "body")
    edits = sorted(
        (loc for loc in located if loc.span is not None and loc.correction.status is Status.ACCEPTED),
        key=lambda loc: loc.span.start if loc.span else 0,
    )
    for start, end in _paragraphs(witness.text, edits):
        paragraph = _Mixed(_sub(body, "p"))
        position = start
        for loc in edits:
            span = loc.span
            if span is None or not start <= span.start <= end:
                continue
            correction = loc.correction
            paragraph.text(witness.text[position : span.start])
            reading = witness.text[span.start : span.end]
            pointer = f"#{correction.id}"
            if not reading:
                _Mixed(paragraph.add("supplied", reason="omitted", ana=pointer)).text(correction.emended)
            elif not correction.emended and any(k is AnomalyKind.DITTOGRAPHY for k in correction.kinds):
                _Mixed(paragraph.add("surplus", reason="repeated", ana=pointer)).text(reading)
            else:
                choice = paragraph.add("choice", ana=pointer)
                _Mixed(_sub(choice, "sic")).text(reading)
                _Mixed(_sub(choice, "corr")).text(correction.emended)
            position = span.end
        paragraph.text(witness.text[position:end])
    decided = [loc.correction for loc in located if loc.span is not None]
    if decided:
        group = _sub(_sub(text, "back"), "interpGrp", type="corrections")
        for correction in decided:
            interp = _sub(group, "interp", type=correction.status.value)
            _set_id(interp, correction.id)
            who = f" ({correction.editor})" if correction.editor else ""
            kinds = "/".join(k.value for k in correction.kinds)
            interp.text = f"{kinds}: {correction.reason}{who}".strip()
        ET.indent(group, space=" ", level=2)
    text.tail = "\n"
    return _document(root)


def _paragraphs(text: str, edits: Sequence[Located]) -> list[tuple[int, int]]:
    """Paragraphs (text between blank lines), never cut inside a correction."""
    spans = [loc.span for loc in edits if loc.span is not None]
    found = []
    start = 0
    for gap in re.finditer(r"\n\s*\n", text):
        if any(s.start < gap.start() < s.end for s in spans):
            continue
        if text[start : gap.start()].strip():
            found.append((start, gap.start()))
        start = gap.end()
    if text[start:].strip():
        found.append((start, len(text.rstrip("\n"))))
    return found
