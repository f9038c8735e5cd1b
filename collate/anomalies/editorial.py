"""Editorial insertions: text in square brackets, an editor's gloss and not the witness's.

``Sinkiang [Xinjiang]``: the transcriber added the modern name. The insertion is kept in the
text and left out of matching (see `collate.tokenizer.Normalization.editorial`); here it is
reported, with an emendation that removes it (and the space before it) to give the
document's own words. Where ``[ ]`` means something else (restored text in epigraphy), set the
policy to ``keep`` and ignore these reports. Only glosses are reported: a lacuna (``[...]``),
text an editor supplied (``⟨ ⟩``) or the scribe erased (``⟦ ⟧``) is an editorial sign of
another kind (`collate.model.EditorialSign`), nothing to delete.

Nor is a bracket whose words the other collated witnesses read at that place: a critical
edition brackets words whose place in the text it doubts (Westcott and Hort's ``Λύσατε τὸν
ναὸν τοῦτον καὶ [ἐν] τρισὶν ἡμέραις``, where the other editions print ``ἐν``). A gloss is an
editor's own word, which no other copy of the text has there.
"""

from __future__ import annotations

import bisect
import itertools
import unicodedata

from collate.anomalies._common import Collation
from collate.model import Anomaly, AnomalyKind, Emendation, Location, Span, TokenKind, Witness


def _plain(word: str) -> str:
    """A word compared without case or accents (``σὺ`` is ``σύ``)."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _attested(witness: Witness, span: Span, collation: Collation | None) -> bool:
    """Whether every word inside the brackets stands in another collated witness at the place
    the brackets hold (the units from the bracket to the word after it)."""
    if collation is None or collation.alignment is None:
        return False
    tokens = witness.tokens
    first = bisect.bisect_left(tokens, span.start, key=lambda t: t.start)
    last = bisect.bisect_left(tokens, span.end, lo=first, key=lambda t: t.start)
    inner = [_plain(t.text) for t in tokens[first:last] if t.kind is TokenKind.WORD]
    if not inner:
        return False
    after = next((t.end for t in itertools.islice(tokens, last, None) if t.norm), span.end)
    others = {
        _plain(word)
        for unit in collation.units_over(witness.siglum, span.start, after)
        for reading in unit.readings
        if witness.siglum not in reading.spans
        for word in reading.norm.split()
    }
    return all(word in others for word in inner)


def find(witness: Witness, collation: Collation | None = None) -> list[Anomaly]:
    """The glosses of ``witness``; with a ``collation``, none whose words the other witnesses
    read there (`_attested`)."""
    found = []
    for span in witness.insertions:
        if _attested(witness, span, collation):
            continue
        inner = witness.text[span.start + 1 : span.end - 1].strip()
        before = span.start
        while before > 0 and witness.text[before - 1] in " \t":
            before -= 1
        gloss = _glossed(witness.text[:before])
        found.append(
            Anomaly(
                id="",
                kind=AnomalyKind.EDITORIAL_INSERTION,
                witness=witness.siglum,
                start=span.start,
                end=span.end,
                text=witness.text[span.start : span.end],
                confidence=0.9,
                cause=f"an editor's gloss{gloss} in square brackets: “{inner}” is not the document's text",
                evidence=(Location(witness.siglum, span.start, span.end),),
                emendation=Emendation("delete", before, span.end, ""),
                features={"square brackets": 1.0},
            )
        )
    return found


def _glossed(before: str) -> str:
    """The name a gloss follows: the capitalised words just before it (`` on “Port Arthur”``)."""
    name: list[str] = []
    for word in reversed(before.split()[-4:]):
        word = word.strip(".,;:()")
        if not word[:1].isupper():
            break
        name.insert(0, word)
    return f" on “{' '.join(name)}”" if name else ""
