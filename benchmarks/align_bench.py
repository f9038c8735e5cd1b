"""Benchmarks of the aligner: whole-novel speed and memory, CollateX side by side,
closeness to a minimal edit script, agreement with the Frankenstein Variorum's own
apparatus, and the Gospel of John in twelve witnesses.

Run ``python benchmarks/run.py align`` (or ``nox -s bench``). Figures are printed, never
asserted: the machines are shared and noisy, so compare the ratios measured in one run.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from collate.aligner import align, match_pairs
from collate.model import Alignment, Witness
from collate.readers import load_text, witness_from_text
from collate.tokenizer import Normalization, tokenize

from common import CORPORA, FRANKENSTEIN, SIGLA, best_of, edited_copy, figure, run_command

_REGEX = re.compile(r"\w+|[^\w\s]")


def whole_novel() -> None:
    """The whole Frankenstein, five witnesses, one `collate align` command."""
    files = [FRANKENSTEIN / "text" / "full" / f"{s}.txt" for s in SIGLA]
    texts = [f.read_text(encoding="utf-8") for f in files]
    floor, count = best_of(3, lambda: sum(len(_REGEX.findall(t)) for t in texts))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "frankenstein.json"
        args = [
            sys.executable,
            "-m",
            "collate",
            "align",
            *map(str, files),
            "--format",
            "json",
            "-o",
            str(out),
            "--revisions",  # print editions an author revised
        ]
        wall, peak = min(run_command(args)[:2] for _ in range(3))
        data = json.loads(out.read_text(encoding="utf-8"))
    print(f"Whole Frankenstein ({', '.join(SIGLA)}): {count:,} regex tokens")
    figure("plain regex tokenizing (best of 3)", f"{floor:.3f} s")
    figure("collate align --format json, one command (best of 3)", f"{wall:.2f} s")
    figure("  as a multiple of regex tokenizing", f"{wall / floor:.0f}x", "goal: 25x or less")
    figure("  peak memory", f"{peak * 1.048576:,.0f} MB", "goal: 300 MB or less")
    figure(
        "  units / variant units", f"{len(data['units']):,} / {sum(u['variant'] for u in data['units']):,}"
    )
    # where the time goes, stage by stage, in a fresh process (the why of the multiple)
    script = (
        "import json, sys, time\n"
        "start = time.perf_counter()\n"
        "import collate, collate.cli\n"
        "from collate.anomalies import DetectOptions, detect, relations\n"
        "marks = [('start-up: imports', time.perf_counter())]\n"
        "ws = [collate.load(f)[0] for f in sys.argv[1:]]\n"
        "marks.append(('reading and tokenizing', time.perf_counter()))\n"
        "al = collate.align(ws)\n"
        "marks.append(('alignment', time.perf_counter()))\n"
        "options = DetectOptions(relation='revisions')\n"
        "rel = relations(ws, al, options)\n"
        "found = detect(ws, al, options=options, related=rel)\n"
        "marks.append(('relations and detectors', time.perf_counter()))\n"
        "collate.render(collate.Apparatus(tuple(ws), al, found, (), rel), 'json')\n"
        "marks.append(('the JSON report', time.perf_counter()))\n"
        "times, last = [], start\n"
        "for name, at in marks:\n"
        "    times.append((name, at - last))\n"
        "    last = at\n"
        "print(json.dumps(times))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, *map(str, files)], capture_output=True, check=True)
    for name, seconds in json.loads(done.stdout):
        figure(f"  {name}", f"{seconds:.2f} s", f"{seconds / floor:.0f}x")


def _variant_words(alignment: Alignment) -> int:
    """Tokens (over all witnesses) in units where the witnesses do not all agree."""
    return sum(
        len(reading.norm.split()) * len(reading.witnesses)
        for unit in alignment.units
        if unit.variant
        for reading in unit.readings
    )


def _prefix(siglum: str, tokens: int) -> Witness:
    """The first ``tokens`` matchable tokens of a Frankenstein witness, as a witness."""
    text = (FRANKENSTEIN / "text" / "full" / f"{siglum}.txt").read_text(encoding="utf-8")
    matchable = [t for t in tokenize(text) if t.norm]
    return witness_from_text(siglum, text[: matchable[tokens - 1].end])


def collatex_side_by_side(tokens: int = 2000) -> None:
    """Two witnesses of ``tokens`` tokens: our aligner against CollateX's Python port."""
    pair = [_prefix("1818", tokens), _prefix("1831", tokens)]
    ours_time, ours = best_of(3, lambda: align(pair))
    payload = {
        "witnesses": [
            {"id": w.siglum, "tokens": [{"t": t.text + t.space, "n": t.norm} for t in w.tokens if t.norm]}
            for w in pair
        ]
    }
    script = (
        "import json, sys, time\n"
        "from collatex import Collation, collate\n"
        "data = json.load(sys.stdin)\n"
        "start = time.perf_counter()\n"
        "table = json.loads(collate(Collation.create_from_dict(data), output='json', segmentation=False))\n"
        "print(json.dumps({'seconds': time.perf_counter() - start, 'table': table}))\n"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script], input=json.dumps(payload).encode(), capture_output=True, check=False
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        print("CollateX failed:", done.stderr.decode()[-500:])
        return
    result = json.loads(done.stdout)
    rows = result["table"]["table"]
    variant = 0
    for cells in zip(*rows, strict=True):
        norms = [" ".join(t["n"] for t in cell) if cell else "" for cell in cells]
        if len(set(norms)) > 1:
            variant += sum(len(cell or []) for cell in cells)
    print(
        f"Two witnesses of {tokens:,} tokens (the first {tokens:,} of 1818 and of 1831), against CollateX 2.3"
    )
    figure("CollateX (Python port), collation only", f"{result['seconds']:.1f} s", f"(process {wall:.1f} s)")
    figure("collate (best of 3)", f"{ours_time * 1000:.1f} ms")
    figure("  speed ratio", f"{result['seconds'] / ours_time:,.0f}x", "goal: 500x or more")
    figure("  variant words: CollateX / collate", f"{variant:,} / {_variant_words(ours):,}", "goal: no more")


