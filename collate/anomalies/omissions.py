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
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from collate.anomalies._common import MEANT, REWORDED, REWRITTEN, Collation, confidence
from collate.anomalies.options import DetectOptions
from collate.model import (
    Action,
    Anomaly,
    AnomalyKind,
    Emendation,
    Location,
    Mechanism,
    Reading,
    Role,
    Span,
    Token,
    Unit,
    Witness,
)
from collate.text import shorten

_BIAS = -2.0


def find(collation: Collation, options: DetectOptions | None = None) -> list[Anomaly]:
    """Gaps between aligned witnesses: eye-skips always; between copies, every other omission
    or addition of ``gap_min`` words or more too; and text one witness alone has that copies
    words standing near it (a repeat at a distance: ``dittography``)."""
    if collation.alignment is None:
        return []
    settings = options or DetectOptions()
    by_siglum = collation.witnesses
    keys = {s: collation.keys(s) for s in by_siglum}
    key_counts = {s: Counter(k) for s, k in keys.items()}
    units = collation.alignment.units
    moved = _moved(collation)
    found = []
    repeats: dict[str, set[tuple[int, int]]] = {}  # per witness, both copies of each repeat reported
    for number, unit in enumerate(units):
        if not unit.variant:
            continue
        # Readings and their witnesses in siglum order: never in the order they were given in.
        for gap in sorted((r for r in unit.readings if not r.norm), key=lambda r: min(r.witnesses)):
            lacking = min(gap.witnesses)
            if collation.at_lacuna(lacking, gap.spans[lacking]):
                continue  # text lost from the document (``[...]``), which nobody omitted
            fullers = sorted(
                (r for r in unit.readings if r.norm), key=lambda r: (-len(r.witnesses), min(r.witnesses))
            )
            for fuller in fullers:
                adding = _adds(gap, fuller, settings)
                lacking, having = min(gap.witnesses), adding or _source_first(fuller, by_siglum)
                agree = (
                    _agree(units, number - 1, lacking, having),
                    _agree(units, number + 1, lacking, having),
                )
                if not any(agree):
                    continue
                tokens = collation.words(having)
                span = fuller.spans[having]
                starts = collation.word_starts(having)
                whole = (bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end))
                i, j = _unmoved(tokens, *whole, moved.get(having, []))
                if j <= i:
                    continue
                if (i, j) != whole:  # a moved block cut off: the rest alone
                    span = Span(tokens[i].start, tokens[j - 1].end)
                if adding and _beside_its_copy(keys[having], i, j):
                    break  # a witness wrote it twice side by side: the repeat detector reports it
                if not adding and _there_after_all(collation, lacking, fuller, gap, (having, i, j)):
                    break  # the words stand beside the gap in the witness said to lack them
                copies = collation.copies(lacking, having)
                rewritten = collation.rewritten(having, lacking, span)
                if adding:
                    anomaly = _repeat_near(
                        by_siglum[adding], tokens, keys[adding], key_counts[adding], (i, j), span, gap,
                        copies, collation.in_place_of(adding, i, j),
                    )  # fmt: skip
                    if anomaly is None and copies and j - i >= settings.gap_min:
                        anomaly = _unexplained(
                            by_siglum[lacking], by_siglum[having], gap, span, j - i, adding, True,
                            collation.declared(lacking, having),
                        )  # fmt: skip
                    if rewritten and anomaly is not None and anomaly.kind is AnomalyKind.ADDITION:
                        anomaly = _in_rewriting(anomaly)
                    model = anomaly.reference if anomaly is not None else None
                    if anomaly is not None and model is not None and anomaly.kind is AnomalyKind.DITTOGRAPHY:
                        pair = {(anomaly.start, anomaly.end), (model.start, model.end)}
                        if pair & repeats.get(adding, set()):
                            break  # the other copy of a repeat already reported
                        repeats.setdefault(adding, set()).update(pair)
                    if anomaly is not None:
                        found.append(anomaly)
                    break  # what a copy added is no omission of its exemplar's
                anomaly = _eye_skip(
                    by_siglum[lacking], by_siglum[having], gap, span, tokens,
                    keys[having], key_counts[having], agree, (i, j), copies,
                )  # fmt: skip
                if anomaly is None and copies and j - i >= settings.gap_min:
                    known = settings.exemplars.get(lacking) in fuller.witnesses
                    anomaly = _unexplained(
                        by_siglum[lacking], by_siglum[having], gap, span, j - i, adding, known,
                        collation.declared(lacking, having),
                    )  # fmt: skip
                if anomaly is not None:
                    found.append(_in_rewriting(anomaly) if rewritten else anomaly)
                    break
    return found


