from __future__ import annotations

import json

import pytest
from conftest import corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from collate.align import align, encode, match_pairs, tiling_errors
from collate.errors import InputError
from collate.load import load_collatex_json, witness_from_text
from collate.model import Role


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
