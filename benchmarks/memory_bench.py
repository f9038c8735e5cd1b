"""Memory and size: how much memory collating takes per MB of witness text, and what a
witness of 100 MB meets (refused, before it is read, unless the limit is raised).

Run ``python benchmarks/run.py memory``. Figures are printed, never asserted.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

from common import FRANKENSTEIN, SIGLA, figure, run_command


def _synthetic(copies: int, folder: Path) -> tuple[Path, Path]:
    """Two witnesses of ``copies`` times the whole Frankenstein (2.2 MB): each copy's longer
    words marked with the copy's number so that copies do not repeat one another, and the
    second witness with one word in 40 dropped and one in 60 changed."""
    text = "\n\n".join(
        (FRANKENSTEIN / "text" / "full" / f"{s}.txt").read_text(encoding="utf-8") for s in SIGLA
    )
    words = text.split(" ")
    rng = random.Random(copies)
    first, second = [], []
    for copy in range(copies):
        marked = [w + str(copy) if len(w) > 6 and w.isalpha() else w for w in words]
        first.extend(marked)
        for word in marked:
            roll = rng.random()
            if roll < 1 / 40:
                continue
            second.append(word.upper() if roll < 1 / 40 + 1 / 60 else word)
    a, b = folder / f"a{copies}.txt", folder / f"b{copies}.txt"
    a.write_text(" ".join(first), encoding="utf-8")
    b.write_text(" ".join(second), encoding="utf-8")
    return a, b


def memory() -> None:
    print("Memory per MB of witness text (two synthetic witnesses built from Frankenstein)")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        points = []
        for copies in (1, 2, 4):
            a, b = _synthetic(copies, folder)
            size = (a.stat().st_size + b.stat().st_size) / 1e6
            wall, peak, _ = run_command(
                [
                    sys.executable,
                    "-m",
                    "collate",
                    "align",
                    str(a),
                    str(b),
                    "--format",
                    "json",
                    "-o",
                    str(folder / "out.json"),
                    "--max-size",
                    "100",
                ]
            )
            points.append((size, peak))
            figure(
                f"{size:.1f} MB of text in all",
                f"{peak:,.0f} MiB peak, {wall:.1f} s",
                f"{peak / size:.0f} MiB per MB",
            )
        (s0, p0), (s1, p1) = points[0], points[-1]
        slope = (p1 - p0) / (s1 - s0)
        figure(
            "  memory per further MB of text",
            f"{slope:,.0f} MiB",
            f"a 100 MB witness pair: about {slope * 200 / 1024:,.0f} GiB",
        )
        big = folder / "hundred.txt"
        with big.open("wb") as stream:
            stream.truncate(100_000_000)  # its size is all the refusal looks at
        small = folder / "small.txt"
        small.write_text("a witness\n", encoding="utf-8")
        wall, peak, done = run_command(
            [sys.executable, "-m", "collate", "align", str(small), str(big)], check=False
        )
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()[0]
        figure(
            "a 100 MB witness, default limit",
            f"exit {done.returncode} in {wall:.2f} s",
            f"peak {peak:,.0f} MiB",
        )
        print(f"    {message}")
