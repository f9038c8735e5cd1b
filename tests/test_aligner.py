from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collate.aligner import AlignOptions, align, encode, match_pairs, tiling_errors
from collate.errors import ConfigError, InputError
from collate.model import Role
from collate.readers import load_collatex_json, load_text, witness_from_text

from conftest import corpus


def readings(alignment) -> list[list[tuple[tuple[str, ...], str]]]:
    return [[(r.witnesses, r.text) for r in u.readings] for u in alignment.units]


def test_substitution_makes_one_variant_unit_between_agreements() -> None:
    a = witness_from_text("A", "the black cat")
    b = witness_from_text("B", "the white cat")
    alignment = align([a, b])
    assert readings(alignment) == [
        [(("A", "B"), "the")],
        [(("A",), "black"), (("B",), "white")],
        [(("A", "B"), "cat")],
    ]
    assert [u.variant for u in alignment.units] == [False, True, False]


def test_omission_gets_an_empty_reading_at_the_gap() -> None:
    a = witness_from_text("A", "the black cat")
    b = witness_from_text("B", "the cat")
    c = witness_from_text("C", "the black cat")
    unit = align([a, b, c]).units[1]
    assert [(r.witnesses, r.text) for r in unit.readings] == [(("A", "C"), "black"), (("B",), "")]
    gap = unit.reading_of("B").spans["B"]
    assert gap.start == gap.end == 4


def test_an_added_sentence_begins_at_its_first_word() -> None:
    """A sentence one witness adds between two the others share can be cut as ``. As he
    said, it rained`` (beginning at the full stop before it) or ``As he said, it rained.``:
    the unit takes the second, so that it and its location begin at the word."""
    a = witness_from_text("A", "He came home. As he said, it rained. Then he slept.")
    b = witness_from_text("B", "He came home. Then he slept.")
    alignment = align([a, b])
    assert [[(r.witnesses, r.text) for r in u.readings] for u in alignment.units] == [
        [(("A", "B"), "He came home.")],
        [(("A",), "As he said, it rained."), (("B",), "")],
        [(("A", "B"), "Then he slept.")],
    ]
    assert not tiling_errors(alignment, [a, b])


def test_a_mark_that_is_itself_the_variant_stays_where_it_is() -> None:
    """Only a passage with words in it is turned to begin at a word: a comma one witness
    adds is the variant itself."""
    a = witness_from_text("A", "He came home, then he slept.")
    b = witness_from_text("B", "He came home then he slept.")
    units = align([a, b]).units
    assert [r.text for u in units if u.variant for r in u.readings] == [",", ""]


def test_readings_group_witnesses_by_normalised_form() -> None:
    a = witness_from_text("A", "The Cat sat")
    b = witness_from_text("B", "the cat sat")
    assert len(align([a, b]).units) == 1  # case is folded: no variation


def test_summary_witnesses_are_not_collated() -> None:
    a = witness_from_text("A", "the cat")
    s = witness_from_text("S", "a summary of it", role=Role.SUMMARY)
    alignment = align([a, s])
    assert alignment.sigla == ("A",)
    assert tiling_errors(alignment, [a, s]) == []


def test_duplicate_sigla_are_refused() -> None:
    with pytest.raises(InputError, match="duplicate siglum"):
        align([witness_from_text("A", "x"), witness_from_text("A", "y")])


def test_match_pairs_is_a_minimal_alignment() -> None:
    a = ["a", "b", "c", "d", "e", "f"]
    b = ["x", "a", "c", "d", "y", "f"]
    assert match_pairs(a, b) == [(0, 1), (2, 2), (3, 3), (5, 5)]


def test_encode_gives_one_code_point_per_distinct_token_and_skips_surrogates() -> None:
    tokens = [str(i) for i in range(0xD800 + 10)]
    (encoded,) = encode([tokens])
    assert len(encoded) == len(tokens) == len(set(encoded))
    assert not any(0xD800 <= ord(c) < 0xE000 for c in encoded)


def test_every_collatex_test_case_is_tiled() -> None:
    cases = json.loads(corpus("collatex-test-witnesses", "witnesses.json").read_text(encoding="utf-8"))
    for name, texts in cases.items():
        witnesses = [witness_from_text(s, t) for s, t in texts.items() if t.strip()]
        if len(witnesses) < 2:
            continue
        alignment = align(witnesses)
        assert tiling_errors(alignment, witnesses) == [], name


