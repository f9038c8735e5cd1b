"""Quantities read as values (collate.quantity) and compared by the summary check, form by
form, on sentences of real texts: the seed cable, *Frankenstein* (1818), Darwin's *Origin*
(1859) and the tuning half of the evaluation set's diplomatic papers (FRUS 1861, 1914, 1918).
Each distortion has a faithful twin that restates the same quantity in another form."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import collate
from collate.quantity import Precision, quantities

from conftest import ROOT, WITNESSES, corpus

DATA = ROOT / "benchmarks" / "data" / "summaries"
QUANTITIES = ROOT / "benchmarks" / "data" / "quantities"


def cable() -> str:
    return (WITNESSES / "cable.txt").read_text(encoding="utf-8")


def frus(passage_id: str) -> Callable[[], str]:
    def read() -> str:
        data = json.loads((DATA / f"{passage_id}.json").read_text(encoding="utf-8"))
        assert data["split"] == "tune"  # never the half the figures are reported on
        return str(data["passage"])

    return read


def tuning(passage_id: str) -> Callable[[], str]:
    """A passage of the quantity set's tuning half (benchmarks/data/quantities)."""

    def read() -> str:
        data = json.loads((QUANTITIES / f"{passage_id}.json").read_text(encoding="utf-8"))
        assert data["split"] == "tune"
        return str(data["passage"])

    return read


def frankenstein(anchor: str) -> Callable[[], str]:
    def read() -> str:
        text = corpus("frankenstein-variorum", "text", "full", "1818.txt").read_text(encoding="utf-8")
        at = text.index(anchor)
        start = text.rfind("\n", 0, at) + 1
        return text[start : text.index("\n", at)]

    return read


def darwin() -> str:
    data = json.loads(
        corpus("collatex-darwin-para1", "darwin_chapter1_para1.json").read_text(encoding="utf-8")
    )
    return str(next(w["content"] for w in data["witnesses"] if w["id"] == "1859"))


def values(text: str) -> list[tuple[float, float, str, str]]:
    return [(round(q.low, 4), round(q.high, 4), q.unit, q.precision.value) for q in quantities(text)]


# What the reader makes of each form, on phrases of the real texts.
@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # cardinals in words, of any size (text2num), and figures
        ("paid by the city four million pounds", [(4_000_000, 4_000_000, "pound", "exact")]),
        ("twenty horses and two carriages", [(20, 20, "", "exact"), (2, 2, "", "exact")]),
        ("one hundred and twenty-five men", [(125, 125, "", "exact")]),
        ("in a sum aggregating $235,000,000", [(235_000_000, 235_000_000, "dollar", "exact")]),
        ("1.5 million dollars", [(1_500_000, 1_500_000, "dollar", "exact")]),
        # ordinals: written out, with suffixes, and older prose's "2d"
        ("on the 11th instant", [(11, 11, "ordinal", "exact")]),
        ("the twenty-first attempt", [(21, 21, "ordinal", "exact")]),
        # fractions and per cent, as shares of one
        ("two thirds of the men", [(0.6667, 0.6667, "fraction", "exact")]),
        ("in about a quarter of an hour", [(0.0089, 0.012, "day", "approximate")]),
        ("10 per cent", [(0.1, 0.1, "fraction", "exact")]),
        ("half a league to the east", [(0.5, 0.5, "league", "exact")]),
        # collective numerals
        ("About half a dozen men came forward", [(5.1, 6.9, "", "approximate")]),
        ("a score of men", [(20, 20, "", "exact")]),
        # vague amounts
        ("exposed during several generations", [(3, 10, "", "vague")]),
        ("some hundreds of prisoners", [(200, 1000, "", "vague")]),
        # durations, in days
        ("in a fortnight or three weeks", [(14, 21, "day", "range")]),
        ("We might see after two years.", [(730, 730, "day", "exact")]),
        ("a year and a half", [(547.5, 547.5, "day", "exact")]),
        # dates: month × 100 + day; a month alone is the range of its days
        ("until January 1, 1918", [(101, 101, "date", "exact"), (1918, 1918, "year", "exact")]),
        ("the 3d of May", [(503, 503, "date", "exact")]),
        ("in the month of May upon this subject", [(501, 531, "date", "range")]),
        ("He may come.", []),
        # ranges and bounds
        ("reduced from 40 to 30 years", [(14600, 14600, "day", "exact"), (10950, 10950, "day", "exact")]),
        ("from 1850 to 1860", [(1850, 1860, "year", "range")]),
        ("between ten and twelve miles", [(10, 12, "mile", "range")]),
        ("at least 200", [(200, float("inf"), "", "bound")]),
        ("not more than 500 soldiers", [(0, 500, "", "bound")]),
        ("within a few months", [(60, 180, "day", "vague")]),
        # words that are no amount
        ("one of them said at first that no one came", []),
        # misreadings a review found: each reads as its words say
        ("fourteen million and forty million", [(14e6, 14e6, "", "exact"), (40e6, 40e6, "", "exact")]),
        ("they had to cover 40 miles", [(40, 40, "mile", "exact")]),
        ("Only 3 may enter.", [(3, 3, "", "exact")]),
        ("about 1500 men", [(1275, 1725, "", "approximate")]),
        ("Three soldiers spent months there", [(3, 3, "", "exact")]),
        (
            "Fogg staked £2,000, half of his fortune",
            [(2000, 2000, "pound", "exact"), (0.5, 0.5, "fraction", "exact")],
        ),
        ("The army had " + "9" * 400 + " men.", []),
    ],
)
def test_each_form_is_read_as_a_value(phrase: str, expected: list[tuple[float, float, str, str]]) -> None:
    assert values(phrase) == [(float(a), float(b), unit, kind) for a, b, unit, kind in expected]


