"""Benchmarks of the detectors: recall on real scribal errors (the Gospel of John in CNTR's
transcriptions, whose first hand and corrections are recorded apart), dittographies flagged in
those manuscripts that no corrector touched, false flags on the Frankenstein print editions
alone and on two of them collated as an author's revisions, and scan time.

Run ``python benchmarks/run.py scribal cntr-flags false-flags revisions scan``. Figures are
printed, never asserted.
"""

from __future__ import annotations

import csv
import dataclasses
import time
from collections import Counter
from typing import Any

from collate.anomalies import DetectOptions, detect, repeats
from collate.anomalies._common import words
from collate.apparatus import build
from collate.model import Anomaly, AnomalyKind, Witness
from collate.readers import load_text

from common import CORPORA, FRANKENSTEIN, best_of, figure

JOHN = CORPORA / "cntr-john"
JOHN_SIGLA = ("P66", "P75", "01", "02", "03", "04", "05", "032")
"""The manuscripts of John whose first hand and corrected text are transcribed apart."""

SINGLE_WITNESS_KINDS = frozenset(
    {AnomalyKind.SPELLING_VARIATION.value, AnomalyKind.EDITORIAL_INSERTION.value}
)
"""Kinds that concern one witness alone, counted apart from the flags of a collation."""


def detect_options(**wanted: Any) -> tuple[DetectOptions, list[str]]:
    """Detector settings with those of ``wanted`` that `DetectOptions` has, and the names of
    those it has not (yet), so that a benchmark runs before and after they are added."""
    known = {f.name for f in dataclasses.fields(DetectOptions)}
    given = {name: value for name, value in wanted.items() if name in known}
    return DetectOptions(**given), sorted(set(wanted) - known)


