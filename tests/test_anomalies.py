"""The detectors on real passages: the seed cable, Frankenstein, and the Gospel of John."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collate.anomalies import DetectOptions, detect
from collate.anomalies.repeats import runs
from collate.apparatus import build
from collate.errors import ConfigError
from collate.model import AnomalyKind, Span, Witness
from collate.readers import load_text, witness_from_text

from conftest import WITNESSES, corpus


def cable() -> Witness:
    return load_text(WITNESSES / "cable.txt", siglum="cable")


def apply(text: str, anomaly) -> str:
    e = anomaly.emendation
    return text[: e.start] + e.text + text[e.end :]


def by_kind(anomalies, kind: AnomalyKind) -> list:
    return [a for a in anomalies if a.kind is kind]


# --- the seed ---------------------------------------------------------------------------


def test_the_seed_cable_has_exactly_its_five_anomalies() -> None:
    found = detect([cable()])
    kinds = [a.kind for a in found]
    assert kinds.count(AnomalyKind.DITTOGRAPHY) == 1
    assert kinds.count(AnomalyKind.EDITORIAL_INSERTION) == 3
    assert kinds.count(AnomalyKind.SPELLING_VARIATION) == 1
    assert len(found) == 5
    assert [a.id for a in found] == [f"a{n}" for n in range(1, 6)]


def test_the_seed_dittography_is_the_second_copy_of_28_words() -> None:
    witness = cable()
    (ditto,) = by_kind(detect([witness]), AnomalyKind.DITTOGRAPHY)
    copy = witness.text[ditto.start : ditto.end]
    assert copy == ditto.text
    assert copy.startswith("the main lines and not subsidiary lines.")
    assert copy.endswith("The industries referred to in the Soviet proposal should be only")
    assert len(re.findall(r"\w+", copy)) == 28
    # It is the second copy: the first stands right before it.
    assert witness.text[: ditto.start].rstrip().endswith("Soviet proposal should be only")
    assert witness.text.count(copy) == 2 and witness.text.find(copy) < ditto.start
    assert ditto.confidence >= 0.9
    assert "eye-skip back to “should be only”" in ditto.cause
    # The whole run is the evidence; the trigger's two occurrences too.
    run = ditto.evidence[0]
    assert witness.text[run.start : run.end].startswith("should be only the main lines")
    assert run.end == ditto.end


def test_the_seed_emendation_restores_the_cable() -> None:
    witness = cable()
    (ditto,) = by_kind(detect([witness]), AnomalyKind.DITTOGRAPHY)
    assert ditto.emendation is not None and ditto.emendation.action == "delete"
    mended = apply(witness.text, ditto)
    assert (
        "The rail roads involved should be only the main lines and not subsidiary lines. Title of the "
        "railroads might be joint Soviet and Chinese. The industries referred to in the Soviet proposal "
        "should be only those directly connected with the operation of the railroads." in mended
    )
    assert "main lines" in mended and mended.count("main lines") == 1


def test_top_secret_lines_are_not_a_dittography() -> None:
    witness = cable()
    for a in by_kind(detect([witness], options=DetectOptions(report_floor=0.0)), AnomalyKind.DITTOGRAPHY):
        if "TOP SECRET" in witness.text[a.start : a.end]:
            assert a.confidence < 0.5
            assert "heading" in a.cause


def test_the_three_bracketed_glosses_are_editorial_insertions() -> None:
    witness = cable()
    found = by_kind(detect([witness]), AnomalyKind.EDITORIAL_INSERTION)
    assert [a.text for a in found] == ["[Xinjiang]", "[Dalian]", "[Lüshunkou District, Dalian]"]
    assert "“Port Arthur”" in found[2].cause
    mended = apply(witness.text, found[0])
    assert "between Outer Mongolia and Sinkiang there is a difference" in mended


def test_rail_roads_beside_railroads_is_a_spelling_variation() -> None:
    witness = cable()
    (spelling,) = by_kind(detect([witness]), AnomalyKind.SPELLING_VARIATION)
    assert spelling.text == "rail roads"
    assert [witness.text[e.start : e.end] for e in spelling.evidence][:2] == ["rail roads", "railroads"]
    assert spelling.emendation is not None and spelling.emendation.text == "railroads"


# --- authorial repetition and real slips ----------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    ["depart, depart", "Cursed, cursed", "long, long time", "Poor, poor girl", "that that most"],
)
def test_authors_repetitions_in_frankenstein_1818_are_not_flagged(phrase: str) -> None:
    witness = load_text(corpus("frankenstein-variorum", "text", "full", "1818.txt"))
    at = witness.text.index(phrase)
    found = detect([witness], options=DetectOptions(report_floor=0.0))
    here = [a for a in by_kind(found, AnomalyKind.DITTOGRAPHY) if at <= a.start <= at + len(phrase)]
    assert here, "the repetition is seen"
    assert all(a.confidence < 0.5 for a in here)
    assert all("emphasis" in a.cause or "grammatical" in a.cause for a in here)


def test_the_print_editions_have_no_confident_dittography() -> None:
    witness = load_text(corpus("frankenstein-variorum", "text", "full", "1831.txt"))
    assert [a for a in by_kind(detect([witness]), AnomalyKind.DITTOGRAPHY) if a.confidence >= 0.5] == []


@pytest.mark.parametrize(
    "slip", ["could could be more happy", "busy in in scenes", "did not not move", "By the the virtues"]
)
def test_mary_shelleys_slips_in_the_manuscript_are_flagged(slip: str) -> None:
    witness = load_text(corpus("frankenstein-variorum", "text", "full", "MS.txt"))
    at = witness.text.index(slip)
    found = [
        a for a in by_kind(detect([witness]), AnomalyKind.DITTOGRAPHY) if at <= a.start <= at + len(slip)
    ]
    assert len(found) == 1 and found[0].confidence >= 0.5
    mended = apply(witness.text, found[0])
    words = slip.split()
    doubled = next(w for w, v in itertools.pairwise(words) if w == v)
    assert f"{doubled} {doubled}" not in mended[at - 5 : at + len(slip)]


def test_the_other_witnesses_raise_or_lower_a_dittography() -> None:
    folder = corpus("frankenstein-variorum", "text", "units", "C07")
    ms, print_1818 = load_text(folder / "MS.txt"), load_text(folder / "1818.txt")
    alone = {a.text: a for a in by_kind(detect([ms]), AnomalyKind.DITTOGRAPHY)}
    crossed = {a.text: a for a in by_kind(build([print_1818, ms]).anomalies, AnomalyKind.DITTOGRAPHY)}
    slip = "could"  # "No youth could could be more happy": 1818 has it once
    assert crossed[slip].confidence > alone[slip].confidence
    assert "the other witnesses have it once" in crossed[slip].cause


@pytest.mark.parametrize("unit", ["C07", "C09", "C14"])
def test_a_doubling_in_the_draft_is_not_also_the_editions_omission(unit: str) -> None:
    """One slip, one flag: where the draft writes a word twice with nothing between ("its
    its", "my my") and 1818 has it once, the draft's dittography is reported and 1818's
    haplography, the same difference read the other way, is not."""
    folder = corpus("frankenstein-variorum", "text", "units", unit)
    ms, print_1818 = load_text(folder / "MS.txt"), load_text(folder / "1818.txt")
    anomalies = build([print_1818, ms]).anomalies
    doubled = [
        a for a in by_kind(anomalies, AnomalyKind.DITTOGRAPHY) if a.witness == "MS" and a.confidence >= 0.5
    ]
    assert doubled
    for dittography in doubled:
        copies = (min(e.start for e in dittography.evidence), dittography.end)
        mirrored = [
            a
            for a in by_kind(anomalies, AnomalyKind.OMISSION)
            if a.reference is not None
            and a.reference.witness == "MS"
            and a.reference.start < copies[1]
            and copies[0] < max(a.reference.end, a.reference.start + 1)
        ]
        assert mirrored == [], dittography.cause


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=40))
def test_every_run_is_periodic_and_at_least_two_periods_long(codes: list[int]) -> None:
    for run in runs(codes, 10):
        assert run.matched >= run.period
        for k in range(run.start, run.start + run.matched):
            assert codes[k] == codes[k + run.period]


def _runs_by_definition(codes: list[int], max_period: int) -> list[tuple[int, int, int]]:
    """Maximal runs of each period, the smallest period first, a run inside one already found
    left out: the definition, checked against every run found before (quadratic)."""
    found: list[tuple[int, int, int]] = []
    for period in range(1, min(max_period, len(codes) // 2) + 1):
        k = 0
        while k < len(codes) - period:
            if codes[k] != codes[k + period]:
                k += 1
                continue
            start = k
            while k < len(codes) - period and codes[k] == codes[k + period]:
                k += 1
            matched = k - start
            end = start + period + matched
            if matched >= period and not any(s <= start and end <= s + p + m for s, p, m in found):
                found.append((start, period, matched))
    return sorted(found, key=lambda r: (r[0], r[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 3), max_size=80), st.integers(1, 12))
def test_runs_are_those_of_the_definition(codes: list[int], max_period: int) -> None:
    """The scan's binary search for runs inside longer ones gives what checking every run
    found before gives (low-entropy input: many runs, nested at many periods)."""
    assert [(r.start, r.period, r.matched) for r in runs(codes, max_period)] == _runs_by_definition(
        codes, max_period
    )


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(0, 50), min_size=1, max_size=30),
    st.lists(st.integers(51, 99), min_size=1, max_size=8),
    st.data(),
)
def test_a_doubled_block_is_always_found(text: list[int], block: list[int], data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(text)))
    codes = text[:at] + block + block + text[at:]
    assert any(r.start <= at and at + 2 * len(block) <= r.end for r in runs(codes, 10))


def test_bad_options() -> None:
    with pytest.raises(ConfigError):
        DetectOptions(max_period=0)
    with pytest.raises(ConfigError):
        DetectOptions(report_floor=2)


# --- across witnesses --------------------------------------------------------------------


def verse(folder: str, siglum: str, ref: str) -> str:
    path = corpus("cntr-john", folder, f"{siglum}.txt")
    return next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(ref))


@pytest.mark.parametrize(
    ("siglum", "ref", "cause"),
    [
        ("03", "43001013", "homeoarchy"),
        ("P66", "43019006", "haplography"),
        ("P66", "43017014", "homeoteleuton"),
    ],
)
def test_eye_skips_a_corrector_filled_in(siglum: str, ref: str, cause: str) -> None:
    first_hand = witness_from_text("first", verse("original", siglum, ref))
    corrected = witness_from_text("corrected", verse("final", siglum, ref))
    (omission,) = by_kind(build([corrected, first_hand]).anomalies, AnomalyKind.OMISSION)
    assert omission.witness == "first" and omission.start == omission.end
    assert omission.cause.startswith(cause)
    assert omission.reference is not None and omission.reference.witness == "corrected"
    assert apply(first_hand.text, omission).split() == corrected.text.split()


def test_homeoteleuton_in_the_seed_style() -> None:
    full = witness_from_text(
        "A",
        "The rail roads involved should be only the main lines. "
        "The industries should be only those connected.",
    )
    skipped = witness_from_text("B", "The rail roads involved should be only those connected.")
    (omission,) = by_kind(build([full, skipped]).anomalies, AnomalyKind.OMISSION)
    assert omission.cause.startswith("homeoteleuton")
    assert "“should be only”" in omission.cause
    assert omission.confidence >= 0.5
    assert apply(skipped.text, omission) == full.text


def test_an_omission_that_cannot_slide_is_reported_between_copies_only() -> None:
    a = witness_from_text("A", "The treaty was signed in Moscow by both sides after a long night.")
    b = witness_from_text("B", "The treaty was signed in Moscow after a long night.")
    revised = build([a, b], detect_options=DetectOptions(relation="revisions")).anomalies
    assert by_kind(revised, AnomalyKind.OMISSION) == []  # between revisions, a cut is the author's
    (omission,) = by_kind(build([a, b]).anomalies, AnomalyKind.OMISSION)  # copies: the default
    assert omission.witness == "B" and omission.start == omission.end == b.text.index("after")
    assert "nothing to explain it" in omission.cause and "or an addition in A" in omission.cause
    assert apply(b.text, omission) == a.text
    skipped = witness_from_text("B", "The rail roads involved should be only those connected.")
    full = witness_from_text(
        "A",
        "The rail roads involved should be only the main lines. "
        "The industries should be only those connected.",
    )
    (eye_skip,) = by_kind(build([full, skipped]).anomalies, AnomalyKind.OMISSION)
    assert eye_skip.confidence > omission.confidence  # a mechanical cause is more confident


def test_a_declared_copy_has_additions_and_omissions() -> None:
    exemplar = witness_from_text("A", "The treaty was signed in Moscow after a long night of talks.")
    copy = witness_from_text("B", "The treaty was signed by both sides in Moscow after a long night.")
    found = build([exemplar, copy], detect_options=DetectOptions(exemplars={"B": "A"})).anomalies
    (added,) = by_kind(found, AnomalyKind.ADDITION)
    assert (added.witness, added.text) == ("B", "by both sides")
    assert apply(copy.text, added) == "The treaty was signed in Moscow after a long night."
    assert by_kind(found, AnomalyKind.OMISSION) == []  # "of talks": two words, under gap_min


def test_one_word_written_two_ways_in_frankenstein_1818() -> None:
    witness = load_text(corpus("frankenstein-variorum", "text", "full", "1818.txt"))
    found = {a.text: a for a in by_kind(detect([witness]), AnomalyKind.SPELLING_VARIATION)}
    assert "well known" in found  # beside "well-known", three times
    assert found["well known"].emendation.text == "well-known"
    assert "forever" in found  # beside "for ever", 36 times
    # Chance junctions of short words are not spellings: "a long" / "along", "me an" / "mean".
    assert not {"along", "a long", "me an", "mean", "he at"} & set(found)


def test_collatex_this_morning_case_has_its_moved_words_as_transpositions() -> None:
    import json

    from collate.aligner import AlignOptions

    cases = json.loads(corpus("collatex-test-witnesses", "witnesses.json").read_text(encoding="utf-8"))
    texts = cases["this-morning-transpositions"]
    witnesses = [witness_from_text(s, t) for s, t in texts.items()]
    found = build(witnesses).anomalies
    moves = {a.text: a for a in by_kind(found, AnomalyKind.TRANSPOSITION)}
    assert set(moves) == {"this morning", "little"}  # far, with a word each has once; near
    moved = moves["this morning"]
    # the rest of B's addition is an addition, not the moved block with it
    (rest,) = by_kind(found, AnomalyKind.OMISSION)
    assert "it observed birds for two hours" in rest.cause and "this morning" not in rest.cause
    assert (
        by_kind(
            build(witnesses, options=AlignOptions(transposition_min=3)).anomalies, AnomalyKind.TRANSPOSITION
        )
        == []
    )
    assert (moved.witness, moved.text) == ("B", "this morning")
    assert moved.reference is not None and moved.reference.witness == "A"
    assert texts["A"][moved.reference.start : moved.reference.end] == "This morning"


def test_a_lacuna_is_neither_a_gloss_nor_an_omission() -> None:
    full = witness_from_text("A", "The treaty was signed in Moscow by both sides after a long night.")
    damaged = witness_from_text("B", "The treaty was signed in Moscow [...] after a long night.")
    anomalies = build([full, damaged]).anomalies
    assert by_kind(anomalies, AnomalyKind.OMISSION) == []  # the same cut without [...] is one (above)
    assert by_kind(anomalies, AnomalyKind.EDITORIAL_INSERTION) == []
    assert damaged.lacunae() == (Span(32, 37),)


@pytest.mark.corpus
def test_cntr_lacunae_in_john_are_not_flagged() -> None:
    """CNTR writes a lost line or verse as ``[...]``: P66 has 35 in John. None is an editor's
    gloss, and no text is "omitted" where the papyrus is lost."""
    folder = corpus("cntr-john", "final")
    *uncials, papyrus = [load_text(folder / f"{siglum}.txt") for siglum in ("01", "03", "05", "P66")]
    assert len(papyrus.lacunae()) == papyrus.text.count("[...]") > 30
    anomalies = build([*uncials, papyrus]).anomalies
    assert by_kind(anomalies, AnomalyKind.EDITORIAL_INSERTION) == []
    at_lacunae = [
        a
        for a in by_kind(anomalies, AnomalyKind.OMISSION)
        if a.witness == "P66"
        and any(
            abs(a.start - lacuna.start) < 3 or abs(a.start - lacuna.end) < 3 for lacuna in papyrus.lacunae()
        )
    ]
    assert at_lacunae == []


def test_a_bracket_other_witnesses_read_is_no_gloss() -> None:
    edition = witness_from_text("E", "Sinkiang [Xinjiang] lies west, and [the] border is long.")
    other = witness_from_text("F", "Sinkiang lies west, and the border is long.")
    (gloss,) = by_kind(build([edition, other]).anomalies, AnomalyKind.EDITORIAL_INSERTION)
    assert edition.text[gloss.start : gloss.end] == "[Xinjiang]"  # "the" stands in F: a doubt, no gloss
    alone = by_kind(build([edition]).anomalies, AnomalyKind.EDITORIAL_INSERTION)
    assert len(alone) == 2  # read alone, nothing tells the two apart


@pytest.mark.corpus
def test_westcott_and_hort_doubts_are_not_glosses() -> None:
    """WH brackets words whose place in the text it doubts; where the other editions print
    the word there, it is no editor's gloss to delete."""
    folder = corpus("cntr-john", "final")
    editions = [load_text(folder / f"{siglum}.txt") for siglum in ("WH", "RP", "ST", "KJTR")]
    wh = editions[0]
    flagged = {a.start for a in build(editions).anomalies if a.kind is AnomalyKind.EDITORIAL_INSERTION}
    assert len(wh.insertions) == 70
    assert wh.text.index("καὶ [ἐν] τρισὶν") + 4 not in flagged
    assert len([s for s in wh.insertions if s.start in flagged]) <= 20


def test_an_anomaly_is_located_at_its_first_word() -> None:
    """*Frankenstein* chapter 8: the Thomas copy adds a paragraph ("If there were ever to be
    another trial ...") after one ending in a full stop. The addition is reported on the line
    where its first word stands, not at the full stop two lines before; and no anomaly of the
    chapter begins at a mark or a space that closes what went before."""
    from collate.readers import load_text

    folder = corpus("frankenstein-variorum", "text", "units", "C08")
    apparatus = build([load_text(folder / f"{s}.txt") for s in ("1831", "1818", "Thomas", "MS")])
    thomas = apparatus.witness("Thomas")
    (added,) = [
        a for a in apparatus.anomalies if a.witness == "Thomas" and a.text.startswith("If there were")
    ]
    line = thomas.text.count("\n", 0, thomas.text.index("If there were ever to be")) + 1
    assert thomas.line_col(added.start) == (line, 1)
    for anomaly in apparatus.anomalies:
        witness = apparatus.witness(anomaly.witness)
        assert witness.word_start(anomaly.start, anomaly.end) == anomaly.start, anomaly


def test_an_omission_larger_than_a_doubling_in_it_still_stands() -> None:
    """One slip, one flag only where the two read the same words: a copy that lacks a whole
    sentence, in which the other witness doubles a word, has both an omission (the sentence)
    and a dittography (the word)."""
    pre = (
        "It was a dreary night in November, and the rain fell on the panes. I saw the creature "
        "open its dull yellow eye; it breathed hard, and a convulsive motion agitated its limbs. "
    )
    mid = (
        "The beauty of the dream vanished, and breathless horror and disgust filled my heart. "
        "Unable to endure the aspect of its its being, I rushed out of the room, and continued a "
        "long time traversing my bed chamber. "
    )
    post = "But it was in vain: I slept, indeed, but I was disturbed by the wildest dreams."
    a, b = witness_from_text("A", pre + mid + post), witness_from_text("B", pre + post)
    found = build([a, b], detect_options=DetectOptions(relation="copies")).anomalies
    assert [x for x in by_kind(found, AnomalyKind.DITTOGRAPHY) if x.witness == "A"]
    (omission,) = [x for x in by_kind(found, AnomalyKind.OMISSION) if x.witness == "B"]
    assert omission.reference is not None and omission.reference.end - omission.reference.start > 150


def _draft_and_1818_unit(unit: str) -> list[Witness]:
    """Mary Shelley's draft and the 1818 edition over one Variorum collation unit."""
    return [
        load_text(corpus("frankenstein-variorum", "text", "units", unit, f"{s}.txt"), siglum=s)
        for s in ("MS", "1818")
    ]


def test_a_block_moved_in_a_recast_sentence_stays_under_the_gate() -> None:
    # C13: "I saw unhappiness deeply impressed on his countenance, but he ..." stands
    # elsewhere in 1818, in a sentence she rewrote around it: a revision, not a slip.
    witnesses = _draft_and_1818_unit("C13")
    moves = [
        a for a in by_kind(build(witnesses).anomalies, AnomalyKind.TRANSPOSITION) if "unhappiness" in a.text
    ]
    assert moves and all(a.confidence <= 0.3 for a in moves)
    assert all("a passage rewritten" in a.cause for a in moves)


def test_a_block_moved_in_text_that_otherwise_agrees_is_still_gated() -> None:
    # 1818's own sentence in a copy with one word moved ("impressed deeply"): nothing
    # around it differs, so the move is the copyist's, gated between declared copies.
    _, edition = _draft_and_1818_unit("C13")
    sentence = "I saw unhappiness deeply impressed on his countenance"
    assert sentence in edition.text
    copy = witness_from_text(
        "copy", edition.text.replace(sentence, "I saw unhappiness impressed deeply on his countenance")
    )
    found = by_kind(
        build([edition, copy], detect_options=DetectOptions(relation="copies")).anomalies,
        AnomalyKind.TRANSPOSITION,
    )
    assert [a.text for a in found if a.confidence >= 0.5] in (["deeply"], ["impressed"])
    assert not any("rewritten" in a.cause for a in found)


def test_a_punctuated_doubling_read_once_is_a_reading_between_witnesses_not_copies() -> None:
    # C13: the draft reads "who it was. It was the wretch", 1818 "that it was the wretch": the
    # draft's doubling is two clauses (punctuated), and 1818's single one no haplography.
    witnesses = _draft_and_1818_unit("C13")
    inferred = [a for a in by_kind(build(witnesses).anomalies, AnomalyKind.OMISSION) if "“It was”" in a.cause]
    assert inferred and all(a.confidence < 0.5 for a in inferred)
    assert all("a repetition meant" in a.cause for a in inferred)
    # Declared copies, a compositor skipping one of the two is a slip all the same.
    copies = build(witnesses, detect_options=DetectOptions(relation="copies")).anomalies
    assert any(a.confidence >= 0.5 and "“It was”" in a.cause for a in by_kind(copies, AnomalyKind.OMISSION))
