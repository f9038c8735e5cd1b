"""Adversarial inputs at two sizes: time per stage, the growth ratio between sizes, peak
memory, against the whole novel's time measured in the same run.

Every stage a run goes through (read, tokenize, align with its refinement, segmentation and
transpositions, the relation of each pair, each detector, the summary check, each report) is
timed on inputs built to be a worst case: text drawn at random from six words (nothing
unique to anchor on) in two witnesses and in three (which the refinement round meets), one
word repeated, two words alternating, 100 near-identical
witnesses, one witness 100 times longer than the others, and a summary 100 times longer
than its source. Each case runs at a size and at twice that size, in a fresh process, so
that its peak memory is its own; a stage whose time grows by 4 when its input doubles is
quadratic. Each case's collate() and JSON report, the work the reference does on the whole
novel, is set against three times the novel's time. The growth ratio is printed for stages
that take long enough to measure (50 ms at the larger size); others say ``-``.

Run ``python benchmarks/run.py stress``. Figures are printed, never asserted.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from common import FRANKENSTEIN, ROOT, SIGLA, edited_copy, figure

_SMALL = 50_000
"""Words per case at the smaller size (the larger is twice as many)."""

_WHOLE = "whole collate()"
"""The stage that runs the others again, together: not added to their sum."""

_MEASURED = 0.05
"""Seconds a stage must take at the larger size for its growth ratio to mean anything."""


def _low_entropy(size: int) -> list[tuple[str, str, str]]:
    chance = random.Random(6)
    common = "the of and to a in".split()
    return [(s, " ".join(chance.choice(common) for _ in range(size)), "witness") for s in "AB"]


def _low_entropy_three(size: int) -> list[tuple[str, str, str]]:
    chance = random.Random(7)
    common = "the of and to a in".split()
    return [(s, " ".join(chance.choice(common) for _ in range(size)), "witness") for s in "ABC"]


def _one_word(size: int) -> list[tuple[str, str, str]]:
    shorter = size - size // 10
    return [("A", " ".join(["the"] * size), "witness"), ("B", " ".join(["the"] * shorter), "witness")]


def _alternating(size: int) -> list[tuple[str, str, str]]:
    a = " ".join("and then" for _ in range(size // 2))
    b = " ".join("then and" for _ in range(size // 2))
    return [("A", a, "witness"), ("B", b, "witness")]


def _novel_words(size: int) -> list[str]:
    words = (FRANKENSTEIN / "text" / "full" / "1818.txt").read_text(encoding="utf-8").split()
    return words[5000 : 5000 + size]


def _near_identical(size: int) -> list[tuple[str, str, str]]:
    """100 copies of one passage of ``size / 100`` words, each with its own random edits."""
    chance = random.Random(100)
    words = _novel_words(size // 100)
    out = []
    for n in range(100):
        copy = edited_copy(words, max(1, len(words) // 50), chance)
        out.append((f"W{n:03d}", " ".join(copy), "witness"))
    return out


def _one_long(size: int) -> list[tuple[str, str, str]]:
    """One witness of ``size`` words and two of a hundredth of it, taken from its middle."""
    words = _novel_words(size)
    short = words[size // 2 : size // 2 + size // 100]
    return [
        ("LONG", " ".join(words), "witness"),
        ("B", " ".join(short), "witness"),
        ("C", " ".join(short[: len(short) // 2] + short[len(short) // 2 + 3 :]), "witness"),
    ]


def _long_summary(size: int) -> list[tuple[str, str, str]]:
    """A source of a hundredth of ``size`` words and a "summary" of ``size`` words."""
    words = _novel_words(size)
    return [
        ("SOURCE", " ".join(words[: size // 100]), "source"),
        ("SUMMARY", " ".join(words), "summary"),
    ]


CASES: dict[str, Callable[[int], list[tuple[str, str, str]]]] = {
    "six words at random, 2 witnesses": _low_entropy,
    "six words at random, 3 witnesses (refinement's worst case)": _low_entropy_three,
    "one word repeated, 2 witnesses": _one_word,
    "two words alternating, 2 witnesses": _alternating,
    "100 near-identical witnesses": _near_identical,
    "one witness 100x longer than 2 others": _one_long,
    "a summary 100x longer than its source": _long_summary,
}


def _stages(inputs: list[tuple[str, str, str]]) -> tuple[dict[str, float], list[str]]:
    """Run every stage on ``inputs`` (siglum, text, role); seconds per stage, and notes."""
    import tempfile

    import collate
    from collate._gc import pauses_gc
    from collate.anomalies import DetectOptions, editorial, omissions, relations, repeats, spelling
    from collate.anomalies import transpositions as moved
    from collate.anomalies._common import Collation
    from collate.apparatus import build
    from collate.tokenizer import tokenize

    times: dict[str, float] = {}

    def timed(stage: str, work: Callable[[], object]) -> object:
        start = time.perf_counter()
        # as the pipeline runs it: detect() pauses the cyclic collector, as align() and
        # render() do, so the detectors called one by one here run paused too
        result = pauses_gc(work)() if stage.startswith("detect") else work()
        times[stage] = times.get(stage, 0.0) + time.perf_counter() - start
        return result

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for siglum, text, _ in inputs:
            path = Path(folder) / f"{siglum}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        timed("tokenize", lambda: [tokenize(text) for _, text, _ in inputs])
        witnesses = timed(
            "read (with tokenizing)",
            lambda: [
                collate.load(p, role=role, max_megabytes=100)[0]
                for p, (_, _, role) in zip(paths, inputs, strict=True)
            ],
        )
    assert isinstance(witnesses, list)
    marks: list[tuple[str, float]] = []

    def mark(stage: str, *_: int) -> None:
        marks.append((stage, time.perf_counter()))

    alignment = timed("align", lambda: collate.align(witnesses, progress=mark))
    assert isinstance(alignment, collate.Alignment)
    # the aligner's own stages, from its progress calls
    for (stage, at), (_, after) in zip(marks, [*marks[1:], ("", marks[-1][1])], strict=True):
        times[f"  align: {stage}"] = times.get(f"  align: {stage}", 0.0) + after - at
    settings = DetectOptions()
    collated = [w for w in witnesses if w.collated]
    cross = alignment if len(alignment.sigla) > 1 else None
    related = timed("relations", lambda: relations(collated, cross, settings))
    assert isinstance(related, tuple)
    collation = Collation(collated, cross, related)
    for w in collated:
        timed("detect: dittography", lambda w=w: repeats.find(w, settings, collation))
        timed("detect: editorial", lambda w=w: editorial.find(w, collation))
        timed("detect: spelling", lambda w=w: spelling.find(w, collation))
    if cross is not None:
        timed("detect: omissions", lambda: omissions.find(collation, settings))
        timed("detect: transpositions", lambda: moved.find(collated, cross, collation))
    summaries = [w for w in witnesses if not w.collated]
    if summaries:
        from collate import summary

        sources = summary.sources_for(witnesses)
        for s in summaries:
            timed("summary check", lambda s=s: summary.check(s, sources))
    apparatus = timed(_WHOLE, lambda: build(witnesses))
    assert isinstance(apparatus, collate.Apparatus)
    for name in ("json", "html", "tei", "text", "latex", "dot", "collatex-json"):
        timed(f"report: {name}", lambda name=name: collate.render(apparatus, name))
    return times, sorted(set(apparatus.alignment.limits))


def _child(case: str, size: int) -> None:
    _stages(CASES[case](200))  # imports and first-use loading are not the case's
    times, notes = _stages(CASES[case](size))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"times": times, "peak": peak, "notes": notes}))


def _run(case: str, size: int) -> dict[str, object]:
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import stress_bench; "
        "stress_bench._child(sys.argv[2], int(sys.argv[3]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(ROOT / "benchmarks"), case, str(size)],
        capture_output=True,
        check=False,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"stress case {case!r} at {size:,} failed:\n{done.stderr[-2000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _novel_seconds() -> float:
    """The whole novel through collate() and the JSON report, in this run (the reference)."""
    script = (
        "import sys, time; import collate\n"
        "files = sys.argv[1:]\n"
        "start = time.perf_counter()\n"
        "ws = [collate.load(f)[0] for f in files]\n"
        "a = collate.collate(ws)\n"
        "collate.render(a, 'json')\n"
        "print(time.perf_counter() - start)\n"
    )
    files = [str(FRANKENSTEIN / "text" / "full" / f"{s}.txt") for s in SIGLA]
    done = subprocess.run([sys.executable, "-c", script, *files], capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def stress(small: int = _SMALL) -> None:
    novel = _novel_seconds()
    print(f"Adversarial inputs at {small:,} and {2 * small:,} words (each case in a fresh process)")
    figure("reference: the whole Frankenstein, collate() + JSON", f"{novel:.2f} s", "cases: goal under 3x")
    for case in CASES:
        runs = [_run(case, small), _run(case, 2 * small)]
        times = [r["times"] for r in runs]
        assert isinstance(times[0], dict) and isinstance(times[1], dict)
        whole = [sum(v for k, v in t.items() if not k.startswith("  ") and k != _WHOLE) for t in times]
        print(f"{case}")
        for stage in times[1]:
            before, after = times[0].get(stage, 0.0), times[1][stage]
            ratio = f"x{after / before:.1f}" if after >= _MEASURED and before > 0 else "-"
            figure(f"  {stage}", f"{before:.2f} s / {after:.2f} s", f"growth {ratio}")
        # what the reference ran: collate() and the JSON report
        same = [t[_WHOLE] + t["report: json"] for t in times]
        worst = same[1] / novel
        verdict = "under" if worst < 3 else "OVER"
        figure(
            "  collate() + JSON, at the larger size",
            f"{same[1]:.1f} s",
            f"{worst:.1f}x the novel ({verdict} 3x); growth x{same[1] / same[0]:.1f}",
        )
        figure("  every stage above, summed", f"{whole[1]:.1f} s", f"growth x{whole[1] / whole[0]:.1f}")
        peaks = [r["peak"] for r in runs]
        figure("  peak memory", f"{peaks[0]:,.0f} / {peaks[1]:,.0f} MiB")
        notes = sorted(set(runs[1]["notes"]))  # type: ignore[call-overload]
        for note in notes:
            print(f"    bound: {note}")