def _adds(gap: Reading, fuller: Reading, options: DetectOptions) -> str:
    """The witness that added the fuller reading, where that can be told: a declared copy
    whose exemplar lacks it, or a witness alone against two or more that lack it."""
    for siglum in sorted(fuller.witnesses):
        if options.exemplars.get(siglum) in gap.witnesses:
            return siglum
    if any(options.exemplars.get(s) in fuller.witnesses for s in gap.witnesses):
        return ""  # a copy lacks what its exemplar has: an omission
    if len(fuller.witnesses) == 1 and len(gap.witnesses) >= 2:
        return min(fuller.witnesses)
    return ""


def _moved(collation: Collation) -> dict[str, list[tuple[int, int]]]:
    """Where each witness has a block the aligner found elsewhere in another (a move is
    reported as one transposition, not as an omission and an addition)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    if collation.alignment is not None:
        for move in collation.alignment.transpositions:
            for siglum, span in zip(move.witnesses, move.spans, strict=True):
                spans.setdefault(siglum, []).append((span.start, span.end))
    return {siglum: _union(found) for siglum, found in spans.items()}


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined, sorted: disjoint, so that one look back finds any overlap."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def _unmoved(tokens: list[Token], i: int, j: int, moved: list[tuple[int, int]]) -> tuple[int, int]:
    """Words ``[i, j)`` without a moved block at their start or end (the block is reported as a
    transposition, the rest as what it is); nothing left when a block stands inside.
    ``moved``: character spans, sorted and disjoint (`_union`)."""
    if j <= i:
        return i, j
    low, high = tokens[i].start, tokens[j - 1].end
    first = max(0, bisect.bisect_left(moved, (low,)) - 1)
    for k in range(first, len(moved)):  # not moved[first:]: a copy of the rest, each call
        start, end = moved[k]
        if start >= high:
            break
        if end <= low:
            continue
        inside = [k for k in range(i, j) if start <= tokens[k].start < end]
        if not inside:
            continue
        if inside[0] == i:
            i = inside[-1] + 1
        elif inside[-1] == j - 1:
            j = inside[0]
        else:
            return i, i
        if j <= i:
            return i, i
        low, high = tokens[i].start, tokens[j - 1].end
    return i, j


SINGLE_REACH = 4
"""How far a single added word's model may stand: a word common enough recurs anywhere."""

NEAR_WORDS = 40
"""How far (in words) before or after an addition its model is looked for: a copyist who
wrote a passage again wrote it from a place in sight."""