def test_darwin_six_editions_are_tiled_and_agree_mostly() -> None:
    witnesses = load_collatex_json(corpus("collatex-darwin-para1", "darwin_chapter1_para1.json"))
    alignment = align(witnesses)
    assert tiling_errors(alignment, witnesses) == []
    agreed = [u for u in alignment.units if not u.variant]
    assert len(agreed) >= 20
    assert any("Andrew Knight" in u.readings[0].text for u in agreed)


witness_text = st.lists(
    st.sampled_from(["the", "cat", "sat", "on", "mat", ",", ".", "a", "Cat", "[x]", "\n", "  "]),
    max_size=25,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(witness_text, min_size=2, max_size=5))
def test_units_tile_every_witness(texts: list[str]) -> None:
    witnesses = [witness_from_text(f"W{i}", t) for i, t in enumerate(texts)]
    alignment = align(witnesses)
    assert tiling_errors(alignment, witnesses) == []
    for unit in alignment.units:
        assert unit.variant == (len(unit.readings) > 1)
        for reading in unit.readings:
            first = next(w for w in witnesses if w.siglum == reading.witnesses[0])
            assert first.slice(reading.spans[first.siglum]).strip() == reading.text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=2, max_size=4))
def test_units_tile_any_unicode_witnesses(texts: list[str]) -> None:
    witnesses = [witness_from_text(f"W{i}", t) for i, t in enumerate(texts)]
    assert tiling_errors(align(witnesses), witnesses) == []


def canonical(alignment) -> list[frozenset]:
    """Units as sets of (witnesses, spans), whatever order the witnesses were given in."""
    return [
        frozenset(
            (frozenset(r.witnesses), tuple(sorted((s, sp.start, sp.end) for s, sp in r.spans.items())))
            for r in u.readings
        )
        for u in alignment.units
    ]


@settings(max_examples=120, deadline=None)
@given(st.lists(witness_text, min_size=2, max_size=5), st.randoms(use_true_random=False))
def test_permuted_inputs_give_the_same_units(texts: list[str], random) -> None:
    witnesses = [witness_from_text(f"W{i}", t) for i, t in enumerate(texts)]
    shuffled = witnesses[:]
    random.shuffle(shuffled)
    assert canonical(align(shuffled)) == canonical(align(witnesses))
    assert moves(align(shuffled)) == moves(align(witnesses))


def moves(alignment) -> set[tuple]:
    """Transpositions as (units, witnesses and spans), whatever order the witnesses came in."""
    return {(t.units, t.witnesses, t.spans, t.tokens) for t in alignment.transpositions}


def test_permuted_darwin_editions_give_the_same_units() -> None:
    witnesses = load_collatex_json(corpus("collatex-darwin-para1", "darwin_chapter1_para1.json"))
    assert canonical(align(witnesses[::-1])) == canonical(align(witnesses))


def test_near_matching_pairs_words_spelled_alike() -> None:
    a = ["the", "age", "of", "the", "father", "encreased"]
    b = ["the", "age", "of", "his", "father", "increased"]
    assert (5, 5) in match_pairs(a, b, near=0.6)
    assert (5, 5) not in match_pairs(a, b)  # exact matching leaves them apart


def test_three_witnesses_split_by_their_real_groups() -> None:
    texts = {
        "A": "as my father's age encreased",
        "B": "as my father's age increased",
        "C": "when my father became old",
    }
    alignment = align([witness_from_text(s, t) for s, t in texts.items()])
    groups = [sorted(r.witnesses for r in u.readings) for u in alignment.units if u.variant]
    assert [("A",), ("B",), ("C",)] in [[tuple(g) for g in grp] for grp in groups]


def test_a_moved_block_is_one_transposition() -> None:
    a = witness_from_text(
        "A", "The treaty was signed in Moscow. After the war the plebiscite was held at last."
    )
    b = witness_from_text(
        "B", "After the war the plebiscite was held at last. The treaty was signed in Moscow."
    )
    alignment = align([a, b])
    assert len(alignment.transpositions) == 1
    move = alignment.transpositions[0]
    assert move.witnesses == ("A", "B") and move.tokens >= 6
    texts = {a.slice(move.spans[0]), b.slice(move.spans[1])}
    assert len(texts) == 1
    moved = texts.pop()
    assert "The treaty was signed in Moscow" in moved or "After the war the plebiscite was held" in moved
    assert tiling_errors(alignment, [a, b]) == []