def minimal_edit_script() -> None:
    """Variant words against the minimal (Myers) edit script of the same two witnesses."""
    from diff_match_patch import diff_match_patch

    from collate.aligner import encode

    print("Closeness to the minimal edit script (variant words; Myers via diff-match-patch)")
    folder = FRANKENSTEIN / "text" / "full"
    base = load_text(folder / "1818.txt")
    for other in ("1823", "Thomas"):
        witness = load_text(folder / f"{other}.txt")
        a = [t.norm for t in base.tokens if t.norm]
        b = [t.norm for t in witness.tokens if t.norm]
        left, right = encode([a, b])
        engine = diff_match_patch()
        engine.Diff_Timeout = 0
        start = time.perf_counter()
        common = sum(len(chunk) for op, chunk in engine.diff_main(left, right, False) if op == 0)
        myers_time = time.perf_counter() - start
        minimal = len(a) + len(b) - 2 * common
        ours_time, alignment = best_of(1, lambda w=witness: align([base, w]))
        ours = _variant_words(alignment)
        figure(
            f"1818 vs {other}: minimal / collate",
            f"{minimal:,} / {ours:,}",
            f"+{(ours / minimal - 1) * 100:.1f} % (goal: 10 % or less)",
        )
        figure("  time: Myers / collate", f"{myers_time:.2f} s / {ours_time:.2f} s")


_TEI = "{http://www.tei-c.org/ns/1.0}"
# The Variorum's normalisation writes the manuscript's "&" as "and"; compare like with like.
_VARIORUM = Normalization(regularize={"&": "and"})
_MARKUP = re.compile(r"<[^>]*>")


def _token_list(value: str) -> list[str]:
    """The Python-style list of strings in a spine's ``rdgGrp/@n`` (a few are malformed)."""
    try:
        parsed = ast.literal_eval(value)
    except (SyntaxError, ValueError):
        return re.findall(r"'([^']*)'", value)
    return [str(t) for t in parsed]


