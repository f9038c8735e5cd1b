"""Which source sentences support a clause: candidates by shared content words, the region of
a sentence a clause renders, causal links the source lacks, and clauses with no support."""

from __future__ import annotations

import re
from collections.abc import Callable

from collate.model import (
    Anomaly,
    AnomalyKind,
    Location,
)
from collate.summary.flags import _flag, _where
from collate.summary.passages import _covers, _Passage, _Word, meanings

_AUXILIARIES = frozenset(
    "have has had will would shall should can could may might must is are was were be been".split()
)

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

MIN_SUPPORT = 0.25
"""A clause whose linked sentences cover less of it than this is unsupported."""


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
