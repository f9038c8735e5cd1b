"""Which witness copied which: a stemma built from the collation.

The variant units are the characters: each witness's reading in a unit is its state there (a
witness at a lacuna has none). Two witnesses are as far apart as the weight of the units they
read differently, over the weight of the units both read; a unit weighs what a shared reading
of it says of a common ancestor: a one-word addition or omission, which scribes make
independently, little; a shared omission or addition of many words much (``weight``).

The tree is neighbour-joining on those distances (Biopython's, a maintained implementation):
hypothetical ancestors are its inner nodes. A witness whose branch is shorter than any
difference the collation can show stands where its inner node stands: it is that ancestor
(an extant exemplar, as 1818 is of 1823). The tree is rooted where the error evidence puts
it: a mechanical slip the detectors found (a dittography, an eye-skip omission) is inherited
by the copies of the witness that made it, so the witnesses that share it are a family that
descends from it, and the root lies outside every such family it can; without such evidence,
at the middle of the longest path (midpoint rooting), and the output says which. Support for
each branch is the share of bootstrap trees (the units resampled with replacement) that have
the same family.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from collate.anomalies import Collation, scribal_key
from collate.model import AnomalyKind, Apparatus, Unit

STEMMA_FORMAT = 1
"""The format number of a stemma's JSON (see docs/stemma.md)."""

BOOTSTRAP = 100
"""How many resampled trees a branch's support is measured on."""

SLIPS = frozenset((AnomalyKind.DITTOGRAPHY, AnomalyKind.OMISSION))
"""The anomalies that claim a mechanical slip, and so a direction of copying."""


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    extant: bool
    """A witness (true) or a hypothetical, lost ancestor."""


@dataclass(frozen=True, slots=True)
class Edge:
    parent: str
    child: str
    length: float
    """The weighted share of units in which the copy departs from its exemplar."""
    support: float | None = None
    """The share of bootstrap trees with the family below this edge (None for a single
    witness, whose family every tree has)."""


@dataclass(frozen=True, slots=True)
class Contamination:
    """A witness that follows one witness in one stretch of the text and another in another:
    copied from two exemplars (or corrected from a second one)."""

    witness: str
    follows: tuple[tuple[str, str, str], ...]
    """In text order: (the witness it is nearest, the first and the last unit of the stretch)."""


@dataclass(frozen=True, slots=True)
class Stemma:
    """A rooted tree of the witnesses: lost ancestors as inner nodes, edges from exemplar to
    copy."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    root: str
    rooting: str
    """How the root was chosen, in words: by error evidence (and how much), or by midpoint."""
    method: str
    characters: int
    """How many variant units were its characters."""
    replicates: int = 0
    contamination: tuple[Contamination, ...] = ()
    """Witnesses the tree gives one parent but whose text follows two (`STRETCHES`)."""

    def children(self, node: str) -> list[Edge]:
        return [e for e in self.edges if e.parent == node]

    def newick(self) -> str:
        """The tree in Newick, branch lengths and supports (as inner node labels, in %)."""

        def write(node: str) -> str:
            below = self.children(node)
            name = node if next(n for n in self.nodes if n.id == node).extant else ""
            if not below:
                return _newick_name(name)
            parts = []
            for edge in below:
                label = write(edge.child)
                if edge.support is not None and self.children(edge.child):
                    label += f"{round(100 * edge.support)}" if not _is_extant(self, edge.child) else ""
                parts.append(f"{label}:{edge.length:.4f}")
            return f"({','.join(parts)}){_newick_name(name)}"

        return write(self.root) + ";"

    def text(self) -> str:
        """The tree indented from its root: each copy under its exemplar, a lost ancestor as
        ``*``, each family's bootstrap support; then how it was built and rooted."""
        lines: list[str] = []

        def write(node: str, depth: int, support: float | None) -> None:
            name = node if _is_extant(self, node) else "*"
            note = f"  ({round(100 * support)}%)" if support is not None else ""
            lines.append(f"{'  ' * depth}{name}{note}")
            for edge in sorted(self.children(node), key=lambda e: e.child):
                write(edge.child, depth + 1, edge.support)

        write(self.root, 0, None)
        lines += ["", f"method: {self.method}", f"rooted {self.rooting}"]
        lines += [f"possible contamination: {describe_contamination(c)}" for c in self.contamination]
        return "\n".join(lines) + "\n"

    def dot(self) -> str:
        """The tree in Graphviz DOT: witnesses as boxes, lost ancestors as small circles,
        branch support on the edges."""
        lines = ["digraph stemma {", "  node [fontname=serif];"]
        for node in self.nodes:
            shape = "box" if node.extant else 'circle, width=0.15, label=""'
            lines.append(f"  {_dot_id(node.id)} [shape={shape}];")
        for edge in self.edges:
            label = f' [label="{round(100 * edge.support)}%"]' if edge.support is not None else ""
            lines.append(f"  {_dot_id(edge.parent)} -> {_dot_id(edge.child)}{label};")
        for mixed in self.contamination:  # every exemplar it follows, dashed
            for source in dict.fromkeys(w for w, _, _ in mixed.follows):
                lines.append(f"  {_dot_id(source)} -> {_dot_id(mixed.witness)} [style=dashed];")
        lines.append("}")
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict[str, object]:
        return {
            "format": STEMMA_FORMAT,
            "method": self.method,
            "rooting": self.rooting,
            "characters": self.characters,
            "replicates": self.replicates,
            "root": self.root,
            "nodes": [{"id": n.id, "extant": n.extant} for n in self.nodes],
            "edges": [
                {"parent": e.parent, "child": e.child, "length": round(e.length, 6), "support": e.support}
                for e in self.edges
            ],
            "contamination": [
                {
                    "witness": c.witness,
                    "follows": [{"witness": w, "first_unit": a, "last_unit": b} for w, a, b in c.follows],
                }
                for c in self.contamination
            ],
        }


