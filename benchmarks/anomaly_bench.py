"""Benchmarks of the detectors: recall on real scribal errors (the Gospel of John in CNTR's
transcriptions, whose first hand and corrections are recorded apart), false flags on the
Frankenstein print editions, and scan time.

Run ``python benchmarks/run.py anomalies``. Figures are printed, never asserted.
"""

from __future__ import annotations

import csv
import time

from collate.anomalies import DetectOptions, detect, repeats
from collate.anomalies._common import words
from collate.apparatus import build
from collate.model import AnomalyKind, Witness
from collate.readers import load_text

from common import CORPORA, FRANKENSTEIN, best_of, figure

JOHN = CORPORA / "cntr-john"


def _verse_lines(witness: Witness) -> dict[str, tuple[int, int]]:
    """Where each verse (a line ``43003016 text``) lies in a witness's text."""
    spans, offset = {}, 0
    for line in witness.text.split("\n"):
        ref = line.split(" ", 1)[0]
        if ref.isdigit():
            spans.setdefault(ref, (offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def _cases() -> list[dict[str, str]]:
    with (JOHN / "corrections.tsv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    return [r for r in rows if r["flag"]]


def _is_repeat(row: dict[str, str]) -> bool:
    """A deletion that really repeats the words next to it (the corpus flag is only a hint)."""
    deleted = row["original_hand"].split()
    before, after = row["context_before"].split(), row["context_after"].split()
    n = len(deleted)
    return bool(n) and (before[-n:] == deleted or after[:n] == deleted)


def scribal_recall() -> None:
    """Dittographies the scribes' correctors deleted, and eye-skips they filled in, found by
    collate in the first hand: dittography by the single-witness detector; eye-skip by
    collating the first hand against the corrected text."""
    rows = _cases()
    dittos = [r for r in rows if r["type"] == "addition-deleted" and _is_repeat(r)]
    skips = [r for r in rows if r["type"] == "omission-corrected"]
    found_ditto = found_ditto_any = found_skip = found_skip_any = 0
    misses = []
    witnesses: dict[str, tuple[Witness, Witness]] = {}
    for siglum in sorted({r["siglum"] for r in rows}):
        original = load_text(JOHN / "original" / f"{siglum}.txt", siglum=f"{siglum}*")
        final = load_text(JOHN / "final" / f"{siglum}.txt", siglum=f"{siglum}c")
        witnesses[siglum] = (original, final)
    single = {s: detect([o]) for s, (o, _) in witnesses.items()}
    crossed = {s: build([o, f]).anomalies for s, (o, f) in witnesses.items()}
    for row in dittos:
        original, _ = witnesses[row["siglum"]]
        lo, hi = _verse_lines(original).get(row["ref"], (-1, -1))
        hits = [a for a in single[row["siglum"]] if a.kind is AnomalyKind.DITTOGRAPHY and lo <= a.start <= hi]
        found_ditto_any += bool(hits)
        found_ditto += any(a.confidence >= 0.5 for a in hits)
        if not any(a.confidence >= 0.5 for a in hits):
            misses.append(f"dittography {row['siglum']} {row['ref']} “{row['original_hand']}”")
    for row in skips:
        original, _ = witnesses[row["siglum"]]
        lo, hi = _verse_lines(original).get(row["ref"], (-1, -1))
        hits = [
            a
            for a in crossed[row["siglum"]]
            if a.kind is AnomalyKind.OMISSION and a.witness == original.siglum and lo <= a.start <= hi + 1
        ]
        found_skip_any += bool(hits)
        found_skip += any(a.confidence >= 0.5 for a in hits)
        if not any(a.confidence >= 0.5 for a in hits):
            misses.append(f"eye-skip {row['siglum']} {row['ref']} “{row['final_reading']}”")
    flagged = [r for r in rows if r["type"] == "addition-deleted"]
    print("Recall on real scribal errors (CNTR John: corrections recorded apart from the first hand)")
    print(
        f"  cases: {len(flagged)} deletions the corpus flags as dittography, of which {len(dittos)} "
        f"repeat the adjacent words; {len(skips)} supplied omissions it flags as eye-skip"
    )
    figure(
        "dittographies a corrector deleted, found at >= 0.5",
        f"{found_ditto} / {len(dittos)}",
        f"(any confidence: {found_ditto_any})",
    )
    figure(
        "eye-skips a corrector filled in, found at >= 0.5",
        f"{found_skip} / {len(skips)}",
        f"(any confidence: {found_skip_any})",
    )
    for miss in misses:
        print(f"    missed: {miss}")


def print_editions() -> None:
    """Dittographies flagged at 0.5 or more on the Frankenstein print editions, each listed."""
    print("False flags: dittography at confidence >= 0.5 on the Frankenstein print editions")
    folder = FRANKENSTEIN / "text" / "full"
    for siglum in ("1818", "1823", "1831"):
        witness = load_text(folder / f"{siglum}.txt")
        flagged = [a for a in repeats.find(witness, DetectOptions()) if a.confidence >= 0.5]
        count = len(words(witness))
        figure(
            f"{siglum} ({count:,} words)",
            f"{len(flagged)} ({len(flagged) / count * 1e4:.2f} per 10,000)",
            "goal: under 1 per 10,000",
        )
        for a in flagged:
            print(f"    {a.confidence:.2f} “{witness.text[max(0, a.start - 40) : a.end + 20]}”")


def scan_time() -> None:
    """The single-witness detectors over the whole 1818 edition."""
    witness = load_text(FRANKENSTEIN / "text" / "full" / "1818.txt")
    repeats.find(witness, DetectOptions())  # import numpy outside the timing
    elapsed, found = best_of(3, lambda: detect([witness]))
    start = time.perf_counter()
    repeats.find(witness, DetectOptions())
    repeat_time = time.perf_counter() - start
    print("Scan time, whole 1818 edition (72,700 words)")
    figure("all single-witness detectors (best of 3)", f"{elapsed * 1000:.0f} ms", "goal: under 1 s")
    figure("  of which the repeat scan", f"{repeat_time * 1000:.0f} ms", f"{len(found)} anomalies")
