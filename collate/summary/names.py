"""Names in a summary and its source: the source's names (and its heading's), and a summary name
that is not the source's but shares its words (an altered term)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from collate import lexicon
from collate.model import (
    Anomaly,
    AnomalyKind,
    Location,
    Witness,
)
from collate.summary.flags import _flag
from collate.summary.passages import _ABBREVIATION, STOPWORDS, _Passage, canonical, meanings

_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|and|de|du|von|van)\s+(?:the\s+)?|the\s+)?[A-Z][\w'’-]*)*")


def _names_in(
    text: str, start: int = 0, end: int | None = None, *, whole: bool = False
) -> list[tuple[int, int]]:
    """Where names stand in ``text``: runs of capitalised words, split at "and" ("Spain and
    the United States" is two names; with ``whole``, the run too, for "Treaty of Friendship
    and Alliance" is one), without the function words that open a sentence before them and
    the titles of address that end them."""
    found = []
    for match in _NAME.finditer(text, start, len(text) if end is None else end):
        if whole and re.search(r"\s+and\s+", match.group()):
            first, last = _trim_name(text, match.start(), match.end())
            found.append((first, last))
        position = match.start()
        for part in re.split(r"(\s+and\s+)", match.group()):
            if not part.strip() or part.strip() == "and":
                position += len(part)
                continue
            first, last = _trim_name(text, position, position + len(part))
            if first < last:
                found.append((first, last))
            position += len(part)
    return found


def _source_names(sources: Sequence[Witness]) -> list[tuple[Witness, int, int, str]]:
    return [
        (w, start, end, w.text[start:end]) for w in sources for start, end in _names_in(w.text, whole=True)
    ]


HEADING_KEYS = frozenset(("title", "author", "date"))
"""The metadata that is a source's heading; a citation, an address or a description is not."""


def _heading_names(sources: Sequence[Witness]) -> list[str]:
    """The names a source's own heading gives (its title, author, date line: the metadata an
    archive record or a TEI header carries): a summary may name the writer and the addressee
    that only the heading names."""
    return [
        value[start:end]
        for w in sources
        for key, value in w.metadata.items()
        if key in HEADING_KEYS
        for start, end in _names_in(value, whole=True)
    ]


def _name_keys(name: str) -> list[str]:
    name = re.sub(r"['’]s\b", "", name)
    return [canonical(part) for part in re.findall(r"[^\W_]+", name) if part.casefold() not in STOPWORDS]


HONORIFICS = frozenset("mr mrs ms dr sir m mme mlle messrs herr signor don".split())
"""Titles of address that stand before a name and are no part of it."""


def _trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """A name match without the capitalised function words that open a sentence before it
    ("At the French Embassy") and without a title of address that ends it ("… Mr")."""
    words = list(re.finditer(r"[^\s]+", text[start:end]))
    while words and words[0].group().casefold() in STOPWORDS:
        words.pop(0)
    while words and words[-1].group().casefold().strip("’'") in HONORIFICS:
        words.pop()
    if not words:
        return start, start
    return start + words[0].start(), start + words[-1].end()


def _known_name(part: str, keys: list[str], all_keys: frozenset[str], sources: _Names) -> bool:
    """Whether the source (its text or its heading) names ``part``: every word of a one-word
    name occurs (or a word of the same meaning does: "American" for "America"); a longer
    name occurs with the same words, in any order ("Finance Ministry", "Ministry of
    Finance"), so that a name with a word dropped or changed is not known."""
    if " " not in part.strip():
        if all(k in all_keys or k in sources.heading_keys for k in keys):
            return True
        if "-" in part and any(k in all_keys for k in keys):
            return True  # an adjective compounding a known name ("Anglo-French")
        return all(meanings(word) & sources.senses for word in re.findall(r"[^\W_]+", part))
    if frozenset(keys) in sources.key_sets:
        return True
    return bool(meanings("_".join(re.findall(r"[^\W_]+", part))) & sources.senses)  # one WordNet word


@dataclass(frozen=True, slots=True)
class _Names:
    """The names of the sources, for the check of the names a summary uses."""

    located: list[tuple[Witness, int, int, str]]
    key_sets: frozenset[frozenset[str]]
    heading_keys: frozenset[str]
    senses: frozenset[str]

    @classmethod
    def of(cls, sources: Sequence[Witness], senses: frozenset[str]) -> _Names:
        located = _source_names(sources)
        every = [n for _, _, _, n in located] + _heading_names(sources)
        key_sets = frozenset(frozenset(_name_keys(n)) for n in every)
        # a name of several words can hold one word of WordNet ("United States Government"
        # holds "United States"), which relates it to its adjective ("American")
        joined = {
            "_".join(words[i:j])
            for words in (re.findall(r"[^\W_]+", n) for n in every)
            for i in range(len(words))
            for j in range(i + 2, min(len(words), i + 4) + 1)
        }
        senses = senses.union(*(meanings(name) for name in sorted(joined)))
        heading = frozenset(k for n in every[len(located) :] for k in _name_keys(n))
        return cls(located, key_sets, heading, senses)


def _replaced_name(part: str, clause: _Passage, primary: _Passage) -> tuple[int, int] | None:
    """A name of the source sentence that the clause leaves out and that is a thing of the
    same kind as ``part`` (WordNet: "Holland" and "Switzerland" are both European
    countries): the name the summary has put ``part`` in place of."""
    mine = lexicon.kinds("_".join(re.findall(r"[^\W_]+", part)))
    if not mine:
        return None
    text = primary.witness.text
    for start, end in _names_in(text, primary.start, primary.end):
        keys = _name_keys(text[start:end])
        if (
            keys
            and not set(keys) <= clause.keys
            and mine & lexicon.kinds("_".join(re.findall(r"[^\W_]+", text[start:end])))
        ):
            return start, end
    return None


def _altered_terms(
    clause: _Passage, names: _Names, all_keys: frozenset[str], primary: _Passage
) -> list[Anomaly]:
    """Names of the clause the source does not give: a source name with words changed or
    dropped ("Treaty of Alliance"), a name of the same kind put in place of the sentence's
    ("Switzerland" for "Holland"), or a name from nowhere (``summary-unsupported``)."""
    found = []
    text = clause.witness.text
    dates = [(q.start, q.end) for q in clause.quantities() if q.unit == "date"]
    for first, last in _names_in(text, clause.start, clause.end):
        for start, end in dates:  # a month is a date, compared as one: not a name
            if start <= first and last <= end:
                first = last
            elif first < start < last:
                last = len(text[:start].rstrip())
        part = re.sub(r"['’]s$", "", text[first:last])
        if not part.strip():
            continue
        before = text[:first].rstrip()
        at_start = not text[clause.start : first].strip() or (
            before.endswith((".", "!", "?")) and not _ABBREVIATION.search(before)  # "Mr. Jones" is a name
        )
        if at_start and " " not in part:
            continue  # a capital that only opens a sentence
        if " " not in part and _ABBREVIATION.search(part + ".") and text.startswith(".", first + len(part)):
            continue  # "No.", "Nos.": an abbreviation, not a name
        keys = _name_keys(part)
        if not keys or _known_name(part, keys, all_keys, names):
            continue  # nothing but function words, or a name the source gives
        start, end = first, first + len(part)
        here = Location(clause.witness.siglum, start, end)
        best = max(
            names.located,
            key=lambda n: (len(set(keys) & set(_name_keys(n[3]))), -abs(len(n[3]) - len(part))),
            default=None,
        )
        kind, reference = AnomalyKind.SUMMARY_ALTERED_TERM, None
        if best is not None and len(set(keys) & set(_name_keys(best[3]))) >= max(1, (len(keys) + 1) // 2):
            witness, b_start, b_end, b_name = best
            reference = Location(witness.siglum, b_start, b_end)
            cause = f"the source names it “{b_name}”, the summary “{part}”"
            why = "a source name shares its words"
        elif (replaced := _replaced_name(part, clause, primary)) is not None:
            reference = Location(primary.witness.siglum, *replaced)
            cause = (
                f"the source says “{primary.witness.text[slice(*replaced)]}” here, the summary “{part}”, "
                "a name of the same kind"
            )
            why = "a source name of the same kind"
        else:
            kind, cause, why = (
                AnomalyKind.SUMMARY_UNSUPPORTED,
                f"the name “{part}” does not occur in the source",
                "",
            )
        evidence = (here, reference) if reference else (here,)
        features = {"name not in source": 1.0} | ({why: 1.0} if why else {})
        found.append(_flag(kind, clause, (start, end), cause, evidence, reference, features))
    return found
