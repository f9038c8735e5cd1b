"""Editorial insertions: text in square brackets, an editor's gloss and not the witness's.

``Sinkiang [Xinjiang]``: the transcriber added the modern name. The insertion is kept in the
text and left out of matching (see `collate.tokenizer.Normalization.editorial`); here it is
reported, with an emendation that removes it (and the space before it) to give the
document's own words. Where ``[ ]`` means something else (restored text in epigraphy), set the
policy to ``keep`` and ignore these reports. Only glosses are reported: a lacuna (``[...]``),
text an editor supplied (``⟨ ⟩``) or the scribe erased (``⟦ ⟧``) is an editorial sign of
another kind (`collate.model.EditorialSign`), nothing to delete.
"""

from __future__ import annotations

from collate.model import Anomaly, AnomalyKind, Emendation, Location, Witness


def find(witness: Witness) -> list[Anomaly]:
    found = []
    for span in witness.insertions:
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