def _verse_lines(witness: Witness) -> dict[str, tuple[int, int]]:
    """Where each verse (a line ``43003016 text``) lies in a witness's text."""
    spans: dict[str, tuple[int, int]] = {}
    offset = 0
    for line in witness.text.split("\n"):
        ref = line.split(" ", 1)[0]
        if ref.isdigit():
            spans.setdefault(ref, (offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def _rows() -> list[dict[str, str]]:
    """Every correction of the corpus: siglum, ref, type, flag, original_hand, final_reading ..."""
    with (JOHN / "corrections.tsv").open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


def _cases() -> list[dict[str, str]]:
    return [r for r in _rows() if r["flag"]]


def _hands(siglum: str) -> tuple[Witness, Witness]:
    """A manuscript's first hand (siglum ``P66-first``; a siglum cannot hold the critics'
    ``P66*``) and its corrected text (``P66-corrected``)."""
    original = load_text(JOHN / "original" / f"{siglum}.txt", siglum=f"{siglum}-first")
    final = load_text(JOHN / "final" / f"{siglum}.txt", siglum=f"{siglum}-corrected")
    return original, final


def _is_repeat(row: dict[str, str]) -> bool:
    """A deletion that really repeats the words next to it (the corpus flag is only a hint)."""
    deleted = row["original_hand"].split()
    before, after = row["context_before"].split(), row["context_after"].split()
    n = len(deleted)
    return bool(n) and (before[-n:] == deleted or after[:n] == deleted)


def scribal_recall() -> None:
    """Dittographies the scribes' correctors deleted, and eye-skips they filled in, found by
    collate in the first hand: dittography by the single-witness detector, and again with the
    first hand collated against the corrected text; eye-skip by that collation."""
    rows = _cases()
    dittos = [r for r in rows if r["type"] == "addition-deleted" and _is_repeat(r)]
    skips = [r for r in rows if r["type"] == "omission-corrected"]
    found_ditto = found_ditto_any = found_crossed = found_crossed_any = found_skip = found_skip_any = 0
    misses = []
    witnesses = {siglum: _hands(siglum) for siglum in sorted({r["siglum"] for r in rows})}
    single = {s: detect([o]) for s, (o, _) in witnesses.items()}
    crossed = {s: build([o, f]).anomalies for s, (o, f) in witnesses.items()}
    declared = {
        s: build([o, f], detect_options=DetectOptions(relation="copies")).anomalies
        for s, (o, f) in witnesses.items()
    }
    found_declared = 0
    halves: Counter[tuple[str, str]] = Counter()  # (figure, half) found; (figure + " of", half) cases
    for row in dittos:
        original, _ = witnesses[row["siglum"]]
        lo, hi = _verse_lines(original).get(row["ref"], (-1, -1))
        hits = [a for a in single[row["siglum"]] if a.kind is AnomalyKind.DITTOGRAPHY and lo <= a.start <= hi]
        found_ditto_any += bool(hits)
        found_ditto += any(a.confidence >= 0.5 for a in hits)
        if not any(a.confidence >= 0.5 for a in hits):
            misses.append(f"dittography {row['siglum']} {row['ref']} “{row['original_hand']}”")
        hits = [
            a
            for a in crossed[row["siglum"]]
            if a.kind is AnomalyKind.DITTOGRAPHY and a.witness == original.siglum and lo <= a.start <= hi
        ]
        found_crossed_any += bool(hits)
        found_crossed += any(a.confidence >= 0.5 for a in hits)
        half = _half(row["ref"])
        halves["ditto collated", half] += any(a.confidence >= 0.5 for a in hits)
        halves["ditto alone", half] += any(
            a.confidence >= 0.5
            for a in single[row["siglum"]]
            if a.kind is AnomalyKind.DITTOGRAPHY and lo <= a.start <= hi
        )
        halves["ditto of", half] += 1
        if not any(a.confidence >= 0.5 for a in hits):
            misses.append(f"dittography (collated) {row['siglum']} {row['ref']} “{row['original_hand']}”")
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
        halves["skip inferred", _half(row["ref"])] += any(a.confidence >= 0.5 for a in hits)
        halves["skip of", _half(row["ref"])] += 1
        found_declared += any(
            a.kind is AnomalyKind.OMISSION
            and a.witness == original.siglum
            and lo <= a.start <= hi + 1
            and a.confidence >= 0.5
            for a in declared[row["siglum"]]
        )
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
        "  the same, collated with the corrected text",
        f"{found_crossed} / {len(dittos)}",
        f"(any confidence: {found_crossed_any})",
    )
    figure(
        "eye-skips a corrector filled in, found at >= 0.5",
        f"{found_skip} / {len(skips)}",
        f"(any confidence: {found_skip_any}; nothing declared: the pair inferred copies)",
    )
    figure(
        "  the same, the pair declared copies",
        f"{found_declared} / {len(skips)}",
        "(a gap nothing explains is gated only where copies are declared)",
    )
    for name, title in (
        ("ditto collated", "dittographies, collated"),
        ("ditto alone", "dittographies, alone"),
        ("skip inferred", "eye-skips, inferred copies"),
    ):
        of = name.split()[0] + " of"
        figure(
            f"  by half, {title}",
            "   ".join(f"{half}: {halves[name, half]} / {halves[of, half]}" for half in ("1-10", "11-21")),
            "(John's chapters; the rules were written on both)",
        )
    for miss in misses:
        print(f"    missed: {miss}")


def _half(ref: str) -> str:
    """John chapters 1-10 or 11-21, from a reference ``43CCCVVV``."""
    return "1-10" if int(ref[2:5]) <= 10 else "11-21"


def _excerpt(text: str, start: int, end: int, around: int = 40) -> str:
    """A flagged span in brackets, with some of the text on each side (on one line)."""
    return f"…{text[max(0, start - around) : start]}[{text[start:end]}]{text[end : end + around]}…".replace(
        "\n", " / "
    )


def cntr_false_flags() -> None:
    """Dittographies flagged at 0.5 or more in the first hand of the eight manuscripts of John
    where no corrector touched the verse: in the first hand alone, and collated with its
    corrected text (flags in the first hand only). A corrector may let a real slip stand, so
    each is listed to be judged."""
    touched: dict[str, set[str]] = {}
    for row in _rows():
        touched.setdefault(row["siglum"], set()).add(row["ref"])
    modes = ("alone", "collated")
    totals = dict.fromkeys(modes, 0)
    flagged_totals = dict.fromkeys(modes, 0)
    total_words = 0
    listed: dict[tuple[str, int, int], tuple[list[str], str, Anomaly]] = {}
    texts: dict[str, str] = {}
    elapsed = 0.0
    print(
        "False flags: dittographies at >= 0.5 in the first hand of CNTR John, in verses no corrector touched"
    )
    for siglum in JOHN_SIGLA:
        original, final = _hands(siglum)
        texts[original.siglum] = original.text
        spans = _verse_lines(original)
        verses = sorted(spans.items(), key=lambda item: item[1])
        corrected = [spans[ref] for ref in touched.get(siglum, ()) if ref in spans]
        start = time.perf_counter()
        found = {
            "alone": detect([original]),
            "collated": tuple(a for a in build([original, final]).anomalies if a.witness == original.siglum),
        }
        elapsed += time.perf_counter() - start
        count = len(words(original))
        total_words += count
        shown = []
        for mode in modes:
            flags = [a for a in found[mode] if a.kind is AnomalyKind.DITTOGRAPHY and a.confidence >= 0.5]
            untouched = [a for a in flags if not any(lo <= a.start <= hi for lo, hi in corrected)]
            totals[mode] += len(untouched)
            flagged_totals[mode] += len(flags)
            shown.append(f"{len(untouched)}/{len(flags)} ({len(untouched) / count * 1e4:.1f})")
            for a in untouched:
                ref = next((r for r, (lo, hi) in reversed(verses) if lo <= a.start), "?")
                modes_of, _, _ = listed.setdefault((siglum, a.start, a.end), ([], ref, a))
                modes_of.append(mode)
        figure(f"{siglum} ({count:,} words): alone / collated", "   ".join(shown))
    print("  (untouched / all flags at >= 0.5, and untouched per 10,000 words)")
    for mode in modes:
        figure(
            f"all eight ({total_words:,} words), {mode}",
            f"{totals[mode]} ({totals[mode] / total_words * 1e4:.2f} per 10,000)",
            f"goal: at most 2 per 10,000 ({flagged_totals[mode]} flags, touched or not)",
        )
    figure("time (detection alone, and collation)", f"{elapsed:.1f} s")
    first = sorted(listed.items(), key=lambda item: "collated" not in item[1][0])  # the collated ones first
    for (siglum, start, end), (modes_of, ref, a) in first[:20]:
        print(f"    {siglum} {ref} ({' and '.join(modes_of)}) {a.confidence:.2f}: {a.cause}")
        print(f"      {_excerpt(texts[a.witness], start, end)}")


def revisions() -> None:
    """The 1818 and 1823 Frankenstein collated as versions the author revised: flags at 0.5
    or more of any kind that concerns the collation (not the single-witness spelling and
    editorial kinds), each listed; a revision is not a copying error."""
    folder = FRANKENSTEIN / "text" / "full"
    first, second = load_text(folder / "1818.txt"), load_text(folder / "1823.txt")
    options, missing = detect_options(relation="revisions")
    start = time.perf_counter()
    anomalies = build([first, second], detect_options=options).anomalies
    elapsed = time.perf_counter() - start
    confident = [a for a in anomalies if a.confidence >= 0.5]
    flags = [a for a in confident if a.kind.value not in SINGLE_WITNESS_KINDS]
    single = [a for a in confident if a.kind.value in SINGLE_WITNESS_KINDS]
    count = len(words(first))
    print(f"False flags: 1818 and 1823 Frankenstein collated as revisions ({count:,} words in 1818)")
    if missing:
        print(f"  note: DetectOptions has no {', '.join(missing)} yet: collated with the defaults")
    figure("collation", f"{elapsed:.1f} s", f"{len(anomalies)} anomalies at any confidence")
    figure(
        "flags at >= 0.5",
        f"{len(flags)} ({len(flags) / count * 1e4:.2f} per 10,000)",
        "goal: under 1 per 10,000 words of 1818",
    )
    kinds = sorted({(a.kind.value, a.witness) for a in flags})
    for kind, siglum in kinds:
        figure(f"  {kind} in {siglum}", str(sum(a.kind.value == kind and a.witness == siglum for a in flags)))
    if single:
        figure(
            "spelling and editorial kinds at >= 0.5 (not counted)",
            str(len(single)),
            ", ".join(sorted({a.kind.value for a in single})),
        )
    texts = {first.siglum: first.text, second.siglum: second.text}
    for a in flags[:15]:
        print(f"    {a.kind.value} {a.confidence:.2f} in {a.witness}: {a.cause}")
        print(f"      {_excerpt(texts[a.witness], a.start, a.end)}")


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


TRADITIONS = {
    "Frankenstein 1818, 1823, 1831, Thomas (printed editions)": (
        FRANKENSTEIN / "text" / "full",
        ("1818", "1823", "1831", "Thomas"),
        "goal: 2 or fewer, all kinds",
    ),
    "John 01, 03, 05, P66 (manuscripts, final text)": (
        JOHN / "final",
        ("01", "03", "05", "P66"),
        "goal: 5 or fewer, all kinds",
    ),
    "John, the eight manuscripts (final text)": (JOHN / "final", JOHN_SIGLA, ""),
    "John, four printed editions (WH, RP, ST, KJTR)": (JOHN / "final", ("WH", "RP", "ST", "KJTR"), ""),
}


def real_traditions() -> None:
    """What a critic must read on real traditions: flags at the gate's threshold (0.5) per
    10,000 words, by kind, with default options (nothing declared about the witnesses)."""
    print("Flags at confidence >= 0.5 per 10,000 words on real traditions, default options")
    for name, (folder, sigla, goal) in TRADITIONS.items():
        witnesses = [load_text(folder / f"{siglum}.txt") for siglum in sigla]
        count = sum(len(words(w)) for w in witnesses)
        flagged = [a for a in build(witnesses).anomalies if a.confidence >= 0.5]
        print(f"  {name}: {count:,} words")
        figure("all kinds", f"{len(flagged):,} ({len(flagged) / count * 1e4:.1f})", goal)
        for kind in sorted({a.kind.value for a in flagged}):
            n = sum(a.kind.value == kind for a in flagged)
            figure(f"  {kind}", f"{n:,} ({n / count * 1e4:.1f})")
