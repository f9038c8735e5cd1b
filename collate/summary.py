"""Check a summary against its source: link each clause to the source sentences that support
it, and flag what the summary says more, less or other than the source.

Everything here is lexical and runs offline. Content words are stemmed (Snowball) and weighted
by rarity across the source's sentences (IDF); a word the source says with another word of
the same meaning counts for `SENSE_WEIGHT` of it, the meanings coming from WordNet
(`collate.lexicon`), never from a list written for one text. A leading reporting frame
("Harriman reports that", ", Seward writes,") is left out of a clause's content. Each clause
is linked to its best source sentence and to any other that covers words the first does not.

Against its best sentence (the *region* of it the clause renders) each clause is checked for
classes of cue, each a closed grammatical class rather than a vocabulary:

- ``summary-dropped-condition``: a condition (if, unless, until, provided, subject to ...) or
  a fronted time frame ("After many attempts") in the region; the clause states the claim
  without it (a time limit said otherwise, "not before" for "until", keeps it);
- ``summary-dropped-hedge``: a modal, epistemic adverb or verb ("may", "apparently", "seems",
  "is said to") governs what the clause states flatly;
- ``summary-changed-quantity`` / ``summary-changed-number``: quantities read as values
  (`collate.quantity`: number words and figures, fractions, vague amounts, bounds, ranges,
  units, time spans in days, dates) and compared with the source's in the same unit;
- ``summary-changed-scope``: a universal or focus word ("all", "every", "only") the region
  lacks, or a partial one ("some", "partly") where it says "all";
- ``summary-contradicted``: one side denies (not, never, refused, failed to, by no means)
  where the other does not, or says a WordNet antonym;
- ``summary-unsupported-link``: a causal or purpose connective the linked sentences and
  their neighbours lack;
- ``summary-changed-attribution``: the doer of a shared verb differs (named people, or the
  "by" phrases of a passive), or the roles are swapped;
- ``summary-altered-term``: a name not in the source whose words a source name shares;
- ``summary-unsupported``: the clause, or a name in it, has no support in the source.

How well this works, measured on material nobody tuned it to, is in docs/summary.md.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from collate import lexicon
from collate.model import (
    Anomaly,
    AnomalyKind,
    Link,
    Location,
    Role,
    SourceLink,
    TokenKind,
    Witness,
)
from collate.quantity import Precision, Quantity, quantities

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

_HEDGE_PHRASES = re.compile(r"\b(?:is|are|was|were) said to\b|\bit seems\b|\bas far as\b", re.IGNORECASE)

_CONDITION = re.compile(
    r"\b(?P<clause>providing(?: that)?|provided(?: that)?|on (?:the )?condition(?: that)?|subject to|"
    r"conditional (?:on|upon)|only if|if|unless|as long as|so long as|in case|until|till)\b",
    re.IGNORECASE,
)
"""Words that make a claim hold only under a condition or up to a time."""

_INVERTED = re.compile(
    r"\W*(?:were|had|should)\s+(?:the|a|an|it|he|she|they|we|i|there|this|that)\b", re.IGNORECASE
)
"""A condition by inversion, opening a clause: "Were the supply stopped", "Had he known"."""

_UNTIL = re.compile(r"(?:until|till)\b", re.IGNORECASE)
_TIME_LIMIT = re.compile(
    r"\b(?:before|until|till|after|by the (?:end|close|beginning)|up to|through|no sooner)\b", re.IGNORECASE
)
"""A time limit: a clause that says one keeps a source's "until" in other words."""

