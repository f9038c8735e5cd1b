"""The stemma (collate.stemmatics) on small traditions copied along a known tree from a real
text (a page of the 1818 *Frankenstein*): each copy makes its own slips (a word dropped, a word
changed, two words swapped) and inherits its exemplar's."""

from __future__ import annotations

import io
import json
import random

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import collate
from collate.cli import main
from collate.readers import load_text

from conftest import corpus


def page() -> list[str]:
    text = corpus("frankenstein-variorum", "text", "units", "C07", "1818.txt").read_text(encoding="utf-8")
    return text.split()[:600]


def copy(words: list[str], seed: int, slips: int = 12) -> list[str]:
    """A copy of ``words`` with ``slips`` slips of its own, placed by ``seed``."""
    rng = random.Random(seed)
    out = list(words)
    for _ in range(slips):
        at = rng.randrange(1, len(out) - 2)
        kind = rng.choice(("drop", "change", "swap"))
        if kind == "drop":
            del out[at]
        elif kind == "change":
            out[at] = rng.choice(words)
        else:
            out[at], out[at + 1] = out[at + 1], out[at]
    return out


def tradition(tree: dict[str, str], ditto: str | None = None) -> dict[str, list[str]]:
    """Copies made along ``tree`` (child: parent; "O" is the lost original). ``ditto``: a
    witness that writes a clause twice (a dittography its copies inherit)."""
    made = {"O": page()}
    for k, (child, parent) in enumerate(tree.items(), 1):
        words = copy(made[parent], seed=k)
        if child == ditto:
            words = words[:300] + words[280:300] + words[300:]
        made[child] = words
    return {s: w for s, w in made.items() if s != "O"}


def build(texts: dict[str, list[str]], replicates: int = 20) -> collate.Stemma:
    witnesses = [collate.witness(s, " ".join(w)) for s, w in texts.items()]
    return collate.stemma(collate.collate(witnesses), replicates=replicates)


def ancestors(stemma: collate.Stemma, node: str) -> list[str]:
    parents = {e.child: e.parent for e in stemma.edges}
    found = []
    while node in parents:
        node = parents[node]
        found.append(node)
    return found


def families(stemma: collate.Stemma) -> set[frozenset[str]]:
    """Every family of the stemma: the witnesses below each node."""
    extant = {n.id for n in stemma.nodes if n.extant}
    found = set()
    for node in stemma.nodes:
        below = {n.id for n in stemma.nodes if node.id in ancestors(stemma, n.id) or n.id == node.id}
        found.add(frozenset(below & extant))
    return found


TREE = {"A": "O", "B": "A", "C": "A", "D": "O", "E": "D", "F": "D"}


def test_the_families_of_a_known_tradition_are_found() -> None:
    stemma = build(tradition(TREE))
    found = families(stemma)
    assert frozenset("ABC") in found and frozenset("DEF") in found
    assert {n.id for n in stemma.nodes if n.extant} == set("ABCDEF")


def test_an_extant_exemplar_is_the_ancestor_not_a_leaf() -> None:
    stemma = build(tradition(TREE))
    assert "A" in ancestors(stemma, "B") and "A" in ancestors(stemma, "C")
    assert "D" in ancestors(stemma, "E") and "D" in ancestors(stemma, "F")


def test_a_shared_slip_roots_the_tree_outside_its_family() -> None:
    """A writes a passage twice; B and C, its copies, inherit it: the copying runs from the
    family without the slip into the family with it, never the other way."""
    stemma = build(tradition(TREE, ditto="A"))
    assert stemma.rooting.startswith("by error evidence"), stemma.rooting
    assert not set(ancestors(stemma, "D")) & set("ABC")
    assert "A" in ancestors(stemma, "B")


