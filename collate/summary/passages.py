"""Sentences and clauses as passages of content words: splitting a source into sentences and a
summary into clauses, stemming, WordNet meanings, and the grammatical word classes every
check reads (hedges, negations, quantifiers, determiners)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from collate import lexicon
from collate.model import (
    TokenKind,
    Witness,
)
from collate.quantity import Quantity, quantities

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours well made make makes one two""".split()
)

HEDGES = frozenset(
    """may might could perhaps possibly probably presumably apparently seemingly reportedly
    allegedly supposedly likely unlikely appear appears appeared appearing seem seems seemed
    seeming suppose supposes supposed believe believes believed think thinks thought infer
    inferred infers suspect suspected presume presumed inclined tentative tentatively
    understood hope hoped""".split()
)
"""Modal verbs, epistemic adverbs and verbs: words that make a claim less than certain."""
_REPORTING_VERBS = (
    r"(?:reports?|reported|writes?|wrote|says?|said|tells?|told|states?|stated|notes?|noted|adds?|"
    r"added|informs?|informed|explains?|explained|acknowledges?|acknowledged|replies|replied|"
    r"reminds?|reminded|announces?|announced|recounts?|recounted|describes?|described|relates?|"
    r"related|declares?|declared|observes?|observed|remarks?|remarked)"
)
_FRAME = re.compile(
    rf"(?:^|(?<=[,;]\s))\s*(?:(?:[A-Z][\w'’.-]*|the|The)\s+){{1,3}}{_REPORTING_VERBS}\b"
    rf"(?:\s+(?:to\s+)?(?:\w+\s+){{0,2}}?that\b|\s*,|(?=\s+(?:he|she|they|it|we|I)\b))"
    rf"|,\s*(?:[A-Z][\w'’.-]*\s+){{1,3}}{_REPORTING_VERBS},",
    re.MULTILINE,
)
"""A reporting frame ("Harriman reports that", ", Seward writes,"): it names who wrote the
source, not what the source says, and is left out of the clause's content."""


_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bMr|\bMrs|\bDr|\bSt|\bNo|\bNos|\bGen|\bCol|\bLt|\bvs|\betc)\.$")
_CLAUSE_SPLIT = re.compile(r";\s*|,\s*(?=(?:and|but|while|whereas)\b)")

NEGATIONS = frozenset(
    """not no never nor neither none nothing nobody nowhere without cannot n't refuse refused
    refuses refusal decline declined declines deny denied denies disclaim disclaimed disclaims
    fail failed fails failure lack lacked lacks reject rejected rejects forbid forbids forbade
    forbidden ban bans banned prohibit prohibits prohibited disallow disallowed""".split()
)
"""Words that deny what they govern: particles, verbs that mean "not do", and verbs that mean
"not let do" ("banned until the end of the year" denies what "not allowed before next year"
denies)."""

UNIVERSAL = frozenset(
    """all every each any entire whole wholly entirely completely totally fully always
    everything everyone everybody anyone anybody anything whoever whatever solely only
    alone exclusively""".split()
)
PARTIAL = frozenset(
    """some many several most few partly partially part certain often sometimes mainly largely
    chiefly mostly various""".split()
)
"""Quantifiers and focus words: how much of something a claim covers."""

_GRAMMAR = (
    HEDGES
    | NEGATIONS
    | UNIVERSAL
    | PARTIAL
    | frozenset("providing provided unless until till if once whether".split())
)
"""Cue words: they qualify a claim rather than carry its content, and are never matched by
meaning ("providing" is no synonym of "issue")."""

SENSE_WEIGHT = 0.8
"""How much a word counts when the source says it with another word of the same meaning."""


@cache
def _stemmer() -> object:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@cache
def _stem(word: str) -> str:
    return str(_stemmer().stemWord(word))  # type: ignore[attr-defined]


@cache
def canonical(word: str) -> str:
    """The form a word is matched by exactly: its stem.

    >>> canonical("boundaries") == canonical("boundary")
    True
    """
    return _stem(word.casefold().replace("’", "'").removesuffix("'s"))


@cache
def meanings(word: str) -> frozenset[str]:
    """What a word can mean (WordNet synsets, with derivations: see `collate.lexicon`); words
    that share one are the same word said otherwise ("border" and "boundary")."""
    form = word.casefold().replace("’", "'").removesuffix("'s")
    if form in _GRAMMAR:
        return frozenset()
    found = lexicon.meanings(form)
    if not found and "our" in form:  # British spelling: WordNet has "neighborhood", "favor"
        found = lexicon.meanings(form.replace("our", "or"))
    return found


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    text: str
    key: str
    """Stem; empty for a stopword or a number."""

    @property
    def lower(self) -> str:
        return self.text.casefold()


