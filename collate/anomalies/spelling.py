"""One word spelled two ways in one witness: ``rail roads`` beside ``railroads``.

Two forms count as one word spelled two ways when they differ only in how the word is
divided: written as two words (``rail roads``), hyphenated (``rail-roads``) or solid
(``railroads``). The rarer form is reported, with the other as evidence and an emendation
to it. Every part must have three letters or more: ``a long`` and ``along``, ``me an`` and
``mean`` are different words met by chance, and too many to report.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from collate.anomalies._common import Collation, words
from collate.model import Action, Anomaly, AnomalyKind, Emendation, Location, Witness

_SHORTEST = 3
"""Parts shorter than this ("a", "in", "to", "be") too often make a different word."""


def find(witness: Witness, collation: Collation | None = None) -> list[Anomaly]:
    tokens = collation.words(witness.siglum) if collation is not None else words(witness)
    text = witness.text
    norms = [t.norm for t in tokens]
    solid = {n.replace("-", "") for n in set(norms)}
    # The words that can be written another way: hyphenated, or two words that make a solid one.
    keys = {n.replace("-", "") for n in set(norms) if "-" in n}
    pairs = []
    for k, (left, right) in enumerate(pairwise(norms)):
        joined = left + right
        if joined in solid and min(len(left), len(right)) >= _SHORTEST and "-" not in joined:
            gap = text[tokens[k].end : tokens[k + 1].start]
            if not gap.strip() and "\n" not in gap:
                pairs.append(k)
                keys.add(joined)
    if not keys:
        return []
    places: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for t in tokens:
        key = t.norm.replace("-", "") if "-" in t.norm else t.norm
        if key in keys:
            places[key][t.norm].append((t.start, t.end))
    for k in pairs:
        places[norms[k] + norms[k + 1]][f"{norms[k]} {norms[k + 1]}"].append(
            (tokens[k].start, tokens[k + 1].end)
        )
    found = []
    for forms in places.values():
        if len(forms) < 2:
            continue
        ranked = sorted(forms.items(), key=lambda item: (-len(item[1]), item[0]))
        (_, usual_places), *others = ranked
        for form, spots in others:
            found.extend(
                _report(
                    witness, spots, usual_places, [_shared(collation, witness, spot, form) for spot in spots]
                )
            )
    return found


SHARED = 0.4
"""The confidence of a form another collated witness writes at the same place: the spelling
of a text they both descend from, not a slip of this witness (reporting it in each witness
would say one inconsistency as often as there are witnesses)."""


def _shared(collation: Collation | None, witness: Witness, spot: tuple[int, int], form: str) -> bool:
    """Whether another collated witness writes ``form`` at ``spot`` too."""
    if collation is None or collation.alignment is None:
        return False
    wanted = form.split()
    for siglum, (i, j) in collation.words_beside(witness.siglum, *spot).items():
        inside = [t.norm for t in collation.words(siglum)[i:j]]
        if any(inside[k : k + len(wanted)] == wanted for k in range(len(inside))):
            return True
    return False


def _report(
    witness: Witness,
    spots: list[tuple[int, int]],
    usual_places: list[tuple[int, int]],
    shared: list[bool],
) -> list[Anomaly]:
    first_usual = witness.text[usual_places[0][0] : usual_places[0][1]]
    reports = []
    for (start, end), everywhere in zip(spots, shared, strict=True):
        features = {"forms in one witness": 1.0, "usual form repeated": 0.5 if len(usual_places) > 1 else 0.0}
        score = 0.7 if len(usual_places) > 1 else 0.6
        if everywhere:
            features["the other witnesses write it so here"] = 0.0
            score = SHARED
        written = witness.text[start:end]
        replacement = first_usual
        if written[:1].isupper() and not replacement[:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        times = f"{len(usual_places)} time{'s' if len(usual_places) > 1 else ''}"
        cause = f"“{written}” here, “{first_usual}” {times} elsewhere in this witness"
        if everywhere:
            cause += "; the other witnesses write it so here too: the text's spelling"
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
                emendation=Emendation(Action.REPLACE, start, end, replacement),
                features=features,
            )
        )
    return reports