@given(st.integers(min_value=2, max_value=10**12))
def test_a_figure_with_its_grouping_is_its_value(number: int) -> None:
    (found,) = quantities(f"they paid {number:,} francs")
    assert (found.low, found.unit, found.precision) == (number, "franc", Precision.EXACT)


def test_a_quantity_keeps_what_it_counts() -> None:
    (men,) = quantities("About half a dozen men came forward")
    assert men.noun == "men" and men.figure == 6


# (form, text, source, distorted summary, kind it must get, faithful twin that must get none)
CASES = [
    ("cardinal-words", "frus-1914", frus("frus1914supp-d267-part1"),
     "The police requisitioned twelve horses and two carriages from the British Embassy.",
     "changed-number",
     "The police took two carriages and a score of horses from the British Embassy."),
    ("cardinal-words", "frankenstein", frankenstein("the latter town in a fortnight"),
     "He means to leave for that town in fourteen weeks or so.",
     "changed-quantity",
     "He means to leave for that town in two or three weeks."),
    ("cardinal-figures", "frus-1918", frus("frus1918russia3-d31"),
     "Payments in Sweden account for $38,000,000 of the request.",
     "changed-number",
     "Payments in Sweden account for thirty-three million dollars of the request."),
    ("money", "frus-1918", frus("frus1918russia3-d31"),
     "Bakhmeteff asked for additional credits totalling $235,000 until January 1, 1918.",
     "changed-number",
     "Bakhmeteff asked for additional credits totalling 235 million dollars until January 1, 1918."),
    ("ordinal", "frus-1914", frus("frus1914supp-d267-part1"),
     "On the 13th Morgenthau was told that the police held the British Embassy.",
     "changed-number",
     "On the eleventh Morgenthau was told that the police held the British Embassy."),
    ("fraction", "frankenstein", frankenstein("half a league to the east"),
     "He spent the night at Secheron, a village a league and a half east of the city.",
     "changed-number",
     "He spent the night at Secheron, a village half a league east of the city."),
    ("dozen", "frankenstein", frankenstein("About half a dozen men came forward"),
     "Exactly six men came forward.",
     "changed-quantity",
     "Some six men came forward."),
    ("vague", "darwin", darwin,
     "Darwin thinks organic beings must be exposed to new conditions for two generations before any "
     "appreciable variation appears.",
     "changed-quantity",
     "Darwin thinks organic beings must be exposed to new conditions for a few generations before any "
     "appreciable variation appears."),
    ("duration", "seed", cable,
     "Stalin finally said, \"We might see after ten years.\"",
     "changed-number",
     "Stalin finally said, \"We might see after twenty-four months.\""),
    ("range", "seed", cable,
     "The term of agreements was reduced from 40 to 20 years.",
     "changed-number",
     "The term of agreements was cut from forty years to thirty."),
    ("date", "frus-1918", frus("frus1918russia3-d31"),
     "The credits are to meet Russian requirements until March 1, 1918.",
     "changed-number",
     "The credits are to meet Russian requirements until 1 January 1918."),
    ("date", "frus-1861", frus("frus1861-d26"),
     "Sanford's despatches No. 5 and No. 6, both dated June 26, have been received.",
     "changed-number",
     "Sanford's despatches No. 5 and No. 6, both of 26 May, have been received."),
    ("bound", "frus-1918", frus("frus1918russia3-d31"),
     "The Ambassador expects at least $41,000,000 to be drawn under the credits already standing.",
     "changed-quantity",
     "The Ambassador expects some forty-one million dollars to be drawn under the credits already standing."),
    ("duration", "frus-1861", frus("frus1861-d26"),
     "The good result that looked doubtful six months ago is now thought only a matter of time.",
     "changed-number",
     "The good result that looked doubtful eight weeks ago is now thought only a matter of time."),
    ("bound", "verne", tuning("verne-80days-ch03-wager"),
     "Fogg bets twenty thousand pounds that he will need more than eighty days to go round the world.",
     "contradicted",
     "Fogg bets twenty thousand pounds that he will go round the world in no more than eighty days."),
    ("fraction", "twain", tuning("twain-mississippi-ch15-pilots"),
     "Two-thirds of the best pilots stayed out of the association and laughed at it.",
     "changed-number",
     "Ninety per cent of the best pilots stayed out of the association and laughed at it."),
    ("money", "verne", tuning("verne-80days-ch03-wager"),
     "Fogg had only staked £2,000, half of his fortune, on the journey.",
     "changed-number",
     "Fogg had only staked £20,000, half of his fortune, on the journey."),
    ("rate", "twain", tuning("twain-mississippi-ch15-pilots"),
     "Idle members in good standing were entitled to a pension of $35 a month.",
     "changed-number",
     "Idle members in good standing were entitled to a pension of $25 monthly."),
    ("cardinal-figures", "verne", tuning("verne-80days-ch03-wager"),
     "Fogg will make the tour of the world in 1,290 hours.",
     "changed-number",
     "Fogg will make the tour of the world in 1,920 hours."),
    ("range", "twain", tuning("twain-mississippi-ch15-pilots"),
     "There were half a dozen unnoticed trifles in the by-laws which had the seeds of propagation.",
     "changed-quantity",
     "There were a couple of unnoticed trifles in the by-laws, three at the most, which had the seeds "
     "of propagation."),
    ("date", "frus-1914", frus("frus1914supp-d267-part1"),
     "As he reported in his No. 18 of November 21, the Minister apologized for the occurrence.",
     "changed-number",
     "As he reported in his No. 18 of 12 November, the Minister apologized for the occurrence."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("form", "text", "source", "distorted", "kind", "faithful"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_each_form_on_a_real_text(
    form: str, text: str, source: Callable[[], str], distorted: str, kind: str, faithful: str
) -> None:
    passage = collate.witness("source", source(), role="source")
    wrong = collate.check_summary(collate.witness("summary", distorted, role="summary"), [passage]).anomalies
    right = collate.check_summary(collate.witness("summary", faithful, role="summary"), [passage]).anomalies
    mine = [a for a in wrong if a.kind.value == f"summary-{kind}"]
    assert mine, [(a.kind.value, a.cause) for a in wrong]
    for anomaly in mine:
        assert distorted[anomaly.start : anomaly.end] == anomaly.text
        assert anomaly.reference is not None and anomaly.cause
    quantity_kinds = {"summary-changed-number", "summary-changed-quantity", f"summary-{kind}"}
    assert not [a for a in right if a.kind.value in quantity_kinds], [(a.kind.value, a.cause) for a in right]


def test_the_forms_cover_at_least_four_texts() -> None:
    assert len({text for _, text, *_ in CASES}) >= 4
    texts: dict[str, set[str]] = {}
    for form, text, *_ in CASES:
        texts.setdefault(form, set()).add(text)
    assert {"cardinal-words", "cardinal-figures", "ordinal", "fraction", "date", "duration", "range"} <= set(
        texts
    )
    # each of the commonest forms on two texts at least
    assert all(
        len(texts[form]) >= 2 for form in ("cardinal-figures", "fraction", "money", "date", "duration")
    )


@pytest.mark.parametrize(
    ("source", "changed", "kept"),
    [
        (frus("frus1918russia3-d31"),
         "Ten million dollars are for orders placed by the Ministry of Finance in New York.",
         "Ten million dollars are for orders placed by the Russian Supply Committee in New York."),
        (cable,
         "Chiang's counter proposals on the Manchurian ports and railroads were advanced by Molotov.",
         "Chiang's counter proposals on the Manchurian ports and railroads were advanced by Soong."),
    ],
)  # fmt: skip
def test_a_doer_changed_in_a_passive(source: Callable[[], str], changed: str, kept: str) -> None:
    """Who did it is compared through the "by" phrases of a passive, names or not."""
    passage = collate.witness("source", source(), role="source")

    def doers(text: str) -> list[str]:
        found = collate.check_summary(collate.witness("summary", text, role="summary"), [passage]).anomalies
        return [a.cause for a in found if a.kind.value == "summary-changed-attribution"]

    assert doers(changed)
    assert not doers(kept)


def test_a_denied_limit_said_in_other_words_is_no_contradiction() -> None:
    """ "not before next year" for "banned until the end of the year", on a real sentence of
    the same shape: "The police agreed to discontinue their search until I had conferred"."""
    source = collate.witness("source", frus("frus1914supp-d267-part1")(), role="source")
    faithful = "The police would not search any further before he had conferred with the director general."
    found = collate.check_summary(collate.witness("summary", faithful, role="summary"), [source]).anomalies
    assert not [a for a in found if a.kind.value in ("summary-contradicted", "summary-dropped-condition")], [
        (a.kind.value, a.cause) for a in found
    ]


def test_a_clause_of_figures_alone_is_compared_too() -> None:
    """A clause without a content word links to no sentence by its words; its figures are
    still compared with the source's (this once raised an IndexError)."""
    source = collate.witness("source", cable(), role="source")
    kept = collate.check_summary(collate.witness("summary", "It was 1945.", role="summary"), [source])
    changed = collate.check_summary(collate.witness("summary", "It was 1946.", role="summary"), [source])
    assert not [a for a in kept.anomalies if a.kind.value == "summary-changed-number"]
    (number,) = [a for a in changed.anomalies if a.kind.value == "summary-changed-number"]
    assert number.text == "1946" and "1945" in number.cause


def test_a_range_read_inside_a_span_starts_inside_it() -> None:
    text = "He came between 10 and 12 men"
    assert all(q.start >= 16 for q in quantities(text, 16))


@pytest.mark.parametrize(
    ("source", "summary", "kind"),
    [
        # "in the end" is no verb of ceasing: the win is asserted
        ("The king did not win the war.", "The king won the war in the end.", "summary-contradicted"),
    ],
)
def test_review_cases_that_must_be_flagged(source: str, summary: str, kind: str) -> None:
    found = collate.check_summary(
        collate.witness("summary", summary, role="summary"),
        [collate.witness("source", source, role="source")],
    ).anomalies
    assert kind in {a.kind.value for a in found}


def test_a_means_is_no_doer() -> None:
    """ "by telegram" says how, not who: no changed attribution against "by Soong"."""
    source = collate.witness("source", cable(), role="source")
    means = "Chiang's counter proposals on the Manchurian ports and railroads were advanced by telegram."
    found = collate.check_summary(collate.witness("summary", means, role="summary"), [source]).anomalies
    assert not [a for a in found if a.kind.value == "summary-changed-attribution"]
