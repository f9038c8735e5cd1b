"""Whole archives: the batch over 10,000 seed-sized records, and discovery over 50 MB of text.

``batch``: records built from Frankenstein (`archive.build_records`), collated by
`collate.batch.run_batch` with one and two local workers and on a Dask LocalCluster of two
workers; records per second, the peak memory of each worker, and a rerun with nothing changed.
``COLLATE_BENCH_RECORDS`` sets another number of records.

``discover``: a corpus of at least 50 MB in which groups are planted: disjoint passages of
Frankenstein (1818) and of John (03), 300 to 1,500 words, each copied two to five times, each
copy with a word in twenty changed and set inside a different host document; the hosts, and
the unrelated documents that fill the corpus, are the words of the two texts in a shuffled
order (they share words, not passages). The real witnesses are left out here (a passage of
1818 would link its copies to every edition), and so is any passage holding ten words its
source has twice (1818's title page heads each of its three volumes; John repeats sayings),
which would link two planted groups; the tests find the real witnesses' groups. Precision and
recall are of the groups found against the groups planted (a group counts as found when its
documents are exactly a planted group's).
"""

from __future__ import annotations

import os
import random
import resource
import tempfile
import time
from collections import Counter
from pathlib import Path

from common import CORPORA, FRANKENSTEIN, figure

RECORDS = int(os.environ.get("COLLATE_BENCH_RECORDS", "10000"))


def batch() -> None:
    from archive import build_records

    from collate.batch import run_batch

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "records"
        source.mkdir()
        started = time.perf_counter()
        for name, text in build_records(RECORDS, seed=10):
            (source / name).write_text(text, encoding="utf-8")
        size = sum(p.stat().st_size for p in source.iterdir())
        print(f"Batch: {RECORDS:,} seed-sized records built from Frankenstein ({size / 1e6:.1f} MB)")
        figure("  building the records", f"{time.perf_counter() - started:.1f} s")
        runs = [("1 local worker", {"workers": 1}), ("2 local workers", {"workers": 2})]
        for label, options in runs:
            _one_run(label, source, Path(folder) / label.replace(" ", "-"), options)
        try:
            from distributed import LocalCluster
        except ImportError:
            figure("Dask LocalCluster, 2 workers", "not run: pip install 'collate[dask]'")
        else:
            with LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster:
                out = Path(folder) / "dask"
                _one_run(
                    "Dask LocalCluster, 2 workers", source, out, {"scheduler": cluster.scheduler_address}
                )
                same = _tree(out) == _tree(Path(folder) / "1-local-worker")
                figure("  reports byte for byte those of 1 local worker", "yes" if same else "NO")
        out = Path(folder) / "2-local-workers"
        started = time.perf_counter()
        again = run_batch([source], out, workers=2)
        figure("rerun with nothing changed (2 local workers)", f"{time.perf_counter() - started:.1f} s",
               f"{again.skipped:,} skipped, {again.done} collated")  # fmt: skip


def _one_run(label: str, source: Path, out: Path, options: dict[str, object]) -> None:
    from collate.batch import run_batch

    started = time.perf_counter()
    result = run_batch([source], out, **options)  # type: ignore[arg-type]
    wall = time.perf_counter() - started
    peaks = sorted(result.peak_memory.values())
    figure(label, f"{result.done / wall:,.1f} records/s", f"{wall:.0f} s, {result.failed} failed")
    if peaks:
        figure(
            "  peak memory per worker",
            f"{peaks[-1] / 2**20:,.0f} MiB",
            f"({len(peaks)} workers, the least {peaks[0] / 2**20:,.0f} MiB)",
        )


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def discover() -> None:
    from collate.discover import discover as run

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        planted, size = _corpus(Path(folder), megabytes=50)
        print(f"Discovery: {size / 1e6:.1f} MB in {sum(1 for _ in Path(folder).rglob('*.txt')):,} documents, "
              f"{len(planted)} groups planted")  # fmt: skip
        figure("  building the corpus", f"{time.perf_counter() - started:.1f} s")
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        found = run([folder], workers=2)
        wall = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        figure("discovery, 2 local workers", f"{wall:.1f} s", f"{size / 1e6 / wall:.1f} MB/s")
        figure(
            "  peak memory of this process", f"{peak / 1024:,.0f} MiB", f"(before: {before / 1024:,.0f} MiB)"
        )
        got = {frozenset(Path(p).name for p in group) for group in found.groups}
        want = {frozenset(group) for group in planted}
        right = len(got & want)
        figure("  groups found / planted", f"{len(got)} / {len(want)}")
        figure("  precision (groups)", f"{right / len(got):.3f}" if got else "-", "exact document sets")
        figure("  recall (groups)", f"{right / len(want):.3f}")
        pairs_got = {frozenset(Path(p).name for p in pair.documents) for pair in found.pairs}
        pairs_want = {frozenset((a, b)) for group in planted for a in group for b in group if a < b}
        figure("  precision / recall (pairs)",
               f"{len(pairs_got & pairs_want) / max(1, len(pairs_got)):.3f} / "
               f"{len(pairs_got & pairs_want) / len(pairs_want):.3f}")  # fmt: skip
        for group in sorted(want - got, key=sorted)[:3]:
            print(f"    missed: {sorted(group)}")
        for group in sorted(got - want, key=sorted)[:3]:
            print(f"    wrong: {sorted(group)[:6]}")


def _corpus(folder: Path, megabytes: float) -> tuple[list[set[str]], int]:
    """Write the corpus into ``folder``; the planted groups (by file name) and its size."""
    chance = random.Random(50)
    sources = [
        (FRANKENSTEIN / "text" / "full" / "1818.txt").read_text(encoding="utf-8").split(),
        (CORPORA / "cntr-john" / "norm" / "03.txt").read_text(encoding="utf-8").split(),
    ]
    vocabulary = sources[0] + sources[1]
    # disjoint passages, 300 to 1,500 words, 50 words apart, so that no two groups share text
    passages = []
    for words in sources:
        # a run of ten words the source itself has twice (1818's title page heads each volume,
        # John repeats whole sayings) would link two passages: no passage holds one
        counts = Counter(tuple(words[k : k + 10]) for k in range(len(words) - 9))
        repeated = [counts[tuple(words[k : k + 10])] > 1 for k in range(len(words) - 9)]
        at = 0
        while True:
            length = chance.randint(300, 1500)
            if at + length > len(words):
                break
            if not any(repeated[at : at + length - 9]):
                passages.append(words[at : at + length])
            at += length + 50
    chance.shuffle(passages)
    planted: list[set[str]] = []
    size = 0
    number = 0

    def host(words: int) -> list[str]:
        start = chance.randrange(len(vocabulary) - words)
        part = vocabulary[start : start + words]
        chance.shuffle(part)
        return part

    def write(name: str, words: list[str]) -> None:
        nonlocal size
        text = " ".join(words)
        (folder / name).write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))

    while size < megabytes * 1e6:
        number += 1
        if passages and number % 8 == 0:  # a planted group: one passage copied into 2 to 5 hosts
            passage = passages.pop()
            group = set()
            for copy in range(chance.randint(2, 5)):
                changed = [w if chance.random() > 0.05 else chance.choice(vocabulary) for w in passage]
                name = f"group{number:05d}-{copy}.txt"
                write(name, host(chance.randint(500, 4000)) + changed + host(chance.randint(500, 4000)))
                group.add(name)
            planted.append(group)
        else:  # an unrelated document
            write(f"other{number:05d}.txt", host(chance.randint(1000, 8000)))
    return planted, size