def _spine_readings(path: Path) -> list[dict[str, list[str]]]:
    """Each app of a Variorum spine as {siglum: normalised tokens of its reading group}."""
    apps = []
    for app in ET.parse(path).getroot().iter(f"{_TEI}app"):
        readings: dict[str, list[str]] = {}
        for group in app.iter(f"{_TEI}rdgGrp"):
            raw = _token_list(group.get("n", "") or "[]")
            words = " ".join(_MARKUP.sub(" ", t) for t in raw if "<del" not in t)
            norms = [t.norm for t in tokenize(words, _VARIORUM) if t.norm]
            for rdg in group.iter(f"{_TEI}rdg"):
                readings[rdg.get("wit", "").lstrip("#f")] = norms
        apps.append(readings)
    return apps


def _agreed(mine: list[str], theirs: list[str]) -> set[int]:
    """Offsets in ``mine`` of the tokens that a minimal alignment pairs with ``theirs``."""
    if mine == theirs:
        return set(range(len(mine)))
    return {i for i, _ in match_pairs(mine, theirs)}


def variorum_agreement() -> None:
    """How often our alignment says what the Variorum's CollateX apparatus says.

    For every ordered pair of witnesses (A, B) and every token a of A, each apparatus says
    whether a is *agreed* with B (an identical token of B stands in the same place) or
    *varied*. In the spine, a token of A outside every app is agreed with all; inside an app,
    a is agreed with B when it pairs with a token of B's reading there (both readings
    aligned minimally, since the spine keeps no column inside an app). Ours is judged the
    same way, unit by unit. The spine's tokens are placed in our token stream of A by
    aligning the two; only tokens of A in the stretch of A that the spine covers, and between
    the first and last app where the spine has text of B, are counted. The
    agreement is the share of (A, B, a) on which both apparatuses say the same; the share on
    tokens that either marks as varied is the sterner figure.
    """
    print("Agreement with the Frankenstein Variorum's own CollateX apparatus (spine)")
    total_same = total = varied_same = varied = 0
    for unit in ("C07", "C19", "C20", "C28"):
        apps = _spine_readings(FRANKENSTEIN / "reference-collation" / f"spine_{unit}.xml")
        folder = FRANKENSTEIN / "text" / "units" / unit
        # Only the witnesses the spine has text for (the C07 spine has none of the MS).
        covered = [s for s in SIGLA if any(app.get(s) for app in apps) and (folder / f"{s}.txt").exists()]
        witnesses = [load_text(folder / f"{s}.txt", normalization=_VARIORUM) for s in covered]
        ours = align(witnesses)
        same = count = vsame = vcount = 0
        for w in witnesses:
            norms = [t.norm for t in w.tokens if t.norm]
            stream: list[str] = []
            where: list[tuple[int, int]] = []
            for k, app in enumerate(apps):
                for offset, norm in enumerate(app.get(w.siglum, [])):
                    stream.append(norm)
                    where.append((k, offset))
            place = [(-1, -1)] * len(norms)
            mapped = match_pairs(stream, norms)
            for i, j in mapped:
                place[j] = where[i]
            # The stretch of this witness the spine covers, and the app each token follows.
            first, last = mapped[0][1], mapped[-1][1]
            cursor, current = [], 0
            for k, _ in place:
                current = max(current, k)
                cursor.append(current)
            mine_place = []
            for u in ours.units:
                reading = u.reading_of(w.siglum)
                if reading is not None and reading.norm:
                    mine_place.extend((u, offset) for offset in range(len(reading.norm.split())))
            for other in witnesses:
                if other is w:
                    continue
                theirs_cache: dict[int, set[int]] = {}
                mine_cache: dict[str, set[int]] = {}
                # Only where the spine has text of B around (it stops early for 1831 in C07).
                spans_b = [k for k, app in enumerate(apps) if app.get(other.siglum)]
                for j in range(first, last + 1):
                    if not spans_b[0] <= cursor[j] <= spans_b[-1]:
                        continue
                    k, offset = place[j]
                    if k < 0:
                        theirs = True
                    else:
                        if k not in theirs_cache:
                            theirs_cache[k] = _agreed(
                                apps[k].get(w.siglum, []), apps[k].get(other.siglum, [])
                            )
                        theirs = offset in theirs_cache[k]
                    u, mine_offset = mine_place[j]
                    if u.id not in mine_cache:
                        a, b = u.reading_of(w.siglum), u.reading_of(other.siglum)
                        mine_cache[u.id] = _agreed(a.norm.split() if a else [], b.norm.split() if b else [])
                    mine = mine_offset in mine_cache[u.id]
                    count += 1
                    same += theirs == mine
                    if not (theirs and mine):
                        vcount += 1
                        vsame += theirs == mine
        total_same, total = total_same + same, total + count
        varied_same, varied = varied_same + vsame, varied + vcount
        figure(
            f"{unit} ({len(witnesses)} witnesses): tokens judged alike",
            f"{same / count * 100:.1f} %",
            f"on variant tokens {vsame / max(vcount, 1) * 100:.1f} %",
        )
    figure("all four units", f"{total_same / total * 100:.1f} %", "goal: 95 % or more")
    figure("  on variant tokens only", f"{varied_same / max(varied, 1) * 100:.1f} %")


