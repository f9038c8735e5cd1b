"""Flags a critic can trust: the detectors and the relation inference on real traditions,
split by text once, tuned on one half and reported on the other.

The halves (fixed before any rule was tuned, and never changed):

- John (CNTR's transcriptions): chapters 1-10 are the tuning half, chapters 11-21 held out.
- *Frankenstein* (1818, 1823, 1831, Thomas): Volume I of 1818 (up to "Nothing is more
  painful to the human mind", the opening of Volume II, in each edition) is the tuning half,
  the rest held out.
- *Notre besoin* (13 hand copies with a known stemma, ``data/notre-besoin``): held out whole;
  it came in after every weight was set.

What is printed for each half:

- ``relations``: the relation inferred for each pair of witnesses, beside the true one (John's
  manuscripts and editions: independent; a first hand and its corrected state: copies; the
  Frankenstein editions: revisions; *Notre besoin*: copies).
- ``flags``: flags at 0.5 or more per 10,000 words, by kind, default options.
- *Notre besoin*: every flag in a copy whose exemplar is extant, judged by the stemma: right
  where the copy and its exemplar differ at the flag (its scribe made the change), wrong
  where they agree (the change is another witness's).
- ``judged``: precision by kind on the flags judged by hand (``data/labels/flags.tsv``: how
  they were drawn and judged is in ``data/labels/README.md``).

Run ``python benchmarks/run.py held-out``. Figures are printed, never asserted.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import collate
from collate.aligner import align
from collate.anomalies import relations
from collate.anomalies._common import Collation, words
from collate.apparatus import build
from collate.model import Anomaly, Apparatus, Witness, at_lacuna

from anomaly_bench import JOHN, JOHN_SIGLA
from common import FRANKENSTEIN, figure

DATA = Path(__file__).resolve().parent / "data"
BESOIN = DATA / "notre-besoin"
LABELS = DATA / "labels" / "flags.tsv"
HALVES = ("tuning", "held out")
SECOND_VOLUME = "nothing is more painful to the human mind"
"""Where the held-out half of *Frankenstein* begins (the opening of 1818's Volume II)."""


def _john_half(path: Path, siglum: str, half: str) -> Witness:
    """A John witness's verses (lines ``43CCCVVV text``) of chapters 1-10 or 11-21."""
    kept = []
    for line in path.read_text(encoding="utf-8").splitlines():
        ref = line.split(" ", 1)[0]
        chapter = int(ref[2:5]) if ref.isdigit() and len(ref) == 8 else 0
        if chapter and (chapter <= 10) == (half == "tuning"):
            kept.append(line)
    return collate.witness(siglum, "\n".join(kept) + "\n")


def _frankenstein_half(siglum: str, half: str) -> Witness:
    text = (FRANKENSTEIN / "text" / "full" / f"{siglum}.txt").read_text(encoding="utf-8")
    cut = text.lower().index(SECOND_VOLUME)
    return collate.witness(siglum, text[:cut] if half == "tuning" else text[cut:])


MANUSCRIPT_HELD_OUT = 15
"""The first collation unit of the draft's held-out half: C15 holds the opening of 1818's
Volume II (the draft begins at C07 and lacks C19)."""


def _manuscript_half(half: str) -> list[Witness]:
    """Mary Shelley's draft (``MS``, Abinger c. 56-57) and the 1818 edition, over the
    Variorum's collation units the draft has, tuning half (C07-C14) or held out (C15-C33).
    The units are joined in order, a blank line between them, in each witness alike."""
    units = sorted((FRANKENSTEIN / "text" / "units").glob("C[0-9][0-9]"))
    kept = [
        u
        for u in units
        if (u / "MS.txt").exists() and (int(u.name[1:]) < MANUSCRIPT_HELD_OUT) == (half == "tuning")
    ]
    return [
        collate.witness(
            s, "\n\n".join((u / f"{s}.txt").read_text(encoding="utf-8").strip() for u in kept) + "\n"
        )
        for s in ("MS", "1818")
    ]


def _besoin() -> list[Witness]:
    return [collate.witness(p.stem, p.read_text(encoding="utf-8")) for p in sorted(BESOIN.glob("*.txt"))]


def exemplars() -> dict[str, str]:
    """Each *Notre besoin* copy whose exemplar is extant, and that exemplar (from stemma.dot)."""
    found = {}
    for line in (BESOIN / "stemma.dot").read_text(encoding="utf-8").splitlines():
        if "->" in line:
            exemplar, copy = (part.strip(" ;") for part in line.split("->"))
            if "omega" not in (exemplar, copy):
                found[copy] = exemplar
    return found


Tradition = tuple[str, Callable[[str], list[Witness]], str]
"""A name, the witnesses of a half, and the true relation of its pairs."""

TRADITIONS: list[Tradition] = [
    (
        "John 01, 03, 05, P66 (manuscripts)",
        lambda half: [_john_half(JOHN / "final" / f"{s}.txt", s, half) for s in ("01", "03", "05", "P66")],
        "independent",
    ),
    (
        "John WH, RP, ST, KJTR (printed editions)",
        lambda half: [_john_half(JOHN / "final" / f"{s}.txt", s, half) for s in ("WH", "RP", "ST", "KJTR")],
        "independent",
    ),
    (
        "Frankenstein 1818, 1823, 1831, Thomas",
        lambda half: [_frankenstein_half(s, half) for s in ("1818", "1823", "1831", "Thomas")],
        "revisions",
    ),
    (
        "John P75, 02, 04, 032 (manuscripts)",
        lambda half: [_john_half(JOHN / "final" / f"{s}.txt", s, half) for s in ("P75", "02", "04", "032")],
        "independent",
    ),
    ("Frankenstein MS (draft) and 1818", _manuscript_half, "revisions"),
]
"""The traditions whose flags are counted per half. The last two were set aside until the rules
were written, both halves unseen: John's other four manuscripts (until the second round), and
Mary Shelley's draft beside the first edition (until every rule of this issue was set)."""

HANDS: list[Tradition] = [
    (
        f"John {s}, first hand and corrected",
        lambda half, s=s: [  # type: ignore[misc]
            _john_half(JOHN / "original" / f"{s}.txt", f"{s}-first", half),
            _john_half(JOHN / "final" / f"{s}.txt", f"{s}-corrected", half),
        ],
        "copies",
    )
    for s in JOHN_SIGLA
]


def relation_figures() -> None:
    """The relation inferred for each pair, beside the true one, per half."""
    print("Relations inferred from the collation (nothing declared), beside the true ones")
    for half in (*HALVES, "Notre besoin"):
        right = total = 0
        wrong: list[str] = []
        cases = (
            [("Notre besoin (hand copies)", lambda _: _besoin(), "copies")]
            if half == "Notre besoin"
            else [
                *TRADITIONS,
                *HANDS,
            ]
        )
        for name, load, truth in cases:
            witnesses = load(half)
            found = relations(witnesses, align(witnesses))
            for relation in found:
                total += 1
                right += relation.relation == truth
                if relation.relation != truth:
                    wrong.append(
                        f"{name}: {'-'.join(relation.witnesses)} {relation.relation} ({relation.reason})"
                    )
        figure(f"{half}: pairs inferred right", f"{right} / {total}")
        for line in wrong:
            print(f"    wrong: {line}")


def flag_figures() -> None:
    """Flags at 0.5 or more per 10,000 words, by kind, per half; and *Notre besoin*'s."""
    print("Flags at confidence >= 0.5 per 10,000 words, default options")
    for name, load, _ in TRADITIONS:
        for half in HALVES:
            witnesses = load(half)
            _print_flags(f"{name}, {half}", witnesses, build(witnesses))
    witnesses = _besoin()
    apparatus = build(witnesses)
    _print_flags("Notre besoin (held out)", witnesses, apparatus)
    _judge_by_stemma(apparatus)


def _print_flags(name: str, witnesses: list[Witness], apparatus: Apparatus) -> None:
    count = sum(len(words(w)) for w in witnesses)
    flagged = [a for a in apparatus.anomalies if a.confidence >= 0.5]
    kinds = Counter(a.kind.value for a in flagged)
    figure(
        f"{name} ({count:,} words)",
        f"{len(flagged)} ({len(flagged) / count * 1e4:.1f})",
        ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())),
    )


