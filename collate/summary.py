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
  a fronted time frame ("After the war") in the region, or a next paragraph that opens "The
  above is subject to ..."; the clause states the claim without it;
- ``summary-dropped-hedge``: a modal, epistemic adverb or verb ("may", "apparently", "seems",
  "is said to") governs what the clause states flatly;
- ``summary-changed-quantity`` / ``summary-changed-number``: quantities compared by value
  (numerals, number words, time spans in days), vague and approximate ones apart;
- ``summary-changed-scope``: a universal or focus word ("all", "every", "only") the region
  lacks, or a partial one ("some", "partly") where it says "all";
- ``summary-contradicted``: one side denies (not, never, refused, failed to, by no means)
  where the other does not, or says a WordNet antonym;
- ``summary-unsupported-link``: a causal or purpose connective the linked sentences and
  their neighbours lack;
- ``summary-changed-attribution``: the doer of a shared verb differs, and the summary's doer
  stands after the verb in the source (roles swapped);
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
from dataclasses import dataclass
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

OPEN_FRAMES = frozenset(
    """issue issues question questions whether remain remains remained proposed propose proposal
    possible possibility undecided unresolved open discuss discussion negotiate negotiation
    negotiations""".split()
)
"""Words with which a clause presents a matter as open, not settled."""

_CONDITION = re.compile(
    r"\b(?P<clause>providing(?: that)?|provided(?: that)?|on (?:the )?condition(?: that)?|subject to|"
    r"conditional (?:on|upon)|only if|if|unless|as long as|so long as|in case|until|till)\b",
    re.IGNORECASE,
)
"""Words that make a claim hold only under a condition or up to a time."""

_ASKED = re.compile(
    r"\b(?:ask|asks|asked|asking|inquire[sd]?|inquiring|enquire[sd]?|enquiring|wonder(?:s|ed|ing)?|"
    r"know|knows|knew|see|saw|learn(?:s|ed|t)?|doubt(?:s|ed)?|question(?:s|ed)?|whether)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
"""Verbs of asking and knowing: an "if" after them opens a question ("inquire if ...")."""

_FRONTED_TIME = re.compile(r"\W*(?P<cue>after|before|once|as soon as)\b", re.IGNORECASE)
"""A time frame fronted before the main clause governs all of it ("After the war ...")."""

_ANAPHORA = re.compile(
    r"^\s*(?:the above|this|these|that|all (?:of )?this|the foregoing|the whole)\b", re.IGNORECASE
)
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
_NUMBER = re.compile(r"\b(?:\d[\d,.]*\d|\d)(?:st|nd|rd|th|d)?\b")
"""A figure, an ordinal one too ("12th", "2d" as older prose writes it)."""


def _figure(text: str) -> str:
    """A figure as compared: "1,200" as "1200", "12th" as "12"."""
    return re.sub(r"(?:st|nd|rd|th|d)$", "", text.replace(",", ""))


_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bMr|\bMrs|\bDr|\bSt|\bNo|\bNos|\bGen|\bCol|\bLt|\bvs|\betc)\.$")
_CLAUSE_SPLIT = re.compile(r";\s*|,\s*(?=(?:and|but|while|whereas|as well as)\b)")

NEGATIONS = frozenset(
    """not no never nor neither none nothing nobody nowhere without cannot n't refuse refused
    refuses refusal decline declined declines deny denied denies disclaim disclaimed disclaims
    fail failed fails failure lack lacked lacks reject rejected rejects""".split()
)
"""Words that deny what they govern: particles, and verbs that mean "not do"."""

UNIVERSAL = frozenset(
    """all every each any entire whole wholly entirely completely totally fully always
    everything everyone everybody solely only alone exclusively""".split()
)
PARTIAL = frozenset(
    """some many several most few partly partially part certain often sometimes mainly largely
    chiefly mostly various""".split()
)
"""Quantifiers and focus words: how much of something a claim covers."""

