"""Eye-skip omissions: a witness lacks a passage that begins or ends like its neighbour.

Where witness W reads nothing and witness V has a passage, with W and V agreeing on either
side, the gap is tested for a slide: if the words before it equal the end of the gap
(``X P [Y P] Z``), the copyist's eye went from the first ``P`` to the second and skipped what
lies between: *homeoteleuton*. If the start of the gap equals what follows it (``X [P Y] P Z``),
*homeoarchy*; a gap that is a copy of its neighbour (``αρον [αρον]``) is *haplography*. A gap
that cannot slide but opens like the clause just before it (``ουδε εκ θεληματοσ σαρκοσ [ουδε
εκ θεληματοσ ανδροσ]``) is homeoarchy too: the copyist took the second clause for the first,
already written. The longer the shared phrase and the rarer its words, the more likely the
eye-skip. A gap that cannot slide is an ordinary omission: the apparatus shows it, and it is
not reported here, since a deliberate cut looks the same.

The anomaly sits at the empty point in W; ``reference`` is the passage in V; the emendation
inserts V's passage there.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Sequence

from collate.anomalies._common import Collation, confidence, shorten
from collate.model import (
    Anomaly,
    AnomalyKind,
    Emendation,
    Location,
    Reading,
    Role,
    Token,
    Unit,
    Witness,
)

_BIAS = -2.0


def find(collation: Collation) -> list[Anomaly]:
    by_siglum = collation.witnesses
    norms = {s: [t.norm for t in collation.words(s)] for s in by_siglum}
    counts = {s: Counter(n) for s, n in norms.items()}
    if collation.alignment is None:
        return []
    units = collation.alignment.units
    found = []
    for number, unit in enumerate(units):
        if not unit.variant:
            continue
        for gap in (r for r in unit.readings if not r.norm):
            for fuller in sorted((r for r in unit.readings if r.norm), key=lambda r: -len(r.witnesses)):
                lacking, having = gap.witnesses[0], _source_first(fuller, by_siglum)
                agree = (
                    _agree(units, number - 1, lacking, having),
                    _agree(units, number + 1, lacking, having),
                )
                if not any(agree):
                    continue
                anomaly = _eye_skip(
                    by_siglum[lacking],
                    by_siglum[having],
                    gap,
                    fuller,
                    collation.words(having),
                    collation.word_starts(having),
                    norms[having],
                    counts[having],
                    agree,
                )
                if anomaly is not None:
                    found.append(anomaly)
                    break
    return found


def _source_first(reading: Reading, witnesses: dict[str, Witness]) -> str:
    for siglum in reading.witnesses:
        if witnesses[siglum].role is Role.SOURCE:
            return siglum
    return reading.witnesses[0]


def _agree(units: Sequence[Unit], number: int, a: str, b: str) -> bool:
    """Whether witnesses ``a`` and ``b`` read the same (or the text ends) at unit ``number``."""
    if not 0 <= number < len(units):
        return True
    reading = units[number].reading_of(a)
    return reading is not None and b in reading.spans and bool(reading.norm)


_WINDOW = 12
"""How far before or after the gap a parallel clause opening or ending is looked for, in words."""


def _eye_skip(
    lacking: Witness,
    having: Witness,
    gap: Reading,
    fuller: Reading,
    tokens: list[Token],
    starts: list[int],
    norms: list[str],
    counts: Counter[str],
    agree: tuple[bool, bool],
) -> Anomaly | None:
    span = fuller.spans[having.siglum]
    i = bisect.bisect_left(starts, span.start)
    j = bisect.bisect_left(starts, span.end)
    if j <= i:
        return None
    size = j - i
    left = 0  # homeoteleuton: the words before the gap end the gap too
    while agree[0] and left < size and i - left - 1 >= 0 and norms[i - left - 1] == norms[j - left - 1]:
        left += 1
    right = 0  # homeoarchy: the gap begins with the words that follow it
    while agree[1] and right < size and j + right < len(norms) and norms[i + right] == norms[j + right]:
        right += 1
    features: dict[str, float] = {}
    if left or right:
        shared = max(left, right)
        if left >= right:
            cause_name, phrase, first = "homeoteleuton", tokens[j - left : j], tokens[i - left : i]
        else:
            cause_name, phrase, first = "homeoarchy", tokens[i : i + right], tokens[j : j + right]
        if shared == size and (left == size or right == size):
            cause_name = "haplography"
            features["written once for twice"] = 1.5
        features["gap can slide"] = 1.2 * min(shared, 4)
    else:
        parallel = _parallel(norms, i, j, agree)
        if parallel is None:
            return None
        cause_name, (p0, p1), (f0, f1) = parallel
        phrase, first = tokens[p0:p1], tokens[f0:f1]
        features["parallel clause"] = 0.9 * min(p1 - p0, 4)
    total = sum(counts.values())
    rarity = sum(math.log(total / counts[t.norm]) for t in phrase) / len(phrase)
    features["rarity"] = max(-1.0, min(1.0, 0.4 * (rarity - 4)))
    features["gap length"] = 0.5 if 2 <= size <= 60 else -0.5
    score = confidence(features, _BIAS)
    phrase_text = " ".join(t.text for t in phrase)
    point = gap.spans[lacking.siglum].start
    missing = having.text[span.start : span.end]
    insert = missing
    if point > 0 and not lacking.text[point - 1].isspace() and not insert[:1].isspace():
        insert = " " + insert
    if point < len(lacking.text) and not lacking.text[point].isspace() and not insert[-1:].isspace():
        insert += " "
    if cause_name == "haplography":
        explained = f"“{phrase_text}” written once where {having.siglum} has it twice"
    else:
        explained = f"the eye went from one “{phrase_text}” to the other"
    return Anomaly(
        id="",
        kind=AnomalyKind.OMISSION,
        witness=lacking.siglum,
        start=point,
        end=point,
        text="",
        confidence=score,
        cause=f"{cause_name}: {explained}; {size} word{'s' if size > 1 else ''} of {having.siglum} "
        f"missing (“{shorten(missing)}”)",
        evidence=(
            Location(having.siglum, first[0].start, first[-1].end),
            Location(having.siglum, phrase[0].start, phrase[-1].end),
            Location(lacking.siglum, point, point),
        ),
        reference=Location(having.siglum, span.start, span.end),
        emendation=Emendation("insert", point, point, insert),
        features=features,
    )


def _parallel(
    norms: list[str], i: int, j: int, agree: tuple[bool, bool]
) -> tuple[str, tuple[int, int], tuple[int, int]] | None:
    """A gap ``[i, j)`` that cannot slide but repeats two or more words that stand near it:
    the gap opens like a clause shortly before it (``ουδε εκ θεληματοσ σαρκοσ [ουδε εκ
    θεληματοσ ανδροσ]``), or the words just before (after) the gap recur inside it, the
    end (start) of a parallel clause. Returns the cause, the phrase in the gap and its twin."""
    best: tuple[str, tuple[int, int], tuple[int, int]] | None = None

    def consider(name: str, phrase: tuple[int, int], twin: tuple[int, int]) -> None:
        nonlocal best
        if phrase[1] - phrase[0] >= 2 and (best is None or phrase[1] - phrase[0] > best[1][1] - best[1][0]):
            best = (name, phrase, twin)

    gap = norms[i:j]
    if agree[0]:
        for m in range(1, min(_WINDOW, i) + 1):  # a clause before the gap opens the same way
            k = 0
            while k < j - i and k < m and norms[i - m + k] == norms[i + k]:
                k += 1
            consider("homeoarchy", (i, i + k), (i - m, i - m + k))
        for k in range(min(j - i, i, 6), 1, -1):  # the words before the gap recur in it
            at = _find(gap, norms[i - k : i])
            if at >= 0:
                consider("homeoteleuton", (i + at, i + at + k), (i - k, i))
                break
    if agree[1]:
        for k in range(min(j - i, len(norms) - j, 6), 1, -1):  # the words after the gap recur in it
            at = _find(gap, norms[j : j + k])
            if at >= 0:
                consider("homeoarchy", (i + at, i + at + k), (j, j + k))
                break
    return best


def _find(sequence: list[str], part: list[str]) -> int:
    for at in range(len(sequence) - len(part) + 1):
        if sequence[at : at + len(part)] == part:
            return at
    return -1
