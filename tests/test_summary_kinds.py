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

CAUGHT = [
    ("altered-term", "frus1861-d26", "frus1861-d26.c6"),
    ("altered-term", "frus1861-d30", "frus1861-d30.c9"),
    ("altered-term", "frus1914supp-d264-d265", "frus1914supp-d264-d265.c3"),
    ("changed-attribution", "frus1861-d30", "frus1861-d30.c11"),
    ("changed-attribution", "frus1914supp-d267-part1", "frus1914supp-d267-part1.c10"),
    ("changed-number", "frankenstein-1818-preface", "frankenstein-1818-preface.c10"),
    ("changed-number", "frus1861-d26", "frus1861-d26.c2"),
    ("changed-number", "frus1861-d30", "frus1861-d30.c2"),
    ("changed-number", "frus1914supp-d267-part1", "frus1914supp-d267-part1.c2"),
    ("changed-number", "frus1914supp-d267-part1", "frus1914supp-d267-part1.c15"),
    ("changed-number", "frus1918russia3-d31", "frus1918russia3-d31.c5"),
    ("changed-number", "frus1918russia3-d31", "frus1918russia3-d31.c14"),
    ("changed-quantity", "frankenstein-1818-letter3", "frankenstein-1818-letter3.c12"),
    ("changed-quantity", "frus1861-d30", "frus1861-d30.c6"),
    ("changed-quantity", "frus1918russia3-d31", "frus1918russia3-d31.c8"),
    ("changed-scope", "frankenstein-1818-preface", "frankenstein-1818-preface.c3"),
    ("changed-scope", "frus1861-d30", "frus1861-d30.c5"),
    ("changed-scope", "frus1914supp-d267-part1", "frus1914supp-d267-part1.c12"),
    ("contradicted", "frankenstein-1818-letter3", "frankenstein-1818-letter3.c7"),
    ("contradicted", "frankenstein-1818-preface", "frankenstein-1818-preface.c5"),
    ("contradicted", "frus1861-d30", "frus1861-d30.c4"),
    ("contradicted", "frus1914supp-d264-d265", "frus1914supp-d264-d265.c16"),
    ("contradicted", "frus1914supp-d267-part1", "frus1914supp-d267-part1.c13"),
    ("dropped-condition", "frankenstein-1818-letter3", "frankenstein-1818-letter3.c14"),
    ("dropped-condition", "frus1861-d26", "frus1861-d26.c10"),
    ("dropped-condition", "frus1914supp-d267-part1", "frus1914supp-d267-part1.c5"),
    ("dropped-condition", "frus1914supp-d267-part1", "frus1914supp-d267-part1.c9"),
    ("dropped-hedge", "frankenstein-1818-letter3", "frankenstein-1818-letter3.c3"),
    ("dropped-hedge", "frankenstein-1818-letter3", "frankenstein-1818-letter3.c5"),
    ("dropped-hedge", "frus1861-d26", "frus1861-d26.c19"),
    ("dropped-hedge", "frus1861-d30", "frus1861-d30.c14"),
    ("unsupported", "frankenstein-1818-letter3", "frankenstein-1818-letter3.c18"),
    ("unsupported", "frankenstein-1818-preface", "frankenstein-1818-preface.c21"),
    ("unsupported", "frus1861-d26", "frus1861-d26.c20"),
    ("unsupported", "frus1861-d30", "frus1861-d30.c16"),
    ("unsupported", "frus1914supp-d264-d265", "frus1914supp-d264-d265.c21"),
    ("unsupported", "frus1914supp-d267-part1", "frus1914supp-d267-part1.c25"),
    ("unsupported", "frus1918russia3-d31", "frus1918russia3-d31.c20"),
    ("unsupported-link", "frankenstein-1818-letter3", "frankenstein-1818-letter3.c8"),
    ("unsupported-link", "frankenstein-1818-preface", "frankenstein-1818-preface.c13"),
    ("unsupported-link", "frankenstein-1818-preface", "frankenstein-1818-preface.c19"),
    ("unsupported-link", "frus1861-d30", "frus1861-d30.c7"),
    ("unsupported-link", "frus1914supp-d264-d265", "frus1914supp-d264-d265.c19"),
    ("unsupported-link", "frus1918russia3-d31", "frus1918russia3-d31.c17"),
]


def clause(passage_id: str, clause_id: str) -> tuple[dict, dict]:
    data = json.loads((DATA / f"{passage_id}.json").read_text(encoding="utf-8"))
    assert data["split"] == "tune"
    return data, next(c for c in data["clauses"] if c["id"] == clause_id)


@pytest.mark.parametrize(("label", "passage_id", "clause_id"), CAUGHT)
def test_a_distortion_is_flagged_with_its_kind(label: str, passage_id: str, clause_id: str) -> None:
    data, item = clause(passage_id, clause_id)
    assert item["label"] == label
    source = collate.witness("source", data["passage"], role="source")
    summary = collate.witness("summary", item["summary"], role="summary")
    found = collate.check_summary(summary, [source]).anomalies
    mine = [a for a in found if a.kind.value == f"summary-{label}"]
    assert mine, [(a.kind.value, a.cause) for a in found]
    for anomaly in mine:
        assert anomaly.cause and 0 < anomaly.confidence < 1
        assert summary.text[anomaly.start : anomaly.end] == anomaly.text


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
    for label, passage_id, _ in CAUGHT:
        texts.setdefault(label, set()).add(json.loads((DATA / f"{passage_id}.json").read_text())["text"])
    for label, text, *_ in WRITTEN:
        texts.setdefault(label, set()).add(text)
    kinds = {k.value.removeprefix("summary-") for k in collate.AnomalyKind if k.value.startswith("summary-")}
    assert set(texts) == kinds
    assert all(len(t) >= 4 for t in texts.values()), texts


def test_confidences_are_what_the_tuning_half_measures(capsys) -> None:
    """Each kind's confidence is the smoothed share of its flags that were right on the tuning
    half: rerunning the measurement gives the table the library holds."""
    import importlib.util

    from collate.summary import CONFIDENCE

    spec = importlib.util.spec_from_file_location("summary_bench", ROOT / "benchmarks" / "summary_bench.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    measured = bench.measure("tune", False)["calibrated"]
    capsys.readouterr()
    for kind, value in CONFIDENCE.items():
        assert 0 < value < 1
        assert measured[kind.value.removeprefix("summary-")] == pytest.approx(value, abs=0.005), kind