def _repeat_near(
    witness: Witness,
    tokens: list[Token],
    keys: list[str],
    counts: Counter[str],
    words: tuple[int, int],
    span: Span,
    gap: Reading,
    copies: bool = True,
    reworded: bool = False,
) -> Anomaly | None:
    """Text ``[i, j)`` that only ``witness`` has, and that copies words standing within
    `NEAR_WORDS` before or after it: a dittography at a distance. Deleting ``span`` (the
    reading the others lack) mends it.

    What shows the copyist's eye at work is a *trigger*: the word before the added words is
    also the word before their model, so that the eye, back (or on) at that word, wrote what
    follows it again. Between witnesses that are not copies of each other, a word or two
    that only one has are its reading, not a slip, unless a trigger or length says more."""
    i, j = words
    size = j - i
    added = keys[i:j]
    reach = SINGLE_REACH if size == 1 else NEAR_WORDS
    places = [k for k in range(max(0, i - reach - size), i - size + 1) if keys[k : k + size] == added]
    places += [k for k in range(j, min(len(keys) - size, j + reach) + 1) if keys[k : k + size] == added]
    if not places:
        return None
    model = min(places, key=lambda k: min(abs(k + size - i), abs(k - j)))
    distance = i - (model + size) if model < i else model - j
    rarity = sum(math.log(len(keys) / counts[k]) for k in added) / size
    trigger = 0
    while (
        trigger < 3
        and model - trigger > 0
        and i - trigger > 0
        and keys[model - trigger - 1] == keys[i - trigger - 1]
    ):
        trigger += 1
    features = {
        "length": 0.0 if size == 1 else 0.5 if size == 2 else 1.5 if size <= 5 else 2.5,
        "absent from the other witnesses": 1.5,
        "distance": -0.05 * distance,
        "rarity": max(-1.0, min(1.0, 0.3 * (rarity - 4))),
    }
    if trigger and (copies or trigger + size >= PHRASE):
        features["trigger"] = 2.0 + 0.3 * (trigger - 1)
    if not copies:
        features["a reading of one witness, not a copy of the others"] = UNCOPIED
    if reworded:
        features["in place of other words"] = REWORDED
    copy, other = tokens[i:j], tokens[model : model + size]
    text = witness.text
    start = copy[0].start
    return Anomaly(
        id="",
        kind=AnomalyKind.DITTOGRAPHY,
        witness=witness.siglum,
        start=start,
        end=copy[-1].end,
        text=text[start : copy[-1].end],
        confidence=confidence(features, -1.0, AnomalyKind.DITTOGRAPHY.value),
        cause=_again(size, distance, model < i, gap)
        + (
            f"; after “{' '.join(t.text for t in tokens[i - trigger : i])}”, as the model is"
            if trigger
            else ""
        )
        + ("; the others read other words here: a rewording, not text added" if reworded else ""),
        evidence=(
            Location(witness.siglum, other[0].start, other[-1].end),
            Location(witness.siglum, start, copy[-1].end),
        ),
        reference=Location(witness.siglum, other[0].start, other[-1].end),
        emendation=Emendation(Action.DELETE, span.start, span.end, ""),
        features=features,
    )


PHRASE = 3
"""Between witnesses that are not copies, a trigger counts only where it and the words
written again make a phrase this long: one common word before another recurs by chance."""

UNCOPIED = -2.0
"""The weight against words only one of two witnesses that are not copies of each other
has: a reading, unless a trigger or three words and more of the nearby text say a slip."""


def _again(size: int, distance: int, after: bool, gap: Reading) -> str:
    words = f"{size} word{'s' if size > 1 else ''}"
    apart = f"{distance} word{'s' if distance != 1 else ''} {'after' if after else 'before'}"
    verb = "have" if len(gap.witnesses) > 1 else "has"
    once = f"{', '.join(gap.witnesses)} {verb} {'them' if size > 1 else 'it'}"
    return f"{words} written again {apart} {'their' if size > 1 else 'its'} model; {once} once"


