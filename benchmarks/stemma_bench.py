"""The stemma against artificial traditions whose true stemma is known: the average sign
distance (ASD) of Roos and Heikkilä (2009) and the rooted triplet distance (RTD) between the
true and the built tree, for each tradition in ``data/notre-besoin`` and ``data/stemma``.

ASD: for every witness A and every pair B, C of other witnesses, the sign of d(A, B) − d(A, C)
is compared in the two trees, d being the number of edges between two nodes (lost ancestors
count as nodes; direction is not used). A triple scores 1 when the signs agree, ½ when one
of them is 0 and the other not, 0 when they are opposite; the ASD is the mean, in per cent.

RTD: for every three witnesses, their rooted relation (which descend from which; which two
meet below the point where all three meet) is compared in the two trees; the RTD is the share
that differs, in per cent. Unlike the ASD it sees the direction of copying: a tree rooted in
the wrong place scores worse.

    python benchmarks/stemma_bench.py [--replicates N]
"""

from __future__ import annotations

import argparse
import itertools
import re
import time
from collections import deque
from pathlib import Path

import collate
from collate import stemmatics

DATA = Path(__file__).parent / "data"


def true_edges(folder: Path) -> list[tuple[str, str]]:
    """The true stemma's edges: ``true-stemma.tsv`` (parent, child) or ``stemma.dot``."""
    tsv = folder / "true-stemma.tsv"
    if tsv.exists():
        return [
            (a, b)
            for a, b in (
                line.split("\t")[:2] for line in tsv.read_text(encoding="utf-8").splitlines() if "\t" in line
            )
        ]
    dot = (folder / "stemma.dot").read_text(encoding="utf-8")
    return re.findall(r'"?([^\s";]+)"?\s*->\s*"?([^\s";\[]+)"?', dot)


def path_lengths(edges: list[tuple[str, str]], nodes: set[str]) -> dict[str, dict[str, int]]:
    """Edges between every node of ``nodes`` and every other node, direction ignored."""
    adjacent: dict[str, set[str]] = {}
    for a, b in edges:
        adjacent.setdefault(a, set()).add(b)
        adjacent.setdefault(b, set()).add(a)
    lengths = {}
    for start in nodes:
        seen = {start: 0}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for other in adjacent.get(node, ()):
                if other not in seen:
                    seen[other] = seen[node] + 1
                    queue.append(other)
        lengths[start] = seen
    return lengths


def asd(true: list[tuple[str, str]], built: list[tuple[str, str]], witnesses: list[str]) -> float:
    """The average sign distance, in per cent (100: the same tree)."""
    t, b = path_lengths(true, set(witnesses)), path_lengths(built, set(witnesses))

    def sign(x: int) -> int:
        return (x > 0) - (x < 0)

    total = score = 0.0
    for a in witnesses:
        for x, y in itertools.combinations([w for w in witnesses if w != a], 2):
            st, sb = sign(t[a][x] - t[a][y]), sign(b[a][x] - b[a][y])
            total += 1
            score += 1.0 if st == sb else 0.5 if 0 in (st, sb) else 0.0
    return 100 * score / total


def triplets(edges: list[tuple[str, str]], witnesses: list[str]) -> dict[tuple[str, ...], tuple[object, ...]]:
    """The rooted relation of every three witnesses in a tree of (parent, child) edges: which
    of the three descend from which (a witness may be another's ancestor: stemmata keep their
    extant exemplars inside the tree), and which two, if any, meet below the point where all
    three meet (their lowest common ancestor is a proper descendant of the three's)."""
    parent = {child: mother for mother, child in edges}
    lines: dict[str, list[str]] = {}
    for node in {n for edge in edges for n in edge} | set(witnesses):
        line, seen = [node], {node}
        while line[-1] in parent and parent[line[-1]] not in seen:  # up to the root
            line.append(parent[line[-1]])
            seen.add(line[-1])
        lines[node] = line[::-1]  # root first

    def meet(*nodes: str) -> int:
        """The depth of the lowest common ancestor (-1: in different trees)."""
        depth = -1
        for steps in zip(*(lines[n] for n in nodes), strict=False):
            if len(set(steps)) > 1:
                break
            depth += 1
        return depth

    found = {}
    for three in itertools.combinations(sorted(witnesses), 3):
        descent = tuple(sorted((a, b) for a in three for b in three if a != b and a in lines[b][:-1]))
        whole = meet(*three)
        below = tuple(pair for pair in itertools.combinations(three, 2) if meet(*pair) > whole)
        found[three] = (descent, below)
    return found