def test_a_contaminated_copy_leaves_the_other_families_whole() -> None:
    """G copies its first half from B and its second from E. The tree gives it one parent:
    between the two families, under neither exemplar, where a copy of their common ancestor
    would stand; the families of the others stay whole; and the contamination is reported,
    each exemplar with its stretch, as dashed edges in the DOT."""
    texts = tradition(TREE)
    half = len(texts["B"]) // 2
    texts["G"] = copy(texts["B"][:half] + texts["E"][half:], seed=99)
    stemma = build(texts)
    found = families(stemma)
    assert any(frozenset("ABC") <= f and "D" not in f for f in found)
    assert any(frozenset("DEF") <= f and "A" not in f for f in found)
    assert not set(ancestors(stemma, "G")) & {"A", "D"}
    # the text tells what the tree cannot: G follows B in its first half, E in its second
    (mixed,) = stemma.contamination
    order = [w for w, _, _ in mixed.follows]
    assert mixed.witness == "G" and order.index("B") < order.index("E")
    assert '"B" -> "G" [style=dashed]' in stemma.dot() and '"E" -> "G" [style=dashed]' in stemma.dot()
    assert stemma.to_json()["contamination"][0]["witness"] == "G"
    assert "possible contamination: G follows B" in stemma.text()


def test_a_tradition_copied_without_contamination_shows_none() -> None:
    """An exemplar is near all its copies, and flips between them from stretch to stretch; it
    shares its readings with all of them, never with one alone, and is not taken for mixed."""
    assert build(tradition(TREE)).contamination == ()


def test_without_evidence_the_root_is_the_midpoint_and_says_so() -> None:
    """With the detectors' flags taken away, nothing tells the direction of copying."""
    import dataclasses

    witnesses = [collate.witness(s, " ".join(w)) for s, w in tradition(TREE, ditto="A").items()]
    apparatus = dataclasses.replace(collate.collate(witnesses), anomalies=())
    stemma = collate.stemma(apparatus, replicates=0)
    assert stemma.rooting.startswith("by midpoint")
    assert "midpoint" in stemma.text()


def test_support_is_high_for_a_clear_family_and_deterministic() -> None:
    texts = tradition(TREE)
    first, second = build(texts), build(texts)
    assert first.to_json() == second.to_json()
    supports = [e.support for e in first.edges if e.support is not None]
    assert supports and max(supports) >= 0.9


def test_outputs_newick_dot_json() -> None:
    from Bio import Phylo

    stemma = build(tradition(TREE))
    tree = Phylo.read(io.StringIO(stemma.newick()), "newick")
    assert {c.name for c in tree.find_clades() if c.name} >= set("BCEF")
    dot = stemma.dot()
    assert dot.startswith("digraph stemma {") and all(f'"{s}"' in dot for s in "ABCDEF")
    data = json.loads(json.dumps(stemma.to_json()))
    assert data["format"] == 1 and data["root"] == stemma.root
    assert {e["child"] for e in data["edges"]} == {n.id for n in stemma.nodes} - {stemma.root}


def test_two_witnesses_make_no_stemma() -> None:
    texts = tradition({"A": "O", "B": "O"})
    with pytest.raises(collate.InputError, match="three"):
        build(texts)


def test_the_command_line(tmp_path) -> None:
    for siglum, words in tradition(TREE).items():
        (tmp_path / f"{siglum}.txt").write_text(" ".join(words), encoding="utf-8")
    files = [str(tmp_path / f"{s}.txt") for s in "ABCDEF"]
    runner = CliRunner()
    result = runner.invoke(main, ["stemma", *files, "--replicates", "5"])
    assert result.exit_code == 0, result.output
    assert "method: neighbour-joining" in result.output
    out = tmp_path / "stemma.nwk"
    result = runner.invoke(main, ["stemma", *files, "--replicates", "0", "-o", str(out)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").rstrip().endswith(";")
    result = runner.invoke(main, ["stemma", *files[:2]])
    assert result.exit_code == 1 and "three" in result.output


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(0.5, 4), st.lists(st.one_of(st.none(), st.integers(0, 2)), min_size=4, max_size=4)
        ),
        min_size=1,
        max_size=30,
    )
)
def test_distances_are_a_share_of_the_units_both_read(rows) -> None:
    from collate.stemmatics import Character, distances

    sigla = ["A", "B", "C", "D"]
    chars = [
        Character(f"u{k}", w, dict(zip(sigla, states, strict=True))) for k, (w, states) in enumerate(rows)
    ]
    matrix = distances(sigla, chars)
    for i, a in enumerate(sigla):
        assert matrix[i][i] == 0
        for j, b in enumerate(sigla):
            assert matrix[i][j] == matrix[j][i] and 0 <= matrix[i][j] <= 1
            both = [c for c in chars if c.states[a] is not None and c.states[b] is not None]
            if i != j and both:
                expected = sum(c.weight for c in both if c.states[a] != c.states[b]) / sum(
                    c.weight for c in both
                )
                assert matrix[i][j] == pytest.approx(expected)