def describe_contamination(mixed: Contamination) -> str:
    """ "G follows B in units u3–u120, E in u121–u240"."""
    parts = [f"{w} in units {a}–{b}" for w, a, b in mixed.follows]
    return f"{mixed.witness} follows " + ", ".join(parts)


def _is_extant(stemma: Stemma, node: str) -> bool:
    return next(n for n in stemma.nodes if n.id == node).extant


def _newick_name(name: str) -> str:
    return f"'{name}'" if any(c in name for c in " ():;,[]'") else name


def _dot_id(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True, slots=True)
class Character:
    """One variant unit as a character: its weight and each witness's state (None at a
    lacuna)."""

    unit: str
    weight: float
    states: dict[str, int | None] = field(default_factory=dict)


def weight(unit: Unit) -> float:
    """What a shared reading of ``unit`` says of a common ancestor: a single word added or
    omitted (which scribes do independently) 0.5; otherwise 1, plus the base-2 logarithm of
    the words the longest reading has beyond the shortest (a shared omission of many words
    is rarely made twice)."""
    sizes = [len(r.norm.split()) if r.norm else len(r.text.split()) for r in unit.readings]
    longest, shortest = max(sizes, default=0), min(sizes, default=0)
    if shortest == 0 and longest <= 1:
        return 0.5
    return 1.0 + math.log2(1 + max(0, longest - shortest))


def _scribal_form(norm: str) -> str:
    """A reading as its words' scribal forms (`scribal_key`): readings that differ only in how
    a scribe spells (an itacism, a nomen sacrum contracted or in full, a movable ν, an iota
    written beside its vowel, ``αυτωι`` for ``αυτω``, a Greek accent) are one reading of the text.
    Scribes make such differences independently and everywhere: shared, they say nothing of a
    common exemplar. (Punctuation stays a reading: copyists copy it.)

    >>> _scribal_form("λέγει αὐτῶι") == _scribal_form("λεγει αυτω")
    True
    """
    return " ".join(scribal_key(word) for word in norm.split())


def characters(apparatus: Apparatus, collation: Collation | None = None) -> tuple[list[str], list[Character]]:
    """The collated witnesses and the variant units as characters."""
    collation = collation or Collation(apparatus.witnesses, apparatus.alignment)
    sigla = [w.siglum for w in apparatus.witnesses if w.collated]
    witnesses = {w.siglum for w in apparatus.witnesses}
    found = []
    for unit in apparatus.alignment.units:
        if not unit.variant:
            continue
        states: dict[str, int | None] = {}
        forms: dict[str, int] = {}  # readings one in their scribal form share a state
        for reading in unit.readings:
            state = forms.setdefault(_scribal_form(reading.norm), len(forms))
            for siglum, span in reading.spans.items():
                if siglum not in witnesses:
                    continue
                lost = span.start == span.end and collation.at_lacuna(siglum, span)
                states[siglum] = None if lost else state
        if len({s for s in states.values() if s is not None}) > 1:
            found.append(Character(unit.id, weight(unit), states))
    return sigla, found


