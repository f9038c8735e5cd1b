"""The apparatus as a LaTeX document for a printed edition, with the reledmac package: the
base text (the lemma witness) in numbered paragraphs, each entry of the apparatus an
``\\edtext{lemma}{\\lemma{first … last}\\Afootnote{readings and sigla}}`` (reledmac numbers the
lines and keys the notes to them), where a witness begins, ends or is lost a note of its own
(*inc.*, *expl.*, *lac.*), and the anomalies found in the base text (at the edition gate's
default threshold, `PRINTED`) a second series of notes (``\\Bfootnote``). The entries are
those of `collate.report.notes.layout`, as in the HTML reading view.

Compile it with LuaLaTeX or XeLaTeX (the text is Unicode), twice, as reledmac asks. Every
piece of witness text passes through `collate.report.escape.latex_text`.
"""

from __future__ import annotations

import re

from collate.model import Anomaly, Apparatus, Witness
from collate.report import notes
from collate.report.escape import latex_text as tex
from collate.report.lookup import Anomalies
from collate.text import shorten
from collate.version import __version__

_PREAMBLE = r"""%% Written by collate {version}. Compile with lualatex (or xelatex), twice.
\documentclass[11pt]{{article}}
\usepackage{{fontspec}}
\IfFontExistsTF{{DejaVu Serif}}{{\setmainfont{{DejaVu Serif}}}}{{}}
\usepackage{{reledmac}}
\firstlinenum{{5}}
\linenumincrement{{5}}
\Xarrangement[A]{{paragraph}}
\Xarrangement[B]{{paragraph}}
\begin{{document}}
\section*{{{title}}}
\noindent {sigla}

"""

PRINTED = 0.5
"""Anomalies in the base text at least this confident have a note (the edition gate's
default threshold): what the tool suspects, not every candidate."""

_PARAGRAPH = re.compile(r"\n[ \t\r]*\n")
_WORD = re.compile(r"\S+")


def _sigla(sigla: list[str]) -> str:
    return r"\textit{" + tex(" ".join(sigla)) + "}"


class _Notes:
    """The apparatus of one base witness: for each place in its text, what to print there."""

    def __init__(self, apparatus: Apparatus, group: int) -> None:
        self.apparatus = apparatus
        self.units = apparatus.alignment.units
        self.base = apparatus.witness(apparatus.lemma_siglum)
        self.sigla = [w.siglum for w in apparatus.witnesses if w.collated]
        self.layout = notes.layout(apparatus, group)
        self.absent = self.layout.absent()
        self.moved = {(here, siglum) for here, siglum, _ in apparatus.alignment.moved()}
        self.anomalies = Anomalies(apparatus.anomalies)

    def span(self, siglum: str, first: int, last: int) -> tuple[int, int]:
        start = self.units[first].reading_of(siglum).spans[siglum].start  # type: ignore[union-attr]
        end = self.units[last].reading_of(siglum).spans[siglum].end  # type: ignore[union-attr]
        return start, end

    def passage(self, siglum: str, first: int, last: int) -> str:
        witness = self.apparatus.witness(siglum)
        start, end = self.span(siglum, first, last)
        return witness.text[witness.word_start(start, end) : end].strip()

    def readings(self, entry: notes.Entry, before: str = "", after: str = "") -> str:
        """``reading sigla; reading sigla`` for the witnesses that differ from the base; where
        the base has nothing here, each reading with the base's word ``before`` or ``after``
        it, which is the lemma (``home ] home, as he said, B``)."""
        base = self.base.siglum
        present = [s for s in self.sigla if entry.first not in self.absent.get(s, ())]
        groups: dict[tuple[int, ...], list[str]] = {}
        for siglum in present:
            key = tuple(
                next(n for n, r in enumerate(self.units[k].readings) if siglum in r.spans)
                for k in range(entry.first, entry.last + 1)
            )
            groups.setdefault(key, []).append(siglum)
        lemma_empty = not self.passage(base, entry.first, entry.last)
        parts = []
        for members in groups.values():
            if base in members:
                continue
            text = self.passage(members[0], entry.first, entry.last)
            units = range(entry.first, entry.last + 1)
            if text:
                shown = tex(" ".join(filter(None, (before, text, after))))
                shown += r" \textit{add.}" if lemma_empty and not (before or after) else ""
            elif any((self.units[k].id, members[0]) in self.moved for k in units):
                shown = r"\textit{transp.}"
            else:
                shown = r"\textit{om.}"
            marks = self._abbreviations(members, entry)
            parts.append(f"{shown} {_sigla(members)}{marks}")
        return "; ".join(parts)

    def _abbreviations(self, members: list[str], entry: notes.Entry) -> str:
        found = []
        for siglum in members:
            start, end = self.span(siglum, entry.first, entry.last)
            for anomaly in self.anomalies.overlapping(siglum, start, end):
                note = notes.abbreviation(anomaly)
                if note and note not in found:
                    found.append(note)
        return "".join(rf" \textit{{{tex(note)}}}" for note in found)


def _anomaly_note(anomaly: Anomaly) -> str:
    note = notes.abbreviation(anomaly)
    said = f"{anomaly.kind.value} ({anomaly.confidence:.2f}): {' '.join(anomaly.cause.split())}"
    if anomaly.emendation is not None and anomaly.emendation.action == "delete":
        said += "; proposed: delete"
    elif anomaly.emendation is not None:
        said += f"; proposed: {anomaly.emendation.action} “{shorten(anomaly.emendation.text)}”"
    return (rf"\textit{{{tex(note)}}} " if note else "") + tex(said)