def _unexplained(
    lacking: Witness,
    having: Witness,
    gap: Reading,
    span: Span,
    size: int,
    adding: str,
    known: bool,
    declared: bool = True,
) -> Anomaly:
    """Between copies, an omission or addition no mechanical cause explains: reported all
    the same (a copyist's fault, or a cut or an interpolation), less confident than one a
    mechanical cause explains. Only the relation says it is a fault, so it passes the gate
    only where the relation was declared: an inferred one may be wrong (a reprint an editor
    revised lightly looks like a copy)."""
    raw = having.text[span.start : span.end]
    passage = raw.strip()
    features = {
        "between copies" if declared else "between copies, as inferred": 2.0 if declared else INFERRED,
        "gap length": 0.5 if size <= 60 else -0.5,
    }
    if adding:
        start = span.start + len(raw) - len(raw.lstrip())
        end = start + len(passage)
        others = ", ".join(gap.witnesses)
        return Anomaly(
            id="",
            kind=AnomalyKind.ADDITION,
            witness=having.siglum,
            start=start,
            end=end,
            text=having.text[start:end],
            confidence=confidence(features, _BIAS, AnomalyKind.ADDITION.value),
            cause=f"{size} words that {others} lack{'s' if len(gap.witnesses) == 1 else ''}, with nothing "
            f"to explain them (no repeat, no moved block): an addition or an interpolation"
            + _against(features),
            evidence=(Location(having.siglum, start, end), *_points(gap)),
            reference=_points(gap)[0],
            emendation=Emendation(Action.DELETE, span.start, span.end, ""),
            features=features,
        )
    return _omission(
        lacking,
        having,
        gap,
        span,
        confidence(features, _BIAS, AnomalyKind.OMISSION.value),
        f"omission: {size} words of {having.siglum} missing (“{shorten(passage)}”), with nothing to "
        "explain it (no eye-skip, no moved block)"
        + ("" if known else f"; or an addition in {having.siglum}")
        + _against(features),
        (Location(having.siglum, span.start, span.end),),
        features,
    )


def _against(features: dict[str, float]) -> str:
    """What the cause says of the features that argue against a slip."""
    said = ""
    if "punctuation between copies" in features:
        said += "; punctuation between the copies: a repetition meant, the other's a reading"
    return said


def _in_rewriting(anomaly: Anomaly) -> Anomaly:
    """An omission or addition in a passage the two otherwise read differently around it
    (`Collation.rewritten`): a rewording, at most `REWRITTEN` (as a moved block between
    revisions), and said so."""
    return replace(
        anomaly,
        confidence=min(anomaly.confidence, REWRITTEN),
        cause=anomaly.cause + "; the words around it read otherwise too: a passage rewritten, not a slip",
    )


INFERRED = 1.0
"""The weight of copies, inferred and not declared, for a gap nothing explains: below the
gate (0.38 with a gap of 3 to 60 words), where a declared relation puts it at 0.62."""

NEARBY = 6
"""Words on each side of a gap where the witness said to lack its words is searched for them."""


def _there_after_all(
    collation: Collation, lacking: str, fuller: Reading, gap: Reading, words: tuple[str, int, int]
) -> bool:
    """Whether the words of the gap (``[i, j)`` of ``having``, one of the ``fuller``
    reading's witnesses) stand within `NEARBY` words of the gap in ``lacking`` as often as
    about it in some witness of the fuller reading: the words are not missing but aligned
    beside the gap (another word order, an abbreviation the aligner did not pair: ``αμη¯
    αμην`` against ``αμην αμην``). Each witness of the fuller reading is asked, for one may
    have the words twice where the others have them once."""
    having, i, j = words
    wanted = collation.keys(having)[i:j]
    point = bisect.bisect_left(collation.word_starts(lacking), gap.spans[lacking].start)
    reach = len(wanted) + NEARBY
    mine = _count(collation.keys(lacking)[max(0, point - reach) : point + reach], wanted)
    if not mine:
        return False
    for siglum in sorted(fuller.witnesses):
        keys = collation.keys(siglum)
        at = bisect.bisect_left(collation.word_starts(siglum), fuller.spans[siglum].start)
        if 0 < _count(keys[max(0, at - reach) : at + len(wanted) + reach], wanted) <= mine:
            return True
    return False


