"""Check that the confidences the library holds are what their measurements give today: the
detectors' fitted table (`collate.anomalies._common.FITTED`, from ``fit_confidence.py``) and
the summary check's per-kind confidences (`collate.summary.CONFIDENCE`, the smoothed share of
each kind's flags that were right on the tuning halves, from ``summary_bench.py``).

A change to a detector or to the summary check that moves what they measure fails here until
the table is measured again. CI runs it after the tests (``.ci/run``); it prints what it
compared and exits 1 on a mismatch.

    python benchmarks/check_calibration.py
"""

from __future__ import annotations

import contextlib
import io
import sys

import fit_confidence

from collate.anomalies._common import FITTED
from collate.summary import CONFIDENCE

import summary_bench


def detectors() -> list[str]:
    """Where the fit on today's cases and the library's table differ (none: they agree)."""
    cases = fit_confidence.cases()
    with contextlib.redirect_stdout(io.StringIO()):
        table, held_out = fit_confidence.fit(cases)
    problems = []
    if set(table) != set(FITTED):
        problems.append(f"fitted kinds {sorted(table)} but the library holds {sorted(FITTED)}")
    for kind in set(table) & set(FITTED):
        if any(abs(a - b) > 0.01 for a, b in zip(table[kind], FITTED[kind], strict=True)):
            problems.append(f"{kind}: fitted {table[kind]}, the library holds {FITTED[kind]}")
    errors = [abs(given - right) * n for _, given, right, n in fit_confidence.reliability(held_out)]
    error = sum(errors) / len(held_out)
    print(f"detectors: {len(cases)} labelled candidates; held-out calibration error {error:.3f}")
    if error >= 0.1:
        problems.append(f"the held-out calibration error is {error:.3f}, 0.1 or more")
    return problems


def summaries() -> list[str]:
    with contextlib.redirect_stdout(io.StringIO()):
        measured = summary_bench.measure("tune", False)["calibrated"]
    assert isinstance(measured, dict)
    problems = []
    for kind, value in CONFIDENCE.items():
        found = measured[kind.value.removeprefix("summary-")]
        if abs(found - value) > 0.005:
            problems.append(f"{kind.value}: the tuning half measures {found:.3f}, the library holds {value}")
    print(f"summary check: {len(CONFIDENCE)} kinds' confidences compared with the tuning half")
    return problems


def main() -> None:
    problems = detectors() + summaries()
    for problem in problems:
        print(f"calibration: {problem}", file=sys.stderr)
    print("calibration: the library's confidences are what their measurements give" if not problems else "")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
