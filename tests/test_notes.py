"""The apparatus laid out as an edition prints it: numbered lines, entries, lacunae."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import collate
from collate.model import Mechanism
from collate.readers import load_text
from collate.report.notes import EDGE, WIDTH, abbreviation, layout, lines

from conftest import corpus


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab cd\n\t."), max_size=400), st.integers(8, 80))
def test_lines_cover_the_text_at_word_boundaries(text: str, width: int) -> None:
    """Every word of the text lies on one displayed line; a line starts at a word and is no
    longer than the width unless it is one word; a line never runs across a line end."""
    starts = lines(text, width)
    assert starts == sorted(set(starts))
    ends = [*starts[1:], len(text)][: len(starts)]
    shown = []
    for start, end in zip(starts, ends, strict=True):
        line = text[start:end].rstrip()
        assert line and not text[start].isspace()
        assert "\n" not in line
        assert len(line) <= width or len(line.split()) == 1
        shown.extend(line.split())
    assert shown == text.split()


def test_a_whole_chapter_is_in_lines_of_a_printed_page() -> None:
    text = load_text(corpus("frankenstein-variorum", "text", "units", "C07", "1831.txt")).text
    starts = lines(text)
    lengths = [len(text[s:e].rstrip()) for s, e in zip(starts, [*starts[1:], len(text)], strict=True)]
    assert max(lengths) <= WIDTH
    assert len(starts) > len(text.strip().split("\n\n"))  # paragraphs are cut into lines


def test_neighbouring_variants_are_one_entry_at_the_chosen_grain() -> None:
    a = collate.witness("A", "so the black cat sat on the mat all day")
    b = collate.witness("B", "so a black dog sat on the mat all day")
    apparatus = collate.collate([a, b])
    variants = [k for k, u in enumerate(apparatus.alignment.units) if u.variant]
    assert len(variants) == 2  # "the" / "a" and "cat" / "dog", one word of agreement between
    assert [(e.first, e.last) for e in layout(apparatus, 2).entries] == [(variants[0], variants[1])]
    assert [(e.first, e.last) for e in layout(apparatus, 1).entries] == [(k, k) for k in variants]
    assert [(e.first, e.last) for e in layout(apparatus, 0).entries] == [(k, k) for k in variants]


def test_a_rewritten_paragraph_is_a_few_entries_not_one_a_word() -> None:
    """*Frankenstein* chapter 7, where 1831 rewrote much of 1818: the default grain gives a
    tenth as many entries as there are variant units, and every variant unit is in one."""
    folder = corpus("frankenstein-variorum", "text", "units", "C07")
    apparatus = collate.collate([load_text(folder / f"{s}.txt") for s in ("1831", "1818", "Thomas", "MS")])
    laid = layout(apparatus)
    one_a_unit = layout(apparatus, 0)
    assert len(laid.entries) * 5 < len(one_a_unit.entries)
    covered = {k for e in laid.entries for k in range(e.first, e.last + 1)}
    assert {e.first for e in one_a_unit.entries} <= covered


def test_a_witness_that_begins_late_has_one_note_not_one_a_unit() -> None:
    """The *Frankenstein* manuscript of chapter 7 begins some two thousand words into the
    chapter: one lacuna, ``inc.``, and no entry before it for the manuscript's absence."""
    folder = corpus("frankenstein-variorum", "text", "units", "C07")
    apparatus = collate.collate([load_text(folder / f"{s}.txt") for s in ("1831", "1818", "Thomas", "MS")])
    laid = layout(apparatus)
    (begins,) = [x for x in laid.lacunae if x.witness == "MS"]
    units = apparatus.alignment.units
    assert begins.kind == "inc." and begins.first == 0
    assert units[begins.last + 1].reading_of("MS").norm  # the manuscript has text right after
    only_ms = [
        e
        for e in laid.entries
        if e.last <= begins.last
        and all(
            len([r for r in u.readings if set(r.witnesses) - {"MS"}]) == 1
            for u in units[e.first : e.last + 1]
        )
    ]
    assert not only_ms  # where only the manuscript's absence made a unit variant, no entry


def test_a_witness_that_ends_early_or_begins_late_is_told_apart_from_a_short_omission() -> None:
    words = " ".join(f"w{i}" for i in range(3 * EDGE))
    a = collate.witness("A", words)
    b = collate.witness("B", " ".join(words.split()[: 2 * EDGE]))  # ends early
    c = collate.witness("C", " ".join(words.split()[EDGE:]))  # begins late
    d = collate.witness("D", words.replace(" w3 w4 ", " "))  # omits two words
    laid = layout(collate.collate([a, b, c, d]))
    assert sorted((x.witness, x.kind) for x in laid.lacunae) == [("B", "expl."), ("C", "inc.")]


def test_a_marked_lacuna_is_lac_whatever_its_length() -> None:
    a = collate.witness("A", "in the beginning was the word and the word was with god")
    b = collate.witness("B", "in the [...] the word and the word was with god")
    laid = layout(collate.collate([a, b]))
    assert [(x.witness, x.kind) for x in laid.lacunae] == [("B", "lac.")]
    assert not laid.entries


def test_variants_of_punctuation_only_are_marked() -> None:
    a = collate.witness("A", "He came home, and then he slept.")
    b = collate.witness("B", "He came home and then he slept;")
    c = collate.witness("C", "He came home and then he rested.")
    entries = layout(collate.collate([a, b, c])).entries
    assert [e.punctuation for e in entries] == [True, False]


@pytest.mark.parametrize(
    ("mechanism", "note"),
    [
        (Mechanism.HOMEOTELEUTON, "per homoeotel."),
        (Mechanism.HOMEOARCHY, "per homoearch."),
        (Mechanism.HAPLOGRAPHY, "per haplogr."),
        (None, ""),
    ],
)
def test_an_omission_is_named_as_editions_name_it(mechanism: Mechanism | None, note: str) -> None:
    """By its mechanism, a field of the anomaly, never by the words of its cause."""
    anomaly = collate.Anomaly(
        "a1", collate.AnomalyKind.OMISSION, "A", 0, 0, "", 0.9, "homeoteleuton: said", mechanism=mechanism
    )
    assert abbreviation(anomaly) == note


def test_text_lost_from_a_papyrus_is_one_lac_note() -> None:
    """John 6 in Sinaiticus and P66: the papyrus has lost verses 12 to 34 (its transcription
    marks ``[...]``). One ``lac.`` note covers the 440 words it lacks there, and no entry of the
    apparatus says ``om.`` for it in that stretch."""
    from test_relation import john

    apparatus = collate.collate([john("final", "01", 6, 6), john("final", "P66", 6, 6)])
    laid = layout(apparatus)
    units = apparatus.alignment.units
    lost = [x for x in laid.lacunae if x.witness == "P66" and x.kind == "lac."]

    def words(x) -> int:
        return sum(max(len(r.norm.split()) for r in units[k].readings) for k in range(x.first, x.last + 1))

    longest = max(lost, key=words)
    assert words(longest) > 400
    assert not [e for e in laid.entries if longest.first <= e.first <= longest.last]
    p66 = apparatus.witness("P66")
    at = units[longest.first].reading_of("P66").spans["P66"]
    assert "[...]" in p66.text[max(0, at.start - 20) : at.end + 20]
