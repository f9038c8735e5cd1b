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

import math
from collections.abc import Sequence
from dataclasses import dataclass

from collate import lexicon
from collate.model import Anomaly, Link, Role, SourceLink, Witness
from collate.quantity import quantities
from collate.summary import linking
from collate.summary.conditions import _dropped_conditions, _dropped_hedge
from collate.summary.figures import _changed_quantities
from collate.summary.flags import CONFIDENCE
from collate.summary.linking import (
    MIN_SUPPORT,
    _candidates,
    _phrase,
    _region,
    _unsupported,
    _unsupported_link,
)
from collate.summary.names import _altered_terms, _Names
from collate.summary.negation import _changed_scope, _contradicted
from collate.summary.passages import SENSE_WEIGHT, _covers, canonical, clauses, meanings, sentences
from collate.summary.roles import _changed_attribution

__all__ = [
    "CONFIDENCE",
    "MIN_SUPPORT",
    "SummaryCheck",
    "canonical",
    "check",
    "clauses",
    "meanings",
    "sentences",
    "sources_for",
]


@dataclass(frozen=True, slots=True)
class SummaryCheck:
    """What checking one summary found: a link per clause, and the distortions."""

    links: tuple[Link, ...]
    anomalies: tuple[Anomaly, ...]
    limits: tuple[str, ...] = ()
    """Where the check was cut short, in plain words: a bound reached (`linking.CANDIDATES`),
    or WordNet's data missing, so that words were compared without their meanings."""


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
    limits: list[str] = []
    if bounded:
        limits.append(
            f"{summary.siglum}: {bounded:,} clause{'s' if bounded > 1 else ''} had words in more "
            f"than {linking.CANDIDATES:,} source sentences together; each was compared with the "
            f"{linking.CANDIDATES:,} its rarest words are in, not with every sentence"
        )
    if not lexicon.available():
        limits.append(
            f"{summary.siglum}: WordNet's data files are missing (install collate's dependencies): "
            "words were compared as written, without their meanings, antonyms or derivations"
        )
    return SummaryCheck(tuple(links), tuple(anomalies), tuple(limits))


def sources_for(witnesses: Sequence[Witness]) -> list[Witness]:
    """The witnesses a summary is checked against: those with the role ``source``, else
    every collated witness."""
    sources = [w for w in witnesses if w.role is Role.SOURCE]
    return sources or [w for w in witnesses if w.collated]
