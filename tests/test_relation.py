"""The relation of each pair of witnesses, and the evidence a flag needs beyond it: on real
passages of John (CNTR's transcriptions), Frankenstein and the Notre besoin hand copies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import collate
from collate.anomalies import DetectOptions, relations
from collate.anomalies.relation import infer
from collate.apparatus import build
from collate.model import AnomalyKind, Span, Witness, at_lacuna
from collate.readers import witness_from_text
from collate.tokenizer import editorial_signs

from conftest import ROOT, corpus

BESOIN = ROOT / "benchmarks" / "data" / "notre-besoin"


def john(folder: str, siglum: str, first: int, last: int, name: str = "") -> Witness:
    """Chapters ``first`` to ``last`` of a CNTR witness of John."""
    lines = corpus("cntr-john", folder, f"{siglum}.txt").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if line[:8].isdigit() and first <= int(line[2:5]) <= last]
    return witness_from_text(name or siglum, "\n".join(kept) + "\n")


def frankenstein(siglum: str, start: str, end: str) -> Witness:
    text = corpus("frankenstein-variorum", "text", "full", f"{siglum}.txt").read_text(encoding="utf-8")
    lower = text.lower()
    return witness_from_text(siglum, text[lower.index(start) if start else 0 : lower.index(end)])


def relation_of(apparatus: collate.Apparatus, a: str, b: str) -> collate.Relation:
    return next(r for r in apparatus.relations if set(r.witnesses) == {a, b})


def flags(apparatus: collate.Apparatus, kind: AnomalyKind | None = None) -> list[collate.Anomaly]:
    return [a for a in apparatus.anomalies if a.confidence >= 0.5 and (kind is None or a.kind is kind)]


@pytest.fixture(scope="module")
def john_17() -> collate.Apparatus:
    """John 17 in four manuscripts: independent witnesses, nothing declared."""
    return build([john("final", s, 17, 17) for s in ("01", "03", "05", "P66")])


def test_manuscripts_of_john_are_inferred_independent_and_say_why(john_17: collate.Apparatus) -> None:
    found = relation_of(john_17, "01", "03")
    assert (found.relation, found.inferred) == ("independent", True)
    assert "per 100" in found.reason and "independent" in found.reason


def test_a_first_hand_and_its_corrected_state_are_inferred_copies() -> None:
    apparatus = build([john("original", "P66", 1, 6, "first"), john("final", "P66", 1, 6, "corrected")])
    assert relation_of(apparatus, "first", "corrected").relation == "copies"


def test_an_authors_rewriting_is_inferred_revisions() -> None:
    start, end = "nothing is more painful to the human mind", "day after day, week after week"
    apparatus = build([frankenstein(s, start, end) for s in ("1818", "1831")])
    found = relation_of(apparatus, "1818", "1831")
    assert found.relation == "revisions" and "stretches of 20 or more" in found.reason


def test_a_declared_relation_and_an_exemplar_win_over_the_inference() -> None:
    witnesses = [john("final", s, 17, 17) for s in ("01", "03", "05")]
    alignment = collate.align(witnesses)
    declared = relations(witnesses, alignment, DetectOptions(relation="copies"))
    assert {(r.relation, r.inferred) for r in declared} == {("copies", False)}
    by_exemplar = infer(witnesses, alignment, exemplars={"03": "01"})
    assert by_exemplar[frozenset(("01", "03"))].relation == "copies"
    assert not by_exemplar[frozenset(("01", "03"))].inferred
    assert by_exemplar[frozenset(("01", "05"))].relation == "independent"


def test_one_long_gap_between_hand_copies_is_not_rewriting() -> None:
    """D copies S but leaves out 42 words in one place: one long stretch, not three."""
    witnesses = [collate.witness(s, (BESOIN / f"{s}.txt").read_text(encoding="utf-8")) for s in ("S", "D")]
    found = relations(witnesses, collate.align(witnesses))[0]
    assert found.relation == "copies", found.reason


def test_word_order_and_single_words_between_independent_witnesses_stay_under_the_gate(
    john_17: collate.Apparatus,
) -> None:
    """John 17 has dozens of variants in these four manuscripts, and one eye-skip of note."""
    variant_units = sum(1 for u in john_17.alignment.units if u.variant)
    assert variant_units > 100
    assert not flags(john_17, AnomalyKind.TRANSPOSITION)
    assert not flags(john_17, AnomalyKind.ADDITION)
    moved = [a for a in john_17.anomalies if a.kind is AnomalyKind.TRANSPOSITION]
    assert moved and all("word order between independent witnesses" in a.features for a in moved)


def test_an_eye_skip_between_independent_witnesses_passes_the_gate(john_17: collate.Apparatus) -> None:
    """03 at 17:15: "ινα αρης αυτους εκ του [κοσμου αλλ ινα τηρησης αυτους εκ του] πονηρου"."""
    (skip,) = [a for a in flags(john_17, AnomalyKind.OMISSION) if a.witness == "03"]
    assert skip.cause.startswith("homeoteleuton") and "αυτουσ εκ του" in skip.cause


def test_a_word_again_a_few_words_on_is_a_variant_between_independent_witnesses() -> None:
    """05 at 9:35 "ευρεν αυτον και ειπεν": the "και" stands two words before, "αυτον" before
    both, by chance; at 5:45 03 writes "προσ τον πατερα" again after "υμων", as before."""
    apparatus = build([john("final", s, 5, 9) for s in ("01", "03", "05", "P66")])
    at_9_35 = [
        a for a in apparatus.anomalies if a.witness == "05" and a.text == "και" and a.confidence >= 0.5
    ]
    assert not at_9_35
    again = [a for a in flags(apparatus, AnomalyKind.DITTOGRAPHY) if a.witness == "03"]
    assert any(a.text == "προσ το¯ πατερα" and "trigger" in a.features for a in again)


def test_words_beside_the_gap_are_no_omission() -> None:
    """10:7, "αμη¯ αμην λεγω" in 01 against "αμην αμην λεγω": the aligner leaves one "αμην"
    unpaired, and the witness has it all the same."""
    apparatus = build([john("final", s, 10, 10) for s in ("01", "03", "05", "P66")])
    for anomaly in flags(apparatus, AnomalyKind.OMISSION):
        assert "“αμην” written once" not in anomaly.cause and "(“αμη¯”)" not in anomaly.cause, anomaly.cause


def test_an_inferred_copy_does_not_gate_a_gap_nothing_explains_but_a_declared_one_does() -> None:
    a = "The rail roads involved should be only the main lines and not subsidiary lines, as agreed. " * 4
    b = a.replace("and not subsidiary lines, as agreed. ", "", 1)
    witnesses = [witness_from_text("A", a), witness_from_text("B", b)]
    inferred = build(witnesses).anomalies
    declared = build(witnesses, detect_options=DetectOptions(relation="copies")).anomalies
    (guess,) = [x for x in inferred if x.kind is AnomalyKind.OMISSION]
    (told,) = [x for x in declared if x.kind is AnomalyKind.OMISSION]
    assert guess.confidence < 0.5 <= told.confidence
    assert "between copies, as inferred" in guess.features and "between copies" in told.features


def test_a_spelling_every_edition_shares_is_the_texts_not_a_slip() -> None:
    """ "good-fortune" once and "good fortune" elsewhere in Volume I, in 1818 and in the 1823
    reprint: a slip of one edition read alone, the text's spelling once both are collated."""
    end = "nothing is more painful to the human mind"
    first = frankenstein("1818", "", end)
    (alone,) = [a for a in build([first]).anomalies if a.text == "good-fortune"]
    assert alone.confidence >= 0.5
    both = build([first, frankenstein("1823", "", end)])
    shared = [a for a in both.anomalies if a.text == "good-fortune"]
    assert len(shared) == 2 and all(a.confidence < 0.5 and "the text's spelling" in a.cause for a in shared)