def _count(sequence: list[str], part: list[str]) -> int:
    """How often ``part`` occurs in ``sequence``, overlaps counted, in linear time (Knuth,
    Morris and Pratt): comparing ``part`` at every offset is quadratic in a long gap.

    >>> _count(["a", "a", "a", "b"], ["a", "a"]), _count(["a", "b"], [])
    (2, 3)
    """
    if not part:
        return len(sequence) + 1
    fallback = [0] * len(part)  # the longest proper border of each prefix of part
    k = 0
    for q in range(1, len(part)):
        while k and part[q] != part[k]:
            k = fallback[k - 1]
        if part[q] == part[k]:
            k += 1
        fallback[q] = k
    found = k = 0
    for word in sequence:
        while k and word != part[k]:
            k = fallback[k - 1]
        if word == part[k]:
            k += 1
        if k == len(part):
            found += 1
            k = fallback[k - 1]
    return found


def _points(gap: Reading) -> tuple[Location, ...]:
    return tuple(Location(siglum, span.start, span.start) for siglum, span in gap.spans.items())


_WORD_CHARACTER = re.compile(r"\w")


def _spaced(lacking: Witness, point: int, missing: str) -> str:
    """``missing`` with a space on either side where the text at ``point`` needs one."""
    insert = missing
    before, after = lacking.text[point - 1 : point], lacking.text[point : point + 1]
    if before and not before.isspace() and _WORD_CHARACTER.match(insert[:1]):
        insert = " " + insert  # a word after a word or a mark: a space between
    if after and _WORD_CHARACTER.match(after) and insert[-1:] and not insert[-1:].isspace():
        insert += " "  # a word follows: a space before it (not before a comma)
    return insert


def _source_first(reading: Reading, witnesses: dict[str, Witness]) -> str:
    """The witness of ``reading`` to quote: a ``source`` one, else the first by siglum."""
    for siglum in sorted(reading.witnesses):
        if witnesses[siglum].role is Role.SOURCE:
            return siglum
    return min(reading.witnesses)


def _beside_its_copy(keys: list[str], i: int, j: int) -> bool:
    """Whether words ``[i, j)`` stand right before or after the same words."""
    size = j - i
    return keys[max(0, i - size) : i] == keys[i:j] or keys[j : j + size] == keys[i:j]


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
    span: Span,
    tokens: list[Token],
    keys: list[str],
    counts: Counter[str],
    agree: tuple[bool, bool],
    words: tuple[int, int],
    copies: bool = False,
) -> Anomaly | None:
    """An omission a mechanical cause explains: the gap ``words`` of ``having`` slides along
    a repeated phrase, or repeats a clause near it. Words are compared in their scribal form
    (`scribal_key`), as the repeat detectors compare them."""
    i, j = words
    size = j - i
    left = 0  # the words before the gap end the gap too
    while agree[0] and left < size and i - left - 1 >= 0 and keys[i - left - 1] == keys[j - left - 1]:
        left += 1
    right = 0  # the gap begins with the words that follow it
    while agree[1] and right < size and j + right < len(keys) and keys[i + right] == keys[j + right]:
        right += 1
    features: dict[str, float] = {}
    if left or right:
        # A gap that slides is the same eye-skip wherever the aligner put it: from the end of
        # the first copy of the phrase to the end of the second (homeoteleuton).
        shared = max(left, right)
        cause_name = "homeoteleuton"
        (p0, p1), (f0, f1) = (
            ((j - left, j), (i - left, i)) if left >= right else ((j, j + right), (i, i + right))
        )
        if shared == size:
            cause_name = "haplography"
            features["written once for twice"] = 1.5
            # the two copies, and what stands between them in the fuller witness
            mark = (
                (tokens[i - 1].end, tokens[i].start)
                if left >= right
                else (tokens[j - 1].end, tokens[j].start)
            )
            if not copies and size <= 2 and having.text[mark[0] : mark[1]].strip():
                # "very, very" against "very": a repetition meant, not one written twice by a
                # slip; the other reads it once, a reading (between copies, a skip all the same)
                features["punctuation between copies"] = MEANT
        features["gap can slide"] = 1.2 * min(shared, 4)
    else:
        parallel = _parallel(keys, i, j, agree)
        if parallel is None:
            return None
        cause_name, (p0, p1), (f0, f1) = parallel
        features["parallel clause"] = 0.9 * min(p1 - p0, 4)
    rarity = sum(math.log(len(keys) / counts[k]) for k in keys[p0:p1]) / (p1 - p0)
    features["rarity"] = max(-1.0, min(1.0, 0.4 * (rarity - 4)))
    features["gap length"] = 0.5 if 2 <= size <= 60 else -0.5
    if copies:
        features["between copies"] = 2.0  # as for a gap nothing explains, and the eye-skip besides
    phrase_text = " ".join(t.text for t in tokens[p0:p1])
    if cause_name == "haplography":
        explained = f"“{phrase_text}” written once where {having.siglum} has it twice"
    else:
        explained = f"the eye went from one “{phrase_text}” to the other"
    missing = having.text[span.start : span.end]
    return _omission(
        lacking,
        having,
        gap,
        span,
        confidence(features, _BIAS, AnomalyKind.OMISSION.value if copies else ""),
        f"{cause_name}: {explained}; {size} word{'s' if size > 1 else ''} of {having.siglum} "
        f"missing (“{shorten(missing)}”)" + _against(features),
        (
            Location(having.siglum, tokens[f0].start, tokens[f1 - 1].end),
            Location(having.siglum, tokens[p0].start, tokens[p1 - 1].end),
        ),
        features,
        Mechanism(cause_name),
    )


