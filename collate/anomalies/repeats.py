"""Dittography: a passage written twice in one witness.

Repeats are found as *runs*: stretches of the witness's words with a period ``p`` (a word
``p`` places on is the same word) at least two periods long, for every ``p`` up to
``max_period``. Each period is one vectorised comparison of the word sequence with itself
shifted by ``p`` (numpy), so a scan is linear in the witness's length for a bounded period:
the whole of a novel takes a few hundredths of a second.

A run of period ``p`` and length ``p + L`` has an *overhang* of ``L - p`` words: the phrase
that stands at both ends of a copy. That phrase is the trigger of an eye-skip: the copyist
wrote it, looked back at the page, found the same phrase earlier and went on from there. Any
``p`` consecutive words of the run could be called the extra copy (they all give the same
text when deleted), so the whole run is the evidence, and the copy reported is the one the
eye-skip explains: the last ``p`` words, which follow the trigger's second occurrence.

Confidence is a logistic sum of named features (see `_FEATURES`): the length of the copy,
the trigger, the rarity of its words, and what argues for intent: punctuation between short
copies ("depart, depart"), a heading repeated on its own line ("TOP SECRET"), a doubling the
grammar allows ("had had"), and, where other witnesses are aligned, whether they have it too.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from collate import lexicon
from collate.anomalies._common import MEANT, REWORDED, Collation, confidence, punctuates, scribal_key, words
from collate.anomalies.options import DetectOptions
from collate.model import Action, Anomaly, AnomalyKind, Emendation, Location, Token, Witness

_BIAS = -1.0


@dataclass(frozen=True, slots=True)
class Run:
    """Words ``[start, start + period + matched)`` of a witness repeat with this period."""

    start: int
    period: int
    matched: int

    @property
    def end(self) -> int:
        return self.start + self.period + self.matched

    @property
    def overhang(self) -> int:
        return self.matched - self.period


def runs(
    codes: list[int],
    max_period: int,
    similar: Callable[[int, int], bool] | None = None,
    slips: Sequence[bool] | None = None,
) -> list[Run]:
    """Maximal runs of each period, the smallest period only, left to right. With
    ``similar``, a single word that differs between the copies (``similar(i, j)`` says
    whether words ``i`` and ``j`` are near enough: a spelling slip) does not break a run
    whose words on both sides, or two before it, agree; ``slips``, which words could be a
    slip at all (``similar`` is asked only where both are: once a place, in Python, it would
    be asked of most places of a text of short words).

    >>> [(r.start, r.period, r.matched) for r in runs([5, 1, 2, 3, 1, 2, 3, 1, 9], 4)]
    [(1, 3, 4)]
    """
    import numpy as np

    sequence = np.asarray(codes, dtype=np.int64)
    could = np.asarray(slips, dtype=bool) if slips is not None else np.ones(len(codes), dtype=bool)
    found: list[Run] = []
    # The runs found so far, by start, with the furthest end among those starting at or before
    # each: a run of a longer period inside one of them is that run again, seen at a multiple
    # of its period, and a binary search tells (one comparison per run, not one per pair).
    kept_starts = np.empty(0, dtype=np.int64)
    kept_ends = np.empty(0, dtype=np.int64)
    furthest = np.empty(0, dtype=np.int64)
    for period in range(1, min(max_period, len(codes) // 2) + 1):
        same = sequence[:-period] == sequence[period:]
        if similar is not None and len(same) > 2:
            left = np.concatenate(([False], same[:-1]))
            right = np.concatenate((same[1:], [False]))
            two_left = np.concatenate(([False, False], same[:-2]))
            candidates = ~same & left & (right | two_left) & could[:-period] & could[period:]
            for k in np.flatnonzero(candidates).tolist():
                if similar(k, k + period):
                    same[k] = True
        equal = np.concatenate(([False], same, [False]))
        edges = np.diff(equal.astype(np.int8))
        starts = np.flatnonzero(edges == 1)
        lengths = np.flatnonzero(edges == -1) - starts
        long_enough = lengths >= period
        starts, lengths = starts[long_enough], lengths[long_enough]
        if not len(starts):
            continue
        ends = starts + period + lengths
        if len(kept_starts):
            before = np.searchsorted(kept_starts, starts, side="right") - 1
            inside = (before >= 0) & (furthest[np.maximum(before, 0)] >= ends)
            starts, lengths, ends = starts[~inside], lengths[~inside], ends[~inside]
        found.extend(
            Run(start, period, matched)
            for start, matched in zip(starts.tolist(), lengths.tolist(), strict=True)
        )
        order = np.argsort(np.concatenate((kept_starts, starts)), kind="stable")
        kept_starts = np.concatenate((kept_starts, starts))[order]
        kept_ends = np.concatenate((kept_ends, ends))[order]
        furthest = np.maximum.accumulate(kept_ends)
    found.sort(key=lambda r: (r.start, r.period))
    return found


def _codes(keys: list[str]) -> list[int]:
    """Each key as the number of its first occurrence among the distinct keys (in C: a
    dictionary's keys keep their order).

    >>> _codes(["b", "a", "b"])
    [0, 1, 0]
    """
    ids = {key: n for n, key in enumerate(dict.fromkeys(keys))}
    return list(map(ids.__getitem__, keys))


NEAR_LENGTH = 5
"""Two words of this many letters or more that differ by one letter (after `scribal_key`: one
letter left out, added or changed) are taken for one word written twice with a slip; a
longer difference is another word ("εισελευσεται" and "εξελευσεται")."""


def find(witness: Witness, options: DetectOptions, collation: Collation | None = None) -> list[Anomaly]:
    """Dittographies in one witness; with an alignment, the other witnesses have their say.

    Words are compared as a scribe's variants of one word (`scribal_key`: abbreviations,
    itacism, movable ν), and one word of a copy may differ by a slip of one letter. A doubling
    the witness makes again and again, or that the other witnesses make too, is a formula
    of the text, scored down; one the aligned witnesses make at the same place is the
    text, and not reported.
    """
    tokens = collation.words(witness.siglum) if collation is not None else words(witness)
    if len(tokens) < 2:
        return []
    keys = collation.keys(witness.siglum) if collation is not None else [scribal_key(t.norm) for t in tokens]
    codes = _codes(keys)
    counts = Counter(codes)
    total = len(codes)
    found = runs(codes, options.max_period, _similar(keys), [len(k) >= NEAR_LENGTH for k in keys])
    doubled = Counter(_copy_key(keys, run) for run in found)
    elsewhere = _doubled_elsewhere(witness, collation) if collation is not None else Counter()
    marked = punctuates(witness)
    anomalies = []
    for run in found:
        copy = _copy_key(keys, run)
        anomaly = _anomaly(
            witness,
            tokens,
            run,
            sum(math.log(total / counts[c]) for c in codes[run.start : run.start + run.period]) / run.period,
            options,
            collation,
            (doubled[copy], min(counts[c] for c in codes[run.end - run.period : run.end]), elsewhere[copy]),
            marked,
        )
        if anomaly is not None:
            anomalies.append(anomaly)
    return anomalies


FORMULA_SHARE = 0.2
"""A passage doubled three times or more, and in at least this share of the places the
witness writes it, is a formula of the text ("αμην αμην"), not a slip; a common word
doubled by slips now and then ("the the") is doubled in far fewer of its places."""


def _copy_key(keys: list[str], run: Run) -> tuple[str, ...]:
    return tuple(keys[run.start + run.matched : run.end])


def _similar(keys: list[str]) -> Callable[[int, int], bool]:
    from Levenshtein import distance

    def similar(i: int, j: int) -> bool:
        a, b = keys[i], keys[j]
        if min(len(a), len(b)) < NEAR_LENGTH or distance(a, b) > 1:
            return False
        # two words the dictionary knows ("house", "horse") are two words, not one slipped
        return not (lexicon.lemmas(a) and lexicon.lemmas(b))

    return similar


_FORMULA_PERIOD = 12
"""The longest doubling looked for in the other witnesses (formulas are short)."""


def _doubled_elsewhere(witness: Witness, collation: Collation) -> Counter[tuple[str, ...]]:
    """How many of the other collated witnesses double each passage as a habit: more than
    once. A doubling another witness makes once is as likely that witness's own slip, or in
    a text without punctuation two clauses that meet on one word ("οτι οτι")."""
    seen: Counter[tuple[str, ...]] = Counter()
    for siglum in collation.witnesses:
        if siglum != witness.siglum:
            doubled = collation.memo(("doubled", siglum), partial(_doubled, collation.keys(siglum)))
            seen.update(copy for copy, times in doubled.items() if times > 1)
    return seen


def _doubled(keys: list[str]) -> Counter[tuple[str, ...]]:
    codes = _codes(keys)
    return Counter(_copy_key(keys, run) for run in runs(codes, _FORMULA_PERIOD))


DOUBLED_BY_OTHERS = -2.5
"""The weight of a doubling other collated witnesses make too: as a habit of theirs, or at
this place (a reading of the tradition, not this copy's slip)."""

DOUBLED_WORD = 2.0
"""The weight of a word written twice with nothing between, in a witness that punctuates."""


ABSENT = 1.5
"""The weight of a doubling the aligned witnesses have once: this copy's own. It is the most
the other witnesses can add to a doubling's confidence."""


def _anomaly(
    witness: Witness,
    tokens: list[Token],
    run: Run,
    rarity: float,
    options: DetectOptions,
    collation: Collation | None,
    formula: tuple[int, int, int] = (1, 1, 0),
    marked: bool = True,
) -> Anomaly | None:
    text = witness.text
    p = run.period
    first_copy = tokens[run.start + run.matched - p]  # first word of the copy before the extra one
    copy = tokens[run.start + run.matched : run.end]
    before = tokens[run.start + run.matched - 1]
    between = text[before.end : copy[0].start]
    unit_words = [t.norm for t in copy]
    features: dict[str, float] = {}
    reasons: list[str] = []
    features["length"] = 0.0 if p == 1 else 0.5 if p == 2 else 1.5 if p <= 5 else 2.5
    trigger = ""
    if run.overhang >= 1 and p >= 2:
        trigger = " ".join(t.text for t in tokens[run.start : run.start + run.overhang])
        features["trigger"] = 2.0 + 0.3 * min(run.overhang - 1, 3)
    punctuated = any(not c.isspace() for c in between)
    if p == 1 and not punctuated and marked:
        features["doubled word"] = DOUBLED_WORD
    elif p <= 2 and not marked:
        # either weight could be the truth: both, weighed equally
        features["no punctuation in the witness"] = ((DOUBLED_WORD if p == 1 else 0.0) + MEANT) / 2
        reasons.append("the witness marks no clauses: a doubling across one looks the same")
    features["rarity"] = max(-1.0, min(1.0, 0.3 * (rarity - 4)))
    if punctuated and p <= 2:
        features["punctuation between copies"] = MEANT
        reasons.append(f"“{between.strip()}” between the copies: likely a repetition for emphasis")
    if _heading(text, first_copy, before, copy):
        features["heading on its own line"] = -5.0
        reasons.append("a heading repeated on its own line")
    if p == 1 and unit_words[0] in options.grammatical_doubles:
        features["grammatical doubling"] = -4.0
        reasons.append(f"“{unit_words[0]} {unit_words[0]}” is grammatical")
    times, occurrences, others = formula
    if times >= 3 and times >= FORMULA_SHARE * occurrences:
        features["a formula of this witness"] = -1.5 - 0.5 * min(times - 3, 5)
        reasons.append(f"doubled {times} times in this witness: a formula of the text")
    if others:
        features["doubled in other witnesses too"] = DOUBLED_BY_OTHERS
        reasons.append(
            f"{others} other witness{'es' if others > 1 else ''} double{'s' if others == 1 else ''} it too"
        )
    if collation is not None and collation.alignment is not None:
        # Reading the other witnesses is the costly part, and the most they can add is
        # ABSENT: a candidate that would stay under the report floor even so is not read on.
        if confidence({**features, "ceiling": ABSENT}, _BIAS, AnomalyKind.DITTOGRAPHY) < options.report_floor:
            return None
        verdict = _others(
            collation,
            witness,
            (tokens[run.start].start, tokens[run.end - 1].end),
            [scribal_key(n) for n in unit_words],
        )
        if verdict == "shared":
            return None  # the aligned witnesses repeat it at this place: it is the text
        if verdict == "absent":
            features["absent from the other witnesses"] = ABSENT
            reasons.append("the other witnesses have it once")
        elif verdict == "some":
            features["doubled here in another witness"] = DOUBLED_BY_OTHERS
            reasons.append("another witness has it twice here too")
        if collation.in_place_of(witness.siglum, run.end - p, run.end):
            features["in place of other words"] = REWORDED
            reasons.append("the others read other words here: a rewording, not text added")
    first = tokens[run.start + run.matched - p : run.start + run.matched]
    slips = [(a.text, b.text) for a, b in zip(first, copy, strict=True) if a.norm != b.norm]
    if slips:
        features["copies written differently"] = 0.0
        reasons.append(
            "the copies differ: "
            + ", ".join(f"“{b}” for “{a}”" for a, b in slips[:3])
            + (" ..." if len(slips) > 3 else "")
        )
    score = confidence(features, _BIAS, AnomalyKind.DITTOGRAPHY.value)
    copy_text = text[copy[0].start : copy[-1].end]
    words_count = f"{p} word{'s' if p > 1 else ''}"
    cause = f"eye-skip back to “{trigger}”" if trigger else f"{words_count} written twice"
    if reasons:
        cause += "; " + "; ".join(reasons)
    evidence = [Location(witness.siglum, tokens[run.start].start, tokens[run.end - 1].end)]
    if slips:  # both copies, and each word where they differ
        evidence.append(Location(witness.siglum, first[0].start, first[-1].end))
        evidence.append(Location(witness.siglum, copy[0].start, copy[-1].end))
        for a, b in zip(first, copy, strict=True):
            if a.norm != b.norm:
                evidence.extend(
                    (Location(witness.siglum, a.start, a.end), Location(witness.siglum, b.start, b.end))
                )
    if trigger:
        for k in (run.start, run.start + p):
            evidence.append(Location(witness.siglum, tokens[k].start, tokens[k + run.overhang - 1].end))
    return Anomaly(
        id="",
        kind=AnomalyKind.DITTOGRAPHY,
        witness=witness.siglum,
        start=copy[0].start,
        end=copy[-1].end,
        text=copy_text,
        confidence=score,
        cause=cause,
        evidence=tuple(evidence),
        emendation=Emendation(Action.DELETE, before.end, copy[-1].end, ""),
        features=features,
    )


def _heading(text: str, first: Token, before: Token, copy: list[Token]) -> bool:
    """Whether the first copy fills a line of its own and the second starts the next."""
    line_start = text.rfind("\n", 0, first.start) + 1
    return "\n" in text[before.end : copy[0].start] and not text[line_start : first.start].strip()


def _others(collation: Collation, witness: Witness, run_span: tuple[int, int], copy: list[str]) -> str:
    """Whether the other witnesses have the passage once ("absent": the doubling is this
    copy's), twice ("shared": it is the text), some of them twice ("some": a reading of the
    tradition, not this copy's slip), or neither, over the units the run touches."""
    once = f" {' '.join(copy)} "
    twice = f" {' '.join(copy + copy)} "
    verdicts = set()
    for siglum, (i, j) in collation.words_beside(witness.siglum, *run_span).items():
        text = f" {' '.join(collation.keys(siglum)[i:j])} "
        verdicts.add("shared" if twice in text else "absent" if once in text else "")
    if len(verdicts) == 1:
        return verdicts.pop()
    return "some" if "shared" in verdicts else ""
