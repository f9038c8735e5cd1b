"""Conditions and hedges a summary drops: an if, unless, until or subject to, a fronted time
frame, an inverted conditional; a modal or epistemic word that governs what the clause states
flatly."""

from __future__ import annotations

import itertools
import re

from collate.model import (
    Anomaly,
    AnomalyKind,
    Location,
)
from collate.summary.flags import _anomaly
from collate.summary.passages import HEDGES, _Passage, meanings

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