CONNECTIVES = {
    "cause": re.compile(
        r"\b(?:because|in light of|in the light of|in view of|owing to|due to|on account of|as a result|"
        r"therefore|thus|hence|consequently|accordingly|led to|leads? to|leading to|caused?|causes|"
        r"resulted in|results? in|prompted|so that|since)\b",
        re.IGNORECASE,
    ),
    "purpose": re.compile(
        r"\b(?:in order to|in order that|so as to|so that|with a view to|for the purpose of|aimed at)\b",
        re.IGNORECASE,
    ),
}
"""Causal and purpose links: a summary that adds one the source does not make invents it."""

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100,
    "thousand": 1000, "dozen": 12, "single": 1, "both": 2, "pair": 2, "half": 0.5,
}  # fmt: skip
_TIME_UNITS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
_VAGUE = re.compile(
    r"\b(?:a few|few|several|some|many|scores of|a number of|a couple of|numerous|one or two|two or three|"
    r"a little|little|much)\b",
    re.IGNORECASE,
)
_APPROXIMATE = re.compile(
    r"\b(?:about|approximately|around|nearly|almost|roughly|some|at least|at most|up to|more than|"
    r"less than|over|under|upwards of|not more than|not less than)\b",
    re.IGNORECASE,
)
_QUANTITY = re.compile(
    r"\b(?P<number>\d[\d,.]*|"
    + "|".join(_NUMBER_WORDS)
    + r"|an?)\s+(?:\w+\s+)?(?P<unit>"
    + "|".join(_TIME_UNITS)
    + r")s?\b",
    re.IGNORECASE,
)

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
    AnomalyKind.SUMMARY_ALTERED_TERM: 0.57,
    AnomalyKind.SUMMARY_CHANGED_ATTRIBUTION: 0.6,
    AnomalyKind.SUMMARY_CHANGED_NUMBER: 0.89,
    AnomalyKind.SUMMARY_CHANGED_QUANTITY: 0.5,
    AnomalyKind.SUMMARY_CHANGED_SCOPE: 0.5,
    AnomalyKind.SUMMARY_CONTRADICTED: 0.22,
    AnomalyKind.SUMMARY_DROPPED_CONDITION: 0.33,
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

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", frozenset(w.key for w in self.words if w.key))

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
    """The summary cut into clauses: sentences, then at ";" and before ", and", ", but",
    ", as well as", ", while"."""
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
    numbers = {_figure(m.group()) for w in sources for m in _NUMBER.finditer(w.text)}
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
        qualifiers = _qualifying(best_index, source_sentences)
        anomalies.extend(_dropped_conditions(clause, phrase, primary, qualifiers, region))
        anomalies.extend(_dropped_hedge(clause, phrase, primary, region))
        anomalies.extend(_contradicted(clause, phrase, primary, region))
        anomalies.extend(_changed_scope(clause, phrase, primary, region))
        anomalies.extend(_unsupported_link(clause, [i for _, i in chosen], source_sentences))
        anomalies.extend(_changed_attribution(clause, primary))
        anomalies.extend(_altered_terms(clause, names, all_keys, primary))
        anomalies.extend(_changed_quantities(clause, primary, numbers))
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


def _qualifying(position: int, everything: list[_Passage]) -> list[_Passage]:
    """Sentences that qualify the primary one as a whole: the one that opens the next
    paragraph, when it opens with "The above", "This", "All this" and carries a condition
    ("The above is subject to ...")."""
    primary = everything[position]
    following = [s for s in everything[position + 1 :] if s.witness is primary.witness][:6]
    opening = next((s for s in following if s.paragraph == primary.paragraph + 1), None)
    return [opening] if opening and _ANAPHORA.match(opening.text) and _CONDITION.search(opening.text) else []


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
                break  # "After the war | the Generalissimo agrees": a new noun phrase begins
            if text[previous.end : word.start].strip():
                break  # punctuation ends the frame
            end = word.end
        found.append((fronted.start("cue"), end))
    return found


