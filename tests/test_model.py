from __future__ import annotations

import dataclasses
import hashlib

import pytest

from collate.model import Role, Span
from collate.readers import witness_from_text


def test_span_is_half_open_and_checked() -> None:
    assert len(Span(3, 7)) == 4
    with pytest.raises(ValueError):
        Span(5, 2)
    with pytest.raises(ValueError):
        Span(-1, 2)


def test_values_are_frozen() -> None:
    witness = witness_from_text("A", "the cat")
    with pytest.raises(dataclasses.FrozenInstanceError):
        witness.text = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError):  # a named tuple: immutable too
        witness.tokens[0].norm = "x"  # type: ignore[misc]


def test_line_and_column_are_one_based() -> None:
    witness = witness_from_text("A", "first line\nsecond line")
    assert witness.line_col(0) == (1, 1)
    assert witness.line_col(11) == (2, 1)
    assert witness.line_col(18) == (2, 8)


def test_sha256_is_of_the_text_in_utf8() -> None:
    witness = witness_from_text("A", "λόγος")
    assert witness.sha256 == hashlib.sha256("λόγος".encode()).hexdigest()


def test_only_summaries_are_left_out_of_collation() -> None:
    assert witness_from_text("A", "x", role=Role.SOURCE).collated
    assert witness_from_text("A", "x", role="witness").collated
    assert not witness_from_text("A", "x", role=Role.SUMMARY).collated


def test_a_source_sentence_is_a_location_with_a_score() -> None:
    """One type for a place in the texts: a summary's source sentence is a `Location` (so any
    code that takes a location takes it), with the share of the clause it covers."""
    import collate

    digest = collate.witness("U", "The railroad ran far.", role="summary")
    source = collate.witness("S", "The railroad ran far to Kunming.", role="source")
    (link,) = collate.check_summary(digest, [source]).links
    (sentence,) = link.sources
    assert isinstance(sentence, collate.Location) and 0 < sentence.score <= 1
    assert source.text[sentence.span.start : sentence.span.end] == "The railroad ran far to Kunming."
