from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collate.errors import ConfigError
from collate.model import TokenKind
from collate.tokenizer import Normalization, editorial_insertions, editorial_signs, tokenize


def rebuild(tokens) -> str:
    return "".join(t.text + t.space for t in tokens)


@given(st.text())
def test_tokens_rebuild_any_text_exactly(text: str) -> None:
    tokens = tokenize(text)
    assert rebuild(tokens) == text


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_offsets_point_at_verbatim_text(text: str) -> None:
    for index, token in enumerate(tokenize(text)):
        assert token.i == index
        assert text[token.start : token.end] == token.text
        assert text[token.end : token.end + len(token.space)] == token.space
        assert token.space.strip() == ""


@given(st.text(), st.dictionaries(st.sampled_from(["a b", "the cat", "x"]), st.sampled_from(["ab", "y"])))
def test_regularisation_keeps_the_text_lossless(text: str, table: dict[str, str]) -> None:
    assert rebuild(tokenize(text, Normalization(regularize=table))) == text


def test_words_punctuation_and_leading_space_are_kinds(cable_text: str) -> None:
    tokens = tokenize('  Stalin said, "We might see."')
    assert [(t.text, t.kind) for t in tokens][:4] == [
        ("  ", TokenKind.SPACE),
        ("Stalin", TokenKind.WORD),
        ("said", TokenKind.WORD),
        (",", TokenKind.PUNCT),
    ]
    assert tokens[0].norm == ""  # leading space takes no part in matching


def test_case_is_folded_by_default_and_can_be_kept() -> None:
    assert [t.norm for t in tokenize("TOP Secret")] == ["top", "secret"]
    assert [t.norm for t in tokenize("TOP Secret", Normalization(casefold=False))] == ["TOP", "Secret"]


def test_nfc_and_nfd_spellings_share_a_norm_but_keep_their_text() -> None:
    composed = unicodedata.normalize("NFC", "Lüshunkou")
    decomposed = unicodedata.normalize("NFD", "Lüshunkou")
    a, b = tokenize(composed)[0], tokenize(decomposed)[0]
    assert a.norm == b.norm
    assert (a.text, b.text) == (composed, decomposed)
    assert len(tokenize(decomposed)) == 1  # the combining mark stays in its word


def test_greek_with_combining_marks_is_one_token_per_word() -> None:
    text = unicodedata.normalize("NFD", "ἐν ἀρχῇ ἦν ὁ λόγος")
    assert [t.text for t in tokenize(text)] == text.split()


def test_punctuation_policy_ignore_empties_the_norm_only() -> None:
    tokens = tokenize("war, the", Normalization(punctuation="ignore"))
    assert [(t.text, t.norm) for t in tokens] == [("war", "war"), (",", ""), ("the", "the")]


def test_multi_word_regularisation_merges_tokens() -> None:
    rules = Normalization(regularize={"Rail Roads": "railroads"})
    tokens = tokenize("The rail roads involved", rules)
    assert [(t.text, t.norm) for t in tokens] == [
        ("The", "the"),
        ("rail roads", "railroads"),
        ("involved", "involved"),
    ]


def test_one_word_regularisation() -> None:
    rules = Normalization(regularize={"θσ": "θεοσ"})
    assert [t.norm for t in tokenize("ο θσ", rules)] == ["ο", "θεοσ"]


def test_editorial_insertions_are_a_marked_layer(cable_text: str) -> None:
    spans = editorial_insertions(cable_text)
    assert [cable_text[s.start : s.end] for s in spans] == [
        "[Xinjiang]",
        "[Dalian]",
        "[Lüshunkou District, Dalian]",
    ]
    tokens = tokenize(cable_text)
    marked = [t.text for t in tokens if t.editorial]
    assert marked == [
        "[",
        "Xinjiang",
        "]",
        "[",
        "Dalian",
        "]",
        "[",
        "Lüshunkou",
        "District",
        ",",
        "Dalian",
        "]",
    ]
    assert all(t.norm == "" for t in tokens if t.editorial)
    kept = tokenize(cable_text, Normalization(editorial="keep"))
    assert [t.norm for t in kept if t.editorial][:3] == ["[", "xinjiang", "]"]


@pytest.mark.parametrize(
    "data",
    [
        {"punctuation": "drop"},
        {"unicode_form": "NFX"},
        {"casefold": "yes"},
        {"colour": 1},
        {"regularize": {"a": 1}},
    ],
)
def test_bad_normalisation_settings_are_refused(data: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        Normalization.from_mapping(data)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("[...]", "lacuna"),
        ("[…]", "lacuna"),
        ("[   ]", "lacuna"),
        ("[– – –]", "lacuna"),
        ("[.3.]", "lacuna"),
        ("[Xinjiang]", "gloss"),
        ("[sic]", "gloss"),
        ("⟨και⟩", "supplied"),
        ("〈et〉", "supplied"),
        ("<and the>", "supplied"),
        ("<και>", "supplied"),
        ("⟦λογοσ⟧", "erased"),
    ],
)
def test_editorial_brackets_say_what_they_mean(text: str, sign: str) -> None:
    (found,) = editorial_signs(f"one {text} two")
    assert (found.start, found.end, found.sign.value) == (4, 4 + len(text), sign)
    words = [t.norm for t in tokenize(f"one {text} two") if t.norm]
    assert words == ["one", "two"]  # every sign kept apart from matching


@pytest.mark.parametrize("text", ["<b>", "<script>", "a < b > c", '<img src="x">', "x<y and y>z"])
def test_markup_and_comparisons_are_no_editorial_signs(text: str) -> None:
    assert editorial_signs(text) == ()
