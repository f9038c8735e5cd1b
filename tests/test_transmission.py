"""Transmission errors on real passages: repeats written a little differently, formulaic
doubling, repeats at a distance, transpositions of any length, and what copies and revisions
report (omissions, additions). Texts: the CNTR transcriptions of John, *Frankenstein*."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import collate
from collate.anomalies import DetectOptions, detect
from collate.anomalies._common import scribal_key
from collate.apparatus import build
from collate.errors import ConfigError, ManifestError
from collate.model import AnomalyKind
from collate.readers import load_text, witness_from_text

from conftest import corpus


def by_kind(anomalies, kind: AnomalyKind) -> list:
    return [a for a in anomalies if a.kind is kind]


def apply(text: str, anomaly) -> str:
    e = anomaly.emendation
    return text[: e.start] + e.text + text[e.end :]


def first_hand(siglum: str):
    return load_text(corpus("cntr-john", "original", f"{siglum}.txt"), siglum=f"{siglum}-first")


def corrected(siglum: str):
    return load_text(corpus("cntr-john", "final", f"{siglum}.txt"), siglum=f"{siglum}-corrected")


@pytest.fixture(scope="module")
def paragraph() -> str:
    """A paragraph of the 1818 *Frankenstein* (chapter 2), a line of its own."""
    text = corpus("frankenstein-variorum", "text", "full", "1818.txt").read_text(encoding="utf-8")
    start = text.index("Natural philosophy is the genius")
    return text[start : text.index("\n", start)]


# --- words as a scribe writes them -------------------------------------------------------


def test_scribal_forms_of_one_word_share_a_key() -> None:
    assert scribal_key("ου¯") == scribal_key("ουν")  # a suspension stroke for the final ν
    assert scribal_key("λεγει") == scribal_key("λεγι")  # itacism
    assert scribal_key("ειπεν") == scribal_key("ειπε")  # a movable ν
    assert scribal_key("θεου") == scribal_key("θυ") != scribal_key("θν")  # a nomen sacrum, its case kept
    assert scribal_key("μη") != scribal_key("μοι")  # short words differ by their vowels alone
    assert scribal_key("ανω") != scribal_key("ανθρωπω")  # "above" is a word, not a contraction
    assert scribal_key("railroads") == "railroads"  # other scripts as they are


def test_a_repeat_with_a_suspension_stroke_in_sinaiticus() -> None:
    """John 13:22 in the first hand of Sinaiticus: ``εβλεπον ου¯ ουν``, the ν once written as
    a stroke, once in full; a corrector deleted the repeat. Sinaiticus marks no clauses, so
    read alone the doubling is reported below the gate (two clauses may meet on one word);
    collated with the corrected text, which has the word once, it is flagged."""
    witness = first_hand("01")
    at = witness.text.index("εβλεπον ου¯ ουν")

    def found_in(anomalies) -> list:
        return [
            a
            for a in by_kind(anomalies, AnomalyKind.DITTOGRAPHY)
            if a.witness == witness.siglum and at <= a.start < at + len("εβλεπον ου¯ ουν")
        ]

    (alone,) = found_in(detect([witness]))
    assert alone.text == "ουν" and alone.confidence < 0.5
    assert "the witness marks no clauses" in alone.cause
    (found,) = found_in(build([witness, corrected("01")]).anomalies)
    assert found.text == "ουν" and found.confidence >= 0.5
    assert "the copies differ: “ουν” for “ου¯”" in found.cause
    shown = {witness.text[e.start : e.end] for e in found.evidence}
    assert {"ου¯", "ουν"} <= shown  # both copies, where they differ


def test_a_repeat_with_one_slipped_letter(paragraph: str) -> None:
    phrase = "the genius that has regulated my fate"
    slipped = paragraph.replace(phrase, phrase + " the genius that has regulatd my fate", 1)
    witness = witness_from_text("copy", slipped)
    at = slipped.index(phrase) + len(phrase)
    (found,) = [a for a in by_kind(detect([witness]), AnomalyKind.DITTOGRAPHY) if a.start >= at - 1]
    assert found.text == "the genius that has regulatd my fate" and found.confidence >= 0.5
    assert "“regulatd” for “regulated”" in found.cause
    marked = {slipped[e.start : e.end] for e in found.evidence}
    assert {"regulated", "regulatd"} <= marked  # where the copies differ
    assert apply(slipped, found) == paragraph


def test_two_different_words_are_not_one_word_slipped() -> None:
    # εισελευσεται and εξελευσεται (John 10:9): two verbs, two letters apart
    witness = witness_from_text("W", "σωθησεται και εισελευσεται και εξελευσεται και νομην ευρησει")
    assert by_kind(detect([witness]), AnomalyKind.DITTOGRAPHY) == []


# --- formulas of the text ----------------------------------------------------------------


def test_amen_amen_is_a_formula_of_john_not_a_slip() -> None:
    witness = first_hand("P66")
    doubled = witness.text.count("αμην αμην")
    assert doubled >= 10
    everything = detect([witness], options=DetectOptions(report_floor=0.0))
    amen = [a for a in by_kind(everything, AnomalyKind.DITTOGRAPHY) if a.text == "αμην"]
    assert amen and all(a.confidence < 0.5 for a in amen)
    assert all("a formula of the text" in a.cause for a in amen)


def test_a_common_word_doubled_by_slips_now_and_then_is_no_formula() -> None:
    witness = load_text(corpus("frankenstein-variorum", "text", "full", "MS.txt"))
    at = witness.text.index("By the the virtues")
    (found,) = [a for a in by_kind(detect([witness]), AnomalyKind.DITTOGRAPHY) if at <= a.start < at + 20]
    assert "formula" not in found.cause and found.confidence >= 0.5


def test_a_doubling_the_aligned_witnesses_share_is_not_reported() -> None:
    """``σταυρωσον σταυρωσον`` (John 19:6) stands twice in Sinaiticus and in Vaticanus: the
    text, not a slip, once they are collated."""
    sinaiticus, vaticanus = first_hand("01"), first_hand("03")
    at = sinaiticus.text.index("σταυρωσον σταυρωσον")
    alone = [a for a in by_kind(detect([sinaiticus]), AnomalyKind.DITTOGRAPHY) if at <= a.start < at + 40]
    assert alone  # one manuscript alone cannot tell
    together = build([sinaiticus, vaticanus]).anomalies
    assert [
        a
        for a in by_kind(together, AnomalyKind.DITTOGRAPHY)
        if a.witness == "01-first" and at <= a.start < at + 40
    ] == []


# --- repeats at a distance, across witnesses ---------------------------------------------


def test_a_passage_written_again_a_few_words_on(paragraph: str) -> None:
    """B, a copy of A, writes four words again two words after them (with no exemplar named,
    the same gap reads as A's eye-skip: which witness erred is what ``exemplars`` says)."""
    words = paragraph.split(" ")
    again = " ".join(words[:30] + words[24:28] + words[30:])
    exemplar, copy = witness_from_text("A", paragraph), witness_from_text("B", again)
    found = build([exemplar, copy], detect_options=DetectOptions(exemplars={"B": "A"})).anomalies
    (repeat,) = [a for a in by_kind(found, AnomalyKind.DITTOGRAPHY) if a.witness == "B"]
    assert repeat.text == "predilection for that science" == " ".join(words[24:28]).rstrip(".")
    assert repeat.reference is not None and repeat.reference.witness == "B"
    assert again[repeat.reference.start : repeat.reference.end] == repeat.text  # its model
    assert "A has them once" in repeat.cause and repeat.confidence >= 0.5
    assert apply(again, repeat) == paragraph
    assert by_kind(found, AnomalyKind.OMISSION) == by_kind(found, AnomalyKind.ADDITION) == []


def test_sinaiticus_repeat_is_found_against_its_corrected_text() -> None:
    first, final = first_hand("01"), corrected("01")
    at = first.text.index("εβλεπον ου¯ ουν")
    near = [a for a in build([first, final]).anomalies if a.witness == "01-first" and at <= a.start < at + 60]
    assert any(a.kind is AnomalyKind.DITTOGRAPHY and a.confidence >= 0.5 for a in near)


# --- transpositions of any length --------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "moved"),
    [
        ("opened it with apathy", "opened with it apathy", 1),  # two words swapped
        ("the genius that has regulated my fate", "the genius that my fate has regulated", 2),  # a phrase on
        ("I desire therefore", "therefore I desire", 1),
    ],
)
def test_a_short_move_is_one_transposition(paragraph: str, before: str, after: str, moved: int) -> None:
    assert before in paragraph
    copy = paragraph.replace(before, after, 1)
    found = build([witness_from_text("A", paragraph), witness_from_text("B", copy)]).anomalies
    (move,) = by_kind(found, AnomalyKind.TRANSPOSITION)
    assert len(move.text.split()) == moved and move.text in after
    assert move.reference is not None and move.reference.witness == "A"
    assert by_kind(found, AnomalyKind.OMISSION) == by_kind(found, AnomalyKind.ADDITION) == []


