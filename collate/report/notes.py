"""The apparatus as a printed edition sets it out, for the reports that print one (the HTML
reading view, the LaTeX export):

- the base text in numbered lines (`lines`): the notes are keyed to the line the reader sees;
- the entries (`Layout.entries`): a variant unit, or neighbouring ones that a rewriting joins
  (variant units with fewer than ``group`` words of agreement between them are one entry,
  printed with the whole passage of each witness: ``group=1`` joins units that touch,
  ``group=0`` keeps one entry a unit);
- where a witness's text begins late (*inc.*), ends early (*expl.*) or is lost at a marked
  lacuna (*lac.*) (`Layout.lacunae`): one note each, and no entry a unit for the witness there;
- which entries differ in punctuation only (`Entry.punctuation`), which a reader may hide.

Everything here is read off the alignment; nothing changes what was collated.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from collate.model import Anomaly, AnomalyKind, Apparatus, Mechanism, Span, Unit, at_lacuna

_SPACE = re.compile(r"[ \t]")
WIDTH = 72
"""Characters in a line of the displayed base text, as in a printed page of prose."""
GROUP = 2
"""The default grain of the entries: variant units with fewer than this many words of
agreement between them are one entry (``the black cat sat`` / ``a black dog sat`` is one)."""
EDGE = 50
"""The fewest words a witness must lack at the beginning or the end of the text for the note
to say it begins or ends there (*inc.*, *expl.*), not that it omits them: about four printed
lines, more than any copying slip in the corpora drops at once."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One note of the apparatus: the variant units ``first`` to ``last`` (indexes, inclusive)."""

    first: int
    last: int
    punctuation: bool
    """Only punctuation differs (or is there or not), in every unit of the entry."""


@dataclass(frozen=True, slots=True)
class Lacuna:
    """Where witness ``witness`` has no text over units ``first`` to ``last``, and why:
    ``inc.`` (its text begins after them), ``expl.`` (it ends before them) or ``lac.`` (text
    lost from the document, as its transcription marks)."""

    witness: str
    first: int
    last: int
    kind: str


@dataclass(frozen=True, slots=True)
class Layout:
    entries: tuple[Entry, ...]
    lacunae: tuple[Lacuna, ...]

    def absent(self) -> dict[str, set[int]]:
        """For each witness, the units where it is in a lacuna."""
        out: dict[str, set[int]] = {}
        for lacuna in self.lacunae:
            out.setdefault(lacuna.witness, set()).update(range(lacuna.first, lacuna.last + 1))
        return out


def lines(text: str, width: int = WIDTH) -> list[int]:
    """Where each displayed line of ``text`` starts: a line of the text is a paragraph, cut at
    spaces into lines of at most ``width`` characters (a longer word is a line of its own);
    blank lines are not lines.

    >>> text = "Call me Ishmael. Some years ago\\n\\nnever mind how long"
    >>> starts = lines(text, 16)
    >>> [text[s:e].strip() for s, e in zip(starts, [*starts[1:], len(text)])]
    ['Call me Ishmael.', 'Some years ago', 'never mind how', 'long']
    """
    starts: list[int] = []
    at = 0
    for line in text.split("\n"):
        start, end = at + len(line) - len(line.lstrip()), at + len(line.rstrip())
        at += len(line) + 1
        while start < end:
            starts.append(start)
            if end - start <= width:
                break
            cut = max(text.rfind(" ", start, start + width + 1), text.rfind("\t", start, start + width + 1))
            if cut <= start:  # one word longer than a line
                space = _SPACE.search(text, start, end)
                if space is None:
                    break
                cut = space.start()
            start = cut
            while start < end and text[start].isspace():
                start += 1
    return starts


def _letters(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith("P"))


def _punctuation_only(unit: Unit, present: Sequence[str]) -> bool:
    return len({_letters(r.text) for r in unit.readings if any(s in present for s in r.witnesses)}) == 1


def _words(unit: Unit) -> int:
    return max(len(r.norm.split()) for r in unit.readings)


def layout(apparatus: Apparatus, group: int = GROUP) -> Layout:
    """The entries and lacunae of the apparatus (see the module's description)."""
    units = apparatus.alignment.units
    lacunae = tuple(_lacunae(apparatus))
    absent = Layout((), lacunae).absent()
    sigla = [w.siglum for w in apparatus.witnesses if w.collated]
    present = [[s for s in sigla if k not in absent.get(s, ())] for k in range(len(units))]

    def varies(k: int) -> bool:
        unit = units[k]
        return (
            unit.variant and len([r for r in unit.readings if any(s in present[k] for s in r.witnesses)]) > 1
        )

    entries: list[Entry] = []
    first = last = -1
    between = 0  # words of agreement since the last variant unit
    for k in range(len(units)):
        if not varies(k):
            between += _words(units[k])
            continue
        if first >= 0 and between < group and present[k] == present[last]:
            last = k
        else:
            if first >= 0:
                entries.append(_entry(units, present, first, last))
            first = last = k
        between = 0
    if first >= 0:
        entries.append(_entry(units, present, first, last))
    return Layout(tuple(entries), lacunae)


def _entry(units: Sequence[Unit], present: list[list[str]], first: int, last: int) -> Entry:
    punctuation = all(_punctuation_only(units[k], present[k]) for k in range(first, last + 1))
    return Entry(first, last, punctuation)


def _lacunae(apparatus: Apparatus) -> list[Lacuna]:
    units = apparatus.alignment.units
    found = []
    for witness in (w for w in apparatus.witnesses if w.collated):
        marked = witness.lacunae()
        k = 0
        while k < len(units):
            reading = units[k].reading_of(witness.siglum)
            if reading is None or reading.norm:
                k += 1
                continue
            first = k
            while k < len(units) and not units[k].reading_of(witness.siglum).norm:  # type: ignore[union-attr]
                k += 1
            last = k - 1
            words = sum(_words(units[j]) for j in range(first, last + 1))
            span = Span(
                units[first].reading_of(witness.siglum).spans[witness.siglum].start,  # type: ignore[union-attr]
                units[last].reading_of(witness.siglum).spans[witness.siglum].end,  # type: ignore[union-attr]
            )
            if marked and at_lacuna(witness.text, marked, span):
                found.append(Lacuna(witness.siglum, first, last, "lac."))
            elif words >= EDGE and first == 0 and last < len(units) - 1:
                found.append(Lacuna(witness.siglum, first, last, "inc."))
            elif words >= EDGE and last == len(units) - 1 and first > 0:
                found.append(Lacuna(witness.siglum, first, last, "expl."))
    return sorted(found, key=lambda lacuna: (lacuna.first, lacuna.witness))


_ABBREVIATIONS = {
    Mechanism.HOMEOTELEUTON: "per homoeotel.",
    Mechanism.HOMEOARCHY: "per homoearch.",
    Mechanism.HAPLOGRAPHY: "per haplogr.",
}


def abbreviation(anomaly: Anomaly) -> str:
    """The conventional note an apparatus gives the reading an anomaly is in: ``iter.`` for a
    dittography, ``transp.``, ``per homoeotel.`` for an eye-skip omission, and so on."""
    if anomaly.kind is AnomalyKind.DITTOGRAPHY:
        return "iter."
    if anomaly.kind is AnomalyKind.TRANSPOSITION:
        return "transp."
    if anomaly.kind is AnomalyKind.OMISSION:
        return _ABBREVIATIONS.get(anomaly.mechanism, "") if anomaly.mechanism is not None else ""
    return ""