class _Pairs:
    """For every pair of witnesses, which units both read and which they read differently,
    as arrays: the distances of any resampling of the units are then two products."""

    def __init__(self, sigla: Sequence[str], chars: Sequence[Character]) -> None:
        import numpy as np

        self.size = len(sigla)
        column = {s: k for k, s in enumerate(sigla)}
        states = np.full((len(chars), self.size), -1, dtype=np.int32)
        for row, char in enumerate(chars):
            for siglum, state in char.states.items():
                if state is not None and siglum in column:
                    states[row, column[siglum]] = state
        self.weights = np.array([c.weight for c in chars], dtype=np.float64)
        self.pairs = [(i, j) for i in range(self.size) for j in range(i + 1, self.size)]
        first = states[:, [i for i, _ in self.pairs]]
        second = states[:, [j for _, j in self.pairs]]
        known = (first >= 0) & (second >= 0)
        self.known = known.T.astype(np.float64)
        self.differ = (known & (first != second)).T.astype(np.float64)

    def matrix(self, counts: object = None) -> list[list[float]]:
        """The distances, each unit counted ``counts`` times (once each by default)."""
        import numpy as np

        weights = self.weights if counts is None else self.weights * np.asarray(counts)
        compared, differ = self.known @ weights, self.differ @ weights
        values = np.divide(differ, compared, out=np.ones_like(differ), where=compared > 0)
        matrix = [[0.0] * self.size for _ in range(self.size)]
        for (i, j), value in zip(self.pairs, values.tolist(), strict=True):
            matrix[i][j] = matrix[j][i] = value
        return matrix


def distances(sigla: Sequence[str], chars: Sequence[Character]) -> list[list[float]]:
    """The weighted share of units two witnesses read differently, of those both read (1
    where they read none in common)."""
    return _Pairs(sigla, chars).matrix()


@dataclass(slots=True)
class _Tree:
    """An unrooted tree as an adjacency map with branch lengths."""

    adjacent: dict[str, dict[str, float]]
    extant: set[str]

    def splits(self) -> set[frozenset[str]]:
        """Every family the tree's inner edges make, as the set of extant witnesses on the
        side without the first witness (alphabetically)."""
        every = frozenset(self.extant)
        first = min(every)
        found = set()
        for a, neighbours in self.adjacent.items():
            for b in neighbours:
                side = self._side(b, a)
                if 1 < len(side) < len(every) - 1:
                    found.add(side if first not in side else every - side)
        return found

    def _side(self, start: str, away: str) -> frozenset[str]:
        seen, stack = {away, start}, [start]
        while stack:
            node = stack.pop()
            for other in self.adjacent[node]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        return frozenset(seen - {away}) & frozenset(self.extant)


def _nj(sigla: Sequence[str], matrix: list[list[float]]) -> _Tree:
    """Neighbour-joining (Biopython) as an adjacency map."""
    from Bio.Phylo.TreeConstruction import DistanceMatrix, DistanceTreeConstructor

    lower = [[matrix[i][j] for j in range(i + 1)] for i in range(len(sigla))]
    tree = DistanceTreeConstructor().nj(DistanceMatrix(list(sigla), lower))
    adjacent: dict[str, dict[str, float]] = {}
    names = (f"h{k}" for k in itertools.count(1) if f"h{k}" not in sigla)
    labels: dict[int, str] = {}

    def label(clade: object) -> str:
        key = id(clade)
        if key not in labels:
            name = str(getattr(clade, "name", "") or "")
            labels[key] = name if name in sigla else next(names)
        return labels[key]

    stack = [tree.root]
    while stack:
        clade = stack.pop()
        here = label(clade)
        adjacent.setdefault(here, {})
        for child in clade.clades:
            there = label(child)
            length = max(0.0, float(child.branch_length or 0.0))
            adjacent[here][there] = length
            adjacent.setdefault(there, {})[here] = length
            stack.append(child)
    return _Tree(adjacent, set(sigla))


def _absorb_ancestors(tree: _Tree, threshold: float) -> None:
    """Contract every branch shorter than ``threshold`` that has a lost ancestor at one end:
    a witness on such a branch is that ancestor (an extant exemplar), and two lost ancestors
    that close are one (a copy made several copies)."""
    while True:
        short = sorted(
            (b in tree.extant, a in tree.extant, length, a, b)  # an extant witness is kept
            for a, neighbours in tree.adjacent.items()
            for b, length in neighbours.items()
            if length < threshold and b not in tree.extant and (a in tree.extant or a < b)
        )
        if not short:
            return
        *_, keep, gone = short[0]
        for other, length in tree.adjacent.pop(gone).items():
            tree.adjacent[other].pop(gone)
            if other != keep:
                tree.adjacent[keep][other] = length
                tree.adjacent[other][keep] = length