def _paragraphs() -> list[str]:
    text = corpus("frankenstein-variorum", "text", "full", "1818.txt").read_text(encoding="utf-8")
    return [p for p in text.split("\n\n") if len(p.split()) > 60]


def _words(text: str) -> str:
    return " ".join(text.split())


def _edited(text: str, every: int) -> str:
    """``text`` with one word in ``every`` changed (the first, and each ``every``-th after)."""
    return " ".join(w if i % every else w.upper() + "x" for i, w in enumerate(text.split()))


@pytest.mark.parametrize("at", [10, 50, 100, 200, 300])
def test_a_moved_paragraph_is_one_whole_transposition_beside_an_edited_one(at: int) -> None:
    """Two paragraphs of Frankenstein swapped, the longer one edited (a word in fifteen
    changed): the shorter moves whole, as one transposition, and none of its common words is
    matched to the same word where it used to stand."""
    one, two, after = _paragraphs()[at : at + 3]
    stays, moves = (one, two) if len(one.split()) > len(two.split()) else (two, one)
    edited = _edited(stays, every=15)
    a = witness_from_text("A", "\n\n".join([stays, moves, after]))
    b = witness_from_text("B", "\n\n".join([moves, edited, after]))
    alignment = align([a, b])
    assert len(alignment.transpositions) == 1
    move = alignment.transpositions[0]
    middle = _words(moves).split()[1:-1]  # its edges may be cut at punctuation
    assert " ".join(middle) in _words(a.slice(move.spans[0]))
    assert " ".join(middle) in _words(b.slice(move.spans[1]))
    assert tiling_errors(alignment, [a, b]) == []


@pytest.mark.parametrize("at", [10, 100, 250])
def test_a_paragraph_moved_and_edited_is_one_transposition_over_all_of_it(at: int) -> None:
    """A paragraph moved before its neighbour with a word in twelve changed: one move, whose
    spans hold the whole paragraph in both witnesses, its changed words included."""
    one, two, after = _paragraphs()[at : at + 3]
    moves, stays = sorted([one, two], key=lambda text: len(text.split()))
    edited = _edited(moves, every=12)
    a = witness_from_text("A", "\n\n".join([moves, stays, after]))
    b = witness_from_text("B", "\n\n".join([stays, edited, after]))
    alignment = align([a, b])
    assert len(alignment.transpositions) == 1
    move = alignment.transpositions[0]
    words = moves.split()
    assert _words(a.slice(move.spans[0])) in _words(moves)
    assert len(a.slice(move.spans[0]).split()) >= len(words) - 2  # all but an edge word
    assert len(b.slice(move.spans[1]).split()) >= len(words) - 2
    inside = [t for t in b.tokens if t.norm and move.spans[1].start <= t.start < move.spans[1].end]
    assert len(inside) - len(words) // 12 - 2 <= move.tokens < len(inside)  # the tokens the two share
    assert sum(u.variant for u in alignment.units) == 2


@pytest.mark.parametrize("distance", [1, 4, 10])
@pytest.mark.parametrize("at", [20, 120])
def test_a_moved_sentence_is_one_transposition_among_three(at: int, distance: int) -> None:
    sentences = [s for s in re.split(r"(?<=[.;!?]) ", " ".join(_paragraphs()[at : at + 4])) if s]
    moved = [*sentences[:2], *sentences[3 : 3 + distance], sentences[2], *sentences[3 + distance :]]
    a = witness_from_text("A", " ".join(sentences))
    b = witness_from_text("B", " ".join(moved))
    c = witness_from_text("C", " ".join(sentences))
    alignment = align([a, b, c])
    assert alignment.transpositions
    # the shorter of the sentence and the text it jumped over is the block that moved
    jumped = " ".join(sentences[3 : 3 + distance])
    block = min(sentences[2], jumped, key=lambda text: len(text.split()))
    middle = " ".join(_words(block).split()[1:-1])
    witnesses = {"A": a, "B": b, "C": c}
    for move in alignment.transpositions:
        assert "B" in move.witnesses
        for siglum, span in zip(move.witnesses, move.spans, strict=True):
            assert middle in _words(witnesses[siglum].slice(span))
    assert sum(u.variant for u in alignment.units) == 2  # the sentence where it was, and where it is
    assert tiling_errors(alignment, [a, b, c]) == []