def _omission(
    lacking: Witness,
    having: Witness,
    gap: Reading,
    span: Span,
    score: float,
    cause: str,
    evidence: tuple[Location, ...],
    features: dict[str, float],
    mechanism: Mechanism | None = None,
) -> Anomaly:
    """The one place an omission is made: the empty point in ``lacking``, ``span`` of
    ``having`` as its reference, and the insertion that mends it."""
    point = gap.spans[lacking.siglum].start
    return Anomaly(
        id="",
        kind=AnomalyKind.OMISSION,
        witness=lacking.siglum,
        start=point,
        end=point,
        text="",
        confidence=score,
        cause=cause,
        evidence=(*evidence, Location(lacking.siglum, point, point)),
        reference=Location(having.siglum, span.start, span.end),
        emendation=Emendation(
            Action.INSERT, point, point, _spaced(lacking, point, having.text[span.start : span.end])
        ),
        features=features,
        mechanism=mechanism,
    )


def _parallel(
    keys: list[str], i: int, j: int, agree: tuple[bool, bool]
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

    gap = keys[i:j]
    if agree[0]:
        for m in range(1, min(_WINDOW, i) + 1):  # a clause before the gap opens the same way
            k = 0
            while k < j - i and k < m and keys[i - m + k] == keys[i + k]:
                k += 1
            consider("homeoarchy", (i, i + k), (i - m, i - m + k))
        for k in range(min(j - i, i, 6), 1, -1):  # the words before the gap recur in it
            at = _find(gap, keys[i - k : i])
            if at >= 0:
                consider("homeoteleuton", (i + at, i + at + k), (i - k, i))
                break
    if agree[1]:
        for k in range(min(j - i, len(keys) - j, 6), 1, -1):  # the words after the gap recur in it
            at = _find(gap, keys[j : j + k])
            if at >= 0:
                consider("homeoarchy", (i + at, i + at + k), (j, j + k))
                break
    return best


def _find(sequence: list[str], part: list[str]) -> int:
    for at in range(len(sequence) - len(part) + 1):
        if sequence[at : at + len(part)] == part:
            return at
    return -1