def _families(apparatus: Apparatus, chars: Sequence[Character]) -> list[frozenset[str]]:
    """The witnesses that share each mechanical slip the detectors found: those that read,
    in the variant unit where the slip starts, what the slipped witness reads. (Not
    `Collation.units_over`: an omission starts where the lacking witness's empty reading and
    the next unit both start, and the slip is in the empty one, a variant unit.)"""
    by_unit = {c.unit: c for c in chars}
    starts: dict[str, list[tuple[int, int, str]]] = {}
    for unit in apparatus.alignment.units:
        if unit.id in by_unit:
            for reading in unit.readings:
                for siglum, span in reading.spans.items():
                    starts.setdefault(siglum, []).append((span.start, span.end, unit.id))
    for spans in starts.values():
        spans.sort()
    found = []
    for anomaly in apparatus.anomalies:
        spans = starts.get(anomaly.witness, [])
        at = bisect.bisect_right(spans, (anomaly.start, float("inf"), "")) - 1
        if anomaly.kind not in SLIPS or at < 0:
            continue
        start, end, unit_id = spans[at]
        if not start <= anomaly.start <= end:
            continue
        states = by_unit[unit_id].states
        state = states.get(anomaly.witness)
        found.append(frozenset(s for s, st in states.items() if st is not None and st == state))
    return found


def _rooted(tree: _Tree, families: Sequence[frozenset[str]]) -> tuple[str, dict[str, str], str]:
    """Root the tree: on the edge that the most slip-sharing families lie wholly below; ties
    and no evidence at the midpoint of the longest path. Returns the root, each node's
    parent, and how the root was chosen."""
    edges = sorted({tuple(sorted((a, b))) for a in tree.adjacent for b in tree.adjacent[a]})
    best: list[tuple[int, tuple[str, str]]] = []
    for a, b in edges:
        below_a, below_b = tree._side(a, b), tree._side(b, a)
        score = sum(1 for f in families if len(f) > 1 and (f <= below_a or f <= below_b))
        best.append((score, (a, b)))
    top = max((s for s, _ in best), default=0)
    informative = [f for f in families if 1 < len(f) < len(tree.extant)]  # one witness: any root
    if informative and top:
        candidates = [e for s, e in best if s == top]
        a, b = _midpoint_edge(tree, candidates)
        how = f"by error evidence: {top} of {len(informative)} shared slips lie below the root"
    else:
        a, b = _midpoint_edge(tree, [e for _, e in best])
        how = "by midpoint: no shared slip told the direction of copying"
    names = itertools.chain(["root"], (f"root{k}" for k in itertools.count(2)))
    root = next(name for name in names if name not in tree.adjacent)
    length = tree.adjacent[a].pop(b)
    tree.adjacent[b].pop(a)
    tree.adjacent[root] = {a: length / 2, b: length / 2}
    tree.adjacent[a][root] = tree.adjacent[b][root] = length / 2
    parents: dict[str, str] = {}
    stack = [root]
    seen = {root}
    while stack:
        node = stack.pop()
        for other in sorted(tree.adjacent[node]):
            if other not in seen:
                seen.add(other)
                parents[other] = node
                stack.append(other)
    return root, parents, how