def test_transpositions_can_be_turned_off_or_need_a_longer_block() -> None:
    a = witness_from_text("A", "one two three four five six seven")
    b = witness_from_text("B", "five six seven one two three four")
    assert len(align([a, b]).transpositions) == 1
    assert align([a, b], options=AlignOptions(transposition_min=0)).transpositions == ()
    assert align([a, b], options=AlignOptions(transposition_min=5)).transpositions == ()


def test_a_short_repeat_is_not_a_transposition() -> None:
    a = witness_from_text("A", "he said no and she said no")
    b = witness_from_text("B", "he said yes and she said no")
    assert align([a, b]).transpositions == ()


def test_bad_options_are_refused() -> None:
    with pytest.raises(ConfigError):
        AlignOptions(near_match=1.5)
    with pytest.raises(ConfigError):
        AlignOptions(transposition_min=-1)


def test_progress_is_reported_per_merged_witness() -> None:
    calls = []
    witnesses = [witness_from_text(s, "the cat sat") for s in "ABCD"]
    align(witnesses, progress=lambda stage, done, total: calls.append((stage, done, total)))
    assert calls[:4] == [("aligning", 0, 3), ("aligning", 1, 3), ("aligning", 2, 3), ("aligning", 3, 3)]
    # then each later stage, begun and, for the last, ended, so that a bar closes
    assert [stage for stage, _, _ in calls[4:]] == [
        "refining",
        "segmenting",
        "finding moved blocks",
        "finding moved blocks",
    ]
    assert calls[-1] == ("finding moved blocks", 1, 1)


@pytest.mark.slow
def test_the_whole_frankenstein_in_five_witnesses_is_tiled() -> None:
    folder = corpus("frankenstein-variorum", "text", "full")
    witnesses = [load_text(folder / f"{s}.txt") for s in ("1818", "1823", "1831", "Thomas", "MS")]
    alignment = align(witnesses)
    assert tiling_errors(alignment, witnesses) == []
    assert 10_000 < len(alignment.units) < 100_000
    # 1823 is a close copy of 1818: most of 1818's tokens sit in units where they agree.
    shared = sum(
        len(u.reading_of("1818").spans) > 1 and "1823" in u.reading_of("1818").spans for u in alignment.units
    )
    assert shared > len(alignment.units) // 3


def test_a_word_divided_differently_is_one_variant() -> None:
    a = witness_from_text("A", "The rail roads involved")
    b = witness_from_text("B", "The railroads involved")
    c = witness_from_text("C", "The rail-roads involved")
    alignment = align([a, b, c])
    (variant,) = [u for u in alignment.units if u.variant]
    assert sorted((r.witnesses, r.text) for r in variant.readings) == [
        (("A",), "rail roads"),
        (("B",), "railroads"),
        (("C",), "rail-roads"),
    ]
    assert tiling_errors(alignment, [a, b, c]) == []


def test_a_substitution_beside_an_omission_stays_two_units() -> None:
    first = witness_from_text("first", "οι δε ελεγον αρον σ⳨ον αυτον")
    corrected = witness_from_text("corrected", "οι δε εκραυγασαν αρον αρον σ⳨ον αυτον")
    variants = [
        [(r.witnesses, r.text) for r in u.readings] for u in align([corrected, first]).units if u.variant
    ]
    assert len(variants) == 2
    assert (("first",), "") in variants[1]


def test_a_move_found_for_two_pairs_of_witnesses_is_extended_by_one_pair_only() -> None:
    """Found by the permutation property: one pair of units moved between two pairs of
    witnesses; the second pair's piece must not extend the first pair's move with its own
    token numbers (which ran past the end of the first witness)."""
    import itertools

    texts = ["the the the", "cat the the cat the", "the the cat the the cat"]
    witnesses = [witness_from_text(f"W{n}", text) for n, text in enumerate(texts)]
    results = {frozenset(moves(align(list(order)))) for order in itertools.permutations(witnesses)}
    assert len(results) == 1
    for move in align(witnesses).transpositions:
        for siglum, span in zip(move.witnesses, move.spans, strict=True):
            assert 0 <= span.start < span.end <= len(texts[int(siglum[1])])