_ASKED = re.compile(
    r"\b(?:ask|asks|asked|asking|inquire[sd]?|inquiring|enquire[sd]?|enquiring|wonder(?:s|ed|ing)?|"
    r"know|knows|knew|see|saw|learn(?:s|ed|t)?|doubt(?:s|ed)?|question(?:s|ed)?|whether)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
"""Verbs of asking and knowing: an "if" after them opens a question ("inquire if ...")."""

_FRONTED_TIME = re.compile(r"\W*(?P<cue>after|before|once|as soon as)\b", re.IGNORECASE)
"""A time frame fronted before the main clause governs all of it ("After the war ...")."""

_AUXILIARIES = frozenset(
    "have has had will would shall should can could may might must is are was were be been".split()
)
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

_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|and|de|du|von|van)\s+(?:the\s+)?|the\s+)?[A-Z][\w'’-]*)*")


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

CONNECTIVES = {
    # subordinators; the complex prepositions of cause as grammars of English list them
    # ("because of", "owing to", "in (the) light of", "by reason of"); conjunct adverbs of
    # result; verbs of causing
    "cause": re.compile(
        r"\b(?:because|since|so that|as a (?:result|consequence)|in consequence of|on account of|"
        r"owing to|due to|in view of|in (?:the )?light of|by reason of|by virtue of|thanks to|"
        r"therefore|thus|hence|consequently|accordingly|"
        r"led to|leads? to|leading to|caused?|causes|resulted in|results? in|prompted)\b",
        re.IGNORECASE,
    ),
    "purpose": re.compile(
        r"\b(?:in order to|in order that|so as to|so that|with a view to|for the purpose of|aimed at)\b",
        re.IGNORECASE,
    ),
}
"""Causal and purpose links: a summary that adds one the source does not make invents it."""

_GRAMMAR = (
    HEDGES
    | NEGATIONS
    | UNIVERSAL
    | PARTIAL
    | frozenset("providing provided unless until till if once whether".split())
)
"""Cue words: they qualify a claim rather than carry its content, and are never matched by
meaning ("providing" is no synonym of "issue")."""

MIN_SUPPORT = 0.25
"""A clause whose linked sentences cover less of it than this is unsupported."""

CONFIDENCE: dict[AnomalyKind, float] = {
    AnomalyKind.SUMMARY_ALTERED_TERM: 0.8,
    AnomalyKind.SUMMARY_CHANGED_ATTRIBUTION: 0.75,
    AnomalyKind.SUMMARY_CHANGED_NUMBER: 0.86,
    AnomalyKind.SUMMARY_CHANGED_QUANTITY: 0.75,
    AnomalyKind.SUMMARY_CHANGED_SCOPE: 0.57,
    AnomalyKind.SUMMARY_CONTRADICTED: 0.33,
    AnomalyKind.SUMMARY_DROPPED_CONDITION: 0.38,
    AnomalyKind.SUMMARY_DROPPED_HEDGE: 0.29,
    AnomalyKind.SUMMARY_UNSUPPORTED: 0.35,
    AnomalyKind.SUMMARY_UNSUPPORTED_LINK: 0.7,
}
"""How often a flag of each kind names the clause's own distortion, measured on the tuning
half of the evaluation set (``benchmarks/summary_bench.py --calibrate``: right flags over all
flags of the kind, smoothed as (right + 1) / (flagged + 2)). A confidence of 0.3 means: on
summaries like those, about 3 such flags in 10 were right."""

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


@dataclass(frozen=True, slots=True)
class SummaryCheck:
    """What checking one summary found: a link per clause, and the distortions."""

    links: tuple[Link, ...]
    anomalies: tuple[Anomaly, ...]
    limits: tuple[str, ...] = ()
    """Where a bound cut the search short (`CANDIDATES`), in plain words."""


def check(summary: Witness, sources: Sequence[Witness]) -> SummaryCheck:
    """Link each clause of ``summary`` to ``sources`` and flag its distortions."""
    source_sentences = [s for w in sources for s in sentences(w)]
    if not source_sentences:
        return SummaryCheck((), ())
    df: dict[str, int] = {}
    for sentence in source_sentences:
        for key in sentence.keys:
            df[key] = df.get(key, 0) + 1
    n = len(source_sentences)

    def idf(key: str) -> float:
        return math.log(1 + n / (1 + df.get(key, 0)))

    by_key: dict[str, list[int]] = {}
    by_sense: dict[str, set[int]] = {}
    senses: list[frozenset[str]] = []
    for index, sentence in enumerate(source_sentences):
        mine: set[str] = set()
        for word in sentence.words:
            if word.key:
                by_key.setdefault(word.key, []).append(index)
                mine |= meanings(word.lower)
        senses.append(frozenset(mine))
        for sense in mine:
            by_sense.setdefault(sense, set()).add(index)

    all_keys = frozenset(df)
    names = _Names.of(sources, frozenset().union(*senses))
    stated = {(q.unit, q.low) for w in sources for q in quantities(w.text) if q.exact}
    links: list[Link] = []
    anomalies: list[Anomaly] = []
    bounded = 0
    key_sets: dict[str, set[int]] = {}  # each made once, not once a clause
    sense_lists: dict[int, list[int]] = {}

    def key_set(key: str) -> set[int]:
        if key not in key_sets:
            key_sets[key] = set(by_key.get(key, ()))
        return key_sets[key]

    def sense_list(group: set[int]) -> list[int]:
        if id(group) not in sense_lists:
            sense_lists[id(group)] = sorted(group)
        return sense_lists[id(group)]

    for clause in clauses(summary):
        content = [w for w in clause.words if w.key]
        # Sums run in a fixed order: set order changes with the hash seed, and a float sum
        # with it, which would break ties differently from one run to the next.
        weight = sum(idf(w.key) for w in content) or 1.0
        postings = [
            (key_set(w.key), [by_sense[m] for m in sorted(meanings(w.lower)) if m in by_sense])
            for w in content
        ]
        within = _candidates(postings, [df.get(w.key, 0) for w in content], by_key, content, sense_list)
        bounded += within is not None
        gains: dict[int, float] = {}
        for word, (exact, senses_of) in zip(content, postings, strict=True):
            if within is None:
                related = set().union(*senses_of) - exact
            else:  # only the candidates: each asked whether the word is there
                exact = exact & within
                related = {i for i in within - exact if any(i in group for group in senses_of)}
            for index in exact:
                gains[index] = gains.get(index, 0.0) + idf(word.key)
            for index in related:
                gains[index] = gains.get(index, 0.0) + SENSE_WEIGHT * idf(word.key)
        scored = sorted(((round(g / weight, 9), i) for i, g in gains.items()), key=lambda p: (-p[0], p[1]))
        best_score, best_index = scored[0] if scored else (0.0, 0)
        chosen = [(best_score, best_index)] if best_score > 0 else []
        covered = (
            {k: _covers(w, source_sentences[best_index], senses[best_index]) for k, w in enumerate(content)}
            if chosen
            else {}
        )
        for score, index in scored[1:4]:
            extra = {k: _covers(w, source_sentences[index], senses[index]) for k, w in enumerate(content)}
            new = sum(
                idf(content[k].key) * max(0.0, v - covered.get(k, 0.0)) for k, v in sorted(extra.items())
            )
            if score >= max(0.25, best_score / 2) and new / weight >= 0.15:
                chosen.append((score, index))
                covered = {k: max(covered.get(k, 0.0), v) for k, v in extra.items()}
        support = (
            sum(idf(content[k].key) * v for k, v in sorted(covered.items())) / weight if content else 1.0
        )
        links.append(
            Link(
                summary=summary.siglum,
                start=clause.start,
                end=clause.end,
                text=clause.text,
                score=round(support, 4),
                sources=tuple(
                    SourceLink(
                        source_sentences[i].witness.siglum,
                        source_sentences[i].start,
                        source_sentences[i].end,
                        round(s, 4),
                    )
                    for s, i in chosen
                ),
            )
        )
        if support < MIN_SUPPORT:
            anomalies.append(_unsupported(clause, support, source_sentences[best_index] if chosen else None))
            continue
        primary = source_sentences[best_index]
        phrase = _phrase(clause, primary, senses[best_index])
        region = _region(clause, primary, senses[best_index])
        anomalies.extend(_dropped_conditions(clause, phrase, primary, region))
        anomalies.extend(_dropped_hedge(clause, phrase, primary, region))
        anomalies.extend(_contradicted(clause, phrase, primary, region))
        anomalies.extend(_changed_scope(clause, phrase, primary, region))
        anomalies.extend(_unsupported_link(clause, [i for _, i in chosen], source_sentences))
        anomalies.extend(_changed_attribution(clause, primary))
        anomalies.extend(_altered_terms(clause, names, all_keys, primary))
        # a clause of no content word links to no sentence: its quantities against the whole source
        linked = [source_sentences[i] for _, i in chosen] or source_sentences
        anomalies.extend(_changed_quantities(clause, linked, stated))
    limits: tuple[str, ...] = ()
    if bounded:
        limits = (
            f"{summary.siglum}: {bounded:,} clause{'s' if bounded > 1 else ''} had words in more "
            f"than {CANDIDATES:,} source sentences together; each was compared with the "
            f"{CANDIDATES:,} its rarest words are in, not with every sentence",
        )
    return SummaryCheck(tuple(links), tuple(anomalies), limits)


CANDIDATES = 2_000
"""The most source sentences a clause is compared with. A clause whose words stand in more,
together, is compared with those its rarest words are in, rarest first, up to this many:
otherwise a long summary of common words against a long source compares every clause with
every sentence (quadratic), and the output says where the bound was reached."""


def _candidates(
    postings: list[tuple[set[int], list[set[int]]]],
    frequency: list[int],
    by_key: dict[str, list[int]],
    content: list[_Word],
    in_order: Callable[[set[int]], list[int]],
) -> set[int] | None:
    """The sentences a clause is compared with: None (every sentence it shares a word with)
    when there are `CANDIDATES` or fewer; else, up to `CANDIDATES`, those its rarest words
    are in (by ``frequency``, then in clause order), each word's sentences in order, its
    own first, then those of its senses (``in_order``: a sense's sentences sorted)."""
    if sum(len(exact) + sum(map(len, related)) for exact, related in postings) <= CANDIDATES:
        return None
    chosen: set[int] = set()
    for k in sorted(range(len(postings)), key=lambda k: (frequency[k], k)):
        for group in (by_key.get(content[k].key, []), *map(in_order, postings[k][1])):
            for index in group:
                chosen.add(index)
                if len(chosen) >= CANDIDATES:
                    return chosen
    return None  # every sentence the clause shares a word with: no bound reached


def _phrase(clause: _Passage, primary: _Passage, senses: frozenset[str]) -> tuple[int, int]:
    """The part of the clause that says what the source sentence says: from the first to the
    last word they share, with the auxiliaries before it ("have come to an agreement")."""
    shared = [k for k, w in enumerate(clause.words) if w.key and _covers(w, primary, senses)]
    if not shared:
        return clause.start, clause.end
    first, last = shared[0], shared[-1]
    while first > 0 and clause.words[first - 1].lower in _AUXILIARIES:
        first -= 1
    return clause.words[first].start, clause.words[last].end


def _region(clause: _Passage, primary: _Passage, senses: frozenset[str]) -> tuple[int, int]:
    """The part of the source sentence the clause renders: from the first to the last of its
    words the clause says too (widened by three words each way, where qualifiers stand)."""
    clause_senses = frozenset().union(*(meanings(w.lower) for w in clause.words if w.key))
    shared = [
        k
        for k, w in enumerate(primary.words)
        if w.key and (w.key in clause.keys or meanings(w.lower) & clause_senses)
    ]
    if not shared:
        return primary.start, primary.end
    first = max(0, shared[0] - 3)
    last = min(len(primary.words) - 1, shared[-1] + 3)
    return primary.words[first].start, primary.words[last].end


def _conditions(sentence: _Passage) -> list[tuple[int, int]]:
    """Where ``sentence`` makes its claim conditional: a condition word and what it governs
    (to the next punctuation), or a fronted time frame ("After the war")."""
    text = sentence.witness.text
    found = []
    for match in _CONDITION.finditer(text, sentence.start, sentence.end):
        if match.group().casefold() == "if" and _ASKED.search(
            text, max(sentence.start, match.start() - 30), match.start()
        ):
            continue  # "inquire if", "did not know if": a question asked, not a condition
        stop = re.search(r"[,;.:!?)]", text[match.end() : sentence.end])
        found.append((match.start(), match.end() + stop.start() if stop else sentence.end))
    fronted = _FRONTED_TIME.match(text, sentence.start, sentence.end)
    if fronted and not any(start <= fronted.start("cue") < end for start, end in found):
        words = [w for w in sentence.words if w.start >= fronted.end("cue")]
        end = words[0].end if words else fronted.end()
        for previous, word in itertools.pairwise(words):
            if word.lower in ("the", "a", "an", "he", "she", "it", "they", "we", "i") and previous.key:
                break  # "After many attempts | the ship ...": a determiner opens the main clause
            if text[previous.end : word.start].strip():
                break  # punctuation ends the frame
            end = word.end
        found.append((fronted.start("cue"), end))
    return found


def _dropped_conditions(
    clause: _Passage, phrase: tuple[int, int], primary: _Passage, region: tuple[int, int]
) -> list[Anomaly]:
    if _CONDITION.search(clause.text) or _FRONTED_TIME.match(clause.text) or _INVERTED.match(clause.text):
        return []
    limited = _TIME_LIMIT.search(clause.text) is not None
    clause_senses = frozenset().union(*(meanings(w.lower) for w in clause.words if w.key))
    found = []
    text = primary.witness.text
    for start, end in _conditions(primary):
        condition = text[start:end]
        if limited and _UNTIL.match(condition):
            continue  # "until the end of the year" said as "before next year": the limit kept
        inside = [w for w in primary.words if start <= w.start < end and w.key]
        if not inside:
            continue  # "If, as ...": the cue alone, its content past the punctuation unread
        if all(w.key in clause.keys or meanings(w.lower) & clause_senses for w in inside):
            continue  # the clause names the condition's own content
        fronted = start == primary.start or not text[primary.start : start].strip(' "“(')
        if not _governs(clause, primary, start, end) or not (fronted or region[0] <= start < region[1]):
            continue
        found.append(
            _anomaly(
                AnomalyKind.SUMMARY_DROPPED_CONDITION,
                clause,
                phrase,
                f"the source says “{condition}”; the summary states it without the condition",
                Location(primary.witness.siglum, start, end),
                primary,
            )
        )
    return found


def _governs(clause: _Passage, sentence: _Passage, start: int, end: int) -> bool:
    """Whether the clause states what the qualifier at ``[start, end)`` of ``sentence``
    governs: the clause shares content words with the rest of the qualifier's member of the
    sentence (between semicolons, colons or dashes; a list after a colon is not governed by
    a condition before it)."""
    text = sentence.witness.text
    bounds = [m.end() for m in re.finditer(r"[;:—]|--", text[sentence.start : start])]
    low = sentence.start + (bounds[-1] if bounds else 0)
    after = re.search(r"[;:—]|--", text[end : sentence.end])
    high = end + after.start() if after else sentence.end
    outside = {
        w.key for w in sentence.words if w.key and low <= w.start < high and not start <= w.start < end
    }
    return len(outside & clause.keys) >= 1


def _dropped_hedge(
    clause: _Passage, phrase: tuple[int, int], primary: _Passage, region: tuple[int, int]
) -> list[Anomaly]:
    """A hedge of the source whose claim the clause states, neither hedged nor framed as open."""
    if clause.lowers & HEDGES or _HEDGE_PHRASES.search(clause.text):
        return []
    text = primary.witness.text
    cues = [(w.start, w.end) for w in primary.words if w.lower in HEDGES]
    cues += [m.span() for m in _HEDGE_PHRASES.finditer(text, primary.start, primary.end)]
    for start, end_of_cue in sorted(cues):
        if not region[0] - 40 <= start < region[1]:
            continue
        stop = re.search(r"[;.:!?]", text[end_of_cue : primary.end])
        end = end_of_cue + stop.start() if stop else primary.end
        scope = {w.key for w in primary.words if w.key and end_of_cue <= w.start < end}
        stated = [k for k, w in enumerate(clause.words) if w.key in scope]
        if not stated:
            continue  # the clause does not repeat what the source hedges
        shown = text[start : min(end, start + 80)]
        return [
            _anomaly(
                AnomalyKind.SUMMARY_DROPPED_HEDGE,
                clause,
                phrase,
                f"the source hedges: “{shown}”; the summary states it as settled",
                Location(primary.witness.siglum, start, end),
                primary,
            )
        ]
    return []


HEADS = 4
"""How many content words after a negation it is taken to deny (tuned on the tuning half)."""

_NOT_DENIALS = re.compile(
    r"\b(?:no doubt|not only|not but|nothing but|no sooner|not least|"
    r"(?:no|not) (?:more|less|fewer|over|under|later|earlier|sooner) than|not exceeding)\b",
    re.IGNORECASE,
)
"""Phrases that hold a negation word and deny nothing ("no doubt", "not only"), and the
bounds of a quantity ("no fewer than two", "not more than 500": read as values)."""


def _denied(words: Sequence[_Word], text: str) -> list[tuple[_Word, list[_Word], list[_Word]]]:
    """The denials ``words`` make: each negation ("not", "never", "refused", "without", "by no
    means") with the first `HEADS` content words it governs and its whole scope (up to eight
    words, not past a punctuation mark nor into a new clause: "without his knowledge and he
    sent for the chief")."""
    found = []
    for k, word in enumerate(words):
        if not (word.lower in NEGATIONS or word.lower.replace("’", "'").endswith("n't")):
            continue
        if _NOT_DENIALS.match(text, word.start):
            continue
        scope = _scope(words, k, text)
        if scope:
            found.append((word, scope[:HEADS], scope))
    return found


def _scope(words: Sequence[_Word], k: int, text: str, size: int = 8) -> list[_Word]:
    """The content words after ``words[k]`` within its clause: up to ``size`` words, not past a
    punctuation mark, nor past a coordinator that opens a clause of its own ("and he")."""
    scope: list[_Word] = []
    for at, (before, after) in enumerate(zip(words[k:], words[k + 1 : k + 1 + size], strict=False), k + 1):
        if re.search(r"[,;:.!?]", text[before.end : after.start]):
            break
        if after.lower in ("and", "but", "or") and at + 1 < len(words) and words[at + 1].lower in _SUBJECTS:
            break
        if (
            words[k].lower == "without"
            and scope
            and after.key
            and lexicon.verb(after.lower)
            and not after.lower.endswith("ing")
        ):
            break  # "without work paid no dues": a preposition's phrase ends at the verb
        if after.key and after.lower not in NEGATIONS and after.lower != "means":
            scope.append(after)
    return scope


_SUBJECTS = frozenset("i you he she it we they this that these those there the".split())

_NOBODY = frozenset("nothing none nobody".split())
"""Negative pronouns: as an object they deny the verb before them ("remembers nothing")."""

APPROXIMATE_NEGATORS = frozenset("less little hardly scarcely barely seldom rarely before until till".split())
"""Words that take back what follows them without denying it outright: the approximate
negators ("less cordial", "hardly", "seldom") and the non-veridical "before" and "until" ("it
may be many years before he sees it": he does not see it yet)."""
CEASING = frozenset(
    """stop stops stopped stopping cease ceases ceased halt halts halted end ends ended abandon
    abandoned""".split()
)
"""Verbs of ceasing: they take back what they govern, after them or before them ("the
searches would stop": no further search); a noun after a determiner ("in the end") is none."""
WEAK_NEGATIONS = APPROXIMATE_NEGATORS | CEASING
"""Words that take back without denying: a word they govern is not asserted; they never make
a contradiction of their own."""


def _withheld(words: Sequence[_Word], text: str) -> list[_Word]:
    """The words ``words`` take back with a weak negation: those it governs after it and, for
    a verb of ceasing, the two content words before it ("the searches would stop")."""
    found: list[_Word] = []
    for k, word in enumerate(words):
        if word.lower in _NOBODY and k:
            found.extend(w for w in words[max(0, k - 1) : k] if w.key)  # "remembers nothing"
        if word.lower == "out" and k + 1 < len(words) and words[k + 1].lower == "of":
            found.extend(_scope(words, k + 1, text, 2))  # "out of work"
        if word.lower in APPROXIMATE_NEGATORS:
            found.extend(_scope(words, k, text))
        elif word.lower in CEASING and not (k and words[k - 1].lower in _NOUN_MARKERS):
            found.extend(_scope(words, k, text))
            found.extend([w for w in words[max(0, k - 4) : k] if w.key][-2:])
    return found


def _said(word: _Word, words: Sequence[_Word]) -> _Word | None:
    """The word of ``words`` that says what ``word`` says (the same stem or meaning)."""
    senses = meanings(word.lower)
    return next((w for w in words if w.key and (w.key == word.key or meanings(w.lower) & senses)), None)


def _restated(heads: Sequence[_Word], words: Sequence[_Word]) -> bool:
    """Whether ``words`` say the opposite of a denied head: a denial said in other words."""
    opposite = frozenset().union(*(lexicon.opposites(h.lower) for h in heads))
    return bool(opposite) and any(w.key and meanings(w.lower) & opposite for w in words)


def _contradicted(
    clause: _Passage, phrase: tuple[int, int], primary: _Passage, region: tuple[int, int]
) -> list[Anomaly]:
    """The clause asserts what the source denies, or denies what it asserts: a word one of
    them governs with "not", "never", "refused", "failed to", "without" stands in the other
    undenied; or the clause says the opposite word (WordNet's antonyms)."""
    text = primary.witness.text
    inside = [w for w in primary.words if region[0] <= w.start < region[1]]
    theirs = [d for d in _denied(primary.words, text) if region[0] - 40 <= d[0].start < region[1]]
    ours = _denied(clause.words, clause.witness.text)
    our_scopes = [w for _, _, scope in ours for w in scope]
    their_scopes = [w for _, _, scope in theirs for w in scope]
    our_withheld = our_scopes + _withheld(clause.words, clause.witness.text)
    their_withheld = their_scopes + _withheld(primary.words, text)
    for negation, heads, _ in theirs:
        said = [w for w in (_said(h, clause.words) for h in heads) if w]
        if _restated(heads, clause.words):
            continue  # "not so warm" said as "cooler": the denial in the opposite word
        if said and all(_said(w, our_withheld) is None for w in said):
            start, end = negation.start, heads[-1].end
            return [
                _anomaly(
                    AnomalyKind.SUMMARY_CONTRADICTED,
                    clause,
                    phrase,
                    f"the source denies it: “{text[start:end]}”; the summary asserts “{said[0].text}”",
                    Location(primary.witness.siglum, start, end),
                    primary,
                )
            ]
    for negation, heads, _ in ours:
        said = [w for w in (_said(h, primary.words) for h in heads) if w]
        if _restated(heads, inside):
            continue
        if said and all(_said(w, their_withheld) is None for w in said):
            shown = clause.witness.text[negation.start : heads[-1].end]
            return [
                _anomaly(
                    AnomalyKind.SUMMARY_CONTRADICTED,
                    clause,
                    phrase,
                    f"the source asserts “{said[0].text}”; the summary denies it: “{shown}”",
                    Location(primary.witness.siglum, said[0].start, said[0].end),
                    primary,
                )
            ]
    for word in clause.words:
        if not word.key or word.key in primary.keys:
            continue
        mine = meanings(word.lower)
        if _said(word, inside):
            continue  # the source says it too, in a word of the same meaning ("future", "later")
        for other in inside:
            if (word in our_withheld) != (other in their_withheld):
                continue  # a denied opposite says the same: "not permitted" for "forbidden"
            if other.key and lexicon.opposites(other.lower) & mine:
                return [
                    _anomaly(
                        AnomalyKind.SUMMARY_CONTRADICTED,
                        clause,
                        (word.start, word.end),
                        f"the source says “{other.text}”, the summary its opposite “{word.text}”",
                        Location(primary.witness.siglum, other.start, other.end),
                        primary,
                    )
                ]
    return []


def _next_start(passage: _Passage, word: _Word) -> int:
    """Where the word after ``word`` starts (or the passage's end)."""
    at = passage.words.index(word)
    return passage.words[at + 1].start if at + 1 < len(passage.words) else passage.end


_ALL_BUT = re.compile(r"all but\b", re.IGNORECASE)
"""Phrases that hold a universal word and say less than all ("all but restored": almost)."""


def _changed_scope(
    clause: _Passage, phrase: tuple[int, int], primary: _Passage, region: tuple[int, int]
) -> list[Anomaly]:
    """A quantifier or focus word that widens ("all", "every", "only") or narrows ("some",
    "partly") what the source says."""
    inside = {w.lower for w in primary.words if region[0] <= w.start < region[1]}
    counted = clause.quantities()
    for word in clause.words:
        if _ALL_BUT.match(clause.witness.text, word.start):
            continue  # "all but restored": nearly, not wholly
        if word.lower == "all" and any(q.start == _next_start(clause, word) for q in counted):
            continue  # "all six parties": the number says how many; the quantity check compares it
        if word.lower in UNIVERSAL and word.lower not in inside and not inside & UNIVERSAL:
            hint = sorted(inside & PARTIAL)
            if not hint and word.lower in ("any", "each"):
                continue  # "any", "each" often only restate a plural
            cause = f"the summary says “{word.text}”" + (
                f" where the source says “{hint[0]}”" if hint else "; the source does not say so much"
            )
            return [
                _anomaly(
                    AnomalyKind.SUMMARY_CHANGED_SCOPE,
                    clause,
                    (word.start, word.end),
                    cause,
                    Location(primary.witness.siglum, region[0], region[1]),
                    primary,
                )
            ]
        if word.lower in PARTIAL and word.lower not in inside and inside & UNIVERSAL:
            said = sorted(inside & UNIVERSAL)[0]
            return [
                _anomaly(
                    AnomalyKind.SUMMARY_CHANGED_SCOPE,
                    clause,
                    (word.start, word.end),
                    f"the summary says “{word.text}” where the source says “{said}”",
                    Location(primary.witness.siglum, region[0], region[1]),
                    primary,
                )
            ]
    return []


def _unsupported_link(clause: _Passage, positions: list[int], everything: list[_Passage]) -> list[Anomaly]:
    """A causal or purpose link ("in light of", "because", "in order to") that none of the
    source sentences the clause rests on (nor their neighbours) makes."""
    linked = [everything[i] for i in positions]
    nearby: list[_Passage] = []
    for position in positions:
        nearby.extend(everything[max(0, position - 1) : position + 2])
    found = []
    for kind, pattern in CONNECTIVES.items():
        match = pattern.search(clause.text)
        if match is None:
            continue
        if any(pattern.search(s.text) for s in nearby):
            continue
        if kind == "cause" and any(CONNECTIVES["purpose"].search(s.text) for s in nearby):
            continue
        start = clause.start + match.start()
        end = clause.start + match.end()
        reference = linked[0] if linked else None
        found.append(
            _flag(
                AnomalyKind.SUMMARY_UNSUPPORTED_LINK,
                clause,
                (start, clause.end),
                f"the summary links its claims with “{match.group()}” ({kind}); the source "
                "sentences it rests on make no such link",
                (Location(clause.witness.siglum, start, end), *(_where(s) for s in linked)),
                _where(reference) if reference else None,
                {f"{kind} link not in source": 1.0},
            )
        )
    return found


_REPORTING = re.compile(
    r",\s*(?:[A-Z][\w'’-]*\s+){1,3}(?:writes|says|reports|adds|notes|states|explains|argues|believes),\s*"
)


def _person(name: str) -> str:
    """The last word of a name, without a possessive: "Stalin's" is "Stalin"."""
    return re.sub(r"['’]s$", "", name.split()[-1])


def _opening_name(text: str, match: re.Match[str]) -> bool:
    """Whether a capitalised run is a name even where a capital opens the sentence: it has
    several words, or its word is one WordNet does not know or knows as an instance."""
    return " " in match.group() or lexicon.proper(_person(match.group()))


def _agent(passage: _Passage, verb: _Word) -> str | None:
    """Who does what ``verb`` says in ``passage``: the name after "by" when the verb is
    passive, else the nearest name before it; a name, not a body ("the French Embassy",
    "the Commission": words WordNet knows as kinds of thing)."""
    text = passage.witness.text
    after = text[verb.end : passage.end]
    by = re.match(r"\s+(?:\w+\s+){0,2}?by\s+(?:the\s+)?(?:M\.|Mr\.|Mrs\.)?\s*([A-Z][\w'’-]*)", after)
    if by and _participle(verb):
        return _person(by.group(1)) if lexicon.proper(_person(by.group(1))) else None
    before = _REPORTING.sub(" ", text[passage.start : verb.start])
    names = [
        _person(m.group())
        for m in _NAME.finditer(before)
        if m.group().casefold() not in STOPWORDS and (m.start() > 0 or _opening_name(before, m))
    ]
    return names[-1] if names and lexicon.proper(names[-1]) else None


_PASSIVE = frozenset("be been being is are was were am".split())


def _roles(passage: _Passage, verb: _Word) -> tuple[set[str], set[str], bool]:
    """The content words that stand before ``verb`` (the nearest two: its doer's) and
    after it (up to six, what it acts on), within the verb's member of the sentence, and
    whether the verb is passive ("was entered")."""
    text = passage.witness.text
    words = list(passage.words)
    at = words.index(verb)
    before: list[_Word] = []
    for word in reversed(words[:at]):
        if re.search(r"[;:,]", text[word.end : (before[-1] if before else verb).start]):
            break
        before.append(word)
    after: list[_Word] = []
    for word in words[at + 1 :]:
        if re.search(r"[;:,.]", text[(after[-1] if after else verb).end : word.start]):
            break
        after.append(word)
    passive = any(w.lower in _PASSIVE for w in before[:2]) and not verb.lower.endswith("ing")
    return (
        {w.key for w in [w for w in before if w.key][:2]},
        {w.key for w in after[:6] if w.key},
        passive,
    )


_DETERMINERS = frozenset("a an the its his her their our my your this that these those".split())
_NOUN_MARKERS = _DETERMINERS | frozenset("of on for in".split())
"""Words after which a word is a noun ("on advances", "the railroads", "in the end")."""


def _changed_attribution(clause: _Passage, primary: _Passage) -> list[Anomaly]:
    """A statement or act the source gives to one doer and the summary to another: the two
    share the verb, and either both name its doer, by different names that both occur in the
    source sentence, or the roles are swapped (the source's doer is what the summary's
    verb acts on: "the officers informed him" against "Tarler informed the officers")."""
    source_names = {_person(m.group()) for m in _NAME.finditer(primary.text)}
    counted = {
        w.key
        for passage in (clause, primary)
        for q in passage.quantities()
        for w in passage.words
        if q.start <= w.start < q.end
    }
    for word in clause.words:
        if not word.key or len(word.key) < 4 or not word.text.islower() or not lexicon.verb(word.lower):
            continue  # the act is a verb: "asked", "informed", not "Treasury" or "mediation"
        at = clause.words.index(word)
        if at and clause.words[at - 1].lower in _NOUN_MARKERS:
            continue  # "on advances", "the railroads": a noun after a determiner or preposition
        theirs = next((w for w in primary.words if w.key == word.key), None)
        if theirs is None:
            # the act in other words ("bought" for "purchased"): compared by its "by" phrases
            similar = _said(word, [w for w in primary.words if w.text.islower() and lexicon.verb(w.lower)])
            if similar is not None and (flag := _by_doers_differ(clause, word, primary, similar)):
                return [flag]
            continue
        mine, other = _agent(clause, word), _agent(primary, theirs)
        after = primary.witness.text[theirs.end : primary.end]
        named = bool(mine and other and mine != other and {mine, other} <= source_names and mine in after)
        doers, _, passive = _roles(primary, theirs)
        our_doers, our_acted_on, our_passive = _roles(clause, word)
        # a quantity is no doer and nothing acted on ("two months ago seemed")
        doers, our_doers, our_acted_on = doers - counted, our_doers - counted, our_acted_on - counted
        swapped = (
            not named
            and not passive
            and not our_passive
            and bool(doers & our_acted_on)
            and not doers & our_doers
            and bool(our_doers)
        )
        if not (named or swapped) and (flag := _by_doers_differ(clause, word, primary, theirs)):
            return [flag]
        if named or swapped:
            doer = other if named else next(w.text for w in primary.words if w.key in doers & our_acted_on)
            given = mine if named else ", ".join(w.text for w in clause.words if w.key in our_doers)
            return [
                _flag(
                    AnomalyKind.SUMMARY_CHANGED_ATTRIBUTION,
                    clause,
                    (clause.start, clause.end),
                    f"the source has {doer} do what “{theirs.text}” says; the summary gives it to {given}",
                    (
                        Location(clause.witness.siglum, word.start, word.end),
                        Location(primary.witness.siglum, theirs.start, theirs.end),
                    ),
                    _where(primary),
                    {"doer differs": 1.0} if named else {"roles swapped": 1.0},
                )
            ]
    return []


def _by_doers_differ(clause: _Passage, word: _Word, primary: _Passage, theirs: _Word) -> Anomaly | None:
    """A passive act whose "by" phrases name other doers on the two sides ("paid by the
    city" for "paid by the regional transport fund")."""
    ours_by, theirs_by = _by_doer(clause, word), _by_doer(primary, theirs)
    if not _differ(ours_by, theirs_by):
        return None
    return _flag(
        AnomalyKind.SUMMARY_CHANGED_ATTRIBUTION,
        clause,
        (clause.start, clause.end),
        f"the source has {_phrase_of(primary, theirs_by)} do what “{theirs.text}” says; the summary "
        f"gives it to {_phrase_of(clause, ours_by)}",
        (
            Location(clause.witness.siglum, word.start, word.end),
            Location(primary.witness.siglum, theirs.start, theirs.end),
        ),
        _where(primary),
        {"doer differs": 1.0},
    )


_BY = re.compile(r"\s+(?:[^\W\d_]+\s+){0,2}?by\s+")


def _participle(verb: _Word) -> bool:
    """Whether a word can be the participle of a passive ("paid", "advanced", "given"): not a
    present form ("railroads", "pays") nor a gerund."""
    return not verb.lower.endswith(("s", "ing")) or verb.lower.endswith("ss")


def _by_doer(passage: _Passage, verb: _Word) -> list[_Word]:
    """The doer a passive verb names with "by" ("paid by the regional transport fund"): the
    content words of the phrase after "by", up to a punctuation mark or a preposition."""
    text = passage.witness.text
    by = _BY.match(text, verb.end, passage.end)
    if by is None or not _participle(verb):
        return []
    first = next((w for w in passage.words if w.start >= by.end()), None)
    if first is None or not (first.lower in _DETERMINERS or first.text[:1].isupper()):
        return []  # "by train", "by night": a means or a time, no doer
    found: list[_Word] = []
    for word in (w for w in passage.words if w.start >= by.end()):
        if re.search(r"[,;:.!?]", text[(found[-1].end if found else by.end()) : word.start]):
            break
        if word.lower in ("of", "in", "on", "at", "for", "from", "with", "to", "and", "or", "as", "through"):
            break
        if word.key:
            found.append(word)
        if len(found) == 3:
            break
    return found


def _differ(ours: list[_Word], theirs: list[_Word]) -> bool:
    """Whether two doers are other people or bodies: they share no word, no word of one
    meaning, and neither is a pronoun's stand-in (a doer of no content words)."""
    if not ours or not theirs:
        return False
    keys = {w.key for w in theirs}
    senses = frozenset().union(*(meanings(w.lower) for w in theirs))
    return not any(w.key in keys or meanings(w.lower) & senses for w in ours)


def _phrase_of(passage: _Passage, words: list[_Word]) -> str:
    return passage.witness.text[words[0].start : words[-1].end]


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


_ORDERED = frozenset(("date", "year", "fraction", "ordinal"))
"""Units a bare number never stands for."""


def _agrees(said: Quantity, source: Quantity) -> bool:
    """Whether a summary's quantity says no more than its source's: the same exact value; a
    vague, approximate or bounded amount that allows the source's; or two amounts that
    overlap where neither is exact. An exact value where the source's is not claims more."""
    if said.exact:
        return source.exact and source.allows(said)
    if said.precision is Precision.BOUND:
        if source.precision is Precision.BOUND:
            return source.bound == said.bound and source.allows(said) and said.allows(source)
        return said.allows(source)
    if source.exact:
        return said.allows(source)
    if source.precision is Precision.BOUND:
        return False
    return said.overlaps(source)


def _counterpart(said: Quantity, candidates: list[Quantity]) -> Quantity:
    """The source quantity a summary's one renders: one that counts the same thing, then (for
    an amount not exact) one stated the same way, a bound for a bound; then the nearest in
    size."""
    same = [q for q in candidates if q.noun and q.noun == said.noun] or candidates
    if not said.exact:
        same = [q for q in same if q.precision is said.precision] or same
    # nearest in size; of two as near, one stated as the summary states it
    return min(
        same,
        key=lambda q: (
            abs(math.log((q.middle or 1e-9) / (said.middle or 1e-9))),
            q.precision is not said.precision,
        ),
    )


def _changed_quantities(
    clause: _Passage, linked: list[_Passage], stated: set[tuple[str, float]]
) -> list[Anomaly]:
    """Quantities of the clause that say other than the source, compared as values in their
    unit (`collate.quantity`) with those of the sentences the clause is linked to."""
    found = []
    theirs = [(s, q) for s in linked for q in s.quantities()]
    for said in clause.quantities():
        verdict = _quantity_verdict(
            said, clause.witness.text[said.start : said.end], theirs, stated, linked[0]
        )
        if verdict is None:
            continue
        kind, cause, (sentence, reference) = verdict
        where = (
            Location(sentence.witness.siglum, reference.start, reference.end)
            if reference
            else _where(sentence)
        )
        found.append(
            _flag(
                kind,
                clause,
                (said.start, said.end),
                cause,
                (Location(clause.witness.siglum, said.start, said.end), where),
                where,
                {"quantity not in source": 1.0, "source sentence has quantities": 1.0 if theirs else 0.0},
            )
        )
    return found


def _quantity_verdict(
    said: Quantity,
    shown: str,
    theirs: list[tuple[_Passage, Quantity]],
    stated: set[tuple[str, float]],
    primary: _Passage,
) -> tuple[AnomalyKind, str, tuple[_Passage, Quantity | None]] | None:
    """What is wrong with one quantity of a clause, against the quantities of its linked
    sentences (``theirs``; ``primary``, the best of them) and the exact values stated
    anywhere in the source (``stated``):

    - nothing, when a source quantity of its unit agrees (`_agrees`; a bare number of the
      sentence may stand for one in the unit it names nearby), or when it is exact and the
      source states it elsewhere, the link and not the value being at fault;
    - ``summary-changed-number``: a figure the source does not state; the same figure in
      another unit ("83,000 hundredweight" for "83,000 tons"); another value stated the same
      way (exact for exact, "about" for "about", "under" for "under"), or another date;
    - ``summary-contradicted``: a bound turned round ("more than eighty days" for "eighty
      days or less");
    - ``summary-changed-quantity``: an exact value where the source's is vague, approximate,
      bounded or a range, or an amount of another size.

    A quantity in words with nothing of its unit to compare is let be ("a third of it each"
    for "in equal amounts"): a figure that is nowhere in the source is the evidence."""
    same = [q for _, q in theirs if q.unit == said.unit]
    # a bare number of the sentence may stand for one in the unit it names nearby ("from one
    # hundred dollars a month to 125, and in some cases to 150"); a rate for its amount
    loose = same + [
        q
        for _, q in theirs
        if (not q.unit and said.unit not in _ORDERED)
        or (q.unit != said.unit and q.unit.split(" per ")[0] == said.unit.split(" per ")[0])
    ]
    if said.exact and any(_agrees(said, q) for q in loose):
        return None
    if not said.exact and loose and _agrees(said, _counterpart(said, loose)):
        return None
    first: tuple[_Passage, Quantity | None] = theirs[0] if theirs else (primary, None)
    if not same and not said.exact and loose:
        same = loose  # bare numbers of the sentence, the only ones to compare an amount with
    if not same:
        if not said.exact or not any(c.isdigit() for c in shown) or (said.unit, said.low) in stated:
            return None
        other = next(((s, q) for s, q in theirs if abs(q.figure - said.figure) < 1e-9), None)
        if other is not None and other[1].unit and said.unit and other[1].unit != said.unit:
            sentence, quantity = other
            source_shown = sentence.witness.text[quantity.start : quantity.end]
            return (AnomalyKind.SUMMARY_CHANGED_NUMBER, f"the summary says {shown}; its sentence says "
                    f"{source_shown}, in another unit", other)  # fmt: skip
        if other is not None:
            return None  # the same figure, read in a unit on one side only
        cause = f"{shown} is not in the source"
        if theirs:
            cause += f"; its sentence says {theirs[0][0].witness.text[theirs[0][1].start : theirs[0][1].end]}"
        return AnomalyKind.SUMMARY_CHANGED_NUMBER, cause, first
    reference = _counterpart(said, same)
    sentence = next(s for s, q in theirs if q is reference)
    if said.exact and (said.unit, said.low) in stated and not any(q.overlaps(said) for q in same):
        return None
    source_shown = sentence.witness.text[reference.start : reference.end]
    if said.bound and reference.bound and said.bound != reference.bound:
        kind = AnomalyKind.SUMMARY_CONTRADICTED
        cause = f"the source says {source_shown}; the summary turns the bound round: {shown}"
    elif said.unit == "date" or (
        said.precision is reference.precision and said.precision is not Precision.VAGUE
    ):
        kind = AnomalyKind.SUMMARY_CHANGED_NUMBER
        cause = f"the summary says {shown}; its sentence says {source_shown}"
    elif said.exact:
        kind = AnomalyKind.SUMMARY_CHANGED_QUANTITY
        cause = f"the source gives {source_shown}, not an exact value; the summary says {shown}"
    else:
        kind = AnomalyKind.SUMMARY_CHANGED_QUANTITY
        cause = f"the summary says {shown}; its sentence says {source_shown}"
    return kind, cause, (sentence, reference)


def _unsupported(clause: _Passage, support: float, best: _Passage | None) -> Anomaly:
    return _flag(
        AnomalyKind.SUMMARY_UNSUPPORTED,
        clause,
        (clause.start, clause.end),
        f"no source sentence supports this clause (best covers {support:.0%} of its content)",
        (Location(clause.witness.siglum, clause.start, clause.end),),
        _where(best) if best else None,
        {"support": round(support, 4)},
    )


def _where(sentence: _Passage) -> Location:
    return Location(sentence.witness.siglum, sentence.start, sentence.end)


def _anomaly(
    kind: AnomalyKind,
    clause: _Passage,
    phrase: tuple[int, int],
    cause: str,
    reference: Location,
    sentence: _Passage,
) -> Anomaly:
    """A flag on ``phrase`` of the clause whose evidence is the phrase, the source sentence
    and the passage of it that the summary departs from (``reference``)."""
    start, end = phrase
    return _flag(
        kind,
        clause,
        phrase,
        cause,
        (Location(clause.witness.siglum, start, end), _where(sentence), reference),
        reference,
        {kind.value.removeprefix("summary-"): 1.0},
    )


def _flag(
    kind: AnomalyKind,
    clause: _Passage,
    phrase: tuple[int, int],
    cause: str,
    evidence: tuple[Location, ...],
    reference: Location | None,
    features: dict[str, float],
) -> Anomaly:
    """The one place a summary anomaly is made: on ``phrase`` of the clause's witness."""
    start, end = phrase
    return Anomaly(
        id="",
        kind=kind,
        witness=clause.witness.siglum,
        start=start,
        end=end,
        text=clause.witness.text[start:end],
        confidence=CONFIDENCE[kind],
        cause=cause,
        evidence=evidence,
        reference=reference,
        features=features,
    )


def sources_for(witnesses: Sequence[Witness]) -> list[Witness]:
    """The witnesses a summary is checked against: those with the role ``source``, else
    every collated witness."""
    sources = [w for w in witnesses if w.role is Role.SOURCE]
    return sources or [w for w in witnesses if w.collated]
