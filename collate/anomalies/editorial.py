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

from collate.anomalies._common import Collation
from collate.model import Action, Anomaly, AnomalyKind, Emendation, Location, Span, TokenKind, Witness
from collate.tokenizer import unaccented


def _plain(word: str) -> str:
    """A word compared without case or accents (``σὺ`` is ``σύ``)."""
    return unaccented(word.casefold())


def _attested(witness: Witness, span: Span, inner: list[str], collation: Collation | None) -> bool:
    """Whether every word inside the brackets (``inner``) stands in another collated witness
    at the place the brackets hold (the units from the bracket to the word after it)."""
    if collation is None or collation.alignment is None or not inner:
        return False
    tokens = witness.tokens
    last = bisect.bisect_left(tokens, span.end, key=lambda t: t.start)
    after = next((t.end for t in itertools.islice(tokens, last, None) if t.norm), span.end)
    others = {
        _plain(word)
        for unit in collation.units_over(witness.siglum, span.start, after)
        for reading in unit.readings
        if witness.siglum not in reading.spans
        for word in reading.norm.split()
    }
    return all(word in others for word in inner)


GLOSS = 0.9
"""The confidence that bracketed words no copy has and the witness nowhere else writes are a
gloss ("Sinkiang [Xinjiang]")."""

OWN_WORDS = 0.4
"""The confidence where the witness writes every bracketed word in its own running text too:
the brackets may as well be an edition's doubt about words of the text (Westcott and Hort's
``[ὁ]``, ``[δὲ]``, ``[ἐγὼ]``) as a gloss, so they are reported below the gate. A gloss names
what the text does not: a modern name, a ``sic``, a reference."""


def _own_words(witness: Witness) -> frozenset[str]:
    """The words of the witness outside every editorial bracket."""
    return frozenset(_plain(t.text) for t in witness.tokens if t.kind is TokenKind.WORD and not t.editorial)


def _inner_words(witness: Witness, span: Span) -> list[str]:
    tokens = witness.tokens
    first = bisect.bisect_left(tokens, span.start, key=lambda t: t.start)
    last = bisect.bisect_left(tokens, span.end, lo=first, key=lambda t: t.start)
    return [_plain(t.text) for t in tokens[first:last] if t.kind is TokenKind.WORD]


def find(witness: Witness, collation: Collation | None = None) -> list[Anomaly]:
    """The glosses of ``witness``; with a ``collation``, none whose words the other witnesses
    read there (`_attested`); below the gate, those whose words the witness uses in its own
    text (`OWN_WORDS`)."""
    found = []
    own: frozenset[str] | None = None
    for span in witness.insertions:
        words = _inner_words(witness, span)
        if _attested(witness, span, words, collation):
            continue
        if own is None:
            own = _own_words(witness)
        inner = witness.text[span.start + 1 : span.end - 1].strip()
        before = span.start
        while before > 0 and witness.text[before - 1] in " \t":
            before -= 1
        gloss = _glossed(witness.text[:before])
        cause = f"an editor's gloss{gloss} in square brackets: “{inner}” is not the document's text"
        features = {"square brackets": 1.0}
        confidence = GLOSS
        if words and all(word in own for word in words):
            confidence = OWN_WORDS
            features["words the witness writes in its own text"] = 0.0
            cause = (
                f"square brackets around “{inner}”, words the witness writes in its own text too: "
                "an edition's doubt about them, or an editor's gloss"
            )
        found.append(
            Anomaly(
                id="",
                kind=AnomalyKind.EDITORIAL_INSERTION,
                witness=witness.siglum,
                start=span.start,
                end=span.end,
                text=witness.text[span.start : span.end],
                confidence=confidence,
                cause=cause,
                evidence=(Location(witness.siglum, span.start, span.end),),
                emendation=Emendation(Action.DELETE, before, span.end, ""),
                features=features,
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
