"""Each kind of summary distortion, on passages of several texts: clauses of the tuning half
of the evaluation set (benchmarks/data/summaries) that the check must flag with their own kind.
Figures on the test half are the benchmark's (benchmarks/summary_bench.py), never tuned on."""

from __future__ import annotations

import json

import pytest

import collate

from conftest import ROOT

DATA = ROOT / "benchmarks" / "data" / "summaries"

CAUGHT = [
    ("altered-term", "frus1861-d26", "frus1861-d26.c6"),
    ("altered-term", "frus1914supp-d264-d265", "frus1914supp-d264-d265.c3"),
    ("changed-attribution", "frus1861-d30", "frus1861-d30.c11"),
    ("changed-attribution", "frus1914supp-d264-d265", "frus1914supp-d264-d265.c13"),
    ("changed-number", "frankenstein-1818-preface", "frankenstein-1818-preface.c10"),
    ("changed-number", "frus1861-d26", "frus1861-d26.c2"),
    ("changed-number", "frus1861-d30", "frus1861-d30.c2"),
    ("changed-number", "frus1914supp-d267-part1", "frus1914supp-d267-part1.c15"),
    ("changed-number", "frus1918russia3-d31", "frus1918russia3-d31.c5"),
    ("changed-number", "frus1918russia3-d31", "frus1918russia3-d31.c14"),
    ("changed-quantity", "frankenstein-1818-letter3", "frankenstein-1818-letter3.c12"),
    ("changed-quantity", "frus1861-d30", "frus1861-d30.c6"),
    ("changed-quantity", "frus1914supp-d267-part1", "frus1914supp-d267-part1.c23"),
    ("changed-quantity", "frus1918russia3-d31", "frus1918russia3-d31.c8"),
    ("changed-scope", "frankenstein-1818-preface", "frankenstein-1818-preface.c3"),
    ("changed-scope", "frus1861-d30", "frus1861-d30.c5"),
    ("changed-scope", "frus1914supp-d267-part1", "frus1914supp-d267-part1.c12"),
    ("contradicted", "frankenstein-1818-letter3", "frankenstein-1818-letter3.c7"),
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


def test_every_kind_is_covered_on_more_than_one_text() -> None:
    texts: dict[str, set[str]] = {}
    for label, passage_id, _ in CAUGHT:
        texts.setdefault(label, set()).add(json.loads((DATA / f"{passage_id}.json").read_text())["text"])
    kinds = {k.value.removeprefix("summary-") for k in collate.AnomalyKind if k.value.startswith("summary-")}
    assert set(texts) == kinds
    assert all(len(t) >= 2 for t in texts.values()), texts
