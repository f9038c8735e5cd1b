"""How light `import collate` is, and how fast `collate --help` starts.

Run ``python benchmarks/run.py startup``. Figures are printed, never asserted.
"""

from __future__ import annotations

import subprocess
import sys
import time

from common import figure

HEAVY = (
    "collatex",
    "networkx",
    "numpy",
    "rapidfuzz",
    "Levenshtein",
    "diff_match_patch",
    "snowballstemmer",
    "click",
)


def _best(args: list[str], runs: int = 7) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def startup() -> None:
    bare = _best([sys.executable, "-c", "pass"])
    imported = _best([sys.executable, "-c", "import collate"])
    helped = _best([sys.executable, "-m", "collate", "--help"])
    probe = f"import sys, collate; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    print("Start-up (best of 7)")
    figure("python -c pass", f"{bare * 1000:.0f} ms")
    figure(
        "python -c 'import collate'",
        f"{imported * 1000:.0f} ms",
        f"+{(imported - bare) * 1000:.0f} ms for collate",
    )
    figure("collate --help", f"{helped * 1000:.0f} ms")
    figure("heavy modules loaded by import collate", loaded or "none", f"of {', '.join(HEAVY)}")
