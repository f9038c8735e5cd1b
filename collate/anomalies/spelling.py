"""One word spelled two ways in one witness: ``rail roads`` beside ``railroads``.

Two forms count as one word spelled two ways when they differ only in how the word is
divided: written as two words (``rail roads``), hyphenated (``rail-roads``) or solid
(``railroads``). The rarer form is reported, with the other as evidence and an emendation
to it; when one part is a short function word (``a while``, ``may be``) the two may be
different words, and the confidence says so.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from collate.anomalies._common import words
from collate.model import Anomaly, AnomalyKind, Emendation, Location, Token, Witness

_SHORT = 2
"""Parts this long or shorter ("a", "in", "to", "be") may make a different word."""


def find(witness: Witness) -> list[Anomaly]:
    tokens = words(witness)
    text = witness.text
    places: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    # Every word, keyed by its letters alone, under the way it is written.
    for t in tokens:
        places[t.norm.replace("-", "")][t.norm].append((t.start, t.end))
    for left, right in pairwise(tokens):
        if text[left.end : right.start].strip() or "\n" in text[left.end : right.start]:
            continue
        key = left.norm + right.norm
        if key in places and "-" not in key:
            places[key][f"{left.norm} {right.norm}"].append((left.start, right.end))
    found = []
    for forms in places.values():
        if len(forms) < 2:
            continue
        ranked = sorted(forms.items(), key=lambda item: (-len(item[1]), item[0]))
        (usual, usual_places), *others = ranked
        for form, spots in others:
            found.extend(_report(witness, form, spots, usual, usual_places, tokens))
    return found


def _report(
    witness: Witness,
    form: str,
    spots: list[tuple[int, int]],
    usual: str,
    usual_places: list[tuple[int, int]],
    tokens: list[Token],
) -> list[Anomaly]:
    parts = [p for p in form.replace("-", " ").split() + usual.replace("-", " ").split()]
    short = any(len(p) <= _SHORT for p in parts)
    features = {"forms in one witness": 1.0, "usual form repeated": 0.5 if len(usual_places) > 1 else 0.0}
    if short:
        features["a short part: may be two words"] = -1.5
    score = 0.35 if short else (0.7 if len(usual_places) > 1 else 0.6)
    first_usual = witness.text[usual_places[0][0] : usual_places[0][1]]
    reports = []
    for start, end in spots:
        written = witness.text[start:end]
        replacement = first_usual
        if written[:1].isupper() and not replacement[:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        times = f"{len(usual_places)} time{'s' if len(usual_places) > 1 else ''}"
        cause = f"“{written}” here, “{first_usual}” {times} elsewhere in this witness"
        if short:
            cause += "; with a short part, the two may be different words"
        reports.append(
            Anomaly(
                id="",
                kind=AnomalyKind.SPELLING_VARIATION,
                witness=witness.siglum,
                start=start,
                end=end,
                text=written,
                confidence=score,
                cause=cause,
                evidence=(
                    Location(witness.siglum, start, end),
                    *(Location(witness.siglum, s, e) for s, e in usual_places[:3]),
                ),
                emendation=Emendation("replace", start, end, replacement),
                features=features,
            )
        )
    return reports