def test_frankenstein_editions_stand_in_their_known_order() -> None:
    """The whole novel: 1823 was set from 1818 and 1831 from 1823; the Thomas copy is 1818
    with the author's pencil (the Variorum's README). The tree parts 1823 and 1831 from 1818
    and Thomas, and 1823 stands close to the ancestor it shares with 1831: its own branch a
    fraction of 1831's, the reviser's."""
    folder = corpus("frankenstein-variorum", "text", "full")
    sigla = ("1818", "1823", "1831", "Thomas")
    witnesses = [collate.witness(s, (folder / f"{s}.txt").read_text(encoding="utf-8")) for s in sigla]
    stemma = collate.stemma(collate.collate(witnesses), replicates=0)
    found = families(stemma)
    assert frozenset({"1823", "1831"}) in found and frozenset({"1818", "Thomas"}) in found
    length = {e.child: e.length for e in stemma.edges}
    assert length["1823"] < length["1831"] / 5
    assert length["1818"] < length["Thomas"]  # Thomas is 1818 and its pencil


def splits(stemma: collate.Stemma) -> set[frozenset[str]]:
    """The families of the tree seen unrooted: each family and the witnesses outside it."""
    extant = frozenset(n.id for n in stemma.nodes if n.extant)
    return {side for family in families(stemma) for side in (family, extant - family)}


def test_johns_manuscripts_and_editions_group_as_textual_critics_know_them() -> None:
    """CNTR's normalised John (no accents, nomina sacra as written): Westcott and Hort built
    their text on Vaticanus (03), and P75 is the papyrus closest to it; Stephanus (ST) and the
    text behind the King James Version (KJTR) are two prints of the Textus Receptus, which
    the Byzantine majority text (RP) stands beside. The tree shows each of these families,
    whichever way it is rooted."""
    sigla = ("01", "02", "03", "05", "P75", "WH", "RP", "ST", "KJTR")
    witnesses = [load_text(corpus("cntr-john", "norm", f"{s}.txt")) for s in sigla]
    found = splits(collate.stemma(collate.collate(witnesses), replicates=0))
    for family in ({"03", "WH"}, {"P75", "03", "WH"}, {"ST", "KJTR"}, {"RP", "ST", "KJTR"}):
        assert frozenset(family) in found, family


def test_a_shared_spelling_habit_makes_no_family() -> None:
    """Copies of a page of John (03) along the known tree, two of whose scribes, in different
    families, write ι for ει wherever it stands (itacism, a habit scribes share without sharing
    an exemplar), and the one contracts the sacred names that the others write in full: the
    families stay those of the copying."""
    verses = corpus("cntr-john", "final", "03.txt").read_text(encoding="utf-8").splitlines()
    words = " ".join(line.split(" ", 1)[1] for line in verses[:60] if " " in line).split()[:600]
    texts = {}
    made = {"O": words}
    for k, (child, parent) in enumerate(TREE.items(), 1):
        made[child] = copy(made[parent], seed=k)
    for child in ("B", "E"):
        texts[child] = [w.replace("ει", "ι") for w in made[child]]
    texts["E"] = [{"θεοσ": "θσ", "θεον": "θν", "θεου": "θυ", "ιησουσ": "ισ"}.get(w, w) for w in texts["E"]]
    texts.update({s: w for s, w in made.items() if s not in texts and s != "O"})
    found = splits(build(texts, replicates=0))  # the root aside: its evidence is not the point
    assert frozenset("ABC") in found and frozenset("DEF") in found
