"""The summary check on the labelled evaluation sets: per-kind precision and recall, false
flags per faithful clause, link accuracy, and (for the quantity set) the same per quantity form.

- ``benchmarks/data/summaries``: clauses of every kind of distortion, with faithful twins;
- ``benchmarks/data/quantities`` (``--set quantities``): clauses that turn on a quantity or on
  who did something, each with its form (cardinal-words, money, duration, date, ...).

Each set was written before any tuning and split once: rules were tuned on ``tune`` only; the
figures that count are those of ``test`` (the default). Every table names its set and half.

    python benchmarks/summary_bench.py [--set summaries|quantities] [--split test|tune|both]
                                       [--details] [--calibrate]

``--calibrate`` prints each kind's confidence as measured on the tuning half (the share of its
flags that name the clause's own distortion, smoothed: (right + 1) / (flagged + 2)), the table
``collate.summary.CONFIDENCE`` holds; every run prints how those confidences hold on the half
it measures (reliability).
"""

from __future__ import annotations

import argparse
import collections
import json
import time
from pathlib import Path

import collate
from collate.model import AnomalyKind
from collate.summary import CONFIDENCE

SETS = {
    "summaries": Path(__file__).parent / "data" / "summaries",
    "quantities": Path(__file__).parent / "data" / "quantities",
}
"""The labelled sets: clauses of every kind, and clauses that turn on a quantity or a doer
(each with a ``form``: cardinal-words, money, duration, date, attribution, ...)."""


