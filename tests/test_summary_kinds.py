"""Each kind of summary distortion, on passages of several texts: clauses of the tuning half
of the evaluation set (benchmarks/data/summaries) that the check must flag with their own kind,
and distortions written here on passages of other texts (the seed cable, *Frankenstein*), each
beside a faithful twin that must not be flagged with that kind. Figures on the test half are
the benchmark's (benchmarks/summary_bench.py), never tuned on."""

from __future__ import annotations

import json

import pytest

import collate

from conftest import ROOT, WITNESSES, corpus

DATA = ROOT / "benchmarks" / "data" / "summaries"

RECALLED = {
    "altered-term": 3,
    "changed-attribution": 2,
    "changed-number": 11,
    "changed-quantity": 4,
    "changed-scope": 3,
    "contradicted": 5,
    "dropped-condition": 4,
    "dropped-hedge": 4,
    "unsupported": 7,
    "unsupported-link": 6,
}
"""How many of the tuning half's distortions of each kind are flagged with their kind (of 7,
8, 11, 6, 8, 8, 6, 7, 7, 7 in the order above; docs/summary.md gives the figures): a floor
that a change to the check may raise, never lower unnoticed."""


def distortions() -> list[tuple[str, dict, dict]]:
    """Every distorted clause of the tuning half of the labelled summaries, with its passage."""
    found = []
    for path in sorted(DATA.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["split"] == "tune":
            found += [(c["label"], data, c) for c in data["clauses"] if c["label"] != "faithful"]
    return found


def flagged() -> dict[str, list[tuple[str, list[collate.Anomaly], str]]]:
    """Each kind's distortions, with the anomalies of its kind found in each and the text."""
    by_kind: dict[str, list[tuple[str, list[collate.Anomaly], str]]] = {}
    for label, data, item in distortions():
        source = collate.witness("source", data["passage"], role="source")
        summary = collate.witness("summary", item["summary"], role="summary")
        found = collate.check_summary(summary, [source]).anomalies
        mine = [a for a in found if a.kind.value == f"summary-{label}"]
        by_kind.setdefault(label, []).append((data["text"], mine, summary.text))
    return by_kind


def test_every_distortion_of_the_tuning_half_is_tried_and_enough_are_flagged_with_their_kind() -> None:
    by_kind = flagged()
    assert set(by_kind) == set(RECALLED)
    for label, cases in by_kind.items():
        caught = [mine for _, mine, _ in cases if mine]
        assert len(caught) >= RECALLED[label], (label, len(caught), len(cases))
        for _, mine, text in cases:
            for anomaly in mine:
                assert anomaly.cause and 0 < anomaly.confidence < 1
                assert text[anomaly.start : anomaly.end] == anomaly.text


def cable() -> str:
    return (WITNESSES / "cable.txt").read_text(encoding="utf-8")


def passage(passage_id: str) -> str:
    data = json.loads((DATA / f"{passage_id}.json").read_text(encoding="utf-8"))
    assert data["split"] == "tune"
    return str(data["passage"])


def frankenstein(anchor: str) -> str:
    """About a page of the 1818 *Frankenstein* around ``anchor`` (outside the passages of the
    evaluation set)."""
    text = corpus("frankenstein-variorum", "text", "full", "1818.txt").read_text(encoding="utf-8")
    at = text.index(anchor)
    return text[max(0, at - 600) : at + 600]


# (kind, text, source, distorted summary, faithful twin): the twin says what the source says
WRITTEN = [
    ("altered-term", "seed-1945-cable", cable,
     "Soong is satisfied with the Treaty of Alliance in the form Stalin proposed.",
     "Soong is satisfied with the Treaty of Friendship and Alliance in the form Stalin proposed."),
    ("altered-term", "frankenstein", lambda: frankenstein("Volney’s Ruins of Empires"),
     "Felix taught Safie from Volney’s Ruins of Palmyra.",
     "Felix taught Safie from Volney’s Ruins of Empires."),
    ("changed-attribution", "seed-1945-cable", cable,
     "Stalin agreed to Soong's suggestion that the Chinese give greater political recognition to "
     "the Sinkiang racial groups.",
     "Soong agreed to Stalin's suggestion that the Chinese give greater political recognition to "
     "the Sinkiang racial groups."),
    ("changed-attribution", "frankenstein", lambda: frankenstein("Volney’s Ruins of Empires"),
     "Safie instructed Felix from Volney’s Ruins of Empires.",
     "Felix instructed Safie from Volney’s Ruins of Empires."),
    ("changed-scope", "seed-1945-cable", cable,
     "Stalin stated that some of the military forces of China must come under the control of the "
     "Government.",
     "Stalin stated that all the military forces of China must come under the Government's control."),
    ("changed-quantity", "seed-1945-cable", cable,
     "In the discussion Stalin made a dozen concessions from his previous demands.",
     "In the discussion Stalin made only two or three concessions from his previous demands."),
    ("contradicted", "seed-1945-cable", cable,
     "Stalin admitted Soviet assistance to the insurgents in Sinkiang.",
     "Stalin would not admit that the Soviets assisted the insurgents in Sinkiang."),
    ("dropped-condition", "seed-1945-cable", cable,
     "The Generalissimo agrees that after the war China will recognize the independence of Outer "
     "Mongolia.",
     "After the war China will recognize the independence of Outer Mongolia, providing a plebiscite "
     "favours it."),
    ("dropped-hedge", "frus-1914-supplement", lambda: passage("frus1914supp-d264-d265"),
     "The time has not come when a renewal of the offer of mediation would be acceptable to the "
     "belligerent nations.",
     "The President does not believe the time has come when a renewal of the offer of mediation "
     "would be acceptable to the belligerent nations."),
    ("dropped-hedge", "seed-1945-cable", cable,
     "Title of the railroads will be joint Soviet and Chinese.",
     "Title of the railroads might be joint Soviet and Chinese."),
]  # fmt: skip


@pytest.mark.parametrize(("label", "text", "source", "distorted", "faithful"), WRITTEN)
def test_a_written_distortion_is_flagged_and_its_twin_is_not(
    label, text, source, distorted, faithful
) -> None:
    original = collate.witness("source", source(), role="source")
    summary = collate.witness("summary", distorted, role="summary")
    found = collate.check_summary(summary, [original]).anomalies
    mine = [a for a in found if a.kind.value == f"summary-{label}"]
    assert mine, [(a.kind.value, a.cause) for a in found]
    assert all(a.reference is None or a.reference.witness == "source" for a in mine)
    twin = collate.witness("summary", faithful, role="summary")
    kept = collate.check_summary(twin, [original]).anomalies
    assert not [a for a in kept if a.kind.value == f"summary-{label}"], [
        (a.kind.value, a.cause) for a in kept
    ]


def test_every_kind_is_covered_on_at_least_four_texts() -> None:
    texts: dict[str, set[str]] = {}
    for label, cases in flagged().items():  # the texts whose distortion of this kind is flagged
        texts.setdefault(label, set()).update(text for text, mine, _ in cases if mine)
    for label, text, *_ in WRITTEN:
        texts.setdefault(label, set()).add(text)
    kinds = {k.value.removeprefix("summary-") for k in collate.AnomalyKind if k.value.startswith("summary-")}
    assert set(texts) == kinds
    assert all(len(t) >= 4 for t in texts.values()), texts