def test_a_block_moved_far_is_one_transposition(paragraph: str) -> None:
    sentences = paragraph.split(". ")
    assert len(sentences) >= 4
    moved = ". ".join([sentences[1], sentences[2], sentences[0], *sentences[3:]])
    found = build([witness_from_text("A", paragraph), witness_from_text("B", moved)]).anomalies
    moves = by_kind(found, AnomalyKind.TRANSPOSITION)
    assert len(moves) == 1 and len(moves[0].text.split()) >= 5
    assert by_kind(found, AnomalyKind.OMISSION) == by_kind(found, AnomalyKind.ADDITION) == []


def test_a_common_word_far_away_is_no_transposition() -> None:
    a = witness_from_text("A", "the ship sailed north and the crew slept while the captain watched the ice")
    b = witness_from_text("B", "ship sailed north and the crew slept while the captain watched the ice the")
    assert by_kind(build([a, b]).anomalies, AnomalyKind.TRANSPOSITION) == []


# --- copies and revisions ----------------------------------------------------------------


def test_copies_report_a_plain_cut_and_revisions_do_not(paragraph: str) -> None:
    words = paragraph.split(" ")
    cut = " ".join(words[:40] + words[52:])  # twelve words out, no repeated phrase around them
    witnesses = [witness_from_text("A", paragraph), witness_from_text("B", cut)]
    (omission,) = by_kind(build(witnesses).anomalies, AnomalyKind.OMISSION)
    assert omission.witness == "B" and "12 words of A missing" in omission.cause
    assert apply(cut, omission) == paragraph
    revised = build(witnesses, detect_options=DetectOptions(relation="revisions")).anomalies
    assert by_kind(revised, AnomalyKind.OMISSION) == []