def rtd(true: list[tuple[str, str]], built: list[tuple[str, str]], witnesses: list[str]) -> float:
    """The rooted triplet distance, in per cent: the share of the triples of witnesses whose
    rooted relation (`triplets`) differs between the two trees (0: the same rooted tree)."""
    t, b = triplets(true, witnesses), triplets(built, witnesses)
    return 100 * sum(t[k] != b[k] for k in t) / len(t)


LEVERT = DATA / "stemma" / "notre-besoin-levert"
"""The Notre besoin true stemma and three of Roos and Heikkilä's reconstructions, as Levert
transcribed them (data/stemma/README.md): no published score could be verified, so the
reconstructions are scored here, by the same ASD, beside ours."""


def tsv_edges(path: Path) -> list[tuple[str, str]]:
    rows = (line.split("\t")[:2] for line in path.read_text(encoding="utf-8").splitlines() if "\t" in line)
    return [(a, b) for a, b in rows]


def traditions() -> list[tuple[str, Path, list[tuple[str, str]]]]:
    """Each tradition: its name, the folder of its witnesses, its true stemma."""
    besoin = DATA / "notre-besoin"
    found = [("Notre besoin", besoin, true_edges(besoin))]
    if (LEVERT / "true-stemma.tsv").exists():
        found.append(("Notre besoin (L)", besoin, tsv_edges(LEVERT / "true-stemma.tsv")))
    extra = DATA / "stemma"
    if extra.exists():
        found += [
            (p.name, p, true_edges(p))
            for p in sorted(extra.iterdir())
            if p.is_dir() and list(p.glob("*.txt"))
        ]
    return found


def run(replicates: int) -> None:
    print("Against each true stemma (Notre besoin: Text::Tradition's; (L): Levert's transcription of")
    print("Roos and Heikkila's): the ASD in per cent (100: the same distances) and the rooted triplet")
    print("distance, RTD, in per cent (0: the same rooted tree). The other columns are their")
    print("reconstructions, as Levert transcribed them (rooted as he wrote them), scored here by the")
    print("same measures: no published figure could be verified.")
    names = sorted(p.stem for p in (LEVERT / "reconstructions").glob("*.tsv")) if LEVERT.exists() else []
    print(
        f"{'tradition':18} {'measure':>7} {'witnesses':>9} {'units':>6} {'collate':>8} "
        + " ".join(f"{n:>18}" for n in names)
    )
    for name, folder, truth in traditions():
        witnesses = [
            collate.witness(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))
        ]
        started = time.perf_counter()
        built = stemmatics.build(collate.collate(witnesses), replicates=replicates)
        seconds = time.perf_counter() - started
        extant = [w.siglum for w in witnesses]
        ours = [(e.parent, e.child) for e in built.edges]
        theirs = [tsv_edges(LEVERT / "reconstructions" / f"{n}.tsv") for n in names]
        for measure, score in (("ASD", asd), ("RTD", rtd)):
            mine = score(truth, ours, extant)
            print(
                f"{name:18} {measure:>7} {len(extant):>9} {built.characters:>6} {mine:>8.1f} "
                + " ".join(f"{score(truth, edges, extant):>18.1f}" for edges in theirs)
            )
        print(f"    ({seconds:.1f} s; rooted {built.rooting})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=0, help="bootstrap replicates (no effect on ASD)")
    run(parser.parse_args().replicates)


if __name__ == "__main__":
    main()