@dataclass(frozen=True, slots=True)
class _Passage:
    """A source sentence or a summary clause, with its words."""

    witness: Witness
    start: int
    end: int
    paragraph: int
    words: tuple[_Word, ...]
    keys: frozenset[str] = frozenset()
    """The stems of its content words."""
    _read: list[tuple[Quantity, ...]] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", frozenset(w.key for w in self.words if w.key))

    def quantities(self) -> tuple[Quantity, ...]:
        """The quantities it states (`collate.quantity`), read once: several rules ask, and a
        source sentence is asked by every clause linked to it."""
        if not self._read:
            self._read.append(quantities(self.witness.text, self.start, self.end))
        return self._read[0]

    @property
    def text(self) -> str:
        return self.witness.text[self.start : self.end]

    @property
    def lowers(self) -> frozenset[str]:
        return frozenset(w.lower for w in self.words)


def _words(witness: Witness, start: int, end: int, starts: list[int] | None = None) -> tuple[_Word, ...]:
    """The words of ``witness`` in ``[start, end)``; ``starts``, the tokens' start offsets."""
    if starts is None:
        starts = [t.start for t in witness.tokens]
    first = max(0, bisect.bisect_right(starts, start) - 1)
    last = bisect.bisect_left(starts, end)
    found = []
    for index in range(first, last):
        token = witness.tokens[index]
        if token.end <= start or token.kind is not TokenKind.WORD:
            continue
        if token.start >= end:
            break
        for part in re.finditer(r"[^\W_]+(?:['’][^\W_]+)?", token.text):
            text = part.group()
            lower = text.casefold()
            key = "" if lower in STOPWORDS or lower.isdigit() else canonical(lower)
            found.append(_Word(token.start + part.start(), token.start + part.end(), text, key))
    return tuple(found)


def _covers(word: _Word, sentence: _Passage, senses: frozenset[str]) -> float:
    """How far ``sentence`` says ``word``: 1 in the same word, `SENSE_WEIGHT` in another word
    of the same meaning, else 0."""
    if word.key in sentence.keys:
        return 1.0
    if meanings(word.lower) & senses:
        return SENSE_WEIGHT
    return 0.0


def sentences(witness: Witness) -> list[_Passage]:
    """The witness cut into sentences (and lines), each with its paragraph number."""
    text = witness.text
    starts = [t.start for t in witness.tokens]
    passages = []
    paragraph = 0
    for block in re.finditer(r"(?:(?!\n\s*\n).)+(?:\n(?!\s*\n)(?:(?!\n\s*\n).)+)*", text, re.DOTALL):
        start = block.start()
        pieces = []
        for end_mark in _SENTENCE_END.finditer(text, block.start(), block.end()):
            if end_mark.group() != "\n" and _ABBREVIATION.search(
                text[max(start, end_mark.start() - 4) : end_mark.start() + 1]
            ):
                continue
            pieces.append((start, end_mark.end()))
            start = end_mark.end()
        pieces.append((start, block.end()))
        for lo, hi in pieces:
            piece = text[lo:hi]
            lo += len(piece) - len(piece.lstrip())
            hi -= len(piece) - len(piece.rstrip())
            if hi > lo:
                passages.append(_Passage(witness, lo, hi, paragraph, _words(witness, lo, hi, starts)))
        paragraph += 1
    return passages


def clauses(summary: Witness) -> list[_Passage]:
    """The summary cut into clauses: sentences, then at ";" and before the coordinators
    ", and", ", but", ", while", ", whereas"."""
    found = []
    for sentence in sentences(summary):
        start = sentence.start
        for cut in _CLAUSE_SPLIT.finditer(summary.text, sentence.start, sentence.end):
            if cut.start() > start:
                found.append((start, cut.start()))
            start = cut.end()
        found.append((start, sentence.end))
    passages = []
    starts = [t.start for t in summary.tokens]  # once, not once a clause
    for lo, hi in found:
        piece = summary.text[lo:hi]
        hi = lo + len(piece.rstrip(" .;,"))
        if hi > lo:
            words = _words(summary, lo, hi, starts)
            frames = [m.span() for m in _FRAME.finditer(summary.text, lo, hi)]
            words = tuple(
                _Word(w.start, w.end, w.text, "") if any(a <= w.start < b for a, b in frames) else w
                for w in words
            )
            passages.append(_Passage(summary, lo, hi, 0, words))
    return passages


def _said(word: _Word, words: Sequence[_Word]) -> _Word | None:
    """The word of ``words`` that says what ``word`` says (the same stem or meaning)."""
    senses = meanings(word.lower)
    return next((w for w in words if w.key and (w.key == word.key or meanings(w.lower) & senses)), None)


_DETERMINERS = frozenset("a an the its his her their our my your this that these those".split())
_NOUN_MARKERS = _DETERMINERS | frozenset("of on for in".split())
"""Words after which a word is a noun ("on advances", "the railroads", "in the end")."""