def test_text_one_witness_alone_has_is_its_addition(paragraph: str) -> None:
    words = paragraph.split(" ")
    longer = " ".join([*words[:40], "in", "the", "cold", "northern", "seas", *words[40:]])
    witnesses = [
        witness_from_text("A", paragraph),
        witness_from_text("B", longer),
        witness_from_text("C", paragraph),
    ]
    found = build(witnesses).anomalies
    (added,) = by_kind(found, AnomalyKind.ADDITION)
    assert (added.witness, added.text) == ("B", "in the cold northern seas")
    assert by_kind(found, AnomalyKind.OMISSION) == []
    assert apply(longer, added) == paragraph


def test_relation_options_are_checked() -> None:
    with pytest.raises(ConfigError, match="relation"):
        DetectOptions(relation="cousins")
    with pytest.raises(ConfigError, match="copy of itself"):
        DetectOptions(exemplars={"A": "A"})


def test_the_manifest_declares_the_relation_and_the_exemplars(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("The treaty was signed in Moscow after a long night.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "The treaty was signed by both sides in Moscow after a long night.\n", encoding="utf-8"
    )
    manifest = tmp_path / "collate.toml"
    manifest.write_text(
        '[collation]\nrelation = "copies"\n\n'
        '[[witness]]\nsiglum = "A"\nfile = "a.txt"\n\n'
        '[[witness]]\nsiglum = "B"\nfile = "b.txt"\nexemplar = "A"\n',
        encoding="utf-8",
    )
    from collate.edition import collate_manifest, read_manifest

    read = read_manifest(tmp_path)
    assert read.detect_options.exemplars == {"B": "A"} and read.detect_options.relation == "copies"
    (added,) = by_kind(collate_manifest(read).anomalies, AnomalyKind.ADDITION)
    assert (added.witness, added.text) == ("B", "by both sides")
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('"copies"', '"revisions"'), encoding="utf-8"
    )
    assert by_kind(collate_manifest(read_manifest(tmp_path)).anomalies, AnomalyKind.ADDITION) == []
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('exemplar = "A"', 'exemplar = "Z"'), encoding="utf-8"
    )
    with pytest.raises(ManifestError, match="exemplar 'Z' is no witness here"):
        read_manifest(tmp_path)
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('"revisions"', '"cousins"').replace('"Z"', '"A"'),
        encoding="utf-8",
    )
    with pytest.raises(ManifestError, match=r"\[collation\] relation must be one of copies, revisions"):
        read_manifest(tmp_path)


def test_the_command_line_takes_the_relation(tmp_path) -> None:
    from collate.cli import main

    (tmp_path / "A.txt").write_text("The treaty was signed in Moscow after a long night.\n", encoding="utf-8")
    (tmp_path / "B.txt").write_text(
        "The treaty was signed by both sides in Moscow after a long night.\n", encoding="utf-8"
    )
    files = [str(tmp_path / "A.txt"), str(tmp_path / "B.txt")]
    runner = CliRunner()
    copied = runner.invoke(main, ["anomalies", *files, "--exemplar", "B=A"])
    assert copied.exit_code == 0 and "addition" in copied.output and "“by both sides”" in copied.output
    revised = runner.invoke(main, ["anomalies", *files, "--revisions"])
    assert revised.exit_code == 0 and "0 anomalies" in revised.output
    for bad, message in (("B", "write COPY=EXEMPLAR"), ("B=Q", "no witness 'Q'")):
        wrong = runner.invoke(main, ["anomalies", *files, "--exemplar", bad])
        assert wrong.exit_code == 1 and message in wrong.output + (wrong.stderr or "")


