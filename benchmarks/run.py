"""Run the benchmarks and print their figures: ``python benchmarks/run.py [NAME...]``.

Names: whole-novel, minimal, variorum, john, hard, collatex (about a minute: it runs CollateX),
scribal, cntr-flags, false-flags, revisions, real-flags (flags per 10,000 words on real
traditions), held-out (relations, flags and precision per half of the split by text,
Notre besoin judged by its stemma, Mark unseen with its correctors' cases), injected (errors
injected into two editions),
injected-held-out (the same at seeds nobody read), scan, memory, startup, stress (adversarial inputs at two
sizes, time per stage, growth ratios and peak memory: several minutes), batch (10,000
records: several minutes; COLLATE_BENCH_RECORDS=500 for a quick look), discover (50 MB),
reports (whole-book HTML, opened in Chromium), stemma (ASD on Notre besoin), summary (the
summary check on the held-out halves of both labelled sets).
With no name, all of them run. Nothing is asserted: figures are for reading.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import archive_bench
import evaluation_bench
import report_bench
import stemma_bench
import stress_bench

import align_bench
import anomaly_bench
import injected_bench
import memory_bench
import startup_bench
import summary_bench
from common import CORPORA

BENCHES = {
    "whole-novel": align_bench.whole_novel,
    "minimal": align_bench.minimal_edit_script,
    "variorum": align_bench.variorum_agreement,
    "john": align_bench.gospel_of_john,
    "hard": align_bench.hard_inputs,
    "collatex": align_bench.collatex_side_by_side,
    "scribal": anomaly_bench.scribal_recall,
    "cntr-flags": anomaly_bench.cntr_false_flags,
    "false-flags": anomaly_bench.print_editions,
    "revisions": anomaly_bench.revisions,
    "real-flags": anomaly_bench.real_traditions,
    "held-out": evaluation_bench.held_out,
    "injected": injected_bench.injected,
    "injected-held-out": injected_bench.injected_held_out,
    "scan": anomaly_bench.scan_time,
    "memory": memory_bench.memory,
    "startup": startup_bench.startup,
    "stress": stress_bench.stress,
    "batch": archive_bench.batch,
    "discover": archive_bench.discover,
    "reports": report_bench.reports,
    "summary": summary_bench.held_out,
    "stemma": lambda: stemma_bench.run(100),
}


def main(names: list[str]) -> int:
    if not CORPORA.exists():
        print(f"the corpora are not at {CORPORA}; set COLLATE_CORPORA", file=sys.stderr)
        return 1
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHES)}", file=sys.stderr)
        return 2
    for name in names or list(BENCHES):
        BENCHES[name]()
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