def _midpoint_edge(tree: _Tree, candidates: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """Of ``candidates``, the edge nearest the middle of the tree's longest path."""

    def far(start: str) -> dict[str, float]:
        dist = {start: 0.0}
        stack = [start]
        while stack:
            node = stack.pop()
            for other, length in tree.adjacent[node].items():
                if other not in dist:
                    dist[other] = dist[node] + length
                    stack.append(other)
        return dist

    first = max(sorted(tree.extant), key=lambda s: far(min(tree.extant))[s])
    from_first = far(first)
    second = max(sorted(tree.extant), key=lambda s: from_first[s])
    from_second = far(second)
    total = from_first[second]

    def off_middle(edge: tuple[str, str]) -> float:
        a, b = edge
        return min(abs(from_first[a] - total / 2) + abs(from_second[a] - total / 2),
                   abs(from_first[b] - total / 2) + abs(from_second[b] - total / 2))  # fmt: skip

    return min(sorted(candidates), key=off_middle)


def build(apparatus: Apparatus, *, replicates: int = BOOTSTRAP, seed: int = 0) -> Stemma:
    """The stemma of the apparatus's collated witnesses (at least three)."""
    collation = Collation(apparatus.witnesses, apparatus.alignment)
    sigla, chars = characters(apparatus, collation)
    if len(sigla) < 3:
        raise ValueError("a stemma needs three collated witnesses or more")
    if not chars:
        raise ValueError("the witnesses do not differ: no variant unit to build a stemma from")
    pairs = _Pairs(sigla, chars)
    tree = _nj(sigla, pairs.matrix())
    # a branch shorter than the lightest unit's share is no difference the collation can show
    _absorb_ancestors(tree, min(c.weight for c in chars) / sum(c.weight for c in chars))
    support = _support(sigla, pairs, tree.splits(), replicates, seed)
    root, parents, how = _rooted(tree, _families(apparatus, chars))
    nodes = tuple(Node(n, n in tree.extant) for n in sorted(tree.adjacent, key=lambda n: (n not in sigla, n)))
    edges = []
    for child, parent in sorted(parents.items(), key=lambda p: (p[1], p[0])):
        below = tree._side(child, parent)
        every = frozenset(tree.extant)
        family = below if min(every) not in below else every - below
        edges.append(
            Edge(parent, child, tree.adjacent[parent][child], support.get(family) if len(below) > 1 else None)
        )
    method = (
        f"neighbour-joining on weighted disagreement over {len(chars):,} variant units "
        "(a one-word addition or omission weighs 0.5, a longer difference 1 + log2 of its words); "
        "a branch shorter than the lightest unit's share is contracted (a witness on it is the "
        f"ancestor there); support from {replicates} bootstrap replicates over the units"
    )
    mixed = tuple(_contamination(sigla, chars))
    return Stemma(nodes, tuple(edges), root, how, method, len(chars), replicates, mixed)


STRETCHES = 4
"""Into how many stretches of consecutive units the text is cut to look for contamination."""
SHARED = 2
"""How many readings a witness must share with one other witness alone, in a stretch, to be
taken to follow it there: two, for one such reading can arise by chance."""


def _contamination(sigla: Sequence[str], chars: Sequence[Character]) -> list[Contamination]:
    """Witnesses that change exemplar along the text. A reading two witnesses alone share is
    an innovation one took from the other (or both from a lost exemplar). Cut the units into
    `STRETCHES` runs: a witness is contaminated when in one run it shares `SHARED` or more
    such readings with one witness and none with a second, and in another run the other way
    round. An exemplar shares its readings with all its copies, never with one alone, so it
    is not taken for contaminated."""
    size = len(chars) // STRETCHES
    if len(sigla) < 4 or size < 8:
        return []
    runs = [chars[k * size : (k + 1) * size if k < STRETCHES - 1 else len(chars)] for k in range(STRETCHES)]
    shared: list[dict[tuple[str, str], int]] = []
    for run in runs:
        counts: dict[tuple[str, str], int] = {}
        for char in run:
            groups: dict[int, list[str]] = {}
            for siglum, state in char.states.items():
                if state is not None:
                    groups.setdefault(state, []).append(siglum)
            for group in groups.values():
                if len(group) == 2:
                    a, b = sorted(group)
                    counts[a, b] = counts.get((a, b), 0) + 1
        shared.append(counts)

    def together(k: int, a: str, b: str) -> int:
        return shared[k].get((min(a, b), max(a, b)), 0)

    found = []
    for witness in sigla:
        partners = []
        for k in range(len(runs)):
            best = max(sorted(s for s in sigla if s != witness), key=lambda s: together(k, witness, s))
            partners.append(best if together(k, witness, best) >= SHARED else None)
        clear = any(
            y is not None
            and z is not None
            and y != z
            and not together(a, witness, z)
            and not together(b, witness, y)
            for a, y in enumerate(partners)
            for b, z in enumerate(partners)
        )
        if not clear:
            continue
        merged: list[tuple[str, str, str]] = []
        for run, partner in zip(runs, partners, strict=True):  # runs that follow one witness, as one
            if partner is None:
                continue
            if merged and merged[-1][0] == partner:
                merged[-1] = (partner, merged[-1][1], run[-1].unit)
            else:
                merged.append((partner, run[0].unit, run[-1].unit))
        found.append(Contamination(witness, tuple(merged)))
    return found


def _support(
    sigla: Sequence[str],
    pairs: _Pairs,
    splits: Iterable[frozenset[str]],
    replicates: int,
    seed: int,
) -> dict[frozenset[str], float]:
    """For each family, the share of bootstrap trees (units drawn with replacement) that
    have it."""
    wanted = set(splits)
    if not replicates or not wanted:
        return {}
    import numpy as np

    rng = np.random.default_rng(seed)
    size = len(pairs.weights)
    counts = dict.fromkeys(wanted, 0)
    for _ in range(replicates):
        drawn = rng.multinomial(size, np.full(size, 1 / size))  # the units drawn with replacement
        found = _nj(sigla, pairs.matrix(drawn)).splits()
        for split in wanted & found:
            counts[split] += 1
    return {split: counts[split] / replicates for split in wanted}