def test_identical_witnesses_give_the_same_units_in_any_order() -> None:
    """Found by the permutation property: two pairs of identical witnesses. The most central
    witness was chosen by a sum of similarities, and a float sum rounds differently in
    another order, so the order they were given in chose among witnesses alike."""
    import itertools

    texts = [
        "",
        ", cat mat sat . on",
        "cat , sat the , , sat on",
        ", cat mat sat . on",
        "cat , sat the , , sat on",
    ]
    witnesses = [witness_from_text(f"W{n}", text) for n, text in enumerate(texts)]
    results = {tuple(canonical(align(list(order)))) for order in itertools.permutations(witnesses)}
    assert len(results) == 1


def _common_words(siglum: str, count: int) -> str:
    """The first ``count`` of a Frankenstein edition's six commonest words, in their order: a
    real text with no word unique anywhere, so that nothing anchors an alignment."""
    text = (corpus("frankenstein-variorum", "text", "full") / f"{siglum}.txt").read_text(encoding="utf-8")
    common = {"the", "of", "and", "to", "a", "in"}
    return " ".join([w for w in re.findall(r"\w+", text.lower()) if w in common][:count])


@pytest.mark.corpus
def test_a_gap_too_large_to_align_exactly_is_aligned_in_windows_and_said() -> None:
    witnesses = [witness_from_text(s, _common_words(s, 6_000)) for s in ("1818", "1831")]
    alignment = align(witnesses)
    assert tiling_errors(alignment, witnesses) == []
    (limit,) = alignment.limits
    assert re.search(r"5,99\d × 5,99\d words", limit) and "windows of 16,000,000 cells" in limit
    # below the budget the same words align exactly, and nothing is said
    shorter = [witness_from_text(s, _common_words(s, 3_000)) for s in ("1818", "1831")]
    assert align(shorter).limits == ()
    # and windows keep nearly every agreement an exact alignment finds
    exact = align(witnesses, options=AlignOptions(cell_budget=6_000 * 6_000))
    assert exact.limits == ()
    agreed = [sum(not u.variant for u in a.units) for a in (alignment, exact)]
    assert agreed[0] >= 0.99 * agreed[1]


@pytest.mark.corpus
def test_the_bound_is_counted_in_cells_not_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    """A slow machine aligns as a fast one: the same hard case under a clock that runs a
    thousand seconds a call gives the same report (a time limit would have cut it short)."""
    import time

    from collate.api import collate, render

    witnesses = [witness_from_text(s, _common_words(s, 6_000)) for s in ("1818", "1831")]
    normal = render(collate(witnesses), "json")
    clock = iter(range(0, 10**12, 1000))
    for name in ("time", "perf_counter", "monotonic"):
        monkeypatch.setattr(time, name, lambda: float(next(clock)))
    assert time.time() + 1000 == time.perf_counter()  # the clock is slowed for everything
    assert render(collate(witnesses), "json") == normal


def test_windows_too_small_for_the_gap_still_tile_both_witnesses() -> None:
    a = witness_from_text("A", "the of and to a in the the of and of to a in in the " * 20)
    b = witness_from_text("B", "of the and a to in the of the and to a of in the in " * 20)
    alignment = align([a, b], options=AlignOptions(cell_budget=16))
    assert tiling_errors(alignment, [a, b]) == []
    assert alignment.limits and "windows of 16 cells" in alignment.limits[0]
    with pytest.raises(ConfigError, match="cell_budget"):
        AlignOptions(cell_budget=4)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 3), max_size=60),
    st.lists(st.integers(0, 3), max_size=60),
    st.integers(16, 500),
)
def test_windowed_opcodes_cover_both_sides_and_match_only_equal_tokens(
    a: list[int], b: list[int], budget: int
) -> None:
    from collate.aligner.pairwise import _exact_opcodes, _windowed_opcodes

    ops = _windowed_opcodes(a, b, 0, len(a), 0, len(b), budget)
    i = j = 0
    for tag, i0, i1, j0, j1 in ops:
        assert (i0, j0) == (i, j)  # contiguous on both sides
        if tag == "equal":
            assert a[i0:i1] == b[j0:j1]
        i, j = i1, j1
    assert (i, j) == (len(a), len(b))
    if len(a) * len(b) <= budget:  # within the budget, it is the exact alignment
        assert ops == _exact_opcodes(a, b, 0, len(a), 0, len(b))