def test_the_api_infers_the_relation_unless_told() -> None:
    assert collate.DetectOptions().relation == ""
    assert collate.DetectOptions(relation="independent").relation == "independent"
    with pytest.raises(collate.ConfigError, match="relation must be one of copies, revisions, independent"):
        collate.DetectOptions(relation="cousins")


def test_the_tei_apparatus_marks_both_places_of_a_swap(paragraph: str) -> None:
    from lxml import etree

    copy = paragraph.replace("opened it with apathy", "opened with it apathy", 1)
    apparatus = build([witness_from_text("A", paragraph), witness_from_text("B", copy)])
    tei = etree.fromstring(collate.render(apparatus, "tei").encode("utf-8"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    apps = tei.findall(".//t:app", ns)
    assert len(apps) == 2
    for app in apps:  # at each place, the witness without the word is marked, never as "omission"
        (empty,) = [e for e in app if not (e.text or "").strip()]
        assert empty.get("cause") == "transposition"
    assert {e.get("cause") for app in apps for e in app} <= {"transposition", None}


# --- edge cases a review found -----------------------------------------------------------


def test_witnesses_that_agree_are_not_parted_by_a_third() -> None:
    ws = [
        witness_from_text("A", "x y z w"),
        witness_from_text("B", "x y z w v"),
        witness_from_text("C", "x y z y z w v w v"),
    ]
    apparatus = build(ws)
    assert by_kind(apparatus.anomalies, AnomalyKind.TRANSPOSITION) == []
    w = [u for u in apparatus.alignment.units if any(r.text == "w" for r in u.readings)]
    assert any({"A", "B"} <= set(r.witnesses) for u in w for r in u.readings if r.text == "w")


def test_an_omission_is_mended_without_a_space_before_a_comma() -> None:
    a = witness_from_text("A", "He came home, sat down by the fire, and slept.")
    b = witness_from_text("B", "He came home, and slept.")
    (omission,) = by_kind(build([a, b]).anomalies, AnomalyKind.OMISSION)
    assert apply(b.text, omission) == a.text


def test_a_doubled_word_one_witness_alone_has_is_reported_once() -> None:
    ws = [
        witness_from_text("A", "the old man sat down"),
        witness_from_text("B", "the old man sat down"),
        witness_from_text("C", "the old man man sat down"),
    ]
    found = build(ws).anomalies
    (repeat,) = by_kind(found, AnomalyKind.DITTOGRAPHY)
    assert (repeat.witness, apply(ws[2].text, repeat)) == ("C", "the old man sat down")
    assert by_kind(found, AnomalyKind.ADDITION) == by_kind(found, AnomalyKind.OMISSION) == []


def test_a_copy_repeat_is_read_in_the_copy_itself() -> None:
    a = witness_from_text("A", "one two three four five six seven eight nine ten")
    b = witness_from_text(
        "B", "zero extra words here one two three four red green blue five six seven eight nine ten"
    )
    c = witness_from_text(
        "C", "one two three four red green blue five red green blue six seven eight nine ten"
    )
    found = build([a, b, c], detect_options=DetectOptions(exemplars={"C": "A"})).anomalies
    (repeat,) = [x for x in by_kind(found, AnomalyKind.DITTOGRAPHY) if x.witness == "C"]
    assert repeat.text == "red green blue" == c.text[repeat.start : repeat.end]
    assert apply(c.text, repeat) in {  # either copy can go: both stand where A has nothing
        "one two three four red green blue five six seven eight nine ten",
        "one two three four five red green blue six seven eight nine ten",
    }


def test_gaps_are_reported_whatever_the_order_of_the_witnesses() -> None:
    import itertools

    texts = {
        "A": "quick mat cat and fox very",
        "B": "quick cat and fox very big",
        "C": "quick cat and fox and fox very big very big",
    }
    seen = set()
    for order in itertools.permutations(texts):
        found = build([witness_from_text(s, texts[s]) for s in order]).anomalies
        seen.add(tuple(sorted((a.kind.value, a.witness, a.start, a.end) for a in found)))
    assert len(seen) == 1


def test_two_dictionary_words_a_letter_apart_are_no_slip() -> None:
    witness = witness_from_text("W", "we saw the big house the big horse in the field")
    assert by_kind(detect([witness]), AnomalyKind.DITTOGRAPHY) == []