def test_double_square_brackets_are_an_editions_sign_not_a_gloss() -> None:
    text = "και [[ο]] ιησους [σὺ] ειπεν [...]"
    signs = [(text[e.start : e.end], e.sign.value) for e in editorial_signs(text)]
    assert signs == [("[[ο]]", "erased"), ("[σὺ]", "gloss"), ("[...]", "lacuna")]
    witness = witness_from_text("WH", text)
    assert [text[s.start : s.end] for s in witness.insertions] == ["[σὺ]"]


def test_a_verse_number_and_a_count_between_a_gap_and_a_lacuna_still_touch_it() -> None:
    text = "43020012 και θεωρει 43020013 1 [...] λεγει"
    lacunae = (Span(text.index("["), text.index("]") + 1),)
    gap = text.index("43020013")
    assert at_lacuna(text, lacunae, Span(gap, gap))
    assert not at_lacuna(text, lacunae, Span(9, 9))


def test_every_report_says_what_each_pair_was_taken_for(tmp_path: Path) -> None:
    apparatus = build([john("final", s, 17, 17) for s in ("01", "03")])
    data = json.loads(collate.render(apparatus, "json"))
    assert data["relations"] == [
        {
            "witnesses": ["01", "03"],
            "relation": "independent",
            "inferred": True,
            "reason": data["relations"][0]["reason"],
        }
    ]
    assert "relation 01 and 03: independent (inferred: " in collate.render(apparatus, "text")
    assert "01 and 03: independent (inferred: " in collate.render(apparatus, "html")
    assert "relation 01 and 03: independent" in collate.render_anomalies(apparatus, "text")


