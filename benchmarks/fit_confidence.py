"""Fit the detectors' confidence on labelled cases, with cross-validation, and print how well
the fitted confidences hold (a reliability table: of the flags given about 0.8, how many were
right).

Labelled candidates (every candidate the detectors make, at any confidence):

- errors injected into two *Frankenstein* texts the benchmarks do not inject into (1823, and
  the Thomas copy), with their own seeds, the copy collated with its exemplar and read alone:
  a candidate that finds an injected error is right, any other is wrong;
- the same two texts read alone: their repeats are the author's or the language's, all wrong;
- four manuscripts of John in the CNTR transcriptions (P66, P75, 01, 02; the benchmarks
  report the other four apart): the first hand alone, and collated with its corrected text
  (declared its exemplar); a candidate is right where a corrector mended that verse in the
  way the candidate says (a deletion for a dittography or an addition, a supplement for an
  omission, a change for a transposition);
The fitted confidences are those of copies (the default relation): between an author's
revisions the detectors keep their hand weights, and the revisions benchmark measures them.

For each kind, a logistic regression (scikit-learn) of rightness on the detector's named
features: each feature's weight is scaled and a bias fitted, so that the hand-set weights
keep their meaning and the confidence becomes a frequency. Groups (a text, a manuscript) are
kept whole in the five folds of the cross-validation, so every figure printed is on texts the
fold did not fit on. A fit is used only where, held out, it beats the hand-set weights by
`MARGIN` (Brier score) and flags no more wrong candidates at the gate (`GATE`): a better
calibration bought with false flags a user must read is not wanted. ``--table`` prints
`collate.anomalies._common.FITTED` as fitted on all the cases.

    python benchmarks/fit_confidence.py [--table]
"""

from __future__ import annotations

import argparse
import csv
import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import collate
from collate.anomalies import DetectOptions
from collate.model import Anomaly
from collate.readers import load_text

from anomaly_bench import JOHN, _verse_lines
from common import FRANKENSTEIN
from injected_bench import Corruptor, finds

FIT_EDITIONS = ("1823", "Thomas")
FIT_SEEDS = (1, 2)
FIT_MANUSCRIPTS = ("P66", "P75", "01", "02")
KINDS = ("dittography", "omission", "addition", "transposition")
RIGHT_CORRECTION = {
    "dittography": {"addition-deleted"},
    "addition": {"addition-deleted"},
    "omission": {"omission-corrected"},
    "transposition": {"substitution"},
}
"""Which kind of correction mends what each kind of anomaly says went wrong."""

MIN_CLASS = 20
"""A kind is fitted only where the cases hold this many right and this many wrong: errors
injected into a text are nearly all found, and a fit on them alone would say that every
flag of the kind is right."""

GATE = 0.5
"""The confidence at which a flag reaches the user (the gate's threshold)."""

MARGIN = 0.02
"""How much lower (as a share) the held-out Brier score of a fit must be than that of the hand
weights for the fit to be used: less is noise, and a table that flips with it is no help."""

HAND_BIAS = {"dittography": -1.0, "omission": -2.0, "addition": -2.0, "transposition": 0.0}
"""The detectors' own biases (``_BIAS`` in collate/anomalies), to which their hand-set
feature weights are added."""

EVERYTHING = 0.0
"""Candidates are taken at any confidence."""


@dataclass(frozen=True, slots=True)
class Case:
    group: str
    kind: str
    features: dict[str, float]
    right: bool
    hand: float
    """The confidence the hand-set weights give."""


def _cases_injected() -> Iterator[Case]:
    for siglum in FIT_EDITIONS:
        exemplar = load_text(FRANKENSTEIN / "text" / "full" / f"{siglum}.txt", siglum=siglum)
        for seed in FIT_SEEDS:
            corruptor = Corruptor(exemplar.text, seed=seed)
            corrupted, injected = corruptor.corrupt(corruptor.edits(40))
            copy = collate.witness(f"{siglum}-copy", corrupted)
            options = DetectOptions(report_floor=EVERYTHING, exemplars={copy.siglum: siglum})
            collated = collate.collate([exemplar, copy], detect_options=options).anomalies
            alone = collate.detect(
                [copy], options=DetectOptions(report_floor=EVERYTHING)
            )  # the copy read alone
            tests = [finds(error, siglum, copy.siglum) for error in injected]
            for a in (*collated, *alone):
                if a.kind.value in KINDS:
                    right = any(t(a) for t in tests)
                    yield Case(f"{siglum}/{seed}", a.kind.value, dict(a.features), right, a.confidence)


def _cases_print() -> Iterator[Case]:
    """Repeats in the same print editions read alone: an author's ("Cursed, cursed"), or the
    language's; none is a copying error."""
    for siglum in FIT_EDITIONS:
        edition = load_text(FRANKENSTEIN / "text" / "full" / f"{siglum}.txt", siglum=siglum)
        for a in collate.detect([edition], options=DetectOptions(report_floor=EVERYTHING)):
            if a.kind.value in KINDS:
                yield Case(f"{siglum} alone", a.kind.value, dict(a.features), False, a.confidence)