def _dropped_conditions(
    clause: _Passage,
    phrase: tuple[int, int],
    primary: _Passage,
    qualifiers: list[_Passage],
    region: tuple[int, int],
) -> list[Anomaly]:
    if _CONDITION.search(clause.text) or _FRONTED_TIME.match(clause.text):
        return []
    clause_senses = frozenset().union(*(meanings(w.lower) for w in clause.words if w.key))
    found = []
    for sentence, anaphoric in [(primary, False), *((q, True) for q in qualifiers)]:
        for start, end in _conditions(sentence):
            condition = sentence.witness.text[start:end]
            inside = [w for w in sentence.words if start <= w.start < end and w.key]
            if inside and all(w.key in clause.keys or meanings(w.lower) & clause_senses for w in inside):
                continue  # the clause names the condition's own content
            fronted = start == sentence.start or not sentence.witness.text[sentence.start : start].strip(
                ' "“('
            )
            if not anaphoric and (
                not _governs(clause, sentence, start, end) or not (fronted or region[0] <= start < region[1])
            ):
                continue
            where = "the next paragraph of the source qualifies the whole: " if anaphoric else ""
            found.append(
                _anomaly(
                    AnomalyKind.SUMMARY_DROPPED_CONDITION,
                    clause,
                    phrase,
                    f"{where}the source says “{condition}”; the summary states it without the condition",
                    Location(sentence.witness.siglum, start, end),
                    sentence,
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
        shared = [k for k, w in enumerate(clause.words) if w.key in primary.keys]
        if any(w.lower in OPEN_FRAMES for w in clause.words[: min(shared + stated)]):
            continue  # "the issue of a joint railway": presented as open
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

_NOT_DENIALS = re.compile(r"\b(?:no doubt|not only|not but|nothing but|no sooner|not least)\b", re.IGNORECASE)
"""Phrases that hold a negation word and deny nothing ("no doubt", "not only")."""


def _denied(words: Sequence[_Word], text: str) -> list[tuple[_Word, list[_Word], list[_Word]]]:
    """The denials ``words`` make: each negation ("not", "never", "refused", "without", "by no
    means") with the first `HEADS` content words it governs and its whole scope (up to eight
    words, not past a punctuation mark)."""
    found = []
    for k, word in enumerate(words):
        if not (word.lower in NEGATIONS or word.lower.replace("’", "'").endswith("n't")):
            continue
        if _NOT_DENIALS.match(text, word.start):
            continue
        scope: list[_Word] = []
        for before, after in zip(words[k:], words[k + 1 : k + 9], strict=False):
            if re.search(r"[,;:.!?]", text[before.end : after.start]):
                break
            if after.key and after.lower not in NEGATIONS and after.lower != "means":
                scope.append(after)
        if scope:
            found.append((word, scope[:HEADS], scope))
    return found


def _said(word: _Word, words: Sequence[_Word]) -> _Word | None:
    """The word of ``words`` that says what ``word`` says (the same stem or meaning)."""
    senses = meanings(word.lower)
    return next((w for w in words if w.key and (w.key == word.key or meanings(w.lower) & senses)), None)


def _contradicted(
    clause: _Passage, phrase: tuple[int, int], primary: _Passage, region: tuple[int, int]
) -> list[Anomaly]:
    """The clause asserts what the source denies, or denies what it asserts: a word one of
    them governs with "not", "never", "refused", "failed to", "without" stands in the other
    undenied; or the clause says the opposite word (WordNet's antonyms)."""
    text = primary.witness.text
    inside = [w for w in primary.words if region[0] <= w.start < region[1]]
    theirs, ours = _denied(primary.words, text), _denied(clause.words, clause.witness.text)
    our_scopes = [w for _, _, scope in ours for w in scope]
    their_scopes = [w for _, _, scope in theirs for w in scope]
    for negation, heads, _ in theirs:
        said = [w for w in (_said(h, clause.words) for h in heads) if w]
        if said and all(_said(w, our_scopes) is None for w in said):
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
        if said and all(_said(w, their_scopes) is None for w in said):
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
        for other in inside:
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


def _changed_scope(
    clause: _Passage, phrase: tuple[int, int], primary: _Passage, region: tuple[int, int]
) -> list[Anomaly]:
    """A quantifier or focus word that widens ("all", "every", "only") or narrows ("some",
    "partly") what the source says."""
    inside = {w.lower for w in primary.words if region[0] <= w.start < region[1]}
    for word in clause.words:
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
    if by:
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


def _changed_attribution(clause: _Passage, primary: _Passage) -> list[Anomaly]:
    """A statement or act the source gives to one doer and the summary to another: the two
    share the verb, and either both name its doer, by different names that both occur in the
    source sentence, or the roles are swapped (the source's doer is what the summary's
    verb acts on: "the officers informed him" against "Tarler informed the officers")."""
    source_names = {_person(m.group()) for m in _NAME.finditer(primary.text)}
    for word in clause.words:
        if not word.key or len(word.key) < 4 or not word.text.islower() or not lexicon.verb(word.lower):
            continue  # the act is a verb: "asked", "informed", not "Treasury" or "mediation"
        theirs = next((w for w in primary.words if w.key == word.key), None)
        if theirs is None:
            continue
        mine, other = _agent(clause, word), _agent(primary, theirs)
        after = primary.witness.text[theirs.end : primary.end]
        named = bool(mine and other and mine != other and {mine, other} <= source_names and mine in after)
        doers, _, passive = _roles(primary, theirs)
        our_doers, our_acted_on, our_passive = _roles(clause, word)
        swapped = (
            not named
            and not passive
            and not our_passive
            and bool(doers & our_acted_on)
            and not doers & our_doers
            and bool(our_doers)
        )
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
    for first, last in _names_in(text, clause.start, clause.end):
        part = re.sub(r"['’]s$", "", text[first:last])
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


def _quantities(passage: _Passage) -> list[tuple[int, int, float | None, bool]]:
    """The quantities ``passage`` states: ``(start, end, value, exact)``; value in days for a
    time expression ("a fortnight": 14), None for a vague one ("a few days", "several")."""
    text = passage.witness.text
    found: list[tuple[int, int, float | None, bool]] = []
    for match in _QUANTITY.finditer(text, passage.start, passage.end):
        number = match.group("number").casefold().replace(",", "")
        unit = _TIME_UNITS[match.group("unit").casefold().rstrip("s")]
        if number in ("a", "an"):
            count: float = 1
        elif number in _NUMBER_WORDS:
            count = _NUMBER_WORDS[number]
        else:
            try:
                count = float(number)
            except ValueError:
                continue
        vague = _VAGUE.search(text, max(passage.start, match.start() - 12), match.end())
        approximate = _APPROXIMATE.search(text, max(passage.start, match.start() - 16), match.start())
        found.append(
            (match.start(), match.end(), None if vague else count * unit, not (vague or approximate))
        )
    for match in _VAGUE.finditer(text, passage.start, passage.end):
        if not any(s <= match.start() < e for s, e, _, _ in found):
            found.append((match.start(), match.end(), None, False))
    for word in passage.words:
        if (
            word.lower in _NUMBER_WORDS
            and word.lower not in ("both", "pair", "single")
            and not any(s <= word.start < e for s, e, _, _ in found)
        ):
            approximate = _APPROXIMATE.search(text, max(passage.start, word.start - 16), word.start)
            found.append((word.start, word.end, float(_NUMBER_WORDS[word.lower]), not approximate))
    for match in _NUMBER.finditer(text, passage.start, passage.end):
        if not any(s <= match.start() < e for s, e, _, _ in found):
            approximate = _APPROXIMATE.search(text, max(passage.start, match.start() - 16), match.start())
            try:
                value = float(_figure(match.group()))
            except ValueError:
                continue
            found.append((match.start(), match.end(), value, not approximate))
    return sorted(found)


def _changed_quantities(clause: _Passage, primary: _Passage, numbers: set[str]) -> list[Anomaly]:
    """Numbers and quantities of the clause that the source does not state: a number not in
    the source (``summary-changed-number``); a vague or approximate quantity made exact, an
    approximation dropped, or a time span changed (``summary-changed-quantity``)."""
    found = []
    text = clause.witness.text
    source_text = primary.witness.text
    theirs = _quantities(primary)
    reference = (
        Location(primary.witness.siglum, theirs[0][0], theirs[-1][1])
        if theirs
        else Location(primary.witness.siglum, primary.start, primary.end)
    )
    said = ", ".join(source_text[s:e] for s, e, _, _ in theirs)
    figures = list(_NUMBER.finditer(source_text, primary.start, primary.end))
    figures_said = ", ".join(m.group() for m in figures)
    figures_at = Location(primary.witness.siglum, figures[0].start(), figures[-1].end()) if figures else None
    values = {v for _, _, v, _ in theirs if v is not None}
    for start, end, value, exact in _quantities(clause):
        shown = text[start:end]
        digits = _NUMBER.search(shown)
        is_time = _QUANTITY.fullmatch(shown) is not None or bool(
            re.search(r"\b(?:day|week|fortnight|month|year)s?\b", shown, re.IGNORECASE)
        )
        if digits and not is_time and _figure(digits.group()) not in numbers:
            kind = AnomalyKind.SUMMARY_CHANGED_NUMBER
            cause = f"{shown} is not in the source"
            if said:
                cause += f"; its sentence says {figures_said or said}"
        elif value is not None and value in values:
            match = [q for q in theirs if q[2] == value]
            if exact and not any(q[3] for q in match):
                kind = AnomalyKind.SUMMARY_CHANGED_QUANTITY
                approximation = source_text[match[0][0] : match[0][1]]
                cause = f"the source gives “{approximation}” as an approximation; the summary says {shown}"
            else:
                continue
        elif not theirs:
            continue
        elif value is None or not exact:
            continue  # vague in the summary: it claims no more than the source
        elif (
            (figures if digits else not any(q[2] is None or not q[3] for q in theirs))
            and not is_time
            and value not in values
        ):
            # a figure other than its sentence's: the sentence states figures, or only exact
            # counts (not "a few", not "about ten"), and none is this one
            kind = AnomalyKind.SUMMARY_CHANGED_NUMBER
            cause = f"the summary says {shown}; its sentence says {figures_said if digits else said}"
        else:
            kind = AnomalyKind.SUMMARY_CHANGED_QUANTITY
            cause = f"the summary says {shown}; its sentence says {said}"
        number = kind is AnomalyKind.SUMMARY_CHANGED_NUMBER and digits
        where = figures_at if number and figures_at else reference
        found.append(
            _flag(
                kind,
                clause,
                (start, end),
                cause,
                (Location(clause.witness.siglum, start, end), where),
                where,
                {"quantity not in source": 1.0, "source sentence has quantities": 1.0 if theirs else 0.0},
            )
        )
    return found


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