def gospel_of_john() -> None:
    """The Gospel of John in twelve witnesses, in one run, and order-independence there."""
    folder = CORPORA / "cntr-john" / "norm"
    files = sorted(folder.glob("*.txt"))
    witnesses = [load_text(f) for f in files]
    tokens = sum(1 for w in witnesses for t in w.tokens if t.norm)
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall, alignment = best_of(1, lambda: align(witnesses))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Gospel of John, {len(witnesses)} witnesses, {tokens:,} tokens")
    figure("align, one run", f"{wall:.2f} s")
    figure(
        "  peak memory of this process (before: the witnesses loaded)", f"{peak:,.0f} MiB", f"({before:,.0f})"
    )
    figure(
        "  units / variant units", f"{len(alignment.units):,} / {sum(u.variant for u in alignment.units):,}"
    )
    same = _canonical(align(witnesses[::-1])) == _canonical(alignment)
    figure("  same units with the witnesses reversed", "yes" if same else "no")


def _canonical(alignment: Alignment) -> list[frozenset[tuple[str, int, int]]]:
    return [
        frozenset((s, span.start, span.end) for r in u.readings for s, span in r.spans.items())
        for u in alignment.units
    ]


def hard_inputs() -> None:
    """The worst cases the aligner meets: two and three witnesses of 100,000 words drawn from
    six common words (no anchors anywhere), and 100 witnesses of 1,000 words (copies of one Frankenstein
    passage, each with its own random edits)."""
    import random

    chance = random.Random(6)
    common = "the of and to a in".split()
    a = " ".join(chance.choice(common) for _ in range(100_000))
    b = " ".join(chance.choice(common) for _ in range(100_000))
    first, second = witness_from_text("A", a), witness_from_text("B", b)
    wall, alignment = best_of(1, lambda: align([first, second]))
    print("Hard inputs")
    figure("two witnesses of 100,000 low-entropy words", f"{wall:.1f} s", "goal: under 10 s")
    figure("  units", f"{len(alignment.units):,}")
    c = " ".join(chance.choice(common) for _ in range(100_000))
    third = witness_from_text("C", c)
    wall, alignment = best_of(1, lambda: align([first, second, third]))
    figure("three witnesses of 100,000 low-entropy words", f"{wall:.1f} s", "(refinement's worst case)")
    words = (FRANKENSTEIN / "text" / "full" / "1818.txt").read_text(encoding="utf-8").split()[5000:6000]
    copies = []
    for n in range(100):
        copies.append(witness_from_text(f"W{n:03d}", " ".join(edited_copy(words, 20, chance))))
    wall, alignment = best_of(1, lambda: align(copies))
    figure("100 witnesses of 1,000 words", f"{wall:.1f} s", f"{len(alignment.units):,} units")