def _judge_by_stemma(apparatus: Apparatus) -> None:
    """Each flag in a copy whose exemplar is extant: right where the two differ there."""
    known = exemplars()
    collation = Collation(list(apparatus.witnesses), apparatus.alignment)
    verdicts: Counter[tuple[str, bool]] = Counter()
    unjudged = 0
    shown = []
    for anomaly in apparatus.anomalies:
        if anomaly.confidence < 0.5:
            continue
        exemplar = known.get(anomaly.witness)
        if exemplar is None:
            unjudged += 1
            continue
        right = _differs(collation, anomaly, exemplar)
        verdicts[anomaly.kind.value, right] += 1
        if not right:
            shown.append(f"{anomaly.kind.value} in {anomaly.witness} (exemplar {exemplar}): {anomaly.cause}")
    for kind in sorted({k for k, _ in verdicts}):
        good, bad = verdicts[kind, True], verdicts[kind, False]
        figure(
            f"  {kind}: right by the stemma", f"{good} / {good + bad}", f"precision {good / (good + bad):.2f}"
        )
    figure("  flags in T1 and B (no extant exemplar), not judged", str(unjudged))
    made = found = 0
    lacunae = {w.siglum: w.lacunae() for w in apparatus.witnesses}
    for unit in apparatus.alignment.units:
        for copy, exemplar in known.items():
            mine, theirs = unit.reading_of(copy), unit.reading_of(exemplar)
            if mine is None or theirs is None or mine.norm or len(theirs.norm.split()) < 3:
                continue
            if at_lacuna(apparatus.witness(copy).text, lacunae[copy], mine.spans[copy]):
                continue  # the copy's text is lost there
            made += 1
            point = mine.spans[copy].start
            found += any(
                a.witness == copy and a.kind.value == "omission" and a.confidence >= 0.5 and a.start == point
                for a in apparatus.anomalies
            )
    figure("  omissions of 3 words or more a copyist made, flagged", f"{found} / {made}")
    for line in shown[:10]:
        print(f"    wrong: {line}")


