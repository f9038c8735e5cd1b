"""Shared helpers for the benchmarks: where the corpora are, timing, memory."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("COLLATE_CORPORA", ROOT.parent / "shared" / "corpora"))
FRANKENSTEIN = CORPORA / "frankenstein-variorum"
SIGLA = ("1818", "1823", "1831", "Thomas", "MS")


def best_of(runs: int, work: Callable[[], Any]) -> tuple[float, Any]:
    """The shortest wall time of ``runs`` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


_MEASURE = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:])\n"
    "sys.stderr.write(f'\\n@maxrss {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n')\n"
    "sys.exit(done.returncode)\n"
)


def run_command(
    args: list[str], *, check: bool = True
) -> tuple[float, float, subprocess.CompletedProcess[bytes]]:
    """Run a command; return its wall time in seconds, its own peak memory in MiB (measured in
    a fresh parent process, so earlier runs do not count) and the finished process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURE, *args], capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    stderr = done.stderr.decode("utf-8", "replace")
    peak = float(stderr.rsplit("@maxrss ", 1)[-1].split()[0]) / 1024 if "@maxrss " in stderr else float("nan")
    if check and done.returncode != 0:
        sys.stderr.write(stderr)
        raise SystemExit(f"benchmark command failed: {' '.join(args)}")
    return elapsed, peak, done


def edited_copy(words: list[str], edits: int, chance: random.Random) -> list[str]:
    """``words`` with ``edits`` random edits, each a word changed, dropped or doubled."""
    copy = list(words)
    for _ in range(edits):
        k = chance.randrange(len(copy))
        edit = chance.randrange(3)
        if edit == 0:
            copy[k] = chance.choice(words)
        elif edit == 1:
            del copy[k]
        else:
            copy.insert(k, copy[k])
    return copy


def figure(name: str, value: str, goal: str = "") -> None:
    """Print one measured figure in a fixed layout."""
    print(f"  {name:<46} {value:>16}   {goal}")
