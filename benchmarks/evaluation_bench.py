"""Flags a critic can trust: the detectors and the relation inference on real traditions,
split by text once, tuned on one half and reported on the other.

The halves (fixed before any rule was tuned, and never changed):

- John (CNTR's transcriptions): chapters 1-10 are the tuning half, chapters 11-21 held out.
- *Frankenstein* (1818, 1823, 1831, Thomas): Volume I of 1818 (up to "Nothing is more
  painful to the human mind", the opening of Volume II, in each edition) is the tuning half,
  the rest held out.
- *Notre besoin* (13 hand copies with a known stemma, ``data/notre-besoin``): held out whole;
  it came in after every weight was set.
- Mark (six CNTR manuscripts, ``data/cntr-mark``): unseen until the third round of rules was
  set, reported whole (chapters 1-8 and 9-16 alike), with the correctors' cases read off
  CNTR's markup (`mark_corrections`).

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
import difflib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import collate
from collate.aligner import align
from collate.anomalies import DetectOptions, relations
from collate.anomalies._common import Collation, words
from collate.apparatus import build
from collate.model import Anomaly, AnomalyKind, Apparatus, Witness, at_lacuna

import cntr
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
    return _verses_half(path.read_text(encoding="utf-8"), siglum, half, 10)


def _verses_half(text: str, siglum: str, half: str, last_first: int) -> Witness:
    """The verses (lines ``BBCCCVVV text``) of chapters 1 to ``last_first``, or the rest."""
    kept = []
    for line in text.splitlines():
        ref = line.split(" ", 1)[0]
        chapter = int(ref[2:5]) if ref.isdigit() and len(ref) == 8 else 0
        if chapter and (chapter <= last_first) == (half == "tuning"):
            kept.append(line)
    return collate.witness(siglum, "\n".join(kept) + "\n")


@dataclass(frozen=True)
class Book:
    """A book of the New Testament in CNTR's transcriptions (``data/cntr-<name>``), unseen
    until a round of rules was set: its manuscripts, the four whose flags are judged, and
    the last chapter of its first half (both halves unseen; the split keeps the layout)."""

    name: str
    sigla: tuple[str, ...]
    judged: tuple[str, ...]
    first_half: int

    def half(self, siglum: str, half: str, first_hand: bool = False, name: str = "") -> Witness:
        """A manuscript's first hand or final text (`cntr.layer`), in the half's chapters."""
        return _verses_half(cntr.layer(self.raw(siglum), first_hand), name or siglum, half, self.first_half)

    def raw(self, siglum: str) -> str:
        return (DATA / f"cntr-{self.name.lower()}" / "raw" / f"{siglum}.txt").read_text(encoding="utf-8")

    def tradition(self) -> Tradition:
        return (
            f"{self.name} {', '.join(self.judged)} (manuscripts)",
            lambda half: [self.half(s, half) for s in self.judged],
            "independent",
        )

    def hands(self) -> list[Tradition]:
        return [
            (
                f"{self.name} {s}, first hand and corrected",
                lambda half, s=s: [
                    self.half(s, half, True, f"{s}-first"),
                    self.half(s, half, False, f"{s}-corrected"),
                ],  # type: ignore[misc]
                "copies",
            )
            for s in self.sigla
        ]


BOOKS = (
    Book("Mark", ("01", "02", "03", "04", "05", "032"), ("01", "02", "03", "05"), 8),
    Book("Luke", ("P75", "01", "02", "03", "04", "05", "032"), ("01", "02", "03", "05"), 12),
)
"""The books set aside: Mark until the third round of rules was set; Luke (without 10:31-32,
a case the tests use) run after Mark, the rules unchanged, to judge more flags of the same
round."""


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
    groups: list[tuple[str, list[Tradition], tuple[str, ...]]] = [
        *((half, [*TRADITIONS, *HANDS], (half,)) for half in HALVES),
        ("Notre besoin", [("Notre besoin (hand copies)", lambda _: _besoin(), "copies")], ("whole",)),
        *((f"{book.name} (unseen)", [book.tradition(), *book.hands()], HALVES) for book in BOOKS),
    ]
    for group, cases, halves in groups:
        right = total = 0
        wrong: list[str] = []
        for (name, load, truth), half in ((case, half) for case in cases for half in halves):
            witnesses = load(half)
            found = relations(witnesses, align(witnesses))
            for relation in found:
                total += 1
                right += relation.relation == truth
                if relation.relation != truth:
                    wrong.append(
                        f"{name}: {'-'.join(relation.witnesses)} {relation.relation} ({relation.reason})"
                    )
        figure(f"{group}: pairs inferred right", f"{right} / {total}")
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
    for book in BOOKS:
        name, load, _ = book.tradition()
        witnesses = [w for half in HALVES for w in load(half)]
        flagged = [build(load(half)) for half in HALVES]
        count = sum(len(words(w)) for w in witnesses)
        kinds = Counter(a.kind.value for app in flagged for a in app.anomalies if a.confidence >= 0.5)
        total = sum(kinds.values())
        figure(
            f"{name}, unseen, whole ({count:,} words)",
            f"{total} ({total / count * 1e4:.1f})",
            ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())),
        )


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
    **{book.name: book.tradition() for book in BOOKS},
}
"""The traditions of ``data/labels/flags.tsv``, by the name its rows give."""

UNSEEN = ("John II", "Frankenstein MS", *(book.name for book in BOOKS))
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
    book_corrections()
    print()
    flag_figures()
    print()
    if LABELS.exists():
        judged()


def _book_cases(book: Book) -> list[tuple[str, str, str, str]]:
    """The corrections of a book's manuscripts that mend a mechanical slip, read off CNTR's
    markup: words the first hand wrote and a corrector deleted that repeat the words beside
    them (a dittography), and words a corrector supplied that begin like the word after the
    gap or end like the word before it (an eye-skip). (siglum, verse, kind, words)"""
    cases = []
    for siglum in book.sigla:
        for ref, encoded in _edited(book, siglum):
            first = cntr.line_text(encoded, True).split()
            final = cntr.line_text(encoded, False).split()
            for op, i, j, k, m in difflib.SequenceMatcher(a=first, b=final, autojunk=False).get_opcodes():
                n = j - i
                if op == "delete" and (
                    first[max(0, i - n) : i] == first[i:j] or first[j : j + n] == first[i:j]
                ):
                    cases.append((siglum, ref, "dittography", " ".join(first[i:j])))
                supplied = final[k:m]
                if op == "insert" and (
                    (i > 0 and supplied[-1] == first[i - 1]) or (i < len(first) and supplied[0] == first[i])
                ):
                    cases.append((siglum, ref, "eye-skip", " ".join(supplied)))
    return cases


def _edited(book: Book, siglum: str) -> list[tuple[str, str]]:
    """The verses of a manuscript a corrector touched: (reference, CNTR text)."""
    found = []
    for line in book.raw(siglum).splitlines():
        ref, _, encoded = line.partition(" ")
        if "{" in encoded:
            found.append((ref, encoded))
    return found


def book_corrections() -> None:
    """Each unseen book's real slips that a corrector mended, found at 0.5 or more in the
    first hand: dittographies alone and collated with the corrected text, eye-skips collated
    (the pair inferred, and declared copies); and dittographies flagged where no corrector
    touched the verse, per 10,000 words (first hand alone). No rule was written on them."""
    for book in BOOKS:
        _corrections(book)


def _corrections(book: Book) -> None:
    cases = _book_cases(book)
    print(
        f"Recall on real scribal errors, CNTR {book.name} "
        "(unseen; corrections recorded apart from the first hand)"
    )
    found: Counter[tuple[str, str]] = Counter()
    missed = []
    untouched = first_words = 0
    for siglum in book.sigla:
        original = collate.witness(f"{siglum}-first", cntr.layer(book.raw(siglum), True))
        final = collate.witness(f"{siglum}-corrected", cntr.layer(book.raw(siglum), False))
        spans = _verse_spans(original.text)
        runs = {
            "alone": collate.detect([original]),
            "collated": build([original, final]).anomalies,
            "declared": build([original, final], detect_options=DetectOptions(relation="copies")).anomalies,
        }
        for _, ref, kind, text in (c for c in cases if c[0] == siglum):
            lo, hi = spans.get(ref, (-1, -1))
            wanted = AnomalyKind.DITTOGRAPHY if kind == "dittography" else AnomalyKind.OMISSION
            for mode in (
                ("alone", "collated", "declared") if kind == "dittography" else ("collated", "declared")
            ):
                hit = any(
                    a.kind is wanted
                    and a.witness == original.siglum
                    and lo <= a.start <= hi + 1
                    and a.confidence >= 0.5
                    for a in runs[mode]
                )
                found[kind, mode] += hit
                if not hit and mode == "collated":
                    missed.append(f"{kind} {siglum} {ref} “{text}”")
        touched = [spans[ref] for ref, _ in _edited(book, siglum) if ref in spans]
        untouched += sum(
            1
            for a in runs["alone"]
            if a.kind is AnomalyKind.DITTOGRAPHY
            and a.confidence >= 0.5
            and not any(lo <= a.start <= hi for lo, hi in touched)
        )
        first_words += len(words(original))
    kinds = Counter(kind for _, _, kind, _ in cases)
    figure(
        "  cases", f"{kinds['dittography']} dittographies deleted, {kinds['eye-skip']} eye-skips filled in",
        "read off the markup (see _book_cases)",
    )  # fmt: skip
    for kind, modes in (
        ("dittography", ("alone", "collated", "declared")),
        ("eye-skip", ("collated", "declared")),
    ):
        for mode in modes:
            figure(f"  {kind}, {mode}, found at >= 0.5", f"{found[kind, mode]} / {kinds[kind]}")
    figure(
        "  dittographies at >= 0.5 no corrector touched, first hand alone",
        f"{untouched} ({untouched / first_words * 1e4:.2f} per 10,000 words)",
        "goal: at most 2 per 10,000",
    )
    for line in missed:
        print(f"    missed: {line}")


def _verse_spans(text: str) -> dict[str, tuple[int, int]]:
    """Where each verse (a line ``BBCCCVVV text``) lies in a text: its first line."""
    spans: dict[str, tuple[int, int]] = {}
    offset = 0
    for line in text.split("\n"):
        ref = line.split(" ", 1)[0]
        if ref.isdigit():
            spans.setdefault(ref, (offset, offset + len(line)))
        offset += len(line) + 1
    return spans