def _word_near(text: str, at: int) -> tuple[int, int]:
    """The word before offset ``at`` (or, at the start of the text, the word after it)."""
    before = _WORD.search(text[max(0, at - 200) : at][::-1])
    if before:
        return at - before.start() - len(before.group()), at - before.start()
    after = _WORD.search(text, at)
    return (after.start(), after.end()) if after else (at, at)


def _places(book: _Notes) -> list[tuple[int, int, str, str]]:
    """What is printed where in the base text: (start, end, lemma, notes), in text order and
    not overlapping. Where the base has nothing (others add words, a witness begins or
    ends), the note is keyed to the base's word beside that point."""
    base, text = book.base, book.base.text
    places: list[tuple[int, int, str, str]] = []

    def place(start: int, end: int, note: str) -> None:
        end = start + len(text[start:end].rstrip())
        lemma = tex(shorten(text[start:end], 2).replace(" ... ", " … "))
        places.append((start, end, lemma, note))

    for entry in book.layout.entries:
        if entry.first in book.absent.get(base.siglum, ()):
            continue
        start, end = book.span(base.siglum, entry.first, entry.last)
        start = base.word_start(start, end)
        if text[start:end].strip():
            place(start, end, r"\Afootnote{" + book.readings(entry) + "}")
            continue
        near = _word_near(text, start)
        word = text[near[0] : near[1]]
        beside = {"before": word} if near[1] <= start else {"after": word}
        place(*near, r"\Afootnote{" + book.readings(entry, **beside) + "}")
    for lacuna in book.layout.lacunae:
        if lacuna.witness == base.siglum:
            continue
        note = r"\Afootnote{\textit{" + lacuna.kind + "} " + _sigla([lacuna.witness]) + "}"
        if lacuna.kind == "inc.":  # the witness begins at the next word
            point = book.span(base.siglum, min(len(book.units) - 1, lacuna.last + 1), len(book.units) - 1)
            found = _WORD.search(text, point[0])
            place(*(found.span() if found else point), note)
        elif lacuna.kind == "expl.":  # it ends with the word before
            place(*_word_near(text, book.span(base.siglum, lacuna.first, lacuna.first)[0]), note)
        else:
            start, end = book.span(base.siglum, lacuna.first, lacuna.last)
            start = base.word_start(start, end)
            place(*((start, end) if text[start:end].strip() else _word_near(text, start)), note)
    for anomaly in book.apparatus.anomalies:
        if anomaly.witness == base.siglum and anomaly.confidence >= PRINTED:
            place(anomaly.start, anomaly.end, r"\Bfootnote{" + _anomaly_note(anomaly) + "}")
    places.sort(key=lambda p: (p[0], -p[1]))
    kept: list[tuple[int, int, str, str]] = []
    for start, end, lemma, note in places:
        if kept and start < kept[-1][1]:  # inside the place before: one more note of it, quoted
            if lemma != kept[-1][2]:
                note = note.replace("{", "{“" + lemma + "” ", 1)
            kept[-1] = (*kept[-1][:3], kept[-1][3] + note)
        else:
            kept.append((start, end, lemma, note))
    return kept


def _body(base: Witness, places: list[tuple[int, int, str, str]]) -> str:
    """The base text as reledmac paragraphs, each place an ``\\edtext``."""
    text = base.text
    breaks = [m.end() for m in _PARAGRAPH.finditer(text)] + [len(text)]
    out = ["\\beginnumbering\n\\pstart\n"]
    at, nxt = 0, 0

    def plain(start: int, end: int) -> None:
        nonlocal nxt
        while start < end:
            while breaks[nxt] <= start:
                nxt += 1
            cut = min(end, breaks[nxt])
            out.append(tex(text[start:cut]))
            if cut == breaks[nxt] and cut < len(text):
                out.append("\n\\pend\n\\pstart\n")
            start = cut

    for start, end, lemma, note in places:
        plain(at, max(at, start))
        at = max(at, start)
        while breaks[nxt] <= at and breaks[nxt] < len(text):
            nxt += 1
        inside = min(end, breaks[nxt])  # an edtext stays inside one paragraph
        words = tex(text[at:inside]) if inside > at else ""
        label = r"\lemma{" + lemma + "}" if lemma and lemma != words else ""
        out.append(r"\edtext{" + words + "}{" + label + note + "}")
        at = max(at, inside)
    plain(at, len(text))
    out.append("\n\\pend\n\\endnumbering")
    return "".join(out)


def render(apparatus: Apparatus, *, group: int = notes.GROUP) -> str:
    """The apparatus as a LaTeX document (see the module's description)."""
    book = _Notes(apparatus, group)
    files: dict[str, list[str]] = {}
    for w in apparatus.witnesses:
        if w.collated:
            files.setdefault(w.path or "", []).append(w.siglum)
    sigla = "; ".join(_sigla(names) + (f" ({tex(path)})" if path else "") for path, names in files.items())
    head = _PREAMBLE.format(
        version=tex(__version__),
        title=tex(f"Critical apparatus, base text {book.base.siglum}"),
        sigla=f"Witnesses: {sigla}.",
    )
    return head + _body(book.base, _places(book)) + "\n\\end{document}\n"
