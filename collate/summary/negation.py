"""Contradiction and scope: a denial one side makes and the other does not (its scope, weak
negations, a negated antonym that agrees), and a universal or partial quantifier the source
does not have."""

from __future__ import annotations

import re
from collections.abc import Sequence

from collate import lexicon
from collate.model import (
    Anomaly,
    AnomalyKind,
    Location,
)
from collate.summary.flags import _anomaly
from collate.summary.passages import (
    _NOUN_MARKERS,
    NEGATIONS,
    PARTIAL,
    UNIVERSAL,
    _Passage,
    _said,
    _Word,
    meanings,
)

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