def _differs(collation: Collation, anomaly: Anomaly, exemplar: str) -> bool:
    """Whether the flagged witness and its exemplar read differently over the flag's units."""
    units = collation.units_over(anomaly.witness, max(0, anomaly.start - 1), anomaly.end + 1)
    for unit in units:
        mine, theirs = unit.reading_of(anomaly.witness), unit.reading_of(exemplar)
        if mine is not theirs and (mine is None or theirs is None or mine.norm != theirs.norm):
            return True
    return False


JUDGED = {
    "John": TRADITIONS[0],
    "Frankenstein": TRADITIONS[2],
    "John II": TRADITIONS[3],
    "Frankenstein MS": TRADITIONS[4],
}
"""The traditions of ``data/labels/flags.tsv``, by the name its rows give."""

UNSEEN = ("John II", "Frankenstein MS")
"""Traditions whose flags nobody read while the rules were written: their precision is a
result; that of the others (read, both halves, while writing the rules) is not."""


def judged() -> None:
    """Precision by kind on the flags judged by hand (``data/labels/flags.tsv``), per half:
    today's flags are matched with the judged ones, and those nobody judged are counted."""
    with LABELS.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    verdicts = {
        (r["tradition"], r["half"], r["witness"], r["kind"], int(r["start"]), int(r["end"])): r for r in rows
    }
    print(f"Precision on the flags judged by hand ({LABELS.relative_to(DATA.parent)})")
    groups = [
        (f"read while writing the rules, {half}", [s for s in JUDGED if s not in UNSEEN], (half,))
        for half in HALVES
    ]
    groups.extend((f"unseen ({JUDGED[short][0]}), today", [short], HALVES) for short in UNSEEN)
    for title, shorts, halves in groups:
        counts: Counter[tuple[str, str]] = Counter()
        for short in shorts:
            _, load, _ = JUDGED[short]
            for half in halves:
                for a in build(load(half)).anomalies:
                    if a.confidence >= 0.5:
                        row = verdicts.get((short, half, a.witness, a.kind.value, a.start, a.end))
                        counts[a.kind.value, row["verdict"] if row else "not judged"] += 1
        _print_precision(title, counts)
    for short in UNSEEN:
        # Every row of an unseen tradition is a flag of its one first run: the result.
        first = Counter((r["kind"], r["verdict"]) for r in rows if r["tradition"] == short)
        _print_precision(f"unseen ({JUDGED[short][0]}), first run (the result)", first)


def _print_precision(title: str, counts: Counter[tuple[str, str]]) -> None:
    for kind in sorted({k for k, _ in counts}):
        error, variant, unjudged = (counts[kind, v] for v in ("error", "variant", "not judged"))
        judged_count = error + variant
        figure(
            f"{title}: {kind}",
            f"{error} / {judged_count} kept",
            (f"precision {error / judged_count:.2f}" if judged_count else "")
            + (f"; {unjudged} not judged" if unjudged else ""),
        )


def held_out() -> None:
    relation_figures()
    print()
    flag_figures()
    print()
    if LABELS.exists():
        judged()