def test_the_command_line_declares_a_relation_and_refuses_two(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from collate.cli import main

    a, b = tmp_path / "A.txt", tmp_path / "B.txt"
    a.write_text("The rail roads involved should be only the main lines and not subsidiary lines.\n")
    b.write_text("The rail roads involved should be only the main lines.\n")
    runner = CliRunner()
    declared = runner.invoke(main, ["anomalies", str(a), str(b), "--relation", "independent"])
    assert declared.exit_code == 0 and "relation A and B: independent (declared)" in declared.output
    # a one-word slide between independent witnesses is reported, under the gate
    assert "omission (0.25) [homeoteleuton" in declared.output
    inferred = runner.invoke(main, ["anomalies", str(a), str(b)])
    assert "relation A and B: copies (inferred: " in inferred.output
    both = runner.invoke(main, ["anomalies", str(a), str(b), "--revisions", "--relation", "copies"])
    assert both.exit_code == 1 and "say two things" in both.output + (both.stderr or "")


def test_a_manifest_declares_a_relation(tmp_path: Path) -> None:
    from collate.edition import read_manifest

    (tmp_path / "A.txt").write_text("a b c\n")
    (tmp_path / "B.txt").write_text("a c\n")
    (tmp_path / "collate.toml").write_text(
        '[collation]\nrelation = "independent"\n[[witness]]\nsiglum = "A"\nfile = "A.txt"\n'
        '[[witness]]\nsiglum = "B"\nfile = "B.txt"\n'
    )
    assert read_manifest(tmp_path).detect_options.relation == "independent"
    (tmp_path / "collate.toml").write_text(
        '[collation]\nrelation = "cousins"\n[[witness]]\nsiglum = "A"\nfile = "A.txt"\n'
    )
    with pytest.raises(collate.ManifestError, match="copies, revisions, independent"):
        read_manifest(tmp_path)


# --- evidence in texts without punctuation, rewordings, readings of the tradition --------


def test_a_witness_without_clause_marks_is_told_from_one_with_them() -> None:
    from collate.anomalies._common import punctuates

    assert not punctuates(john("original", "01", 1, 3))  # a majuscule: no punctuation
    assert not punctuates(witness_from_text("D", (BESOIN / "D.txt").read_text(encoding="utf-8")))
    assert punctuates(frankenstein("1818", "", "nothing is more painful"))
    assert punctuates(witness_from_text("A", "No youth could could be more happy"))  # too short to tell


def test_a_doubled_word_in_a_text_without_punctuation_needs_another_witness() -> None:
    """John 5:36, ``ινα τελειωσω αυτα αυτα τα εργα``: the text doubles the word across a
    clause; without punctuation nothing shows it, so alone it stays under the gate."""
    witness = john("original", "P75", 5, 5)
    at = witness.text.index("αυτα αυτα")
    (doubled,) = [a for a in detect_repeats(witness) if at <= a.start <= at + 10]
    assert doubled.confidence < 0.5 and "marks no clauses" in doubled.cause


def detect_repeats(witness: Witness) -> list[collate.Anomaly]:
    return [a for a in collate.detect([witness]) if a.kind is AnomalyKind.DITTOGRAPHY]


@pytest.fixture(scope="module")
def john_12_14() -> collate.Apparatus:
    return build([john("final", s, 12, 14) for s in ("01", "03", "05", "P66")])


def test_a_word_in_place_of_a_like_word_is_a_rewording(john_12_14: collate.Apparatus) -> None:
    """John 13:27, Bezae's ``ο ποιεισ ποιησ`` where the others read ``ποιησον``, and 14:23,
    ``και προσ αυτον μονην`` where they read ``και μονην παρ αυτω``: readings that replace
    the others' words, not copies added; P66's ``τισ διακονη εμοι`` written twice (12:26)
    adds text and passes the gate."""
    found = {(a.witness, a.text): a for a in john_12_14.anomalies if a.kind is AnomalyKind.DITTOGRAPHY}
    for key in (("05", "ποιησ"), ("05", "προσ αυτον")):
        assert found[key].confidence < 0.5, key
        assert "rewording" in found[key].cause
    assert found["P66", "τισ διακονη εμοι"].confidence >= 0.5


def test_words_one_witness_has_twice_are_no_omission_of_another_that_has_them_once() -> None:
    """John 5:42: Sinaiticus reads ``ουκ εχετε`` before and after ``την αγαπην του θυ``; Bezae
    has it once, before, as Vaticanus and P66 have it once, after: Bezae lacks nothing."""
    apparatus = build([john("final", s, 5, 5) for s in ("01", "03", "05", "P66")])
    assert not [a for a in flags(apparatus, AnomalyKind.OMISSION) if a.witness == "05"]


def test_a_repeat_another_witness_has_at_that_place_is_a_reading_of_the_tradition() -> None:
    """John 3:31, ``ο ων εκ τησ γησ εκ τησ γησ εστιν``: Vaticanus and P66 both read it."""
    apparatus = build([john("final", s, 3, 3) for s in ("01", "03", "05", "P66")])
    doubled = [a for a in apparatus.anomalies if a.kind is AnomalyKind.DITTOGRAPHY and a.text == "εκ τησ γησ"]
    assert doubled and all(a.confidence < 0.5 for a in doubled)
    assert all("another witness has it twice here too" in a.cause for a in doubled)


def test_brackets_around_the_texts_own_words_are_an_editions_doubt() -> None:
    """Westcott and Hort's ``Τί οὖν; [σὺ] Ἠλείας εἶ;`` (1:21): WH writes σὺ in its own text
    everywhere else, so the brackets are its doubt, reported under the gate; a gloss the text
    nowhere uses (the seed's ``[Xinjiang]``) stays flagged."""
    wh = john("final", "WH", 1, 4)
    (doubt,) = [a for a in collate.detect([wh]) if a.text == "[σὺ]"]
    assert doubt.confidence < 0.5 and "doubt" in doubt.cause
    cable = collate.witness("cable", (ROOT / "witnesses" / "cable.txt").read_text(encoding="utf-8"))
    glosses = [a for a in collate.detect([cable]) if a.kind is AnomalyKind.EDITORIAL_INSERTION]
    assert [a.text for a in glosses if a.confidence >= 0.5] == [
        "[Xinjiang]",
        "[Dalian]",
        "[Lüshunkou District, Dalian]",
    ]


def test_no_transposition_from_where_a_fragment_has_lost_its_text() -> None:
    """John 11-14 in P75 and Ephraemi (04), whose leaves for much of it are lost: a phrase of
    P75 met again chapters away in 04 (``του ενιαυτου εκεινου``, 11:49 and 18:13) is no
    block moved."""
    apparatus = build([john("final", s, 11, 21) for s in ("P75", "02", "04", "032")])
    assert not flags(apparatus, AnomalyKind.TRANSPOSITION)
    moved = [a.text for a in apparatus.anomalies if a.kind is AnomalyKind.TRANSPOSITION]
    assert moved and "του ενιαυτου εκεινου" not in moved  # word order stays, under the gate


def test_a_printed_accent_does_not_make_two_words() -> None:
    """``ὁ ποιμὴν ὁ καλός· ὁ ποιμὴν ὁ καλὸς`` (10:11): the acute before the stop and the grave
    before the next word are the printer's; every edition reads the doubling, so it is the
    text."""
    from collate.anomalies._common import scribal_key

    assert scribal_key("καλός") == scribal_key("καλὸς") == scribal_key("καλοσ")
    apparatus = build([john("final", s, 10, 10) for s in ("WH", "RP", "ST", "KJTR")])
    assert not [a for a in flags(apparatus, AnomalyKind.DITTOGRAPHY) if "ποιμὴν" in a.text]