def measure(split: str, details: bool, folder: Path = SETS["summaries"]) -> dict[str, object]:
    labelled: collections.Counter[str] = collections.Counter()
    exact: collections.Counter[str] = collections.Counter()
    anything: collections.Counter[str] = collections.Counter()
    flagged: collections.Counter[str] = collections.Counter()
    right: collections.Counter[str] = collections.Counter()
    faithful = false_flags = linked = clauses = faithful_linked = 0
    by_form: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["split"] != split:
            continue
        # The passage's heading (title, author) travels with it, as an archive record's does.
        heading = {k: data["source"][k] for k in ("title", "author")}
        source = collate.witness("source", data["passage"], role="source", metadata=heading)
        ranges, position = [], 0
        for item in data["clauses"]:
            ranges.append((position, position + len(item["summary"])))
            position += len(item["summary"]) + 1
        summary = collate.witness("summary", " ".join(c["summary"] for c in data["clauses"]), role="summary")
        result = collate.check_summary(summary, [source])
        for item, (start, end) in zip(data["clauses"], ranges, strict=True):
            here = [a for a in result.anomalies if start <= a.start < end]
            kinds = {a.kind.value.removeprefix("summary-") for a in here}
            label = item["label"]
            links = [link for link in result.links if start <= link.start < end]
            span = data["passage"].find(item["span"])
            hit = bool(links and links[0].sources) and (
                links[0].sources[0].start < span + len(item["span"]) and span < links[0].sources[0].end
            )
            clauses += 1
            linked += hit
            if "form" in item:
                form = by_form[item["form"]]
                form["faithful" if label == "faithful" else "distorted"] += 1
                form["faithful flagged" if label == "faithful" else "caught"] += bool(kinds)
                form["right kind"] += label != "faithful" and label in kinds
            if label == "faithful":
                faithful += 1
                faithful_linked += hit
                false_flags += bool(kinds)
                if details and kinds:
                    print(f"  false flag {item['id']}: {sorted(kinds)}: {item['summary']}")
            else:
                labelled[label] += 1
                exact[label] += label in kinds
                anything[label] += bool(kinds)
                if details and label not in kinds:
                    print(f"  missed {item['id']} ({label}; flagged {sorted(kinds)}): {item['summary']}")
            for kind in kinds:
                flagged[kind] += 1
                right[kind] += kind == label
    print(f"\n== summary check on {folder.name}, {split.upper()} half ==")
    print(f"{'kind':22} {'n':>3} {'flagged':>7} {'precision':>9} {'recall':>6} {'any-flag recall':>15}")
    rows = {}
    for kind in sorted(labelled):
        precision = right[kind] / flagged[kind] if flagged[kind] else 0.0
        recall = exact[kind] / labelled[kind]
        rows[kind] = {"n": labelled[kind], "flagged": flagged[kind], "precision": precision, "recall": recall,
                      "any_flag_recall": anything[kind] / labelled[kind]}  # fmt: skip
        print(
            f"{kind:22} {labelled[kind]:>3} {flagged[kind]:>7} {precision:>9.2f} {recall:>6.2f} "
            f"{anything[kind] / labelled[kind]:>15.2f}"
        )
    total = sum(labelled.values())
    figures = {
        "split": split,
        "kinds": rows,
        "recall_exact_kind": sum(exact.values()) / total,
        "recall_any_flag": sum(anything.values()) / total,
        "faithful": faithful,
        "faithful_flagged": false_flags,
        "false_flags_per_20_faithful": 20 * false_flags / faithful,
        "link_accuracy": linked / clauses,
        "link_accuracy_faithful": faithful_linked / faithful,
    }
    print(f"all distortions ({split}): recall {figures['recall_exact_kind']:.2f} with the right kind, "
          f"{figures['recall_any_flag']:.2f} with any flag (goal 0.85)")  # fmt: skip
    print(f"faithful clauses ({split}): {false_flags} of {faithful} flagged, "
          f"{figures['false_flags_per_20_faithful']:.1f} per 20 (goal at most 1)")  # fmt: skip
    print(f"link accuracy ({split}): {figures['link_accuracy']:.2f} of all clauses, "
          f"{figures['link_accuracy_faithful']:.2f} of faithful ones")  # fmt: skip
    print(f"reliability ({split}): kind, confidence given, share of its flags that were right")
    gap = 0.0
    for kind in sorted(flagged):
        given = CONFIDENCE[AnomalyKind(f"summary-{kind}")]
        observed = right[kind] / flagged[kind]
        gap += flagged[kind] * abs(given - observed)
        print(f"  {kind:22} {given:>5.2f} {observed:>5.2f}  ({right[kind]} of {flagged[kind]})")
    figures["calibration_error"] = gap / max(1, sum(flagged.values()))
    print(f"  expected calibration error ({split}): {figures['calibration_error']:.3f}")
    if by_form:
        print(f"by form ({split}): distorted caught (right kind), faithful flagged")
        for name, counts in sorted(by_form.items()):
            print(
                f"  {name:18} {counts['caught']:>3}/{counts['distorted']:<3} ({counts['right kind']})"
                f"   {counts['faithful flagged']:>3}/{counts['faithful']}"
            )
        figures["forms"] = {name: dict(counts) for name, counts in sorted(by_form.items())}
    kinds = sorted(set(labelled) | set(flagged))
    figures["calibrated"] = {kind: round((right[kind] + 1) / (flagged[kind] + 2), 2) for kind in kinds}
    return figures


def held_out() -> None:
    """The test half of each labelled set: the figures that count."""
    for folder in SETS.values():
        measure("test", False, folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["test", "tune", "both"], default="test")
    parser.add_argument("--set", choices=sorted(SETS), default="summaries", dest="data_set",
                        help="which labelled set")  # fmt: skip
    parser.add_argument("--details", action="store_true", help="list each miss and false flag")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--calibrate", action="store_true", help="the confidences the tuning half gives")
    options = parser.parse_args()
    started = time.perf_counter()
    if options.calibrate:
        calibrated = measure("tune", False)["calibrated"]
        print("\nCONFIDENCE (tuning half):")
        for kind, value in calibrated.items():  # type: ignore[union-attr]
            print(f"    AnomalyKind.SUMMARY_{kind.upper().replace('-', '_')}: {value},")
        return
    splits = ["tune", "test"] if options.split == "both" else [options.split]
    figures = [measure(split, options.details, SETS[options.data_set]) for split in splits]
    print(f"\n{time.perf_counter() - started:.1f} s")
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