def _corrections() -> dict[str, list[dict[str, str]]]:
    with (JOHN / "corrections.tsv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    by_siglum: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_siglum[row["siglum"]].append(row)
    return by_siglum


def _mended(a: Anomaly, rows: list[dict[str, str]], verses: dict[str, tuple[int, int]]) -> bool:
    """Whether a corrector mended the verse of ``a`` the way ``a`` says went wrong."""
    for row in rows:
        lo, hi = verses.get(row["ref"], (-1, -1))
        if row["type"] in RIGHT_CORRECTION[a.kind.value] and lo <= a.start <= hi + 1:
            return True
    return False


def _cases_cntr() -> Iterator[Case]:
    corrections = _corrections()
    for siglum in FIT_MANUSCRIPTS:
        first = load_text(JOHN / "original" / f"{siglum}.txt", siglum=f"{siglum}-first")
        final = load_text(JOHN / "final" / f"{siglum}.txt", siglum=f"{siglum}-corrected")
        verses = _verse_lines(first)
        rows = corrections[siglum]
        alone = collate.detect([first], options=DetectOptions(report_floor=EVERYTHING))
        options = DetectOptions(report_floor=EVERYTHING, exemplars={first.siglum: final.siglum})
        collated = collate.collate([first, final], detect_options=options).anomalies
        for a in (*alone, *collated):
            if a.kind.value in KINDS and a.witness == first.siglum:
                right = _mended(a, rows, verses)
                yield Case(f"John {siglum}", a.kind.value, dict(a.features), right, a.confidence)


def cases() -> list[Case]:
    """Every labelled candidate, each with the confidence the hand weights give it."""
    from collate.anomalies import _common

    fitted = dict(_common.FITTED)
    _common.FITTED.clear()
    try:
        return [*_cases_injected(), *_cases_print(), *_cases_cntr()]
    finally:
        _common.FITTED.update(fitted)


def _enough(cases: list[Case]) -> bool:
    right = sum(c.right for c in cases)
    return min(right, len(cases) - right) >= MIN_CLASS


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def fit(
    all_cases: list[Case], per_feature: bool = False
) -> tuple[dict[str, tuple[float, float]], list[tuple[float, bool]]]:
    """Per kind: the bias and the scale of the hand-weighted sum fitted on every case (where
    that beats the hand weights held out), and the held-out (cross-validated) confidence of
    each case with its label.

    By default one scale for the hand-weighted sum and a bias (Platt's scaling: the hand
    weights keep their proportions, the fit says how far to trust their sum); with
    ``per_feature``, a scale for each feature."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    table: dict[str, tuple[float, float]] = {}
    held_out: list[tuple[float, bool]] = []
    for kind in KINDS:
        mine = [c for c in all_cases if c.kind == kind]
        labels = np.array([c.right for c in mine])
        right = int(labels.sum())
        if not _enough(mine):
            print(
                f"  {kind}: {len(mine)} cases, {right} right: fewer than {MIN_CLASS} of one class, "
                "nothing to fit on; hand weights kept"
            )
            continue
        if per_feature:
            x = DictVectorizer(sparse=False).fit_transform([c.features for c in mine])
        else:
            x = np.array([[_logit(c.hand)] for c in mine])
        groups = np.array([c.group for c in mine])
        folds = min(5, len(set(groups)))
        predicted = np.zeros(len(mine))
        for train, test in GroupKFold(n_splits=folds).split(x, labels, groups):
            if labels[train].all() or not labels[train].any():
                predicted[test] = labels[train].mean()
                continue
            model = LogisticRegression(C=1.0, max_iter=1000).fit(x[train], labels[train])
            predicted[test] = model.predict_proba(x[test])[:, 1]
        held_out.extend(zip(predicted.tolist(), labels.tolist(), strict=True))
        brier = float(np.mean((predicted - labels) ** 2))
        hand = float(np.mean((np.array([c.hand for c in mine]) - labels) ** 2))
        base = float(np.mean((labels.mean() - labels) ** 2))
        print(
            f"  {kind}: {len(mine)} cases, {right} right, {folds}-fold Brier score {brier:.3f} "
            f"(the hand weights: {hand:.3f}; always the base rate: {base:.3f})"
        )
        if per_feature:
            continue  # for comparison only: the library takes one scale, not one per feature
        if brier > (1 - MARGIN) * hand:
            print(f"  {kind}: not {MARGIN:.0%} better than the hand weights held out; hand weights kept")
            continue
        hand_given = np.array([c.hand for c in mine])
        wrong_fit = int(((predicted >= GATE) & ~labels).sum())
        wrong_hand = int(((hand_given >= GATE) & ~labels).sum())
        if wrong_fit > wrong_hand:
            print(
                f"  {kind}: held out, the fit flags {wrong_fit} wrong candidates at {GATE} or more, "
                f"the hand weights {wrong_hand}; hand weights kept"
            )
            continue
        model = LogisticRegression(C=1.0, max_iter=1000).fit(x, labels)
        scale, intercept = float(model.coef_[0][0]), float(model.intercept_[0])
        # sigma(b + a * (hand bias + sum of features)) = sigma((b + a * hand bias) + a * sum)
        table[kind] = (round(intercept + scale * HAND_BIAS[kind], 3), round(scale, 3))
    return table, held_out


def reliability(pairs: list[tuple[float, bool]], bins: int = 10) -> list[tuple[float, float, float, int]]:
    """For each tenth of the confidence scale: its range, the mean confidence given, the share
    right, and how many cases."""
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(p, y) for p, y in pairs if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if inside:
            given = sum(p for p, _ in inside) / len(inside)
            rows.append((lo, given, sum(y for _, y in inside) / len(inside), len(inside)))
    return rows


def _show(title: str, pairs: list[tuple[float, bool]]) -> None:
    print(f"\nReliability, {title}:")
    print("  confidence   given   right   cases")
    for lo, given, right, n in reliability(pairs):
        bar = "#" * round(40 * right)
        print(f"  {lo:.1f}-{lo + 0.1:.1f}    {given:5.2f}   {right:5.2f}   {n:5d}  {bar}")
    error = sum(n * abs(g - r) for _, g, r, n in reliability(pairs)) / max(1, len(pairs))
    print(f"  expected calibration error: {error:.3f}")


def svg(series: dict[str, tuple[str, list[tuple[float, float, float, int]]]]) -> str:
    """A reliability diagram: for each series (colour, reliability rows), a point per tenth of
    the scale at (confidence given, share right), its area by the number of cases."""
    size, pad = 320, 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size + 2 * pad}" height="{size + 2 * pad}" '
        'font-family="sans-serif" font-size="11">',
        f'<rect x="{pad}" y="{pad}" width="{size}" height="{size}" fill="none" stroke="#999"/>',
        f'<line x1="{pad}" y1="{pad + size}" x2="{pad + size}" y2="{pad}" stroke="#bbb" '
        'stroke-dasharray="4 3"/>',
        f'<text x="{pad + size / 2}" y="{size + 2 * pad - 8}" text-anchor="middle">confidence given</text>',
        f'<text x="12" y="{pad + size / 2}" transform="rotate(-90 12 {pad + size / 2})" '
        'text-anchor="middle">share right</text>',
    ]
    for tick in (0, 0.5, 1):
        out.append(f'<text x="{pad + tick * size}" y="{pad + size + 14}" text-anchor="middle">{tick}</text>')
        out.append(f'<text x="{pad - 6}" y="{pad + size - tick * size + 4}" text-anchor="end">{tick}</text>')
    for row, (name, (colour, rows)) in enumerate(series.items()):
        out.append(
            f'<text x="{pad + size - 130}" y="{pad + size - 36 + 14 * row}" fill="{colour}">● {name}</text>'
        )
        for _, given, right, n in rows:
            radius = 2 + 1.5 * math.sqrt(n)
            x, y = pad + given * size, pad + size - right * size
            out.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}" fill-opacity="0.45" '
                f'stroke="{colour}"/>'
            )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", action="store_true", help="print FITTED as fitted on all cases")
    parser.add_argument("--svg", type=Path, help="write the reliability diagram (SVG) here")
    options = parser.parse_args()
    all_cases = cases()
    print(f"{len(all_cases):,} labelled candidates from {len({c.group for c in all_cases})} texts")
    print("\nOne scale per feature (for comparison):")
    _, per_feature = fit(all_cases, per_feature=True)
    _show("a scale per feature, held out", per_feature)
    print("\nOne scale for the hand-weighted sum, and a bias (the table collate uses):")
    table, held_out = fit(all_cases)
    fitted_kinds = {kind for kind in KINDS if _enough([c for c in all_cases if c.kind == kind])}
    hand = [(c.hand, c.right) for c in all_cases if c.kind in fitted_kinds]
    _show("the hand-set weights, on the kinds with enough cases to fit", hand)
    _show("fitted, held out (each case scored by a model that did not see its text)", held_out)
    if options.svg:
        options.svg.write_text(
            svg(
                {
                    "hand-set weights": ("#c0392b", reliability(hand)),
                    "fitted, held out": ("#2471a3", reliability(held_out)),
                }
            ),
            encoding="utf-8",
        )
    if options.table:
        print("\nFITTED = {")
        for kind, (bias, scale) in table.items():
            print(f'    "{kind}": ({bias}, {scale}),')
        print("}")


if __name__ == "__main__":
    main()
