"""CollateX's own alignment cases, restated as checks that do not depend on its table layout
(tests/data/collatex_cases.json, with its README): tokens CollateX puts in one column must
stand in one unit of ours (and, where they are the same word, in one reading at one place);
tokens it keeps apart must not be aligned as the same word; blocks it calls transposed must be
a transposition of ours. Where we think CollateX's expectation is wrong, ``DISAGREE`` says why
and the check is skipped for that group alone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import collate
from collate.model import Alignment, Witness

from conftest import corpus

DATA = json.loads((Path(__file__).parent / "data" / "collatex_cases.json").read_text(encoding="utf-8"))
MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
TOKEN = re.compile(rf"[\w{MARKS}]+|[^\w\s]")

DISAGREE: dict[tuple[str, str, int], str] = {
    ("black-dog-red-cat", "apart", 0): "A and B swap two blocks ('The black dog chases' / 'a red cat'): "
    "either block can be the one aligned and the other the moved one; collate keeps the longer "
    "common block 'a red cat' in place in all three, CollateX keeps 'black dog' and splits 'cat'",
    ("black-dog-red-cat", "apart", 1): "as group 0: the same swap, seen from C",
    ("glass-those", "aligned", 3): "a layout, not a match: CollateX sets the segment 'dinner plates' "
    "against 'glasses' in one column; collate sets 'plates' against 'glasses' and 'dinner' apart",
    ("greek-mark-13-2", "aligned", 17): "a tokenisation, not a match: CollateX splits only at "
    "whitespace, so A's '(οσ' is one token, unequal to 'οσ'; collate reads the bracket as a mark of "
    "its own, so all three agree on 'οσ ου' and A's brackets stand apart, where a critic sees them",
    ("greek-mark-13-2", "aligned", 18): "as group 17: A's 'ου)' is 'ου' and a closing bracket",
    ("stoekl-depth", "aligned", 2): "CollateX never runs this test (@Ignore) and its expectations "
    "contradict each other; for C 'a d b' against 'a b c d e', 'b' and 'd' are equally good",
}
"""(case, "aligned" or "apart", group number) -> why collate decides otherwise."""

KNOWN_LIMITS: dict[str, str] = {}
"""Cases collate does not meet yet, and why: they run, and must fail (``xfail(strict)``)."""

CASES = [
    pytest.param(k, marks=pytest.mark.xfail(strict=True, reason=KNOWN_LIMITS[k])) if k in KNOWN_LIMITS else k
    for k in sorted(k for k, v in DATA.items() if v["aligned"] or v["apart"] or v["transposed"])
]


@pytest.fixture(scope="module")
def texts() -> dict[str, dict[str, str]]:
    return json.loads(corpus("collatex-test-witnesses", "witnesses.json").read_text(encoding="utf-8"))


def place(alignment: Alignment, witness: Witness, index: int) -> tuple[str, str, int]:
    """Where the ``index``-th token (as the data counts) of ``witness`` stands: its unit, the
    normalised reading it is in, and its word position inside that reading."""
    start = [m.start() for m in TOKEN.finditer(witness.text)][index]
    for unit in alignment.units:
        reading = unit.reading_of(witness.siglum)
        assert reading is not None
        span = reading.spans[witness.siglum]
        if span.start <= start < span.end:
            before = [t for t in witness.tokens if t.norm and span.start <= t.start < start]
            return unit.id, reading.norm, len(before)
    raise AssertionError(f"{witness.siglum}: no unit holds offset {start}")


def same_word(group: list[list]) -> bool:
    return len({text.casefold() for _, _, text in group}) == 1


@pytest.mark.parametrize("case", CASES)
def test_collatex_case(case: str, texts: dict[str, dict[str, str]]) -> None:
    expected = DATA[case]
    witnesses = [collate.witness(siglum, text) for siglum, text in texts[case].items()]
    by_siglum = {w.siglum: w for w in witnesses}
    apparatus = collate.collate(witnesses)
    alignment = apparatus.alignment
    problems = []
    for number, group in enumerate(expected["aligned"]):
        if (case, "aligned", number) in DISAGREE:
            continue
        places = [place(alignment, by_siglum[s], i) for s, i, _ in group]
        units = {u for u, _, _ in places}
        if len(units) > 1:
            problems.append(f"aligned {number} {[t for _, _, t in group]}: in units {sorted(units)}")
        elif same_word(group) and len({(r, k) for _, r, k in places}) > 1:
            problems.append(f"aligned {number} {[t for _, _, t in group]}: same unit, not one place")
    for number, (a, b) in enumerate(expected["apart"]):
        if (case, "apart", number) in DISAGREE:
            continue
        pa, pb = place(alignment, by_siglum[a[0]], a[1]), place(alignment, by_siglum[b[0]], b[1])
        if pa == pb:
            problems.append(f"apart {number} {a[2]!r}/{b[2]!r}: aligned as one word in {pa[0]}")
    moved = {
        (siglum, span.start, span.end)
        for t in alignment.transpositions
        for siglum, span in zip(t.witnesses, t.spans, strict=True)
    }
    for number, group in enumerate(expected["transposed"]):
        for siglum, index, text in group:
            start = [m.start() for m in TOKEN.finditer(by_siglum[siglum].text)][index]
            if not any(s == siglum and lo <= start < hi for s, lo, hi in moved):
                problems.append(f"transposed {number}: {siglum} {text!r} is in no transposition")
    assert not problems, "\n".join(problems)
